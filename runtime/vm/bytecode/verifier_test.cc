// Tests for the load-time bytecode verifier: valid modules pass, and each class of malformed
// module is rejected with a message naming the function and pc.
#include "runtime/vm/bytecode/verifier.h"

#include <gtest/gtest.h>

#include <functional>
#include <initializer_list>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/module_def_access.h"
#include "runtime/vm/bytecode/module_def_generated.h"
#include "runtime/vm/bytecode/module_format.h"
#include "runtime/vm/bytecode/writer.h"
#include "runtime/vm/module.h"

namespace sinew::vm::bytecode {
namespace {

constexpr uint16_t Ref(uint16_t ordinal) { return SINEW_VM_REGISTER_REF | ordinal; }
constexpr uint16_t MoveRef(uint16_t ordinal) {
  return SINEW_VM_REGISTER_REF | SINEW_VM_REGISTER_MOVE | ordinal;
}
constexpr uint32_t Import(uint32_t ordinal) { return kImportOrdinalBit | ordinal; }

using Body = std::function<void(FunctionEncoder&)>;

ImportDesc MakeImport(std::string name, std::string cconv) {
  ImportDesc import;
  import.full_name = std::move(name);
  import.cconv = std::move(cconv);
  return import;
}

ExportDesc MakeExport(std::string name, uint32_t ordinal) {
  ExportDesc exp;
  exp.name = std::move(name);
  exp.function_ordinal = ordinal;
  return exp;
}

// u16 count followed by the entries.
void List(FunctionEncoder& e, std::initializer_list<uint16_t> entries) {
  e.U16(static_cast<uint16_t>(entries.size()));
  for (uint16_t entry : entries) e.U16(entry);
}

// A branch operand without remaps.
void Target(FunctionEncoder& e, uint32_t block) {
  e.BlockReference(block);
  e.U16(0);
}

void Return(FunctionEncoder& e, std::initializer_list<uint16_t> values = {}) {
  e.Opcode(Opcode::kReturn);
  List(e, values);
}

FunctionDesc MakeFunction(std::string name, std::string cconv, uint16_t i32_count,
                          uint16_t ref_count, const Body& body) {
  FunctionEncoder e;
  body(e);
  FunctionDesc function;
  function.debug_name = std::move(name);
  function.cconv = std::move(cconv);
  function.i32_register_count = i32_count;
  function.ref_register_count = ref_count;
  function.block_count = e.block_count();
  function.requirements = e.requirements();
  auto bytes = e.Finish();
  EXPECT_TRUE(bytes.has_value());
  if (bytes) function.bytecode = std::move(*bytes);
  return function;
}

// A module `m` with two types, a rodata segment, 16 bytes of rwdata, two ref globals and
// imports "env.f" (0ii_i), "env.sum" (0iCrID_i) and "env.any" (no cconv).
ModuleDesc MakeModule() {
  ModuleDesc module;
  module.name = "m";
  module.types = {"!vm.buffer", "!vm.list<i32>"};
  module.rodata = {{1, 2, 3}};
  module.rwdata_size = 16;
  module.global_ref_count = 2;
  module.imports = {MakeImport("env.f", "0ii_i"), MakeImport("env.sum", "0iCrID_i"),
                    MakeImport("env.any", "")};
  return module;
}

// Owns the serialized bytes while the verifier looks at them.
class Serialized {
 public:
  explicit Serialized(const ModuleDesc& desc) : bytes_(WriteModule(desc)) {
    flatbuffers::Verifier verifier(bytes_.data(), bytes_.size());
    EXPECT_TRUE(fb::VerifyModuleBuffer(verifier));
  }
  const fb::Module& module() const { return *fb::GetModule(bytes_.data()); }
  // Rewrites a scalar field the writer always emits, for headers the writer cannot produce.
  template <typename T, typename Table>
  void Patch(const Table* table, flatbuffers::voffset_t field, T value) {
    auto* raw = reinterpret_cast<flatbuffers::Table*>(const_cast<Table*>(table));
    ASSERT_TRUE(raw->SetField<T>(field, value, T{}));
  }
  // Rewrites function `ordinal`'s descriptor with `edit` applied to a copy of its fields.
  template <typename Edit>
  void PatchFunction(uint32_t ordinal, Edit edit) {
    auto* function = const_cast<fb::FunctionDescriptor*>(module().functions()->Get(ordinal));
    FunctionFields fields{function->bytecode_offset(), function->bytecode_length(),
                          function->cconv_ordinal(), function->name_offset(),
                          function->name_length()};
    edit(fields);
    *function = fb::FunctionDescriptor(
        fields.offset, fields.length, function->block_count(), function->requirements(),
        fields.cconv_ordinal, fields.name_offset, fields.name_length,
        function->i32_register_count(), function->ref_register_count());
  }
  // Replaces import `ordinal`'s descriptor, or export `ordinal`'s.
  void PatchImport(uint32_t ordinal, const fb::ImportDescriptor& import) {
    *const_cast<fb::ImportDescriptor*>(module().imports()->Get(ordinal)) = import;
  }
  void PatchExport(uint32_t ordinal, const fb::ExportDescriptor& exp) {
    *const_cast<fb::ExportDescriptor*>(module().exports()->Get(ordinal)) = exp;
  }
  struct FunctionFields {
    uint32_t offset;
    uint32_t length;
    uint32_t cconv_ordinal;
    uint32_t name_offset;
    uint32_t name_length;
  };
  Status Verify() const { return VerifyModule(module()); }

 private:
  std::vector<uint8_t> bytes_;
};

Status VerifyDesc(const ModuleDesc& desc) { return Serialized(desc).Verify(); }

// Verifies a module whose only function is `body` in `main` with cconv `cconv`.
Status VerifyBody(const Body& body, std::string cconv = "0v_v", uint16_t i32_count = 8,
                  uint16_t ref_count = 4) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("main", std::move(cconv), i32_count, ref_count, body));
  return VerifyDesc(module);
}

void ExpectError(const Status& status, StatusCode code, std::string_view message) {
  ASSERT_FALSE(status.has_value()) << "expected: " << message;
  EXPECT_EQ(status.error().code(), code) << status.error().ToString();
  EXPECT_EQ(status.error().message(), message);
}

void ExpectOk(const Status& status) { EXPECT_TRUE(status.has_value()) << StatusToString(status); }

// One valid instruction for every opcode, operands chosen from their kinds. Every branch goes
// back to the entry block; after each terminator a new block starts.
void EmitEveryOpcode(FunctionEncoder& e) {
  uint32_t entry = e.NewBlock();
  e.BindBlock(entry);
  for (uint16_t raw = 0; raw < kOpcodeCount; ++raw) {
    Opcode opcode = static_cast<Opcode>(raw);
    if (GetOpInfo(opcode).shape == OpShape::Internal) continue;  // block markers, fused forms
    e.Opcode(opcode);
    for (OperandKind kind : GetOpInfo(opcode).operands) {
      switch (kind) {
        case OperandKind::I32:
        case OperandKind::F32:
        case OperandKind::OI32:
        case OperandKind::OF32:
          e.U16(1);
          break;
        case OperandKind::I64:
        case OperandKind::F64:
        case OperandKind::OI64:
        case OperandKind::OF64:
          e.U16(2);
          break;
        case OperandKind::REF:
          e.U16(Ref(0));
          break;
        case OperandKind::REFM:
        case OperandKind::OREFM:
          e.U16(MoveRef(1));
          break;
        case OperandKind::IMM32:
        case OperandKind::IMMF32:
          e.U32(0x3f800000);
          break;
        case OperandKind::IMM64:
        case OperandKind::IMMF64:
          e.U64(1);
          break;
        case OperandKind::RODATA:
          e.U32(0);
          break;
        case OperandKind::RWDATA4:
          e.U32(12);
          break;
        case OperandKind::RWDATA8:
          e.U32(8);
          break;
        case OperandKind::GREF:
          e.U32(1);
          break;
        case OperandKind::TYPE:
        case OperandKind::LISTTYPE:
          e.U32(1);
          break;
        case OperandKind::FUNC:
          e.U32(1);
          break;  // `helper`, 0iI_r
        case OperandKind::IMPORT:
          e.U32(Import(1));
          break;  // env.sum, 0iCrID_i
        case OperandKind::STR:
          e.String("odd");
          break;
        case OperandKind::BRANCH:
          e.BlockReference(entry);
          e.U16(3);  // remap pairs
          for (uint16_t reg : {uint16_t{1}, uint16_t{3}, Ref(0), Ref(2), MoveRef(1), Ref(3)}) {
            e.U16(reg);
          }
          break;
        case OperandKind::BRTABLE:
          e.U16(2);
          for (int i = 0; i < 3; ++i) Target(e, entry);
          break;
        case OperandKind::BLOCK:
          e.BlockReference(entry);
          break;
        case OperandKind::ARGS:
          if (opcode == Opcode::kReturn) {
            List(e, {});
          } else if (opcode == Opcode::kCall || opcode == Opcode::kCallYieldable) {
            List(e, {3, 4});
          } else if (opcode == Opcode::kTrace || opcode == Opcode::kPrint) {
            List(e, {1, 2, Ref(0), MoveRef(1)});
          } else {
            List(e, {5, Ref(0), 6, MoveRef(1), 2});  // 1 + 2 x (r, I) for env.sum
          }
          break;
        case OperandKind::RESULTS:
          List(e, (opcode == Opcode::kCall || opcode == Opcode::kCallYieldable)
                      ? std::initializer_list<uint16_t>{MoveRef(2)}
                      : std::initializer_list<uint16_t>{7});
          break;
        case OperandKind::SEGMENTS:
          List(e, {65535, 2});
          break;
        case OperandKind::REFLIST:
          List(e, {Ref(0), MoveRef(1)});
          break;
        case OperandKind::LISTI32:
        case OperandKind::LISTF32:
          List(e, {1, 3, 5});
          break;
        case OperandKind::LISTI64:
        case OperandKind::LISTF64:
          List(e, {0, 4});
          break;
        case OperandKind::LISTREF:
          List(e, {Ref(0), MoveRef(3)});
          break;
      }
    }
    if (IsBlockTerminator(opcode)) e.BindBlock(e.NewBlock());
  }
  Return(e);
}

ModuleDesc MakeEveryOpcodeModule() {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("main", "0v_v", 8, 4, EmitEveryOpcode));
  module.functions.push_back(MakeFunction("helper", "0iI_r", 4, 1, [](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    Return(e, {Ref(0)});
  }));
  module.exports = {MakeExport("main", 0), MakeExport("helper", 1)};
  return module;
}

TEST(VerifierTest, EveryOpcodeWithValidOperandsPasses) {
  ExpectOk(VerifyDesc(MakeEveryOpcodeModule()));
}

TEST(VerifierTest, RejectsEveryTruncationOfAValidBody) {
  ModuleDesc module = MakeEveryOpcodeModule();
  std::vector<uint8_t> body = module.functions[0].bytecode;
  for (size_t length = 2; length < body.size(); length += 2) {
    module.functions[0].bytecode.assign(body.begin(), body.begin() + length);
    EXPECT_FALSE(VerifyDesc(module).has_value()) << "length " << length;
  }
}

TEST(VerifierTest, ModuleWithoutOptionalTablesPasses) {
  flatbuffers::FlatBufferBuilder builder;
  fb::FinishModuleBuffer(
      builder, fb::CreateModule(builder, kBytecodeFormatVersion, builder.CreateString("m")));
  ExpectOk(VerifyModule(*fb::GetModule(builder.GetBufferPointer())));
}

TEST(VerifierTest, BlockTerminatorsAreExactlyTheBlockEndingOps) {
  int terminators = 0;
  for (uint16_t raw = 0; raw < kOpcodeCount; ++raw) {
    terminators += IsBlockTerminator(static_cast<Opcode>(raw)) ? 1 : 0;
  }
  EXPECT_EQ(terminators, 10);
  EXPECT_TRUE(IsBlockTerminator(Opcode::kCallVariadicYieldable));
  EXPECT_FALSE(IsBlockTerminator(Opcode::kCall));
}

// Module tables.

TEST(VerifierTest, RejectsUnsupportedFormatVersion) {
  Serialized module(MakeModule());
  module.Patch<uint32_t>(&module.module(), fb::Module::VT_FORMAT_VERSION, 7);
  ExpectError(module.Verify(), StatusCode::kIncompatible,
              "module format version 7 is not supported (expected 5)");
}

TEST(VerifierTest, RejectsModuleWithoutName) {
  ModuleDesc module = MakeModule();
  module.name = "";
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument, "module has no name");
}

TEST(VerifierTest, RejectsRwdataSizeAbove64MiB) {
  ModuleDesc module = MakeModule();
  module.rwdata_size = 64u << 20;
  ExpectOk(VerifyDesc(module));
  module.rwdata_size = 0xFFFFFFFFu;
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "rwdata size 4294967295 exceeds the maximum of 67108864 bytes");
}

TEST(VerifierTest, RejectsGlobalRefCountAbove1Mi) {
  ModuleDesc module = MakeModule();
  module.global_ref_count = 1u << 20;
  ExpectOk(VerifyDesc(module));
  module.global_ref_count = (1u << 20) + 1;
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "global ref count 1048577 exceeds the maximum of 1048576");
}

TEST(VerifierTest, RejectsTypeWithoutName) {
  ModuleDesc module = MakeModule();
  module.types.push_back("");
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument, "type 2 has no name");
}

TEST(VerifierTest, RejectsImportNameWithoutModule) {
  ModuleDesc module = MakeModule();
  module.imports.push_back(MakeImport("print", "0v_v"));
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "import 3 name 'print' is not of the form 'module.function'");
}

TEST(VerifierTest, RejectsImportWithUnparsableCconv) {
  ModuleDesc module = MakeModule();
  module.imports.push_back(MakeImport("env.g", "0ix_v"));
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "import 'env.g': cconv '0ix_v': unsupported cconv fragment char 'x'");
}

TEST(VerifierTest, RejectsExportOfMissingFunction) {
  ModuleDesc module = MakeEveryOpcodeModule();
  module.exports.push_back(MakeExport("ghost", 2));
  ExpectError(VerifyDesc(module), StatusCode::kOutOfRange,
              "export 'ghost' function ordinal 2 out of range 2");
}

TEST(VerifierTest, RejectsDuplicateExportNames) {
  ModuleDesc module = MakeEveryOpcodeModule();
  module.exports.push_back(MakeExport("helper", 0));
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument, "duplicate export name 'helper'");
}

TEST(VerifierTest, RejectsDuplicateLongExportNames) {
  ModuleDesc module = MakeEveryOpcodeModule();
  module.exports = {MakeExport("a_long_export_name", 0), MakeExport("a_long_export_other", 1),
                    MakeExport("a_long_export_name", 1)};
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "duplicate export name 'a_long_export_name'");
}

TEST(VerifierTest, AcceptsExportNamesSharingLongPrefixes) {
  ModuleDesc module = MakeEveryOpcodeModule();
  module.exports = {MakeExport("a_long_export_name", 0), MakeExport("a_long_export_other", 1),
                    MakeExport("a_long_export_nam", 1)};
  ExpectOk(VerifyDesc(module));
}

// Function headers.

Body ReturnOnly() {
  return [](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    Return(e);
  };
}

TEST(VerifierTest, RejectsFunctionWithUnparsableCconv) {
  ExpectError(VerifyBody(ReturnOnly(), "1v_v"), StatusCode::kUnimplemented,
              "function 'main': unsupported cconv version 1 in '1v_v'");
}

TEST(VerifierTest, RejectsInternalFunctionWithVariadicArguments) {
  ExpectError(VerifyBody(ReturnOnly(), "0CiD_v"), StatusCode::kInvalidArgument,
              "function 'main': internal functions cannot accept variadic arguments");
}

TEST(VerifierTest, RejectsI32RegisterCountAbove32768) {
  ExpectError(VerifyBody(ReturnOnly(), "0v_v", 32769), StatusCode::kOutOfRange,
              "function 'main': i32 register count 32769 exceeds 32768");
}

TEST(VerifierTest, RejectsRefRegisterCountAbove16384) {
  ExpectError(VerifyBody(ReturnOnly(), "0v_v", 0, 16385), StatusCode::kOutOfRange,
              "function 'main': ref register count 16385 exceeds 16384");
}

TEST(VerifierTest, RejectsArgumentsThatDoNotFitTheRegisters) {
  // i in slot 0, I in the aligned pair 2:3: four slots.
  ExpectError(VerifyBody(ReturnOnly(), "0iI_v", 3, 0), StatusCode::kInvalidArgument,
              "function 'main': insufficient register storage for function arguments/results");
}

TEST(VerifierTest, RejectsResultsThatDoNotFitTheRegisters) {
  ExpectError(VerifyBody(ReturnOnly(), "0v_r", 0, 0), StatusCode::kInvalidArgument,
              "function 'main': insufficient register storage for function arguments/results");
}

TEST(VerifierTest, RejectsFunctionRequirementsMissingFromModule) {
  ModuleDesc desc = MakeModule();
  desc.functions.push_back(MakeFunction("main", "0v_v", 2, 0, [](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    e.Opcode(Opcode::kConstF64Zero);
    e.U16(0);
    Return(e);
  }));
  Serialized module(desc);
  module.Patch<uint32_t>(&module.module(), fb::Module::VT_REQUIREMENTS, kRequirementF32);
  ExpectError(module.Verify(), StatusCode::kInvalidArgument,
              "function 'main': function requirements 2 are not declared by the module (1)");
}

// Verifies a module whose only function, `main`, returns, after `edit` rewrote its descriptor.
template <typename Edit>
Status VerifyPatchedMain(Edit edit) {
  ModuleDesc desc = MakeModule();
  desc.functions.push_back(MakeFunction("main", "0v_v", 0, 0, ReturnOnly()));
  Serialized module(desc);
  module.PatchFunction(0, edit);
  return module.Verify();
}

TEST(VerifierTest, RejectsBytecodeRangeOutsideModule) {
  ExpectError(VerifyPatchedMain([](auto& f) { f.length = 64; }), StatusCode::kOutOfRange,
              "function 'main': bytecode range [16, 80) is outside the module's 22 bytes of "
              "bytecode");
}

TEST(VerifierTest, RejectsOddBytecodeLength) {
  ExpectError(VerifyPatchedMain([](auto& f) { f.length = 5; }), StatusCode::kInvalidArgument,
              "function 'main': bytecode range [16, 21) does not start 16-byte aligned with an "
              "even length");
}

TEST(VerifierTest, RejectsMisalignedBody) {
  ExpectError(VerifyPatchedMain([](auto& f) { f.offset = 14; }), StatusCode::kInvalidArgument,
              "function 'main': bytecode range [14, 20) does not start 16-byte aligned with an "
              "even length");
}

// The loader keeps per-function data in the bytes reserved before each body.
TEST(VerifierTest, RejectsBodiesWithoutReservedBytesBetween) {
  ModuleDesc desc = MakeModule();
  desc.functions.push_back(MakeFunction("first", "0v_v", 0, 0, ReturnOnly()));
  desc.functions.push_back(MakeFunction("second", "0v_v", 0, 0, ReturnOnly()));
  Serialized module(desc);
  module.PatchFunction(1, [](auto& f) { f.offset = 32; });
  ExpectError(module.Verify(), StatusCode::kInvalidArgument,
              "function 'second': bytecode range [32, 38) does not leave 16 bytes after the "
              "previous function's body (which ends at 22)");
}

// The names are "main" and the three import names: 23 bytes.
TEST(VerifierTest, RejectsNameRangeOutsideNames) {
  ExpectError(VerifyPatchedMain([](auto& f) { f.name_offset = 20; }), StatusCode::kOutOfRange,
              "function 'fn0': name range [20, 24) is outside the module's 23 bytes of names");
}

// The cconvs are main's and the three imports'.
TEST(VerifierTest, RejectsCconvOrdinalOutOfRange) {
  ExpectError(VerifyPatchedMain([](auto& f) { f.cconv_ordinal = 4; }), StatusCode::kOutOfRange,
              "function 'main': cconv ordinal 4 out of range 4");
}

// Verifies MakeModule() with its import `ordinal` replaced by `import`.
Status VerifyPatchedImport(uint32_t ordinal, const fb::ImportDescriptor& import) {
  ModuleDesc desc = MakeModule();
  Serialized module(desc);
  module.PatchImport(ordinal, import);
  return module.Verify();
}

TEST(VerifierTest, RejectsImportNameRangeOutsideNames) {
  ExpectError(VerifyPatchedImport(1, fb::ImportDescriptor(10, 20, 1, false)),
              StatusCode::kOutOfRange,
              "import 1 name range [10, 30) is outside the module's 19 bytes of names");
}

TEST(VerifierTest, RejectsImportCconvOrdinalOutOfRange) {
  ExpectError(VerifyPatchedImport(0, fb::ImportDescriptor(0, 5, 3, false)), StatusCode::kOutOfRange,
              "import 'env.f' cconv ordinal 3 out of range 3");
}

TEST(VerifierTest, RejectsExportNameRangeOutsideNames) {
  ModuleDesc desc = MakeModule();
  desc.functions.push_back(MakeFunction("main", "0v_v", 0, 0, ReturnOnly()));
  desc.exports = {MakeExport("main", 0)};
  Serialized module(desc);
  module.PatchExport(0, fb::ExportDescriptor(0, 22, 5));
  ExpectError(module.Verify(), StatusCode::kOutOfRange,
              "export 0 name range [22, 27) is outside the module's 23 bytes of names");
}

// Attribute lists are none or one per import (export): a module written without the writer
// with one list and no imports or exports.
TEST(VerifierTest, RejectsAttrListsNotOnePerEntry) {
  for (bool exports : {false, true}) {
    flatbuffers::FlatBufferBuilder builder;
    auto lists = builder.CreateVector(
        std::vector<flatbuffers::Offset<fb::AttrList>>{fb::CreateAttrList(builder)});
    auto root = fb::CreateModule(builder, kBytecodeFormatVersion, builder.CreateString("m"), 0, 0,
                                 0, 0, 0, 0, exports ? 0 : lists, 0, exports ? lists : 0);
    fb::FinishModuleBuffer(builder, root);
    flatbuffers::Verifier verifier(builder.GetBufferPointer(), builder.GetSize());
    ASSERT_TRUE(fb::VerifyModuleBuffer(verifier));
    ExpectError(VerifyModule(*fb::GetModule(builder.GetBufferPointer())),
                StatusCode::kInvalidArgument,
                exports ? "export_attrs has 1 entries for 0 exports"
                        : "import_attrs has 1 entries for 0 imports");
  }
}

// The writer shares the bytes of an export's name with its function's debug name.
TEST(VerifierTest, ExportNameSharesItsFunctionsDebugName) {
  ModuleDesc desc = MakeModule();
  desc.functions.push_back(MakeFunction("main", "0v_v", 0, 0, ReturnOnly()));
  desc.exports = {MakeExport("main", 0), MakeExport("entry", 0)};
  Serialized module(desc);
  EXPECT_EQ(module.module().exports()->Get(0)->name_offset(),
            module.module().functions()->Get(0)->name_offset());
  EXPECT_EQ(ExportName(module.module(), 0), "main");
  EXPECT_EQ(ExportName(module.module(), 1), "entry");
  ExpectOk(module.Verify());
}

// Functions share one parsed signature per distinct cconv; an error still names a function.
TEST(VerifierTest, SharedBadCconvNamesTheFirstFunctionUsingIt) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("good", "0v_v", 0, 0, ReturnOnly()));
  module.functions.push_back(MakeFunction("first", "0x_v", 0, 0, ReturnOnly()));
  module.functions.push_back(MakeFunction("second", "0x_v", 0, 0, ReturnOnly()));
  Status status = VerifyDesc(module);
  ASSERT_FALSE(status.has_value());
  EXPECT_TRUE(status.error().message().starts_with("function 'first': "))
      << status.error().message();
}

// Verifies a module written without the writer: one function `main` that returns, an empty
// name table, and `location_entries` entries (without locations) in Module.function_locations,
// which the writer leaves out or makes one per function.
Status VerifyWithLocationEntries(size_t location_entries) {
  ModuleDesc desc = MakeModule();
  desc.functions.push_back(MakeFunction("main", "0v_v", 0, 0, ReturnOnly()));
  std::vector<uint8_t> body(kFunctionBodyReserve);
  body.insert(body.end(), desc.functions[0].bytecode.begin(), desc.functions[0].bytecode.end());
  flatbuffers::FlatBufferBuilder builder;
  fb::FunctionDescriptor function(kFunctionBodyReserve,
                                  static_cast<uint32_t>(desc.functions[0].bytecode.size()), 1, 0, 0,
                                  0, 0, 0, 0);
  std::vector<flatbuffers::Offset<fb::FunctionLocations>> locations;
  for (size_t i = 0; i < location_entries; ++i) {
    locations.push_back(fb::CreateFunctionLocations(builder));
  }
  auto root = fb::CreateModule(
      builder, kBytecodeFormatVersion, builder.CreateString("m"), 0, 0, 0, 0, 0, 0, 0, 0, 0,
      builder.CreateVectorOfStrings({"0v_v"}), builder.CreateVectorOfStructs(&function, 1),
      builder.CreateVector(std::vector<uint8_t>{}), builder.CreateVector(locations), 0, 0, 0,
      builder.CreateVector(body));
  fb::FinishModuleBuffer(builder, root);
  flatbuffers::Verifier verifier(builder.GetBufferPointer(), builder.GetSize());
  EXPECT_TRUE(fb::VerifyModuleBuffer(verifier));
  return VerifyModule(*fb::GetModule(builder.GetBufferPointer()));
}

// Debug vectors may be present but empty (another writer's choice); that means "none".
TEST(VerifierTest, AcceptsEmptyDebugVectors) { ExpectOk(VerifyWithLocationEntries(0)); }

TEST(VerifierTest, RejectsLocationVectorNotOnePerFunction) {
  ExpectError(VerifyWithLocationEntries(2), StatusCode::kInvalidArgument,
              "function_locations has 2 entries for 1 functions");
}

TEST(VerifierTest, RejectsLocationOutsideFunction) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("main", "0v_v", 0, 0, ReturnOnly()));
  module.functions[0].locations = {{0, "a.vmasm:1:1"}, {6, "a.vmasm:2:1"}};
  ExpectError(VerifyDesc(module), StatusCode::kOutOfRange,
              "function 'main': location 1 pc 6 is outside the function");
}

TEST(VerifierTest, RejectsUnsortedLocations) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("main", "0v_v", 0, 0, ReturnOnly()));
  module.functions[0].locations = {{2, "a.vmasm:2:1"}, {0, "a.vmasm:1:1"}};
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "function 'main': location 1 pc 0 is not sorted by pc");
}

TEST(VerifierTest, RejectsBlockCountMismatch) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("main", "0v_v", 0, 0, ReturnOnly()));
  module.functions[0].block_count = 2;
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "function 'main': block_count 2 does not match the 1 blocks in the body");
}

TEST(VerifierTest, NamesUnnamedFunctionByExportThenOrdinal) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("", "0v_r", 0, 0, ReturnOnly()));
  module.functions.push_back(MakeFunction("", "0v_v", 0, 0, ReturnOnly()));
  module.exports = {MakeExport("exported", 0)};
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "function 'exported': insufficient register storage for function "
              "arguments/results");
  module.exports.clear();
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "function 'fn0': insufficient register storage for function arguments/results");
}

// Instructions.

TEST(VerifierTest, RejectsUnknownOpcode) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                e.U16(kOpcodeCount);
              }),
              StatusCode::kInvalidArgument,
              StrCat("function 'main' pc 2: unknown opcode ", kOpcodeCount));
}

TEST(VerifierTest, RejectsExtensionOpWithoutModuleRequirement) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("main", "0v_v", 2, 0, [](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    e.Opcode(Opcode::kConstF32Zero);
    e.U16(0);
    Return(e);
  }));
  module.functions[0].requirements = 0;
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "function 'main' pc 2: op 'const.f32.zero' requires the F32 extension, which the "
              "module does not declare");
}

TEST(VerifierTest, RejectsOperandPastEndOfFunction) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                e.Opcode(Opcode::kConstI32);
                e.U16(0);  // half of the immediate
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: op 'const.i32' extends past the end of the function");
}

TEST(VerifierTest, RejectsStringPastEndOfFunction) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                e.Opcode(Opcode::kFail);
                e.U16(0);
                e.U16(9);  // length without the bytes
                e.U32(0);
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: op 'fail' extends past the end of the function");
}

// A body `block; OPCODE operands...; return`.
Body SingleOp(Opcode opcode, std::function<void(FunctionEncoder&)> operands) {
  return [opcode, operands](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    e.Opcode(opcode);
    operands(e);
    Return(e);
  };
}

Body AddI32(uint16_t a, uint16_t b, uint16_t result) {
  return SingleOp(Opcode::kAddI32, [=](FunctionEncoder& e) {
    e.U16(a);
    e.U16(b);
    e.U16(result);
  });
}

TEST(VerifierTest, RejectsRefRegisterForValueOperand) {
  ExpectError(VerifyBody(AddI32(0, Ref(1), 2)), StatusCode::kInvalidArgument,
              "function 'main' pc 2: expected a value register, found %r1");
}

TEST(VerifierTest, RejectsValueRegisterForRefOperand) {
  ExpectError(VerifyBody(SingleOp(Opcode::kCmpNzRef,
                                  [](FunctionEncoder& e) {
                                    e.U16(3);
                                    e.U16(0);
                                  })),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: expected a ref register, found %i3");
}

TEST(VerifierTest, RejectsI32RegisterOutOfRange) {
  ExpectError(VerifyBody(AddI32(0, 1, 8)), StatusCode::kOutOfRange,
              "function 'main' pc 2: i32 register ordinal 8 out of range 8");
}

TEST(VerifierTest, RejectsRefRegisterOutOfRange) {
  ExpectError(
      VerifyBody(SingleOp(Opcode::kConstRefZero, [](FunctionEncoder& e) { e.U16(Ref(4)); })),
      StatusCode::kOutOfRange, "function 'main' pc 2: ref register ordinal 4 out of range 4");
}

Body AddI64(uint16_t a, uint16_t b, uint16_t result) {
  return SingleOp(Opcode::kAddI64, [=](FunctionEncoder& e) {
    e.U16(a);
    e.U16(b);
    e.U16(result);
  });
}

TEST(VerifierTest, RejectsOddI64Register) {
  ExpectError(VerifyBody(AddI64(0, 3, 4)), StatusCode::kInvalidArgument,
              "function 'main' pc 2: i64 register ordinal 3 not 8-byte aligned");
}

TEST(VerifierTest, RejectsI64PairPastLastRegister) {
  ExpectError(VerifyBody(AddI64(0, 2, 6), "0v_v", 7), StatusCode::kOutOfRange,
              "function 'main' pc 2: i64 register ordinal 6 (slots 6:7) out of range 7");
}

TEST(VerifierTest, RejectsMoveBitOnOperandWithoutMove) {
  ExpectError(VerifyBody(SingleOp(Opcode::kCmpNzRef,
                                  [](FunctionEncoder& e) {
                                    e.U16(MoveRef(0));
                                    e.U16(0);
                                  })),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: ref register has MOVE bit but op does not support MOVE");
}

TEST(VerifierTest, AcceptsMoveBitOnMoveOperands) {
  ExpectOk(VerifyBody(SingleOp(Opcode::kAssignRef, [](FunctionEncoder& e) {
    e.U16(MoveRef(0));
    e.U16(MoveRef(1));
  })));
}

TEST(VerifierTest, RejectsRodataOrdinalOutOfRange) {
  ExpectError(VerifyBody(SingleOp(Opcode::kConstRefRodata,
                                  [](FunctionEncoder& e) {
                                    e.U32(1);
                                    e.U16(Ref(0));
                                  })),
              StatusCode::kOutOfRange, "function 'main' pc 2: rodata ordinal 1 out of range 1");
}

TEST(VerifierTest, RejectsRwdataAccessPastEnd) {
  ExpectError(VerifyBody(SingleOp(Opcode::kGlobalLoadI32,
                                  [](FunctionEncoder& e) {
                                    e.U32(13);
                                    e.U16(0);
                                  })),
              StatusCode::kOutOfRange,
              "function 'main' pc 2: rwdata offset 13 (4 bytes) out of range 16");
}

TEST(VerifierTest, RejectsF64RwdataAccessWithOnlyFourBytesInRange) {
  ExpectError(VerifyBody(SingleOp(Opcode::kGlobalLoadF64,
                                  [](FunctionEncoder& e) {
                                    e.U32(12);
                                    e.U16(0);
                                  })),
              StatusCode::kOutOfRange,
              "function 'main' pc 2: rwdata offset 12 (8 bytes) out of range 16");
}

TEST(VerifierTest, RejectsGlobalRefOrdinalOutOfRange) {
  ExpectError(VerifyBody(SingleOp(Opcode::kGlobalLoadRef,
                                  [](FunctionEncoder& e) {
                                    e.U32(2);
                                    e.U32(0);
                                    e.U16(Ref(0));
                                  })),
              StatusCode::kOutOfRange, "function 'main' pc 2: global ref ordinal 2 out of range 2");
}

TEST(VerifierTest, RejectsTypeOrdinalOutOfRange) {
  ExpectError(VerifyBody(SingleOp(Opcode::kListAlloc,
                                  [](FunctionEncoder& e) {
                                    e.U16(0);
                                    e.U32(2);
                                    e.U16(Ref(0));
                                  })),
              StatusCode::kOutOfRange, "function 'main' pc 2: type ordinal 2 out of range 2");
}

// Block structure.

TEST(VerifierTest, RejectsEmptyBody) {
  ExpectError(VerifyBody([](FunctionEncoder&) {}), StatusCode::kInvalidArgument,
              "function 'main': function body is empty");
}

TEST(VerifierTest, RejectsBodyNotStartingWithBlock) {
  ExpectError(VerifyBody([](FunctionEncoder& e) { Return(e); }), StatusCode::kInvalidArgument,
              "function 'main' pc 0: op at pc 0 is not in a block");
}

TEST(VerifierTest, RejectsOpAfterTerminator) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                Return(e);
                Return(e);
              }),
              StatusCode::kInvalidArgument, "function 'main' pc 6: op at pc 6 is not in a block");
}

TEST(VerifierTest, RejectsBlockWithoutTerminatorBeforeNextBlock) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                e.BindBlock(e.NewBlock());
                Return(e);
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: op at pc 2 is a block while still in a block");
}

TEST(VerifierTest, RejectsMissingTerminatorInLastBlock) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                e.Opcode(Opcode::kConstI32Zero);
                e.U16(0);
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: function missing terminator in the last block");
}

// Branches.

TEST(VerifierTest, AcceptsForwardAndBackwardBranches) {
  ExpectOk(VerifyBody([](FunctionEncoder& e) {
    uint32_t entry = e.NewBlock(), exit = e.NewBlock(), loop = e.NewBlock();
    e.BindBlock(entry);
    e.Opcode(Opcode::kBr);
    Target(e, loop);
    e.BindBlock(exit);
    Return(e);
    e.BindBlock(loop);
    e.Opcode(Opcode::kCondBr);
    e.U16(0);
    Target(e, loop);
    Target(e, exit);
  }));
}

TEST(VerifierTest, RejectsForwardBranchIntoMiddleOfBlock) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                uint32_t entry = e.NewBlock();
                e.BindBlock(entry);
                e.Opcode(Opcode::kBr);
                e.U32(12);  // the return after the next block marker
                e.U16(0);
                e.BindBlock(e.NewBlock());
                Return(e);
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: branch target 12 is not the start of a block");
}

// Targets are checked against block starts over the whole bytecode at once, a bit per two
// bytes: a stray target past the first 64 bits, not on a word boundary, is still found.
TEST(VerifierTest, RejectsForwardBranchIntoMiddleOfLaterBlock) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                e.Opcode(Opcode::kBr);
                e.U32(212);  // the return after the constants
                e.U16(0);
                e.BindBlock(e.NewBlock());
                for (int i = 0; i < 50; ++i) {
                  e.Opcode(Opcode::kConstI32Zero);
                  e.U16(0);
                }
                Return(e);
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: branch target 212 is not the start of a block");
}

// Functions are reported in order: a stray forward target in one function comes before an
// error in a later one.
TEST(VerifierTest, ReportsStrayTargetBeforeErrorInLaterFunction) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("first", "0v_v", 0, 0, [](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    e.Opcode(Opcode::kBr);
    e.U32(12);  // the return after the next block marker
    e.U16(0);
    e.BindBlock(e.NewBlock());
    Return(e);
  }));
  module.functions.push_back(MakeFunction("second", "0v_v", 0, 0, [](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    e.Opcode(Opcode::kBlock);
  }));
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "function 'first' pc 2: branch target 12 is not the start of a block");
}

TEST(VerifierTest, RejectsBranchTargetOutsideFunction) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                e.Opcode(Opcode::kBr);
                e.U32(100);
                e.U16(0);
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: branch target 100 is not the start of a block");
}

TEST(VerifierTest, RejectsBrTableCaseToNonBlock) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                uint32_t entry = e.NewBlock();
                e.BindBlock(entry);
                e.Opcode(Opcode::kBrTable);
                e.U16(0);
                e.U16(1);
                Target(e, entry);
                e.U32(2);
                e.U16(0);
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: branch target 2 is not the start of a block");
}

TEST(VerifierTest, RejectsYieldableCallContinuationToNonBlock) {
  ExpectError(VerifyBody([](FunctionEncoder& e) {
                e.BindBlock(e.NewBlock());
                e.Opcode(Opcode::kCallYieldable);
                e.U32(0);
                List(e, {});
                e.U32(4);
                List(e, {});
              }),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: branch target 4 is not the start of a block");
}

// `br ^entry(remaps)`.
Body BranchWithRemap(uint16_t source, uint16_t destination) {
  return [=](FunctionEncoder& e) {
    uint32_t entry = e.NewBlock();
    e.BindBlock(entry);
    e.Opcode(Opcode::kBr);
    e.BlockReference(entry);
    e.U16(2);  // remap pairs
    for (uint16_t reg : {uint16_t{0}, uint16_t{1}, source, destination}) e.U16(reg);
  };
}

TEST(VerifierTest, RejectsRemapAcrossBanks) {
  ExpectError(VerifyBody(BranchWithRemap(2, Ref(0))), StatusCode::kInvalidArgument,
              "function 'main' pc 2: remap 1: source %i2 and destination %r0 are in different "
              "banks");
}

TEST(VerifierTest, RejectsRemapDestinationOutOfRange) {
  ExpectError(VerifyBody(BranchWithRemap(Ref(0), Ref(9))), StatusCode::kOutOfRange,
              "function 'main' pc 2: remap 1: ref register ordinal 9 out of range 4");
}

TEST(VerifierTest, RejectsMoveBitOnRemapDestination) {
  ExpectError(VerifyBody(BranchWithRemap(MoveRef(0), MoveRef(1))), StatusCode::kInvalidArgument,
              "function 'main' pc 2: remap 1: ref register has MOVE bit but op does not support "
              "MOVE");
}

// Lists.

TEST(VerifierTest, RejectsOddRegisterInI64SwitchList) {
  ExpectError(VerifyBody(SingleOp(Opcode::kSwitchI64,
                                  [](FunctionEncoder& e) {
                                    e.U16(0);
                                    List(e, {2, 5});
                                    e.U16(2);
                                    e.U16(4);
                                  })),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: switch value 1: i64 register ordinal 5 not 8-byte aligned");
}

TEST(VerifierTest, RejectsValueRegisterInDiscardRefs) {
  ExpectError(VerifyBody(SingleOp(Opcode::kDiscardRefs,
                                  [](FunctionEncoder& e) {
                                    List(e, {Ref(0), 1});
                                  })),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: discarded register 1: expected a ref register, found %i1");
}

TEST(VerifierTest, RejectsOutOfRangeTraceOperand) {
  ExpectError(VerifyBody(SingleOp(Opcode::kTrace,
                                  [](FunctionEncoder& e) {
                                    e.String("t");
                                    List(e, {0, Ref(7)});
                                  })),
              StatusCode::kOutOfRange,
              "function 'main' pc 2: operand 1: ref register ordinal 7 out of range 4");
}

// Returns.

TEST(VerifierTest, RejectsReturnWithWrongValueCount) {
  ExpectError(VerifyBody(
                  [](FunctionEncoder& e) {
                    e.BindBlock(e.NewBlock());
                    Return(e, {0});
                  },
                  "0v_ii"),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: return has 1 values but cconv '0v_ii' has 2 results");
}

TEST(VerifierTest, RejectsReturnValueInWrongBank) {
  ExpectError(VerifyBody(
                  [](FunctionEncoder& e) {
                    e.BindBlock(e.NewBlock());
                    Return(e, {2, 0});
                  },
                  "0v_Ir"),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: return value 1: expected a ref register, found %i0");
}

// Calls.

// A body `block; [results =] call CALLEE(args); return`.
Body CallOp(uint32_t callee, std::initializer_list<uint16_t> args,
            std::initializer_list<uint16_t> results) {
  std::vector<uint16_t> a(args), r(results);
  return [=](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    e.Opcode(Opcode::kCall);
    e.U32(callee);
    e.U16(static_cast<uint16_t>(a.size()));
    for (uint16_t reg : a) e.U16(reg);
    e.U16(static_cast<uint16_t>(r.size()));
    for (uint16_t reg : r) e.U16(reg);
    Return(e);
  };
}

TEST(VerifierTest, AcceptsCallMatchingImportCconv) {
  ExpectOk(VerifyBody(CallOp(Import(0), {0, 1}, {2})));
}

TEST(VerifierTest, RejectsFunctionOrdinalOutOfRange) {
  ExpectError(VerifyBody(CallOp(1, {}, {})), StatusCode::kOutOfRange,
              "function 'main' pc 2: function ordinal 1 out of range 1");
}

TEST(VerifierTest, RejectsImportOrdinalOutOfRange) {
  ExpectError(VerifyBody(CallOp(Import(3), {}, {})), StatusCode::kOutOfRange,
              "function 'main' pc 2: import ordinal 3 out of range 3");
}

TEST(VerifierTest, RejectsCallWithTooFewArguments) {
  ExpectError(VerifyBody(CallOp(Import(0), {0}, {2})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call to 'env.f' has 1 argument registers but cconv "
              "'0ii_i' needs 2");
}

TEST(VerifierTest, RejectsCallWithExtraArguments) {
  ExpectError(VerifyBody(CallOp(Import(0), {0, 1, 3}, {2})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call to 'env.f' has 3 argument registers but cconv "
              "'0ii_i' needs 2");
}

TEST(VerifierTest, RejectsCallWithExtraResults) {
  ExpectError(VerifyBody(CallOp(Import(0), {0, 1}, {2, 3})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call to 'env.f' has 2 result registers but cconv '0ii_i' "
              "needs 1");
}

TEST(VerifierTest, RejectsCallArgumentInWrongBank) {
  ExpectError(VerifyBody(CallOp(Import(0), {0, Ref(1)}, {2})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call argument 1: expected a value register, found %r1");
}

TEST(VerifierTest, RejectsCallResultInWrongBank) {
  ExpectError(VerifyBody(CallOp(Import(0), {0, 1}, {MoveRef(2)})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call result 0: expected a value register, found %R2");
}

TEST(VerifierTest, RejectsOddRegisterForI64CallArgument) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("main", "0v_v", 8, 4, CallOp(1, {0, 3}, {Ref(0)})));
  module.functions.push_back(MakeFunction("callee", "0iI_r", 4, 1, [](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    Return(e, {Ref(0)});
  }));
  ExpectError(VerifyDesc(module), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call argument 1: i64 register ordinal 3 not 8-byte aligned");
}

// Calls of a one-scalar-in, one-scalar-out function take a fast check; what it rejects still
// gets the general check's message.
Status VerifyCallOfOneToOne(std::initializer_list<uint16_t> args,
                            std::initializer_list<uint16_t> results) {
  ModuleDesc module = MakeModule();
  module.functions.push_back(MakeFunction("main", "0v_v", 4, 1, CallOp(1, args, results)));
  module.functions.push_back(MakeFunction("callee", "0i_i", 1, 0, [](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    Return(e, {0});
  }));
  return VerifyDesc(module);
}

TEST(VerifierTest, AcceptsCallOfOneToOneFunction) { ExpectOk(VerifyCallOfOneToOne({3}, {0})); }

TEST(VerifierTest, RejectsOneToOneCallArgumentOutOfRange) {
  ExpectError(VerifyCallOfOneToOne({4}, {0}), StatusCode::kOutOfRange,
              "function 'main' pc 2: call argument 0: i32 register ordinal 4 out of range 4");
}

TEST(VerifierTest, RejectsOneToOneCallResultInWrongBank) {
  ExpectError(VerifyCallOfOneToOne({0}, {Ref(0)}), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call result 0: expected a value register, found %r0");
}

TEST(VerifierTest, RejectsOneToOneCallWithTwoArguments) {
  ExpectError(VerifyCallOfOneToOne({0, 1}, {0}), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call to 'callee' has 2 argument registers but cconv '0i_i' "
              "needs 1");
}

TEST(VerifierTest, RejectsOneToOneCallWithoutResult) {
  ExpectError(VerifyCallOfOneToOne({0}, {}), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call to 'callee' has 0 result registers but cconv '0i_i' "
              "needs 1");
}

TEST(VerifierTest, RejectsCallToImportWithoutCconv) {
  ExpectError(VerifyBody(CallOp(Import(2), {}, {})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: import 'env.any' is called but declares no calling "
              "convention");
}

TEST(VerifierTest, AcceptsImportResolvedOnImportWithoutCconv) {
  ExpectOk(VerifyBody(SingleOp(Opcode::kImportResolved, [](FunctionEncoder& e) {
    e.U32(Import(2));
    e.U16(0);
  })));
}

TEST(VerifierTest, RejectsImportResolvedOnInternalFunction) {
  ExpectError(VerifyBody(SingleOp(Opcode::kImportResolved,
                                  [](FunctionEncoder& e) {
                                    e.U32(0);
                                    e.U16(0);
                                  })),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: function ordinal 0 is not an import ordinal");
}

TEST(VerifierTest, RejectsPlainCallToVariadicImport) {
  ExpectError(VerifyBody(CallOp(Import(1), {0}, {1})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call to 'env.sum' with variadic cconv '0iCrID_i' must use "
              "call.variadic");
}

// A body `block; %i7 = call.variadic CALLEE segments[...](args); return`.
Body VariadicCall(uint32_t callee, std::initializer_list<uint16_t> segments,
                  std::initializer_list<uint16_t> args) {
  std::vector<uint16_t> s(segments), a(args);
  return [=](FunctionEncoder& e) {
    e.BindBlock(e.NewBlock());
    e.Opcode(Opcode::kCallVariadic);
    e.U32(callee);
    e.U16(static_cast<uint16_t>(s.size()));
    for (uint16_t size : s) e.U16(size);
    e.U16(static_cast<uint16_t>(a.size()));
    for (uint16_t reg : a) e.U16(reg);
    List(e, {7});
    Return(e);
  };
}

TEST(VerifierTest, AcceptsVariadicCallWithEmptySpan) {
  ExpectOk(VerifyBody(VariadicCall(Import(1), {65535, 0}, {0})));
}

TEST(VerifierTest, RejectsVariadicCallToInternalFunction) {
  ExpectError(VerifyBody(VariadicCall(0, {}, {})), StatusCode::kFailedPrecondition,
              "function 'main' pc 2: variadic calls only supported for imports");
}

TEST(VerifierTest, RejectsVariadicCallWithWrongSegmentCount) {
  ExpectError(VerifyBody(VariadicCall(Import(1), {2}, {0})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: call to 'env.sum' has 1 segment sizes but cconv "
              "'0iCrID_i' has 2 arguments");
}

TEST(VerifierTest, RejectsVariadicCallWithTooFewSpanRegisters) {
  ExpectError(VerifyBody(VariadicCall(Import(1), {65535, 2}, {0, Ref(0), 2})),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: call to 'env.sum' has 3 argument registers but cconv "
              "'0iCrID_i' needs 5");
}

TEST(VerifierTest, RejectsVariadicSpanItemInWrongBank) {
  ExpectError(VerifyBody(VariadicCall(Import(1), {65535, 2}, {0, Ref(0), 2, Ref(1), 3})),
              StatusCode::kInvalidArgument,
              "function 'main' pc 2: call argument 4: i64 register ordinal 3 not 8-byte aligned");
}

TEST(VerifierTest, RejectsVariadicCallToImportWithoutCconv) {
  ExpectError(VerifyBody(VariadicCall(Import(2), {}, {})), StatusCode::kInvalidArgument,
              "function 'main' pc 2: import 'env.any' is called but declares no calling "
              "convention");
}

}  // namespace
}  // namespace sinew::vm::bytecode
