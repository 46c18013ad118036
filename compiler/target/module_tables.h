// Module-level ordinals the function emitter needs: functions, imports, globals, types and
// rodata segments, collected by the module emitter (bytecode_emitter.cc).
#ifndef SINEW_COMPILER_TARGET_MODULE_TABLES_H_
#define SINEW_COMPILER_TARGET_MODULE_TABLES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "runtime/vm/bytecode/writer.h"

namespace sinew::compiler {

struct ModuleTables {
  sinew::vm::bytecode::ModuleDesc desc;
  // Internal function ordinals, and import ordinals (without the import bit).
  llvm::StringMap<uint32_t> functions;
  llvm::StringMap<uint32_t> imports;
  // rwdata byte offsets of value globals; ordinals of ref globals.
  llvm::StringMap<uint32_t> globals;
  llvm::StringMap<uint32_t> types;
  llvm::DenseMap<mlir::Attribute, uint32_t> rodata;

  // The ordinal of a type in the module's type table, as the format spells it
  // ("!custom.string", "i32"), added on first use.
  uint32_t TypeOrdinal(const std::string& spelling);
  // The ordinal of the rodata segment holding `value` (a string or dense elements), added on
  // first use; fails with an error at `user` for values without a byte form.
  mlir::FailureOr<uint32_t> RodataOrdinal(mlir::Operation* user, mlir::Attribute value);
};

// Encodes `func` into `tables.desc.functions[ordinal]`.
mlir::LogicalResult EmitFunction(mlir::func::FuncOp func, uint32_t ordinal, ModuleTables& tables);

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_TARGET_MODULE_TABLES_H_
