// The .npy format: magic, version, a little-endian header length, a Python dict literal
// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`, then the raw elements.
#include "tools/numpy_file.h"

#include <sys/stat.h>

#include <cctype>
#include <charconv>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "runtime/base/str_cat.h"

namespace sinew::tools {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

struct NumpyHeader {
  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;
};

// A scanner over the header's dict literal; only the forms NumPy writes are accepted.
class HeaderScanner {
 public:
  explicit HeaderScanner(std::string_view text) : text_(text) {}

  StatusOr<NumpyHeader> Scan() {
    NumpyHeader header;
    bool has_descr = false;
    bool has_shape = false;
    if (!Consume('{')) return Malformed("expected '{'");
    while (!Consume('}')) {
      std::optional<std::string> key = String();
      if (!key) return Malformed("expected a quoted key");
      if (!Consume(':')) return Malformed(StrCat("expected ':' after '", *key, "'"));
      if (*key == "descr") {
        std::optional<std::string> descr = String();
        if (!descr) return Malformed("'descr' is not a string");
        header.descr = *descr;
        has_descr = true;
      } else if (*key == "fortran_order") {
        if (Word("True")) {
          header.fortran_order = true;
        } else if (!Word("False")) {
          return Malformed("'fortran_order' is not True or False");
        }
      } else if (*key == "shape") {
        if (!Shape(header.shape)) return Malformed("'shape' is not a tuple of sizes");
        has_shape = true;
      } else {
        return Malformed(StrCat("unexpected key '", *key, "'"));
      }
      if (!Consume(',') && !Peek('}')) return Malformed("expected ',' or '}'");
    }
    if (!has_descr || !has_shape) return Malformed("'descr' or 'shape' is missing");
    return header;
  }

 private:
  static std::unexpected<Error> Malformed(std::string_view why) {
    return InvalidArgumentError(StrCat("malformed header: ", why));
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Peek(char c) {
    SkipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  bool Consume(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  bool Word(std::string_view word) {
    SkipSpace();
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  std::optional<std::string> String() {
    SkipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) return std::nullopt;
    char quote = text_[pos_++];
    size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos) return std::nullopt;
    std::string value(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return value;
  }
  bool Shape(std::vector<int64_t>& shape) {
    if (!Consume('(')) return false;
    while (!Consume(')')) {
      SkipSpace();
      int64_t dim = 0;
      auto [end, error] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), dim);
      if (error != std::errc() || dim < 0) return false;
      pos_ = end - text_.data();
      shape.push_back(dim);
      if (!Consume(',') && !Peek(')')) return false;
    }
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// The element type of a NumPy dtype string such as `<f4`.
StatusOr<hal::ElementType> ElementTypeOfDescr(std::string_view descr) {
  std::string_view rest = descr;
  char order = '|';
  if (!rest.empty() && std::strchr("<>|=", rest.front())) {
    order = rest.front();
    rest.remove_prefix(1);
  }
  uint32_t size = 0;
  if (rest.size() < 2) return UnimplementedError(StrCat("unsupported data type ", descr));
  auto [end, error] = std::from_chars(rest.data() + 1, rest.data() + rest.size(), size);
  if (error != std::errc() || end != rest.data() + rest.size() || size == 0) {
    return UnimplementedError(StrCat("unsupported data type ", descr));
  }
  if (order == '>' && size > 1) {
    return UnimplementedError(StrCat("big-endian NumPy arrays are not supported (", descr, ")"));
  }
  using hal::NumericalType;
  auto make = [&](NumericalType type) -> StatusOr<hal::ElementType> {
    if (size * 8 > 0xFF) return UnimplementedError(StrCat("unsupported data type ", descr));
    return hal::MakeElementType(type, size * 8);
  };
  bool power_of_two = size == 1 || size == 2 || size == 4 || size == 8;
  switch (rest.front()) {
    case 'b':
      if (size == 1) return hal::ElementType::kBool;
      break;
    case 'i':
      if (power_of_two) return make(NumericalType::kIntegerSigned);
      break;
    case 'u':
      if (power_of_two) return make(NumericalType::kIntegerUnsigned);
      break;
    case 'f':
      if (size == 2 || size == 4 || size == 8) return make(NumericalType::kFloatIeee);
      break;
    case 'c':
      if (size == 8 || size == 16) return make(NumericalType::kFloatComplex);
      break;
    case 'V':
      return make(NumericalType::kUnknown);
    default:
      break;
  }
  return UnimplementedError(StrCat("unsupported data type ", descr));
}

Status ReadExactly(std::FILE* file, std::string_view path, void* data, size_t size,
                   std::string_view what) {
  size_t read = size ? std::fread(data, 1, size, file) : 0;
  if (read != size) {
    return DataLossError(
        StrCat("'", path, "' ended after ", read, " of the ", size, " bytes of ", what));
  }
  return OkStatus();
}

StatusOr<NumpyHeader> ReadHeader(std::FILE* file, std::string_view path) {
  uint8_t preamble[kMagicSize + 2];
  SINEW_RETURN_IF_ERROR(ReadExactly(file, path, preamble, sizeof(preamble), "the NumPy preamble"));
  if (std::memcmp(preamble, kMagic, kMagicSize) != 0) {
    return InvalidArgumentError(StrCat("'", path, "' is not a NumPy file (bad magic)"));
  }
  uint8_t major = preamble[kMagicSize];
  if (major < 1 || major > 3) {
    return UnimplementedError(
        StrCat("'", path, "' has unsupported NumPy format version ", static_cast<int>(major)));
  }
  uint8_t length_bytes[4] = {};
  size_t length_size = major == 1 ? 2 : 4;
  SINEW_RETURN_IF_ERROR(
      ReadExactly(file, path, length_bytes, length_size, "the NumPy header length"));
  uint32_t length = length_bytes[0] | length_bytes[1] << 8 | length_bytes[2] << 16 |
                    static_cast<uint32_t>(length_bytes[3]) << 24;
  if (length > (1u << 20)) {
    return InvalidArgumentError(
        StrCat("'", path, "' has an implausible NumPy header length of ", length, " bytes"));
  }
  std::string text(length, '\0');
  SINEW_RETURN_IF_ERROR(ReadExactly(file, path, text.data(), length, "the NumPy header"));
  auto header = HeaderScanner(text).Scan();
  if (!header.has_value()) {
    return std::unexpected(std::move(header).error().Annotate(StrCat("reading '", path, "'")));
  }
  return header;
}

}  // namespace

StatusOr<vm::ref<hal::BufferView>> ReadNumpyArray(std::FILE* file, std::string_view path,
                                                  sinew_allocator_t allocator) {
  SINEW_ASSIGN_OR_RETURN(NumpyHeader header, ReadHeader(file, path));
  if (header.fortran_order) {
    return UnimplementedError(
        StrCat("'", path, "' holds a Fortran-order array; only C order is supported"));
  }
  SINEW_ASSIGN_OR_RETURN(hal::ElementType type, ElementTypeOfDescr(header.descr));
  // Check a header's size against the file before allocating for it.
  SINEW_ASSIGN_OR_RETURN(uint64_t length, hal::ComputeByteLength(type, header.shape));
  struct stat info;
  long position = std::ftell(file);
  if (fstat(fileno(file), &info) == 0 && S_ISREG(info.st_mode) && position >= 0 &&
      length > static_cast<uint64_t>(info.st_size - position)) {
    return DataLossError(StrCat("'", path, "' ended after ", info.st_size - position, " of the ",
                                length, " bytes of the NumPy array's elements"));
  }
  SINEW_ASSIGN_OR_RETURN(vm::ref<hal::BufferView> view,
                         hal::BufferView::Allocate(type, header.shape, allocator));
  SINEW_ASSIGN_OR_RETURN(std::span<uint8_t> bytes, view->MapWritable());
  SINEW_RETURN_IF_ERROR(
      ReadExactly(file, path, bytes.data(), bytes.size(), "the NumPy array's elements"));
  return view;
}

bool AtEndOfFile(std::FILE* file) {
  int c = std::fgetc(file);
  if (c == EOF) return true;
  std::ungetc(c, file);
  return false;
}

}  // namespace sinew::tools
