// sinew-run-module: loads modules into a context, runs one exported function and prints its
// results (reference/TOOLS.md section 2).
//   sinew-run-module --module=M.vmb [--function=F] [--input=V]... [--module_mode=preload|mmap]
//                    [--expected_output=V]... [--output_max_element_count=N]
//                    [--trace_execution] [--trace_calls=calls.json]
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/invocation.h"
#include "tools/chrome_call_trace.h"
#include "tools/expected_outputs.h"
#include "tools/run_module_util.h"
#include "tools/tool_flags.h"

namespace {

struct Options {
  std::vector<std::string> modules;
  std::string module_mode = "preload";
  std::string function;
  std::vector<std::string> inputs;
  std::vector<std::string> expected_outputs;
  uint64_t output_max_element_count = sinew::hal::kDefaultMaxElementCount;
  std::string equality_mode = "approximate";
  sinew::tools::Tolerances tolerances;
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

// Prints the results, or compares them with --expected_output; returns the exit code.
sinew::StatusOr<int> ProcessOutputs(const Options& options, std::string_view cconv,
                                    sinew_vm_list_t* outputs) {
  if (options.expected_outputs.empty()) {
    sinew::tools::PrintResults(outputs, options.output_max_element_count);
    return 0;
  }
  sinew::tools::Tolerances tolerances = options.tolerances;
  SINEW_ASSIGN_OR_RETURN(tolerances.mode, sinew::tools::ParseEqualityMode(options.equality_mode));
  SINEW_ASSIGN_OR_RETURN(bool matched, sinew::tools::CheckExpectedOutputs(
                                           cconv, options.expected_outputs, outputs, tolerances));
  return matched ? 0 : 1;
}

sinew::StatusOr<int> Run(const Options& options) {
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
  auto exit_code =
      ProcessOutputs(options, sinew::tools::FunctionCconv(*function), invocation.outputs);
  if (!exit_code.has_value()) {
    return std::unexpected(std::move(exit_code).error().Annotate("processing function outputs"));
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  sinew::tools::ToolFlags flags(
      "Runs an exported function of a Sinew module and prints its results.",
      "sinew-run-module --module=M.vmb [--function=F] [--input=V]...");
  sinew::tools::AddModuleFlags(flags, &options.modules, &options.module_mode);
  flags.AddString("function", &options.function,
                  "Export of the main module to run; may be omitted if it has only one.");
  flags.AddList("input", &options.inputs,
                "Argument value (5, i32=5, (null), 2x2xf32=1 2 3 4, @file.npy, "
                "4xi8=@file.bin, &4xf32); repeatable, in order.");
  flags.AddList("expected_output", &options.expected_outputs,
                "Expected result, in --input syntax; compares instead of printing.");
  flags.AddUint64("output_max_element_count", &options.output_max_element_count,
                  "Elements of each buffer view printed before eliding the rest.");
  flags.AddString("equality_mode", &options.equality_mode,
                  "How --expected_output compares floats: approximate or exact.");
  flags.AddDouble("expected_f16_threshold", &options.tolerances.f16_threshold,
                  "Absolute tolerance for f16 elements.");
  flags.AddDouble("expected_bf16_threshold", &options.tolerances.bf16_threshold,
                  "Absolute tolerance for bf16 elements.");
  flags.AddDouble("expected_f32_threshold", &options.tolerances.f32_threshold,
                  "Absolute tolerance for f32 values.");
  flags.AddDouble("expected_f64_threshold", &options.tolerances.f64_threshold,
                  "Absolute tolerance for f64 values.");
  flags.AddDouble("expected_rtol", &options.tolerances.rtol,
                  "Relative tolerance for all float types.");
  sinew::tools::AddTraceFlags(flags, &options.trace, &options.trace_calls);
  if (std::optional<int> exit_code = flags.Parse(argc, argv)) return *exit_code;
  sinew::StatusOr<int> exit_code = Run(options);
  if (!exit_code.has_value()) {
    std::fprintf(stderr, "%s\n", exit_code.error().ToString().c_str());
    return 1;
  }
  return *exit_code;
}
