// Tests for the C++ native-module wrapper: generated cconvs, marshaling of every parameter and
// result type through both the buffer entry (hosts) and the register-direct entry (bytecode) of
// methods given at run time or at compile time, argument errors, per-context state, fork,
// imports called from C++, yield/resume, reflection attributes and type registration.
#include "runtime/vm/native/native_module_cc.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/vm/bytecode/assembler.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/bytecode/writer.h"
#include "runtime/vm/context.h"
#include "runtime/vm/invocation.h"
#include "runtime/vm/ref_object.h"

namespace sinew::vm {
namespace {

struct TestString : RefObject<TestString, "test.string"> {
  explicit TestString(std::string_view text) : value(text) {}
  std::string value;
};

enum class Color : int32_t { kRed = 1, kBlue = 2 };

struct TestState {
  int32_t counter = 0;
  int32_t pending_yields = 0;
  int32_t yield_value = 0;

  StatusOr<int32_t> Add(int32_t a, int32_t b) { return a + b; }
  StatusOr<std::tuple<double, int64_t>> Mix(int64_t a, float b, double c, uint32_t d) {
    return std::tuple<double, int64_t>(b + c, a + d);
  }
  StatusOr<ref<TestString>> Create(std::string_view text) { return TestString::Create(text); }
  StatusOr<int64_t> Length(TestString& text) { return static_cast<int64_t>(text.value.size()); }
  StatusOr<int32_t> IsNull(TestString* text) { return text == nullptr; }
  StatusOr<int32_t> Consume(ref<TestString> text) { return text ? 1 : 0; }
  StatusOr<opaque_ref> Identity(opaque_ref value) { return value; }
  StatusOr<int32_t> Sum(std::span<const int32_t> values) {
    int32_t sum = 0;
    for (int32_t v : values) sum += v;
    return sum;
  }
  StatusOr<std::array<int32_t, 2>> Swap(std::array<int32_t, 2> pair) {
    return std::array<int32_t, 2>{pair[1], pair[0]};
  }
  StatusOr<int32_t> ColorCode(Color color) { return static_cast<int32_t>(color) * 10; }
  StatusOr<uint64_t> Wide(uint64_t value, std::tuple<int32_t, double> pair) {
    return value + static_cast<uint64_t>(std::get<0>(pair) + std::get<1>(pair));
  }
  StatusOr<int64_t> TotalLength(std::span<TestString*> strings) {
    int64_t total = 0;
    for (TestString* string : strings) total += string ? string->value.size() : 100;
    return total;
  }
  StatusOr<ref<TestString>> Nothing() { return ref<TestString>(); }
  StatusOr<int32_t> Increment() { return ++counter; }
  Status Fail(int32_t code) {
    return MakeError(static_cast<StatusCode>(code), StrCat("failing with ", code));
  }
  StatusOr<int32_t> YieldBegin(int32_t value, int32_t count) {
    yield_value = value;
    pending_yields = count;
    return YieldResume();
  }
  StatusOr<int32_t> YieldResume() {
    if (pending_yields-- > 0) return Deferred();
    return yield_value;
  }
  StatusOr<int32_t> CallTwice(NativeCall& call, int32_t value) {
    if (!call.IsImportResolved(0)) return -1;
    return call.CallImport<int32_t>(0, value);
  }
  StatusOr<int64_t> LengthViaImport(NativeCall& call, ref<sinew_vm_buffer_t> buffer) {
    return call.CallImport<int64_t>(1, std::move(buffer));
  }
  StatusOr<int64_t> CallTwiceWrongly(NativeCall& call) {
    return call.CallImport<int64_t>(0, int64_t{1});
  }
};

// Both forms of MakeNativeFunction: a method pointer kept at run time, or named at compile time.
static const NativeFunction<TestState> kFunctions[] = {
    MakeNativeFunction<&TestState::Add>("add"),
    MakeNativeFunction("mix", &TestState::Mix),
    MakeNativeFunction("create", &TestState::Create),
    MakeNativeFunction<&TestState::Length>("length"),
    MakeNativeFunction("is_null", &TestState::IsNull),
    MakeNativeFunction<&TestState::Consume>("consume"),
    MakeNativeFunction("identity", &TestState::Identity),
    MakeNativeFunction<&TestState::Sum>("sum"),
    MakeNativeFunction<&TestState::Swap>("swap"),
    MakeNativeFunction("color_code", &TestState::ColorCode),
    MakeNativeFunction("wide", &TestState::Wide),
    MakeNativeFunction("total_length", &TestState::TotalLength),
    MakeNativeFunction<&TestState::Nothing>("nothing"),
    MakeNativeFunction("increment", &TestState::Increment),
    MakeNativeFunction<&TestState::Fail>("fail"),
    MakeNativeFunction("yield", &TestState::YieldBegin, &TestState::YieldResume),
    MakeNativeFunction("call_twice", &TestState::CallTwice),
    MakeNativeFunction<&TestState::LengthViaImport>("length_via_import"),
    MakeNativeFunction("call_twice_wrongly", &TestState::CallTwiceWrongly),
};

static const sinew_string_pair_t kModuleAttrs[] = {
    {{"purpose", 7}, {"testing", 7}},
};
static const NativeImport kImports[] = {
    MakeNativeImport<int32_t(int32_t)>("helper.twice", /*optional=*/true),
    MakeNativeImport<int64_t(ref<sinew_vm_buffer_t>)>("helper.length", /*optional=*/true),
};
static const sinew_vm_ref_type_descriptor_t* const kTypes[] = {TestString::descriptor()};

class TestModule final : public NativeModule<TestState> {
 public:
  TestModule(sinew_vm_instance_t* instance)
      : NativeModule("test", 3, instance, sinew_allocator_system(), kFunctions,
                     {.attrs = kModuleAttrs, .imports = kImports, .types = kTypes}) {}
  StatusOr<std::unique_ptr<TestState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<TestState>();
  }
  StatusOr<std::unique_ptr<TestState>> ForkState(TestState* parent, sinew_allocator_t) override {
    return std::make_unique<TestState>(*parent);
  }
};

std::string Cconv(sinew_vm_module_t* module, std::string_view name) {
  sinew_vm_function_t function;
  Status found = FromC(module->lookup_function(module->self, SINEW_VM_LINKAGE_EXPORT,
                                               ToCStringView(name), &function));
  if (!found.has_value()) return found.error().ToString();
  sinew_string_view_t cconv;
  EXPECT_EQ(module->get_function(module->self, SINEW_VM_LINKAGE_EXPORT, function.ordinal, nullptr,
                                 nullptr, &cconv),
            nullptr);
  return std::string(ToStringView(cconv));
}

class NativeModuleCcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sinew_vm_instance_create(sinew_allocator_system(), &instance_), nullptr);
    module_ = (new TestModule(instance_))->interface();
  }
  void TearDown() override {
    for (sinew_vm_context_t* context : contexts_) ReleaseContext(context);
    for (sinew_vm_module_t* module : bytecode_) sinew_vm_module_release(module);
    if (module_) sinew_vm_module_release(module_);
    sinew_vm_instance_release(instance_);
  }

  sinew_vm_module_t* Assemble(std::string_view source) {
    auto desc = bytecode::AssembleModule(source, "test.vmasm");
    EXPECT_TRUE(desc.has_value()) << desc.error().ToString();
    if (!desc.has_value()) return nullptr;
    auto bytes = std::make_shared<std::vector<uint8_t>>(bytecode::WriteModule(*desc));
    sinew_vm_module_t* module = nullptr;
    sinew_status_t status =
        sinew_vm_bytecode_module_create(instance_, {bytes->data(), bytes->size()}, nullptr, nullptr,
                                        sinew_allocator_system(), &module);
    EXPECT_EQ(status, nullptr) << Error(status).ToString();
    keep_alive_.push_back(bytes);
    bytecode_.push_back(module);
    return module;
  }

  sinew_vm_context_t* Context(std::vector<sinew_vm_module_t*> modules) {
    auto context = CreateContextWithModules(instance_, 0, modules, sinew_allocator_system());
    EXPECT_TRUE(context.has_value()) << context.error().ToString();
    if (!context.has_value()) return nullptr;
    contexts_.push_back(*context);
    return *context;
  }

  // Invokes `name` with i32 arguments from the host (the buffer entry).
  StatusOr<std::vector<sinew_vm_value_t>> CallValues(sinew_vm_context_t* context,
                                                     std::string_view name,
                                                     std::vector<sinew_vm_value_t> args,
                                                     size_t result_count) {
    SINEW_ASSIGN_OR_RETURN(sinew_vm_function_t function, ResolveFunction(context, name));
    std::vector<sinew_vm_value_t> results(result_count);
    SINEW_RETURN_IF_ERROR(InvokeValues(context, function, args, results));
    return results;
  }

  sinew_vm_instance_t* instance_ = nullptr;
  sinew_vm_module_t* module_ = nullptr;
  std::vector<sinew_vm_module_t*> bytecode_;
  std::vector<sinew_vm_context_t*> contexts_;
  std::vector<std::shared_ptr<std::vector<uint8_t>>> keep_alive_;
};

TEST_F(NativeModuleCcTest, GeneratesCconvFromTheCppSignature) {
  EXPECT_EQ(Cconv(module_, "add"), "0ii_i");
  EXPECT_EQ(Cconv(module_, "mix"), "0IfFi_FI");
  EXPECT_EQ(Cconv(module_, "create"), "0r_r");
  EXPECT_EQ(Cconv(module_, "length"), "0r_I");
  EXPECT_EQ(Cconv(module_, "identity"), "0r_r");
  EXPECT_EQ(Cconv(module_, "sum"), "0CiD_i");
  EXPECT_EQ(Cconv(module_, "swap"), "0ii_ii");
  EXPECT_EQ(Cconv(module_, "color_code"), "0i_i");
  EXPECT_EQ(Cconv(module_, "wide"), "0IiF_I");
  EXPECT_EQ(Cconv(module_, "total_length"), "0CrD_I");
  EXPECT_EQ(Cconv(module_, "nothing"), "0v_r");
  EXPECT_EQ(Cconv(module_, "increment"), "0v_i");
  EXPECT_EQ(Cconv(module_, "fail"), "0i_v");
  EXPECT_EQ(Cconv(module_, "call_twice"), "0i_i");
}

TEST_F(NativeModuleCcTest, HostCallsScalarFunctionsThroughTheBufferEntry) {
  sinew_vm_context_t* context = Context({module_});
  auto sum =
      CallValues(context, "test.add", {sinew_vm_value_make_i32(2), sinew_vm_value_make_i32(40)}, 1);
  ASSERT_TRUE(sum.has_value()) << sum.error().ToString();
  EXPECT_EQ((*sum)[0].i32, 42);
  auto code = CallValues(context, "test.color_code", {sinew_vm_value_make_i32(2)}, 1);
  ASSERT_TRUE(code.has_value()) << code.error().ToString();
  EXPECT_EQ((*code)[0].i32, 20);
}

TEST_F(NativeModuleCcTest, StateIsPerContextAndForkCopiesIt) {
  sinew_vm_context_t* a = Context({module_});
  sinew_vm_context_t* b = Context({module_});
  ASSERT_EQ((*CallValues(a, "test.increment", {}, 1))[0].i32, 1);
  ASSERT_EQ((*CallValues(a, "test.increment", {}, 1))[0].i32, 2);
  EXPECT_EQ((*CallValues(b, "test.increment", {}, 1))[0].i32, 1);
  auto fork = ForkContext(a, sinew_allocator_system());
  ASSERT_TRUE(fork.has_value()) << fork.error().ToString();
  contexts_.push_back(*fork);
  EXPECT_EQ((*CallValues(*fork, "test.increment", {}, 1))[0].i32, 3);
  EXPECT_EQ((*CallValues(a, "test.increment", {}, 1))[0].i32, 3);
}

TEST_F(NativeModuleCcTest, ErrorsAreAnnotatedWithTheFunctionName) {
  sinew_vm_context_t* context = Context({module_});
  auto result = CallValues(context, "test.fail", {sinew_vm_value_make_i32(5)}, 0);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), StatusCode::kNotFound);
  EXPECT_NE(result.error().ToString().find("failing with 5; while invoking C++ function test.fail"),
            std::string::npos)
      << result.error().ToString();
}

TEST_F(NativeModuleCcTest, WrongArgumentCountIsAnError) {
  sinew_vm_function_t function;
  ASSERT_EQ(module_->lookup_function(module_->self, SINEW_VM_LINKAGE_EXPORT, ToCStringView("add"),
                                     &function),
            nullptr);
  sinew_vm_context_t* context = Context({module_});
  auto state = ResolveModuleState(context, module_);
  ASSERT_TRUE(state.has_value());
  alignas(16) uint8_t args[12] = {};
  alignas(16) uint8_t results[4] = {};
  sinew_vm_function_call_t call = {function, {args, sizeof(args)}, {results, sizeof(results)}};
  Status status = FromC(module_->call(module_->self, nullptr, *state, SINEW_VM_CALL_BEGIN, &call));
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().ToString().find(
                "argument buffer unpacking failure; 4 bytes remaining in 12 byte buffer"),
            std::string::npos)
      << status.error().ToString();
  call.arguments.size = 4;
  status = FromC(module_->call(module_->self, nullptr, *state, SINEW_VM_CALL_BEGIN, &call));
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(
      status.error().ToString().find("argument buffer overflow reading a value of parameter 1"),
      std::string::npos)
      << status.error().ToString();
}

constexpr std::string_view kCaller = R"(
vm.module @caller
vm.type !vm.buffer
vm.type !test.string
vm.import @test.add cconv "0ii_i"
vm.import @test.mix cconv "0IfFi_FI"
vm.import @test.create cconv "0r_r"
vm.import @test.length cconv "0r_I"
vm.import @test.is_null cconv "0r_i"
vm.import @test.consume cconv "0r_i"
vm.import @test.identity cconv "0r_r"
vm.import @test.sum cconv "0CiD_i"
vm.import @test.swap cconv "0ii_ii"
vm.import @test.yield cconv "0ii_i"
vm.import @test.wide cconv "0IiF_I"
vm.import @test.total_length cconv "0CrD_I"
vm.import @test.nothing cconv "0v_r"
vm.rodata[0] = 68656c6c6f

vm.export @add
vm.func @add(%i0: i32, %i1: i32) -> (i32) {
  %i2 = vm.call @test.add(%i0, %i1)
  vm.return %i2
}

vm.export @mix
vm.func @mix(%i0:1: i64, %i2: f32, %i4:5: f64, %i6: i32) -> (f64, i64) {
  %i8:9, %i10:11 = vm.call @test.mix(%i0:1, %i2, %i4:5, %i6)
  vm.return %i8:9, %i10:11
}

vm.export @length
vm.func @length() -> (i64) {
  %r0 = vm.const.ref.rodata 0
  %r1 = vm.call @test.create(%R0)
  %i0:1 = vm.call @test.length(%R1)
  vm.return %i0:1
}

vm.export @length_of_buffer
vm.func @length_of_buffer() -> (i64) {
  %r0 = vm.const.ref.rodata 0
  %i0:1 = vm.call @test.length(%R0)
  vm.return %i0:1
}

vm.export @length_of_null
vm.func @length_of_null() -> (i64) {
  %r0 = vm.const.ref.zero
  %i0:1 = vm.call @test.length(%r0)
  vm.return %i0:1
}

vm.export @is_null
vm.func @is_null() -> (i32, i32) {
  %r0 = vm.const.ref.zero
  %i0 = vm.call @test.is_null(%r0)
  %r1 = vm.const.ref.rodata 0
  %r2 = vm.call @test.create(%r1)
  %i1 = vm.call @test.is_null(%r2)
  vm.return %i0, %i1
}

vm.export @consume_keeps_or_moves
vm.func @consume_keeps_or_moves() -> (i32, i32, i32) {
  %r0 = vm.const.ref.rodata 0
  %r1 = vm.call @test.create(%R0)
  %i0 = vm.call @test.consume(%r1)
  %i1 = vm.call @test.consume(%R1)
  %i2 = vm.cmp.nz.ref %r1
  vm.return %i0, %i1, %i2
}

vm.export @identity
vm.func @identity() -> (i32) {
  %r0 = vm.const.ref.rodata 0
  %r1 = vm.call @test.identity(%r0)
  %i0 = vm.cmp.eq.ref %r0, %r1
  vm.return %i0
}

vm.export @sum
vm.func @sum() -> (i32) {
  %i0 = vm.const.i32 1
  %i1 = vm.const.i32 2
  %i2 = vm.const.i32 39
  %i3 = vm.call.variadic @test.sum segments[3](%i0, %i1, %i2)
  vm.return %i3
}

vm.export @swap
vm.func @swap(%i0: i32, %i1: i32) -> (i32, i32) {
  %i2, %i3 = vm.call @test.swap(%i0, %i1)
  vm.return %i2, %i3
}

vm.export @wide
vm.func @wide(%i0:1: i64, %i2: i32, %i4:5: f64) -> (i64) {
  %i6:7 = vm.call @test.wide(%i0:1, %i2, %i4:5)
  vm.return %i6:7
}

vm.export @total_length
vm.func @total_length() -> (i64) {
  %r0 = vm.const.ref.rodata 0
  %r1 = vm.call @test.create(%R0)
  %r2 = vm.const.ref.zero
  %i0:1 = vm.call.variadic @test.total_length segments[3](%r1, %r2, %r1)
  vm.return %i0:1
}

vm.export @nothing_is_zero
vm.func @nothing_is_zero() -> (i32) {
  %r0 = vm.call @test.nothing()
  %r1 = vm.const.ref.zero
  %i0 = vm.cmp.eq.ref %r0, %r1
  vm.return %i0
}

vm.export @yield
vm.func @yield(%i0: i32) -> (i32) {
  %i1 = vm.const.i32 3
  vm.call.yieldable @test.yield(%i0, %i1) -> ^bb1(%i2)
^bb1:
  vm.return %i2
}
)";

TEST_F(NativeModuleCcTest, BytecodeCallsEveryParameterAndResultKind) {
  sinew_vm_module_t* caller = Assemble(kCaller);
  ASSERT_NE(caller, nullptr);
  sinew_vm_context_t* context = Context({module_, caller});
  auto add = CallValues(context, "caller.add",
                        {sinew_vm_value_make_i32(2), sinew_vm_value_make_i32(3)}, 1);
  ASSERT_TRUE(add.has_value()) << add.error().ToString();
  EXPECT_EQ((*add)[0].i32, 5);

  auto mix = CallValues(context, "caller.mix",
                        {sinew_vm_value_make_i64(1LL << 40), sinew_vm_value_make_f32(0.5f),
                         sinew_vm_value_make_f64(0.25), sinew_vm_value_make_i32(7)},
                        2);
  ASSERT_TRUE(mix.has_value()) << mix.error().ToString();
  EXPECT_EQ((*mix)[0].f64, 0.75);
  EXPECT_EQ((*mix)[1].i64, (1LL << 40) + 7);

  auto length = CallValues(context, "caller.length", {}, 1);
  ASSERT_TRUE(length.has_value()) << length.error().ToString();
  EXPECT_EQ((*length)[0].i64, 5);

  auto is_null = CallValues(context, "caller.is_null", {}, 2);
  ASSERT_TRUE(is_null.has_value()) << is_null.error().ToString();
  EXPECT_EQ((*is_null)[0].i32, 1);
  EXPECT_EQ((*is_null)[1].i32, 0);

  auto consume = CallValues(context, "caller.consume_keeps_or_moves", {}, 3);
  ASSERT_TRUE(consume.has_value()) << consume.error().ToString();
  EXPECT_EQ((*consume)[0].i32, 1);
  EXPECT_EQ((*consume)[1].i32, 1);
  EXPECT_EQ((*consume)[2].i32, 0) << "a moved register is null after the call";

  auto identity = CallValues(context, "caller.identity", {}, 1);
  ASSERT_TRUE(identity.has_value()) << identity.error().ToString();
  EXPECT_EQ((*identity)[0].i32, 1);

  auto sum = CallValues(context, "caller.sum", {}, 1);
  ASSERT_TRUE(sum.has_value()) << sum.error().ToString();
  EXPECT_EQ((*sum)[0].i32, 42);

  auto swap = CallValues(context, "caller.swap",
                         {sinew_vm_value_make_i32(1), sinew_vm_value_make_i32(2)}, 2);
  ASSERT_TRUE(swap.has_value()) << swap.error().ToString();
  EXPECT_EQ((*swap)[0].i32, 2);
  EXPECT_EQ((*swap)[1].i32, 1);
}

TEST_F(NativeModuleCcTest, BytecodePassesTuplesSpansOfRefsAndGetsNullRefs) {
  sinew_vm_module_t* caller = Assemble(kCaller);
  ASSERT_NE(caller, nullptr);
  sinew_vm_context_t* context = Context({module_, caller});
  auto wide = CallValues(context, "caller.wide",
                         {sinew_vm_value_make_i64(1LL << 50), sinew_vm_value_make_i32(3),
                          sinew_vm_value_make_f64(4.0)},
                         1);
  ASSERT_TRUE(wide.has_value()) << wide.error().ToString();
  EXPECT_EQ((*wide)[0].i64, (1LL << 50) + 7);
  auto total = CallValues(context, "caller.total_length", {}, 1);
  ASSERT_TRUE(total.has_value()) << total.error().ToString();
  EXPECT_EQ((*total)[0].i64, 110);
  auto nothing = CallValues(context, "caller.nothing_is_zero", {}, 1);
  ASSERT_TRUE(nothing.has_value()) << nothing.error().ToString();
  EXPECT_EQ((*nothing)[0].i32, 1) << "a null ref<T> result is an all-zero handle";
}

TEST_F(NativeModuleCcTest, WrongRefTypeAndNullNameTheParameter) {
  sinew_vm_module_t* caller = Assemble(kCaller);
  ASSERT_NE(caller, nullptr);
  sinew_vm_context_t* context = Context({module_, caller});
  auto wrong = CallValues(context, "caller.length_of_buffer", {}, 1);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().ToString().find(
                "INVALID_ARGUMENT; parameter 0 contains a reference to the wrong type; have "
                "vm.buffer but expected test.string; while invoking C++ function test.length"),
            std::string::npos)
      << wrong.error().ToString();
  auto null = CallValues(context, "caller.length_of_null", {}, 1);
  ASSERT_FALSE(null.has_value());
  EXPECT_NE(null.error().ToString().find("parameter 0 must not be null; expected test.string"),
            std::string::npos)
      << null.error().ToString();
}

TEST_F(NativeModuleCcTest, YieldingFunctionIsResumedUntilDone) {
  sinew_vm_module_t* caller = Assemble(kCaller);
  ASSERT_NE(caller, nullptr);
  sinew_vm_context_t* context = Context({module_, caller});
  auto result = CallValues(context, "caller.yield", {sinew_vm_value_make_i32(9)}, 1);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ((*result)[0].i32, 9);
}

TEST_F(NativeModuleCcTest, CppFunctionCallsAnImportOfAnotherModule) {
  sinew_vm_module_t* helper = Assemble(R"(
vm.module @helper
vm.export @twice
vm.func @twice(%i0: i32) -> (i32) {
  %i1 = vm.add.i32 %i0, %i0
  vm.return %i1
}
)");
  ASSERT_NE(helper, nullptr);
  sinew_vm_context_t* without = Context({module_});
  EXPECT_EQ((*CallValues(without, "test.call_twice", {sinew_vm_value_make_i32(21)}, 1))[0].i32, -1);
  sinew_vm_context_t* with = Context({helper, module_});
  auto result = CallValues(with, "test.call_twice", {sinew_vm_value_make_i32(21)}, 1);
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ((*result)[0].i32, 42);
}

TEST_F(NativeModuleCcTest, CppFunctionPassesRefsToImportsAndChecksTheSignature) {
  sinew_vm_module_t* helper = Assemble(R"(
vm.module @helper
vm.type !vm.buffer
vm.export @twice
vm.func @twice(%i0: i32) -> (i32) {
  %i1 = vm.add.i32 %i0, %i0
  vm.return %i1
}
vm.export @length
vm.func @length(%r0: !vm.buffer) -> (i64) {
  %i0:1 = vm.buffer.length %r0
  vm.return %i0:1
}
)");
  sinew_vm_module_t* caller = Assemble(R"(
vm.module @caller
vm.type !vm.buffer
vm.import @test.length_via_import cconv "0r_I"
vm.rodata[0] = 68656c6c6f
vm.export @main
vm.func @main() -> (i64) {
  %r0 = vm.const.ref.rodata 0
  %i0:1 = vm.call @test.length_via_import(%R0)
  vm.return %i0:1
}
)");
  ASSERT_NE(helper, nullptr);
  ASSERT_NE(caller, nullptr);
  sinew_vm_context_t* context = Context({helper, module_, caller});
  auto length = CallValues(context, "caller.main", {}, 1);
  ASSERT_TRUE(length.has_value()) << length.error().ToString();
  EXPECT_EQ((*length)[0].i64, 5);
  auto wrong = CallValues(context, "test.call_twice_wrongly", {}, 1);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().ToString().find(
                "import 'helper.twice' is declared with cconv 0i_i but called with 0I_I"),
            std::string::npos)
      << wrong.error().ToString();
}

TEST_F(NativeModuleCcTest, ReflectionAttributesAreVisibleThroughTheInterface) {
  EXPECT_EQ(module_->signature(module_->self).attr_count, 1u);
  EXPECT_EQ(ToStringView(sinew_vm_module_lookup_attr(module_, ToCStringView("purpose"))),
            "testing");
  EXPECT_EQ(module_->signature(module_->self).version, 3u);
  EXPECT_EQ(module_->signature(module_->self).import_function_count, 2u);
}

TEST_F(NativeModuleCcTest, ModuleRegistersItsTypesWhileItLives) {
  EXPECT_EQ(sinew_vm_instance_lookup_type(instance_, "test.string", 11), TestString::type());
  sinew_vm_module_release(module_);
  module_ = nullptr;
  EXPECT_EQ(sinew_vm_instance_lookup_type(instance_, "test.string", 11), 0u);
}

TEST_F(NativeModuleCcTest, BytecodeLoadedBeforeTheTypeProviderResolvesInTheContext) {
  sinew_vm_module_release(module_);
  module_ = nullptr;
  sinew_vm_module_t* caller = Assemble(kCaller);
  ASSERT_NE(caller, nullptr) << "loading must not need !test.string yet";
  auto missing =
      CreateContextWithModules(instance_, 0, std::span(&caller, 1), sinew_allocator_system());
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().ToString().find("test.string"), std::string::npos)
      << missing.error().ToString();
  module_ = (new TestModule(instance_))->interface();
  sinew_vm_context_t* context = Context({module_, caller});
  auto length = CallValues(context, "caller.length", {}, 1);
  ASSERT_TRUE(length.has_value()) << length.error().ToString();
  EXPECT_EQ((*length)[0].i64, 5);
}

}  // namespace
}  // namespace sinew::vm
