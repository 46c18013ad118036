// The .vmasm text of a serialized module (module_text.h).
#include "compiler/tools/module_text.h"

#include "runtime/vm/bytecode/disassembler.h"

namespace sinew::compiler {

bool ModuleToText(const std::vector<uint8_t>& module, std::string* text, std::string* error) {
  StatusOr<std::string> result = vm::bytecode::DisassembleModule(module, {});
  if (!result) {
    *error = result.error().ToString();
    return false;
  }
  *text = std::move(*result);
  return true;
}

}  // namespace sinew::compiler
