// sinew-rotate-loops (passes.h): scf.for becomes a guarded do-while (scf.if around an
// scf.while whose condition is checked after the body), so each iteration runs the body, the
// increment, one compare and one conditional branch back, which the loader fuses, instead of
// a separate header check and an unconditional branch.
#include "compiler/conversion/passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

struct RotateFor : OpRewritePattern<scf::ForOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(scf::ForOp loop, PatternRewriter& rewriter) const override {
    Location loc = loop.getLoc();
    auto predicate = loop.getUnsignedCmp() ? arith::CmpIPredicate::ult : arith::CmpIPredicate::slt;
    Value lower = loop.getLowerBound(), upper = loop.getUpperBound(), step = loop.getStep();
    ValueRange inits = loop.getInitArgs();
    TypeRange result_types = loop.getResultTypes();

    Value enter = arith::CmpIOp::create(rewriter, loc, predicate, lower, upper);
    auto guard = scf::IfOp::create(rewriter, loc, result_types, enter, /*withElse=*/true);

    rewriter.setInsertionPointToStart(&guard.getThenRegion().front());
    SmallVector<Value> while_inits = {lower};
    llvm::append_range(while_inits, inits);
    SmallVector<Type> while_types = {lower.getType()};
    llvm::append_range(while_types, result_types);
    auto body_loop = scf::WhileOp::create(rewriter, loc, while_types, while_inits);
    SmallVector<Location> locs(while_types.size(), loc);

    // Before region: the body, the increment and the exit check.
    Block* before = rewriter.createBlock(&body_loop.getBefore(), {}, while_types, locs);
    IRMapping mapping;
    mapping.map(loop.getInductionVar(), before->getArgument(0));
    for (auto [arg, value] :
         llvm::zip(loop.getRegionIterArgs(), before->getArguments().drop_front())) {
      mapping.map(arg, value);
    }
    for (Operation& op : loop.getBody()->without_terminator()) rewriter.clone(op, mapping);
    auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
    Value next = arith::AddIOp::create(rewriter, loc, before->getArgument(0), step);
    Value more = arith::CmpIOp::create(rewriter, loc, predicate, next, upper);
    SmallVector<Value> carried = {next};
    for (Value value : yield.getOperands()) carried.push_back(mapping.lookupOrDefault(value));
    scf::ConditionOp::create(rewriter, loc, more, carried);

    // After region: forward the carried values.
    Block* after = rewriter.createBlock(&body_loop.getAfter(), {}, while_types, locs);
    scf::YieldOp::create(rewriter, loc, after->getArguments());

    rewriter.setInsertionPointAfter(body_loop);
    scf::YieldOp::create(rewriter, loc, body_loop.getResults().drop_front());
    rewriter.setInsertionPointToStart(&guard.getElseRegion().front());
    scf::YieldOp::create(rewriter, loc, inits);
    rewriter.replaceOp(loop, guard.getResults());
    return success();
  }
};

struct LoopRotationPass : PassWrapper<LoopRotationPass, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(LoopRotationPass)
  StringRef getArgument() const override { return "sinew-rotate-loops"; }
  StringRef getDescription() const override {
    return "Turn scf.for into a guarded do-while loop (scf.if + scf.while)";
  }
  void getDependentDialects(DialectRegistry& registry) const override {
    registry.insert<arith::ArithDialect, scf::SCFDialect>();
  }
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<RotateFor>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns)))) signalPassFailure();
  }
};

}  // namespace

std::unique_ptr<Pass> CreateLoopRotationPass() { return std::make_unique<LoopRotationPass>(); }

}  // namespace sinew::compiler
