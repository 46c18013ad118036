// Tests for parsing buffer views: the grammar and contents rules of reference/TOOLS.md §4.1-4.2,
// element ranges, and every listed error message.
#include "runtime/hal/buffer_view_parse.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/hal/buffer_view_format.h"

namespace sinew::hal {
namespace {

// Parses `text` and prints it back, or returns the error.
std::string RoundTrip(std::string_view text) {
  auto view = ParseBufferView(text, sinew_allocator_system());
  if (!view.has_value()) return view.error().ToString();
  return FormatBufferView(**view);
}

// `CODE; message; annotations` of a failed parse (without the source location).
std::string ParseError(std::string_view text) {
  auto view = ParseBufferView(text, sinew_allocator_system());
  if (view.has_value()) return "parsed as " + FormatBufferView(**view);
  std::string full = view.error().ToString();
  return full.substr(full.find(StatusCodeName(view.error().code())));
}

TEST(BufferViewParseTest, CanonicalTextRoundTrips) {
  for (std::string_view text :
       {"3xi32=7 -1 0", "2x2xf32=[0.5 1][1.5 2]", "f64=2.5", "4xui8=0 128 200 255", "2xi1=01 00",
        "3xf32=INF -INF NAN", "2x2x2xi8=[[1 2][3 4]][[5 6][7 8]]", "0x4xi8=", "2x0xf32=[][]",
        "2x*16=0102 CDAB", "2xbf16=1 -5", "1xsi64=-9223372036854775808",
        "1xui64=18446744073709551615", "3xf8E4M3FN=1 448 NAN", "1xcf64=0000803F00000000"}) {
    EXPECT_EQ(RoundTrip(text), text);
  }
}

TEST(BufferViewParseTest, ShapeTypeAndContentsSplitting) {
  auto parsed = ParseBufferViewText(" \"2x3xf32 = 1 2\" ");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(parsed->shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(parsed->element_type, ElementType::kFloat32);
  ASSERT_TRUE(parsed->contents.has_value());
  EXPECT_EQ(*parsed->contents, "1 2");

  auto bare = ParseBufferViewText("i8");
  ASSERT_TRUE(bare.has_value());
  EXPECT_TRUE(bare->shape.empty());
  EXPECT_FALSE(bare->contents.has_value());

  auto file = ParseBufferViewText("4xf32=@in.bin");
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(*file->contents, "@in.bin");
}

TEST(BufferViewParseTest, ContentsSeparatorsAreDecoration) {
  EXPECT_EQ(RoundTrip("2x2xi32=1,2,,3 4"), "2x2xi32=[1 2][3 4]");
  EXPECT_EQ(RoundTrip("2x2xi32=]]1[2 ,[3]4["), "2x2xi32=[1 2][3 4]");
  EXPECT_EQ(RoundTrip("4xi8=\t1\n2 3 4 "), "4xi8=1 2 3 4");
}

TEST(BufferViewParseTest, NoTokensZeroFillsAndOneTokenBroadcasts) {
  EXPECT_EQ(RoundTrip("2x2xf32"), "2x2xf32=[0 0][0 0]");
  EXPECT_EQ(RoundTrip("3xi32="), "3xi32=0 0 0");
  EXPECT_EQ(RoundTrip("2x2xf32=1.5"), "2x2xf32=[1.5 1.5][1.5 1.5]");
  EXPECT_EQ(RoundTrip("3xi1=01"), "3xi1=01 01 01");
  EXPECT_EQ(RoundTrip("f32=1.5"), "f32=1.5");
}

TEST(BufferViewParseTest, ElementRanges) {
  EXPECT_EQ(RoundTrip("4xi8=0 128 200 255"), "4xi8=0 -128 -56 -1");
  EXPECT_EQ(RoundTrip("2xi8=-128 127"), "2xi8=-128 127");
  EXPECT_EQ(RoundTrip("2xsi8=-128 127"), "2xsi8=-128 127");
  EXPECT_EQ(RoundTrip("2xi16=65535 -32768"), "2xi16=-1 -32768");
  EXPECT_EQ(RoundTrip("1xi32=4294967295"), "1xi32=-1");
  EXPECT_EQ(RoundTrip("1xi64=18446744073709551615"), "1xi64=-1");
  EXPECT_EQ(ParseError("i8=256"),
            "INVALID_ARGUMENT; '256' is out of range for i8; parsing "
            "element 0 of 1 (i8)");
  EXPECT_EQ(ParseError("i8=-129"),
            "INVALID_ARGUMENT; '-129' is out of range for i8; parsing element 0 of 1 (i8)");
  EXPECT_EQ(ParseError("2xsi8=1 128"),
            "INVALID_ARGUMENT; '128' is out of range for si8; parsing element 1 of 2 (si8)");
  EXPECT_EQ(ParseError("ui8=-1"),
            "INVALID_ARGUMENT; '-1' is out of range for ui8; parsing element 0 of 1 (ui8)");
  EXPECT_EQ(ParseError("ui16=65536"),
            "INVALID_ARGUMENT; '65536' is out of range for ui16; parsing element 0 of 1 (ui16)");
  EXPECT_EQ(ParseError("si32=2147483648"),
            "INVALID_ARGUMENT; '2147483648' is out of range for si32; parsing element 0 of 1 "
            "(si32)");
}

TEST(BufferViewParseTest, FloatsNarrowToTheirType) {
  EXPECT_EQ(RoundTrip("3xf16=1 0.1 65520"), "3xf16=1 0.0999756 INF");
  EXPECT_EQ(RoundTrip("1xbf16=3.14159"), "1xbf16=3.14062");
  EXPECT_EQ(RoundTrip("2xf8E4M3FN=500 -inf"), "2xf8E4M3FN=NAN -NAN");
  EXPECT_EQ(RoundTrip("2xf64=1e300 nan"), "2xf64=1E+300 NAN");
}

TEST(BufferViewParseTest, OpaqueTypesTakeHex) {
  EXPECT_EQ(RoundTrip("2xx8=ab CD"), "2x*8=AB CD");
  EXPECT_EQ(RoundTrip("x16=0102"), "*16=0102");
}

TEST(BufferViewParseTest, EmptyInputIsAnError) {
  EXPECT_EQ(ParseError(""), "INVALID_ARGUMENT; empty string input");
  EXPECT_EQ(ParseError("   "), "INVALID_ARGUMENT; empty string input");
  EXPECT_EQ(ParseError("\"\""), "INVALID_ARGUMENT; empty string input");
}

TEST(BufferViewParseTest, BadDimensionIsAnError) {
  EXPECT_EQ(ParseError("4yxi32=1"), "INVALID_ARGUMENT; shape[0] invalid value '4y' of '4y'");
  EXPECT_EQ(ParseError("2x-1xf32"), "INVALID_ARGUMENT; shape[1] invalid value '-1' of '2x-1'");
  EXPECT_EQ(ParseError("2xx3xf32"), "INVALID_ARGUMENT; shape[1] invalid value '' of '2xx3'");
}

TEST(BufferViewParseTest, ExcessiveRankIsRefused) {
  std::string text;
  for (int i = 0; i < 129; ++i) text += "1x";
  text += "i8";
  EXPECT_EQ(ParseError(text),
            "RESOURCE_EXHAUSTED; shape rank 129 exceeds the limit of 128 dimensions, which is "
            "already excessive");
  std::string largest;
  for (int i = 0; i < 128; ++i) largest += "1x";
  largest += "i8=5";
  EXPECT_TRUE(ParseBufferView(largest, sinew_allocator_system()).has_value());
}

TEST(BufferViewParseTest, BadElementTypeIsAnError) {
  EXPECT_EQ(ParseError("4xq32=1"), "INVALID_ARGUMENT; unhandled element type prefix in 'q32'");
  EXPECT_EQ(ParseError("4xi512"), "INVALID_ARGUMENT; out of range bit count in 'i512'");
  EXPECT_EQ(ParseError("2x3"), "INVALID_ARGUMENT; unhandled element type prefix in '3'");
}

TEST(BufferViewParseTest, TokenCountMismatchIsAnError) {
  EXPECT_EQ(ParseError("2xi32=1 2 3"),
            "OUT_OF_RANGE; output data buffer overflow: element_capacity=2 < dst_i=2+");
  EXPECT_EQ(ParseError("3xi32=1 2"),
            "OUT_OF_RANGE; input data string underflow: dst_i=2 < element_capacity=3");
  EXPECT_EQ(ParseError("0xi32=1"),
            "OUT_OF_RANGE; output data buffer overflow: element_capacity=0 < dst_i=0+");
}

TEST(BufferViewParseTest, InvalidTokensNameTheTokenAndElement) {
  EXPECT_EQ(ParseError("3xi32=1 x 3"),
            "INVALID_ARGUMENT; 'x' is not a valid i32 value; parsing element 1 of 3 (i32)");
  EXPECT_EQ(ParseError("f32=1.5.5"),
            "INVALID_ARGUMENT; '1.5.5' is not a valid f32 value; parsing element 0 of 1 (f32)");
  EXPECT_EQ(ParseError("i32=+5"),
            "INVALID_ARGUMENT; '+5' is not a valid i32 value; parsing element 0 of 1 (i32)");
  EXPECT_EQ(ParseError("2x*16=01 0203"),
            "INVALID_ARGUMENT; binary hex element count mismatch: '01' has 2 hex digits but *16 "
            "elements take 4; parsing element 0 of 2 (*16)");
  EXPECT_EQ(ParseError("i1=1"),
            "INVALID_ARGUMENT; binary hex element count mismatch: '1' has 1 hex digits but i1 "
            "elements take 2; parsing element 0 of 1 (i1)");
  EXPECT_EQ(ParseError("i1=0g"),
            "INVALID_ARGUMENT; '0g' is not a valid i1 value; parsing element 0 of 1 (i1)");
}

}  // namespace
}  // namespace sinew::hal
