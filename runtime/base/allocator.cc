// The system allocator and allocation helpers.
#include "runtime/base/allocator.h"

#include <stdlib.h>

namespace {

void* SystemAllocate(void*, size_t size, size_t alignment) {
  if (alignment < alignof(max_align_t)) alignment = alignof(max_align_t);
  size_t rounded = (size + alignment - 1) & ~(alignment - 1);
  if (rounded < size) return nullptr;
  return aligned_alloc(alignment, rounded ? rounded : alignment);
}

void SystemFree(void*, void* ptr) { free(ptr); }

}  // namespace

extern "C" {

sinew_allocator_t sinew_allocator_system(void) {
  return sinew_allocator_t{nullptr, SystemAllocate, SystemFree};
}

sinew_status_t sinew_allocator_malloc(sinew_allocator_t allocator, size_t size, size_t alignment,
                                      void** out_ptr) {
  *out_ptr = allocator.allocate(allocator.self, size, alignment);
  if (!*out_ptr) {
    return sinew_status_make(SINEW_STATUS_RESOURCE_EXHAUSTED, __FILE__, __LINE__,
                             "failed to allocate %zu bytes (alignment %zu)", size, alignment);
  }
  return sinew_ok_status();
}

void sinew_allocator_free(sinew_allocator_t allocator, void* ptr) {
  if (ptr) allocator.free(allocator.self, ptr);
}

}  // extern "C"
