// The `bench_native` module: add_1 through a buffer shim and a register-direct entry.
#include "bench/bench_native_module.h"

#include <cstring>

#include "runtime/vm/native/native_module.h"

namespace sinew::bench {
namespace {

using Add1Fn = int32_t (*)(int32_t);

// cconv "0i_i" through argument/result buffers (host calls and non-direct importers).
sinew_status_t Add1Shim(sinew_vm_stack_t*, uint32_t flags, sinew_byte_span_t arguments,
                        sinew_byte_span_t results, void* target, void*, sinew_vm_module_state_t*) {
  SINEW_RETURN_IF_ERROR_C(
      sinew_vm_native_check_buffers(arguments, sizeof(int32_t), results, sizeof(int32_t), flags));
  int32_t value;
  std::memcpy(&value, arguments.data, sizeof(value));
  value = reinterpret_cast<Add1Fn>(target)(value);
  std::memcpy(results.data, &value, sizeof(value));
  return sinew_ok_status();
}

// Register-direct entry: i32[results[0]] = add_1(i32[args[0]]).
sinew_status_t Add1Direct(void* target, void*, sinew_vm_module_state_t*, uint32_t* i32,
                          sinew_vm_ref_t*, const uint16_t* args, const uint16_t* results) {
  i32[results[0]] =
      static_cast<uint32_t>(reinterpret_cast<Add1Fn>(target)(static_cast<int32_t>(i32[args[0]])));
  return sinew_ok_status();
}

const sinew_vm_native_export_descriptor_t kExports[] = {
    {sinew_make_string_view("add_1", 5), sinew_make_string_view("0i_i", 4), Add1Shim,
     reinterpret_cast<void*>(&Add1), Add1Direct, 0, nullptr},
};

const sinew_vm_native_module_descriptor_t kDescriptor = {
    sinew_make_string_view("bench_native", 12), 0, 0, nullptr, 0, nullptr, 0, nullptr, 1, kExports,
};

}  // namespace

int32_t Add1(int32_t value) { return value + 1; }

StatusOr<sinew_vm_module_t*> CreateBenchNativeModule(sinew_vm_instance_t* instance) {
  sinew_vm_module_t* module = nullptr;
  SINEW_RETURN_IF_ERROR(FromC(sinew_vm_native_module_create(nullptr, &kDescriptor, instance,
                                                            sinew_allocator_system(), &module)));
  return module;
}

}  // namespace sinew::bench
