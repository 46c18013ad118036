// Contexts: an ordered set of modules, each with its per-context state, whose imports are
// resolved to direct call targets when the modules are registered.
#ifndef SINEW_RUNTIME_VM_CONTEXT_H_
#define SINEW_RUNTIME_VM_CONTEXT_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/call_tracer.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

typedef struct sinew_vm_context_t sinew_vm_context_t;

enum {
  SINEW_VM_CONTEXT_FLAG_NONE = 0,
  // Trace every instruction of every invocation in this context.
  SINEW_VM_CONTEXT_FLAG_TRACE_EXECUTION = 1u << 0,
};

namespace sinew::vm {

StatusOr<sinew_vm_context_t*> CreateContext(sinew_vm_instance_t* instance, uint32_t flags,
                                            sinew_allocator_t allocator);
// Creates a context with `modules` registered (in dependency order) and freezes it.
StatusOr<sinew_vm_context_t*> CreateContextWithModules(sinew_vm_instance_t* instance,
                                                       uint32_t flags,
                                                       std::span<sinew_vm_module_t* const> modules,
                                                       sinew_allocator_t allocator);
void RetainContext(sinew_vm_context_t* context);
void ReleaseContext(sinew_vm_context_t* context);

// Registers modules in order: allocates state, checks dependency versions, resolves imports
// (newest module first; exact cconv match), then runs each module's __init. On failure the
// whole batch is rolled back.
Status RegisterModules(sinew_vm_context_t* context, std::span<sinew_vm_module_t* const> modules);
// After freezing, registration fails.
void FreezeContext(sinew_vm_context_t* context);
// A child context with copies of every module state (the FORK signal is sent to modules).
StatusOr<sinew_vm_context_t*> ForkContext(sinew_vm_context_t* parent, sinew_allocator_t allocator);

// Resolves "module.fn" to an export, newest module first.
StatusOr<sinew_vm_function_t> ResolveFunction(sinew_vm_context_t* context,
                                              std::string_view full_name);
// The state of `module` in this context (NOT_FOUND if it is not registered).
StatusOr<sinew_vm_module_state_t*> ResolveModuleState(sinew_vm_context_t* context,
                                                      const sinew_vm_module_t* module);
Status NotifyContext(sinew_vm_context_t* context, sinew_vm_signal_t signal);

// Installs `tracer` (call_tracer.h; null removes it) for invocations in this context and its
// forks. It must outlive them. Install it before registering modules to see their __init.
void SetContextCallTracer(sinew_vm_context_t* context, const sinew_vm_call_tracer_t* tracer);
const sinew_vm_call_tracer_t* ContextCallTracer(const sinew_vm_context_t* context);

uint32_t ContextFlags(const sinew_vm_context_t* context);
uint32_t ContextId(const sinew_vm_context_t* context);
size_t ContextModuleCount(const sinew_vm_context_t* context);
sinew_vm_module_t* ContextModuleAt(const sinew_vm_context_t* context, size_t index);
sinew_vm_instance_t* ContextInstance(const sinew_vm_context_t* context);

// The stack invocations in this context reuse: created on first use (null if that fails) and
// marked in_use while an invocation runs on it (see invocation.cc).
sinew_vm_stack_t* ContextStack(sinew_vm_context_t* context);

}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_CONTEXT_H_
