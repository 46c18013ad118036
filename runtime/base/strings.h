// Small string helpers shared by the text parsers (assembler, tool flags, --input values).
#ifndef SINEW_RUNTIME_BASE_STRINGS_H_
#define SINEW_RUNTIME_BASE_STRINGS_H_

#include <string_view>

namespace sinew {

// The C locale's whitespace.
inline constexpr std::string_view kWhitespace = " \t\r\n\v\f";

// `text` without leading and trailing whitespace. The result always points into `text` (an
// all-whitespace text gives the empty view at its end), so callers can compute columns from it.
inline std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return text.substr(text.size());
  return text.substr(begin, text.find_last_not_of(kWhitespace) - begin + 1);
}

}  // namespace sinew

#endif  // SINEW_RUNTIME_BASE_STRINGS_H_
