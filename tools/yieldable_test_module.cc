// The `yieldable_test` native module: two shims that count down per-context state across
// yields. Built from a static descriptor; only the state entries are overridden.
#include "tools/yieldable_test_module.h"

#include <cstring>
#include <new>

#include "runtime/vm/native/native_module.h"

namespace {

// The call in flight in one context. Each yield adds one to `accumulator`, so the final
// result, base + count, is built up across resumes rather than computed up front.
struct YieldState {
  sinew_allocator_t allocator;
  bool in_flight;
  int32_t remaining_yields;
  uint32_t accumulator;  // Unsigned so that sums wrap instead of overflowing.
};

YieldState* Cast(sinew_vm_module_state_t* state) { return reinterpret_cast<YieldState*>(state); }

sinew_status_t NewState(const YieldState& value, sinew_allocator_t allocator,
                        sinew_vm_module_state_t** out_state) {
  void* storage = nullptr;
  SINEW_RETURN_IF_ERROR_C(
      sinew_allocator_malloc(allocator, sizeof(YieldState), alignof(YieldState), &storage));
  auto* state = new (storage) YieldState(value);
  state->allocator = allocator;
  *out_state = reinterpret_cast<sinew_vm_module_state_t*>(state);
  return sinew_ok_status();
}

sinew_status_t AllocState(void*, sinew_allocator_t allocator, sinew_vm_module_state_t** out_state) {
  return NewState(YieldState{}, allocator, out_state);
}

void FreeState(void*, sinew_vm_module_state_t* state) {
  sinew_allocator_free(Cast(state)->allocator, state);
}

// A forked context continues any call its parent has in flight.
sinew_status_t ForkState(void*, sinew_vm_module_state_t* parent, sinew_allocator_t allocator,
                         sinew_vm_module_state_t** out_state) {
  return NewState(*Cast(parent), allocator, out_state);
}

sinew_status_t Begin(YieldState* state, uint32_t base, int32_t yield_count) {
  if (yield_count < 0) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "yield count must be non-negative; got %d", yield_count);
  }
  state->in_flight = true;
  state->remaining_yields = yield_count;
  state->accumulator = base;
  return sinew_ok_status();
}

// Yields while yields remain, then writes the i32 result.
sinew_status_t Step(YieldState* state, sinew_byte_span_t results) {
  if (!state->in_flight) {
    return sinew_status_make(SINEW_STATUS_FAILED_PRECONDITION, __FILE__, __LINE__,
                             "resumed without a yielded call in flight");
  }
  if (state->remaining_yields > 0) {
    --state->remaining_yields;
    ++state->accumulator;
    return sinew_status_from_code(SINEW_STATUS_DEFERRED);
  }
  state->in_flight = false;
  std::memcpy(results.data, &state->accumulator, sizeof(state->accumulator));
  return sinew_ok_status();
}

// yield_n(arg, count) -> arg + count; arguments {i32 arg; i32 count}.
sinew_status_t YieldNShim(sinew_vm_stack_t*, uint32_t flags, sinew_byte_span_t arguments,
                          sinew_byte_span_t results, void*, void*,
                          sinew_vm_module_state_t* module_state) {
  SINEW_RETURN_IF_ERROR_C(sinew_vm_native_check_buffers(arguments, 2 * sizeof(int32_t), results,
                                                        sizeof(int32_t), flags));
  YieldState* state = Cast(module_state);
  if (flags == SINEW_VM_CALL_BEGIN) {
    int32_t args[2];
    std::memcpy(args, arguments.data, sizeof(args));
    SINEW_RETURN_IF_ERROR_C(Begin(state, static_cast<uint32_t>(args[0]), args[1]));
  }
  return Step(state, results);
}

// yield_variadic_sum(values..., count) -> sum + count; arguments
// {i32 span_count; i32 values[span_count]; i32 count} (reference/CCONV.md section 3.3).
sinew_status_t YieldVariadicSumShim(sinew_vm_stack_t*, uint32_t flags, sinew_byte_span_t arguments,
                                    sinew_byte_span_t results, void*, void*,
                                    sinew_vm_module_state_t* module_state) {
  int32_t span_count = 0;
  if (flags == SINEW_VM_CALL_BEGIN && arguments.size >= sizeof(span_count)) {
    std::memcpy(&span_count, arguments.data, sizeof(span_count));
  }
  if (span_count < 0) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "segment_count must be non-negative; got %d", span_count);
  }
  size_t value_count = static_cast<size_t>(span_count);
  SINEW_RETURN_IF_ERROR_C(sinew_vm_native_check_buffers(
      arguments, (value_count + 2) * sizeof(int32_t), results, sizeof(int32_t), flags));
  YieldState* state = Cast(module_state);
  if (flags == SINEW_VM_CALL_BEGIN) {
    const uint8_t* values = arguments.data + sizeof(int32_t);
    uint32_t sum = 0;
    for (size_t i = 0; i < value_count; ++i) {
      uint32_t value;
      std::memcpy(&value, values + i * sizeof(value), sizeof(value));
      sum += value;
    }
    int32_t yield_count;
    std::memcpy(&yield_count, values + value_count * sizeof(int32_t), sizeof(yield_count));
    SINEW_RETURN_IF_ERROR_C(Begin(state, sum, yield_count));
  }
  return Step(state, results);
}

sinew_string_view_t Sv(const char* text) { return sinew_make_cstring_view(text); }

// Yielding functions get no direct entry: direct calls cannot return DEFERRED.
const sinew_vm_native_export_descriptor_t kExports[] = {
    {Sv("yield_n"), Sv("0ii_i"), YieldNShim, nullptr, nullptr, 0, nullptr},
    {Sv("yield_variadic_sum"), Sv("0CiDi_i"), YieldVariadicSumShim, nullptr, nullptr, 0, nullptr},
};

const sinew_vm_native_module_descriptor_t kDescriptor = {
    Sv("yieldable_test"),
    0,
    0,
    nullptr,
    0,
    nullptr,
    0,
    nullptr,
    sizeof(kExports) / sizeof(kExports[0]),
    kExports,
};

}  // namespace

extern "C" sinew_status_t sinew_yieldable_test_module_create(sinew_vm_instance_t* instance,
                                                             sinew_allocator_t allocator,
                                                             sinew_vm_module_t** out_module) {
  sinew_vm_module_t overrides;
  sinew_vm_module_initialize(&overrides, nullptr);
  overrides.alloc_state = AllocState;
  overrides.free_state = FreeState;
  overrides.fork_state = ForkState;
  return sinew_vm_native_module_create(&overrides, &kDescriptor, instance, allocator, out_module);
}
