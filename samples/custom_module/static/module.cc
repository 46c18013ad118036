// Module `custom` of the static and dynamic samples, written with the C++ NativeModule wrapper:
// a tensor (a `hal.buffer_view` ref) crosses into C++, is formatted as text and comes back as
// the module's own `!custom.string` type.
#include "samples/custom_module/static/module.h"

#include <cstdio>
#include <memory>
#include <span>
#include <string>

#include "runtime/base/str_cat.h"
#include "runtime/hal/buffer_view.h"
#include "runtime/hal/buffer_view_format.h"
#include "runtime/vm/native/native_module_cc.h"
#include "runtime/vm/ref_object.h"

namespace sinew::samples {
namespace {

using vm::MakeNativeFunction;
using vm::NativeFunction;
using vm::ref;

// At most this many elements are formatted; the rest are elided (`...`).
constexpr uint64_t kMaxElementCount = 128;
// Longer text fails with OUT_OF_RANGE: IREE's sample formats into a 512-character buffer,
// terminator included.
constexpr size_t kMaxTextLength = 511;

// `!custom.string`: an immutable string.
struct CustomString : vm::RefObject<CustomString, "custom.string"> {
  explicit CustomString(std::string text) : value(std::move(text)) {}
  std::string value;
};

// The module keeps no per-context data.
struct CustomState {
  StatusOr<ref<CustomString>> StringFromTensor(hal::BufferView& view) {
    std::string text = hal::FormatBufferView(view, kMaxElementCount);
    if (text.size() > kMaxTextLength) {
      return OutOfRangeError(StrCat("the formatted buffer view has ", text.size(),
                                    " characters, more than the ", kMaxTextLength, " allowed"));
    }
    std::printf("CREATE %s\n", text.c_str());
    std::fflush(stdout);
    return CustomString::Create(std::move(text));
  }

  Status StringPrint(CustomString* string) {
    if (!string) return OkStatus();
    std::printf("PRINT %s\n", string->value.c_str());
    std::fflush(stdout);
    return OkStatus();
  }

  Status Error() { return UnknownError("Forced failure"); }
};

const NativeFunction<CustomState> kStringsAndErrorFunctions[] = {
    MakeNativeFunction("string.from_tensor", &CustomState::StringFromTensor),
    MakeNativeFunction("string.print", &CustomState::StringPrint),
    MakeNativeFunction("error", &CustomState::Error),
};
// The static sample's exports: all but `error`.
const std::span<const NativeFunction<CustomState>> kStringsFunctions =
    std::span(kStringsAndErrorFunctions).first(2);

const sinew_vm_ref_type_descriptor_t* const kTypes[] = {CustomString::descriptor()};

class CustomModule final : public vm::NativeModule<CustomState> {
 public:
  CustomModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator,
               CustomModuleExports exports)
      : NativeModule("custom", 0, instance, allocator,
                     exports == CustomModuleExports::kStrings
                         ? kStringsFunctions
                         : std::span<const NativeFunction<CustomState>>(kStringsAndErrorFunctions),
                     {.types = kTypes}) {}
  StatusOr<std::unique_ptr<CustomState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<CustomState>();
  }
};

}  // namespace

sinew_status_t CreateCustomStringModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator,
                                        CustomModuleExports exports,
                                        sinew_vm_module_t** out_module) {
  *out_module = (new CustomModule(instance, allocator, exports))->interface();
  return sinew_ok_status();
}

}  // namespace sinew::samples

extern "C" sinew_status_t register_sample_module_types(sinew_vm_instance_t* instance) {
  return sinew::ToC(sinew::vm::RegisterType<sinew::samples::CustomString>(instance));
}

extern "C" sinew_status_t create_sample_module(sinew_vm_instance_t* instance,
                                               sinew_allocator_t allocator,
                                               sinew_vm_module_t** out_module) {
  return sinew::samples::CreateCustomStringModule(
      instance, allocator, sinew::samples::CustomModuleExports::kStrings, out_module);
}
