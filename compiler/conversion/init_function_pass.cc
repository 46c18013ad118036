// sinew-create-init-function (passes.h): global initial values and util.initializer bodies
// become one `__init` function.
#include "compiler/conversion/passes.h"
#include "compiler/dialect/util/util_dialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

struct InitFunctionPass : PassWrapper<InitFunctionPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(InitFunctionPass)
  StringRef getArgument() const override { return "sinew-create-init-function"; }
  StringRef getDescription() const override {
    return "Move util.global initial values and util.initializer bodies into __init";
  }
  void getDependentDialects(DialectRegistry& registry) const override {
    registry.insert<arith::ArithDialect, cf::ControlFlowDialect, func::FuncDialect>();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<util::GlobalOp> globals;
    SmallVector<util::InitializerOp> initializers;
    for (Operation& op : module.getOps()) {
      if (auto global = dyn_cast<util::GlobalOp>(op); global && global.getInitialValue()) {
        globals.push_back(global);
      }
      if (auto initializer = dyn_cast<util::InitializerOp>(op)) initializers.push_back(initializer);
    }
    if (globals.empty() && initializers.empty()) return;
    if (Operation* existing = SymbolTable::lookupSymbolIn(module, "__init")) {
      existing->emitOpError("__init is reserved for global initialization");
      return signalPassFailure();
    }

    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    Location loc = module.getLoc();
    auto init = func::FuncOp::create(builder, loc, "__init", builder.getFunctionType({}, {}));
    Block* current = init.addEntryBlock();
    builder.setInsertionPointToStart(current);
    for (util::GlobalOp global : globals) {
      TypedAttr value = *global.getInitialValue();
      if (!isa<IntegerAttr, FloatAttr>(value)) {
        global.emitOpError("initial value ") << value << " is not a scalar; use util.initializer";
        return signalPassFailure();
      }
      Value constant = arith::ConstantOp::create(builder, global.getLoc(), value);
      util::GlobalStoreOp::create(builder, global.getLoc(), constant, global.getSymName());
      global.removeInitialValueAttr();
    }
    // Each initializer's blocks are moved in; its util.return branches to what follows.
    for (util::InitializerOp initializer : initializers) {
      Region& body = initializer.getBody();
      if (body.empty()) {
        initializer.erase();
        continue;
      }
      Block* next = new Block();
      init.getBody().push_back(next);
      Block* entry = &body.front();
      builder.setInsertionPointToEnd(current);
      cf::BranchOp::create(builder, initializer.getLoc(), entry);
      init.getBody().getBlocks().splice(Region::iterator(next), body.getBlocks());
      for (Block& block : llvm::make_range(Region::iterator(entry), Region::iterator(next))) {
        if (auto ret = dyn_cast<util::ReturnOp>(block.getTerminator())) {
          builder.setInsertionPoint(ret);
          cf::BranchOp::create(builder, ret.getLoc(), next);
          ret.erase();
        }
      }
      current = next;
      initializer.erase();
    }
    builder.setInsertionPointToEnd(current);
    func::ReturnOp::create(builder, loc);
    // Stores to globals now happen outside util.initializer.
    module.walk([](util::GlobalOp global) { global.setIsMutable(true); });
  }
};

}  // namespace

std::unique_ptr<Pass> CreateInitFunctionPass() { return std::make_unique<InitFunctionPass>(); }

}  // namespace sinew::compiler
