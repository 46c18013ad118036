// Context construction, module registration and import binding.
#include "runtime/vm/context.h"

#include <atomic>
#include <cstring>
#include <new>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/invocation.h"
#include "runtime/vm/stack.h"

struct sinew_vm_context_t {
  std::atomic<uint32_t> ref_count{1};
  sinew_vm_instance_t* instance = nullptr;
  sinew_allocator_t allocator;
  uint32_t flags = 0;
  uint32_t id = 0;
  bool frozen = false;
  struct Entry {
    sinew_vm_module_t* module;
    sinew_vm_module_state_t* state;
  };
  std::vector<Entry> modules;
  sinew_vm_stack_t* stack = nullptr;  // reused by invocations
  const sinew_vm_call_tracer_t* call_tracer = nullptr;
};

namespace sinew::vm {
namespace {

std::atomic<uint32_t> next_context_id{1};

std::string_view ModuleName(sinew_vm_module_t* module) {
  return ToStringView(module->name(module->self));
}

// Runs an optional lifecycle export (__init, __deinit, __notify).
Status RunLifecycleExport(sinew_vm_context_t* context, sinew_vm_module_t* module,
                          std::string_view name, const int32_t* signal) {
  sinew_vm_function_t function;
  sinew_status_t status = module->lookup_function(module->self, SINEW_VM_LINKAGE_EXPORT_OPTIONAL,
                                                  ToCStringView(name), &function);
  if (!sinew_status_is_ok(status)) {
    sinew_status_free(status);
    return OkStatus();
  }
  sinew_vm_value_t value = sinew_vm_value_make_i32(signal ? *signal : 0);
  Status result = InvokeValues(context, function,
                               signal ? std::span(&value, 1) : std::span<sinew_vm_value_t>(), {});
  if (!result.has_value()) {
    return std::unexpected(std::move(result).error().Annotate(
        StrCat("running ", name, " of module '", ModuleName(module), "'")));
  }
  return OkStatus();
}

void TeardownEntry(sinew_vm_context_t* context, size_t index) {
  auto& entry = context->modules[index];
  if (entry.state) {
    // Errors from __deinit are ignored: teardown must always complete.
    (void)RunLifecycleExport(context, entry.module, "__deinit", nullptr);
    entry.module->free_state(entry.module->self, entry.state);
  }
  sinew_vm_module_release(entry.module);
}

struct DependencyCheck {
  sinew_vm_context_t* context;
  size_t registered;
};

sinew_status_t CheckDependency(void* user_data, const sinew_vm_module_dependency_t* dependency) {
  auto* check = static_cast<DependencyCheck*>(user_data);
  std::string_view name = ToStringView(dependency->name);
  for (size_t i = 0; i < check->registered; ++i) {
    sinew_vm_module_t* module = check->context->modules[i].module;
    if (ModuleName(module) != name) continue;
    uint32_t version = module->signature(module->self).version;
    if ((dependency->flags & SINEW_VM_MODULE_DEPENDENCY_REQUIRED) &&
        version < dependency->minimum_version) {
      return sinew_status_make(SINEW_STATUS_NOT_FOUND, __FILE__, __LINE__,
                               "required module '%.*s' version mismatch; have %u but require %u",
                               static_cast<int>(name.size()), name.data(), version,
                               dependency->minimum_version);
    }
    return sinew_ok_status();
  }
  if (dependency->flags & SINEW_VM_MODULE_DEPENDENCY_OPTIONAL) return sinew_ok_status();
  return sinew_status_make(SINEW_STATUS_NOT_FOUND, __FILE__, __LINE__,
                           "required module '%.*s' not registered on the context",
                           static_cast<int>(name.size()), name.data());
}

// Finds the newest module named like the prefix of `full_name` and looks up its export.
// Returns NOT_FOUND when the module or the function is absent.
Status FindExport(sinew_vm_context_t* context, size_t registered, std::string_view full_name,
                  sinew_vm_function_linkage_t linkage, size_t* out_index,
                  sinew_vm_function_t* out_function) {
  size_t dot = full_name.find('.');
  if (dot == std::string_view::npos) {
    return InvalidArgumentError(
        StrCat("import name not fully-qualified (module.func): '", full_name, "'"));
  }
  std::string_view module_name = full_name.substr(0, dot);
  std::string_view function_name = full_name.substr(dot + 1);
  for (size_t i = registered; i-- > 0;) {
    sinew_vm_module_t* module = context->modules[i].module;
    if (ModuleName(module) != module_name) continue;
    *out_index = i;
    return FromC(
        module->lookup_function(module->self, linkage, ToCStringView(function_name), out_function));
  }
  return NotFoundError(StrCat("module '", module_name, "' required for import '", full_name,
                              "' not registered with the context"));
}

Status ResolveImports(sinew_vm_context_t* context, size_t index) {
  sinew_vm_module_t* module = context->modules[index].module;
  uint32_t import_count = module->signature(module->self).import_function_count;
  for (uint32_t i = 0; i < import_count; ++i) {
    sinew_vm_function_t import;
    sinew_string_view_t name, expected_cconv;
    SINEW_RETURN_IF_ERROR(FromC(module->get_function(module->self, SINEW_VM_LINKAGE_IMPORT, i,
                                                     &import, &name, &expected_cconv)));
    bool optional = import.linkage == SINEW_VM_LINKAGE_IMPORT_OPTIONAL;
    size_t callee_index = 0;
    sinew_vm_import_binding_t binding = {};
    Status found = FindExport(context, index, ToStringView(name),
                              optional ? SINEW_VM_LINKAGE_EXPORT_OPTIONAL : SINEW_VM_LINKAGE_EXPORT,
                              &callee_index, &binding.function);
    if (!found.has_value()) {
      if (optional && found.error().code() == StatusCode::kNotFound) continue;
      return found;
    }
    sinew_vm_module_t* callee = binding.function.module;
    SINEW_RETURN_IF_ERROR(FromC(callee->get_function(
        callee->self, static_cast<sinew_vm_function_linkage_t>(binding.function.linkage),
        binding.function.ordinal, nullptr, nullptr, &binding.cconv)));
    if (expected_cconv.size != 0 && ToStringView(expected_cconv) != ToStringView(binding.cconv)) {
      return InternalError(
          StrCat("import function ", ToStringView(name), " signature mismatch between ",
                 ModuleName(module), " and source ", ModuleName(callee), "; expected ",
                 ToStringView(expected_cconv), " but got ", ToStringView(binding.cconv)));
    }
    binding.state = context->modules[callee_index].state;
    if (callee->get_direct_call && binding.function.linkage != SINEW_VM_LINKAGE_INTERNAL) {
      SINEW_RETURN_IF_ERROR(
          FromC(callee->get_direct_call(callee->self, binding.function.ordinal, &binding.direct)));
    }
    SINEW_RETURN_IF_ERROR(
        FromC(module->resolve_import(module->self, context->modules[index].state, i, &binding)));
  }
  return OkStatus();
}

Status RegisterOne(sinew_vm_context_t* context, size_t index) {
  auto& entry = context->modules[index];
  sinew_vm_module_t* module = entry.module;
  SINEW_RETURN_IF_ERROR(FromC(module->alloc_state(module->self, context->allocator, &entry.state)));
  if (module->enumerate_dependencies) {
    DependencyCheck check{context, index};
    SINEW_RETURN_IF_ERROR(
        FromC(module->enumerate_dependencies(module->self, CheckDependency, &check)));
  }
  Status imports = ResolveImports(context, index);
  if (!imports.has_value()) {
    return std::unexpected(std::move(imports).error().Annotate(
        StrCat("resolving module '", ModuleName(module), "' imports")));
  }
  return RunLifecycleExport(context, module, "__init", nullptr);
}

}  // namespace

StatusOr<sinew_vm_context_t*> CreateContext(sinew_vm_instance_t* instance, uint32_t flags,
                                            sinew_allocator_t allocator) {
  auto* context = new (std::nothrow) sinew_vm_context_t();
  if (!context) return ResourceExhaustedError("out of memory creating a context");
  context->instance = instance;
  sinew_vm_instance_retain(instance);
  context->allocator = allocator;
  context->flags = flags;
  context->id = next_context_id.fetch_add(1, std::memory_order_relaxed);
  return context;
}

StatusOr<sinew_vm_context_t*> CreateContextWithModules(sinew_vm_instance_t* instance,
                                                       uint32_t flags,
                                                       std::span<sinew_vm_module_t* const> modules,
                                                       sinew_allocator_t allocator) {
  SINEW_ASSIGN_OR_RETURN(sinew_vm_context_t * context, CreateContext(instance, flags, allocator));
  Status status = RegisterModules(context, modules);
  if (!status.has_value()) {
    ReleaseContext(context);
    return std::unexpected(std::move(status).error());
  }
  FreezeContext(context);
  return context;
}

void RetainContext(sinew_vm_context_t* context) {
  if (context) context->ref_count.fetch_add(1, std::memory_order_relaxed);
}

void ReleaseContext(sinew_vm_context_t* context) {
  if (!context || context->ref_count.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  for (size_t i = context->modules.size(); i-- > 0;) TeardownEntry(context, i);
  DestroyStack(context->stack);
  sinew_vm_instance_release(context->instance);
  delete context;
}

Status RegisterModules(sinew_vm_context_t* context, std::span<sinew_vm_module_t* const> modules) {
  if (context->frozen) {
    return FailedPreconditionError("context is frozen and cannot register modules after creation");
  }
  for (size_t i = 0; i < modules.size(); ++i) {
    if (!modules[i]) return InvalidArgumentError(StrCat("modules[", i, "] is null"));
  }
  size_t original_count = context->modules.size();
  for (sinew_vm_module_t* module : modules) {
    sinew_vm_module_retain(module);
    context->modules.push_back({module, nullptr});
    Status status = RegisterOne(context, context->modules.size() - 1);
    if (!status.has_value()) {
      for (size_t i = context->modules.size(); i-- > original_count;) TeardownEntry(context, i);
      context->modules.resize(original_count);
      return status;
    }
  }
  return OkStatus();
}

void FreezeContext(sinew_vm_context_t* context) { context->frozen = true; }

StatusOr<sinew_vm_context_t*> ForkContext(sinew_vm_context_t* parent, sinew_allocator_t allocator) {
  SINEW_ASSIGN_OR_RETURN(sinew_vm_context_t * child,
                         CreateContext(parent->instance, parent->flags, allocator));
  child->frozen = parent->frozen || !parent->modules.empty();
  child->call_tracer = parent->call_tracer;
  for (const auto& entry : parent->modules) {
    sinew_vm_module_t* module = entry.module;
    sinew_vm_module_retain(module);
    child->modules.push_back({module, nullptr});
    sinew_status_t status =
        module->fork_state(module->self, entry.state, allocator, &child->modules.back().state);
    if (!sinew_status_is_ok(status)) {
      ReleaseContext(child);
      return std::unexpected(
          Error(status).Annotate(StrCat("forking the state of module '", ModuleName(module), "'")));
    }
  }
  // Forked states still hold the parent's import bindings (its states): bind them again to
  // the child's states.
  for (size_t i = 0; i < child->modules.size(); ++i) {
    if (Status bound = ResolveImports(child, i); !bound.has_value()) {
      ReleaseContext(child);
      return std::unexpected(std::move(bound).error().Annotate("binding imports of a fork"));
    }
  }
  Status notified = NotifyContext(child, SINEW_VM_SIGNAL_FORK);
  if (!notified.has_value()) {
    ReleaseContext(child);
    return std::unexpected(std::move(notified).error());
  }
  return child;
}

StatusOr<sinew_vm_function_t> ResolveFunction(sinew_vm_context_t* context,
                                              std::string_view full_name) {
  size_t index = 0;
  sinew_vm_function_t function;
  SINEW_RETURN_IF_ERROR(FindExport(context, context->modules.size(), full_name,
                                   SINEW_VM_LINKAGE_EXPORT, &index, &function));
  return function;
}

StatusOr<sinew_vm_module_state_t*> ResolveModuleState(sinew_vm_context_t* context,
                                                      const sinew_vm_module_t* module) {
  for (const auto& entry : context->modules) {
    if (entry.module == module) return entry.state;
  }
  return NotFoundError(StrCat("module '", ToStringView(module->name(module->self)),
                              "' is not registered in this context"));
}

Status NotifyContext(sinew_vm_context_t* context, sinew_vm_signal_t signal) {
  bool forward = signal == SINEW_VM_SIGNAL_RESUME || signal == SINEW_VM_SIGNAL_FORK;
  int32_t value = static_cast<int32_t>(signal);
  size_t count = context->modules.size();
  for (size_t n = 0; n < count; ++n) {
    auto& entry = context->modules[forward ? n : count - 1 - n];
    sinew_vm_module_t* module = entry.module;
    if (!forward) SINEW_RETURN_IF_ERROR(RunLifecycleExport(context, module, "__notify", &value));
    if (module->notify)
      SINEW_RETURN_IF_ERROR(FromC(module->notify(module->self, entry.state, signal)));
    if (forward) SINEW_RETURN_IF_ERROR(RunLifecycleExport(context, module, "__notify", &value));
  }
  return OkStatus();
}

void SetContextCallTracer(sinew_vm_context_t* context, const sinew_vm_call_tracer_t* tracer) {
  context->call_tracer = tracer;
}
const sinew_vm_call_tracer_t* ContextCallTracer(const sinew_vm_context_t* context) {
  return context->call_tracer;
}

uint32_t ContextFlags(const sinew_vm_context_t* context) { return context->flags; }
uint32_t ContextId(const sinew_vm_context_t* context) { return context->id; }
size_t ContextModuleCount(const sinew_vm_context_t* context) { return context->modules.size(); }
sinew_vm_module_t* ContextModuleAt(const sinew_vm_context_t* context, size_t index) {
  return index < context->modules.size() ? context->modules[index].module : nullptr;
}
sinew_vm_instance_t* ContextInstance(const sinew_vm_context_t* context) {
  return context->instance;
}

sinew_vm_stack_t* ContextStack(sinew_vm_context_t* context) {
  if (!context->stack) {
    auto stack = CreateStack(context->allocator, 16 * 1024);
    if (!stack.has_value()) return nullptr;
    context->stack = *stack;
  }
  return context->stack;
}

}  // namespace sinew::vm
