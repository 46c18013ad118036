// Maps input types to VM-level types: integers of up to 32 bits to i32, i64 and index (i64 or
// i32) to their width, f32/f64 as they are, and every object type (!util.buffer, !vm.list,
// tensors, types of dialects the compiler does not know such as !custom.string) to
// !vm.ref<T>.
#ifndef SINEW_COMPILER_CONVERSION_VM_TYPE_CONVERTER_H_
#define SINEW_COMPILER_CONVERSION_VM_TYPE_CONVERTER_H_

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"

namespace sinew::compiler {

class VMTypeConverter : public mlir::TypeConverter {
 public:
  explicit VMTypeConverter(unsigned index_bits);
  unsigned index_bits() const { return index_bits_; }

 private:
  unsigned index_bits_;
};

// The object type a value of `type` refers to at run time, or null if it is not an object
// (`!util.buffer` -> `!vm.buffer`, `tensor<...>` -> `!hal.buffer_view`).
mlir::Type GetObjectType(mlir::Type type);

}  // namespace sinew::compiler

#endif  // SINEW_COMPILER_CONVERSION_VM_TYPE_CONVERTER_H_
