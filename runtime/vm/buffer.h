// vm.buffer: a reference-counted byte array with an access mask. Rodata buffers alias the
// bytes of a loaded module and are read-only.
#ifndef SINEW_RUNTIME_VM_BUFFER_H_
#define SINEW_RUNTIME_VM_BUFFER_H_

#include <stddef.h>
#include <stdint.h>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/ref.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
  SINEW_VM_BUFFER_ACCESS_MUTABLE = 1u << 0,
  SINEW_VM_BUFFER_ACCESS_ORIGIN_MODULE = 1u << 1,
  SINEW_VM_BUFFER_ACCESS_ORIGIN_GUEST = 1u << 2,
  SINEW_VM_BUFFER_ACCESS_ORIGIN_HOST = 1u << 3,
};

typedef struct sinew_vm_buffer_t {
  uint32_t counter;  // Must stay first: the type's counter offset is 0.
  uint32_t access;
  uint8_t* data;
  size_t length;
  // Frees the buffer itself; unused for buffers embedded in their owner.
  sinew_allocator_t allocator;
  // Rodata and aliases: called when the last reference drops (after freeing the buffer, if it
  // has an allocator) to release what keeps the bytes alive, a module or the aliased buffer.
  void (*release_owner)(void* owner);
  void (*retain_owner)(void* owner);
  void* owner;
} sinew_vm_buffer_t;

const sinew_vm_ref_type_descriptor_t* sinew_vm_buffer_descriptor(void);
sinew_vm_ref_type_t sinew_vm_buffer_type(void);

// New zero-filled buffer; data aligned to max(alignment, 16). `alignment` must be 0 or a power
// of two ("alignments must be powers of two (got N)").
sinew_status_t sinew_vm_buffer_create(uint32_t access, uint64_t length, uint64_t alignment,
                                      sinew_allocator_t allocator, sinew_vm_buffer_t** out_buffer);
// New buffer holding a copy of source[offset, offset+length).
sinew_status_t sinew_vm_buffer_clone(uint32_t access, const sinew_vm_buffer_t* source,
                                     uint64_t offset, uint64_t length, uint64_t alignment,
                                     sinew_allocator_t allocator, sinew_vm_buffer_t** out_buffer);
// New buffer aliasing source[offset, offset+length) with the source's access bits; it keeps
// `source` alive until it is destroyed.
sinew_status_t sinew_vm_buffer_create_alias(sinew_vm_buffer_t* source, uint64_t offset,
                                            uint64_t length, sinew_allocator_t allocator,
                                            sinew_vm_buffer_t** out_buffer);
// Initializes a read-only buffer embedded in `owner` (a module) aliasing `data`. Its count
// starts at 0; sinew_vm_buffer_retain_rodata() hands out references and keeps the owner alive.
void sinew_vm_buffer_initialize_rodata(sinew_vm_buffer_t* buffer, const uint8_t* data,
                                       size_t length, void* owner, void (*retain_owner)(void*),
                                       void (*release_owner)(void*));
// Stores a new reference to a rodata buffer in `out`.
void sinew_vm_buffer_retain_rodata(sinew_vm_buffer_t* buffer, sinew_vm_ref_t* out);

static inline void sinew_vm_buffer_retain(sinew_vm_buffer_t* buffer) {
  sinew_vm_object_retain(buffer, sinew_vm_buffer_type());
}
static inline void sinew_vm_buffer_release(sinew_vm_buffer_t* buffer) {
  sinew_vm_object_release(buffer, sinew_vm_buffer_type());
}
// Returns the buffer in `ref`, or NULL if ref is null or another type.
static inline sinew_vm_buffer_t* sinew_vm_buffer_deref(const sinew_vm_ref_t* ref) {
  return ref->type == sinew_vm_buffer_type() ? (sinew_vm_buffer_t*)ref->ptr : NULL;
}

// Range checks: OUT_OF_RANGE "out-of-bounds access detected (offset=O, length=L,
// alignment=A, buffer length=N)" for any range not entirely inside the buffer (no wraparound).
// Writes check mutability first: PERMISSION_DENIED "buffer is read-only and cannot be mapped
// for mutation".
sinew_status_t sinew_vm_buffer_map_ro(const sinew_vm_buffer_t* buffer, uint64_t offset,
                                      uint64_t length, uint64_t alignment,
                                      const uint8_t** out_data);
sinew_status_t sinew_vm_buffer_map_rw(sinew_vm_buffer_t* buffer, uint64_t offset, uint64_t length,
                                      uint64_t alignment, uint8_t** out_data);

// Byte operations (offsets and lengths in bytes). Copy has memmove semantics.
sinew_status_t sinew_vm_buffer_copy_bytes(const sinew_vm_buffer_t* source, uint64_t source_offset,
                                          sinew_vm_buffer_t* target, uint64_t target_offset,
                                          uint64_t length);
sinew_status_t sinew_vm_buffer_compare_bytes(const sinew_vm_buffer_t* lhs, uint64_t lhs_offset,
                                             const sinew_vm_buffer_t* rhs, uint64_t rhs_offset,
                                             uint64_t length, int* out_equal);
// SipHash-2-4 with key bytes 00..0F.
sinew_status_t sinew_vm_buffer_hash(const sinew_vm_buffer_t* buffer, uint64_t offset,
                                    uint64_t length, uint64_t* out_hash);

// Element operations: offsets and counts in elements of `element_size` (1, 2, 4 or 8).
sinew_status_t sinew_vm_buffer_fill_elements(sinew_vm_buffer_t* buffer, uint64_t element_offset,
                                             uint64_t element_count, uint32_t element_size,
                                             const void* value);
sinew_status_t sinew_vm_buffer_read_elements(const sinew_vm_buffer_t* buffer,
                                             uint64_t element_offset, void* out_elements,
                                             uint64_t element_count, uint32_t element_size);
sinew_status_t sinew_vm_buffer_write_elements(sinew_vm_buffer_t* buffer, uint64_t element_offset,
                                              const void* elements, uint64_t element_count,
                                              uint32_t element_size);

#ifdef __cplusplus
}  // extern "C"
#endif

#ifdef __cplusplus
namespace sinew::vm {
template <>
struct ref_type_traits<sinew_vm_buffer_t> {
  static constexpr std::string_view kTypeName = "vm.buffer";
  static sinew_vm_ref_type_t type() { return sinew_vm_buffer_type(); }
};
}  // namespace sinew::vm
#endif  // __cplusplus

#endif  // SINEW_RUNTIME_VM_BUFFER_H_
