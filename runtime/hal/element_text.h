// One buffer-view element as text (reference/TOOLS.md §4.2-4.3): integers in decimal, floats in
// C's %G (narrow floats widened to f32 first), everything else as uppercase hex bytes.
#ifndef SINEW_RUNTIME_HAL_ELEMENT_TEXT_H_
#define SINEW_RUNTIME_HAL_ELEMENT_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/base/status.h"
#include "runtime/hal/element_type.h"

namespace sinew::hal {

// Appends the element stored at `data` (ElementByteSize(type) bytes).
void AppendElementText(ElementType type, const uint8_t* data, std::string& out);

// Parses `token` into ElementByteSize(type) bytes at `out`. Signless integers take the signed
// and the unsigned range of their width (i8: -128 to 255); si/ui types take only theirs.
// Hex-printed types need exactly two hex digits per byte ("binary hex element count mismatch").
// Errors are INVALID_ARGUMENT and name the token and type.
Status ParseElementText(ElementType type, std::string_view token, uint8_t* out);

}  // namespace sinew::hal

#endif  // SINEW_RUNTIME_HAL_ELEMENT_TEXT_H_
