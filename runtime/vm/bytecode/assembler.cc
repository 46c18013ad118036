// Assembler driver: walks the source line by line, routes each line to the directive or
// function-body parser, and reports positioned errors.
#include "runtime/vm/bytecode/assembler.h"

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler_internal.h"
#include "runtime/vm/bytecode/assembler_text.h"

namespace sinew::vm::bytecode {
namespace assembler_internal {

SourcePos Diagnostics::Pos(std::string_view at) const {
  const char* begin = raw_.data();
  const char* target = at.data();
  if (target < begin || target > begin + raw_.size()) target = text_.data();
  if (target < begin || target > begin + raw_.size()) target = begin;
  return SourcePos{number_, static_cast<uint32_t>(target - begin) + 1};
}

std::unexpected<Error> Diagnostics::FailAt(SourcePos pos, std::string_view message,
                                           StatusCode code) const {
  std::string text = StrCat(file_name_, ":", pos.line, ":", pos.column, ": ", message);
  // No C++ source location: the position in the .vmasm file is what users need.
  return std::unexpected(Error(
      sinew_status_make(static_cast<sinew_status_code_t>(code), nullptr, 0, "%s", text.c_str())));
}

StatusOr<ModuleDesc> Assembler::Run(std::string_view source) {
  uint32_t number = 0;
  while (!source.empty() || number == 0) {
    size_t end = source.find('\n');
    std::string_view raw = source.substr(0, end);
    source = end == std::string_view::npos ? std::string_view() : source.substr(end + 1);
    ++number;
    std::string_view text = NormalizeLine(raw);
    diag_.SetLine(raw, text, number);
    if (text.empty()) continue;
    SINEW_RETURN_IF_ERROR(function_ ? BodyLine(text) : TopLevelLine(text));
  }
  // End-of-input errors point at the last line.
  SourcePos end_pos{number, 1};
  if (function_) return diag_.FailAt(function_pos_, "unterminated function body");
  if (!has_module_) return diag_.FailAt(end_pos, "module directive missing");
  if (module_.functions.empty()) return diag_.FailAt(end_pos, "function directive missing");
  SINEW_RETURN_IF_ERROR(ResolveAtEnd());
  return std::move(module_);
}

}  // namespace assembler_internal

StatusOr<ModuleDesc> AssembleModule(std::string_view source, std::string_view file_name) {
  return assembler_internal::Assembler(file_name).Run(source);
}

}  // namespace sinew::vm::bytecode
