// The tooling modules of this build: `hal` (buffer views) and `yieldable_test` (VM_OPS.md
// section 22.3), which the VM test programs and the README demo call, then the external
// tooling modules.
#include "tools/tooling_modules.h"

#include <vector>

#include "runtime/hal/hal_module.h"
#include "tools/external_tooling_modules.h"
#include "tools/yieldable_test_module.h"

namespace sinew::tools {

std::span<const ToolingModule> ToolingModules() {
  static constexpr ToolingModule kModules[] = {
      {"hal", sinew_hal_module_create},
      {"yieldable_test", sinew_yieldable_test_module_create},
  };
  static const std::vector<ToolingModule> kAll = [] {
    std::vector<ToolingModule> all(std::begin(kModules), std::end(kModules));
    std::span<const ToolingModule> external = ExternalToolingModules();
    all.insert(all.end(), external.begin(), external.end());
    return all;
  }();
  return kAll;
}

std::string ToolingModuleNames() {
  std::string names;
  for (const ToolingModule& module : ToolingModules()) {
    if (!names.empty()) names += ", ";
    names += module.name;
  }
  return names;
}

const ToolingModule* FindToolingModule(std::string_view name) {
  for (const ToolingModule& module : ToolingModules()) {
    if (module.name == name) return &module;
  }
  return nullptr;
}

}  // namespace sinew::tools
