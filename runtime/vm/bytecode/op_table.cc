// Instruction metadata tables expanded from op_table.def.
#include "runtime/vm/bytecode/op_table.h"

#include <algorithm>
#include <array>

namespace sinew::vm::bytecode {
namespace {

using enum OperandKind;

#define SINEW_UNPAREN(...) __VA_ARGS__

// Operand lists; the leading element is a placeholder so empty lists stay valid arrays.
#define OP(name, mnemonic, ext, shape, exec, kinds) \
  constexpr OperandKind kOperands_##name[] = {I32, SINEW_UNPAREN kinds};
#include "runtime/vm/bytecode/op_table.def"
#undef OP

constexpr bool IsKernel(char exec) { return exec == 'K'; }

#define OP(name, mnemonic, ext, shape, exec, kinds)                      \
  OpInfo{mnemonic, OpExtension::ext, OpShape::shape, IsKernel(#exec[0]), \
         std::span<const OperandKind>(kOperands_##name).subspan(1)},
constexpr OpInfo kOpInfos[] = {
#include "runtime/vm/bytecode/op_table.def"
};
#undef OP

static_assert(std::size(kOpInfos) == kOpcodeCount);

struct MnemonicEntry {
  std::string_view mnemonic;
  Opcode opcode;
};

constexpr auto kSortedMnemonics = [] {
  std::array<MnemonicEntry, kOpcodeCount> entries{};
  for (uint16_t i = 0; i < kOpcodeCount; ++i) {
    entries[i] = {kOpInfos[i].mnemonic, static_cast<Opcode>(i)};
  }
  std::sort(entries.begin(), entries.end(),
            [](const MnemonicEntry& a, const MnemonicEntry& b) { return a.mnemonic < b.mnemonic; });
  return entries;
}();

}  // namespace

const OpInfo& GetOpInfo(Opcode opcode) { return kOpInfos[static_cast<uint16_t>(opcode)]; }

std::optional<Opcode> LookupOpcode(std::string_view mnemonic) {
  auto it = std::lower_bound(
      kSortedMnemonics.begin(), kSortedMnemonics.end(), mnemonic,
      [](const MnemonicEntry& entry, std::string_view name) { return entry.mnemonic < name; });
  if (it == kSortedMnemonics.end() || it->mnemonic != mnemonic) return std::nullopt;
  if (GetOpInfo(it->opcode).shape == OpShape::Internal) return std::nullopt;
  return it->opcode;
}

}  // namespace sinew::vm::bytecode
