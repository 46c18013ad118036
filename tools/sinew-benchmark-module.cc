// sinew-benchmark-module: benchmarks exported functions of a module with Google Benchmark
// (reference/TOOLS.md section 5). Modules load as in sinew-run-module (bytecode files, shared
// libraries, tooling modules); every case runs in one context.
//   sinew-benchmark-module --module=M.vmb [--function=F [--input=V]...] [--batch_size=N]
//                          [--time_unit=ms|us|ns] [--benchmark_*=...]
// Without --function, the main module's exports are discovered: `iree.benchmark=dispatch`
// exports take --batch_size as their one i32 argument, `iree.benchmark=entry` exports and
// other public exports without arguments run as they are; the rest are skipped. Each case is
// named BM_<function>, measures process CPU time and sizes its iteration count by real time.
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/cconv.h"
#include "runtime/vm/invocation.h"
#include "tools/chrome_call_trace.h"
#include "tools/function_attrs.h"
#include "tools/run_module_util.h"
#include "tools/tool_flags.h"

namespace {

using sinew::StrCat;

struct Options {
  std::vector<std::string> modules;
  std::string module_mode = "preload";
  std::string function;
  std::vector<std::string> inputs;
  std::string batch_size = "1";
  std::string time_unit;
  bool trace = false;
  std::string trace_calls;
};

struct BenchmarkCase {
  enum class Kind {
    kSync,      // invoked with the --input values (none when discovered)
    kDispatch,  // invoked with --batch_size as its one i32 argument
  };
  Kind kind;
  std::string name;
  sinew_vm_function_t function;
};

// Everything the cases share; lives until the benchmarks have run.
struct Session {
  ~Session() {
    if (inputs) sinew_vm_list_release(inputs);
    if (context) sinew::vm::ReleaseContext(context);
  }
  std::unique_ptr<sinew::tools::ChromeCallTrace> call_trace;  // outlives the modules
  sinew::tools::ModuleSet modules;
  sinew_vm_context_t* context = nullptr;
  sinew_vm_list_t* inputs = nullptr;  // --input values of a --function case
  int32_t batch_size = 1;
  std::vector<BenchmarkCase> cases;
  bool failed = false;
};

sinew::StatusOr<int32_t> ParseBatchSize(std::string_view text) {
  int32_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) {
    return sinew::InvalidArgumentError(
        StrCat("invalid --batch_size= value '", text, "'; expected a positive i32"));
  }
  return value;
}

sinew::StatusOr<benchmark::TimeUnit> ParseTimeUnit(std::string_view text,
                                                   BenchmarkCase::Kind kind) {
  if (text.empty()) {
    return kind == BenchmarkCase::Kind::kDispatch ? benchmark::kMicrosecond
                                                  : benchmark::kMillisecond;
  }
  if (text == "ms") return benchmark::kMillisecond;
  if (text == "us") return benchmark::kMicrosecond;
  if (text == "ns") return benchmark::kNanosecond;
  return sinew::InvalidArgumentError(
      StrCat("unrecognized --time_unit= value '", text, "'; expected ms, us or ns"));
}

// The argument items of a function's cconv.
std::string_view ArgumentKinds(sinew_vm_function_t function) {
  return sinew::vm::CconvFragment(sinew::tools::FunctionCconv(function), false);
}

// The exports of `module` that can be benchmarked without inputs (TOOLS.md section 5).
sinew::StatusOr<std::vector<BenchmarkCase>> DiscoverCases(sinew_vm_module_t* module) {
  std::vector<BenchmarkCase> cases;
  uint32_t count = module->signature(module->self).export_function_count;
  for (uint32_t i = 0; i < count; ++i) {
    sinew_vm_function_t function;
    sinew_string_view_t name_view;
    SINEW_RETURN_IF_ERROR(sinew::FromC(module->get_function(module->self, SINEW_VM_LINKAGE_EXPORT,
                                                            i, &function, &name_view, nullptr)));
    std::string name(sinew::ToStringView(name_view));
    std::string_view arguments = ArgumentKinds(function);
    std::optional<std::string_view> mode =
        sinew::tools::FindExportAttr(module, i, "iree.benchmark");
    if (mode == "dispatch" || mode == "entry") {
      BenchmarkCase::Kind kind =
          mode == "dispatch" ? BenchmarkCase::Kind::kDispatch : BenchmarkCase::Kind::kSync;
      std::string_view expected = kind == BenchmarkCase::Kind::kDispatch ? "i" : "";
      if (arguments != expected) {
        return sinew::InvalidArgumentError(
            StrCat("export '", name, "' is marked iree.benchmark=", *mode, " but has cconv '",
                   sinew::tools::FunctionCconv(function), "'; it must take ",
                   expected.empty() ? "no arguments" : "one i32 (the batch size)"));
      }
      cases.push_back({kind, name, function});
      continue;
    }
    // Functions needing HAL fences (iree.abi.model=coarse-fences) take arguments and so are
    // skipped with every other function that needs inputs.
    if (name.starts_with("__") || name.find('$') != std::string::npos) continue;
    if (arguments.empty()) cases.push_back({BenchmarkCase::Kind::kSync, name, function});
  }
  if (cases.empty()) {
    return sinew::NotFoundError(
        StrCat("module '", sinew::ToStringView(sinew_vm_module_name(module)),
               "' has no exports to benchmark (they need no arguments, or an iree.benchmark "
               "attribute); choose one with --function= and give its --input= values"));
  }
  return cases;
}

// Loads the modules, builds the context and chooses the cases (TOOLS.md 2.3 to 2.6).
sinew::Status Setup(const Options& options, Session& session) {
  SINEW_ASSIGN_OR_RETURN(session.batch_size, ParseBatchSize(options.batch_size));
  SINEW_RETURN_IF_ERROR(ParseTimeUnit(options.time_unit, BenchmarkCase::Kind::kSync));
  SINEW_ASSIGN_OR_RETURN(sinew::tools::ModuleMode mode,
                         sinew::tools::ParseModuleMode(options.module_mode));
  if (!options.trace_calls.empty()) {
    SINEW_ASSIGN_OR_RETURN(session.call_trace, sinew::tools::ChromeCallTrace::Create(
                                                   options.trace_calls, "sinew-benchmark-module"));
    session.modules.set_call_tracer(session.call_trace->tracer());
  }
  SINEW_RETURN_IF_ERROR(session.modules.Initialize());
  if (sinew::Status loaded = session.modules.LoadModules(options.modules, mode);
      !loaded.has_value()) {
    return std::unexpected(std::move(loaded).error().Annotate("loading modules and dependencies"));
  }
  SINEW_ASSIGN_OR_RETURN(
      session.context,
      session.modules.CreateContext(options.trace ? SINEW_VM_CONTEXT_FLAG_TRACE_EXECUTION : 0));
  sinew_vm_module_t* main_module = session.modules.main_module();
  if (options.function.empty()) {
    if (!options.inputs.empty()) {
      return sinew::InvalidArgumentError("--input= needs --function= to say what it is for");
    }
    SINEW_ASSIGN_OR_RETURN(session.cases, DiscoverCases(main_module));
    return sinew::OkStatus();
  }
  SINEW_ASSIGN_OR_RETURN(sinew_vm_function_t function,
                         sinew::tools::ChooseFunction(main_module, options.function));
  SINEW_ASSIGN_OR_RETURN(
      session.inputs,
      sinew::tools::ParseInputs(sinew::tools::FunctionCconv(function), options.inputs));
  session.cases.push_back({BenchmarkCase::Kind::kSync, options.function, function});
  return sinew::OkStatus();
}

void Fail(benchmark::State& state, Session& session, const sinew::Error& error) {
  session.failed = true;
  state.SkipWithError(error.ToString().c_str());
}

// One iteration per invocation; --batch_size invocations between timer checks.
void RunSync(benchmark::State& state, Session& session, const BenchmarkCase& benchmark_case) {
  sinew_vm_list_t* outputs = nullptr;
  if (sinew::Status created = sinew::FromC(sinew_vm_list_create(
          sinew_vm_make_variant_type_def(), 8, sinew_allocator_system(), &outputs));
      !created.has_value()) {
    return Fail(state, session, created.error());
  }
  bool ok = true;
  while (ok && state.KeepRunningBatch(session.batch_size)) {
    for (int32_t i = 0; ok && i < session.batch_size; ++i) {
      sinew_vm_list_clear(outputs);
      sinew::Status status =
          sinew::vm::Invoke(session.context, benchmark_case.function, 0, session.inputs, outputs);
      if (!status.has_value()) {
        Fail(state, session, status.error());
        ok = false;
      }
    }
  }
  state.SetItemsProcessed(state.iterations());
  sinew_vm_list_release(outputs);
}

// One invocation per batch: the function does --batch_size units of work itself.
void RunDispatch(benchmark::State& state, Session& session, const BenchmarkCase& benchmark_case) {
  sinew_vm_value_t argument = sinew_vm_value_make_i32(session.batch_size);
  sinew_vm_value_t results[16];
  size_t result_count =
      sinew::vm::CconvFragment(sinew::tools::FunctionCconv(benchmark_case.function), true).size();
  if (result_count > std::size(results)) {
    return Fail(state, session,
                sinew::Error(sinew::StatusCode::kUnimplemented,
                             "dispatch benchmarks return at most 16 results"));
  }
  while (state.KeepRunningBatch(session.batch_size)) {
    sinew::Status status =
        sinew::vm::InvokeValues(session.context, benchmark_case.function, std::span(&argument, 1),
                                std::span(results, result_count));
    if (!status.has_value()) {
      Fail(state, session, status.error());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void RegisterCases(Session& session, const Options& options) {
  for (const BenchmarkCase& benchmark_case : session.cases) {
    auto run = [&session, &benchmark_case](benchmark::State& state) {
      if (benchmark_case.kind == BenchmarkCase::Kind::kDispatch) {
        RunDispatch(state, session, benchmark_case);
      } else {
        RunSync(state, session, benchmark_case);
      }
    };
    benchmark::RegisterBenchmark(StrCat("BM_", benchmark_case.name).c_str(), run)
        ->MeasureProcessCPUTime()
        ->UseRealTime()
        ->Unit(*ParseTimeUnit(options.time_unit, benchmark_case.kind));
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Google Benchmark reads the --benchmark_* flags; the tool's flags parser reads the rest and
  // rejects anything else.
  std::vector<char*> tool_argv = {argv[0]};
  std::vector<char*> benchmark_argv = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    (std::string_view(argv[i]).starts_with("--benchmark_") ? benchmark_argv : tool_argv)
        .push_back(argv[i]);
  }
  Options options;
  sinew::tools::ToolFlags flags(
      "Benchmarks exported functions of a Sinew module with Google Benchmark; --benchmark_* "
      "flags (--benchmark_filter=, --benchmark_min_time=, --benchmark_format=, ...) are passed "
      "to it.",
      "sinew-benchmark-module --module=M.vmb [--function=F [--input=V]...] [--batch_size=N] "
      "[--time_unit=ms|us|ns] [--benchmark_*=...]");
  sinew::tools::AddModuleFlags(flags, &options.modules, &options.module_mode);
  flags.AddString("function", &options.function,
                  "Export of the main module to benchmark; by default every export that needs "
                  "no inputs.");
  flags.AddList("input", &options.inputs,
                "Argument value of --function (5, i32=5, f32=1.5, (null)); repeatable, in order.");
  flags.AddString("batch_size", &options.batch_size,
                  "Invocations per timed batch; the argument of iree.benchmark=dispatch exports.");
  flags.AddString("time_unit", &options.time_unit,
                  "Unit of reported times: ms, us or ns (default ms; us for dispatch cases).");
  sinew::tools::AddTraceFlags(flags, &options.trace, &options.trace_calls);
  int tool_argc = static_cast<int>(tool_argv.size());
  if (std::optional<int> exit_code = flags.Parse(tool_argc, tool_argv.data())) return *exit_code;
  if (!flags.positional().empty()) {
    std::fprintf(stderr, "unexpected argument '%s'; modules are given with --module=\n",
                 flags.positional()[0].c_str());
    return 1;
  }
  int benchmark_argc = static_cast<int>(benchmark_argv.size());
  benchmark::Initialize(&benchmark_argc, benchmark_argv.data());
  if (benchmark::ReportUnrecognizedArguments(benchmark_argc, benchmark_argv.data())) return 1;

  Session session;
  if (sinew::Status status = Setup(options, session); !status.has_value()) {
    std::fprintf(stderr, "%s\n",
                 std::move(status).error().Annotate("creating run context").ToString().c_str());
    return 1;
  }
  RegisterCases(session, options);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return session.failed ? 1 : 0;
}
