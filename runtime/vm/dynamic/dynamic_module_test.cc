// Tests for loading modules from shared libraries, against the test library built from
// tests/dynamic_module (its path comes from the build as SINEW_TEST_DYNAMIC_MODULE_PATH): the
// module runs in a context, its types live exactly as long as it does, the library stays
// loaded until the last holder lets go, parameters reach the library, and every failure is a
// clear status.
#include "runtime/vm/dynamic/dynamic_module.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <string>

#include "runtime/base/status_testing.h"
#include "runtime/vm/buffer.h"
#include "runtime/vm/context.h"
#include "runtime/vm/invocation.h"
#include "runtime/vm/list.h"

namespace sinew::vm {
namespace {

using ::sinew::testing::IsOk;

constexpr const char* kLibrary = SINEW_TEST_DYNAMIC_MODULE_PATH;

bool LibraryIsLoaded() {
  void* handle = dlopen(kLibrary, RTLD_NOW | RTLD_NOLOAD);
  if (!handle) return false;
  dlclose(handle);
  return true;
}

class DynamicModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(IsOk(sinew_vm_instance_create(sinew_allocator_system(), &instance_)));
  }
  void TearDown() override { sinew_vm_instance_release(instance_); }

  // The status text of a load expected to fail.
  std::string LoadError(std::string_view path, std::string_view entry,
                        std::span<const sinew_string_pair_t> params = {}) {
    auto module = LoadDynamicModule(instance_, path, entry, params);
    if (module.has_value()) {
      sinew_vm_module_release(*module);
      return "OK";
    }
    return module.error().ToString();
  }

  sinew_vm_instance_t* instance_ = nullptr;
};

TEST_F(DynamicModuleTest, DefaultEntryCreatesACallableModule) {
  auto module = LoadDynamicModule(instance_, kLibrary);
  ASSERT_TRUE(module.has_value()) << module.error().ToString();
  EXPECT_EQ(ToStringView(sinew_vm_module_name(*module)), "custom");
  auto context =
      CreateContextWithModules(instance_, 0, std::span(&*module, 1), sinew_allocator_system());
  ASSERT_TRUE(context.has_value()) << context.error().ToString();
  auto function = ResolveFunction(*context, "custom.string.create");
  ASSERT_TRUE(function.has_value()) << function.error().ToString();

  // The host's vm.buffer is the library's vm.buffer: the string crosses without conversion.
  sinew_vm_buffer_t* text = nullptr;
  ASSERT_TRUE(IsOk(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 5, 0,
                                          sinew_allocator_system(), &text)));
  std::memcpy(text->data, "hello", 5);
  sinew_vm_ref_t text_ref = {};
  sinew_vm_ref_wrap_assign(text, sinew_vm_buffer_type(), &text_ref);
  sinew_vm_list_t* inputs = nullptr;
  sinew_vm_list_t* outputs = nullptr;
  ASSERT_TRUE(IsOk(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 1,
                                        sinew_allocator_system(), &inputs)));
  ASSERT_TRUE(IsOk(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 1,
                                        sinew_allocator_system(), &outputs)));
  ASSERT_TRUE(IsOk(sinew_vm_list_push_ref_retain_or_move(inputs, 1, &text_ref)));
  Status invoked = Invoke(*context, *function, 0, inputs, outputs);
  ASSERT_TRUE(invoked.has_value()) << invoked.error().ToString();
  sinew_vm_variant_t result;
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(outputs, 0, &result)));
  EXPECT_STREQ(sinew_vm_ref_type_name(result.ref.type), "custom.string");
  sinew_vm_ref_release(&result.ref);
  sinew_vm_list_release(inputs);
  sinew_vm_list_release(outputs);
  ReleaseContext(*context);
  sinew_vm_module_release(*module);
}

TEST_F(DynamicModuleTest, LibraryAndTypesLiveUntilTheLastHolderReleasesTheModule) {
  auto module = LoadDynamicModule(instance_, kLibrary);
  ASSERT_TRUE(module.has_value()) << module.error().ToString();
  auto context =
      CreateContextWithModules(instance_, 0, std::span(&*module, 1), sinew_allocator_system());
  ASSERT_TRUE(context.has_value()) << context.error().ToString();
  sinew_vm_module_release(*module);

  // The context still holds the module: its code and its type stay.
  EXPECT_TRUE(LibraryIsLoaded());
  EXPECT_NE(sinew_vm_instance_lookup_type(instance_, "custom.string", 13), 0u);

  ReleaseContext(*context);
  EXPECT_FALSE(LibraryIsLoaded());
  EXPECT_EQ(sinew_vm_instance_lookup_type(instance_, "custom.string", 13), 0u);
}

TEST_F(DynamicModuleTest, EachLoadKeepsTheLibraryUntilItsModuleIsGone) {
  auto first = LoadDynamicModule(instance_, kLibrary);
  auto second = LoadDynamicModule(instance_, kLibrary, "create_params_module");
  ASSERT_TRUE(first.has_value() && second.has_value());
  sinew_vm_module_release(*first);
  EXPECT_TRUE(LibraryIsLoaded());
  sinew_vm_module_release(*second);
  EXPECT_FALSE(LibraryIsLoaded());
}

TEST_F(DynamicModuleTest, ParametersReachTheCreateFunction) {
  const sinew_string_pair_t params[] = {
      {sinew_make_cstring_view("color"), sinew_make_cstring_view("green")},
      {sinew_make_cstring_view("empty"), sinew_make_cstring_view("")},
  };
  sinew_vm_module_t* module = nullptr;
  ASSERT_TRUE(IsOk(sinew_vm_dynamic_module_load(instance_, sinew_make_cstring_view(kLibrary),
                                                sinew_make_cstring_view("create_params_module"), 2,
                                                params, sinew_allocator_system(), &module)));
  EXPECT_EQ(module->signature(module->self).attr_count, 2u);
  EXPECT_EQ(ToStringView(sinew_vm_module_lookup_attr(module, sinew_make_cstring_view("color"))),
            "green");
  sinew_string_pair_t attr;
  ASSERT_TRUE(IsOk(module->get_module_attr(module->self, 1, &attr)));
  EXPECT_EQ(ToStringView(attr.key), "empty");
  EXPECT_EQ(ToStringView(attr.value), "");
  sinew_vm_module_release(module);
}

TEST_F(DynamicModuleTest, MissingLibraryIsNotFound) {
  std::string error = LoadError("/nonexistent/libnothing.so", "");
  EXPECT_NE(error.find("NOT_FOUND; shared library '/nonexistent/libnothing.so' does not exist"),
            std::string::npos)
      << error;
}

TEST_F(DynamicModuleTest, FileThatIsNotALibraryIsUnavailableWithTheLoadersReason) {
  std::string path = ::testing::TempDir() + "not_a_library.so";
  std::ofstream(path) << "not an ELF file";
  std::string error = LoadError(path, "");
  EXPECT_NE(error.find("UNAVAILABLE; cannot load shared library '" + path + "': "),
            std::string::npos)
      << error;
}

TEST_F(DynamicModuleTest, MissingCreateFunctionIsNotFoundAndNamesIt) {
  std::string error = LoadError(kLibrary, "no_such_function");
  EXPECT_NE(error.find("NOT_FOUND; shared library '" + std::string(kLibrary) +
                       "' exports no function 'no_such_function'"),
            std::string::npos)
      << error;
  EXPECT_FALSE(LibraryIsLoaded());
}

TEST_F(DynamicModuleTest, VersionMismatchIsRefusedByTheLibrary) {
  std::string error = LoadError(kLibrary, "create_future_module");
  EXPECT_NE(error.find("UNIMPLEMENTED; unsupported runtime version 1, module compiled with "
                       "version 2; calling 'create_future_module'"),
            std::string::npos)
      << error;
  EXPECT_FALSE(LibraryIsLoaded());
}

TEST_F(DynamicModuleTest, CreateFailureKeepsItsTextAfterTheLibraryIsUnloaded) {
  std::string error = LoadError(kLibrary, "create_failing_module");
  EXPECT_NE(error.find("dynamic_module_entries.cc:"), std::string::npos) << error;
  EXPECT_NE(error.find("PERMISSION_DENIED; the test library refuses to create this module; "
                       "calling 'create_failing_module'"),
            std::string::npos)
      << error;
}

TEST_F(DynamicModuleTest, CreateWithoutAModuleIsInternal) {
  std::string error = LoadError(kLibrary, "create_null_module");
  EXPECT_NE(error.find("INTERNAL; 'create_null_module' in '" + std::string(kLibrary) +
                       "' succeeded but returned no module"),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace sinew::vm
