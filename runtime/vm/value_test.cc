// Tests for sinew_vm_value_convert: integer widths, float widths and numeric int<->float.
#include "runtime/vm/value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace {

sinew_vm_value_t MakeI8(int8_t v) {
  sinew_vm_value_t value;
  value.type = SINEW_VM_VALUE_TYPE_I8;
  value.i64 = 0;
  value.i8 = v;
  return value;
}

sinew_vm_value_t MakeI16(int16_t v) {
  sinew_vm_value_t value;
  value.type = SINEW_VM_VALUE_TYPE_I16;
  value.i64 = 0;
  value.i16 = v;
  return value;
}

sinew_vm_value_t Convert(sinew_vm_value_t value, sinew_vm_value_type_t type) {
  sinew_vm_value_t result = sinew_vm_value_convert(value, type);
  EXPECT_EQ(result.type, type);
  return result;
}

TEST(ValueConvertTest, SameTypeIsExact) {
  EXPECT_EQ(Convert(sinew_vm_value_make_i64(INT64_MIN), SINEW_VM_VALUE_TYPE_I64).i64, INT64_MIN);
  EXPECT_EQ(Convert(sinew_vm_value_make_f32(0.1f), SINEW_VM_VALUE_TYPE_F32).f32, 0.1f);
  EXPECT_EQ(Convert(MakeI8(-5), SINEW_VM_VALUE_TYPE_I8).i8, -5);
}

TEST(ValueConvertTest, WideningIntegersSignExtends) {
  EXPECT_EQ(Convert(MakeI8(-1), SINEW_VM_VALUE_TYPE_I64).i64, -1);
  EXPECT_EQ(Convert(MakeI8(-128), SINEW_VM_VALUE_TYPE_I16).i16, -128);
  EXPECT_EQ(Convert(MakeI16(-300), SINEW_VM_VALUE_TYPE_I32).i32, -300);
  EXPECT_EQ(Convert(sinew_vm_value_make_i32(INT32_MIN), SINEW_VM_VALUE_TYPE_I64).i64, INT32_MIN);
}

TEST(ValueConvertTest, NarrowingIntegersKeepsLowBits) {
  EXPECT_EQ(Convert(sinew_vm_value_make_i32(300), SINEW_VM_VALUE_TYPE_I8).i8, 44);
  EXPECT_EQ(Convert(sinew_vm_value_make_i32(200), SINEW_VM_VALUE_TYPE_I8).i8, -56);
  EXPECT_EQ(Convert(sinew_vm_value_make_i32(70000), SINEW_VM_VALUE_TYPE_I16).i16, 4464);
  EXPECT_EQ(Convert(sinew_vm_value_make_i64(0x100000005ll), SINEW_VM_VALUE_TYPE_I32).i32, 5);
}

TEST(ValueConvertTest, FloatWidthsUseCConversion) {
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(0.1), SINEW_VM_VALUE_TYPE_F32).f32, 0.1f);
  EXPECT_EQ(Convert(sinew_vm_value_make_f32(0.1f), SINEW_VM_VALUE_TYPE_F64).f64,
            static_cast<double>(0.1f));
  EXPECT_TRUE(std::isinf(Convert(sinew_vm_value_make_f64(1e300), SINEW_VM_VALUE_TYPE_F32).f32));
}

TEST(ValueConvertTest, IntegerToFloatConvertsNumerically) {
  EXPECT_EQ(Convert(sinew_vm_value_make_i32(-7), SINEW_VM_VALUE_TYPE_F32).f32, -7.0f);
  EXPECT_EQ(Convert(MakeI8(-128), SINEW_VM_VALUE_TYPE_F64).f64, -128.0);
  EXPECT_EQ(Convert(sinew_vm_value_make_i64(INT64_MAX), SINEW_VM_VALUE_TYPE_F64).f64, 0x1p63);
}

TEST(ValueConvertTest, FloatToIntegerTruncatesTowardZero) {
  EXPECT_EQ(Convert(sinew_vm_value_make_f32(2.9f), SINEW_VM_VALUE_TYPE_I32).i32, 2);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(-2.9), SINEW_VM_VALUE_TYPE_I64).i64, -2);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(-128.9), SINEW_VM_VALUE_TYPE_I8).i8, -128);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(0x1p62), SINEW_VM_VALUE_TYPE_I64).i64,
            int64_t{1} << 62);
}

TEST(ValueConvertTest, FloatToIntegerSaturatesInsteadOfOverflowing) {
  const double kNaN = std::numeric_limits<double>::quiet_NaN();
  const double kInf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(kNaN), SINEW_VM_VALUE_TYPE_I32).i32, 0);
  EXPECT_EQ(Convert(sinew_vm_value_make_f32(std::nanf("")), SINEW_VM_VALUE_TYPE_I64).i64, 0);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(300.0), SINEW_VM_VALUE_TYPE_I8).i8, 127);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(-kInf), SINEW_VM_VALUE_TYPE_I16).i16, INT16_MIN);
  EXPECT_EQ(Convert(sinew_vm_value_make_f32(3e9f), SINEW_VM_VALUE_TYPE_I32).i32, INT32_MAX);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(0x1p63), SINEW_VM_VALUE_TYPE_I64).i64, INT64_MAX);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(-0x1p63), SINEW_VM_VALUE_TYPE_I64).i64, INT64_MIN);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(-1e300), SINEW_VM_VALUE_TYPE_I64).i64, INT64_MIN);
  EXPECT_EQ(Convert(sinew_vm_value_make_f64(kInf), SINEW_VM_VALUE_TYPE_I64).i64, INT64_MAX);
}

TEST(ValueConvertTest, InvalidTargetTypeYieldsNone) {
  sinew_vm_value_t result =
      sinew_vm_value_convert(sinew_vm_value_make_i32(3), static_cast<sinew_vm_value_type_t>(7));
  EXPECT_EQ(result.type, SINEW_VM_VALUE_TYPE_NONE);
  EXPECT_EQ(result.i64, 0);
}

}  // namespace
