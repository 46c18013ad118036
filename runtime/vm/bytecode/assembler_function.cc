// Function structure (VMASM.md sections 3 to 5): the `vm.func` header and the calling
// convention derived from it, block labels, and the checks at the closing `}`.
#include <algorithm>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler_internal.h"
#include "runtime/vm/bytecode/assembler_text.h"
#include "runtime/vm/bytecode/module_format.h"

namespace sinew::vm::bytecode::assembler_internal {
namespace {

// Cconv character of a signature type; 0 if unsupported.
char SignatureChar(std::string_view type) {
  if (type == "i32") return 'i';
  if (type == "f32") return 'f';
  if (type == "i64") return 'I';
  if (type == "f64") return 'F';
  if (type.starts_with('!')) return 'r';
  return 0;
}

// Splits `REGISTER: TYPE` at the last ':'; the type is the whole item when there is none.
std::string_view SplitTypedItem(std::string_view item, std::string_view* prefix) {
  size_t colon = item.rfind(':');
  *prefix = colon == std::string_view::npos ? std::string_view() : Trim(item.substr(0, colon));
  return Trim(colon == std::string_view::npos ? item : item.substr(colon + 1));
}

bool IsBlockLabelDefinition(std::string_view text) {
  if (!text.starts_with("^bb") || !text.ends_with(':') || text.size() < 5) return false;
  std::string_view digits = text.substr(3, text.size() - 4);
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Status Assembler::BeginFunction(std::string_view rest) {
  size_t open = rest.find('(');
  if (open == std::string_view::npos) return diag_.Fail(rest, "expected function argument list");
  SINEW_ASSIGN_OR_RETURN(std::string_view name, ParseSymbol(Trim(rest.substr(0, open))));
  size_t close = rest.find(')', open);
  if (close == std::string_view::npos) {
    return diag_.Fail(rest.substr(open), "unterminated function argument list");
  }
  std::string_view tail = Trim(rest.substr(close + 1));
  if (!tail.starts_with("->")) return diag_.Fail(tail, "expected '->' result list");
  tail = Trim(tail.substr(2));
  if (!tail.starts_with('(')) return diag_.Fail(tail, "expected result list");
  size_t results_close = tail.find(')');
  if (results_close == std::string_view::npos) {
    return diag_.Fail(tail, "unterminated function result list");
  }
  std::string_view brace = Trim(tail.substr(results_close + 1));
  if (brace != "{") return diag_.Fail(brace, "expected '{' after function signature");
  if (function_ordinals_.contains(name)) {
    return diag_.Fail(rest, StrCat("duplicate function @", name));
  }

  function_.emplace();
  FunctionState& function = *function_;
  function.ordinal = static_cast<uint32_t>(module_.functions.size());
  function_pos_ = diag_.Pos(rest);
  if (module_.functions.empty()) LayoutGlobals();

  // Arguments: refs are %r0, %r1, ...; values follow either the original's sequential slot
  // numbering or the runtime's (64-bit values at even slots). Both give the same cconv.
  std::string argument_kinds;
  uint32_t sequential_slot = 0;
  uint32_t aligned_slot = 0;
  bool sequential_ok = true;
  bool aligned_ok = true;
  uint32_t ref_arguments = 0;
  for (std::string_view item : SplitOperands(rest.substr(open + 1, close - open - 1))) {
    std::string_view register_text;
    std::string_view type = SplitTypedItem(item, &register_text);
    char kind = SignatureChar(type);
    if (kind == 0) {
      return diag_.Fail(type, "only primitive and ref registers are supported",
                        StatusCode::kUnimplemented);
    }
    argument_kinds.push_back(kind);
    if (kind == 'r') {
      SINEW_ASSIGN_OR_RETURN(Register reg, RefRegister(register_text, /*allow_move=*/false));
      if (reg.ordinal != ref_arguments++) {
        return diag_.Fail(register_text,
                          "function ref argument registers must be sequential from %r0");
      }
      continue;
    }
    bool wide = kind == 'I' || kind == 'F';
    SINEW_ASSIGN_OR_RETURN(Register reg, ValueRegister(register_text, wide));
    if (wide) aligned_slot = (aligned_slot + 1) & ~1u;
    sequential_ok = sequential_ok && reg.ordinal == sequential_slot;
    aligned_ok = aligned_ok && reg.ordinal == aligned_slot;
    if (!sequential_ok && !aligned_ok) {
      return diag_.Fail(register_text,
                        "function value argument registers must be sequential from %i0");
    }
    sequential_slot += wide ? 2 : 1;
    aligned_slot += wide ? 2 : 1;
  }
  // Arguments live where the runtime puts them, whatever numbering the header used.
  function.i32_count = std::max(function.i32_count, aligned_slot);

  std::string_view results_text = tail.substr(1, results_close - 1);
  for (std::string_view item : SplitOperands(results_text)) {
    std::string_view unused_name;
    std::string_view type = SplitTypedItem(item, &unused_name);
    char kind = SignatureChar(type);
    if (kind == 0) {
      return diag_.Fail(type, "only primitive and ref function signatures are supported",
                        StatusCode::kUnimplemented);
    }
    function.result_kinds.push_back(kind);
  }

  FunctionDesc desc;
  desc.cconv = StrCat("0", argument_kinds.empty() ? std::string("v") : argument_kinds, "_",
                      function.result_kinds.empty() ? std::string("v") : function.result_kinds);
  desc.debug_name = std::string(name);
  function_ordinals_.emplace(desc.debug_name, function.ordinal);
  module_.functions.push_back(std::move(desc));
  // The entry block; a label before the first instruction names it.
  function.encoder.BindBlock(function.encoder.NewBlock());
  return OkStatus();
}

uint32_t Assembler::LabelBlock(std::string_view label) {
  auto it = function_->labels.find(label);
  if (it == function_->labels.end()) {
    it = function_->labels
             .emplace(std::string(label), Label{function_->encoder.NewBlock(), diag_.Pos(label)})
             .first;
  }
  return it->second.block;
}

Status Assembler::BodyLine(std::string_view text) {
  if (text == "}") return EndFunction(text);
  if (!IsBlockLabelDefinition(text)) return Instruction(text);
  FunctionState& function = *function_;
  std::string_view name = text.substr(1, text.size() - 2);
  if (!function.has_instruction && !function.has_label) {
    function.labels.emplace(std::string(name), Label{0, diag_.Pos(text)});
  } else {
    auto it = function.labels.find(name);
    if (it != function.labels.end() && function.encoder.IsBound(it->second.block)) {
      return diag_.Fail(text, StrCat("duplicate block label ^", name));
    }
    function.encoder.BindBlock(LabelBlock(name));
  }
  function.has_label = true;
  return OkStatus();
}

Status Assembler::EndFunction(std::string_view text) {
  FunctionState& function = *function_;
  if (!function.has_terminator) return diag_.Fail(text, "function missing terminator");
  for (const auto& [name, label] : function.labels) {
    if (!function.encoder.IsBound(label.block)) {
      return diag_.FailAt(label.first_use, StrCat("unknown block label ^", name));
    }
  }
  FunctionDesc& desc = module_.functions[function.ordinal];
  std::optional<std::vector<uint8_t>> bytecode = function.encoder.Finish();
  if (!bytecode) return diag_.Fail(text, "branch to a block that was never bound");
  desc.bytecode = std::move(*bytecode);
  desc.block_count = function.encoder.block_count();
  desc.requirements = function.encoder.requirements();
  if (function.i32_count > kMaxI32RegisterOrdinal) {
    return diag_.Fail(text, "function register count is too large", StatusCode::kOutOfRange);
  }
  desc.i32_register_count = static_cast<uint16_t>(function.i32_count);
  desc.ref_register_count = static_cast<uint16_t>(function.ref_count);
  fixups_.insert(fixups_.end(), function.fixups.begin(), function.fixups.end());
  function_.reset();
  return OkStatus();
}

}  // namespace sinew::vm::bytecode::assembler_internal
