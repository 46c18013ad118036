// The compiler's own passes, in pipeline order (pipeline.h), and their registration for
// sinew-opt.
#ifndef SINEW_COMPILER_CONVERSION_PASSES_H_
#define SINEW_COMPILER_CONVERSION_PASSES_H_

#include <memory>

#include "mlir/Pass/Pass.h"

namespace sinew::compiler {

// sinew-check-input: fails with "unsupported op 'X'" on the outermost op the compiler does
// not support.
std::unique_ptr<mlir::Pass> CreateCheckInputPass();

// sinew-create-init-function: moves util.global initial values and util.initializer bodies
// into a public `__init` function, which the runtime runs when the module joins a context.
std::unique_ptr<mlir::Pass> CreateInitFunctionPass();

// sinew-rotate-loops: scf.for becomes a guarded do-while loop, which needs one compare and
// one branch per iteration.
std::unique_ptr<mlir::Pass> CreateLoopRotationPass();

// sinew-expand-import-fallbacks: a call to an import with `vm.fallback = @fn` becomes a
// `import.resolved` check that calls the import when it is present and @fn otherwise.
std::unique_ptr<mlir::Pass> CreateExpandImportFallbacksPass();

// sinew-convert-to-vm: func/arith/math/cf/util -> vm.inst, with every type in its VM form.
std::unique_ptr<mlir::Pass> CreateConvertToVMPass(unsigned index_bits = 64);

void RegisterPasses();

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_CONVERSION_PASSES_H_
