// Buffer, list and ref-global instructions: out-of-line handlers the dispatch loop calls.
// Each decodes its operands at `pc` (pointing at the opcode) and returns a status.
#ifndef SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_OBJECT_OPS_H_
#define SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_OBJECT_OPS_H_

#include <cstdint>

#include "runtime/vm/bytecode/bytecode_module_impl.h"
#include "runtime/vm/bytecode/op_table.h"

namespace sinew::vm::bytecode {

// Registers and module state an object instruction may touch.
struct OpContext {
  uint32_t* i32;
  sinew_vm_ref_t* refs;
  BytecodeModuleState* state;
};

// Executes a buffer.* or list.* instruction; `*out_length` receives its encoded size.
sinew_status_t ExecuteObjectOp(Opcode opcode, const uint8_t* pc, const OpContext& context,
                               uint32_t* out_length);

// True if `ref` may be stored where `type` is expected: null, the exact ref type, or any ref
// when the annotation is !vm.opaque (IREE compiles !vm.ref<?> to it).
inline bool RefMatchesType(const sinew_vm_ref_t& ref, const sinew_vm_type_def_t& type) {
  if (!ref.ptr) return true;
  if (sinew_vm_type_def_is_variant(type)) return true;
  return type.ref_type == ref.type;
}

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_OBJECT_OPS_H_
