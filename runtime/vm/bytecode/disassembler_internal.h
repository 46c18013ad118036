// Internal interfaces of the disassembler: instruction printing shared by module disassembly
// and execution tracing.
#ifndef SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_INTERNAL_H_
#define SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_INTERNAL_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "runtime/base/status.h"
#include "runtime/vm/bytecode/disassembler_decoder.h"
#include "runtime/vm/bytecode/module_def_access.h"
#include "runtime/vm/bytecode/module_def_generated.h"
#include "runtime/vm/ref.h"

namespace sinew::vm::bytecode::disassembler_internal {

// Register files whose values are printed after source operands (tracing); null = none.
struct RegisterValues {
  const uint32_t* i32 = nullptr;
  uint32_t i32_count = 0;
  const sinew_vm_ref_t* refs = nullptr;
  uint32_t ref_count = 0;
};

struct PrintContext {
  const fb::Module* module = nullptr;
  std::span<const uint32_t> blocks;  // block offsets of the function, from ScanBlocks
  RegisterValues registers;
};

// Appends the text of one instruction other than a Block marker.
Status PrintInstruction(const PrintContext& context, const DecodedInstruction& instruction,
                        std::string* out);

// Callee text without '@': an import's full name, MODULE.EXPORT, or MODULE:N.
StatusOr<std::string> CalleeName(const fb::Module& module, uint32_t operand);

// Name of an exported function: its first export by ordinal; empty if not exported.
std::string_view FirstExportName(const fb::Module& module, uint32_t function_ordinal);

}  // namespace sinew::vm::bytecode::disassembler_internal

#endif  // SINEW_RUNTIME_VM_BYTECODE_DISASSEMBLER_INTERNAL_H_
