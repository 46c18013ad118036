// Lexical helpers of the assembler: line normalization, splitting and literal parsing.
#include "runtime/vm/bytecode/assembler_text.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace sinew::vm::bytecode::assembler_internal {

std::string_view FirstWord(std::string_view text, std::string_view* rest) {
  text = Trim(text);
  size_t end = text.find_first_of(kWhitespace);
  if (end == std::string_view::npos) end = text.size();
  *rest = Trim(text.substr(end));
  return text.substr(0, end);
}

std::string_view NormalizeLine(std::string_view raw) {
  bool in_string = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '"') {
      in_string = !in_string;
    } else if (!in_string && (c == '#' || (c == '/' && i + 1 < raw.size() && raw[i + 1] == '/'))) {
      raw = raw.substr(0, i);
      break;
    }
  }
  std::string_view text = Trim(raw);
  // Disassembler output prefixed with `[offset]` re-assembles as is.
  if (text.starts_with('[')) {
    size_t close = text.find(']');
    if (close != std::string_view::npos) text = Trim(text.substr(close + 1));
  }
  return text;
}

bool IsSymbolChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c == '.';
}

size_t FindUnquoted(std::string_view text, char c, size_t from) {
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      in_string = !in_string;
    } else if (!in_string && i >= from && text[i] == c) {
      return i;
    }
  }
  return std::string_view::npos;
}

size_t FindSpacedColon(std::string_view text) {
  bool in_string = false;
  auto spaced = [&](size_t i) {
    return i >= text.size() || kWhitespace.find(text[i]) != std::string_view::npos;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      in_string = !in_string;
    } else if (!in_string && text[i] == ':' && (i == 0 || spaced(i - 1)) && spaced(i + 1)) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::vector<std::string_view> SplitOperands(std::string_view text) {
  std::vector<std::string_view> pieces;
  text = Trim(text);
  if (text.empty()) return pieces;
  bool in_string = false;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      in_string = !in_string;
    } else if (in_string) {
      continue;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      pieces.push_back(Trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  pieces.push_back(Trim(text.substr(start)));
  return pieces;
}

namespace {

struct ParsedInteger {
  bool negative;
  uint64_t magnitude;
};

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

// The strtol/strtoul front end shared by the signed and unsigned parsers.
std::optional<ParsedInteger> ParseInteger(std::string_view text, size_t max_chars, size_t* end) {
  if (text.size() > max_chars) return std::nullopt;
  size_t i = 0;
  while (i < text.size() && kWhitespace.find(text[i]) != std::string_view::npos) ++i;
  ParsedInteger result{false, 0};
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) result.negative = text[i++] == '-';
  int base = 10;
  if (i < text.size() && text[i] == '0') {
    base = 8;
    if (i + 2 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X') &&
        DigitValue(text[i + 2]) < 16) {
      base = 16;
      i += 2;
    }
  }
  size_t digits = 0;
  for (; i < text.size() && DigitValue(text[i]) < base; ++i, ++digits) {
    uint64_t digit = static_cast<uint64_t>(DigitValue(text[i]));
    if (result.magnitude > (UINT64_MAX - digit) / static_cast<uint64_t>(base)) return std::nullopt;
    result.magnitude = result.magnitude * static_cast<uint64_t>(base) + digit;
  }
  if (digits == 0) return std::nullopt;
  if (end) *end = i;
  return result;
}

}  // namespace

std::optional<int64_t> ParseSigned64(std::string_view text, size_t max_chars) {
  std::optional<ParsedInteger> parsed = ParseInteger(text, max_chars, nullptr);
  if (!parsed) return std::nullopt;
  constexpr uint64_t kMaxPositive = static_cast<uint64_t>(INT64_MAX);
  if (parsed->magnitude > kMaxPositive + (parsed->negative ? 1 : 0)) return std::nullopt;
  uint64_t bits = parsed->negative ? 0 - parsed->magnitude : parsed->magnitude;
  return static_cast<int64_t>(bits);
}

std::optional<uint32_t> ParseUnsigned32(std::string_view text, size_t max_chars, size_t* end) {
  std::optional<ParsedInteger> parsed = ParseInteger(text, max_chars, end);
  if (!parsed) return std::nullopt;
  uint64_t bits = parsed->negative ? 0 - parsed->magnitude : parsed->magnitude;
  return static_cast<uint32_t>(bits);
}

namespace {

// Runs strtof/strtod over the whole text with C semantics.
template <typename T, typename Bits, typename Fn>
std::optional<Bits> ParseFloatBits(std::string_view text, Fn parse) {
  if (text.empty() || text.size() > 63) return std::nullopt;
  std::string copy(text);
  char* end = nullptr;
  errno = 0;
  T value = parse(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || errno == ERANGE) return std::nullopt;
  Bits bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

}  // namespace

std::optional<uint32_t> ParseF32Bits(std::string_view text) {
  return ParseFloatBits<float, uint32_t>(text,
                                         [](const char* s, char** e) { return std::strtof(s, e); });
}

std::optional<uint64_t> ParseF64Bits(std::string_view text) {
  return ParseFloatBits<double, uint64_t>(
      text, [](const char* s, char** e) { return std::strtod(s, e); });
}

}  // namespace sinew::vm::bytecode::assembler_internal
