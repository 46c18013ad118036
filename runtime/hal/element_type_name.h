// Element type names as the buffer-view text format writes them (reference/TOOLS.md §4.1):
// `i8`, `si32`, `ui16`, `f32`, `bf16`, `cf64`, `f8E4M3FN`, `i1`, `*N` (opaque) and so on.
#ifndef SINEW_RUNTIME_HAL_ELEMENT_TYPE_NAME_H_
#define SINEW_RUNTIME_HAL_ELEMENT_TYPE_NAME_H_

#include <string>
#include <string_view>

#include "runtime/base/status.h"
#include "runtime/hal/element_type.h"

namespace sinew::hal {

// Errors: INVALID_ARGUMENT "unhandled element type prefix in 'X'" and "out of range bit count in
// 'X'" (bit counts are 1 to 255). Opaque types are `*N`, or `xN` as IREE also accepts.
StatusOr<ElementType> ParseElementType(std::string_view text);

// The name ParseElementType reads back; an unknown type prints as its hex value (0x12345678).
std::string ElementTypeName(ElementType type);

}  // namespace sinew::hal

#endif  // SINEW_RUNTIME_HAL_ELEMENT_TYPE_NAME_H_
