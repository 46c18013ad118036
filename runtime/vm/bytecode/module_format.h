// Constants of the .vmb module format shared by the writer, loader and tools.
#ifndef SINEW_RUNTIME_VM_BYTECODE_MODULE_FORMAT_H_
#define SINEW_RUNTIME_VM_BYTECODE_MODULE_FORMAT_H_

#include <cstdint>

namespace sinew::vm::bytecode {

// Bumped whenever the container or the instruction encoding changes incompatibly.
inline constexpr uint32_t kBytecodeFormatVersion = 5;

// Module/function requirement bits.
inline constexpr uint32_t kRequirementF32 = 1u << 0;
inline constexpr uint32_t kRequirementF64 = 1u << 1;

// Rodata segments start at this alignment inside the file.
inline constexpr uint32_t kRodataAlignment = 16;

// Function bodies start at this alignment inside Module.bytecode, each after at least this
// many bytes that belong to no body: a loader can copy the whole bytecode at once and keep
// per-function data in front of each body.
inline constexpr uint32_t kFunctionBodyAlignment = 16;
inline constexpr uint32_t kFunctionBodyReserve = 16;

// Register-file limits (VMASM.md 3.5).
inline constexpr uint32_t kMaxI32RegisterOrdinal = 32767;
inline constexpr uint32_t kMaxRefRegisterOrdinal = 16383;

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_MODULE_FORMAT_H_
