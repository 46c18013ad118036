// The `bench_cc` module: add_1 as a C++ method; the wrapper generates its cconv and its
// register-direct entry, specialized for the method.
#include "bench/bench_cc_module.h"

#include <memory>

#include "bench/bench_native_module.h"
#include "runtime/vm/native/native_module_cc.h"

namespace sinew::bench {
namespace {

struct BenchCcState {
  StatusOr<int32_t> AddOne(int32_t value) { return Add1(value); }
};

const vm::NativeFunction<BenchCcState> kFunctions[] = {
    vm::MakeNativeFunction<&BenchCcState::AddOne>("add_1"),
};

class BenchCcModule final : public vm::NativeModule<BenchCcState> {
 public:
  explicit BenchCcModule(sinew_vm_instance_t* instance)
      : NativeModule("bench_cc", 0, instance, sinew_allocator_system(), kFunctions) {}
  StatusOr<std::unique_ptr<BenchCcState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<BenchCcState>();
  }
};

}  // namespace

StatusOr<sinew_vm_module_t*> CreateBenchCcModule(sinew_vm_instance_t* instance) {
  return (new BenchCcModule(instance))->interface();
}

}  // namespace sinew::bench
