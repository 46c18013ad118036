// The module interface: a C vtable every module implements (bytecode, native C, C++ wrapper,
// shared-library wrapper). It is the only contract between modules and contexts, so modules
// can cross shared-library boundaries.
#ifndef SINEW_RUNTIME_VM_MODULE_H_
#define SINEW_RUNTIME_VM_MODULE_H_

#include <stddef.h>
#include <stdint.h>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/module_flags.h"
#include "runtime/vm/ref.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sinew_string_view_t {
  const char* data;
  size_t size;
} sinew_string_view_t;

typedef struct sinew_byte_span_t {
  uint8_t* data;
  size_t size;
} sinew_byte_span_t;

typedef struct sinew_string_pair_t {
  sinew_string_view_t key;
  sinew_string_view_t value;
} sinew_string_pair_t;

typedef enum sinew_vm_function_linkage_e {
  SINEW_VM_LINKAGE_INTERNAL = 0,
  SINEW_VM_LINKAGE_IMPORT = 1,
  SINEW_VM_LINKAGE_EXPORT = 2,
  SINEW_VM_LINKAGE_IMPORT_OPTIONAL = 3,
  SINEW_VM_LINKAGE_EXPORT_OPTIONAL = 4,
} sinew_vm_function_linkage_t;

typedef struct sinew_vm_module_t sinew_vm_module_t;
// Per-context state of a module; opaque to everyone but the module.
typedef struct sinew_vm_module_state_t sinew_vm_module_state_t;
// The VM stack of one invocation (see runtime/vm/stack.h).
typedef struct sinew_vm_stack_t sinew_vm_stack_t;

// A function of a module. Null when `module` is NULL.
typedef struct sinew_vm_function_t {
  sinew_vm_module_t* module;
  uint32_t linkage;
  uint32_t ordinal;
} sinew_vm_function_t;

typedef struct sinew_vm_module_signature_t {
  uint32_t version;
  uint32_t attr_count;
  uint32_t import_function_count;
  uint32_t export_function_count;
  uint32_t internal_function_count;
} sinew_vm_module_signature_t;

typedef struct sinew_vm_module_dependency_t {
  sinew_string_view_t name;
  uint32_t minimum_version;
  uint32_t flags;
} sinew_vm_module_dependency_t;

typedef sinew_status_t (*sinew_vm_module_dependency_callback_t)(
    void* user_data, const sinew_vm_module_dependency_t* dependency);

typedef enum sinew_vm_signal_e {
  SINEW_VM_SIGNAL_RESUME = 0,
  SINEW_VM_SIGNAL_SUSPEND = 1,
  SINEW_VM_SIGNAL_LOW_MEMORY = 2,
  SINEW_VM_SIGNAL_FORK = 3,
} sinew_vm_signal_t;

enum {
  // First call of a function.
  SINEW_VM_CALL_BEGIN = 0,
  // Continuation of a call that returned DEFERRED; arguments are empty.
  SINEW_VM_CALL_RESUME = 1,
};

// Arguments and results as byte buffers laid out by the callee's calling convention
// (reference/CCONV.md). Argument refs are owned by the caller and released after the call.
typedef struct sinew_vm_function_call_t {
  sinew_vm_function_t function;
  sinew_byte_span_t arguments;
  sinew_byte_span_t results;
} sinew_vm_function_call_t;

// Register-direct entry of a native export: reads its arguments straight from the caller's
// registers and writes results into the caller's result registers. `args`/`results` list
// register ordinals in the order of the cconv; ref ordinals carry SINEW_VM_REGISTER_REF and
// optionally SINEW_VM_REGISTER_MOVE (then the callee takes the reference and nulls the
// register). Returning DEFERRED is not allowed here.
typedef sinew_status_t (*sinew_vm_direct_function_t)(void* target, void* module_self,
                                                     sinew_vm_module_state_t* state, uint32_t* i32,
                                                     sinew_vm_ref_t* refs, const uint16_t* args,
                                                     const uint16_t* results);

typedef struct sinew_vm_direct_call_t {
  sinew_vm_direct_function_t function;  // NULL when the export has none.
  void* target;
} sinew_vm_direct_call_t;

// What an importer learns about a resolved import when a context is built.
typedef struct sinew_vm_import_binding_t {
  sinew_vm_function_t function;    // The exporting module's function.
  sinew_string_view_t cconv;       // The exporter's calling convention.
  sinew_vm_module_state_t* state;  // The exporter's state in this context.
  sinew_vm_direct_call_t direct;   // Optional register-direct entry.
} sinew_vm_import_binding_t;

struct sinew_vm_module_t {
  void* self;
  uint32_t ref_count;  // Atomic; starts at 1.

  void (*destroy)(void* self);
  sinew_string_view_t (*name)(void* self);
  sinew_vm_module_signature_t (*signature)(void* self);
  // Reflection key/value pairs; OUT_OF_RANGE past the end. May be NULL (no attributes).
  sinew_status_t (*get_module_attr)(void* self, uint32_t index, sinew_string_pair_t* out_attr);
  // May be NULL (no dependencies).
  sinew_status_t (*enumerate_dependencies)(void* self,
                                           sinew_vm_module_dependency_callback_t callback,
                                           void* user_data);
  // Finds a function by local name. NOT_FOUND when absent.
  sinew_status_t (*lookup_function)(void* self, sinew_vm_function_linkage_t linkage,
                                    sinew_string_view_t name, sinew_vm_function_t* out_function);
  // Any output may be NULL. For imports the name is "module.fn" and the cconv is the
  // importer's expectation (may be empty); for exports the local name and callee cconv.
  sinew_status_t (*get_function)(void* self, sinew_vm_function_linkage_t linkage, uint32_t ordinal,
                                 sinew_vm_function_t* out_function, sinew_string_view_t* out_name,
                                 sinew_string_view_t* out_cconv);
  // Per-function reflection attributes; OUT_OF_RANGE past the end. May be NULL.
  sinew_status_t (*get_function_attr)(void* self, sinew_vm_function_linkage_t linkage,
                                      uint32_t ordinal, uint32_t index,
                                      sinew_string_pair_t* out_attr);
  // "file:line:col" of a pc, valid while the module lives. May be NULL; UNAVAILABLE if unknown.
  sinew_status_t (*resolve_source_location)(void* self, sinew_vm_function_t function, uint32_t pc,
                                            sinew_string_view_t* out_location);
  // Optional register-direct entry of an export (see sinew_vm_direct_function_t). May be NULL.
  sinew_status_t (*get_direct_call)(void* self, uint32_t export_ordinal,
                                    sinew_vm_direct_call_t* out_direct);

  sinew_status_t (*alloc_state)(void* self, sinew_allocator_t allocator,
                                sinew_vm_module_state_t** out_state);
  void (*free_state)(void* self, sinew_vm_module_state_t* state);
  sinew_status_t (*fork_state)(void* self, sinew_vm_module_state_t* parent,
                               sinew_allocator_t allocator, sinew_vm_module_state_t** out_state);
  // Stores the binding of import `ordinal` in `state`. Called once per import per context.
  sinew_status_t (*resolve_import)(void* self, sinew_vm_module_state_t* state, uint32_t ordinal,
                                   const sinew_vm_import_binding_t* binding);
  sinew_status_t (*notify)(void* self, sinew_vm_module_state_t* state, sinew_vm_signal_t signal);

  // Runs an export (flags = SINEW_VM_CALL_BEGIN) or continues one that returned DEFERRED
  // (SINEW_VM_CALL_RESUME, same function and result buffer, empty arguments).
  sinew_status_t (*call)(void* self, sinew_vm_stack_t* stack, sinew_vm_module_state_t* state,
                         uint32_t flags, const sinew_vm_function_call_t* call);
};

// Initializes the interface with `self`, a count of 1 and every entry NULL.
void sinew_vm_module_initialize(sinew_vm_module_t* module, void* self);
void sinew_vm_module_retain(sinew_vm_module_t* module);
void sinew_vm_module_release(sinew_vm_module_t* module);

static inline sinew_string_view_t sinew_make_string_view(const char* data, size_t size) {
  sinew_string_view_t view = {data, size};
  return view;
}
sinew_string_view_t sinew_make_cstring_view(const char* str);

// Looks up a reflection attribute by key; returns an empty view when absent.
sinew_string_view_t sinew_vm_module_lookup_attr(sinew_vm_module_t* module, sinew_string_view_t key);
// The module name, or "null" for NULL.
sinew_string_view_t sinew_vm_module_name(const sinew_vm_module_t* module);

#ifdef __cplusplus
}  // extern "C"

#include <string_view>

namespace sinew {
inline std::string_view ToStringView(sinew_string_view_t view) {
  return std::string_view(view.data, view.size);
}
inline sinew_string_view_t ToCStringView(std::string_view view) {
  return sinew_string_view_t{view.data(), view.size()};
}
}  // namespace sinew
#endif

#endif  // SINEW_RUNTIME_VM_MODULE_H_
