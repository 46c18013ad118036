// Register allocation for one function in vm form: each value gets an i32-bank slot (an
// even-aligned pair for i64/f64) or a ref register, from per-block live segments (from
// MLIR's liveness analysis). Entry arguments sit where the calling convention puts them, and values
// that flow into a block argument prefer its register so loops need no remaps.
#ifndef SINEW_COMPILER_TARGET_REGISTER_ALLOCATION_H_
#define SINEW_COMPILER_TARGET_REGISTER_ALLOCATION_H_

#include <cstdint>

#include "llvm/ADT/DenseMap.h"
#include "mlir/Analysis/Liveness.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace sinew::compiler {

class RegisterAllocation {
 public:
  // Fails (with an error at the function) if it needs more registers than the VM has.
  static mlir::FailureOr<RegisterAllocation> Allocate(mlir::func::FuncOp func,
                                                      const mlir::Liveness& liveness);

  // The slot (i32 bank; the even base for 64-bit values) or ref ordinal of `value`.
  uint16_t Get(mlir::Value value) const { return registers_.lookup(value); }

  // Registers no value uses, for breaking cycles in branch remaps; reserved on first use.
  uint16_t ScratchPair();
  uint16_t ScratchRef();

  uint32_t i32_count() const { return i32_count_; }
  uint32_t ref_count() const { return ref_count_; }

 private:
  llvm::DenseMap<mlir::Value, uint16_t> registers_;
  uint32_t i32_count_ = 0;
  uint32_t ref_count_ = 0;
  int32_t scratch_pair_ = -1;
  int32_t scratch_ref_ = -1;
};

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_TARGET_REGISTER_ALLOCATION_H_
