// The `vm` dialect: registration, type syntax, and the verifier of `vm.inst`, which checks
// operands, results and attributes against the runtime's op table.
#include "compiler/dialect/vm/vm_dialect.h"

#include "llvm/ADT/TypeSwitch.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "runtime/vm/bytecode/op_table.h"

#include "compiler/dialect/vm/vm_dialect.cc.inc"

#define GET_TYPEDEF_CLASSES
#include "compiler/dialect/vm/vm_types.cc.inc"

#define GET_OP_CLASSES
#include "compiler/dialect/vm/vm_ops.cc.inc"

namespace sinew::compiler::vm {

using namespace mlir;
using bytecode_kind = sinew::vm::bytecode::OperandKind;

void VMDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "compiler/dialect/vm/vm_types.cc.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "compiler/dialect/vm/vm_ops.cc.inc"
      >();
}

// `?` or a type; `?` is stored as !vm.opaque.
static Type ParseObjectType(AsmParser& parser) {
  if (parser.parseLess()) return {};
  Type type;
  if (succeeded(parser.parseOptionalQuestion())) {
    type = OpaqueType::get(parser.getContext());
  } else if (parser.parseType(type)) {
    return {};
  }
  if (parser.parseGreater()) return {};
  return type;
}

static void PrintObjectType(AsmPrinter& printer, Type type) {
  printer << '<';
  if (isa<OpaqueType>(type)) {
    printer << '?';
  } else {
    printer << type;
  }
  printer << '>';
}

Type RefType::parse(AsmParser& parser) {
  Type type = ParseObjectType(parser);
  return type ? RefType::get(parser.getContext(), type) : Type();
}
void RefType::print(AsmPrinter& printer) const { PrintObjectType(printer, getObjectType()); }

Type ListType::parse(AsmParser& parser) {
  Type type = ParseObjectType(parser);
  return type ? ListType::get(parser.getContext(), type) : Type();
}
void ListType::print(AsmPrinter& printer) const { PrintObjectType(printer, getElementType()); }

std::string RefType::getTypeName() const {
  Type type = getObjectType();
  if (isa<BufferType>(type)) return "vm.buffer";
  if (isa<ListType>(type)) return "vm.list";
  if (isa<OpaqueType>(type)) return "";
  if (auto opaque = dyn_cast<mlir::OpaqueType>(type)) {
    return (opaque.getDialectNamespace().strref() + "." + opaque.getTypeData()).str();
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text.starts_with("!") ? text.substr(1) : text;
}

Bank GetBank(Type type) {
  if (auto integer = dyn_cast<IntegerType>(type)) {
    if (integer.getWidth() <= 32) return Bank::kI32;
    return integer.getWidth() == 64 ? Bank::kI64 : Bank::kInvalid;
  }
  if (type.isF32()) return Bank::kI32;
  if (type.isF64()) return Bank::kI64;
  if (isa<RefType>(type)) return Bank::kRef;
  return Bank::kInvalid;
}

char GetCconvChar(Type type) {
  if (isa<RefType>(type)) return 'r';
  if (type.isF32()) return 'f';
  if (type.isF64()) return 'F';
  if (auto integer = dyn_cast<IntegerType>(type)) {
    if (integer.getWidth() <= 32) return 'i';
    if (integer.getWidth() == 64) return 'I';
  }
  return 0;
}

// Whether `type` fits a register operand kind.
static bool MatchesKind(bytecode_kind kind, Type type) {
  switch (kind) {
    case bytecode_kind::I32:
    case bytecode_kind::OI32:
      return type.isInteger() && type.getIntOrFloatBitWidth() <= 32;
    case bytecode_kind::I64:
    case bytecode_kind::OI64:
      return type.isInteger(64);
    case bytecode_kind::F32:
    case bytecode_kind::OF32:
      return type.isF32();
    case bytecode_kind::F64:
    case bytecode_kind::OF64:
      return type.isF64();
    case bytecode_kind::REF:
    case bytecode_kind::REFM:
    case bytecode_kind::OREFM:
      // Before conversion an object may still have its input type (!util.buffer, tensor).
      return !type.isIntOrIndexOrFloat();
    default:
      return false;
  }
}

static bool IsResultKind(bytecode_kind kind) {
  return kind == bytecode_kind::OI32 || kind == bytecode_kind::OI64 ||
         kind == bytecode_kind::OF32 || kind == bytecode_kind::OF64 || kind == bytecode_kind::OREFM;
}

static bool IsOperandKind(bytecode_kind kind) {
  return kind == bytecode_kind::I32 || kind == bytecode_kind::I64 || kind == bytecode_kind::F32 ||
         kind == bytecode_kind::F64 || kind == bytecode_kind::REF || kind == bytecode_kind::REFM;
}

// The attribute that supplies a non-register operand kind, or null if vm.inst cannot express
// the kind.
static const char* AttributeForKind(bytecode_kind kind) {
  switch (kind) {
    case bytecode_kind::IMM32:
    case bytecode_kind::IMM64:
    case bytecode_kind::IMMF32:
    case bytecode_kind::IMMF64:
      return "value";
    case bytecode_kind::RODATA:
      return "rodata";
    case bytecode_kind::RWDATA4:
    case bytecode_kind::RWDATA8:
    case bytecode_kind::GREF:
      return "global";
    case bytecode_kind::TYPE:
    case bytecode_kind::LISTTYPE:
      return "type";
    case bytecode_kind::IMPORT:
      return "callee";
    case bytecode_kind::STR:
      return "message";
    default:
      return nullptr;
  }
}

LogicalResult InstOp::verify() {
  std::optional<sinew::vm::bytecode::Opcode> opcode =
      sinew::vm::bytecode::LookupOpcode(getMnemonic());
  if (!opcode) return emitOpError("unknown VM instruction '") << getMnemonic() << "'";
  const sinew::vm::bytecode::OpInfo& info = sinew::vm::bytecode::GetOpInfo(*opcode);
  size_t operand_index = 0;
  size_t result_index = 0;
  for (bytecode_kind kind : info.operands) {
    if (IsOperandKind(kind)) {
      if (operand_index >= getOperands().size()) {
        return emitOpError("'") << getMnemonic() << "' expects more operands than "
                                << getOperands().size();
      }
      Type type = getOperands()[operand_index].getType();
      if (!MatchesKind(kind, type)) {
        return emitOpError("operand #") << operand_index << " of '" << getMnemonic()
                                        << "' has type " << type << " that its register kind "
                                        << "does not accept";
      }
      ++operand_index;
    } else if (IsResultKind(kind)) {
      if (result_index >= getNumResults()) {
        return emitOpError("'") << getMnemonic() << "' expects more results than "
                                << getNumResults();
      }
      Type type = getResult(result_index).getType();
      if (!MatchesKind(kind, type)) {
        return emitOpError("result #") << result_index << " of '" << getMnemonic() << "' has type "
                                       << type << " that its register kind "
                                       << "does not accept";
      }
      ++result_index;
    } else {
      const char* attribute = AttributeForKind(kind);
      if (!attribute) {
        return emitOpError("'") << getMnemonic() << "' cannot be written as vm.inst";
      }
      if (!(*this)->hasAttr(attribute)) {
        return emitOpError("'") << getMnemonic() << "' requires attribute '" << attribute << "'";
      }
    }
  }
  if (operand_index != getOperands().size()) {
    return emitOpError("'") << getMnemonic() << "' takes " << operand_index
                            << " register operands, got " << getOperands().size();
  }
  if (result_index != getNumResults()) {
    return emitOpError("'") << getMnemonic() << "' has " << result_index << " results, got "
                            << getNumResults();
  }
  return success();
}

void InstOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>& effects) {
  std::optional<sinew::vm::bytecode::Opcode> opcode =
      sinew::vm::bytecode::LookupOpcode(getMnemonic());
  if (opcode && (sinew::vm::bytecode::GetOpInfo(*opcode).has_kernel ||
                 getMnemonic().starts_with("const.") || getMnemonic().starts_with("cmp."))) {
    return;
  }
  effects.emplace_back(MemoryEffects::Read::get());
  effects.emplace_back(MemoryEffects::Write::get());
}

SuccessorOperands CondBranchOp::getSuccessorOperands(unsigned index) {
  return SuccessorOperands(index == 0 ? getTrueDestOperandsMutable()
                                      : getFalseDestOperandsMutable());
}

}  // namespace sinew::compiler::vm
