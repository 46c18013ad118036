// sinew-expand-import-fallbacks (passes.h): calls to optional imports branch on
// `import.resolved` between the import and its `vm.fallback` function.
#include "compiler/conversion/passes.h"
#include "compiler/conversion/vm_builder.h"
#include "compiler/dialect/vm/vm_dialect.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

struct ExpandImportFallbacksPass : PassWrapper<ExpandImportFallbacksPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ExpandImportFallbacksPass)
  StringRef getArgument() const override { return "sinew-expand-import-fallbacks"; }
  StringRef getDescription() const override {
    return "Branch between an optional import and its vm.fallback at each call";
  }
  void getDependentDialects(DialectRegistry& registry) const override {
    registry.insert<cf::ControlFlowDialect, vm::VMDialect>();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    // Check the declarations first so each error is reported once.
    for (auto func : module.getOps<func::FuncOp>()) {
      Attribute attr = func->getAttr("vm.fallback");
      if (!attr) continue;
      auto ref = dyn_cast<FlatSymbolRefAttr>(attr);
      auto fallback = ref ? symbols.lookup<func::FuncOp>(ref.getValue()) : func::FuncOp();
      if (!func.isExternal()) {
        func.emitOpError("vm.fallback is only allowed on imported (external) functions");
        return signalPassFailure();
      }
      if (!fallback || fallback.isExternal()) {
        func.emitOpError("vm.fallback must name a function with a body in this module, got ")
            << attr;
        return signalPassFailure();
      }
      if (fallback.getFunctionType() != func.getFunctionType()) {
        func.emitOpError("vm.fallback ") << ref << " has type " << fallback.getFunctionType()
                                         << ", expected " << func.getFunctionType();
        return signalPassFailure();
      }
    }
    SmallVector<func::CallOp> calls;
    module.walk([&](func::CallOp call) {
      auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
      if (callee && callee->hasAttr("vm.fallback")) calls.push_back(call);
    });
    for (func::CallOp call : calls) Expand(call, symbols);
  }

  void Expand(func::CallOp call, SymbolTable& symbols) {
    auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
    auto fallback = cast<FlatSymbolRefAttr>(callee->getAttr("vm.fallback"));
    Location loc = call.getLoc();
    Block* before = call->getBlock();
    Block* after = before->splitBlock(call->getNextNode());
    SmallVector<Location> locs(call.getNumResults(), loc);
    after->addArguments(call.getResultTypes(), locs);

    OpBuilder builder(call->getContext());
    Region* region = before->getParent();
    Block* import_block = builder.createBlock(region, Region::iterator(after));
    auto import_call = func::CallOp::create(builder, loc, call.getCalleeAttr(),
                                            call.getResultTypes(), call.getOperands());
    cf::BranchOp::create(builder, loc, after, import_call.getResults());
    Block* fallback_block = builder.createBlock(region, Region::iterator(after));
    auto fallback_call =
        func::CallOp::create(builder, loc, fallback, call.getResultTypes(), call.getOperands());
    cf::BranchOp::create(builder, loc, after, fallback_call.getResults());

    builder.setInsertionPoint(call);
    Value resolved = CreateInst(builder, loc, "import.resolved", {}, builder.getI1Type(),
                                {builder.getNamedAttr("callee", call.getCalleeAttr())});
    call.replaceAllUsesWith(after->getArguments());
    cf::CondBranchOp::create(builder, loc, resolved, import_block, fallback_block);
    call.erase();
  }
};

}  // namespace

std::unique_ptr<Pass> CreateExpandImportFallbacksPass() {
  return std::make_unique<ExpandImportFallbacksPass>();
}

}  // namespace sinew::compiler
