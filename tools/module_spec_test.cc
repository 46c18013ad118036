// Tests for --module= value parsing: bytecode paths, libraries with and without a create
// function and parameters, and IREE's quirks that the tools keep or fix.
#include "tools/module_spec.h"

#include <gtest/gtest.h>

namespace sinew::tools {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

TEST(ModuleSpecTest, BytecodeFileAndStdin) {
  ModuleSpec spec = ParseModuleSpec("dir/program.vmb");
  EXPECT_EQ(spec.kind, ModuleSpec::Kind::kBytecode);
  EXPECT_EQ(spec.path, "dir/program.vmb");
  EXPECT_EQ(ParseModuleSpec("-").path, "-");
  EXPECT_EQ(ParseModuleSpec("-").kind, ModuleSpec::Kind::kBytecode);
}

TEST(ModuleSpecTest, BytecodePathIsCutAtTheFirstAt) {
  ModuleSpec spec = ParseModuleSpec("dir/a@b.vmb");
  EXPECT_EQ(spec.kind, ModuleSpec::Kind::kBytecode);
  EXPECT_EQ(spec.path, "dir/a");
}

TEST(ModuleSpecTest, LibraryExtensionsAreDynamic) {
  for (const char* path : {"lib.so", "lib.dll", "lib.dylib", "lib.sos", "/x.y/lib.so"}) {
    EXPECT_EQ(ParseModuleSpec(path).kind, ModuleSpec::Kind::kDynamic) << path;
  }
  EXPECT_EQ(ParseModuleSpec("lib.so.1").kind, ModuleSpec::Kind::kBytecode);
  EXPECT_EQ(ParseModuleSpec("dir.so/module").kind, ModuleSpec::Kind::kBytecode);
}

TEST(ModuleSpecTest, LibraryWithEntryAndParams) {
  ModuleSpec spec = ParseModuleSpec("out/libx.so@create_x?color=green&size=3");
  EXPECT_EQ(spec.kind, ModuleSpec::Kind::kDynamic);
  EXPECT_EQ(spec.path, "out/libx.so");
  EXPECT_EQ(spec.entry, "create_x");
  EXPECT_EQ(spec.params, (Params{{"color", "green"}, {"size", "3"}}));
}

TEST(ModuleSpecTest, EmptyEntryMeansTheDefault) {
  ModuleSpec spec = ParseModuleSpec("libx.so@?k=v");
  EXPECT_EQ(spec.entry, "");
  EXPECT_EQ(spec.params, (Params{{"k", "v"}}));
  EXPECT_EQ(ParseModuleSpec("libx.so@").entry, "");
}

TEST(ModuleSpecTest, ParamsWithoutAnAtAreAcceptedForLibraries) {
  ModuleSpec spec = ParseModuleSpec("libx.so?k=v");
  EXPECT_EQ(spec.kind, ModuleSpec::Kind::kDynamic);
  EXPECT_EQ(spec.path, "libx.so");
  EXPECT_EQ(spec.entry, "");
  EXPECT_EQ(spec.params, (Params{{"k", "v"}}));
}

TEST(ModuleSpecTest, ParamEdgeCases) {
  ModuleSpec spec = ParseModuleSpec("libx.so@f? &a=1&&flag&b=x=y& ");
  EXPECT_EQ(spec.params, (Params{{"a", "1"}, {"flag", ""}, {"b", "x=y"}}));
}

}  // namespace
}  // namespace sinew::tools
