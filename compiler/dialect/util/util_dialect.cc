// The `util` dialect: registration, the custom syntax of util.global and the verifiers.
#include "compiler/dialect/util/util_dialect.h"

#include "llvm/ADT/TypeSwitch.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"

#include "compiler/dialect/util/util_dialect.cc.inc"

#define GET_TYPEDEF_CLASSES
#include "compiler/dialect/util/util_types.cc.inc"

#define GET_OP_CLASSES
#include "compiler/dialect/util/util_ops.cc.inc"

namespace sinew::compiler::util {

using namespace mlir;

void UtilDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "compiler/dialect/util/util_types.cc.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "compiler/dialect/util/util_ops.cc.inc"
      >();
}

LogicalResult BufferConstantOp::verify() {
  Attribute value = getValue();
  if (isa<StringAttr>(value)) return success();
  auto elements = dyn_cast<DenseIntOrFPElementsAttr>(value);
  if (!elements) {
    return emitOpError("value must be a string or dense integer/float elements, got ") << value;
  }
  if (std::optional<uint64_t> alignment = getAlignment()) {
    if (*alignment == 0 || (*alignment & (*alignment - 1)) != 0) {
      return emitOpError("alignment must be a power of two, got ") << *alignment;
    }
  }
  return success();
}

// util.optimization_barrier %a, %b : T1, T2 (results have the operand types)
ParseResult OptimizationBarrierOp::parse(OpAsmParser& parser, OperationState& result) {
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  SmallVector<Type> types;
  llvm::SMLoc loc = parser.getCurrentLocation();
  if (parser.parseOperandList(operands) || parser.parseOptionalAttrDict(result.attributes)) {
    return failure();
  }
  if (!operands.empty() && parser.parseColonTypeList(types)) return failure();
  if (parser.resolveOperands(operands, types, loc, result.operands)) return failure();
  result.addTypes(types);
  return success();
}

void OptimizationBarrierOp::print(OpAsmPrinter& printer) {
  if (getNumOperands() == 0) return printer.printOptionalAttrDict((*this)->getAttrs());
  printer << ' ' << getOperands();
  printer.printOptionalAttrDict((*this)->getAttrs());
  printer << " : " << getOperandTypes();
}

LogicalResult OptimizationBarrierOp::verify() {
  if (getOperandTypes() != getResultTypes()) {
    return emitOpError("result types must match the operand types");
  }
  return success();
}

// util.global [visibility] [mutable] @name (= initial-value | : type)
ParseResult GlobalOp::parse(OpAsmParser& parser, OperationState& result) {
  Builder& builder = parser.getBuilder();
  StringRef visibility;
  if (succeeded(parser.parseOptionalKeyword(&visibility, {"private", "public", "nested"}))) {
    result.addAttribute(getSymVisibilityAttrName(result.name), builder.getStringAttr(visibility));
  }
  if (succeeded(parser.parseOptionalKeyword("mutable"))) {
    result.addAttribute(getIsMutableAttrName(result.name), builder.getUnitAttr());
  }
  StringAttr name;
  if (parser.parseSymbolName(name, getSymNameAttrName(result.name), result.attributes)) {
    return failure();
  }
  Type type;
  if (succeeded(parser.parseOptionalEqual())) {
    Attribute value;
    llvm::SMLoc loc = parser.getCurrentLocation();
    if (parser.parseAttribute(value)) return failure();
    auto typed = dyn_cast<TypedAttr>(value);
    if (!typed) return parser.emitError(loc, "initial value must be a typed attribute");
    result.addAttribute(getInitialValueAttrName(result.name), typed);
    type = typed.getType();
  } else if (parser.parseColonType(type)) {
    return failure();
  }
  result.addAttribute(getTypeAttrName(result.name), TypeAttr::get(type));
  return parser.parseOptionalAttrDict(result.attributes);
}

void GlobalOp::print(OpAsmPrinter& printer) {
  if (std::optional<StringRef> visibility = getSymVisibility()) printer << ' ' << *visibility;
  if (getIsMutable()) printer << " mutable";
  printer << ' ';
  printer.printSymbolName(getSymName());
  if (std::optional<TypedAttr> value = getInitialValue()) {
    printer << " = " << *value;
  } else {
    printer << " : " << getType();
  }
  printer.printOptionalAttrDict(
      (*this)->getAttrs(), {getSymNameAttrName(), getSymVisibilityAttrName(),
                            getIsMutableAttrName(), getTypeAttrName(), getInitialValueAttrName()});
}

LogicalResult GlobalOp::verify() {
  if (std::optional<TypedAttr> value = getInitialValue()) {
    if (value->getType() != getType()) {
      return emitOpError("initial value type ")
             << value->getType() << " does not match global type " << getType();
    }
  }
  return success();
}

// Finds the global a load or store names and checks the value type against it.
static LogicalResult VerifyGlobalUse(Operation* op, FlatSymbolRefAttr symbol, Type type,
                                     SymbolTableCollection& symbols, bool is_store) {
  auto global = symbols.lookupNearestSymbolFrom<GlobalOp>(op, symbol.getAttr());
  if (!global) return op->emitOpError("undefined global ") << symbol;
  if (global.getType() != type) {
    return op->emitOpError("type ")
           << type << " does not match global " << symbol << " of type " << global.getType();
  }
  if (is_store && !global.getIsMutable() && !op->getParentOfType<InitializerOp>()) {
    return op->emitOpError("global ")
           << symbol << " is not mutable; stores are only allowed in util.initializer";
  }
  return success();
}

LogicalResult GlobalLoadOp::verifySymbolUses(SymbolTableCollection& symbols) {
  return VerifyGlobalUse(*this, getGlobalAttr(), getResult().getType(), symbols, false);
}

LogicalResult GlobalStoreOp::verifySymbolUses(SymbolTableCollection& symbols) {
  return VerifyGlobalUse(*this, getGlobalAttr(), getValue().getType(), symbols, true);
}

}  // namespace sinew::compiler::util
