// Values, type defs and variants: the typed cells that lists, invocation and tools exchange.
#ifndef SINEW_RUNTIME_VM_VALUE_H_
#define SINEW_RUNTIME_VM_VALUE_H_

#include <stdint.h>

#include "runtime/vm/ref.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sinew_vm_value_type_e {
  SINEW_VM_VALUE_TYPE_NONE = 0,
  SINEW_VM_VALUE_TYPE_I8 = 1,
  SINEW_VM_VALUE_TYPE_I16 = 2,
  SINEW_VM_VALUE_TYPE_I32 = 3,
  SINEW_VM_VALUE_TYPE_I64 = 4,
  SINEW_VM_VALUE_TYPE_F32 = 5,
  SINEW_VM_VALUE_TYPE_F64 = 6,
} sinew_vm_value_type_t;

// Either a value type, a ref type, or neither ("variant": any value or ref).
typedef struct sinew_vm_type_def_t {
  sinew_vm_value_type_t value_type;
  sinew_vm_ref_type_t ref_type;
} sinew_vm_type_def_t;

static inline sinew_vm_type_def_t sinew_vm_make_value_type_def(sinew_vm_value_type_t type) {
  sinew_vm_type_def_t def = {type, 0};
  return def;
}
static inline sinew_vm_type_def_t sinew_vm_make_ref_type_def(sinew_vm_ref_type_t type) {
  sinew_vm_type_def_t def = {SINEW_VM_VALUE_TYPE_NONE, type};
  return def;
}
static inline sinew_vm_type_def_t sinew_vm_make_variant_type_def(void) {
  sinew_vm_type_def_t def = {SINEW_VM_VALUE_TYPE_NONE, 0};
  return def;
}
static inline int sinew_vm_type_def_is_value(sinew_vm_type_def_t def) {
  return def.value_type != SINEW_VM_VALUE_TYPE_NONE;
}
static inline int sinew_vm_type_def_is_ref(sinew_vm_type_def_t def) { return def.ref_type != 0; }
static inline int sinew_vm_type_def_is_variant(sinew_vm_type_def_t def) {
  return def.value_type == SINEW_VM_VALUE_TYPE_NONE && def.ref_type == 0;
}

// A primitive value with its type.
typedef struct sinew_vm_value_t {
  sinew_vm_value_type_t type;
  union {
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
  };
} sinew_vm_value_t;

static inline sinew_vm_value_t sinew_vm_value_make_i32(int32_t v) {
  sinew_vm_value_t value;
  value.type = SINEW_VM_VALUE_TYPE_I32;
  value.i64 = 0;
  value.i32 = v;
  return value;
}
static inline sinew_vm_value_t sinew_vm_value_make_i64(int64_t v) {
  sinew_vm_value_t value;
  value.type = SINEW_VM_VALUE_TYPE_I64;
  value.i64 = v;
  return value;
}
static inline sinew_vm_value_t sinew_vm_value_make_f32(float v) {
  sinew_vm_value_t value;
  value.type = SINEW_VM_VALUE_TYPE_F32;
  value.i64 = 0;
  value.f32 = v;
  return value;
}
static inline sinew_vm_value_t sinew_vm_value_make_f64(double v) {
  sinew_vm_value_t value;
  value.type = SINEW_VM_VALUE_TYPE_F64;
  value.f64 = v;
  return value;
}

// Converts between value types: integers sign-extend or truncate, f32<->f64 convert, and
// integer<->float converts numerically (IREE yields 0 there; Sinew converts, see README).
sinew_vm_value_t sinew_vm_value_convert(sinew_vm_value_t value, sinew_vm_value_type_t type);

// A value or a ref. Empty when its type def is a variant and it holds no ref.
typedef struct sinew_vm_variant_t {
  sinew_vm_type_def_t type;
  union {
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    sinew_vm_ref_t ref;
  };
} sinew_vm_variant_t;

static inline sinew_vm_variant_t sinew_vm_variant_empty(void) {
  sinew_vm_variant_t variant;
  variant.type = sinew_vm_make_variant_type_def();
  variant.ref.ptr = 0;
  variant.ref.type = 0;
  return variant;
}
static inline int sinew_vm_variant_is_empty(const sinew_vm_variant_t* v) {
  return sinew_vm_type_def_is_variant(v->type);
}
static inline int sinew_vm_variant_is_value(const sinew_vm_variant_t* v) {
  return sinew_vm_type_def_is_value(v->type);
}
static inline int sinew_vm_variant_is_ref(const sinew_vm_variant_t* v) {
  return sinew_vm_type_def_is_ref(v->type);
}

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_RUNTIME_VM_VALUE_H_
