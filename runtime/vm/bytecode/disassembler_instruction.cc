// Prints one decoded instruction in VM assembly syntax. Operands are rendered per kind, then
// arranged by the instruction's OpShape, mirroring assembler_shapes.cc.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/disassembler_internal.h"
#include "runtime/vm/bytecode/disassembler_syntax.h"
#include "runtime/vm/module.h"

namespace sinew::vm::bytecode::disassembler_internal {
namespace {

using enum OperandKind;

std::string Printf(const char* format, auto... args) {
  char buffer[64];
  int length = std::snprintf(buffer, sizeof(buffer), format, args...);
  return std::string(buffer, static_cast<size_t>(std::clamp(length, 0, 63)));
}

std::string F32Text(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return Printf("%.9g", static_cast<double>(value));
}

std::string F64Text(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return Printf("%.17g", value);
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += ", ";
    out += part;
  }
  return out;
}

class Printer {
 public:
  explicit Printer(const PrintContext& context) : context_(context) {}

  Status Print(const DecodedInstruction& instruction, std::string* out);

 private:
  bool show_values() const { return context_.registers.i32 || context_.registers.refs; }
  Status RefValue(uint16_t ordinal, std::string* out) const;
  Status CheckI32(uint32_t ordinal, uint32_t slots) const;
  StatusOr<std::string> Register(OperandKind kind, uint16_t reg, bool with_value) const;
  StatusOr<std::string> ListEntry(uint16_t reg, bool with_value) const;
  StatusOr<std::string> List(const std::vector<uint16_t>& list, bool with_value) const;
  StatusOr<std::string> BlockLabel(uint32_t offset) const;
  StatusOr<std::string> Branch(const DecodedBranch& branch) const;
  StatusOr<std::string> TypeName(uint64_t ordinal) const;
  // Renders an input operand; appends constant comments to `comment_`.
  StatusOr<std::string> Input(const DecodedOperand& operand);

  const PrintContext& context_;
  std::string comment_;
};

Status Printer::RefValue(uint16_t ordinal, std::string* out) const {
  const RegisterValues& registers = context_.registers;
  if (!registers.refs) return OkStatus();
  if (ordinal >= registers.ref_count) {
    return OutOfRangeError(StrCat("ref register ", ordinal, " out of range"));
  }
  const sinew_vm_ref_t& ref = registers.refs[ordinal];
  if (!ref.ptr) {
    *out += "(null)";
  } else {
    *out += StrCat("(!", sinew_vm_ref_type_name(ref.type), "/0x",
                   Printf("%" PRIxPTR, reinterpret_cast<uintptr_t>(ref.ptr)), ")");
  }
  return OkStatus();
}

Status Printer::CheckI32(uint32_t ordinal, uint32_t slots) const {
  if (ordinal + slots > context_.registers.i32_count) {
    return OutOfRangeError(StrCat("i32 register ", ordinal, " out of range"));
  }
  return OkStatus();
}

StatusOr<std::string> Printer::Register(OperandKind kind, uint16_t reg, bool with_value) const {
  std::string text;
  if (kind == REF || kind == REFM || kind == OREFM) {
    uint16_t ordinal = reg & SINEW_VM_REGISTER_REF_ORDINAL_MASK;
    text = StrCat((reg & SINEW_VM_REGISTER_MOVE) ? "%R" : "%r", ordinal);
    if (with_value) SINEW_RETURN_IF_ERROR(RefValue(ordinal, &text));
    return text;
  }
  bool wide = IsWideKind(kind);
  text = wide ? StrCat("%i", reg, ":", reg + 1) : StrCat("%i", reg);
  const uint32_t* i32 = context_.registers.i32;
  if (!with_value || !i32) return text;
  SINEW_RETURN_IF_ERROR(CheckI32(reg, wide ? 2 : 1));
  uint64_t bits = i32[reg];
  if (wide) bits |= static_cast<uint64_t>(i32[reg + 1]) << 32;
  if (kind == F32) {
    text += StrCat("(", F32Text(static_cast<uint32_t>(bits)), ")");
  } else if (kind == F64) {
    text += StrCat("(", F64Text(bits), ")");
  } else if (wide) {
    text += StrCat("(", static_cast<int64_t>(bits), ")");
  } else {
    text += StrCat("(", static_cast<int32_t>(bits), ")");
  }
  return text;
}

StatusOr<std::string> Printer::ListEntry(uint16_t reg, bool with_value) const {
  if (reg & SINEW_VM_REGISTER_REF) return Register(REFM, reg, with_value);
  std::string text = StrCat("%i", reg);
  const uint32_t* i32 = context_.registers.i32;
  if (with_value && i32) {
    SINEW_RETURN_IF_ERROR(CheckI32(reg, 1));
    text += StrCat("(", i32[reg], ")");
  }
  return text;
}

StatusOr<std::string> Printer::List(const std::vector<uint16_t>& list, bool with_value) const {
  std::vector<std::string> parts;
  for (uint16_t reg : list) {
    SINEW_ASSIGN_OR_RETURN(std::string part, ListEntry(reg, with_value));
    parts.push_back(std::move(part));
  }
  return Join(parts);
}

StatusOr<std::string> Printer::BlockLabel(uint32_t offset) const {
  auto it = std::lower_bound(context_.blocks.begin(), context_.blocks.end(), offset);
  if (it == context_.blocks.end() || *it != offset) {
    return InvalidArgumentError(StrCat("branch target offset ", offset, " is not a block"));
  }
  return StrCat("^bb", it - context_.blocks.begin());
}

StatusOr<std::string> Printer::Branch(const DecodedBranch& branch) const {
  SINEW_ASSIGN_OR_RETURN(std::string label, BlockLabel(branch.block_offset));
  std::vector<std::string> remaps;
  for (auto [source, destination] : branch.remaps) {
    SINEW_ASSIGN_OR_RETURN(std::string from, ListEntry(source, /*with_value=*/true));
    SINEW_ASSIGN_OR_RETURN(std::string to, ListEntry(destination, /*with_value=*/false));
    remaps.push_back(StrCat(from, "->", to));
  }
  return StrCat(label, "(", Join(remaps), ")");
}

StatusOr<std::string> Printer::TypeName(uint64_t ordinal) const {
  const auto* types = context_.module->types();
  if (!types || ordinal >= types->size() || !types->Get(static_cast<uint32_t>(ordinal))) {
    return OutOfRangeError(StrCat("type ordinal ", ordinal, " out of range"));
  }
  return std::string(StringOf(types->Get(static_cast<uint32_t>(ordinal))->name()));
}

StatusOr<std::string> Printer::Input(const DecodedOperand& operand) {
  uint64_t value = operand.value;
  switch (operand.kind) {
    case I32:
    case I64:
    case F32:
    case F64:
    case REF:
    case REFM:
      return Register(operand.kind, static_cast<uint16_t>(value), /*with_value=*/true);
    case IMM32:
      comment_ = Printf("  // 0x%08" PRIX32, static_cast<uint32_t>(value));
      return StrCat(static_cast<int32_t>(value));
    case IMM64:
      comment_ = Printf("  // 0x%016" PRIX64, value);
      return StrCat(static_cast<int64_t>(value));
    case IMMF32:
      return F32Text(static_cast<uint32_t>(value));
    case IMMF64:
      return F64Text(value);
    case RODATA: {
      const auto* rodata = context_.module->rodata();
      if (rodata && value < rodata->size()) {
        const auto* segment = rodata->Get(static_cast<uint32_t>(value));
        comment_ = StrCat("  // ", segment && segment->data() ? segment->data()->size() : 0, "b");
      }
      return StrCat(value);
    }
    case RWDATA4:
    case RWDATA8:
      return StrCat(".rwdata[", value, "]");
    case GREF:
      return StrCat(".refs[", value, "]");
    case TYPE:
      return TypeName(value);
    case LISTTYPE: {
      SINEW_ASSIGN_OR_RETURN(std::string element, TypeName(value));
      return StrCat("!vm.list<", element, ">");
    }
    case FUNC:
    case IMPORT: {
      SINEW_ASSIGN_OR_RETURN(std::string callee,
                             CalleeName(*context_.module, static_cast<uint32_t>(value)));
      return StrCat("@", callee);
    }
    case STR:
      return StrCat("\"", operand.string, "\"");
    case BRANCH:
      return Branch(operand.branches[0]);
    case BRTABLE: {
      std::vector<std::string> cases;
      for (size_t i = 0; i < operand.branches.size(); ++i) {
        SINEW_ASSIGN_OR_RETURN(std::string target, Branch(operand.branches[i]));
        cases.push_back(StrCat(i == 0 ? std::string("default") : StrCat(i - 1), ": ", target));
      }
      return StrCat("{ ", Join(cases), " }");
    }
    case BLOCK:
      return BlockLabel(static_cast<uint32_t>(value));
    case SEGMENTS: {
      std::vector<std::string> sizes;
      for (uint16_t size : operand.list) sizes.push_back(StrCat(size));
      return Join(sizes);
    }
    default:
      // Register lists: ARGS, REFLIST and the switch value lists.
      return List(operand.list, /*with_value=*/true);
  }
}

Status Printer::Print(const DecodedInstruction& instruction, std::string* out) {
  const OpInfo& info = GetOpInfo(instruction.opcode);
  if (info.shape == OpShape::Internal) {
    return InvalidArgumentError(StrCat("internal opcode ", info.mnemonic, " in function body"));
  }
  std::vector<std::string> results;
  std::vector<std::string> inputs;
  std::vector<OperandKind> kinds;
  bool indirect = IsIndirectGlobal(info);
  for (const DecodedOperand& operand : instruction.operands) {
    if (operand.kind == RESULTS) {
      SINEW_ASSIGN_OR_RETURN(std::string list, List(operand.list, /*with_value=*/false));
      if (!list.empty()) results.push_back(std::move(list));
    } else if (IsResultKind(operand.kind)) {
      SINEW_ASSIGN_OR_RETURN(std::string reg,
                             Register(operand.kind, static_cast<uint16_t>(operand.value),
                                      /*with_value=*/false));
      results.push_back(std::move(reg));
    } else {
      SINEW_ASSIGN_OR_RETURN(std::string text, Input(operand));
      // Indirect global addresses print as `.rwdata[%iN]`, after any stored value.
      if (indirect && inputs.empty()) text = StrCat(IndirectStorageName(info), "[", text, "]");
      inputs.push_back(std::move(text));
      kinds.push_back(operand.kind);
    }
  }

  std::string operands;
  bool yieldable = false;
  switch (info.shape) {
    case OpShape::Select:
    case OpShape::SelectRef:
      operands = StrCat(inputs[0], " ? ", inputs[1], " : ", inputs[2]);
      if (inputs.size() > 3) operands += StrCat(" -> ", inputs[3]);
      break;
    case OpShape::Switch:
    case OpShape::SwitchRef:
      operands = StrCat(inputs[0], "[", inputs[1], "] else ", inputs[2]);
      if (inputs.size() > 3) operands += StrCat(" -> ", inputs[3]);
      break;
    case OpShape::CastAnyRef:
      operands = StrCat(inputs[0], " : !vm.ref<?> -> ", inputs[1]);
      break;
    case OpShape::BrTable:
      operands = StrCat(inputs[0], " ", inputs[1]);
      break;
    case OpShape::Trace:
      operands = StrCat(inputs[0], "(", inputs[1], ")");
      break;
    case OpShape::Call:
      for (size_t i = 0; i < kinds.size(); ++i) {
        if (kinds[i] == FUNC || kinds[i] == IMPORT) operands += inputs[i];
        if (kinds[i] == SEGMENTS) operands += StrCat(" segments[", inputs[i], "]");
        if (kinds[i] == ARGS) operands += StrCat("(", inputs[i], ")");
        if (kinds[i] == BLOCK) {
          operands += StrCat(" -> ", inputs[i], "(", Join(results), ")");
          yieldable = true;
        }
      }
      break;
    case OpShape::Generic:
    case OpShape::Internal: {
      std::vector<std::string> pieces;
      for (size_t i = 0; i < inputs.size(); ++i) {
        if (IsTypeKind(kinds[i]) && !pieces.empty()) {
          pieces.back() += StrCat(" : ", inputs[i]);
        } else if (!inputs[i].empty()) {
          pieces.push_back(std::move(inputs[i]));
        }
      }
      if (indirect && pieces.size() > 1)
        std::rotate(pieces.begin(), pieces.begin() + 1, pieces.end());
      operands = Join(pieces);
      break;
    }
  }
  if (!results.empty() && !yieldable) *out += StrCat(Join(results), " = ");
  *out += StrCat("vm.", info.mnemonic);
  if (!operands.empty()) *out += StrCat(" ", operands);
  *out += comment_;
  return OkStatus();
}

}  // namespace

std::string_view FirstExportName(const fb::Module& module, uint32_t function_ordinal) {
  const auto* exports = module.exports();
  for (uint32_t i = 0; i < (exports ? exports->size() : 0); ++i) {
    if (exports->Get(i)->function_ordinal() == function_ordinal) return ExportName(module, i);
  }
  return {};
}

StatusOr<std::string> CalleeName(const fb::Module& module, uint32_t operand) {
  if (operand & kImportOrdinalBit) {
    uint32_t ordinal = operand & ~kImportOrdinalBit;
    const auto* imports = module.imports();
    if (!imports || ordinal >= imports->size()) {
      return OutOfRangeError(StrCat("import ordinal ", ordinal, " out of range"));
    }
    return std::string(ImportName(module, ordinal));
  }
  std::string_view name = FirstExportName(module, operand);
  std::string_view module_name = StringOf(module.name());
  if (!name.empty()) return StrCat(module_name, ".", name);
  return StrCat(module_name, ":", operand);
}

Status PrintInstruction(const PrintContext& context, const DecodedInstruction& instruction,
                        std::string* out) {
  return Printer(context).Print(instruction, out);
}

}  // namespace sinew::vm::bytecode::disassembler_internal
