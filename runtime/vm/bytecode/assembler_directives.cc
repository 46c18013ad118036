// Top-level directives (VMASM.md section 2): vm.module, vm.type, vm.import, vm.rodata,
// vm.global.*, vm.export, and the dispatch to vm.func.
#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler_internal.h"
#include "runtime/vm/bytecode/assembler_text.h"

namespace sinew::vm::bytecode::assembler_internal {
namespace {

// Bytes of a vm.global.* directive's type; 0 for vm.global.ref (an extension).
std::optional<uint32_t> GlobalSize(std::string_view type) {
  if (type == "i32" || type == "f32") return 4;
  if (type == "i64" || type == "f64") return 8;
  if (type == "ref") return 0;
  return std::nullopt;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

StatusOr<std::string_view> Assembler::ParseSymbol(std::string_view text) const {
  if (!text.starts_with('@') || text.size() == 1) {
    return diag_.Fail(text, "expected symbol name beginning with '@'");
  }
  for (size_t i = 1; i < text.size(); ++i) {
    if (!IsSymbolChar(text[i])) {
      return diag_.Fail(text.substr(i), StrCat("invalid symbol character '", text[i], "'"));
    }
  }
  return text.substr(1);
}

StatusOr<std::string_view> Assembler::ParseQuoted(std::string_view text) const {
  if (!text.starts_with('"')) return diag_.Fail(text, "expected quoted string");
  size_t close = text.find('"', 1);
  if (close == std::string_view::npos) return diag_.Fail(text, "unterminated quoted string");
  if (close + 1 != text.size()) {
    return diag_.Fail(text.substr(close + 1), "unexpected text after quoted string");
  }
  std::string_view value = text.substr(1, close - 1);
  if (value.size() > 0xFFFF) {
    return diag_.Fail(text, "string attribute is too large", StatusCode::kOutOfRange);
  }
  return value;
}

Status Assembler::TopLevelLine(std::string_view text) {
  std::string_view rest;
  std::string_view word = FirstWord(text, &rest);
  if (word == "vm.export") return ExportDirective(rest);
  bool is_rodata = word.starts_with("vm.rodata");
  bool is_global = word.starts_with("vm.global.");
  bool is_declaration = word == "vm.type" || word == "vm.import" || is_rodata || is_global;
  if (word != "vm.module" && word != "vm.func" && !is_declaration) {
    return diag_.Fail(word, "unexpected top-level directive");
  }
  if (word == "vm.module") return ModuleDirective(rest);
  if (!has_module_) {
    return diag_.Fail(word, StrCat("module directive must appear before '", word, "'"));
  }
  if (word == "vm.func") return BeginFunction(rest);
  if (!module_.functions.empty()) {
    return diag_.Fail(word, StrCat(word.substr(3, word.find_first_of(".[", 3) - 3),
                                   " directives must appear before functions"));
  }
  if (word == "vm.type") return TypeDirective(rest);
  if (word == "vm.import") return ImportDirective(rest);
  if (is_rodata) return RodataDirective(text.substr(9));
  return GlobalDirective(word, rest);
}

Status Assembler::ModuleDirective(std::string_view rest) {
  if (has_module_) return diag_.Fail(rest, "module already declared");
  std::string_view tail;
  std::string_view symbol = FirstWord(rest, &tail);
  SINEW_ASSIGN_OR_RETURN(std::string_view name, ParseSymbol(symbol));
  module_.name = std::string(name);
  has_module_ = true;
  if (tail.empty()) return OkStatus();
  std::string_view number;
  std::string_view keyword = FirstWord(tail, &number);
  std::optional<uint32_t> version;
  if (keyword == "version") version = ParseUnsigned32(number);
  if (!version) return diag_.Fail(tail, "expected optional 'version <uint32>'");
  module_.version = *version;
  return OkStatus();
}

Status Assembler::TypeDirective(std::string_view rest) {
  for (const std::string& type : module_.types) {
    if (type == rest) return diag_.Fail(rest, StrCat("duplicate type ", rest));
  }
  if (rest.empty()) return diag_.Fail(rest, "expected type name");
  module_.types.emplace_back(rest);
  return OkStatus();
}

Status Assembler::ImportDirective(std::string_view rest) {
  ImportDesc import;
  std::string_view tail;
  std::string_view word = FirstWord(rest, &tail);
  if (word == "optional") {
    import.optional = true;
    word = FirstWord(tail, &tail);
  }
  SINEW_ASSIGN_OR_RETURN(std::string_view name, ParseSymbol(word));
  std::string_view cconv_text;
  if (FirstWord(tail, &cconv_text) != "cconv") return diag_.Fail(tail, "expected import cconv");
  SINEW_ASSIGN_OR_RETURN(std::string_view cconv, ParseQuoted(cconv_text));
  if (import_ordinals_.contains(name)) {
    return diag_.Fail(word, StrCat("duplicate import @", name));
  }
  import.full_name = std::string(name);
  import.cconv = std::string(cconv);
  import_ordinals_.emplace(import.full_name, static_cast<uint32_t>(module_.imports.size()));
  module_.imports.push_back(std::move(import));
  return OkStatus();
}

Status Assembler::RodataDirective(std::string_view text) {
  text = Trim(text);
  size_t close = text.find(']');
  if (!text.starts_with('[') || close == std::string_view::npos) {
    return diag_.Fail(text, "unterminated rodata ordinal");
  }
  std::optional<uint32_t> ordinal = ParseUnsigned32(Trim(text.substr(1, close - 1)));
  if (!ordinal) return diag_.Fail(text.substr(1), "invalid rodata ordinal");
  if (*ordinal != module_.rodata.size()) {
    return diag_.Fail(text.substr(1), "rodata segments must be declared in ordinal order");
  }
  std::string_view assignment = Trim(text.substr(close + 1));
  if (!assignment.starts_with('=')) return diag_.Fail(assignment, "expected '= <hex bytes>'");
  std::string_view hex = Trim(assignment.substr(1));
  if (hex.size() % 2 != 0) return diag_.Fail(hex, "rodata hex data must have an even length");
  std::vector<uint8_t> bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int high = HexValue(hex[i]);
    int low = HexValue(hex[i + 1]);
    if (high < 0 || low < 0) {
      return diag_.Fail(hex.substr(high < 0 ? i : i + 1), "invalid rodata hex digit");
    }
    bytes.push_back(static_cast<uint8_t>(high * 16 + low));
  }
  module_.rodata.push_back(std::move(bytes));
  return OkStatus();
}

Status Assembler::GlobalDirective(std::string_view word, std::string_view rest) {
  std::string_view type = word.substr(std::string_view("vm.global.").size());
  std::optional<uint32_t> size = GlobalSize(type);
  if (!size) return diag_.Fail(word, "unexpected top-level directive");
  std::string_view tail;
  std::string_view symbol = FirstWord(rest, &tail);
  // `private` and `mutable` are accepted (in this order) and ignored.
  if (symbol == "private") symbol = FirstWord(tail, &tail);
  if (symbol == "mutable") symbol = FirstWord(tail, &tail);
  SINEW_ASSIGN_OR_RETURN(std::string_view name, ParseSymbol(symbol));
  if (!tail.empty()) {
    size_t colon = tail.find(':');
    std::optional<int64_t> value;
    if (tail.starts_with('=') && colon != std::string_view::npos) {
      value = ParseSigned64(Trim(tail.substr(1, colon - 1)), 31);
    }
    if (!value) return diag_.Fail(tail, "expected optional '= 0 : <type>' initializer");
    if (*value != 0) {
      return diag_.Fail(tail, "non-zero global initializers must be encoded as __init bytecode",
                        StatusCode::kUnimplemented);
    }
    std::string_view init_type = Trim(tail.substr(colon + 1));
    if (init_type != type) return diag_.Fail(init_type, "global initializer type mismatch");
  }
  if (FindGlobal(name)) return diag_.Fail(symbol, StrCat("duplicate global @", name));
  (*size == 0 ? ref_globals_ : globals_).push_back({std::string(name), *size, 0});
  return OkStatus();
}

Status Assembler::ExportDirective(std::string_view rest) {
  std::string_view tail;
  std::string_view symbol = FirstWord(rest, &tail);
  SINEW_ASSIGN_OR_RETURN(std::string_view name, ParseSymbol(symbol));
  std::string_view function = name;
  if (!tail.empty()) {
    if (!tail.starts_with('=')) return diag_.Fail(tail, "expected '= @function' after export name");
    SINEW_ASSIGN_OR_RETURN(function, ParseSymbol(Trim(tail.substr(1))));
  }
  for (const PendingExport& existing : exports_) {
    if (existing.name == name) return diag_.Fail(symbol, StrCat("duplicate export @", name));
  }
  exports_.push_back({std::string(name), std::string(function), diag_.Pos(symbol)});
  return OkStatus();
}

}  // namespace sinew::vm::bytecode::assembler_internal
