// sinew-check-input (passes.h): the first pass of the pipeline rejects ops the compiler does
// not support before any other pass sees them, so the error names the op the user wrote.
#include "compiler/conversion/passes.h"
#include "compiler/conversion/supported_ops.h"
#include "mlir/IR/BuiltinOps.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

struct CheckInputPass : PassWrapper<CheckInputPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(CheckInputPass)
  StringRef getArgument() const override { return "sinew-check-input"; }
  StringRef getDescription() const override {
    return "Reject ops the compiler does not support, naming the outermost one";
  }
  void runOnOperation() override {
    if (failed(CheckSupportedOps(getOperation(), /*with_scf=*/true))) signalPassFailure();
  }
};

}  // namespace

std::unique_ptr<Pass> CreateCheckInputPass() { return std::make_unique<CheckInputPass>(); }

}  // namespace sinew::compiler
