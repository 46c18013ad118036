// Lexical helpers of the assembler (VMASM.md section 1): line normalization, operand splitting
// and the C-library-compatible literal parsers. Every returned view points into the input so
// callers can compute source columns from it.
#ifndef SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_TEXT_H_
#define SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_TEXT_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "runtime/base/strings.h"

namespace sinew::vm::bytecode::assembler_internal {

// Splits off the first whitespace-separated word; `rest` receives the trimmed remainder.
std::string_view FirstWord(std::string_view text, std::string_view* rest);

// Comment removal, trimming and `[offset]` prefix stripping (VMASM.md 1.1).
std::string_view NormalizeLine(std::string_view raw);

bool IsSymbolChar(char c);

// Position of `c` outside "..." strings, or npos.
size_t FindUnquoted(std::string_view text, char c, size_t from = 0);
// Position of a ':' with whitespace or the text boundary on both sides, outside strings.
size_t FindSpacedColon(std::string_view text);
// Splits at commas outside strings and (), [], {} nesting; pieces are trimmed. Empty text
// gives no pieces.
std::vector<std::string_view> SplitOperands(std::string_view text);

// strtol-style integers in base 0 (0x hex, leading-0 octal, decimal) with an optional sign.
// Text after the number is ignored (VMASM.md 1.3 quirk). `max_chars` bounds the whole text.
// Returns nullopt when there are no digits, on 64-bit overflow or when the text is too long.
std::optional<int64_t> ParseSigned64(std::string_view text, size_t max_chars);
// strtoul semantics truncated to 32 bits ("-1" is 0xFFFFFFFF). `end`, when given, receives
// the position after the last digit.
std::optional<uint32_t> ParseUnsigned32(std::string_view text, size_t max_chars = 15,
                                        size_t* end = nullptr);

// strtof/strtod on the whole text; nullopt on trailing text or a range error (VMASM.md 1.4).
std::optional<uint32_t> ParseF32Bits(std::string_view text);
std::optional<uint64_t> ParseF64Bits(std::string_view text);

}  // namespace sinew::vm::bytecode::assembler_internal

#endif  // SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_TEXT_H_
