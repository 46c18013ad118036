// The VM-level type of a function (vm_function_type.h).
#include "compiler/conversion/vm_function_type.h"

namespace sinew::compiler {

using namespace mlir;

static FailureOr<FunctionType> Convert(Operation* op, FunctionType type,
                                       const TypeConverter& converter, StringRef what) {
  SmallVector<Type> inputs, results;
  for (Type input : type.getInputs()) {
    Type converted = converter.convertType(input);
    if (!converted) return op->emitOpError(what) << "argument type " << input << " has no VM form";
    inputs.push_back(converted);
  }
  for (Type result : type.getResults()) {
    Type converted = converter.convertType(result);
    if (!converted) return op->emitOpError(what) << "result type " << result << " has no VM form";
    results.push_back(converted);
  }
  return FunctionType::get(op->getContext(), inputs, results);
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
