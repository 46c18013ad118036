// NativeModule<State>: write a VM module in C++ (header-only, over the module C ABI).
//
//   struct CustomState {
//     StatusOr<ref<CustomString>> StringCreate(std::string_view text);
//   };
//   static const NativeFunction<CustomState> kFunctions[] = {
//       MakeNativeFunction("string.create", &CustomState::StringCreate)};
//   struct CustomModule final : NativeModule<CustomState> {
//     using NativeModule::NativeModule;
//     StatusOr<std::unique_ptr<CustomState>> CreateState(sinew_allocator_t) override;
//   };
//   auto* module = new CustomModule("custom", 0, instance, allocator, kFunctions, options);
//   sinew_vm_module_t* interface = module->interface();  // destroy via sinew_vm_module_release
//
// The module is shared and immutable; every context gets its own State. Options add module
// attributes, dependencies, imports (called from methods taking a leading NativeCall&) and the
// ref types the module provides: they are registered on the instance by name while the module
// lives, so bytecode naming `!custom.string` resolves when it joins a context.
#ifndef SINEW_RUNTIME_VM_NATIVE_NATIVE_MODULE_CC_H_
#define SINEW_RUNTIME_VM_NATIVE_NATIVE_MODULE_CC_H_

#include <functional>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"
#include "runtime/vm/native/native_function.h"

namespace sinew::vm {

struct NativeModuleOptions {
  std::span<const sinew_string_pair_t> attrs = {};
  std::span<const sinew_vm_module_dependency_t> dependencies = {};
  std::span<const NativeImport> imports = {};
  // Descriptors of the ref types this module defines (e.g. CustomString::descriptor()).
  std::span<const sinew_vm_ref_type_descriptor_t* const> types = {};
};

template <typename State>
class NativeModule {
 public:
  NativeModule(std::string_view name, uint32_t version, sinew_vm_instance_t* instance,
               sinew_allocator_t allocator, std::span<const NativeFunction<State>> functions,
               NativeModuleOptions options = {})
      : name_(name),
        version_(version),
        instance_(instance),
        allocator_(allocator),
        functions_(functions.begin(), functions.end()),
        options_(options) {
    sinew_vm_instance_retain(instance_);
    for (NativeFunction<State>& function : functions_) function.module_name = name_;
    for (const sinew_vm_ref_type_descriptor_t* descriptor : options_.types) {
      sinew_vm_ref_type_t type = 0;
      Status registered = FromC(sinew_vm_instance_register_type(instance_, descriptor, &type));
      if (!registered.has_value()) {
        registration_error_ = registered.error().ToString();
        break;
      }
      registered_types_.push_back(descriptor);
    }
    InitializeInterface();
  }
  NativeModule(const NativeModule&) = delete;
  NativeModule& operator=(const NativeModule&) = delete;
  virtual ~NativeModule() {
    for (const sinew_vm_ref_type_descriptor_t* descriptor : registered_types_) {
      sinew_vm_instance_unregister_type(instance_, descriptor);
    }
    sinew_vm_instance_release(instance_);
  }

  // The C interface; releasing its last reference deletes this object.
  sinew_vm_module_t* interface() { return &interface_; }
  std::string_view name() const { return name_; }
  sinew_vm_instance_t* instance() const { return instance_; }
  sinew_allocator_t allocator() const { return allocator_; }

  // A new state for a context.
  virtual StatusOr<std::unique_ptr<State>> CreateState(sinew_allocator_t allocator) = 0;
  // The state of a forked context; by default a fresh one.
  virtual StatusOr<std::unique_ptr<State>> ForkState(State* parent, sinew_allocator_t allocator) {
    (void)parent;
    return CreateState(allocator);
  }
  // Modules this one needs, beyond options.dependencies.
  virtual Status EnumerateDependencies(
      const std::function<Status(const sinew_vm_module_dependency_t&)>& callback) {
    (void)callback;
    return OkStatus();
  }
  virtual Status Notify(State* state, sinew_vm_signal_t signal) {
    (void)state;
    (void)signal;
    return OkStatus();
  }

 private:
  using Holder = NativeStateHolder<State>;

  static NativeModule* Self(void* self) { return static_cast<NativeModule*>(self); }
  static Holder* StateOf(sinew_vm_module_state_t* state) {
    return reinterpret_cast<Holder*>(state);
  }

  void InitializeInterface() {
    sinew_vm_module_initialize(&interface_, this);
    interface_.destroy = [](void* self) { delete Self(self); };
    interface_.name = [](void* self) { return ToCStringView(Self(self)->name_); };
    interface_.signature = [](void* self) {
      NativeModule* module = Self(self);
      return sinew_vm_module_signature_t{module->version_,
                                         static_cast<uint32_t>(module->options_.attrs.size()),
                                         static_cast<uint32_t>(module->options_.imports.size()),
                                         static_cast<uint32_t>(module->functions_.size()), 0};
    };
    interface_.get_module_attr = [](void* self, uint32_t index, sinew_string_pair_t* out) {
      return AttrAt(Self(self)->options_.attrs, index, out);
    };
    interface_.enumerate_dependencies = &EnumerateDependenciesEntry;
    interface_.lookup_function = &LookupFunction;
    interface_.get_function = &GetFunction;
    interface_.get_function_attr = [](void* self, sinew_vm_function_linkage_t linkage,
                                      uint32_t ordinal, uint32_t index, sinew_string_pair_t* out) {
      NativeModule* module = Self(self);
      if (linkage == SINEW_VM_LINKAGE_IMPORT || linkage == SINEW_VM_LINKAGE_IMPORT_OPTIONAL ||
          ordinal >= module->functions_.size()) {
        return OutOfRange("function", ordinal);
      }
      // The generated signature follows the function's own attributes.
      const NativeFunction<State>& function = module->functions_[ordinal];
      if (index == function.attrs.size() && !function.signature.empty()) {
        *out = {ToCStringView(kSignatureAttr), ToCStringView(function.signature)};
        return sinew_ok_status();
      }
      return AttrAt(function.attrs, index, out);
    };
    interface_.get_direct_call = [](void* self, uint32_t ordinal, sinew_vm_direct_call_t* out) {
      NativeModule* module = Self(self);
      if (ordinal >= module->functions_.size()) return OutOfRange("export", ordinal);
      const NativeFunction<State>& function = module->functions_[ordinal];
      *out = {function.direct, const_cast<NativeFunction<State>*>(&function)};
      return sinew_ok_status();
    };
    interface_.alloc_state = &AllocState;
    interface_.free_state = [](void*, sinew_vm_module_state_t* state) {
      Holder* holder = StateOf(state);
      if (!holder) return;
      delete holder->user;
      delete holder;
    };
    interface_.fork_state = &ForkStateEntry;
    interface_.resolve_import = [](void* self, sinew_vm_module_state_t* state, uint32_t ordinal,
                                   const sinew_vm_import_binding_t* binding) {
      if (ordinal >= Self(self)->options_.imports.size()) return OutOfRange("import", ordinal);
      StateOf(state)->imports.bindings[ordinal] = *binding;
      return sinew_ok_status();
    };
    interface_.notify = [](void* self, sinew_vm_module_state_t* state, sinew_vm_signal_t signal) {
      return ToC(Self(self)->Notify(StateOf(state)->user, signal));
    };
    interface_.call = &Call;
  }

  static sinew_status_t OutOfRange(const char* what, uint32_t ordinal) {
    return ToC(OutOfRangeError(StrCat(what, " ordinal ", ordinal, " out of range")));
  }
  static sinew_status_t AttrAt(std::span<const sinew_string_pair_t> attrs, uint32_t index,
                               sinew_string_pair_t* out) {
    if (index >= attrs.size()) return OutOfRange("attribute", index);
    *out = attrs[index];
    return sinew_ok_status();
  }

  static sinew_status_t EnumerateDependenciesEntry(void* self,
                                                   sinew_vm_module_dependency_callback_t callback,
                                                   void* user_data) {
    NativeModule* module = Self(self);
    for (const sinew_vm_module_dependency_t& dependency : module->options_.dependencies) {
      SINEW_RETURN_IF_ERROR_C(callback(user_data, &dependency));
    }
    return ToC(module->EnumerateDependencies([&](const sinew_vm_module_dependency_t& dependency) {
      return FromC(callback(user_data, &dependency));
    }));
  }

  static sinew_status_t LookupFunction(void* self, sinew_vm_function_linkage_t linkage,
                                       sinew_string_view_t name, sinew_vm_function_t* out) {
    NativeModule* module = Self(self);
    std::string_view wanted = ToStringView(name);
    if (linkage == SINEW_VM_LINKAGE_IMPORT || linkage == SINEW_VM_LINKAGE_IMPORT_OPTIONAL) {
      for (uint32_t i = 0; i < module->options_.imports.size(); ++i) {
        if (module->options_.imports[i].full_name == wanted) {
          *out = {&module->interface_, static_cast<uint32_t>(linkage), i};
          return sinew_ok_status();
        }
      }
    } else {
      for (uint32_t i = 0; i < module->functions_.size(); ++i) {
        if (module->functions_[i].name == wanted) {
          *out = {&module->interface_, SINEW_VM_LINKAGE_EXPORT, i};
          return sinew_ok_status();
        }
      }
    }
    if (linkage == SINEW_VM_LINKAGE_EXPORT_OPTIONAL) {
      return sinew_status_from_code(SINEW_STATUS_NOT_FOUND);
    }
    return ToC(
        NotFoundError(StrCat("function ", wanted, " not exported by module ", module->name_)));
  }

  static sinew_status_t GetFunction(void* self, sinew_vm_function_linkage_t linkage,
                                    uint32_t ordinal, sinew_vm_function_t* out_function,
                                    sinew_string_view_t* out_name, sinew_string_view_t* out_cconv) {
    NativeModule* module = Self(self);
    if (linkage == SINEW_VM_LINKAGE_IMPORT || linkage == SINEW_VM_LINKAGE_IMPORT_OPTIONAL) {
      if (ordinal >= module->options_.imports.size()) return OutOfRange("import", ordinal);
      const NativeImport& import = module->options_.imports[ordinal];
      if (out_function) {
        *out_function = {&module->interface_,
                         static_cast<uint32_t>(import.optional ? SINEW_VM_LINKAGE_IMPORT_OPTIONAL
                                                               : SINEW_VM_LINKAGE_IMPORT),
                         ordinal};
      }
      if (out_name) *out_name = ToCStringView(import.full_name);
      if (out_cconv) *out_cconv = ToCStringView(import.cconv);
      return sinew_ok_status();
    }
    if (ordinal >= module->functions_.size()) return OutOfRange("function", ordinal);
    if (out_function) *out_function = {&module->interface_, SINEW_VM_LINKAGE_EXPORT, ordinal};
    if (out_name) *out_name = ToCStringView(module->functions_[ordinal].name);
    if (out_cconv) *out_cconv = ToCStringView(module->functions_[ordinal].cconv);
    return sinew_ok_status();
  }

  static sinew_status_t WrapState(NativeModule* module, StatusOr<std::unique_ptr<State>> user,
                                  sinew_vm_module_state_t** out_state) {
    if (!user.has_value()) return ToC(std::move(user).error());
    auto* holder = new (std::nothrow) Holder{user->release(), {}};
    if (!holder) return ToC(ResourceExhaustedError("allocating module state"));
    holder->imports.bindings.resize(module->options_.imports.size());
    *out_state = reinterpret_cast<sinew_vm_module_state_t*>(holder);
    return sinew_ok_status();
  }

  static sinew_status_t AllocState(void* self, sinew_allocator_t allocator,
                                   sinew_vm_module_state_t** out_state) {
    NativeModule* module = Self(self);
    if (!module->registration_error_.empty()) {
      return ToC(FailedPreconditionError(
          StrCat("module ", module->name_,
                 " could not register its types: ", module->registration_error_)));
    }
    return WrapState(module, module->CreateState(allocator), out_state);
  }

  static sinew_status_t ForkStateEntry(void* self, sinew_vm_module_state_t* parent,
                                       sinew_allocator_t allocator,
                                       sinew_vm_module_state_t** out_state) {
    NativeModule* module = Self(self);
    return WrapState(module, module->ForkState(StateOf(parent)->user, allocator), out_state);
  }

  static sinew_status_t Call(void* self, sinew_vm_stack_t* stack, sinew_vm_module_state_t* state,
                             uint32_t flags, const sinew_vm_function_call_t* call) {
    NativeModule* module = Self(self);
    if (call->function.ordinal >= module->functions_.size()) {
      return OutOfRange("function", call->function.ordinal);
    }
    const NativeFunction<State>& function = module->functions_[call->function.ordinal];
    Holder* holder = StateOf(state);
    NativeCallEnvironment environment = {stack, module->options_.imports};
    return function.call(function, holder->user, holder->imports, environment, flags,
                         call->arguments, call->results);
  }

  std::string_view name_;
  uint32_t version_;
  sinew_vm_instance_t* instance_;
  sinew_allocator_t allocator_;
  std::vector<NativeFunction<State>> functions_;
  NativeModuleOptions options_;
  std::vector<const sinew_vm_ref_type_descriptor_t*> registered_types_;
  std::string registration_error_;  // Why registering options.types failed, if it did.
  sinew_vm_module_t interface_;
};

}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_NATIVE_NATIVE_MODULE_CC_H_
