// Helpers that build `vm.inst` instructions during the conversion to the vm dialect, and the
// integer conventions they keep: a value narrower than 32 bits lives in an i32 register
// sign-extended (i8, i16) or as 0/1 (i1).
#ifndef SINEW_COMPILER_CONVERSION_VM_BUILDER_H_
#define SINEW_COMPILER_CONVERSION_VM_BUILDER_H_

#include "llvm/ADT/StringRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Value.h"

namespace sinew::compiler {

// One instruction with a single result.
mlir::Value CreateInst(mlir::OpBuilder& builder, mlir::Location loc, llvm::StringRef mnemonic,
                       mlir::ValueRange operands, mlir::Type result,
                       llvm::ArrayRef<mlir::NamedAttribute> attributes = {});
// One instruction without results.
void CreateEffect(mlir::OpBuilder& builder, mlir::Location loc, llvm::StringRef mnemonic,
                  mlir::ValueRange operands, llvm::ArrayRef<mlir::NamedAttribute> attributes = {});

mlir::Value ConstI32(mlir::OpBuilder& builder, mlir::Location loc, int32_t value);
mlir::Value ConstI64(mlir::OpBuilder& builder, mlir::Location loc, int64_t value);

// "i32", "i64", "f32" or "f64": the suffix of a VM-level type in mnemonics.
llvm::StringRef TypeSuffix(mlir::Type vm_type);

// Reinterprets an integer of `from_width` bits held in a VM register as `to_width` bits,
// sign- or zero-extending when it widens and truncating when it narrows.
mlir::Value ConvertInteger(mlir::OpBuilder& builder, mlir::Location loc, mlir::Value value,
                           unsigned from_width, unsigned to_width, bool is_signed);

// A narrow value in the form an instruction that reads all 32 bits needs: sign-extended for
// signed use (i1 becomes 0/-1), zero-extended for unsigned use. Wider values pass through.
mlir::Value ExtendNarrow(mlir::OpBuilder& builder, mlir::Location loc, mlir::Value value,
                         unsigned width, bool is_signed);
// Brings the result of 32-bit arithmetic back to the register form of a `width`-bit value.
mlir::Value RenormalizeNarrow(mlir::OpBuilder& builder, mlir::Location loc, mlir::Value value,
                              unsigned width);

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_CONVERSION_VM_BUILDER_H_
