// The tooling modules of this build: `yieldable_test` (VM_OPS.md section 22.3), which the
// VM test programs and the README demo call.
#include "tools/tooling_modules.h"

#include "tools/yieldable_test_module.h"

namespace sinew::tools {

std::span<const ToolingModule> ToolingModules() {
  static constexpr ToolingModule kModules[] = {
      {"yieldable_test", sinew_yieldable_test_module_create},
  };
  return kModules;
}

}  // namespace sinew::tools
