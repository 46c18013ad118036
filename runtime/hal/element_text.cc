// Printing and parsing single elements by element type.
#include "runtime/hal/element_text.h"

#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/base/str_cat.h"
#include "runtime/hal/element_type_name.h"
#include "runtime/hal/narrow_float.h"

namespace sinew::hal {
namespace {

enum class TextKind { kSigned, kUnsigned, kSignless, kFloat32, kFloat64, kNarrowFloat, kHex };

bool IsWholeBytes(uint32_t bits) { return bits == 8 || bits == 16 || bits == 32 || bits == 64; }

TextKind KindOf(ElementType type) {
  uint32_t bits = ElementBitCount(type);
  switch (ElementNumericalType(type)) {
    case NumericalType::kInteger:
      return IsWholeBytes(bits) ? TextKind::kSignless : TextKind::kHex;
    case NumericalType::kIntegerSigned:
      return IsWholeBytes(bits) ? TextKind::kSigned : TextKind::kHex;
    case NumericalType::kIntegerUnsigned:
      return IsWholeBytes(bits) ? TextKind::kUnsigned : TextKind::kHex;
    default:
      break;
  }
  if (type == ElementType::kFloat32) return TextKind::kFloat32;
  if (type == ElementType::kFloat64) return TextKind::kFloat64;
  if (NarrowFloatFormatOf(type)) return TextKind::kNarrowFloat;
  return TextKind::kHex;
}

// Loads a little-endian integer of `size` bytes, sign-extended or zero-extended.
int64_t LoadSigned(const uint8_t* data, uint32_t size) {
  switch (size) {
    case 1:
      return static_cast<int8_t>(data[0]);
    case 2: {
      int16_t value;
      std::memcpy(&value, data, 2);
      return value;
    }
    case 4: {
      int32_t value;
      std::memcpy(&value, data, 4);
      return value;
    }
    default: {
      int64_t value;
      std::memcpy(&value, data, 8);
      return value;
    }
  }
}

uint64_t LoadUnsigned(const uint8_t* data, uint32_t size) {
  uint64_t value = 0;
  std::memcpy(&value, data, size);
  return value;
}

uint32_t LoadNarrowBits(const uint8_t* data, uint32_t size) {
  return static_cast<uint32_t>(LoadUnsigned(data, size));
}

void AppendG(double value, std::string& out) {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%G", value);
  out += buffer;
}

std::unexpected<Error> NotAValue(ElementType type, std::string_view token) {
  return InvalidArgumentError(
      StrCat("'", token, "' is not a valid ", ElementTypeName(type), " value"));
}

// Parses a decimal integer in the range of `kind` at the type's width.
Status ParseInteger(ElementType type, std::string_view token, TextKind kind, uint8_t* out) {
  uint32_t size = ElementByteSize(type);
  std::string text(token);
  char* end = nullptr;
  errno = 0;
  bool negative = !text.empty() && text[0] == '-';
  uint64_t bits = 0;
  bool in_range = true;
  if (negative) {
    long long value = std::strtoll(text.c_str(), &end, 10);
    int64_t min = size == 8 ? INT64_MIN : -(int64_t{1} << (size * 8 - 1));
    in_range = errno != ERANGE && value >= min && kind != TextKind::kUnsigned;
    bits = static_cast<uint64_t>(value);
  } else {
    unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    uint64_t max = size == 8 ? UINT64_MAX : (uint64_t{1} << (size * 8)) - 1;
    if (kind == TextKind::kSigned) max >>= 1;
    in_range = errno != ERANGE && value <= max;
    bits = value;
  }
  if (text.empty() || *end != '\0' || text[0] == '+' || std::isspace(text[0])) {
    return NotAValue(type, token);
  }
  if (!in_range) {
    return InvalidArgumentError(
        StrCat("'", token, "' is out of range for ", ElementTypeName(type)));
  }
  std::memcpy(out, &bits, size);
  return OkStatus();
}

Status ParseFloat(ElementType type, std::string_view token, TextKind kind, uint8_t* out) {
  std::string text(token);
  char* end = nullptr;
  double value = kind == TextKind::kFloat64 ? std::strtod(text.c_str(), &end)
                                            : static_cast<double>(std::strtof(text.c_str(), &end));
  if (text.empty() || *end != '\0' || std::isspace(text[0])) {
    return NotAValue(type, token);
  }
  if (kind == TextKind::kFloat64) {
    std::memcpy(out, &value, 8);
  } else if (kind == TextKind::kFloat32) {
    float narrow = static_cast<float>(value);
    std::memcpy(out, &narrow, 4);
  } else {
    uint32_t bits = NarrowFromFloat(static_cast<float>(value), *NarrowFloatFormatOf(type));
    std::memcpy(out, &bits, ElementByteSize(type));
  }
  return OkStatus();
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status ParseHex(ElementType type, std::string_view token, uint8_t* out) {
  uint32_t size = ElementByteSize(type);
  if (token.size() != size * 2) {
    return InvalidArgumentError(StrCat("binary hex element count mismatch: '", token, "' has ",
                                       token.size(), " hex digits but ", ElementTypeName(type),
                                       " elements take ", size * 2));
  }
  for (uint32_t i = 0; i < size; ++i) {
    int high = HexDigit(token[2 * i]);
    int low = HexDigit(token[2 * i + 1]);
    if (high < 0 || low < 0) return NotAValue(type, token);
    out[i] = static_cast<uint8_t>(high << 4 | low);
  }
  return OkStatus();
}

}  // namespace

void AppendElementText(ElementType type, const uint8_t* data, std::string& out) {
  uint32_t size = ElementByteSize(type);
  switch (KindOf(type)) {
    case TextKind::kSigned:
    case TextKind::kSignless:
      out += StrCat(LoadSigned(data, size));
      return;
    case TextKind::kUnsigned:
      out += StrCat(LoadUnsigned(data, size));
      return;
    case TextKind::kFloat32: {
      float value;
      std::memcpy(&value, data, 4);
      AppendG(value, out);
      return;
    }
    case TextKind::kFloat64: {
      double value;
      std::memcpy(&value, data, 8);
      AppendG(value, out);
      return;
    }
    case TextKind::kNarrowFloat:
      AppendG(WidenToFloat(LoadNarrowBits(data, size), *NarrowFloatFormatOf(type)), out);
      return;
    case TextKind::kHex: {
      static constexpr char kDigits[] = "0123456789ABCDEF";
      for (uint32_t i = 0; i < size; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 0xF];
      }
      return;
    }
  }
}

Status ParseElementText(ElementType type, std::string_view token, uint8_t* out) {
  TextKind kind = KindOf(type);
  switch (kind) {
    case TextKind::kSigned:
    case TextKind::kUnsigned:
    case TextKind::kSignless:
      return ParseInteger(type, token, kind, out);
    case TextKind::kFloat32:
    case TextKind::kFloat64:
    case TextKind::kNarrowFloat:
      return ParseFloat(type, token, kind, out);
    case TextKind::kHex:
      return ParseHex(type, token, out);
  }
  return OkStatus();
}

}  // namespace sinew::hal
