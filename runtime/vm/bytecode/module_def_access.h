// Reads of per-function facts of a .vmb module that are safe on any buffer that passed the
// FlatBuffers check, verified or not (the verifier and the dump tool read unverified modules).
#ifndef SINEW_RUNTIME_VM_BYTECODE_MODULE_DEF_ACCESS_H_
#define SINEW_RUNTIME_VM_BYTECODE_MODULE_DEF_ACCESS_H_

#include <cstdint>
#include <string_view>

#include "runtime/vm/bytecode/module_def_generated.h"

namespace sinew::vm::bytecode {

// The string at `index` of `strings`, or "" when there is none.
inline std::string_view StringAt(
    const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>* strings, uint32_t index) {
  if (!strings || index >= strings->size()) return {};
  const flatbuffers::String* string = strings->Get(index);
  return std::string_view(string->c_str(), string->size());
}

// The calling convention of function `ordinal` ("" when its cconv ordinal is out of range).
inline std::string_view FunctionCconv(const fb::Module& module, uint32_t ordinal) {
  const auto* functions = module.functions();
  if (!functions || ordinal >= functions->size()) return {};
  return StringAt(module.cconvs(), functions->Get(ordinal)->cconv_ordinal());
}

// The debug name of function `ordinal`, or "" when the module has none.
inline std::string_view FunctionDebugName(const fb::Module& module, uint32_t ordinal) {
  return StringAt(module.function_names(), ordinal);
}

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_MODULE_DEF_ACCESS_H_
