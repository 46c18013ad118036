// sinew-dump-module: prints a .vmb module's metadata and/or its disassembly
// (reference/TOOLS.md section 7.1, adapted to the Sinew container), the metadata of a native
// module (a shared library `lib.so@create_fn` or a tooling module linked into the tools, by
// name), or MLIR declarations of any module's exports.
//   sinew-dump-module [--output=all|metadata|disassembly|flatbuffer-binary|flatbuffer-json]
//                     [--function=F] [--bytecode_offsets] [--pretty] module.vmb
//   sinew-dump-module [--output=all|metadata] lib.so[@create_fn][?k=v...] | TOOLING_MODULE
//   sinew-dump-module --mlir-decls module.vmb | lib.so[@...] | TOOLING_MODULE
#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "flatbuffers/idl.h"
#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/disassembler.h"
#include "runtime/vm/bytecode/module_def_access.h"
#include "runtime/vm/bytecode/module_def_generated.h"
#include "runtime/vm/bytecode/module_format.h"
#include "runtime/vm/cconv.h"
#include "runtime/vm/module.h"
#include "tools/dump_text.h"
#include "tools/mlir_declarations.h"
#include "tools/module_source.h"
#include "tools/module_spec.h"
#include "tools/native_module_metadata.h"
#include "tools/tool_flags.h"
#include "tools/tooling_modules.h"

namespace {

using sinew::StrCat;
using sinew::tools::CconvSignatureText;
using sinew::tools::DumpHeader;
namespace fb = sinew::vm::bytecode::fb;

constexpr char kModuleSchema[] =
#include "tools/module_schema.inc"
    ;

using sinew::vm::bytecode::AttrsAt;
using sinew::vm::bytecode::ExportName;
using sinew::vm::bytecode::ImportCconv;
using sinew::vm::bytecode::ImportName;
using sinew::vm::bytecode::StringOf;

std::string Printf(const char* format, auto... args) {
  char buffer[256];
  int length = std::snprintf(buffer, sizeof(buffer), format, args...);
  return std::string(buffer, static_cast<size_t>(std::clamp(length, 0, 255)));
}

std::string AttrLines(const flatbuffers::Vector<flatbuffers::Offset<fb::Attr>>* attrs, int indent) {
  std::string out;
  if (!attrs) return out;
  for (const fb::Attr* attr : *attrs) {
    out += StrCat(std::string(indent, ' '), StringOf(attr->key()), ": ", StringOf(attr->value()),
                  "\n");
  }
  return out;
}

std::string RequirementsText(uint32_t bits) {
  std::string out;
  auto add = [&](std::string_view name) { out += StrCat(out.empty() ? "" : " | ", name); };
  if (bits & sinew::vm::bytecode::kRequirementF32) add("EXT_F32");
  if (bits & sinew::vm::bytecode::kRequirementF64) add("EXT_F64");
  uint32_t other =
      bits & ~(sinew::vm::bytecode::kRequirementF32 | sinew::vm::bytecode::kRequirementF64);
  if (other) add(Printf("%08X", other));
  return out;
}

std::string Metadata(const fb::Module& module, size_t file_size) {
  std::string out =
      DumpHeader(StrCat("@", StringOf(module.name()), " : version ", module.version()));
  out += "\n";
  if (module.requirements()) {
    out += StrCat("Requirements: ", RequirementsText(module.requirements()), "\n\n");
  }
  if (module.attrs() && module.attrs()->size()) {
    out += StrCat("Attributes:\n", AttrLines(module.attrs(), 2), "\n");
  }
  if (module.types() && module.types()->size()) {
    out += "Required Types:\n";
    for (uint32_t i = 0; i < module.types()->size(); ++i) {
      out += Printf("  [%3u] ", i) + std::string(StringOf(module.types()->Get(i)->name())) + "\n";
    }
    out += "\n";
  }
  if (module.dependencies() && module.dependencies()->size()) {
    out += "Module Dependencies:\n";
    for (const fb::Dependency* dep : *module.dependencies()) {
      bool optional = dep->flags() & SINEW_VM_MODULE_DEPENDENCY_OPTIONAL;
      out += StrCat("  ", StringOf(dep->name()), ", version >= ", dep->minimum_version(), ", ",
                    optional ? "optional" : "required", "\n");
    }
    out += "\n";
  }
  if (module.imports() && module.imports()->size()) {
    out += "Imported Functions:\n";
    for (uint32_t i = 0; i < module.imports()->size(); ++i) {
      out += Printf("  [%3u] ", i) + StrCat(module.imports()->Get(i)->optional() ? "?" : "",
                                            ImportName(module, i),
                                            CconvSignatureText(ImportCconv(module, i)), "\n");
      out += AttrLines(AttrsAt(module.import_attrs(), i), 8);
    }
    out += "\n";
  }
  const auto* functions = module.functions();
  uint32_t function_count = functions ? functions->size() : 0;
  if (module.exports() && module.exports()->size()) {
    out += "Exported Functions:\n";
    for (uint32_t i = 0; i < module.exports()->size(); ++i) {
      uint32_t ordinal = module.exports()->Get(i)->function_ordinal();
      std::string signature =
          ordinal < function_count
              ? CconvSignatureText(sinew::vm::bytecode::FunctionCconv(module, ordinal))
              : StrCat(" <function ", ordinal, " out of range>");
      out += Printf("  [%3u] ", i) + StrCat(ExportName(module, i), signature, "\n");
      out += AttrLines(AttrsAt(module.export_attrs(), i), 8);
    }
    out += "\n";
  }

  out += DumpHeader("Sections") + "\n";
  uint32_t refs = module.global_ref_count();
  out += StrCat("Module State:\n  ", module.rwdata_size(), " bytes, ", refs, " refs, ~",
                uint64_t{module.rwdata_size()} + uint64_t{refs} * sizeof(sinew_vm_ref_t),
                " bytes total\n\n");
  out += StrCat("FlatBuffer: ", file_size, " bytes\n");
  out += StrCat("  Bytecode: ", module.bytecode() ? module.bytecode()->size() : 0, " bytes\n");
  if (module.rodata()) {
    for (uint32_t i = 0; i < module.rodata()->size(); ++i) {
      const auto* data = module.rodata()->Get(i)->data();
      std::string_view bytes =
          data ? std::string_view(reinterpret_cast<const char*>(data->data()), data->size())
               : std::string_view();
      out += Printf("  .rodata[%3u] uncompressed embedded %8zu bytes", i, bytes.size());
      bool printable = !bytes.empty() && std::all_of(bytes.begin(), bytes.end(), [](char c) {
        return std::isprint(static_cast<unsigned char>(c));
      });
      if (printable) {
        out += StrCat(" `", bytes.substr(0, 32), bytes.size() > 32 ? "..." : "", "`");
      }
      out += "\n";
    }
  }
  out += "\n";

  out += DumpHeader(StrCat("Bytecode : version ", module.format_version())) + "\n";
  out += "  # | Offset   |   Length | Blocks | i32 # | ref # | Requirements | Aliases\n";
  out += "----+----------+----------+--------+-------+-------+--------------+" +
         std::string(40, '-') + "\n";
  uint64_t location_count = 0;
  for (uint32_t i = 0; i < function_count; ++i) {
    const fb::FunctionDescriptor* function = functions->Get(i);
    std::string aliases;
    for (uint32_t e = 0; e < (module.exports() ? module.exports()->size() : 0); ++e) {
      if (module.exports()->Get(e)->function_ordinal() != i) continue;
      aliases += StrCat(aliases.empty() ? "" : ", ", ExportName(module, e));
    }
    std::string row =
        Printf("%3u | %08X | %8u | %6u | %5u | %5u | %-12s | ", i, function->bytecode_offset(),
               function->bytecode_length(), function->block_count(), function->i32_register_count(),
               function->ref_register_count(), RequirementsText(function->requirements()).c_str()) +
        aliases;
    while (row.ends_with(' ')) row.pop_back();
    out += row + "\n";
    const auto* locations = module.function_locations();
    if (locations && i < locations->size() && locations->Get(i)->locations()) {
      location_count += locations->Get(i)->locations()->size();
    }
  }
  out += "\n";
  if (location_count) {
    out += DumpHeader("Debug Information") + "\n";
    out += "// NOTE: locations map bytecode offsets to source positions.\n";
    out += StrCat("Locations: ", location_count, "\n\n");
  }
  return out;
}

// JSON rendering of the whole FlatBuffer; default values are skipped.
bool FlatBufferJson(const std::vector<uint8_t>& bytes, bool pretty, std::string* out) {
  flatbuffers::Parser parser;
  parser.opts.strict_json = true;
  parser.opts.indent_step = pretty ? 2 : -1;
  if (!parser.Parse(kModuleSchema)) {
    *out = parser.error_;
    return false;
  }
  if (!flatbuffers::GenerateText(parser, bytes.data(), out)) {
    *out = "cannot render the module as JSON";
    return false;
  }
  return true;
}

int Fail(std::string_view path, std::string_view message) {
  std::fprintf(stderr, "%.*s: %.*s\n", static_cast<int>(path.size()), path.data(),
               static_cast<int>(message.size()), message.data());
  return 1;
}

// Shared libraries, and names of tooling modules that are not files.
bool IsNativeSource(const std::string& source) {
  struct stat info;
  return sinew::tools::ParseModuleSpec(source).kind == sinew::tools::ModuleSpec::Kind::kDynamic ||
         (stat(source.c_str(), &info) != 0 && sinew::tools::FindToolingModule(source));
}

int PrintMlirDeclarations(const std::string& source) {
  auto opened = sinew::tools::OpenModuleSource(source);
  if (!opened) return Fail(source, opened.error().ToString());
  auto text = sinew::tools::MlirDeclarations(opened->module());
  if (!text) return Fail(source, text.error().ToString());
  std::fwrite(text->data(), 1, text->size(), stdout);
  return 0;
}

int DumpNativeModule(const std::string& source, std::string_view output) {
  if (output != "all" && output != "metadata") {
    return Fail(source, StrCat("INVALID_ARGUMENT; --output=", output,
                               " needs a bytecode module; this is a native module"));
  }
  auto opened = sinew::tools::OpenModuleSource(source);
  if (!opened) return Fail(source, opened.error().ToString());
  std::string origin = opened->kind() == sinew::tools::OpenedModule::Kind::kTooling
                           ? "linked into the tools"
                           : StrCat("loaded from ", source);
  auto text = sinew::tools::NativeModuleMetadata(opened->module(), origin);
  if (!text) return Fail(source, text.error().ToString());
  std::fwrite(text->data(), 1, text->size(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string output = "all";
  std::string function;
  bool bytecode_offsets = false;
  bool pretty = false;
  bool mlir_decls = false;
  sinew::tools::ToolFlags flags(
      "Prints the contents of a bytecode module (.vmb) or the metadata of a native module (a "
      "shared library lib.so@create_fn, or a tooling module by name).",
      "sinew-dump-module [--output=...] module.vmb|lib.so@fn|TOOLING_MODULE");
  flags.AddString("output", &output,
                  "all, metadata, disassembly, flatbuffer-binary or flatbuffer-json.");
  flags.AddString("function", &function, "Only disassemble this function (name or ordinal).");
  flags.AddBool("bytecode_offsets", &bytecode_offsets, "Prefix instructions with their offset.");
  flags.AddBool("pretty", &pretty, "Indent --output=flatbuffer-json.");
  flags.AddBool("mlir-decls", &mlir_decls,
                "Print MLIR declarations (func.func private) of the module's exports instead.");
  if (std::optional<int> exit_code = flags.Parse(argc, argv)) return *exit_code;
  if (flags.positional().empty()) {
    std::fprintf(stderr, "Syntax: sinew-dump-module [--output=...] module.vmb\n");
    return 1;
  }
  bool metadata = output == "all" || output == "metadata";
  bool disassembly = output == "all" || output == "disassembly";
  if (!metadata && !disassembly && output != "flatbuffer-binary" && output != "flatbuffer-json") {
    std::fprintf(stderr, "INVALID_ARGUMENT; unrecognized --output= flag value '%s'\n",
                 output.c_str());
    return 1;
  }

  const std::string& path = flags.positional()[0];
  if (mlir_decls) return PrintMlirDeclarations(path);
  if (IsNativeSource(path)) return DumpNativeModule(path, output);
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Fail(path, StrCat("NOT_FOUND; cannot open module file, and no tooling module has this "
                             "name (tooling modules: ",
                             sinew::tools::ToolingModuleNames(), ")"));
  }
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)),
                             std::istreambuf_iterator<char>());
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  if (!fb::VerifyModuleBuffer(verifier)) {
    bool foreign = bytes.size() >= 8 && !fb::ModuleBufferHasIdentifier(bytes.data());
    return Fail(path, StrCat("INVALID_ARGUMENT; FlatBuffer verification failed: ",
                             foreign ? "not a Sinew bytecode module (missing 'SNWB' identifier)"
                                     : "the module file is truncated or corrupt"));
  }
  // The raw FlatBuffer outputs stay available for inspecting modules of other versions.
  uint32_t format_version = fb::GetModule(bytes.data())->format_version();
  if ((metadata || disassembly) && format_version != sinew::vm::bytecode::kBytecodeFormatVersion) {
    return Fail(path, StrCat("INCOMPATIBLE; module format version ", format_version,
                             " is not supported (expected ",
                             sinew::vm::bytecode::kBytecodeFormatVersion, ")"));
  }
  if (output == "flatbuffer-binary") {
    return std::fwrite(bytes.data(), 1, bytes.size(), stdout) == bytes.size() ? 0 : 1;
  }
  std::string text;
  if (output == "flatbuffer-json") {
    if (!FlatBufferJson(bytes, pretty, &text)) return Fail(path, "INTERNAL; " + text);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  if (metadata) text += Metadata(*fb::GetModule(bytes.data()), bytes.size());
  if (disassembly) {
    sinew::vm::bytecode::DisassemblyOptions options;
    options.function = function;
    options.bytecode_offsets = bytecode_offsets;
    auto listing = sinew::vm::bytecode::DisassembleModule(bytes, options);
    if (!listing) return Fail(path, listing.error().ToString());
    text += *listing;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
