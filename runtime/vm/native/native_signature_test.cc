// Tests for the MLIR signatures generated from C++ native function types: scalars, named and
// unnamed ref types, borrowed and owned refs, tuples and arrays in both positions, no
// parameters or results, variadic spans (no signature), and the `sinew.signature` reflection
// attribute the C++ wrapper reports after a function's own attributes.
#include "runtime/vm/native/native_signature.h"

#include <gtest/gtest.h>

#include "runtime/vm/buffer.h"
#include "runtime/vm/list.h"
#include "runtime/vm/native/native_module_cc.h"
#include "runtime/vm/ref_object.h"

namespace sinew::vm {
namespace {

using native_detail::MlirSignature;

struct Widget : RefObject<Widget, "test.widget"> {};

// A ref type whose traits carry no name.
struct Anonymous {
  uint32_t counter;
};

}  // namespace

template <>
struct ref_type_traits<Anonymous> {
  static sinew_vm_ref_type_t type() { return 0; }
};

namespace {

TEST(NativeSignatureTest, Scalars) {
  EXPECT_EQ((MlirSignature<int32_t, int32_t, uint32_t>().view()), "(i32, i32) -> i32");
  EXPECT_EQ((MlirSignature<double, int64_t, uint64_t, float>().view()), "(i64, i64, f32) -> f64");
}

TEST(NativeSignatureTest, NoParametersOrResults) {
  EXPECT_EQ(MlirSignature<void>().view(), "() -> ()");
  EXPECT_EQ((MlirSignature<void, float>().view()), "(f32) -> ()");
}

TEST(NativeSignatureTest, RefsAreNamedByTheirTraits) {
  EXPECT_EQ((MlirSignature<ref<Widget>, Widget*, Widget&, ref<Widget>>().view()),
            "(!test.widget, !test.widget, !test.widget) -> !test.widget");
  EXPECT_EQ((MlirSignature<ref<sinew_vm_list_t>, ref<sinew_vm_buffer_t>>().view()),
            "(!vm.buffer) -> !vm.list");
  EXPECT_EQ((MlirSignature<ref<sinew_vm_buffer_t>, std::string_view>().view()),
            "(!vm.buffer) -> !vm.buffer");
}

TEST(NativeSignatureTest, UnnamedAndAnyRefsAreOpaque) {
  EXPECT_EQ((MlirSignature<opaque_ref, Anonymous*>().view()), "(!vm.ref<?>) -> !vm.ref<?>");
}

TEST(NativeSignatureTest, TuplesAndArraysFlatten) {
  EXPECT_EQ((MlirSignature<std::tuple<int32_t, ref<Widget>>, std::tuple<int64_t, double>>().view()),
            "(i64, f64) -> (i32, !test.widget)");
  EXPECT_EQ((MlirSignature<std::array<float, 2>, std::array<int32_t, 3>>().view()),
            "(i32, i32, i32) -> (f32, f32)");
}

TEST(NativeSignatureTest, VariadicFunctionsHaveNone) {
  EXPECT_EQ((MlirSignature<int32_t, int32_t, std::span<const int32_t>>().view()), "");
}

struct SignatureState {
  StatusOr<int64_t> Size(Widget&) { return 0; }
  Status Log(std::span<const int32_t>) { return OkStatus(); }
};

class SignatureModule final : public NativeModule<SignatureState> {
 public:
  using NativeModule::NativeModule;
  StatusOr<std::unique_ptr<SignatureState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<SignatureState>();
  }
};

TEST(NativeSignatureTest, WrapperReportsTheSignatureAfterTheFunctionsAttributes) {
  static const sinew_string_pair_t kAttrs[] = {
      {sinew_make_cstring_view("doc"), sinew_make_cstring_view("size of a widget")}};
  static const NativeFunction<SignatureState> kFunctions[] = {
      MakeNativeFunction("size", &SignatureState::Size, kAttrs),
      MakeNativeFunction("log", &SignatureState::Log),
  };
  sinew_vm_instance_t* instance = nullptr;
  ASSERT_TRUE(sinew_status_is_ok(sinew_vm_instance_create(sinew_allocator_system(), &instance)));
  sinew_vm_module_t* module =
      (new SignatureModule("sig", 0, instance, sinew_allocator_system(), kFunctions))->interface();
  sinew_string_pair_t attr;
  ASSERT_TRUE(sinew_status_is_ok(
      module->get_function_attr(module->self, SINEW_VM_LINKAGE_EXPORT, 0, 0, &attr)));
  EXPECT_EQ(ToStringView(attr.key), "doc");
  ASSERT_TRUE(sinew_status_is_ok(
      module->get_function_attr(module->self, SINEW_VM_LINKAGE_EXPORT, 0, 1, &attr)));
  EXPECT_EQ(ToStringView(attr.key), kSignatureAttr);
  EXPECT_EQ(ToStringView(attr.value), "(!test.widget) -> i64");
  sinew_status_t end =
      module->get_function_attr(module->self, SINEW_VM_LINKAGE_EXPORT, 0, 2, &attr);
  EXPECT_EQ(sinew_status_code(end), SINEW_STATUS_OUT_OF_RANGE);
  sinew_status_free(end);
  // A variadic function has no signature attribute.
  end = module->get_function_attr(module->self, SINEW_VM_LINKAGE_EXPORT, 1, 0, &attr);
  EXPECT_EQ(sinew_status_code(end), SINEW_STATUS_OUT_OF_RANGE);
  sinew_status_free(end);
  sinew_vm_module_release(module);
  sinew_vm_instance_release(instance);
}

}  // namespace
}  // namespace sinew::vm
