// Opening a module by file, library or tooling-module name.
#include "tools/module_source.h"

#include <sys/stat.h>

#include <utility>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "tools/external_tooling_modules.h"
#include "tools/module_spec.h"
#include "tools/tooling_modules.h"

namespace sinew::tools {
namespace {

StatusOr<sinew_vm_module_t*> CreateModule(sinew_vm_instance_t* instance, std::string_view source,
                                          OpenedModule::Kind* out_kind) {
  ModuleSpec spec = ParseModuleSpec(source);
  if (spec.kind == ModuleSpec::Kind::kDynamic) {
    *out_kind = OpenedModule::Kind::kDynamic;
    return LoadDynamicModule(instance, spec);
  }
  struct stat info;
  std::string path(source);
  *out_kind = OpenedModule::Kind::kBytecode;
  if (path == "-" || stat(path.c_str(), &info) == 0) {
    return vm::LoadBytecodeModuleFile(instance, path, sinew_allocator_system());
  }
  if (const ToolingModule* tooling = FindToolingModule(source)) {
    *out_kind = OpenedModule::Kind::kTooling;
    sinew_vm_module_t* module = nullptr;
    SINEW_RETURN_IF_ERROR(FromC(tooling->create(instance, sinew_allocator_system(), &module)));
    return module;
  }
  return NotFoundError(
      StrCat("no module file '", source,
             "' and no tooling module of that name (tooling modules: ", ToolingModuleNames(), ")"));
}

}  // namespace

OpenedModule::OpenedModule(OpenedModule&& other) noexcept
    : instance_(std::exchange(other.instance_, nullptr)),
      module_(std::exchange(other.module_, nullptr)),
      kind_(other.kind_) {}

OpenedModule::~OpenedModule() {
  if (module_) sinew_vm_module_release(module_);
  if (instance_) sinew_vm_instance_release(instance_);
}

StatusOr<OpenedModule> OpenModuleSource(std::string_view source) {
  sinew_vm_instance_t* instance = nullptr;
  SINEW_RETURN_IF_ERROR(FromC(sinew_vm_instance_create(sinew_allocator_system(), &instance)));
  OpenedModule::Kind kind = OpenedModule::Kind::kBytecode;
  if (Status registered = RegisterExternalToolingModuleTypes(instance); !registered.has_value()) {
    sinew_vm_instance_release(instance);
    return std::unexpected(std::move(registered).error());
  }
  auto module = CreateModule(instance, source, &kind);
  if (!module.has_value()) {
    sinew_vm_instance_release(instance);
    return std::unexpected(std::move(module).error());
  }
  return OpenedModule(instance, *module, kind);
}

}  // namespace sinew::tools
