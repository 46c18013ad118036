// The `tooling_test` module, written with the C++ NativeModule wrapper.
#include "tests/tooling_module/tooling_test_module.h"

#include <cstring>
#include <memory>
#include <span>
#include <tuple>

#include "runtime/vm/buffer.h"
#include "runtime/vm/native/native_module_cc.h"
#include "runtime/vm/ref_object.h"

namespace {

using sinew::Status;
using sinew::StatusOr;
using sinew::vm::MakeNativeFunction;
using sinew::vm::NativeFunction;
using sinew::vm::ref;

struct Counter : sinew::vm::RefObject<Counter, "tooling_test.counter"> {
  explicit Counter(int64_t start) : value(start) {}
  int64_t value;
};

struct ToolingTestState {
  StatusOr<int32_t> Add(int32_t a, int32_t b) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
  }
  StatusOr<ref<Counter>> CounterNew(int64_t start) { return Counter::Create(start); }
  StatusOr<int64_t> CounterGet(Counter& counter) { return counter.value; }
  StatusOr<ref<sinew_vm_buffer_t>> Greeting() {
    ref<sinew_vm_buffer_t> buffer;
    SINEW_RETURN_IF_ERROR(sinew::FromC(sinew_vm_buffer_create(
        SINEW_VM_BUFFER_ACCESS_ORIGIN_HOST, 5, 0, sinew_allocator_system(), buffer.put())));
    std::memcpy(buffer->data, "hello", 5);
    return buffer;
  }
  StatusOr<std::tuple<float, double>> Halve(float a, double b) {
    return std::tuple<float, double>(a / 2, b / 2);
  }
  StatusOr<sinew::vm::opaque_ref> Identity(sinew::vm::opaque_ref value) { return value; }
  Status Noop() { return sinew::OkStatus(); }
  StatusOr<int32_t> Sum(std::span<const int32_t> values) {
    uint32_t sum = 0;
    for (int32_t value : values) sum += static_cast<uint32_t>(value);
    return static_cast<int32_t>(sum);
  }
};

const sinew_string_pair_t kAddAttrs[] = {
    {sinew_make_cstring_view("doc"), sinew_make_cstring_view("wrapping i32 addition")},
};
const sinew_string_pair_t kNoopAttrs[] = {
    {sinew_make_cstring_view("iree.benchmark"), sinew_make_cstring_view("entry")},
};
const sinew_string_pair_t kModuleAttrs[] = {
    {sinew_make_cstring_view("description"),
     sinew_make_cstring_view("linked into the tools by SINEW_EXTERNAL_TOOLING_MODULES")},
};

const NativeFunction<ToolingTestState> kFunctions[] = {
    MakeNativeFunction("add", &ToolingTestState::Add, kAddAttrs),
    MakeNativeFunction("counter.new", &ToolingTestState::CounterNew),
    MakeNativeFunction("counter.get", &ToolingTestState::CounterGet),
    MakeNativeFunction("greeting", &ToolingTestState::Greeting),
    MakeNativeFunction("halve", &ToolingTestState::Halve),
    MakeNativeFunction("identity", &ToolingTestState::Identity),
    MakeNativeFunction("noop", &ToolingTestState::Noop, kNoopAttrs),
    MakeNativeFunction("sum", &ToolingTestState::Sum),
};
const sinew_vm_ref_type_descriptor_t* const kTypes[] = {Counter::descriptor()};

class ToolingTestModule final : public sinew::vm::NativeModule<ToolingTestState> {
 public:
  ToolingTestModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator)
      : NativeModule("tooling_test", 3, instance, allocator, kFunctions,
                     {.attrs = kModuleAttrs, .types = kTypes}) {}
  StatusOr<std::unique_ptr<ToolingTestState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<ToolingTestState>();
  }
};

}  // namespace

extern "C" sinew_status_t sinew_tooling_test_module_register_types(sinew_vm_instance_t* instance) {
  return sinew::ToC(sinew::vm::RegisterType<Counter>(instance));
}

extern "C" sinew_status_t sinew_tooling_test_module_create(sinew_vm_instance_t* instance,
                                                           sinew_allocator_t allocator,
                                                           sinew_vm_module_t** out_module) {
  *out_module = (new ToolingTestModule(instance, allocator))->interface();
  return sinew_ok_status();
}
