// Opens the module a tool inspects (sinew-dump-module), whatever it is: a bytecode file
// (`module.vmb`, `-` for stdin), a shared library (`lib.so@create_fn?k=v`) or a native module
// linked into the tools, named by its module name (`yieldable_test`).
#ifndef SINEW_TOOLS_MODULE_SOURCE_H_
#define SINEW_TOOLS_MODULE_SOURCE_H_

#include <string>
#include <string_view>

#include "runtime/base/status.h"
#include "runtime/vm/instance.h"
#include "runtime/vm/module.h"

namespace sinew::tools {

// A module and the instance it was created on.
class OpenedModule {
 public:
  enum class Kind { kBytecode, kDynamic, kTooling };

  OpenedModule(OpenedModule&& other) noexcept;
  OpenedModule& operator=(OpenedModule&&) = delete;
  ~OpenedModule();

  sinew_vm_module_t* module() const { return module_; }
  Kind kind() const { return kind_; }

 private:
  friend StatusOr<OpenedModule> OpenModuleSource(std::string_view source);
  OpenedModule(sinew_vm_instance_t* instance, sinew_vm_module_t* module, Kind kind)
      : instance_(instance), module_(module), kind_(kind) {}

  sinew_vm_instance_t* instance_;
  sinew_vm_module_t* module_;
  Kind kind_;
};

// A path with a shared-library extension is a library; an existing file (or `-`) is bytecode;
// otherwise `source` must name a tooling module. NOT_FOUND lists the tooling modules.
StatusOr<OpenedModule> OpenModuleSource(std::string_view source);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_MODULE_SOURCE_H_
