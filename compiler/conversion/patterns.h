// The rewrite patterns of the conversion to the vm dialect, grouped by source dialect.
#ifndef SINEW_COMPILER_CONVERSION_PATTERNS_H_
#define SINEW_COMPILER_CONVERSION_PATTERNS_H_

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"

#include "compiler/conversion/vm_type_converter.h"

namespace sinew::compiler {

void PopulateArithToVMPatterns(const VMTypeConverter& converter, mlir::RewritePatternSet& patterns);
void PopulateMathToVMPatterns(const VMTypeConverter& converter, mlir::RewritePatternSet& patterns);
// `symbols` is the module's symbol table, for finding callees without a scan per call.
void PopulateFuncToVMPatterns(const VMTypeConverter& converter, mlir::SymbolTable& symbols,
                              mlir::RewritePatternSet& patterns);
void PopulateUtilToVMPatterns(const VMTypeConverter& converter, mlir::RewritePatternSet& patterns);
void PopulateTensorToVMPatterns(const VMTypeConverter& converter,
                                mlir::RewritePatternSet& patterns);

// Declares the hal imports (hal.buffer_view.create/dim/assert) the tensor ops in `module` will
// call; variadic ones carry their cconv in `vm.cconv`.
void DeclareHalImports(mlir::ModuleOp module);

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_CONVERSION_PATTERNS_H_
