// Buffer-view text input: shape and type, then element tokens.
#include "runtime/hal/buffer_view_parse.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

#include "runtime/base/str_cat.h"
#include "runtime/base/strings.h"
#include "runtime/hal/buffer_view_format.h"
#include "runtime/hal/element_text.h"
#include "runtime/hal/element_type_name.h"

namespace sinew::hal {
namespace {

StatusOr<std::vector<int64_t>> ParseShape(std::string_view text) {
  std::vector<int64_t> shape;
  if (text.empty()) return shape;
  size_t rank = std::count(text.begin(), text.end(), 'x') + 1;
  if (rank > kMaxParsedRank) {
    return ResourceExhaustedError(StrCat("shape rank ", rank, " exceeds the limit of ",
                                         kMaxParsedRank,
                                         " dimensions, which is already excessive"));
  }
  for (size_t begin = 0; begin <= text.size();) {
    size_t end = std::min(text.find('x', begin), text.size());
    std::string_view dim = text.substr(begin, end - begin);
    int64_t value = 0;
    auto [last, error] = std::from_chars(dim.data(), dim.data() + dim.size(), value);
    if (dim.empty() || error != std::errc() || last != dim.data() + dim.size() || value < 0) {
      return InvalidArgumentError(
          StrCat("shape[", shape.size(), "] invalid value '", dim, "' of '", text, "'"));
    }
    shape.push_back(value);
    begin = end + 1;
  }
  return shape;
}

bool IsSeparator(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '[' || c == ']';
}

// Calls `callback(token)` for every token; stops at the first error.
template <typename Callback>
Status ForEachToken(std::string_view text, Callback&& callback) {
  size_t i = 0;
  while (i < text.size()) {
    if (IsSeparator(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && !IsSeparator(text[end])) ++end;
    SINEW_RETURN_IF_ERROR(callback(text.substr(i, end - i)));
    i = end;
  }
  return OkStatus();
}

}  // namespace

StatusOr<BufferViewText> ParseBufferViewText(std::string_view text) {
  text = Trim(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = Trim(text.substr(1, text.size() - 2));
  }
  if (text.empty()) return InvalidArgumentError("empty string input");
  BufferViewText result;
  size_t equals = text.find('=');
  std::string_view metadata = Trim(text.substr(0, equals));
  if (equals != std::string_view::npos) result.contents = Trim(text.substr(equals + 1));
  size_t split = metadata.rfind('x');
  std::string_view shape_text;
  std::string_view type_text = metadata;
  if (split != std::string_view::npos) {
    // `4xx8` and `x8` name the opaque type `x8`, whose own `x` is not the separator.
    bool digits_only = split + 1 < metadata.size() &&
                       std::all_of(metadata.begin() + split + 1, metadata.end(), [](char c) {
                         return std::isdigit(static_cast<unsigned char>(c));
                       });
    if (digits_only && (split == 0 || metadata[split - 1] == 'x')) {
      type_text = metadata.substr(split);
      shape_text = metadata.substr(0, split == 0 ? 0 : split - 1);
    } else {
      type_text = metadata.substr(split + 1);
      shape_text = metadata.substr(0, split);
    }
  }
  SINEW_ASSIGN_OR_RETURN(result.shape, ParseShape(shape_text));
  SINEW_ASSIGN_OR_RETURN(result.element_type, ParseElementType(type_text));
  return result;
}

Status ParseBufferViewContents(std::string_view contents, ElementType type, uint64_t element_count,
                               std::span<uint8_t> out) {
  const uint64_t element_size = ElementByteSize(type);
  uint64_t token_count = 0;
  std::string_view first;
  SINEW_RETURN_IF_ERROR(ForEachToken(contents, [&](std::string_view token) -> Status {
    if (token_count == 0) first = token;
    ++token_count;
    return OkStatus();
  }));
  if (token_count == 0) {
    std::fill(out.begin(), out.end(), 0);
    return OkStatus();
  }
  auto annotate = [&](Status status, uint64_t index) -> Status {
    if (status.has_value()) return status;
    return std::unexpected(std::move(status).error().Annotate(StrCat(
        "parsing element ", index, " of ", element_count, " (", ElementTypeName(type), ")")));
  };
  if (token_count == 1 && element_count > 1) {
    SINEW_RETURN_IF_ERROR(annotate(ParseElementText(type, first, out.data()), 0));
    for (uint64_t i = 1; i < element_count; ++i) {
      std::memcpy(out.data() + i * element_size, out.data(), element_size);
    }
    return OkStatus();
  }
  if (token_count > element_count) {
    return OutOfRangeError(StrCat("output data buffer overflow: element_capacity=", element_count,
                                  " < dst_i=", element_count, "+"));
  }
  if (token_count < element_count) {
    return OutOfRangeError(StrCat("input data string underflow: dst_i=", token_count,
                                  " < element_capacity=", element_count));
  }
  uint64_t index = 0;
  return ForEachToken(contents, [&](std::string_view token) -> Status {
    Status parsed = ParseElementText(type, token, out.data() + index * element_size);
    return annotate(std::move(parsed), index++);
  });
}

StatusOr<vm::ref<BufferView>> ParseBufferView(std::string_view text, sinew_allocator_t allocator) {
  SINEW_ASSIGN_OR_RETURN(BufferViewText parsed, ParseBufferViewText(text));
  SINEW_ASSIGN_OR_RETURN(vm::ref<BufferView> view,
                         BufferView::Allocate(parsed.element_type, parsed.shape, allocator));
  SINEW_ASSIGN_OR_RETURN(std::span<uint8_t> bytes, view->MapWritable());
  SINEW_RETURN_IF_ERROR(ParseBufferViewContents(parsed.contents.value_or(""), parsed.element_type,
                                                view->element_count(), bytes));
  return view;
}

}  // namespace sinew::hal
