// tensor -> vm: tensors are hal.buffer_view refs. Dense constants become views over module
// rodata (hal.buffer_view.create), tensor.dim asks the view, tensor.cast to a static shape
// checks it (hal.buffer_view.assert), and casts between tensors and !hal.buffer_view vanish.
// The hal module's imports are declared here.
#include "compiler/conversion/patterns.h"
#include "compiler/conversion/vm_builder.h"
#include "compiler/dialect/util/util_dialect.h"
#include "compiler/dialect/vm/vm_dialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include "runtime/hal/element_type.h"

namespace sinew::compiler {
namespace {

using namespace mlir;
using hal::NumericalType;

constexpr char kCreate[] = "hal.buffer_view.create";
constexpr char kDim[] = "hal.buffer_view.dim";
constexpr char kAssert[] = "hal.buffer_view.assert";

Type ViewType(MLIRContext* context) {
  return vm::RefType::get(context,
                          mlir::OpaqueType::get(StringAttr::get(context, "hal"), "buffer_view"));
}

// The hal element type of a tensor element type, or nullopt if buffer views cannot hold it.
std::optional<uint32_t> ElementTypeValue(Type type) {
  if (auto integer = dyn_cast<IntegerType>(type)) {
    unsigned width = integer.getWidth();
    if (width == 1) return hal::MakeElementTypeValue(NumericalType::kBoolean, 1);
    if (width % 8 != 0 || width > 64) return std::nullopt;
    NumericalType kind = integer.isSigned()     ? NumericalType::kIntegerSigned
                         : integer.isUnsigned() ? NumericalType::kIntegerUnsigned
                                                : NumericalType::kInteger;
    return hal::MakeElementTypeValue(kind, width);
  }
  if (type.isF16() || type.isF32() || type.isF64()) {
    return hal::MakeElementTypeValue(NumericalType::kFloatIeee, type.getIntOrFloatBitWidth());
  }
  if (type.isBF16()) return hal::MakeElementTypeValue(NumericalType::kFloatBrain, 16);
  return std::nullopt;
}

// A call of a variadic hal import: fixed arguments, then one span of i64 dimensions.
Value CallWithShape(OpBuilder& builder, Location loc, StringRef callee, ValueRange fixed,
                    ArrayRef<int64_t> shape, TypeRange results) {
  SmallVector<Value> operands(fixed.begin(), fixed.end());
  for (int64_t dim : shape) operands.push_back(ConstI64(builder, loc, dim));
  SmallVector<int32_t> segments(fixed.size(), -1);
  segments.push_back(static_cast<int32_t>(shape.size()));
  auto call = vm::CallVariadicOp::create(builder, loc, results,
                                         FlatSymbolRefAttr::get(builder.getContext(), callee),
                                         builder.getDenseI32ArrayAttr(segments), operands);
  return results.empty() ? Value() : call.getResult(0);
}

// A cast to a static shape from a shape that is not must check the view at run time.
bool NeedsShapeCheck(tensor::CastOp op) {
  auto source = dyn_cast<RankedTensorType>(op.getSource().getType());
  auto result = dyn_cast<RankedTensorType>(op.getType());
  return result && result.hasStaticShape() && (!source || !source.hasStaticShape());
}

// dense<...> : tensor<...> constants (arith.constant, util.unfoldable_constant).
template <typename Op>
struct TensorConstantLowering : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    if (!type) return rewriter.notifyMatchFailure(op, "not a tensor constant");
    auto value = dyn_cast<DenseElementsAttr>(op.getValue());
    if (!value) {
      // dense_resource<...> and sparse<...> have no rodata encoding (yet).
      return op.emitOpError("tensor constants must be dense<...> elements, got ") << op.getValue();
    }
    std::optional<uint32_t> element_type = ElementTypeValue(type.getElementType());
    if (!element_type) {
      return op.emitOpError("tensors of ") << type.getElementType() << " have no buffer-view form";
    }
    Location loc = op.getLoc();
    MLIRContext* context = rewriter.getContext();
    int64_t bytes =
        type.getNumElements() * hal::ElementByteSize(static_cast<hal::ElementType>(*element_type));
    Value buffer = CreateInst(rewriter, loc, "const.ref.rodata", {},
                              vm::RefType::get(context, vm::BufferType::get(context)),
                              {rewriter.getNamedAttr("rodata", value)});
    Value view = CallWithShape(rewriter, loc, kCreate,
                               {buffer, ConstI64(rewriter, loc, 0), ConstI64(rewriter, loc, bytes),
                                ConstI32(rewriter, loc, static_cast<int32_t>(*element_type))},
                               type.getShape(), {ViewType(context)});
    rewriter.replaceOp(op, view);
    return success();
  }
};

struct DimLowering : OpConversionPattern<tensor::DimOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(tensor::DimOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Location loc = op.getLoc();
    Value index = adaptor.getIndex();
    if (index.getType().isInteger(64)) {
      index = CreateInst(rewriter, loc, "trunc.i64.i32", {index}, rewriter.getI32Type());
    }
    auto call = func::CallOp::create(rewriter, loc, kDim, TypeRange{rewriter.getI64Type()},
                                     ValueRange{adaptor.getSource(), index});
    Type result = getTypeConverter()->convertType(op.getType());
    Value dim = call.getResult(0);
    if (result.isInteger(32)) {
      dim = CreateInst(rewriter, loc, "trunc.i64.i32", {dim}, rewriter.getI32Type());
    }
    rewriter.replaceOp(op, dim);
    return success();
  }
};

struct CastLowering : OpConversionPattern<tensor::CastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(tensor::CastOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    if (NeedsShapeCheck(op)) {
      auto result = cast<RankedTensorType>(op.getType());
      std::optional<uint32_t> element_type = ElementTypeValue(result.getElementType());
      if (!element_type) {
        return op.emitOpError("tensors of ")
               << result.getElementType() << " have no buffer-view form";
      }
      Location loc = op.getLoc();
      CallWithShape(
          rewriter, loc, kAssert,
          {adaptor.getSource(), ConstI32(rewriter, loc, static_cast<int32_t>(*element_type))},
          result.getShape(), {});
    }
    rewriter.replaceOp(op, adaptor.getSource());
    return success();
  }
};

// `builtin.unrealized_conversion_cast %t : tensor<?xi8> to !hal.buffer_view`: both sides are
// the same buffer-view ref, so a program can hand a tensor to an import declared with
// buffer views (as sinew-dump-module --mlir-decls prints them).
struct SameRefCastLowering : OpConversionPattern<UnrealizedConversionCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(UnrealizedConversionCastOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    if (op.getNumOperands() != 1 || op.getNumResults() != 1) {
      return op.emitOpError("only one-to-one casts between tensors and buffer views are supported");
    }
    Type result = getTypeConverter()->convertType(op.getResult(0).getType());
    if (!result || result != adaptor.getInputs()[0].getType()) {
      return op.emitOpError("casts only between types with the same VM form, not ")
             << op.getOperand(0).getType() << " to " << op.getResult(0).getType();
    }
    rewriter.replaceOp(op, adaptor.getInputs()[0]);
    return success();
  }
};

}  // namespace

void DeclareHalImports(ModuleOp module) {
  bool create = false, dim = false, assert = false;
  module.walk([&](Operation* op) {
    if (isa<arith::ConstantOp, util::UnfoldableConstantOp>(op) &&
        isa<TensorType>(op->getResult(0).getType())) {
      create = true;
    }
    if (isa<tensor::DimOp>(op)) dim = true;
    if (auto cast = dyn_cast<tensor::CastOp>(op); cast && NeedsShapeCheck(cast)) assert = true;
  });
  MLIRContext* context = module.getContext();
  OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
  Type i32 = builder.getI32Type(), i64 = builder.getI64Type(), view = ViewType(context);
  auto declare = [&](StringRef name, FunctionType type, StringRef cconv) {
    if (SymbolTable::lookupSymbolIn(module, name)) return;
    auto func = func::FuncOp::create(builder, module.getLoc(), name, type);
    func.setPrivate();
    if (!cconv.empty()) func->setAttr("vm.cconv", builder.getStringAttr(cconv));
  };
  if (create) {
    Type buffer = vm::RefType::get(context, vm::BufferType::get(context));
    declare(kCreate, builder.getFunctionType({buffer, i64, i64, i32}, {view}), "0rIIiCID_r");
  }
  if (dim) declare(kDim, builder.getFunctionType({view, i32}, {i64}), "");
  if (assert) declare(kAssert, builder.getFunctionType({view, i32}, {}), "0riCID_v");
}

void PopulateTensorToVMPatterns(const VMTypeConverter& converter, RewritePatternSet& patterns) {
  MLIRContext* context = patterns.getContext();
  patterns.add<TensorConstantLowering<arith::ConstantOp>,
               TensorConstantLowering<util::UnfoldableConstantOp>, DimLowering, CastLowering,
               SameRefCastLowering>(converter, context);
}

}  // namespace sinew::compiler
