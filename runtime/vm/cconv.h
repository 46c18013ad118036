// Calling-convention strings (reference/CCONV.md): parsing, validation and the byte layout of
// argument and result buffers. The one place that knows the cconv grammar.
#ifndef SINEW_RUNTIME_VM_CCONV_H_
#define SINEW_RUNTIME_VM_CCONV_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "runtime/base/status.h"

namespace sinew::vm {

// One value of a fragment: 'i', 'I', 'f', 'F' or 'r'; spans hold their element items.
struct CconvItem {
  char kind;                     // i I f F r, or 'C' for a variadic span
  std::vector<char> span_items;  // element items of a span (kind == 'C')
};

struct CallingConvention {
  std::vector<CconvItem> arguments;  // top-level arguments ("v" fragments are empty)
  std::vector<CconvItem> results;
  bool has_spans() const;
};

// Parses and validates a cconv. Empty means () -> (). Errors name the bad character.
StatusOr<CallingConvention> ParseCconv(std::string_view cconv);

// Validates a cconv like ParseCconv, without allocating on success: writes the argument items
// to `arguments` (a span as 'C', its items, 'D') and the result items to `results`, and
// returns how many it wrote. Each side writes at most as many chars as its fragment has.
struct FlatCconvSizes {
  size_t arguments = 0;
  size_t results = 0;
};
StatusOr<FlatCconvSizes> FlattenCconv(std::string_view cconv, char* arguments, char* results);

// The argument or result items of a well-formed cconv without parsing it: "0iI_r" gives
// "iI" / "r"; a "v" fragment or a missing side gives "". Spans are returned as written.
std::string_view CconvFragment(std::string_view cconv, bool results);

// The MLIR-style type a cconv item stands for: i32, i64, f32, f64 or !vm.ref<?>.
std::string_view CconvItemTypeName(char kind);

// Byte size of a ref handle in argument/result buffers and its alignment.
inline constexpr uint32_t kRefHandleSize = 16;
inline constexpr uint32_t kRefHandleAlignment = 8;

// Size and alignment of one item kind in a buffer (0 and 4 for anything else, e.g. 'v').
constexpr uint32_t CconvItemSize(char kind) {
  switch (kind) {
    case 'i':
    case 'f':
      return 4;
    case 'I':
    case 'F':
      return 8;
    case 'r':
      return kRefHandleSize;
    default:
      return 0;
  }
}
constexpr uint32_t CconvItemAlignment(char kind) {
  switch (kind) {
    case 'I':
    case 'F':
      return 8;
    case 'r':
      return kRefHandleAlignment;
    default:
      return 4;
  }
}

// Byte offset of each item of a fragment without spans, and the padded total size.
struct FragmentLayout {
  std::vector<uint32_t> offsets;
  uint32_t size = 0;
};
FragmentLayout LayoutFragment(const std::vector<CconvItem>& items);

// Stride of one element of a span: its items packed with natural alignment, rounded up to the
// span alignment (the largest item alignment, at least 4).
uint32_t SpanElementStride(const std::vector<char>& span_items);
uint32_t SpanAlignment(const std::vector<char>& span_items);

}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_CCONV_H_
