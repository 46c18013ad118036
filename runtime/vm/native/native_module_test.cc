// Tests for descriptor-driven native modules: reflection, lookup, calls through shims, error
// annotation, DEFERRED passthrough, overrides and lifetime.
#include "runtime/vm/native/native_module.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace sinew {
namespace {

sinew_string_view_t Sv(std::string_view text) { return ToCStringView(text); }

// Takes ownership of `status` and prints it ("OK" when OK).
std::string Consume(sinew_status_t status) { return StatusToString(FromC(status)); }

struct I32Pair {
  int32_t a;
  int32_t b;
};

using BinaryFn = int32_t (*)(int32_t, int32_t);
int32_t Add(int32_t a, int32_t b) { return a + b; }

// Shim for cconv "0ii_i" over a BinaryFn target.
sinew_status_t BinaryShim(sinew_vm_stack_t*, uint32_t flags, sinew_byte_span_t arguments,
                          sinew_byte_span_t results, void* target, void*,
                          sinew_vm_module_state_t*) {
  SINEW_RETURN_IF_ERROR_C(
      sinew_vm_native_check_buffers(arguments, sizeof(I32Pair), results, sizeof(int32_t), flags));
  I32Pair args;
  std::memcpy(&args, arguments.data, sizeof(args));
  int32_t result = reinterpret_cast<BinaryFn>(target)(args.a, args.b);
  std::memcpy(results.data, &result, sizeof(result));
  return sinew_ok_status();
}

sinew_status_t FailShim(sinew_vm_stack_t*, uint32_t, sinew_byte_span_t, sinew_byte_span_t, void*,
                        void*, sinew_vm_module_state_t*) {
  return sinew_status_make(SINEW_STATUS_FAILED_PRECONDITION, nullptr, 0, "boom");
}

sinew_status_t DeferShim(sinew_vm_stack_t*, uint32_t, sinew_byte_span_t, sinew_byte_span_t, void*,
                         void*, sinew_vm_module_state_t*) {
  return sinew_status_from_code(SINEW_STATUS_DEFERRED);
}

// Records what the module passed, to check `module_self` and `state` plumbing.
struct ShimSeen {
  void* module_self = nullptr;
  sinew_vm_module_state_t* state = nullptr;
  uint32_t flags = 99;
};
ShimSeen g_seen;

sinew_status_t RecordShim(sinew_vm_stack_t*, uint32_t flags, sinew_byte_span_t, sinew_byte_span_t,
                          void*, void* module_self, sinew_vm_module_state_t* state) {
  g_seen = {module_self, state, flags};
  return sinew_ok_status();
}

// Register-direct add: i32[results[0]] = i32[args[0]] + i32[args[1]].
sinew_status_t AddDirect(void* target, void*, sinew_vm_module_state_t*, uint32_t* i32,
                         sinew_vm_ref_t*, const uint16_t* args, const uint16_t* results) {
  i32[results[0]] = static_cast<uint32_t>(reinterpret_cast<BinaryFn>(target)(
      static_cast<int32_t>(i32[args[0]]), static_cast<int32_t>(i32[args[1]])));
  return sinew_ok_status();
}

const sinew_string_pair_t kModuleAttrs[] = {{Sv("origin"), Sv("test")}};
const sinew_string_pair_t kAddAttrs[] = {{Sv("pure"), Sv("yes")}, {Sv("cost"), Sv("1")}};
const sinew_vm_module_dependency_t kDependencies[] = {
    {Sv("other"), 2, SINEW_VM_MODULE_DEPENDENCY_REQUIRED},
    {Sv("extra"), 0, SINEW_VM_MODULE_DEPENDENCY_OPTIONAL},
};
const sinew_vm_native_import_descriptor_t kImports[] = {
    {SINEW_VM_NATIVE_IMPORT_REQUIRED, Sv("other.square"), Sv("0i_i")},
    {SINEW_VM_NATIVE_IMPORT_OPTIONAL, Sv("extra.maybe"), Sv("")},
};
const sinew_vm_native_export_descriptor_t kExports[] = {
    {Sv("add"), Sv("0ii_i"), BinaryShim, reinterpret_cast<void*>(&Add), AddDirect, 2, kAddAttrs},
    {Sv("defer"), Sv("0v_v"), DeferShim, nullptr, nullptr, 0, nullptr},
    {Sv("f"), Sv("0v_v"), FailShim, nullptr, nullptr, 0, nullptr},
    {Sv("record"), Sv("0v_v"), RecordShim, nullptr, nullptr, 0, nullptr},
};
const sinew_vm_native_module_descriptor_t kDescriptor = {
    Sv("m"), 7, 1, kModuleAttrs, 2, kDependencies, 2, kImports, 4, kExports,
};

class NativeModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Consume(sinew_vm_instance_create(sinew_allocator_system(), &instance_)), "OK");
  }
  void TearDown() override {
    sinew_vm_module_release(module_);
    sinew_vm_instance_release(instance_);
  }

  void Create(const sinew_vm_module_t* overrides = nullptr,
              const sinew_vm_native_module_descriptor_t* descriptor = &kDescriptor) {
    ASSERT_EQ(Consume(sinew_vm_native_module_create(overrides, descriptor, instance_,
                                                    sinew_allocator_system(), &module_)),
              "OK");
  }

  sinew_vm_function_t Lookup(std::string_view name) {
    sinew_vm_function_t function = {};
    EXPECT_EQ(Consume(module_->lookup_function(module_->self, SINEW_VM_LINKAGE_EXPORT, Sv(name),
                                               &function)),
              "OK");
    return function;
  }

  // Calls `name` with byte buffers of the given sizes.
  sinew_status_t Call(std::string_view name, std::vector<uint8_t>& arguments,
                      std::vector<uint8_t>& results, sinew_vm_module_state_t* state = nullptr,
                      uint32_t flags = SINEW_VM_CALL_BEGIN) {
    sinew_vm_function_call_t call = {
        Lookup(name), {arguments.data(), arguments.size()}, {results.data(), results.size()}};
    return module_->call(module_->self, nullptr, state, flags, &call);
  }

  sinew_vm_instance_t* instance_ = nullptr;
  sinew_vm_module_t* module_ = nullptr;
};

TEST_F(NativeModuleTest, NameAndSignatureComeFromDescriptor) {
  Create();
  EXPECT_EQ(ToStringView(module_->name(module_->self)), "m");
  sinew_vm_module_signature_t signature = module_->signature(module_->self);
  EXPECT_EQ(signature.version, 7u);
  EXPECT_EQ(signature.attr_count, 1u);
  EXPECT_EQ(signature.import_function_count, 2u);
  EXPECT_EQ(signature.export_function_count, 4u);
  EXPECT_EQ(signature.internal_function_count, 0u);
  EXPECT_EQ(module_->resolve_source_location, nullptr);
}

TEST_F(NativeModuleTest, LookupFindsEveryExportAtItsOrdinal) {
  Create();
  const char* names[] = {"add", "defer", "f", "record"};
  for (uint32_t i = 0; i < 4; ++i) {
    sinew_vm_function_t function = Lookup(names[i]);
    EXPECT_EQ(function.module, module_);
    EXPECT_EQ(function.linkage, SINEW_VM_LINKAGE_EXPORT);
    EXPECT_EQ(function.ordinal, i) << names[i];
  }
  sinew_vm_function_t function = {};
  EXPECT_EQ(Consume(module_->lookup_function(module_->self, SINEW_VM_LINKAGE_EXPORT_OPTIONAL,
                                             Sv("f"), &function)),
            "OK");
  EXPECT_EQ(function.ordinal, 2u);
}

TEST_F(NativeModuleTest, LookupMissNamesFunctionAndModule) {
  Create();
  sinew_vm_function_t function = {};
  std::string text = Consume(
      module_->lookup_function(module_->self, SINEW_VM_LINKAGE_EXPORT, Sv("ad"), &function));
  EXPECT_NE(text.find("NOT_FOUND; no function `ad` exported by module `m`"), std::string::npos)
      << text;
  EXPECT_EQ(function.module, nullptr);
}

TEST_F(NativeModuleTest, OptionalLookupMissIsMessageLessNotFound) {
  Create();
  sinew_vm_function_t function = {};
  sinew_status_t status = module_->lookup_function(module_->self, SINEW_VM_LINKAGE_EXPORT_OPTIONAL,
                                                   Sv("zzz"), &function);
  EXPECT_EQ(status, sinew_status_from_code(SINEW_STATUS_NOT_FOUND));
  sinew_status_free(status);
}

TEST_F(NativeModuleTest, LookupOfImportsIsUnimplemented) {
  Create();
  sinew_vm_function_t function = {};
  std::string text = Consume(module_->lookup_function(module_->self, SINEW_VM_LINKAGE_IMPORT,
                                                      Sv("other.square"), &function));
  EXPECT_NE(text.find("UNIMPLEMENTED"), std::string::npos) << text;
}

TEST_F(NativeModuleTest, GetFunctionReportsImportsWithFullNameCconvAndLinkage) {
  Create();
  sinew_vm_function_t function = {};
  sinew_string_view_t name = {};
  sinew_string_view_t cconv = {};
  ASSERT_EQ(Consume(module_->get_function(module_->self, SINEW_VM_LINKAGE_IMPORT, 0, &function,
                                          &name, &cconv)),
            "OK");
  EXPECT_EQ(function.linkage, SINEW_VM_LINKAGE_IMPORT);
  EXPECT_EQ(ToStringView(name), "other.square");
  EXPECT_EQ(ToStringView(cconv), "0i_i");
  ASSERT_EQ(Consume(module_->get_function(module_->self, SINEW_VM_LINKAGE_IMPORT, 1, &function,
                                          &name, nullptr)),
            "OK");
  EXPECT_EQ(function.linkage, SINEW_VM_LINKAGE_IMPORT_OPTIONAL);
  EXPECT_EQ(function.ordinal, 1u);
  EXPECT_EQ(ToStringView(name), "extra.maybe");
}

TEST_F(NativeModuleTest, GetFunctionReportsExportsWithLocalNameAndCconv) {
  Create();
  sinew_vm_function_t function = {};
  sinew_string_view_t name = {};
  sinew_string_view_t cconv = {};
  ASSERT_EQ(Consume(module_->get_function(module_->self, SINEW_VM_LINKAGE_EXPORT, 0, &function,
                                          &name, &cconv)),
            "OK");
  EXPECT_EQ(function.module, module_);
  EXPECT_EQ(function.linkage, SINEW_VM_LINKAGE_EXPORT);
  EXPECT_EQ(ToStringView(name), "add");
  EXPECT_EQ(ToStringView(cconv), "0ii_i");
  // Every output is optional.
  EXPECT_EQ(Consume(module_->get_function(module_->self, SINEW_VM_LINKAGE_EXPORT, 3, nullptr,
                                          nullptr, nullptr)),
            "OK");
}

TEST_F(NativeModuleTest, GetFunctionRejectsOutOfRangeOrdinalsAndInternals) {
  Create();
  std::string text = Consume(
      module_->get_function(module_->self, SINEW_VM_LINKAGE_IMPORT, 2, nullptr, nullptr, nullptr));
  EXPECT_NE(text.find("INVALID_ARGUMENT; import ordinal out of range (0 <= 2 < 2)"),
            std::string::npos)
      << text;
  text = Consume(
      module_->get_function(module_->self, SINEW_VM_LINKAGE_EXPORT, 4, nullptr, nullptr, nullptr));
  EXPECT_NE(text.find("INVALID_ARGUMENT; export ordinal out of range (0 <= 4 < 4)"),
            std::string::npos)
      << text;
  text = Consume(module_->get_function(module_->self, SINEW_VM_LINKAGE_INTERNAL, 0, nullptr,
                                       nullptr, nullptr));
  EXPECT_NE(text.find("UNIMPLEMENTED"), std::string::npos) << text;
}

TEST_F(NativeModuleTest, UnsortedOrDuplicateExportTableIsRejected) {
  const sinew_vm_native_export_descriptor_t unsorted[] = {
      {Sv("a"), Sv("0v_v"), RecordShim, nullptr, nullptr, 0, nullptr},
      {Sv("b"), Sv("0v_v"), RecordShim, nullptr, nullptr, 0, nullptr},
      {Sv("ab"), Sv("0v_v"), RecordShim, nullptr, nullptr, 0, nullptr},
  };
  sinew_vm_native_module_descriptor_t descriptor = {};
  descriptor.name = Sv("bad");
  descriptor.export_count = 3;
  descriptor.exports = unsorted;
  sinew_vm_module_t* module = nullptr;
  std::string text = Consume(sinew_vm_native_module_create(nullptr, &descriptor, instance_,
                                                           sinew_allocator_system(), &module));
  EXPECT_NE(text.find("INVALID_ARGUMENT; module export table is not sorted by name (export 1 "
                      "('b') >= 2 ('ab'))"),
            std::string::npos)
      << text;
  EXPECT_EQ(module, nullptr);

  const sinew_vm_native_export_descriptor_t duplicate[] = {unsorted[0], unsorted[0]};
  descriptor.export_count = 2;
  descriptor.exports = duplicate;
  text = Consume(sinew_vm_native_module_create(nullptr, &descriptor, instance_,
                                               sinew_allocator_system(), &module));
  EXPECT_NE(text.find("(export 0 ('a') >= 1 ('a'))"), std::string::npos) << text;
}

TEST_F(NativeModuleTest, ExportWithoutShimIsRejectedUnlessCallIsOverridden) {
  const sinew_vm_native_export_descriptor_t exports[] = {
      {Sv("a"), Sv("0v_v"), nullptr, nullptr, nullptr, 0, nullptr},
  };
  sinew_vm_native_module_descriptor_t descriptor = {};
  descriptor.name = Sv("noshim");
  descriptor.export_count = 1;
  descriptor.exports = exports;
  sinew_vm_module_t* module = nullptr;
  std::string text = Consume(sinew_vm_native_module_create(nullptr, &descriptor, instance_,
                                                           sinew_allocator_system(), &module));
  EXPECT_NE(text.find("INVALID_ARGUMENT; export 0 ('a') has no shim"), std::string::npos) << text;

  sinew_vm_module_t overrides;
  sinew_vm_module_initialize(&overrides, nullptr);
  overrides.call = [](void*, sinew_vm_stack_t*, sinew_vm_module_state_t*, uint32_t,
                      const sinew_vm_function_call_t*) { return sinew_ok_status(); };
  Create(&overrides, &descriptor);
}

TEST_F(NativeModuleTest, CallPassesArgumentsAndResultsThroughByteBuffers) {
  Create();
  I32Pair pair = {40, 2};
  std::vector<uint8_t> arguments(sizeof(pair));
  std::memcpy(arguments.data(), &pair, sizeof(pair));
  std::vector<uint8_t> results(4, 0xCD);
  ASSERT_EQ(Consume(Call("add", arguments, results)), "OK");
  int32_t sum = 0;
  std::memcpy(&sum, results.data(), sizeof(sum));
  EXPECT_EQ(sum, 42);
}

TEST_F(NativeModuleTest, BufferSizeMismatchFailsAndIsAnnotated) {
  Create();
  std::vector<uint8_t> arguments(12);
  std::vector<uint8_t> results(4);
  std::string text = Consume(Call("add", arguments, results));
  EXPECT_NE(text.find("INVALID_ARGUMENT; argument/result signature mismatch"), std::string::npos)
      << text;
  EXPECT_NE(text.find("; while invoking native function m.add"), std::string::npos) << text;
  arguments.resize(8);
  results.resize(8);
  text = Consume(Call("add", arguments, results));
  EXPECT_NE(text.find("argument/result signature mismatch"), std::string::npos) << text;
}

TEST_F(NativeModuleTest, ShimErrorsAreAnnotatedWithModuleAndFunction) {
  Create();
  std::vector<uint8_t> none;
  EXPECT_EQ(Consume(Call("f", none, none)),
            "FAILED_PRECONDITION; boom; while invoking native function m.f");
}

TEST_F(NativeModuleTest, DeferredPassesThroughUntouched) {
  Create();
  std::vector<uint8_t> none;
  sinew_status_t status = Call("defer", none, none);
  // The exact code-only handle: no annotation, no allocation.
  EXPECT_EQ(status, sinew_status_from_code(SINEW_STATUS_DEFERRED));
  sinew_status_free(status);
}

TEST_F(NativeModuleTest, CallRejectsNonExportsAndOutOfRangeOrdinals) {
  Create();
  sinew_vm_function_call_t call = {{module_, SINEW_VM_LINKAGE_EXPORT, 4}, {}, {}};
  std::string text = Consume(module_->call(module_->self, nullptr, nullptr, 0, &call));
  EXPECT_NE(text.find("INVALID_ARGUMENT; function ordinal out of bounds: 0 <= 4 < 4"),
            std::string::npos)
      << text;
  call.function = {module_, SINEW_VM_LINKAGE_IMPORT, 0};
  text = Consume(module_->call(module_->self, nullptr, nullptr, 0, &call));
  EXPECT_NE(text.find("INVALID_ARGUMENT; only exported functions can be called"), std::string::npos)
      << text;
}

TEST_F(NativeModuleTest, CheckBuffersAcceptsEmptyArgumentsOnlyOnResumeAndZeroesResults) {
  uint8_t argument_bytes[8] = {};
  uint8_t result_bytes[4] = {1, 2, 3, 4};
  sinew_byte_span_t arguments = {argument_bytes, sizeof(argument_bytes)};
  sinew_byte_span_t empty = {nullptr, 0};
  sinew_byte_span_t results = {result_bytes, sizeof(result_bytes)};
  EXPECT_EQ(Consume(sinew_vm_native_check_buffers(arguments, 8, results, 4, SINEW_VM_CALL_BEGIN)),
            "OK");
  EXPECT_EQ(std::vector<uint8_t>(result_bytes, result_bytes + 4), std::vector<uint8_t>(4, 0));
  EXPECT_EQ(Consume(sinew_vm_native_check_buffers(empty, 8, results, 4, SINEW_VM_CALL_RESUME)),
            "OK");
  EXPECT_EQ(Consume(sinew_vm_native_check_buffers(arguments, 8, results, 4, SINEW_VM_CALL_RESUME)),
            "OK");
  std::string text =
      Consume(sinew_vm_native_check_buffers(empty, 8, results, 4, SINEW_VM_CALL_BEGIN));
  EXPECT_NE(text.find("INVALID_ARGUMENT; argument/result signature mismatch: arguments 0 bytes "
                      "(expected 8), results 4 bytes (expected 4)"),
            std::string::npos)
      << text;
  EXPECT_EQ(Consume(sinew_vm_native_check_buffers(empty, 0, empty, 0, SINEW_VM_CALL_BEGIN)), "OK");
}

TEST_F(NativeModuleTest, ModuleAndFunctionAttrsComeFromDescriptor) {
  Create();
  sinew_string_pair_t pair = {};
  ASSERT_EQ(Consume(module_->get_module_attr(module_->self, 0, &pair)), "OK");
  EXPECT_EQ(ToStringView(pair.key), "origin");
  EXPECT_EQ(ToStringView(pair.value), "test");
  EXPECT_EQ(module_->get_module_attr(module_->self, 1, &pair),
            sinew_status_from_code(SINEW_STATUS_OUT_OF_RANGE));
  EXPECT_EQ(ToStringView(sinew_vm_module_lookup_attr(module_, Sv("origin"))), "test");

  ASSERT_EQ(
      Consume(module_->get_function_attr(module_->self, SINEW_VM_LINKAGE_EXPORT, 0, 1, &pair)),
      "OK");
  EXPECT_EQ(ToStringView(pair.key), "cost");
  EXPECT_EQ(ToStringView(pair.value), "1");
  EXPECT_EQ(module_->get_function_attr(module_->self, SINEW_VM_LINKAGE_EXPORT, 0, 2, &pair),
            sinew_status_from_code(SINEW_STATUS_OUT_OF_RANGE));
  EXPECT_EQ(module_->get_function_attr(module_->self, SINEW_VM_LINKAGE_EXPORT, 1, 0, &pair),
            sinew_status_from_code(SINEW_STATUS_OUT_OF_RANGE));
  std::string text =
      Consume(module_->get_function_attr(module_->self, SINEW_VM_LINKAGE_IMPORT, 0, 0, &pair));
  EXPECT_NE(text.find("INVALID_ARGUMENT; only exported functions can be queried"),
            std::string::npos)
      << text;
  text = Consume(module_->get_function_attr(module_->self, SINEW_VM_LINKAGE_EXPORT, 9, 0, &pair));
  EXPECT_NE(text.find("export ordinal out of range (0 <= 9 < 4)"), std::string::npos) << text;
}

TEST_F(NativeModuleTest, EnumerateDependenciesReportsEachUntilCallbackFails) {
  Create();
  std::vector<std::string> seen;
  auto record = [](void* user_data, const sinew_vm_module_dependency_t* dependency) {
    auto* names = static_cast<std::vector<std::string>*>(user_data);
    names->push_back(std::string(ToStringView(dependency->name)) + "@" +
                     std::to_string(dependency->minimum_version) + "/" +
                     std::to_string(dependency->flags));
    return sinew_ok_status();
  };
  ASSERT_EQ(Consume(module_->enumerate_dependencies(module_->self, record, &seen)), "OK");
  EXPECT_EQ(seen, (std::vector<std::string>{"other@2/1", "extra@0/2"}));

  int calls = 0;
  auto fail = [](void* user_data, const sinew_vm_module_dependency_t*) {
    ++*static_cast<int*>(user_data);
    return sinew_status_from_code(SINEW_STATUS_ABORTED);
  };
  EXPECT_EQ(module_->enumerate_dependencies(module_->self, fail, &calls),
            sinew_status_from_code(SINEW_STATUS_ABORTED));
  EXPECT_EQ(calls, 1);
}

TEST_F(NativeModuleTest, DefaultStateIsNullAndOnlyNullStateForks) {
  Create();
  sinew_vm_module_state_t* state = reinterpret_cast<sinew_vm_module_state_t*>(&state);
  ASSERT_EQ(Consume(module_->alloc_state(module_->self, sinew_allocator_system(), &state)), "OK");
  EXPECT_EQ(state, nullptr);
  sinew_vm_module_state_t* child = reinterpret_cast<sinew_vm_module_state_t*>(&child);
  ASSERT_EQ(Consume(module_->fork_state(module_->self, state, sinew_allocator_system(), &child)),
            "OK");
  EXPECT_EQ(child, nullptr);
  module_->free_state(module_->self, state);

  auto* fake_parent = reinterpret_cast<sinew_vm_module_state_t*>(&child);
  std::string text =
      Consume(module_->fork_state(module_->self, fake_parent, sinew_allocator_system(), &child));
  EXPECT_NE(text.find("UNIMPLEMENTED; native module must implement fork_state if it provides "
                      "module state"),
            std::string::npos)
      << text;
  EXPECT_EQ(Consume(module_->notify(module_->self, nullptr, SINEW_VM_SIGNAL_SUSPEND)), "OK");
}

TEST_F(NativeModuleTest, ResolveImportIsUnimplementedByDefault) {
  Create();
  sinew_vm_import_binding_t binding = {};
  std::string text = Consume(module_->resolve_import(module_->self, nullptr, 0, &binding));
  EXPECT_NE(text.find("UNIMPLEMENTED; native module does not support imports"), std::string::npos)
      << text;
}

TEST_F(NativeModuleTest, GetDirectCallReturnsTheExportDirectEntry) {
  Create();
  sinew_vm_direct_call_t direct = {};
  ASSERT_EQ(Consume(module_->get_direct_call(module_->self, 0, &direct)), "OK");
  ASSERT_EQ(direct.function, &AddDirect);
  uint32_t i32[4] = {5, 6, 0, 0};
  const uint16_t args[] = {0, 1};
  const uint16_t results[] = {3};
  ASSERT_EQ(
      Consume(direct.function(direct.target, module_->self, nullptr, i32, nullptr, args, results)),
      "OK");
  EXPECT_EQ(i32[3], 11u);
  ASSERT_EQ(Consume(module_->get_direct_call(module_->self, 1, &direct)), "OK");
  EXPECT_EQ(direct.function, nullptr);
  std::string text = Consume(module_->get_direct_call(module_->self, 4, &direct));
  EXPECT_NE(text.find("export ordinal out of range (0 <= 4 < 4)"), std::string::npos) << text;
}

// A module with per-context state: the override self counts states and destroy hooks.
struct CustomSelf {
  int live_states = 0;
  int destroyed = 0;
};

sinew_vm_module_t CustomOverrides(CustomSelf* self) {
  sinew_vm_module_t overrides;
  sinew_vm_module_initialize(&overrides, self);
  overrides.destroy = [](void* self) { ++static_cast<CustomSelf*>(self)->destroyed; };
  overrides.alloc_state = [](void* self, sinew_allocator_t, sinew_vm_module_state_t** out_state) {
    auto* custom = static_cast<CustomSelf*>(self);
    ++custom->live_states;
    *out_state = reinterpret_cast<sinew_vm_module_state_t*>(custom);
    return sinew_ok_status();
  };
  overrides.free_state = [](void* self, sinew_vm_module_state_t*) {
    --static_cast<CustomSelf*>(self)->live_states;
  };
  return overrides;
}

TEST_F(NativeModuleTest, OverridesReplaceEntriesAndReceiveTheirSelf) {
  CustomSelf custom;
  sinew_vm_module_t overrides = CustomOverrides(&custom);
  Create(&overrides);
  sinew_vm_module_state_t* state = nullptr;
  ASSERT_EQ(Consume(module_->alloc_state(module_->self, sinew_allocator_system(), &state)), "OK");
  EXPECT_EQ(custom.live_states, 1);
  EXPECT_EQ(state, reinterpret_cast<sinew_vm_module_state_t*>(&custom));

  // Shims see the override self and the context's state.
  std::vector<uint8_t> none;
  g_seen = {};
  ASSERT_EQ(Consume(Call("record", none, none, state, SINEW_VM_CALL_RESUME)), "OK");
  EXPECT_EQ(g_seen.module_self, &custom);
  EXPECT_EQ(g_seen.state, state);
  EXPECT_EQ(g_seen.flags, static_cast<uint32_t>(SINEW_VM_CALL_RESUME));

  module_->free_state(module_->self, state);
  EXPECT_EQ(custom.live_states, 0);
  // Entries that were not overridden keep their defaults.
  EXPECT_EQ(ToStringView(module_->name(module_->self)), "m");

  sinew_vm_module_release(module_);
  module_ = nullptr;
  EXPECT_EQ(custom.destroyed, 1);
}

TEST_F(NativeModuleTest, OverridesWithoutSelfReceiveTheNativeModuleSelf) {
  sinew_vm_module_t overrides;
  sinew_vm_module_initialize(&overrides, nullptr);
  static void* seen_self = nullptr;
  overrides.name = [](void* self) {
    seen_self = self;
    return sinew_make_cstring_view("renamed");
  };
  Create(&overrides);
  EXPECT_EQ(ToStringView(sinew_vm_module_name(module_)), "renamed");
  EXPECT_EQ(seen_self, module_->self);

  // The overridden name shows up in messages built by the defaults.
  std::vector<uint8_t> none;
  EXPECT_EQ(Consume(Call("f", none, none)),
            "FAILED_PRECONDITION; boom; while invoking native function renamed.f");
  g_seen = {};
  ASSERT_EQ(Consume(Call("record", none, none)), "OK");
  EXPECT_EQ(g_seen.module_self, module_->self);
  EXPECT_EQ(g_seen.flags, static_cast<uint32_t>(SINEW_VM_CALL_BEGIN));
}

// Counts live allocations so tests can see the module free itself.
struct CountingAllocator {
  int live = 0;
  sinew_allocator_t get() {
    return {this,
            [](void* self, size_t size, size_t alignment) -> void* {
              ++static_cast<CountingAllocator*>(self)->live;
              return sinew_allocator_system().allocate(nullptr, size, alignment);
            },
            [](void* self, void* ptr) {
              --static_cast<CountingAllocator*>(self)->live;
              sinew_allocator_system().free(nullptr, ptr);
            }};
  }
};

TEST_F(NativeModuleTest, ModuleKeepsInstanceAliveUntilLastReleaseDestroysIt) {
  CountingAllocator allocator;
  sinew_vm_module_t* module = nullptr;
  ASSERT_EQ(Consume(sinew_vm_native_module_create(nullptr, &kDescriptor, instance_, allocator.get(),
                                                  &module)),
            "OK");
  EXPECT_EQ(allocator.live, 1);
  // Drop the test's reference: the module's reference keeps the instance usable (ASan would
  // report a use after free otherwise, and LSan a leak if destroy did not release it).
  sinew_vm_instance_release(instance_);
  EXPECT_NE(sinew_vm_instance_lookup_type(instance_, "vm.buffer", 9), 0u);
  instance_ = nullptr;

  sinew_vm_module_retain(module);
  sinew_vm_module_release(module);
  EXPECT_EQ(allocator.live, 1);
  sinew_vm_module_release(module);
  EXPECT_EQ(allocator.live, 0);
}

}  // namespace
}  // namespace sinew
