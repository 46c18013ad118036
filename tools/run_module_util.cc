// Module loading and function choice for the tools.
#include "tools/run_module_util.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "runtime/base/str_cat.h"
#include "runtime/hal/hal_module.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/cconv.h"
#include "runtime/vm/value.h"
#include "tools/external_tooling_modules.h"
#include "tools/module_spec.h"
#include "tools/tooling_modules.h"

namespace sinew::tools {
namespace {

void UnmapArchive(void*, sinew_byte_span_t archive) { munmap(archive.data, archive.size); }

// Maps a .vmb file and loads the module from the mapping, which the module releases. The
// mapping is private and writable so that the loader may rewrite bytes in place.
StatusOr<sinew_vm_module_t*> LoadMappedModule(sinew_vm_instance_t* instance,
                                              const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return NotFoundError(StrCat("cannot open module file '", path, "': ", std::strerror(errno)));
  }
  struct stat info;
  if (fstat(fd, &info) != 0 || info.st_size == 0) {
    // Nothing to map: read it instead, which reports the empty file.
    close(fd);
    return vm::LoadBytecodeModuleFile(instance, path, sinew_allocator_system());
  }
  size_t size = static_cast<size_t>(info.st_size);
  void* data = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  int map_error = errno;
  close(fd);
  if (data == MAP_FAILED) {
    return DataLossError(StrCat("cannot map module file '", path, "': ", std::strerror(map_error)));
  }
  sinew_vm_module_t* module = nullptr;
  sinew_byte_span_t archive = {static_cast<uint8_t*>(data), size};
  sinew_status_t status = sinew_vm_bytecode_module_create(instance, archive, UnmapArchive, nullptr,
                                                          sinew_allocator_system(), &module);
  if (!sinew_status_is_ok(status)) {
    munmap(data, size);
    return std::unexpected(
        Error(status).Annotate(StrCat("loading bytecode module at '", path, "'")));
  }
  return module;
}

}  // namespace

StatusOr<ModuleMode> ParseModuleMode(std::string_view text) {
  if (text == "preload") return ModuleMode::kPreload;
  if (text == "mmap") return ModuleMode::kMmap;
  return InvalidArgumentError(StrCat("unrecognized --module_mode= value '", text, "'"));
}

void AddModuleFlags(ToolFlags& flags, std::vector<std::string>* modules, std::string* mode) {
  flags.AddList("module", modules,
                "Module to load (.vmb, - for stdin, or lib.so@create_fn?k=v); repeatable, the last "
                "is the main module.");
  flags.AddString("module_mode", mode, "How module files are read: preload or mmap.");
}

void AddTraceFlags(ToolFlags& flags, bool* trace_execution, std::string* trace_calls) {
  flags.AddBool("trace_execution", trace_execution, "Trace every executed instruction to stderr.");
  flags.AddString("trace_calls", trace_calls,
                  "Write every call as Chrome trace events to this JSON file (for Perfetto).");
}

ModuleSet::~ModuleSet() {
  for (sinew_vm_module_t* module : modules_) sinew_vm_module_release(module);
  for (sinew_vm_module_t* module : tooling_) sinew_vm_module_release(module);
  sinew_vm_instance_release(instance_);
}

Status ModuleSet::Initialize() {
  SINEW_RETURN_IF_ERROR(FromC(sinew_vm_instance_create(sinew_allocator_system(), &instance_)));
  // Tensor inputs are buffer views, made before any module imports `hal`.
  SINEW_RETURN_IF_ERROR(FromC(sinew_hal_register_types(instance_)));
  return RegisterExternalToolingModuleTypes(instance_);
}

Status ModuleSet::LoadModules(const std::vector<std::string>& paths, ModuleMode mode) {
  for (const std::string& path : paths) {
    ModuleSpec spec = ParseModuleSpec(path);
    const std::string& file = spec.path;
    SINEW_ASSIGN_OR_RETURN(
        sinew_vm_module_t * module,
        spec.kind == ModuleSpec::Kind::kDynamic ? LoadDynamicModule(instance_, spec)
        : mode == ModuleMode::kMmap && file != "-"
            ? LoadMappedModule(instance_, file)
            : vm::LoadBytecodeModuleFile(instance_, file, sinew_allocator_system()));
    modules_.push_back(module);
  }
  if (modules_.empty()) {
    return InvalidArgumentError(
        "no user module specified; use --module=file.vmb to load from a file or --module=- to "
        "load from stdin");
  }
  // After every --module is loaded, so a user module (say a library before or after the
  // program) wins over a tooling module of the same name whatever the flag order.
  for (sinew_vm_module_t* module : modules_) {
    SINEW_RETURN_IF_ERROR(AddImportedToolingModules(module));
  }
  return OkStatus();
}

Status ModuleSet::AddImportedToolingModules(sinew_vm_module_t* module) {
  uint32_t count = module->signature(module->self).import_function_count;
  for (uint32_t i = 0; i < count; ++i) {
    sinew_string_view_t import_name = {nullptr, 0};
    SINEW_RETURN_IF_ERROR(FromC(module->get_function(module->self, SINEW_VM_LINKAGE_IMPORT, i,
                                                     nullptr, &import_name, nullptr)));
    std::string_view text = ToStringView(import_name);
    std::string_view module_name = text.substr(0, text.find('.'));
    auto present = [&](sinew_vm_module_t* m) {
      return ToStringView(sinew_vm_module_name(m)) == module_name;
    };
    if (std::ranges::any_of(tooling_, present) || std::ranges::any_of(modules_, present)) {
      continue;
    }
    if (const ToolingModule* tooling = FindToolingModule(module_name)) {
      sinew_vm_module_t* created = nullptr;
      SINEW_RETURN_IF_ERROR(FromC(tooling->create(instance_, sinew_allocator_system(), &created)));
      tooling_.push_back(created);
    }
  }
  return OkStatus();
}

std::vector<sinew_vm_module_t*> ModuleSet::ContextModules() const {
  std::vector<sinew_vm_module_t*> all = tooling_;
  all.insert(all.end(), modules_.begin(), modules_.end());
  return all;
}

StatusOr<sinew_vm_context_t*> ModuleSet::CreateContext(uint32_t flags) const {
  std::vector<sinew_vm_module_t*> all = ContextModules();
  SINEW_ASSIGN_OR_RETURN(sinew_vm_context_t * context,
                         vm::CreateContext(instance_, flags, sinew_allocator_system()));
  vm::SetContextCallTracer(context, call_tracer_);
  if (Status registered = vm::RegisterModules(context, all); !registered.has_value()) {
    vm::ReleaseContext(context);
    return std::unexpected(std::move(registered).error().Annotate("creating VM context"));
  }
  vm::FreezeContext(context);
  return context;
}

std::string_view FunctionCconv(sinew_vm_function_t function) {
  sinew_string_view_t cconv = {nullptr, 0};
  sinew_status_free(function.module->get_function(
      function.module->self, static_cast<sinew_vm_function_linkage_t>(function.linkage),
      function.ordinal, nullptr, nullptr, &cconv));
  return ToStringView(cconv);
}

std::string_view FunctionName(sinew_vm_function_t function) {
  sinew_string_view_t name = {nullptr, 0};
  sinew_status_free(function.module->get_function(
      function.module->self, static_cast<sinew_vm_function_linkage_t>(function.linkage),
      function.ordinal, nullptr, &name, nullptr));
  return ToStringView(name);
}

StatusOr<sinew_vm_function_t> ChooseFunction(sinew_vm_module_t* module, std::string_view name) {
  sinew_vm_function_t function;
  if (!name.empty()) {
    sinew_status_t status = module->lookup_function(module->self, SINEW_VM_LINKAGE_EXPORT,
                                                    ToCStringView(name), &function);
    if (!sinew_status_is_ok(status)) {
      return std::unexpected(Error(status).Annotate(StrCat("looking up function '", name, "'")));
    }
    return function;
  }
  uint32_t count = module->signature(module->self).export_function_count;
  int candidates = 0;
  for (uint32_t i = 0; i < count; ++i) {
    sinew_vm_function_t candidate;
    sinew_string_view_t export_name;
    SINEW_RETURN_IF_ERROR(FromC(module->get_function(module->self, SINEW_VM_LINKAGE_EXPORT, i,
                                                     &candidate, &export_name, nullptr)));
    std::string_view text = ToStringView(export_name);
    if (text.starts_with("__") || text.find('$') != std::string_view::npos) continue;
    function = candidate;
    ++candidates;
  }
  if (candidates == 0) {
    return InvalidArgumentError(
        "no exported functions found in module; at least one must be present");
  }
  if (candidates > 1) {
    return InvalidArgumentError(
        "more than one exported function present; --function= must be specified explicitly");
  }
  return function;
}

}  // namespace sinew::tools
