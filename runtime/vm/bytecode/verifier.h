// Load-time verification of bytecode modules. A module that passes VerifyModule can be executed
// without register, branch-target or ordinal checks: the interpreter trusts verified code.
#ifndef SINEW_RUNTIME_VM_BYTECODE_VERIFIER_H_
#define SINEW_RUNTIME_VM_BYTECODE_VERIFIER_H_

#include <vector>

#include "runtime/base/status.h"
#include "runtime/vm/bytecode/op_table.h"

namespace sinew::vm::bytecode {

namespace fb {
struct Module;
}  // namespace fb

// Checks the container, every function header and every instruction against the format
// (op_table.h) and the rules of VM_OPS.md section 25. Precondition: the buffer already passed
// fb::VerifyModuleBuffer. Errors name the function and pc: "function 'f' pc 12: ...".
Status VerifyModule(const fb::Module& module);

// Where the loader may replace an opcode with an internal superinstruction (op_table.def):
// the byte offset of the sequence's first instruction in the module's bytecode.
struct FusionSite {
  uint32_t offset;
  Opcode opcode;
};

// VerifyModule that also collects the fusion sites of the verified code, in bytecode order.
Status VerifyModule(const fb::Module& module, std::vector<FusionSite>* fusion_sites);

// True for the instructions that end a block: control never falls through them into the next
// block in verified code (fail with a zero code is the one run-time exception).
constexpr bool IsBlockTerminator(Opcode opcode) {
  switch (opcode) {
    case Opcode::kBr:
    case Opcode::kCondBr:
    case Opcode::kBrTable:
    case Opcode::kReturn:
    case Opcode::kFail:
    case Opcode::kYield:
    case Opcode::kCallYieldable:
    case Opcode::kCallVariadicYieldable:
    case Opcode::kBreak:
    case Opcode::kCondBreak:
      return true;
    default:
      return false;
  }
}

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_VERIFIER_H_
