// Loading bytecode modules and implementing the module ABI for them.
#include "runtime/vm/bytecode/bytecode_module.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/bytecode_module_impl.h"
#include "runtime/vm/bytecode/module_def_access.h"
#include "runtime/vm/bytecode/module_format.h"
#include "runtime/vm/bytecode/verifier.h"
#include "runtime/vm/list.h"

namespace sinew::vm::bytecode {

namespace {

BytecodeModule* Self(void* self) { return static_cast<BytecodeModule*>(self); }
BytecodeModuleState* State(sinew_vm_module_state_t* state) {
  return reinterpret_cast<BytecodeModuleState*>(state);
}

void Destroy(void* self) {
  BytecodeModule* module = Self(self);
  if (module->release_archive) module->release_archive(module->release_user_data, module->archive);
  sinew_allocator_t allocator = module->allocator;
  sinew_allocator_free(allocator, module->aligned_copy);
  sinew_vm_instance_release(module->instance);
  sinew_allocator_free(allocator, module);  // the module's own allocation (BuildModule)
}

sinew_string_view_t Name(void* self) { return ToCStringView(Self(self)->name); }

sinew_vm_module_signature_t Signature(void* self) {
  const fb::Module* def = Self(self)->def;
  sinew_vm_module_signature_t signature = {};
  signature.version = def->version();
  signature.attr_count = def->attrs() ? def->attrs()->size() : 0;
  signature.import_function_count = def->imports() ? def->imports()->size() : 0;
  signature.export_function_count = def->exports() ? def->exports()->size() : 0;
  signature.internal_function_count = def->functions() ? def->functions()->size() : 0;
  return signature;
}

sinew_status_t GetAttr(const flatbuffers::Vector<flatbuffers::Offset<fb::Attr>>* attrs,
                       uint32_t index, sinew_string_pair_t* out_attr) {
  if (!attrs || index >= attrs->size()) {
    return sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, __FILE__, __LINE__,
                             "attribute index %u out of range", index);
  }
  const fb::Attr* attr = attrs->Get(index);
  out_attr->key = ToCStringView(StringOf(attr->key()));
  out_attr->value = ToCStringView(StringOf(attr->value()));
  return sinew_ok_status();
}

sinew_status_t GetModuleAttr(void* self, uint32_t index, sinew_string_pair_t* out_attr) {
  return GetAttr(Self(self)->def->attrs(), index, out_attr);
}

sinew_status_t EnumerateDependencies(void* self, sinew_vm_module_dependency_callback_t callback,
                                     void* user_data) {
  const auto* dependencies = Self(self)->def->dependencies();
  if (!dependencies) return sinew_ok_status();
  for (const fb::Dependency* dep : *dependencies) {
    sinew_vm_module_dependency_t dependency = {ToCStringView(StringOf(dep->name())),
                                               dep->minimum_version(), dep->flags()};
    SINEW_RETURN_IF_ERROR_C(callback(user_data, &dependency));
  }
  return sinew_ok_status();
}

sinew_status_t LookupFunction(void* self, sinew_vm_function_linkage_t linkage,
                              sinew_string_view_t name, sinew_vm_function_t* out_function) {
  BytecodeModule* module = Self(self);
  std::string_view wanted = ToStringView(name);
  for (uint32_t i = 0; i < module->exports.size(); ++i) {
    if (ExportName(*module->def, i) == wanted) {
      *out_function = {&module->interface, SINEW_VM_LINKAGE_EXPORT, i};
      return sinew_ok_status();
    }
  }
  if (linkage == SINEW_VM_LINKAGE_EXPORT_OPTIONAL) {
    return sinew_status_from_code(SINEW_STATUS_NOT_FOUND);
  }
  return sinew_status_make(SINEW_STATUS_NOT_FOUND, __FILE__, __LINE__,
                           "no function `%.*s` exported by module `%.*s`",
                           static_cast<int>(wanted.size()), wanted.data(),
                           static_cast<int>(module->name.size()), module->name.data());
}

sinew_status_t GetFunction(void* self, sinew_vm_function_linkage_t linkage, uint32_t ordinal,
                           sinew_vm_function_t* out_function, sinew_string_view_t* out_name,
                           sinew_string_view_t* out_cconv) {
  BytecodeModule* module = Self(self);
  const fb::Module* def = module->def;
  switch (linkage) {
    case SINEW_VM_LINKAGE_IMPORT:
    case SINEW_VM_LINKAGE_IMPORT_OPTIONAL: {
      if (!def->imports() || ordinal >= def->imports()->size()) break;
      const fb::ImportDescriptor* import = def->imports()->Get(ordinal);
      if (out_function) {
        *out_function = {
            &module->interface,
            import->optional() ? SINEW_VM_LINKAGE_IMPORT_OPTIONAL : SINEW_VM_LINKAGE_IMPORT,
            ordinal};
      }
      if (out_name) *out_name = ToCStringView(ImportName(*def, ordinal));
      if (out_cconv) *out_cconv = ToCStringView(ImportCconv(*def, ordinal));
      return sinew_ok_status();
    }
    case SINEW_VM_LINKAGE_EXPORT:
    case SINEW_VM_LINKAGE_EXPORT_OPTIONAL: {
      if (!def->exports() || ordinal >= def->exports()->size()) break;
      if (out_function) *out_function = {&module->interface, SINEW_VM_LINKAGE_EXPORT, ordinal};
      if (out_name) *out_name = ToCStringView(ExportName(*def, ordinal));
      if (out_cconv) *out_cconv = ToCStringView(module->exports[ordinal]->cconv);
      return sinew_ok_status();
    }
    case SINEW_VM_LINKAGE_INTERNAL: {
      if (ordinal >= module->functions.size()) break;
      if (out_function) *out_function = {&module->interface, SINEW_VM_LINKAGE_INTERNAL, ordinal};
      if (out_name) *out_name = ToCStringView(module->functions[ordinal].name);
      if (out_cconv) *out_cconv = ToCStringView(module->functions[ordinal].cconv);
      return sinew_ok_status();
    }
  }
  return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                           "function ordinal %u (linkage %d) out of range in module '%.*s'",
                           ordinal, static_cast<int>(linkage),
                           static_cast<int>(module->name.size()), module->name.data());
}

sinew_status_t GetFunctionAttr(void* self, sinew_vm_function_linkage_t linkage, uint32_t ordinal,
                               uint32_t index, sinew_string_pair_t* out_attr) {
  const fb::Module* def = Self(self)->def;
  if (linkage != SINEW_VM_LINKAGE_EXPORT && linkage != SINEW_VM_LINKAGE_EXPORT_OPTIONAL) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "only exported functions can be queried");
  }
  if (!def->exports() || ordinal >= def->exports()->size()) {
    return sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, __FILE__, __LINE__,
                             "export ordinal %u out of range", ordinal);
  }
  return GetAttr(AttrsAt(def->export_attrs(), ordinal), index, out_attr);
}

sinew_status_t ResolveSourceLocation(void* self, sinew_vm_function_t function, uint32_t pc,
                                     sinew_string_view_t* out_location) {
  BytecodeModule* module = Self(self);
  const FunctionInfo* info = ResolveFunctionInfo(module, function);
  const auto* all_locations = module->def->function_locations();
  // The verifier checked that the vector is empty or has an entry per function.
  const auto* locations = info && all_locations && all_locations->size()
                              ? all_locations->Get(info->ordinal)->locations()
                              : nullptr;
  if (locations) {
    // The last location at or before pc describes the instruction.
    const fb::Location* best = nullptr;
    for (const fb::Location* location : *locations) {
      if (location->pc() > pc) break;
      best = location;
    }
    if (best) {
      *out_location = ToCStringView(StringOf(best->text()));
      return sinew_ok_status();
    }
  }
  return sinew_status_from_code(SINEW_STATUS_UNAVAILABLE);
}

// Resolves the module's type table against the instance ("!custom.string" -> its ref type).
sinew_status_t ResolveTypes(BytecodeModule* module, sinew_vm_type_def_t* out_types) {
  const auto* types = module->def->types();
  if (!types) return sinew_ok_status();
  static constexpr std::pair<std::string_view, sinew_vm_value_type_t> kValueTypes[] = {
      {"i8", SINEW_VM_VALUE_TYPE_I8},   {"i16", SINEW_VM_VALUE_TYPE_I16},
      {"i32", SINEW_VM_VALUE_TYPE_I32}, {"i64", SINEW_VM_VALUE_TYPE_I64},
      {"f32", SINEW_VM_VALUE_TYPE_F32}, {"f64", SINEW_VM_VALUE_TYPE_F64},
  };
  for (uint32_t i = 0; i < types->size(); ++i) {
    std::string_view name = StringOf(types->Get(i)->name());
    sinew_vm_type_def_t def = sinew_vm_make_variant_type_def();
    bool found = false;
    for (const auto& [value_name, value_type] : kValueTypes) {
      if (name == value_name) {
        def = sinew_vm_make_value_type_def(value_type);
        found = true;
      }
    }
    if (!found && name == "!vm.opaque") found = true;
    if (!found && name.starts_with("!vm.list<")) {
      def = sinew_vm_make_ref_type_def(sinew_vm_list_type());
      found = true;
    }
    if (!found && name.starts_with("!")) {
      std::string_view ref_name = name.substr(1);
      sinew_vm_ref_type_t type =
          sinew_vm_instance_lookup_type(module->instance, ref_name.data(), ref_name.size());
      if (type) {
        def = sinew_vm_make_ref_type_def(type);
        found = true;
      }
    }
    if (!found) {
      return sinew_status_make(
          SINEW_STATUS_NOT_FOUND, __FILE__, __LINE__,
          "module '%.*s' uses type '%.*s' but no module in the context registered it",
          static_cast<int>(module->name.size()), module->name.data(), static_cast<int>(name.size()),
          name.data());
    }
    out_types[i] = def;
  }
  return sinew_ok_status();
}

void FreeState(void* self, sinew_vm_module_state_t* opaque_state) {
  BytecodeModuleState* state = State(opaque_state);
  if (!state) return;
  uint32_t ref_count = Self(self)->def->global_ref_count();
  for (uint32_t i = 0; i < ref_count; ++i) sinew_vm_ref_release(&state->global_refs[i]);
  uint32_t import_count = Self(self)->def->imports() ? Self(self)->def->imports()->size() : 0;
  for (uint32_t i = 0; i < import_count; ++i) state->imports[i].~ImportBinding();
  sinew_allocator_free(state->allocator, state);
}

// One allocation: state, rwdata, ref globals, imports, types.
sinew_status_t AllocStateStorage(BytecodeModule* module, sinew_allocator_t allocator,
                                 BytecodeModuleState** out_state) {
  const fb::Module* def = module->def;
  size_t rwdata_size = (def->rwdata_size() + 15) & ~size_t{15};
  size_t refs_size = def->global_ref_count() * sizeof(sinew_vm_ref_t);
  uint32_t import_count = def->imports() ? def->imports()->size() : 0;
  size_t imports_size = import_count * sizeof(ImportBinding);
  uint32_t type_count = def->types() ? def->types()->size() : 0;
  size_t types_size = type_count * sizeof(sinew_vm_type_def_t);
  size_t header_size = (sizeof(BytecodeModuleState) + 15) & ~size_t{15};
  size_t total = header_size + rwdata_size + refs_size + imports_size + types_size;
  void* memory = nullptr;
  SINEW_RETURN_IF_ERROR_C(sinew_allocator_malloc(allocator, total, 16, &memory));
  std::memset(memory, 0, total);
  auto* state = static_cast<BytecodeModuleState*>(memory);
  uint8_t* p = static_cast<uint8_t*>(memory) + header_size;
  state->module = module;
  state->functions = module->functions.data();
  state->allocator = allocator;
  state->rwdata = p;
  p += rwdata_size;
  state->global_refs = reinterpret_cast<sinew_vm_ref_t*>(p);
  p += refs_size;
  state->imports = reinterpret_cast<ImportBinding*>(p);
  for (uint32_t i = 0; i < import_count; ++i) new (&state->imports[i]) ImportBinding();
  p += imports_size;
  state->types = reinterpret_cast<sinew_vm_type_def_t*>(p);
  *out_state = state;
  return sinew_ok_status();
}

sinew_status_t AllocState(void* self, sinew_allocator_t allocator,
                          sinew_vm_module_state_t** out_state) {
  BytecodeModule* module = Self(self);
  BytecodeModuleState* state = nullptr;
  SINEW_RETURN_IF_ERROR_C(AllocStateStorage(module, allocator, &state));
  sinew_status_t status = ResolveTypes(module, state->types);
  if (!sinew_status_is_ok(status)) {
    FreeState(self, reinterpret_cast<sinew_vm_module_state_t*>(state));
    return status;
  }
  *out_state = reinterpret_cast<sinew_vm_module_state_t*>(state);
  return sinew_ok_status();
}

sinew_status_t ForkState(void* self, sinew_vm_module_state_t* opaque_parent,
                         sinew_allocator_t allocator, sinew_vm_module_state_t** out_state) {
  BytecodeModule* module = Self(self);
  BytecodeModuleState* parent = State(opaque_parent);
  BytecodeModuleState* state = nullptr;
  SINEW_RETURN_IF_ERROR_C(AllocStateStorage(module, allocator, &state));
  const fb::Module* def = module->def;
  std::memcpy(state->rwdata, parent->rwdata, def->rwdata_size());
  for (uint32_t i = 0; i < def->global_ref_count(); ++i) {
    sinew_vm_ref_retain(&parent->global_refs[i], &state->global_refs[i]);
  }
  uint32_t import_count = def->imports() ? def->imports()->size() : 0;
  for (uint32_t i = 0; i < import_count; ++i) state->imports[i] = parent->imports[i];
  uint32_t type_count = def->types() ? def->types()->size() : 0;
  std::memcpy(state->types, parent->types, type_count * sizeof(sinew_vm_type_def_t));
  *out_state = reinterpret_cast<sinew_vm_module_state_t*>(state);
  return sinew_ok_status();
}

sinew_status_t ResolveImport(void* self, sinew_vm_module_state_t* opaque_state, uint32_t ordinal,
                             const sinew_vm_import_binding_t* binding) {
  BytecodeModule* module = Self(self);
  BytecodeModuleState* state = State(opaque_state);
  if (!module->def->imports() || ordinal >= module->def->imports()->size()) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "import ordinal %u out of range", ordinal);
  }
  ImportBinding& import = state->imports[ordinal];
  import.binding = *binding;
  import.module_self = binding->function.module ? binding->function.module->self : nullptr;
  sinew_vm_module_t* callee = binding->function.module;
  if (sinew_vm_module_is_bytecode(callee)) {
    auto* callee_module = static_cast<BytecodeModule*>(callee->self);
    import.bytecode_function = ResolveFunctionInfo(callee_module, binding->function);
    if (import.bytecode_function) {
      import.kind = ImportKind::kBytecode;
      return sinew_ok_status();
    }
  }
  auto cconv = ParseCconv(ToStringView(binding->cconv));
  if (!cconv.has_value()) return ToC(std::move(cconv).error());
  import.cconv = std::move(*cconv);
  // The items without 'v' placeholders: what the verifier checked the call's registers against.
  std::string_view cconv_text = ToStringView(binding->cconv);
  std::string flat(2 * cconv_text.size(), '\0');
  FlatCconvSizes sizes =
      *FlattenCconv(cconv_text, flat.data(), flat.data() + cconv_text.size());  // parsed above
  import.argument_kinds.assign(flat.data(), sizes.arguments);
  import.result_kinds.assign(flat.data() + cconv_text.size(), sizes.results);
  if (!import.cconv.has_spans()) import.argument_size = LayoutFragment(import.cconv.arguments).size;
  import.result_size = LayoutFragment(import.cconv.results).size;
  if (import.argument_size > kMaxMarshalingBufferSize ||
      import.result_size > kMaxMarshalingBufferSize) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "ABI marshaling buffer overflow on import %u", ordinal);
  }
  import.kind = binding->direct.function ? ImportKind::kDirect : ImportKind::kCall;
  return sinew_ok_status();
}

sinew_status_t Notify(void*, sinew_vm_module_state_t*, sinew_vm_signal_t) {
  return sinew_ok_status();
}

void RetainModule(void* owner) { sinew_vm_module_retain(static_cast<sinew_vm_module_t*>(owner)); }
void ReleaseModule(void* owner) { sinew_vm_module_release(static_cast<sinew_vm_module_t*>(owner)); }

template <typename T>
uint32_t Size(const flatbuffers::Vector<T>* vector) {
  return vector ? vector->size() : 0;
}

constexpr size_t AlignUp(size_t value) { return (value + 15) & ~size_t{15}; }

using verifier_internal::FunctionHeader;

// Where BuildModule places each table in the module's allocation.
struct ModuleLayout {
  size_t functions;
  size_t exports;
  size_t rodata;
  size_t executable_pointers;  // scratch for the verifier: each function's executable body
  size_t kinds;                // cconv items that are not a substring of the cconv (rare)
  size_t code;                 // a copy of Module.bytecode
  size_t size;
};

static_assert(sizeof(ExecutablePrefix) <= kFunctionBodyReserve &&
              alignof(ExecutablePrefix) <= kFunctionBodyAlignment);

// Sizes come from the FlatBuffer and the verified calling conventions: no pass over functions.
ModuleLayout LayoutModule(const fb::Module& def, uint32_t function_count,
                          std::span<const verifier_internal::Signature> cconvs) {
  ModuleLayout layout;
  size_t offset = AlignUp(sizeof(BytecodeModule));
  layout.functions = offset;
  offset = AlignUp(offset + function_count * sizeof(FunctionInfo));
  layout.exports = offset;
  offset = AlignUp(offset + Size(def.exports()) * sizeof(const FunctionInfo*));
  layout.rodata = offset;
  offset = AlignUp(offset + Size(def.rodata()) * sizeof(sinew_vm_buffer_t));
  layout.executable_pointers = offset;
  offset = AlignUp(offset + function_count * sizeof(uint8_t*));
  layout.kinds = offset;
  for (const verifier_internal::Signature& signature : cconvs) {
    if (!signature.in_cconv) offset += signature.arguments.size() + signature.results.size();
  }
  layout.code = AlignUp(offset);
  layout.size = layout.code + AlignUp(Size(def.bytecode()));
  return layout;
}

// Builds the module in one allocation after its headers were verified, then walks the bodies,
// which writes internal forms into the executable copy. On failure nothing is left allocated.
// The copy is the whole bytecode at once; each body's ExecutablePrefix goes in the bytes the
// format reserves before it.
sinew_status_t BuildModule(const fb::Module& def, ModuleVerifier& verifier,
                           sinew_allocator_t allocator, BytecodeModule** out_module) {
  std::span<const FunctionHeader> headers = verifier.functions();
  auto function_count = static_cast<uint32_t>(headers.size());
  std::span<const verifier_internal::Signature> cconvs = verifier.cconv_signatures();
  ModuleLayout layout = LayoutModule(def, function_count, cconvs);
  uint8_t* memory = nullptr;
  SINEW_RETURN_IF_ERROR_C(
      sinew_allocator_malloc(allocator, layout.size, 16, reinterpret_cast<void**>(&memory)));
  auto* module = new (memory) BytecodeModule();
  module->allocator = allocator;
  module->def = &def;
  module->name = StringOf(def.name());

  module->functions = {reinterpret_cast<FunctionInfo*>(memory + layout.functions), function_count};
  auto** executable = reinterpret_cast<uint8_t**>(memory + layout.executable_pointers);
  // Items of each calling convention that outlive the verifier.
  char* kinds = reinterpret_cast<char*>(memory + layout.kinds);
  auto keep = [&kinds](std::string_view items) {
    if (items.empty()) return std::string_view();
    std::memcpy(kinds, items.data(), items.size());
    kinds += items.size();
    return std::string_view(kinds - items.size(), items.size());
  };
  struct Kinds {
    std::string_view arguments;
    std::string_view results;
  };
  verifier_internal::ScratchBuffer<Kinds, 16> kinds_buffer;
  std::span<Kinds> cconv_kinds = kinds_buffer.Uninitialized(cconvs.size());
  for (size_t i = 0; i < cconvs.size(); ++i) {
    const verifier_internal::Signature& signature = cconvs[i];
    cconv_kinds[i] = signature.in_cconv ? Kinds{signature.arguments, signature.results}
                                        : Kinds{keep(signature.arguments), keep(signature.results)};
  }
  const uint8_t* bytecode = def.bytecode() ? def.bytecode()->data() : nullptr;
  uint8_t* code = memory + layout.code;
  if (bytecode) std::memcpy(code, bytecode, def.bytecode()->size());
  for (uint32_t i = 0; i < function_count; ++i) {
    const FunctionHeader& header = headers[i];
    uint8_t* body = code + header.bytecode_offset;
    executable[i] = body;
    uint32_t i32_bytes = (uint32_t{header.i32_register_count} * 4 + 15) & ~15u;
    uint32_t register_bytes = std::max<uint32_t>(
        32, i32_bytes + uint32_t{header.ref_register_count} * sizeof(sinew_vm_ref_t));
    const verifier_internal::Signature& signature = *header.signature;
    // Every member is written once: the storage is not zeroed first.
    auto* info = new (&module->functions[i]) FunctionInfo{
        .self = {&module->interface, SINEW_VM_LINKAGE_INTERNAL, i},
        .code = body,
        .file_code = bytecode + header.bytecode_offset,
        .code_length = header.bytecode_length,
        .ordinal = i,
        .i32_count = header.i32_register_count,
        .ref_count = header.ref_register_count,
        .frame_size = kBytecodeFrameHeaderSize + register_bytes,
        .i32_bytes = i32_bytes,
        .register_bytes = register_bytes,
        .arg_kinds = cconv_kinds[header.cconv_ordinal].arguments,
        .result_kinds = cconv_kinds[header.cconv_ordinal].results,
        .scalar_args = signature.scalar_arguments,
        .scalar_results = signature.scalar_results,
        .name = header.debug_name,
        .cconv = signature.cconv,
    };
    new (body - sizeof(ExecutablePrefix)) ExecutablePrefix{info, i32_bytes, register_bytes};
  }
  sinew::Status verified = verifier.VerifyBodies({executable, function_count});
  if (!verified.has_value()) {
    sinew_allocator_free(allocator, memory);
    return sinew::ToC(std::move(verified));
  }

  uint32_t export_count = Size(def.exports());
  module->exports = {reinterpret_cast<const FunctionInfo**>(memory + layout.exports), export_count};
  std::string_view names = NameTable(def);
  for (uint32_t i = 0; i < export_count; ++i) {
    const fb::ExportDescriptor& exp = *def.exports()->Get(i);
    FunctionInfo& function = module->functions[exp.function_ordinal()];
    function.name = {names.data() + exp.name_offset(), exp.name_length()};
    module->exports[i] = &function;
  }
  uint32_t rodata_count = Size(def.rodata());
  module->rodata = {reinterpret_cast<sinew_vm_buffer_t*>(memory + layout.rodata), rodata_count};
  for (uint32_t i = 0; i < rodata_count; ++i) {
    const auto* data = def.rodata()->Get(i)->data();
    sinew_vm_buffer_initialize_rodata(&module->rodata[i], data ? data->data() : nullptr,
                                      data ? data->size() : 0, &module->interface, RetainModule,
                                      ReleaseModule);
  }
  *out_module = module;
  return sinew_ok_status();
}

}  // namespace
}  // namespace sinew::vm::bytecode

using namespace sinew::vm::bytecode;

extern "C" {

int sinew_vm_module_is_bytecode(const sinew_vm_module_t* module) {
  return module && module->call == &InterpreterCall;
}

sinew_status_t sinew_vm_bytecode_module_create(sinew_vm_instance_t* instance,
                                               sinew_byte_span_t archive,
                                               sinew_vm_archive_release_t release,
                                               void* release_user_data, sinew_allocator_t allocator,
                                               sinew_vm_module_t** out_module) {
  const uint8_t* data = archive.data;
  uint8_t* aligned_copy = nullptr;
  if (reinterpret_cast<uintptr_t>(data) % 16 != 0) {
    // FlatBuffers and rodata alignment need an aligned base.
    SINEW_RETURN_IF_ERROR_C(sinew_allocator_malloc(allocator, archive.size ? archive.size : 1, 16,
                                                   reinterpret_cast<void**>(&aligned_copy)));
    if (archive.size) std::memcpy(aligned_copy, archive.data, archive.size);
    data = aligned_copy;
  }
  flatbuffers::Verifier flatbuffer_verifier(data, archive.size);
  if (archive.size < 8 || !fb::ModuleBufferHasIdentifier(data) ||
      !fb::VerifyModuleBuffer(flatbuffer_verifier)) {
    sinew_allocator_free(allocator, aligned_copy);
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             archive.size >= 8 && !fb::ModuleBufferHasIdentifier(data)
                                 ? "not a Sinew bytecode module (missing 'SNWB' identifier)"
                                 : "FlatBuffer verification failed: the module file is "
                                   "truncated or corrupt");
  }
  const fb::Module& def = *fb::GetModule(data);
  ModuleVerifier verifier(def);
  sinew::Status verified = verifier.VerifyHeaders();
  BytecodeModule* module = nullptr;
  sinew_status_t status = verified.has_value() ? BuildModule(def, verifier, allocator, &module)
                                               : sinew::ToC(std::move(verified));
  if (!sinew_status_is_ok(status)) {
    sinew_allocator_free(allocator, aligned_copy);
    return status;
  }
  module->aligned_copy = aligned_copy;
  module->instance = instance;
  sinew_vm_instance_retain(instance);
  module->archive = archive;
  module->release_archive = release;
  module->release_user_data = release_user_data;
  sinew_vm_module_t* iface = &module->interface;
  sinew_vm_module_initialize(iface, module);
  iface->destroy = Destroy;
  iface->name = Name;
  iface->signature = Signature;
  iface->get_module_attr = GetModuleAttr;
  iface->enumerate_dependencies = EnumerateDependencies;
  iface->lookup_function = LookupFunction;
  iface->get_function = GetFunction;
  iface->get_function_attr = GetFunctionAttr;
  iface->resolve_source_location = ResolveSourceLocation;
  iface->alloc_state = AllocState;
  iface->free_state = FreeState;
  iface->fork_state = ForkState;
  iface->resolve_import = ResolveImport;
  iface->notify = Notify;
  iface->call = InterpreterCall;
  *out_module = iface;
  return sinew_ok_status();
}

}  // extern "C"

namespace sinew::vm {

namespace {
void FreeFileBytes(void* user_data, sinew_byte_span_t) { std::free(user_data); }
}  // namespace

StatusOr<sinew_vm_module_t*> LoadBytecodeModuleFile(sinew_vm_instance_t* instance,
                                                    const std::string& path,
                                                    sinew_allocator_t allocator) {
  FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) {
    return NotFoundError(StrCat("cannot open module file '", path, "': ", std::strerror(errno)));
  }
  std::vector<uint8_t> bytes;
  uint8_t chunk[65536];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), file)) > 0)
    bytes.insert(bytes.end(), chunk, chunk + n);
  bool failed = std::ferror(file);
  if (file != stdin) std::fclose(file);
  if (failed) return DataLossError(StrCat("error reading module file '", path, "'"));
  void* aligned = std::aligned_alloc(
      16, (bytes.size() + 15) & ~size_t{15} ? (bytes.size() + 15) & ~size_t{15} : 16);
  if (!aligned) return ResourceExhaustedError("out of memory reading a module file");
  if (!bytes.empty()) std::memcpy(aligned, bytes.data(), bytes.size());
  sinew_vm_module_t* module = nullptr;
  sinew_status_t status = sinew_vm_bytecode_module_create(
      instance, sinew_byte_span_t{static_cast<uint8_t*>(aligned), bytes.size()}, FreeFileBytes,
      aligned, allocator, &module);
  if (!sinew_status_is_ok(status)) {
    std::free(aligned);
    return std::unexpected(
        Error(status).Annotate(StrCat("loading bytecode module at '", path, "'")));
  }
  return module;
}

}  // namespace sinew::vm
