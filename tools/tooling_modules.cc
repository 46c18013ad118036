// The tooling modules of this build: `hal` (buffer views) and `yieldable_test` (VM_OPS.md
// section 22.3), which the VM test programs and the README demo call.
#include "tools/tooling_modules.h"

#include "runtime/hal/hal_module.h"
#include "tools/yieldable_test_module.h"

namespace sinew::tools {

std::span<const ToolingModule> ToolingModules() {
  static constexpr ToolingModule kModules[] = {
      {"hal", sinew_hal_module_create},
      {"yieldable_test", sinew_yieldable_test_module_create},
  };
  return kModules;
}

}  // namespace sinew::tools
