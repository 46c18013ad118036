// Stack chunk management and backtraces.
#include "runtime/vm/stack.h"

#include <cstdio>
#include <cstring>
#include <new>

#include "runtime/base/str_cat.h"

struct Chunk {
  Chunk* next;
  size_t size;  // usable bytes after the header
  // The previous chunk's top and limit, restored when the chunk's first frame pops.
  uint8_t* saved_top;
  uint8_t* saved_limit;
  uint8_t* data() { return reinterpret_cast<uint8_t*>(this + 1); }
};

namespace sinew::vm {
namespace {

constexpr size_t kChunkHeaderSize = (sizeof(Chunk) + 15) & ~size_t{15};

Chunk* AllocateChunk(sinew_allocator_t allocator, size_t size) {
  void* memory = nullptr;
  sinew_status_t status = sinew_allocator_malloc(allocator, kChunkHeaderSize + size, 16, &memory);
  if (!sinew_status_is_ok(status)) {
    sinew_status_free(status);
    return nullptr;
  }
  auto* chunk = static_cast<Chunk*>(memory);
  chunk->next = nullptr;
  chunk->size = size;
  return chunk;
}

}  // namespace

StatusOr<sinew_vm_stack_t*> CreateStack(sinew_allocator_t allocator, size_t initial_size,
                                        size_t max_size) {
  auto* stack = new (std::nothrow) sinew_vm_stack_t();
  Chunk* chunk = stack ? AllocateChunk(allocator, initial_size) : nullptr;
  if (!chunk) {
    delete stack;
    return ResourceExhaustedError("out of memory allocating a VM stack");
  }
  stack->allocator = allocator;
  stack->chunks = chunk;
  stack->spare = nullptr;
  stack->top = chunk->data();
  stack->limit = chunk->data() + chunk->size;
  stack->top_frame = nullptr;
  stack->reserved_bytes = initial_size;
  stack->max_bytes = max_size;
  stack->trace = false;
  stack->in_use = false;
  stack->call_tracer = nullptr;
  return stack;
}

void DestroyStack(sinew_vm_stack_t* stack) {
  if (!stack) return;
  for (Chunk* list : {stack->chunks, stack->spare}) {
    while (list) {
      Chunk* next = list->next;
      stack->allocator.free(stack->allocator.self, list);
      list = next;
    }
  }
  delete stack;
}

StackFrame* PushFrameSlow(sinew_vm_stack_t* stack, size_t size, sinew_status_t* out_status) {
  // Frames never span chunks: move on to a spare or new chunk big enough for this frame.
  Chunk* chunk = stack->spare;
  if (chunk && chunk->size >= size) {
    stack->spare = chunk->next;
  } else {
    size_t chunk_size = stack->chunks->size * 2;
    if (chunk_size < size) chunk_size = size;
    if (stack->reserved_bytes + chunk_size > stack->max_bytes) {
      chunk_size = stack->max_bytes - stack->reserved_bytes;
      if (stack->reserved_bytes >= stack->max_bytes || chunk_size < size) {
        *out_status = sinew_status_make(
            SINEW_STATUS_RESOURCE_EXHAUSTED, __FILE__, __LINE__,
            "VM stack overflow: a frame of %zu bytes would exceed the maximum stack size of %zu "
            "bytes (depth %u)",
            size, stack->max_bytes, stack->top_frame ? FrameDepth(stack->top_frame) + 1 : 0u);
        return nullptr;
      }
    }
    chunk = AllocateChunk(stack->allocator, chunk_size);
    if (!chunk) {
      *out_status = sinew_status_make(SINEW_STATUS_RESOURCE_EXHAUSTED, __FILE__, __LINE__,
                                      "out of memory growing the VM stack");
      return nullptr;
    }
    stack->reserved_bytes += chunk_size;
  }
  chunk->next = stack->chunks;
  chunk->saved_top = stack->top;
  chunk->saved_limit = stack->limit;
  stack->chunks = chunk;
  stack->top = chunk->data();
  stack->limit = chunk->data() + chunk->size;
  StackFrame* frame = PushFrame(stack, size, out_status);
  frame->flags = kFrameChunkStart;
  return frame;
}

void PopChunkStartFrame(sinew_vm_stack_t* stack) {
  StackFrame* frame = stack->top_frame;
  Chunk* chunk = stack->chunks;
  stack->chunks = chunk->next;
  chunk->next = stack->spare;
  stack->spare = chunk;
  stack->top = chunk->saved_top;
  stack->limit = chunk->saved_limit;
  stack->top_frame = frame->parent;
}

uint32_t FrameDepth(const StackFrame* frame) {
  uint32_t depth = 0;
  for (const StackFrame* parent = frame->parent; parent; parent = parent->parent) ++depth;
  return depth;
}

std::string FormatBacktrace(const sinew_vm_stack_t* stack) {
  std::string out;
  uint32_t depth = stack->top_frame ? FrameDepth(stack->top_frame) : 0;
  for (const StackFrame* frame = stack->top_frame; frame; frame = frame->parent, --depth) {
    char prefix[32];
    const char* type = frame->type == FrameType::kBytecode ? "bytecode"
                       : frame->type == FrameType::kNative ? "native"
                                                           : "external";
    std::snprintf(prefix, sizeof(prefix), "\n[%2u] %8s ", static_cast<unsigned>(depth), type);
    out += prefix;
    if (!frame->function || !frame->function->module) continue;
    const sinew_vm_function_t& function = *frame->function;
    sinew_vm_module_t* module = function.module;
    out += ToStringView(module->name(module->self));
    sinew_string_view_t name = {nullptr, 0};
    sinew_status_t status = module->get_function(
        module->self, static_cast<sinew_vm_function_linkage_t>(function.linkage), function.ordinal,
        nullptr, &name, nullptr);
    if (sinew_status_is_ok(status) && name.size) {
      out += StrCat(".", ToStringView(name));
    } else {
      sinew_status_free(status);
      out += StrCat("@", function.ordinal);
    }
    out += StrCat(":", frame->pc, " ");
    sinew_string_view_t location = {nullptr, 0};
    if (module->resolve_source_location &&
        sinew_status_is_ok(status = module->resolve_source_location(module->self, function,
                                                                    frame->pc, &location))) {
      out += ToStringView(location);
    } else {
      sinew_status_free(status);
      out += "-";
    }
  }
  return out;
}

sinew_status_t AnnotateWithBacktrace(sinew_status_t status, const sinew_vm_stack_t* stack) {
  if (!stack->top_frame) return status;
  return sinew_status_annotate(status, FormatBacktrace(stack).c_str());
}

}  // namespace sinew::vm
