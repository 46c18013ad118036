// Load-time verification of bytecode modules. A module that passes VerifyModule can be executed
// without register, branch-target or ordinal checks: the interpreter trusts verified code.
#ifndef SINEW_RUNTIME_VM_BYTECODE_VERIFIER_H_
#define SINEW_RUNTIME_VM_BYTECODE_VERIFIER_H_

#include <span>

#include "runtime/base/status.h"
#include "runtime/vm/bytecode/op_table.h"
#include "runtime/vm/bytecode/verifier_internal.h"

namespace sinew::vm::bytecode {

// Checks the container, every function header and every instruction against the format
// (op_table.h) and the rules of VM_OPS.md section 25. Precondition: the buffer already passed
// fb::VerifyModuleBuffer. Errors name the function and pc: "function 'f' pc 12: ...".
Status VerifyModule(const fb::Module& module);

// VerifyModule in two steps, for the loader: it sizes its executable copy of the code after
// the headers are known to be sound, and the body walk writes internal forms into that copy.
class ModuleVerifier {
 public:
  explicit ModuleVerifier(const fb::Module& module);
  ModuleVerifier(const ModuleVerifier&) = delete;
  ModuleVerifier& operator=(const ModuleVerifier&) = delete;

  // The container's tables, imports, exports and every function header, including that the
  // function bodies lie inside the bytecode in ordinal order without overlapping.
  Status VerifyHeaders();

  // Walks every function body; call after VerifyHeaders succeeded. When `executable` is not
  // empty it has one entry per function: a copy of that function's body, all in one
  // allocation, each preceded by its ExecutablePrefix. Where the verified code allows, the walk
  // replaces opcodes in the copy with the internal forms of op_table.def. Operands stay in
  // place, but in the copy every block operand (BRANCH, BLOCK) holds the signed byte distance
  // from the operand to the first instruction of the target block (past its marker), the FUNC
  // operand of call.internal.scalar the signed byte distance from the call to the callee's
  // copy, and call.internal.scalar.1's argument count the callee's frame size.
  Status VerifyBodies(std::span<uint8_t* const> executable = {});

  // The function headers, once VerifyHeaders succeeded. Signature items may point into the
  // verifier (Signature::in_cconv), so they are valid only while it lives.
  std::span<const verifier_internal::FunctionHeader> functions() const {
    return {info_.functions, info_.function_count};
  }
  // One per Module.cconvs entry, with the same lifetime.
  std::span<const verifier_internal::Signature> cconv_signatures() const {
    return cconv_signatures_;
  }

 private:
  const fb::Module& module_;
  verifier_internal::ScratchBuffer<char, 512> cconv_arena_;
  verifier_internal::ScratchBuffer<verifier_internal::FunctionHeader, 32> functions_;
  verifier_internal::ScratchBuffer<verifier_internal::Signature, 16> signatures_;  // Module.cconvs
  verifier_internal::ModuleInfo info_;
  std::span<const verifier_internal::Signature> cconv_signatures_;
};

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
