// MLIR declarations of module exports.
#include "tools/mlir_declarations.h"

#include <optional>
#include <string_view>

#include "runtime/base/str_cat.h"
#include "runtime/vm/cconv.h"
#include "runtime/vm/native/native_signature.h"
#include "tools/function_attrs.h"

namespace sinew::tools {
namespace {

bool IsBareIdentifier(std::string_view name) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (name.empty() || !letter(name[0])) return false;
  for (char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '$' && c != '.') return false;
  }
  return true;
}

// `@name`, quoted when it is not a bare MLIR identifier.
std::string SymbolReference(std::string_view name) {
  if (IsBareIdentifier(name)) return StrCat("@", name);
  std::string out = "@\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string JoinItems(std::string_view items) {
  std::string out;
  for (char item : items) out += StrCat(out.empty() ? "" : ", ", vm::CconvItemTypeName(item));
  return out;
}

// `(args) -> results` from a cconv without spans; nullopt for spans or an invalid cconv.
std::optional<std::string> CconvFunctionType(std::string_view cconv) {
  if (!vm::ParseCconv(cconv)) return std::nullopt;
  std::string_view arguments = vm::CconvFragment(cconv, false);
  std::string_view results = vm::CconvFragment(cconv, true);
  if (arguments.find('C') != std::string_view::npos) return std::nullopt;
  std::string result_text =
      results.size() == 1 ? JoinItems(results) : StrCat("(", JoinItems(results), ")");
  return StrCat("(", JoinItems(arguments), ") -> ", result_text);
}

// For a cconv with `C...D` spans: the function type without the spans, the segment list a
// call passes (-1 for plain arguments, N for each span) and the spans' element types.
struct VariadicForm {
  std::string type;
  std::string segments;
  std::string spans;
};
std::optional<VariadicForm> CconvVariadicForm(std::string_view cconv) {
  if (!vm::ParseCconv(cconv)) return std::nullopt;
  std::string_view arguments = vm::CconvFragment(cconv, false);
  std::string_view results = vm::CconvFragment(cconv, true);
  std::string plain;
  VariadicForm form;
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (!form.segments.empty()) form.segments += ", ";
    if (arguments[i] != 'C') {
      plain += arguments[i];
      form.segments += "-1";
      continue;
    }
    size_t end = arguments.find('D', i);
    if (end == std::string_view::npos) return std::nullopt;
    form.segments += "N";
    form.spans += StrCat(form.spans.empty() ? "" : "; ", "(",
                         JoinItems(arguments.substr(i + 1, end - i - 1)), ")...");
    i = end;
  }
  std::string result_text =
      results.size() == 1 ? JoinItems(results) : StrCat("(", JoinItems(results), ")");
  form.type = StrCat("(", JoinItems(plain), ") -> ", result_text);
  return form;
}

// `func.func private @symbol(args) -> results`, leaving out `-> ()`.
std::optional<std::string> Declaration(std::string_view symbol, std::string_view type) {
  size_t arrow = type.find(") -> ");
  if (!type.starts_with('(') || arrow == std::string_view::npos) return std::nullopt;
  std::string_view arguments = type.substr(0, arrow + 1);
  std::string_view results = type.substr(arrow + 5);
  return StrCat("func.func private ", symbol, arguments, results == "()" ? "" : " -> ",
                results == "()" ? "" : results);
}

}  // namespace

StatusOr<std::string> MlirDeclarations(sinew_vm_module_t* module) {
  std::string_view module_name = ToStringView(sinew_vm_module_name(module));
  sinew_vm_module_signature_t signature = module->signature(module->self);
  std::string out =
      StrCat("// Exports of module @", module_name, " version ", signature.version, "\n");
  for (uint32_t i = 0; i < signature.export_function_count; ++i) {
    sinew_string_view_t name;
    sinew_string_view_t cconv;
    SINEW_RETURN_IF_ERROR(FromC(
        module->get_function(module->self, SINEW_VM_LINKAGE_EXPORT, i, nullptr, &name, &cconv)));
    std::string symbol = SymbolReference(StrCat(module_name, ".", ToStringView(name)));
    std::optional<std::string> declaration;
    ForEachFunctionAttr(module, SINEW_VM_LINKAGE_EXPORT, i,
                        [&](std::string_view key, std::string_view value) {
                          if (key == vm::kSignatureAttr) declaration = Declaration(symbol, value);
                        });
    if (!declaration) {
      if (std::optional<std::string> type = CconvFunctionType(ToStringView(cconv))) {
        declaration = Declaration(symbol, *type);
      }
    }
    if (declaration) {
      out += *declaration + "\n";
      continue;
    }
    // Variadic exports: sinew-compile takes the cconv from `vm.cconv` and calls them with
    // vm.call.variadic, passing each span's elements flattened after a segment count.
    std::optional<VariadicForm> variadic = CconvVariadicForm(ToStringView(cconv));
    std::optional<std::string> prefix =
        variadic ? Declaration(symbol, variadic->type) : std::nullopt;
    if (!prefix) {
      out += StrCat("// ", symbol, ": invalid cconv ", ToStringView(cconv), "\n");
      continue;
    }
    out +=
        StrCat("// ", symbol, " has variadic spans ", variadic->spans,
               "; call it with\n//   vm.call.variadic ", symbol, " segments [", variadic->segments,
               "](...)\n", *prefix, " attributes {vm.cconv = \"", ToStringView(cconv), "\"}\n");
  }
  return out;
}

}  // namespace sinew::tools
