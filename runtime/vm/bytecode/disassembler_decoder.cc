// Bounds-checked instruction decoding for the disassembler.
#include "runtime/vm/bytecode/disassembler_decoder.h"

#include "runtime/base/str_cat.h"

namespace sinew::vm::bytecode::disassembler_internal {
namespace {

// Little-endian reads that fail instead of running past the end.
class Reader {
 public:
  Reader(std::span<const uint8_t> code, uint32_t pc) : code_(code), pos_(pc) {}
  uint32_t pos() const { return pos_; }

  Status Read(uint32_t size, uint64_t* out) {
    if (pos_ > code_.size() || code_.size() - pos_ < size) {
      return InvalidArgumentError(StrCat("instruction operand at ", pos_,
                                         " runs past the end of "
                                         "the function (",
                                         code_.size(), " bytes)"));
    }
    uint64_t value = 0;
    for (uint32_t i = 0; i < size; ++i) value |= static_cast<uint64_t>(code_[pos_ + i]) << (8 * i);
    pos_ += size;
    *out = value;
    return OkStatus();
  }
  StatusOr<uint16_t> U16() {
    uint64_t value = 0;
    SINEW_RETURN_IF_ERROR(Read(2, &value));
    return static_cast<uint16_t>(value);
  }
  StatusOr<uint32_t> U32() {
    uint64_t value = 0;
    SINEW_RETURN_IF_ERROR(Read(4, &value));
    return static_cast<uint32_t>(value);
  }
  StatusOr<std::string_view> String() {
    SINEW_ASSIGN_OR_RETURN(uint16_t length, U16());
    uint32_t padded = length + (length % 2);
    if (code_.size() - pos_ < padded) {
      return InvalidArgumentError(StrCat("string operand at ", pos_, " runs past the end"));
    }
    std::string_view value(reinterpret_cast<const char*>(code_.data() + pos_), length);
    pos_ += padded;
    return value;
  }
  Status List(std::vector<uint16_t>* out) {
    SINEW_ASSIGN_OR_RETURN(uint16_t count, U16());
    out->reserve(count);
    for (uint16_t i = 0; i < count; ++i) {
      SINEW_ASSIGN_OR_RETURN(uint16_t entry, U16());
      out->push_back(entry);
    }
    return OkStatus();
  }
  StatusOr<DecodedBranch> Branch() {
    DecodedBranch branch;
    SINEW_ASSIGN_OR_RETURN(branch.block_offset, U32());
    SINEW_ASSIGN_OR_RETURN(uint16_t count, U16());
    branch.remaps.reserve(count);
    for (uint16_t i = 0; i < count; ++i) {
      SINEW_ASSIGN_OR_RETURN(uint16_t source, U16());
      SINEW_ASSIGN_OR_RETURN(uint16_t destination, U16());
      branch.remaps.push_back({source, destination});
    }
    return branch;
  }

 private:
  std::span<const uint8_t> code_;
  uint32_t pos_;
};

Status DecodeOperand(Reader& reader, DecodedOperand* operand) {
  uint32_t fixed = FixedOperandSize(operand->kind);
  if (fixed != 0) return reader.Read(fixed, &operand->value);
  switch (operand->kind) {
    case OperandKind::STR: {
      SINEW_ASSIGN_OR_RETURN(operand->string, reader.String());
      return OkStatus();
    }
    case OperandKind::BRANCH: {
      SINEW_ASSIGN_OR_RETURN(DecodedBranch branch, reader.Branch());
      operand->branches.push_back(std::move(branch));
      return OkStatus();
    }
    case OperandKind::BRTABLE: {
      SINEW_ASSIGN_OR_RETURN(uint16_t cases, reader.U16());
      for (uint32_t i = 0; i <= cases; ++i) {
        SINEW_ASSIGN_OR_RETURN(DecodedBranch branch, reader.Branch());
        operand->branches.push_back(std::move(branch));
      }
      return OkStatus();
    }
    default:
      // Every other variable-size kind is a u16-counted list.
      return reader.List(&operand->list);
  }
}

}  // namespace

StatusOr<DecodedInstruction> DecodeInstruction(std::span<const uint8_t> code, uint32_t pc) {
  Reader reader(code, pc);
  SINEW_ASSIGN_OR_RETURN(uint16_t opcode, reader.U16());
  if (opcode >= kOpcodeCount) {
    return InvalidArgumentError(StrCat("invalid opcode ", opcode, " at ", pc));
  }
  DecodedInstruction instruction;
  instruction.opcode = static_cast<Opcode>(opcode);
  instruction.pc = pc;
  const OpInfo& info = GetOpInfo(instruction.opcode);
  instruction.operands.reserve(info.operands.size());
  for (OperandKind kind : info.operands) {
    DecodedOperand& operand = instruction.operands.emplace_back();
    operand.kind = kind;
    SINEW_RETURN_IF_ERROR(DecodeOperand(reader, &operand));
  }
  instruction.next_pc = reader.pos();
  return instruction;
}

StatusOr<std::vector<uint32_t>> ScanBlocks(std::span<const uint8_t> code) {
  std::vector<uint32_t> blocks;
  uint32_t pc = 0;
  while (pc < code.size()) {
    SINEW_ASSIGN_OR_RETURN(DecodedInstruction instruction, DecodeInstruction(code, pc));
    if (instruction.opcode == Opcode::kBlock) blocks.push_back(pc);
    pc = instruction.next_pc;
  }
  return blocks;
}

}  // namespace sinew::vm::bytecode::disassembler_internal
