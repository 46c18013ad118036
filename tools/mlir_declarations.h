// `sinew-dump-module --mlir-decls`: MLIR declarations of every export of a module, ready to
// paste into a program that calls it, e.g.
//   func.func private @custom.string.length(!custom.string) -> i64
// Types come from the export's `sinew.signature` reflection attribute when it has one (C++
// native functions), else from its cconv with refs as `!vm.ref<?>`. Exports with variadic
// cconvs have no MLIR function type and print as a comment line instead.
#ifndef SINEW_TOOLS_MLIR_DECLARATIONS_H_
#define SINEW_TOOLS_MLIR_DECLARATIONS_H_

#include <string>

#include "runtime/base/status.h"
#include "runtime/vm/module.h"

namespace sinew::tools {

StatusOr<std::string> MlirDeclarations(sinew_vm_module_t* module);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_MLIR_DECLARATIONS_H_
