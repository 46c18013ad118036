// The compiler's dialects and its pass pipeline from input MLIR to vm form, shared by
// sinew-compile and sinew-opt.
#ifndef SINEW_COMPILER_PIPELINE_H_
#define SINEW_COMPILER_PIPELINE_H_

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"

namespace sinew::compiler {

struct PipelineOptions {
  unsigned index_bits = 64;
};

// func, arith, cf, scf, math, tensor, util and vm.
void RegisterDialects(mlir::DialectRegistry& registry);

// Simplify (canonicalize, CSE, drop unused private functions), lower scf to cf, expand
// optional-import fallbacks, convert to the vm dialect and clean up.
void BuildPipeline(mlir::OpPassManager& pm, const PipelineOptions& options);

// The compiler's passes and the whole pipeline (`sinew-vm-pipeline`) for sinew-opt.
void RegisterPassesAndPipeline();

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_PIPELINE_H_
