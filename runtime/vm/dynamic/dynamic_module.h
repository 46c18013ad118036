// Modules loaded from shared libraries (reference/RUNTIME_MODEL.md section 15).
//
// A library exports a create function with the signature of sinew_vm_dynamic_module_create_t
// (by default named `sinew_vm_dynamic_module_create`):
//
//   SINEW_VM_DYNAMIC_MODULE_EXPORT sinew_status_t sinew_vm_dynamic_module_create(
//       uint32_t max_version, sinew_vm_instance_t* instance, size_t param_count,
//       const sinew_string_pair_t* params, sinew_allocator_t allocator,
//       sinew_vm_module_t** out_module) {
//     SINEW_RETURN_IF_ERROR_C(
//         sinew_vm_dynamic_module_check_version(max_version, SINEW_VM_DYNAMIC_MODULE_VERSION));
//     return my_module_create(instance, allocator, out_module);
//   }
//
// The library does not link the Sinew runtime: its runtime calls bind to the host's copy when
// it is loaded, so builtin types (vm.buffer, vm.list) are the host's and refs cross freely.
// Build it with hidden visibility so only the create function is exported (CMake:
// CXX_VISIBILITY_PRESET hidden), and link hosts with sinew_enable_dynamic_modules(), which
// exports the runtime's symbols. The library registers the ref types it defines on `instance`
// and unregisters them when its module is destroyed (the C++ NativeModule does both).
//
// The loader keeps the library loaded until the module it returned is destroyed, i.e. until
// every context holding the module is gone. Objects of the library's types must not outlive
// the module.
#ifndef SINEW_RUNTIME_VM_DYNAMIC_DYNAMIC_MODULE_H_
#define SINEW_RUNTIME_VM_DYNAMIC_DYNAMIC_MODULE_H_

#include <stddef.h>
#include <stdint.h>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// The version of the create-function contract this header describes. The loader passes it as
// `max_version`; a library built against another version must refuse to create its module.
#define SINEW_VM_DYNAMIC_MODULE_VERSION 1u

// The create function looked up when a load names none.
#define SINEW_VM_DYNAMIC_MODULE_DEFAULT_ENTRY "sinew_vm_dynamic_module_create"

// Marks a library's create function: C linkage, exported from the library.
#ifdef __cplusplus
#define SINEW_VM_DYNAMIC_MODULE_EXPORT extern "C" __attribute__((visibility("default")))
#else
#define SINEW_VM_DYNAMIC_MODULE_EXPORT __attribute__((visibility("default")))
#endif

// Creates the library's module. `params` (key/value strings from `lib.so@fn?k=v&k2=v2`) are
// valid only during the call. Returns one reference to the module in *out_module.
typedef sinew_status_t (*sinew_vm_dynamic_module_create_t)(
    uint32_t max_version, sinew_vm_instance_t* instance, size_t param_count,
    const sinew_string_pair_t* params, sinew_allocator_t allocator, sinew_vm_module_t** out_module);

// For create functions: fails with UNIMPLEMENTED unless the runtime offers exactly the version
// the library was compiled with.
static inline sinew_status_t sinew_vm_dynamic_module_check_version(uint32_t max_version,
                                                                   uint32_t compiled_version) {
  if (max_version == compiled_version) return sinew_ok_status();
  return sinew_status_make(SINEW_STATUS_UNIMPLEMENTED, __FILE__, __LINE__,
                           "unsupported runtime version %u, module compiled with version %u",
                           max_version, compiled_version);
}

// Opens the shared library at `path`, calls its create function `entry` (empty: the default)
// and returns the module, which keeps the library loaded until it is destroyed.
//   NOT_FOUND      the library or the symbol does not exist;
//   UNAVAILABLE    the system loader refused the library (its message is included);
//   INTERNAL       the create function succeeded without returning a module;
//   anything the create function returns, annotated with the entry's name.
sinew_status_t sinew_vm_dynamic_module_load(sinew_vm_instance_t* instance, sinew_string_view_t path,
                                            sinew_string_view_t entry, size_t param_count,
                                            const sinew_string_pair_t* params,
                                            sinew_allocator_t allocator,
                                            sinew_vm_module_t** out_module);

#ifdef __cplusplus
}  // extern "C"

#include <span>
#include <string_view>

namespace sinew::vm {

// C++ form of sinew_vm_dynamic_module_load.
StatusOr<sinew_vm_module_t*> LoadDynamicModule(
    sinew_vm_instance_t* instance, std::string_view path, std::string_view entry = {},
    std::span<const sinew_string_pair_t> params = {},
    sinew_allocator_t allocator = sinew_allocator_system());

}  // namespace sinew::vm
#endif

#endif  // SINEW_RUNTIME_VM_DYNAMIC_DYNAMIC_MODULE_H_
