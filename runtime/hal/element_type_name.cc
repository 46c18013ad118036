// Parsing and printing element type names.
#include "runtime/hal/element_type_name.h"

#include <charconv>
#include <cstdio>

#include "runtime/base/str_cat.h"

namespace sinew::hal {
namespace {

// The 8-bit float formats have whole names rather than a prefix and a bit count.
struct NamedType {
  std::string_view name;
  ElementType type;
};
constexpr NamedType kFloat8Types[] = {
    {"f8E5M2", ElementType::kFloat8E5M2},         {"f8E4M3FN", ElementType::kFloat8E4M3FN},
    {"f8E5M2FNUZ", ElementType::kFloat8E5M2FNUZ}, {"f8E4M3FNUZ", ElementType::kFloat8E4M3FNUZ},
    {"f8E8M0FNU", ElementType::kFloat8E8M0FNU},
};

struct Prefix {
  std::string_view text;
  NumericalType type;
};
// Two-letter prefixes first so `si8` is not read as `s` + `i8`.
constexpr Prefix kPrefixes[] = {
    {"si", NumericalType::kIntegerSigned}, {"ui", NumericalType::kIntegerUnsigned},
    {"bf", NumericalType::kFloatBrain},    {"cf", NumericalType::kFloatComplex},
    {"i", NumericalType::kInteger},        {"f", NumericalType::kFloatIeee},
    {"*", NumericalType::kUnknown},        {"x", NumericalType::kUnknown},
};

std::string_view PrefixOf(NumericalType type) {
  switch (type) {
    case NumericalType::kUnknown:
      return "*";
    case NumericalType::kInteger:
      return "i";
    case NumericalType::kIntegerSigned:
      return "si";
    case NumericalType::kIntegerUnsigned:
      return "ui";
    case NumericalType::kFloatIeee:
      return "f";
    case NumericalType::kFloatBrain:
      return "bf";
    case NumericalType::kFloatComplex:
      return "cf";
    default:
      return "";
  }
}

}  // namespace

StatusOr<ElementType> ParseElementType(std::string_view text) {
  for (const NamedType& named : kFloat8Types) {
    if (text == named.name) return named.type;
  }
  for (const Prefix& prefix : kPrefixes) {
    if (!text.starts_with(prefix.text)) continue;
    std::string_view digits = text.substr(prefix.text.size());
    uint32_t bits = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        bits == 0 || bits > 0xFF) {
      return InvalidArgumentError(StrCat("out of range bit count in '", text, "'"));
    }
    if (prefix.type == NumericalType::kInteger && bits == 1) return ElementType::kBool;
    return MakeElementType(prefix.type, bits);
  }
  return InvalidArgumentError(StrCat("unhandled element type prefix in '", text, "'"));
}

std::string ElementTypeName(ElementType type) {
  for (const NamedType& named : kFloat8Types) {
    if (type == named.type) return std::string(named.name);
  }
  if (type == ElementType::kBool) return "i1";
  std::string_view prefix = PrefixOf(ElementNumericalType(type));
  if (!IsKnownElementType(type) || prefix.empty()) {
    char hex[16];
    std::snprintf(hex, sizeof(hex), "0x%08X", static_cast<uint32_t>(type));
    return hex;
  }
  return StrCat(prefix, ElementBitCount(type));
}

}  // namespace sinew::hal
