// Reads of names and of function, import and export facts of a .vmb module that are safe on any
// buffer that passed the FlatBuffers check, verified or not (the verifier and the dump tool read
// unverified modules).
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

// Module.names as text: the names of imports, exports and functions back to back.
inline std::string_view NameTable(const fb::Module& module) {
  const auto* names = module.names();
  return names ? std::string_view(reinterpret_cast<const char*>(names->data()), names->size())
               : std::string_view();
}

// The byte range [offset, offset + length) of Module.names, or "" when it is out of range.
inline std::string_view NameAt(const fb::Module& module, uint32_t offset, uint32_t length) {
  std::string_view names = NameTable(module);
  if (uint64_t{offset} + length > names.size()) return {};
  return names.substr(offset, length);
}

// The debug name of function `ordinal`, or "" when it has none (or its range is invalid).
inline std::string_view FunctionDebugName(const fb::Module& module, uint32_t ordinal) {
  const auto* functions = module.functions();
  if (!functions || ordinal >= functions->size()) return {};
  const fb::FunctionDescriptor& function = *functions->Get(ordinal);
  return NameAt(module, function.name_offset(), function.name_length());
}

// The "module.fn" name of import `ordinal` ("" when there is none or its range is invalid).
inline std::string_view ImportName(const fb::Module& module, uint32_t ordinal) {
  const auto* imports = module.imports();
  if (!imports || ordinal >= imports->size()) return {};
  const fb::ImportDescriptor& import = *imports->Get(ordinal);
  return NameAt(module, import.name_offset(), import.name_length());
}

// The calling convention import `ordinal` expects ("" when it has none or its cconv ordinal
// is out of range).
inline std::string_view ImportCconv(const fb::Module& module, uint32_t ordinal) {
  const auto* imports = module.imports();
  if (!imports || ordinal >= imports->size()) return {};
  return StringAt(module.cconvs(), imports->Get(ordinal)->cconv_ordinal());
}

// The name of export `ordinal` ("" when there is none or its range is invalid).
inline std::string_view ExportName(const fb::Module& module, uint32_t ordinal) {
  const auto* exports = module.exports();
  if (!exports || ordinal >= exports->size()) return {};
  const fb::ExportDescriptor& exp = *exports->Get(ordinal);
  return NameAt(module, exp.name_offset(), exp.name_length());
}

// The attributes of entry `ordinal` of Module.import_attrs or export_attrs, or null.
inline const flatbuffers::Vector<flatbuffers::Offset<fb::Attr>>* AttrsAt(
    const flatbuffers::Vector<flatbuffers::Offset<fb::AttrList>>* lists, uint32_t ordinal) {
  if (!lists || ordinal >= lists->size()) return nullptr;
  return lists->Get(ordinal)->attrs();
}

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_MODULE_DEF_ACCESS_H_
