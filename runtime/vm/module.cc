// Generic helpers over the module interface.
#include "runtime/vm/module.h"

#include <cstring>

extern "C" {

void sinew_vm_module_initialize(sinew_vm_module_t* module, void* self) {
  std::memset(module, 0, sizeof(*module));
  module->self = self;
  module->ref_count = 1;
}

void sinew_vm_module_retain(sinew_vm_module_t* module) {
  if (module) __atomic_fetch_add(&module->ref_count, 1, __ATOMIC_RELAXED);
}

void sinew_vm_module_release(sinew_vm_module_t* module) {
  if (module && __atomic_fetch_sub(&module->ref_count, 1, __ATOMIC_ACQ_REL) == 1) {
    module->destroy(module->self);
  }
}

sinew_string_view_t sinew_make_cstring_view(const char* str) {
  return sinew_string_view_t{str, str ? std::strlen(str) : 0};
}

sinew_string_view_t sinew_vm_module_lookup_attr(sinew_vm_module_t* module,
                                                sinew_string_view_t key) {
  if (!module->get_module_attr) return sinew_string_view_t{nullptr, 0};
  for (uint32_t i = 0;; ++i) {
    sinew_string_pair_t pair;
    sinew_status_t status = module->get_module_attr(module->self, i, &pair);
    if (!sinew_status_is_ok(status)) {
      sinew_status_free(status);
      return sinew_string_view_t{nullptr, 0};
    }
    if (pair.key.size == key.size && std::memcmp(pair.key.data, key.data, key.size) == 0) {
      return pair.value;
    }
  }
}

sinew_string_view_t sinew_vm_module_name(const sinew_vm_module_t* module) {
  if (!module) return sinew_make_cstring_view("null");
  return module->name(module->self);
}

}  // extern "C"
