// sinew-opt: mlir-opt with Sinew's dialects and passes registered, for testing each pass.
#include "compiler/pipeline.h"
#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char** argv) {
  mlir::DialectRegistry registry;
  sinew::compiler::RegisterDialects(registry);
  mlir::registerTransformsPasses();
  mlir::registerSCFToControlFlowPass();
  mlir::arith::registerArithExpandOpsPass();
  sinew::compiler::RegisterPassesAndPipeline();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Sinew optimizer driver\n", registry));
}
