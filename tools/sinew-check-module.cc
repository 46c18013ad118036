// sinew-check-module: runs the `test_*` exports of test modules (each must succeed) and the
// `fail_*` exports (each must fail), each in a fresh context (with the tooling modules such as
// `yieldable_test` that the module imports from), and prints one line per function and an `N
// passed, M failed` summary. Exit status 0 only when every function behaved.
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
  std::vector<std::string> dependencies;
  std::string function;
  bool trace = false;
  const sinew_vm_call_tracer_t* call_tracer = nullptr;  // --trace_calls
};

struct Tally {
  int passed = 0;
  int failed = 0;
};

// A status's code and message, without location, annotations or backtrace.
std::string Headline(const sinew::Error& error) {
  std::string text(sinew::StatusCodeName(error.code()));
  if (!error.message().empty()) text = sinew::StrCat(text, "; ", error.message());
  return text;
}

// Runs one test function in a fresh context; returns whether it behaved.
bool CheckFunction(const sinew::tools::ModuleSet& modules, const Options& options,
                   std::string_view module_name, sinew_vm_function_t function) {
  std::string_view name = sinew::tools::FunctionName(function);
  std::string label = sinew::StrCat(module_name, ".", name);
  bool expect_failure = name.starts_with("fail_");
  uint32_t flags = options.trace ? SINEW_VM_CONTEXT_FLAG_TRACE_EXECUTION : 0;
  sinew::Status status = sinew::OkStatus();
  if (std::string_view cconv = sinew::tools::FunctionCconv(function); cconv != "0v_v") {
    status = sinew::InvalidArgumentError(sinew::StrCat(
        "expected a function with no arguments or results; '", name, "' has cconv '", cconv, "'"));
    expect_failure = false;
  } else if (auto context = modules.CreateContext(flags); !context.has_value()) {
    status = std::unexpected(std::move(context).error());
    expect_failure = false;
  } else {
    status = sinew::vm::Invoke(*context, function, 0, nullptr, nullptr);
    sinew::vm::ReleaseContext(*context);
  }
  if (status.has_value() && !expect_failure) {
    std::printf("[ PASS ] %s\n", label.c_str());
    return true;
  }
  if (!status.has_value() && expect_failure) {
    std::printf("[ PASS ] %s (failed as expected: %s)\n", label.c_str(),
                Headline(status.error()).c_str());
    return true;
  }
  if (status.has_value()) {
    std::printf("[ FAIL ] %s: succeeded but was expected to fail\n", label.c_str());
  } else {
    std::printf("[ FAIL ] %s: %s\n", label.c_str(), status.error().ToString().c_str());
  }
  return false;
}

// Checks every test function of one module file (or only --function).
sinew::Status CheckModule(const std::string& path, const Options& options, Tally& tally) {
  sinew::tools::ModuleSet modules;
  modules.set_call_tracer(options.call_tracer);
  SINEW_RETURN_IF_ERROR(modules.Initialize());
  std::vector<std::string> paths = options.dependencies;
  paths.push_back(path);
  SINEW_RETURN_IF_ERROR(modules.LoadModules(paths));
  sinew_vm_module_t* module = modules.main_module();
  std::string_view module_name = sinew::ToStringView(module->name(module->self));

  std::vector<sinew_vm_function_t> tests;
  uint32_t count = module->signature(module->self).export_function_count;
  for (uint32_t i = 0; i < count; ++i) {
    sinew_vm_function_t function;
    sinew_string_view_t name;
    SINEW_RETURN_IF_ERROR(sinew::FromC(
        module->get_function(module->self, SINEW_VM_LINKAGE_EXPORT, i, &function, &name, nullptr)));
    std::string_view text = sinew::ToStringView(name);
    bool is_test = text.starts_with("test_") || text.starts_with("fail_");
    if (is_test && (options.function.empty() || text == options.function)) {
      tests.push_back(function);
    }
  }
  if (tests.empty()) {
    return sinew::NotFoundError(
        options.function.empty()
            ? sinew::StrCat("module '", module_name, "' has no test_* or fail_* exports")
            : sinew::StrCat("module '", module_name, "' has no test export '", options.function,
                            "'"));
  }
  for (sinew_vm_function_t function : tests) {
    ++(CheckFunction(modules, options, module_name, function) ? tally.passed : tally.failed);
    std::fflush(stdout);
  }
  return sinew::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  sinew::tools::ToolFlags flags(
      "Runs the test_* (must succeed) and fail_* (must fail) exports of Sinew test modules.",
      "sinew-check-module [--module=DEP.vmb]... M.vmb...");
  Options options;
  flags.AddList("module", &options.dependencies,
                "Module each test module depends on (.vmb or lib.so@create_fn?k=v), loaded before "
                "it; repeatable");
  flags.AddString("function", &options.function, "Run only this test export");
  std::string trace_calls;
  sinew::tools::AddTraceFlags(flags, &options.trace, &trace_calls);
  if (auto exit_code = flags.Parse(argc, argv)) return *exit_code;
  if (flags.positional().empty()) {
    std::fprintf(stderr, "Syntax: sinew-check-module [--module=DEP.vmb]... M.vmb...\n");
    return 1;
  }
  std::unique_ptr<sinew::tools::ChromeCallTrace> call_trace;
  if (!trace_calls.empty()) {
    auto created = sinew::tools::ChromeCallTrace::Create(trace_calls, "sinew-check-module");
    if (!created) {
      std::fprintf(stderr, "%s\n", created.error().ToString().c_str());
      return 1;
    }
    call_trace = std::move(*created);
    options.call_tracer = call_trace->tracer();
  }
  Tally tally;
  for (const std::string& path : flags.positional()) {
    if (sinew::Status status = CheckModule(path, options, tally); !status.has_value()) {
      std::printf("[ FAIL ] %s: %s\n", path.c_str(), status.error().ToString().c_str());
      ++tally.failed;
    }
  }
  std::printf("%d passed, %d failed\n", tally.passed, tally.failed);
  return tally.failed == 0 ? 0 : 1;
}
