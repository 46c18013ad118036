// Instruction shapes (VMASM.md section 7): split the text after the mnemonic into one slot per
// encoded input operand. Only the OpShape decides the layout; encoding happens per kind.
#include <algorithm>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler_internal.h"
#include "runtime/vm/bytecode/assembler_text.h"
#include "runtime/vm/bytecode/disassembler_syntax.h"

namespace sinew::vm::bytecode::assembler_internal {
namespace {

using enum OperandKind;

Slot Text(std::string_view text) { return Slot{text, {}, false}; }
Slot Annotation(std::string_view text) { return Slot{text, {}, true}; }
Slot List(std::string_view text, std::vector<std::string_view> items) {
  return Slot{text, std::move(items), false};
}

bool HasKind(const OpInfo& info, OperandKind kind) {
  return std::find(info.operands.begin(), info.operands.end(), kind) != info.operands.end();
}

// `[results =] mnemonic a, b : T, ...`: comma-separated operands in encoding order, type
// annotations after the operand they follow, and a trailing list taking the rest.
ShapeOperands SplitGeneric(const OpInfo& info, std::string_view operands) {
  std::vector<Slot> slots;
  std::string_view storage = IndirectStorageName(info);
  for (std::string_view piece : SplitOperands(operands)) {
    std::string_view value = piece;
    std::vector<Slot> piece_slots;
    size_t colon = FindSpacedColon(piece);
    if (colon != std::string_view::npos) value = Trim(piece.substr(0, colon));
    // The disassembler writes indirect addresses as `.rwdata[%iN]`, after the stored value;
    // the address is always the first encoded operand.
    bool address = IsIndirectGlobal(info) && value.starts_with(storage) &&
                   value.substr(storage.size()).starts_with('[') && value.ends_with(']');
    if (address) value = Trim(value.substr(storage.size() + 1, value.size() - storage.size() - 2));
    piece_slots.push_back(Text(value));
    if (colon != std::string_view::npos) {
      piece_slots.push_back(Annotation(Trim(piece.substr(colon + 1))));
    }
    slots.insert(address ? slots.begin() : slots.end(), piece_slots.begin(), piece_slots.end());
  }
  size_t input = 0;
  for (OperandKind kind : info.operands) {
    if (IsResultKind(kind)) continue;
    if (IsTrailingListKind(kind) && input <= slots.size()) {
      Slot list = List(operands, {});
      for (size_t i = input; i < slots.size(); ++i) list.items.push_back(slots[i].text);
      slots.resize(input);
      slots.push_back(std::move(list));
      break;
    }
    ++input;
  }
  return ShapeOperands{std::move(slots), std::nullopt};
}

// `%c ? %a : %b` and, for select.ref, `... -> T`.
StatusOr<ShapeOperands> SplitSelect(const OpInfo& info, std::string_view operands,
                                    const Diagnostics& diag) {
  size_t question = FindUnquoted(operands, '?');
  if (question == std::string_view::npos) {
    return diag.Fail(operands, "expected select condition like %i0 ? %i1 : %i2");
  }
  std::string_view values = operands.substr(question + 1);
  size_t colon = FindSpacedColon(values);
  if (colon == std::string_view::npos) {
    return diag.Fail(values, "expected select false value after ':'");
  }
  std::string_view false_value = values.substr(colon + 1);
  ShapeOperands shaped;
  shaped.inputs = {Text(Trim(operands.substr(0, question))), Text(Trim(values.substr(0, colon)))};
  if (info.shape == OpShape::SelectRef) {
    size_t arrow = false_value.find("->");
    if (arrow == std::string_view::npos) {
      return diag.Fail(false_value, "expected select result type after '->'");
    }
    shaped.inputs.push_back(Text(Trim(false_value.substr(0, arrow))));
    shaped.inputs.push_back(Annotation(Trim(false_value.substr(arrow + 2))));
  } else {
    shaped.inputs.push_back(Text(Trim(false_value)));
  }
  return shaped;
}

// `%i[%a, %b] else %d` and, for switch.ref, `... -> T`.
StatusOr<ShapeOperands> SplitSwitch(const OpInfo& info, std::string_view operands,
                                    const Diagnostics& diag) {
  size_t open = FindUnquoted(operands, '[');
  if (open == std::string_view::npos) return diag.Fail(operands, "expected switch value list");
  size_t close = FindUnquoted(operands, ']', open);
  if (close == std::string_view::npos) {
    return diag.Fail(operands.substr(open), "unterminated switch value list");
  }
  std::string_view fallback;
  std::string_view keyword = FirstWord(operands.substr(close + 1), &fallback);
  if (keyword != "else" || fallback.empty()) {
    return diag.Fail(operands.substr(close + 1), "expected switch default value after 'else'");
  }
  std::string_view values = operands.substr(open + 1, close - open - 1);
  ShapeOperands shaped;
  shaped.inputs = {Text(Trim(operands.substr(0, open))), List(values, SplitOperands(values))};
  if (info.shape == OpShape::SwitchRef) {
    size_t arrow = fallback.find("->");
    if (arrow == std::string_view::npos) {
      return diag.Fail(fallback, "expected switch result type after '->'");
    }
    shaped.inputs.push_back(Text(Trim(fallback.substr(0, arrow))));
    shaped.inputs.push_back(Annotation(Trim(fallback.substr(arrow + 2))));
  } else {
    shaped.inputs.push_back(Text(fallback));
  }
  return shaped;
}

// `%r : SOURCE -> T`; the source type is required but not recorded.
StatusOr<ShapeOperands> SplitCastAnyRef(std::string_view operands, const Diagnostics& diag) {
  size_t dash = operands.find('-');
  if (dash == std::string_view::npos || operands.substr(dash, 2) != "->") {
    return diag.Fail(operands, "expected cast result type after '->'");
  }
  std::string_view source = operands.substr(0, dash);
  size_t colon = FindSpacedColon(source);
  if (colon == std::string_view::npos || Trim(source.substr(colon + 1)).empty()) {
    return diag.Fail(source, "expected cast source type");
  }
  ShapeOperands shaped;
  shaped.inputs = {Text(Trim(source.substr(0, colon))),
                   Annotation(Trim(operands.substr(dash + 2)))};
  return shaped;
}

// `%i { default: ^bbN(...), 0: ^bbM, 1: ... }` with optional commas between entries.
StatusOr<ShapeOperands> SplitBrTable(std::string_view operands, const Diagnostics& diag) {
  size_t open = operands.find('{');
  if (open == std::string_view::npos) return diag.Fail(operands, "expected branch table body");
  if (!operands.ends_with('}')) {
    return diag.Fail(operands.substr(open), "unterminated branch table body");
  }
  std::string_view body = operands.substr(open + 1, operands.size() - open - 2);
  std::vector<std::string_view> targets;
  size_t pos = 0;
  auto skip = [&](std::string_view chars) {
    while (pos < body.size() && chars.find(body[pos]) != std::string_view::npos) ++pos;
  };
  while (true) {
    skip(" \t\r\n\v\f,");
    if (pos == body.size()) break;
    size_t colon = body.find(':', pos);
    std::string_view key = Trim(body.substr(pos, colon - pos));
    if (targets.empty()) {
      if (colon == std::string_view::npos || key != "default") {
        return diag.Fail(body.substr(pos), "expected default branch table case");
      }
    } else {
      std::optional<uint32_t> index;
      if (colon != std::string_view::npos) index = ParseUnsigned32(key);
      if (!index || *index != targets.size() - 1) {
        return diag.Fail(body.substr(pos), "branch table cases must be dense from 0");
      }
    }
    pos = colon + 1;
    skip(kWhitespace);
    size_t start = pos;
    if (pos < body.size() && body[pos] == '^') ++pos;
    while (pos < body.size() && IsSymbolChar(body[pos])) ++pos;
    size_t label_end = pos;
    skip(kWhitespace);
    if (pos < body.size() && body[pos] == '(') {
      size_t close = body.find(')', pos);
      if (close == std::string_view::npos) {
        return diag.Fail(body.substr(pos), "unterminated branch operand list");
      }
      pos = close + 1;
    } else {
      pos = label_end;
    }
    targets.push_back(body.substr(start, pos - start));
  }
  if (targets.empty()) return diag.Fail(body, "expected default branch table case");
  ShapeOperands shaped;
  shaped.inputs = {Text(Trim(operands.substr(0, open))), List(body, std::move(targets))};
  return shaped;
}

// `@f [segments[...]](args)` and, for yieldable calls, `-> ^bbN(results)`.
StatusOr<ShapeOperands> SplitCall(const OpInfo& info, std::string_view operands,
                                  const Diagnostics& diag) {
  size_t open = FindUnquoted(operands, '(');
  if (open == std::string_view::npos) return diag.Fail(operands, "expected call argument list");
  std::string_view extra;
  std::string_view callee = FirstWord(operands.substr(0, open), &extra);
  std::optional<Slot> segments;
  if (!extra.empty()) {
    if (!extra.starts_with("segments[")) {
      return diag.Fail(extra, "expected call segment size list");
    }
    size_t close = extra.find(']');
    if (close == std::string_view::npos) {
      return diag.Fail(extra, "unterminated call segment size list");
    }
    if (!Trim(extra.substr(close + 1)).empty()) {
      return diag.Fail(extra.substr(close + 1), "expected call segment size list");
    }
    std::string_view sizes = extra.substr(9, close - 9);
    segments = List(sizes, SplitOperands(sizes));
  }
  if (HasKind(info, SEGMENTS) && !segments) {
    return diag.Fail(operands.substr(open), "variadic calls must list segment sizes");
  }
  size_t close = operands.find(')', open);
  if (close == std::string_view::npos) {
    return diag.Fail(operands.substr(open), "unterminated call argument list");
  }
  std::string_view args = operands.substr(open + 1, close - open - 1);
  std::string_view tail = Trim(operands.substr(close + 1));
  ShapeOperands shaped;
  std::string_view label;
  if (HasKind(info, BLOCK)) {
    if (!tail.starts_with("->")) return diag.Fail(tail, "expected call continuation after '->'");
    std::string_view continuation = Trim(tail.substr(2));
    size_t results_open = continuation.find('(');
    if (results_open == std::string_view::npos) {
      return diag.Fail(continuation, "expected continuation result list");
    }
    label = Trim(continuation.substr(0, results_open));
    if (label.empty()) return diag.Fail(continuation, "expected continuation block label");
    size_t results_close = continuation.find(')', results_open);
    if (results_close == std::string_view::npos) {
      return diag.Fail(continuation.substr(results_open), "unterminated continuation result list");
    }
    if (!Trim(continuation.substr(results_close + 1)).empty()) {
      return diag.Fail(continuation.substr(results_close + 1),
                       "unexpected text after call continuation");
    }
    shaped.results =
        SplitOperands(continuation.substr(results_open + 1, results_close - results_open - 1));
  } else if (!tail.empty()) {
    return diag.Fail(tail, "unexpected text after call");
  }
  for (OperandKind kind : info.operands) {
    if (kind == FUNC || kind == IMPORT) shaped.inputs.push_back(Text(callee));
    if (kind == SEGMENTS) shaped.inputs.push_back(*segments);
    if (kind == ARGS) shaped.inputs.push_back(List(args, SplitOperands(args)));
    if (kind == BLOCK) shaped.inputs.push_back(Text(label));
  }
  return shaped;
}

// `"name", %a, %b` or the disassembler's `"name"(%a, %b)`.
StatusOr<ShapeOperands> SplitTrace(std::string_view operands, const Diagnostics& diag) {
  if (!operands.starts_with('"')) return diag.Fail(operands, "expected quoted string");
  size_t close = operands.find('"', 1);
  if (close == std::string_view::npos) return diag.Fail(operands, "unterminated quoted string");
  std::string_view rest = Trim(operands.substr(close + 1));
  std::string_view list;
  if (rest.starts_with('(')) {
    if (!rest.ends_with(')')) return diag.Fail(rest, "unterminated trace operand list");
    list = rest.substr(1, rest.size() - 2);
  } else if (rest.starts_with(',')) {
    list = rest.substr(1);
  } else if (!rest.empty()) {
    return diag.Fail(rest, "unexpected text after quoted string");
  }
  ShapeOperands shaped;
  shaped.inputs = {Text(operands.substr(0, close + 1)), List(list, SplitOperands(list))};
  return shaped;
}

}  // namespace

StatusOr<ShapeOperands> SplitShape(const OpInfo& info, std::string_view operands,
                                   const Diagnostics& diag) {
  switch (info.shape) {
    case OpShape::Select:
    case OpShape::SelectRef:
      return SplitSelect(info, operands, diag);
    case OpShape::Switch:
    case OpShape::SwitchRef:
      return SplitSwitch(info, operands, diag);
    case OpShape::CastAnyRef:
      return SplitCastAnyRef(operands, diag);
    case OpShape::BrTable:
      return SplitBrTable(operands, diag);
    case OpShape::Call:
      return SplitCall(info, operands, diag);
    case OpShape::Trace:
      return SplitTrace(operands, diag);
    case OpShape::Generic:
    case OpShape::Internal:
      break;
  }
  return SplitGeneric(info, operands);
}

}  // namespace sinew::vm::bytecode::assembler_internal
