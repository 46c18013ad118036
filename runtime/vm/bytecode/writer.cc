// Serialization of modules into the FlatBuffers container and instruction encoding.
#include "runtime/vm/bytecode/writer.h"

#include <algorithm>
#include <cstring>

#include "runtime/vm/bytecode/module_def_generated.h"
#include "runtime/vm/bytecode/module_format.h"

namespace sinew::vm::bytecode {
namespace {

flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::Attr>>> WriteAttrs(
    flatbuffers::FlatBufferBuilder& builder, const std::vector<AttrDesc>& attrs) {
  if (attrs.empty()) return 0;
  std::vector<flatbuffers::Offset<fb::Attr>> offsets;
  for (const AttrDesc& attr : attrs) {
    offsets.push_back(fb::CreateAttrDirect(builder, attr.key.c_str(), attr.value.c_str()));
  }
  return builder.CreateVector(offsets);
}

}  // namespace

std::vector<uint8_t> WriteModule(const ModuleDesc& module) {
  flatbuffers::FlatBufferBuilder builder(1024);

  std::vector<flatbuffers::Offset<fb::TypeDef>> types;
  for (const std::string& type : module.types) {
    types.push_back(fb::CreateTypeDefDirect(builder, type.c_str()));
  }
  std::vector<flatbuffers::Offset<fb::Dependency>> dependencies;
  for (const DependencyDesc& dep : module.dependencies) {
    dependencies.push_back(
        fb::CreateDependencyDirect(builder, dep.name.c_str(), dep.minimum_version, dep.flags));
  }
  // All function bodies share one blob, each aligned after its reserved bytes (module_format.h).
  // Each distinct cconv is stored once, the names back to back (an export shares its function's
  // name when they are equal), and locations and attributes only when something has them.
  std::vector<uint8_t> bytecode;
  std::vector<fb::FunctionDescriptor> functions;
  std::vector<std::string_view> cconvs;
  std::vector<uint8_t> names;
  auto cconv_ordinal = [&cconvs](std::string_view cconv) {
    auto found = std::find(cconvs.begin(), cconvs.end(), cconv);
    if (found == cconvs.end()) found = cconvs.insert(cconvs.end(), cconv);
    return static_cast<uint32_t>(found - cconvs.begin());
  };
  auto add_name = [&names](std::string_view name) {
    auto offset = static_cast<uint32_t>(names.size());
    names.insert(names.end(), name.begin(), name.end());
    return offset;
  };
  bool any_location = false;
  uint32_t requirements = 0;
  for (const FunctionDesc& function : module.functions) {
    size_t start = bytecode.size() + kFunctionBodyReserve;
    bytecode.resize((start + kFunctionBodyAlignment - 1) & ~size_t{kFunctionBodyAlignment - 1});
    uint32_t offset = static_cast<uint32_t>(bytecode.size());
    bytecode.insert(bytecode.end(), function.bytecode.begin(), function.bytecode.end());
    functions.emplace_back(offset, static_cast<uint32_t>(function.bytecode.size()),
                           function.block_count, function.requirements,
                           cconv_ordinal(function.cconv), add_name(function.debug_name),
                           static_cast<uint32_t>(function.debug_name.size()),
                           function.i32_register_count, function.ref_register_count);
    any_location |= !function.locations.empty();
    requirements |= function.requirements;
  }
  std::vector<fb::ImportDescriptor> imports;
  bool any_import_attr = false;
  for (const ImportDesc& import : module.imports) {
    imports.emplace_back(add_name(import.full_name), static_cast<uint32_t>(import.full_name.size()),
                         cconv_ordinal(import.cconv), import.optional);
    any_import_attr |= !import.attrs.empty();
  }
  std::vector<fb::ExportDescriptor> exports;
  bool any_export_attr = false;
  for (const ExportDesc& exp : module.exports) {
    uint32_t ordinal = exp.function_ordinal;
    const fb::FunctionDescriptor* function =
        ordinal < functions.size() ? &functions[ordinal] : nullptr;
    uint32_t name_offset = function && module.functions[ordinal].debug_name == exp.name
                               ? function->name_offset()
                               : add_name(exp.name);
    exports.emplace_back(ordinal, name_offset, static_cast<uint32_t>(exp.name.size()));
    any_export_attr |= !exp.attrs.empty();
  }
  std::vector<flatbuffers::Offset<fb::AttrList>> import_attrs;
  for (const ImportDesc& import : module.imports) {
    if (!any_import_attr) break;
    import_attrs.push_back(fb::CreateAttrList(builder, WriteAttrs(builder, import.attrs)));
  }
  std::vector<flatbuffers::Offset<fb::AttrList>> export_attrs;
  for (const ExportDesc& exp : module.exports) {
    if (!any_export_attr) break;
    export_attrs.push_back(fb::CreateAttrList(builder, WriteAttrs(builder, exp.attrs)));
  }
  std::vector<flatbuffers::Offset<flatbuffers::String>> cconv_strings;
  for (std::string_view cconv : cconvs) cconv_strings.push_back(builder.CreateString(cconv));
  std::vector<flatbuffers::Offset<fb::FunctionLocations>> locations;
  for (const FunctionDesc& function : module.functions) {
    if (!any_location) break;
    std::vector<flatbuffers::Offset<fb::Location>> entries;
    for (const LocationDesc& location : function.locations) {
      entries.push_back(fb::CreateLocationDirect(builder, location.pc, location.text.c_str()));
    }
    locations.push_back(
        fb::CreateFunctionLocations(builder, entries.empty() ? 0 : builder.CreateVector(entries)));
  }

  std::vector<flatbuffers::Offset<fb::RodataSegment>> rodata;
  for (const std::vector<uint8_t>& segment : module.rodata) {
    builder.ForceVectorAlignment(segment.size(), 1, kRodataAlignment);
    auto data = builder.CreateVector(segment);
    rodata.push_back(fb::CreateRodataSegment(builder, data));
  }
  builder.ForceVectorAlignment(bytecode.size(), 1, kFunctionBodyAlignment);
  auto bytecode_offset = builder.CreateVector(bytecode);

  auto root = fb::CreateModule(
      builder, kBytecodeFormatVersion, builder.CreateString(module.name), module.version,
      requirements, WriteAttrs(builder, module.attrs), builder.CreateVector(types),
      builder.CreateVector(dependencies), builder.CreateVectorOfStructs(imports),
      import_attrs.empty() ? 0 : builder.CreateVector(import_attrs),
      builder.CreateVectorOfStructs(exports),
      export_attrs.empty() ? 0 : builder.CreateVector(export_attrs),
      builder.CreateVector(cconv_strings), builder.CreateVectorOfStructs(functions),
      names.empty() ? 0 : builder.CreateVector(names),
      locations.empty() ? 0 : builder.CreateVector(locations), builder.CreateVector(rodata),
      module.rwdata_size, module.global_ref_count, bytecode_offset);
  fb::FinishModuleBuffer(builder, root);
  return std::vector<uint8_t>(builder.GetBufferPointer(),
                              builder.GetBufferPointer() + builder.GetSize());
}

void FunctionEncoder::Opcode(bytecode::Opcode opcode) {
  switch (GetOpInfo(opcode).extension) {
    case OpExtension::F32:
      requirements_ |= kRequirementF32;
      break;
    case OpExtension::F64:
      requirements_ |= kRequirementF64;
      break;
    case OpExtension::CORE:
      break;
  }
  U16(static_cast<uint16_t>(opcode));
}

void FunctionEncoder::U16(uint16_t value) {
  bytes_.push_back(static_cast<uint8_t>(value));
  bytes_.push_back(static_cast<uint8_t>(value >> 8));
}

void FunctionEncoder::U32(uint32_t value) {
  U16(static_cast<uint16_t>(value));
  U16(static_cast<uint16_t>(value >> 16));
}

void FunctionEncoder::U64(uint64_t value) {
  U32(static_cast<uint32_t>(value));
  U32(static_cast<uint32_t>(value >> 32));
}

void FunctionEncoder::String(std::string_view value) {
  U16(static_cast<uint16_t>(value.size()));
  bytes_.insert(bytes_.end(), value.begin(), value.end());
  if (value.size() % 2 != 0) bytes_.push_back(0);
}

uint32_t FunctionEncoder::NewBlock() {
  block_offsets_.push_back(kUnbound);
  return static_cast<uint32_t>(block_offsets_.size() - 1);
}

void FunctionEncoder::BindBlock(uint32_t block) {
  block_offsets_[block] = pc();
  ++bound_blocks_;
  Opcode(Opcode::kBlock);
}

void FunctionEncoder::BlockReference(uint32_t block) {
  fixups_.push_back({pc(), block});
  U32(0);
}

std::optional<std::vector<uint8_t>> FunctionEncoder::Finish() {
  for (const Fixup& fixup : fixups_) {
    uint32_t offset = block_offsets_[fixup.block];
    if (offset == kUnbound) return std::nullopt;
    for (int i = 0; i < 4; ++i)
      bytes_[fixup.position + i] = static_cast<uint8_t>(offset >> (8 * i));
  }
  return std::move(bytes_);
}

}  // namespace sinew::vm::bytecode
