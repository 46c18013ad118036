// arith -> vm: constants, integer and float arithmetic, comparisons, select and casts.
#include <limits>

#include "compiler/conversion/patterns.h"
#include "compiler/conversion/vm_builder.h"
#include "compiler/dialect/vm/vm_dialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sinew::compiler {
namespace {

using namespace mlir;

unsigned BitWidth(Type type, const VMTypeConverter& converter) {
  if (isa<IndexType>(type)) return converter.index_bits();
  return type.getIntOrFloatBitWidth();
}

const VMTypeConverter& Converter(const ConversionPattern& pattern) {
  return *static_cast<const VMTypeConverter*>(pattern.getTypeConverter());
}

struct ConstantLowering : OpConversionPattern<arith::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(arith::ConstantOp op, OpAdaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type) return rewriter.notifyMatchFailure(op, "unsupported constant type");
    Location loc = op.getLoc();
    if (auto integer = dyn_cast<IntegerAttr>(op.getValue())) {
      const APInt& bits = integer.getValue();
      int64_t value = bits.getBitWidth() == 1 ? bits.getZExtValue() : bits.getSExtValue();
      rewriter.replaceOp(op, type.isInteger(64)
                                 ? ConstI64(rewriter, loc, value)
                                 : ConstI32(rewriter, loc, static_cast<int32_t>(value)));
      return success();
    }
    if (auto real = dyn_cast<FloatAttr>(op.getValue())) {
      StringRef suffix = TypeSuffix(type);
      bool zero = real.getValue().isPosZero();
      std::string mnemonic = ("const." + suffix + (zero ? ".zero" : "")).str();
      SmallVector<NamedAttribute> attributes;
      if (!zero) attributes.push_back(rewriter.getNamedAttr("value", real));
      rewriter.replaceOp(op, CreateInst(rewriter, loc, mnemonic, {}, type, attributes));
      return success();
    }
    return rewriter.notifyMatchFailure(op, "only scalar constants lower to VM constants");
  }
};

enum class Sign { kNone, kSigned, kUnsigned };

// Integer binary ops: `<base>.<i32|i64>[.s|.u]`, with narrow operands extended as the sign
// requires and narrow results brought back to their register form.
template <typename Op>
struct IntegerBinaryLowering : OpConversionPattern<Op> {
  IntegerBinaryLowering(const TypeConverter& converter, MLIRContext* context, StringRef base,
                        Sign sign, bool renormalize)
      : OpConversionPattern<Op>(converter, context),
        base(base),
        sign(sign),
        renormalize(renormalize) {}

  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = this->getTypeConverter()->convertType(op.getType());
    if (!type || !isa<IntegerType>(type)) return rewriter.notifyMatchFailure(op, "not scalar");
    unsigned width = BitWidth(op.getType(), Converter(*this));
    Location loc = op.getLoc();
    bool is_shift = base == "shl" || base == "shr";
    Value lhs = adaptor.getLhs();
    Value rhs = adaptor.getRhs();
    if (sign != Sign::kNone) {
      lhs = ExtendNarrow(rewriter, loc, lhs, width, sign == Sign::kSigned);
      if (!is_shift) rhs = ExtendNarrow(rewriter, loc, rhs, width, sign == Sign::kSigned);
    }
    if (is_shift && type.isInteger(64)) {
      rhs = CreateInst(rewriter, loc, "trunc.i64.i32", {rhs}, rewriter.getI32Type());
    }
    std::string mnemonic = (base + "." + TypeSuffix(type)).str();
    if (sign == Sign::kSigned) mnemonic += ".s";
    if (sign == Sign::kUnsigned) mnemonic += ".u";
    Value result = CreateInst(rewriter, loc, mnemonic, {lhs, rhs}, type);
    if (renormalize) result = RenormalizeNarrow(rewriter, loc, result, width);
    rewriter.replaceOp(op, result);
    return success();
  }

  StringRef base;
  Sign sign;
  bool renormalize;
};

template <typename Op>
struct FloatBinaryLowering : OpConversionPattern<Op> {
  FloatBinaryLowering(const TypeConverter& converter, MLIRContext* context, StringRef base)
      : OpConversionPattern<Op>(converter, context), base(base) {}
  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = this->getTypeConverter()->convertType(op.getType());
    if (!type || !isa<FloatType>(type)) return rewriter.notifyMatchFailure(op, "not scalar");
    rewriter.replaceOp(op, CreateInst(rewriter, op.getLoc(), (base + "." + TypeSuffix(type)).str(),
                                      {adaptor.getLhs(), adaptor.getRhs()}, type));
    return success();
  }
  StringRef base;
};

// arith.remf is C fmod (the result has the dividend's sign); the VM's rem is the IEEE
// remainder (the quotient rounds to nearest). Where the two differ the remainder is off by
// |rhs|, and adding it back is exact because the fmod result is representable.
struct RemFLowering : OpConversionPattern<arith::RemFOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(arith::RemFOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type || !isa<FloatType>(type)) return rewriter.notifyMatchFailure(op, "not scalar");
    Location loc = op.getLoc();
    StringRef suffix = TypeSuffix(type);
    Type i32 = rewriter.getI32Type();
    auto inst = [&](StringRef base, ValueRange operands, Type result) {
      return CreateInst(rewriter, loc, (base + "." + suffix).str(), operands, result);
    };
    Value lhs = adaptor.getLhs();
    Value remainder = inst("rem", {lhs, adaptor.getRhs()}, type);
    Value magnitude = inst("abs", {adaptor.getRhs()}, type);
    Value zero = CreateInst(rewriter, loc, ("const." + suffix + ".zero").str(), {}, type);
    auto less = [&](Value a, Value b) {
      return CreateInst(rewriter, loc, ("cmp.lt." + suffix + ".o").str(), {a, b}, i32);
    };
    Value remainder_negative = less(remainder, zero);
    Value remainder_positive = less(zero, remainder);
    Value lhs_negative = less(lhs, zero);
    Value lhs_positive = less(zero, lhs);
    Value raise = CreateInst(rewriter, loc, "and.i32", {remainder_negative, lhs_positive}, i32);
    Value lower = CreateInst(rewriter, loc, "and.i32", {remainder_positive, lhs_negative}, i32);
    Value raised = inst("add", {remainder, magnitude}, type);
    Value lowered = inst("sub", {remainder, magnitude}, type);
    Value result = inst("select", {raise, raised, remainder}, type);
    result = inst("select", {lower, lowered, result}, type);
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct NegFLowering : OpConversionPattern<arith::NegFOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(arith::NegFOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type || !isa<FloatType>(type)) return rewriter.notifyMatchFailure(op, "not scalar");
    rewriter.replaceOp(op, CreateInst(rewriter, op.getLoc(), ("neg." + TypeSuffix(type)).str(),
                                      {adaptor.getOperand()}, type));
    return success();
  }
};

Value Not(OpBuilder& builder, Location loc, Value value) {
  return CreateInst(builder, loc, "xor.i32", {value, ConstI32(builder, loc, 1)},
                    builder.getI32Type());
}

struct CmpILowering : OpConversionPattern<arith::CmpIOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(arith::CmpIOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = adaptor.getLhs().getType();
    if (!isa<IntegerType>(type)) return rewriter.notifyMatchFailure(op, "not scalar");
    unsigned width = BitWidth(op.getLhs().getType(), Converter(*this));
    Location loc = op.getLoc();
    using P = arith::CmpIPredicate;
    P predicate = op.getPredicate();
    bool is_signed =
        predicate == P::slt || predicate == P::sle || predicate == P::sgt || predicate == P::sge;
    bool is_unsigned =
        predicate == P::ult || predicate == P::ule || predicate == P::ugt || predicate == P::uge;
    Value lhs = adaptor.getLhs();
    Value rhs = adaptor.getRhs();
    if (is_signed || is_unsigned) {
      lhs = ExtendNarrow(rewriter, loc, lhs, width, is_signed);
      rhs = ExtendNarrow(rewriter, loc, rhs, width, is_signed);
    }
    StringRef suffix = TypeSuffix(type);
    std::string lt = ("cmp.lt." + suffix + (is_signed ? ".s" : ".u")).str();
    Type i32 = rewriter.getI32Type();
    Value result;
    switch (predicate) {
      case P::eq:
        result = CreateInst(rewriter, loc, ("cmp.eq." + suffix).str(), {lhs, rhs}, i32);
        break;
      case P::ne:
        result = CreateInst(rewriter, loc, ("cmp.ne." + suffix).str(), {lhs, rhs}, i32);
        break;
      case P::slt:
      case P::ult:
        result = CreateInst(rewriter, loc, lt, {lhs, rhs}, i32);
        break;
      case P::sgt:
      case P::ugt:
        result = CreateInst(rewriter, loc, lt, {rhs, lhs}, i32);
        break;
      case P::sle:
      case P::ule:
        result = Not(rewriter, loc, CreateInst(rewriter, loc, lt, {rhs, lhs}, i32));
        break;
      case P::sge:
      case P::uge:
        result = Not(rewriter, loc, CreateInst(rewriter, loc, lt, {lhs, rhs}, i32));
        break;
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct CmpFLowering : OpConversionPattern<arith::CmpFOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(arith::CmpFOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = adaptor.getLhs().getType();
    if (!isa<FloatType>(type)) return rewriter.notifyMatchFailure(op, "not scalar");
    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    Value lhs = adaptor.getLhs();
    Value rhs = adaptor.getRhs();
    StringRef suffix = TypeSuffix(type);
    auto cmp = [&](StringRef name, bool ordered, Value a, Value b) {
      return CreateInst(rewriter, loc,
                        ("cmp." + name + "." + suffix + (ordered ? ".o" : ".u")).str(), {a, b},
                        i32);
    };
    auto unordered = [&]() {
      Value a = CreateInst(rewriter, loc, ("cmp.nan." + suffix).str(), {lhs}, i32);
      Value b = CreateInst(rewriter, loc, ("cmp.nan." + suffix).str(), {rhs}, i32);
      return CreateInst(rewriter, loc, "or.i32", {a, b}, i32);
    };
    using P = arith::CmpFPredicate;
    Value result;
    switch (op.getPredicate()) {
      case P::AlwaysFalse:
        result = ConstI32(rewriter, loc, 0);
        break;
      case P::AlwaysTrue:
        result = ConstI32(rewriter, loc, 1);
        break;
      case P::OEQ:
        result = cmp("eq", true, lhs, rhs);
        break;
      case P::UEQ:
        result = cmp("eq", false, lhs, rhs);
        break;
      case P::ONE:
        // Not cmp.ne.*.o: the VM computes that as C `!=`, which is true for NaN operands.
        result = Not(rewriter, loc, cmp("eq", false, lhs, rhs));
        break;
      case P::UNE:
        result = cmp("ne", false, lhs, rhs);
        break;
      case P::OLT:
        result = cmp("lt", true, lhs, rhs);
        break;
      case P::ULT:
        result = cmp("lt", false, lhs, rhs);
        break;
      case P::OGT:
        result = cmp("lt", true, rhs, lhs);
        break;
      case P::UGT:
        result = cmp("lt", false, rhs, lhs);
        break;
      case P::OLE:
        result = cmp("lte", true, lhs, rhs);
        break;
      case P::ULE:
        result = cmp("lte", false, lhs, rhs);
        break;
      case P::OGE:
        result = cmp("lte", true, rhs, lhs);
        break;
      case P::UGE:
        result = cmp("lte", false, rhs, lhs);
        break;
      case P::UNO:
        result = unordered();
        break;
      case P::ORD:
        result = Not(rewriter, loc, unordered());
        break;
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct SelectLowering : OpConversionPattern<arith::SelectOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(arith::SelectOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type) return rewriter.notifyMatchFailure(op, "unsupported type");
    Location loc = op.getLoc();
    if (auto ref = dyn_cast<vm::RefType>(type)) {
      if (ref.getTypeName().empty()) {
        // select.ref needs the operands' type, which !vm.ref<?> does not name: branch instead.
        // (The canonicalizer makes such selects from cf.cond_br to one block with two values.)
        Block* before = op->getBlock();
        Block* after = rewriter.splitBlock(before, std::next(op->getIterator()));
        Block* join =
            rewriter.createBlock(after->getParent(), Region::iterator(after), {type}, {loc});
        cf::BranchOp::create(rewriter, loc, after);
        rewriter.setInsertionPointToEnd(before);
        vm::CondBranchOp::create(rewriter, loc, adaptor.getCondition(),
                                 ValueRange{adaptor.getTrueValue()},
                                 ValueRange{adaptor.getFalseValue()}, join, join);
        rewriter.replaceOp(op, join->getArgument(0));
        return success();
      }
      rewriter.replaceOp(
          op,
          CreateInst(rewriter, loc, "select.ref",
                     {adaptor.getCondition(), adaptor.getTrueValue(), adaptor.getFalseValue()},
                     type, {rewriter.getNamedAttr("type", TypeAttr::get(ref.getObjectType()))}));
      return success();
    }
    rewriter.replaceOp(
        op, CreateInst(rewriter, loc, ("select." + TypeSuffix(type)).str(),
                       {adaptor.getCondition(), adaptor.getTrueValue(), adaptor.getFalseValue()},
                       type));
    return success();
  }
};

// A pattern for an op that comes in a signed and an unsigned flavour.
template <typename Op>
struct SignedLowering : OpConversionPattern<Op> {
  SignedLowering(const TypeConverter& converter, MLIRContext* context, bool is_signed)
      : OpConversionPattern<Op>(converter, context), is_signed(is_signed) {}
  bool is_signed;
};

// extsi, extui, trunci, index_cast, index_castui.
template <typename Op>
struct IntegerCastLowering : SignedLowering<Op> {
  using SignedLowering<Op>::SignedLowering;
  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type in_type = op.getIn().getType();
    Type out_type = op.getType();
    if (!(in_type.isIntOrIndex() && out_type.isIntOrIndex())) {
      return rewriter.notifyMatchFailure(op, "not scalar");
    }
    const VMTypeConverter& converter = Converter(*this);
    rewriter.replaceOp(
        op, ConvertInteger(rewriter, op.getLoc(), adaptor.getIn(), BitWidth(in_type, converter),
                           BitWidth(out_type, converter), this->is_signed));
    return success();
  }
};

// sitofp, uitofp.
template <typename Op>
struct IntToFloatLowering : SignedLowering<Op> {
  using SignedLowering<Op>::SignedLowering;
  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type in = adaptor.getIn().getType();
    Type out = this->getTypeConverter()->convertType(op.getType());
    if (!out || !isa<IntegerType>(in)) return rewriter.notifyMatchFailure(op, "not scalar");
    Location loc = op.getLoc();
    Value value = ExtendNarrow(rewriter, loc, adaptor.getIn(),
                               op.getIn().getType().getIntOrFloatBitWidth(), this->is_signed);
    std::string mnemonic = (Twine("cast.") + (this->is_signed ? "si" : "ui") +
                            (in.isInteger(64) ? "64" : "32") + "." + TypeSuffix(out))
                               .str();
    rewriter.replaceOp(op, CreateInst(rewriter, loc, mnemonic, {value}, out));
    return success();
  }
};

// fptosi, fptoui. The VM's casts round half away from zero, arith's truncate toward zero,
// so the value is truncated first (floor above zero, ceil below). f64 goes through i64 to
// avoid the VM's f32 intermediate in cast.f64.si32.
template <typename Op>
struct FloatToIntLowering : SignedLowering<Op> {
  using SignedLowering<Op>::SignedLowering;
  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type in = adaptor.getIn().getType();
    Type out = this->getTypeConverter()->convertType(op.getType());
    if (!out || !isa<FloatType>(in)) return rewriter.notifyMatchFailure(op, "not scalar");
    Location loc = op.getLoc();
    StringRef suffix = TypeSuffix(in);
    Value value = adaptor.getIn();
    Value zero = CreateInst(rewriter, loc, ("const." + suffix + ".zero").str(), {}, in);
    Value negative = CreateInst(rewriter, loc, ("cmp.lt." + suffix + ".o").str(), {value, zero},
                                rewriter.getI32Type());
    Value up = CreateInst(rewriter, loc, ("ceil." + suffix).str(), {value}, in);
    Value down = CreateInst(rewriter, loc, ("floor." + suffix).str(), {value}, in);
    Value truncated =
        CreateInst(rewriter, loc, ("select." + suffix).str(), {negative, up, down}, in);
    bool via_i64 = out.isInteger(64) || in.isF64();
    // cast.f64.ui64 goes through a signed conversion and gives 2^63 for every value in
    // [2^63, 2^64): convert such values less 2^63 (exact there) and set the top bit after.
    Value high;
    if (!this->is_signed && in.isF64() && out.isInteger(64)) {
      Value two_63 = CreateInst(rewriter, loc, "const.f64", {}, in,
                                {rewriter.getNamedAttr("value", rewriter.getF64FloatAttr(0x1p63))});
      high = CreateInst(rewriter, loc, "cmp.lte.f64.o", {two_63, truncated}, rewriter.getI32Type());
      Value low_part = CreateInst(rewriter, loc, "sub.f64", {truncated, two_63}, in);
      truncated = CreateInst(rewriter, loc, "select.f64", {high, low_part, truncated}, in);
    }
    std::string mnemonic =
        (Twine("cast.") + suffix + "." + (this->is_signed ? "si" : "ui") + (via_i64 ? "64" : "32"))
            .str();
    Value result = CreateInst(rewriter, loc, mnemonic, {truncated},
                              via_i64 ? rewriter.getI64Type() : rewriter.getI32Type());
    if (high) {
      Value top_bit = ConstI64(rewriter, loc, std::numeric_limits<int64_t>::min());
      Value with_top = CreateInst(rewriter, loc, "or.i64", {result, top_bit}, result.getType());
      result = CreateInst(rewriter, loc, "select.i64", {high, with_top, result}, result.getType());
    }
    if (via_i64 && !out.isInteger(64)) {
      result = CreateInst(rewriter, loc, "trunc.i64.i32", {result}, rewriter.getI32Type());
    }
    result = RenormalizeNarrow(rewriter, loc, result, op.getType().getIntOrFloatBitWidth());
    rewriter.replaceOp(op, result);
    return success();
  }
};

// addui_extended: the sum and whether it wrapped (the sum is below an operand, unsigned).
struct AddUIExtendedLowering : OpConversionPattern<arith::AddUIExtendedOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(arith::AddUIExtendedOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getSum().getType());
    if (!type || !isa<IntegerType>(type)) return rewriter.notifyMatchFailure(op, "not scalar");
    Location loc = op.getLoc();
    unsigned width = BitWidth(op.getSum().getType(), Converter(*this));
    StringRef suffix = TypeSuffix(type);
    Value sum = CreateInst(rewriter, loc, ("add." + suffix).str(),
                           {adaptor.getLhs(), adaptor.getRhs()}, type);
    sum = RenormalizeNarrow(rewriter, loc, sum, width);
    Value wrapped = CreateInst(rewriter, loc, ("cmp.lt." + suffix + ".u").str(),
                               {ExtendNarrow(rewriter, loc, sum, width, false),
                                ExtendNarrow(rewriter, loc, adaptor.getLhs(), width, false)},
                               rewriter.getI32Type());
    rewriter.replaceOp(op, {sum, wrapped});
    return success();
  }
};

// mulsi_extended, mului_extended on up to 32 bits: the full product in 64 bits, split.
template <typename Op>
struct MulExtendedLowering : SignedLowering<Op> {
  using SignedLowering<Op>::SignedLowering;
  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    unsigned width = BitWidth(op.getLow().getType(), Converter(*this));
    if (width > 32) {
      return op.emitOpError(
          "is supported on integers of up to 32 bits (the VM has no 128-bit "
          "product)");
    }
    Location loc = op.getLoc();
    bool is_signed = this->is_signed;
    Type i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();
    auto widen = [&](Value value) {
      return CreateInst(rewriter, loc, is_signed ? "ext.i32.i64.s" : "ext.i32.i64.u",
                        {ExtendNarrow(rewriter, loc, value, width, is_signed)}, i64);
    };
    Value product = CreateInst(rewriter, loc, "mul.i64",
                               {widen(adaptor.getLhs()), widen(adaptor.getRhs())}, i64);
    Value low = CreateInst(rewriter, loc, "trunc.i64.i32", {product}, i32);
    Value shifted =
        CreateInst(rewriter, loc, is_signed ? "shr.i64.s" : "shr.i64.u",
                   {product, ConstI32(rewriter, loc, static_cast<int32_t>(width))}, i64);
    Value high = CreateInst(rewriter, loc, "trunc.i64.i32", {shifted}, i32);
    rewriter.replaceOp(op, {RenormalizeNarrow(rewriter, loc, low, width),
                            RenormalizeNarrow(rewriter, loc, high, width)});
    return success();
  }
};

// extf, truncf, bitcast: one instruction named by the two VM types.
template <typename Op>
struct UnaryCastLowering : OpConversionPattern<Op> {
  UnaryCastLowering(const TypeConverter& converter, MLIRContext* context, StringRef base)
      : OpConversionPattern<Op>(converter, context), base(base) {}
  LogicalResult matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                                ConversionPatternRewriter& rewriter) const override {
    Type in = adaptor.getIn().getType();
    Type out = this->getTypeConverter()->convertType(op.getType());
    if (!out || !in.isIntOrFloat() || !out.isIntOrFloat()) {
      return rewriter.notifyMatchFailure(op, "not scalar");
    }
    if (in == out) {
      rewriter.replaceOp(op, adaptor.getIn());
      return success();
    }
    std::string mnemonic = (base + "." + TypeSuffix(in) + "." + TypeSuffix(out)).str();
    rewriter.replaceOp(op, CreateInst(rewriter, op.getLoc(), mnemonic, {adaptor.getIn()}, out));
    return success();
  }
  StringRef base;
};

}  // namespace

void PopulateArithToVMPatterns(const VMTypeConverter& converter, RewritePatternSet& patterns) {
  MLIRContext* context = patterns.getContext();
  patterns.add<ConstantLowering, NegFLowering, RemFLowering, CmpILowering, CmpFLowering,
               SelectLowering>(converter, context);
  auto binary = [&]<typename Op>(StringRef base, Sign sign, bool renormalize) {
    patterns.add<IntegerBinaryLowering<Op>>(converter, context, base, sign, renormalize);
  };
  binary.operator()<arith::AddIOp>("add", Sign::kNone, true);
  binary.operator()<arith::SubIOp>("sub", Sign::kNone, true);
  binary.operator()<arith::MulIOp>("mul", Sign::kNone, true);
  binary.operator()<arith::DivSIOp>("div", Sign::kSigned, true);
  binary.operator()<arith::DivUIOp>("div", Sign::kUnsigned, true);
  binary.operator()<arith::RemSIOp>("rem", Sign::kSigned, true);
  binary.operator()<arith::RemUIOp>("rem", Sign::kUnsigned, true);
  binary.operator()<arith::AndIOp>("and", Sign::kNone, false);
  binary.operator()<arith::OrIOp>("or", Sign::kNone, false);
  binary.operator()<arith::XOrIOp>("xor", Sign::kNone, false);
  binary.operator()<arith::ShLIOp>("shl", Sign::kNone, true);
  binary.operator()<arith::ShRSIOp>("shr", Sign::kSigned, true);
  binary.operator()<arith::ShRUIOp>("shr", Sign::kUnsigned, true);
  binary.operator()<arith::MinSIOp>("min", Sign::kSigned, false);
  binary.operator()<arith::MinUIOp>("min", Sign::kUnsigned, false);
  binary.operator()<arith::MaxSIOp>("max", Sign::kSigned, false);
  binary.operator()<arith::MaxUIOp>("max", Sign::kUnsigned, false);
  patterns.add<FloatBinaryLowering<arith::AddFOp>>(converter, context, "add");
  patterns.add<FloatBinaryLowering<arith::SubFOp>>(converter, context, "sub");
  patterns.add<FloatBinaryLowering<arith::MulFOp>>(converter, context, "mul");
  patterns.add<FloatBinaryLowering<arith::DivFOp>>(converter, context, "div");
  patterns.add<FloatBinaryLowering<arith::MaximumFOp>>(converter, context, "max");
  patterns.add<FloatBinaryLowering<arith::MinimumFOp>>(converter, context, "min");
  patterns.add<FloatBinaryLowering<arith::MaxNumFOp>>(converter, context, "max");
  patterns.add<FloatBinaryLowering<arith::MinNumFOp>>(converter, context, "min");
  patterns.add<IntegerCastLowering<arith::ExtSIOp>>(converter, context, true);
  patterns.add<IntegerCastLowering<arith::ExtUIOp>>(converter, context, false);
  patterns.add<IntegerCastLowering<arith::TruncIOp>>(converter, context, false);
  patterns.add<IntegerCastLowering<arith::IndexCastOp>>(converter, context, true);
  patterns.add<IntegerCastLowering<arith::IndexCastUIOp>>(converter, context, false);
  patterns.add<IntToFloatLowering<arith::SIToFPOp>>(converter, context, true);
  patterns.add<IntToFloatLowering<arith::UIToFPOp>>(converter, context, false);
  patterns.add<FloatToIntLowering<arith::FPToSIOp>>(converter, context, true);
  patterns.add<FloatToIntLowering<arith::FPToUIOp>>(converter, context, false);
  patterns.add<AddUIExtendedLowering>(converter, context);
  patterns.add<MulExtendedLowering<arith::MulSIExtendedOp>>(converter, context, true);
  patterns.add<MulExtendedLowering<arith::MulUIExtendedOp>>(converter, context, false);
  patterns.add<UnaryCastLowering<arith::ExtFOp>>(converter, context, "ext");
  patterns.add<UnaryCastLowering<arith::TruncFOp>>(converter, context, "trunc");
  patterns.add<UnaryCastLowering<arith::BitcastOp>>(converter, context, "bitcast");
}

}  // namespace sinew::compiler
