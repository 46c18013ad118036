// func and cf -> vm: function signatures (with `vm.signature` on imports), calls that convert
// values to the callee's VM types, returns, conditional branches on i32 conditions
// (vm.cond_br), assertions as vm.fail, and cf.switch as a br_table or a compare chain. cf.br
// only changes its types.
#include "compiler/conversion/patterns.h"
#include "compiler/conversion/vm_builder.h"
#include "compiler/conversion/vm_function_type.h"
#include "compiler/dialect/vm/vm_dialect.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

struct FuncLowering : OpConversionPattern<func::FuncOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(func::FuncOp func, OpAdaptor,
                                ConversionPatternRewriter& rewriter) const override {
    FailureOr<FunctionType> type = GetVMFunctionType(func, *getTypeConverter());
    if (failed(type)) return failure();
    if (!func.isExternal()) {
      TypeConverter::SignatureConversion entry(func.getNumArguments());
      for (auto [index, input] : llvm::enumerate(type->getInputs())) entry.addInputs(index, input);
      if (failed(rewriter.convertRegionTypes(&func.getBody(), *getTypeConverter(), &entry))) {
        return failure();
      }
    }
    rewriter.modifyOpInPlace(func, [&] { func.setType(*type); });
    return success();
  }
};

// Converts `value` of VM type `from` (the caller's view) to `to` (the callee's), e.g. an
// index that lowered to i32 passed where vm.signature says i64.
FailureOr<Value> CastForSignature(OpBuilder& builder, Location loc, Value value, Type to) {
  Type from = value.getType();
  if (from == to) return value;
  if (isa<IntegerType>(from) && isa<IntegerType>(to)) {
    return ConvertInteger(builder, loc, value, from.getIntOrFloatBitWidth(),
                          to.getIntOrFloatBitWidth(), /*is_signed=*/true);
  }
  auto from_ref = dyn_cast<vm::RefType>(from);
  auto to_ref = dyn_cast<vm::RefType>(to);
  if (!from_ref || !to_ref) return failure();
  // Ref registers are untyped, but the IR is not: a typed ref passes as !vm.ref<?> through
  // assign.ref, and !vm.ref<?> becomes a typed ref through cast.any.ref (checked at run time).
  if (to_ref.getTypeName().empty()) return CreateInst(builder, loc, "assign.ref", {value}, to);
  if (from_ref.getTypeName().empty()) {
    return CreateInst(builder, loc, "cast.any.ref", {value}, to,
                      {builder.getNamedAttr("type", TypeAttr::get(to_ref.getObjectType()))});
  }
  return failure();
}

struct CallLowering : OpConversionPattern<func::CallOp> {
  CallLowering(const TypeConverter& converter, MLIRContext* context, SymbolTable& symbols)
      : OpConversionPattern(converter, context), symbols(symbols) {}
  LogicalResult matchAndRewrite(func::CallOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    auto callee = symbols.lookup<func::FuncOp>(op.getCallee());
    if (!callee) return op.emitOpError("calls undefined function ") << op.getCalleeAttr();
    FailureOr<FunctionType> type = GetVMFunctionType(callee, *getTypeConverter());
    if (failed(type)) return failure();
    if (type->getNumInputs() != op.getNumOperands() ||
        type->getNumResults() != op.getNumResults()) {
      return op.emitOpError("operand or result count does not match the VM signature of ")
             << op.getCalleeAttr() << ": " << *type;
    }
    Location loc = op.getLoc();
    SmallVector<Value> operands;
    for (auto [value, input] : llvm::zip_equal(adaptor.getOperands(), type->getInputs())) {
      FailureOr<Value> cast = CastForSignature(rewriter, loc, value, input);
      if (failed(cast)) {
        return op.emitOpError("cannot pass ") << value.getType() << " as " << input;
      }
      operands.push_back(*cast);
    }
    auto call =
        func::CallOp::create(rewriter, loc, op.getCalleeAttr(), type->getResults(), operands);
    SmallVector<Value> results;
    for (auto [result, original] : llvm::zip_equal(call.getResults(), op.getResultTypes())) {
      Type wanted = getTypeConverter()->convertType(original);
      FailureOr<Value> cast = failure();
      if (wanted) cast = CastForSignature(rewriter, loc, result, wanted);
      if (failed(cast)) {
        return op.emitOpError("cannot receive ") << result.getType() << " as " << original;
      }
      results.push_back(*cast);
    }
    rewriter.replaceOp(op, results);
    return success();
  }
  SymbolTable& symbols;
};

struct ReturnLowering : OpConversionPattern<func::ReturnOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(func::ReturnOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    rewriter.replaceOpWithNewOp<func::ReturnOp>(op, adaptor.getOperands());
    return success();
  }
};

struct AssertLowering : OpConversionPattern<cf::AssertOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(cf::AssertOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Location loc = op.getLoc();
    // vm.fail fails when its code is non-zero: the code is "not the condition".
    Value code = CreateInst(rewriter, loc, "xor.i32",
                            {adaptor.getArg(), ConstI32(rewriter, loc, 1)}, rewriter.getI32Type());
    CreateEffect(rewriter, loc, "fail", {code},
                 {rewriter.getNamedAttr("message", op.getMsgAttr())});
    rewriter.eraseOp(op);
    return success();
  }
};

struct CondBranchLowering : OpConversionPattern<cf::CondBranchOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(cf::CondBranchOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    rewriter.replaceOpWithNewOp<vm::CondBranchOp>(
        op, adaptor.getCondition(), adaptor.getTrueDestOperands(), adaptor.getFalseDestOperands(),
        op.getTrueDest(), op.getFalseDest());
    return success();
  }
};

// cf.switch: a VM br_table needs an i32 index and cases 0, 1, ..., N-1. Other switches
// (sparse or negative cases, i64 flags whose high bits br_table would ignore) become a chain
// of compares, one block per case. Case values are compared in register form: sign-extended,
// except i1, which registers hold as 0/1.
struct SwitchLowering : OpConversionPattern<cf::SwitchOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(cf::SwitchOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Value flag = adaptor.getFlag();
    if (!flag.getType().isInteger(32) && !flag.getType().isInteger(64)) {
      return rewriter.notifyMatchFailure(op, "flag has no VM integer form");
    }
    SmallVector<int64_t> cases;
    if (std::optional<DenseIntElementsAttr> values = op.getCaseValues()) {
      for (const APInt& value : values->getValues<APInt>()) {
        cases.push_back(value.getBitWidth() == 1 ? value.getZExtValue() : value.getSExtValue());
      }
    }
    SmallVector<ValueRange> case_operands = adaptor.getCaseOperands();
    bool dense = llvm::all_of(llvm::enumerate(cases), [](auto item) {
      return item.value() == static_cast<int64_t>(item.index());
    });
    if (dense && flag.getType().isInteger(32)) {
      SmallVector<int32_t> indices(cases.begin(), cases.end());
      rewriter.replaceOpWithNewOp<cf::SwitchOp>(op, flag, op.getDefaultDestination(),
                                                adaptor.getDefaultOperands(), indices,
                                                op.getCaseDestinations(), case_operands);
      return success();
    }
    Location loc = op.getLoc();
    bool wide = flag.getType().isInteger(64);
    Block* current = op->getBlock();
    Region::iterator after = std::next(Region::iterator(current));
    rewriter.setInsertionPoint(op);
    for (auto [index, value] : llvm::enumerate(cases)) {
      Value constant = wide ? ConstI64(rewriter, loc, value)
                            : ConstI32(rewriter, loc, static_cast<int32_t>(value));
      Value equal = CreateInst(rewriter, loc, wide ? "cmp.eq.i64" : "cmp.eq.i32", {flag, constant},
                               rewriter.getI32Type());
      Block* case_block = op.getCaseDestinations()[index];
      if (index + 1 == cases.size()) {
        vm::CondBranchOp::create(rewriter, loc, equal, case_operands[index],
                                 adaptor.getDefaultOperands(), case_block,
                                 op.getDefaultDestination());
        break;
      }
      OpBuilder::InsertPoint here = rewriter.saveInsertionPoint();
      Block* next = rewriter.createBlock(current->getParent(), after);
      rewriter.restoreInsertionPoint(here);
      vm::CondBranchOp::create(rewriter, loc, equal, case_operands[index], ValueRange{}, case_block,
                               next);
      rewriter.setInsertionPointToEnd(next);
    }
    if (cases.empty()) {
      cf::BranchOp::create(rewriter, loc, op.getDefaultDestination(), adaptor.getDefaultOperands());
    }
    rewriter.eraseOp(op);
    return success();
  }
};

}  // namespace

void PopulateFuncToVMPatterns(const VMTypeConverter& converter, SymbolTable& symbols,
                              RewritePatternSet& patterns) {
  patterns.add<FuncLowering, ReturnLowering, AssertLowering>(converter, patterns.getContext());
  patterns.add<CallLowering>(converter, patterns.getContext(), symbols);
  // Ahead of cf's structural pattern, which would keep an i1 condition type.
  patterns.add<CondBranchLowering, SwitchLowering>(converter, patterns.getContext(),
                                                   /*benefit=*/10);
}

}  // namespace sinew::compiler
