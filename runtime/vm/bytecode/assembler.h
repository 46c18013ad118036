// The textual VM assembler: turns .vmasm source (reference/VMASM.md) into a ModuleDesc that
// WriteModule() serializes. Used by sinew-as, the tests and the compiler's text path.
#ifndef SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_H_
#define SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_H_

#include <string_view>

#include "runtime/base/status.h"
#include "runtime/vm/bytecode/writer.h"

namespace sinew::vm::bytecode {

// Assembles a whole .vmasm file. Errors carry a VMASM.md section 8 status code and a message
// of the form "FILE:LINE:COL: MESSAGE" (1-based line and column of the offending token).
//
// Beyond what the original assembler accepts (VMASM.md 7.2 and 9), this also reads the
// disassembler's forms (`.rwdata[%iN]` / `.refs[%iN]` indirect globals, `vm.trace "x"(%a)`,
// `vm.switch.ref ... -> T`), the runtime's aligned numbering of 64-bit header arguments,
// `vm.global.ref [private] [mutable] @name` for ref globals addressed by name, and expands
// `%iA:B->%iC:D` remaps into both 32-bit halves.
StatusOr<ModuleDesc> AssembleModule(std::string_view source, std::string_view file_name);

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_H_
