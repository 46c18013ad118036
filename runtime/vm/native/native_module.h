// Native modules built from a static C descriptor: name, version, attributes, dependencies,
// imports and a name-sorted export table whose entries are shims over C functions. The module
// implements the whole sinew_vm_module_t interface from the tables; a module that needs more
// (per-context state, imports) overrides individual entries.
#ifndef SINEW_RUNTIME_VM_NATIVE_NATIVE_MODULE_H_
#define SINEW_RUNTIME_VM_NATIVE_NATIVE_MODULE_H_

#include <stddef.h>
#include <stdint.h>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// Unpacks `arguments`, runs `target` and packs `results`; both buffers are laid out by the
// export's cconv (reference/CCONV.md section 3). `flags` is SINEW_VM_CALL_BEGIN or, after the
// shim returned DEFERRED, SINEW_VM_CALL_RESUME with empty arguments and the same results.
// `module_self` is the self that override entries receive; `state` is this context's state.
// `stack` may be NULL when a host calls the module without a VM stack.
typedef sinew_status_t (*sinew_vm_native_shim_t)(sinew_vm_stack_t* stack, uint32_t flags,
                                                 sinew_byte_span_t arguments,
                                                 sinew_byte_span_t results, void* target,
                                                 void* module_self, sinew_vm_module_state_t* state);

typedef struct sinew_vm_native_export_descriptor_t {
  sinew_string_view_t local_name;
  sinew_string_view_t calling_convention;
  sinew_vm_native_shim_t shim;  // May be NULL only when `call` is overridden.
  void* target;                 // Passed to `shim` and `direct`.
  // Optional register-direct entry (module.h). It receives the module_self its caller passes,
  // `module->self`, which is the native module rather than an override self. Functions that
  // yield must not have one.
  sinew_vm_direct_function_t direct;
  uint32_t attr_count;
  const sinew_string_pair_t* attrs;
} sinew_vm_native_export_descriptor_t;

enum {
  SINEW_VM_NATIVE_IMPORT_REQUIRED = 1u << 0,
  SINEW_VM_NATIVE_IMPORT_OPTIONAL = 1u << 1,
};

typedef struct sinew_vm_native_import_descriptor_t {
  uint32_t flags;                          // SINEW_VM_NATIVE_IMPORT_*
  sinew_string_view_t full_name;           // "module.fn"
  sinew_string_view_t calling_convention;  // The importer's expectation; may be empty.
} sinew_vm_native_import_descriptor_t;

typedef struct sinew_vm_native_module_descriptor_t {
  sinew_string_view_t name;
  uint32_t version;
  uint32_t attr_count;
  const sinew_string_pair_t* attrs;
  uint32_t dependency_count;
  const sinew_vm_module_dependency_t* dependencies;
  uint32_t import_count;
  const sinew_vm_native_import_descriptor_t* imports;
  // Sorted by local_name (bytewise, a prefix first) so lookup is a binary search.
  uint32_t export_count;
  const sinew_vm_native_export_descriptor_t* exports;
} sinew_vm_native_module_descriptor_t;

// Creates a module from `descriptor`, which must outlive it (it is not copied). Every non-NULL
// entry of `interface_overrides` (nullable) replaces the default and receives
// `interface_overrides->self`, or the native module's self when that is NULL. An overridden
// `destroy` runs as a hook before the native module frees itself. The module retains
// `instance` until it is destroyed.
sinew_status_t sinew_vm_native_module_create(const sinew_vm_module_t* interface_overrides,
                                             const sinew_vm_native_module_descriptor_t* descriptor,
                                             sinew_vm_instance_t* instance,
                                             sinew_allocator_t allocator,
                                             sinew_vm_module_t** out_module);

// For shims: fails with INVALID_ARGUMENT "argument/result signature mismatch" unless the
// buffers have exactly the expected sizes (on RESUME the arguments may also be empty), then
// zeroes the results.
sinew_status_t sinew_vm_native_check_buffers(sinew_byte_span_t arguments,
                                             size_t expected_argument_size,
                                             sinew_byte_span_t results, size_t expected_result_size,
                                             uint32_t flags);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_RUNTIME_VM_NATIVE_NATIVE_MODULE_H_
