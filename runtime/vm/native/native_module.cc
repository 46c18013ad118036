// The descriptor-driven native module: default implementations of every module interface entry
// answered from the static descriptor, each of which defers to an override when one is given.
#include "runtime/vm/native/native_module.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "runtime/base/str_cat.h"

namespace {

struct NativeModule {
  // Returned to callers; its `self` is this struct, so every entry below can reach the
  // descriptor and the overrides even when overrides carry their own self.
  sinew_vm_module_t interface;
  sinew_vm_module_t overrides;  // All NULL when none were given.
  void* user_self;              // What overrides and shims receive.
  const sinew_vm_native_module_descriptor_t* descriptor;
  sinew_vm_instance_t* instance;
  sinew_allocator_t allocator;
};

NativeModule* Cast(void* self) { return static_cast<NativeModule*>(self); }

std::string_view View(sinew_string_view_t view) { return sinew::ToStringView(view); }

int Length(sinew_string_view_t view) { return static_cast<int>(view.size); }

bool IsExportLinkage(uint32_t linkage) {
  return linkage == SINEW_VM_LINKAGE_EXPORT || linkage == SINEW_VM_LINKAGE_EXPORT_OPTIONAL;
}

sinew_status_t CheckExportOrdinal(const NativeModule* module, uint32_t ordinal) {
  uint32_t count = module->descriptor->export_count;
  if (ordinal < count) return sinew_ok_status();
  return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                           "export ordinal out of range (0 <= %u < %u)", ordinal, count);
}

void Destroy(void* self) {
  NativeModule* module = Cast(self);
  if (module->overrides.destroy) module->overrides.destroy(module->user_self);
  sinew_vm_instance_release(module->instance);
  sinew_allocator_t allocator = module->allocator;
  module->~NativeModule();
  sinew_allocator_free(allocator, module);
}

sinew_string_view_t Name(void* self) {
  NativeModule* module = Cast(self);
  if (module->overrides.name) return module->overrides.name(module->user_self);
  return module->descriptor->name;
}

sinew_vm_module_signature_t Signature(void* self) {
  NativeModule* module = Cast(self);
  if (module->overrides.signature) return module->overrides.signature(module->user_self);
  const sinew_vm_native_module_descriptor_t* descriptor = module->descriptor;
  sinew_vm_module_signature_t signature = {};
  signature.version = descriptor->version;
  signature.attr_count = descriptor->attr_count;
  signature.import_function_count = descriptor->import_count;
  signature.export_function_count = descriptor->export_count;
  return signature;
}

sinew_status_t GetModuleAttr(void* self, uint32_t index, sinew_string_pair_t* out_attr) {
  NativeModule* module = Cast(self);
  if (module->overrides.get_module_attr) {
    return module->overrides.get_module_attr(module->user_self, index, out_attr);
  }
  // The end of an attribute walk is expected, so it carries no message (never allocates).
  if (index >= module->descriptor->attr_count) {
    return sinew_status_from_code(SINEW_STATUS_OUT_OF_RANGE);
  }
  *out_attr = module->descriptor->attrs[index];
  return sinew_ok_status();
}

sinew_status_t EnumerateDependencies(void* self, sinew_vm_module_dependency_callback_t callback,
                                     void* user_data) {
  NativeModule* module = Cast(self);
  if (module->overrides.enumerate_dependencies) {
    return module->overrides.enumerate_dependencies(module->user_self, callback, user_data);
  }
  const sinew_vm_native_module_descriptor_t* descriptor = module->descriptor;
  for (uint32_t i = 0; i < descriptor->dependency_count; ++i) {
    SINEW_RETURN_IF_ERROR_C(callback(user_data, &descriptor->dependencies[i]));
  }
  return sinew_ok_status();
}

sinew_status_t LookupFunction(void* self, sinew_vm_function_linkage_t linkage,
                              sinew_string_view_t name, sinew_vm_function_t* out_function) {
  NativeModule* module = Cast(self);
  if (module->overrides.lookup_function) {
    return module->overrides.lookup_function(module->user_self, linkage, name, out_function);
  }
  *out_function = sinew_vm_function_t{};
  if (!IsExportLinkage(linkage)) {
    return sinew_status_make(SINEW_STATUS_UNIMPLEMENTED, __FILE__, __LINE__,
                             "native modules only look up exports (linkage %u)",
                             static_cast<uint32_t>(linkage));
  }
  const sinew_vm_native_module_descriptor_t* descriptor = module->descriptor;
  const sinew_vm_native_export_descriptor_t* begin = descriptor->exports;
  const sinew_vm_native_export_descriptor_t* end = begin + descriptor->export_count;
  const sinew_vm_native_export_descriptor_t* found =
      std::lower_bound(begin, end, View(name),
                       [](const sinew_vm_native_export_descriptor_t& entry, std::string_view key) {
                         return View(entry.local_name) < key;
                       });
  if (found == end || View(found->local_name) != View(name)) {
    // Optional lookups probe for functions that may legitimately be absent: fail cheaply.
    if (linkage == SINEW_VM_LINKAGE_EXPORT_OPTIONAL) {
      return sinew_status_from_code(SINEW_STATUS_NOT_FOUND);
    }
    sinew_string_view_t module_name = sinew_vm_module_name(&module->interface);
    return sinew_status_make(SINEW_STATUS_NOT_FOUND, __FILE__, __LINE__,
                             "no function `%.*s` exported by module `%.*s`", Length(name),
                             name.data, Length(module_name), module_name.data);
  }
  out_function->module = &module->interface;
  out_function->linkage = SINEW_VM_LINKAGE_EXPORT;
  out_function->ordinal = static_cast<uint32_t>(found - begin);
  return sinew_ok_status();
}

sinew_status_t GetFunction(void* self, sinew_vm_function_linkage_t linkage, uint32_t ordinal,
                           sinew_vm_function_t* out_function, sinew_string_view_t* out_name,
                           sinew_string_view_t* out_cconv) {
  NativeModule* module = Cast(self);
  if (module->overrides.get_function) {
    return module->overrides.get_function(module->user_self, linkage, ordinal, out_function,
                                          out_name, out_cconv);
  }
  const sinew_vm_native_module_descriptor_t* descriptor = module->descriptor;
  sinew_vm_function_t function = {&module->interface, 0, ordinal};
  sinew_string_view_t name;
  sinew_string_view_t cconv;
  if (linkage == SINEW_VM_LINKAGE_IMPORT || linkage == SINEW_VM_LINKAGE_IMPORT_OPTIONAL) {
    if (ordinal >= descriptor->import_count) {
      return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                               "import ordinal out of range (0 <= %u < %u)", ordinal,
                               descriptor->import_count);
    }
    const sinew_vm_native_import_descriptor_t& import = descriptor->imports[ordinal];
    function.linkage = (import.flags & SINEW_VM_NATIVE_IMPORT_OPTIONAL)
                           ? SINEW_VM_LINKAGE_IMPORT_OPTIONAL
                           : SINEW_VM_LINKAGE_IMPORT;
    name = import.full_name;
    cconv = import.calling_convention;
  } else if (IsExportLinkage(linkage)) {
    SINEW_RETURN_IF_ERROR_C(CheckExportOrdinal(module, ordinal));
    const sinew_vm_native_export_descriptor_t& entry = descriptor->exports[ordinal];
    function.linkage = SINEW_VM_LINKAGE_EXPORT;
    name = entry.local_name;
    cconv = entry.calling_convention;
  } else {
    return sinew_status_make(SINEW_STATUS_UNIMPLEMENTED, __FILE__, __LINE__,
                             "native modules have no internal functions");
  }
  if (out_function) *out_function = function;
  if (out_name) *out_name = name;
  if (out_cconv) *out_cconv = cconv;
  return sinew_ok_status();
}

sinew_status_t GetFunctionAttr(void* self, sinew_vm_function_linkage_t linkage, uint32_t ordinal,
                               uint32_t index, sinew_string_pair_t* out_attr) {
  NativeModule* module = Cast(self);
  if (module->overrides.get_function_attr) {
    return module->overrides.get_function_attr(module->user_self, linkage, ordinal, index,
                                               out_attr);
  }
  if (!IsExportLinkage(linkage)) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "only exported functions can be queried");
  }
  SINEW_RETURN_IF_ERROR_C(CheckExportOrdinal(module, ordinal));
  const sinew_vm_native_export_descriptor_t& entry = module->descriptor->exports[ordinal];
  if (index >= entry.attr_count) return sinew_status_from_code(SINEW_STATUS_OUT_OF_RANGE);
  *out_attr = entry.attrs[index];
  return sinew_ok_status();
}

// Installed only when overridden: a NULL entry already means "no source locations".
sinew_status_t ResolveSourceLocation(void* self, sinew_vm_function_t function, uint32_t pc,
                                     sinew_string_view_t* out_location) {
  NativeModule* module = Cast(self);
  return module->overrides.resolve_source_location(module->user_self, function, pc, out_location);
}

sinew_status_t GetDirectCall(void* self, uint32_t export_ordinal,
                             sinew_vm_direct_call_t* out_direct) {
  NativeModule* module = Cast(self);
  if (module->overrides.get_direct_call) {
    return module->overrides.get_direct_call(module->user_self, export_ordinal, out_direct);
  }
  SINEW_RETURN_IF_ERROR_C(CheckExportOrdinal(module, export_ordinal));
  const sinew_vm_native_export_descriptor_t& entry = module->descriptor->exports[export_ordinal];
  out_direct->function = entry.direct;
  out_direct->target = entry.target;
  return sinew_ok_status();
}

sinew_status_t AllocState(void* self, sinew_allocator_t allocator,
                          sinew_vm_module_state_t** out_state) {
  NativeModule* module = Cast(self);
  if (module->overrides.alloc_state) {
    return module->overrides.alloc_state(module->user_self, allocator, out_state);
  }
  *out_state = nullptr;
  return sinew_ok_status();
}

void FreeState(void* self, sinew_vm_module_state_t* state) {
  NativeModule* module = Cast(self);
  if (module->overrides.free_state) module->overrides.free_state(module->user_self, state);
}

sinew_status_t ForkState(void* self, sinew_vm_module_state_t* parent, sinew_allocator_t allocator,
                         sinew_vm_module_state_t** out_state) {
  NativeModule* module = Cast(self);
  if (module->overrides.fork_state) {
    return module->overrides.fork_state(module->user_self, parent, allocator, out_state);
  }
  *out_state = nullptr;
  if (parent) {
    return sinew_status_make(SINEW_STATUS_UNIMPLEMENTED, __FILE__, __LINE__,
                             "native module must implement fork_state if it provides module "
                             "state");
  }
  return sinew_ok_status();
}

sinew_status_t ResolveImport(void* self, sinew_vm_module_state_t* state, uint32_t ordinal,
                             const sinew_vm_import_binding_t* binding) {
  NativeModule* module = Cast(self);
  if (module->overrides.resolve_import) {
    return module->overrides.resolve_import(module->user_self, state, ordinal, binding);
  }
  return sinew_status_make(SINEW_STATUS_UNIMPLEMENTED, __FILE__, __LINE__,
                           "native module does not support imports");
}

sinew_status_t Notify(void* self, sinew_vm_module_state_t* state, sinew_vm_signal_t signal) {
  NativeModule* module = Cast(self);
  if (module->overrides.notify) return module->overrides.notify(module->user_self, state, signal);
  return sinew_ok_status();
}

sinew_status_t Call(void* self, sinew_vm_stack_t* stack, sinew_vm_module_state_t* state,
                    uint32_t flags, const sinew_vm_function_call_t* call) {
  NativeModule* module = Cast(self);
  if (module->overrides.call) {
    return module->overrides.call(module->user_self, stack, state, flags, call);
  }
  const sinew_vm_native_module_descriptor_t* descriptor = module->descriptor;
  uint32_t ordinal = call->function.ordinal;
  if (!IsExportLinkage(call->function.linkage)) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "only exported functions can be called (linkage %u)",
                             call->function.linkage);
  }
  if (ordinal >= descriptor->export_count) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "function ordinal out of bounds: 0 <= %u < %u", ordinal,
                             descriptor->export_count);
  }
  const sinew_vm_native_export_descriptor_t& entry = descriptor->exports[ordinal];
  sinew_status_t status = entry.shim(stack, flags, call->arguments, call->results, entry.target,
                                     module->user_self, state);
  // DEFERRED is a suspension, not a failure: it goes back to the resumer untouched.
  if (sinew_status_is_ok(status) || sinew_status_code(status) == SINEW_STATUS_DEFERRED) {
    return status;
  }
  std::string annotation =
      sinew::StrCat("while invoking native function ",
                    View(sinew_vm_module_name(&module->interface)), ".", View(entry.local_name));
  return sinew_status_annotate(status, annotation.c_str());
}

sinew_status_t VerifyDescriptor(const sinew_vm_module_t* overrides,
                                const sinew_vm_native_module_descriptor_t* descriptor) {
  // Checked in every build: an unsorted table silently breaks lookup.
  for (uint32_t j = 1; j < descriptor->export_count; ++j) {
    sinew_string_view_t previous = descriptor->exports[j - 1].local_name;
    sinew_string_view_t current = descriptor->exports[j].local_name;
    if (View(previous) >= View(current)) {
      return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                               "module export table is not sorted by name (export %u ('%.*s') "
                               ">= %u ('%.*s'))",
                               j - 1, Length(previous), previous.data, j, Length(current),
                               current.data);
    }
  }
  if (overrides && overrides->call) return sinew_ok_status();
  for (uint32_t i = 0; i < descriptor->export_count; ++i) {
    const sinew_vm_native_export_descriptor_t& entry = descriptor->exports[i];
    if (!entry.shim) {
      return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                               "export %u ('%.*s') has no shim and call is not overridden", i,
                               Length(entry.local_name), entry.local_name.data);
    }
  }
  return sinew_ok_status();
}

}  // namespace

extern "C" {

sinew_status_t sinew_vm_native_module_create(const sinew_vm_module_t* interface_overrides,
                                             const sinew_vm_native_module_descriptor_t* descriptor,
                                             sinew_vm_instance_t* instance,
                                             sinew_allocator_t allocator,
                                             sinew_vm_module_t** out_module) {
  *out_module = nullptr;
  if (!descriptor) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "native module descriptor is required");
  }
  SINEW_RETURN_IF_ERROR_C(VerifyDescriptor(interface_overrides, descriptor));

  void* storage = nullptr;
  SINEW_RETURN_IF_ERROR_C(
      sinew_allocator_malloc(allocator, sizeof(NativeModule), alignof(NativeModule), &storage));
  auto* module = new (storage) NativeModule();
  sinew_vm_module_initialize(&module->interface, module);
  if (interface_overrides) module->overrides = *interface_overrides;
  module->user_self =
      interface_overrides && interface_overrides->self ? interface_overrides->self : module;
  module->descriptor = descriptor;
  module->instance = instance;
  module->allocator = allocator;
  sinew_vm_instance_retain(instance);

  sinew_vm_module_t& interface = module->interface;
  interface.destroy = Destroy;
  interface.name = Name;
  interface.signature = Signature;
  interface.get_module_attr = GetModuleAttr;
  interface.enumerate_dependencies = EnumerateDependencies;
  interface.lookup_function = LookupFunction;
  interface.get_function = GetFunction;
  interface.get_function_attr = GetFunctionAttr;
  interface.resolve_source_location =
      module->overrides.resolve_source_location ? ResolveSourceLocation : nullptr;
  interface.get_direct_call = GetDirectCall;
  interface.alloc_state = AllocState;
  interface.free_state = FreeState;
  interface.fork_state = ForkState;
  interface.resolve_import = ResolveImport;
  interface.notify = Notify;
  interface.call = Call;
  *out_module = &interface;
  return sinew_ok_status();
}

sinew_status_t sinew_vm_native_check_buffers(sinew_byte_span_t arguments,
                                             size_t expected_argument_size,
                                             sinew_byte_span_t results, size_t expected_result_size,
                                             uint32_t flags) {
  bool arguments_match = arguments.size == expected_argument_size ||
                         (flags == SINEW_VM_CALL_RESUME && arguments.size == 0);
  if (!arguments_match || results.size != expected_result_size) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "argument/result signature mismatch: arguments %zu bytes (expected "
                             "%zu), results %zu bytes (expected %zu)",
                             arguments.size, expected_argument_size, results.size,
                             expected_result_size);
  }
  if (results.size) std::memset(results.data, 0, results.size);
  return sinew_ok_status();
}

}  // extern "C"
