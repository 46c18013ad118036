// Building `vm.inst` instructions and keeping the narrow-integer register forms
// (vm_builder.h).
#include "compiler/conversion/vm_builder.h"

#include "compiler/dialect/vm/vm_dialect.h"

namespace sinew::compiler {

using namespace mlir;

Value CreateInst(OpBuilder& builder, Location loc, StringRef mnemonic, ValueRange operands,
                 Type result, ArrayRef<NamedAttribute> attributes) {
  auto op = vm::InstOp::create(builder, loc, TypeRange{result}, builder.getStringAttr(mnemonic),
                               operands);
  for (const NamedAttribute& attribute : attributes)
    op->setAttr(attribute.getName(), attribute.getValue());
  return op.getResult(0);
}

void CreateEffect(OpBuilder& builder, Location loc, StringRef mnemonic, ValueRange operands,
                  ArrayRef<NamedAttribute> attributes) {
  auto op =
      vm::InstOp::create(builder, loc, TypeRange{}, builder.getStringAttr(mnemonic), operands);
  for (const NamedAttribute& attribute : attributes)
    op->setAttr(attribute.getName(), attribute.getValue());
}

Value ConstI32(OpBuilder& builder, Location loc, int32_t value) {
  Type type = builder.getI32Type();
  if (value == 0) return CreateInst(builder, loc, "const.i32.zero", {}, type);
  return CreateInst(builder, loc, "const.i32", {}, type,
                    {builder.getNamedAttr("value", builder.getI32IntegerAttr(value))});
}

Value ConstI64(OpBuilder& builder, Location loc, int64_t value) {
  Type type = builder.getI64Type();
  if (value == 0) return CreateInst(builder, loc, "const.i64.zero", {}, type);
  return CreateInst(builder, loc, "const.i64", {}, type,
                    {builder.getNamedAttr("value", builder.getI64IntegerAttr(value))});
}

StringRef TypeSuffix(Type vm_type) {
  if (vm_type.isF32()) return "f32";
  if (vm_type.isF64()) return "f64";
  if (vm_type.isInteger(64)) return "i64";
  return "i32";
}

Value ExtendNarrow(OpBuilder& builder, Location loc, Value value, unsigned width, bool is_signed) {
  Type i32 = builder.getI32Type();
  if (width >= 32) return value;
  if (width == 1) {
    if (!is_signed) return value;
    return CreateInst(builder, loc, "sub.i32", {ConstI32(builder, loc, 0), value}, i32);
  }
  if (is_signed) return value;
  if (width == 8) return CreateInst(builder, loc, "ext.i8.i32.u", {value}, i32);
  if (width == 16) return CreateInst(builder, loc, "ext.i16.i32.u", {value}, i32);
  int32_t mask = static_cast<int32_t>((1u << width) - 1);
  return CreateInst(builder, loc, "and.i32", {value, ConstI32(builder, loc, mask)}, i32);
}

Value RenormalizeNarrow(OpBuilder& builder, Location loc, Value value, unsigned width) {
  Type i32 = builder.getI32Type();
  if (width >= 32) return value;
  if (width == 1)
    return CreateInst(builder, loc, "and.i32", {value, ConstI32(builder, loc, 1)}, i32);
  if (width == 8) return CreateInst(builder, loc, "ext.i8.i32.s", {value}, i32);
  if (width == 16) return CreateInst(builder, loc, "ext.i16.i32.s", {value}, i32);
  // Other widths: shift the value's sign bit to bit 31 and back.
  Value shift = ConstI32(builder, loc, static_cast<int32_t>(32 - width));
  Value high = CreateInst(builder, loc, "shl.i32", {value, shift}, i32);
  return CreateInst(builder, loc, "shr.i32.s", {high, shift}, i32);
}

Value ConvertInteger(OpBuilder& builder, Location loc, Value value, unsigned from_width,
                     unsigned to_width, bool is_signed) {
  if (from_width == to_width) return value;
  if (from_width > 32 && to_width > 32) return value;
  if (from_width < to_width) {
    // A zero-extended narrow value is already in the (sign-extended) form of a wider narrow
    // type, and ExtendNarrow gives i1 its 0/-1 form for sign extension.
    Value wide = ExtendNarrow(builder, loc, value, from_width, is_signed);
    if (to_width <= 32) return wide;
    return CreateInst(builder, loc, is_signed ? "ext.i32.i64.s" : "ext.i32.i64.u", {wide},
                      builder.getI64Type());
  }
  Value narrow = value;
  if (from_width > 32) {
    narrow = CreateInst(builder, loc, "trunc.i64.i32", {value}, builder.getI32Type());
  }
  return RenormalizeNarrow(builder, loc, narrow, to_width);
}

}  // namespace sinew::compiler
