// Textual conventions of VM assembly shared by the assembler and the disassembler: how
// operand kinds group into results, lists and annotations, and which instructions address
// globals indirectly (printed as `.rwdata[%iN]` / `.refs[%iN]`).
#ifndef SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_SYNTAX_H_
#define SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_SYNTAX_H_

#include <string_view>

#include "runtime/vm/bytecode/op_table.h"

namespace sinew::vm::bytecode {

// Operands written before the `=`.
constexpr bool IsResultKind(OperandKind kind) {
  return kind == OperandKind::OI32 || kind == OperandKind::OI64 || kind == OperandKind::OF32 ||
         kind == OperandKind::OF64 || kind == OperandKind::OREFM || kind == OperandKind::RESULTS;
}

// Operands written as a type annotation after the previous operand.
constexpr bool IsTypeKind(OperandKind kind) {
  return kind == OperandKind::TYPE || kind == OperandKind::LISTTYPE;
}

// Variadic operands that take every remaining comma-separated operand.
constexpr bool IsTrailingListKind(OperandKind kind) {
  return kind == OperandKind::ARGS || kind == OperandKind::REFLIST;
}

// 64-bit register operands (written `%iN:N+1`).
constexpr bool IsWideKind(OperandKind kind) {
  return kind == OperandKind::I64 || kind == OperandKind::F64 || kind == OperandKind::OI64 ||
         kind == OperandKind::OF64;
}

// `global.load.indirect.X` / `global.store.indirect.X`: the first operand is the address.
inline bool IsIndirectGlobal(const OpInfo& info) {
  return info.mnemonic.starts_with("global.") &&
         info.mnemonic.find(".indirect.") != std::string_view::npos;
}

// ".refs" for ref globals, ".rwdata" for byte-addressed ones.
inline std::string_view IndirectStorageName(const OpInfo& info) {
  return info.mnemonic.ends_with(".ref") ? ".refs" : ".rwdata";
}

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_SYNTAX_H_
