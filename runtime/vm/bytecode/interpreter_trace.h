// Execution tracing: one stderr line per executed instruction with its operand values.
#ifndef SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_TRACE_H_
#define SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_TRACE_H_

#include <cstdint>

#include "runtime/vm/ref.h"
#include "runtime/vm/stack.h"

namespace sinew::vm::bytecode {

// Prints `[module.fn+PC]    <instruction with register values>` for the instruction at pc.
void TraceInstruction(sinew_vm_stack_t* stack, const StackFrame* frame, const uint8_t* code,
                      uint32_t code_length, const uint8_t* pc, const uint32_t* i32,
                      const sinew_vm_ref_t* refs);

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_TRACE_H_
