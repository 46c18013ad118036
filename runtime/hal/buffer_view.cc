// Creating buffer views: size and range validation, host allocation, byte aliases.
#include "runtime/hal/buffer_view.h"

#include "runtime/base/str_cat.h"
#include "runtime/hal/buffer_view_format.h"
#include "runtime/hal/element_type_name.h"

namespace sinew::hal {

StatusOr<uint64_t> ComputeByteLength(ElementType type, std::span<const int64_t> shape) {
  if (!IsKnownElementType(type)) {
    return InvalidArgumentError(StrCat("invalid element type ", ElementTypeName(type)));
  }
  uint64_t length = ElementByteSize(type);
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) {
      return InvalidArgumentError(StrCat("shape[", i, "] is negative (", shape[i], ")"));
    }
    if (__builtin_mul_overflow(length, static_cast<uint64_t>(shape[i]), &length)) {
      return OutOfRangeError(
          StrCat("the byte size of ", FormatShapeAndType(shape, type), " does not fit in 64 bits"));
    }
  }
  return length;
}

StatusOr<vm::ref<BufferView>> BufferView::Create(vm::ref<sinew_vm_buffer_t> buffer,
                                                 uint64_t byte_offset, uint64_t byte_length,
                                                 ElementType type, std::span<const int64_t> shape) {
  if (!buffer) return InvalidArgumentError("the source buffer of a buffer view is null");
  SINEW_ASSIGN_OR_RETURN(uint64_t expected, ComputeByteLength(type, shape));
  if (byte_length != expected) {
    return InvalidArgumentError(StrCat("buffer view length ", byte_length, " does not match ",
                                       FormatShapeAndType(shape, type), " (", expected, " bytes)"));
  }
  if (byte_offset > buffer->length || byte_length > buffer->length - byte_offset) {
    return OutOfRangeError(StrCat("buffer view of ", byte_length, " bytes at offset ", byte_offset,
                                  " is outside the ", buffer->length, "-byte source buffer"));
  }
  return vm::ref<BufferView>(
      new BufferView(std::move(buffer), byte_offset, byte_length, type, shape));
}

StatusOr<vm::ref<BufferView>> BufferView::Allocate(ElementType type, std::span<const int64_t> shape,
                                                   sinew_allocator_t allocator) {
  SINEW_ASSIGN_OR_RETURN(uint64_t length, ComputeByteLength(type, shape));
  vm::ref<sinew_vm_buffer_t> buffer;
  SINEW_RETURN_IF_ERROR(FromC(
      sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE | SINEW_VM_BUFFER_ACCESS_ORIGIN_HOST,
                             length, 0, allocator, buffer.put())));
  return vm::ref<BufferView>(new BufferView(std::move(buffer), 0, length, type, shape));
}

uint64_t BufferView::element_count() const {
  uint64_t count = 1;
  for (int64_t dim : shape_) count *= static_cast<uint64_t>(dim);
  return count;
}

StatusOr<std::span<uint8_t>> BufferView::MapWritable() {
  uint8_t* data = nullptr;
  SINEW_RETURN_IF_ERROR(
      FromC(sinew_vm_buffer_map_rw(buffer_.get(), byte_offset_, byte_length_, 1, &data)));
  return std::span<uint8_t>(data, static_cast<size_t>(byte_length_));
}

StatusOr<vm::ref<sinew_vm_buffer_t>> BufferView::AliasBytes(sinew_allocator_t allocator) const {
  if (byte_offset_ == 0 && byte_length_ == buffer_->length) return buffer_;
  vm::ref<sinew_vm_buffer_t> alias;
  SINEW_RETURN_IF_ERROR(FromC(sinew_vm_buffer_create_alias(buffer_.get(), byte_offset_,
                                                           byte_length_, allocator, alias.put())));
  return alias;
}

}  // namespace sinew::hal

extern "C" sinew_vm_ref_type_t sinew_hal_buffer_view_type(void) {
  return sinew_vm_ref_type_from_descriptor(sinew::hal::BufferView::descriptor());
}
