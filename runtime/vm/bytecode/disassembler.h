// The disassembler: prints .vmb modules as VM assembly (reference/VMASM.md section 9) that
// the assembler reads back, and single instructions for execution tracing. Safe on arbitrary
// bytes: every read is bounds-checked and malformed input gives an error status.
#ifndef SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_H_
#define SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_H_

#include <cstdint>
#include <span>
#include <string>

#include "runtime/base/status.h"
#include "runtime/vm/ref.h"

namespace sinew::vm::bytecode {

namespace fb {
struct Module;
}  // namespace fb

struct DisassemblyOptions {
  // Only the function with this printed name or decimal internal ordinal; empty prints all.
  std::string function;
  // Prefix each body line with its bytecode offset as `[XXXXXXXX]`.
  bool bytecode_offsets = false;
};

// Verifies the FlatBuffer and prints the whole module.
StatusOr<std::string> DisassembleModule(std::span<const uint8_t> module_file,
                                        const DisassemblyOptions& options);

// Prints the instruction at `pc` of internal function `function_ordinal` (whose bytecode is
// `function_code`) into `out` and stores the offset of the next instruction in `out_next_pc`.
// When register files are given, every source register is followed by its current value in
// parentheses (VMASM.md section 9, last paragraph). `module` must be verified.
Status FormatInstruction(const fb::Module& module, uint32_t function_ordinal,
                         std::span<const uint8_t> function_code, uint32_t pc,
                         const uint32_t* i32_registers, const sinew_vm_ref_t* ref_registers,
                         std::string* out, uint32_t* out_next_pc);

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_H_
