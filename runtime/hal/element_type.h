// Element types of buffer views in IREE's numeric encoding, `(numerical type << 24) | bits`,
// so values written by IREE's compiler and ours mean the same thing. Header-only and
// dependency-free: the compiler includes it to emit element-type constants.
#ifndef SINEW_RUNTIME_HAL_ELEMENT_TYPE_H_
#define SINEW_RUNTIME_HAL_ELEMENT_TYPE_H_

#include <cstdint>

namespace sinew::hal {

// The high byte of an element type: how its bits are interpreted.
enum class NumericalType : uint8_t {
  kUnknown = 0x00,          // opaque bytes, `*N`
  kInteger = 0x10,          // signless integer, `iN`
  kIntegerSigned = 0x11,    // `siN`
  kIntegerUnsigned = 0x12,  // `uiN`
  kBoolean = 0x13,          // `i1`
  kFloatIeee = 0x21,        // `f16`, `f32`, `f64`
  kFloatBrain = 0x22,       // `bf16`
  kFloatComplex = 0x23,     // `cf64`, `cf128`
  kFloat8E5M2 = 0x24,
  kFloat8E4M3FN = 0x25,
  kFloat8E5M2FNUZ = 0x26,
  kFloat8E4M3FNUZ = 0x27,
  kFloat8E8M0FNU = 0x28,
};

constexpr uint32_t MakeElementTypeValue(NumericalType numerical_type, uint32_t bit_count) {
  return (static_cast<uint32_t>(numerical_type) << 24) | (bit_count & 0xFFu);
}

// Any 32-bit value may arrive from a module; IsKnownElementType says whether it is one of ours.
enum class ElementType : uint32_t {
  kNone = 0,
  kOpaque8 = MakeElementTypeValue(NumericalType::kUnknown, 8),
  kOpaque16 = MakeElementTypeValue(NumericalType::kUnknown, 16),
  kOpaque32 = MakeElementTypeValue(NumericalType::kUnknown, 32),
  kOpaque64 = MakeElementTypeValue(NumericalType::kUnknown, 64),
  // `i1`: one boolean per byte.
  kBool = MakeElementTypeValue(NumericalType::kBoolean, 1),
  kInt4 = MakeElementTypeValue(NumericalType::kInteger, 4),
  kInt8 = MakeElementTypeValue(NumericalType::kInteger, 8),
  kInt16 = MakeElementTypeValue(NumericalType::kInteger, 16),
  kInt32 = MakeElementTypeValue(NumericalType::kInteger, 32),
  kInt64 = MakeElementTypeValue(NumericalType::kInteger, 64),
  kSint8 = MakeElementTypeValue(NumericalType::kIntegerSigned, 8),
  kSint16 = MakeElementTypeValue(NumericalType::kIntegerSigned, 16),
  kSint32 = MakeElementTypeValue(NumericalType::kIntegerSigned, 32),
  kSint64 = MakeElementTypeValue(NumericalType::kIntegerSigned, 64),
  kUint8 = MakeElementTypeValue(NumericalType::kIntegerUnsigned, 8),
  kUint16 = MakeElementTypeValue(NumericalType::kIntegerUnsigned, 16),
  kUint32 = MakeElementTypeValue(NumericalType::kIntegerUnsigned, 32),
  kUint64 = MakeElementTypeValue(NumericalType::kIntegerUnsigned, 64),
  kFloat16 = MakeElementTypeValue(NumericalType::kFloatIeee, 16),
  kFloat32 = MakeElementTypeValue(NumericalType::kFloatIeee, 32),
  kFloat64 = MakeElementTypeValue(NumericalType::kFloatIeee, 64),
  kBFloat16 = MakeElementTypeValue(NumericalType::kFloatBrain, 16),
  kComplexFloat64 = MakeElementTypeValue(NumericalType::kFloatComplex, 64),
  kComplexFloat128 = MakeElementTypeValue(NumericalType::kFloatComplex, 128),
  kFloat8E5M2 = MakeElementTypeValue(NumericalType::kFloat8E5M2, 8),
  kFloat8E4M3FN = MakeElementTypeValue(NumericalType::kFloat8E4M3FN, 8),
  kFloat8E5M2FNUZ = MakeElementTypeValue(NumericalType::kFloat8E5M2FNUZ, 8),
  kFloat8E4M3FNUZ = MakeElementTypeValue(NumericalType::kFloat8E4M3FNUZ, 8),
  kFloat8E8M0FNU = MakeElementTypeValue(NumericalType::kFloat8E8M0FNU, 8),
};

constexpr ElementType MakeElementType(NumericalType numerical_type, uint32_t bit_count) {
  return static_cast<ElementType>(MakeElementTypeValue(numerical_type, bit_count));
}
constexpr NumericalType ElementNumericalType(ElementType type) {
  return static_cast<NumericalType>(static_cast<uint32_t>(type) >> 24);
}
constexpr uint32_t ElementBitCount(ElementType type) { return static_cast<uint32_t>(type) & 0xFFu; }
// Sub-byte elements (i1, i4) occupy one byte each.
constexpr uint32_t ElementByteSize(ElementType type) { return (ElementBitCount(type) + 7) / 8; }

// A numerical type this runtime knows, a non-zero bit count and no stray middle bits.
constexpr bool IsKnownElementType(ElementType type) {
  uint32_t value = static_cast<uint32_t>(type);
  if ((value & 0x00FFFF00u) != 0 || ElementBitCount(type) == 0) return false;
  switch (ElementNumericalType(type)) {
    case NumericalType::kUnknown:
    case NumericalType::kInteger:
    case NumericalType::kIntegerSigned:
    case NumericalType::kIntegerUnsigned:
    case NumericalType::kBoolean:
    case NumericalType::kFloatIeee:
    case NumericalType::kFloatBrain:
    case NumericalType::kFloatComplex:
    case NumericalType::kFloat8E5M2:
    case NumericalType::kFloat8E4M3FN:
    case NumericalType::kFloat8E5M2FNUZ:
    case NumericalType::kFloat8E4M3FNUZ:
    case NumericalType::kFloat8E8M0FNU:
      return true;
  }
  return false;
}

}  // namespace sinew::hal

#endif  // SINEW_RUNTIME_HAL_ELEMENT_TYPE_H_
