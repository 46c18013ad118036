// Which input ops the compiler supports (supported_ops.h).
#include "compiler/conversion/supported_ops.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"

namespace sinew::compiler {

using namespace mlir;

bool IsSupportedOp(Operation* op, bool with_scf) {
  StringRef name = op->getName().getDialectNamespace();
  if (name == "tensor") return isa<tensor::DimOp, tensor::CastOp>(op);
  if (name == "scf") return with_scf;
  return name == "builtin" || name == "func" || name == "cf" || name == "arith" || name == "math" ||
         name == "util" || name == "vm";
}

LogicalResult CheckSupportedOps(Operation* root, bool with_scf) {
  WalkResult walk = root->walk<WalkOrder::PreOrder>([&](Operation* op) {
    if (IsSupportedOp(op, with_scf)) return WalkResult::advance();
    op->emitError("unsupported op '") << op->getName() << "'";
    return WalkResult::interrupt();
  });
  return failure(walk.wasInterrupted());
}

}  // namespace sinew::compiler
