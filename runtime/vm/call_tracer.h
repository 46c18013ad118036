// Call tracing: a hook a host installs on a context (SetContextCallTracer) to hear about every
// call made in it: host invocations, bytecode-to-bytecode calls, imports into native modules
// (register-direct or buffered) and imports called from C++ native functions. Each call is a
// begin and an end on the invoking thread, properly nested, so a profiler can draw it (the
// tools' --trace_calls writes Chrome trace events). A call that yields stays open until it
// completes; one that fails ends when its frame unwinds.
//
// It costs nothing when no tracer is installed: the interpreter's untraced loop has no tracing
// code at all (the traced loop is the one --trace_execution uses), and host invocations and
// C++ import calls test one pointer.
#ifndef SINEW_RUNTIME_VM_CALL_TRACER_H_
#define SINEW_RUNTIME_VM_CALL_TRACER_H_

#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sinew_vm_call_tracer_t {
  void* self;
  // `function` is the callee: an export, or an internal function of a bytecode module.
  void (*begin)(void* self, sinew_vm_function_t function);
  void (*end)(void* self, sinew_vm_function_t function);
} sinew_vm_call_tracer_t;

#ifdef __cplusplus
}  // extern "C"

#include "runtime/vm/stack.h"

namespace sinew::vm {

// For call paths, after testing stack->call_tracer.
inline void TraceCallBegin(const sinew_vm_stack_t* stack, sinew_vm_function_t function) {
  stack->call_tracer->begin(stack->call_tracer->self, function);
}
inline void TraceCallEnd(const sinew_vm_stack_t* stack, sinew_vm_function_t function) {
  stack->call_tracer->end(stack->call_tracer->self, function);
}

// `call->function.module`'s call entry between a begin and an end: what a call path takes,
// after one test of stack->call_tracer, instead of calling the entry itself.
[[gnu::cold, gnu::noinline]] inline sinew_status_t CallTraced(
    sinew_vm_stack_t* stack, sinew_vm_module_state_t* state, uint32_t flags,
    const sinew_vm_function_call_t* call) {
  sinew_vm_module_t* module = call->function.module;
  TraceCallBegin(stack, call->function);
  sinew_status_t status = module->call(module->self, stack, state, flags, call);
  TraceCallEnd(stack, call->function);
  return status;
}

}  // namespace sinew::vm
#endif

#endif  // SINEW_RUNTIME_VM_CALL_TRACER_H_
