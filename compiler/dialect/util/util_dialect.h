// The `util` dialect (util.td): types and ops of IREE's util dialect that inputs use.
#ifndef SINEW_COMPILER_DIALECT_UTIL_UTIL_DIALECT_H_
#define SINEW_COMPILER_DIALECT_UTIL_UTIL_DIALECT_H_

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "compiler/dialect/util/util_dialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "compiler/dialect/util/util_types.h.inc"

#define GET_OP_CLASSES
#include "compiler/dialect/util/util_ops.h.inc"

#endif  // SINEW_COMPILER_DIALECT_UTIL_UTIL_DIALECT_H_
