// Bounds-checked decoding of one instruction into its operands, driven by op_table.def.
// Shared by module disassembly and execution tracing.
#ifndef SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_DECODER_H_
#define SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_DECODER_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/base/status.h"
#include "runtime/vm/bytecode/op_table.h"

namespace sinew::vm::bytecode::disassembler_internal {

struct DecodedBranch {
  uint32_t block_offset = 0;
  std::vector<std::pair<uint16_t, uint16_t>> remaps;  // (source, destination)
};

struct DecodedOperand {
  OperandKind kind;
  uint64_t value = 0;                   // registers, immediates, ordinals and offsets
  std::string_view string;              // STR
  std::vector<uint16_t> list;           // register and segment lists
  std::vector<DecodedBranch> branches;  // BRANCH: one; BRTABLE: default then cases
};

struct DecodedInstruction {
  Opcode opcode;
  uint32_t pc = 0;
  uint32_t next_pc = 0;
  std::vector<DecodedOperand> operands;  // in op_table order
};

// Decodes the instruction at `pc`; fails on unknown opcodes or truncated operands.
StatusOr<DecodedInstruction> DecodeInstruction(std::span<const uint8_t> code, uint32_t pc);

// Offsets of every Block op in a function, in order: block N starts at offsets[N].
StatusOr<std::vector<uint32_t>> ScanBlocks(std::span<const uint8_t> code);

}  // namespace sinew::vm::bytecode::disassembler_internal

#endif  // SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_DECODER_H_
