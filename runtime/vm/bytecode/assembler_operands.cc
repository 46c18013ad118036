// Operand encoding (VMASM.md section 6): one case per op_table operand kind. Shapes have
// already grouped the text per operand, so nothing here depends on the opcode. Registers are
// in assembler_registers.cc.
#include <algorithm>
#include <limits>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler_internal.h"
#include "runtime/vm/bytecode/assembler_text.h"
#include "runtime/vm/bytecode/disassembler_syntax.h"

namespace sinew::vm::bytecode::assembler_internal {

Status Assembler::BranchTarget(std::string_view text) {
  if (!text.starts_with('^')) return diag_.Fail(text, "expected branch target");
  size_t end = 1;
  while (end < text.size() && IsSymbolChar(text[end])) ++end;
  if (end == 1) return diag_.Fail(text, "expected branch target label");
  std::string_view label = text.substr(1, end - 1);
  std::string_view rest = Trim(text.substr(end));
  std::vector<std::pair<uint16_t, uint16_t>> remaps;
  if (!rest.empty()) {
    if (!rest.starts_with('(')) return diag_.Fail(rest, "unexpected text after branch target");
    if (!rest.ends_with(')')) return diag_.Fail(rest, "unterminated branch operand list");
    for (std::string_view remap : SplitOperands(rest.substr(1, rest.size() - 2))) {
      if (remap.empty()) return diag_.Fail(remap, "empty branch remap");
      size_t arrow = remap.find("->");
      std::optional<Register> src, dst;
      std::string_view dst_text;
      if (arrow != std::string_view::npos) {
        dst_text = Trim(remap.substr(arrow + 2));
        src = LexRegister(Trim(remap.substr(0, arrow)));
        dst = LexRegister(dst_text);
      }
      // Both sides in one bank; a 64-bit pair moves as two 32-bit slots.
      if (!src || !dst || src->is_ref != dst->is_ref || src->is_pair != dst->is_pair || dst->move) {
        return diag_.Fail(remap, "expected branch remap like %i0->%i1");
      }
      SINEW_RETURN_IF_ERROR(CountRegister(*src, remap));
      SINEW_RETURN_IF_ERROR(CountRegister(*dst, dst_text));
      if (src->is_ref) {
        remaps.push_back({EncodeRef(*src), EncodeRef(*dst)});
        continue;
      }
      remaps.push_back({static_cast<uint16_t>(src->ordinal), static_cast<uint16_t>(dst->ordinal)});
      if (src->is_pair) {
        remaps.push_back({static_cast<uint16_t>(src->high), static_cast<uint16_t>(dst->high)});
      }
    }
  }
  if (remaps.size() > 0xFFFF) {
    return diag_.Fail(rest, "too many branch remaps", StatusCode::kOutOfRange);
  }
  FunctionEncoder& encoder = function_->encoder;
  encoder.BlockReference(LabelBlock(label));
  encoder.U16(static_cast<uint16_t>(remaps.size()));
  for (auto [src, dst] : remaps) {
    encoder.U16(src);
    encoder.U16(dst);
  }
  return OkStatus();
}

Status Assembler::StorageOperand(OperandKind kind, std::string_view text) {
  bool is_ref = kind == OperandKind::GREF;
  uint32_t size = kind == OperandKind::RWDATA8 ? 8 : is_ref ? 0 : 4;
  uint32_t value = 0;
  if (text.starts_with('@')) {
    SINEW_ASSIGN_OR_RETURN(std::string_view name, ParseSymbol(text));
    const GlobalSymbol* global = FindGlobal(name);
    if (!global) return diag_.Fail(text, StrCat("unknown global @", name));
    if (global->size != size) {
      return diag_.Fail(text, StrCat("global @", name, " storage class mismatch"));
    }
    value = global->offset;
  } else {
    std::string_view prefix = is_ref ? ".refs[" : ".rwdata[";
    if (!text.starts_with(prefix)) return diag_.Fail(text, "expected storage reference");
    size_t close = text.find(']');
    if (close == std::string_view::npos) {
      return diag_.Fail(text, "unterminated storage reference");
    }
    std::optional<uint32_t> ordinal =
        ParseUnsigned32(Trim(text.substr(prefix.size(), close - prefix.size())));
    if (!ordinal) return diag_.Fail(text.substr(prefix.size()), "invalid storage ordinal");
    if (close + 1 != text.size()) {
      return diag_.Fail(text.substr(close + 1), is_ref ? "expected global ref type"
                                                       : "unexpected text after storage reference");
    }
    value = *ordinal;
  }
  if (is_ref) {
    if (value == std::numeric_limits<uint32_t>::max()) {
      return diag_.Fail(text, "global ref ordinal is too large", StatusCode::kOutOfRange);
    }
    module_.global_ref_count = std::max(module_.global_ref_count, value + 1);
  } else {
    if (value > std::numeric_limits<uint32_t>::max() - size) {
      return diag_.Fail(text, "global byte offset is too large", StatusCode::kOutOfRange);
    }
    module_.rwdata_size = std::max(module_.rwdata_size, value + size);
  }
  function_->encoder.U32(value);
  return OkStatus();
}

Status Assembler::EncodeInput(OperandKind kind, const Slot& slot) {
  FunctionEncoder& encoder = function_->encoder;
  std::string_view text = slot.text;
  if (IsTypeKind(kind) != slot.annotation) {
    return diag_.Fail(text,
                      slot.annotation ? "unexpected type annotation" : "expected type annotation");
  }
  using enum OperandKind;
  switch (kind) {
    case I32:
    case F32:
    case I64:
    case F64: {
      SINEW_ASSIGN_OR_RETURN(Register reg, ValueRegister(text, IsWideKind(kind)));
      encoder.U16(static_cast<uint16_t>(reg.ordinal));
      return OkStatus();
    }
    case REF:
    case REFM: {
      SINEW_ASSIGN_OR_RETURN(Register reg, RefRegister(text, kind == REFM));
      encoder.U16(EncodeRef(reg));
      return OkStatus();
    }
    case IMM32:
    case IMM64: {
      std::optional<int64_t> value = ParseSigned64(text, kind == IMM32 ? 15 : 31);
      if (!value) {
        return diag_.Fail(text,
                          kind == IMM32 ? "expected i32 immediate" : "expected i64 immediate");
      }
      if (kind == IMM32) {
        encoder.U32(static_cast<uint32_t>(*value));
      } else {
        encoder.U64(static_cast<uint64_t>(*value));
      }
      return OkStatus();
    }
    case IMMF32: {
      std::optional<uint32_t> bits = ParseF32Bits(text);
      if (!bits) return diag_.Fail(text, "expected f32 immediate");
      encoder.U32(*bits);
      return OkStatus();
    }
    case IMMF64: {
      std::optional<uint64_t> bits = ParseF64Bits(text);
      if (!bits) return diag_.Fail(text, "expected f64 immediate");
      encoder.U64(*bits);
      return OkStatus();
    }
    case RODATA: {
      std::optional<uint32_t> ordinal = ParseUnsigned32(text);
      if (!ordinal) return diag_.Fail(text, "expected rodata ordinal");
      encoder.U32(*ordinal);
      return OkStatus();
    }
    case RWDATA4:
    case RWDATA8:
    case GREF:
      return StorageOperand(kind, text);
    case TYPE:
      if (text.empty()) return diag_.Fail(text, "expected type annotation");
      encoder.U32(TypeOrdinal(text));
      return OkStatus();
    case LISTTYPE: {
      if (!text.starts_with("!vm.list<") || !text.ends_with('>')) {
        return diag_.Fail(text, "expected list type annotation");
      }
      std::string_view element = Trim(text.substr(9, text.size() - 10));
      if (element.empty()) return diag_.Fail(text, "expected list element type");
      encoder.U32(TypeOrdinal(element));
      return OkStatus();
    }
    case FUNC:
    case IMPORT: {
      SINEW_ASSIGN_OR_RETURN(FunctionRef callee, ParseFunctionRef(text));
      if (kind == IMPORT && !callee.is_import) {
        return diag_.Fail(text, StrCat("@", callee.name, " is not an import"));
      }
      if (!callee.resolved) {
        function_->fixups.push_back({function_->ordinal, encoder.pc(), callee});
      }
      encoder.U32(callee.is_import ? (callee.ordinal | kImportOrdinalBit) : callee.ordinal);
      current_call_.callee = std::move(callee);
      return OkStatus();
    }
    case STR: {
      SINEW_ASSIGN_OR_RETURN(std::string_view value, ParseQuoted(text));
      encoder.String(value);
      return OkStatus();
    }
    case BRANCH:
      return BranchTarget(text);
    case BRTABLE: {
      if (slot.items.size() - 1 > 0xFFFF) {
        return diag_.Fail(text, "too many branch table cases", StatusCode::kOutOfRange);
      }
      encoder.U16(static_cast<uint16_t>(slot.items.size() - 1));
      for (std::string_view target : slot.items) SINEW_RETURN_IF_ERROR(BranchTarget(target));
      return OkStatus();
    }
    case BLOCK: {
      bool valid = text.size() > 1 && text.starts_with('^') &&
                   std::all_of(text.begin() + 1, text.end(), IsSymbolChar);
      if (!valid) return diag_.Fail(text, "expected continuation block label");
      encoder.BlockReference(LabelBlock(text.substr(1)));
      return OkStatus();
    }
    case SEGMENTS: {
      if (slot.items.size() > 0xFFFF) {
        return diag_.Fail(text, "too many call segments", StatusCode::kOutOfRange);
      }
      encoder.U16(static_cast<uint16_t>(slot.items.size()));
      for (std::string_view item : slot.items) {
        std::optional<uint32_t> size = ParseUnsigned32(item);
        if (!size || *size > 0xFFFF) return diag_.Fail(item, "invalid call segment size");
        encoder.U16(static_cast<uint16_t>(*size));
        current_call_.segments.push_back(static_cast<uint16_t>(*size));
      }
      return OkStatus();
    }
    case ARGS:
      return RegisterList(slot.items, ListMode::kAny, &current_call_.args);
    case REFLIST:
    case LISTREF:
      return RegisterList(slot.items, ListMode::kRefs, &current_call_.args);
    case LISTI32:
    case LISTF32:
      return RegisterList(slot.items, ListMode::kScalars, &current_call_.args);
    case LISTI64:
    case LISTF64:
      return RegisterList(slot.items, ListMode::kWideScalars, &current_call_.args);
    default:
      return diag_.Fail(text, "result operand kind used as an input", StatusCode::kInternal);
  }
}

StatusOr<uint16_t> Assembler::ResultRegister(OperandKind kind, std::string_view text) {
  if (kind == OperandKind::OREFM) {
    SINEW_ASSIGN_OR_RETURN(Register reg, RefRegister(text, /*allow_move=*/true));
    return EncodeRef(reg);
  }
  SINEW_ASSIGN_OR_RETURN(Register reg, ValueRegister(text, IsWideKind(kind)));
  return static_cast<uint16_t>(reg.ordinal);
}

}  // namespace sinew::vm::bytecode::assembler_internal
