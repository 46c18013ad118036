// Chrome trace event writer for --trace_calls.
#include "tools/chrome_call_trace.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/base/str_cat.h"

namespace sinew::tools {
namespace {

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\u%04x", c);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

StatusOr<std::unique_ptr<ChromeCallTrace>> ChromeCallTrace::Create(const std::string& path,
                                                                   std::string_view process_name) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (!file) {
    return NotFoundError(
        StrCat("cannot create --trace_calls file '", path, "': ", std::strerror(errno)));
  }
  std::unique_ptr<ChromeCallTrace> trace(new ChromeCallTrace(file));
  std::fprintf(file,
               "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n"
               "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":%d,\"tid\":%d,"
               "\"args\":{\"name\":%s}}",
               trace->pid_, trace->tid_, JsonString(process_name).c_str());
  return trace;
}

ChromeCallTrace::ChromeCallTrace(std::FILE* file)
    : file_(file),
      start_(std::chrono::steady_clock::now()),
      pid_(static_cast<int>(getpid())),
      tid_(static_cast<int>(syscall(SYS_gettid))),
      tracer_{this,
              [](void* self, sinew_vm_function_t function) {
                static_cast<ChromeCallTrace*>(self)->Event('B', function);
              },
              [](void* self, sinew_vm_function_t function) {
                static_cast<ChromeCallTrace*>(self)->Event('E', function);
              }} {}

ChromeCallTrace::~ChromeCallTrace() {
  std::fprintf(file_, "\n]}\n");
  std::fclose(file_);
}

const std::string& ChromeCallTrace::QuotedName(sinew_vm_function_t function) {
  auto key = std::make_tuple(static_cast<const void*>(function.module), function.linkage,
                             function.ordinal);
  auto it = names_.find(key);
  if (it != names_.end()) return it->second;
  sinew_vm_module_t* module = function.module;
  sinew_string_view_t name = {nullptr, 0};
  sinew_status_t status =
      module->get_function(module->self, static_cast<sinew_vm_function_linkage_t>(function.linkage),
                           function.ordinal, nullptr, &name, nullptr);
  std::string text(ToStringView(sinew_vm_module_name(module)));
  // Functions without a name (internal bytecode functions) are `module@ordinal`, as in
  // backtraces.
  if (sinew_status_is_ok(status) && name.size) {
    text += StrCat(".", ToStringView(name));
  } else {
    sinew_status_free(status);
    text += StrCat("@", function.ordinal);
  }
  return names_.emplace(key, JsonString(text)).first->second;
}

void ChromeCallTrace::Event(char phase, sinew_vm_function_t function) {
  double micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(file_,
               ",\n{\"name\":%s,\"cat\":\"vm\",\"ph\":\"%c\",\"ts\":%.3f,\"pid\":%d,\"tid\":%d}",
               QuotedName(function).c_str(), phase, micros, pid_, tid_);
}

}  // namespace sinew::tools
