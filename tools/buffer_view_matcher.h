// Comparing a result buffer view with an expected one for --expected_output
// (reference/TOOLS.md §2.9): shape and element type exactly, then elements, approximately for
// f16/bf16/f32/f64 and byte for byte for everything else or in exact mode.
#ifndef SINEW_TOOLS_BUFFER_VIEW_MATCHER_H_
#define SINEW_TOOLS_BUFFER_VIEW_MATCHER_H_

#include <optional>
#include <string>
#include <string_view>

#include "runtime/base/status.h"
#include "runtime/hal/buffer_view.h"

namespace sinew::tools {

enum class EqualityMode { kApproximate, kExact };
// `approximate` or `exact` (--equality_mode=); anything else is INVALID_ARGUMENT.
StatusOr<EqualityMode> ParseEqualityMode(std::string_view text);

// Floats match when bitwise equal, both NaN, or the expected value is finite and
// |actual - expected| <= threshold + rtol * |expected|, with the threshold of their type.
struct Tolerances {
  EqualityMode mode = EqualityMode::kApproximate;
  double f16_threshold = 0.001;
  double bf16_threshold = 0.01;
  double f32_threshold = 0.0001;
  double f64_threshold = 0.0001;
  double rtol = 1e-5;
};

// Whether scalars `actual` and `expected` of one float type (`f32` or `f64`) match.
bool FloatsMatch(double expected, double actual, double threshold, const Tolerances& tolerances);

// Nothing when the views match; otherwise why not, as `metadata is 4xi32; expected that the
// view matches 4xf32` or `element at index K (<actual>) does not match the expected
// (<expected>)` with K the flat row-major index.
std::optional<std::string> MatchBufferView(const hal::BufferView& expected,
                                           const hal::BufferView& actual,
                                           const Tolerances& tolerances);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_BUFFER_VIEW_MATCHER_H_
