// sinew-run-module: loads modules into a context, runs one exported function and prints its
// results (reference/TOOLS.md section 2).
//   sinew-run-module --module=M.vmb [--function=F] [--input=V]... [--module_mode=preload|mmap]
//                    [--trace_execution] [--trace_calls=calls.json]
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/invocation.h"
#include "tools/chrome_call_trace.h"
#include "tools/run_module_util.h"
#include "tools/tool_flags.h"

namespace {

struct Options {
  std::vector<std::string> modules;
  std::string module_mode = "preload";
  std::string function;
  std::vector<std::string> inputs;
  bool trace = false;
  std::string trace_calls;
};

// Owns what one run allocates between parsing the inputs and printing the results.
struct Invocation {
  ~Invocation() {
    if (inputs) sinew_vm_list_release(inputs);
    if (outputs) sinew_vm_list_release(outputs);
    if (context) sinew::vm::ReleaseContext(context);
  }
  sinew_vm_context_t* context = nullptr;
  sinew_vm_list_t* inputs = nullptr;
  sinew_vm_list_t* outputs = nullptr;
};

// Loads the modules, builds the context and chooses the function (TOOLS.md 2.3 to 2.5).
sinew::StatusOr<sinew_vm_function_t> CreateRunContext(const Options& options,
                                                      sinew::tools::ModuleSet& modules,
                                                      Invocation& invocation) {
  SINEW_ASSIGN_OR_RETURN(sinew::tools::ModuleMode mode,
                         sinew::tools::ParseModuleMode(options.module_mode));
  SINEW_RETURN_IF_ERROR(modules.Initialize());
  if (sinew::Status loaded = modules.LoadModules(options.modules, mode); !loaded.has_value()) {
    return std::unexpected(std::move(loaded).error().Annotate("loading modules and dependencies"));
  }
  SINEW_ASSIGN_OR_RETURN(
      invocation.context,
      modules.CreateContext(options.trace ? SINEW_VM_CONTEXT_FLAG_TRACE_EXECUTION : 0));
  return sinew::tools::ChooseFunction(modules.main_module(), options.function);
}

sinew::Status Run(const Options& options) {
  // Declared first: the trace outlives the contexts that report to it.
  std::unique_ptr<sinew::tools::ChromeCallTrace> call_trace;
  if (!options.trace_calls.empty()) {
    SINEW_ASSIGN_OR_RETURN(
        call_trace, sinew::tools::ChromeCallTrace::Create(options.trace_calls, "sinew-run-module"));
  }
  sinew::tools::ModuleSet modules;
  if (call_trace) modules.set_call_tracer(call_trace->tracer());
  Invocation invocation;
  auto function = CreateRunContext(options, modules, invocation);
  if (!function.has_value()) {
    return std::unexpected(std::move(function).error().Annotate("creating run context"));
  }
  SINEW_ASSIGN_OR_RETURN(
      invocation.inputs,
      sinew::tools::ParseInputs(sinew::tools::FunctionCconv(*function), options.inputs));
  SINEW_RETURN_IF_ERROR(sinew::FromC(sinew_vm_list_create(
      sinew_vm_make_variant_type_def(), 8, sinew_allocator_system(), &invocation.outputs)));
  std::string_view name = sinew::tools::FunctionName(*function);
  std::printf("EXEC @%.*s\n", static_cast<int>(name.size()), name.data());
  std::fflush(stdout);
  if (sinew::Status status = sinew::vm::Invoke(invocation.context, *function, 0, invocation.inputs,
                                               invocation.outputs);
      !status.has_value()) {
    return std::unexpected(
        std::move(status).error().Annotate(sinew::StrCat("invoking function '", name, "'")));
  }
  sinew::tools::PrintResults(invocation.outputs);
  return sinew::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  sinew::tools::ToolFlags flags(
      "Runs an exported function of a Sinew module and prints its results.",
      "sinew-run-module --module=M.vmb [--function=F] [--input=V]...");
  flags.AddList("module", &options.modules,
                "Module to load (.vmb, - for stdin, or lib.so@create_fn?k=v); repeatable, the last "
                "is the main module.");
  flags.AddString("module_mode", &options.module_mode,
                  "How module files are read: preload or mmap.");
  flags.AddString("function", &options.function,
                  "Export of the main module to run; may be omitted if it has only one.");
  flags.AddList("input", &options.inputs,
                "Argument value (5, i32=5, f32=1.5, (null)); repeatable, in order.");
  flags.AddBool("trace_execution", &options.trace, "Trace every executed instruction to stderr.");
  flags.AddString("trace_calls", &options.trace_calls,
                  "Write every call as Chrome trace events to this JSON file (for Perfetto).");
  if (std::optional<int> exit_code = flags.Parse(argc, argv)) return *exit_code;
  if (sinew::Status status = Run(options); !status.has_value()) {
    std::fprintf(stderr, "%s\n", status.error().ToString().c_str());
    return 1;
  }
  return 0;
}
