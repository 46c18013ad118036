// Element-wise comparison of buffer views with per-type float tolerances.
#include "tools/buffer_view_matcher.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/base/str_cat.h"
#include "runtime/hal/buffer_view_format.h"
#include "runtime/hal/element_text.h"
#include "runtime/hal/narrow_float.h"

namespace sinew::tools {
namespace {

// The widened value of a float element, for the types compared approximately.
double LoadFloat(hal::ElementType type, const uint8_t* data) {
  if (type == hal::ElementType::kFloat64) {
    double value;
    std::memcpy(&value, data, sizeof(value));
    return value;
  }
  if (type == hal::ElementType::kFloat32) {
    float value;
    std::memcpy(&value, data, sizeof(value));
    return value;
  }
  uint16_t bits;
  std::memcpy(&bits, data, sizeof(bits));
  return hal::WidenToFloat(bits, *hal::NarrowFloatFormatOf(type));
}

// The absolute threshold of a type compared approximately, or nothing for byte comparison.
std::optional<double> ThresholdOf(hal::ElementType type, const Tolerances& tolerances) {
  if (tolerances.mode == EqualityMode::kExact) return std::nullopt;
  switch (type) {
    case hal::ElementType::kFloat16:
      return tolerances.f16_threshold;
    case hal::ElementType::kBFloat16:
      return tolerances.bf16_threshold;
    case hal::ElementType::kFloat32:
      return tolerances.f32_threshold;
    case hal::ElementType::kFloat64:
      return tolerances.f64_threshold;
    default:
      return std::nullopt;
  }
}

std::string ElementText(hal::ElementType type, const uint8_t* data) {
  std::string text;
  hal::AppendElementText(type, data, text);
  return text;
}

}  // namespace

StatusOr<EqualityMode> ParseEqualityMode(std::string_view text) {
  if (text == "approximate") return EqualityMode::kApproximate;
  if (text == "exact") return EqualityMode::kExact;
  return InvalidArgumentError(
      StrCat("unrecognized --equality_mode= value '", text, "'; expected approximate or exact"));
}

bool FloatsMatch(double expected, double actual, double threshold, const Tolerances& tolerances) {
  if (expected == actual) return true;
  if (std::isnan(expected) && std::isnan(actual)) return true;
  return std::isfinite(expected) &&
         std::fabs(actual - expected) <= threshold + tolerances.rtol * std::fabs(expected);
}

std::optional<std::string> MatchBufferView(const hal::BufferView& expected,
                                           const hal::BufferView& actual,
                                           const Tolerances& tolerances) {
  hal::ElementType type = expected.element_type();
  if (actual.element_type() != type || !std::ranges::equal(actual.shape(), expected.shape())) {
    return StrCat("metadata is ", hal::FormatShapeAndType(actual.shape(), actual.element_type()),
                  "; expected that the view matches ",
                  hal::FormatShapeAndType(expected.shape(), type));
  }
  const uint64_t size = hal::ElementByteSize(type);
  const uint8_t* want = expected.bytes().data();
  const uint8_t* have = actual.bytes().data();
  std::optional<double> threshold = ThresholdOf(type, tolerances);
  for (uint64_t i = 0; i < expected.element_count(); ++i) {
    const uint8_t* e = want + i * size;
    const uint8_t* a = have + i * size;
    bool same =
        std::memcmp(e, a, size) == 0 ||
        (threshold && FloatsMatch(LoadFloat(type, e), LoadFloat(type, a), *threshold, tolerances));
    if (!same) {
      return StrCat("element at index ", i, " (", ElementText(type, a),
                    ") does not match the expected (", ElementText(type, e), ")");
    }
  }
  return std::nullopt;
}

}  // namespace sinew::tools
