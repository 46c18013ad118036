// GoogleTest helpers for runtime tests: assertions on C status handles and an allocator that
// counts (and can refuse) allocations.
#ifndef SINEW_RUNTIME_BASE_STATUS_TESTING_H_
#define SINEW_RUNTIME_BASE_STATUS_TESTING_H_

#include <gtest/gtest.h>

#include <string_view>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"

namespace sinew::testing {

// Consumes `status` and checks that it is OK.
inline ::testing::AssertionResult IsOk(sinew_status_t status) {
  Status result = FromC(status);
  if (result.has_value()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << result.error().ToString();
}

// Consumes `status` and checks its code and exact message.
inline ::testing::AssertionResult IsError(sinew_status_t status, sinew_status_code_t code,
                                          std::string_view message) {
  Status result = FromC(status);
  if (result.has_value()) return ::testing::AssertionFailure() << "expected an error, got OK";
  if (static_cast<sinew_status_code_t>(result.error().code()) != code ||
      result.error().message() != message) {
    return ::testing::AssertionFailure() << "got " << result.error().ToString();
  }
  return ::testing::AssertionSuccess();
}

// Counts allocations and frees so tests can check layouts and leaks; refuses every allocation
// once `allocations_until_failure` (when not negative) has counted down to 0.
struct CountingAllocator {
  int allocations = 0;
  int frees = 0;
  int allocations_until_failure = -1;

  sinew_allocator_t get() {
    return {this,
            [](void* self, size_t size, size_t alignment) -> void* {
              auto* counter = static_cast<CountingAllocator*>(self);
              if (counter->allocations_until_failure == 0) return nullptr;
              if (counter->allocations_until_failure > 0) --counter->allocations_until_failure;
              ++counter->allocations;
              return sinew_allocator_system().allocate(nullptr, size, alignment);
            },
            [](void* self, void* ptr) {
              ++static_cast<CountingAllocator*>(self)->frees;
              sinew_allocator_system().free(nullptr, ptr);
            }};
  }
};

}  // namespace sinew::testing

#endif  // SINEW_RUNTIME_BASE_STATUS_TESTING_H_
