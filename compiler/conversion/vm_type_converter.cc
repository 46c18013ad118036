// The type mapping of the conversion to the vm dialect (vm_type_converter.h).
#include "compiler/conversion/vm_type_converter.h"

#include "compiler/dialect/util/util_dialect.h"
#include "compiler/dialect/vm/vm_dialect.h"

namespace sinew::compiler {

using namespace mlir;

Type GetObjectType(Type type) {
  MLIRContext* context = type.getContext();
  if (isa<util::BufferType, vm::BufferType>(type)) return vm::BufferType::get(context);
  if (isa<vm::ListType>(type)) return type;
  if (auto ref = dyn_cast<vm::RefType>(type)) return ref.getObjectType();
  if (isa<TensorType>(type)) {
    return mlir::OpaqueType::get(StringAttr::get(context, "hal"), "buffer_view");
  }
  if (isa<mlir::OpaqueType>(type)) return type;
  return {};
}

VMTypeConverter::VMTypeConverter(unsigned index_bits) : index_bits_(index_bits) {
  addConversion([](Type type) -> std::optional<Type> {
    if (Type object = GetObjectType(type)) return vm::RefType::get(type.getContext(), object);
    return std::nullopt;
  });
  addConversion(
      [this](IndexType type) -> Type { return IntegerType::get(type.getContext(), index_bits_); });
  addConversion([](IntegerType type) -> std::optional<Type> {
    if (type.getWidth() <= 32) return IntegerType::get(type.getContext(), 32);
    if (type.getWidth() == 64) return IntegerType::get(type.getContext(), 64);
    return std::nullopt;
  });
  addConversion([](FloatType type) -> std::optional<Type> {
    if (type.isF32() || type.isF64()) return type;
    return std::nullopt;
  });
}

}  // namespace sinew::compiler
