// Parsing of --module= values, and loading of the shared libraries they name.
#include "tools/module_spec.h"

#include "runtime/base/str_cat.h"
#include "runtime/base/strings.h"
#include "runtime/vm/dynamic/dynamic_module.h"

namespace sinew::tools {
namespace {

std::vector<std::pair<std::string, std::string>> ParseParams(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> params;
  text = Trim(text);
  while (!text.empty()) {
    size_t end = text.find('&');
    std::string_view pair = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    if (equals == std::string_view::npos) {
      params.emplace_back(std::string(pair), std::string());
    } else {
      params.emplace_back(std::string(pair.substr(0, equals)),
                          std::string(pair.substr(equals + 1)));
    }
  }
  return params;
}

}  // namespace

bool IsSharedLibraryPath(std::string_view path) {
  std::string_view name =
      path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view extension = name.substr(dot + 1);
  return extension == "so" || extension == "dll" || extension == "dylib" || extension == "sos";
}

ModuleSpec ParseModuleSpec(std::string_view value) {
  ModuleSpec spec;
  size_t at = value.find('@');
  std::string_view rest;
  if (at != std::string_view::npos) {
    spec.path = value.substr(0, at);
    rest = value.substr(at + 1);
  } else if (size_t question = value.find('?');
             question != std::string_view::npos && IsSharedLibraryPath(value.substr(0, question))) {
    spec.path = value.substr(0, question);
    rest = value.substr(question);
  } else {
    spec.path = value;
  }
  if (!IsSharedLibraryPath(spec.path)) return spec;
  spec.kind = ModuleSpec::Kind::kDynamic;
  size_t question = rest.find('?');
  spec.entry = rest.substr(0, question);
  if (question != std::string_view::npos) spec.params = ParseParams(rest.substr(question + 1));
  return spec;
}

StatusOr<sinew_vm_module_t*> LoadDynamicModule(sinew_vm_instance_t* instance,
                                               const ModuleSpec& spec) {
  std::vector<sinew_string_pair_t> params;
  for (const auto& [key, value] : spec.params) {
    params.push_back({ToCStringView(key), ToCStringView(value)});
  }
  auto module = vm::LoadDynamicModule(instance, spec.path, spec.entry, params);
  if (!module.has_value()) {
    return std::unexpected(
        std::move(module).error().Annotate(StrCat("loading dynamic module at '", spec.path, "'")));
  }
  return module;
}

}  // namespace sinew::tools
