// Which input ops the compiler supports, shared by the input check at the start of the
// pipeline and the conversion to the vm dialect.
#ifndef SINEW_COMPILER_CONVERSION_SUPPORTED_OPS_H_
#define SINEW_COMPILER_CONVERSION_SUPPORTED_OPS_H_

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

namespace sinew::compiler {

// Ops of builtin, func, cf, arith, math, util and vm, tensor.dim and tensor.cast, and (before
// scf is lowered, `with_scf`) scf.
bool IsSupportedOp(mlir::Operation* op, bool with_scf);

// Reports the outermost unsupported op under `root` ("unsupported op 'tensor.pad'"), not the
// ops in its body, and fails if there is one.
mlir::LogicalResult CheckSupportedOps(mlir::Operation* root, bool with_scf);

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_CONVERSION_SUPPORTED_OPS_H_
