// Tests of the .vmasm assembler: grammar features of VMASM.md and every error class of its
// section 8, checked by status code, message and line:column.
#include "runtime/vm/bytecode/assembler.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/vm/bytecode/disassembler.h"
#include "runtime/vm/bytecode/module_format.h"

namespace sinew::vm::bytecode {
namespace {

StatusOr<ModuleDesc> Assemble(std::string_view source) {
  return AssembleModule(source, "test.vmasm");
}

// A module with one function `@f` of the given signature and body lines.
std::string Function(std::string_view signature, std::string_view body) {
  return "vm.module @m\nvm.func @f" + std::string(signature) + " {\n" + std::string(body) + "\n}\n";
}

// Assembles and disassembles `source` (which must succeed).
std::string Dump(std::string_view source) {
  StatusOr<ModuleDesc> module = Assemble(source);
  EXPECT_TRUE(module.has_value()) << module.error().ToString();
  if (!module) return "";
  std::vector<uint8_t> bytes = WriteModule(*module);
  StatusOr<std::string> text = DisassembleModule(bytes, {});
  EXPECT_TRUE(text.has_value()) << text.error().ToString();
  return text ? *text : "";
}

// Expects assembly to fail with `code` and "test.vmasm:" + `message`.
void ExpectError(std::string_view source, StatusCode code, std::string_view message) {
  StatusOr<ModuleDesc> module = Assemble(source);
  ASSERT_FALSE(module.has_value()) << source;
  EXPECT_EQ(module.error().code(), code) << module.error().ToString();
  EXPECT_EQ(module.error().message(), "test.vmasm:" + std::string(message));
}

void ExpectBodyError(std::string_view body, std::string_view message,
                     StatusCode code = StatusCode::kInvalidArgument) {
  ExpectError(Function("(%i0: i32, %r0: !vm.buffer) -> ()", body), code, message);
}

TEST(AssemblerTest, AssemblesTheSpecExample) {
  StatusOr<ModuleDesc> module = Assemble(R"(
# Adds two values and keeps a running total in a global.
vm.module @example version 1
vm.import optional @host.log cconv "0i_v"
vm.rodata[0] = 48656C6C6F                  // "Hello"
vm.global.i32 mutable @total
vm.export @__init
vm.func @__init() -> () {
  %i0 = vm.const.i32 100
  vm.global.store.i32 %i0, @total
  vm.return
}
vm.export @accumulate
vm.func @accumulate(%i0: i32, %i1: i32) -> (i32) {
  %i2 = vm.add.i32 %i0, %i1
  vm.return %i2
}
vm.export @greeting
vm.func @greeting() -> (!vm.buffer, i64) {
  %r0 = vm.const.ref.rodata 0
  %i0:1 = vm.buffer.length %r0
  vm.return %R0, %i0:1
}
)");
  ASSERT_TRUE(module.has_value()) << module.error().ToString();
  EXPECT_EQ(module->name, "example");
  EXPECT_EQ(module->version, 1u);
  ASSERT_EQ(module->functions.size(), 3u);
  EXPECT_EQ(module->functions[0].cconv, "0v_v");
  EXPECT_EQ(module->functions[1].cconv, "0ii_i");
  EXPECT_EQ(module->functions[2].cconv, "0v_rI");
  EXPECT_EQ(module->functions[1].debug_name, "accumulate");
  EXPECT_EQ(module->functions[2].i32_register_count, 2);
  EXPECT_EQ(module->functions[2].ref_register_count, 1);
  EXPECT_EQ(module->rwdata_size, 4u);
  EXPECT_EQ(module->global_ref_count, 0u);
  EXPECT_TRUE(module->types.empty());
  ASSERT_EQ(module->imports.size(), 1u);
  EXPECT_TRUE(module->imports[0].optional);
  EXPECT_EQ(module->imports[0].cconv, "0i_v");
  ASSERT_EQ(module->rodata.size(), 1u);
  EXPECT_EQ(module->rodata[0], (std::vector<uint8_t>{'H', 'e', 'l', 'l', 'o'}));
  ASSERT_EQ(module->exports.size(), 3u);
  EXPECT_EQ(module->exports[1].name, "accumulate");
  EXPECT_EQ(module->exports[1].function_ordinal, 1u);
}

TEST(AssemblerTest, EveryBlockStartsWithABlockOp) {
  StatusOr<ModuleDesc> module = Assemble(Function("() -> ()", "  vm.br ^bb1\n^bb1:\n  vm.return"));
  ASSERT_TRUE(module.has_value());
  const std::vector<uint8_t>& code = module->functions[0].bytecode;
  ASSERT_GE(code.size(), 2u);
  EXPECT_EQ(code[0] | code[1] << 8, static_cast<int>(Opcode::kBlock));
  EXPECT_EQ(module->functions[0].block_count, 2u);
}

TEST(AssemblerTest, FirstLabelBeforeAnyInstructionNamesTheEntryBlock) {
  StatusOr<ModuleDesc> module = Assemble(Function("() -> ()",
                                                  "^bb7:\n  vm.br ^bb8\n^bb8:\n  vm.br ^bb7"
                                                  "\n^bb9:\n  vm.return"));
  ASSERT_TRUE(module.has_value()) << module.error().ToString();
  EXPECT_EQ(module->functions[0].block_count, 3u);
}

TEST(AssemblerTest, NormalizesLines) {
  EXPECT_TRUE(Assemble("vm.module @m  # comment\r\n"
                       "vm.func @f() -> () {  // comment\r\n"
                       "[0000000F]  vm.fail %i0, \"# not // a comment\"\r\n"
                       "  vm.return\r\n"
                       "}\r\n")
                  .has_value());
}

TEST(AssemblerTest, MnemonicPrefixIsOptional) {
  EXPECT_TRUE(
      Assemble(Function("(%i0: i32) -> (i32)", "%i1 = add.i32 %i0, %i0\nreturn %i1")).has_value());
}

TEST(AssemblerTest, IgnoresTextAfterIntegers) {
  EXPECT_NE(Dump(Function("() -> ()", "%i5x = vm.const.i32 12abc\nvm.return"))
                .find("%i5 = vm.const.i32 12  // 0x0000000C"),
            std::string::npos);
}

TEST(AssemblerTest, DerivesCconvsFromHeaders) {
  struct Case {
    const char* signature;
    const char* cconv;
  } cases[] = {
      {"() -> ()", "0v_v"},
      {"(%i0: i32) -> (i32)", "0i_i"},
      {"(%r0: !vm.buffer, %i0: i32) -> ()", "0ri_v"},
      {"(%i0: i32, %i1:2: i64, %r0: !vm.ref<?>) -> (f32, !vm.buffer, i64)", "0iIr_frI"},
      {"(%i0:1: f64) -> (%x: f64)", "0F_F"},
  };
  for (const Case& c : cases) {
    StatusOr<ModuleDesc> module = Assemble(Function(c.signature, "vm.return"));
    ASSERT_TRUE(module.has_value()) << c.signature << ": " << module.error().ToString();
    EXPECT_EQ(module->functions[0].cconv, c.cconv) << c.signature;
  }
}

TEST(AssemblerTest, AcceptsBothNumberingsOfI64AfterOddI32) {
  for (const char* signature : {"(%i0: i32, %i1:2: i64) -> ()", "(%i0: i32, %i2:3: i64) -> ()"}) {
    StatusOr<ModuleDesc> module = Assemble(Function(signature, "vm.return"));
    ASSERT_TRUE(module.has_value()) << signature << ": " << module.error().ToString();
    EXPECT_EQ(module->functions[0].cconv, "0iI_v");
    // The runtime places the i64 at %i2:3.
    EXPECT_EQ(module->functions[0].i32_register_count, 4);
  }
}

TEST(AssemblerTest, CountsRegisters) {
  StatusOr<ModuleDesc> module =
      Assemble(Function("() -> (i64)",
                        "%i2:3 = vm.const.i64 1\n%r5 = vm.const.ref.zero\n"
                        "vm.discard.refs %r5\nvm.return %i6"));
  ASSERT_TRUE(module.has_value());
  // A 64-bit result named by its low slot in a list counts both slots.
  EXPECT_EQ(module->functions[0].i32_register_count, 8);
  EXPECT_EQ(module->functions[0].ref_register_count, 6);
}

TEST(AssemblerTest, SizesRegistersFromCalleeSignatures) {
  StatusOr<ModuleDesc> module = Assemble(
      "vm.module @m\nvm.import @x.f cconv \"0CID_F\"\n"
      "vm.func @f() -> () {\n  %i2 = vm.call.variadic @x.f segments[2](%i4, %i8)\n"
      "  %i12 = vm.call @g()\n  vm.return\n}\n"
      "vm.func @g() -> (i64) {\n  %i0:1 = vm.const.i64 1\n  vm.return %i0:1\n}\n");
  ASSERT_TRUE(module.has_value()) << module.error().ToString();
  EXPECT_EQ(module->functions[0].i32_register_count, 14);
}

TEST(AssemblerTest, LaysOutDeclaredGlobalsBySize) {
  std::string dump = Dump(
      "vm.module @m\nvm.global.i32 @a\nvm.global.i64 @b\nvm.global.f32 @c\nvm.global.f64 @d\n"
      "vm.func @f() -> () {\n"
      "  %i0 = vm.global.load.i32 @a\n  %i2:3 = vm.global.load.i64 @b\n"
      "  %i1 = vm.global.load.f32 @c\n  %i4:5 = vm.global.load.f64 @d\n  vm.return\n}\n");
  EXPECT_NE(dump.find("%i0 = vm.global.load.i32 .rwdata[0]"), std::string::npos) << dump;
  EXPECT_NE(dump.find("%i1 = vm.global.load.f32 .rwdata[4]"), std::string::npos) << dump;
  EXPECT_NE(dump.find("%i2:3 = vm.global.load.i64 .rwdata[8]"), std::string::npos) << dump;
  EXPECT_NE(dump.find("%i4:5 = vm.global.load.f64 .rwdata[16]"), std::string::npos) << dump;
  StatusOr<ModuleDesc> module = Assemble(
      "vm.module @m\nvm.global.i32 @a\nvm.global.i64 @b\nvm.global.f32 @c\nvm.global.f64 @d\n"
      "vm.func @f() -> () {\n  vm.global.store.ref %r0, .refs[4] : !vm.buffer\n  vm.return\n}\n");
  ASSERT_TRUE(module.has_value());
  EXPECT_EQ(module->rwdata_size, 24u);
  EXPECT_EQ(module->global_ref_count, 5u);
}

TEST(AssemblerTest, AppendsTypesOnFirstUse) {
  StatusOr<ModuleDesc> module = Assemble(
      "vm.module @m\nvm.type !vm.buffer\n"
      "vm.func @f() -> () {\n"
      "  %r0 = vm.list.alloc %i0 : !vm.list<i32>\n"
      "  %r1 = vm.list.get.ref %r0, %i0 : vm.buffer\n"
      "  %r1 = vm.list.get.ref %r0, %i0 : !custom.string\n"
      "  %r1 = vm.list.get.ref %r0, %i0 : !vm.buffer\n"
      "  vm.return\n}\n");
  ASSERT_TRUE(module.has_value()) << module.error().ToString();
  EXPECT_EQ(module->types, (std::vector<std::string>{"!vm.buffer", "i32", "!custom.string"}));
}

TEST(AssemblerTest, ExpandsSixtyFourBitRemaps) {
  EXPECT_NE(Dump(Function("() -> ()", "vm.br ^bb1(%i2:3->%i4:5, %R0->%r1)\n^bb1:\nvm.return"))
                .find("vm.br ^bb1(%i2->%i4, %i3->%i5, %R0->%r1)"),
            std::string::npos);
}

TEST(AssemblerTest, AcceptsDisassemblerExtensions) {
  std::string dump = Dump(Function("(%i0: i32, %r0: !vm.buffer) -> ()",
                                   "vm.global.store.indirect.i32 %i0, .rwdata[%i0]\n"
                                   "vm.global.store.indirect.ref %r0, .refs[%i0] : !vm.buffer\n"
                                   "vm.trace \"x\"(%i0, %r0)\n"
                                   "%r1 = vm.switch.ref %i0[%r0] else %r0 -> !vm.buffer\n"
                                   "vm.return"));
  EXPECT_NE(dump.find("vm.global.store.indirect.i32 %i0, .rwdata[%i0]"), std::string::npos);
  EXPECT_NE(dump.find("vm.global.store.indirect.ref %r0, .refs[%i0] : !vm.buffer"),
            std::string::npos);
  EXPECT_NE(dump.find("vm.trace \"x\"(%i0, %r0)"), std::string::npos);
  EXPECT_NE(dump.find("%r1 = vm.switch.ref %i0[%r0] else %r0 -> !vm.buffer"), std::string::npos);
}

TEST(AssemblerTest, ResolvesFunctionReferences) {
  std::string dump = Dump(
      "vm.export @e = @g\nvm.module @m\nvm.import @other.h cconv \"0v_v\"\n"
      "vm.func @f() -> () {\n  vm.call @g()\n  vm.call @m.g()\n  vm.call @m:1()\n"
      "  vm.call @other.h()\n  vm.return\n}\n"
      "vm.func @g() -> () {\n  vm.return\n}\n");
  EXPECT_EQ(dump.find("vm.call @m.e()"), dump.rfind("vm.call @m.e()") - 2 * 17) << dump;
  EXPECT_NE(dump.find("vm.call @other.h()"), std::string::npos);
  EXPECT_NE(dump.find("vm.export @e\nvm.func @e()"), std::string::npos);
}

TEST(AssemblerTest, RecordsFloatRequirements) {
  StatusOr<ModuleDesc> module =
      Assemble(Function("() -> ()", "%i0 = vm.const.f32 1.5\n%i2:3 = vm.const.f64 2\nvm.return"));
  ASSERT_TRUE(module.has_value());
  EXPECT_EQ(module->functions[0].requirements, kRequirementF32 | kRequirementF64);
}

// VMASM.md section 8, "common mistakes".
TEST(AssemblerTest, ReportsOperandErrors) {
  ExpectBodyError("%i1 = vm.add.i64 %i0, %i0", "3:1: expected i64 register like %i0:1");
  ExpectBodyError("%i2:3 = vm.add.i64 %i0, %i0", "3:20: expected i64 register like %i0:1");
  ExpectBodyError("%i1 = vm.add.i32 %r0, %i0", "3:18: expected value register");
  ExpectBodyError("%i1 = vm.add.i32 %i0", "3:21: missing operand");
  ExpectBodyError("%i1 = vm.add.i32 %i0, %i0, %i0", "3:28: too many operands for instruction");
  ExpectBodyError("vm.add.i32 %i0, %i0", "3:1: instruction requires a result register");
  ExpectBodyError("%i1 = vm.cmp.nz.ref %R0", "3:21: instruction does not allow ref move operands");
  ExpectBodyError("%i1 = vm.add.i32 %i0, %i40000", "3:23: i32 register ordinal out of range: 40000",
                  StatusCode::kOutOfRange);
  ExpectBodyError("%r20000 = vm.const.ref.zero", "3:1: ref register ordinal out of range: 20000",
                  StatusCode::kOutOfRange);
  ExpectBodyError("%i1 = vm.frob.i32 %i0", "3:7: unknown VM instruction 'frob.i32'");
  ExpectBodyError("vm.br ^bb9\nvm.return", "3:8: unknown block label ^bb9");
  ExpectBodyError("^entry:", "3:1: unknown VM instruction '^entry:'");
  ExpectBodyError("%i1 = vm.add.i32 %i0:1, %i0",
                  "3:18: unexpected register pair for scalar register");
  ExpectBodyError("%i2:4 = vm.const.i64 1", "3:1: i64 register must name adjacent i32 slots");
  ExpectBodyError("%i1 = vm.const.i32 99999999999999999999", "3:20: expected i32 immediate");
  ExpectBodyError("%i2:3 = vm.const.i64 0xFFFFFFFFFFFFFFFF", "3:22: expected i64 immediate");
  ExpectBodyError("%i1 = vm.const.f32 1e-40", "3:20: expected f32 immediate");
  ExpectBodyError("%i2:3 = vm.const.f64 1.5x", "3:22: expected f64 immediate");
  ExpectBodyError("vm.fail %i0, \"no end", "3:14: unterminated quoted string");
  ExpectBodyError("vm.fail %i0, \"a\"b", "3:17: unexpected text after quoted string");
  ExpectBodyError("%r1 = vm.global.load.ref .refs[0]:!vm.buffer", "3:34: expected global ref type");
  ExpectBodyError("%r1 = vm.list.get.ref %r0, %i0", "3:31: missing operand");
  ExpectBodyError("%r1 = vm.list.alloc %i0 : i32", "3:27: expected list type annotation");
  ExpectBodyError("%i1 = vm.global.load.i32 .rwdata[x]", "3:34: invalid storage ordinal");
  ExpectBodyError("%i1 = vm.global.load.i32 foo", "3:26: expected storage reference");
  ExpectBodyError("%i0 = vm.return %i0", "3:1: variadic operand instruction has a result");
  ExpectBodyError("vm.return %i0\nvm.br ^bb1(%i0)\n^bb1:",
                  "4:12: expected branch remap like %i0->%i1");
  ExpectBodyError("%i1 = vm.select.i32 %i0 ? %i0:%i0",
                  "3:26: expected select false value after ':'");
  ExpectBodyError("vm.br_table %i0 { 0: ^bb1 }\n^bb1:", "3:19: expected default branch table case");
  ExpectBodyError("vm.br_table %i0 { default: ^bb1, 1: ^bb1 }\n^bb1:",
                  "3:34: branch table cases must be dense from 0");
  ExpectBodyError("%i1 = vm.switch.i32 %i0[%i0] %i0",
                  "3:29: expected switch default value after 'else'");
  ExpectBodyError("%r1 = vm.cast.any.ref %r0 -> !vm.buffer", "3:23: expected cast source type");
  ExpectBodyError("vm.call.variadic @m.f(%i0)", "3:22: variadic calls must list segment sizes");
  ExpectBodyError("vm.call @f(%i0) %i0", "3:17: unexpected text after call");
  ExpectBodyError("vm.call.yieldable @f(%i0)", "3:26: expected call continuation after '->'");
}

TEST(AssemblerTest, ReportsSymbolErrorsAfterParsing) {
  ExpectBodyError("vm.call @nope()\nvm.return", "3:9: unknown function @nope");
  ExpectBodyError("vm.call @other:0()", "3:9: internal function ordinal uses wrong module");
  ExpectBodyError("vm.call.variadic @f segments[](%i0)", "3:18: @f is not an import");
  ExpectBodyError("%i1 = vm.global.load.i32 @g", "3:26: unknown global @g");
  ExpectError(
      "vm.module @m\nvm.global.i32 @x\nvm.func @f() -> () {\n"
      "  %i2:3 = vm.global.load.i64 @x\n  vm.return\n}\n",
      StatusCode::kInvalidArgument, "4:30: global @x storage class mismatch");
  ExpectError(
      "vm.module @m\nvm.global.i32 @x\nvm.func @f() -> () {\n"
      "  %i1 = vm.global.load.i64 @x\n  vm.return\n}\n",
      StatusCode::kInvalidArgument, "4:3: expected i64 register like %i0:1");
  ExpectError("vm.module @m\nvm.export @g\nvm.func @f() -> () {\n  vm.return\n}\n",
              StatusCode::kInvalidArgument, "2:11: export references unknown function @g");
}

TEST(AssemblerTest, ReportsHeaderErrors) {
  ExpectError(Function("(%i1: i32) -> ()", "vm.return"), StatusCode::kInvalidArgument,
              "2:12: function value argument registers must be sequential from %i0");
  ExpectError(Function("(%i0: i32, %i3:4: i64) -> ()", "vm.return"), StatusCode::kInvalidArgument,
              "2:22: function value argument registers must be sequential from %i0");
  ExpectError(Function("(%r1: !vm.buffer) -> ()", "vm.return"), StatusCode::kInvalidArgument,
              "2:12: function ref argument registers must be sequential from %r0");
  ExpectError(Function("(%i0: i8) -> ()", "vm.return"), StatusCode::kUnimplemented,
              "2:17: only primitive and ref registers are supported");
  ExpectError(Function("() -> (index)", "vm.return"), StatusCode::kUnimplemented,
              "2:18: only primitive and ref function signatures are supported");
  ExpectError("vm.module @m\nvm.func private @f() -> () {\n}\n", StatusCode::kInvalidArgument,
              "2:9: expected symbol name beginning with '@'");
  ExpectError("vm.module @m\nvm.func @f -> () {\n}\n", StatusCode::kInvalidArgument,
              "2:11: invalid symbol character ' '");
  ExpectError("vm.module @m\nvm.func @f() {\n}\n", StatusCode::kInvalidArgument,
              "2:14: expected '->' result list");
  ExpectError("vm.module @m\nvm.func @f() -> () \n}\n", StatusCode::kInvalidArgument,
              "2:19: expected '{' after function signature");
  ExpectError(Function("() -> ()", "vm.br ^bb1\n^bb1:\n^bb1:\nvm.return"),
              StatusCode::kInvalidArgument, "5:1: duplicate block label ^bb1");
  ExpectError(Function("() -> ()", "  %i0 = vm.const.i32 1"), StatusCode::kInvalidArgument,
              "4:1: function missing terminator");
}

TEST(AssemblerTest, ReportsDirectiveErrors) {
  ExpectError("vm.module @m\nvm.global.i32 @x = 1 : i32\n", StatusCode::kUnimplemented,
              "2:18: non-zero global initializers must be encoded as __init bytecode");
  ExpectError("vm.module @m\nvm.global.i32 @x = 0 : i64\n", StatusCode::kInvalidArgument,
              "2:24: global initializer type mismatch");
  ExpectError("vm.module @m\nvm.global.i32 mutable private @x\n", StatusCode::kInvalidArgument,
              "2:23: expected symbol name beginning with '@'");
  ExpectError("vm.module @m\nvm.import @a.b cconv 0i_i\n", StatusCode::kInvalidArgument,
              "2:22: expected quoted string");
  ExpectError("vm.module @m\nvm.import @a.b \"0i_i\"\n", StatusCode::kInvalidArgument,
              "2:16: expected import cconv");
  ExpectError("vm.module @m\nvm.rodata[1] = 00\n", StatusCode::kInvalidArgument,
              "2:11: rodata segments must be declared in ordinal order");
  ExpectError("vm.module @m\nvm.rodata[0] = 0\n", StatusCode::kInvalidArgument,
              "2:16: rodata hex data must have an even length");
  ExpectError("vm.module @m\nvm.rodata[0] = 0g\n", StatusCode::kInvalidArgument,
              "2:17: invalid rodata hex digit");
  ExpectError("vm.module @m\nvm.rodata[0 = 00\n", StatusCode::kInvalidArgument,
              "2:10: unterminated rodata ordinal");
  ExpectError("vm.module @m {\n", StatusCode::kInvalidArgument,
              "1:14: expected optional 'version <uint32>'");
  ExpectError("vm.module @m\nvm.module @n\n", StatusCode::kInvalidArgument,
              "2:11: module already declared");
  ExpectError("vm.type i32\n", StatusCode::kInvalidArgument,
              "1:1: module directive must appear before 'vm.type'");
  ExpectError("vm.module @m\nvm.type i32\nvm.type i32\n", StatusCode::kInvalidArgument,
              "3:9: duplicate type i32");
  ExpectError("vm.module @m\nvm.import @a.b cconv \"\"\nvm.import @a.b cconv \"\"\n",
              StatusCode::kInvalidArgument, "3:11: duplicate import @a.b");
  ExpectError(Function("() -> ()", "vm.return") + "vm.type i32\n", StatusCode::kInvalidArgument,
              "5:1: type directives must appear before functions");
  ExpectError("vm.module @m\nvm.bogus\n", StatusCode::kInvalidArgument,
              "2:1: unexpected top-level directive");
  ExpectError("vm.module @m\nvm.export @f\nvm.export @f\n", StatusCode::kInvalidArgument,
              "3:11: duplicate export @f");
  ExpectError(Function("() -> ()", "vm.return") + "vm.func @f() -> () {\n}\n",
              StatusCode::kInvalidArgument, "5:9: duplicate function @f");
  ExpectError("vm.module @m\nvm.export @a-b\n", StatusCode::kInvalidArgument,
              "2:13: invalid symbol character '-'");
  ExpectError("vm.module @m\nvm.func @f() -> () {\n  vm.return\n", StatusCode::kInvalidArgument,
              "2:9: unterminated function body");
  ExpectError("\n\n", StatusCode::kInvalidArgument, "2:1: module directive missing");
  ExpectError("vm.module @m\n", StatusCode::kInvalidArgument, "1:1: function directive missing");
  ExpectError(Function("() -> ()", "vm.fail %i0, \"" + std::string(70000, 'x') + "\""),
              StatusCode::kOutOfRange, "3:14: string attribute is too large");
}

}  // namespace
}  // namespace sinew::vm::bytecode
