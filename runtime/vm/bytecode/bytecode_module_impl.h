// Internal layout of bytecode modules, their per-context state and their stack frames: what
// the loader builds and the interpreter executes.
#ifndef SINEW_RUNTIME_VM_BYTECODE_BYTECODE_MODULE_IMPL_H_
#define SINEW_RUNTIME_VM_BYTECODE_BYTECODE_MODULE_IMPL_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "runtime/vm/buffer.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/bytecode/module_def_generated.h"
#include "runtime/vm/cconv.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"
#include "runtime/vm/stack.h"
#include "runtime/vm/value.h"

namespace sinew::vm::bytecode {

struct BytecodeModule;

struct FunctionInfo {
  sinew_vm_function_t self;  // this function as an internal function of its module
  const uint8_t* code;       // executable body (ModuleVerifier::VerifyBodies)
  const uint8_t* file_code;  // the same body as in the module file, for tracing
  uint32_t code_length;
  uint32_t ordinal;
  uint16_t i32_count;
  uint16_t ref_count;
  uint32_t frame_size;         // bytes of a BytecodeFrame including its registers
  uint32_t i32_bytes;          // i32 register bytes (a multiple of 16); refs follow them
  uint32_t register_bytes;     // i32 and ref registers, padded to at least 32 (ZeroRegisters)
  std::string_view arg_kinds;  // cconv argument items, e.g. "iIr" ("" for none)
  std::string_view result_kinds;
  // True when every argument (result) is i32 or f32: values copy slot by slot.
  bool scalar_args;
  bool scalar_results;
  std::string_view name;  // export name, debug name, or empty
  std::string_view cconv;
};

// How an import is called, decided when the context binds it.
enum class ImportKind : uint8_t {
  kUnresolved,  // optional import that no module provides
  kBytecode,    // a bytecode function: run in the same interpreter loop
  kDirect,      // native register-direct entry
  kCall,        // generic module call through argument/result buffers
};

struct ImportBinding {
  ImportKind kind = ImportKind::kUnresolved;
  sinew_vm_import_binding_t binding{};
  void* module_self = nullptr;  // binding.function.module->self, for register-direct calls
  const FunctionInfo* bytecode_function = nullptr;  // kBytecode
  CallingConvention cconv;                          // kCall: callee cconv
  std::string argument_kinds;                       // callee cconv items (no 'v')
  std::string result_kinds;
  uint32_t argument_size = 0;  // kCall without spans: argument buffer bytes
  uint32_t result_size = 0;
};

struct BytecodeModuleState {
  BytecodeModule* module;
  const FunctionInfo* functions;  // module->functions, for the call path
  uint8_t* rwdata;
  sinew_vm_ref_t* global_refs;
  ImportBinding* imports;
  sinew_vm_type_def_t* types;  // resolved type table
  sinew_allocator_t allocator;
};

// The module and everything it derives from the file live in one allocation (the module is
// its first object): function and export tables, rodata buffers and the executable code.
struct BytecodeModule {
  sinew_vm_module_t interface;  // first member: the ABI's self is this struct
  sinew_vm_instance_t* instance;
  sinew_allocator_t allocator;
  sinew_byte_span_t archive;
  sinew_vm_archive_release_t release_archive;
  void* release_user_data;
  uint8_t* aligned_copy;  // owned copy when the archive was misaligned
  const fb::Module* def;
  std::span<FunctionInfo> functions;
  std::span<const FunctionInfo*> exports;  // by export ordinal
  std::span<sinew_vm_buffer_t> rodata;
  std::string_view name;
};

// Precedes each function's executable body (FunctionInfo::code), so that a
// call.internal.scalar finds what it needs next to the callee's code address.
struct alignas(16) ExecutablePrefix {
  const FunctionInfo* function;
  uint32_t i32_bytes;
  uint32_t register_bytes;  // the frame is kBytecodeFrameHeaderSize + register_bytes
};

inline const ExecutablePrefix& PrefixOf(const uint8_t* code) {
  return reinterpret_cast<const ExecutablePrefix*>(code)[-1];
}

// A bytecode activation on the stack; its i32 registers and then ref registers follow it
// (see FrameI32/FrameRefs), and an entry frame's results buffer follows those (EntryResults).
// The running function is header.function (see FrameFunction). One cache line.
struct BytecodeFrame {
  StackFrame header;
  uint32_t size;         // of the whole frame: the next frame starts at FrameEnd
  uint32_t refs_offset;  // from the frame to its ref registers
  BytecodeModuleState* state;
  // Where the frame stopped: its pending call or yield, or the failing instruction. Backtraces
  // turn it into header.pc (SetBytecodeFramePcs), so calls need not compute the offset.
  const uint8_t* pc;
  // Where execution continues when this frame runs again (after a call or a yield), and
  // the result register list of the call it waits on. Set before the frame calls or yields.
  const uint8_t* return_pc;
  const uint8_t* call_results;
};
static_assert(sizeof(BytecodeFrame) == 64);

// Import argument and result buffers are limited like IREE's.
inline constexpr uint32_t kMaxMarshalingBufferSize = 16 * 1024;

inline constexpr uint32_t kBytecodeFrameHeaderSize = (sizeof(BytecodeFrame) + 15) & ~15u;

// The size of a frame of the function whose body `prefix` precedes.
inline uint32_t FrameSize(const ExecutablePrefix& prefix) {
  return kBytecodeFrameHeaderSize + prefix.register_bytes;
}

// A frame's function: header.function points at FunctionInfo::self, its first member.
static_assert(std::is_standard_layout_v<FunctionInfo> && offsetof(FunctionInfo, self) == 0);
inline const FunctionInfo* FrameFunction(const BytecodeFrame* frame) {
  return reinterpret_cast<const FunctionInfo*>(frame->header.function);
}
// The file's bytes of the instruction at `pc` in the executable copy of `function`'s body.
inline const uint8_t* FileCode(const FunctionInfo* function, const uint8_t* pc) {
  return function->file_code + (pc - function->code);
}
// The i32 registers sit at a fixed offset from the frame, so the interpreter needs no
// separate pointer to them.
inline uint32_t* FrameI32(BytecodeFrame* frame) {
  return reinterpret_cast<uint32_t*>(reinterpret_cast<uint8_t*>(frame) + kBytecodeFrameHeaderSize);
}
inline sinew_vm_ref_t* FrameRefs(BytecodeFrame* frame) {
  return reinterpret_cast<sinew_vm_ref_t*>(reinterpret_cast<uint8_t*>(frame) + frame->refs_offset);
}
inline uint8_t* FrameEnd(BytecodeFrame* frame) {
  return reinterpret_cast<uint8_t*>(frame) + frame->size;
}
// An entry frame (header.flags has kFrameEntry) writes its results here, in the bytes it has
// past its registers.
inline constexpr uint32_t kEntryFrameExtraSize = sizeof(sinew_byte_span_t);
inline sinew_byte_span_t& EntryResults(BytecodeFrame* frame) {
  return *reinterpret_cast<sinew_byte_span_t*>(FrameEnd(frame) - kEntryFrameExtraSize);
}

inline const FunctionInfo* ResolveFunctionInfo(BytecodeModule* module,
                                               sinew_vm_function_t function) {
  if (function.linkage == SINEW_VM_LINKAGE_INTERNAL) {
    return function.ordinal < module->functions.size() ? &module->functions[function.ordinal]
                                                       : nullptr;
  }
  return function.ordinal < module->exports.size() ? module->exports[function.ordinal] : nullptr;
}

// The `call` entry of bytecode modules (module.h): runs the function in the interpreter, or
// continues the suspended call on top of `stack`.
sinew_status_t InterpreterCall(void* self, sinew_vm_stack_t* stack, sinew_vm_module_state_t* state,
                               uint32_t flags, const sinew_vm_function_call_t* call);

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_BYTECODE_MODULE_IMPL_H_
