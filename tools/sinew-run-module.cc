// sinew-run-module: loads modules into a context, runs one exported function and prints its
// results (TOOLS.md section 2).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "runtime/vm/invocation.h"
#include "tools/run_module_util.h"

namespace {

sinew::Status Run(const std::vector<std::string>& module_paths, const std::string& function_name,
                  const std::vector<std::string>& inputs, bool trace) {
  sinew::tools::ModuleSet modules;
  SINEW_RETURN_IF_ERROR(modules.Initialize());
  SINEW_RETURN_IF_ERROR(modules.LoadModules(module_paths));
  SINEW_ASSIGN_OR_RETURN(sinew_vm_context_t * context,
                         modules.CreateContext(trace ? SINEW_VM_CONTEXT_FLAG_TRACE_EXECUTION : 0));
  auto function = sinew::tools::ChooseFunction(modules.main_module(), function_name);
  sinew_vm_list_t* input_list = nullptr;
  sinew_vm_list_t* outputs = nullptr;
  sinew::Status status = sinew::OkStatus();
  if (!function.has_value()) {
    status = std::unexpected(std::move(function).error());
  } else if (auto parsed =
                 sinew::tools::ParseInputs(sinew::tools::FunctionCconv(*function), inputs);
             !parsed.has_value()) {
    status = std::unexpected(std::move(parsed).error());
  } else {
    input_list = *parsed;
    status = sinew::FromC(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 8,
                                               sinew_allocator_system(), &outputs));
  }
  if (status.has_value()) {
    std::printf("EXEC @%.*s\n", static_cast<int>(sinew::tools::FunctionName(*function).size()),
                sinew::tools::FunctionName(*function).data());
    std::fflush(stdout);
    status = sinew::vm::Invoke(context, *function, 0, input_list, outputs);
    if (!status.has_value()) {
      status.error().Annotate("invoking function '" +
                              std::string(sinew::tools::FunctionName(*function)) + "'");
    } else {
      sinew::tools::PrintResults(outputs);
    }
  }
  if (input_list) sinew_vm_list_release(input_list);
  if (outputs) sinew_vm_list_release(outputs);
  sinew::vm::ReleaseContext(context);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs an exported function of a Sinew module and prints its results."};
  std::vector<std::string> modules;
  std::vector<std::string> inputs;
  std::string function;
  bool trace = false;
  app.add_option("--module", modules, "Module to load (.vmb, or - for stdin); repeatable");
  app.add_option("--function", function, "Export of the last module to run");
  app.add_option("--input", inputs, "Argument value (i32=5, 1.5, (null)); repeatable");
  app.add_flag("--trace_execution", trace, "Trace every executed instruction to stderr");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  sinew::Status status = Run(modules, function, inputs, trace);
  if (!status.has_value()) {
    std::fprintf(stderr, "%s\n", status.error().ToString().c_str());
    return 1;
  }
  return 0;
}
