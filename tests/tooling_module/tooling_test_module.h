// The `tooling_test` native module: what the tools' tests link in through
// SINEW_EXTERNAL_TOOLING_MODULES. Its exports cover every kind of signature the tools show
// (scalars, a custom ref type, vm.buffer, any ref, tuples, variadic spans) and carry
// reflection attributes.
#ifndef SINEW_TESTS_TOOLING_MODULE_TOOLING_TEST_MODULE_H_
#define SINEW_TESTS_TOOLING_MODULE_TOOLING_TEST_MODULE_H_

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

#ifdef __cplusplus
extern "C" {
#endif

// Registers `tooling_test.counter` on `instance` (the optional REGISTER_TYPES hook).
sinew_status_t sinew_tooling_test_module_register_types(sinew_vm_instance_t* instance);

// Creates module `tooling_test` (version 3):
//   add(i32, i32) -> i32                         wrapping sum
//   counter.new(i64) -> !tooling_test.counter    a counter starting at the value
//   counter.get(!tooling_test.counter) -> i64    its value
//   greeting() -> !vm.buffer                     "hello"
//   halve(f32, f64) -> (f32, f64)                both halved
//   identity(!vm.ref<?>) -> !vm.ref<?>           the argument
//   noop()                                       nothing
//   sum(i32...) -> i32                           wrapping sum of a variadic list
sinew_status_t sinew_tooling_test_module_create(sinew_vm_instance_t* instance,
                                                sinew_allocator_t allocator,
                                                sinew_vm_module_t** out_module);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SINEW_TESTS_TOOLING_MODULE_TOOLING_TEST_MODULE_H_
