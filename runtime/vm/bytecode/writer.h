// The bytecode writer: the one library that encodes instructions and serializes .vmb modules.
// The assembler and the compiler both produce modules through it.
#ifndef SINEW_RUNTIME_VM_BYTECODE_WRITER_H_
#define SINEW_RUNTIME_VM_BYTECODE_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <optional>
#include "runtime/vm/bytecode/op_table.h"

namespace sinew::vm::bytecode {

struct AttrDesc {
  std::string key;
  std::string value;
};

struct DependencyDesc {
  std::string name;
  uint32_t minimum_version = 0;
  uint32_t flags = 0;  // SINEW_VM_MODULE_DEPENDENCY_*
};

struct ImportDesc {
  std::string full_name;
  std::string cconv;
  bool optional = false;
  std::vector<AttrDesc> attrs;
};

struct ExportDesc {
  std::string name;
  uint32_t function_ordinal = 0;
  std::vector<AttrDesc> attrs;
};

struct LocationDesc {
  uint32_t pc = 0;
  std::string text;  // "file:line:col"
};

struct FunctionDesc {
  std::string cconv;
  uint16_t i32_register_count = 0;
  uint16_t ref_register_count = 0;
  std::vector<uint8_t> bytecode;
  uint32_t block_count = 0;
  uint32_t requirements = 0;
  std::string debug_name;
  std::vector<LocationDesc> locations;
};

struct ModuleDesc {
  std::string name;
  uint32_t version = 0;
  std::vector<AttrDesc> attrs;
  std::vector<std::string> types;
  std::vector<DependencyDesc> dependencies;
  std::vector<ImportDesc> imports;
  std::vector<ExportDesc> exports;
  std::vector<FunctionDesc> functions;
  std::vector<std::vector<uint8_t>> rodata;
  uint32_t rwdata_size = 0;
  uint32_t global_ref_count = 0;
};

// Serializes a module; the module requirements are the union of the functions'.
std::vector<uint8_t> WriteModule(const ModuleDesc& module);

// Encodes one function body, resolving block references when finished.
class FunctionEncoder {
 public:
  uint32_t pc() const { return static_cast<uint32_t>(bytes_.size()); }
  // Extension requirements (kRequirementF32/F64) of the instructions emitted so far.
  uint32_t requirements() const { return requirements_; }
  uint32_t block_count() const { return bound_blocks_; }

  void Opcode(bytecode::Opcode opcode);
  void U16(uint16_t value);
  void U32(uint32_t value);
  void U64(uint64_t value);
  // u16 length, bytes, zero padding to an even length.
  void String(std::string_view value);

  // Blocks are referred to by id before or after they are bound to a position.
  uint32_t NewBlock();
  // Emits the Block marker for `block` here.
  void BindBlock(uint32_t block);
  bool IsBound(uint32_t block) const { return block_offsets_[block] != kUnbound; }
  // Emits a u32 block offset, patched in Finish().
  void BlockReference(uint32_t block);

  // Resolves block references; nullopt if a referenced block was never bound. (No Status
  // here: the compiler includes this header from C++20 code, which has no std::expected.)
  std::optional<std::vector<uint8_t>> Finish();

 private:
  static constexpr uint32_t kUnbound = 0xFFFFFFFFu;
  struct Fixup {
    uint32_t position;
    uint32_t block;
  };
  std::vector<uint8_t> bytes_;
  std::vector<uint32_t> block_offsets_;
  std::vector<Fixup> fixups_;
  uint32_t bound_blocks_ = 0;
  uint32_t requirements_ = 0;
};

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_WRITER_H_
