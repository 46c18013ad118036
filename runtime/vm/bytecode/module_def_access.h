// Reads of per-function facts of a .vmb module that are safe on any buffer that passed the
// FlatBuffers check, verified or not (the verifier and the dump tool read unverified modules).
#ifndef SINEW_RUNTIME_VM_BYTECODE_MODULE_DEF_ACCESS_H_
#define SINEW_RUNTIME_VM_BYTECODE_MODULE_DEF_ACCESS_H_

#include <cstdint>
#include <string_view>

#include "runtime/vm/bytecode/module_def_generated.h"

namespace sinew::vm::bytecode {

// The text of a string field; "" when it is absent.
inline std::string_view StringOf(const flatbuffers::String* string) {
  return string ? std::string_view(string->c_str(), string->size()) : std::string_view();
}

// The string at `index` of `strings`, or "" when there is none.
inline std::string_view StringAt(
    const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>* strings, uint32_t index) {
  if (!strings || index >= strings->size()) return {};
  return StringOf(strings->Get(index));
}

// The calling convention of function `ordinal` ("" when its cconv ordinal is out of range).
inline std::string_view FunctionCconv(const fb::Module& module, uint32_t ordinal) {
  const auto* functions = module.functions();
  if (!functions || ordinal >= functions->size()) return {};
  return StringAt(module.cconvs(), functions->Get(ordinal)->cconv_ordinal());
}

// Module.function_names as text: the functions' debug names back to back.
inline std::string_view FunctionNameTable(const fb::Module& module) {
  const auto* names = module.function_names();
  return names ? std::string_view(reinterpret_cast<const char*>(names->data()), names->size())
               : std::string_view();
}

// The debug name of function `ordinal`, or "" when it has none (or its range is invalid).
inline std::string_view FunctionDebugName(const fb::Module& module, uint32_t ordinal) {
  const auto* functions = module.functions();
  if (!functions || ordinal >= functions->size()) return {};
  const fb::FunctionDescriptor& function = *functions->Get(ordinal);
  std::string_view names = FunctionNameTable(module);
  if (uint64_t{function.name_offset()} + function.name_length() > names.size()) return {};
  return names.substr(function.name_offset(), function.name_length());
}

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_MODULE_DEF_ACCESS_H_
