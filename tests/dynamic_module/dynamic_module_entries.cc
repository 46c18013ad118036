// Create functions of the test shared library (libsinew_test_dynamic_module.so) that the
// dynamic-module loader tests and the tools' lit tests load:
//   sinew_vm_dynamic_module_create   the basic sample's `custom` module (default entry);
//   create_params_module             module `params` whose attributes are the load parameters;
//   create_bench_module              module `bench` for sinew-benchmark-module's discovery;
//   create_future_module             built for a runtime version that does not exist yet;
//   create_failing_module            fails with a status;
//   create_null_module               succeeds without a module (a library bug).
#include <string>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/dynamic/dynamic_module.h"
#include "runtime/vm/native/native_module_cc.h"
#include "samples/custom_module/basic/module.h"

namespace {

struct ParamsState {};

// Copies of the parameters, declared before the module so they outlive it.
struct ParamsStorage {
  ParamsStorage(size_t count, const sinew_string_pair_t* params) {
    for (size_t i = 0; i < count; ++i) {
      keys.emplace_back(params[i].key.data, params[i].key.size);
      values.emplace_back(params[i].value.data, params[i].value.size);
    }
    for (size_t i = 0; i < count; ++i) {
      attrs.push_back({sinew::ToCStringView(keys[i]), sinew::ToCStringView(values[i])});
    }
  }
  std::vector<std::string> keys;
  std::vector<std::string> values;
  std::vector<sinew_string_pair_t> attrs;
};

class ParamsModule final : private ParamsStorage, public sinew::vm::NativeModule<ParamsState> {
 public:
  ParamsModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator, size_t count,
               const sinew_string_pair_t* params)
      : ParamsStorage(count, params),
        NativeModule("params", 0, instance, allocator, {}, {.attrs = ParamsStorage::attrs}) {}
  sinew::StatusOr<std::unique_ptr<ParamsState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<ParamsState>();
  }
};

// Exports of every kind sinew-benchmark-module's discovery distinguishes.
struct BenchState {
  sinew::Status Entry() { return sinew::OkStatus(); }
  sinew::StatusOr<int32_t> WorkBatch(int32_t count) {
    int32_t sum = 0;
    for (int32_t i = 0; i < count; ++i) sum += i & 7;
    return sum;
  }
  sinew::Status Noop() { return sinew::OkStatus(); }
  sinew::StatusOr<int32_t> Add(int32_t a, int32_t b) { return a + b; }
  sinew::Status Fail(int32_t code) {
    if (code == 0) return sinew::OkStatus();
    return sinew::InvalidArgumentError(sinew::StrCat("bench.fail called with ", code));
  }
};

const sinew_string_pair_t kEntryAttrs[] = {
    {sinew_make_cstring_view("iree.benchmark"), sinew_make_cstring_view("entry")}};
const sinew_string_pair_t kDispatchAttrs[] = {
    {sinew_make_cstring_view("iree.benchmark"), sinew_make_cstring_view("dispatch")}};

const sinew::vm::NativeFunction<BenchState> kBenchFunctions[] = {
    sinew::vm::MakeNativeFunction("__hidden", &BenchState::Noop),
    sinew::vm::MakeNativeFunction("add", &BenchState::Add),
    sinew::vm::MakeNativeFunction("entry", &BenchState::Entry, kEntryAttrs),
    sinew::vm::MakeNativeFunction("fail", &BenchState::Fail),
    sinew::vm::MakeNativeFunction("noop", &BenchState::Noop),
    sinew::vm::MakeNativeFunction("work_batch", &BenchState::WorkBatch, kDispatchAttrs),
};

class BenchModule final : public sinew::vm::NativeModule<BenchState> {
 public:
  BenchModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator)
      : NativeModule("bench", 0, instance, allocator, kBenchFunctions) {}
  sinew::StatusOr<std::unique_ptr<BenchState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<BenchState>();
  }
};

}  // namespace

SINEW_VM_DYNAMIC_MODULE_EXPORT sinew_status_t sinew_vm_dynamic_module_create(
    uint32_t max_version, sinew_vm_instance_t* instance, size_t, const sinew_string_pair_t*,
    sinew_allocator_t allocator, sinew_vm_module_t** out_module) {
  SINEW_RETURN_IF_ERROR_C(
      sinew_vm_dynamic_module_check_version(max_version, SINEW_VM_DYNAMIC_MODULE_VERSION));
  return sinew_custom_module_basic_create(instance, allocator, out_module);
}

SINEW_VM_DYNAMIC_MODULE_EXPORT sinew_status_t
create_params_module(uint32_t max_version, sinew_vm_instance_t* instance, size_t param_count,
                     const sinew_string_pair_t* params, sinew_allocator_t allocator,
                     sinew_vm_module_t** out_module) {
  SINEW_RETURN_IF_ERROR_C(
      sinew_vm_dynamic_module_check_version(max_version, SINEW_VM_DYNAMIC_MODULE_VERSION));
  *out_module = (new ParamsModule(instance, allocator, param_count, params))->interface();
  return sinew_ok_status();
}

SINEW_VM_DYNAMIC_MODULE_EXPORT sinew_status_t create_bench_module(
    uint32_t max_version, sinew_vm_instance_t* instance, size_t, const sinew_string_pair_t*,
    sinew_allocator_t allocator, sinew_vm_module_t** out_module) {
  SINEW_RETURN_IF_ERROR_C(
      sinew_vm_dynamic_module_check_version(max_version, SINEW_VM_DYNAMIC_MODULE_VERSION));
  *out_module = (new BenchModule(instance, allocator))->interface();
  return sinew_ok_status();
}

SINEW_VM_DYNAMIC_MODULE_EXPORT sinew_status_t create_future_module(uint32_t max_version,
                                                                   sinew_vm_instance_t*, size_t,
                                                                   const sinew_string_pair_t*,
                                                                   sinew_allocator_t,
                                                                   sinew_vm_module_t**) {
  return sinew_vm_dynamic_module_check_version(max_version, SINEW_VM_DYNAMIC_MODULE_VERSION + 1);
}

SINEW_VM_DYNAMIC_MODULE_EXPORT sinew_status_t create_failing_module(uint32_t, sinew_vm_instance_t*,
                                                                    size_t,
                                                                    const sinew_string_pair_t*,
                                                                    sinew_allocator_t,
                                                                    sinew_vm_module_t**) {
  return sinew_status_make(SINEW_STATUS_PERMISSION_DENIED, __FILE__, __LINE__,
                           "the test library refuses to create this module");
}

SINEW_VM_DYNAMIC_MODULE_EXPORT sinew_status_t create_null_module(uint32_t, sinew_vm_instance_t*,
                                                                 size_t, const sinew_string_pair_t*,
                                                                 sinew_allocator_t,
                                                                 sinew_vm_module_t** out_module) {
  *out_module = nullptr;
  return sinew_ok_status();
}
