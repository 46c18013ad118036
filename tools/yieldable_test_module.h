// The `yieldable_test` native module (reference/VM_OPS.md section 22.3): exports that yield a
// requested number of times before returning, so tools and tests can exercise yield and
// resume across module boundaries.
#ifndef SINEW_TOOLS_YIELDABLE_TEST_MODULE_H_
#define SINEW_TOOLS_YIELDABLE_TEST_MODULE_H_

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// Creates module `yieldable_test` (version 0) exporting
//   yield_n(arg: i32, count: i32) -> i32                  cconv "0ii_i"
//   yield_variadic_sum(values: i32..., count: i32) -> i32 cconv "0CiDi_i"
// Each returns DEFERRED `count` times (on BEGIN and on every RESUME but the last) and then
// returns arg + count or sum(values) + count. Calls in flight are per-context state.
sinew_status_t sinew_yieldable_test_module_create(sinew_vm_instance_t* instance,
                                                  sinew_allocator_t allocator,
                                                  sinew_vm_module_t** out_module);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_TOOLS_YIELDABLE_TEST_MODULE_H_
