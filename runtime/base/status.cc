// Status payload storage, annotation and printing.
#include "runtime/base/status.h"

#include <stdarg.h>
#include <stdio.h>

#include <new>
#include <string>
#include <vector>

// Self-contained payload: it copies the file name so a status can outlive the code
// (for example a shared library) that created it.
struct alignas(32) sinew_status_payload_t {
  sinew_status_code_t code;
  int line = 0;
  std::string file;
  std::string message;
  std::vector<std::string> annotations;
};

namespace {

constexpr uintptr_t kCodeMask = 0x1F;

sinew_status_payload_t* Payload(sinew_status_t status) {
  uintptr_t bits = reinterpret_cast<uintptr_t>(status);
  if (bits <= kCodeMask) return nullptr;
  return reinterpret_cast<sinew_status_payload_t*>(bits & ~kCodeMask);
}

sinew_status_t Wrap(sinew_status_payload_t* payload) {
  return reinterpret_cast<sinew_status_t>(reinterpret_cast<uintptr_t>(payload) |
                                          (static_cast<uintptr_t>(payload->code) & kCodeMask));
}

sinew_status_payload_t* NewPayload(sinew_status_code_t code) {
  auto* payload = new (std::nothrow) sinew_status_payload_t();
  if (payload) payload->code = code;
  return payload;
}

}  // namespace

extern "C" {

sinew_status_t sinew_status_from_code(sinew_status_code_t code) {
  return reinterpret_cast<sinew_status_t>(static_cast<uintptr_t>(code) & kCodeMask);
}

sinew_status_t sinew_status_make(sinew_status_code_t code, const char* file, int line,
                                 const char* format, ...) {
  if (code == SINEW_STATUS_OK) return sinew_ok_status();
  sinew_status_payload_t* payload = NewPayload(code);
  if (!payload) return sinew_status_from_code(code);
  if (file) payload->file = file;
  payload->line = line;
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  int length = vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  if (length > 0) {
    payload->message.resize(static_cast<size_t>(length));
    vsnprintf(payload->message.data(), payload->message.size() + 1, format, args);
  }
  va_end(args);
  return Wrap(payload);
}

sinew_status_code_t sinew_status_code(sinew_status_t status) {
  return static_cast<sinew_status_code_t>(reinterpret_cast<uintptr_t>(status) & kCodeMask);
}

sinew_status_t sinew_status_annotate(sinew_status_t status, const char* text) {
  if (sinew_status_is_ok(status)) return status;
  sinew_status_payload_t* payload = Payload(status);
  if (!payload) {
    payload = NewPayload(sinew_status_code(status));
    if (!payload) return status;
  }
  payload->annotations.emplace_back(text);
  return Wrap(payload);
}

void sinew_status_free(sinew_status_t status) { delete Payload(status); }

const char* sinew_status_code_name(sinew_status_code_t code) {
  switch (code) {
    case SINEW_STATUS_OK:
      return "OK";
    case SINEW_STATUS_CANCELLED:
      return "CANCELLED";
    case SINEW_STATUS_UNKNOWN:
      return "UNKNOWN";
    case SINEW_STATUS_INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case SINEW_STATUS_DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case SINEW_STATUS_NOT_FOUND:
      return "NOT_FOUND";
    case SINEW_STATUS_ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case SINEW_STATUS_PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case SINEW_STATUS_RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case SINEW_STATUS_FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case SINEW_STATUS_ABORTED:
      return "ABORTED";
    case SINEW_STATUS_OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case SINEW_STATUS_UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case SINEW_STATUS_INTERNAL:
      return "INTERNAL";
    case SINEW_STATUS_UNAVAILABLE:
      return "UNAVAILABLE";
    case SINEW_STATUS_DATA_LOSS:
      return "DATA_LOSS";
    case SINEW_STATUS_UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case SINEW_STATUS_DEFERRED:
      return "DEFERRED";
    case SINEW_STATUS_INCOMPATIBLE:
      return "INCOMPATIBLE";
  }
  return "";
}

}  // extern "C"

namespace sinew {

std::string_view StatusCodeName(StatusCode code) {
  return sinew_status_code_name(static_cast<sinew_status_code_t>(code));
}

Error::Error(StatusCode code, std::string_view message, std::source_location location)
    : handle_(nullptr) {
  auto c_code = static_cast<sinew_status_code_t>(code);
  sinew_status_payload_t* payload = NewPayload(c_code);
  if (!payload) {
    handle_ = sinew_status_from_code(c_code);
    return;
  }
  payload->file = location.file_name();
  payload->line = static_cast<int>(location.line());
  payload->message = message;
  handle_ = Wrap(payload);
}

std::string_view Error::message() const {
  sinew_status_payload_t* payload = Payload(handle_);
  return payload ? std::string_view(payload->message) : std::string_view();
}

Error& Error::Annotate(std::string_view text) & {
  handle_ = sinew_status_annotate(handle_, std::string(text).c_str());
  return *this;
}

Error&& Error::Annotate(std::string_view text) && {
  handle_ = sinew_status_annotate(handle_, std::string(text).c_str());
  return std::move(*this);
}

std::string Error::ToString() const {
  std::string out;
  sinew_status_payload_t* payload = Payload(handle_);
  if (payload && !payload->file.empty()) {
    out += payload->file;
    out += ':';
    out += std::to_string(payload->line);
    out += ": ";
  }
  out += StatusCodeName(code());
  if (payload) {
    if (!payload->message.empty()) {
      out += "; ";
      out += payload->message;
    }
    for (const std::string& annotation : payload->annotations) {
      out += "; ";
      out += annotation;
    }
  }
  return out;
}

std::string StatusToString(const Status& status) {
  return status.has_value() ? std::string("OK") : status.error().ToString();
}

}  // namespace sinew
