// The basic custom-module sample: C API of two C++ native modules.
//   `custom`: the `!custom.string` type and string.create/length/print (+ dprint in debug
//             builds), the module IREE's basic sample defines;
//   `table`:  a per-context key/value table (table.insert, table.lookup) from seed 001.
#ifndef SINEW_SAMPLES_CUSTOM_MODULE_BASIC_MODULE_H_
#define SINEW_SAMPLES_CUSTOM_MODULE_BASIC_MODULE_H_

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// Creates module `custom` (version 0). It registers `custom.string` on `instance` while it
// lives. The returned module has one reference, owned by the caller.
sinew_status_t sinew_custom_module_basic_create(sinew_vm_instance_t* instance,
                                                sinew_allocator_t allocator,
                                                sinew_vm_module_t** out_module);

// Creates module `table` (version 0): table.insert(key: buffer, value: buffer) and
// table.lookup(key: buffer) -> (found: i32, value: buffer or null), over a table each context
// owns.
sinew_status_t sinew_custom_module_table_create(sinew_vm_instance_t* instance,
                                                sinew_allocator_t allocator,
                                                sinew_vm_module_t** out_module);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_SAMPLES_CUSTOM_MODULE_BASIC_MODULE_H_
