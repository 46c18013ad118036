// Loading modules from shared libraries: dlopen, the versioned create function, and keeping
// the library loaded for as long as the module it created lives.
//
// The module is handed out as the library made it (no forwarding wrapper), so calls, direct
// calls and contexts see exactly the library's module. Only its `destroy` entry is chained:
// the loader's hook runs the library's destroy and then closes the library. Since `destroy`
// receives only the module's self, the hook finds what it chained in a small registry.
#include "runtime/vm/dynamic/dynamic_module.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/base/str_cat.h"

namespace sinew::vm {
namespace {

// What the destroy hook must do for one loaded module: the library's own destroy, then one
// dlclose per load that returned this module (dlopen counts loads).
struct ChainedDestroy {
  void (*destroy)(void* self);
  std::vector<void*> libraries;
};

struct Registry {
  std::mutex mutex;
  std::unordered_map<void*, ChainedDestroy> modules;  // by module self
};

Registry& GetRegistry() {
  // Never destroyed: modules may be released during static destruction.
  static Registry* registry = new Registry();
  return *registry;
}

void DestroyAndUnload(void* self) {
  ChainedDestroy chained;
  {
    Registry& registry = GetRegistry();
    std::lock_guard lock(registry.mutex);
    auto it = registry.modules.find(self);
    chained = std::move(it->second);
    registry.modules.erase(it);
  }
  chained.destroy(self);
  for (void* library : chained.libraries) dlclose(library);
}

// Makes `module` close `library` after it is destroyed.
void ChainDestroy(sinew_vm_module_t* module, void* library) {
  Registry& registry = GetRegistry();
  std::lock_guard lock(registry.mutex);
  ChainedDestroy& chained = registry.modules[module->self];
  // A library may hand out the same module again; it is chained once and closes every load.
  if (module->destroy != &DestroyAndUnload) {
    chained.destroy = module->destroy;
    module->destroy = &DestroyAndUnload;
  }
  chained.libraries.push_back(library);
}

std::string LoaderError() {
  const char* message = dlerror();
  return message ? message : "unknown error";
}

StatusOr<void*> OpenLibrary(const std::string& path) {
  dlerror();
  void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library) return library;
  std::string message = LoaderError();
  struct stat info;
  // A bare name is searched on the loader's path, so only a path can be known to be missing.
  if (path.find('/') != std::string::npos && stat(path.c_str(), &info) != 0) {
    return NotFoundError(StrCat("shared library '", path, "' does not exist"));
  }
  return MakeError(StatusCode::kUnavailable,
                   StrCat("cannot load shared library '", path, "': ", message));
}

}  // namespace

StatusOr<sinew_vm_module_t*> LoadDynamicModule(sinew_vm_instance_t* instance, std::string_view path,
                                               std::string_view entry,
                                               std::span<const sinew_string_pair_t> params,
                                               sinew_allocator_t allocator) {
  std::string symbol(entry.empty() ? std::string_view(SINEW_VM_DYNAMIC_MODULE_DEFAULT_ENTRY)
                                   : entry);
  SINEW_ASSIGN_OR_RETURN(void* library, OpenLibrary(std::string(path)));
  dlerror();
  auto create = reinterpret_cast<sinew_vm_dynamic_module_create_t>(dlsym(library, symbol.c_str()));
  if (!create) {
    dlclose(library);
    return NotFoundError(StrCat("shared library '", path, "' exports no function '", symbol,
                                "' (a dynamic module's create function must be exported with C "
                                "linkage; see SINEW_VM_DYNAMIC_MODULE_EXPORT)"));
  }
  sinew_vm_module_t* module = nullptr;
  sinew_status_t status = create(SINEW_VM_DYNAMIC_MODULE_VERSION, instance, params.size(),
                                 params.data(), allocator, &module);
  if (!sinew_status_is_ok(status)) {
    // Statuses own copies of their text, so they outlive the library.
    if (module) sinew_vm_module_release(module);
    dlclose(library);
    return std::unexpected(Error(status).Annotate(StrCat("calling '", symbol, "'")));
  }
  if (!module) {
    dlclose(library);
    return MakeError(StatusCode::kInternal,
                     StrCat("'", symbol, "' in '", path, "' succeeded but returned no module"));
  }
  ChainDestroy(module, library);
  return module;
}

}  // namespace sinew::vm

extern "C" sinew_status_t sinew_vm_dynamic_module_load(
    sinew_vm_instance_t* instance, sinew_string_view_t path, sinew_string_view_t entry,
    size_t param_count, const sinew_string_pair_t* params, sinew_allocator_t allocator,
    sinew_vm_module_t** out_module) {
  *out_module = nullptr;
  auto module =
      sinew::vm::LoadDynamicModule(instance, sinew::ToStringView(path), sinew::ToStringView(entry),
                                   std::span(params, param_count), allocator);
  if (!module.has_value()) return sinew::ToC(std::move(module).error());
  *out_module = *module;
  return sinew_ok_status();
}
