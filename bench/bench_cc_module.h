// The `bench_cc` module of sinew-vm-benchmark: the same add_1(i32) -> i32 as `bench_native`,
// written with the C++ NativeModule wrapper, to measure what the wrapper costs over a
// hand-written C-ABI function.
#ifndef SINEW_BENCH_BENCH_CC_MODULE_H_
#define SINEW_BENCH_BENCH_CC_MODULE_H_

#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

namespace sinew::bench {

StatusOr<sinew_vm_module_t*> CreateBenchCcModule(sinew_vm_instance_t* instance);

}  // namespace sinew::bench

#endif  // SINEW_BENCH_BENCH_CC_MODULE_H_
