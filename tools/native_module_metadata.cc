// Metadata of native modules for sinew-dump-module.
#include "tools/native_module_metadata.h"

#include <cstdio>

#include "runtime/base/str_cat.h"
#include "tools/dump_text.h"
#include "tools/function_attrs.h"

namespace sinew::tools {
namespace {

std::string Index(uint32_t i) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "  [%3u] ", i);
  return buffer;
}

std::string FunctionAttrLines(sinew_vm_module_t* module, sinew_vm_function_linkage_t linkage,
                              uint32_t ordinal) {
  std::string out;
  ForEachFunctionAttr(module, linkage, ordinal, [&](std::string_view key, std::string_view value) {
    out += StrCat("        ", key, ": ", value, "\n");
  });
  return out;
}

sinew_status_t AppendDependency(void* user_data, const sinew_vm_module_dependency_t* dependency) {
  bool optional = dependency->flags & SINEW_VM_MODULE_DEPENDENCY_OPTIONAL;
  *static_cast<std::string*>(user_data) +=
      StrCat("  ", ToStringView(dependency->name), ", version >= ", dependency->minimum_version,
             ", ", optional ? "optional" : "required", "\n");
  return sinew_ok_status();
}

}  // namespace

StatusOr<std::string> NativeModuleMetadata(sinew_vm_module_t* module, std::string_view origin) {
  sinew_vm_module_signature_t signature = module->signature(module->self);
  std::string out = DumpHeader(
      StrCat("@", ToStringView(sinew_vm_module_name(module)), " : version ", signature.version));
  out += StrCat("\nNative module: ", origin, "\n\n");

  std::string attrs;
  for (uint32_t i = 0; module->get_module_attr && i < signature.attr_count; ++i) {
    sinew_string_pair_t attr;
    SINEW_RETURN_IF_ERROR(FromC(module->get_module_attr(module->self, i, &attr)));
    attrs += StrCat("  ", ToStringView(attr.key), ": ", ToStringView(attr.value), "\n");
  }
  if (!attrs.empty()) out += StrCat("Attributes:\n", attrs, "\n");

  std::string dependencies;
  if (module->enumerate_dependencies) {
    SINEW_RETURN_IF_ERROR(
        FromC(module->enumerate_dependencies(module->self, AppendDependency, &dependencies)));
  }
  if (!dependencies.empty()) out += StrCat("Module Dependencies:\n", dependencies, "\n");

  if (signature.import_function_count) {
    out += "Imported Functions:\n";
    for (uint32_t i = 0; i < signature.import_function_count; ++i) {
      sinew_vm_function_t function;
      sinew_string_view_t name;
      sinew_string_view_t cconv;
      SINEW_RETURN_IF_ERROR(FromC(module->get_function(module->self, SINEW_VM_LINKAGE_IMPORT, i,
                                                       &function, &name, &cconv)));
      bool optional = function.linkage == SINEW_VM_LINKAGE_IMPORT_OPTIONAL;
      out += StrCat(Index(i), optional ? "?" : "", ToStringView(name),
                    CconvSignatureText(ToStringView(cconv)), "\n");
      out += FunctionAttrLines(module, SINEW_VM_LINKAGE_IMPORT, i);
    }
    out += "\n";
  }

  if (signature.export_function_count) {
    out += "Exported Functions:\n";
    for (uint32_t i = 0; i < signature.export_function_count; ++i) {
      sinew_string_view_t name;
      sinew_string_view_t cconv;
      SINEW_RETURN_IF_ERROR(FromC(
          module->get_function(module->self, SINEW_VM_LINKAGE_EXPORT, i, nullptr, &name, &cconv)));
      out += StrCat(Index(i), ToStringView(name), CconvSignatureText(ToStringView(cconv)), "\n");
      out += FunctionAttrLines(module, SINEW_VM_LINKAGE_EXPORT, i);
    }
    out += "\n";
  }
  return out;
}

}  // namespace sinew::tools
