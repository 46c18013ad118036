// Pure computational kernels of the VM instructions, used by the interpreter.
//
// For every op_table.def row marked K, kernels::<Name> takes the instruction's non-result
// operands in table order and returns its result: i32/imm32 -> int32_t, i64/imm64 -> int64_t,
// f32/immf32 -> float, f64/immf64 -> double; comparisons return int32_t 0 or 1. The H-marked
// integer division and remainder ops get checked Try* helpers instead, because they can fail.
//
// Semantics follow VM_OPS.md (sections 2, 7-13, 24), including the reference's observed x86-64
// results where C leaves them undefined, without invoking C++ undefined behaviour: integer
// arithmetic is done on unsigned types (conversion back to signed is modular since C++20) and
// float-to-integer conversions check their range before converting. Floating point assumes the
// default environment (round to nearest even, no traps). Values are copied as raw bits, so NaN
// payloads survive constants, selects and bitcasts.
#ifndef SINEW_RUNTIME_VM_BYTECODE_KERNELS_H_
#define SINEW_RUNTIME_VM_BYTECODE_KERNELS_H_

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace sinew::vm::bytecode::kernels {

namespace internal {

template <typename T>
using BitsOf = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;

template <typename T>
inline constexpr BitsOf<T> kSignBit = BitsOf<T>{1} << (sizeof(T) * 8 - 1);

// Returns `value` unchanged, but hides where it came from: an operation producing it cannot be
// fused with one consuming it. GCC ignores `#pragma STDC FP_CONTRACT` and contracts a * b + c
// into an FMA by default in GNU mode, and Clang does so within an expression, when the target
// has FMA instructions.
template <typename T>
inline T Opaque(T value) {
#if defined(__x86_64__)
  asm("" : "+x"(value));
#elif defined(__aarch64__)
  asm("" : "+w"(value));
#else
  asm("" : "+m"(value));
#endif
  return value;
}

// a * b + c with the product rounded before the add, as the reference does on x86-64.
template <typename T>
inline T MultiplyAddTwoRoundings(T a, T b, T c) {
  return Opaque(a * b) + c;
}

// Rounds to the nearest integer, ties to even. Computed as round-half-away-from-zero, then a
// tie that landed on an odd integer steps back toward zero. That step reproduces the
// reference's quirk: -0.5 rounds to -1, and -1 + 1 is +0.0, where IEEE gives -0.0.
template <typename T>
inline T RoundHalfEven(T a) {
  T rounded = std::round(a);
  // Only |a| < 2^52 can be a tie, so the integer conversion below is in range.
  if (std::fabs(rounded - a) == T{0.5} && (static_cast<int64_t>(rounded) & 1) != 0) {
    rounded -= std::copysign(T{1}, a);
  }
  return rounded;
}

// Converts an integral float to int64_t, giving INT64_MIN for NaN, infinities and values outside
// the int64 range: what x86-64's cvttss2si/cvttsd2si (and so glibc's llround) produce. -2^63
// itself fails the range check but converts to INT64_MIN anyway.
template <typename T>
inline int64_t IntegralToI64OrMin(T integral) {
  return std::fabs(integral) < T{0x1p63} ? static_cast<int64_t>(integral)
                                         : std::numeric_limits<int64_t>::min();
}

}  // namespace internal

// --- Constants (VM_OPS.md section 2) --------------------------------------------------------

inline constexpr int32_t ConstI32Zero() { return 0; }
inline constexpr int32_t ConstI32(int32_t value) { return value; }
inline constexpr int64_t ConstI64Zero() { return 0; }
inline constexpr int64_t ConstI64(int64_t value) { return value; }
inline constexpr float ConstF32Zero() { return 0.0f; }
inline constexpr float ConstF32(float value) { return value; }
inline constexpr double ConstF64Zero() { return 0.0; }
inline constexpr double ConstF64(double value) { return value; }

// --- Conditional assignment (section 7) -----------------------------------------------------

inline constexpr int32_t SelectI32(int32_t c, int32_t a, int32_t b) { return c != 0 ? a : b; }
inline constexpr int64_t SelectI64(int32_t c, int64_t a, int64_t b) { return c != 0 ? a : b; }
inline constexpr float SelectF32(int32_t c, float a, float b) { return c != 0 ? a : b; }
inline constexpr double SelectF64(int32_t c, double a, double b) { return c != 0 ? a : b; }

// --- 32-bit integer arithmetic and bitwise operations (section 8) ----------------------------

inline constexpr int32_t AddI32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline constexpr int32_t SubI32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
inline constexpr int32_t MulI32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b));
}
// The product wraps before the add.
inline constexpr int32_t FmaI32(int32_t a, int32_t b, int32_t c) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b) +
                              static_cast<uint32_t>(c));
}
// abs(INT32_MIN) wraps to INT32_MIN.
inline constexpr int32_t AbsI32(int32_t a) {
  uint32_t bits = static_cast<uint32_t>(a);
  return static_cast<int32_t>(a < 0 ? 0u - bits : bits);
}
inline constexpr int32_t MinI32S(int32_t a, int32_t b) { return b < a ? b : a; }
inline constexpr int32_t MinI32U(int32_t a, int32_t b) {
  return static_cast<uint32_t>(b) < static_cast<uint32_t>(a) ? b : a;
}
inline constexpr int32_t MaxI32S(int32_t a, int32_t b) { return a < b ? b : a; }
inline constexpr int32_t MaxI32U(int32_t a, int32_t b) {
  return static_cast<uint32_t>(a) < static_cast<uint32_t>(b) ? b : a;
}
inline constexpr int32_t NotI32(int32_t a) { return ~a; }
inline constexpr int32_t AndI32(int32_t a, int32_t b) { return a & b; }
inline constexpr int32_t OrI32(int32_t a, int32_t b) { return a | b; }
inline constexpr int32_t XorI32(int32_t a, int32_t b) { return a ^ b; }
// ctlz(0) = 32.
inline constexpr int32_t CtlzI32(int32_t a) { return std::countl_zero(static_cast<uint32_t>(a)); }

// --- 64-bit integer arithmetic and bitwise operations (section 8) ----------------------------

inline constexpr int64_t AddI64(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline constexpr int64_t SubI64(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline constexpr int64_t MulI64(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}
inline constexpr int64_t FmaI64(int64_t a, int64_t b, int64_t c) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b) +
                              static_cast<uint64_t>(c));
}
inline constexpr int64_t AbsI64(int64_t a) {
  uint64_t bits = static_cast<uint64_t>(a);
  return static_cast<int64_t>(a < 0 ? 0u - bits : bits);
}
inline constexpr int64_t MinI64S(int64_t a, int64_t b) { return b < a ? b : a; }
inline constexpr int64_t MinI64U(int64_t a, int64_t b) {
  return static_cast<uint64_t>(b) < static_cast<uint64_t>(a) ? b : a;
}
inline constexpr int64_t MaxI64S(int64_t a, int64_t b) { return a < b ? b : a; }
inline constexpr int64_t MaxI64U(int64_t a, int64_t b) {
  return static_cast<uint64_t>(a) < static_cast<uint64_t>(b) ? b : a;
}
inline constexpr int64_t NotI64(int64_t a) { return ~a; }
inline constexpr int64_t AndI64(int64_t a, int64_t b) { return a & b; }
inline constexpr int64_t OrI64(int64_t a, int64_t b) { return a | b; }
inline constexpr int64_t XorI64(int64_t a, int64_t b) { return a ^ b; }
// ctlz(0) = 64; the result is an i64.
inline constexpr int64_t CtlzI64(int64_t a) { return std::countl_zero(static_cast<uint64_t>(a)); }

// --- Checked division and remainder (section 8; the H rows div.* and rem.*) ------------------
//
// Each returns false, leaving *out untouched, when the divisor is 0 so the interpreter can trap.
// The minimum value divided by -1, which crashes the reference, is defined here as section 24
// allows instead of trapping: the quotient wraps (INT_MIN / -1 = INT_MIN) and the remainder is 0,
// the mathematical result.

inline constexpr bool TryDivI32S(int32_t a, int32_t b, int32_t* out) {
  if (b == 0) [[unlikely]]
    return false;
  *out = b == -1 ? SubI32(0, a) : a / b;
  return true;
}
inline constexpr bool TryDivI32U(int32_t a, int32_t b, int32_t* out) {
  if (b == 0) [[unlikely]]
    return false;
  *out = static_cast<int32_t>(static_cast<uint32_t>(a) / static_cast<uint32_t>(b));
  return true;
}
inline constexpr bool TryRemI32S(int32_t a, int32_t b, int32_t* out) {
  if (b == 0) [[unlikely]]
    return false;
  *out = b == -1 ? 0 : a % b;
  return true;
}
inline constexpr bool TryRemI32U(int32_t a, int32_t b, int32_t* out) {
  if (b == 0) [[unlikely]]
    return false;
  *out = static_cast<int32_t>(static_cast<uint32_t>(a) % static_cast<uint32_t>(b));
  return true;
}
inline constexpr bool TryDivI64S(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) [[unlikely]]
    return false;
  *out = b == -1 ? SubI64(0, a) : a / b;
  return true;
}
inline constexpr bool TryDivI64U(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) [[unlikely]]
    return false;
  *out = static_cast<int64_t>(static_cast<uint64_t>(a) / static_cast<uint64_t>(b));
  return true;
}
inline constexpr bool TryRemI64S(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) [[unlikely]]
    return false;
  *out = b == -1 ? 0 : a % b;
  return true;
}
inline constexpr bool TryRemI64U(int64_t a, int64_t b, int64_t* out) {
  if (b == 0) [[unlikely]]
    return false;
  *out = static_cast<int64_t>(static_cast<uint64_t>(a) % static_cast<uint64_t>(b));
  return true;
}

// --- Shifts (section 9): only the low 5 (i32) or 6 (i64) bits of the amount count -------------

inline constexpr int32_t ShlI32(int32_t a, int32_t amount) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) << (amount & 31));
}
inline constexpr int32_t ShrI32S(int32_t a, int32_t amount) { return a >> (amount & 31); }
inline constexpr int32_t ShrI32U(int32_t a, int32_t amount) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) >> (amount & 31));
}
inline constexpr int64_t ShlI64(int64_t a, int32_t amount) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) << (amount & 63));
}
inline constexpr int64_t ShrI64S(int64_t a, int32_t amount) { return a >> (amount & 63); }
inline constexpr int64_t ShrI64U(int64_t a, int32_t amount) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) >> (amount & 63));
}

// --- Floating-point arithmetic (section 10) ---------------------------------------------------
//
// rem is the IEEE remainder, not fmod. fma rounds twice (section 24 lets a VM choose; this
// matches reference results taken on x86-64). abs and neg only touch the sign bit, NaNs
// included. min and max are exactly the reference's comparisons: with a NaN operand or equal
// operands (+0/-0) they return A.

inline constexpr float AddF32(float a, float b) { return a + b; }
inline constexpr float SubF32(float a, float b) { return a - b; }
inline constexpr float MulF32(float a, float b) { return a * b; }
inline constexpr float DivF32(float a, float b) { return a / b; }
inline float RemF32(float a, float b) { return std::remainder(a, b); }
inline float FmaF32(float a, float b, float c) {
  return internal::MultiplyAddTwoRoundings(a, b, c);
}
inline constexpr float AbsF32(float a) {
  return std::bit_cast<float>(std::bit_cast<uint32_t>(a) & ~internal::kSignBit<float>);
}
inline constexpr float NegF32(float a) {
  return std::bit_cast<float>(std::bit_cast<uint32_t>(a) ^ internal::kSignBit<float>);
}
inline float CeilF32(float a) { return std::ceil(a); }
inline float FloorF32(float a) { return std::floor(a); }
inline float RoundF32(float a) { return std::round(a); }
inline float RoundF32Even(float a) { return internal::RoundHalfEven(a); }
inline constexpr float MinF32(float a, float b) { return b < a ? b : a; }
inline constexpr float MaxF32(float a, float b) { return a < b ? b : a; }

inline constexpr double AddF64(double a, double b) { return a + b; }
inline constexpr double SubF64(double a, double b) { return a - b; }
inline constexpr double MulF64(double a, double b) { return a * b; }
inline constexpr double DivF64(double a, double b) { return a / b; }
inline double RemF64(double a, double b) { return std::remainder(a, b); }
inline double FmaF64(double a, double b, double c) {
  return internal::MultiplyAddTwoRoundings(a, b, c);
}
inline constexpr double AbsF64(double a) {
  return std::bit_cast<double>(std::bit_cast<uint64_t>(a) & ~internal::kSignBit<double>);
}
inline constexpr double NegF64(double a) {
  return std::bit_cast<double>(std::bit_cast<uint64_t>(a) ^ internal::kSignBit<double>);
}
inline double CeilF64(double a) { return std::ceil(a); }
inline double FloorF64(double a) { return std::floor(a); }
inline double RoundF64(double a) { return std::round(a); }
inline double RoundF64Even(double a) { return internal::RoundHalfEven(a); }
inline constexpr double MinF64(double a, double b) { return b < a ? b : a; }
inline constexpr double MaxF64(double a, double b) { return a < b ? b : a; }

// --- Math functions (section 11): the C library; the float overloads call the f-suffixed ones --

inline float AtanF32(float a) { return std::atan(a); }
inline float CosF32(float a) { return std::cos(a); }
inline float SinF32(float a) { return std::sin(a); }
inline float ExpF32(float a) { return std::exp(a); }
inline float Exp2F32(float a) { return std::exp2(a); }
inline float Expm1F32(float a) { return std::expm1(a); }
inline float LogF32(float a) { return std::log(a); }
inline float Log10F32(float a) { return std::log10(a); }
inline float Log1pF32(float a) { return std::log1p(a); }
inline float Log2F32(float a) { return std::log2(a); }
// Two roundings: the square root is rounded before the division.
inline float RsqrtF32(float a) { return 1.0f / std::sqrt(a); }
inline float SqrtF32(float a) { return std::sqrt(a); }
inline float TanhF32(float a) { return std::tanh(a); }
inline float ErfF32(float a) { return std::erf(a); }
// A is y and B is x.
inline float Atan2F32(float a, float b) { return std::atan2(a, b); }
inline float PowF32(float a, float b) { return std::pow(a, b); }

inline double AtanF64(double a) { return std::atan(a); }
inline double CosF64(double a) { return std::cos(a); }
inline double SinF64(double a) { return std::sin(a); }
inline double ExpF64(double a) { return std::exp(a); }
inline double Exp2F64(double a) { return std::exp2(a); }
inline double Expm1F64(double a) { return std::expm1(a); }
inline double LogF64(double a) { return std::log(a); }
inline double Log10F64(double a) { return std::log10(a); }
inline double Log1pF64(double a) { return std::log1p(a); }
inline double Log2F64(double a) { return std::log2(a); }
inline double RsqrtF64(double a) { return 1.0 / std::sqrt(a); }
inline double SqrtF64(double a) { return std::sqrt(a); }
inline double TanhF64(double a) { return std::tanh(a); }
inline double ErfF64(double a) { return std::erf(a); }
inline double Atan2F64(double a, double b) { return std::atan2(a, b); }
inline double PowF64(double a, double b) { return std::pow(a, b); }

// --- Integer conversions (section 12) ---------------------------------------------------------

inline constexpr int32_t TruncI32I8(int32_t a) { return a & 0xFF; }
inline constexpr int32_t TruncI32I16(int32_t a) { return a & 0xFFFF; }
inline constexpr int32_t ExtI8I32S(int32_t a) { return static_cast<int8_t>(a); }
inline constexpr int32_t ExtI8I32U(int32_t a) { return a & 0xFF; }
inline constexpr int32_t ExtI16I32S(int32_t a) { return static_cast<int16_t>(a); }
inline constexpr int32_t ExtI16I32U(int32_t a) { return a & 0xFFFF; }
inline constexpr int32_t TruncI64I32(int64_t a) { return static_cast<int32_t>(a); }
inline constexpr int64_t ExtI32I64S(int32_t a) { return a; }
inline constexpr int64_t ExtI32I64U(int32_t a) { return static_cast<uint32_t>(a); }

// --- Float conversions (section 12) -----------------------------------------------------------
//
// Float-to-integer casts round half away from zero. The reference converts through a signed
// 64-bit integer (llround), so NaN, infinities and out-of-range values become INT64_MIN, and the
// 32-bit casts keep that integer's low word: 3e9 -> -1294967296, NaN -> 0. The f64-to-i32 casts
// first round to f32, as the reference does.

inline constexpr float CastSI32F32(int32_t a) { return static_cast<float>(a); }
inline constexpr float CastUI32F32(int32_t a) {
  return static_cast<float>(static_cast<uint32_t>(a));
}
inline int64_t CastF32SI64(float a) { return internal::IntegralToI64OrMin(std::round(a)); }
inline int32_t CastF32SI32(float a) { return static_cast<int32_t>(CastF32SI64(a)); }
inline int32_t CastF32UI32(float a) { return static_cast<int32_t>(CastF32SI64(a)); }
// What x86-64 code for C's float-to-uint64 conversion observably gives after roundf: exact in
// [0, 2^64), two's complement for negative values down to -2^63, otherwise 0x8000000000000000.
inline int64_t CastF32UI64(float a) {
  float rounded = std::round(a);
  if (rounded >= 0x1p63f && rounded < 0x1p64f) {
    return static_cast<int64_t>(static_cast<uint64_t>(rounded));
  }
  return internal::IntegralToI64OrMin(rounded);
}
inline constexpr float CastSI64F32(int64_t a) { return static_cast<float>(a); }
inline constexpr float CastUI64F32(int64_t a) {
  return static_cast<float>(static_cast<uint64_t>(a));
}
inline constexpr float BitcastI32F32(int32_t a) { return std::bit_cast<float>(a); }
inline constexpr int32_t BitcastF32I32(float a) { return std::bit_cast<int32_t>(a); }

inline constexpr float TruncF64F32(double a) { return static_cast<float>(a); }
inline constexpr double ExtF32F64(float a) { return a; }
inline constexpr double CastSI32F64(int32_t a) { return a; }
inline constexpr double CastUI32F64(int32_t a) { return static_cast<uint32_t>(a); }
inline int32_t CastF64SI32(double a) { return CastF32SI32(static_cast<float>(a)); }
inline int32_t CastF64UI32(double a) { return CastF32UI32(static_cast<float>(a)); }
inline constexpr double CastSI64F64(int64_t a) { return static_cast<double>(a); }
inline constexpr double CastUI64F64(int64_t a) {
  return static_cast<double>(static_cast<uint64_t>(a));
}
inline int64_t CastF64SI64(double a) { return internal::IntegralToI64OrMin(std::round(a)); }
// Signed llround semantics even though the result is unsigned: [2^63, 2^64) gives
// 0x8000000000000000 like NaN and infinities, negative values give their two's complement.
inline int64_t CastF64UI64(double a) { return internal::IntegralToI64OrMin(std::round(a)); }
inline constexpr double BitcastI64F64(int64_t a) { return std::bit_cast<double>(a); }
inline constexpr int64_t BitcastF64I64(double a) { return std::bit_cast<int64_t>(a); }

// --- Comparisons (section 13) -----------------------------------------------------------------
//
// .o forms are false when either operand is NaN and .u forms are true, except cmp.ne.*.o: the
// reference computes it as C `a != b`, which is true for NaN operands, and that is kept. The .u
// forms negate the opposite ordered predicate, which NaN makes false: one compare, no branch.

inline constexpr int32_t CmpEqI32(int32_t a, int32_t b) { return a == b; }
inline constexpr int32_t CmpNeI32(int32_t a, int32_t b) { return a != b; }
inline constexpr int32_t CmpLtI32S(int32_t a, int32_t b) { return a < b; }
inline constexpr int32_t CmpLtI32U(int32_t a, int32_t b) {
  return static_cast<uint32_t>(a) < static_cast<uint32_t>(b);
}
inline constexpr int32_t CmpNzI32(int32_t a) { return a != 0; }
inline constexpr int32_t CmpEqI64(int64_t a, int64_t b) { return a == b; }
inline constexpr int32_t CmpNeI64(int64_t a, int64_t b) { return a != b; }
inline constexpr int32_t CmpLtI64S(int64_t a, int64_t b) { return a < b; }
inline constexpr int32_t CmpLtI64U(int64_t a, int64_t b) {
  return static_cast<uint64_t>(a) < static_cast<uint64_t>(b);
}
inline constexpr int32_t CmpNzI64(int64_t a) { return a != 0; }

inline constexpr int32_t CmpEqF32O(float a, float b) { return a == b; }
inline constexpr int32_t CmpEqF32U(float a, float b) { return !std::islessgreater(a, b); }
inline constexpr int32_t CmpNeF32O(float a, float b) { return a != b; }
inline constexpr int32_t CmpNeF32U(float a, float b) { return a != b; }
inline constexpr int32_t CmpLtF32O(float a, float b) { return a < b; }
inline constexpr int32_t CmpLtF32U(float a, float b) { return !std::isgreaterequal(a, b); }
inline constexpr int32_t CmpLteF32O(float a, float b) { return a <= b; }
inline constexpr int32_t CmpLteF32U(float a, float b) { return !std::isgreater(a, b); }
inline constexpr int32_t CmpNanF32(float a) { return std::isnan(a); }
inline constexpr int32_t CmpEqF64O(double a, double b) { return a == b; }
inline constexpr int32_t CmpEqF64U(double a, double b) { return !std::islessgreater(a, b); }
inline constexpr int32_t CmpNeF64O(double a, double b) { return a != b; }
inline constexpr int32_t CmpNeF64U(double a, double b) { return a != b; }
inline constexpr int32_t CmpLtF64O(double a, double b) { return a < b; }
inline constexpr int32_t CmpLtF64U(double a, double b) { return !std::isgreaterequal(a, b); }
inline constexpr int32_t CmpLteF64O(double a, double b) { return a <= b; }
inline constexpr int32_t CmpLteF64U(double a, double b) { return !std::isgreater(a, b); }
inline constexpr int32_t CmpNanF64(double a) { return std::isnan(a); }

}  // namespace sinew::vm::bytecode::kernels

#endif  // SINEW_RUNTIME_VM_BYTECODE_KERNELS_H_
