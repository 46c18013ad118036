// Opcodes, operand kinds and per-instruction metadata generated from op_table.def.
//
// Instruction encoding (little-endian, every field 2-byte aligned relative to the function):
//   opcode                                   u16
//   I32 I64 F32 F64 OI32 OI64 OF32 OF64      u16 register ordinal (i32 bank; 64-bit = even base)
//   REF REFM OREFM                           u16: SINEW_VM_REGISTER_REF | [MOVE] | ordinal
//   IMM32 IMMF32 / IMM64 IMMF64              4 / 8 bytes of bits
//   RODATA RWDATA4 RWDATA8 GREF TYPE LISTTYPE IMPORT BLOCK   u32
//   FUNC                                     u32; bit 31 set = import ordinal, else internal
//   STR                                      u16 length, bytes, a zero byte if length is odd
//   BRANCH                                   u32 block offset, u16 n, n x (u16 src, u16 dst)
//   BRTABLE                                  u16 n, default BRANCH, n x BRANCH
//   ARGS RESULTS REFLIST SEGMENTS LIST*      u16 n, n x u16
// Block offsets are byte offsets (from the function start) of the target block's Block op.
// In register lists and remaps a ref carries SINEW_VM_REGISTER_REF; a 64-bit value is named by
// its even base slot.
#ifndef SINEW_RUNTIME_VM_BYTECODE_OP_TABLE_H_
#define SINEW_RUNTIME_VM_BYTECODE_OP_TABLE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace sinew::vm::bytecode {

enum class Opcode : uint16_t {
#define OP(name, ...) k##name,
#include "runtime/vm/bytecode/op_table.def"
#undef OP
};

// Number of opcodes defined by op_table.def.
inline constexpr uint16_t kOpcodeCount = 0
#define OP(...) +1
#include "runtime/vm/bytecode/op_table.def"
#undef OP
    ;

enum class OperandKind : uint8_t {
  // Register reads and results in the i32 bank.
  I32,
  I64,
  F32,
  F64,
  OI32,
  OI64,
  OF32,
  OF64,
  // Ref registers: read without move, read with move allowed, result (move flag allowed).
  REF,
  REFM,
  OREFM,
  // Immediates.
  IMM32,
  IMM64,
  IMMF32,
  IMMF64,
  // Module-level ordinals and offsets.
  RODATA,
  RWDATA4,
  RWDATA8,
  GREF,
  TYPE,
  LISTTYPE,
  FUNC,
  IMPORT,
  // Inline data and control flow.
  STR,
  BRANCH,
  BRTABLE,
  BLOCK,
  // Variadic register lists: any-bank operands, results, refs only, segment sizes, and the
  // typed value lists of switch.
  ARGS,
  RESULTS,
  REFLIST,
  SEGMENTS,
  LISTI32,
  LISTI64,
  LISTF32,
  LISTF64,
  LISTREF,
};

// How the instruction is written in .vmasm (VMASM.md section 7).
enum class OpShape : uint8_t {
  Internal,    // never written (block markers, fused forms)
  Generic,     // [results =] mnemonic operand, operand ... (types as " : T" annotations)
  Select,      // %D = select.X %c ? %a : %b
  SelectRef,   // %D = select.ref %c ? %a : %b -> T
  Switch,      // %D = switch.X %i[%a, %b] else %d
  SwitchRef,   // %D = switch.ref %i[%a, %b] else %d -> T
  CastAnyRef,  // %D = cast.any.ref %a : SOURCE -> T
  Call,        // calls, variadic and yieldable calls
  BrTable,     // br_table %i { default: ^bbN, 0: ^bbM, ... }
  Trace,       // trace "name", %a, ...
};

enum class OpExtension : uint8_t { CORE, F32, F64 };

struct OpInfo {
  std::string_view mnemonic;  // without the "vm." prefix
  OpExtension extension;
  OpShape shape;
  bool has_kernel;  // K in op_table.def
  std::span<const OperandKind> operands;
};

const OpInfo& GetOpInfo(Opcode opcode);
// Finds a textual (non-Internal) instruction by mnemonic (without "vm.").
std::optional<Opcode> LookupOpcode(std::string_view mnemonic);

// Size in bytes of a fixed-size operand kind; 0 for variable-size kinds.
constexpr uint32_t FixedOperandSize(OperandKind kind) {
  switch (kind) {
    case OperandKind::I32:
    case OperandKind::I64:
    case OperandKind::F32:
    case OperandKind::F64:
    case OperandKind::OI32:
    case OperandKind::OI64:
    case OperandKind::OF32:
    case OperandKind::OF64:
    case OperandKind::REF:
    case OperandKind::REFM:
    case OperandKind::OREFM:
      return 2;
    case OperandKind::IMM32:
    case OperandKind::IMMF32:
    case OperandKind::RODATA:
    case OperandKind::RWDATA4:
    case OperandKind::RWDATA8:
    case OperandKind::GREF:
    case OperandKind::TYPE:
    case OperandKind::LISTTYPE:
    case OperandKind::FUNC:
    case OperandKind::IMPORT:
    case OperandKind::BLOCK:
      return 4;
    case OperandKind::IMM64:
    case OperandKind::IMMF64:
      return 8;
    default:
      return 0;
  }
}

// Bit 31 of a FUNC operand marks an import ordinal.
inline constexpr uint32_t kImportOrdinalBit = 0x80000000u;

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_OP_TABLE_H_
