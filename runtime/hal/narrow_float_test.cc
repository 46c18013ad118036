// Tests for narrow float conversions: known encodings of each format, round-to-nearest-even,
// overflow to infinity or NaN, and exhaustive round trips of every non-NaN bit pattern.
#include "runtime/hal/narrow_float.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace sinew::hal {
namespace {

const NarrowFloatFormat& Format(ElementType type) { return *NarrowFloatFormatOf(type); }

uint32_t Narrow(ElementType type, float value) { return NarrowFromFloat(value, Format(type)); }
float Widen(ElementType type, uint32_t bits) { return WidenToFloat(bits, Format(type)); }

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNan = std::numeric_limits<float>::quiet_NaN();

TEST(NarrowFloatTest, Float16KnownValues) {
  EXPECT_EQ(Narrow(ElementType::kFloat16, 1.0f), 0x3C00u);
  EXPECT_EQ(Narrow(ElementType::kFloat16, -2.0f), 0xC000u);
  EXPECT_EQ(Narrow(ElementType::kFloat16, 0.1f), 0x2E66u);
  EXPECT_EQ(Narrow(ElementType::kFloat16, 65504.0f), 0x7BFFu);
  EXPECT_EQ(Narrow(ElementType::kFloat16, 65519.0f), 0x7BFFu) << "below the rounding midpoint";
  EXPECT_EQ(Narrow(ElementType::kFloat16, 65520.0f), 0x7C00u) << "rounds up to infinity";
  EXPECT_EQ(Narrow(ElementType::kFloat16, std::ldexp(1.0f, -24)), 0x0001u) << "subnormal";
  EXPECT_EQ(Narrow(ElementType::kFloat16, std::ldexp(1.0f, -26)), 0x0000u) << "underflow";
  EXPECT_EQ(Narrow(ElementType::kFloat16, -0.0f), 0x8000u);
  EXPECT_EQ(Narrow(ElementType::kFloat16, kInf), 0x7C00u);
  EXPECT_EQ(Narrow(ElementType::kFloat16, kNan), 0x7E00u);
  EXPECT_EQ(Widen(ElementType::kFloat16, 0x3555), 0.333251953125f);
  EXPECT_EQ(Widen(ElementType::kFloat16, 0xFC00), -kInf);
  EXPECT_TRUE(std::isnan(Widen(ElementType::kFloat16, 0x7E00)));
}

TEST(NarrowFloatTest, BFloat16RoundsToNearestEven) {
  EXPECT_EQ(Narrow(ElementType::kBFloat16, 1.0f), 0x3F80u);
  EXPECT_EQ(Narrow(ElementType::kBFloat16, 3.140625f), 0x4049u);
  EXPECT_EQ(Narrow(ElementType::kBFloat16, 1.0f + std::ldexp(1.0f, -8)), 0x3F80u) << "tie to even";
  EXPECT_EQ(Narrow(ElementType::kBFloat16, 1.0f + 3 * std::ldexp(1.0f, -8)), 0x3F82u);
  EXPECT_EQ(Widen(ElementType::kBFloat16, 0xC0A0), -5.0f);
}

TEST(NarrowFloatTest, Float8E4M3FNHasNoInfinity) {
  EXPECT_EQ(Narrow(ElementType::kFloat8E4M3FN, 1.0f), 0x38u);
  EXPECT_EQ(Narrow(ElementType::kFloat8E4M3FN, 448.0f), 0x7Eu);
  EXPECT_EQ(Narrow(ElementType::kFloat8E4M3FN, 464.0f), 0x7Eu) << "tie to even stays finite";
  EXPECT_EQ(Narrow(ElementType::kFloat8E4M3FN, 500.0f), 0x7Fu) << "overflow is NaN";
  EXPECT_EQ(Narrow(ElementType::kFloat8E4M3FN, -kInf), 0xFFu);
  EXPECT_TRUE(std::isnan(Widen(ElementType::kFloat8E4M3FN, 0x7F)));
  EXPECT_EQ(Widen(ElementType::kFloat8E4M3FN, 0x01), std::ldexp(1.0f, -9));
}

TEST(NarrowFloatTest, Float8E5M2IsIeeeLike) {
  EXPECT_EQ(Narrow(ElementType::kFloat8E5M2, 1.0f), 0x3Cu);
  EXPECT_EQ(Narrow(ElementType::kFloat8E5M2, 57344.0f), 0x7Bu);
  EXPECT_EQ(Narrow(ElementType::kFloat8E5M2, 1e6f), 0x7Cu);
  EXPECT_EQ(Widen(ElementType::kFloat8E5M2, 0xFC), -kInf);
}

TEST(NarrowFloatTest, FnuzFormatsHaveOneNanAndNoNegativeZero) {
  EXPECT_EQ(Narrow(ElementType::kFloat8E5M2FNUZ, 1.0f), 0x40u);
  EXPECT_EQ(Narrow(ElementType::kFloat8E4M3FNUZ, 1.0f), 0x40u);
  EXPECT_EQ(Narrow(ElementType::kFloat8E4M3FNUZ, 240.0f), 0x7Fu);
  EXPECT_EQ(Narrow(ElementType::kFloat8E4M3FNUZ, 1000.0f), 0x80u);
  EXPECT_EQ(Narrow(ElementType::kFloat8E5M2FNUZ, -0.0f), 0x00u);
  EXPECT_EQ(Narrow(ElementType::kFloat8E5M2FNUZ, kNan), 0x80u);
  EXPECT_TRUE(std::isnan(Widen(ElementType::kFloat8E5M2FNUZ, 0x80)));
}

TEST(NarrowFloatTest, Float8E8M0FNUIsPowersOfTwo) {
  EXPECT_EQ(Narrow(ElementType::kFloat8E8M0FNU, 1.0f), 0x7Fu);
  EXPECT_EQ(Narrow(ElementType::kFloat8E8M0FNU, 0.5f), 0x7Eu);
  EXPECT_EQ(Narrow(ElementType::kFloat8E8M0FNU, 3.0f), 0x81u) << "1.5 x 2 ties to 4";
  EXPECT_EQ(Narrow(ElementType::kFloat8E8M0FNU, -1.0f), 0xFFu) << "no sign: NaN";
  EXPECT_EQ(Narrow(ElementType::kFloat8E8M0FNU, 0.0f), 0x00u) << "no zero: the smallest value";
  EXPECT_EQ(Widen(ElementType::kFloat8E8M0FNU, 0x00), std::ldexp(1.0f, -127));
  EXPECT_EQ(Widen(ElementType::kFloat8E8M0FNU, 0xFE), std::ldexp(1.0f, 127));
  EXPECT_TRUE(std::isnan(Widen(ElementType::kFloat8E8M0FNU, 0xFF)));
}

TEST(NarrowFloatTest, EveryNonNanPatternRoundTrips) {
  struct Case {
    ElementType type;
    uint32_t patterns;
  };
  for (Case c : {Case{ElementType::kFloat16, 1u << 16}, Case{ElementType::kBFloat16, 1u << 16},
                 Case{ElementType::kFloat8E5M2, 256}, Case{ElementType::kFloat8E4M3FN, 256},
                 Case{ElementType::kFloat8E5M2FNUZ, 256}, Case{ElementType::kFloat8E4M3FNUZ, 256},
                 Case{ElementType::kFloat8E8M0FNU, 256}}) {
    for (uint32_t bits = 0; bits < c.patterns; ++bits) {
      float wide = Widen(c.type, bits);
      if (std::isnan(wide)) continue;
      ASSERT_EQ(Narrow(c.type, wide), bits)
          << "type 0x" << std::hex << static_cast<uint32_t>(c.type) << " bits 0x" << bits;
    }
  }
}

TEST(NarrowFloatTest, OtherTypesHaveNoNarrowFormat) {
  EXPECT_EQ(NarrowFloatFormatOf(ElementType::kFloat32), nullptr);
  EXPECT_EQ(NarrowFloatFormatOf(ElementType::kInt8), nullptr);
}

}  // namespace
}  // namespace sinew::hal
