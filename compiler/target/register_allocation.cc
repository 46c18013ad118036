// Greedy register allocation over per-block live segments (register_allocation.h).
#include "compiler/target/register_allocation.h"

#include <algorithm>
#include <map>
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

// One register bank: for each slot, the disjoint live segments of the values placed in it,
// keyed by start so an overlap check is one lookup per segment.
class Bank {
 public:
  explicit Bank(uint32_t limit) : limit_(limit) {}
  bool IsFree(uint32_t slot, uint32_t width, const Segments& live) const {
    if (slot + width > limit_) return false;
    for (uint32_t i = slot; i < slot + width && i < slots_.size(); ++i) {
      const std::map<unsigned, unsigned>& taken = slots_[i];
      for (const Segment& segment : live) {
        // Only the last taken segment starting at or before this one's end can overlap it.
        auto after = taken.upper_bound(segment.end);
        if (after != taken.begin() && std::prev(after)->second >= segment.start) return false;
      }
    }
    return true;
  }
  void Take(uint32_t slot, uint32_t width, const Segments& live) {
    if (slots_.size() < slot + width) slots_.resize(slot + width);
    for (uint32_t i = slot; i < slot + width; ++i) {
      for (const Segment& segment : live) slots_[i][segment.start] = segment.end;
    }
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
  std::vector<std::map<unsigned, unsigned>> slots_;
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
  // Blocks each value is live into, gathered once from the liveness sets.
  DenseMap<Value, SmallVector<Block*, 4>> live_in_blocks;
  for (Block& block : body) {
    for (Value value : liveness.getLiveIn(&block)) live_in_blocks[value].push_back(&block);
  }
  auto segments_of = [&](Value value) {
    bool is_ref = vm::GetBank(value.getType()) == vm::Bank::kRef;
    // A ref operand is still held while its reader runs.
    DenseMap<Block*, unsigned> last_use;
    for (Operation* user : value.getUsers()) {
      unsigned& last = last_use[user->getBlock()];
      last = std::max(last, 2 * op_position[user] + (is_ref ? 1 : 0));
    }
    Segments segments;
    auto add = [&](Block* block, unsigned first) {
      unsigned last = first;
      if (liveness.getLiveOut(block).contains(value)) {
        last = 2 * block_range[block].second + 1;
      } else if (auto it = last_use.find(block); it != last_use.end()) {
        last = std::max(last, it->second);
      }
      segments.push_back({first, last});
    };
    Block* home = value.getParentBlock();
    bool live_into_home = false;
    for (Block* block : live_in_blocks.lookup(value)) {
      add(block, 2 * block_range[block].first);
      live_into_home = live_into_home || block == home;
    }
    if (!live_into_home) {
      add(home, isa<BlockArgument>(value) ? 2 * block_range[home].first + 1
                                          : 2 * op_position[value.getDefiningOp()] + 1);
    }
    // Segments of consecutive blocks touch; merged, a value live through a long stretch of
    // code is one segment however many blocks the stretch has.
    auto by_start = [](const Segment& a, const Segment& b) { return a.start < b.start; };
    if (!llvm::is_sorted(segments, by_start)) llvm::sort(segments, by_start);
    Segments merged;
    for (const Segment& segment : segments) {
      if (!merged.empty() && segment.start <= merged.back().end + 1) {
        merged.back().end = std::max(merged.back().end, segment.end);
      } else {
        merged.push_back(segment);
      }
    }
    return merged;
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
