// The dialects and pass pipeline of the compiler (pipeline.h).
#include "compiler/pipeline.h"

#include "compiler/conversion/passes.h"
#include "compiler/dialect/util/util_dialect.h"
#include "compiler/dialect/vm/vm_dialect.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

namespace sinew::compiler {

using namespace mlir;

void RegisterDialects(DialectRegistry& registry) {
  registry.insert<arith::ArithDialect, cf::ControlFlowDialect, func::FuncDialect, math::MathDialect,
                  scf::SCFDialect, tensor::TensorDialect, util::UtilDialect, vm::VMDialect>();
}

void BuildPipeline(OpPassManager& pm, const PipelineOptions& options) {
  pm.addPass(CreateCheckInputPass());
  pm.addPass(CreateInitFunctionPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createSymbolDCEPass());
  pm.addPass(arith::createArithExpandOpsPass());
  pm.addPass(CreateLoopRotationPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(CreateExpandImportFallbacksPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(CreateConvertToVMPass(options.index_bits));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void RegisterPassesAndPipeline() {
  registerPass([] { return CreateCheckInputPass(); });
  registerPass([] { return CreateInitFunctionPass(); });
  registerPass([] { return CreateLoopRotationPass(); });
  registerPass([] { return CreateExpandImportFallbacksPass(); });
  registerPass([] { return CreateConvertToVMPass(); });
  PassPipelineRegistration<>("sinew-vm-pipeline",
                             "The whole sinew-compile pipeline from input MLIR to vm form",
                             [](OpPassManager& pm) { BuildPipeline(pm, PipelineOptions{}); });
}

}  // namespace sinew::compiler
