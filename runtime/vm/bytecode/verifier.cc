// Module-level verification: the container's tables, calling conventions and function headers.
// Function bodies are walked by verifier_function.cc.
#include "runtime/vm/bytecode/verifier.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/module_def_access.h"
#include "runtime/vm/bytecode/module_format.h"
#include "runtime/vm/bytecode/verifier_internal.h"
#include "runtime/vm/cconv.h"

namespace sinew::vm::bytecode {

using verifier_internal::FunctionError;
using verifier_internal::FunctionHeader;
using verifier_internal::FunctionName;
using verifier_internal::ModuleInfo;
using verifier_internal::ScratchBuffer;
using verifier_internal::Signature;

namespace {

template <typename T>
uint32_t Size(const flatbuffers::Vector<T>* vector) {
  return vector ? vector->size() : 0;
}

// `owner` and `name` describe the attribute's owner in messages ("export 'f'").
Status VerifyAttrEntries(const flatbuffers::Vector<flatbuffers::Offset<fb::Attr>>* attrs,
                         std::string_view owner, std::string_view name) {
  for (uint32_t i = 0; i < attrs->size(); ++i) {
    if (StringOf(attrs->Get(i)->key()).empty()) {
      std::string quoted = name.empty() ? std::string() : StrCat(" '", name, "'");
      return InvalidArgumentError(StrCat(owner, quoted, " attribute ", i, " has no key"));
    }
  }
  return OkStatus();
}

// Most owners have no attributes: that case costs no call.
[[gnu::always_inline]] inline Status VerifyAttrs(
    const flatbuffers::Vector<flatbuffers::Offset<fb::Attr>>* attrs, std::string_view owner,
    std::string_view name = {}) {
  return Size(attrs) == 0 ? OkStatus() : VerifyAttrEntries(attrs, owner, name);
}

// A cheap summary of a string: equal strings have equal keys, so comparing keys first avoids
// most byte comparisons. Strings shorter than 8 bytes are equal iff their keys are.
uint64_t QuickKey(std::string_view text) {
  if (text.size() < 8) {
    uint64_t key = uint64_t{text.size()} << 56;
    for (size_t i = 0; i < text.size(); ++i) key |= uint64_t{uint8_t(text[i])} << (8 * i);
    return key;
  }
  uint64_t head;
  uint64_t tail;
  std::memcpy(&head, text.data(), 8);
  std::memcpy(&tail, text.data() + text.size() - 8, 8);
  return head ^ std::rotl(tail, 29) ^ (uint64_t{text.size()} << 56);
}

// What the registers of flattened items take in the external layout (VM_OPS.md 19.2): i/f one
// i32 slot, I/F an even-aligned pair, r one ref register; spans count as their items.
struct ItemFacts {
  uint32_t slots = 0;
  uint32_t refs = 0;
  bool scalar = true;       // only i and f
  bool structured = false;  // has a span ('C' ... 'D')
  bool only_items = true;   // nothing but item characters and span brackets
};

ItemFacts Summarize(std::string_view items) {
  ItemFacts facts;
  for (char kind : items) {
    switch (kind) {
      case 'i':
      case 'f':
        ++facts.slots;
        break;
      case 'I':
      case 'F':
        facts.slots = ((facts.slots + 1) & ~1u) + 2;
        facts.scalar = false;
        break;
      case 'r':
        ++facts.refs;
        facts.scalar = false;
        break;
      case 'C':
      case 'D':
        facts.structured = true;
        facts.scalar = false;
        break;
      default:
        facts.only_items = false;
        break;
    }
  }
  return facts;
}

// Parses calling conventions into Signatures whose item views stay valid while the parser and
// the module live.
class SignatureParser {
 public:
  explicit SignatureParser(std::span<char> arena) : arena_(arena) {}

  Status Parse(std::string_view cconv, Signature& signature) {
    // Nearly every cconv is "0ITEMS_ITEMS" with plain items (or a lone 'v'): its fragments are
    // already the flattened items. Anything else goes through FlattenCconv, which validates the
    // full grammar and names what is wrong.
    std::string_view arguments = CconvFragment(cconv, /*results=*/false);
    std::string_view results = CconvFragment(cconv, /*results=*/true);
    ItemFacts argument_facts = Summarize(arguments);
    ItemFacts result_facts = Summarize(results);
    bool plain = !cconv.empty() && cconv[0] == '0' && argument_facts.only_items &&
                 !argument_facts.structured && result_facts.only_items && !result_facts.structured;
    if (!plain) {
      // Arguments are flattened at the arena's end, results right after the room the
      // arguments may take; the results then move down next to the arguments.
      char* flat = arena_.data() + used_;
      SINEW_ASSIGN_OR_RETURN(FlatCconvSizes sizes, FlattenCconv(cconv, flat, flat + cconv.size()));
      std::memmove(flat + sizes.arguments, flat + cconv.size(), sizes.results);
      used_ += sizes.arguments + sizes.results;
      arguments = std::string_view(flat, sizes.arguments);
      results = std::string_view(flat + sizes.arguments, sizes.results);
      argument_facts = Summarize(arguments);
      result_facts = Summarize(results);
    }
    signature.cconv = cconv;
    signature.arguments = arguments;
    signature.results = results;
    signature.in_cconv = plain;
    signature.has_spans = argument_facts.structured;
    signature.scalar_arguments = argument_facts.scalar;
    signature.scalar_results = result_facts.scalar;
    signature.scalar_one_to_one = argument_facts.scalar && result_facts.scalar &&
                                  arguments.size() == 1 && results.size() == 1;
    signature.argument_slots = argument_facts.slots;
    signature.argument_refs = argument_facts.refs;
    signature.result_slots = result_facts.slots;
    signature.result_refs = result_facts.refs;
    return OkStatus();
  }

 private:
  // The arena holds twice the total length of all cconvs: flattening one writes at most its
  // length of arguments and of results (it drops the version, the '_' and every 'v').
  std::span<char> arena_;
  size_t used_ = 0;
};

[[gnu::cold, gnu::noinline]] std::unexpected<Error> NameRangeError(std::string_view names,
                                                                   std::string_view owner,
                                                                   uint32_t ordinal,
                                                                   uint32_t offset,
                                                                   uint32_t length) {
  return OutOfRangeError(StrCat(owner, " ", ordinal, " name range [", offset, ", ",
                                uint64_t{offset} + length, ") is outside the module's ",
                                names.size(), " bytes of names"));
}

// The byte range of Module.names that names import or export `ordinal` (`owner`).
[[gnu::always_inline]] inline StatusOr<std::string_view> NameRange(std::string_view names,
                                                                   std::string_view owner,
                                                                   uint32_t ordinal,
                                                                   uint32_t offset,
                                                                   uint32_t length) {
  if (uint64_t{offset} + length > names.size()) [[unlikely]] {
    return NameRangeError(names, owner, ordinal, offset, length);
  }
  return std::string_view(names.data() + offset, length);
}

// Attribute lists of imports or exports: none, or one per entry.
Status VerifyAttrListCount(const flatbuffers::Vector<flatbuffers::Offset<fb::AttrList>>* lists,
                           std::string_view what, uint32_t count) {
  if (Size(lists) != 0 && Size(lists) != count) {
    return InvalidArgumentError(
        StrCat(what, "_attrs has ", Size(lists), " entries for ", count, " ", what, "s"));
  }
  return OkStatus();
}

Status VerifyImports(const fb::Module& module, std::string_view names, uint32_t cconv_count) {
  const auto* imports = module.imports();
  uint32_t count = Size(imports);
  SINEW_RETURN_IF_ERROR(VerifyAttrListCount(module.import_attrs(), "import", count));
  for (uint32_t i = 0; i < count; ++i) {
    const fb::ImportDescriptor& import = *imports->Get(i);
    SINEW_ASSIGN_OR_RETURN(
        std::string_view name,
        NameRange(names, "import", i, import.name_offset(), import.name_length()));
    size_t dot = name.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot + 1 == name.size()) {
      return InvalidArgumentError(
          StrCat("import ", i, " name '", name, "' is not of the form 'module.function'"));
    }
    if (import.cconv_ordinal() >= cconv_count) {
      return OutOfRangeError(StrCat("import '", name, "' cconv ordinal ", import.cconv_ordinal(),
                                    " out of range ", cconv_count));
    }
    SINEW_RETURN_IF_ERROR(VerifyAttrs(AttrsAt(module.import_attrs(), i), "import", name));
  }
  return OkStatus();
}

// Sorting by (QuickKey, name) decides nearly every comparison on integers and leaves equal
// names adjacent.
struct KeyedName {
  uint64_t key;
  const char* data;
  size_t size;
  std::string_view view() const { return {data, size}; }
  bool operator<(const KeyedName& other) const {
    return key != other.key ? key < other.key : view() < other.view();
  }
};

Status VerifyExports(const fb::Module& module) {
  const auto* exports = module.exports();
  uint32_t count = Size(exports);
  uint32_t function_count = Size(module.functions());
  SINEW_RETURN_IF_ERROR(VerifyAttrListCount(module.export_attrs(), "export", count));
  std::string_view table = NameTable(module);
  ScratchBuffer<KeyedName, 32> names_buffer;
  std::span<KeyedName> names = names_buffer.Uninitialized(count);
  for (uint32_t i = 0; i < count; ++i) {
    const fb::ExportDescriptor& exp = *exports->Get(i);
    SINEW_ASSIGN_OR_RETURN(std::string_view name,
                           NameRange(table, "export", i, exp.name_offset(), exp.name_length()));
    if (name.empty()) return InvalidArgumentError(StrCat("export ", i, " has no name"));
    names[i] = {QuickKey(name), name.data(), name.size()};
    if (exp.function_ordinal() >= function_count) {
      return OutOfRangeError(StrCat("export '", name, "' function ordinal ", exp.function_ordinal(),
                                    " out of range ", function_count));
    }
    SINEW_RETURN_IF_ERROR(VerifyAttrs(AttrsAt(module.export_attrs(), i), "export", name));
  }
  std::sort(names.begin(), names.end());
  for (uint32_t i = 1; i < count; ++i) {
    if (names[i].key == names[i - 1].key && names[i].view() == names[i - 1].view()) {
      return InvalidArgumentError(StrCat("duplicate export name '", names[i].view(), "'"));
    }
  }
  return OkStatus();
}

// What every function header is checked against, read from the module once.
struct HeaderContext {
  const fb::Module& module;
  std::span<const Signature> signatures;  // one per Module.cconvs entry
  uint32_t requirements;
  uint32_t bytecode_size;
  std::string_view names;  // Module.names
  const flatbuffers::Vector<flatbuffers::Offset<fb::FunctionLocations>>* locations;
};

// Whether a function's header (everything but the body and its locations) is sound.
// `previous_end` is where the previous function's body ends: bodies are in order, aligned, and
// each has its reserved bytes before it (module_format.h), so the loader can copy the bytecode
// at once and put per-function data there. One combined test keeps the loop over headers small;
// FunctionHeaderError names what is wrong.
[[gnu::always_inline]] inline bool FunctionHeaderFits(const HeaderContext& context,
                                                      const fb::FunctionDescriptor& function,
                                                      uint64_t previous_end) {
  if (function.cconv_ordinal() >= context.signatures.size()) return false;
  const Signature& signature = context.signatures[function.cconv_ordinal()];
  uint32_t i32_count = function.i32_register_count();
  uint32_t ref_count = function.ref_register_count();
  uint64_t offset = function.bytecode_offset();
  uint64_t length = function.bytecode_length();
  return !signature.has_spans && (i32_count <= kMaxI32RegisterOrdinal + 1) &&
         (ref_count <= kMaxRefRegisterOrdinal + 1) && (signature.argument_slots <= i32_count) &&
         (signature.argument_refs <= ref_count) && (signature.result_slots <= i32_count) &&
         (signature.result_refs <= ref_count) &&
         ((function.requirements() & ~context.requirements) == 0) &&
         (offset + length <= context.bytecode_size) && (offset % kFunctionBodyAlignment == 0) &&
         (length % 2 == 0) && (offset >= previous_end + kFunctionBodyReserve) &&
         (uint64_t{function.name_offset()} + function.name_length() <= context.names.size());
}

// The error for a header that FunctionHeaderFits rejected: the first rule it breaks.
[[gnu::cold, gnu::noinline]] std::unexpected<Error> FunctionHeaderError(
    const HeaderContext& context, uint32_t ordinal, const fb::FunctionDescriptor& function,
    uint64_t previous_end) {
  const fb::Module& module = context.module;
  std::span<const Signature> signatures = context.signatures;
  if (function.cconv_ordinal() >= signatures.size()) {
    return FunctionError(
        module, ordinal, StatusCode::kOutOfRange,
        StrCat("cconv ordinal ", function.cconv_ordinal(), " out of range ", signatures.size()));
  }
  const Signature& signature = signatures[function.cconv_ordinal()];
  if (signature.has_spans) {
    return FunctionError(module, ordinal, StatusCode::kInvalidArgument,
                         "internal functions cannot accept variadic arguments");
  }
  uint32_t i32_count = function.i32_register_count();
  uint32_t ref_count = function.ref_register_count();
  if (i32_count > kMaxI32RegisterOrdinal + 1) {
    return FunctionError(
        module, ordinal, StatusCode::kOutOfRange,
        StrCat("i32 register count ", i32_count, " exceeds ", kMaxI32RegisterOrdinal + 1));
  }
  if (ref_count > kMaxRefRegisterOrdinal + 1) {
    return FunctionError(
        module, ordinal, StatusCode::kOutOfRange,
        StrCat("ref register count ", ref_count, " exceeds ", kMaxRefRegisterOrdinal + 1));
  }
  if (signature.argument_slots > i32_count || signature.argument_refs > ref_count ||
      signature.result_slots > i32_count || signature.result_refs > ref_count) {
    return FunctionError(module, ordinal, StatusCode::kInvalidArgument,
                         "insufficient register storage for function arguments/results");
  }
  if ((function.requirements() & ~context.requirements) != 0) {
    return FunctionError(module, ordinal, StatusCode::kInvalidArgument,
                         StrCat("function requirements ", function.requirements(),
                                " are not declared by the module (", context.requirements, ")"));
  }
  uint64_t offset = function.bytecode_offset();
  uint64_t length = function.bytecode_length();
  if (offset + length > context.bytecode_size) {
    return FunctionError(
        module, ordinal, StatusCode::kOutOfRange,
        StrCat("bytecode range [", offset, ", ", offset + length, ") is outside the module's ",
               context.bytecode_size, " bytes of bytecode"));
  }
  if (offset % kFunctionBodyAlignment != 0 || length % 2 != 0) {
    return FunctionError(
        module, ordinal, StatusCode::kInvalidArgument,
        StrCat("bytecode range [", offset, ", ", offset + length, ") does not start ",
               kFunctionBodyAlignment, "-byte aligned with an even length"));
  }
  if (offset < previous_end + kFunctionBodyReserve) {
    return FunctionError(
        module, ordinal, StatusCode::kInvalidArgument,
        StrCat("bytecode range [", offset, ", ", offset + length, ") does not leave ",
               kFunctionBodyReserve, " bytes after the previous function's body (which ends at ",
               previous_end, ")"));
  }
  return FunctionError(
      module, ordinal, StatusCode::kOutOfRange,
      StrCat("name range [", function.name_offset(), ", ",
             uint64_t{function.name_offset()} + function.name_length(),
             ") is outside the module's ", context.names.size(), " bytes of names"));
}

// Checks the source locations of function `ordinal`, whose body is `length` bytes.
Status VerifyLocations(const HeaderContext& context, uint32_t ordinal, uint32_t length) {
  const fb::Module& module = context.module;
  const auto* locations = context.locations->Get(ordinal)->locations();
  for (uint32_t i = 0; i < Size(locations); ++i) {
    const fb::Location& location = *locations->Get(i);
    if (location.pc() >= length) {
      return FunctionError(
          module, ordinal, StatusCode::kOutOfRange,
          StrCat("location ", i, " pc ", location.pc(), " is outside the function"));
    }
    if (i > 0 && location.pc() < locations->Get(i - 1)->pc()) {
      return FunctionError(module, ordinal, StatusCode::kInvalidArgument,
                           StrCat("location ", i, " pc ", location.pc(), " is not sorted by pc"));
    }
    if (StringOf(location.text()).empty()) {
      return FunctionError(module, ordinal, StatusCode::kInvalidArgument,
                           StrCat("location ", i, " has no text"));
    }
  }
  return OkStatus();
}

// Names the first import, else the first function, with the bad cconv `cconv_ordinal`, as if
// its entry had been read.
std::unexpected<Error> CconvError(const fb::Module& module, uint32_t cconv_ordinal,
                                  const Error& error) {
  for (uint32_t i = 0; i < Size(module.imports()); ++i) {
    if (module.imports()->Get(i)->cconv_ordinal() == cconv_ordinal) {
      return MakeError(error.code(),
                       StrCat("import '", ImportName(module, i), "': ", error.message()));
    }
  }
  for (uint32_t i = 0; i < Size(module.functions()); ++i) {
    if (module.functions()->Get(i)->cconv_ordinal() == cconv_ordinal) {
      return FunctionError(module, i, error.code(), error.message());
    }
  }
  return MakeError(error.code(), StrCat("cconv ", cconv_ordinal, ": ", error.message()));
}

// Every context allocates and zero-fills the globals a module declares, so a few bytes of
// file must not be able to demand gigabytes of state.
constexpr uint32_t kMaxRwdataSize = 64u << 20;
constexpr uint32_t kMaxGlobalRefCount = 1u << 20;

Status VerifyModuleTables(const fb::Module& module) {
  if (module.format_version() != kBytecodeFormatVersion) {
    return IncompatibleError(StrCat("module format version ", module.format_version(),
                                    " is not supported (expected ", kBytecodeFormatVersion, ")"));
  }
  if (StringOf(module.name()).empty()) return InvalidArgumentError("module has no name");
  if (module.rwdata_size() > kMaxRwdataSize) {
    return InvalidArgumentError(StrCat("rwdata size ", module.rwdata_size(),
                                       " exceeds the maximum of ", kMaxRwdataSize, " bytes"));
  }
  if (module.global_ref_count() > kMaxGlobalRefCount) {
    return InvalidArgumentError(StrCat("global ref count ", module.global_ref_count(),
                                       " exceeds the maximum of ", kMaxGlobalRefCount));
  }
  SINEW_RETURN_IF_ERROR(VerifyAttrs(module.attrs(), "module"));
  uint32_t function_count = Size(module.functions());
  uint32_t locations = Size(module.function_locations());
  if (locations != 0 && locations != function_count) {
    return InvalidArgumentError(StrCat("function_locations has ", locations, " entries for ",
                                       function_count, " functions"));
  }
  for (uint32_t i = 0; i < Size(module.types()); ++i) {
    if (StringOf(module.types()->Get(i)->name()).empty()) {
      return InvalidArgumentError(StrCat("type ", i, " has no name"));
    }
  }
  for (uint32_t i = 0; i < Size(module.dependencies()); ++i) {
    if (StringOf(module.dependencies()->Get(i)->name()).empty()) {
      return InvalidArgumentError(StrCat("dependency ", i, " has no name"));
    }
  }
  for (uint32_t i = 0; i < Size(module.rodata()); ++i) {
    if (module.rodata()->Get(i)->data() == nullptr) {
      return InvalidArgumentError(StrCat("rodata segment ", i, " has no data"));
    }
  }
  return VerifyExports(module);
}

}  // namespace

namespace verifier_internal {

std::string FunctionName(const fb::Module& module, uint32_t ordinal) {
  std::string_view debug_name = FunctionDebugName(module, ordinal);
  if (!debug_name.empty()) return std::string(debug_name);
  for (uint32_t i = 0; i < Size(module.exports()); ++i) {
    if (module.exports()->Get(i)->function_ordinal() == ordinal) {
      return std::string(ExportName(module, i));
    }
  }
  return StrCat("fn", ordinal);
}

std::unexpected<Error> FunctionError(const fb::Module& module, uint32_t ordinal, StatusCode code,
                                     std::string_view message) {
  return MakeError(code, StrCat("function '", FunctionName(module, ordinal), "': ", message));
}

}  // namespace verifier_internal

Status VerifyModule(const fb::Module& module) {
  ModuleVerifier verifier(module);
  SINEW_RETURN_IF_ERROR(verifier.VerifyHeaders());
  return verifier.VerifyBodies();
}

ModuleVerifier::ModuleVerifier(const fb::Module& module) : module_(module), info_{} {}

Status ModuleVerifier::VerifyHeaders() {
  SINEW_RETURN_IF_ERROR(VerifyModuleTables(module_));

  uint32_t function_count = Size(module_.functions());
  uint32_t import_count = Size(module_.imports());
  uint32_t cconv_count = Size(module_.cconvs());
  size_t cconv_chars = 0;
  const auto* cconvs = module_.cconvs();
  for (uint32_t i = 0; i < cconv_count; ++i) cconv_chars += cconvs->Get(i)->size();
  SignatureParser parser(cconv_arena_.Uninitialized(2 * cconv_chars));
  std::span<FunctionHeader> functions = functions_.Uninitialized(function_count);
  std::span<Signature> signatures = signatures_.Uninitialized(cconv_count);
  cconv_signatures_ = signatures;

  SINEW_RETURN_IF_ERROR(VerifyImports(module_, NameTable(module_), cconv_count));
  for (uint32_t i = 0; i < cconv_count; ++i) {
    std::string_view cconv = StringOf(cconvs->Get(i));
    Status parsed = parser.Parse(cconv, signatures[i]);
    if (!parsed) return CconvError(module_, i, parsed.error());
  }
  HeaderContext context{
      module_,
      signatures,
      module_.requirements(),
      Size(module_.bytecode()),
      NameTable(module_),
      Size(module_.function_locations()) ? module_.function_locations() : nullptr};
  const auto* descriptors = module_.functions();
  uint64_t previous_end = 0;
  for (uint32_t i = 0; i < function_count; ++i) {
    const fb::FunctionDescriptor& function = *descriptors->Get(i);
    if (!FunctionHeaderFits(context, function, previous_end)) [[unlikely]] {
      return FunctionHeaderError(context, i, function, previous_end);
    }
    previous_end = uint64_t{function.bytecode_offset()} + function.bytecode_length();
    FunctionHeader& header = functions[i];
    header.signature = &signatures[function.cconv_ordinal()];
    header.debug_name = {context.names.data() + function.name_offset(), function.name_length()};
    header.bytecode_offset = function.bytecode_offset();
    header.bytecode_length = function.bytecode_length();
    header.block_count = function.block_count();
    header.cconv_ordinal = function.cconv_ordinal();
    header.i32_register_count = function.i32_register_count();
    header.ref_register_count = function.ref_register_count();
    if (context.locations) {
      SINEW_RETURN_IF_ERROR(VerifyLocations(context, i, function.bytecode_length()));
    }
  }

  info_ = ModuleInfo{
      .module = &module_,
      .requirements = module_.requirements(),
      .function_count = function_count,
      .import_count = import_count,
      .type_count = Size(module_.types()),
      .rodata_count = Size(module_.rodata()),
      .rwdata_size = module_.rwdata_size(),
      .global_ref_count = module_.global_ref_count(),
      .functions = functions.data(),
      .imports = import_count ? module_.imports()->Get(0) : nullptr,
      .cconv_signatures = signatures.data(),
      .executable = nullptr,
  };
  return OkStatus();
}

Status ModuleVerifier::VerifyBodies(std::span<uint8_t* const> executable) {
  info_.executable = executable.empty() ? nullptr : executable.data();
  return verifier_internal::VerifyFunctionBodies(info_);
}

}  // namespace sinew::vm::bytecode
