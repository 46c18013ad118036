// Tests for call tracing: every call a context makes is reported as a properly nested
// begin/end pair (host invocations, bytecode calls within and across modules, register-direct
// and buffered native imports, imports called from C++), calls that fail end as their frames
// unwind, and nothing is reported without a tracer.
#include "runtime/vm/call_tracer.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/bytecode/writer.h"
#include "runtime/vm/context.h"
#include "runtime/vm/invocation.h"
#include "runtime/vm/native/native_module_cc.h"

namespace sinew::vm {
namespace {

constexpr NativeImport kNativeImports[] = {MakeNativeImport<int32_t(int32_t)>("leaves.leaf")};

struct NativeState {
  StatusOr<int32_t> Twice(int32_t value) { return 2 * value; }
  StatusOr<int32_t> Sum(std::span<const int32_t> values) {
    int32_t sum = 0;
    for (int32_t value : values) sum += value;
    return sum;
  }
  Status Fail(int32_t value) { return InvalidArgumentError(StrCat("failing on ", value)); }
  StatusOr<int32_t> Relay(NativeCall& call, int32_t value) {
    return call.CallImport<int32_t>(0, value);
  }
};

const NativeFunction<NativeState> kNativeFunctions[] = {
    MakeNativeFunction("fail", &NativeState::Fail),
    MakeNativeFunction("relay", &NativeState::Relay),
    MakeNativeFunction("sum", &NativeState::Sum),
    MakeNativeFunction("twice", &NativeState::Twice),
};

class TracedNativeModule final : public NativeModule<NativeState> {
 public:
  explicit TracedNativeModule(sinew_vm_instance_t* instance)
      : NativeModule("native", 0, instance, sinew_allocator_system(), kNativeFunctions,
                     {.imports = kNativeImports}) {}
  StatusOr<std::unique_ptr<NativeState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<NativeState>();
  }
};

constexpr std::string_view kLeaves = R"(
vm.module @leaves
vm.export @leaf
vm.func @leaf(%i0: i32) -> (i32) {
  vm.return %i0
}
)";

constexpr std::string_view kProgram = R"(
vm.module @prog
vm.import @native.twice cconv "0i_i"
vm.import @native.sum cconv "0CiD_i"
vm.import @native.fail cconv "0i_v"
vm.import @native.relay cconv "0i_i"
vm.import @leaves.leaf cconv "0i_i"

vm.export @main
vm.func @main(%i0: i32) -> (i32) {
  %i1 = vm.call @helper(%i0)
  %i2 = vm.call @native.twice(%i1)
  %i3 = vm.call.variadic @native.sum segments[2](%i1, %i2)
  %i4 = vm.call @leaves.leaf(%i3)
  vm.return %i4
}

vm.export @helper
vm.func @helper(%i0: i32) -> (i32) {
  vm.return %i0
}

vm.export @relayed
vm.func @relayed(%i0: i32) -> (i32) {
  %i1 = vm.call @native.relay(%i0)
  vm.return %i1
}

vm.export @failing
vm.func @failing(%i0: i32) -> () {
  vm.call @fails_inside(%i0)
  vm.return
}

vm.export @fails_inside
vm.func @fails_inside(%i0: i32) -> () {
  vm.call @native.fail(%i0)
  vm.return
}
)";

// Records "B module.fn" / "E module.fn" lines.
struct Recorder {
  static std::string Name(sinew_vm_function_t function) {
    sinew_string_view_t name = {nullptr, 0};
    sinew_status_free(function.module->get_function(
        function.module->self, static_cast<sinew_vm_function_linkage_t>(function.linkage),
        function.ordinal, nullptr, &name, nullptr));
    return StrCat(ToStringView(sinew_vm_module_name(function.module)), ".", ToStringView(name));
  }
  sinew_vm_call_tracer_t tracer = {
      this,
      [](void* self, sinew_vm_function_t function) {
        static_cast<Recorder*>(self)->events.push_back("B " + Name(function));
      },
      [](void* self, sinew_vm_function_t function) {
        static_cast<Recorder*>(self)->events.push_back("E " + Name(function));
      },
  };
  std::vector<std::string> events;
};

class CallTracerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(sinew_status_is_ok(sinew_vm_instance_create(sinew_allocator_system(), &instance_)));
    modules_ = {Assemble(kLeaves), (new TracedNativeModule(instance_))->interface(),
                Assemble(kProgram)};
    auto context = CreateContext(instance_, 0, sinew_allocator_system());
    ASSERT_TRUE(context.has_value());
    context_ = *context;
    SetContextCallTracer(context_, &recorder_.tracer);
    Status registered = RegisterModules(context_, modules_);
    ASSERT_TRUE(registered.has_value()) << registered.error().ToString();
  }
  void TearDown() override {
    ReleaseContext(context_);
    for (sinew_vm_module_t* module : modules_) sinew_vm_module_release(module);
    sinew_vm_instance_release(instance_);
  }

  sinew_vm_module_t* Assemble(std::string_view source) {
    auto desc = bytecode::AssembleModule(source, "test.vmasm");
    EXPECT_TRUE(desc.has_value()) << desc.error().ToString();
    auto bytes = std::make_shared<std::vector<uint8_t>>(bytecode::WriteModule(*desc));
    keep_alive_.push_back(bytes);
    sinew_vm_module_t* module = nullptr;
    EXPECT_TRUE(sinew_status_is_ok(
        sinew_vm_bytecode_module_create(instance_, {bytes->data(), bytes->size()}, nullptr, nullptr,
                                        sinew_allocator_system(), &module)));
    return module;
  }

  Status Call(std::string_view name, int32_t argument, size_t result_count) {
    SINEW_ASSIGN_OR_RETURN(sinew_vm_function_t function, ResolveFunction(context_, name));
    sinew_vm_value_t value = sinew_vm_value_make_i32(argument);
    sinew_vm_value_t results[1];
    return InvokeValues(context_, function, std::span(&value, 1), std::span(results, result_count));
  }

  sinew_vm_instance_t* instance_ = nullptr;
  std::vector<std::shared_ptr<std::vector<uint8_t>>> keep_alive_;
  std::vector<sinew_vm_module_t*> modules_;
  sinew_vm_context_t* context_ = nullptr;
  Recorder recorder_;
};

using Events = std::vector<std::string>;

TEST_F(CallTracerTest, BytecodeAndNativeCallsNestInsideTheHostCall) {
  ASSERT_TRUE(Call("prog.main", 3, 1).has_value());
  EXPECT_EQ(recorder_.events, (Events{
                                  "B prog.main",
                                  "B prog.helper",
                                  "E prog.helper",
                                  "B native.twice",
                                  "E native.twice",
                                  "B native.sum",
                                  "E native.sum",
                                  "B leaves.leaf",
                                  "E leaves.leaf",
                                  "E prog.main",
                              }));
}

TEST_F(CallTracerTest, ImportsCalledFromCppAreTraced) {
  ASSERT_TRUE(Call("prog.relayed", 4, 1).has_value());
  EXPECT_EQ(recorder_.events, (Events{
                                  "B prog.relayed",
                                  "B native.relay",
                                  "B leaves.leaf",
                                  "E leaves.leaf",
                                  "E native.relay",
                                  "E prog.relayed",
                              }));
}

TEST_F(CallTracerTest, FailingCallsEndAsTheirFramesUnwind) {
  Status status = Call("prog.failing", 5, 0);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(recorder_.events, (Events{
                                  "B prog.failing",
                                  "B prog.fails_inside",
                                  "B native.fail",
                                  "E native.fail",
                                  "E prog.fails_inside",
                                  "E prog.failing",
                              }));
}

TEST_F(CallTracerTest, ForksKeepTheTracerAndRemovingItStopsTracing) {
  auto fork = ForkContext(context_, sinew_allocator_system());
  ASSERT_TRUE(fork.has_value());
  EXPECT_EQ(ContextCallTracer(*fork), &recorder_.tracer);
  ReleaseContext(*fork);
  SetContextCallTracer(context_, nullptr);
  ASSERT_TRUE(Call("prog.main", 3, 1).has_value());
  EXPECT_TRUE(recorder_.events.empty());
}

}  // namespace
}  // namespace sinew::vm
