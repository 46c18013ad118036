// Tests of the disassembler: module text, tracing with register values, safety on malformed
// input, and that every instruction re-assembles to the same bytes.
#include "runtime/vm/bytecode/disassembler.h"

#include <gtest/gtest.h>

#include <bit>
#include <random>

#include "runtime/vm/bytecode/assembler.h"
#include "runtime/vm/bytecode/module_def_generated.h"
#include "runtime/vm/module.h"

namespace sinew::vm::bytecode {
namespace {

constexpr uint16_t kRef = SINEW_VM_REGISTER_REF;
constexpr uint16_t kMove = SINEW_VM_REGISTER_MOVE;

// Emits a plausible operand of `kind`; branches go to `target`.
void EmitOperand(FunctionEncoder& e, OperandKind kind, uint32_t target) {
  using enum OperandKind;
  switch (kind) {
    case I32:
    case F32:
      e.U16(2);
      break;
    case I64:
    case F64:
      e.U16(4);
      break;
    case OI32:
    case OF32:
      e.U16(3);
      break;
    case OI64:
    case OF64:
      e.U16(6);
      break;
    case REF:
      e.U16(kRef | 1);
      break;
    case REFM:
      e.U16(kRef | kMove | 1);
      break;
    case OREFM:
      e.U16(kRef | 2);
      break;
    case IMM32:
      e.U32(0xFFFFFFF9u);
      break;
    case IMM64:
      e.U64(static_cast<uint64_t>(-9000000000LL));
      break;
    case IMMF32:
      e.U32(std::bit_cast<uint32_t>(1.5f));
      break;
    case IMMF64:
      e.U64(std::bit_cast<uint64_t>(-2.25));
      break;
    case RODATA:
      e.U32(0);
      break;
    case RWDATA4:
      e.U32(8);
      break;
    case RWDATA8:
      e.U32(16);
      break;
    case GREF:
      e.U32(3);
      break;
    case TYPE:
      e.U32(0);
      break;
    case LISTTYPE:
      e.U32(1);
      break;
    case FUNC:
      e.U32(0);
      break;
    case IMPORT:
      e.U32(kImportOrdinalBit | 0);
      break;
    case STR:
      e.String("a message");
      break;
    case BRANCH:
      e.BlockReference(target);
      e.U16(1);
      e.U16(2);
      e.U16(5);
      break;
    case BRTABLE:
      e.U16(1);
      for (int i = 0; i < 2; ++i) {
        e.BlockReference(target);
        e.U16(0);
      }
      break;
    case BLOCK:
      e.BlockReference(target);
      break;
    case ARGS:
      e.U16(2);
      e.U16(2);
      e.U16(kRef | kMove | 1);
      break;
    case RESULTS:
      e.U16(1);
      e.U16(7);
      break;
    case REFLIST:
      e.U16(1);
      e.U16(kRef | 1);
      break;
    case SEGMENTS:
      e.U16(2);
      e.U16(65535);
      e.U16(1);
      break;
    case LISTI32:
    case LISTF32:
      e.U16(2);
      e.U16(2);
      e.U16(3);
      break;
    case LISTI64:
    case LISTF64:
      e.U16(1);
      e.U16(4);
      break;
    case LISTREF:
      e.U16(1);
      e.U16(kRef | kMove | 1);
      break;
  }
}

// One function containing every textual instruction once.
ModuleDesc EveryInstructionModule() {
  ModuleDesc module;
  module.name = "m";
  module.types = {"!vm.buffer", "i32"};
  module.imports = {ImportDesc{"x.f", "0iCrD_i", false, {}}};
  module.rodata = {{1, 2, 3}};
  module.rwdata_size = 24;
  module.global_ref_count = 4;
  module.exports = {ExportDesc{"f", 0, {}}};
  FunctionEncoder e;
  uint32_t entry = e.NewBlock();
  uint32_t next = e.NewBlock();
  e.BindBlock(entry);
  for (uint16_t op = 0; op < kOpcodeCount; ++op) {
    const OpInfo& info = GetOpInfo(static_cast<Opcode>(op));
    if (info.shape == OpShape::Internal) continue;
    e.Opcode(static_cast<Opcode>(op));
    for (OperandKind kind : info.operands) EmitOperand(e, kind, next);
  }
  e.BindBlock(next);
  e.Opcode(Opcode::kReturn);
  e.U16(0);
  FunctionDesc function;
  function.cconv = "0i_v";
  function.i32_register_count = 32;
  function.ref_register_count = 8;
  function.block_count = e.block_count();
  function.bytecode = *e.Finish();
  function.debug_name = "f";
  module.functions.push_back(std::move(function));
  return module;
}

TEST(DisassemblerTest, EveryInstructionReassemblesToTheSameBytes) {
  ModuleDesc module = EveryInstructionModule();
  std::vector<uint8_t> bytes = WriteModule(module);
  StatusOr<std::string> text = DisassembleModule(bytes, {});
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  StatusOr<ModuleDesc> reassembled = AssembleModule(*text, "dump.vmasm");
  ASSERT_TRUE(reassembled.has_value()) << reassembled.error().ToString() << "\n" << *text;
  EXPECT_EQ(reassembled->functions[0].bytecode, module.functions[0].bytecode) << *text;
  StatusOr<std::string> again = DisassembleModule(WriteModule(*reassembled), {});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, *text);
}

StatusOr<std::string> DumpSource(std::string_view source, DisassemblyOptions options = {}) {
  StatusOr<ModuleDesc> module = AssembleModule(source, "test.vmasm");
  if (!module) return std::unexpected(std::move(module).error());
  return DisassembleModule(WriteModule(*module), options);
}

constexpr std::string_view kProgram = R"(vm.module @p version 2
vm.import optional @env.log cconv "0i_v"
vm.rodata[0] = 00Ab
vm.export @main
vm.func @main(%i0: i32, %i1:2: i64) -> (i64) {
  %i4 = vm.const.i32 -7
  %i5 = vm.call @hidden(%i4)
  vm.call @env.log(%i5)
  vm.return %i2:3
}
vm.func @hidden(%i0: i32) -> (i32) {
  %i1 = vm.const.f32 -nan
  vm.return %i0
}
)";

TEST(DisassemblerTest, PrintsModules) {
  StatusOr<std::string> text = DumpSource(kProgram);
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  EXPECT_EQ(*text, R"(vm.module @p version 2
vm.import optional @env.log cconv "0i_v"
vm.rodata[0] = 00AB

vm.export @main
vm.func @main(%i0: i32, %i2:3: i64) -> (i64) {
^bb0:
  %i4 = vm.const.i32 -7  // 0xFFFFFFF9
  %i5 = vm.call @p:1(%i4)
  vm.call @env.log(%i5)
  vm.return %i2
}

vm.func @hidden(%i0: i32) -> (i32) {
^bb0:
  %i1 = vm.const.f32 -nan
  vm.return %i0
}
)");
}

TEST(DisassemblerTest, FiltersFunctionsAndPrintsOffsets) {
  DisassemblyOptions options;
  options.function = "1";
  options.bytecode_offsets = true;
  StatusOr<std::string> text = DumpSource(kProgram, options);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->find("@main("), std::string::npos);
  EXPECT_NE(text->find("[00000000] ^bb0:\n[00000002]  %i1 = vm.const.f32 -nan\n"),
            std::string::npos)
      << *text;
  options.function = "hidden";
  EXPECT_TRUE(DumpSource(kProgram, options).has_value());
  options.function = "nope";
  StatusOr<std::string> missing = DumpSource(kProgram, options);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
}

TEST(DisassemblerTest, RejectsInvalidFlatBuffers) {
  std::vector<uint8_t> bytes = WriteModule(EveryInstructionModule());
  for (size_t size : {size_t{0}, size_t{7}, bytes.size() / 2}) {
    StatusOr<std::string> text = DisassembleModule(std::span(bytes).first(size), {});
    ASSERT_FALSE(text.has_value());
    EXPECT_EQ(text.error().message(), "FlatBuffer verification failed");
  }
}

TEST(DisassemblerTest, SurvivesCorruptBytecode) {
  ModuleDesc module = EveryInstructionModule();
  const std::vector<uint8_t> code = module.functions[0].bytecode;
  std::mt19937 random(1234);
  for (int round = 0; round < 400; ++round) {
    std::vector<uint8_t> corrupt = code;
    corrupt.resize(random() % (code.size() + 1));
    for (int i = 0; i < 4 && !corrupt.empty(); ++i) {
      corrupt[random() % corrupt.size()] = static_cast<uint8_t>(random());
    }
    module.functions[0].bytecode = corrupt;
    std::vector<uint8_t> bytes = WriteModule(module);
    (void)DisassembleModule(bytes, {});
    const fb::Module& def = *fb::GetModule(bytes.data());
    uint32_t registers[32] = {};
    sinew_vm_ref_t refs[8] = {};
    for (int i = 0; i < 16 && !corrupt.empty(); ++i) {
      uint32_t pc = static_cast<uint32_t>(random() % corrupt.size());
      std::string line;
      uint32_t next = 0;
      (void)FormatInstruction(def, 0, corrupt, pc, registers, refs, &line, &next);
    }
  }
}

TEST(DisassemblerTest, FormatsInstructionsWithRegisterValues) {
  StatusOr<ModuleDesc> module = AssembleModule(R"(vm.module @t
vm.func @f(%i0: i32, %i1: i32, %r0: !vm.buffer) -> (i32) {
  %i2 = vm.add.i32 %i0, %i1
  %i3 = vm.add.f32 %i0, %i1
  %i4:5 = vm.add.i64 %i4:5, %i4:5
  vm.br ^bb1(%i1->%i2, %r0->%r1)
^bb1:
  vm.return %i1, %R0
}
)",
                                               "t.vmasm");
  ASSERT_TRUE(module.has_value()) << module.error().ToString();
  std::vector<uint8_t> bytes = WriteModule(*module);
  const fb::Module& def = *fb::GetModule(bytes.data());
  const std::vector<uint8_t>& code = module->functions[0].bytecode;
  uint32_t registers[6] = {1, 0xFFFFFFFF, 0, 0, 0xFFFFFFFE, 0xFFFFFFFF};
  static const sinew_vm_ref_type_descriptor_t kDescriptor = {nullptr, "test.thing", 0};
  int object = 0;
  sinew_vm_ref_t refs[2] = {{&object, sinew_vm_ref_type_from_descriptor(&kDescriptor)}, {}};
  std::vector<std::string> lines;
  for (uint32_t pc = 0; pc < code.size();) {
    std::string line;
    ASSERT_TRUE(FormatInstruction(def, 0, code, pc, registers, refs, &line, &pc).has_value());
    lines.push_back(line);
  }
  char pointer[32];
  std::snprintf(pointer, sizeof(pointer), "%p", static_cast<void*>(&object));
  std::string ref = std::string("(!test.thing/") + pointer + ")";
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], "^bb0:");
  EXPECT_EQ(lines[1], "%i2 = vm.add.i32 %i0(1), %i1(-1)");
  EXPECT_EQ(lines[2], "%i3 = vm.add.f32 %i0(1.40129846e-45), %i1(-nan)");
  EXPECT_EQ(lines[3], "%i4:5 = vm.add.i64 %i4:5(-2), %i4:5(-2)");
  EXPECT_EQ(lines[4], "vm.br ^bb1(%i1(4294967295)->%i2, %r0" + ref + "->%r1)");
  EXPECT_EQ(lines[6], "vm.return %i1(4294967295), %R0" + ref);
  std::string plain;
  uint32_t next = 0;
  ASSERT_TRUE(FormatInstruction(def, 0, code, 2, nullptr, nullptr, &plain, &next).has_value());
  EXPECT_EQ(plain, "%i2 = vm.add.i32 %i0, %i1");
}

}  // namespace
}  // namespace sinew::vm::bytecode
