// hal.buffer_view: a tensor crossing into native modules. A shape (i64 dims), an element type
// and the bytes, kept as a vm.buffer plus a byte range, so a view can alias read-only module
// rodata (a compiled `dense<...>` constant) as well as host memory the tools allocate.
#ifndef SINEW_RUNTIME_HAL_BUFFER_VIEW_H_
#define SINEW_RUNTIME_HAL_BUFFER_VIEW_H_

#include <cstdint>
#include <span>
#include <vector>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/hal/element_type.h"
#include "runtime/vm/buffer.h"
#include "runtime/vm/ref.h"
#include "runtime/vm/ref_object.h"

// The ref type of hal.buffer_view in the process's runtime (what BufferView::type() returns).
// A shared library's module calls the host's copy of this function, like sinew_vm_buffer_type,
// so the views the host passes in have the type the library checks for.
extern "C" sinew_vm_ref_type_t sinew_hal_buffer_view_type(void);

namespace sinew::hal {

// Bytes of a dense row-major `shape` of `type`: INVALID_ARGUMENT for a negative dimension or an
// unknown element type, OUT_OF_RANGE when the size does not fit in 64 bits.
StatusOr<uint64_t> ComputeByteLength(ElementType type, std::span<const int64_t> shape);

class BufferView : public vm::RefObject<BufferView, "hal.buffer_view"> {
 public:
  // A view of buffer[byte_offset, byte_offset + byte_length) that retains the buffer. The
  // length must be exactly the shape's size and the range inside the buffer.
  static StatusOr<vm::ref<BufferView>> Create(vm::ref<sinew_vm_buffer_t> buffer,
                                              uint64_t byte_offset, uint64_t byte_length,
                                              ElementType type, std::span<const int64_t> shape);
  // A view of a new zero-filled, mutable host buffer.
  static StatusOr<vm::ref<BufferView>> Allocate(ElementType type, std::span<const int64_t> shape,
                                                sinew_allocator_t allocator);

  // The runtime's type, not the descriptor of this copy of the class: a dynamic module library
  // has a copy of its own (runtime/vm/dynamic/dynamic_module.h).
  static sinew_vm_ref_type_t type() { return sinew_hal_buffer_view_type(); }

  ElementType element_type() const { return element_type_; }
  std::span<const int64_t> shape() const { return shape_; }
  size_t rank() const { return shape_.size(); }
  uint64_t element_count() const;

  sinew_vm_buffer_t* buffer() const { return buffer_.get(); }
  uint64_t byte_offset() const { return byte_offset_; }
  uint64_t byte_length() const { return byte_length_; }
  std::span<const uint8_t> bytes() const {
    return {buffer_->data + byte_offset_, static_cast<size_t>(byte_length_)};
  }
  // The bytes for writing; PERMISSION_DENIED if the buffer is read-only (e.g. rodata).
  StatusOr<std::span<uint8_t>> MapWritable();

  // A vm.buffer of exactly the view's bytes: the underlying buffer when the view covers all of
  // it, otherwise a new alias that keeps it alive.
  StatusOr<vm::ref<sinew_vm_buffer_t>> AliasBytes(sinew_allocator_t allocator) const;

 private:
  BufferView(vm::ref<sinew_vm_buffer_t> buffer, uint64_t byte_offset, uint64_t byte_length,
             ElementType type, std::span<const int64_t> shape)
      : buffer_(std::move(buffer)),
        byte_offset_(byte_offset),
        byte_length_(byte_length),
        element_type_(type),
        shape_(shape.begin(), shape.end()) {}

  vm::ref<sinew_vm_buffer_t> buffer_;
  uint64_t byte_offset_;
  uint64_t byte_length_;
  ElementType element_type_;
  std::vector<int64_t> shape_;
};

}  // namespace sinew::hal

#endif  // SINEW_RUNTIME_HAL_BUFFER_VIEW_H_
