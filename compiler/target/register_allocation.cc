// Linear-scan register allocation over live intervals (register_allocation.h).
#include "compiler/target/register_allocation.h"

#include <algorithm>
#include <vector>

#include "compiler/dialect/vm/vm_dialect.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

// Register ordinals must leave the ref and move flag bits free.
constexpr uint32_t kMaxI32Slots = 0x4000;
constexpr uint32_t kMaxRefs = 0x4000;

struct Interval {
  unsigned start = 0;
  unsigned end = 0;
};

// One register bank's occupancy.
class Bank {
 public:
  explicit Bank(uint32_t limit) : limit_(limit) {}
  bool IsFree(uint32_t slot, uint32_t width) const {
    if (slot + width > limit_) return false;
    for (uint32_t i = slot; i < slot + width; ++i) {
      if (i < used_.size() && used_[i]) return false;
    }
    return true;
  }
  void Take(uint32_t slot, uint32_t width) {
    if (used_.size() < slot + width) used_.resize(slot + width, false);
    for (uint32_t i = slot; i < slot + width; ++i) used_[i] = true;
    high_water_ = std::max(high_water_, slot + width);
  }
  void Release(uint32_t slot, uint32_t width) {
    for (uint32_t i = slot; i < slot + width; ++i) used_[i] = false;
  }
  // The lowest free slot (aligned to `width`), or -1 when the bank is full.
  int64_t FindFree(uint32_t width) const {
    for (uint32_t slot = 0; slot + width <= limit_; slot += width) {
      if (IsFree(slot, width)) return slot;
    }
    return -1;
  }
  uint32_t high_water() const { return high_water_; }

 private:
  uint32_t limit_;
  std::vector<bool> used_;
  uint32_t high_water_ = 0;
};

}  // namespace

FailureOr<RegisterAllocation> RegisterAllocation::Allocate(func::FuncOp func,
                                                           const Liveness& liveness) {
  RegisterAllocation allocation;
  Region& body = func.getBody();

  // Linear positions: each block start, then each op.
  DenseMap<Operation*, unsigned> op_position;
  DenseMap<Block*, std::pair<unsigned, unsigned>> block_range;
  unsigned position = 0;
  for (Block& block : body) {
    unsigned start = position++;
    for (Operation& op : block) op_position[&op] = position++;
    block_range[&block] = {start, position - 1};
  }

  DenseMap<Value, Interval> intervals;
  auto add_value = [&](Value value, unsigned def) {
    Interval interval{def, def};
    for (OpOperand& use : value.getUses()) {
      interval.end = std::max(interval.end, op_position.lookup(use.getOwner()));
    }
    intervals[value] = interval;
  };
  for (Block& block : body) {
    for (BlockArgument argument : block.getArguments()) {
      add_value(argument, block_range[&block].first);
    }
    for (Operation& op : block) {
      for (Value result : op.getResults()) add_value(result, op_position[&op]);
    }
  }
  for (Block& block : body) {
    auto [start, end] = block_range[&block];
    for (Value value : liveness.getLiveIn(&block)) {
      Interval& interval = intervals[value];
      interval.start = std::min(interval.start, start);
      interval.end = std::max(interval.end, start);
    }
    for (Value value : liveness.getLiveOut(&block)) {
      Interval& interval = intervals[value];
      interval.end = std::max(interval.end, end);
    }
  }

  // Values joined by branch edges prefer one register.
  DenseMap<Value, SmallVector<Value, 2>> partners;
  for (Block& block : body) {
    auto branch = dyn_cast<BranchOpInterface>(block.getTerminator());
    if (!branch) continue;
    for (unsigned i = 0; i < block.getTerminator()->getNumSuccessors(); ++i) {
      Block* successor = block.getTerminator()->getSuccessor(i);
      OperandRange operands = branch.getSuccessorOperands(i).getForwardedOperands();
      for (auto [operand, argument] : llvm::zip(operands, successor->getArguments())) {
        partners[operand].push_back(argument);
        partners[argument].push_back(operand);
      }
    }
  }

  Bank i32_bank(kMaxI32Slots);
  Bank ref_bank(kMaxRefs);
  struct Active {
    Value value;
    unsigned end;
    bool is_ref;
    uint32_t width;
  };
  std::vector<Active> active;
  auto expire = [&](unsigned before, bool reuse_operands) {
    std::erase_if(active, [&](const Active& entry) {
      bool done = entry.end < before || (reuse_operands && !entry.is_ref && entry.end == before);
      if (done) {
        (entry.is_ref ? ref_bank : i32_bank)
            .Release(allocation.registers_[entry.value], entry.width);
      }
      return done;
    });
  };
  auto place = [&](Value value, int64_t fixed) -> LogicalResult {
    vm::Bank kind = vm::GetBank(value.getType());
    if (kind == vm::Bank::kInvalid) {
      return func.emitOpError("value of type ") << value.getType() << " has no VM register";
    }
    bool is_ref = kind == vm::Bank::kRef;
    uint32_t width = kind == vm::Bank::kI64 ? 2 : 1;
    Bank& bank = is_ref ? ref_bank : i32_bank;
    int64_t slot = fixed;
    if (slot < 0) {
      for (Value partner : partners.lookup(value)) {
        auto it = allocation.registers_.find(partner);
        if (it == allocation.registers_.end() || vm::GetBank(partner.getType()) != kind) continue;
        if (bank.IsFree(it->second, width)) {
          slot = it->second;
          break;
        }
      }
    }
    if (slot < 0) slot = bank.FindFree(width);
    if (slot < 0) {
      return func.emitOpError("needs more ")
             << (is_ref ? "ref" : "i32") << " registers than the VM has";
    }
    bank.Take(static_cast<uint32_t>(slot), width);
    allocation.registers_[value] = static_cast<uint16_t>(slot);
    active.push_back({value, intervals[value].end, is_ref, width});
    return success();
  };

  // Entry arguments: refs from %r0, values from %i0 with 64-bit values at even slots.
  Block& entry = body.front();
  uint32_t next_slot = 0;
  uint32_t next_ref = 0;
  for (BlockArgument argument : entry.getArguments()) {
    vm::Bank kind = vm::GetBank(argument.getType());
    int64_t fixed;
    if (kind == vm::Bank::kRef) {
      fixed = next_ref++;
    } else if (kind == vm::Bank::kI64) {
      next_slot = (next_slot + 1) & ~1u;
      fixed = next_slot;
      next_slot += 2;
    } else {
      fixed = next_slot++;
    }
    if (failed(place(argument, fixed))) return failure();
  }
  for (Block& block : body) {
    unsigned start = block_range[&block].first;
    expire(start, false);
    if (&block != &entry) {
      for (BlockArgument argument : block.getArguments()) {
        if (failed(place(argument, -1))) return failure();
      }
    }
    for (Operation& op : block) {
      if (op.getNumResults() == 0) continue;
      unsigned at = op_position[&op];
      expire(at, true);
      for (Value result : op.getResults()) {
        if (failed(place(result, -1))) return failure();
      }
    }
  }
  allocation.i32_count_ = std::max(i32_bank.high_water(), next_slot);
  allocation.ref_count_ = std::max(ref_bank.high_water(), next_ref);
  return allocation;
}

uint16_t RegisterAllocation::ScratchPair() {
  if (scratch_pair_ < 0) {
    scratch_pair_ = static_cast<int32_t>((i32_count_ + 1) & ~1u);
    i32_count_ = scratch_pair_ + 2;
  }
  return static_cast<uint16_t>(scratch_pair_);
}

uint16_t RegisterAllocation::ScratchRef() {
  if (scratch_ref_ < 0) scratch_ref_ = static_cast<int32_t>(ref_count_++);
  return static_cast<uint16_t>(scratch_ref_);
}

}  // namespace sinew::compiler
