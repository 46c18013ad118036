// Greedy register allocation over per-block live segments (register_allocation.h).
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

// A closed range of positions where a value is live. Op k reads its operands at 2k and writes
// its results at 2k+1, so an i32-bank result may take the register of an operand the op reads
// last. A block's arguments are written at 2b+1 after its start b.
struct Segment {
  unsigned start;
  unsigned end;
};
using Segments = SmallVector<Segment, 2>;

bool Overlaps(const Segments& a, const Segments& b) {
  for (const Segment& x : a) {
    for (const Segment& y : b) {
      if (x.start <= y.end && y.start <= x.end) return true;
    }
  }
  return false;
}

// One register bank: the live segments of the values placed in each slot.
class Bank {
 public:
  explicit Bank(uint32_t limit) : limit_(limit) {}
  bool IsFree(uint32_t slot, uint32_t width, const Segments& live) const {
    if (slot + width > limit_) return false;
    for (uint32_t i = slot; i < slot + width; ++i) {
      if (i < slots_.size() && Overlaps(slots_[i], live)) return false;
    }
    return true;
  }
  void Take(uint32_t slot, uint32_t width, const Segments& live) {
    if (slots_.size() < slot + width) slots_.resize(slot + width);
    for (uint32_t i = slot; i < slot + width; ++i) slots_[i].append(live.begin(), live.end());
  }
  // The lowest free slot (aligned to `width`), or -1 when the bank is full.
  int64_t FindFree(uint32_t width, const Segments& live) const {
    for (uint32_t slot = 0; slot + width <= limit_; slot += width) {
      if (IsFree(slot, width, live)) return slot;
    }
    return -1;
  }
  uint32_t high_water() const { return static_cast<uint32_t>(slots_.size()); }

 private:
  uint32_t limit_;
  std::vector<Segments> slots_;
};

}  // namespace

FailureOr<RegisterAllocation> RegisterAllocation::Allocate(func::FuncOp func,
                                                           const Liveness& liveness) {
  RegisterAllocation allocation;
  Region& body = func.getBody();

  DenseMap<Operation*, unsigned> op_position;
  DenseMap<Block*, std::pair<unsigned, unsigned>> block_range;  // start, terminator
  unsigned position = 0;
  for (Block& block : body) {
    unsigned start = position++;
    for (Operation& op : block) op_position[&op] = position++;
    block_range[&block] = {start, position - 1};
  }

  // Live segments, one per block where the value is live: from its definition (or the block
  // start when live-in) to its last use in the block (or the block end when live-out).
  auto segments_of = [&](Value value) {
    bool is_ref = vm::GetBank(value.getType()) == vm::Bank::kRef;
    Segments segments;
    for (Block& block : body) {
      auto [start, end] = block_range[&block];
      bool live_in = liveness.getLiveIn(&block).contains(value);
      bool defined_here = value.getParentBlock() == &block;
      if (!live_in && !defined_here) continue;
      unsigned first = live_in                     ? 2 * start
                       : isa<BlockArgument>(value) ? 2 * start + 1
                                                   : 2 * op_position[value.getDefiningOp()] + 1;
      unsigned last = first;
      if (liveness.getLiveOut(&block).contains(value)) {
        last = 2 * end + 1;
      } else {
        for (Operation* user : value.getUsers()) {
          if (user->getBlock() != &block) continue;
          // A ref operand is still held while its reader runs.
          last = std::max(last, 2 * op_position[user] + (is_ref ? 1 : 0));
        }
      }
      segments.push_back({first, last});
    }
    return segments;
  };

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
  auto place = [&](Value value, int64_t fixed) -> LogicalResult {
    vm::Bank kind = vm::GetBank(value.getType());
    if (kind == vm::Bank::kInvalid) {
      return func.emitOpError("value of type ") << value.getType() << " has no VM register";
    }
    bool is_ref = kind == vm::Bank::kRef;
    uint32_t width = kind == vm::Bank::kI64 ? 2 : 1;
    Bank& bank = is_ref ? ref_bank : i32_bank;
    Segments live = segments_of(value);
    int64_t slot = fixed;
    if (slot < 0) {
      for (Value partner : partners.lookup(value)) {
        auto it = allocation.registers_.find(partner);
        if (it == allocation.registers_.end() || vm::GetBank(partner.getType()) != kind) continue;
        if (bank.IsFree(it->second, width, live)) {
          slot = it->second;
          break;
        }
      }
    }
    if (slot < 0) slot = bank.FindFree(width, live);
    if (slot < 0) {
      return func.emitOpError("needs more ")
             << (is_ref ? "ref" : "i32") << " registers than the VM has";
    }
    bank.Take(static_cast<uint32_t>(slot), width, live);
    allocation.registers_[value] = static_cast<uint16_t>(slot);
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
    if (&block != &entry) {
      for (BlockArgument argument : block.getArguments()) {
        if (failed(place(argument, -1))) return failure();
      }
    }
    for (Operation& op : block) {
      for (Value result : op.getResults()) {
        if (failed(place(result, -1))) return failure();
      }
    }
  }
  // The VM also requires the results to fit the frame's registers as the arguments do, which
  // a function returning one value several times (`return %a, %a, %a`) would not otherwise.
  uint32_t result_slots = 0;
  uint32_t result_refs = 0;
  for (Type type : func.getResultTypes()) {
    vm::Bank kind = vm::GetBank(type);
    if (kind == vm::Bank::kRef) {
      ++result_refs;
    } else if (kind == vm::Bank::kI64) {
      result_slots = ((result_slots + 1) & ~1u) + 2;
    } else {
      ++result_slots;
    }
  }
  allocation.i32_count_ = std::max({i32_bank.high_water(), next_slot, result_slots});
  allocation.ref_count_ = std::max({ref_bank.high_water(), next_ref, result_refs});
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
