// The VM stack of an invocation: frames of every module live in chunks of one growable
// region so a call only bumps a pointer. Deep recursion fails with RESOURCE_EXHAUSTED when the
// stack would exceed its maximum size, never by crashing.
#ifndef SINEW_RUNTIME_VM_STACK_H_
#define SINEW_RUNTIME_VM_STACK_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/module.h"

namespace sinew::vm {

enum class FrameType : uint8_t { kExternal = 0, kNative = 1, kBytecode = 2 };

// Bits of StackFrame::flags. The common case (neither) is tested with one compare.
enum : uint8_t {
  // First frame of a chunk: popping it returns to the previous chunk (PopChunkStartFrame).
  kFrameChunkStart = 1u << 0,
  // Entered from outside the module's run loop (a host or native caller): returning from it
  // leaves the loop.
  kFrameEntry = 1u << 1,
};

// Common header of every frame; module-specific storage follows it. A frame starts where the
// stack top was before it was pushed, unless it is the first frame of a new chunk.
struct StackFrame {
  StackFrame* parent;
  // The running function, for backtraces. Points into storage of the function's module or
  // module state that outlives the frame, so pushing a frame is one pointer store.
  const sinew_vm_function_t* function;
  uint32_t pc;
  FrameType type;
  uint8_t flags;
};

inline constexpr size_t kDefaultMaxStackSize = 1024 * 1024;

}  // namespace sinew::vm

struct sinew_vm_stack_t {
  uint8_t* top;
  uint8_t* limit;
  sinew::vm::StackFrame* top_frame;
  // Bytes of chunk storage in use, and the cap on it.
  size_t reserved_bytes;
  size_t max_bytes;
  sinew_allocator_t allocator;
  struct Chunk* chunks;  // current chunk first; spare chunks are kept for reuse
  struct Chunk* spare;
  // Execution tracing enabled for this invocation.
  bool trace;
  // Set while an invocation uses the stack (a context reuses one stack across invocations).
  bool in_use;
  // Told about every call of this invocation when not null (call_tracer.h).
  const struct sinew_vm_call_tracer_t* call_tracer;
};

namespace sinew::vm {

// Creates an empty stack whose first chunk has `initial_size` bytes.
StatusOr<sinew_vm_stack_t*> CreateStack(sinew_allocator_t allocator, size_t initial_size,
                                        size_t max_size = kDefaultMaxStackSize);
void DestroyStack(sinew_vm_stack_t* stack);

// Slow path of PushFrame: moves to a new chunk.
StackFrame* PushFrameSlow(sinew_vm_stack_t* stack, size_t size, sinew_status_t* out_status);

// Pushes a frame of `size` bytes (header included, 8-byte multiple). Returns null and sets
// *out_status (RESOURCE_EXHAUSTED) if the stack would exceed its maximum size.
inline StackFrame* PushFrame(sinew_vm_stack_t* stack, size_t size, sinew_status_t* out_status) {
  uint8_t* top = stack->top;
  if (static_cast<size_t>(stack->limit - top) < size) [[unlikely]] {
    return PushFrameSlow(stack, size, out_status);
  }
  auto* frame = reinterpret_cast<StackFrame*>(top);
  frame->parent = stack->top_frame;
  frame->flags = 0;
  stack->top = top + size;
  stack->top_frame = frame;
  return frame;
}

// Slow path of PopFrame: the frame was the first of its chunk; keep the chunk as a spare and
// return to the previous one.
void PopChunkStartFrame(sinew_vm_stack_t* stack);

inline void PopFrame(sinew_vm_stack_t* stack) {
  StackFrame* frame = stack->top_frame;
  if (frame->flags & kFrameChunkStart) [[unlikely]]
    return PopChunkStartFrame(stack);
  stack->top = reinterpret_cast<uint8_t*>(frame);
  stack->top_frame = frame->parent;
}

// Number of frames below `frame` (0 for the bottom frame).
uint32_t FrameDepth(const StackFrame* frame);

// Appends "\n[DD] TYPE module.fn:PC LOCATION" lines for every frame, top first.
std::string FormatBacktrace(const sinew_vm_stack_t* stack);
// Annotates `status` with the stack's backtrace.
sinew_status_t AnnotateWithBacktrace(sinew_status_t status, const sinew_vm_stack_t* stack);

}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_STACK_H_
