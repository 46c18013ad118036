// Tests for contexts: import resolution (order, optional and required imports, signature and
// version checks), __init/__deinit, freezing, forking and ResolveFunction. Modules are native
// descriptor modules and bytecode modules assembled from text.
#include "runtime/vm/context.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/invocation.h"
#include "runtime/vm/native/native_module.h"

namespace sinew::vm {
namespace {

sinew_string_view_t Sv(std::string_view text) { return ToCStringView(text); }

// Shim for "0v_i": returns the int32_t that `target` points at.
sinew_status_t ConstantShim(sinew_vm_stack_t*, uint32_t flags, sinew_byte_span_t arguments,
                            sinew_byte_span_t results, void* target, void*,
                            sinew_vm_module_state_t*) {
  SINEW_RETURN_IF_ERROR_C(
      sinew_vm_native_check_buffers(arguments, 0, results, sizeof(int32_t), flags));
  std::memcpy(results.data, target, sizeof(int32_t));
  return sinew_ok_status();
}

// Events recorded by the `log.record` native export, in call order.
std::vector<int32_t> g_log;

// Shim for "0i_v": appends its argument to g_log.
sinew_status_t RecordShim(sinew_vm_stack_t*, uint32_t flags, sinew_byte_span_t arguments,
                          sinew_byte_span_t results, void*, void*, sinew_vm_module_state_t*) {
  SINEW_RETURN_IF_ERROR_C(
      sinew_vm_native_check_buffers(arguments, sizeof(int32_t), results, 0, flags));
  int32_t value;
  std::memcpy(&value, arguments.data, sizeof(value));
  g_log.push_back(value);
  return sinew_ok_status();
}

const int32_t kOne = 1;
const int32_t kTwo = 2;
const sinew_vm_native_export_descriptor_t kValueOneExports[] = {
    {Sv("value"), Sv("0v_i"), ConstantShim, const_cast<int32_t*>(&kOne), nullptr, 0, nullptr},
};
const sinew_vm_native_export_descriptor_t kValueTwoExports[] = {
    {Sv("value"), Sv("0v_i"), ConstantShim, const_cast<int32_t*>(&kTwo), nullptr, 0, nullptr},
};
const sinew_vm_native_export_descriptor_t kOtherExports[] = {
    {Sv("other"), Sv("0v_i"), ConstantShim, const_cast<int32_t*>(&kOne), nullptr, 0, nullptr},
};
const sinew_vm_native_export_descriptor_t kLogExports[] = {
    {Sv("record"), Sv("0i_v"), RecordShim, nullptr, nullptr, 0, nullptr},
};
// Two modules named "lib" whose `value` returns 1 and 2, and one whose only export is `other`.
const sinew_vm_native_module_descriptor_t kLibOne = {
    Sv("lib"), 1, 0, nullptr, 0, nullptr, 0, nullptr, 1, kValueOneExports};
const sinew_vm_native_module_descriptor_t kLibTwo = {
    Sv("lib"), 3, 0, nullptr, 0, nullptr, 0, nullptr, 1, kValueTwoExports};
const sinew_vm_native_module_descriptor_t kLibOther = {
    Sv("lib"), 1, 0, nullptr, 0, nullptr, 0, nullptr, 1, kOtherExports};
const sinew_vm_native_module_descriptor_t kLog = {Sv("log"), 0, 0,       nullptr, 0,
                                                  nullptr,   0, nullptr, 1,       kLogExports};

// Imports lib.value and returns what it returns.
constexpr std::string_view kAppSource = R"(
vm.module @app
vm.import @lib.value cconv "0v_i"
vm.export @main
vm.func @main() -> (i32) {
  %i0 = vm.call @lib.value()
  vm.return %i0
}
)";

// counter.bump() increments a global and returns it.
constexpr std::string_view kCounterSource = R"(
vm.module @counter
vm.global.i32 mutable @count
vm.export @bump
vm.func @bump() -> (i32) {
  %i0 = vm.global.load.i32 @count
  %i1 = vm.const.i32 1
  %i0 = vm.add.i32 %i0, %i1
  vm.global.store.i32 %i0, @count
  vm.return %i0
}
)";

// A module without imports or exports.
constexpr std::string_view kPlainSource = R"(
vm.module @app
vm.func @f() -> () {
  vm.return
}
)";

// A module `name` whose __init records `id` and whose __deinit records -id through log.record.
std::string LifecycleSource(std::string_view name, int id) {
  return StrCat("vm.module @", name, R"(
vm.import @log.record cconv "0i_v"
vm.export @__init
vm.func @__init() -> () {
  %i0 = vm.const.i32 )",
                id, R"(
  vm.call @log.record(%i0)
  vm.return
}
vm.export @__deinit
vm.func @__deinit() -> () {
  %i0 = vm.const.i32 )",
                -id, R"(
  vm.call @log.record(%i0)
  vm.return
}
)");
}

void ReleaseArchive(void* user_data, sinew_byte_span_t) {
  delete static_cast<std::vector<uint8_t>*>(user_data);
}

class ContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_log.clear();
    ASSERT_EQ(sinew_vm_instance_create(sinew_allocator_system(), &instance_), nullptr);
  }
  void TearDown() override {
    for (sinew_vm_context_t* context : contexts_) ReleaseContext(context);
    for (sinew_vm_module_t* module : modules_) sinew_vm_module_release(module);
    sinew_vm_instance_release(instance_);
  }

  sinew_vm_module_t* Native(const sinew_vm_native_module_descriptor_t& descriptor) {
    sinew_vm_module_t* module = nullptr;
    sinew_status_t status = sinew_vm_native_module_create(nullptr, &descriptor, instance_,
                                                          sinew_allocator_system(), &module);
    EXPECT_EQ(status, nullptr) << Error(status).ToString();
    if (module) modules_.push_back(module);
    return module;
  }

  // Assembles `source`, lets `edit` adjust the description, and loads the module.
  sinew_vm_module_t* Bytecode(std::string_view source,
                              const std::function<void(bytecode::ModuleDesc&)>& edit = {}) {
    auto desc = bytecode::AssembleModule(source, "test.vmasm");
    EXPECT_TRUE(desc.has_value()) << desc.error().ToString();
    if (!desc) return nullptr;
    if (edit) edit(*desc);
    auto* bytes = new std::vector<uint8_t>(bytecode::WriteModule(*desc));
    sinew_vm_module_t* module = nullptr;
    sinew_status_t status =
        sinew_vm_bytecode_module_create(instance_, {bytes->data(), bytes->size()}, ReleaseArchive,
                                        bytes, sinew_allocator_system(), &module);
    EXPECT_EQ(status, nullptr) << Error(status).ToString();
    if (!module) {
      delete bytes;
      return nullptr;
    }
    modules_.push_back(module);
    return module;
  }

  StatusOr<sinew_vm_context_t*> Create(std::vector<sinew_vm_module_t*> modules) {
    auto context = CreateContextWithModules(instance_, 0, modules, sinew_allocator_system());
    if (context) contexts_.push_back(*context);
    return context;
  }

  sinew_vm_context_t* Empty() {
    auto context = CreateContext(instance_, 0, sinew_allocator_system());
    EXPECT_TRUE(context.has_value());
    contexts_.push_back(*context);
    return *context;
  }

  // Calls `name` (no arguments, one i32 result) in `context`.
  StatusOr<int32_t> CallI32(sinew_vm_context_t* context, std::string_view name) {
    SINEW_ASSIGN_OR_RETURN(sinew_vm_function_t function, ResolveFunction(context, name));
    sinew_vm_value_t result;
    SINEW_RETURN_IF_ERROR(InvokeValues(context, function, {}, std::span(&result, 1)));
    return result.i32;
  }

  sinew_vm_instance_t* instance_ = nullptr;
  std::vector<sinew_vm_module_t*> modules_;
  std::vector<sinew_vm_context_t*> contexts_;
};

// The status text, or "OK".
template <typename T>
std::string Text(const StatusOr<T>& result) {
  return result ? std::string("OK") : result.error().ToString();
}

TEST_F(ContextTest, ImportResolvesToNewestModuleWithTheName) {
  sinew_vm_module_t* older = Native(kLibOne);
  sinew_vm_module_t* newer = Native(kLibTwo);
  auto context = Create({older, newer, Bytecode(kAppSource)});
  ASSERT_TRUE(context.has_value()) << Text(context);
  auto result = CallI32(*context, "app.main");
  ASSERT_TRUE(result.has_value()) << Text(result);
  EXPECT_EQ(*result, 2);
}

TEST_F(ContextTest, NewestModuleWithTheNameIsFinalEvenWithoutTheExport) {
  auto context = Create({Native(kLibOne), Native(kLibOther), Bytecode(kAppSource)});
  ASSERT_FALSE(context.has_value());
  EXPECT_EQ(context.error().code(), StatusCode::kNotFound);
  EXPECT_NE(Text(context).find("no function `value` exported by module `lib`"), std::string::npos)
      << Text(context);
}

TEST_F(ContextTest, MissingOptionalImportLeavesItUnresolvedAndCallingItFailsNotFound) {
  sinew_vm_module_t* app = Bytecode(R"(
vm.module @app
vm.import optional @absent.fn cconv "0v_i"
vm.import optional @lib.missing cconv "0v_i"
vm.export @resolved
vm.func @resolved() -> (i32) {
  %i0 = vm.import.resolved @absent.fn
  %i1 = vm.import.resolved @lib.missing
  %i0 = vm.or.i32 %i0, %i1
  vm.return %i0
}
vm.export @call
vm.func @call() -> (i32) {
  %i0 = vm.call @lib.missing()
  vm.return %i0
}
)");
  auto context = Create({Native(kLibOne), app});
  ASSERT_TRUE(context.has_value()) << Text(context);
  auto resolved = CallI32(*context, "app.resolved");
  ASSERT_TRUE(resolved.has_value()) << Text(resolved);
  EXPECT_EQ(*resolved, 0);
  auto called = CallI32(*context, "app.call");
  ASSERT_FALSE(called.has_value());
  EXPECT_EQ(called.error().code(), StatusCode::kNotFound);
  EXPECT_NE(Text(called).find("optional import `lib.missing` (ordinal 1) not resolved"),
            std::string::npos)
      << Text(called);
}

TEST_F(ContextTest, MissingRequiredImportModuleNamesTheImport) {
  auto context = Create({Bytecode(kAppSource)});
  ASSERT_FALSE(context.has_value());
  EXPECT_EQ(context.error().code(), StatusCode::kNotFound);
  EXPECT_NE(Text(context).find("module 'lib' required for import 'lib.value' not registered with "
                               "the context; resolving module 'app' imports"),
            std::string::npos)
      << Text(context);
}

TEST_F(ContextTest, MissingRequiredImportFunctionNamesFunctionAndModule) {
  auto context = Create({Native(kLibOther), Bytecode(kAppSource)});
  ASSERT_FALSE(context.has_value());
  EXPECT_EQ(context.error().code(), StatusCode::kNotFound);
  EXPECT_NE(Text(context).find(
                "no function `value` exported by module `lib`; resolving module 'app' imports"),
            std::string::npos)
      << Text(context);
}

TEST_F(ContextTest, CconvMismatchNamesBothSignatures) {
  sinew_vm_module_t* app = Bytecode(R"(
vm.module @app
vm.import @lib.value cconv "0v_I"
vm.func @f() -> () {
  vm.return
}
)");
  auto context = Create({Native(kLibOne), app});
  ASSERT_FALSE(context.has_value());
  EXPECT_EQ(context.error().code(), StatusCode::kInternal);
  EXPECT_NE(Text(context).find("import function lib.value signature mismatch between app and "
                               "source lib; expected 0v_I but got 0v_i"),
            std::string::npos)
      << Text(context);
}

TEST_F(ContextTest, RequiredDependencyVersionTooLowFails) {
  auto require = [](uint32_t version) {
    return [version](bytecode::ModuleDesc& desc) {
      desc.dependencies.push_back({"lib", version, SINEW_VM_MODULE_DEPENDENCY_REQUIRED});
    };
  };
  auto context = Create({Native(kLibTwo), Bytecode(kAppSource, require(4))});
  ASSERT_FALSE(context.has_value());
  EXPECT_EQ(context.error().code(), StatusCode::kNotFound);
  EXPECT_NE(Text(context).find("required module 'lib' version mismatch; have 3 but require 4"),
            std::string::npos)
      << Text(context);
  auto accepted = Create({Native(kLibTwo), Bytecode(kAppSource, require(3))});
  EXPECT_TRUE(accepted.has_value()) << Text(accepted);
}

TEST_F(ContextTest, MissingRequiredDependencyFailsAndOptionalOneIsAccepted) {
  auto depend = [](uint32_t flags) {
    return [flags](bytecode::ModuleDesc& desc) { desc.dependencies.push_back({"dep", 1, flags}); };
  };
  auto missing = Create({Bytecode(kPlainSource, depend(SINEW_VM_MODULE_DEPENDENCY_REQUIRED))});
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(Text(missing).find("required module 'dep' not registered on the context"),
            std::string::npos)
      << Text(missing);
  auto optional = Create({Bytecode(kPlainSource, depend(SINEW_VM_MODULE_DEPENDENCY_OPTIONAL))});
  EXPECT_TRUE(optional.has_value()) << Text(optional);
}

TEST_F(ContextTest, InitRunsInRegistrationOrderAndDeinitInReverse) {
  auto context =
      Create({Native(kLog), Bytecode(LifecycleSource("a", 1)), Bytecode(LifecycleSource("b", 2))});
  ASSERT_TRUE(context.has_value()) << Text(context);
  EXPECT_EQ(g_log, (std::vector<int32_t>{1, 2}));
  contexts_.clear();
  ReleaseContext(*context);
  EXPECT_EQ(g_log, (std::vector<int32_t>{1, 2, -2, -1}));
}

TEST_F(ContextTest, InitFailureSurfacesAndRollsBackTheBatch) {
  sinew_vm_context_t* context = Empty();
  ASSERT_TRUE(RegisterModules(context, std::vector{Native(kLog)}).has_value());
  sinew_vm_module_t* bad = Bytecode(R"(
vm.module @bad
vm.import @log.record cconv "0i_v"
vm.export @__init
vm.func @__init() -> () {
  %i0 = vm.const.i32 9
  vm.fail %i0, "init refused"
}
vm.export @__deinit
vm.func @__deinit() -> () {
  %i0 = vm.const.i32 -3
  vm.call @log.record(%i0)
  vm.return
}
)");
  Status status = RegisterModules(context, std::vector{Bytecode(LifecycleSource("a", 1)), bad});
  ASSERT_FALSE(status.has_value());
  std::string text = status.error().ToString();
  EXPECT_EQ(status.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(text.find("<vm>:0: FAILED_PRECONDITION; init refused"), std::string::npos) << text;
  EXPECT_NE(text.find("bytecode bad.__init:"), std::string::npos) << text;
  EXPECT_NE(text.find("running __init of module 'bad'"), std::string::npos) << text;
  // The failed module and the one registered before it in the batch are torn down, newest
  // first; the module of the earlier batch stays.
  EXPECT_EQ(g_log, (std::vector<int32_t>{1, -3, -1}));
  EXPECT_EQ(ContextModuleCount(context), 1u);
}

TEST_F(ContextTest, FrozenContextRejectsRegistration) {
  sinew_vm_context_t* context = Empty();
  ASSERT_TRUE(RegisterModules(context, std::vector{Native(kLibOne)}).has_value());
  FreezeContext(context);
  Status status = RegisterModules(context, std::vector{Native(kLog)});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(ContextModuleCount(context), 1u);
}

TEST_F(ContextTest, ContextCreatedWithModulesIsFrozen) {
  auto context = Create({Native(kLibOne)});
  ASSERT_TRUE(context.has_value()) << Text(context);
  Status status = RegisterModules(*context, std::vector{Native(kLog)});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ContextTest, ForkedContextHasIndependentGlobals) {
  auto parent = Create({Bytecode(kCounterSource)});
  ASSERT_TRUE(parent.has_value()) << Text(parent);
  EXPECT_EQ(CallI32(*parent, "counter.bump").value_or(-1), 1);
  auto child = ForkContext(*parent, sinew_allocator_system());
  ASSERT_TRUE(child.has_value()) << Text(child);
  contexts_.push_back(*child);
  EXPECT_NE(ContextId(*child), ContextId(*parent));
  EXPECT_EQ(ContextModuleCount(*child), 1u);
  EXPECT_EQ(CallI32(*child, "counter.bump").value_or(-1), 2);
  EXPECT_EQ(CallI32(*child, "counter.bump").value_or(-1), 3);
  EXPECT_EQ(CallI32(*parent, "counter.bump").value_or(-1), 2);
}

TEST_F(ContextTest, ForkedContextBindsImportsToItsOwnStates) {
  sinew_vm_module_t* app = Bytecode(R"(
vm.module @app
vm.import @counter.bump cconv "0v_i"
vm.export @main
vm.func @main() -> (i32) {
  %i0 = vm.call @counter.bump()
  vm.return %i0
}
)");
  auto parent = Create({Bytecode(kCounterSource), app});
  ASSERT_TRUE(parent.has_value()) << Text(parent);
  EXPECT_EQ(CallI32(*parent, "app.main").value_or(-1), 1);
  auto child = ForkContext(*parent, sinew_allocator_system());
  ASSERT_TRUE(child.has_value()) << Text(child);
  contexts_.push_back(*child);
  EXPECT_EQ(CallI32(*child, "app.main").value_or(-1), 2);
  EXPECT_EQ(CallI32(*child, "counter.bump").value_or(-1), 3);
  EXPECT_EQ(CallI32(*parent, "app.main").value_or(-1), 2);
}

TEST_F(ContextTest, ForkedContextCallsImportsAndDoesNotRerunInit) {
  auto parent = Create(
      {Native(kLog), Native(kLibTwo), Bytecode(LifecycleSource("a", 1)), Bytecode(kAppSource)});
  ASSERT_TRUE(parent.has_value()) << Text(parent);
  auto child = ForkContext(*parent, sinew_allocator_system());
  ASSERT_TRUE(child.has_value()) << Text(child);
  EXPECT_EQ(g_log, (std::vector<int32_t>{1}));
  EXPECT_EQ(CallI32(*child, "app.main").value_or(-1), 2);
  ReleaseContext(*child);
  EXPECT_EQ(g_log, (std::vector<int32_t>{1, -1}));
}

TEST_F(ContextTest, ResolveFunctionFindsExportOfNewestModule) {
  sinew_vm_module_t* newer = Native(kLibTwo);
  auto context = Create({Native(kLibOne), newer});
  ASSERT_TRUE(context.has_value()) << Text(context);
  auto function = ResolveFunction(*context, "lib.value");
  ASSERT_TRUE(function.has_value()) << Text(function);
  EXPECT_EQ(function->module, newer);
  EXPECT_EQ(function->linkage, SINEW_VM_LINKAGE_EXPORT);
  EXPECT_EQ(function->ordinal, 0u);
}

TEST_F(ContextTest, ResolveFunctionErrorsNameWhatIsMissing) {
  auto context = Create({Native(kLibOne)});
  ASSERT_TRUE(context.has_value()) << Text(context);
  auto no_function = ResolveFunction(*context, "lib.nope");
  ASSERT_FALSE(no_function.has_value());
  EXPECT_EQ(no_function.error().code(), StatusCode::kNotFound);
  EXPECT_NE(Text(no_function).find("no function `nope` exported by module `lib`"),
            std::string::npos)
      << Text(no_function);
  auto no_module = ResolveFunction(*context, "other.value");
  ASSERT_FALSE(no_module.has_value());
  EXPECT_EQ(no_module.error().code(), StatusCode::kNotFound);
  EXPECT_NE(Text(no_module).find("module 'other'"), std::string::npos) << Text(no_module);
  auto unqualified = ResolveFunction(*context, "value");
  ASSERT_FALSE(unqualified.has_value());
  EXPECT_EQ(unqualified.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(Text(unqualified).find("not fully-qualified (module.func): 'value'"), std::string::npos)
      << Text(unqualified);
}

TEST_F(ContextTest, ModulesAndStateAreQueryable) {
  sinew_vm_module_t* lib = Native(kLibOne);
  sinew_vm_module_t* app = Bytecode(kAppSource);
  auto context = Create({lib, app});
  ASSERT_TRUE(context.has_value()) << Text(context);
  EXPECT_EQ(ContextModuleCount(*context), 2u);
  EXPECT_EQ(ContextModuleAt(*context, 0), lib);
  EXPECT_EQ(ContextModuleAt(*context, 1), app);
  EXPECT_EQ(ContextModuleAt(*context, 2), nullptr);
  EXPECT_EQ(ContextInstance(*context), instance_);
  EXPECT_TRUE(ResolveModuleState(*context, app).has_value());
  auto missing = ResolveModuleState(*context, Native(kLog));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sinew::vm
