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

#ifdef __cplusplus

#include <cstddef>
#include <string_view>
#include <utility>

namespace sinew::vm {

// Maps a C object type to its ref type. Specialize with `static sinew_vm_ref_type_t type()` next
// to the type's declaration, and with `static constexpr std::string_view kTypeName` (no `!`) so
// native functions can report their signatures with the type's name (native_signature.h).
template <typename T>
struct ref_type_traits;

template <typename T>
inline sinew_vm_ref_type_t ref_type_of() {
  return ref_type_traits<T>::type();
}

// Owning pointer to a ref-counted T: copying retains, moving transfers, destruction releases.
// Constructing from a raw T* adopts a count the caller already holds; see retain_ref().
template <typename T>
class ref {
 public:
  ref() noexcept = default;
  ref(std::nullptr_t) noexcept {}  // NOLINT: null converts implicitly like a pointer.
  explicit ref(T* ptr) noexcept : ptr_(ptr) {}
  ref(const ref& other) noexcept : ptr_(other.ptr_) {
    sinew_vm_object_retain(ptr_, ref_type_of<T>());
  }
  ref(ref&& other) noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}
  ref& operator=(const ref& other) noexcept {
    ref(other).swap(*this);
    return *this;
  }
  ref& operator=(ref&& other) noexcept {
    ref(std::move(other)).swap(*this);
    return *this;
  }
  ref& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }
  ~ref() { sinew_vm_object_release(ptr_, ref_type_of<T>()); }

  T* get() const noexcept { return ptr_; }
  T* operator->() const noexcept { return ptr_; }
  T& operator*() const noexcept { return *ptr_; }
  explicit operator bool() const noexcept { return ptr_ != nullptr; }

  // Gives up ownership without releasing.
  [[nodiscard]] T* release() noexcept { return std::exchange(ptr_, nullptr); }
  // Releases the current object and adopts `ptr`.
  void reset(T* ptr = nullptr) noexcept { ref(ptr).swap(*this); }
  // Releases the current object and returns the slot for a C `T** out` parameter to fill.
  T** put() noexcept {
    reset();
    return &ptr_;
  }
  void swap(ref& other) noexcept { std::swap(ptr_, other.ptr_); }

  friend bool operator==(const ref& a, const ref& b) noexcept { return a.ptr_ == b.ptr_; }
  friend bool operator==(const ref& a, std::nullptr_t) noexcept { return a.ptr_ == nullptr; }
  friend bool operator==(const ref& a, const T* b) noexcept { return a.ptr_ == b; }

 private:
  T* ptr_ = nullptr;
};

// Adds a count to `ptr` and returns it owned.
template <typename T>
ref<T> retain_ref(T* ptr) noexcept {
  sinew_vm_object_retain(ptr, ref_type_of<T>());
  return ref<T>(ptr);
}

}  // namespace sinew::vm

#endif  // __cplusplus

#endif  // SINEW_RUNTIME_VM_REF_H_
