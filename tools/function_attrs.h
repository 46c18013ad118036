// Reading a function's reflection attributes through the module interface.
#ifndef SINEW_TOOLS_FUNCTION_ATTRS_H_
#define SINEW_TOOLS_FUNCTION_ATTRS_H_

#include <optional>
#include <string_view>

#include "runtime/base/status.h"
#include "runtime/vm/module.h"

namespace sinew::tools {

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

// The value of attribute `key` of export `ordinal`, if it has one.
inline std::optional<std::string_view> FindExportAttr(sinew_vm_module_t* module, uint32_t ordinal,
                                                      std::string_view key) {
  std::optional<std::string_view> found;
  ForEachFunctionAttr(module, SINEW_VM_LINKAGE_EXPORT, ordinal,
                      [&](std::string_view attr_key, std::string_view value) {
                        if (!found && attr_key == key) found = value;
                      });
  return found;
}

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_FUNCTION_ATTRS_H_
