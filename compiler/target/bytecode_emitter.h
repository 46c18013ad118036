// Emits a module in vm form (after sinew-convert-to-vm) as a .vmb file through the runtime's
// bytecode writer: imports, exports, globals, rodata, types, and every function's
// instructions with registers from register_allocation.h and MLIR source locations.
#ifndef SINEW_COMPILER_TARGET_BYTECODE_EMITTER_H_
#define SINEW_COMPILER_TARGET_BYTECODE_EMITTER_H_

#include <cstdint>
#include <vector>

#include "mlir/IR/BuiltinOps.h"

namespace sinew::compiler {

// Reports problems as MLIR diagnostics at the offending op and fails.
mlir::FailureOr<std::vector<uint8_t>> EmitBytecodeModule(mlir::ModuleOp module);

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_TARGET_BYTECODE_EMITTER_H_
