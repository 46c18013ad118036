// Allocator hooks: every runtime allocation that a host may want to account or redirect goes
// through a sinew_allocator_t. The system allocator is the default.
#ifndef SINEW_RUNTIME_BASE_ALLOCATOR_H_
#define SINEW_RUNTIME_BASE_ALLOCATOR_H_

#include <stddef.h>

#include "runtime/base/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sinew_allocator_t {
  void* self;
  // Returns memory aligned to `alignment` (a power of two) or NULL.
  void* (*allocate)(void* self, size_t size, size_t alignment);
  void (*free)(void* self, void* ptr);
} sinew_allocator_t;

// malloc/free backed allocator.
sinew_allocator_t sinew_allocator_system(void);

// Allocates or returns RESOURCE_EXHAUSTED naming the size.
sinew_status_t sinew_allocator_malloc(sinew_allocator_t allocator, size_t size, size_t alignment,
                                      void** out_ptr);
void sinew_allocator_free(sinew_allocator_t allocator, void* ptr);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_RUNTIME_BASE_ALLOCATOR_H_
