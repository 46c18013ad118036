// --input parsing: scalars by cconv kind, refs as null, tensors, raw and NumPy files, storage.
#include "tools/function_inputs.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "runtime/base/str_cat.h"
#include "runtime/base/strings.h"
#include "runtime/hal/buffer_view.h"
#include "runtime/hal/buffer_view_format.h"
#include "runtime/hal/buffer_view_parse.h"
#include "runtime/vm/buffer.h"
#include "runtime/vm/cconv.h"
#include "runtime/vm/value.h"
#include "tools/numpy_file.h"

namespace sinew::tools {
namespace {

std::string_view ScalarTypeName(char kind) {
  return kind == 'i' ? "i32" : kind == 'I' ? "i64" : kind == 'f' ? "f32" : "f64";
}

// Files opened by the values of one call, by path, so `+path` continues where the previous
// value stopped reading.
class InputStreams {
 public:
  InputStreams() = default;
  InputStreams(const InputStreams&) = delete;
  InputStreams& operator=(const InputStreams&) = delete;
  ~InputStreams() {
    for (auto& [path, file] : files_) std::fclose(file);
  }

  // With `rewind` the stream starts over at offset 0 (`@`); otherwise it continues (`+`, `*`).
  StatusOr<std::FILE*> Get(const std::string& path, bool rewind) {
    auto it = files_.find(path);
    if (it == files_.end()) {
      std::FILE* file = std::fopen(path.c_str(), "rb");
      if (!file) {
        return NotFoundError(StrCat("cannot open '", path, "': ", std::strerror(errno)));
      }
      files_.emplace(path, file);
      return file;
    }
    if (rewind && std::fseek(it->second, 0, SEEK_SET) != 0) {
      return UnimplementedError(StrCat("cannot reopen non-seekable stream '", path, "'"));
    }
    return it->second;
  }

 private:
  std::map<std::string, std::FILE*> files_;
};

// Parses all of `text` (already trimmed) as a number of scalar cconv `kind`. Integers take C's
// base prefixes (0x hex, leading-0 octal), and i32 also the unsigned 32-bit range.
StatusOr<sinew_vm_value_t> ParseNumber(char kind, std::string_view spec, std::string_view text) {
  std::string terminated(text);
  const char* begin = terminated.c_str();
  char* end = nullptr;
  errno = 0;
  bool in_range = true;
  sinew_vm_value_t value;
  switch (kind) {
    case 'i': {
      long long number = std::strtoll(begin, &end, 0);
      in_range = errno != ERANGE && number >= INT32_MIN && number <= UINT32_MAX;
      value = sinew_vm_value_make_i32(static_cast<int32_t>(number));
      break;
    }
    case 'I':
      value = sinew_vm_value_make_i64(std::strtoll(begin, &end, 0));
      in_range = errno != ERANGE;
      break;
    case 'f':
      value = sinew_vm_value_make_f32(std::strtof(begin, &end));
      in_range = !(errno == ERANGE && std::isinf(value.f32));
      break;
    default:
      value = sinew_vm_value_make_f64(std::strtod(begin, &end));
      in_range = !(errno == ERANGE && std::isinf(value.f64));
      break;
  }
  std::string_view type = ScalarTypeName(kind);
  if (text.empty() || *end != '\0') {
    return InvalidArgumentError(
        StrCat("parsing value `", spec, "` as ", type, ": `", text, "` is not a number"));
  }
  if (!in_range) {
    return InvalidArgumentError(
        StrCat("parsing value `", spec, "` as ", type, ": out of range for ", type));
  }
  return value;
}

StatusOr<sinew_vm_variant_t> ParseScalar(char kind, std::string_view spec) {
  sinew_vm_variant_t variant = sinew_vm_variant_empty();
  bool null = spec == "(null)" || spec == "(ignored)";
  size_t equals = spec.find('=');
  std::string_view expected = ScalarTypeName(kind);
  std::string_view type = equals == std::string_view::npos ? "" : Trim(spec.substr(0, equals));
  if (equals != std::string_view::npos && type != expected) {
    return InvalidArgumentError(StrCat("parsing value `", spec, "` as ", expected, ": expected ",
                                       expected, " but got ", type.empty() ? "no type" : type));
  }
  std::string_view text =
      null ? "0" : Trim(spec.substr(equals == std::string_view::npos ? 0 : equals + 1));
  SINEW_ASSIGN_OR_RETURN(sinew_vm_value_t value, ParseNumber(kind, spec, text));
  variant.type = sinew_vm_make_value_type_def(value.type);
  variant.i64 = value.i64;
  return variant;
}

// A tensor in the buffer-view text format, with contents inline or read from a file.
StatusOr<vm::ref<hal::BufferView>> ParseTensor(std::string_view spec, InputStreams& streams) {
  if (spec.find_first_of("=x") == std::string_view::npos) {
    return InvalidArgumentError(
        "invalid tensor specification, requires at least a shape/type (`4x2xf32=...`)");
  }
  SINEW_ASSIGN_OR_RETURN(hal::BufferViewText text, hal::ParseBufferViewText(spec));
  SINEW_ASSIGN_OR_RETURN(
      vm::ref<hal::BufferView> view,
      hal::BufferView::Allocate(text.element_type, text.shape, sinew_allocator_system()));
  SINEW_ASSIGN_OR_RETURN(std::span<uint8_t> bytes, view->MapWritable());
  std::string_view contents = text.contents.value_or("");
  if (!contents.starts_with('@') && !contents.starts_with('+')) {
    SINEW_RETURN_IF_ERROR(
        hal::ParseBufferViewContents(contents, text.element_type, view->element_count(), bytes));
    return view;
  }
  std::string path(Trim(contents.substr(1)));
  SINEW_ASSIGN_OR_RETURN(std::FILE * file, streams.Get(path, contents.front() == '@'));
  size_t read = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), file);
  if (read != bytes.size()) {
    return DataLossError(StrCat("'", path, "' ended after ", read, " of the ", bytes.size(),
                                " bytes of ",
                                hal::FormatShapeAndType(text.shape, text.element_type)));
  }
  return view;
}

// Stores `object` (of `type`, one count adopted) into a variant.
sinew_vm_variant_t RefVariant(void* object, sinew_vm_ref_type_t type) {
  sinew_vm_variant_t variant = sinew_vm_variant_empty();
  if (!object) return variant;
  variant.type = sinew_vm_make_ref_type_def(type);
  variant.ref = {object, type};
  return variant;
}

// Parses values one at a time, consuming cconv kinds as it goes.
class VariantListParser {
 public:
  VariantListParser(std::string_view kinds, std::string_view cconv, sinew_vm_list_t* list)
      : kinds_(kinds), cconv_(cconv), list_(list) {}

  Status Parse(std::string_view spec) {
    if (spec.empty()) return InvalidArgumentError("no value specified for input");
    SINEW_ASSIGN_OR_RETURN(char kind, NextKind(StrCat("`", spec, "` is one more")));
    char form = spec.front();
    bool from_file = form == '@' || form == '+' || form == '*';
    if (kind != 'r' && (from_file || form == '&')) {
      return InvalidArgumentError(StrCat(
          "function signature mismatch: expected cconv type `r` but provided type `", kind, "`"));
    }
    if (kind != 'r') {
      SINEW_ASSIGN_OR_RETURN(sinew_vm_variant_t scalar, ParseScalar(kind, spec));
      return Push(scalar);
    }
    if (spec == "(null)" || spec == "(ignored)") return Push(sinew_vm_variant_empty());
    if (from_file) return ParseNumpy(form, spec.substr(1));
    if (form == '&') {
      SINEW_ASSIGN_OR_RETURN(vm::ref<hal::BufferView> view, ParseTensor(spec.substr(1), streams_));
      SINEW_ASSIGN_OR_RETURN(vm::ref<sinew_vm_buffer_t> storage,
                             view->AliasBytes(sinew_allocator_system()));
      return PushOwned(RefVariant(storage.release(), sinew_vm_buffer_type()));
    }
    SINEW_ASSIGN_OR_RETURN(vm::ref<hal::BufferView> view, ParseTensor(spec, streams_));
    return PushOwned(RefVariant(view.release(), hal::BufferView::type()));
  }

 private:
  // The kind of the next argument; `excess` says what is left over when there is none.
  StatusOr<char> NextKind(std::string_view excess) {
    if (next_ >= kinds_.size()) {
      return InvalidArgumentError(StrCat("function expected fewer input values; it takes ",
                                         kinds_.size(), " (cconv `", cconv_, "`) but ", excess));
    }
    return kinds_[next_++];
  }

  Status ParseNumpy(char form, std::string_view path_text) {
    std::string path(Trim(path_text));
    if (!path.ends_with(".npy")) {
      return UnimplementedError(
          "only numpy (.npy) files are supported for metadata-less "
          "variant I/O");
    }
    SINEW_ASSIGN_OR_RETURN(std::FILE * file, streams_.Get(path, form == '@'));
    for (bool first = true; first || (form == '*' && !AtEndOfFile(file)); first = false) {
      if (!first) {
        SINEW_ASSIGN_OR_RETURN(char kind, NextKind(StrCat("`", path, "` holds more arrays")));
        if (kind != 'r') {
          return InvalidArgumentError(
              StrCat("function signature mismatch: expected cconv type `r` but provided type `",
                     kind, "`"));
        }
      }
      SINEW_ASSIGN_OR_RETURN(vm::ref<hal::BufferView> view,
                             ReadNumpyArray(file, path, sinew_allocator_system()));
      SINEW_RETURN_IF_ERROR(PushOwned(RefVariant(view.release(), hal::BufferView::type())));
    }
    return OkStatus();
  }

  Status Push(const sinew_vm_variant_t& variant) {
    return FromC(sinew_vm_list_push_variant_retain(list_, &variant));
  }
  // Pushes and drops the count the variant held.
  Status PushOwned(sinew_vm_variant_t variant) {
    Status pushed = Push(variant);
    sinew_vm_ref_release(&variant.ref);
    return pushed;
  }

  std::string_view kinds_;
  std::string_view cconv_;
  sinew_vm_list_t* list_;
  size_t next_ = 0;
  InputStreams streams_;
};

}  // namespace

StatusOr<sinew_vm_list_t*> ParseVariantList(std::string_view kinds, std::string_view cconv,
                                            const std::vector<std::string>& values,
                                            std::string_view item, std::string_view annotation) {
  if (values.size() > kinds.size()) {
    Error error(StatusCode::kInvalidArgument,
                StrCat("function expected fewer input values; it takes ", kinds.size(), " (cconv `",
                       cconv, "`) but ", values.size(), " were given"));
    return std::unexpected(std::move(error.Annotate(annotation)));
  }
  sinew_vm_list_t* list = nullptr;
  SINEW_RETURN_IF_ERROR(FromC(sinew_vm_list_create(sinew_vm_make_variant_type_def(), values.size(),
                                                   sinew_allocator_system(), &list)));
  VariantListParser parser(kinds, cconv, list);
  for (size_t i = 0; i < values.size(); ++i) {
    std::string_view spec = Trim(values[i]);
    if (Status parsed = parser.Parse(spec); !parsed.has_value()) {
      sinew_vm_list_release(list);
      return std::unexpected(std::move(parsed)
                                 .error()
                                 .Annotate(StrCat("parsing ", item, " ", i, " `", spec, "`"))
                                 .Annotate(annotation));
    }
  }
  return list;
}

StatusOr<sinew_vm_list_t*> ParseInputs(std::string_view cconv,
                                       const std::vector<std::string>& inputs) {
  return ParseVariantList(vm::CconvFragment(cconv, false), cconv, inputs, "input",
                          "parsing function inputs");
}

}  // namespace sinew::tools
