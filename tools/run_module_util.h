// Shared setup of the run/check tools: load modules into a context and choose functions. Values
// are parsed by function_inputs.h and printed by function_outputs.h, included here for the tools.
#ifndef SINEW_TOOLS_RUN_MODULE_UTIL_H_
#define SINEW_TOOLS_RUN_MODULE_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "runtime/base/status.h"
#include "runtime/vm/context.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/list.h"
#include "runtime/vm/module.h"
#include "tools/function_inputs.h"
#include "tools/function_outputs.h"
#include "tools/tool_flags.h"

namespace sinew::tools {

// How bytecode files are read (--module_mode=): `preload` reads the whole file into memory,
// `mmap` maps it. Stdin is always read.
enum class ModuleMode { kPreload, kMmap };
StatusOr<ModuleMode> ParseModuleMode(std::string_view text);

// --module (repeatable; the last is the main module) and --module_mode, as run and benchmark
// take them.
void AddModuleFlags(ToolFlags& flags, std::vector<std::string>* modules, std::string* mode);
// --trace_execution and --trace_calls, as every tool that runs functions takes them.
void AddTraceFlags(ToolFlags& flags, bool* trace_execution, std::string* trace_calls);

// Owns the instance and the loaded modules of one tool run.
class ModuleSet {
 public:
  ModuleSet() = default;
  ModuleSet(const ModuleSet&) = delete;
  ModuleSet& operator=(const ModuleSet&) = delete;
  ~ModuleSet();

  // Creates the instance and registers the types of the external tooling modules.
  Status Initialize();
  // Loads `--module=` values in order: bytecode files ("-" reads stdin) and shared libraries
  // (`lib.so@create_fn?k=v`, module_spec.h). A module that imports from a tooling module the
  // tools link in (tooling_modules.h) gets that module created and placed before the user
  // modules, unless any --module (before or after it) has its name.
  Status LoadModules(const std::vector<std::string>& paths, ModuleMode mode = ModuleMode::kPreload);

  sinew_vm_instance_t* instance() const { return instance_; }
  // The last user module.
  sinew_vm_module_t* main_module() const { return modules_.empty() ? nullptr : modules_.back(); }
  // Tooling modules first, then user modules, in registration order.
  std::vector<sinew_vm_module_t*> ContextModules() const;
  StatusOr<sinew_vm_context_t*> CreateContext(uint32_t flags) const;
  // Contexts created afterwards report their calls to `tracer` (--trace_calls), from __init on.
  void set_call_tracer(const sinew_vm_call_tracer_t* tracer) { call_tracer_ = tracer; }

 private:
  // Creates the tooling modules that `module` imports from and are not yet present.
  Status AddImportedToolingModules(sinew_vm_module_t* module);

  sinew_vm_instance_t* instance_ = nullptr;
  std::vector<sinew_vm_module_t*> tooling_;
  std::vector<sinew_vm_module_t*> modules_;
  const sinew_vm_call_tracer_t* call_tracer_ = nullptr;
};

// Picks --function=NAME from the main module, or its only public export when NAME is empty.
StatusOr<sinew_vm_function_t> ChooseFunction(sinew_vm_module_t* module, std::string_view name);

// The cconv of a function.
std::string_view FunctionCconv(sinew_vm_function_t function);
std::string_view FunctionName(sinew_vm_function_t function);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_RUN_MODULE_UTIL_H_
