// The dynamic custom-module sample: the static sample's module `custom` (samples/custom_module/
// static/module.cc, compiled into this library too) plus `error()`, created by the library's
// one exported function.
#include "samples/custom_module/static/module.h"
#include "runtime/vm/dynamic/dynamic_module.h"

// `create_custom_module`: the entry point a host names in `--module=lib.so@create_custom_module`.
// The key/value parameters are accepted and ignored.
SINEW_VM_DYNAMIC_MODULE_EXPORT sinew_status_t
create_custom_module(uint32_t max_version, sinew_vm_instance_t* instance, size_t /*param_count*/,
                     const sinew_string_pair_t* /*params*/, sinew_allocator_t allocator,
                     sinew_vm_module_t** out_module) {
  SINEW_RETURN_IF_ERROR_C(
      sinew_vm_dynamic_module_check_version(max_version, SINEW_VM_DYNAMIC_MODULE_VERSION));
  return sinew::samples::CreateCustomStringModule(
      instance, allocator, sinew::samples::CustomModuleExports::kStringsAndError, out_module);
}
