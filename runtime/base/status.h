// Status values: a C handle that crosses module ABIs and the C++ Status/StatusOr built on
// std::expected. OK is a null handle, so success never allocates.
#ifndef SINEW_RUNTIME_BASE_STATUS_H_
#define SINEW_RUNTIME_BASE_STATUS_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Numeric codes match IREE's (and absl's) so printed statuses read the same.
typedef enum sinew_status_code_e {
  SINEW_STATUS_OK = 0,
  SINEW_STATUS_CANCELLED = 1,
  SINEW_STATUS_UNKNOWN = 2,
  SINEW_STATUS_INVALID_ARGUMENT = 3,
  SINEW_STATUS_DEADLINE_EXCEEDED = 4,
  SINEW_STATUS_NOT_FOUND = 5,
  SINEW_STATUS_ALREADY_EXISTS = 6,
  SINEW_STATUS_PERMISSION_DENIED = 7,
  SINEW_STATUS_RESOURCE_EXHAUSTED = 8,
  SINEW_STATUS_FAILED_PRECONDITION = 9,
  SINEW_STATUS_ABORTED = 10,
  SINEW_STATUS_OUT_OF_RANGE = 11,
  SINEW_STATUS_UNIMPLEMENTED = 12,
  SINEW_STATUS_INTERNAL = 13,
  SINEW_STATUS_UNAVAILABLE = 14,
  SINEW_STATUS_DATA_LOSS = 15,
  SINEW_STATUS_UNAUTHENTICATED = 16,
  SINEW_STATUS_DEFERRED = 17,
  SINEW_STATUS_INCOMPATIBLE = 18,
} sinew_status_code_t;

// A status handle: NULL is OK; a value below 32 is a code without payload (cheap, used for
// DEFERRED); anything else points at a heap payload whose low 5 bits hold the code.
typedef struct sinew_status_payload_t* sinew_status_t;

#define sinew_ok_status() ((sinew_status_t)0)
#define sinew_status_is_ok(s) ((s) == (sinew_status_t)0)

// Creates a status with a message (printf-style). `file` may be NULL; it is not copied.
sinew_status_t sinew_status_make(sinew_status_code_t code, const char* file, int line,
                                 const char* format, ...) __attribute__((format(printf, 4, 5)));
// A status carrying only a code: never allocates.
sinew_status_t sinew_status_from_code(sinew_status_code_t code);
sinew_status_code_t sinew_status_code(sinew_status_t status);
// Appends an annotation (`; text` when printed). Returns the (possibly reallocated) status.
sinew_status_t sinew_status_annotate(sinew_status_t status, const char* text);
void sinew_status_free(sinew_status_t status);
const char* sinew_status_code_name(sinew_status_code_t code);

#ifdef __cplusplus
}  // extern "C"

#include <expected>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>

namespace sinew {

enum class StatusCode : uint8_t {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
  kDeferred = 17,
  kIncompatible = 18,
};

std::string_view StatusCodeName(StatusCode code);

// A non-OK status. Owns its C handle; move-only.
class Error {
 public:
  explicit Error(sinew_status_t handle) : handle_(handle) {}
  Error(StatusCode code, std::string_view message,
        std::source_location location = std::source_location::current());
  Error(Error&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Error& operator=(Error&& other) noexcept {
    if (this != &other) {
      sinew_status_free(handle_);
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  Error(const Error&) = delete;
  Error& operator=(const Error&) = delete;
  ~Error() { sinew_status_free(handle_); }

  StatusCode code() const { return static_cast<StatusCode>(sinew_status_code(handle_)); }
  // The primary message without code, location or annotations.
  std::string_view message() const;
  Error& Annotate(std::string_view text) &;
  Error&& Annotate(std::string_view text) &&;
  // `file:line: CODE; message; annotation; ...` as the tools print it.
  std::string ToString() const;
  sinew_status_t handle() const { return handle_; }
  // Gives up ownership of the C handle.
  sinew_status_t release() { return std::exchange(handle_, nullptr); }

 private:
  sinew_status_t handle_;
};

using Status = std::expected<void, Error>;
template <typename T>
using StatusOr = std::expected<T, Error>;

inline Status OkStatus() { return {}; }

// Converts between the C handle and the C++ Status.
inline Status FromC(sinew_status_t status) {
  if (sinew_status_is_ok(status)) return {};
  return std::unexpected(Error(status));
}
inline sinew_status_t ToC(Status&& status) {
  return status.has_value() ? sinew_ok_status() : status.error().release();
}
inline sinew_status_t ToC(Error&& error) { return error.release(); }

inline std::unexpected<Error> MakeError(
    StatusCode code, std::string_view message,
    std::source_location location = std::source_location::current()) {
  return std::unexpected(Error(code, message, location));
}

#define SINEW_DEFINE_ERROR_HELPER(Name, Code)                                                      \
  inline std::unexpected<Error> Name(                                                              \
      std::string_view message, std::source_location location = std::source_location::current()) { \
    return MakeError(StatusCode::Code, message, location);                                         \
  }
SINEW_DEFINE_ERROR_HELPER(InvalidArgumentError, kInvalidArgument)
SINEW_DEFINE_ERROR_HELPER(NotFoundError, kNotFound)
SINEW_DEFINE_ERROR_HELPER(OutOfRangeError, kOutOfRange)
SINEW_DEFINE_ERROR_HELPER(FailedPreconditionError, kFailedPrecondition)
SINEW_DEFINE_ERROR_HELPER(UnimplementedError, kUnimplemented)
SINEW_DEFINE_ERROR_HELPER(InternalError, kInternal)
SINEW_DEFINE_ERROR_HELPER(ResourceExhaustedError, kResourceExhausted)
SINEW_DEFINE_ERROR_HELPER(PermissionDeniedError, kPermissionDenied)
SINEW_DEFINE_ERROR_HELPER(UnknownError, kUnknown)
SINEW_DEFINE_ERROR_HELPER(IncompatibleError, kIncompatible)
SINEW_DEFINE_ERROR_HELPER(DataLossError, kDataLoss)
#undef SINEW_DEFINE_ERROR_HELPER

// The DEFERRED status a native function returns to yield (not an error).
inline std::unexpected<Error> Deferred() {
  return std::unexpected(Error(sinew_status_from_code(SINEW_STATUS_DEFERRED)));
}

// Prints the status or "OK".
std::string StatusToString(const Status& status);

}  // namespace sinew

#define SINEW_STATUS_CONCAT_INNER_(a, b) a##b
#define SINEW_STATUS_CONCAT_(a, b) SINEW_STATUS_CONCAT_INNER_(a, b)

// Returns the error of a Status/StatusOr expression from the enclosing function.
#define SINEW_RETURN_IF_ERROR(expr)                                 \
  do {                                                              \
    auto sinew_status_tmp_ = (expr);                                \
    if (!sinew_status_tmp_.has_value()) [[unlikely]]                \
      return std::unexpected(std::move(sinew_status_tmp_).error()); \
  } while (false)

// `SINEW_ASSIGN_OR_RETURN(auto x, MaybeX());`
#define SINEW_ASSIGN_OR_RETURN(lhs, expr) \
  SINEW_ASSIGN_OR_RETURN_IMPL_(SINEW_STATUS_CONCAT_(sinew_statusor_, __LINE__), lhs, expr)
#define SINEW_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.has_value()) [[unlikely]]                 \
    return std::unexpected(std::move(tmp).error());  \
  lhs = std::move(*tmp)

// Returns a C status handle from the enclosing function if it is not OK.
#define SINEW_RETURN_IF_ERROR_C(expr)                          \
  do {                                                         \
    sinew_status_t sinew_status_c_tmp_ = (expr);               \
    if (!sinew_status_is_ok(sinew_status_c_tmp_)) [[unlikely]] \
      return sinew_status_c_tmp_;                              \
  } while (false)

#endif  // __cplusplus

#endif  // SINEW_RUNTIME_BASE_STATUS_H_
