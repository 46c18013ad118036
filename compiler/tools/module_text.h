// The .vmasm text of a serialized module, for sinew-compile --output-format=vmasm. Compiled
// apart from the MLIR code (C++20) because it uses the runtime's C++23 Status API.
#ifndef SINEW_COMPILER_TOOLS_MODULE_TEXT_H_
#define SINEW_COMPILER_TOOLS_MODULE_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace sinew::compiler {

// Disassembles `module` into `text`; on failure returns false with the reason in `error`.
bool ModuleToText(const std::vector<uint8_t>& module, std::string* text, std::string* error);

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_TOOLS_MODULE_TEXT_H_
