// sinew-dump-module's metadata of a native module (one linked into the tools or loaded from a
// shared library), read through the module interface in the layout of reference/TOOLS.md
// section 7.1: attributes, dependencies, imports, and exports with their reflection
// attributes (for C++ functions, `sinew.signature` names their ref types).
#ifndef SINEW_TOOLS_NATIVE_MODULE_METADATA_H_
#define SINEW_TOOLS_NATIVE_MODULE_METADATA_H_

#include <string>
#include <string_view>

#include "runtime/base/status.h"
#include "runtime/vm/module.h"

namespace sinew::tools {

// `origin` says where the module came from, e.g. "tooling module linked into the tools".
StatusOr<std::string> NativeModuleMetadata(sinew_vm_module_t* module, std::string_view origin);

// Calls `visit(key, value)` for each reflection attribute of a function (none when the module
// has no attribute entry); stops at the first index the module does not answer.
template <typename Visit>
void ForEachFunctionAttr(sinew_vm_module_t* module, sinew_vm_function_linkage_t linkage,
                         uint32_t ordinal, Visit visit) {
  if (!module->get_function_attr) return;
  for (uint32_t i = 0;; ++i) {
    sinew_string_pair_t attr;
    sinew_status_t status = module->get_function_attr(module->self, linkage, ordinal, i, &attr);
    if (!sinew_status_is_ok(status)) {
      sinew_status_free(status);
      return;
    }
    visit(ToStringView(attr.key), ToStringView(attr.value));
  }
}

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_NATIVE_MODULE_METADATA_H_
