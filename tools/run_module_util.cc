// Module loading, function choice, input parsing and result printing for the tools.
#include "tools/run_module_util.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/base/str_cat.h"
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

ModuleSet::~ModuleSet() {
  for (sinew_vm_module_t* module : modules_) sinew_vm_module_release(module);
  for (sinew_vm_module_t* module : tooling_) sinew_vm_module_release(module);
  sinew_vm_instance_release(instance_);
}

Status ModuleSet::Initialize() {
  SINEW_RETURN_IF_ERROR(FromC(sinew_vm_instance_create(sinew_allocator_system(), &instance_)));
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
    SINEW_RETURN_IF_ERROR(AddImportedToolingModules(module));
  }
  if (modules_.empty()) {
    return InvalidArgumentError(
        "no user module specified; use --module=file.vmb to load from a file or --module=- to "
        "load from stdin");
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

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string_view ScalarTypeName(char kind) {
  return kind == 'i' ? "i32" : kind == 'I' ? "i64" : kind == 'f' ? "f32" : "f64";
}

// Parses all of `text` (already trimmed) as a number of scalar cconv `kind`. Integers take C's
// base prefixes (0x hex, leading-0 octal), and i32 also the unsigned 32-bit range.
StatusOr<sinew_vm_value_t> ParseNumber(char kind, std::string_view spec, std::string_view text) {
  std::string terminated(text);
  const char* begin = terminated.c_str();
  char* end = nullptr;
  errno = 0;
  bool in_range = true;
  sinew_vm_value_t value;
  switch (kind) {
    case 'i': {
      long long number = std::strtoll(begin, &end, 0);
      in_range = errno != ERANGE && number >= INT32_MIN && number <= UINT32_MAX;
      value = sinew_vm_value_make_i32(static_cast<int32_t>(number));
      break;
    }
    case 'I':
      value = sinew_vm_value_make_i64(std::strtoll(begin, &end, 0));
      in_range = errno != ERANGE;
      break;
    case 'f':
      value = sinew_vm_value_make_f32(std::strtof(begin, &end));
      in_range = !(errno == ERANGE && std::isinf(value.f32));
      break;
    default:
      value = sinew_vm_value_make_f64(std::strtod(begin, &end));
      in_range = !(errno == ERANGE && std::isinf(value.f64));
      break;
  }
  std::string_view type = ScalarTypeName(kind);
  if (text.empty() || *end != '\0') {
    return InvalidArgumentError(
        StrCat("parsing value `", spec, "` as ", type, ": `", text, "` is not a number"));
  }
  if (!in_range) {
    return InvalidArgumentError(
        StrCat("parsing value `", spec, "` as ", type, ": out of range for ", type));
  }
  return value;
}

// Parses one --input value for an argument of cconv `kind`.
StatusOr<sinew_vm_variant_t> ParseInput(char kind, std::string_view spec) {
  if (spec.empty()) return InvalidArgumentError("no value specified for input");
  sinew_vm_variant_t variant = sinew_vm_variant_empty();
  bool null = spec == "(null)" || spec == "(ignored)";
  size_t equals = spec.find('=');
  if (kind == 'r') {
    if (null) return variant;
    if (equals == std::string_view::npos) {
      return InvalidArgumentError(StrCat("parsing value `", spec,
                                         "` as a ref: expected a ref but got a scalar; pass "
                                         "`(null)` for a null ref"));
    }
    return UnimplementedError(StrCat("parsing value `", spec,
                                     "` as a ref: tensor inputs are not supported yet; pass "
                                     "`(null)` for a null ref"));
  }
  std::string_view expected = ScalarTypeName(kind);
  std::string_view type = equals == std::string_view::npos ? "" : Trim(spec.substr(0, equals));
  if (equals != std::string_view::npos && type != expected) {
    return InvalidArgumentError(StrCat("parsing value `", spec, "` as ", expected, ": expected ",
                                       expected, " but got ", type.empty() ? "no type" : type));
  }
  std::string_view text =
      null ? "0" : Trim(spec.substr(equals == std::string_view::npos ? 0 : equals + 1));
  SINEW_ASSIGN_OR_RETURN(sinew_vm_value_t value, ParseNumber(kind, spec, text));
  variant.type = sinew_vm_make_value_type_def(value.type);
  variant.i64 = value.i64;
  return variant;
}

}  // namespace

StatusOr<sinew_vm_list_t*> ParseInputs(std::string_view cconv,
                                       const std::vector<std::string>& inputs) {
  std::string_view kinds = vm::CconvFragment(cconv, false);
  if (inputs.size() > kinds.size()) {
    Error error(StatusCode::kInvalidArgument,
                StrCat("function expected fewer input values; it takes ", kinds.size(), " (cconv `",
                       cconv, "`) but ", inputs.size(), " were given"));
    return std::unexpected(std::move(error.Annotate("parsing function inputs")));
  }
  sinew_vm_list_t* list = nullptr;
  SINEW_RETURN_IF_ERROR(FromC(sinew_vm_list_create(sinew_vm_make_variant_type_def(), inputs.size(),
                                                   sinew_allocator_system(), &list)));
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::string_view spec = Trim(inputs[i]);
    auto variant = ParseInput(kinds[i], spec);
    Status pushed = variant.has_value() ? FromC(sinew_vm_list_push_variant_retain(list, &*variant))
                                        : std::unexpected(std::move(variant).error());
    if (!pushed.has_value()) {
      sinew_vm_list_release(list);
      return std::unexpected(std::move(pushed)
                                 .error()
                                 .Annotate(StrCat("parsing input ", i, " `", spec, "`"))
                                 .Annotate("parsing function inputs"));
    }
  }
  return list;
}

std::string FormatVariant(const sinew_vm_variant_t& variant) {
  char buffer[64];
  if (sinew_vm_variant_is_value(&variant)) {
    switch (variant.type.value_type) {
      case SINEW_VM_VALUE_TYPE_I8:
        return StrCat("i8=", static_cast<int>(variant.i8));
      case SINEW_VM_VALUE_TYPE_I16:
        return StrCat("i16=", static_cast<int>(variant.i16));
      case SINEW_VM_VALUE_TYPE_I32:
        return StrCat("i32=", variant.i32);
      case SINEW_VM_VALUE_TYPE_I64:
        return StrCat("i64=", variant.i64);
      case SINEW_VM_VALUE_TYPE_F32:
        std::snprintf(buffer, sizeof(buffer), "f32=%g", static_cast<double>(variant.f32));
        return buffer;
      case SINEW_VM_VALUE_TYPE_F64:
        std::snprintf(buffer, sizeof(buffer), "f64=%g", variant.f64);
        return buffer;
      default:
        break;
    }
  }
  if (!sinew_vm_variant_is_ref(&variant) || !variant.ref.ptr) return "(null)";
  if (sinew_vm_list_t* list = sinew_vm_list_deref(&variant.ref)) {
    std::string out = "vm.list\n";
    for (uint64_t i = 0; i < sinew_vm_list_size(list); ++i) {
      sinew_vm_variant_t child;
      sinew_status_t status = sinew_vm_list_get_variant_retain(list, i, &child);
      if (!sinew_status_is_ok(status)) {
        out += StrCat("child_list[", i, "]: ", Error(status).ToString(), "\n");
        continue;
      }
      out += StrCat("child_list[", i, "]: ", FormatVariant(child), "\n");
      if (sinew_vm_variant_is_ref(&child)) sinew_vm_ref_release(&child.ref);
    }
    return out;
  }
  return StrCat(sinew_vm_ref_type_name(variant.ref.type), "\n(no printer)");
}

void PrintResults(sinew_vm_list_t* outputs) {
  for (uint64_t i = 0; i < sinew_vm_list_size(outputs); ++i) {
    sinew_vm_variant_t variant;
    sinew_status_t status = sinew_vm_list_get_variant_retain(outputs, i, &variant);
    if (!sinew_status_is_ok(status)) {
      std::printf("result[%" PRIu64 "]: %s\n", i, Error(status).ToString().c_str());
      continue;
    }
    std::printf("result[%" PRIu64 "]: %s\n", i, FormatVariant(variant).c_str());
    if (sinew_vm_variant_is_ref(&variant)) sinew_vm_ref_release(&variant.ref);
  }
}

}  // namespace sinew::tools
