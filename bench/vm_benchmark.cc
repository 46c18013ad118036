// sinew-vm-benchmark: each case runs a piece of work in the VM and a native C++ reference of
// the same work in the same run; a summary table reports both per operation and their ratio.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_cc_module.h"
#include "bench/bench_native_module.h"
#include "runtime/base/str_cat.h"
#include "runtime/vm/buffer.h"
#include "runtime/vm/bytecode/assembler.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/bytecode/module_def_generated.h"
#include "runtime/vm/context.h"
#include "runtime/vm/invocation.h"
#include "runtime/vm/list.h"

namespace sinew::bench {
namespace {

constexpr std::string_view kModuleSource =
#include "bench/benchmark_module_source.inc"
    ;

constexpr int32_t kLoopCount = 100000;
constexpr int32_t kBufferElements = 4096;
constexpr int32_t kCallLoops = 1000;
constexpr int32_t kChainLength = 21;

[[noreturn]] void Die(std::string_view what, const Status& status) {
  std::fprintf(stderr, "sinew-vm-benchmark: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               StatusToString(status).c_str());
  std::exit(1);
}

void Check(std::string_view what, Status status) {
  if (!status.has_value()) Die(what, status);
}

template <typename T>
T Check(std::string_view what, StatusOr<T> value) {
  if (!value.has_value()) Die(what, std::unexpected(std::move(value).error()));
  return std::move(*value);
}

// Everything the cases share: one instance, both modules, one context and the exports.
struct Environment {
  Environment() {
    Check("creating the instance",
          FromC(sinew_vm_instance_create(sinew_allocator_system(), &instance)));
    native_module = Check("creating bench_native", CreateBenchNativeModule(instance));
    cc_module = Check("creating bench_cc", CreateBenchCcModule(instance));
    auto desc = Check("assembling the benchmark module",
                      vm::bytecode::AssembleModule(kModuleSource, "benchmark_module.vmasm"));
    std::vector<uint8_t> bytes = vm::bytecode::WriteModule(desc);
    module_size = bytes.size();
    module_bytes.reset(static_cast<uint8_t*>(std::aligned_alloc(16, (module_size + 15) & ~15)));
    std::memcpy(module_bytes.get(), bytes.data(), module_size);
    Check("loading the benchmark module",
          FromC(sinew_vm_bytecode_module_create(instance, {module_bytes.get(), module_size},
                                                nullptr, nullptr, sinew_allocator_system(),
                                                &bytecode_module)));
#ifdef SINEW_BENCH_COMPILED_MODULE
    compiled_module = Check("loading the compiled module",
                            vm::LoadBytecodeModuleFile(instance, SINEW_BENCH_COMPILED_MODULE,
                                                       sinew_allocator_system()));
#endif
    std::vector<sinew_vm_module_t*> modules = {native_module, cc_module, bytecode_module};
    if (compiled_module) modules.push_back(compiled_module);
    context = Check("creating the context",
                    vm::CreateContextWithModules(instance, 0, modules, sinew_allocator_system()));
    loop_sum = Resolve("loop_sum");
    buffer_reduce = Resolve("buffer_reduce");
    internal_calls = Resolve("internal_calls");
    import_calls = Resolve("import_calls");
    cc_import_calls = Resolve("cc_import_calls");
    empty = Resolve("empty");
    if (compiled_module) {
      compiled_loop_sum = Resolve("loop_sum", "bench_compiled");
      compiled_buffer_reduce = Resolve("buffer_reduce", "bench_compiled");
    }
  }
  ~Environment() {
    vm::ReleaseContext(context);
    if (compiled_module) sinew_vm_module_release(compiled_module);
    sinew_vm_module_release(bytecode_module);
    sinew_vm_module_release(cc_module);
    sinew_vm_module_release(native_module);
    sinew_vm_instance_release(instance);
  }

  sinew_vm_function_t Resolve(std::string_view name, std::string_view module = "bench") {
    return Check("resolving an export", vm::ResolveFunction(context, StrCat(module, ".", name)));
  }

  struct FreeDeleter {
    void operator()(uint8_t* bytes) const { std::free(bytes); }
  };

  sinew_vm_instance_t* instance = nullptr;
  sinew_vm_module_t* native_module = nullptr;
  sinew_vm_module_t* cc_module = nullptr;
  sinew_vm_module_t* bytecode_module = nullptr;
  // bench/benchmark_compiled.mlir compiled by sinew-compile (when the compiler is built).
  sinew_vm_module_t* compiled_module = nullptr;
  std::unique_ptr<uint8_t, FreeDeleter> module_bytes;
  size_t module_size = 0;
  sinew_vm_context_t* context = nullptr;
  sinew_vm_function_t loop_sum, buffer_reduce, internal_calls, import_calls, cc_import_calls, empty;
  sinew_vm_function_t compiled_loop_sum = {}, compiled_buffer_reduce = {};
};

Environment* g_env = nullptr;

// Invokes an (i32) -> i32 export.
int32_t InvokeI32(sinew_vm_function_t function, int32_t argument) {
  sinew_vm_value_t input = sinew_vm_value_make_i32(argument);
  sinew_vm_value_t output;
  Status status = vm::InvokeValues(g_env->context, function, {&input, 1}, {&output, 1});
  if (!status.has_value()) Die("invoking", status);
  return output.i32;
}

// Reports the time of one unit of work ("per_op", in seconds with an SI prefix).
void SetOpsPerIteration(benchmark::State& state, double ops) {
  state.counters["per_op"] = benchmark::Counter(
      ops, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// loop_sum: count to N.

void RunLoopSum(benchmark::State& state, sinew_vm_function_t function) {
  for (auto _ : state) benchmark::DoNotOptimize(InvokeI32(function, kLoopCount));
  SetOpsPerIteration(state, kLoopCount);
}
void LoopSumSinew(benchmark::State& state) { RunLoopSum(state, g_env->loop_sum); }
// The same loop compiled from MLIR; its reference is the hand-written .vmasm.
void LoopSumCompiled(benchmark::State& state) { RunLoopSum(state, g_env->compiled_loop_sum); }

[[gnu::noinline]] int32_t NativeLoopSum(int32_t count) {
  int32_t i = 0;
  for (; i < count; ++i) benchmark::DoNotOptimize(i);
  return i;
}

void LoopSumNative(benchmark::State& state) {
  int32_t count = kLoopCount;
  for (auto _ : state) {
    benchmark::DoNotOptimize(count);
    benchmark::DoNotOptimize(NativeLoopSum(count));
  }
  SetOpsPerIteration(state, kLoopCount);
}

// buffer_reduce: sum the i32 elements of a buffer.

void RunBufferReduce(benchmark::State& state, sinew_vm_function_t function) {
  sinew_vm_buffer_t* buffer = nullptr;
  Check("creating a buffer",
        FromC(sinew_vm_buffer_create(
            SINEW_VM_BUFFER_ACCESS_MUTABLE | SINEW_VM_BUFFER_ACCESS_ORIGIN_HOST,
            kBufferElements * sizeof(int32_t), 16, sinew_allocator_system(), &buffer)));
  for (int32_t i = 0; i < kBufferElements; ++i) {
    std::memcpy(buffer->data + 4 * i, &i, sizeof(i));
  }
  sinew_vm_list_t* inputs = nullptr;
  sinew_vm_list_t* outputs = nullptr;
  Check("creating lists", FromC(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 2,
                                                     sinew_allocator_system(), &inputs)));
  Check("creating lists", FromC(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 1,
                                                     sinew_allocator_system(), &outputs)));
  sinew_vm_ref_t ref = {};
  sinew_vm_ref_wrap_assign(buffer, sinew_vm_buffer_type(), &ref);
  Check("filling inputs", FromC(sinew_vm_list_push_ref_retain_or_move(inputs, 1, &ref)));
  sinew_vm_value_t count = sinew_vm_value_make_i32(kBufferElements);
  Check("filling inputs", FromC(sinew_vm_list_push_value(inputs, &count)));
  for (auto _ : state) {
    Status status =
        vm::Invoke(g_env->context, function, vm::SINEW_VM_INVOCATION_FLAG_NONE, inputs, outputs);
    if (!status.has_value()) Die("invoking buffer_reduce", status);
  }
  sinew_vm_value_t sum;
  Check("reading the result",
        FromC(sinew_vm_list_get_value_as(outputs, 0, SINEW_VM_VALUE_TYPE_I32, &sum)));
  if (sum.i32 != kBufferElements * (kBufferElements - 1) / 2) {
    state.SkipWithError("buffer_reduce returned a wrong sum");
  }
  sinew_vm_list_release(inputs);
  sinew_vm_list_release(outputs);
  SetOpsPerIteration(state, kBufferElements);
}
void BufferReduceSinew(benchmark::State& state) { RunBufferReduce(state, g_env->buffer_reduce); }
void BufferReduceCompiled(benchmark::State& state) {
  RunBufferReduce(state, g_env->compiled_buffer_reduce);
}

// One element per step, as the VM does: DoNotOptimize keeps the compiler from vectorizing.
[[gnu::noinline]] int32_t NativeSum(const int32_t* values, int32_t count) {
  int32_t sum = 0;
  for (int32_t i = 0; i < count; ++i) {
    sum += values[i];
    benchmark::DoNotOptimize(sum);
  }
  return sum;
}

void BufferReduceNative(benchmark::State& state) {
  std::vector<int32_t> values(kBufferElements);
  for (int32_t i = 0; i < kBufferElements; ++i) values[i] = i;
  for (auto _ : state) benchmark::DoNotOptimize(NativeSum(values.data(), kBufferElements));
  SetOpsPerIteration(state, kBufferElements);
}

// internal_call: a chain of 21 calls f0 -> ... -> f20, each adding 1.

void InternalCallSinew(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(InvokeI32(g_env->internal_calls, kCallLoops));
  SetOpsPerIteration(state, double{kCallLoops} * kChainLength);
}

template <int K>
[[gnu::noinline]] int32_t NativeChain(int32_t value) {
  if constexpr (K == kChainLength - 1) {
    return value + 1;
  } else {
    return NativeChain<K + 1>(value) + 1;
  }
}

void InternalCallNative(benchmark::State& state) {
  for (auto _ : state) {
    int32_t value = 0;
    for (int32_t i = 0; i < kCallLoops; ++i) {
      value = NativeChain<0>(value);
      benchmark::DoNotOptimize(value);
    }
  }
  SetOpsPerIteration(state, double{kCallLoops} * kChainLength);
}

// import_call: 21 calls in a row to the native import add_1.

// cpp_wrapper_call: the same calls into add_1 written with the C++ NativeModule wrapper; its
// reference is the hand-written C-ABI add_1 run by ImportCallSinew.
void CcImportCallSinew(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(InvokeI32(g_env->cc_import_calls, kCallLoops));
  SetOpsPerIteration(state, double{kCallLoops} * kChainLength);
}

void ImportCallSinew(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(InvokeI32(g_env->import_calls, kCallLoops));
  SetOpsPerIteration(state, double{kCallLoops} * kChainLength);
}

void ImportCallNative(benchmark::State& state) {
  for (auto _ : state) {
    int32_t value = 0;
    for (int32_t i = 0; i < kCallLoops; ++i) {
      for (int32_t k = 0; k < kChainLength; ++k) value = Add1(value);
      benchmark::DoNotOptimize(value);
    }
  }
  SetOpsPerIteration(state, double{kCallLoops} * kChainLength);
}

// empty_invoke: call an empty function from the host, prepared once (vm::PreparedCall).
// empty_invoke_values does the same through InvokeValues, which looks the function up each time.

void EmptyInvokeSinew(benchmark::State& state) {
  vm::PreparedCall call =
      Check("preparing empty", vm::PreparedCall::Prepare(g_env->context, g_env->empty, 0, 0));
  for (auto _ : state) {
    Status status = call.Call({}, {});
    if (!status.has_value()) Die("invoking empty", status);
  }
  SetOpsPerIteration(state, 1);
}

void EmptyInvokeValuesSinew(benchmark::State& state) {
  for (auto _ : state) {
    Status status = vm::InvokeValues(g_env->context, g_env->empty, {}, {});
    if (!status.has_value()) Die("invoking empty", status);
  }
  SetOpsPerIteration(state, 1);
}

[[gnu::noinline]] void EmptyFunction() { asm volatile(""); }

void EmptyInvokeNative(benchmark::State& state) {
  void (*function)() = &EmptyFunction;
  for (auto _ : state) {
    benchmark::DoNotOptimize(function);
    function();
  }
  SetOpsPerIteration(state, 1);
}

// module_load: load and verify the benchmark module from memory (and destroy it again).

void ModuleLoadSinew(benchmark::State& state) {
  for (auto _ : state) {
    sinew_vm_module_t* module = nullptr;
    Status status = FromC(sinew_vm_bytecode_module_create(
        g_env->instance, {g_env->module_bytes.get(), g_env->module_size}, nullptr, nullptr,
        sinew_allocator_system(), &module));
    if (!status.has_value()) Die("loading the module", status);
    sinew_vm_module_release(module);
  }
  SetOpsPerIteration(state, 1);
}

// The reference is the FlatBuffers container check alone, which any loader of the format does.
void ModuleLoadNative(benchmark::State& state) {
  for (auto _ : state) {
    flatbuffers::Verifier verifier(g_env->module_bytes.get(), g_env->module_size);
    bool ok = vm::bytecode::fb::VerifyModuleBuffer(verifier);
    benchmark::DoNotOptimize(ok);
  }
  SetOpsPerIteration(state, 1);
}

// context_create: a context with the benchmark module and the two modules it imports from.

void ContextCreateSinew(benchmark::State& state) {
  sinew_vm_module_t* modules[] = {g_env->native_module, g_env->cc_module, g_env->bytecode_module};
  for (auto _ : state) {
    sinew_vm_context_t* context =
        Check("creating a context",
              vm::CreateContextWithModules(g_env->instance, 0, modules, sinew_allocator_system()));
    vm::ReleaseContext(context);
  }
  SetOpsPerIteration(state, 1);
}

// The reference allocates per-module state for the three modules and binds the imports by
// pointer.
struct NativeModuleState {
  uint8_t globals[64];
  int32_t (*add_1)(int32_t);
};

void ContextCreateNative(benchmark::State& state) {
  for (auto _ : state) {
    auto bytecode_state = std::make_unique<NativeModuleState>();
    auto native_state = std::make_unique<NativeModuleState>();
    auto cc_state = std::make_unique<NativeModuleState>();
    bytecode_state->add_1 = &Add1;
    benchmark::DoNotOptimize(bytecode_state.get());
    benchmark::DoNotOptimize(native_state.get());
    benchmark::DoNotOptimize(cc_state.get());
  }
  SetOpsPerIteration(state, 1);
}

// Targets: a bound on the ratio or on Sinew's time per operation; 0 means none.
struct Case {
  const char* name;
  void (*sinew)(benchmark::State&);
  void (*native)(benchmark::State&);
  double max_ratio;
  double max_ns;
};

constexpr Case kCases[] = {
    {"loop_sum", LoopSumSinew, LoopSumNative, 3, 0},
    {"buffer_reduce", BufferReduceSinew, BufferReduceNative, 0, 0},
    {"internal_call", InternalCallSinew, InternalCallNative, 0, 4},
    {"import_call", ImportCallSinew, ImportCallNative, 0, 5},
    {"cpp_wrapper_call", CcImportCallSinew, ImportCallSinew, 1.1, 0},
    {"empty_invoke", EmptyInvokeSinew, EmptyInvokeNative, 0, 10},
    {"empty_invoke_values", EmptyInvokeValuesSinew, EmptyInvokeNative, 0, 0},
    {"module_load", ModuleLoadSinew, ModuleLoadNative, 0, 1000},
    {"context_create", ContextCreateSinew, ContextCreateNative, 0, 0},
    // Emitted code quality: compiled from MLIR against the hand-written .vmasm.
    {"loop_sum_compiled", LoopSumCompiled, LoopSumSinew, 1.1, 0},
    {"buffer_reduce_compiled", BufferReduceCompiled, BufferReduceSinew, 1.1, 0},
};

// Prints the usual console output, then a table pairing each case with its reference. With
// repetitions the median is used.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      bool single = run.run_type == Run::RT_Iteration && run.repetitions <= 1;
      auto counter = run.counters.find("per_op");
      if (run.error_occurred || !(median || single) || counter == run.counters.end()) continue;
      std::string name = run.run_name.function_name;
      size_t slash = name.find('/');
      if (slash == std::string::npos) continue;
      Sample& sample = samples_[name.substr(0, slash)];
      (name.substr(slash + 1) == "sinew" ? sample.sinew_ns : sample.native_ns) =
          counter->second.value * 1e9;
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    if (samples_.empty()) return;
    std::printf("\n%-24s %12s %12s %9s %10s  %s\n", "case", "sinew ns", "native ns", "ratio",
                "target", "met");
    for (const Case& c : kCases) {
      auto it = samples_.find(c.name);
      if (it == samples_.end() || it->second.sinew_ns < 0 || it->second.native_ns < 0) continue;
      const Sample& s = it->second;
      double ratio = s.sinew_ns / s.native_ns;
      char target[32] = "-";
      const char* met = "-";
      if (c.max_ratio > 0) {
        std::snprintf(target, sizeof(target), "<= %gx", c.max_ratio);
        met = ratio <= c.max_ratio ? "yes" : "no";
      } else if (c.max_ns > 0) {
        std::snprintf(target, sizeof(target), "<= %g ns", c.max_ns);
        met = s.sinew_ns <= c.max_ns ? "yes" : "no";
      }
      std::printf("%-24s %12.3f %12.3f %8.2fx %10s  %s\n", c.name, s.sinew_ns, s.native_ns, ratio,
                  target, met);
    }
    std::fflush(stdout);
  }

 private:
  struct Sample {
    double sinew_ns = -1;
    double native_ns = -1;
  };
  std::map<std::string, Sample> samples_;
};

// Runs each VM entry point once and checks its result before anything is timed.
void CheckResults() {
  struct Expectation {
    sinew_vm_function_t function;
    int32_t argument;
    int32_t expected;
  };
  const Expectation expectations[] = {
      {g_env->loop_sum, 1000, 1000},
      {g_env->internal_calls, 10, 10 * kChainLength},
      {g_env->import_calls, 10, 10 * kChainLength},
      {g_env->cc_import_calls, 10, 10 * kChainLength},
  };
  std::vector<Expectation> checks(std::begin(expectations), std::end(expectations));
  if (g_env->compiled_module) checks.push_back({g_env->compiled_loop_sum, 1000, 1000});
  for (const Expectation& e : checks) {
    int32_t actual = InvokeI32(e.function, e.argument);
    if (actual != e.expected) {
      std::fprintf(stderr, "sinew-vm-benchmark: wrong result %d (expected %d)\n", actual,
                   e.expected);
      std::exit(1);
    }
  }
}

}  // namespace
}  // namespace sinew::bench

int main(int argc, char** argv) {
  using namespace sinew::bench;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  auto environment = std::make_unique<Environment>();
  g_env = environment.get();
  CheckResults();
  for (const Case& c : kCases) {
    if (std::string_view(c.name).ends_with("_compiled") && !g_env->compiled_module) continue;
    benchmark::RegisterBenchmark((std::string(c.name) + "/sinew").c_str(), c.sinew);
    benchmark::RegisterBenchmark((std::string(c.name) + "/native").c_str(), c.native);
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  g_env = nullptr;
  return 0;
}
