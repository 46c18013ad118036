// The VM-level type of a function (vm_function_type.h).
#include "compiler/conversion/vm_function_type.h"

namespace sinew::compiler {

using namespace mlir;

FunctionType ConvertFunctionType(FunctionType type, const TypeConverter& converter) {
  SmallVector<Type> inputs, results;
  if (failed(converter.convertTypes(type.getInputs(), inputs)) ||
      failed(converter.convertTypes(type.getResults(), results))) {
    return nullptr;
  }
  return FunctionType::get(type.getContext(), inputs, results);
}

// ConvertFunctionType, or an error naming the first type without a VM form.
static FailureOr<FunctionType> Convert(Operation* op, FunctionType type,
                                       const TypeConverter& converter, StringRef what) {
  if (FunctionType converted = ConvertFunctionType(type, converter)) return converted;
  for (Type input : type.getInputs()) {
    if (!converter.convertType(input)) {
      return op->emitOpError(what) << "argument type " << input << " has no VM form";
    }
  }
  for (Type result : type.getResults()) {
    if (!converter.convertType(result)) {
      return op->emitOpError(what) << "result type " << result << " has no VM form";
    }
  }
  return op->emitOpError(what) << "type " << type << " has no VM form";
}

FailureOr<FunctionType> GetVMFunctionType(func::FuncOp func, const TypeConverter& converter) {
  Attribute signature = func->getAttr("vm.signature");
  if (!signature) return Convert(func, func.getFunctionType(), converter, "");
  auto type_attr = dyn_cast<TypeAttr>(signature);
  auto type = type_attr ? dyn_cast<FunctionType>(type_attr.getValue()) : FunctionType();
  if (!type) return func.emitOpError("vm.signature must be a function type, got ") << signature;
  if (!func.isExternal()) {
    return func.emitOpError("vm.signature is only allowed on imported (external) functions");
  }
  if (type.getNumInputs() != func.getNumArguments() ||
      type.getNumResults() != func.getNumResults()) {
    return func.emitOpError("vm.signature ")
           << type << " has a different number of arguments or results than "
           << func.getFunctionType();
  }
  return Convert(func, type, converter, "vm.signature ");
}

}  // namespace sinew::compiler
