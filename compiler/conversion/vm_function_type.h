// The VM-level type of a function: its `vm.signature` (imports only) or its converted type.
#ifndef SINEW_COMPILER_CONVERSION_VM_FUNCTION_TYPE_H_
#define SINEW_COMPILER_CONVERSION_VM_FUNCTION_TYPE_H_

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sinew::compiler {

// `type` with every argument and result in its VM form; null if one has none.
mlir::FunctionType ConvertFunctionType(mlir::FunctionType type,
                                       const mlir::TypeConverter& converter);

// Emits an error at the function and fails if a type has no VM form or `vm.signature` is
// misused (on a function with a body, or not a function type).
mlir::FailureOr<mlir::FunctionType> GetVMFunctionType(mlir::func::FuncOp func,
                                                      const mlir::TypeConverter& converter);

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_CONVERSION_VM_FUNCTION_TYPE_H_
