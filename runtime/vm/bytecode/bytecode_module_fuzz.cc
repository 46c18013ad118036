// libFuzzer target for the bytecode loader and verifier: the input is a .vmb file. Whatever it
// holds, loading must either fail cleanly or yield a module that registers in a context (or
// fails to) and is released without leaks.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/context.h"

namespace {

// True if registering `module` would run one of its exports: __init and __deinit may be valid
// code that loops forever, which is not a loader bug.
bool HasLifecycleExport(sinew_vm_module_t* module) {
  for (const char* name : {"__init", "__deinit"}) {
    sinew_vm_function_t function;
    sinew_status_t status = module->lookup_function(module->self, SINEW_VM_LINKAGE_EXPORT_OPTIONAL,
                                                    sinew_make_cstring_view(name), &function);
    if (sinew_status_is_ok(status)) return true;
    sinew_status_free(status);
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> archive(data, data + size);
  sinew_allocator_t allocator = sinew_allocator_system();
  sinew_vm_instance_t* instance = nullptr;
  sinew_status_t status = sinew_vm_instance_create(allocator, &instance);
  if (!sinew_status_is_ok(status)) __builtin_trap();

  sinew_vm_module_t* module = nullptr;
  status = sinew_vm_bytecode_module_create(instance, {archive.data(), archive.size()}, nullptr,
                                           nullptr, allocator, &module);
  if (sinew_status_is_ok(status)) {
    if (!HasLifecycleExport(module)) {
      auto context =
          sinew::vm::CreateContextWithModules(instance, 0, std::span(&module, 1), allocator);
      if (context.has_value()) sinew::vm::ReleaseContext(*context);
    }
    sinew_vm_module_release(module);
  } else {
    sinew_status_free(status);
  }
  sinew_vm_instance_release(instance);
  return 0;
}
