// sinew-convert-to-vm (passes.h): the dialect conversion from func/arith/math/cf/util to
// vm.inst, after which every value has a VM type (i32, i64, f32, f64 or !vm.ref<T>).
#include "compiler/conversion/passes.h"
#include "compiler/conversion/patterns.h"
#include "compiler/conversion/supported_ops.h"
#include "compiler/conversion/vm_function_type.h"
#include "compiler/dialect/util/util_dialect.h"
#include "compiler/dialect/vm/vm_dialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/ControlFlow/Transforms/StructuralTypeConversions.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

// Gives vm.inst ops built before the conversion (import.resolved) their VM result types.
struct InstTypeLowering : OpConversionPattern<vm::InstOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(vm::InstOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    SmallVector<Type> types;
    if (failed(getTypeConverter()->convertTypes(op.getResultTypes(), types))) return failure();
    auto inst = vm::InstOp::create(rewriter, op.getLoc(), types, op.getMnemonicAttr(),
                                   adaptor.getOperands());
    inst->setAttrs(op->getAttrs());
    rewriter.replaceOp(op, inst.getResults());
    return success();
  }
};

struct ConvertToVMPass : PassWrapper<ConvertToVMPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ConvertToVMPass)
  ConvertToVMPass() = default;
  ConvertToVMPass(const ConvertToVMPass& other) : PassWrapper(other) {}
  explicit ConvertToVMPass(unsigned bits) { index_bits = bits; }

  StringRef getArgument() const override { return "sinew-convert-to-vm"; }
  StringRef getDescription() const override {
    return "Convert func/arith/math/cf/util/tensor to the vm dialect";
  }
  void getDependentDialects(DialectRegistry& registry) const override {
    registry.insert<vm::VMDialect, func::FuncDialect, cf::ControlFlowDialect>();
  }

  Option<unsigned> index_bits{*this, "index-bits", llvm::cl::desc("Width of index (32 or 64)"),
                              llvm::cl::init(64)};

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (index_bits != 32 && index_bits != 64) {
      module.emitError("index-bits must be 32 or 64, got ") << index_bits.getValue();
      return signalPassFailure();
    }
    // Run on its own (sinew-opt), the conversion checks its input as the pipeline's first pass
    // does; scf must be lowered by now.
    if (failed(CheckSupportedOps(module, /*with_scf=*/false))) return signalPassFailure();

    DeclareHalImports(module);
    SymbolTable symbols(module);
    MLIRContext* context = &getContext();
    VMTypeConverter converter(index_bits);
    ConversionTarget target(*context);
    target.addLegalOp<ModuleOp>();
    target.addDynamicallyLegalOp<vm::InstOp, vm::CondBranchOp, vm::CallVariadicOp>(
        [&](Operation* op) { return converter.isLegal(op); });
    // A function is legal in its VM form; a call when it matches its callee's VM form.
    auto vm_signature = [&](func::FuncOp func) -> FunctionType {
      auto signature = dyn_cast_or_null<TypeAttr>(func->getAttr("vm.signature"));
      auto type = signature ? dyn_cast<FunctionType>(signature.getValue()) : nullptr;
      return type ? ConvertFunctionType(type, converter) : nullptr;
    };
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp func) {
      if (func->hasAttr("vm.signature")) return func.getFunctionType() == vm_signature(func);
      return converter.isSignatureLegal(func.getFunctionType()) &&
             converter.isLegal(&func.getBody());
    });
    target.addDynamicallyLegalOp<func::CallOp>([&](func::CallOp call) {
      if (!converter.isLegal(call.getOperation())) return false;
      auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
      if (!callee || !callee->hasAttr("vm.signature")) return true;
      return call.getCalleeType() == vm_signature(callee);
    });
    target.addDynamicallyLegalOp<func::ReturnOp>(
        [&](Operation* op) { return converter.isLegal(op); });
    target.addDynamicallyLegalOp<util::GlobalOp>([&](util::GlobalOp global) {
      return !global.getInitialValue() && converter.isLegal(global.getType());
    });

    RewritePatternSet patterns(context);
    cf::populateCFStructuralTypeConversionsAndLegality(converter, patterns, target);
    target.addIllegalOp<cf::CondBranchOp, cf::AssertOp>();
    // A switch is in VM form when it can be a br_table: an i32 flag and cases 0..N-1.
    target.addDynamicallyLegalOp<cf::SwitchOp>([&](cf::SwitchOp op) {
      if (!converter.isLegal(op.getOperation()) || !op.getFlag().getType().isInteger(32)) {
        return false;
      }
      std::optional<DenseIntElementsAttr> values = op.getCaseValues();
      if (!values) return true;
      for (auto [index, value] : llvm::enumerate(values->getValues<APInt>())) {
        if (value.getSExtValue() != static_cast<int64_t>(index)) return false;
      }
      return true;
    });
    PopulateFuncToVMPatterns(converter, symbols, patterns);
    PopulateArithToVMPatterns(converter, patterns);
    PopulateMathToVMPatterns(converter, patterns);
    PopulateUtilToVMPatterns(converter, patterns);
    PopulateTensorToVMPatterns(converter, patterns);
    patterns.add<InstTypeLowering>(converter, context);
    if (failed(applyFullConversion(module, target, std::move(patterns)))) {
      return signalPassFailure();
    }
  }
};

}  // namespace

std::unique_ptr<Pass> CreateConvertToVMPass(unsigned index_bits) {
  return std::make_unique<ConvertToVMPass>(index_bits);
}

}  // namespace sinew::compiler
