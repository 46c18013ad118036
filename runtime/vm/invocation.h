// Calling functions from the host: marshals variant-list inputs into the callee's argument
// buffer, runs the call on the context's reusable stack (resuming yields until completion)
// and unpacks results into an output list.
#ifndef SINEW_RUNTIME_VM_INVOCATION_H_
#define SINEW_RUNTIME_VM_INVOCATION_H_

#include <span>
#include <string_view>

#include "runtime/base/status.h"
#include "runtime/vm/context.h"
#include "runtime/vm/list.h"
#include "runtime/vm/module.h"
#include "runtime/vm/value.h"

namespace sinew::vm {

enum : uint32_t {
  SINEW_VM_INVOCATION_FLAG_NONE = 0,
  SINEW_VM_INVOCATION_FLAG_TRACE_EXECUTION = 1u << 0,
};

// `inputs` may be null for functions without arguments, `outputs` for functions without
// results. Input refs are retained for the call and released afterwards; the outputs list is
// resized to the result count.
Status Invoke(sinew_vm_context_t* context, sinew_vm_function_t function, uint32_t flags,
              sinew_vm_list_t* inputs, sinew_vm_list_t* outputs);

// Invokes a function whose arguments and results are all primitive values.
Status InvokeValues(sinew_vm_context_t* context, sinew_vm_function_t function,
                    std::span<const sinew_vm_value_t> arguments,
                    std::span<sinew_vm_value_t> results);

// A value-only call prepared once and made many times: the signature, the callee's module
// state, the context's stack and the buffer layout are looked up by Prepare, so Call only
// marshals the values and runs the function. Must not outlive the context.
class PreparedCall {
 public:
  static StatusOr<PreparedCall> Prepare(sinew_vm_context_t* context, sinew_vm_function_t function,
                                        size_t argument_count, size_t result_count);
  Status Call(std::span<const sinew_vm_value_t> arguments,
              std::span<sinew_vm_value_t> results) const;

 private:
  PreparedCall() = default;

  sinew_vm_function_t function_ = {};
  sinew_vm_module_state_t* state_ = nullptr;
  sinew_vm_stack_t* stack_ = nullptr;  // the context's (ContextStack)
  bool trace_ = false;
  const struct sinew_vm_call_tracer_t* call_tracer_ = nullptr;  // the context's, at Prepare
  std::string_view argument_kinds_;
  std::string_view result_kinds_;
  uint32_t argument_size_ = 0;
  uint32_t result_size_ = 0;
};

}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_INVOCATION_H_
