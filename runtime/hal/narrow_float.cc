// Bit-exact conversions between f32 and the narrow float formats.
#include "runtime/hal/narrow_float.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace sinew::hal {
namespace {

constexpr NarrowFloatFormat kFloat16 = {.exponent_bits = 5, .mantissa_bits = 10, .bias = 15};
constexpr NarrowFloatFormat kBFloat16 = {.exponent_bits = 8, .mantissa_bits = 7, .bias = 127};
constexpr NarrowFloatFormat kFloat8E5M2 = {.exponent_bits = 5, .mantissa_bits = 2, .bias = 15};
constexpr NarrowFloatFormat kFloat8E4M3FN = {.exponent_bits = 4,
                                             .mantissa_bits = 3,
                                             .bias = 7,
                                             .has_infinity = false,
                                             .nan_is_all_ones = true};
constexpr NarrowFloatFormat kFloat8E5M2FNUZ = {.exponent_bits = 5,
                                               .mantissa_bits = 2,
                                               .bias = 16,
                                               .has_infinity = false,
                                               .nan_is_negative_zero = true};
constexpr NarrowFloatFormat kFloat8E4M3FNUZ = {.exponent_bits = 4,
                                               .mantissa_bits = 3,
                                               .bias = 8,
                                               .has_infinity = false,
                                               .nan_is_negative_zero = true};
constexpr NarrowFloatFormat kFloat8E8M0FNU = {.exponent_bits = 8,
                                              .mantissa_bits = 0,
                                              .bias = 127,
                                              .has_sign = false,
                                              .has_infinity = false,
                                              .nan_is_all_ones = true,
                                              .has_zero = false};

uint32_t SignShift(const NarrowFloatFormat& format) {
  return format.exponent_bits + format.mantissa_bits;
}
uint32_t MaxExponentField(const NarrowFloatFormat& format) {
  return (1u << format.exponent_bits) - 1;
}
uint32_t MantissaMask(const NarrowFloatFormat& format) { return (1u << format.mantissa_bits) - 1; }

// The canonical NaN; IEEE and FN formats keep the sign of the input.
uint32_t NanBits(const NarrowFloatFormat& format, uint32_t sign) {
  if (format.nan_is_negative_zero) return 1u << SignShift(format);
  if (format.nan_is_all_ones) return sign | ((1u << SignShift(format)) - 1);
  uint32_t quiet = format.mantissa_bits ? 1u << (format.mantissa_bits - 1) : 0;
  return sign | (MaxExponentField(format) << format.mantissa_bits) | quiet;
}

uint32_t OverflowBits(const NarrowFloatFormat& format, uint32_t sign) {
  if (format.has_infinity) return sign | (MaxExponentField(format) << format.mantissa_bits);
  return NanBits(format, sign);
}

}  // namespace

const NarrowFloatFormat* NarrowFloatFormatOf(ElementType type) {
  switch (type) {
    case ElementType::kFloat16:
      return &kFloat16;
    case ElementType::kBFloat16:
      return &kBFloat16;
    case ElementType::kFloat8E5M2:
      return &kFloat8E5M2;
    case ElementType::kFloat8E4M3FN:
      return &kFloat8E4M3FN;
    case ElementType::kFloat8E5M2FNUZ:
      return &kFloat8E5M2FNUZ;
    case ElementType::kFloat8E4M3FNUZ:
      return &kFloat8E4M3FNUZ;
    case ElementType::kFloat8E8M0FNU:
      return &kFloat8E8M0FNU;
    default:
      return nullptr;
  }
}

float WidenToFloat(uint32_t bits, const NarrowFloatFormat& format) {
  constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
  uint32_t m = format.mantissa_bits;
  uint32_t exponent = (bits >> m) & MaxExponentField(format);
  uint32_t mantissa = bits & MantissaMask(format);
  bool negative = format.has_sign && ((bits >> SignShift(format)) & 1);
  if (format.nan_is_negative_zero && bits == (1u << SignShift(format))) return kNan;
  if (format.has_infinity && exponent == MaxExponentField(format)) {
    if (mantissa) return negative ? -kNan : kNan;
    return negative ? -std::numeric_limits<float>::infinity()
                    : std::numeric_limits<float>::infinity();
  }
  if (format.nan_is_all_ones && exponent == MaxExponentField(format) &&
      mantissa == MantissaMask(format)) {
    return negative ? -kNan : kNan;
  }
  float magnitude;
  if (exponent == 0 && format.has_zero) {
    magnitude = std::ldexp(static_cast<float>(mantissa), 1 - format.bias - static_cast<int>(m));
  } else {
    magnitude = std::ldexp(static_cast<float>(mantissa | (1u << m)),
                           static_cast<int>(exponent) - format.bias - static_cast<int>(m));
  }
  return negative ? -magnitude : magnitude;
}

uint32_t NarrowFromFloat(float value, const NarrowFloatFormat& format) {
  const uint32_t m = format.mantissa_bits;
  bool negative = std::signbit(value);
  uint32_t sign = negative && format.has_sign ? 1u << SignShift(format) : 0;
  if (std::isnan(value)) return NanBits(format, sign);
  if (!format.has_sign && negative && value != 0) return NanBits(format, 0);
  if (std::isinf(value)) return OverflowBits(format, sign);
  if (value == 0) return format.has_zero && !format.nan_is_negative_zero ? sign : 0;

  // |value| = significand * 2^exponent with an integer significand.
  uint32_t bits = std::bit_cast<uint32_t>(std::fabs(value));
  uint64_t significand = bits & 0x7FFFFFu;
  int32_t exponent = -149;
  if (bits >> 23) {
    significand |= 1u << 23;
    exponent = static_cast<int32_t>(bits >> 23) - 150;
  }
  int32_t top = 63 - std::countl_zero(significand);
  int32_t min_exponent = format.has_zero ? 1 - format.bias : -format.bias;
  int32_t target = std::max(top + exponent, min_exponent);

  // Scale to m fractional bits at the target exponent, rounding to nearest even.
  int32_t shift = target - static_cast<int32_t>(m) - exponent;
  uint64_t scaled;
  if (shift <= 0) {
    scaled = significand << -shift;
  } else if (shift > 40) {
    scaled = 0;
  } else {
    scaled = significand >> shift;
    uint64_t remainder = significand & ((uint64_t{1} << shift) - 1);
    uint64_t half = uint64_t{1} << (shift - 1);
    if (remainder > half || (remainder == half && (scaled & 1))) ++scaled;
  }
  if (scaled >> (m + 1)) {
    scaled >>= 1;
    ++target;
  }

  uint32_t exponent_field = 0;
  uint32_t mantissa = static_cast<uint32_t>(scaled);
  if (scaled >> m) {
    exponent_field = static_cast<uint32_t>(target + format.bias);
    mantissa -= 1u << m;
  } else if (scaled == 0 && (!format.has_zero || format.nan_is_negative_zero)) {
    return 0;
  }

  uint32_t largest_exponent = MaxExponentField(format);
  uint32_t largest_mantissa = MantissaMask(format);
  if (format.has_infinity || (format.nan_is_all_ones && m == 0)) {
    --largest_exponent;
  } else if (format.nan_is_all_ones) {
    --largest_mantissa;
  }
  if (exponent_field > largest_exponent ||
      (exponent_field == largest_exponent && mantissa > largest_mantissa)) {
    return OverflowBits(format, sign);
  }
  return sign | (exponent_field << m) | mantissa;
}

}  // namespace sinew::hal
