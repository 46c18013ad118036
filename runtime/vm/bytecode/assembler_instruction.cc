// One instruction line (VMASM.md 4.2): results, mnemonic lookup, then the operands walked in
// op_table order, each encoded by its kind.
#include <algorithm>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler_internal.h"
#include "runtime/vm/bytecode/assembler_text.h"
#include "runtime/vm/bytecode/disassembler_syntax.h"

namespace sinew::vm::bytecode::assembler_internal {

Status Assembler::Instruction(std::string_view text) {
  FunctionState& function = *function_;
  std::string_view results_text;
  std::string_view body = text;
  size_t equals = text.find('=');
  if (equals != std::string_view::npos && text.starts_with('%')) {
    results_text = text.substr(0, equals);
    body = Trim(text.substr(equals + 1));
  }
  std::string_view operands;
  std::string_view word = FirstWord(body, &operands);
  std::string_view mnemonic = word.starts_with("vm.") ? word.substr(3) : word;
  std::optional<Opcode> opcode = LookupOpcode(mnemonic);
  if (!opcode) return diag_.Fail(word, StrCat("unknown VM instruction '", mnemonic, "'"));
  const OpInfo& info = GetOpInfo(*opcode);
  SINEW_ASSIGN_OR_RETURN(ShapeOperands shaped, SplitShape(info, operands, diag_));
  std::vector<std::string_view> results =
      shaped.results ? std::move(*shaped.results) : SplitOperands(results_text);

  // Fixed results are checked first, as the original does ("expected i64 register" wins
  // over a storage class mismatch of the operand).
  std::vector<uint16_t> fixed_results;
  bool has_results = false;
  bool has_list = false;
  for (OperandKind kind : info.operands) {
    has_results = has_results || IsResultKind(kind);
    has_list = has_list || (!IsResultKind(kind) && FixedOperandSize(kind) == 0);
    if (!IsResultKind(kind) || kind == OperandKind::RESULTS) continue;
    if (fixed_results.size() == results.size()) {
      return diag_.Fail(word, "instruction requires a result register");
    }
    SINEW_ASSIGN_OR_RETURN(uint16_t encoded, ResultRegister(kind, results[fixed_results.size()]));
    fixed_results.push_back(encoded);
  }

  function.has_instruction = true;
  current_call_ = CallRecord{};
  current_call_.caller = function.ordinal;
  function.encoder.Opcode(*opcode);
  size_t next_input = 0;
  size_t next_result = 0;
  for (OperandKind kind : info.operands) {
    if (kind == OperandKind::RESULTS) {
      SINEW_RETURN_IF_ERROR(RegisterList(std::span(results).subspan(next_result),
                                         ListMode::kResults, &current_call_.results));
      next_result = results.size();
    } else if (IsResultKind(kind)) {
      function.encoder.U16(fixed_results[next_result++]);
    } else {
      if (next_input == shaped.inputs.size()) {
        return diag_.Fail(text.substr(text.size()), "missing operand");
      }
      SINEW_RETURN_IF_ERROR(EncodeInput(kind, shaped.inputs[next_input++]));
    }
  }
  if (next_input < shaped.inputs.size()) {
    return diag_.Fail(shaped.inputs[next_input].text, "too many operands for instruction");
  }
  if (next_result < results.size()) {
    std::string_view message = has_results ? "too many result registers"
                               : has_list  ? "variadic operand instruction has a result"
                                           : "instruction has no result register";
    return diag_.Fail(results[next_result], message);
  }

  if (info.shape == OpShape::Call) calls_.push_back(std::move(current_call_));
  if (*opcode == Opcode::kReturn) {
    function.i32_count =
        std::max(function.i32_count, WidestSlotCount(function.result_kinds, current_call_.args));
  }
  function.has_terminator =
      function.has_terminator || *opcode == Opcode::kReturn || *opcode == Opcode::kFail;
  return OkStatus();
}

}  // namespace sinew::vm::bytecode::assembler_internal
