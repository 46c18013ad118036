// Conversion between value types, as used by list get/set.
#include "runtime/vm/value.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace {

bool IsInteger(sinew_vm_value_type_t type) {
  return type >= SINEW_VM_VALUE_TYPE_I8 && type <= SINEW_VM_VALUE_TYPE_I64;
}

bool IsFloat(sinew_vm_value_type_t type) {
  return type == SINEW_VM_VALUE_TYPE_F32 || type == SINEW_VM_VALUE_TYPE_F64;
}

int64_t ReadInteger(const sinew_vm_value_t& value) {
  switch (value.type) {
    case SINEW_VM_VALUE_TYPE_I8:
      return value.i8;
    case SINEW_VM_VALUE_TYPE_I16:
      return value.i16;
    case SINEW_VM_VALUE_TYPE_I32:
      return value.i32;
    default:
      return value.i64;
  }
}

double ReadFloat(const sinew_vm_value_t& value) {
  return value.type == SINEW_VM_VALUE_TYPE_F32 ? value.f32 : value.f64;
}

// Truncates toward zero; NaN becomes 0 and out-of-range values clamp, because the plain C
// conversion is undefined for them.
template <typename Int>
Int SaturatingFloatToInt(double value) {
  if (std::isnan(value)) return 0;
  constexpr Int kMin = std::numeric_limits<Int>::min();
  constexpr Int kMax = std::numeric_limits<Int>::max();
  // Both bounds are powers of two, so they are exact in a double.
  constexpr double kMinFloat = static_cast<double>(kMin);
  constexpr double kLimitFloat = -kMinFloat;
  if (value <= kMinFloat) return kMin;
  if (value >= kLimitFloat) return kMax;
  return static_cast<Int>(value);
}

}  // namespace

// A source of invalid type reads as zero; an invalid target type yields a NONE value.
extern "C" sinew_vm_value_t sinew_vm_value_convert(sinew_vm_value_t value,
                                                   sinew_vm_value_type_t type) {
  sinew_vm_value_t result;
  result.type = IsInteger(type) || IsFloat(type) ? type : SINEW_VM_VALUE_TYPE_NONE;
  result.i64 = 0;
  if (IsInteger(value.type)) {
    int64_t source = ReadInteger(value);
    switch (type) {
      // Narrowing keeps the low bits (modular since C++20).
      case SINEW_VM_VALUE_TYPE_I8:
        result.i8 = static_cast<int8_t>(source);
        break;
      case SINEW_VM_VALUE_TYPE_I16:
        result.i16 = static_cast<int16_t>(source);
        break;
      case SINEW_VM_VALUE_TYPE_I32:
        result.i32 = static_cast<int32_t>(source);
        break;
      case SINEW_VM_VALUE_TYPE_I64:
        result.i64 = source;
        break;
      case SINEW_VM_VALUE_TYPE_F32:
        result.f32 = static_cast<float>(source);
        break;
      case SINEW_VM_VALUE_TYPE_F64:
        result.f64 = static_cast<double>(source);
        break;
      default:
        break;
    }
  } else if (IsFloat(value.type)) {
    double source = ReadFloat(value);
    switch (type) {
      case SINEW_VM_VALUE_TYPE_I8:
        result.i8 = SaturatingFloatToInt<int8_t>(source);
        break;
      case SINEW_VM_VALUE_TYPE_I16:
        result.i16 = SaturatingFloatToInt<int16_t>(source);
        break;
      case SINEW_VM_VALUE_TYPE_I32:
        result.i32 = SaturatingFloatToInt<int32_t>(source);
        break;
      case SINEW_VM_VALUE_TYPE_I64:
        result.i64 = SaturatingFloatToInt<int64_t>(source);
        break;
      case SINEW_VM_VALUE_TYPE_F32:
        result.f32 = static_cast<float>(source);
        break;
      case SINEW_VM_VALUE_TYPE_F64:
        result.f64 = source;
        break;
      default:
        break;
    }
  }
  return result;
}
