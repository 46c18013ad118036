// Module disassembly (VMASM.md section 9) and the per-instruction entry point used by
// execution tracing.
#include "runtime/vm/bytecode/disassembler.h"

#include <algorithm>
#include <vector>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/disassembler_internal.h"
#include "runtime/vm/bytecode/module_def_access.h"
#include "runtime/vm/cconv.h"

namespace sinew::vm::bytecode {
namespace {

using disassembler_internal::DecodedInstruction;

bool IsSymbol(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '.';
  });
}

// Header names: the first export name, else a usable unique debug name, else fnN.
std::vector<std::string> FunctionNames(const fb::Module& module, uint32_t count) {
  std::vector<std::string> names(count);
  std::vector<std::string_view> taken;
  for (uint32_t i = 0; i < count; ++i) {
    names[i] = std::string(disassembler_internal::FirstExportName(module, i));
    if (!names[i].empty()) taken.push_back(names[i]);
  }
  for (uint32_t i = 0; i < count; ++i) {
    if (!names[i].empty()) continue;
    std::string_view debug_name = FunctionDebugName(module, i);
    bool usable =
        IsSymbol(debug_name) && std::find(taken.begin(), taken.end(), debug_name) == taken.end();
    names[i] = usable ? std::string(debug_name) : StrCat("fn", i);
    taken.push_back(names[i]);
  }
  return names;
}

// `vm.func @NAME(%i0: i32, %i2:3: i64, %r0: !vm.ref<?>) -> (i32) {` with the registers the
// arguments arrive in (64-bit values at even slots), which the body refers to.
StatusOr<std::string> FunctionHeader(std::string_view name, std::string_view cconv_text) {
  SINEW_ASSIGN_OR_RETURN(CallingConvention cconv, ParseCconv(cconv_text));
  std::vector<std::string> arguments;
  uint32_t slot = 0;
  uint32_t ref = 0;
  for (const CconvItem& item : cconv.arguments) {
    switch (item.kind) {
      case 'r':
        arguments.push_back(StrCat("%r", ref++, ": !vm.ref<?>"));
        break;
      case 'i':
      case 'f':
        arguments.push_back(StrCat("%i", slot++, ": ", CconvItemTypeName(item.kind)));
        break;
      case 'I':
      case 'F':
        slot = (slot + 1) & ~1u;
        arguments.push_back(StrCat("%i", slot, ":", slot + 1, ": ", CconvItemTypeName(item.kind)));
        slot += 2;
        break;
      default:
        return UnimplementedError(StrCat("function cconv '", cconv_text, "' has variadic spans"));
    }
  }
  std::string out = StrCat("vm.func @", name, "(");
  for (size_t i = 0; i < arguments.size(); ++i) out += StrCat(i ? ", " : "", arguments[i]);
  out += ") -> (";
  for (size_t i = 0; i < cconv.results.size(); ++i) {
    out += StrCat(i ? ", " : "", CconvItemTypeName(cconv.results[i].kind));
  }
  return out + ") {";
}

std::string Hex(const flatbuffers::Vector<uint8_t>* data) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  if (!data) return out;
  for (uint8_t byte : *data) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 15]);
  }
  return out;
}

std::string OffsetPrefix(bool enabled, uint32_t pc, std::string_view separator) {
  if (!enabled) return std::string();
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "[%08X]", pc);
  return StrCat(buffer, separator);
}

Status PrintFunctionBody(const fb::Module& module, std::span<const uint8_t> code,
                         bool bytecode_offsets, std::string* out) {
  SINEW_ASSIGN_OR_RETURN(std::vector<uint32_t> blocks, disassembler_internal::ScanBlocks(code));
  disassembler_internal::PrintContext context{&module, blocks, {}};
  uint32_t pc = 0;
  uint32_t block = 0;
  while (pc < code.size()) {
    SINEW_ASSIGN_OR_RETURN(DecodedInstruction instruction,
                           disassembler_internal::DecodeInstruction(code, pc));
    if (instruction.opcode == Opcode::kBlock) {
      *out += StrCat(OffsetPrefix(bytecode_offsets, pc, " "), "^bb", block++, ":\n");
    } else {
      *out += StrCat(OffsetPrefix(bytecode_offsets, pc, ""), "  ");
      SINEW_RETURN_IF_ERROR(disassembler_internal::PrintInstruction(context, instruction, out));
      *out += "\n";
    }
    pc = instruction.next_pc;
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::string> DisassembleModule(std::span<const uint8_t> module_file,
                                        const DisassemblyOptions& options) {
  flatbuffers::Verifier verifier(module_file.data(), module_file.size());
  if (!fb::VerifyModuleBuffer(verifier)) {
    return InvalidArgumentError("FlatBuffer verification failed");
  }
  const fb::Module& module = *fb::GetModule(module_file.data());
  std::string out =
      StrCat("vm.module @", StringOf(module.name()), " version ", module.version(), "\n");
  if (module.types()) {
    for (const fb::TypeDef* type : *module.types()) {
      out += StrCat("vm.type ", type ? StringOf(type->name()) : "", "\n");
    }
  }
  for (uint32_t i = 0; i < (module.imports() ? module.imports()->size() : 0); ++i) {
    out += StrCat("vm.import ", module.imports()->Get(i)->optional() ? "optional " : "", "@",
                  ImportName(module, i), " cconv \"", ImportCconv(module, i), "\"\n");
  }
  if (module.rodata()) {
    for (uint32_t i = 0; i < module.rodata()->size(); ++i) {
      const fb::RodataSegment* segment = module.rodata()->Get(i);
      out += StrCat("vm.rodata[", i, "] = ", Hex(segment ? segment->data() : nullptr), "\n");
    }
  }

  const auto* functions = module.functions();
  uint32_t function_count = functions ? functions->size() : 0;
  std::vector<std::string> names = FunctionNames(module, function_count);
  std::span<const uint8_t> bytecode;
  if (module.bytecode()) bytecode = {module.bytecode()->data(), module.bytecode()->size()};
  bool matched = false;
  for (uint32_t i = 0; i < function_count; ++i) {
    if (!options.function.empty() && options.function != names[i] &&
        options.function != StrCat(i)) {
      continue;
    }
    matched = true;
    const fb::FunctionDescriptor& function = *functions->Get(i);
    uint64_t end = uint64_t{function.bytecode_offset()} + function.bytecode_length();
    if (end > bytecode.size()) {
      return InvalidArgumentError(StrCat("function ", i, " bytecode is out of range"));
    }
    out += "\n";
    for (uint32_t e = 0; e < (module.exports() ? module.exports()->size() : 0); ++e) {
      if (module.exports()->Get(e)->function_ordinal() != i) continue;
      std::string_view name = ExportName(module, e);
      out += name == names[i] ? StrCat("vm.export @", name, "\n")
                              : StrCat("vm.export @", name, " = @", names[i], "\n");
    }
    SINEW_ASSIGN_OR_RETURN(std::string header, FunctionHeader(names[i], FunctionCconv(module, i)));
    out += header + "\n";
    SINEW_RETURN_IF_ERROR(PrintFunctionBody(
        module, bytecode.subspan(function.bytecode_offset(), function.bytecode_length()),
        options.bytecode_offsets, &out));
    out += "}\n";
  }
  if (!options.function.empty() && !matched) {
    return NotFoundError(StrCat("function '", options.function, "' not found in module"));
  }
  return out;
}

Status FormatInstruction(const fb::Module& module, uint32_t function_ordinal,
                         std::span<const uint8_t> function_code, uint32_t pc,
                         const uint32_t* i32_registers, const sinew_vm_ref_t* ref_registers,
                         std::string* out, uint32_t* out_next_pc) {
  SINEW_ASSIGN_OR_RETURN(std::vector<uint32_t> blocks,
                         disassembler_internal::ScanBlocks(function_code));
  SINEW_ASSIGN_OR_RETURN(DecodedInstruction instruction,
                         disassembler_internal::DecodeInstruction(function_code, pc));
  disassembler_internal::PrintContext context{&module, blocks, {}};
  if (i32_registers || ref_registers) {
    const auto* functions = module.functions();
    if (!functions || function_ordinal >= functions->size()) {
      return OutOfRangeError(StrCat("function ordinal ", function_ordinal, " out of range"));
    }
    const fb::FunctionDescriptor& function = *functions->Get(function_ordinal);
    context.registers = {i32_registers, function.i32_register_count(), ref_registers,
                         function.ref_register_count()};
  }
  out->clear();
  if (instruction.opcode == Opcode::kBlock) {
    auto it = std::lower_bound(blocks.begin(), blocks.end(), pc);
    *out = StrCat("^bb", it - blocks.begin(), ":");
  } else {
    SINEW_RETURN_IF_ERROR(disassembler_internal::PrintInstruction(context, instruction, out));
  }
  *out_next_pc = instruction.next_pc;
  return OkStatus();
}

}  // namespace sinew::vm::bytecode
