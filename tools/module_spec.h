// The value of a tool's --module= flag (reference/TOOLS.md section 2.2): a bytecode file, or a
// shared library with an optional create function and parameters,
// `path/lib.so@create_fn?key=value&key2=value2`.
#ifndef SINEW_TOOLS_MODULE_SPEC_H_
#define SINEW_TOOLS_MODULE_SPEC_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

namespace sinew::tools {

struct ModuleSpec {
  enum class Kind { kBytecode, kDynamic };
  Kind kind = Kind::kBytecode;
  // The file; "-" is stdin (bytecode only).
  std::string path;
  // Dynamic modules: the create function; empty means the default.
  std::string entry;
  std::vector<std::pair<std::string, std::string>> params;
};

// Splits at the first `@` (path, then `entry?params`), then at the first `?`. The path's
// extension decides the kind: `so`, `dll`, `dylib` or `sos` is a shared library. Unlike IREE,
// `lib.so?k=v` (no `@`) is read as a library with parameters too. Parameters are `k=v` pairs
// joined by `&`; a key without `=` gets an empty value, and empty pairs are skipped.
ModuleSpec ParseModuleSpec(std::string_view value);

// Whether `path` names a shared library by its extension.
bool IsSharedLibraryPath(std::string_view path);

// Loads the shared library module `spec` names; errors are annotated
// `loading dynamic module at '<path>'`.
StatusOr<sinew_vm_module_t*> LoadDynamicModule(sinew_vm_instance_t* instance,
                                               const ModuleSpec& spec);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_MODULE_SPEC_H_
