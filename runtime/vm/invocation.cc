// Host invocation: argument marshaling, the call and yield/resume loop, result unpacking.
#include "runtime/vm/invocation.h"

#include <cstring>
#include <string_view>

#include "runtime/base/str_cat.h"
#include "runtime/vm/call_tracer.h"
#include "runtime/vm/cconv.h"
#include "runtime/vm/stack.h"

namespace sinew::vm {
namespace {

struct Signature {
  std::string_view cconv;
  std::string_view argument_kinds;
  std::string_view result_kinds;
};

// The function's cconv split into argument and result items.
sinew_status_t LookupSignature(sinew_vm_function_t function, Signature* out_signature) {
  sinew_vm_module_t* module = function.module;
  sinew_string_view_t cconv = {nullptr, 0};
  SINEW_RETURN_IF_ERROR_C(
      module->get_function(module->self, static_cast<sinew_vm_function_linkage_t>(function.linkage),
                           function.ordinal, nullptr, nullptr, &cconv));
  out_signature->cconv = ToStringView(cconv);
  out_signature->argument_kinds = CconvFragment(out_signature->cconv, false);
  out_signature->result_kinds = CconvFragment(out_signature->cconv, true);
  return sinew_ok_status();
}

bool Contains(std::string_view kinds, char kind) {
  for (char c : kinds) {
    if (c == kind) return true;
  }
  return false;
}

// Invocation does not support variadic spans.
Status CheckNoSpans(const Signature& signature) {
  if (!Contains(signature.argument_kinds, 'C')) return OkStatus();
  return UnimplementedError(
      StrCat("functions with variadic arguments cannot be invoked from the host (cconv '",
             signature.cconv, "')"));
}

uint32_t AlignUp(uint32_t value, uint32_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

uint32_t BufferSize(std::string_view kinds) {
  uint32_t position = 0;
  uint32_t max_alignment = 4;
  for (char kind : kinds) {
    uint32_t alignment = CconvItemAlignment(kind);
    if (alignment > max_alignment) max_alignment = alignment;
    position = AlignUp(position, alignment) + CconvItemSize(kind);
  }
  return position ? AlignUp(position, max_alignment) : 0;
}

sinew_vm_value_type_t ValueTypeOf(char kind) {
  switch (kind) {
    case 'I':
      return SINEW_VM_VALUE_TYPE_I64;
    case 'f':
      return SINEW_VM_VALUE_TYPE_F32;
    case 'F':
      return SINEW_VM_VALUE_TYPE_F64;
    default:
      return SINEW_VM_VALUE_TYPE_I32;
  }
}

template <typename Visit>
void ForEachItem(std::string_view kinds, uint8_t* buffer, Visit visit) {
  uint32_t position = 0;
  for (size_t i = 0; i < kinds.size(); ++i) {
    position = AlignUp(position, CconvItemAlignment(kinds[i]));
    visit(i, kinds[i], buffer + position);
    position += CconvItemSize(kinds[i]);
  }
}

void ReleaseRefs(std::string_view kinds, uint8_t* buffer) {
  ForEachItem(kinds, buffer, [](size_t, char kind, uint8_t* field) {
    if (kind == 'r') sinew_vm_ref_release(reinterpret_cast<sinew_vm_ref_t*>(field));
  });
}

// Whether a call made with invocation `flags` traces execution.
bool TraceExecution(sinew_vm_context_t* context, uint32_t flags) {
#ifdef SINEW_VM_EXECUTION_TRACING_FORCE_ENABLE
  (void)context;
  (void)flags;
  return true;
#else
  return (flags & SINEW_VM_INVOCATION_FLAG_TRACE_EXECUTION) ||
         (ContextFlags(context) & SINEW_VM_CONTEXT_FLAG_TRACE_EXECUTION);
#endif
}

// Runs `call` with the callee's module state on `stack`, resuming while it yields.
sinew_status_t RunCall(sinew_vm_stack_t* stack, sinew_vm_module_state_t* state,
                       sinew_vm_function_call_t* call) {
  sinew_vm_module_t* module = call->function.module;
  sinew_status_t status = module->call(module->self, stack, state, SINEW_VM_CALL_BEGIN, call);
  if (!sinew_status_is_ok(status)) [[unlikely]] {
    call->arguments = {nullptr, 0};
    while (sinew_status_code(status) == SINEW_STATUS_DEFERRED) {
      sinew_status_free(status);
      status = module->call(module->self, stack, state, SINEW_VM_CALL_RESUME, call);
    }
  }
  return status;
}

// RunCall as one traced call (call_tracer.h).
[[gnu::cold, gnu::noinline]] sinew_status_t RunTraced(sinew_vm_stack_t* stack,
                                                      sinew_vm_module_state_t* state,
                                                      sinew_vm_function_call_t* call) {
  sinew_vm_function_t function = call->function;
  TraceCallBegin(stack, function);
  sinew_status_t status = RunCall(stack, state, call);
  TraceCallEnd(stack, function);
  return status;
}

// RunCall, reported to the stack's call tracer if it has one.
inline sinew_status_t RunCallReported(sinew_vm_stack_t* stack, sinew_vm_module_state_t* state,
                                      sinew_vm_function_call_t* call) {
  return stack->call_tracer ? RunTraced(stack, state, call) : RunCall(stack, state, call);
}

// A re-entrant invocation (a native function calling back in) runs on a stack of its own.
[[gnu::noinline]] sinew_status_t RunCallOnFreshStack(bool trace,
                                                     const sinew_vm_call_tracer_t* tracer,
                                                     sinew_vm_module_state_t* state,
                                                     sinew_vm_function_call_t* call) {
  auto stack = CreateStack(sinew_allocator_system(), 16 * 1024);
  if (!stack.has_value()) return ToC(std::move(stack).error());
  (*stack)->trace = trace;
  (*stack)->call_tracer = tracer;
  sinew_status_t status = RunCallReported(*stack, state, call);
  DestroyStack(*stack);
  return status;
}

// Runs `call` on the context's stack (ContextStack), or on a fresh one while that is in use.
inline sinew_status_t RunCallOn(sinew_vm_stack_t* context_stack, bool trace,
                                const sinew_vm_call_tracer_t* tracer,
                                sinew_vm_module_state_t* state, sinew_vm_function_call_t* call) {
  if (!context_stack || context_stack->in_use) [[unlikely]] {
    return RunCallOnFreshStack(trace, tracer, state, call);
  }
  context_stack->in_use = true;
  context_stack->trace = trace;
  context_stack->call_tracer = tracer;
  sinew_status_t status = RunCallReported(context_stack, state, call);
  context_stack->in_use = false;
  return status;
}

sinew_status_t CallWithState(sinew_vm_context_t* context, sinew_vm_function_t function,
                             sinew_vm_module_state_t* state, uint32_t flags,
                             sinew_byte_span_t arguments, sinew_byte_span_t results) {
  sinew_vm_function_call_t call = {function, arguments, results};
  return RunCallOn(ContextStack(context), TraceExecution(context, flags),
                   ContextCallTracer(context), state, &call);
}

sinew_status_t CallOnStack(sinew_vm_context_t* context, sinew_vm_function_t function,
                           uint32_t flags, sinew_byte_span_t arguments, sinew_byte_span_t results) {
  auto state = ResolveModuleState(context, function.module);
  if (!state.has_value()) return ToC(std::move(state).error());
  return CallWithState(context, function, *state, flags, arguments, results);
}

}  // namespace

Status Invoke(sinew_vm_context_t* context, sinew_vm_function_t function, uint32_t flags,
              sinew_vm_list_t* inputs, sinew_vm_list_t* outputs) {
  Signature signature;
  SINEW_RETURN_IF_ERROR(FromC(LookupSignature(function, &signature)));
  SINEW_RETURN_IF_ERROR(CheckNoSpans(signature));
  auto [cconv, argument_kinds, result_kinds] = signature;

  uint64_t input_count = inputs ? sinew_vm_list_size(inputs) : 0;
  if (!inputs && !argument_kinds.empty()) {
    return InvalidArgumentError("no input provided to a function that has inputs");
  }
  if (input_count != argument_kinds.size()) {
    return InvalidArgumentError(StrCat("input list and function mismatch; expected ",
                                       argument_kinds.size(), " arguments but passed ",
                                       input_count));
  }
  if (!outputs && !result_kinds.empty()) {
    return InvalidArgumentError("no output provided to a function that has outputs");
  }

  uint32_t argument_size = BufferSize(argument_kinds);
  uint32_t result_size = BufferSize(result_kinds);
  alignas(16) uint8_t inline_storage[512];
  std::vector<uint8_t> heap_storage;
  uint8_t* storage = inline_storage;
  if (argument_size + result_size > sizeof(inline_storage)) {
    heap_storage.resize(argument_size + result_size + 16);
    storage = reinterpret_cast<uint8_t*>(
        AlignUp(static_cast<uint32_t>(reinterpret_cast<uintptr_t>(heap_storage.data()) & 15), 16) +
        reinterpret_cast<uintptr_t>(heap_storage.data()) -
        (reinterpret_cast<uintptr_t>(heap_storage.data()) & 15));
  }
  uint8_t* arguments = storage;
  uint8_t* results = storage + argument_size;
  std::memset(storage, 0, argument_size + result_size);

  Status marshaled = OkStatus();
  ForEachItem(argument_kinds, arguments, [&](size_t i, char kind, uint8_t* field) {
    if (!marshaled.has_value()) return;
    if (kind == 'r') {
      sinew_vm_variant_t variant;
      marshaled = FromC(sinew_vm_list_get_variant_retain(inputs, i, &variant));
      if (!marshaled.has_value()) return;
      if (sinew_vm_variant_is_value(&variant)) {
        marshaled = InvalidArgumentError(StrCat(
            "input ", i, " is a value but the function expects a ref (cconv '", cconv, "')"));
        return;
      }
      if (sinew_vm_variant_is_ref(&variant)) {
        *reinterpret_cast<sinew_vm_ref_t*>(field) = variant.ref;
      }
      return;
    }
    sinew_vm_value_t value;
    marshaled = FromC(sinew_vm_list_get_value_as(inputs, i, ValueTypeOf(kind), &value));
    if (!marshaled.has_value()) return;
    std::memcpy(field, &value.i64, CconvItemSize(kind));
  });
  Status status = marshaled.has_value()
                      ? FromC(CallOnStack(context, function, flags, {arguments, argument_size},
                                          {results, result_size}))
                      : std::move(marshaled);
  ReleaseRefs(argument_kinds, arguments);
  if (!status.has_value()) {
    return status;
  }
  if (outputs) {
    sinew_vm_list_clear(outputs);
    SINEW_RETURN_IF_ERROR(FromC(sinew_vm_list_resize(outputs, result_kinds.size())));
    Status unpacked = OkStatus();
    ForEachItem(result_kinds, results, [&](size_t i, char kind, uint8_t* field) {
      if (kind == 'r') {
        auto* ref = reinterpret_cast<sinew_vm_ref_t*>(field);
        if (unpacked.has_value() && ref->ptr) {
          unpacked = FromC(sinew_vm_list_set_ref_retain_or_move(outputs, i, 1, ref));
        }
        sinew_vm_ref_release(ref);
        return;
      }
      sinew_vm_value_t value;
      value.type = ValueTypeOf(kind);
      value.i64 = 0;
      std::memcpy(&value.i64, field, CconvItemSize(kind));
      if (unpacked.has_value()) unpacked = FromC(sinew_vm_list_set_value(outputs, i, &value));
    });
    return unpacked;
  }
  return OkStatus();
}

Status InvokeValues(sinew_vm_context_t* context, sinew_vm_function_t function,
                    std::span<const sinew_vm_value_t> arguments,
                    std::span<sinew_vm_value_t> results) {
  SINEW_ASSIGN_OR_RETURN(
      PreparedCall call,
      PreparedCall::Prepare(context, function, arguments.size(), results.size()));
  return call.Call(arguments, results);
}

// Buffers of a prepared call live on the C stack; this bounds their size.
constexpr uint32_t kMaxPreparedBufferSize = 256;

StatusOr<PreparedCall> PreparedCall::Prepare(sinew_vm_context_t* context,
                                             sinew_vm_function_t function, size_t argument_count,
                                             size_t result_count) {
  Signature signature;
  SINEW_RETURN_IF_ERROR(FromC(LookupSignature(function, &signature)));
  SINEW_RETURN_IF_ERROR(CheckNoSpans(signature));
  auto [cconv, argument_kinds, result_kinds] = signature;
  if (argument_kinds.size() != argument_count || result_kinds.size() != result_count ||
      Contains(argument_kinds, 'r') || Contains(result_kinds, 'r')) {
    return InvalidArgumentError(StrCat("function with cconv '", cconv, "' cannot be invoked with ",
                                       argument_count, " value arguments and ", result_count,
                                       " value results"));
  }
  PreparedCall call;
  call.argument_size_ = BufferSize(argument_kinds);
  call.result_size_ = BufferSize(result_kinds);
  if (call.argument_size_ > kMaxPreparedBufferSize || call.result_size_ > kMaxPreparedBufferSize) {
    return InvalidArgumentError("too many values for InvokeValues");
  }
  SINEW_ASSIGN_OR_RETURN(call.state_, ResolveModuleState(context, function.module));
  call.stack_ = ContextStack(context);
  call.trace_ = TraceExecution(context, SINEW_VM_INVOCATION_FLAG_NONE);
  call.call_tracer_ = ContextCallTracer(context);
  call.function_ = function;
  call.argument_kinds_ = argument_kinds;
  call.result_kinds_ = result_kinds;
  return call;
}

Status PreparedCall::Call(std::span<const sinew_vm_value_t> arguments,
                          std::span<sinew_vm_value_t> results) const {
  if (arguments.size() != argument_kinds_.size() || results.size() != result_kinds_.size())
      [[unlikely]] {
    return InvalidArgumentError(StrCat("prepared call expects ", argument_kinds_.size(),
                                       " arguments and ", result_kinds_.size(), " results"));
  }
  alignas(16) uint8_t arguments_buffer[kMaxPreparedBufferSize];
  alignas(16) uint8_t results_buffer[kMaxPreparedBufferSize];
  if (argument_size_) {
    std::memset(arguments_buffer, 0, argument_size_);
    ForEachItem(argument_kinds_, arguments_buffer, [&](size_t i, char kind, uint8_t* field) {
      sinew_vm_value_t value = sinew_vm_value_convert(arguments[i], ValueTypeOf(kind));
      std::memcpy(field, &value.i64, CconvItemSize(kind));
    });
  }
  sinew_vm_function_call_t call = {
      function_, {arguments_buffer, argument_size_}, {results_buffer, result_size_}};
  sinew_status_t status = RunCallOn(stack_, trace_, call_tracer_, state_, &call);
  if (!sinew_status_is_ok(status)) [[unlikely]]
    return FromC(status);
  ForEachItem(result_kinds_, results_buffer, [&](size_t i, char kind, uint8_t* field) {
    results[i].type = ValueTypeOf(kind);
    results[i].i64 = 0;
    std::memcpy(&results[i].i64, field, CconvItemSize(kind));
  });
  return OkStatus();
}

}  // namespace sinew::vm
