// An owning holder for a reference of any type (`opaque_ref`), for native functions that take
// or return refs whose type they do not care about (cconv item `r`).
#ifndef SINEW_RUNTIME_VM_OPAQUE_REF_H_
#define SINEW_RUNTIME_VM_OPAQUE_REF_H_

#include <utility>

#include "runtime/vm/ref.h"

namespace sinew::vm {

class opaque_ref {
 public:
  opaque_ref() noexcept = default;
  // Adopts the count held by `value`.
  explicit opaque_ref(sinew_vm_ref_t value) noexcept : value_(value) {}
  // Adopts a count of a typed ref.
  template <typename T>
  opaque_ref(ref<T>&& typed) noexcept  // NOLINT: typed refs convert like pointers do.
      : value_{typed.get(), typed ? ref_type_of<T>() : 0} {
    (void)typed.release();
  }
  opaque_ref(opaque_ref&& other) noexcept : value_(std::exchange(other.value_, {})) {}
  opaque_ref& operator=(opaque_ref&& other) noexcept {
    opaque_ref(std::move(other)).swap(*this);
    return *this;
  }
  opaque_ref(const opaque_ref&) = delete;
  opaque_ref& operator=(const opaque_ref&) = delete;
  ~opaque_ref() { sinew_vm_ref_release(&value_); }

  // A new count of `value`.
  static opaque_ref Retain(const sinew_vm_ref_t& value) noexcept {
    sinew_vm_object_retain(value.ptr, value.type);
    return opaque_ref(value);
  }

  const sinew_vm_ref_t& get() const noexcept { return value_; }
  sinew_vm_ref_type_t type() const noexcept { return value_.type; }
  explicit operator bool() const noexcept { return value_.ptr != nullptr; }
  // Gives up ownership of the count.
  [[nodiscard]] sinew_vm_ref_t release() noexcept { return std::exchange(value_, {}); }
  void swap(opaque_ref& other) noexcept { std::swap(value_, other.value_); }

 private:
  sinew_vm_ref_t value_ = {};
};

}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_OPAQUE_REF_H_
