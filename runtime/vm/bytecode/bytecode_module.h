// Bytecode modules: load a .vmb file (verify it once) and expose it through the module ABI.
#ifndef SINEW_RUNTIME_VM_BYTECODE_BYTECODE_MODULE_H_
#define SINEW_RUNTIME_VM_BYTECODE_BYTECODE_MODULE_H_

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// Called once the module no longer needs the archive bytes.
typedef void (*sinew_vm_archive_release_t)(void* user_data, sinew_byte_span_t archive);

// Loads and verifies a module from `archive` (a .vmb file's bytes). On success the module
// references the bytes (rodata aliases them) and calls `release` when destroyed; on failure
// `release` is not called. `release` may be NULL for bytes that outlive the module.
sinew_status_t sinew_vm_bytecode_module_create(sinew_vm_instance_t* instance,
                                               sinew_byte_span_t archive,
                                               sinew_vm_archive_release_t release,
                                               void* release_user_data, sinew_allocator_t allocator,
                                               sinew_vm_module_t** out_module);

// True if `module` is a bytecode module.
int sinew_vm_module_is_bytecode(const sinew_vm_module_t* module);

#ifdef __cplusplus
}  // extern "C"

#include <string>

namespace sinew::vm {

// Reads a .vmb file ("-" for stdin) and loads it. Errors name the path.
StatusOr<sinew_vm_module_t*> LoadBytecodeModuleFile(sinew_vm_instance_t* instance,
                                                    const std::string& path,
                                                    sinew_allocator_t allocator);

}  // namespace sinew::vm
#endif

#endif  // SINEW_RUNTIME_VM_BYTECODE_BYTECODE_MODULE_H_
