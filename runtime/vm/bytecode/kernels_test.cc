// Tests for the instruction kernels: every K row of op_table.def has a kernel with the row's
// signature (checked at compile time), and each kernel reproduces the values VM_OPS.md states,
// including NaN, infinity, -0 and out-of-range edge cases.
#include "runtime/vm/bytecode/kernels.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <type_traits>

#include "runtime/vm/bytecode/op_table.h"

namespace sinew::vm::bytecode::kernels {
namespace {

// --- Every K row has a kernel of the right type -----------------------------------------------
//
// op_table.def is expanded once; each K row asserts that kernels::Name exists and has exactly the
// function type its operand kinds call for. A missing kernel fails to compile here.
namespace signature_check {

using enum OperandKind;

template <OperandKind kKind>
struct InputType;  // Defined for the kinds a kernel takes as arguments only.
template <>
struct InputType<I32> : std::type_identity<int32_t> {};
template <>
struct InputType<I64> : std::type_identity<int64_t> {};
template <>
struct InputType<F32> : std::type_identity<float> {};
template <>
struct InputType<F64> : std::type_identity<double> {};
template <>
struct InputType<IMM32> : std::type_identity<int32_t> {};
template <>
struct InputType<IMM64> : std::type_identity<int64_t> {};
template <>
struct InputType<IMMF32> : std::type_identity<float> {};
template <>
struct InputType<IMMF64> : std::type_identity<double> {};

template <OperandKind kKind>
struct ResultType;  // Defined for the kinds a kernel returns only.
template <>
struct ResultType<OI32> : std::type_identity<int32_t> {};
template <>
struct ResultType<OI64> : std::type_identity<int64_t> {};
template <>
struct ResultType<OF32> : std::type_identity<float> {};
template <>
struct ResultType<OF64> : std::type_identity<double> {};

template <typename... Args>
struct ArgList {};

// Function type for a row's operand kinds: inputs become arguments, the last kind the result.
template <typename Args, OperandKind... kKinds>
struct KernelType;
template <typename... Args, OperandKind kResult>
struct KernelType<ArgList<Args...>, kResult>
    : std::type_identity<typename ResultType<kResult>::type(Args...)> {};
template <typename... Args, OperandKind kFirst, OperandKind kSecond, OperandKind... kRest>
struct KernelType<ArgList<Args...>, kFirst, kSecond, kRest...>
    : KernelType<ArgList<Args..., typename InputType<kFirst>::type>, kSecond, kRest...> {};

#define SINEW_UNPARENTHESIZE(...) __VA_ARGS__
#define SINEW_CHECK_KERNEL_K(name, operands)                                                \
  static_assert(std::is_same_v<decltype(kernels::name),                                     \
                               KernelType<ArgList<>, SINEW_UNPARENTHESIZE operands>::type>, \
                "kernels::" #name " does not match its op_table.def operands");
#define SINEW_CHECK_KERNEL_H(name, operands)
#define OP(name, mnemonic, extension, shape, execution, operands) \
  SINEW_CHECK_KERNEL_##execution(name, operands)
#include "runtime/vm/bytecode/op_table.def"
#undef OP
#undef SINEW_CHECK_KERNEL_H
#undef SINEW_CHECK_KERNEL_K
#undef SINEW_UNPARENTHESIZE

}  // namespace signature_check

constexpr int32_t kI32Min = std::numeric_limits<int32_t>::min();
constexpr int32_t kI32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kI64Min = std::numeric_limits<int64_t>::min();
constexpr int64_t kI64Max = std::numeric_limits<int64_t>::max();
constexpr float kInfF = std::numeric_limits<float>::infinity();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr float kNanF = std::numeric_limits<float>::quiet_NaN();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

uint32_t Bits(float value) { return std::bit_cast<uint32_t>(value); }
uint64_t Bits(double value) { return std::bit_cast<uint64_t>(value); }
float F32FromBits(uint32_t bits) { return std::bit_cast<float>(bits); }
double F64FromBits(uint64_t bits) { return std::bit_cast<double>(bits); }

// NaNs with payloads, to check that values are moved as bits.
const float kPayloadNanF = F32FromBits(0x7FC12345u);
const float kNegativeNanF = F32FromBits(0xFFC00001u);
const double kPayloadNan = F64FromBits(0x7FF8000012345678u);
const double kNegativeNan = F64FromBits(0xFFF8000000000001u);

// --- Constants and select ---------------------------------------------------------------------

TEST(KernelConstTest, ZeroConstantsAreAllBitsZero) {
  EXPECT_EQ(ConstI32Zero(), 0);
  EXPECT_EQ(ConstI64Zero(), 0);
  EXPECT_EQ(Bits(ConstF32Zero()), 0u);
  EXPECT_EQ(Bits(ConstF64Zero()), 0u);
}

TEST(KernelConstTest, ConstantsReturnTheImmediateBits) {
  EXPECT_EQ(ConstI32(-7), -7);
  EXPECT_EQ(ConstI64(-9000000000), -9000000000);
  EXPECT_EQ(ConstF32(1.5f), 1.5f);
  EXPECT_EQ(ConstF64(-2.25), -2.25);
  EXPECT_EQ(Bits(ConstF32(kPayloadNanF)), 0x7FC12345u);
  EXPECT_EQ(Bits(ConstF64(kPayloadNan)), 0x7FF8000012345678u);
}

TEST(KernelSelectTest, AnyNonZeroConditionPicksTheFirstValue) {
  EXPECT_EQ(SelectI32(1, 10, 20), 10);
  EXPECT_EQ(SelectI32(-1, 10, 20), 10);
  EXPECT_EQ(SelectI32(kI32Min, 10, 20), 10);
  EXPECT_EQ(SelectI32(0, 10, 20), 20);
  EXPECT_EQ(SelectI64(2, kI64Max, kI64Min), kI64Max);
  EXPECT_EQ(SelectI64(0, kI64Max, kI64Min), kI64Min);
  EXPECT_EQ(SelectF32(5, 1.0f, 2.0f), 1.0f);
  EXPECT_EQ(SelectF32(0, 1.0f, 2.0f), 2.0f);
  EXPECT_EQ(SelectF64(5, 1.0, 2.0), 1.0);
  EXPECT_EQ(SelectF64(0, 1.0, 2.0), 2.0);
}

TEST(KernelSelectTest, FloatSelectCopiesNanPayloadsAndZeroSigns) {
  EXPECT_EQ(Bits(SelectF32(1, kPayloadNanF, 0.0f)), 0x7FC12345u);
  EXPECT_EQ(Bits(SelectF32(0, 0.0f, kNegativeNanF)), 0xFFC00001u);
  EXPECT_EQ(Bits(SelectF32(0, 0.0f, -0.0f)), 0x80000000u);
  EXPECT_EQ(Bits(SelectF64(1, kPayloadNan, 0.0)), 0x7FF8000012345678u);
  EXPECT_EQ(Bits(SelectF64(0, 0.0, kNegativeNan)), 0xFFF8000000000001u);
}

// --- Integer arithmetic -----------------------------------------------------------------------

TEST(KernelIntegerTest, AddSubMulWrapAround) {
  EXPECT_EQ(AddI32(2, 3), 5);
  EXPECT_EQ(AddI32(kI32Max, 1), kI32Min);
  EXPECT_EQ(SubI32(kI32Min, 1), kI32Max);
  EXPECT_EQ(SubI32(3, 5), -2);
  EXPECT_EQ(MulI32(65536, 65536), 0);
  EXPECT_EQ(MulI32(-3, 7), -21);
  EXPECT_EQ(MulI32(kI32Min, -1), kI32Min);
  EXPECT_EQ(AddI64(kI64Max, 1), kI64Min);
  EXPECT_EQ(SubI64(kI64Min, 1), kI64Max);
  EXPECT_EQ(MulI64(int64_t{1} << 32, int64_t{1} << 32), 0);
  EXPECT_EQ(MulI64(kI64Min, -1), kI64Min);
  EXPECT_EQ(MulI64(-3, 7), -21);
}

TEST(KernelIntegerTest, FmaWrapsTheProductBeforeTheAdd) {
  EXPECT_EQ(FmaI32(65536, 65536, 5), 5);
  EXPECT_EQ(FmaI32(3, 4, -2), 10);
  EXPECT_EQ(FmaI32(kI32Max, 2, 2), 0);
  EXPECT_EQ(FmaI64(int64_t{1} << 32, int64_t{1} << 32, 5), 5);
  EXPECT_EQ(FmaI64(3, 4, -2), 10);
  EXPECT_EQ(FmaI64(kI64Max, 2, 2), 0);
}

TEST(KernelIntegerTest, AbsOfMinimumWraps) {
  EXPECT_EQ(AbsI32(-5), 5);
  EXPECT_EQ(AbsI32(5), 5);
  EXPECT_EQ(AbsI32(0), 0);
  EXPECT_EQ(AbsI32(kI32Min), kI32Min);
  EXPECT_EQ(AbsI32(kI32Min + 1), kI32Max);
  EXPECT_EQ(AbsI64(-5), 5);
  EXPECT_EQ(AbsI64(kI64Min), kI64Min);
  EXPECT_EQ(AbsI64(kI64Min + 1), kI64Max);
}

TEST(KernelIntegerTest, MinMaxCompareSignedOrUnsigned) {
  EXPECT_EQ(MinI32S(-1, 1), -1);
  EXPECT_EQ(MaxI32S(-1, 1), 1);
  EXPECT_EQ(MinI32U(-1, 1), 1);
  EXPECT_EQ(MaxI32U(-1, 1), -1);
  EXPECT_EQ(MinI32S(kI32Min, kI32Max), kI32Min);
  EXPECT_EQ(MaxI32U(kI32Min, kI32Max), kI32Min);
  EXPECT_EQ(MinI64S(-1, 1), -1);
  EXPECT_EQ(MaxI64S(-1, 1), 1);
  EXPECT_EQ(MinI64U(-1, 1), 1);
  EXPECT_EQ(MaxI64U(-1, 1), -1);
  EXPECT_EQ(MinI64U(kI64Min, kI64Max), kI64Max);
}

TEST(KernelIntegerTest, BitwiseOperations) {
  EXPECT_EQ(NotI32(0), -1);
  EXPECT_EQ(NotI32(0x0F0F0F0F), static_cast<int32_t>(0xF0F0F0F0u));
  EXPECT_EQ(AndI32(0b1100, 0b1010), 0b1000);
  EXPECT_EQ(OrI32(0b1100, 0b1010), 0b1110);
  EXPECT_EQ(XorI32(0b1100, 0b1010), 0b0110);
  EXPECT_EQ(NotI64(0), -1);
  EXPECT_EQ(AndI64(-1, 0x123456789), 0x123456789);
  EXPECT_EQ(OrI64(int64_t{1} << 40, 1), (int64_t{1} << 40) + 1);
  EXPECT_EQ(XorI64(-1, kI64Max), kI64Min);
}

TEST(KernelIntegerTest, CtlzCountsLeadingZerosOfZeroAsTheWidth) {
  EXPECT_EQ(CtlzI32(0), 32);
  EXPECT_EQ(CtlzI32(-1), 0);
  EXPECT_EQ(CtlzI32(1), 31);
  EXPECT_EQ(CtlzI32(0x00010000), 15);
  EXPECT_EQ(CtlzI64(0), 64);
  EXPECT_EQ(CtlzI64(-1), 0);
  EXPECT_EQ(CtlzI64(1), 63);
  EXPECT_EQ(CtlzI64(int64_t{1} << 40), 23);
}

// --- Checked division and remainder -----------------------------------------------------------

TEST(KernelDivisionTest, SignedDivisionTruncatesTowardZero) {
  int32_t q32 = 0;
  ASSERT_TRUE(TryDivI32S(-7, 2, &q32));
  EXPECT_EQ(q32, -3);
  ASSERT_TRUE(TryDivI32S(7, -2, &q32));
  EXPECT_EQ(q32, -3);
  ASSERT_TRUE(TryDivI32S(kI32Min, 2, &q32));
  EXPECT_EQ(q32, kI32Min / 2);
  int64_t q64 = 0;
  ASSERT_TRUE(TryDivI64S(-7, 2, &q64));
  EXPECT_EQ(q64, -3);
  ASSERT_TRUE(TryDivI64S(-9000000000, 3, &q64));
  EXPECT_EQ(q64, -3000000000);
}

TEST(KernelDivisionTest, SignedRemainderFollowsTheDividend) {
  int32_t r32 = 0;
  ASSERT_TRUE(TryRemI32S(-7, 3, &r32));
  EXPECT_EQ(r32, -1);
  ASSERT_TRUE(TryRemI32S(7, -3, &r32));
  EXPECT_EQ(r32, 1);
  int64_t r64 = 0;
  ASSERT_TRUE(TryRemI64S(-7, 3, &r64));
  EXPECT_EQ(r64, -1);
  ASSERT_TRUE(TryRemI64S(7, -3, &r64));
  EXPECT_EQ(r64, 1);
}

TEST(KernelDivisionTest, UnsignedDivisionAndRemainderUseTheBitPatterns) {
  int32_t r32 = 0;
  ASSERT_TRUE(TryRemI32U(-7, 3, &r32));
  EXPECT_EQ(r32, 0);
  ASSERT_TRUE(TryDivI32U(-1, 2, &r32));
  EXPECT_EQ(r32, kI32Max);
  ASSERT_TRUE(TryDivI32U(-7, 2, &r32));
  EXPECT_EQ(r32, 0x7FFFFFFC);
  int64_t r64 = 0;
  ASSERT_TRUE(TryRemI64U(-7, 2, &r64));
  EXPECT_EQ(r64, 1);
  ASSERT_TRUE(TryDivI64U(-1, 2, &r64));
  EXPECT_EQ(r64, kI64Max);
}

TEST(KernelDivisionTest, DivisionByZeroFailsAndLeavesTheOutputAlone) {
  int32_t out32 = 42;
  EXPECT_FALSE(TryDivI32S(1, 0, &out32));
  EXPECT_FALSE(TryDivI32U(1, 0, &out32));
  EXPECT_FALSE(TryRemI32S(1, 0, &out32));
  EXPECT_FALSE(TryRemI32U(1, 0, &out32));
  EXPECT_FALSE(TryDivI32S(kI32Min, 0, &out32));
  EXPECT_EQ(out32, 42);
  int64_t out64 = 42;
  EXPECT_FALSE(TryDivI64S(1, 0, &out64));
  EXPECT_FALSE(TryDivI64U(1, 0, &out64));
  EXPECT_FALSE(TryRemI64S(1, 0, &out64));
  EXPECT_FALSE(TryRemI64U(1, 0, &out64));
  EXPECT_EQ(out64, 42);
}

TEST(KernelDivisionTest, MinimumByMinusOneWrapsWithZeroRemainder) {
  int32_t out32 = 0;
  ASSERT_TRUE(TryDivI32S(kI32Min, -1, &out32));
  EXPECT_EQ(out32, kI32Min);
  ASSERT_TRUE(TryRemI32S(kI32Min, -1, &out32));
  EXPECT_EQ(out32, 0);
  ASSERT_TRUE(TryDivI32S(5, -1, &out32));
  EXPECT_EQ(out32, -5);
  ASSERT_TRUE(TryRemI32S(5, -1, &out32));
  EXPECT_EQ(out32, 0);
  int64_t out64 = 0;
  ASSERT_TRUE(TryDivI64S(kI64Min, -1, &out64));
  EXPECT_EQ(out64, kI64Min);
  ASSERT_TRUE(TryRemI64S(kI64Min, -1, &out64));
  EXPECT_EQ(out64, 0);
}

// --- Shifts -----------------------------------------------------------------------------------

TEST(KernelShiftTest, ThirtyTwoBitShiftsUseTheLowFiveBitsOfTheAmount) {
  EXPECT_EQ(ShlI32(1, 4), 16);
  EXPECT_EQ(ShlI32(1, 31), kI32Min);
  EXPECT_EQ(ShlI32(3, 32), 3);
  EXPECT_EQ(ShlI32(3, 33), 6);
  EXPECT_EQ(ShlI32(1, -1), kI32Min);
  EXPECT_EQ(ShlI32(-1, 4), -16);
  EXPECT_EQ(ShrI32S(-16, 2), -4);
  EXPECT_EQ(ShrI32S(kI32Min, 31), -1);
  EXPECT_EQ(ShrI32S(kI32Min, 32), kI32Min);
  EXPECT_EQ(ShrI32U(-16, 2), 0x3FFFFFFC);
  EXPECT_EQ(ShrI32U(kI32Min, 31), 1);
  EXPECT_EQ(ShrI32U(-1, -1), 1);
}

TEST(KernelShiftTest, SixtyFourBitShiftsUseTheLowSixBitsOfTheAmount) {
  EXPECT_EQ(ShlI64(1, 40), int64_t{1} << 40);
  EXPECT_EQ(ShlI64(1, 63), kI64Min);
  EXPECT_EQ(ShlI64(3, 64), 3);
  EXPECT_EQ(ShlI64(3, 65), 6);
  EXPECT_EQ(ShlI64(1, -1), kI64Min);
  EXPECT_EQ(ShrI64S(-16, 2), -4);
  EXPECT_EQ(ShrI64S(kI64Min, 63), -1);
  EXPECT_EQ(ShrI64S(kI64Min, 64), kI64Min);
  EXPECT_EQ(ShrI64U(-16, 2), 0x3FFFFFFFFFFFFFFC);
  EXPECT_EQ(ShrI64U(kI64Min, 63), 1);
  EXPECT_EQ(ShrI64U(-1, -1), 1);
  EXPECT_EQ(ShrI64U(-1, 32), 0xFFFFFFFF);
}

// --- Floating-point arithmetic ----------------------------------------------------------------

TEST(KernelFloatTest, BasicArithmeticIsIeee) {
  EXPECT_EQ(AddF32(0.5f, 0.25f), 0.75f);
  EXPECT_EQ(SubF32(0.5f, 0.25f), 0.25f);
  EXPECT_EQ(MulF32(1.5f, -2.0f), -3.0f);
  EXPECT_EQ(DivF32(1.0f, 4.0f), 0.25f);
  EXPECT_EQ(AddF32(1.0f, 0x1p-24f), 1.0f);  // Ties to even.
  EXPECT_EQ(AddF64(0.5, 0.25), 0.75);
  EXPECT_EQ(SubF64(0.5, 0.25), 0.25);
  EXPECT_EQ(MulF64(1.5, -2.0), -3.0);
  EXPECT_EQ(DivF64(1.0, 4.0), 0.25);
  EXPECT_EQ(AddF64(1.0, 0x1p-53), 1.0);
}

TEST(KernelFloatTest, DivisionByZeroGivesInfinityOrNan) {
  EXPECT_EQ(DivF32(1.0f, 0.0f), kInfF);
  EXPECT_EQ(DivF32(1.0f, -0.0f), -kInfF);
  EXPECT_TRUE(std::isnan(DivF32(0.0f, 0.0f)));
  EXPECT_EQ(DivF64(-1.0, 0.0), -kInf);
  EXPECT_TRUE(std::isnan(DivF64(0.0, 0.0)));
}

TEST(KernelFloatTest, RemIsIeeeRemainderNotFmod) {
  EXPECT_EQ(RemF32(5.0f, 3.0f), -1.0f);
  EXPECT_EQ(RemF32(-5.0f, 3.0f), 1.0f);
  EXPECT_EQ(RemF32(5.5f, 2.0f), -0.5f);
  EXPECT_TRUE(std::isnan(RemF32(1.0f, 0.0f)));
  EXPECT_TRUE(std::isnan(RemF32(kInfF, 3.0f)));
  EXPECT_EQ(RemF64(5.0, 3.0), -1.0);
  EXPECT_EQ(RemF64(-5.0, 3.0), 1.0);
  EXPECT_EQ(RemF64(5.5, 2.0), -0.5);
  EXPECT_TRUE(std::isnan(RemF64(1.0, 0.0)));
  EXPECT_TRUE(std::isnan(RemF64(-kInf, 3.0)));
}

TEST(KernelFloatTest, FmaRoundsTheProductBeforeTheAdd) {
  // Fused, these would be about 1.49e-8 and 5.55e-17. Volatile inputs keep the compiler from
  // folding the constants, so an optimized build really runs the kernel.
  volatile float tenth_f32 = 0.1f;
  volatile double tenth_f64 = 0.1;
  EXPECT_EQ(Bits(FmaF32(tenth_f32, 10.0f, -1.0f)), 0u);
  EXPECT_EQ(Bits(FmaF64(tenth_f64, 10.0, -1.0)), 0u);
  EXPECT_EQ(FmaF32(2.0f, 3.0f, 1.0f), 7.0f);
  EXPECT_EQ(FmaF64(2.0, 3.0, 1.0), 7.0);
}

TEST(KernelFloatTest, AbsAndNegOnlyTouchTheSignBit) {
  EXPECT_EQ(Bits(AbsF32(-0.0f)), 0u);
  EXPECT_EQ(AbsF32(-2.5f), 2.5f);
  EXPECT_EQ(AbsF32(-kInfF), kInfF);
  EXPECT_EQ(Bits(AbsF32(kNegativeNanF)), 0x7FC00001u);
  EXPECT_EQ(Bits(NegF32(0.0f)), 0x80000000u);
  EXPECT_EQ(NegF32(2.5f), -2.5f);
  EXPECT_EQ(Bits(NegF32(kPayloadNanF)), 0xFFC12345u);
  EXPECT_EQ(Bits(AbsF64(-0.0)), 0u);
  EXPECT_EQ(AbsF64(-2.5), 2.5);
  EXPECT_EQ(Bits(AbsF64(kNegativeNan)), 0x7FF8000000000001u);
  EXPECT_EQ(Bits(NegF64(0.0)), 0x8000000000000000u);
  EXPECT_EQ(Bits(NegF64(kPayloadNan)), 0xFFF8000012345678u);
}

TEST(KernelFloatTest, CeilAndFloorKeepTheSignOfZero) {
  EXPECT_EQ(Bits(CeilF32(-0.5f)), 0x80000000u);
  EXPECT_EQ(CeilF32(1.25f), 2.0f);
  EXPECT_EQ(FloorF32(-1.25f), -2.0f);
  EXPECT_EQ(FloorF32(kInfF), kInfF);
  EXPECT_EQ(Bits(CeilF64(-0.5)), 0x8000000000000000u);
  EXPECT_EQ(CeilF64(1.25), 2.0);
  EXPECT_EQ(FloorF64(-1.25), -2.0);
  EXPECT_TRUE(std::isnan(FloorF64(kNan)));
}

TEST(KernelFloatTest, RoundBreaksTiesAwayFromZero) {
  EXPECT_EQ(RoundF32(2.5f), 3.0f);
  EXPECT_EQ(RoundF32(-2.5f), -3.0f);
  EXPECT_EQ(RoundF32(0.5f), 1.0f);
  EXPECT_EQ(RoundF32(-0.5f), -1.0f);
  EXPECT_EQ(RoundF32(2.4f), 2.0f);
  EXPECT_EQ(RoundF32(kInfF), kInfF);
  EXPECT_TRUE(std::isnan(RoundF32(kNanF)));
  EXPECT_EQ(RoundF64(2.5), 3.0);
  EXPECT_EQ(RoundF64(-2.5), -3.0);
  EXPECT_EQ(RoundF64(0.5), 1.0);
  EXPECT_EQ(RoundF64(-kInf), -kInf);
  EXPECT_TRUE(std::isnan(RoundF64(kNan)));
}

TEST(KernelFloatTest, RoundEvenBreaksTiesToEven) {
  EXPECT_EQ(RoundF32Even(2.5f), 2.0f);
  EXPECT_EQ(RoundF32Even(3.5f), 4.0f);
  EXPECT_EQ(RoundF32Even(-2.5f), -2.0f);
  EXPECT_EQ(RoundF32Even(-1.5f), -2.0f);
  EXPECT_EQ(RoundF32Even(1.5f), 2.0f);
  EXPECT_EQ(RoundF32Even(2.6f), 3.0f);
  EXPECT_EQ(RoundF32Even(8388607.5f), 8388608.0f);  // Largest f32 tie (2^23 - 0.5).
  EXPECT_EQ(RoundF32Even(16777216.0f), 16777216.0f);
  EXPECT_EQ(Bits(RoundF32Even(0.5f)), 0u);
  EXPECT_EQ(RoundF32Even(kInfF), kInfF);
  EXPECT_EQ(RoundF32Even(-kInfF), -kInfF);
  EXPECT_TRUE(std::isnan(RoundF32Even(kNanF)));
  EXPECT_EQ(RoundF64Even(2.5), 2.0);
  EXPECT_EQ(RoundF64Even(3.5), 4.0);
  EXPECT_EQ(RoundF64Even(-2.5), -2.0);
  EXPECT_EQ(RoundF64Even(-1.5), -2.0);
  EXPECT_EQ(RoundF64Even(4503599627370495.5), 4503599627370496.0);  // 2^52 - 0.5.
  EXPECT_EQ(Bits(RoundF64Even(0.5)), 0u);
  EXPECT_EQ(RoundF64Even(kInf), kInf);
  EXPECT_TRUE(std::isnan(RoundF64Even(kNan)));
}

TEST(KernelFloatTest, RoundEvenOfMinusHalfIsPositiveZeroButOtherNegativesKeepTheSign) {
  EXPECT_EQ(Bits(RoundF32Even(-0.5f)), 0u);
  EXPECT_EQ(Bits(RoundF32Even(-0.4f)), 0x80000000u);
  EXPECT_EQ(Bits(RoundF32Even(-0.0f)), 0x80000000u);
  EXPECT_EQ(Bits(RoundF64Even(-0.5)), 0u);
  EXPECT_EQ(Bits(RoundF64Even(-0.4)), 0x8000000000000000u);
  EXPECT_EQ(Bits(RoundF64Even(-0.0)), 0x8000000000000000u);
}

TEST(KernelFloatTest, MinMaxReturnTheFirstOperandForNanAndEqualOperands) {
  EXPECT_EQ(MinF32(1.0f, 2.0f), 1.0f);
  EXPECT_EQ(MinF32(2.0f, 1.0f), 1.0f);
  EXPECT_TRUE(std::isnan(MinF32(kNanF, 1.0f)));
  EXPECT_EQ(MinF32(1.0f, kNanF), 1.0f);
  EXPECT_EQ(Bits(MinF32(0.0f, -0.0f)), 0u);
  EXPECT_EQ(Bits(MinF32(-0.0f, 0.0f)), 0x80000000u);
  EXPECT_EQ(MaxF32(1.0f, 2.0f), 2.0f);
  EXPECT_TRUE(std::isnan(MaxF32(kNanF, 1.0f)));
  EXPECT_EQ(MaxF32(1.0f, kNanF), 1.0f);
  EXPECT_EQ(Bits(MaxF32(0.0f, -0.0f)), 0u);
  EXPECT_EQ(Bits(MaxF32(-0.0f, 0.0f)), 0x80000000u);
  EXPECT_EQ(Bits(MinF32(kPayloadNanF, 1.0f)), 0x7FC12345u);
  EXPECT_EQ(MinF64(2.0, 1.0), 1.0);
  EXPECT_TRUE(std::isnan(MinF64(kNan, 1.0)));
  EXPECT_EQ(MinF64(1.0, kNan), 1.0);
  EXPECT_EQ(Bits(MinF64(0.0, -0.0)), 0u);
  EXPECT_EQ(Bits(MinF64(-0.0, 0.0)), 0x8000000000000000u);
  EXPECT_EQ(MaxF64(1.0, 2.0), 2.0);
  EXPECT_TRUE(std::isnan(MaxF64(kNan, 1.0)));
  EXPECT_EQ(MaxF64(1.0, kNan), 1.0);
  EXPECT_EQ(Bits(MaxF64(0.0, -0.0)), 0u);
  EXPECT_EQ(Bits(MaxF64(-0.0, 0.0)), 0x8000000000000000u);
}

// --- Math functions ---------------------------------------------------------------------------

TEST(KernelMathTest, F32FunctionsGiveTheirKnownValues) {
  EXPECT_FLOAT_EQ(AtanF32(1.0f), std::numbers::pi_v<float> / 4);
  EXPECT_EQ(CosF32(0.0f), 1.0f);
  EXPECT_EQ(Bits(SinF32(-0.0f)), 0x80000000u);
  EXPECT_FLOAT_EQ(ExpF32(1.0f), std::numbers::e_v<float>);
  EXPECT_EQ(ExpF32(1000.0f), kInfF);
  EXPECT_EQ(Exp2F32(10.0f), 1024.0f);
  EXPECT_EQ(Expm1F32(0x1p-30f), 0x1p-30f);
  EXPECT_FLOAT_EQ(LogF32(std::numbers::e_v<float>), 1.0f);
  EXPECT_EQ(LogF32(0.0f), -kInfF);
  EXPECT_TRUE(std::isnan(LogF32(-1.0f)));
  EXPECT_FLOAT_EQ(Log10F32(1000.0f), 3.0f);
  EXPECT_EQ(Log1pF32(0x1p-30f), 0x1p-30f);
  EXPECT_EQ(Log2F32(8.0f), 3.0f);
  EXPECT_EQ(SqrtF32(4.0f), 2.0f);
  EXPECT_TRUE(std::isnan(SqrtF32(-1.0f)));
  EXPECT_EQ(TanhF32(20.0f), 1.0f);
  EXPECT_EQ(ErfF32(kInfF), 1.0f);
  EXPECT_EQ(Bits(ErfF32(-0.0f)), 0x80000000u);
  EXPECT_FLOAT_EQ(Atan2F32(0.0f, -1.0f), std::numbers::pi_v<float>);
  EXPECT_FLOAT_EQ(Atan2F32(1.0f, 0.0f), std::numbers::pi_v<float> / 2);
  EXPECT_EQ(PowF32(0.0f, 0.0f), 1.0f);
  EXPECT_EQ(PowF32(2.0f, 10.0f), 1024.0f);
  EXPECT_TRUE(std::isnan(PowF32(-2.0f, 0.5f)));
}

TEST(KernelMathTest, F64FunctionsGiveTheirKnownValues) {
  EXPECT_DOUBLE_EQ(AtanF64(1.0), std::numbers::pi / 4);
  EXPECT_EQ(CosF64(0.0), 1.0);
  EXPECT_EQ(Bits(SinF64(-0.0)), 0x8000000000000000u);
  EXPECT_DOUBLE_EQ(ExpF64(1.0), std::numbers::e);
  EXPECT_EQ(ExpF64(1000.0), kInf);
  EXPECT_EQ(Exp2F64(10.0), 1024.0);
  EXPECT_EQ(Expm1F64(0x1p-60), 0x1p-60);
  EXPECT_DOUBLE_EQ(LogF64(std::numbers::e), 1.0);
  EXPECT_EQ(LogF64(0.0), -kInf);
  EXPECT_TRUE(std::isnan(LogF64(-1.0)));
  EXPECT_DOUBLE_EQ(Log10F64(1000.0), 3.0);
  EXPECT_EQ(Log1pF64(0x1p-60), 0x1p-60);
  EXPECT_EQ(Log2F64(8.0), 3.0);
  EXPECT_EQ(SqrtF64(4.0), 2.0);
  EXPECT_TRUE(std::isnan(SqrtF64(-1.0)));
  EXPECT_EQ(TanhF64(40.0), 1.0);
  EXPECT_EQ(ErfF64(kInf), 1.0);
  EXPECT_DOUBLE_EQ(Atan2F64(0.0, -1.0), std::numbers::pi);
  EXPECT_DOUBLE_EQ(Atan2F64(1.0, 0.0), std::numbers::pi / 2);
  EXPECT_EQ(PowF64(0.0, 0.0), 1.0);
  EXPECT_EQ(PowF64(2.0, 10.0), 1024.0);
  EXPECT_TRUE(std::isnan(PowF64(-2.0, 0.5)));
}

TEST(KernelMathTest, RsqrtDividesOneByTheRoundedSquareRoot) {
  EXPECT_EQ(RsqrtF32(4.0f), 0.5f);
  EXPECT_EQ(RsqrtF32(0.0f), kInfF);
  EXPECT_TRUE(std::isnan(RsqrtF32(-1.0f)));
  EXPECT_EQ(RsqrtF64(4.0), 0.5);
  EXPECT_EQ(RsqrtF64(0.0), kInf);
  EXPECT_TRUE(std::isnan(RsqrtF64(-1.0)));
  for (float x : {2.0f, 3.0f, 5.0f, 7.0f, 0.1f, 1e30f}) {
    float root = std::sqrt(x);
    EXPECT_EQ(RsqrtF32(x), 1.0f / root) << x;
    double root64 = std::sqrt(static_cast<double>(x));
    EXPECT_EQ(RsqrtF64(x), 1.0 / root64) << x;
  }
}

// --- Integer conversions ----------------------------------------------------------------------

TEST(KernelConversionTest, IntegerTruncationsAndExtensions) {
  EXPECT_EQ(TruncI32I8(511), 255);
  EXPECT_EQ(TruncI32I8(-1), 255);
  EXPECT_EQ(TruncI32I16(-1), 65535);
  EXPECT_EQ(TruncI32I16(0x12345), 0x2345);
  EXPECT_EQ(ExtI8I32S(255), -1);
  EXPECT_EQ(ExtI8I32S(0x17F), 127);
  EXPECT_EQ(ExtI8I32U(-1), 255);
  EXPECT_EQ(ExtI16I32S(32768), -32768);
  EXPECT_EQ(ExtI16I32S(0x17FFF), 32767);
  EXPECT_EQ(ExtI16I32U(-1), 65535);
  EXPECT_EQ(TruncI64I32(0x100000002), 2);
  EXPECT_EQ(TruncI64I32(0xFFFFFFFF), -1);
  EXPECT_EQ(ExtI32I64S(-1), -1);
  EXPECT_EQ(ExtI32I64S(kI32Min), kI32Min);
  EXPECT_EQ(ExtI32I64U(-1), 4294967295);
  EXPECT_EQ(ExtI32I64U(kI32Min), 0x80000000);
}

// --- Float conversions ------------------------------------------------------------------------

TEST(KernelConversionTest, IntegerToF32RoundsToNearestEven) {
  EXPECT_EQ(CastSI32F32(16777217), 16777216.0f);
  EXPECT_EQ(CastSI32F32(16777219), 16777220.0f);
  EXPECT_EQ(CastSI32F32(-3), -3.0f);
  EXPECT_EQ(CastUI32F32(-1), 4294967296.0f);
  EXPECT_EQ(CastUI32F32(kI32Min), 2147483648.0f);
  EXPECT_EQ(CastSI64F32(kI64Min), -0x1p63f);
  EXPECT_EQ(CastSI64F32((int64_t{1} << 40) + 1), 0x1p40f);
  EXPECT_EQ(CastUI64F32(-1), 0x1p64f);
  EXPECT_EQ(CastUI64F32(kI64Min), 0x1p63f);
}

TEST(KernelConversionTest, IntegerToF64IsExactOrNearestEven) {
  EXPECT_EQ(CastSI32F64(kI32Min), -2147483648.0);
  EXPECT_EQ(CastUI32F64(-1), 4294967295.0);
  EXPECT_EQ(CastSI64F64(kI64Max), 0x1p63);
  EXPECT_EQ(CastSI64F64((int64_t{1} << 53) + 1), 0x1p53);
  EXPECT_EQ(CastSI64F64((int64_t{1} << 53) + 3), 0x1p53 + 4);
  EXPECT_EQ(CastUI64F64(-1), 0x1p64);
  EXPECT_EQ(CastUI64F64(kI64Min), 0x1p63);
}

TEST(KernelConversionTest, F32ToI32RoundsHalfAwayThenKeepsTheLow32BitsOfAnI64) {
  EXPECT_EQ(CastF32SI32(2.5f), 3);
  EXPECT_EQ(CastF32SI32(-2.5f), -3);
  EXPECT_EQ(CastF32SI32(0.5f), 1);
  EXPECT_EQ(CastF32SI32(-0.5f), -1);
  EXPECT_EQ(CastF32SI32(2.4f), 2);
  EXPECT_EQ(CastF32SI32(-0.0f), 0);
  EXPECT_EQ(CastF32SI32(3e9f), -1294967296);
  EXPECT_EQ(CastF32SI32(5e9f), 705032704);
  EXPECT_EQ(CastF32SI32(2147483648.0f), kI32Min);
  EXPECT_EQ(CastF32SI32(-2147483648.0f), kI32Min);
}

TEST(KernelConversionTest, F32ToI32OfNanInfinityAndHugeValuesIsZero) {
  for (float value : {kNanF, kNegativeNanF, kInfF, -kInfF, 0x1p63f, -0x1p63f, 1e30f, -1e30f}) {
    EXPECT_EQ(CastF32SI32(value), 0) << value;
    EXPECT_EQ(CastF32UI32(value), 0) << value;
  }
  // Just below 2^63 is in range; its low word happens to be zero too, but not below 2^32.
  EXPECT_EQ(CastF32SI32(0x1.fffffep62f), 0);
  EXPECT_EQ(CastF32SI32(0x1.000002p32f), 512);
}

TEST(KernelConversionTest, F32ToUI32UsesTheSameRuleAsSigned) {
  EXPECT_EQ(CastF32UI32(-1.0f), -1);
  EXPECT_EQ(static_cast<uint32_t>(CastF32UI32(3e9f)), 3000000000u);
  EXPECT_EQ(CastF32UI32(5e9f), 705032704);
  EXPECT_EQ(CastF32UI32(2.5f), 3);
  EXPECT_EQ(CastF32UI32(-2.5f), -3);
}

TEST(KernelConversionTest, F32ToSI64RoundsHalfAwayAndSaturatesToMinimum) {
  EXPECT_EQ(CastF32SI64(2.5f), 3);
  EXPECT_EQ(CastF32SI64(-2.5f), -3);
  EXPECT_EQ(CastF32SI64(5e9f), 5000000000);
  EXPECT_EQ(CastF32SI64(-0x1p63f), kI64Min);
  EXPECT_EQ(CastF32SI64(0x1.fffffep62f), 0x7FFFFF8000000000);
  for (float value : {kNanF, kInfF, -kInfF, 0x1p63f, 1e30f, -1e30f}) {
    EXPECT_EQ(CastF32SI64(value), kI64Min) << value;
  }
}

TEST(KernelConversionTest, F32ToUI64IsExactBelow2To64AndWrapsNegatives) {
  EXPECT_EQ(CastF32UI64(9.3e18f), -9146743772980183040);
  EXPECT_EQ(static_cast<uint64_t>(CastF32UI64(9.3e18f)), 9300000300729368576u);
  EXPECT_EQ(CastF32UI64(0x1p63f), kI64Min);
  EXPECT_EQ(static_cast<uint64_t>(CastF32UI64(0x1.fffffep63f)), 0xFFFFFF0000000000u);
  EXPECT_EQ(CastF32UI64(2.5f), 3);
  EXPECT_EQ(CastF32UI64(-1.0f), -1);
  EXPECT_EQ(CastF32UI64(-2.5f), -3);
  EXPECT_EQ(CastF32UI64(-0.4f), 0);
  for (float value : {kNanF, kInfF, -kInfF, 0x1p64f, 1e30f, -0x1p63f, -1e30f}) {
    EXPECT_EQ(CastF32UI64(value), kI64Min) << value;
  }
}

TEST(KernelConversionTest, F64ToI32GoesThroughF32First) {
  EXPECT_EQ(CastF64SI32(16777217.0), 16777216);
  EXPECT_EQ(CastF64SI32(16777219.0), 16777220);
  EXPECT_EQ(CastF64SI32(2.5), 3);
  EXPECT_EQ(CastF64SI32(-2.5), -3);
  EXPECT_EQ(CastF64SI32(3e9), -1294967296);
  // 2.4999999999 rounds up to 2.5f before the half-away rounding.
  EXPECT_EQ(CastF64SI32(2.4999999999), 3);
  EXPECT_EQ(CastF64UI32(-1.0), -1);
  EXPECT_EQ(CastF64UI32(5e9), 705032704);
  for (double value : {kNan, kInf, -kInf, 1e19, -1e19, 1e300}) {
    EXPECT_EQ(CastF64SI32(value), 0) << value;
    EXPECT_EQ(CastF64UI32(value), 0) << value;
  }
}

TEST(KernelConversionTest, F64ToSI64RoundsHalfAwayAndSaturatesToMinimum) {
  EXPECT_EQ(CastF64SI64(2.5), 3);
  EXPECT_EQ(CastF64SI64(-2.5), -3);
  EXPECT_EQ(CastF64SI64(9007199254740993.0), 9007199254740992);
  EXPECT_EQ(CastF64SI64(0x1.fffffffffffffp62), 0x7FFFFFFFFFFFFC00);
  EXPECT_EQ(CastF64SI64(-0x1p63), kI64Min);
  for (double value : {kNan, kInf, -kInf, 0x1p63, 1e300, -1e300}) {
    EXPECT_EQ(CastF64SI64(value), kI64Min) << value;
  }
}

TEST(KernelConversionTest, F64ToUI64UsesSignedRoundingSoTheUpperHalfSaturates) {
  EXPECT_EQ(CastF64UI64(2.5), 3);
  EXPECT_EQ(CastF64UI64(-1.0), -1);
  EXPECT_EQ(static_cast<uint64_t>(CastF64UI64(-1.0)), 0xFFFFFFFFFFFFFFFFu);
  EXPECT_EQ(CastF64UI64(0x1.fffffffffffffp62), 0x7FFFFFFFFFFFFC00);
  EXPECT_EQ(static_cast<uint64_t>(CastF64UI64(0x1p63)), 0x8000000000000000u);
  for (double value : {kNan, kInf, -kInf, 1e19, 0x1.fffffffffffffp63, 0x1p64, -1e300}) {
    EXPECT_EQ(static_cast<uint64_t>(CastF64UI64(value)), 0x8000000000000000u) << value;
  }
}

TEST(KernelConversionTest, F64ToF32NarrowsWithIeeeRounding) {
  EXPECT_EQ(TruncF64F32(1.0 + 0x1p-24), 1.0f);
  EXPECT_EQ(TruncF64F32(1.0 + 0x1p-24 + 0x1p-40), 1.0f + 0x1p-23f);
  EXPECT_EQ(TruncF64F32(1e300), kInfF);
  EXPECT_EQ(TruncF64F32(-1e300), -kInfF);
  EXPECT_EQ(TruncF64F32(0x1p-140), 0x1p-140f);  // Subnormal.
  EXPECT_EQ(Bits(TruncF64F32(-1e-300)), 0x80000000u);
  EXPECT_TRUE(std::isnan(TruncF64F32(kNan)));
  EXPECT_EQ(ExtF32F64(0.1f), static_cast<double>(0.1f));
  EXPECT_EQ(Bits(ExtF32F64(-0.0f)), 0x8000000000000000u);
  EXPECT_EQ(ExtF32F64(-kInfF), -kInf);
  EXPECT_TRUE(std::isnan(ExtF32F64(kNanF)));
}

TEST(KernelConversionTest, BitcastsReinterpretBitsAndKeepNanPayloads) {
  EXPECT_EQ(BitcastF32I32(-0.0f), kI32Min);
  EXPECT_EQ(BitcastF32I32(1.0f), 0x3F800000);
  EXPECT_EQ(BitcastI32F32(0x3F800000), 1.0f);
  EXPECT_EQ(Bits(BitcastI32F32(0x7FC12345)), 0x7FC12345u);
  EXPECT_EQ(BitcastF32I32(kNegativeNanF), static_cast<int32_t>(0xFFC00001u));
  EXPECT_EQ(BitcastF64I64(-0.0), kI64Min);
  EXPECT_EQ(BitcastF64I64(1.0), 0x3FF0000000000000);
  EXPECT_EQ(BitcastI64F64(0x3FF0000000000000), 1.0);
  EXPECT_EQ(Bits(BitcastI64F64(0x7FF8000012345678)), 0x7FF8000012345678u);
  EXPECT_EQ(BitcastF64I64(kNegativeNan), static_cast<int64_t>(0xFFF8000000000001u));
}

// --- Comparisons ------------------------------------------------------------------------------

TEST(KernelCompareTest, IntegerComparisons) {
  EXPECT_EQ(CmpEqI32(3, 3), 1);
  EXPECT_EQ(CmpEqI32(3, 4), 0);
  EXPECT_EQ(CmpNeI32(3, 4), 1);
  EXPECT_EQ(CmpNeI32(3, 3), 0);
  EXPECT_EQ(CmpLtI32S(-1, 1), 1);
  EXPECT_EQ(CmpLtI32S(1, 1), 0);
  EXPECT_EQ(CmpLtI32U(-1, 1), 0);
  EXPECT_EQ(CmpLtI32U(1, -1), 1);
  EXPECT_EQ(CmpNzI32(0), 0);
  EXPECT_EQ(CmpNzI32(kI32Min), 1);
  EXPECT_EQ(CmpEqI64(int64_t{1} << 32, 0), 0);
  EXPECT_EQ(CmpEqI64(kI64Min, kI64Min), 1);
  EXPECT_EQ(CmpNeI64(int64_t{1} << 32, 0), 1);
  EXPECT_EQ(CmpLtI64S(-1, 1), 1);
  EXPECT_EQ(CmpLtI64U(-1, 1), 0);
  EXPECT_EQ(CmpLtI64U(1, -1), 1);
  EXPECT_EQ(CmpNzI64(int64_t{1} << 32), 1);
  EXPECT_EQ(CmpNzI64(0), 0);
}

TEST(KernelCompareTest, OrderedFloatComparisonsAreFalseWithNan) {
  EXPECT_EQ(CmpEqF32O(0.0f, -0.0f), 1);
  EXPECT_EQ(CmpEqF32O(1.0f, 2.0f), 0);
  EXPECT_EQ(CmpEqF32O(kNanF, kNanF), 0);
  EXPECT_EQ(CmpLtF32O(1.0f, 2.0f), 1);
  EXPECT_EQ(CmpLtF32O(2.0f, 2.0f), 0);
  EXPECT_EQ(CmpLtF32O(kNanF, 2.0f), 0);
  EXPECT_EQ(CmpLteF32O(2.0f, 2.0f), 1);
  EXPECT_EQ(CmpLteF32O(3.0f, 2.0f), 0);
  EXPECT_EQ(CmpLteF32O(2.0f, kNanF), 0);
  EXPECT_EQ(CmpEqF64O(0.0, -0.0), 1);
  EXPECT_EQ(CmpEqF64O(kNan, kNan), 0);
  EXPECT_EQ(CmpLtF64O(-kInf, kInf), 1);
  EXPECT_EQ(CmpLtF64O(kNan, 2.0), 0);
  EXPECT_EQ(CmpLteF64O(2.0, 2.0), 1);
  EXPECT_EQ(CmpLteF64O(kNan, 2.0), 0);
}

TEST(KernelCompareTest, UnorderedFloatComparisonsAreTrueWithNan) {
  EXPECT_EQ(CmpEqF32U(0.0f, -0.0f), 1);
  EXPECT_EQ(CmpEqF32U(1.0f, 2.0f), 0);
  EXPECT_EQ(CmpEqF32U(kNanF, 1.0f), 1);
  EXPECT_EQ(CmpNeF32U(1.0f, 2.0f), 1);
  EXPECT_EQ(CmpNeF32U(0.0f, -0.0f), 0);
  EXPECT_EQ(CmpNeF32U(1.0f, kNanF), 1);
  EXPECT_EQ(CmpLtF32U(1.0f, 2.0f), 1);
  EXPECT_EQ(CmpLtF32U(2.0f, 1.0f), 0);
  EXPECT_EQ(CmpLtF32U(kNanF, 1.0f), 1);
  EXPECT_EQ(CmpLteF32U(2.0f, 2.0f), 1);
  EXPECT_EQ(CmpLteF32U(3.0f, 2.0f), 0);
  EXPECT_EQ(CmpLteF32U(2.0f, kNanF), 1);
  EXPECT_EQ(CmpEqF64U(kNan, 1.0), 1);
  EXPECT_EQ(CmpEqF64U(1.0, 2.0), 0);
  EXPECT_EQ(CmpNeF64U(1.0, kNan), 1);
  EXPECT_EQ(CmpNeF64U(1.0, 1.0), 0);
  EXPECT_EQ(CmpLtF64U(kNan, 1.0), 1);
  EXPECT_EQ(CmpLtF64U(2.0, 1.0), 0);
  EXPECT_EQ(CmpLteF64U(1.0, kNan), 1);
  EXPECT_EQ(CmpLteF64U(3.0, 2.0), 0);
}

TEST(KernelCompareTest, OrderedNotEqualIsTrueWithNanLikeTheReference) {
  EXPECT_EQ(CmpNeF32O(kNanF, kNanF), 1);
  EXPECT_EQ(CmpNeF32O(kNanF, 1.0f), 1);
  EXPECT_EQ(CmpNeF32O(1.0f, 2.0f), 1);
  EXPECT_EQ(CmpNeF32O(0.0f, -0.0f), 0);
  EXPECT_EQ(CmpNeF64O(kNan, kNan), 1);
  EXPECT_EQ(CmpNeF64O(1.0, kNan), 1);
  EXPECT_EQ(CmpNeF64O(0.0, -0.0), 0);
}

TEST(KernelCompareTest, NanCheckMatchesAnyPayloadOrSign) {
  EXPECT_EQ(CmpNanF32(kNanF), 1);
  EXPECT_EQ(CmpNanF32(kNegativeNanF), 1);
  EXPECT_EQ(CmpNanF32(kPayloadNanF), 1);
  EXPECT_EQ(CmpNanF32(kInfF), 0);
  EXPECT_EQ(CmpNanF32(0.0f), 0);
  EXPECT_EQ(CmpNanF64(kNan), 1);
  EXPECT_EQ(CmpNanF64(kNegativeNan), 1);
  EXPECT_EQ(CmpNanF64(-kInf), 0);
}

}  // namespace
}  // namespace sinew::vm::bytecode::kernels
