// The native module `hal` (version 0) that compiled programs import to build and inspect
// buffer views. Its exports and calling conventions are a fixed contract with the compiler:
//
//   hal.buffer_view.create(source: !vm.buffer, offset: i64, length: i64, element_type: i32,
//                          shape: i64...) -> !hal.buffer_view                  0rIIiCID_r
//   hal.buffer_view.dim(view, index: i32) -> i64                               0ri_I
//   hal.buffer_view.rank(view) -> i32                                          0r_i
//   hal.buffer_view.element_type(view) -> i32                                  0r_i
//   hal.buffer_view.buffer(view) -> !vm.buffer (aliasing the view's bytes)     0r_r
//   hal.buffer_view.assert(view, element_type: i32, shape: i64...)             0riCID_v
#ifndef SINEW_RUNTIME_HAL_HAL_MODULE_H_
#define SINEW_RUNTIME_HAL_HAL_MODULE_H_

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// Creates module `hal`; it registers `hal.buffer_view` on `instance` while it lives. The module
// has one reference, owned by the caller.
sinew_status_t sinew_hal_module_create(sinew_vm_instance_t* instance, sinew_allocator_t allocator,
                                       sinew_vm_module_t** out_module);

// Registers the HAL ref types (`hal.buffer_view`) so bytecode naming them loads and hosts can
// create views before any `hal` module exists. Counted: registering again is harmless.
sinew_status_t sinew_hal_register_types(sinew_vm_instance_t* instance);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_RUNTIME_HAL_HAL_MODULE_H_
