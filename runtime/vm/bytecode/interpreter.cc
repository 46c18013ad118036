// The bytecode interpreter: a threaded (computed goto) dispatch loop over verified code.
// Calls between bytecode functions, in this module or in another bytecode module of the
// context, run in the same loop on one register stack; native imports are called directly.
#include <cstring>

#include "runtime/vm/buffer.h"
#include "runtime/vm/bytecode/bytecode_module_impl.h"
#include "runtime/vm/bytecode/interpreter_object_ops.h"
#include "runtime/vm/bytecode/interpreter_trace.h"
#include "runtime/vm/bytecode/interpreter_util.h"
#include "runtime/vm/bytecode/kernels.h"
#include "runtime/vm/call_tracer.h"

namespace sinew::vm::bytecode {
namespace {

using enum OperandKind;

constexpr uint16_t kRefMask = SINEW_VM_REGISTER_REF_ORDINAL_MASK;

// The buffer type id, read once (sinew_vm_buffer_type() is a call from here).
const sinew_vm_ref_type_t kBufferType = sinew_vm_buffer_type();

inline sinew_vm_ref_t& RefAt(sinew_vm_ref_t* refs, uint16_t operand) {
  return refs[operand & kRefMask];
}
inline bool IsMove(uint16_t operand) { return (operand & SINEW_VM_REGISTER_MOVE) != 0; }
inline bool IsRef(uint16_t operand) { return (operand & SINEW_VM_REGISTER_REF) != 0; }

sinew_status_t MakeError(sinew_status_code_t code, const char* message) {
  return sinew_status_make(code, __FILE__, __LINE__, "%s", message);
}

// Copies `count` values listed at `src_list` from one register window to another, placing
// them by `kinds` the way a callee's arguments are laid out (i/f: next slot, I/F: next even
// pair, r: next ref register) or, for results, into the destination registers listed at
// `dst_list` when it is not null.
inline void CopyArguments(std::string_view kinds, const uint8_t* src_list, const uint32_t* src_i32,
                          sinew_vm_ref_t* src_refs, uint32_t* dst_i32, sinew_vm_ref_t* dst_refs) {
  uint32_t slot = 0;
  uint32_t ref = 0;
  for (size_t k = 0; k < kinds.size(); ++k) {
    uint16_t src = ReadU16(src_list + 2 * k);
    switch (kinds[k]) {
      case 'r':
        sinew_vm_ref_retain_or_move(IsMove(src), &RefAt(src_refs, src), &dst_refs[ref++]);
        break;
      case 'I':
      case 'F':
        slot = (slot + 1) & ~1u;
        std::memcpy(&dst_i32[slot], &src_i32[src], 8);
        slot += 2;
        break;
      default:
        dst_i32[slot++] = src_i32[src];
        break;
    }
  }
}

inline void CopyResults(std::string_view kinds, const uint8_t* src_list, const uint32_t* src_i32,
                        sinew_vm_ref_t* src_refs, const uint8_t* dst_list, uint32_t* dst_i32,
                        sinew_vm_ref_t* dst_refs) {
  for (size_t k = 0; k < kinds.size(); ++k) {
    uint16_t src = ReadU16(src_list + 2 * k);
    uint16_t dst = ReadU16(dst_list + 2 * k);
    switch (kinds[k]) {
      case 'r':
        sinew_vm_ref_retain_or_move(IsMove(src), &RefAt(src_refs, src), &RefAt(dst_refs, dst));
        break;
      case 'I':
      case 'F':
        std::memcpy(&dst_i32[dst], &src_i32[src], 8);
        break;
      default:
        dst_i32[dst] = src_i32[src];
        break;
    }
  }
}

// Reads cconv-laid-out values from a buffer into registers: the callee's argument layout when
// `dst_list` is null, else the listed registers. Entry arguments are retained (the caller
// keeps its references); results are moved out of the buffer.
void UnpackBuffer(std::string_view kinds, uint8_t* buffer, uint32_t* i32, sinew_vm_ref_t* refs,
                  const uint8_t* dst_list, bool move_refs) {
  uint32_t position = 0;
  uint32_t slot = 0;
  uint32_t ref = 0;
  for (size_t k = 0; k < kinds.size(); ++k) {
    char kind = kinds[k];
    uint32_t alignment = CconvItemAlignment(kind);
    position = (position + alignment - 1) & ~(alignment - 1);
    if (kind == 'r') {
      auto* src = reinterpret_cast<sinew_vm_ref_t*>(buffer + position);
      sinew_vm_ref_t* dst = dst_list ? &RefAt(refs, ReadU16(dst_list + 2 * k)) : &refs[ref++];
      sinew_vm_ref_retain_or_move(move_refs, src, dst);
    } else if (kind == 'I' || kind == 'F') {
      uint32_t target = dst_list ? ReadU16(dst_list + 2 * k) : ((slot + 1) & ~1u);
      std::memcpy(&i32[target], buffer + position, 8);
      slot = target + 2;
    } else {
      uint32_t target = dst_list ? ReadU16(dst_list + 2 * k) : slot;
      std::memcpy(&i32[target], buffer + position, 4);
      slot = target + 1;
    }
    position += CconvItemSize(kind);
  }
}

// Writes the registers listed at `src_list` into a cconv-laid-out buffer (refs moved or
// retained by the move bit).
void PackBuffer(std::string_view kinds, const uint8_t* src_list, uint32_t* i32,
                sinew_vm_ref_t* refs, uint8_t* buffer) {
  uint32_t position = 0;
  for (size_t k = 0; k < kinds.size(); ++k) {
    char kind = kinds[k];
    uint32_t alignment = CconvItemAlignment(kind);
    position = (position + alignment - 1) & ~(alignment - 1);
    uint16_t src = ReadU16(src_list + 2 * k);
    if (kind == 'r') {
      auto* dst = reinterpret_cast<sinew_vm_ref_t*>(buffer + position);
      dst->ptr = nullptr;
      dst->type = 0;
      sinew_vm_ref_retain_or_move(IsMove(src), &RefAt(refs, src), dst);
    } else {
      std::memcpy(buffer + position, &i32[src], CconvItemSize(kind));
    }
    position += CconvItemSize(kind);
  }
}

inline void ReleaseFrameRefs(BytecodeFrame* frame) {
  sinew_vm_ref_t* refs = FrameRefs(frame);
  uint32_t count = FrameFunction(frame)->ref_count;
  for (uint32_t i = 0; i < count; ++i) sinew_vm_ref_release(&refs[i]);
}

// Zeroes a frame's `size` bytes of registers (FunctionInfo::register_bytes: a multiple of 16,
// at least 32). Frames are usually small: up to 64 bytes take a few stores instead of a call.
inline void ZeroRegisters(uint8_t* body, uint32_t size) {
  std::memset(body, 0, 32);
  if (size > 32) [[unlikely]] {
    if (size > 64) {
      std::memset(body + 32, 0, size - 32);
    } else {
      std::memset(body + size - 32, 0, 32);
    }
  }
}

// Fills the header of a pushed bytecode frame and zeroes its registers. Its pc, return_pc and
// call_results are set when it calls or yields; entry frames set the entry fields.
inline void InitializeBytecodeFrame(BytecodeFrame* frame, BytecodeModuleState* state,
                                    const sinew_vm_function_t* function, uint32_t size,
                                    uint32_t i32_bytes, uint32_t register_bytes) {
  frame->header.function = function;
  frame->size = size;
  frame->header.type = FrameType::kBytecode;
  frame->header.flags = 0;
  frame->state = state;
  frame->refs_offset = kBytecodeFrameHeaderSize + i32_bytes;
  ZeroRegisters(reinterpret_cast<uint8_t*>(FrameI32(frame)), register_bytes);
}

// Pushes the frame (of `frame_size` bytes) of the callee of a call.internal.scalar at `top`,
// the end of the running frame `caller` (the top frame), without touching the stack (see
// Run); null when it needs a new stack chunk.
inline BytecodeFrame* PushInternalFrame(const sinew_vm_stack_t* stack, BytecodeFrame* caller,
                                        uint8_t* top, uint32_t frame_size,
                                        const ExecutablePrefix& prefix) {
  if (reinterpret_cast<uintptr_t>(top) + frame_size > reinterpret_cast<uintptr_t>(stack->limit))
      [[unlikely]] {
    return nullptr;
  }
  auto* frame = reinterpret_cast<BytecodeFrame*>(top);
  frame->header.parent = &caller->header;
  InitializeBytecodeFrame(frame, caller->state, &prefix.function->self, frame_size,
                          prefix.i32_bytes, frame_size - kBytecodeFrameHeaderSize);
  return frame;
}

// `extra_size` bytes past the registers are the caller's (entry frames: EntryResults).
inline BytecodeFrame* PushBytecodeFrame(sinew_vm_stack_t* stack, BytecodeModuleState* state,
                                        const FunctionInfo* function, sinew_status_t* status,
                                        uint32_t extra_size = 0) {
  uint32_t size = function->frame_size + extra_size;
  auto* frame = reinterpret_cast<BytecodeFrame*>(PushFrame(stack, size, status));
  if (!frame) [[unlikely]]
    return nullptr;
  InitializeBytecodeFrame(frame, state, &function->self, size, function->i32_bytes,
                          function->register_bytes);
  return frame;
}

// A native call that returned DEFERRED under call.yieldable waits in one of these frames.
struct PendingImportFrame {
  StackFrame header;
  ImportBinding* import;
  sinew_vm_function_call_t call;
  uint8_t results[];
};

// Fills header.pc (an offset in the function, for backtraces) of every bytecode frame on the
// stack from the pointer the interpreter keeps while it runs.
void SetBytecodeFramePcs(sinew_vm_stack_t* stack) {
  for (StackFrame* header = stack->top_frame; header; header = header->parent) {
    if (header->type != FrameType::kBytecode) continue;
    auto* frame = reinterpret_cast<BytecodeFrame*>(header);
    header->pc = static_cast<uint32_t>(frame->pc - FrameFunction(frame)->code);
  }
}

// Pushes a frame standing for native function `function` that failed, so that the backtrace
// shows it; best effort (nothing is pushed when the stack is full).
void PushNativeFrameMarker(sinew_vm_stack_t* stack, const sinew_vm_function_t* function) {
  sinew_status_t status = sinew_ok_status();
  StackFrame* frame = PushFrame(stack, (sizeof(StackFrame) + 15) & ~size_t{15}, &status);
  if (!frame) {
    sinew_status_free(status);
    return;
  }
  frame->type = FrameType::kNative;
  frame->function = function;
  frame->pc = 0;
}

// Pops every frame of the current activation (down to and including its entry frame),
// releasing their registers.
void Unwind(sinew_vm_stack_t* stack) {
  while (StackFrame* top = stack->top_frame) {
    bool is_entry = top->flags & kFrameEntry;
    if (top->type == FrameType::kBytecode) ReleaseFrameRefs(reinterpret_cast<BytecodeFrame*>(top));
    PopFrame(stack);
    if (is_entry) break;
  }
}

// Size of an import's argument buffer, including variadic spans sized by `segments`.
uint32_t ArgumentBufferSize(const CallingConvention& cconv, const uint8_t* segments) {
  uint32_t position = 0;
  uint32_t max_alignment = 4;
  for (size_t i = 0; i < cconv.arguments.size(); ++i) {
    const CconvItem& item = cconv.arguments[i];
    if (item.kind != 'C') {
      uint32_t alignment = CconvItemAlignment(item.kind);
      if (alignment > max_alignment) max_alignment = alignment;
      position = ((position + alignment - 1) & ~(alignment - 1)) + CconvItemSize(item.kind);
      continue;
    }
    uint32_t count = ReadU16(segments + 2 + 2 * i);
    position = ((position + 3) & ~3u) + 4;
    if (count == 0) continue;
    uint32_t alignment = SpanAlignment(item.span_items);
    if (alignment > max_alignment) max_alignment = alignment;
    position = ((position + alignment - 1) & ~(alignment - 1)) +
               count * SpanElementStride(item.span_items);
  }
  return position ? (position + max_alignment - 1) & ~(max_alignment - 1) : 0;
}

// Writes a variadic call's arguments: spans take their element count from `segments`.
void PackVariadicArguments(const CallingConvention& cconv, const uint8_t* segments,
                           const uint8_t* args, uint32_t* i32, sinew_vm_ref_t* refs,
                           uint8_t* buffer) {
  uint32_t position = 0;
  const uint8_t* next = args + 2;
  auto pack_item = [&](char kind) {
    uint32_t alignment = CconvItemAlignment(kind);
    position = (position + alignment - 1) & ~(alignment - 1);
    uint16_t src = ReadU16(next);
    next += 2;
    if (kind == 'r') {
      sinew_vm_ref_retain_or_move(IsMove(src), &RefAt(refs, src),
                                  reinterpret_cast<sinew_vm_ref_t*>(buffer + position));
    } else {
      std::memcpy(buffer + position, &i32[src], CconvItemSize(kind));
    }
    position += CconvItemSize(kind);
  };
  for (size_t i = 0; i < cconv.arguments.size(); ++i) {
    const CconvItem& item = cconv.arguments[i];
    if (item.kind != 'C') {
      pack_item(item.kind);
      continue;
    }
    uint32_t count = ReadU16(segments + 2 + 2 * i);
    position = (position + 3) & ~3u;
    std::memcpy(buffer + position, &count, 4);
    position += 4;
    if (count == 0) continue;
    uint32_t alignment = SpanAlignment(item.span_items);
    uint32_t stride = SpanElementStride(item.span_items);
    position = (position + alignment - 1) & ~(alignment - 1);
    for (uint32_t e = 0; e < count; ++e) {
      uint32_t element_start = position;
      for (char kind : item.span_items) pack_item(kind);
      position = element_start + stride;
    }
  }
}

// Releases the refs left in an argument buffer after the callee returned.
void ReleaseArgumentRefs(const CallingConvention& cconv, const uint8_t* segments, uint8_t* buffer) {
  uint32_t position = 0;
  auto visit = [&](char kind) {
    uint32_t alignment = CconvItemAlignment(kind);
    position = (position + alignment - 1) & ~(alignment - 1);
    if (kind == 'r') sinew_vm_ref_release(reinterpret_cast<sinew_vm_ref_t*>(buffer + position));
    position += CconvItemSize(kind);
  };
  for (size_t i = 0; i < cconv.arguments.size(); ++i) {
    const CconvItem& item = cconv.arguments[i];
    if (item.kind != 'C') {
      visit(item.kind);
      continue;
    }
    uint32_t count = segments ? ReadU16(segments + 2 + 2 * i) : 0;
    position = ((position + 3) & ~3u) + 4;
    if (count == 0) continue;
    uint32_t alignment = SpanAlignment(item.span_items);
    uint32_t stride = SpanElementStride(item.span_items);
    position = (position + alignment - 1) & ~(alignment - 1);
    for (uint32_t e = 0; e < count; ++e) {
      uint32_t element_start = position;
      for (char kind : item.span_items) visit(kind);
      position = element_start + stride;
    }
  }
}

// Calls an import through its module's call entry with argument/result buffers. A yieldable
// call that returns DEFERRED leaves a PendingImportFrame on the stack to resume later.
sinew_status_t CallImport(sinew_vm_stack_t* stack, ImportBinding* import, const uint8_t* segments,
                          const uint8_t* args, const uint8_t* results, uint32_t* i32,
                          sinew_vm_ref_t* refs, bool yieldable) {
  uint32_t argument_size =
      segments ? ArgumentBufferSize(import->cconv, segments) : import->argument_size;
  if (argument_size > kMaxMarshalingBufferSize) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "ABI marshaling buffer overflow: %u argument bytes", argument_size);
  }
  alignas(16) uint8_t argument_buffer[kMaxMarshalingBufferSize];
  alignas(16) uint8_t result_storage[kMaxMarshalingBufferSize];
  std::memset(argument_buffer, 0, argument_size);
  if (segments) {
    PackVariadicArguments(import->cconv, segments, args, i32, refs, argument_buffer);
  } else if (!import->argument_kinds.empty()) {
    PackBuffer(import->argument_kinds, args + 2, i32, refs, argument_buffer);
  }
  PendingImportFrame* pending = nullptr;
  uint8_t* result_buffer = result_storage;
  sinew_status_t status = sinew_ok_status();
  if (yieldable) {
    size_t size = (sizeof(PendingImportFrame) + import->result_size + 15) & ~size_t{15};
    pending = reinterpret_cast<PendingImportFrame*>(PushFrame(stack, size, &status));
    if (!pending) {
      ReleaseArgumentRefs(import->cconv, segments, argument_buffer);
      return status;
    }
    pending->header.type = FrameType::kNative;
    pending->header.function = &import->binding.function;
    pending->header.pc = 0;
    pending->import = import;
    result_buffer = pending->results;
  }
  std::memset(result_buffer, 0, import->result_size);
  sinew_vm_function_call_t call = {import->binding.function,
                                   {argument_buffer, argument_size},
                                   {result_buffer, import->result_size}};
  sinew_vm_module_t* callee = import->binding.function.module;
  status = callee->call(callee->self, stack, import->binding.state, SINEW_VM_CALL_BEGIN, &call);
  ReleaseArgumentRefs(import->cconv, segments, argument_buffer);
  if (sinew_status_code(status) == SINEW_STATUS_DEFERRED) {
    if (yieldable) {
      pending->call = call;
      pending->call.arguments = {nullptr, 0};
      return status;
    }
    sinew_status_free(status);
    return sinew_status_make(SINEW_STATUS_UNIMPLEMENTED, __FILE__, __LINE__,
                             "import yielded under a non-yieldable call (use "
                             "vm.call.yieldable)");
  }
  if (sinew_status_is_ok(status) && !import->result_kinds.empty()) {
    UnpackBuffer(import->result_kinds, result_buffer, i32, refs, results + 2, true);
  }
  if (pending) PopFrame(stack);
  return status;
}

sinew_status_t ImportError(sinew_status_t status) {
  return sinew_status_annotate(status, "while calling import");
}

// Runs the interpreter loop on `stack`: a new call of `function` with the buffers of `call`,
// or, when `function` is null, the suspended frames on top of the stack.
// Ends the traced calls of the frames an error unwinds, down to the entry frame (whose caller
// ends its own call).
void TraceUnwind(sinew_vm_stack_t* stack) {
  for (StackFrame* frame = stack->top_frame; frame; frame = frame->parent) {
    if (frame->flags & kFrameEntry) return;
    TraceCallEnd(stack, *frame->function);
  }
}

template <bool kTrace>
sinew_status_t Run(sinew_vm_stack_t* stack, BytecodeModuleState* state,
                   const FunctionInfo* function, const sinew_vm_function_call_t* call);

}  // namespace

sinew_status_t InterpreterCall(void* self, sinew_vm_stack_t* stack,
                               sinew_vm_module_state_t* opaque_state, uint32_t flags,
                               const sinew_vm_function_call_t* call) {
  auto* state = reinterpret_cast<BytecodeModuleState*>(opaque_state);
  const FunctionInfo* function = nullptr;
  if (flags == SINEW_VM_CALL_RESUME) {
    if (!stack->top_frame) {
      return MakeError(SINEW_STATUS_FAILED_PRECONDITION, "no suspended call to resume");
    }
  } else {
    function = ResolveFunctionInfo(static_cast<BytecodeModule*>(self), call->function);
    if (!function) [[unlikely]] {
      return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                               "function ordinal %u out of range", call->function.ordinal);
    }
  }
  // The traced loop serves instruction tracing (stack->trace) and call tracing
  // (stack->call_tracer); the other loop has neither.
  return stack->trace || stack->call_tracer ? Run<true>(stack, state, function, call)
                                            : Run<false>(stack, state, function, call);
}

namespace {

template <bool kTrace>
sinew_status_t Run(sinew_vm_stack_t* stack, BytecodeModuleState* state,
                   const FunctionInfo* function, const sinew_vm_function_call_t* call) {
  static const void* const kDispatch[] = {
#define OP(name, ...) &&op_##name,
#include "runtime/vm/bytecode/op_table.def"
#undef OP
  };

  sinew_status_t status = sinew_ok_status();
  BytecodeFrame* frame = nullptr;
  uint32_t frame_size = 0;  // frame->size, kept here so a call finds the callee's frame at once
  const uint8_t* pc = nullptr;
  // The running frame's registers and module state are all reached from `frame` (the i32 bank
  // at a fixed offset), which keeps the loop's live state small.
#define I32_REGS FrameI32(frame)
#define REF_REGS FrameRefs(frame)
#define STATE (frame->state)

#define SINEW_ENTER_FRAME(f, at) \
  do {                           \
    frame = (f);                 \
    frame_size = frame->size;    \
    pc = (at);                   \
  } while (false)

  // Tracing prints the instruction as the module file has it (never an internal form).
#define DISPATCH()                                                                        \
  do {                                                                                    \
    if constexpr (kTrace) {                                                               \
      if (stack->trace) {                                                                 \
        const FunctionInfo* traced_ = FrameFunction(frame);                               \
        TraceInstruction(stack, &frame->header, traced_->file_code, traced_->code_length, \
                         FileCode(traced_, pc), I32_REGS, REF_REGS);                      \
      }                                                                                   \
    }                                                                                     \
    goto* kDispatch[ReadU16(pc)];                                                         \
  } while (false)

#define FAIL(s)   \
  do {            \
    status = (s); \
    goto error;   \
  } while (false)
  // Native functions push no frame while they run; when one fails, the backtrace still shows
  // it (RUNTIME_MODEL.md 12.3) through a frame pushed only then.
  const ImportBinding* failed_import = nullptr;
#define FAIL_IMPORT(import_, s) \
  do {                          \
    failed_import = (import_);  \
    FAIL(ImportError(s));       \
  } while (false)

  // The running frame is always the top frame, and the stack's top is its end. The internal
  // call and return forms only move `frame`; every other path writes the stack's top back
  // before it pushes, pops or lets anyone else see the stack.
#define SINEW_SYNC_STACK()                                       \
  do {                                                           \
    stack->top = reinterpret_cast<uint8_t*>(frame) + frame_size; \
    stack->top_frame = &frame->header;                           \
  } while (false)

  if (function) {
    // A new call: its entry frame returns to the caller of Run.
    BytecodeFrame* entry = PushBytecodeFrame(stack, state, function, &status, kEntryFrameExtraSize);
    if (!entry) return status;
    entry->header.flags |= kFrameEntry;
    EntryResults(entry) = call->results;
    entry->pc = function->code;
    if (!function->arg_kinds.empty()) {
      UnpackBuffer(function->arg_kinds, call->arguments.data, FrameI32(entry), FrameRefs(entry),
                   nullptr, false);
    }
    // Past the entry block's marker, unless tracing shows it.
    SINEW_ENTER_FRAME(entry, function->code + (kTrace ? 0 : 2));
    DISPATCH();
  }
  // Resuming: a pending native call on top, or a bytecode frame suspended by vm.yield.
  if (stack->top_frame->type == FrameType::kNative) goto resume_import;
  {
    auto* top = reinterpret_cast<BytecodeFrame*>(stack->top_frame);
    SINEW_ENTER_FRAME(top, top->return_pc);
  }
  DISPATCH();

  // Pure instructions: operand decoding and the kernel come from the op table.
#define SINEW_HANDLER_K(name, kinds)                                                 \
  op_##name : pc = ExecuteKernel<&kernels::name, SINEW_UNPAREN kinds>(pc, I32_REGS); \
  DISPATCH();
#define SINEW_HANDLER_H(name, kinds)
#define SINEW_UNPAREN(...) __VA_ARGS__
#define OP(name, mnemonic, ext, shape, exec, kinds) SINEW_HANDLER_##exec(name, kinds)
#include "runtime/vm/bytecode/op_table.def"
#undef OP

op_Block:
  pc += 2;
  DISPATCH();

op_ConstRefZero:
  sinew_vm_ref_release(&RefAt(REF_REGS, ReadU16(pc + 2)));
  pc += 4;
  DISPATCH();

op_ConstRefRodata:
  sinew_vm_buffer_retain_rodata(&STATE->module->rodata[ReadU32(pc + 2)],
                                &RefAt(REF_REGS, ReadU16(pc + 6)));
  pc += 8;
  DISPATCH();

  // Primitive globals: static offsets were checked at load.
op_GlobalLoadI32:
op_GlobalLoadF32:
  std::memcpy(&I32_REGS[ReadU16(pc + 6)], STATE->rwdata + ReadU32(pc + 2), 4);
  pc += 8;
  DISPATCH();
op_GlobalLoadI64:
op_GlobalLoadF64:
  std::memcpy(&I32_REGS[ReadU16(pc + 6)], STATE->rwdata + ReadU32(pc + 2), 8);
  pc += 8;
  DISPATCH();
op_GlobalStoreI32:
op_GlobalStoreF32:
  std::memcpy(STATE->rwdata + ReadU32(pc + 4), &I32_REGS[ReadU16(pc + 2)], 4);
  pc += 8;
  DISPATCH();
op_GlobalStoreI64:
op_GlobalStoreF64:
  std::memcpy(STATE->rwdata + ReadU32(pc + 4), &I32_REGS[ReadU16(pc + 2)], 8);
  pc += 8;
  DISPATCH();

  {
    uint32_t width;
    uint64_t offset;
  op_GlobalLoadIndirectI32:
  op_GlobalLoadIndirectF32:
    width = 4;
    goto global_load_indirect;
  op_GlobalLoadIndirectI64:
  op_GlobalLoadIndirectF64:
    width = 8;
  global_load_indirect:
    offset = I32_REGS[ReadU16(pc + 2)];
    if (offset + width > STATE->module->def->rwdata_size()) goto global_offset_error;
    std::memcpy(&I32_REGS[ReadU16(pc + 4)], STATE->rwdata + offset, width);
    pc += 6;
    DISPATCH();
  op_GlobalStoreIndirectI32:
  op_GlobalStoreIndirectF32:
    width = 4;
    goto global_store_indirect;
  op_GlobalStoreIndirectI64:
  op_GlobalStoreIndirectF64:
    width = 8;
  global_store_indirect:
    offset = I32_REGS[ReadU16(pc + 2)];
    if (offset + width > STATE->module->def->rwdata_size()) goto global_offset_error;
    std::memcpy(STATE->rwdata + offset, &I32_REGS[ReadU16(pc + 4)], width);
    pc += 6;
    DISPATCH();
  global_offset_error:
    FAIL(sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, __FILE__, __LINE__,
                           "global byte_offset out of range: %llu (rwdata=%u)",
                           static_cast<unsigned long long>(offset),
                           STATE->module->def->rwdata_size()));
  }

  {
    uint32_t slot;
    const sinew_vm_type_def_t* type;
    uint16_t value_operand;
  op_GlobalLoadRef:
    slot = ReadU32(pc + 2);
    type = &STATE->types[ReadU32(pc + 6)];
    value_operand = ReadU16(pc + 10);
    pc += 12;
    goto global_load_ref;
  op_GlobalLoadIndirectRef:
    slot = I32_REGS[ReadU16(pc + 2)];
    type = &STATE->types[ReadU32(pc + 4)];
    value_operand = ReadU16(pc + 8);
    if (slot >= STATE->module->def->global_ref_count()) goto global_slot_error;
    pc += 10;
  global_load_ref:
    if (!RefMatchesType(STATE->global_refs[slot], *type)) goto ref_type_error;
    sinew_vm_ref_retain_or_move(IsMove(value_operand), &STATE->global_refs[slot],
                                &RefAt(REF_REGS, value_operand));
    DISPATCH();
  op_GlobalStoreRef:
    value_operand = ReadU16(pc + 2);
    slot = ReadU32(pc + 4);
    type = &STATE->types[ReadU32(pc + 8)];
    pc += 12;
    goto global_store_ref;
  op_GlobalStoreIndirectRef:
    slot = I32_REGS[ReadU16(pc + 2)];
    type = &STATE->types[ReadU32(pc + 4)];
    value_operand = ReadU16(pc + 8);
    if (slot >= STATE->module->def->global_ref_count()) goto global_slot_error;
    pc += 10;
  global_store_ref:
    if (!RefMatchesType(RefAt(REF_REGS, value_operand), *type)) goto ref_type_error;
    sinew_vm_ref_retain_or_move(IsMove(value_operand), &RefAt(REF_REGS, value_operand),
                                &STATE->global_refs[slot]);
    DISPATCH();
  global_slot_error:
    FAIL(sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, __FILE__, __LINE__,
                           "global ref ordinal out of range: %u (table=%u)", slot,
                           STATE->module->def->global_ref_count()));
  }

ref_type_error:
  FAIL(MakeError(SINEW_STATUS_INVALID_ARGUMENT, "source ref type mismatch"));

  // Typed buffer loads and stores: a buffer ref with the element in range (and, for a store, a
  // mutable buffer) is handled here; every other case takes the out-of-line path below, which
  // reports the error. Element offsets are unsigned, so the range check is one compare.
#define SINEW_BUFFER_LOAD(name, element, write)                                          \
  op_##name : {                                                                          \
    const sinew_vm_ref_t& ref = RefAt(REF_REGS, ReadU16(pc + 2));                        \
    auto index = static_cast<uint64_t>(LoadI64(I32_REGS, ReadU16(pc + 4)));              \
    auto* buffer = static_cast<const sinew_vm_buffer_t*>(ref.ptr);                       \
    if (ref.type != kBufferType || !buffer || index >= buffer->length / sizeof(element)) \
        [[unlikely]]                                                                     \
      goto object_op;                                                                    \
    element value;                                                                       \
    std::memcpy(&value, buffer->data + index * sizeof(element), sizeof(element));        \
    write;                                                                               \
    pc += 8;                                                                             \
    DISPATCH();                                                                          \
  }
#define SINEW_STORE_I32(v) I32_REGS[ReadU16(pc + 6)] = static_cast<uint32_t>(v)
  SINEW_BUFFER_LOAD(BufferLoadI8U, uint8_t, SINEW_STORE_I32(value))
  SINEW_BUFFER_LOAD(BufferLoadI8S, int8_t, SINEW_STORE_I32(value))
  SINEW_BUFFER_LOAD(BufferLoadI16U, uint16_t, SINEW_STORE_I32(value))
  SINEW_BUFFER_LOAD(BufferLoadI16S, int16_t, SINEW_STORE_I32(value))
  SINEW_BUFFER_LOAD(BufferLoadI32, uint32_t, SINEW_STORE_I32(value))
  SINEW_BUFFER_LOAD(BufferLoadF32, uint32_t, SINEW_STORE_I32(value))
  SINEW_BUFFER_LOAD(BufferLoadI64, uint64_t, std::memcpy(&I32_REGS[ReadU16(pc + 6)], &value, 8))
  SINEW_BUFFER_LOAD(BufferLoadF64, uint64_t, std::memcpy(&I32_REGS[ReadU16(pc + 6)], &value, 8))
#undef SINEW_STORE_I32
#undef SINEW_BUFFER_LOAD

#define SINEW_BUFFER_STORE(name, element)                                           \
  op_##name : {                                                                     \
    const sinew_vm_ref_t& ref = RefAt(REF_REGS, ReadU16(pc + 4));                   \
    auto index = static_cast<uint64_t>(LoadI64(I32_REGS, ReadU16(pc + 6)));         \
    auto* buffer = static_cast<sinew_vm_buffer_t*>(ref.ptr);                        \
    if (ref.type != kBufferType || !buffer ||                                       \
        !(buffer->access & SINEW_VM_BUFFER_ACCESS_MUTABLE) ||                       \
        index >= buffer->length / sizeof(element)) [[unlikely]]                     \
      goto object_op;                                                               \
    std::memcpy(buffer->data + index * sizeof(element), &I32_REGS[ReadU16(pc + 2)], \
                sizeof(element));                                                   \
    pc += 8;                                                                        \
    DISPATCH();                                                                     \
  }
  SINEW_BUFFER_STORE(BufferStoreI8, uint8_t)
  SINEW_BUFFER_STORE(BufferStoreI16, uint16_t)
  SINEW_BUFFER_STORE(BufferStoreI32, uint32_t)
  SINEW_BUFFER_STORE(BufferStoreF32, uint32_t)
  SINEW_BUFFER_STORE(BufferStoreI64, uint64_t)
  SINEW_BUFFER_STORE(BufferStoreF64, uint64_t)
#undef SINEW_BUFFER_STORE

  // Other buffer and list instructions run out of line.
op_BufferAlloc:
op_BufferClone:
op_BufferLength:
op_BufferCopy:
op_BufferCompare:
op_BufferHash:
op_BufferFillI8:
op_BufferFillI16:
op_BufferFillI32:
op_BufferFillI64:
op_BufferFillF32:
op_BufferFillF64:
op_ListAlloc:
op_ListReserve:
op_ListSize:
op_ListResize:
op_ListGetI32:
op_ListSetI32:
op_ListGetI64:
op_ListSetI64:
op_ListGetF32:
op_ListSetF32:
op_ListGetF64:
op_ListSetF64:
op_ListGetRef:
op_ListSetRef:
object_op : {
  uint32_t length = 0;
  status = ExecuteObjectOp(static_cast<Opcode>(ReadU16(pc)), pc,
                           OpContext{I32_REGS, REF_REGS, STATE}, &length);
  if (!sinew_status_is_ok(status)) [[unlikely]]
    goto error;
  pc += length;
  DISPATCH();
}

op_AssignRef : {
  uint16_t src = ReadU16(pc + 2);
  sinew_vm_ref_retain_or_move(IsMove(src), &RefAt(REF_REGS, src),
                              &RefAt(REF_REGS, ReadU16(pc + 4)));
  pc += 6;
  DISPATCH();
}

op_DiscardRefs : {
  uint16_t count = ReadU16(pc + 2);
  for (uint16_t i = 0; i < count; ++i)
    sinew_vm_ref_release(&RefAt(REF_REGS, ReadU16(pc + 4 + 2 * i)));
  pc += 4 + 2 * count;
  DISPATCH();
}

op_CastAnyRef : {
  uint16_t src = ReadU16(pc + 2);
  const sinew_vm_type_def_t& type = STATE->types[ReadU32(pc + 4)];
  sinew_vm_ref_t& value = RefAt(REF_REGS, src);
  if (value.ptr && !(sinew_vm_type_def_is_ref(type) && type.ref_type == value.type)) {
    goto ref_type_error;
  }
  sinew_vm_ref_retain_or_move(IsMove(src), &value, &RefAt(REF_REGS, ReadU16(pc + 8)));
  pc += 10;
  DISPATCH();
}

op_CmpEqRef:
op_CmpNeRef : {
  int equal =
      sinew_vm_ref_equal(&RefAt(REF_REGS, ReadU16(pc + 2)), &RefAt(REF_REGS, ReadU16(pc + 4)));
  I32_REGS[ReadU16(pc + 6)] =
      static_cast<Opcode>(ReadU16(pc)) == Opcode::kCmpEqRef ? equal : !equal;
  pc += 8;
  DISPATCH();
}
op_CmpNzRef:
  I32_REGS[ReadU16(pc + 4)] = RefAt(REF_REGS, ReadU16(pc + 2)).ptr != nullptr;
  pc += 6;
  DISPATCH();

op_SelectRef : {
  bool condition = I32_REGS[ReadU16(pc + 2)] != 0;
  uint16_t chosen = ReadU16(pc + (condition ? 4 : 6));
  uint16_t other = ReadU16(pc + (condition ? 6 : 4));
  uint16_t result = ReadU16(pc + 12);
  if (!RefMatchesType(RefAt(REF_REGS, chosen), STATE->types[ReadU32(pc + 8)])) goto ref_type_error;
  sinew_vm_ref_retain_or_move(IsMove(chosen), &RefAt(REF_REGS, chosen), &RefAt(REF_REGS, result));
  if (IsMove(other) && (other & kRefMask) != (result & kRefMask)) {
    sinew_vm_ref_release(&RefAt(REF_REGS, other));
  }
  pc += 14;
  DISPATCH();
}

  {
    uint16_t count;
    int32_t index;
    const uint8_t* after;
  op_SwitchI32:
  op_SwitchF32:
    index = static_cast<int32_t>(I32_REGS[ReadU16(pc + 2)]);
    count = ReadU16(pc + 4);
    after = pc + 6 + 2 * count;
    I32_REGS[ReadU16(after + 2)] =
        I32_REGS[index >= 0 && index < count ? ReadU16(pc + 6 + 2 * index) : ReadU16(after)];
    pc = after + 4;
    DISPATCH();
  op_SwitchI64:
  op_SwitchF64:
    index = static_cast<int32_t>(I32_REGS[ReadU16(pc + 2)]);
    count = ReadU16(pc + 4);
    after = pc + 6 + 2 * count;
    std::memcpy(
        &I32_REGS[ReadU16(after + 2)],
        &I32_REGS[index >= 0 && index < count ? ReadU16(pc + 6 + 2 * index) : ReadU16(after)], 8);
    pc = after + 4;
    DISPATCH();
  op_SwitchRef : {
    index = static_cast<int32_t>(I32_REGS[ReadU16(pc + 2)]);
    count = ReadU16(pc + 4);
    after = pc + 6 + 2 * count;
    uint16_t chosen = index >= 0 && index < count ? ReadU16(pc + 6 + 2 * index) : ReadU16(after);
    if (!RefMatchesType(RefAt(REF_REGS, chosen), STATE->types[ReadU32(after + 2)])) {
      goto ref_type_error;
    }
    sinew_vm_ref_retain_or_move(IsMove(chosen), &RefAt(REF_REGS, chosen),
                                &RefAt(REF_REGS, ReadU16(after + 6)));
    pc = after + 8;
    DISPATCH();
  }
  }

  // Integer division traps instead of crashing (VM_OPS.md 24).
#define SINEW_DIV_HANDLER(name, type, load, store)                                \
  op_##name : {                                                                   \
    type result;                                                                  \
    if (!kernels::Try##name(load(pc + 2), load(pc + 4), &result)) {               \
      FAIL(MakeError(SINEW_STATUS_INVALID_ARGUMENT, "integer division by zero")); \
    }                                                                             \
    store(pc + 6, result);                                                        \
    pc += 8;                                                                      \
    DISPATCH();                                                                   \
  }
#define SINEW_LOAD32(p) static_cast<int32_t>(I32_REGS[ReadU16(p)])
#define SINEW_STORE32(p, v) I32_REGS[ReadU16(p)] = static_cast<uint32_t>(v)
#define SINEW_LOAD64(p) LoadI64(I32_REGS, ReadU16(p))
#define SINEW_STORE64(p, v) StoreI64(I32_REGS, ReadU16(p), v)
  SINEW_DIV_HANDLER(DivI32S, int32_t, SINEW_LOAD32, SINEW_STORE32)
  SINEW_DIV_HANDLER(DivI32U, int32_t, SINEW_LOAD32, SINEW_STORE32)
  SINEW_DIV_HANDLER(RemI32S, int32_t, SINEW_LOAD32, SINEW_STORE32)
  SINEW_DIV_HANDLER(RemI32U, int32_t, SINEW_LOAD32, SINEW_STORE32)
  SINEW_DIV_HANDLER(DivI64S, int64_t, SINEW_LOAD64, SINEW_STORE64)
  SINEW_DIV_HANDLER(DivI64U, int64_t, SINEW_LOAD64, SINEW_STORE64)
  SINEW_DIV_HANDLER(RemI64S, int64_t, SINEW_LOAD64, SINEW_STORE64)
  SINEW_DIV_HANDLER(RemI64U, int64_t, SINEW_LOAD64, SINEW_STORE64)

  // Control flow. A branch operand is: u32 block offset, u16 remap count, remap pairs.
#define SINEW_TAKE_BRANCH(branch)                                                                  \
  do {                                                                                             \
    const uint8_t* b_ = (branch);                                                                  \
    uint16_t remaps_ = ReadU16(b_ + 4);                                                            \
    for (uint16_t r_ = 0; r_ < remaps_; ++r_) {                                                    \
      uint16_t src_ = ReadU16(b_ + 6 + 4 * r_);                                                    \
      uint16_t dst_ = ReadU16(b_ + 8 + 4 * r_);                                                    \
      if (IsRef(src_)) {                                                                           \
        sinew_vm_ref_retain_or_move(IsMove(src_), &RefAt(REF_REGS, src_), &RefAt(REF_REGS, dst_)); \
      } else {                                                                                     \
        I32_REGS[dst_] = I32_REGS[src_];                                                           \
      }                                                                                            \
    }                                                                                              \
    pc = b_ + static_cast<int32_t>(ReadU32(b_));                                                   \
  } while (false)

  // Fused compare + cond_br (op_table.def): the compare's operands follow the fused opcode,
  // the cond_br (on the compare's result) comes right after it. When tracing, the base
  // instructions run one by one instead. An add + compare + cond_br whose taken branch
  // re-enters its own block (a counting loop) keeps running here without re-dispatching.
#define SINEW_FUSED_COMPARE_BRANCH(name, base, kernel)                                \
  op_##name : {                                                                       \
    if constexpr (kTrace) goto op_##base;                                             \
    int32_t taken = kernels::kernel(static_cast<int32_t>(I32_REGS[ReadU16(pc + 2)]),  \
                                    static_cast<int32_t>(I32_REGS[ReadU16(pc + 4)])); \
    I32_REGS[ReadU16(pc + 6)] = static_cast<uint32_t>(taken);                         \
    pc += 8;                                                                          \
    if (taken) {                                                                      \
      SINEW_TAKE_BRANCH(pc + 4);                                                      \
    } else {                                                                          \
      SINEW_TAKE_BRANCH(pc + 4 + 6 + 4 * ReadU16(pc + 8));                            \
    }                                                                                 \
    DISPATCH();                                                                       \
  }
  SINEW_FUSED_COMPARE_BRANCH(CmpEqI32CondBr, CmpEqI32, CmpEqI32)
  SINEW_FUSED_COMPARE_BRANCH(CmpNeI32CondBr, CmpNeI32, CmpNeI32)
  SINEW_FUSED_COMPARE_BRANCH(CmpLtI32SCondBr, CmpLtI32S, CmpLtI32S)
#undef SINEW_FUSED_COMPARE_BRANCH

op_AddI32CmpLtI32SCondBr : {
  if constexpr (kTrace) goto op_AddI32;
  uint16_t a = ReadU16(pc + 2), b = ReadU16(pc + 4), sum = ReadU16(pc + 6);
  uint16_t lhs = ReadU16(pc + 10), rhs = ReadU16(pc + 12), condition = ReadU16(pc + 14);
  const uint8_t* branch = pc + 20;
  bool self_loop = branch + static_cast<int32_t>(ReadU32(branch)) == pc && ReadU16(branch + 4) == 0;
  int32_t taken;
  do {
    I32_REGS[sum] = static_cast<uint32_t>(
        kernels::AddI32(static_cast<int32_t>(I32_REGS[a]), static_cast<int32_t>(I32_REGS[b])));
    taken = kernels::CmpLtI32S(static_cast<int32_t>(I32_REGS[lhs]),
                               static_cast<int32_t>(I32_REGS[rhs]));
    I32_REGS[condition] = static_cast<uint32_t>(taken);
  } while (taken && self_loop);
  if (taken) {
    SINEW_TAKE_BRANCH(branch);
  } else {
    SINEW_TAKE_BRANCH(branch + 6 + 4 * ReadU16(branch + 4));
  }
  DISPATCH();
}

op_Br:
op_Break:
  SINEW_TAKE_BRANCH(pc + 2);
  DISPATCH();
op_CondBreak:
  SINEW_TAKE_BRANCH(pc + 4);
  DISPATCH();
op_CondBr:
  if (I32_REGS[ReadU16(pc + 2)] != 0) {
    SINEW_TAKE_BRANCH(pc + 4);
  } else {
    SINEW_TAKE_BRANCH(pc + 4 + 6 + 4 * ReadU16(pc + 8));
  }
  DISPATCH();
op_BrTable : {
  int32_t index = static_cast<int32_t>(I32_REGS[ReadU16(pc + 2)]);
  uint16_t count = ReadU16(pc + 4);
  const uint8_t* branch = pc + 6;  // default
  if (index >= 0 && index < count) {
    for (int32_t i = 0; i <= index; ++i) branch += 6 + 4 * ReadU16(branch + 4);
  }
  SINEW_TAKE_BRANCH(branch);
  DISPATCH();
}

op_Yield:
  SINEW_TAKE_BRANCH(pc + 2);
  frame->return_pc = pc;
  frame->pc = pc;
  SINEW_SYNC_STACK();
  return sinew_status_from_code(SINEW_STATUS_DEFERRED);

op_Trace:
op_Print : {
  uint16_t length = ReadU16(pc + 2);
  const uint8_t* list = pc + 4 + ((length + 1) & ~1u);
  uint16_t count = ReadU16(list);
  for (uint16_t i = 0; i < count; ++i) {
    uint16_t operand = ReadU16(list + 2 + 2 * i);
    if (IsRef(operand) && IsMove(operand)) sinew_vm_ref_release(&RefAt(REF_REGS, operand));
  }
  pc = list + 2 + 2 * count;
  DISPATCH();
}

op_Fail : {
  uint32_t raw_code = I32_REGS[ReadU16(pc + 2)];
  uint32_t code_value = raw_code & 0x1F;
  uint16_t length = ReadU16(pc + 4);
  const char* message = reinterpret_cast<const char*>(pc + 6);
  if (raw_code == 0) {
    pc += 6 + ((length + 1) & ~1u);
    const FunctionInfo* function = FrameFunction(frame);
    if (pc >= function->code + function->code_length) {
      FAIL(
          MakeError(SINEW_STATUS_INTERNAL, "vm.fail with code 0 fell off the end of the function"));
    }
    DISPATCH();
  }
  if (code_value == SINEW_STATUS_DEFERRED || code_value == 0) {
    // A failure must never look like a suspension or success (VM_OPS.md 21).
    FAIL(sinew_status_make(SINEW_STATUS_INTERNAL, "<vm>", 0, "vm.fail with status code %d: %.*s",
                           static_cast<int32_t>(raw_code), static_cast<int>(length), message));
  }
  FAIL(sinew_status_make(static_cast<sinew_status_code_t>(code_value), "<vm>", 0, "%.*s",
                         static_cast<int>(length), message));
}

op_ImportResolved:
  I32_REGS[ReadU16(pc + 6)] =
      STATE->imports[ReadU32(pc + 2) & ~kImportOrdinalBit].kind != ImportKind::kUnresolved;
  pc += 8;
  DISPATCH();

op_Return : {
  uint16_t count = ReadU16(pc + 2);
  const uint8_t* list = pc + 4;
  const FunctionInfo* function = FrameFunction(frame);
  SINEW_SYNC_STACK();
  if (frame->header.flags & kFrameEntry) {
    if (count) {
      PackBuffer(function->result_kinds, list, I32_REGS, REF_REGS, EntryResults(frame).data);
    }
    ReleaseFrameRefs(frame);
    PopFrame(stack);
    return sinew_ok_status();
  }
  auto* caller = reinterpret_cast<BytecodeFrame*>(frame->header.parent);
  uint32_t* caller_i32 = FrameI32(caller);
  if (function->scalar_results) {
    const uint8_t* destinations = caller->call_results + 2;
    for (uint16_t k = 0; k < count; ++k) {
      caller_i32[ReadU16(destinations + 2 * k)] = I32_REGS[ReadU16(list + 2 * k)];
    }
  } else {
    CopyResults(function->result_kinds, list, I32_REGS, REF_REGS, caller->call_results + 2,
                caller_i32, FrameRefs(caller));
  }
  if (function->ref_count) ReleaseFrameRefs(frame);
  PopFrame(stack);
  if constexpr (kTrace)
    if (stack->call_tracer) TraceCallEnd(stack, function->self);
  SINEW_ENTER_FRAME(caller, caller->return_pc);
  DISPATCH();
}

  // The loader's forms of a return from a function without ref registers and with i32/f32
  // results only (.1: exactly one). Entry frames and the first frame of a stack chunk take the
  // generic path.
op_ReturnScalar1 : {
  if (kTrace || frame->header.flags != 0) [[unlikely]]
    goto op_Return;
  auto* caller = reinterpret_cast<BytecodeFrame*>(frame->header.parent);
  FrameI32(caller)[ReadU16(caller->call_results + 2)] = I32_REGS[ReadU16(pc + 4)];
  SINEW_ENTER_FRAME(caller, caller->return_pc);
  DISPATCH();
}
op_AddI32ReturnScalar1 : {
  // The return.scalar.1 after the add runs here too, unless this frame needs the generic one.
  if (kTrace || frame->header.flags != 0) goto op_AddI32;
  auto* caller = reinterpret_cast<BytecodeFrame*>(frame->header.parent);
  FrameI32(caller)[ReadU16(caller->call_results + 2)] =
      static_cast<uint32_t>(kernels::AddI32(static_cast<int32_t>(I32_REGS[ReadU16(pc + 2)]),
                                            static_cast<int32_t>(I32_REGS[ReadU16(pc + 4)])));
  SINEW_ENTER_FRAME(caller, caller->return_pc);
  DISPATCH();
}
op_ReturnScalar : {
  if (kTrace || frame->header.flags != 0) [[unlikely]]
    goto op_Return;
  auto* caller = reinterpret_cast<BytecodeFrame*>(frame->header.parent);
  uint16_t count = ReadU16(pc + 2);
  const uint8_t* list = pc + 4;
  const uint8_t* destinations = caller->call_results + 2;
  uint32_t* caller_i32 = FrameI32(caller);
  for (uint16_t k = 0; k < count; ++k) {
    caller_i32[ReadU16(destinations + 2 * k)] = I32_REGS[ReadU16(list + 2 * k)];
  }
  SINEW_ENTER_FRAME(caller, caller->return_pc);
  DISPATCH();
}

  {
    uint32_t callee_operand;
    const uint8_t* args;
    const uint8_t* results;
    const uint8_t* segments;
    const uint8_t* next_pc;
    bool yieldable;
    const FunctionInfo* callee;
    BytecodeModuleState* callee_state;
    // The loader's forms of a call of a function in this module whose arguments are all
    // i32/f32: the callee's body is at a distance from the call, its frame layout right before.
    // The .1 form has exactly one argument and one result, so its operands sit at fixed
    // offsets, and it holds the callee's frame size (pc + 6) where the file has the argument
    // count. The callee's frame goes at frame + frame_size: no address waits on a load.
  op_CallInternalScalar1 : {
    if constexpr (kTrace) goto call_internal_new_chunk;  // the generic path reports calls
    const uint8_t* callee_code = pc + static_cast<int32_t>(ReadU32(pc + 2));
    uint32_t callee_size = ReadU16(pc + 6);
    BytecodeFrame* callee_frame =
        PushInternalFrame(stack, frame, reinterpret_cast<uint8_t*>(frame) + frame_size, callee_size,
                          PrefixOf(callee_code));
    if (!callee_frame) [[unlikely]]
      goto call_internal_new_chunk;
    frame->pc = pc;
    frame->call_results = pc + 10;
    frame->return_pc = pc + 14;
    FrameI32(callee_frame)[0] = I32_REGS[ReadU16(pc + 8)];
    frame = callee_frame;
    frame_size = callee_size;
    pc = callee_code + 2;  // past the entry block's marker
    DISPATCH();
  }
  op_CallInternalScalar : {
    if constexpr (kTrace) goto call_internal_new_chunk;
    const uint8_t* callee_code = pc + static_cast<int32_t>(ReadU32(pc + 2));
    const ExecutablePrefix& prefix = PrefixOf(callee_code);
    uint32_t callee_size = FrameSize(prefix);
    BytecodeFrame* callee_frame = PushInternalFrame(
        stack, frame, reinterpret_cast<uint8_t*>(frame) + frame_size, callee_size, prefix);
    if (!callee_frame) [[unlikely]]
      goto call_internal_new_chunk;
    uint16_t count = ReadU16(pc + 6);
    const uint8_t* call_results = pc + 8 + 2 * count;
    frame->pc = pc;
    frame->call_results = call_results;
    frame->return_pc = call_results + 2 + 2 * ReadU16(call_results);
    uint32_t* callee_i32 = FrameI32(callee_frame);
    for (uint16_t k = 0; k < count; ++k) callee_i32[k] = I32_REGS[ReadU16(pc + 8 + 2 * k)];
    frame = callee_frame;
    frame_size = callee_size;
    pc = callee_code + 2;
    DISPATCH();
  }
  call_internal_new_chunk:
    // The callee's frame needs a new stack chunk: the generic path pushes it. It reads the
    // operand lists from the file's copy of the call, where the .1 form keeps its counts.
    {
      const uint8_t* file_pc = FileCode(FrameFunction(frame), pc);
      callee = PrefixOf(pc + static_cast<int32_t>(ReadU32(pc + 2))).function;
      callee_state = STATE;
      args = file_pc + 6;
      results = args + 2 + 2 * ReadU16(args);
      next_pc = pc + (results + 2 + 2 * ReadU16(results) - file_pc);
    }
    goto enter_bytecode;
    // The loader's form of a call of an import (not variadic, not yieldable): a register-direct
    // native entry is called right here; other bindings take the generic path.
  op_CallImport : {
    const ImportBinding* import = &STATE->imports[ReadU32(pc + 2) & ~kImportOrdinalBit];
    if (kTrace || import->kind != ImportKind::kDirect) [[unlikely]]
      goto op_Call;
    const uint8_t* call_results = pc + 8 + 2 * ReadU16(pc + 6);
    status = import->binding.direct.function(import->binding.direct.target, import->module_self,
                                             import->binding.state, I32_REGS, REF_REGS,
                                             reinterpret_cast<const uint16_t*>(pc + 8),
                                             reinterpret_cast<const uint16_t*>(call_results + 2));
    if (!sinew_status_is_ok(status)) [[unlikely]]
      FAIL_IMPORT(import, status);
    pc = call_results + 2 + 2 * ReadU16(call_results);
    DISPATCH();
  }
  op_Call:
    callee_operand = ReadU32(pc + 2);
    args = pc + 6;
    results = args + 2 + 2 * ReadU16(args);
    next_pc = results + 2 + 2 * ReadU16(results);
    if (!(callee_operand & kImportOrdinalBit)) {
      callee = &STATE->functions[callee_operand];
      callee_state = STATE;
      goto enter_bytecode;
    }
    segments = nullptr;
    yieldable = false;
    goto call_import;
  op_CallYieldable:
    callee_operand = ReadU32(pc + 2);
    args = pc + 6;
    results = args + 2 + 2 * ReadU16(args) + 4;
    next_pc = results - 4 + static_cast<int32_t>(ReadU32(results - 4));
    if (!(callee_operand & kImportOrdinalBit)) {
      callee = &STATE->functions[callee_operand];
      callee_state = STATE;
      goto enter_bytecode;
    }
    segments = nullptr;
    yieldable = true;
    goto call_import;
  op_CallVariadic:
    callee_operand = ReadU32(pc + 2);
    segments = pc + 6;
    args = segments + 2 + 2 * ReadU16(segments);
    results = args + 2 + 2 * ReadU16(args);
    next_pc = results + 2 + 2 * ReadU16(results);
    yieldable = false;
    goto call_import;
  op_CallVariadicYieldable:
    callee_operand = ReadU32(pc + 2);
    segments = pc + 6;
    args = segments + 2 + 2 * ReadU16(segments);
    results = args + 2 + 2 * ReadU16(args) + 4;
    next_pc = results - 4 + static_cast<int32_t>(ReadU32(results - 4));
    yieldable = true;
  call_import : {
    ImportBinding* import = &STATE->imports[callee_operand & ~kImportOrdinalBit];
    switch (import->kind) {
      case ImportKind::kBytecode:
        callee = import->bytecode_function;
        callee_state = reinterpret_cast<BytecodeModuleState*>(import->binding.state);
        goto enter_bytecode;
      case ImportKind::kDirect:
        if (!segments) {
          if constexpr (kTrace)
            if (stack->call_tracer) TraceCallBegin(stack, import->binding.function);
          status = import->binding.direct.function(
              import->binding.direct.target, import->module_self, import->binding.state, I32_REGS,
              REF_REGS, reinterpret_cast<const uint16_t*>(args + 2),
              reinterpret_cast<const uint16_t*>(results + 2));
          if constexpr (kTrace)
            if (stack->call_tracer) TraceCallEnd(stack, import->binding.function);
          if (!sinew_status_is_ok(status)) [[unlikely]]
            FAIL_IMPORT(import, status);
          pc = next_pc;
          DISPATCH();
        }
        [[fallthrough]];
      case ImportKind::kCall: {
        frame->pc = pc;
        SINEW_SYNC_STACK();
        if constexpr (kTrace)
          if (stack->call_tracer) TraceCallBegin(stack, import->binding.function);
        status = CallImport(stack, import, segments, args, results, I32_REGS, REF_REGS, yieldable);
        // A yielded call stays open until it completes (resume_import).
        if constexpr (kTrace)
          if (stack->call_tracer && sinew_status_code(status) != SINEW_STATUS_DEFERRED)
            TraceCallEnd(stack, import->binding.function);
        if (sinew_status_is_ok(status)) {
          pc = next_pc;
          DISPATCH();
        }
        if (sinew_status_code(status) == SINEW_STATUS_DEFERRED) {
          frame->return_pc = next_pc;
          frame->call_results = results;
          return status;
        }
        FAIL_IMPORT(import, status);
      }
      case ImportKind::kUnresolved:
      default: {
        sinew_string_view_t name = {nullptr, 0};
        STATE->module->interface.get_function(STATE->module, SINEW_VM_LINKAGE_IMPORT,
                                              callee_operand & ~kImportOrdinalBit, nullptr, &name,
                                              nullptr);
        FAIL(sinew_status_make(SINEW_STATUS_NOT_FOUND, __FILE__, __LINE__,
                               "optional import `%.*s` (ordinal %u) not resolved",
                               static_cast<int>(name.size), name.data,
                               callee_operand & ~kImportOrdinalBit));
      }
    }
  }
  enter_bytecode : {
    // The callee runs in this loop: push its frame, copy the arguments into its registers.
    frame->pc = pc;
    SINEW_SYNC_STACK();
    BytecodeFrame* callee_frame = PushBytecodeFrame(stack, callee_state, callee, &status);
    if (!callee_frame) [[unlikely]]
      goto error;
    if constexpr (kTrace)
      if (stack->call_tracer) TraceCallBegin(stack, callee->self);
    uint32_t* callee_i32 = FrameI32(callee_frame);
    if (callee->scalar_args) {
      uint16_t count = ReadU16(args);
      for (uint16_t k = 0; k < count; ++k) callee_i32[k] = I32_REGS[ReadU16(args + 2 + 2 * k)];
    } else {
      CopyArguments(callee->arg_kinds, args + 2, I32_REGS, REF_REGS, callee_i32,
                    FrameRefs(callee_frame));
    }
    frame->return_pc = next_pc;
    frame->call_results = results;
    SINEW_ENTER_FRAME(callee_frame, callee->code + 2);  // past the entry block's marker
    DISPATCH();
  }
  }

resume_import : {
  auto* pending = reinterpret_cast<PendingImportFrame*>(stack->top_frame);
  auto* caller = reinterpret_cast<BytecodeFrame*>(pending->header.parent);
  ImportBinding* import = pending->import;
  sinew_vm_module_t* callee = import->binding.function.module;
  status = callee->call(callee->self, stack, import->binding.state, SINEW_VM_CALL_RESUME,
                        &pending->call);
  if (sinew_status_code(status) == SINEW_STATUS_DEFERRED) return status;
  if constexpr (kTrace)
    if (stack->call_tracer) TraceCallEnd(stack, import->binding.function);
  if (!sinew_status_is_ok(status)) {
    PopFrame(stack);
    SINEW_ENTER_FRAME(caller, caller->pc);
    FAIL_IMPORT(import, status);
  }
  if (!import->result_kinds.empty()) {
    UnpackBuffer(import->result_kinds, pending->results, FrameI32(caller), FrameRefs(caller),
                 caller->call_results + 2, true);
  }
  PopFrame(stack);
  SINEW_ENTER_FRAME(caller, caller->return_pc);
  DISPATCH();
}

error:
  if (frame) {
    frame->pc = pc;
    SINEW_SYNC_STACK();
  }
  if constexpr (kTrace)
    if (stack->call_tracer) TraceUnwind(stack);
  if (failed_import) PushNativeFrameMarker(stack, &failed_import->binding.function);
  SetBytecodeFramePcs(stack);
  status = AnnotateWithBacktrace(status, stack);
  Unwind(stack);
  return status;

#undef DISPATCH
#undef FAIL
#undef FAIL_IMPORT
#undef SINEW_ENTER_FRAME
#undef SINEW_SYNC_STACK
#undef I32_REGS
#undef REF_REGS
#undef STATE
}

}  // namespace
}  // namespace sinew::vm::bytecode
