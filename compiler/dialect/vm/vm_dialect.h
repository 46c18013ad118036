// The `vm` dialect (vm.td): VM types and the generic `vm.inst` instruction op.
#ifndef SINEW_COMPILER_DIALECT_VM_VM_DIALECT_H_
#define SINEW_COMPILER_DIALECT_VM_VM_DIALECT_H_

#include <string>

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "compiler/dialect/vm/vm_dialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "compiler/dialect/vm/vm_types.h.inc"

#define GET_OP_CLASSES
#include "compiler/dialect/vm/vm_ops.h.inc"

namespace sinew::compiler::vm {

// The register bank a VM-level type lives in.
enum class Bank { kI32, kI64, kRef, kInvalid };
// i32/f32 (and i1/i8/i16) -> kI32, i64/f64 -> kI64, !vm.ref<...> -> kRef.
Bank GetBank(mlir::Type type);
// The cconv character of a VM-level type ('i', 'I', 'f', 'F', 'r'); 0 if it has none.
char GetCconvChar(mlir::Type type);

}  // namespace sinew::compiler::vm

#endif  // SINEW_COMPILER_DIALECT_VM_VM_DIALECT_H_
