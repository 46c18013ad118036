// Printing buffer views in the text format of reference/TOOLS.md §4.3, e.g.
// `2x3xi32=[1 2 3][4 5 6]`, with a global element budget after which rows are elided (`...`).
#ifndef SINEW_RUNTIME_HAL_BUFFER_VIEW_FORMAT_H_
#define SINEW_RUNTIME_HAL_BUFFER_VIEW_FORMAT_H_

#include <cstdint>
#include <span>
#include <string>

#include "runtime/hal/buffer_view.h"
#include "runtime/hal/element_type.h"

namespace sinew::hal {

// The tools' default --output_max_element_count.
inline constexpr uint64_t kDefaultMaxElementCount = 1024;

// `2x3xf32`, or just `f32` for rank 0.
std::string FormatShapeAndType(std::span<const int64_t> shape, ElementType type);

// `<shape>x<type>=<elements>`. At most `max_element_count` elements are printed, row by row; a
// row cut short ends in `...` and every later non-empty row prints as `...`.
std::string FormatBufferView(const BufferView& view,
                             uint64_t max_element_count = kDefaultMaxElementCount);

}  // namespace sinew::hal

#endif  // SINEW_RUNTIME_HAL_BUFFER_VIEW_FORMAT_H_
