// Floats narrower than f32 (f16, bf16 and the 8-bit formats): widening to f32 for printing and
// comparing, and narrowing from f32 with round-to-nearest-even for parsing.
#ifndef SINEW_RUNTIME_HAL_NARROW_FLOAT_H_
#define SINEW_RUNTIME_HAL_NARROW_FLOAT_H_

#include <cstdint>

#include "runtime/hal/element_type.h"

namespace sinew::hal {

// How a narrow float lays out its bits and which special values it has.
struct NarrowFloatFormat {
  uint32_t exponent_bits = 0;
  uint32_t mantissa_bits = 0;
  int32_t bias = 0;
  bool has_sign = true;
  // IEEE-style: the all-ones exponent holds infinities and NaNs.
  bool has_infinity = true;
  // FN: the all-ones pattern (apart from the sign) is NaN and nothing else is reserved.
  bool nan_is_all_ones = false;
  // FNUZ: the negative-zero pattern is the only NaN; there is no -0.
  bool nan_is_negative_zero = false;
  // E8M0: no zero or subnormals; the smallest exponent field is 2^-bias.
  bool has_zero = true;
};

// The format of a narrow float element type, or null for any other type.
const NarrowFloatFormat* NarrowFloatFormatOf(ElementType type);

float WidenToFloat(uint32_t bits, const NarrowFloatFormat& format);
// Values beyond the largest finite one become infinity, or NaN in formats without infinity.
uint32_t NarrowFromFloat(float value, const NarrowFloatFormat& format);

}  // namespace sinew::hal

#endif  // SINEW_RUNTIME_HAL_NARROW_FLOAT_H_
