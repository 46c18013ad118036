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

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_NATIVE_MODULE_METADATA_H_
