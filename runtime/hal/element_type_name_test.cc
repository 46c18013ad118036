// Tests for element types: every name of reference/TOOLS.md §4.1 maps to IREE's numeric value
// and prints back the same, and bad names fail with the listed messages.
#include "runtime/hal/element_type_name.h"

#include <gtest/gtest.h>

#include <string>

namespace sinew::hal {
namespace {

struct NamedValue {
  std::string_view name;
  uint32_t value;
};

constexpr NamedValue kNamedValues[] = {
    {"i1", 0x13000001},        {"i4", 0x10000004},         {"i8", 0x10000008},
    {"i16", 0x10000010},       {"i32", 0x10000020},        {"i64", 0x10000040},
    {"si8", 0x11000008},       {"si16", 0x11000010},       {"si32", 0x11000020},
    {"si64", 0x11000040},      {"ui8", 0x12000008},        {"ui16", 0x12000010},
    {"ui32", 0x12000020},      {"ui64", 0x12000040},       {"f16", 0x21000010},
    {"f32", 0x21000020},       {"f64", 0x21000040},        {"bf16", 0x22000010},
    {"cf64", 0x23000040},      {"cf128", 0x23000080},      {"f8E5M2", 0x24000008},
    {"f8E4M3FN", 0x25000008},  {"f8E5M2FNUZ", 0x26000008}, {"f8E4M3FNUZ", 0x27000008},
    {"f8E8M0FNU", 0x28000008}, {"*8", 0x00000008},         {"*16", 0x00000010},
    {"*32", 0x00000020},       {"*64", 0x00000040},
};

TEST(ElementTypeNameTest, EveryNameParsesToIreesEncodingAndPrintsBack) {
  for (const NamedValue& named : kNamedValues) {
    auto type = ParseElementType(named.name);
    ASSERT_TRUE(type.has_value()) << named.name << ": " << type.error().ToString();
    EXPECT_EQ(static_cast<uint32_t>(*type), named.value) << named.name;
    EXPECT_EQ(ElementTypeName(*type), named.name);
  }
}

TEST(ElementTypeNameTest, ConstantsMatchTheirNames) {
  EXPECT_EQ(static_cast<uint32_t>(ElementType::kInt8), 0x10000008u);
  EXPECT_EQ(static_cast<uint32_t>(ElementType::kSint32), 0x11000020u);
  EXPECT_EQ(static_cast<uint32_t>(ElementType::kUint8), 0x12000008u);
  EXPECT_EQ(static_cast<uint32_t>(ElementType::kFloat32), 0x21000020u);
  EXPECT_EQ(static_cast<uint32_t>(ElementType::kBFloat16), 0x22000010u);
  EXPECT_EQ(static_cast<uint32_t>(ElementType::kBool), 0x13000001u);
  EXPECT_EQ(ElementByteSize(ElementType::kBool), 1u);
  EXPECT_EQ(ElementByteSize(ElementType::kComplexFloat128), 16u);
}

TEST(ElementTypeNameTest, OpaqueTypesAlsoParseWithAnX) {
  auto type = ParseElementType("x16");
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(*type, ElementType::kOpaque16);
  EXPECT_EQ(ElementTypeName(*type), "*16");
}

TEST(ElementTypeNameTest, OddBitCountsOfKnownKindsParse) {
  auto type = ParseElementType("f24");
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(static_cast<uint32_t>(*type), 0x21000018u);
  EXPECT_EQ(ElementByteSize(*type), 3u);
}

TEST(ElementTypeNameTest, UnknownPrefixIsAnError) {
  for (std::string_view name : {"q32", "", "F32", "u8", "s8", "8"}) {
    auto type = ParseElementType(name);
    ASSERT_FALSE(type.has_value()) << name;
    EXPECT_EQ(type.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(type.error().message(),
              std::string("unhandled element type prefix in '") + std::string(name) + "'");
  }
}

TEST(ElementTypeNameTest, BadBitCountIsAnError) {
  for (std::string_view name : {"i0", "i256", "i", "f3x", "si-8", "*", "f8E5M3"}) {
    auto type = ParseElementType(name);
    ASSERT_FALSE(type.has_value()) << name;
    EXPECT_EQ(type.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(type.error().message(),
              std::string("out of range bit count in '") + std::string(name) + "'");
  }
}

TEST(ElementTypeNameTest, UnknownEncodingsPrintAsHex) {
  EXPECT_EQ(ElementTypeName(static_cast<ElementType>(0x99000020)), "0x99000020");
  EXPECT_EQ(ElementTypeName(static_cast<ElementType>(0x10000000)), "0x10000000");
  EXPECT_FALSE(IsKnownElementType(static_cast<ElementType>(0x10000120)));
  EXPECT_EQ(ElementTypeName(static_cast<ElementType>(0x13000008)), "0x13000008")
      << "only the 1-bit boolean has a name (i1); i8 is the signless integer";
}

}  // namespace
}  // namespace sinew::hal
