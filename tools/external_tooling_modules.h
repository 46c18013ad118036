// The external tooling modules of this build: native modules configured with
// SINEW_EXTERNAL_TOOLING_MODULES (tools/external_tooling_modules.cmake) and linked into the
// tools. The definitions are generated at configure time.
#ifndef SINEW_TOOLS_EXTERNAL_TOOLING_MODULES_H_
#define SINEW_TOOLS_EXTERNAL_TOOLING_MODULES_H_

#include <span>

#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "tools/tooling_modules.h"

namespace sinew::tools {

// In configured order; empty when none are configured.
std::span<const ToolingModule> ExternalToolingModules();

// Calls every configured REGISTER_TYPES function, in order; stops at the first error.
Status RegisterExternalToolingModuleTypes(sinew_vm_instance_t* instance);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_EXTERNAL_TOOLING_MODULES_H_
