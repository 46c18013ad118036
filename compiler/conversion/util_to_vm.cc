// util -> vm: buffer constants as rodata, barriers, unfoldable scalar constants and globals.
#include "compiler/conversion/patterns.h"
#include "compiler/conversion/vm_builder.h"
#include "compiler/dialect/util/util_dialect.h"
#include "compiler/dialect/vm/vm_dialect.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

struct BufferConstantLowering : OpConversionPattern<util::BufferConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(util::BufferConstantOp op, OpAdaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    SmallVector<NamedAttribute> attributes = {rewriter.getNamedAttr("rodata", op.getValue())};
    if (op.getAlignmentAttr()) {
      attributes.push_back(rewriter.getNamedAttr("alignment", op.getAlignmentAttr()));
    }
    rewriter.replaceOp(op,
                       CreateInst(rewriter, op.getLoc(), "const.ref.rodata", {}, type, attributes));
    return success();
  }
};

struct OptimizationBarrierLowering : OpConversionPattern<util::OptimizationBarrierOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(util::OptimizationBarrierOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    rewriter.replaceOp(op, adaptor.getOperands());
    return success();
  }
};

struct UnfoldableConstantLowering : OpConversionPattern<util::UnfoldableConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(util::UnfoldableConstantOp op, OpAdaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type || !type.isIntOrFloat()) {
      return op.emitOpError("only scalar unfoldable constants are supported, got ") << op.getType();
    }
    Location loc = op.getLoc();
    Value value;
    if (auto integer = dyn_cast<IntegerAttr>(op.getValue())) {
      const APInt& bits = integer.getValue();
      int64_t raw = bits.getBitWidth() == 1 ? bits.getZExtValue() : bits.getSExtValue();
      value = type.isInteger(64) ? ConstI64(rewriter, loc, raw)
                                 : ConstI32(rewriter, loc, static_cast<int32_t>(raw));
    } else if (auto real = dyn_cast<FloatAttr>(op.getValue())) {
      value = CreateInst(rewriter, loc, ("const." + TypeSuffix(type)).str(), {}, type,
                         {rewriter.getNamedAttr("value", real)});
    } else {
      return op.emitOpError("unsupported constant value ") << op.getValue();
    }
    rewriter.replaceOp(op, value);
    return success();
  }
};

struct GlobalLowering : OpConversionPattern<util::GlobalOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(util::GlobalOp op, OpAdaptor,
                                ConversionPatternRewriter& rewriter) const override {
    if (op.getInitialValue()) {
      return op.emitOpError("initial values must be moved into __init before conversion");
    }
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type) return op.emitOpError("global type ") << op.getType() << " has no VM form";
    rewriter.modifyOpInPlace(op, [&] { op.setType(type); });
    return success();
  }
};

// The `global.load.X` / `global.store.X` suffix and attributes for a global of VM type `type`.
FailureOr<std::string> GlobalSuffix(Operation* op, Type type,
                                    SmallVectorImpl<NamedAttribute>& attributes) {
  if (auto ref = dyn_cast<vm::RefType>(type)) {
    if (ref.getTypeName().empty()) {
      return op->emitOpError("globals of type !vm.ref<?> are not supported");
    }
    attributes.push_back(NamedAttribute(StringAttr::get(op->getContext(), "type"),
                                        TypeAttr::get(ref.getObjectType())));
    return std::string("ref");
  }
  return TypeSuffix(type).str();
}

struct GlobalLoadLowering : OpConversionPattern<util::GlobalLoadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(util::GlobalLoadOp op, OpAdaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type) return failure();
    SmallVector<NamedAttribute> attributes = {rewriter.getNamedAttr("global", op.getGlobalAttr())};
    FailureOr<std::string> suffix = GlobalSuffix(op, type, attributes);
    if (failed(suffix)) return failure();
    rewriter.replaceOp(
        op, CreateInst(rewriter, op.getLoc(), "global.load." + *suffix, {}, type, attributes));
    return success();
  }
};

struct GlobalStoreLowering : OpConversionPattern<util::GlobalStoreOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(util::GlobalStoreOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = adaptor.getValue().getType();
    SmallVector<NamedAttribute> attributes = {rewriter.getNamedAttr("global", op.getGlobalAttr())};
    FailureOr<std::string> suffix = GlobalSuffix(op, type, attributes);
    if (failed(suffix)) return failure();
    CreateEffect(rewriter, op.getLoc(), "global.store." + *suffix, {adaptor.getValue()},
                 attributes);
    rewriter.eraseOp(op);
    return success();
  }
};

}  // namespace

void PopulateUtilToVMPatterns(const VMTypeConverter& converter, RewritePatternSet& patterns) {
  patterns.add<BufferConstantLowering, OptimizationBarrierLowering, UnfoldableConstantLowering,
               GlobalLowering, GlobalLoadLowering, GlobalStoreLowering>(converter,
                                                                        patterns.getContext());
}

}  // namespace sinew::compiler
