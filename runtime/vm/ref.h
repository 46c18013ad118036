// Reference-counted objects and the C ref handle shared by every module.
//
// A ref type is described by a sinew_vm_ref_type_descriptor_t. Its id is the descriptor
// address with the counter offset (in 4-byte units) in the low 3 bits, so retain and
// release find the counter without touching the descriptor.
#ifndef SINEW_RUNTIME_VM_REF_H_
#define SINEW_RUNTIME_VM_REF_H_

#include <stddef.h>
#include <stdint.h>

#include "runtime/base/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uintptr_t sinew_vm_ref_type_t;

typedef struct sinew_vm_ref_type_descriptor_t {
  // Called when the count drops to zero.
  void (*destroy)(void* ptr);
  // Registered name without '!' (e.g. "vm.buffer", "custom.string"); must outlive the type.
  const char* type_name;
  // Byte offset of the uint32_t counter in the object: a multiple of 4 below 32.
  uint32_t offsetof_counter;
} __attribute__((aligned(8))) sinew_vm_ref_type_descriptor_t;

// A reference: object pointer plus type id. All-zero is null.
typedef struct sinew_vm_ref_t {
  void* ptr;
  sinew_vm_ref_type_t type;
} sinew_vm_ref_t;

static inline sinew_vm_ref_type_t sinew_vm_ref_type_from_descriptor(
    const sinew_vm_ref_type_descriptor_t* descriptor) {
  return (sinew_vm_ref_type_t)descriptor | ((descriptor->offsetof_counter >> 2) & 7u);
}

static inline const sinew_vm_ref_type_descriptor_t* sinew_vm_ref_type_descriptor(
    sinew_vm_ref_type_t type) {
  return (const sinew_vm_ref_type_descriptor_t*)(type & ~(sinew_vm_ref_type_t)7);
}

// "null" for type 0.
const char* sinew_vm_ref_type_name(sinew_vm_ref_type_t type);

static inline uint32_t* sinew_vm_ref_counter(void* ptr, sinew_vm_ref_type_t type) {
  return (uint32_t*)((uint8_t*)ptr + ((type & 7u) << 2));
}

static inline int sinew_vm_ref_is_null(const sinew_vm_ref_t* ref) { return ref->ptr == NULL; }

// Adds a count to a raw object of `type`.
static inline void sinew_vm_object_retain(void* ptr, sinew_vm_ref_type_t type) {
  if (ptr) __atomic_fetch_add(sinew_vm_ref_counter(ptr, type), 1, __ATOMIC_RELAXED);
}

// Drops a count; destroys the object at zero.
static inline void sinew_vm_object_release(void* ptr, sinew_vm_ref_type_t type) {
  if (ptr && __atomic_fetch_sub(sinew_vm_ref_counter(ptr, type), 1, __ATOMIC_ACQ_REL) == 1) {
    sinew_vm_ref_type_descriptor(type)->destroy(ptr);
  }
}

// Releases the reference held by `ref` and nulls it.
static inline void sinew_vm_ref_release(sinew_vm_ref_t* ref) {
  void* ptr = ref->ptr;
  sinew_vm_ref_type_t type = ref->type;
  ref->ptr = NULL;
  ref->type = 0;
  sinew_vm_object_release(ptr, type);
}

// out := src with a new count. Safe when out aliases src.
static inline void sinew_vm_ref_retain(const sinew_vm_ref_t* src, sinew_vm_ref_t* out) {
  sinew_vm_ref_t value = *src;
  sinew_vm_object_retain(value.ptr, value.type);
  sinew_vm_ref_t old = *out;
  *out = value;
  sinew_vm_object_release(old.ptr, old.type);
}

// out := src, src := null; no count changes. A no-op when they alias.
static inline void sinew_vm_ref_move(sinew_vm_ref_t* src, sinew_vm_ref_t* out) {
  if (src == out) return;
  sinew_vm_ref_t old = *out;
  *out = *src;
  src->ptr = NULL;
  src->type = 0;
  sinew_vm_object_release(old.ptr, old.type);
}

static inline void sinew_vm_ref_retain_or_move(int is_move, sinew_vm_ref_t* src,
                                               sinew_vm_ref_t* out) {
  if (is_move) {
    sinew_vm_ref_move(src, out);
  } else {
    sinew_vm_ref_retain(src, out);
  }
}

// Adopts an existing count of `ptr` into `out`.
static inline void sinew_vm_ref_wrap_assign(void* ptr, sinew_vm_ref_type_t type,
                                            sinew_vm_ref_t* out) {
  sinew_vm_ref_t old = *out;
  out->ptr = ptr;
  out->type = ptr ? type : 0;
  sinew_vm_object_release(old.ptr, old.type);
}

// Adds a count to `ptr` and stores it in `out`.
static inline void sinew_vm_ref_wrap_retain(void* ptr, sinew_vm_ref_type_t type,
                                            sinew_vm_ref_t* out) {
  sinew_vm_object_retain(ptr, type);
  sinew_vm_ref_wrap_assign(ptr, type, out);
}

static inline int sinew_vm_ref_equal(const sinew_vm_ref_t* a, const sinew_vm_ref_t* b) {
  return a->ptr == b->ptr && a->type == b->type;
}

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_RUNTIME_VM_REF_H_
