// The instance: process-level VM root holding the registry of ref types by name.
#ifndef SINEW_RUNTIME_VM_INSTANCE_H_
#define SINEW_RUNTIME_VM_INSTANCE_H_

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/ref.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sinew_vm_instance_t sinew_vm_instance_t;

// Creates an instance with the builtin types (vm.buffer, vm.list) registered.
sinew_status_t sinew_vm_instance_create(sinew_allocator_t allocator,
                                        sinew_vm_instance_t** out_instance);
void sinew_vm_instance_retain(sinew_vm_instance_t* instance);
void sinew_vm_instance_release(sinew_vm_instance_t* instance);
sinew_allocator_t sinew_vm_instance_allocator(sinew_vm_instance_t* instance);

// Registers a type. Registering the same descriptor again counts up and returns the same id.
sinew_status_t sinew_vm_instance_register_type(sinew_vm_instance_t* instance,
                                               const sinew_vm_ref_type_descriptor_t* descriptor,
                                               sinew_vm_ref_type_t* out_type);
// Counts a registration down; the type is removed at zero (e.g. before a library unloads).
void sinew_vm_instance_unregister_type(sinew_vm_instance_t* instance,
                                       const sinew_vm_ref_type_descriptor_t* descriptor);
// Returns the type registered under `name` (no '!'), or 0.
sinew_vm_ref_type_t sinew_vm_instance_lookup_type(sinew_vm_instance_t* instance, const char* name,
                                                  size_t name_length);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_RUNTIME_VM_INSTANCE_H_
