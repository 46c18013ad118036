// vm.buffer: creation, rodata references, range-checked access, copy/compare/hash/fill.
#include "runtime/vm/buffer.h"

#include <inttypes.h>

#include <cstring>

namespace {

void DestroyBuffer(void* ptr) {
  auto* buffer = static_cast<sinew_vm_buffer_t*>(ptr);
  // Rodata lives inside its module and has no allocator: dropping the last reference releases
  // the module instead. An alias frees itself, then releases the buffer it aliases.
  void (*release_owner)(void*) = buffer->release_owner;
  void* owner = buffer->owner;
  if (buffer->allocator.free) sinew_allocator_free(buffer->allocator, buffer);
  if (release_owner) release_owner(owner);
}

void ReleaseAliasedBuffer(void* owner) {
  sinew_vm_buffer_release(static_cast<sinew_vm_buffer_t*>(owner));
}

constexpr sinew_vm_ref_type_descriptor_t kBufferDescriptor = {
    DestroyBuffer,
    "vm.buffer",
    0,
};

constexpr bool IsPowerOfTwoOrZero(uint64_t value) { return (value & (value - 1)) == 0; }

sinew_status_t OutOfBounds(const sinew_vm_buffer_t* buffer, uint64_t offset, uint64_t length,
                           uint64_t alignment) {
  return sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, __FILE__, __LINE__,
                           "out-of-bounds access detected (offset=%" PRIu64 ", length=%" PRIu64
                           ", alignment=%" PRIu64 ", buffer length=%" PRIu64 ")",
                           offset, length, alignment, static_cast<uint64_t>(buffer->length));
}

// Byte range [offset, offset+length) must lie inside the buffer; written so it cannot wrap.
// The offset must also be a multiple of `alignment` (0 means 1).
sinew_status_t CheckRange(const sinew_vm_buffer_t* buffer, uint64_t offset, uint64_t length,
                          uint64_t alignment) {
  bool aligned = alignment == 0 || offset % alignment == 0;
  if (!aligned || offset > buffer->length || length > buffer->length - offset) [[unlikely]] {
    return OutOfBounds(buffer, offset, length, alignment);
  }
  return sinew_ok_status();
}

sinew_status_t CheckMutable(const sinew_vm_buffer_t* buffer) {
  if (!(buffer->access & SINEW_VM_BUFFER_ACCESS_MUTABLE)) [[unlikely]] {
    return sinew_status_make(SINEW_STATUS_PERMISSION_DENIED, __FILE__, __LINE__,
                             "buffer is read-only and cannot be mapped for mutation");
  }
  return sinew_ok_status();
}

sinew_status_t CheckElementSize(uint32_t element_size) {
  if (element_size != 1 && element_size != 2 && element_size != 4 && element_size != 8)
      [[unlikely]] {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "invalid element length %u; expected one of [1, 2, 4, 8]",
                             element_size);
  }
  return sinew_ok_status();
}

// Element range check done in element units so (offset + count) * size cannot overflow; the
// message reports bytes (wrapped if the product does not fit, which only happens on failure).
sinew_status_t CheckElementRange(const sinew_vm_buffer_t* buffer, uint64_t element_offset,
                                 uint64_t element_count, uint32_t element_size) {
  uint64_t capacity = buffer->length / element_size;
  if (element_offset > capacity || element_count > capacity - element_offset) [[unlikely]] {
    return OutOfBounds(buffer, element_offset * element_size, element_count * element_size,
                       element_size);
  }
  return sinew_ok_status();
}

// SipHash-2-4 (Aumasson and Bernstein), little-endian.
class SipHash24 {
 public:
  SipHash24(uint64_t k0, uint64_t k1)
      : v0_(k0 ^ 0x736f6d6570736575ull),
        v1_(k1 ^ 0x646f72616e646f6dull),
        v2_(k0 ^ 0x6c7967656e657261ull),
        v3_(k1 ^ 0x7465646279746573ull) {}

  uint64_t Hash(const uint8_t* data, uint64_t length) {
    uint64_t full_blocks = length / 8;
    for (uint64_t i = 0; i < full_blocks; ++i) {
      uint64_t block;
      std::memcpy(&block, data + i * 8, 8);
      Compress(block);
    }
    // The last block holds the remaining bytes and the low byte of the length on top.
    uint64_t last = (length & 0xff) << 56;
    const uint8_t* tail = data + full_blocks * 8;
    for (uint64_t i = 0; i < length % 8; ++i) last |= uint64_t{tail[i]} << (8 * i);
    Compress(last);
    v2_ ^= 0xff;
    for (int i = 0; i < 4; ++i) Round();
    return v0_ ^ v1_ ^ v2_ ^ v3_;
  }

 private:
  static uint64_t Rotl(uint64_t x, int bits) { return (x << bits) | (x >> (64 - bits)); }

  void Compress(uint64_t block) {
    v3_ ^= block;
    Round();
    Round();
    v0_ ^= block;
  }

  void Round() {
    v0_ += v1_;
    v1_ = Rotl(v1_, 13) ^ v0_;
    v0_ = Rotl(v0_, 32);
    v2_ += v3_;
    v3_ = Rotl(v3_, 16) ^ v2_;
    v0_ += v3_;
    v3_ = Rotl(v3_, 21) ^ v0_;
    v2_ += v1_;
    v1_ = Rotl(v1_, 17) ^ v2_;
    v2_ = Rotl(v2_, 32);
  }

  uint64_t v0_, v1_, v2_, v3_;
};

}  // namespace

extern "C" {

const sinew_vm_ref_type_descriptor_t* sinew_vm_buffer_descriptor(void) {
  return &kBufferDescriptor;
}

sinew_vm_ref_type_t sinew_vm_buffer_type(void) {
  // Folds to a constant: the descriptor is constexpr and its counter offset is 0.
  return sinew_vm_ref_type_from_descriptor(&kBufferDescriptor);
}

sinew_status_t sinew_vm_buffer_create(uint32_t access, uint64_t length, uint64_t alignment,
                                      sinew_allocator_t allocator, sinew_vm_buffer_t** out_buffer) {
  *out_buffer = nullptr;
  if (!IsPowerOfTwoOrZero(alignment)) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "alignments must be powers of two (got %" PRIu64 ")", alignment);
  }
  uint64_t data_alignment = alignment < 16 ? 16 : alignment;
  // Header and data share one allocation; the header is padded so the data is aligned.
  uint64_t header_size = (sizeof(sinew_vm_buffer_t) + data_alignment - 1) & ~(data_alignment - 1);
  if (length > SIZE_MAX - header_size) {
    return sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, __FILE__, __LINE__,
                             "aligned allocation size overflow");
  }
  void* memory = nullptr;
  SINEW_RETURN_IF_ERROR_C(sinew_allocator_malloc(allocator,
                                                 static_cast<size_t>(header_size + length),
                                                 static_cast<size_t>(data_alignment), &memory));
  auto* buffer = static_cast<sinew_vm_buffer_t*>(memory);
  std::memset(buffer, 0, sizeof(*buffer));
  buffer->counter = 1;
  buffer->access = access;
  buffer->data = static_cast<uint8_t*>(memory) + header_size;
  buffer->length = static_cast<size_t>(length);
  buffer->allocator = allocator;
  std::memset(buffer->data, 0, buffer->length);
  *out_buffer = buffer;
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_clone(uint32_t access, const sinew_vm_buffer_t* source,
                                     uint64_t offset, uint64_t length, uint64_t alignment,
                                     sinew_allocator_t allocator, sinew_vm_buffer_t** out_buffer) {
  *out_buffer = nullptr;
  SINEW_RETURN_IF_ERROR_C(CheckRange(source, offset, length, 1));
  sinew_vm_buffer_t* buffer = nullptr;
  SINEW_RETURN_IF_ERROR_C(sinew_vm_buffer_create(access, length, alignment, allocator, &buffer));
  if (length) std::memcpy(buffer->data, source->data + offset, length);
  *out_buffer = buffer;
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_create_alias(sinew_vm_buffer_t* source, uint64_t offset,
                                            uint64_t length, sinew_allocator_t allocator,
                                            sinew_vm_buffer_t** out_buffer) {
  *out_buffer = nullptr;
  SINEW_RETURN_IF_ERROR_C(CheckRange(source, offset, length, 1));
  void* memory = nullptr;
  SINEW_RETURN_IF_ERROR_C(sinew_allocator_malloc(allocator, sizeof(sinew_vm_buffer_t),
                                                 alignof(sinew_vm_buffer_t), &memory));
  auto* buffer = static_cast<sinew_vm_buffer_t*>(memory);
  std::memset(buffer, 0, sizeof(*buffer));
  buffer->counter = 1;
  buffer->access = source->access;
  buffer->data = source->data + offset;
  buffer->length = static_cast<size_t>(length);
  buffer->allocator = allocator;
  buffer->release_owner = ReleaseAliasedBuffer;
  buffer->owner = source;
  sinew_vm_buffer_retain(source);
  *out_buffer = buffer;
  return sinew_ok_status();
}

void sinew_vm_buffer_initialize_rodata(sinew_vm_buffer_t* buffer, const uint8_t* data,
                                       size_t length, void* owner, void (*retain_owner)(void*),
                                       void (*release_owner)(void*)) {
  std::memset(buffer, 0, sizeof(*buffer));
  buffer->access = SINEW_VM_BUFFER_ACCESS_ORIGIN_MODULE;
  // Never written through: the access mask has no MUTABLE bit.
  buffer->data = const_cast<uint8_t*>(data);
  buffer->length = length;
  buffer->retain_owner = retain_owner;
  buffer->release_owner = release_owner;
  buffer->owner = owner;
}

void sinew_vm_buffer_retain_rodata(sinew_vm_buffer_t* buffer, sinew_vm_ref_t* out) {
  if (__atomic_fetch_add(&buffer->counter, 1, __ATOMIC_ACQ_REL) == 0 && buffer->retain_owner) {
    buffer->retain_owner(buffer->owner);
  }
  sinew_vm_ref_wrap_assign(buffer, sinew_vm_buffer_type(), out);
}

sinew_status_t sinew_vm_buffer_map_ro(const sinew_vm_buffer_t* buffer, uint64_t offset,
                                      uint64_t length, uint64_t alignment,
                                      const uint8_t** out_data) {
  *out_data = nullptr;
  SINEW_RETURN_IF_ERROR_C(CheckRange(buffer, offset, length, alignment));
  *out_data = buffer->data + offset;
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_map_rw(sinew_vm_buffer_t* buffer, uint64_t offset, uint64_t length,
                                      uint64_t alignment, uint8_t** out_data) {
  *out_data = nullptr;
  SINEW_RETURN_IF_ERROR_C(CheckMutable(buffer));
  SINEW_RETURN_IF_ERROR_C(CheckRange(buffer, offset, length, alignment));
  *out_data = buffer->data + offset;
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_copy_bytes(const sinew_vm_buffer_t* source, uint64_t source_offset,
                                          sinew_vm_buffer_t* target, uint64_t target_offset,
                                          uint64_t length) {
  SINEW_RETURN_IF_ERROR_C(CheckRange(source, source_offset, length, 1));
  SINEW_RETURN_IF_ERROR_C(CheckMutable(target));
  SINEW_RETURN_IF_ERROR_C(CheckRange(target, target_offset, length, 1));
  if (length) std::memmove(target->data + target_offset, source->data + source_offset, length);
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_compare_bytes(const sinew_vm_buffer_t* lhs, uint64_t lhs_offset,
                                             const sinew_vm_buffer_t* rhs, uint64_t rhs_offset,
                                             uint64_t length, int* out_equal) {
  *out_equal = 0;
  SINEW_RETURN_IF_ERROR_C(CheckRange(lhs, lhs_offset, length, 1));
  SINEW_RETURN_IF_ERROR_C(CheckRange(rhs, rhs_offset, length, 1));
  *out_equal =
      length == 0 || std::memcmp(lhs->data + lhs_offset, rhs->data + rhs_offset, length) == 0;
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_hash(const sinew_vm_buffer_t* buffer, uint64_t offset,
                                    uint64_t length, uint64_t* out_hash) {
  *out_hash = 0;
  SINEW_RETURN_IF_ERROR_C(CheckRange(buffer, offset, length, 1));
  // Key bytes 00 01 .. 0F read little-endian.
  SipHash24 hasher(0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
  *out_hash = hasher.Hash(buffer->data + offset, length);
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_fill_elements(sinew_vm_buffer_t* buffer, uint64_t element_offset,
                                             uint64_t element_count, uint32_t element_size,
                                             const void* value) {
  SINEW_RETURN_IF_ERROR_C(CheckElementSize(element_size));
  SINEW_RETURN_IF_ERROR_C(CheckMutable(buffer));
  SINEW_RETURN_IF_ERROR_C(CheckElementRange(buffer, element_offset, element_count, element_size));
  uint8_t* target = buffer->data + element_offset * element_size;
  if (element_size == 1) {
    if (element_count) std::memset(target, *static_cast<const uint8_t*>(value), element_count);
    return sinew_ok_status();
  }
  for (uint64_t i = 0; i < element_count; ++i) {
    std::memcpy(target + i * element_size, value, element_size);
  }
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_read_elements(const sinew_vm_buffer_t* buffer,
                                             uint64_t element_offset, void* out_elements,
                                             uint64_t element_count, uint32_t element_size) {
  SINEW_RETURN_IF_ERROR_C(CheckElementSize(element_size));
  SINEW_RETURN_IF_ERROR_C(CheckElementRange(buffer, element_offset, element_count, element_size));
  if (element_count) {
    std::memcpy(out_elements, buffer->data + element_offset * element_size,
                element_count * element_size);
  }
  return sinew_ok_status();
}

sinew_status_t sinew_vm_buffer_write_elements(sinew_vm_buffer_t* buffer, uint64_t element_offset,
                                              const void* elements, uint64_t element_count,
                                              uint32_t element_size) {
  SINEW_RETURN_IF_ERROR_C(CheckElementSize(element_size));
  SINEW_RETURN_IF_ERROR_C(CheckMutable(buffer));
  SINEW_RETURN_IF_ERROR_C(CheckElementRange(buffer, element_offset, element_count, element_size));
  // memmove: the elements may come from this same buffer.
  if (element_count) {
    std::memmove(buffer->data + element_offset * element_size, elements,
                 element_count * element_size);
  }
  return sinew_ok_status();
}

}  // extern "C"
