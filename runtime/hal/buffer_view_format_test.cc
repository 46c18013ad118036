// Tests for printing buffer views: every example of reference/TOOLS.md §4.3, ranks 0/1/>=2,
// zero-sized dimensions, %G floats including narrow-float widening, hex types and elision.
#include "runtime/hal/buffer_view_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace sinew::hal {
namespace {

template <typename T>
vm::ref<BufferView> MakeView(ElementType type, std::vector<int64_t> shape, std::vector<T> values) {
  auto view = BufferView::Allocate(type, shape, sinew_allocator_system());
  EXPECT_TRUE(view.has_value()) << view.error().ToString();
  auto bytes = (*view)->MapWritable();
  EXPECT_EQ(bytes->size(), values.size() * sizeof(T));
  if (!values.empty()) std::memcpy(bytes->data(), values.data(), bytes->size());
  return *view;
}

std::string Format(const vm::ref<BufferView>& view, uint64_t budget = kDefaultMaxElementCount) {
  return FormatBufferView(*view, budget);
}

TEST(BufferViewFormatTest, ReferenceTableExamples) {
  EXPECT_EQ(Format(MakeView<int32_t>(ElementType::kInt32, {3}, {7, -1, 0})), "3xi32=7 -1 0");
  EXPECT_EQ(Format(MakeView<float>(ElementType::kFloat32, {2, 2}, {0.5f, 1, 1.5f, 2})),
            "2x2xf32=[0.5 1][1.5 2]");
  EXPECT_EQ(Format(MakeView<double>(ElementType::kFloat64, {}, {2.5})), "f64=2.5");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kUint8, {4}, {0, 128, 200, 255})),
            "4xui8=0 128 200 255");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kInt8, {4}, {0, 128, 200, 255})),
            "4xi8=0 -128 -56 -1");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kBool, {2}, {1, 0})), "2xi1=01 00");
  constexpr float kInf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(Format(MakeView<float>(ElementType::kFloat32, {3},
                                   {kInf, -kInf, std::numeric_limits<float>::quiet_NaN()})),
            "3xf32=INF -INF NAN");
  auto six = MakeView<int32_t>(ElementType::kInt32, {2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_EQ(Format(six, 4), "2x3xi32=[1 2 3][4...]");
  EXPECT_EQ(Format(six, 2), "2x3xi32=[1 2...][...]");
  EXPECT_EQ(Format(MakeView<int8_t>(ElementType::kInt8, {5}, {0, 1, 2, 3, 4})), "5xi8=0 1 2 3 4");
}

TEST(BufferViewFormatTest, HigherRanksNestBracketsWithoutSpaces) {
  EXPECT_EQ(Format(MakeView<int8_t>(ElementType::kInt8, {2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8})),
            "2x2x2xi8=[[1 2][3 4]][[5 6][7 8]]");
  EXPECT_EQ(Format(MakeView<int8_t>(ElementType::kInt8, {1, 1, 1, 1}, {9})), "1x1x1x1xi8=[[[9]]]");
}

TEST(BufferViewFormatTest, ZeroSizedDimensions) {
  EXPECT_EQ(Format(MakeView<int8_t>(ElementType::kInt8, {0, 4}, {})), "0x4xi8=");
  EXPECT_EQ(Format(MakeView<float>(ElementType::kFloat32, {2, 0}, {})), "2x0xf32=[][]");
  EXPECT_EQ(Format(MakeView<float>(ElementType::kFloat32, {0}, {})), "0xf32=");
}

TEST(BufferViewFormatTest, FloatsUseUppercaseG) {
  EXPECT_EQ(Format(MakeView<float>(ElementType::kFloat32, {3}, {0.1f, 1e10f, 123456789.0f})),
            "3xf32=0.1 1E+10 1.23457E+08");
  EXPECT_EQ(Format(MakeView<double>(ElementType::kFloat64, {2}, {-0.0, 1e-300})),
            "2xf64=-0 1E-300");
  EXPECT_EQ(Format(MakeView<float>(ElementType::kFloat32, {1},
                                   {-std::numeric_limits<float>::quiet_NaN()})),
            "1xf32=-NAN");
}

TEST(BufferViewFormatTest, NarrowFloatsAreWidenedToF32) {
  EXPECT_EQ(Format(MakeView<uint16_t>(ElementType::kFloat16, {3}, {0x3C00, 0x3555, 0x7C00})),
            "3xf16=1 0.333252 INF");
  EXPECT_EQ(Format(MakeView<uint16_t>(ElementType::kBFloat16, {2}, {0x3F80, 0xC0A0})),
            "2xbf16=1 -5");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kFloat8E4M3FN, {3}, {0x38, 0x7E, 0x7F})),
            "3xf8E4M3FN=1 448 NAN");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kFloat8E5M2, {1}, {0xC0})), "1xf8E5M2=-2");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kFloat8E5M2FNUZ, {1}, {0x40})), "1xf8E5M2FNUZ=1");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kFloat8E4M3FNUZ, {1}, {0x80})),
            "1xf8E4M3FNUZ=NAN");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kFloat8E8M0FNU, {2}, {0x7F, 0x80})),
            "2xf8E8M0FNU=1 2");
}

TEST(BufferViewFormatTest, IntegersPrintInTheirSignedness) {
  EXPECT_EQ(Format(MakeView<int64_t>(ElementType::kSint64, {2},
                                     {std::numeric_limits<int64_t>::min(), 5})),
            "2xsi64=-9223372036854775808 5");
  EXPECT_EQ(
      Format(MakeView<uint64_t>(ElementType::kUint64, {1}, {std::numeric_limits<uint64_t>::max()})),
      "1xui64=18446744073709551615");
  EXPECT_EQ(Format(MakeView<uint16_t>(ElementType::kInt16, {1}, {0xFFFF})), "1xi16=-1");
  EXPECT_EQ(Format(MakeView<uint16_t>(ElementType::kUint16, {1}, {0xFFFF})), "1xui16=65535");
}

TEST(BufferViewFormatTest, OtherTypesPrintUppercaseHexInMemoryOrder) {
  EXPECT_EQ(Format(MakeView<uint16_t>(ElementType::kOpaque16, {2}, {0x0201, 0xABCD})),
            "2x*16=0102 CDAB");
  EXPECT_EQ(Format(MakeView<float>(ElementType::kComplexFloat64, {1}, {1.0f, 0.0f})),
            "1xcf64=0000803F00000000");
  EXPECT_EQ(Format(MakeView<uint8_t>(ElementType::kInt4, {2}, {0x0F, 0x03})), "2xi4=0F 03");
}

TEST(BufferViewFormatTest, BudgetIsSharedByAllRows) {
  auto view = MakeView<int8_t>(ElementType::kInt8, {2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  EXPECT_EQ(Format(view, 3), "2x2x2xi8=[[1 2][3...]][[...][...]]");
  EXPECT_EQ(Format(view, 0), "2x2x2xi8=[[...][...]][[...][...]]");
  EXPECT_EQ(Format(MakeView<int32_t>(ElementType::kInt32, {3}, {1, 2, 3}), 3), "3xi32=1 2 3");
  EXPECT_EQ(Format(MakeView<float>(ElementType::kFloat32, {}, {2.5f}), 0), "f32=...");
}

TEST(BufferViewFormatTest, ShapeAndTypeText) {
  std::vector<int64_t> shape = {2, 3};
  EXPECT_EQ(FormatShapeAndType(shape, ElementType::kFloat32), "2x3xf32");
  EXPECT_EQ(FormatShapeAndType({}, ElementType::kInt8), "i8");
}

}  // namespace
}  // namespace sinew::hal
