// --trace_calls=out.json: writes every call a tool's contexts make as Chrome trace events
// (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU), one "B"
// and one "E" event per call named `module.function`, `ts` in microseconds, so a run opens in
// Perfetto (ui.perfetto.dev) or chrome://tracing. Events carry the thread that created the
// trace: the tools invoke on one thread.
#ifndef SINEW_TOOLS_CHROME_CALL_TRACE_H_
#define SINEW_TOOLS_CHROME_CALL_TRACE_H_

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>

#include "runtime/base/status.h"
#include "runtime/vm/call_tracer.h"

namespace sinew::tools {

class ChromeCallTrace {
 public:
  // Creates (truncates) `path`; `process_name` labels the trace's process.
  static StatusOr<std::unique_ptr<ChromeCallTrace>> Create(const std::string& path,
                                                           std::string_view process_name);
  ChromeCallTrace(const ChromeCallTrace&) = delete;
  ChromeCallTrace& operator=(const ChromeCallTrace&) = delete;
  // Completes the JSON document and closes the file.
  ~ChromeCallTrace();

  // The tracer to install on contexts (SetContextCallTracer); valid while this object lives.
  const sinew_vm_call_tracer_t* tracer() const { return &tracer_; }

 private:
  explicit ChromeCallTrace(std::FILE* file);
  void Event(char phase, sinew_vm_function_t function);
  // `module.function` as a JSON string, computed once per function.
  const std::string& QuotedName(sinew_vm_function_t function);

  std::FILE* file_;
  std::chrono::steady_clock::time_point start_;
  int pid_;
  int tid_;
  std::map<std::tuple<const void*, uint32_t, uint32_t>, std::string> names_;
  sinew_vm_call_tracer_t tracer_;
};

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_CHROME_CALL_TRACE_H_
