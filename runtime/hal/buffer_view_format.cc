// Buffer-view text output: shapes, brackets per outer dimension and the element budget.
#include "runtime/hal/buffer_view_format.h"

#include <algorithm>

#include "runtime/base/str_cat.h"
#include "runtime/hal/element_text.h"
#include "runtime/hal/element_type_name.h"

namespace sinew::hal {
namespace {

// Walks the elements in row-major order, spending the budget row by row.
class ElementPrinter {
 public:
  ElementPrinter(const BufferView& view, uint64_t budget, std::string& out)
      : type_(view.element_type()),
        element_size_(ElementByteSize(view.element_type())),
        shape_(view.shape()),
        data_(view.bytes().data()),
        budget_(budget),
        out_(out) {}

  void Print() {
    if (shape_.empty()) {
      PrintRow(1);
    } else {
      PrintDimension(0);
    }
  }

 private:
  void PrintDimension(size_t dimension) {
    uint64_t size = static_cast<uint64_t>(shape_[dimension]);
    if (dimension + 1 == shape_.size()) {
      PrintRow(size);
      return;
    }
    for (uint64_t i = 0; i < size; ++i) {
      out_ += '[';
      PrintDimension(dimension + 1);
      out_ += ']';
    }
  }

  void PrintRow(uint64_t size) {
    if (size == 0) return;
    uint64_t printed = std::min(size, budget_);
    for (uint64_t i = 0; i < printed; ++i) {
      if (i) out_ += ' ';
      AppendElementText(type_, data_ + (next_ + i) * element_size_, out_);
    }
    if (printed < size) out_ += "...";
    budget_ -= printed;
    next_ += size;
  }

  ElementType type_;
  uint64_t element_size_;
  std::span<const int64_t> shape_;
  const uint8_t* data_;
  uint64_t budget_;
  uint64_t next_ = 0;  // Row-major index of the next element.
  std::string& out_;
};

}  // namespace

std::string FormatShapeAndType(std::span<const int64_t> shape, ElementType type) {
  std::string out;
  for (int64_t dim : shape) out += StrCat(dim, "x");
  out += ElementTypeName(type);
  return out;
}

std::string FormatBufferView(const BufferView& view, uint64_t max_element_count) {
  std::string out = FormatShapeAndType(view.shape(), view.element_type());
  out += '=';
  ElementPrinter(view, max_element_count, out).Print();
  return out;
}

}  // namespace sinew::hal
