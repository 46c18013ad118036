// Execution tracing through the disassembler's instruction printer.
#include "runtime/vm/bytecode/interpreter_trace.h"

#include <cstdio>
#include <string>

#include "runtime/vm/bytecode/bytecode_module_impl.h"
#include "runtime/vm/bytecode/disassembler.h"

namespace sinew::vm::bytecode {

void TraceInstruction(sinew_vm_stack_t*, const StackFrame* frame, const uint8_t* code,
                      uint32_t code_length, const uint8_t* pc, const uint32_t* i32,
                      const sinew_vm_ref_t* refs) {
  const auto& function = *reinterpret_cast<const FunctionInfo*>(frame->function);
  auto* module = static_cast<BytecodeModule*>(function.self.module->self);
  uint32_t offset = static_cast<uint32_t>(pc - code);
  std::string text;
  uint32_t next_pc = 0;
  Status status =
      FormatInstruction(*module->def, function.ordinal, std::span<const uint8_t>(code, code_length),
                        offset, i32, refs, &text, &next_pc);
  if (!status.has_value()) text = "<<disassembly failed>>";
  char name[32];
  if (function.name.empty()) {
    std::snprintf(name, sizeof(name), "@%u", function.ordinal);
  } else {
    std::snprintf(name, sizeof(name), ".");
  }
  std::fprintf(stderr, "[%.*s%s%.*s+%08X]    %s\n", static_cast<int>(module->name.size()),
               module->name.data(), name, static_cast<int>(function.name.size()),
               function.name.data(), offset, text.c_str());
}

}  // namespace sinew::vm::bytecode
