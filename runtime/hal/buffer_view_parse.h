// Parsing buffer views from the text format of reference/TOOLS.md §4.1-4.2:
// `[shape 'x'] type ['=' contents]`, e.g. `2x2xf32=[1 2][3 4]`, `f32=1.5`, `4xi8=0` (broadcast).
#ifndef SINEW_RUNTIME_HAL_BUFFER_VIEW_PARSE_H_
#define SINEW_RUNTIME_HAL_BUFFER_VIEW_PARSE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/hal/buffer_view.h"
#include "runtime/hal/element_type.h"

namespace sinew::hal {

// Views of a higher rank are refused (RESOURCE_EXHAUSTED).
inline constexpr size_t kMaxParsedRank = 128;

// The metadata of a view text and its contents, not yet parsed.
struct BufferViewText {
  std::vector<int64_t> shape;
  ElementType element_type = ElementType::kNone;
  // The text after the first `=` (trimmed), if there is one.
  std::optional<std::string_view> contents;
};

// Splits and parses everything but the contents. `text` is trimmed of whitespace and one pair of
// enclosing double quotes first. Errors: INVALID_ARGUMENT "empty string input", "shape[i]
// invalid value 'X' of 'SHAPE'" and the element type errors of element_type_name.h.
StatusOr<BufferViewText> ParseBufferViewText(std::string_view text);

// Fills `out` (element_count elements of `type`) from contents text: tokens split at whitespace,
// `,`, `[` and `]`. No tokens zero-fill, one token fills every element, otherwise the counts
// must match (OUT_OF_RANGE "output data buffer overflow: ..." / "input data string underflow:
// ...").
Status ParseBufferViewContents(std::string_view contents, ElementType type, uint64_t element_count,
                               std::span<uint8_t> out);

// Parses a whole view into a new host buffer from `allocator`.
StatusOr<vm::ref<BufferView>> ParseBufferView(std::string_view text, sinew_allocator_t allocator);

}  // namespace sinew::hal

#endif  // SINEW_RUNTIME_HAL_BUFFER_VIEW_PARSE_H_
