// Tests for host invocation: argument and result marshaling through variant lists, the
// argument count/type errors of RUNTIME_MODEL.md 11.2-11.3, ref ownership, and failures
// reported with a VM backtrace (including stack exhaustion by deep recursion and failing native
// imports), and a native function invoking its context again while bytecode runs.
#include "runtime/vm/invocation.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/buffer.h"
#include "runtime/vm/bytecode/assembler.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/context.h"
#include "runtime/vm/native/native_module.h"

namespace sinew::vm {
namespace {

constexpr std::string_view kSource = R"(
vm.module @app
vm.export @add
vm.func @add(%i0: i32, %i1: i32) -> (i32) {
  %i2 = vm.add.i32 %i0, %i1
  vm.return %i2
}
vm.export @widen
vm.func @widen(%i0: i32, %i2:3: i64, %i4: f32) -> (i64, f32, i32) {
  vm.return %i2:3, %i4, %i0
}
vm.export @identity
vm.func @identity(%r0: !vm.buffer) -> (!vm.buffer) {
  vm.return %r0
}
vm.export @main
vm.func @main(%i0: i32) -> (i32) {
  %i1 = vm.call @helper(%i0)
  vm.return %i1
}
vm.func @helper(%i0: i32) -> (i32) {
  %i1 = vm.const.i32 1
  %i2 = vm.div.i32.s %i1, %i0
  vm.return %i2
}
vm.export @recurse
vm.func @recurse(%i0: i32) -> (i32) {
  %i1 = vm.call @recurse(%i0)
  vm.return %i1
}
)";

void ReleaseArchive(void* user_data, sinew_byte_span_t) {
  delete static_cast<std::vector<uint8_t>*>(user_data);
}

class InvocationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sinew_vm_instance_create(sinew_allocator_system(), &instance_), nullptr);
    Load();
  }
  void TearDown() override {
    sinew_vm_list_release(inputs_);
    sinew_vm_list_release(outputs_);
    ReleaseContext(context_);
    sinew_vm_module_release(module_);
    sinew_vm_instance_release(instance_);
  }

  // Loads kSource (after `edit`) into a fresh context.
  void Load(const std::function<void(bytecode::ModuleDesc&)>& edit = {}) {
    ReleaseContext(context_);
    context_ = nullptr;
    sinew_vm_module_release(module_);
    module_ = nullptr;
    auto desc = bytecode::AssembleModule(kSource, "app.vmasm");
    ASSERT_TRUE(desc.has_value()) << desc.error().ToString();
    if (edit) edit(*desc);
    auto* bytes = new std::vector<uint8_t>(bytecode::WriteModule(*desc));
    sinew_status_t status =
        sinew_vm_bytecode_module_create(instance_, {bytes->data(), bytes->size()}, ReleaseArchive,
                                        bytes, sinew_allocator_system(), &module_);
    if (!sinew_status_is_ok(status)) delete bytes;
    ASSERT_EQ(status, nullptr) << Error(status).ToString();
    auto context =
        CreateContextWithModules(instance_, 0, std::span(&module_, 1), sinew_allocator_system());
    ASSERT_TRUE(context.has_value()) << context.error().ToString();
    context_ = *context;
  }

  sinew_vm_function_t Function(std::string_view name) {
    auto function = ResolveFunction(context_, name);
    EXPECT_TRUE(function.has_value()) << function.error().ToString();
    return function.value_or(sinew_vm_function_t{});
  }

  // Variant list holding `values`.
  sinew_vm_list_t* Inputs(std::initializer_list<sinew_vm_value_t> values) {
    EXPECT_EQ(sinew_vm_list_create(sinew_vm_make_variant_type_def(), values.size(),
                                   sinew_allocator_system(), &inputs_),
              nullptr);
    for (const sinew_vm_value_t& value : values) {
      EXPECT_EQ(sinew_vm_list_push_value(inputs_, &value), nullptr);
    }
    return inputs_;
  }

  sinew_vm_list_t* Outputs() {
    EXPECT_EQ(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 4, sinew_allocator_system(),
                                   &outputs_),
              nullptr);
    return outputs_;
  }

  sinew_vm_value_t Output(uint64_t index, sinew_vm_value_type_t type) {
    sinew_vm_value_t value = {};
    EXPECT_EQ(sinew_vm_list_get_value_as(outputs_, index, type, &value), nullptr);
    return value;
  }

  sinew_vm_instance_t* instance_ = nullptr;
  sinew_vm_module_t* module_ = nullptr;
  sinew_vm_context_t* context_ = nullptr;
  sinew_vm_list_t* inputs_ = nullptr;
  sinew_vm_list_t* outputs_ = nullptr;
};

void ExpectError(const Status& status, StatusCode code, std::string_view message) {
  ASSERT_FALSE(status.has_value()) << "expected: " << message;
  EXPECT_EQ(status.error().code(), code) << status.error().ToString();
  EXPECT_EQ(status.error().message(), message);
}

TEST_F(InvocationTest, MarshalsInputsAndResizesOutputsToResultCount) {
  sinew_vm_list_t* outputs = Outputs();
  sinew_vm_value_t stale = sinew_vm_value_make_i32(99);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(sinew_vm_list_push_value(outputs, &stale), nullptr);
  Status status = Invoke(context_, Function("app.widen"), 0,
                         Inputs({sinew_vm_value_make_i32(7), sinew_vm_value_make_i64(1ll << 40),
                                 sinew_vm_value_make_f32(2.5f)}),
                         outputs);
  ASSERT_TRUE(status.has_value()) << status.error().ToString();
  ASSERT_EQ(sinew_vm_list_size(outputs), 3u);
  EXPECT_EQ(Output(0, SINEW_VM_VALUE_TYPE_I64).i64, 1ll << 40);
  EXPECT_EQ(Output(1, SINEW_VM_VALUE_TYPE_F32).f32, 2.5f);
  EXPECT_EQ(Output(2, SINEW_VM_VALUE_TYPE_I32).i32, 7);
}

TEST_F(InvocationTest, WrongArgumentCountIsInvalidArgument) {
  ExpectError(
      Invoke(context_, Function("app.add"), 0, Inputs({sinew_vm_value_make_i32(1)}), Outputs()),
      StatusCode::kInvalidArgument,
      "input list and function mismatch; expected 2 arguments but passed 1");
}

TEST_F(InvocationTest, MissingInputListForArgumentsIsInvalidArgument) {
  ExpectError(Invoke(context_, Function("app.add"), 0, nullptr, Outputs()),
              StatusCode::kInvalidArgument, "no input provided to a function that has inputs");
}

TEST_F(InvocationTest, MissingOutputListForResultsIsInvalidArgument) {
  ExpectError(Invoke(context_, Function("app.add"), 0,
                     Inputs({sinew_vm_value_make_i32(1), sinew_vm_value_make_i32(2)}), nullptr),
              StatusCode::kInvalidArgument, "no output provided to a function that has outputs");
}

TEST_F(InvocationTest, ValueForRefArgumentIsInvalidArgument) {
  ExpectError(Invoke(context_, Function("app.identity"), 0, Inputs({sinew_vm_value_make_i32(1)}),
                     Outputs()),
              StatusCode::kInvalidArgument,
              "input 0 is a value but the function expects a ref (cconv '0r_r')");
}

TEST_F(InvocationTest, RefForValueArgumentIsFailedPrecondition) {
  sinew_vm_list_t* inputs = Inputs({sinew_vm_value_make_i32(1)});
  sinew_vm_buffer_t* buffer = nullptr;
  ASSERT_EQ(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 4, 0, sinew_allocator_system(),
                                   &buffer),
            nullptr);
  sinew_vm_ref_t ref = {buffer, sinew_vm_buffer_type()};
  ASSERT_EQ(sinew_vm_list_push_ref_retain_or_move(inputs, 1, &ref), nullptr);
  ExpectError(Invoke(context_, Function("app.add"), 0, inputs, Outputs()),
              StatusCode::kFailedPrecondition, "variant at index 1 is not a value type");
}

TEST_F(InvocationTest, InputRefsAreRetainedForTheCallAndReleasedAfterwards) {
  sinew_vm_buffer_t* buffer = nullptr;
  ASSERT_EQ(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 4, 0, sinew_allocator_system(),
                                   &buffer),
            nullptr);
  sinew_vm_list_t* inputs = Inputs({});
  sinew_vm_ref_t ref = {buffer, sinew_vm_buffer_type()};
  ASSERT_EQ(sinew_vm_list_push_ref_retain_or_move(inputs, 0, &ref), nullptr);  // retains: 2
  sinew_vm_list_t* outputs = Outputs();
  Status status = Invoke(context_, Function("app.identity"), 0, inputs, outputs);
  ASSERT_TRUE(status.has_value()) << status.error().ToString();
  EXPECT_EQ(buffer->counter, 3u);  // ours, the input list's and the output list's
  sinew_vm_ref_t result = {};
  ASSERT_EQ(sinew_vm_list_get_ref_retain_or_move(outputs, 0, 0, &result), nullptr);
  EXPECT_EQ(result.ptr, buffer);
  sinew_vm_ref_release(&result);
  sinew_vm_list_clear(outputs);
  sinew_vm_list_clear(inputs);
  EXPECT_EQ(buffer->counter, 1u);
  sinew_vm_buffer_release(buffer);
}

TEST_F(InvocationTest, InvokeValuesRejectsMismatchedValueCounts) {
  sinew_vm_value_t argument = sinew_vm_value_make_i32(1);
  sinew_vm_value_t result;
  ExpectError(
      InvokeValues(context_, Function("app.add"), std::span(&argument, 1), std::span(&result, 1)),
      StatusCode::kInvalidArgument,
      "function with cconv '0ii_i' cannot be invoked with 1 value arguments and 1 value "
      "results");
}

TEST_F(InvocationTest, FailureCarriesBacktraceTopFrameFirst) {
  Status status =
      Invoke(context_, Function("app.main"), 0, Inputs({sinew_vm_value_make_i32(0)}), Outputs());
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), StatusCode::kInvalidArgument);
  std::string text = status.error().ToString();
  EXPECT_TRUE(std::regex_search(
      text, std::regex(R"(; integer division by zero; ?\n\[ 1\] bytecode app\.helper:[0-9]+ -)"
                       R"(\n\[ 0\] bytecode app\.main:[0-9]+ -$)")))
      << text;
}

TEST_F(InvocationTest, BacktracePrintsSourceLocations) {
  Load([](bytecode::ModuleDesc& desc) {
    for (bytecode::FunctionDesc& function : desc.functions) {
      function.locations = {{0, function.debug_name + ".mlir:3:5"}};
    }
  });
  Status status =
      Invoke(context_, Function("app.main"), 0, Inputs({sinew_vm_value_make_i32(0)}), Outputs());
  ASSERT_FALSE(status.has_value());
  std::string text = status.error().ToString();
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\n\[ 1\] bytecode app\.helper:[0-9]+ )"
                                                 R"(helper\.mlir:3:5\n\[ 0\] bytecode )"
                                                 R"(app\.main:[0-9]+ main\.mlir:3:5$)")))
      << text;
}

TEST_F(InvocationTest, DeepRecursionIsResourceExhaustedWithBacktrace) {
  Status status =
      Invoke(context_, Function("app.recurse"), 0, Inputs({sinew_vm_value_make_i32(0)}), Outputs());
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), StatusCode::kResourceExhausted);
  std::string text = status.error().ToString();
  EXPECT_NE(text.find("VM stack overflow"), std::string::npos) << text.substr(0, 400);
  EXPECT_NE(text.find("\n[ 1] bytecode app.recurse:"), std::string::npos);
  std::string_view last_line = std::string_view(text).substr(text.rfind('\n'));
  EXPECT_TRUE(last_line.starts_with("\n[ 0] bytecode app.recurse:") && last_line.ends_with(" -"))
      << last_line;
  // The context's stack is usable again afterwards.
  sinew_vm_value_t arguments[] = {sinew_vm_value_make_i32(2), sinew_vm_value_make_i32(3)};
  sinew_vm_value_t result;
  Status next = InvokeValues(context_, Function("app.add"), arguments, std::span(&result, 1));
  ASSERT_TRUE(next.has_value()) << next.error().ToString();
  EXPECT_EQ(result.i32, 5);
}

// A native function that invokes its own context again while bytecode runs on the context's
// stack: `host.reenter(x)` returns `outer.add(x, 100)`.
struct Reentry {
  sinew_vm_context_t* context = nullptr;
  sinew_vm_function_t add = {};
};
Reentry g_reentry;

sinew_status_t ReenterShim(sinew_vm_stack_t*, uint32_t flags, sinew_byte_span_t arguments,
                           sinew_byte_span_t results, void*, void*, sinew_vm_module_state_t*) {
  SINEW_RETURN_IF_ERROR_C(sinew_vm_native_check_buffers(arguments, 4, results, 4, flags));
  int32_t x;
  std::memcpy(&x, arguments.data, 4);
  sinew_vm_value_t inputs[] = {sinew_vm_value_make_i32(x), sinew_vm_value_make_i32(100)};
  sinew_vm_value_t output;
  SINEW_RETURN_IF_ERROR_C(
      ToC(InvokeValues(g_reentry.context, g_reentry.add, inputs, std::span(&output, 1))));
  std::memcpy(results.data, &output.i32, 4);
  return sinew_ok_status();
}

sinew_status_t FailShim(sinew_vm_stack_t*, uint32_t, sinew_byte_span_t, sinew_byte_span_t, void*,
                        void*, sinew_vm_module_state_t*) {
  return sinew_status_make(SINEW_STATUS_ABORTED, nullptr, 0, "host failure");
}
sinew_status_t FailDirect(void*, void*, sinew_vm_module_state_t*, uint32_t*, sinew_vm_ref_t*,
                          const uint16_t*, const uint16_t*) {
  return sinew_status_make(SINEW_STATUS_ABORTED, nullptr, 0, "host failure");
}

// A native module `host` (exports fail, fail_direct and reenter) and a bytecode module `outer`
// that imports them, in one context.
class HostAndBytecodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static const sinew_vm_native_export_descriptor_t kExports[] = {
        {sinew_make_cstring_view("fail"), sinew_make_cstring_view("0v_v"), FailShim, nullptr,
         nullptr, 0, nullptr},
        {sinew_make_cstring_view("fail_direct"), sinew_make_cstring_view("0v_v"), FailShim, nullptr,
         FailDirect, 0, nullptr},
        {sinew_make_cstring_view("reenter"), sinew_make_cstring_view("0i_i"), ReenterShim, nullptr,
         nullptr, 0, nullptr},
    };
    static const sinew_vm_native_module_descriptor_t kHost = {
        sinew_make_cstring_view("host"), 0, 0, nullptr, 0, nullptr, 0, nullptr, 3, kExports};
    constexpr std::string_view kOuter = R"(
vm.module @outer
vm.import @host.reenter cconv "0i_i"
vm.import @host.fail cconv "0v_v"
vm.import @host.fail_direct cconv "0v_v"
vm.export @add
vm.func @add(%i0: i32, %i1: i32) -> (i32) {
  %i2 = vm.add.i32 %i0, %i1
  vm.return %i2
}
vm.export @main
vm.func @main(%i0: i32) -> (i32) {
  %i1 = vm.call @host.reenter(%i0)
  %i2 = vm.const.i32 1
  %i3 = vm.add.i32 %i1, %i2
  vm.return %i3
}
vm.export @fail
vm.func @fail() -> () {
  vm.call @host.fail()
  vm.return
}
vm.export @fail_direct
vm.func @fail_direct() -> () {
  vm.call @host.fail_direct()
  vm.return
}
)";
    ASSERT_EQ(sinew_vm_instance_create(sinew_allocator_system(), &instance_), nullptr);
    ASSERT_EQ(
        sinew_vm_native_module_create(nullptr, &kHost, instance_, sinew_allocator_system(), &host_),
        nullptr);
    auto desc = bytecode::AssembleModule(kOuter, "outer.vmasm");
    ASSERT_TRUE(desc.has_value()) << desc.error().ToString();
    bytes_ = bytecode::WriteModule(*desc);
    ASSERT_EQ(sinew_vm_bytecode_module_create(instance_, {bytes_.data(), bytes_.size()}, nullptr,
                                              nullptr, sinew_allocator_system(), &outer_),
              nullptr);
    sinew_vm_module_t* modules[] = {host_, outer_};
    auto context = CreateContextWithModules(instance_, 0, modules, sinew_allocator_system());
    ASSERT_TRUE(context.has_value()) << context.error().ToString();
    context_ = *context;
  }
  void TearDown() override {
    g_reentry = {};
    ReleaseContext(context_);
    sinew_vm_module_release(outer_);
    sinew_vm_module_release(host_);
    sinew_vm_instance_release(instance_);
  }

  sinew_vm_function_t Function(std::string_view name) {
    auto function = ResolveFunction(context_, name);
    EXPECT_TRUE(function.has_value()) << function.error().ToString();
    return function.value_or(sinew_vm_function_t{});
  }

  sinew_vm_instance_t* instance_ = nullptr;
  sinew_vm_module_t* host_ = nullptr;
  sinew_vm_module_t* outer_ = nullptr;
  std::vector<uint8_t> bytes_;
  sinew_vm_context_t* context_ = nullptr;
};

TEST_F(HostAndBytecodeTest, NativeCallbackRunsOnAStackOfItsOwn) {
  g_reentry = {context_, Function("outer.add")};
  sinew_vm_value_t input = sinew_vm_value_make_i32(5);
  sinew_vm_value_t output;
  Status status =
      InvokeValues(context_, Function("outer.main"), std::span(&input, 1), std::span(&output, 1));
  ASSERT_TRUE(status.has_value()) << status.error().ToString();
  EXPECT_EQ(output.i32, 106);
  // The context's stack is free again: the same call works a second time.
  status =
      InvokeValues(context_, Function("outer.main"), std::span(&input, 1), std::span(&output, 1));
  ASSERT_TRUE(status.has_value()) << status.error().ToString();
  EXPECT_EQ(output.i32, 106);
}

// Native functions push no frame while they run, but a failing one shows in the backtrace,
// through its buffer entry and through its register-direct entry alike.
TEST_F(HostAndBytecodeTest, FailingNativeImportShowsItsFrameInTheBacktrace) {
  for (std::string_view name : {"fail", "fail_direct"}) {
    Status status = InvokeValues(context_, Function(StrCat("outer.", name)), {}, {});
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code(), StatusCode::kAborted);
    std::string text = status.error().ToString();
    EXPECT_TRUE(std::regex_search(
        text, std::regex(StrCat(R"(host failure.*; while calling import; ?\n\[ 1\]   native )",
                                R"(host\.)", name, R"(:0 -\n\[ 0\] bytecode outer\.)", name,
                                R"(:[0-9]+ -$)"))))
        << text;
    // The marker frame is gone again: the context's stack is usable.
    sinew_vm_value_t input = sinew_vm_value_make_i32(1);
    sinew_vm_value_t output;
    g_reentry = {context_, Function("outer.add")};
    status =
        InvokeValues(context_, Function("outer.main"), std::span(&input, 1), std::span(&output, 1));
    ASSERT_TRUE(status.has_value()) << status.error().ToString();
  }
}

}  // namespace
}  // namespace sinew::vm
