// Register operands (VMASM.md 6.1): %iN, %iN:M, %rN and %RN in fixed positions and lists,
// their range checks, and the register counts they imply.
#include <algorithm>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler_internal.h"
#include "runtime/vm/bytecode/assembler_text.h"
#include "runtime/vm/bytecode/module_format.h"
#include "runtime/vm/module.h"

namespace sinew::vm::bytecode::assembler_internal {

std::optional<Register> LexRegister(std::string_view text) {
  if (text.size() < 3 || text[0] != '%') return std::nullopt;
  Register reg;
  if (text[1] == 'r' || text[1] == 'R') {
    reg.is_ref = true;
    reg.move = text[1] == 'R';
  } else if (text[1] != 'i') {
    return std::nullopt;
  }
  size_t end = 0;
  std::optional<uint32_t> ordinal = ParseUnsigned32(text.substr(2), 15, &end);
  if (!ordinal) return std::nullopt;
  reg.ordinal = *ordinal;
  std::string_view rest = text.substr(2 + end);
  if (!reg.is_ref && rest.starts_with(':')) {
    std::optional<uint32_t> high = ParseUnsigned32(rest.substr(1));
    if (!high) return std::nullopt;
    reg.is_pair = true;
    reg.high = *high;
  }
  return reg;
}

uint32_t WidestSlotCount(std::string_view kinds, const std::vector<ListItem>& items) {
  uint32_t count = 0;
  for (size_t i = 0; i < std::min(kinds.size(), items.size()); ++i) {
    if ((kinds[i] == 'I' || kinds[i] == 'F') && !items[i].is_ref) {
      count = std::max<uint32_t>(count, items[i].encoded + 2u);
    }
  }
  return count;
}

Status Assembler::CountRegister(const Register& reg, std::string_view text) {
  FunctionState& function = *function_;
  if (reg.is_ref) {
    if (reg.ordinal > kMaxRefRegisterOrdinal) {
      return diag_.Fail(text, StrCat("ref register ordinal out of range: ", reg.ordinal),
                        StatusCode::kOutOfRange);
    }
    function.ref_count = std::max(function.ref_count, reg.ordinal + 1);
    return OkStatus();
  }
  uint32_t last = reg.is_pair ? std::max(reg.ordinal, reg.high) : reg.ordinal;
  if (last > kMaxI32RegisterOrdinal) {
    return diag_.Fail(text, StrCat("i32 register ordinal out of range: ", last),
                      StatusCode::kOutOfRange);
  }
  function.i32_count = std::max(function.i32_count, last + 1);
  return OkStatus();
}

StatusOr<Register> Assembler::ValueRegister(std::string_view text, bool wide) {
  std::optional<Register> reg = LexRegister(text);
  if (!reg || reg->is_ref || (wide && !reg->is_pair)) {
    return diag_.Fail(text, wide ? "expected i64 register like %i0:1" : "expected value register");
  }
  if (!wide && reg->is_pair) {
    return diag_.Fail(text, "unexpected register pair for scalar register");
  }
  SINEW_RETURN_IF_ERROR(CountRegister(*reg, text));
  if (wide && reg->high != reg->ordinal + 1) {
    return diag_.Fail(text, "i64 register must name adjacent i32 slots");
  }
  return *reg;
}

StatusOr<Register> Assembler::RefRegister(std::string_view text, bool allow_move) {
  std::optional<Register> reg = LexRegister(text);
  if (!reg || !reg->is_ref) return diag_.Fail(text, "expected ref register");
  if (reg->move && !allow_move) {
    return diag_.Fail(text, "instruction does not allow ref move operands");
  }
  SINEW_RETURN_IF_ERROR(CountRegister(*reg, text));
  return *reg;
}

uint16_t EncodeRef(const Register& reg) {
  return static_cast<uint16_t>(SINEW_VM_REGISTER_REF | (reg.move ? SINEW_VM_REGISTER_MOVE : 0) |
                               reg.ordinal);
}

StatusOr<ListItem> Assembler::ListRegister(std::string_view text, ListMode mode) {
  if (mode == ListMode::kRefs) {
    SINEW_ASSIGN_OR_RETURN(Register reg, RefRegister(text, /*allow_move=*/true));
    return ListItem{true, EncodeRef(reg)};
  }
  if (mode == ListMode::kScalars) {
    SINEW_ASSIGN_OR_RETURN(Register reg, ValueRegister(text, /*wide=*/false));
    return ListItem{false, static_cast<uint16_t>(reg.ordinal)};
  }
  std::optional<Register> reg = LexRegister(text);
  if (!reg || (mode == ListMode::kWideScalars && reg->is_ref)) {
    return diag_.Fail(
        text, mode == ListMode::kWideScalars ? "expected value register" : "expected register");
  }
  if (reg->is_ref && reg->move && mode == ListMode::kResults) {
    return diag_.Fail(text, "instruction does not allow ref move operands");
  }
  // 64-bit list values may be named by their low slot alone.
  if (mode == ListMode::kWideScalars && !reg->is_pair) {
    reg->is_pair = true;
    reg->high = reg->ordinal + 1;
  }
  SINEW_RETURN_IF_ERROR(CountRegister(*reg, text));
  if (reg->is_pair && reg->high != reg->ordinal + 1) {
    return diag_.Fail(text, "i64 register must name adjacent i32 slots");
  }
  return ListItem{reg->is_ref, reg->is_ref ? EncodeRef(*reg) : static_cast<uint16_t>(reg->ordinal)};
}

Status Assembler::RegisterList(std::span<const std::string_view> items, ListMode mode,
                               std::vector<ListItem>* out) {
  if (items.size() > 0xFFFF) {
    return diag_.Fail(items[0], "register list is too long", StatusCode::kOutOfRange);
  }
  FunctionEncoder& encoder = function_->encoder;
  encoder.U16(static_cast<uint16_t>(items.size()));
  out->clear();
  for (std::string_view item : items) {
    SINEW_ASSIGN_OR_RETURN(ListItem entry, ListRegister(item, mode));
    encoder.U16(entry.encoded);
    out->push_back(entry);
  }
  return OkStatus();
}

}  // namespace sinew::vm::bytecode::assembler_internal
