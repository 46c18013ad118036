// The `hal` module's exports over BufferView, written with the C++ NativeModule wrapper.
#include "runtime/hal/hal_module.h"

#include <algorithm>
#include <memory>
#include <span>

#include "runtime/base/str_cat.h"
#include "runtime/hal/buffer_view.h"
#include "runtime/hal/buffer_view_format.h"
#include "runtime/vm/native/native_module_cc.h"

namespace sinew::hal {
namespace {

// Views are immutable and the module keeps nothing per context but the allocator for aliases.
struct HalState {
  sinew_allocator_t allocator;

  StatusOr<vm::ref<BufferView>> BufferViewCreate(sinew_vm_buffer_t* source, int64_t offset,
                                                 int64_t length, uint32_t element_type,
                                                 std::span<const int64_t> shape) {
    if (offset < 0 || length < 0) {
      return InvalidArgumentError(
          StrCat("buffer view offset ", offset, " and length ", length, " must not be negative"));
    }
    return BufferView::Create(vm::retain_ref(source), static_cast<uint64_t>(offset),
                              static_cast<uint64_t>(length), static_cast<ElementType>(element_type),
                              shape);
  }

  StatusOr<int64_t> BufferViewDim(BufferView& view, int32_t index) {
    if (index < 0 || static_cast<size_t>(index) >= view.rank()) {
      return OutOfRangeError(StrCat("dimension index ", index, " is out of range for ",
                                    FormatShapeAndType(view.shape(), view.element_type()),
                                    " (rank ", view.rank(), ")"));
    }
    return view.shape()[index];
  }

  StatusOr<int32_t> BufferViewRank(BufferView& view) { return static_cast<int32_t>(view.rank()); }

  StatusOr<uint32_t> BufferViewElementType(BufferView& view) {
    return static_cast<uint32_t>(view.element_type());
  }

  StatusOr<vm::ref<sinew_vm_buffer_t>> BufferViewBuffer(BufferView& view) {
    return view.AliasBytes(allocator);
  }

  Status BufferViewAssert(BufferView& view, uint32_t element_type, std::span<const int64_t> shape) {
    auto expected_type = static_cast<ElementType>(element_type);
    if (view.element_type() != expected_type || !std::ranges::equal(view.shape(), shape)) {
      return InvalidArgumentError(StrCat("buffer view mismatch; expected ",
                                         FormatShapeAndType(shape, expected_type), " but got ",
                                         FormatShapeAndType(view.shape(), view.element_type())));
    }
    return OkStatus();
  }
};

const vm::NativeFunction<HalState> kFunctions[] = {
    vm::MakeNativeFunction("buffer_view.create", &HalState::BufferViewCreate),
    vm::MakeNativeFunction("buffer_view.dim", &HalState::BufferViewDim),
    vm::MakeNativeFunction("buffer_view.rank", &HalState::BufferViewRank),
    vm::MakeNativeFunction("buffer_view.element_type", &HalState::BufferViewElementType),
    vm::MakeNativeFunction("buffer_view.buffer", &HalState::BufferViewBuffer),
    vm::MakeNativeFunction("buffer_view.assert", &HalState::BufferViewAssert),
};
const sinew_vm_ref_type_descriptor_t* const kTypes[] = {BufferView::descriptor()};

class HalModule final : public vm::NativeModule<HalState> {
 public:
  HalModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator)
      : NativeModule("hal", 0, instance, allocator, kFunctions, {.types = kTypes}) {}
  StatusOr<std::unique_ptr<HalState>> CreateState(sinew_allocator_t allocator) override {
    return std::make_unique<HalState>(HalState{allocator});
  }
};

}  // namespace
}  // namespace sinew::hal

extern "C" sinew_status_t sinew_hal_module_create(sinew_vm_instance_t* instance,
                                                  sinew_allocator_t allocator,
                                                  sinew_vm_module_t** out_module) {
  *out_module = (new sinew::hal::HalModule(instance, allocator))->interface();
  return sinew_ok_status();
}

extern "C" sinew_status_t sinew_hal_register_types(sinew_vm_instance_t* instance) {
  return sinew::ToC(sinew::vm::RegisterType<sinew::hal::BufferView>(instance));
}
