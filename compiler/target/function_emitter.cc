// Encodes one function in vm form: block markers, vm.inst operands in op-table order,
// calls, returns and branches with their register remaps (module_tables.h).
#include <string>

#include "compiler/dialect/vm/vm_dialect.h"
#include "compiler/target/module_tables.h"
#include "compiler/target/register_allocation.h"
#include "mlir/Analysis/Liveness.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "runtime/vm/module_flags.h"

namespace sinew::compiler {
namespace {

using namespace mlir;
using sinew::vm::bytecode::FunctionEncoder;
using sinew::vm::bytecode::Opcode;
using Kind = sinew::vm::bytecode::OperandKind;

// "file:line:col" of the first file location inside `loc`, or "".
std::string LocationText(Location loc) {
  std::string text;
  loc->walk([&](Location inner) {
    if (auto file = dyn_cast<FileLineColLoc>(inner)) {
      text = (file.getFilename().strref() + ":" + Twine(file.getLine()) + ":" +
              Twine(file.getColumn()))
                 .str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return text;
}

class FunctionEmitter {
 public:
  FunctionEmitter(func::FuncOp func, ModuleTables& tables, RegisterAllocation& registers,
                  const Liveness& liveness)
      : func_(func), tables_(tables), registers_(registers), liveness_(liveness) {}

  LogicalResult Emit(sinew::vm::bytecode::FunctionDesc& desc) {
    for (Block& block : func_.getBody()) blocks_[&block] = encoder_.NewBlock();
    for (Block& block : func_.getBody()) {
      encoder_.BindBlock(blocks_[&block]);
      for (Operation& op : block) {
        RecordLocation(op.getLoc());
        if (failed(EmitOp(op))) return failure();
        // `fail` ends a block in the format; with a zero code execution falls through to the
        // physically next one.
        if (auto inst = dyn_cast<vm::InstOp>(op); inst && inst.getMnemonic() == "fail") {
          encoder_.BindBlock(encoder_.NewBlock());
        }
      }
    }
    std::optional<std::vector<uint8_t>> bytes = encoder_.Finish();
    if (!bytes) return func_.emitOpError("branches to a block that was never emitted");
    desc.bytecode = std::move(*bytes);
    desc.block_count = encoder_.block_count();
    desc.requirements = encoder_.requirements();
    desc.locations = std::move(locations_);
    return success();
  }

 private:
  void RecordLocation(Location loc) {
    std::string text = LocationText(loc);
    if (text.empty() || (!locations_.empty() && locations_.back().text == text)) return;
    locations_.push_back({encoder_.pc(), std::move(text)});
  }

  uint16_t RefRegister(Value value, bool move) {
    return static_cast<uint16_t>(SINEW_VM_REGISTER_REF | (move ? SINEW_VM_REGISTER_MOVE : 0) |
                                 registers_.Get(value));
  }

  // A ref operand may be moved when this op is its last use and it appears once.
  bool CanMove(Value value, Operation* op) {
    if (llvm::count(op->getOperands(), value) != 1) return false;
    return liveness_.isDeadAfter(value, op);
  }

  // One register-list entry (ARGS/RESULTS): a slot, or a ref with its flags.
  uint16_t ListEntry(Value value, bool move) {
    return vm::GetBank(value.getType()) == vm::Bank::kRef ? RefRegister(value, move)
                                                          : registers_.Get(value);
  }

  void RegisterList(ValueRange values, Operation* op, bool move_refs) {
    encoder_.U16(static_cast<uint16_t>(values.size()));
    for (Value value : values) {
      bool move = move_refs && (op ? CanMove(value, op) : llvm::count(values, value) == 1);
      encoder_.U16(ListEntry(value, move));
    }
  }

  LogicalResult EmitOp(Operation& op) {
    if (auto inst = dyn_cast<vm::InstOp>(op)) return EmitInst(inst);
    if (auto call = dyn_cast<func::CallOp>(op)) return EmitCall(call);
    if (auto call = dyn_cast<vm::CallVariadicOp>(op)) return EmitCallVariadic(call);
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      encoder_.Opcode(Opcode::kReturn);
      RegisterList(ret.getOperands(), nullptr, /*move_refs=*/true);
      return success();
    }
    if (auto br = dyn_cast<cf::BranchOp>(op)) {
      encoder_.Opcode(Opcode::kBr);
      return Branch(&op, br.getDest(), br.getDestOperands());
    }
    if (auto cond = dyn_cast<vm::CondBranchOp>(op)) {
      encoder_.Opcode(Opcode::kCondBr);
      encoder_.U16(registers_.Get(cond.getCondition()));
      if (failed(Branch(&op, cond.getTrueDest(), cond.getTrueDestOperands()))) return failure();
      return Branch(&op, cond.getFalseDest(), cond.getFalseDestOperands());
    }
    if (auto sw = dyn_cast<cf::SwitchOp>(op)) return EmitSwitch(sw);
    return op.emitOpError("has no VM instruction; it should have been converted");
  }

  LogicalResult EmitSwitch(cf::SwitchOp sw) {
    std::optional<DenseIntElementsAttr> values = sw.getCaseValues();
    size_t count = values ? values->size() : 0;
    if (values) {
      for (auto [index, value] : llvm::enumerate(values->getValues<APInt>())) {
        if (value.getSExtValue() != static_cast<int64_t>(index)) {
          return sw.emitOpError("case values must be 0, 1, ..., N-1 to become a VM br_table");
        }
      }
    }
    encoder_.Opcode(Opcode::kBrTable);
    encoder_.U16(registers_.Get(sw.getFlag()));
    encoder_.U16(static_cast<uint16_t>(count));
    if (failed(Branch(sw, sw.getDefaultDestination(), sw.getDefaultOperands()))) return failure();
    for (size_t i = 0; i < count; ++i) {
      if (failed(Branch(sw, sw.getCaseDestinations()[i], sw.getCaseOperands(i)))) {
        return failure();
      }
    }
    return success();
  }

  LogicalResult EmitCall(func::CallOp call) {
    uint32_t target;
    if (auto it = tables_.functions.find(call.getCallee()); it != tables_.functions.end()) {
      target = it->second;
    } else if (auto import = tables_.imports.find(call.getCallee());
               import != tables_.imports.end()) {
      target = import->second | sinew::vm::bytecode::kImportOrdinalBit;
    } else {
      return call.emitOpError("calls unknown function @") << call.getCallee();
    }
    encoder_.Opcode(Opcode::kCall);
    encoder_.U32(target);
    RegisterList(call.getOperands(), call, /*move_refs=*/true);
    RegisterList(call.getResults(), nullptr, /*move_refs=*/false);
    return success();
  }

  LogicalResult EmitCallVariadic(vm::CallVariadicOp call) {
    auto import = tables_.imports.find(call.getCallee());
    if (import == tables_.imports.end()) {
      return call.emitOpError("variadic calls need an imported callee, not @") << call.getCallee();
    }
    encoder_.Opcode(Opcode::kCallVariadic);
    encoder_.U32(import->second | sinew::vm::bytecode::kImportOrdinalBit);
    ArrayRef<int32_t> segments = call.getSegmentSizes();
    encoder_.U16(static_cast<uint16_t>(segments.size()));
    for (int32_t size : segments) encoder_.U16(static_cast<uint16_t>(size));
    RegisterList(call.getOperands(), call, /*move_refs=*/true);
    RegisterList(call.getResults(), nullptr, /*move_refs=*/false);
    return success();
  }

  // One branch edge: the target block and the remaps from operands to its arguments, ordered
  // so that no pair overwrites a register a later pair still reads.
  LogicalResult Branch(Operation* op, Block* target, ValueRange operands) {
    struct Move {
      uint16_t src;
      uint16_t dst;
      bool is_ref;
      bool may_move;
    };
    SmallVector<Move> pending;
    const auto& live_in = liveness_.getLiveIn(target);
    for (auto [operand, argument] : llvm::zip_equal(operands, target->getArguments())) {
      vm::Bank bank = vm::GetBank(operand.getType());
      uint16_t src = registers_.Get(operand);
      uint16_t dst = registers_.Get(argument);
      if (bank == vm::Bank::kRef) {
        bool may_move = !live_in.contains(operand) && llvm::count(operands, operand) == 1;
        if (src != dst) pending.push_back({src, dst, true, may_move});
        continue;
      }
      for (uint16_t half = 0; half < (bank == vm::Bank::kI64 ? 2 : 1); ++half) {
        if (src != dst)
          pending.push_back({uint16_t(src + half), uint16_t(dst + half), false, false});
      }
    }
    SmallVector<Move> ordered;
    while (!pending.empty()) {
      auto ready = llvm::find_if(pending, [&](const Move& move) {
        return llvm::none_of(pending, [&](const Move& other) {
          return &other != &move && other.is_ref == move.is_ref && other.src == move.dst;
        });
      });
      if (ready != pending.end()) {
        ordered.push_back(*ready);
        pending.erase(ready);
        continue;
      }
      // Every pending destination is still read: park one source in a scratch register.
      Move& first = pending.front();
      uint16_t scratch = first.is_ref ? registers_.ScratchRef() : registers_.ScratchPair();
      ordered.push_back({first.src, scratch, first.is_ref, first.may_move});
      uint16_t parked = first.src;
      bool is_ref = first.is_ref;
      for (Move& move : pending) {
        if (move.is_ref == is_ref && move.src == parked) {
          move.src = scratch;
          move.may_move = true;
        }
      }
    }
    if (ordered.size() > 0xFFFF) return op->emitOpError("has too many branch operands");
    encoder_.BlockReference(blocks_[target]);
    encoder_.U16(static_cast<uint16_t>(ordered.size()));
    for (const Move& move : ordered) {
      if (move.is_ref) {
        encoder_.U16(static_cast<uint16_t>(
            SINEW_VM_REGISTER_REF | (move.may_move ? SINEW_VM_REGISTER_MOVE : 0) | move.src));
        encoder_.U16(static_cast<uint16_t>(SINEW_VM_REGISTER_REF | move.dst));
      } else {
        encoder_.U16(move.src);
        encoder_.U16(move.dst);
      }
    }
    return success();
  }

  LogicalResult EmitInst(vm::InstOp inst) {
    std::optional<Opcode> opcode = sinew::vm::bytecode::LookupOpcode(inst.getMnemonic());
    if (!opcode) return inst.emitOpError("unknown VM instruction");
    const sinew::vm::bytecode::OpInfo& info = sinew::vm::bytecode::GetOpInfo(*opcode);
    encoder_.Opcode(*opcode);
    unsigned next_operand = 0;
    unsigned next_result = 0;
    for (Kind kind : info.operands) {
      switch (kind) {
        case Kind::I32:
        case Kind::I64:
        case Kind::F32:
        case Kind::F64:
          encoder_.U16(registers_.Get(inst.getOperand(next_operand++)));
          break;
        case Kind::REF:
          encoder_.U16(RefRegister(inst.getOperand(next_operand++), false));
          break;
        case Kind::REFM: {
          Value value = inst.getOperand(next_operand++);
          encoder_.U16(RefRegister(value, CanMove(value, inst)));
          break;
        }
        case Kind::OI32:
        case Kind::OI64:
        case Kind::OF32:
        case Kind::OF64:
          encoder_.U16(registers_.Get(inst.getResult(next_result++)));
          break;
        case Kind::OREFM:
          encoder_.U16(RefRegister(inst.getResult(next_result++), false));
          break;
        default:
          if (failed(EmitAttributeOperand(inst, kind))) return failure();
      }
    }
    return success();
  }

  LogicalResult EmitAttributeOperand(vm::InstOp inst, Kind kind) {
    switch (kind) {
      case Kind::IMM32:
      case Kind::IMM64: {
        auto value = dyn_cast_or_null<IntegerAttr>(inst->getAttr("value"));
        if (!value) return inst.emitOpError("needs an integer 'value'");
        uint64_t bits = value.getValue().getZExtValue();
        if (kind == Kind::IMM32) {
          encoder_.U32(static_cast<uint32_t>(bits));
        } else {
          encoder_.U64(bits);
        }
        return success();
      }
      case Kind::IMMF32:
      case Kind::IMMF64: {
        auto value = dyn_cast_or_null<FloatAttr>(inst->getAttr("value"));
        if (!value) return inst.emitOpError("needs a float 'value'");
        APFloat real = value.getValue();
        bool loses_info = false;
        real.convert(kind == Kind::IMMF32 ? APFloat::IEEEsingle() : APFloat::IEEEdouble(),
                     APFloat::rmNearestTiesToEven, &loses_info);
        uint64_t bits = real.bitcastToAPInt().getZExtValue();
        if (kind == Kind::IMMF32) {
          encoder_.U32(static_cast<uint32_t>(bits));
        } else {
          encoder_.U64(bits);
        }
        return success();
      }
      case Kind::RODATA: {
        FailureOr<uint32_t> ordinal = tables_.RodataOrdinal(inst, inst->getAttr("rodata"));
        if (failed(ordinal)) return failure();
        encoder_.U32(*ordinal);
        return success();
      }
      case Kind::RWDATA4:
      case Kind::RWDATA8:
      case Kind::GREF: {
        auto global = dyn_cast_or_null<FlatSymbolRefAttr>(inst->getAttr("global"));
        auto it = global ? tables_.globals.find(global.getValue()) : tables_.globals.end();
        if (it == tables_.globals.end()) return inst.emitOpError("names an unknown global");
        encoder_.U32(it->second);
        return success();
      }
      case Kind::TYPE:
      case Kind::LISTTYPE: {
        auto type = dyn_cast_or_null<TypeAttr>(inst->getAttr("type"));
        if (!type) return inst.emitOpError("needs a 'type'");
        Type value = type.getValue();
        // A list's element type may be a value type (`i32`); everything else is a ref type.
        if (kind == Kind::LISTTYPE && (value.isInteger() || value.isF32() || value.isF64())) {
          std::string spelling;
          llvm::raw_string_ostream(spelling) << value;
          encoder_.U32(tables_.TypeOrdinal(spelling));
          return success();
        }
        std::string name = vm::RefType::get(inst.getContext(), value).getTypeName();
        if (name.empty()) return inst.emitOpError("needs a named ref type, not ?");
        encoder_.U32(tables_.TypeOrdinal("!" + name));
        return success();
      }
      case Kind::IMPORT: {
        auto callee = dyn_cast_or_null<FlatSymbolRefAttr>(inst->getAttr("callee"));
        auto it = callee ? tables_.imports.find(callee.getValue()) : tables_.imports.end();
        if (it == tables_.imports.end()) return inst.emitOpError("names an unknown import");
        encoder_.U32(it->second | sinew::vm::bytecode::kImportOrdinalBit);
        return success();
      }
      case Kind::STR: {
        auto message = dyn_cast_or_null<StringAttr>(inst->getAttr("message"));
        if (!message) return inst.emitOpError("needs a 'message'");
        if (message.size() > 0xFFFF) return inst.emitOpError("message is too long");
        encoder_.String(message.getValue());
        return success();
      }
      default:
        return inst.emitOpError("cannot be emitted from vm.inst");
    }
  }

  func::FuncOp func_;
  ModuleTables& tables_;
  RegisterAllocation& registers_;
  const Liveness& liveness_;
  FunctionEncoder encoder_;
  llvm::DenseMap<Block*, uint32_t> blocks_;
  std::vector<sinew::vm::bytecode::LocationDesc> locations_;
};

}  // namespace

LogicalResult EmitFunction(func::FuncOp func, uint32_t ordinal, ModuleTables& tables) {
  Liveness liveness(func);
  FailureOr<RegisterAllocation> registers = RegisterAllocation::Allocate(func, liveness);
  if (failed(registers)) return failure();
  sinew::vm::bytecode::FunctionDesc& desc = tables.desc.functions[ordinal];
  if (failed(FunctionEmitter(func, tables, *registers, liveness).Emit(desc))) return failure();
  desc.i32_register_count = static_cast<uint16_t>(registers->i32_count());
  desc.ref_register_count = static_cast<uint16_t>(registers->ref_count());
  return success();
}

}  // namespace sinew::compiler
