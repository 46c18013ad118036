// libFuzzer target for the buffer-view text format: any text either fails to parse cleanly or
// yields a view whose printed form parses again to the same shape and type.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/hal/buffer_view_format.h"
#include "runtime/hal/buffer_view_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // Huge shapes are legal but would only measure the allocator, and huge shapes with a zero
  // dimension print billions of `[]`.
  auto metadata = sinew::hal::ParseBufferViewText(text);
  if (!metadata.has_value()) return 0;
  uint64_t rows = 1;
  for (int64_t dim : metadata->shape) {
    if (dim != 0 && __builtin_mul_overflow(rows, static_cast<uint64_t>(dim), &rows)) return 0;
  }
  if (rows > (1u << 20) / sinew::hal::ElementByteSize(metadata->element_type)) return 0;

  auto view = sinew::hal::ParseBufferView(text, sinew_allocator_system());
  if (!view.has_value()) return 0;
  std::string printed = sinew::hal::FormatBufferView(**view, 1u << 20);
  auto again = sinew::hal::ParseBufferView(printed, sinew_allocator_system());
  if (!again.has_value() || (*again)->element_type() != (*view)->element_type() ||
      !std::ranges::equal((*again)->shape(), (*view)->shape())) {
    __builtin_trap();
  }
  return 0;
}
