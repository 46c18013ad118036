// Execution tracing: prints each instruction's location and mnemonic as it executes.
#include "runtime/vm/bytecode/interpreter_trace.h"

#include <cstdio>

#include "runtime/vm/bytecode/bytecode_module_impl.h"
#include "runtime/vm/bytecode/interpreter_util.h"
#include "runtime/vm/bytecode/op_table.h"

namespace sinew::vm::bytecode {

void TraceInstruction(sinew_vm_stack_t*, const StackFrame* frame, const uint8_t* code, uint32_t,
                      const uint8_t* pc, const uint32_t*, const sinew_vm_ref_t*) {
  auto* module = static_cast<BytecodeModule*>(frame->function.module->self);
  const FunctionInfo& function = module->functions[frame->function.ordinal];
  uint32_t offset = static_cast<uint32_t>(pc - code);
  char name[32];
  if (function.name.empty()) {
    std::snprintf(name, sizeof(name), "@%u", function.ordinal);
  } else {
    std::snprintf(name, sizeof(name), ".");
  }
  std::string_view mnemonic = GetOpInfo(static_cast<Opcode>(ReadU16(pc))).mnemonic;
  std::fprintf(stderr, "[%.*s%s%.*s+%08X]    vm.%.*s\n", static_cast<int>(module->name.size()),
               module->name.data(), name, static_cast<int>(function.name.size()),
               function.name.data(), offset, static_cast<int>(mnemonic.size()), mnemonic.data());
}

}  // namespace sinew::vm::bytecode
