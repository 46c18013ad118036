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

// The debug name of function `ordinal`, or "" when it has none (or its range is invalid).
inline std::string_view FunctionDebugName(const fb::Module& module, uint32_t ordinal) {
  const auto* functions = module.functions();
  const auto* names = module.function_names();
  if (!functions || ordinal >= functions->size() || !names) return {};
  const fb::FunctionDescriptor& function = *functions->Get(ordinal);
  if (uint64_t{function.name_offset()} + function.name_length() > names->size()) return {};
  return std::string_view(reinterpret_cast<const char*>(names->data()) + function.name_offset(),
                          function.name_length());
}

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_MODULE_DEF_ACCESS_H_
