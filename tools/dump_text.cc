// Section headers and cconv signatures for sinew-dump-module.
#include "tools/dump_text.h"

#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/cconv.h"

namespace sinew::tools {
namespace {

std::string ItemsText(const std::vector<vm::CconvItem>& items) {
  std::string out;
  for (const vm::CconvItem& item : items) {
    if (!out.empty()) out += ", ";
    if (item.kind != 'C') {
      out += vm::CconvItemTypeName(item.kind);
      continue;
    }
    out += "tuple<";
    for (size_t i = 0; i < item.span_items.size(); ++i) {
      out += StrCat(i ? ", " : "", vm::CconvItemTypeName(item.span_items[i]));
    }
    out += ">...";
  }
  return out;
}

}  // namespace

std::string DumpHeader(std::string_view title) {
  std::string rule = "//===" + std::string(110, '-') + "===//\n";
  return StrCat(rule, "// ", title, "\n", rule);
}

std::string CconvSignatureText(std::string_view cconv_text) {
  auto cconv = vm::ParseCconv(cconv_text);
  if (!cconv) return StrCat("<cconv \"", cconv_text, "\">");
  return StrCat("(", ItemsText(cconv->arguments), ") -> (", ItemsText(cconv->results), ")");
}

}  // namespace sinew::tools
