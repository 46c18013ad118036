// Native modules linked into the tools (sinew-run-module, sinew-benchmark-module,
// sinew-check-module, sinew-dump-module) and created by name when a loaded module imports from
// them.
#ifndef SINEW_TOOLS_TOOLING_MODULES_H_
#define SINEW_TOOLS_TOOLING_MODULES_H_

#include <span>
#include <string>
#include <string_view>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

namespace sinew::tools {

struct ToolingModule {
  std::string_view name;
  sinew_status_t (*create)(sinew_vm_instance_t* instance, sinew_allocator_t allocator,
                           sinew_vm_module_t** out_module);
};

// Every tooling module of this build: the built-in ones, then the external ones
// (external_tooling_modules.h). The first one with a name answers for it.
std::span<const ToolingModule> ToolingModules();

// "yieldable_test, tooling_test": the names, for messages.
std::string ToolingModuleNames();

// The tooling module answering for `name`, or null.
const ToolingModule* FindToolingModule(std::string_view name);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_TOOLING_MODULES_H_
