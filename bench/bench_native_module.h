// The `bench_native` module of sinew-vm-benchmark: one export, add_1(i32) -> i32, built with
// the C descriptor API and given a register-direct entry so bytecode calls it without
// marshaling buffers.
#ifndef SINEW_BENCH_BENCH_NATIVE_MODULE_H_
#define SINEW_BENCH_BENCH_NATIVE_MODULE_H_

#include <cstdint>

#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

namespace sinew::bench {

// The native function behind the export; also what the C++ reference calls.
int32_t Add1(int32_t value);

StatusOr<sinew_vm_module_t*> CreateBenchNativeModule(sinew_vm_instance_t* instance);

}  // namespace sinew::bench

#endif  // SINEW_BENCH_BENCH_NATIVE_MODULE_H_
