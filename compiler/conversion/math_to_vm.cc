// math -> vm: every math function the VM has an instruction for (integer ones on any width).
#include "compiler/conversion/patterns.h"
#include "compiler/conversion/vm_builder.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

// `<base>.<type><tail>` over all operands; integer forms only for 32- and 64-bit values.
template <typename Op>
struct MathLowering : OpConversionPattern<Op> {
  MathLowering(const TypeConverter& converter, MLIRContext* context, StringRef base, StringRef tail)
      : OpConversionPattern<Op>(converter, context), base(base), tail(tail) {}
  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = this->getTypeConverter()->convertType(op.getType());
    if (!type || !type.isIntOrFloat()) return rewriter.notifyMatchFailure(op, "not scalar");
    unsigned width = op.getType().isInteger() ? op.getType().getIntOrFloatBitWidth() : 32;
    if (width < 32) {
      // Narrow integers (absi, ctlz) run on their 32-bit register form: ctlz counts the
      // zero-extended value's leading zeros less the 32 - width padding bits; absi works on
      // the sign-extended value and wraps back to the narrow width.
      Location loc = op.getLoc();
      bool is_ctlz = base == "ctlz";
      Value value = ExtendNarrow(rewriter, loc, adaptor.getOperands()[0], width, !is_ctlz);
      Value result = CreateInst(rewriter, loc, (base + ".i32").str(), {value}, type);
      result = is_ctlz ? CreateInst(rewriter, loc, "sub.i32",
                                    {result, ConstI32(rewriter, loc, 32 - width)}, type)
                       : RenormalizeNarrow(rewriter, loc, result, width);
      rewriter.replaceOp(op, result);
      return success();
    }
    rewriter.replaceOp(
        op, CreateInst(rewriter, op.getLoc(), (base + "." + TypeSuffix(type) + tail).str(),
                       adaptor.getOperands(), type));
    return success();
  }
  StringRef base;
  StringRef tail;
};

}  // namespace

void PopulateMathToVMPatterns(const VMTypeConverter& converter, RewritePatternSet& patterns) {
  MLIRContext* context = patterns.getContext();
  auto add = [&]<typename Op>(StringRef base, StringRef tail = "") {
    patterns.add<MathLowering<Op>>(converter, context, base, tail);
  };
  add.operator()<math::AbsFOp>("abs");
  add.operator()<math::AbsIOp>("abs");
  add.operator()<math::AtanOp>("atan");
  add.operator()<math::Atan2Op>("atan2");
  add.operator()<math::CeilOp>("ceil");
  add.operator()<math::CosOp>("cos");
  add.operator()<math::CountLeadingZerosOp>("ctlz");
  add.operator()<math::ErfOp>("erf");
  add.operator()<math::ExpOp>("exp");
  add.operator()<math::Exp2Op>("exp2");
  add.operator()<math::ExpM1Op>("expm1");
  add.operator()<math::FloorOp>("floor");
  add.operator()<math::FmaOp>("fma");
  add.operator()<math::LogOp>("log");
  add.operator()<math::Log10Op>("log10");
  add.operator()<math::Log1pOp>("log1p");
  add.operator()<math::Log2Op>("log2");
  add.operator()<math::PowFOp>("pow");
  add.operator()<math::RoundOp>("round");
  add.operator()<math::RoundEvenOp>("round", ".even");
  add.operator()<math::RsqrtOp>("rsqrt");
  add.operator()<math::SinOp>("sin");
  add.operator()<math::SqrtOp>("sqrt");
  add.operator()<math::TanhOp>("tanh");
}

}  // namespace sinew::compiler
