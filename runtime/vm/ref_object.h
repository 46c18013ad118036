// Turns a C++ class into a VM ref type in one line:
//
//   struct CustomString : sinew::vm::RefObject<CustomString, "custom.string"> { ... };
//
// The object carries its own atomic count (first, at offset 0, so RefObject must be the first
// base and the class must not be polymorphic), the type's descriptor is a static of the class
// and its id is known without any registry lookup; `ref<CustomString>` and `CustomString*`
// parameters of native functions work at once. Register the type on an instance
// (RegisterType<T>) so bytecode modules naming `!custom.string` resolve it; NativeModule
// does that for the types it lists.
#ifndef SINEW_RUNTIME_VM_REF_OBJECT_H_
#define SINEW_RUNTIME_VM_REF_OBJECT_H_

#include <concepts>
#include <type_traits>
#include <utility>

#include "runtime/base/fixed_string.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/ref.h"

namespace sinew::vm {

// Common base of every RefObject, so traits can recognise them.
class RefObjectBase {
 protected:
  RefObjectBase() = default;
  uint32_t counter_ = 1;
};

template <typename T, FixedString kTypeName>
class RefObject : public RefObjectBase {
 public:
  RefObject(const RefObject&) = delete;
  RefObject& operator=(const RefObject&) = delete;

  static constexpr std::string_view type_name() { return kTypeName.view(); }
  static const sinew_vm_ref_type_descriptor_t* descriptor() { return &kDescriptor; }
  static sinew_vm_ref_type_t type() { return sinew_vm_ref_type_from_descriptor(&kDescriptor); }

  // A new object with one count, owned by the returned ref.
  template <typename... Args>
  static ref<T> Create(Args&&... args) {
    return ref<T>(new T(std::forward<Args>(args)...));
  }

 protected:
  RefObject() = default;

 private:
  static void Destroy(void* ptr) {
    static_assert(!std::is_polymorphic_v<T>, "RefObject types keep their count at offset 0");
    delete static_cast<T*>(ptr);
  }
  static constexpr sinew_vm_ref_type_descriptor_t kDescriptor = {&Destroy, kTypeName.c_str(), 0};
};

template <typename T>
concept RefObjectType = std::derived_from<T, RefObjectBase>;

template <RefObjectType T>
struct ref_type_traits<T> {
  static constexpr std::string_view kTypeName = T::type_name();
  static sinew_vm_ref_type_t type() { return T::type(); }
};

// Registers T's type on `instance` by name (counted: unregister as often as registered).
template <RefObjectType T>
Status RegisterType(sinew_vm_instance_t* instance) {
  sinew_vm_ref_type_t type = 0;
  return FromC(sinew_vm_instance_register_type(instance, T::descriptor(), &type));
}

}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_REF_OBJECT_H_
