// The static custom-module sample: module `custom` (version 0) with the `!custom.string` type,
// written to be linked into the tools as an external tooling module.
//
//   string.from_tensor(view: !hal.buffer_view) -> !custom.string    0r_r
//       formats the view (`5xi8=0 1 2 3 4`; at most 128 elements, 511 characters, else
//       OUT_OF_RANGE), prints `CREATE <text>` and returns the text as a string;
//   string.print(string: !custom.string)                            0r_v
//       prints `PRINT <text>`.
//
// The dynamic sample (samples/custom_module/dynamic) builds the same module into a shared
// library, with one more export, `error()`.
#ifndef SINEW_SAMPLES_CUSTOM_MODULE_STATIC_MODULE_H_
#define SINEW_SAMPLES_CUSTOM_MODULE_STATIC_MODULE_H_

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// Registers `custom.string` on `instance` (the tools' optional REGISTER_TYPES hook). Counted:
// the module registers it again while it lives, so calling this is never required.
sinew_status_t register_sample_module_types(sinew_vm_instance_t* instance);

// Creates module `custom` with string.from_tensor and string.print (the tools' CREATE hook).
// The returned module has one reference, owned by the caller.
sinew_status_t create_sample_module(sinew_vm_instance_t* instance, sinew_allocator_t allocator,
                                    sinew_vm_module_t** out_module);

#ifdef __cplusplus
}  // extern "C"

namespace sinew::samples {

// Which exports CreateCustomStringModule gives module `custom`.
enum class CustomModuleExports {
  kStrings,          // string.from_tensor, string.print
  kStringsAndError,  // and error(), which always fails with UNKNOWN "Forced failure"
};

// Creates module `custom` (version 0) with `exports`; create_sample_module is
// CreateCustomStringModule(instance, allocator, CustomModuleExports::kStrings, out_module).
sinew_status_t CreateCustomStringModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator,
                                        CustomModuleExports exports,
                                        sinew_vm_module_t** out_module);

}  // namespace sinew::samples
#endif

#endif  // SINEW_SAMPLES_CUSTOM_MODULE_STATIC_MODULE_H_
