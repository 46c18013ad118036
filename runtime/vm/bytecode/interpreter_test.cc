// End-to-end interpreter tests: modules encoded with the writer, loaded, bound in a context
// and invoked from the host.
#include <gtest/gtest.h>

#include <cstring>

#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/bytecode/bytecode_module_impl.h"
#include "runtime/vm/bytecode/module_def_generated.h"
#include "runtime/vm/bytecode/module_format.h"
#include "runtime/vm/bytecode/verifier.h"
#include "runtime/vm/bytecode/writer.h"
#include "runtime/vm/context.h"
#include "runtime/vm/invocation.h"

namespace sinew::vm::bytecode {
namespace {

class InterpreterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sinew_vm_instance_create(sinew_allocator_system(), &instance_), nullptr);
  }
  void TearDown() override {
    if (context_) ReleaseContext(context_);
    if (module_) sinew_vm_module_release(module_);
    sinew_vm_instance_release(instance_);
  }

  void Load(const ModuleDesc& desc) {
    bytes_ = WriteModule(desc);
    sinew_status_t status =
        sinew_vm_bytecode_module_create(instance_, {bytes_.data(), bytes_.size()}, nullptr, nullptr,
                                        sinew_allocator_system(), &module_);
    ASSERT_EQ(status, nullptr) << Error(status).ToString();
    auto context =
        CreateContextWithModules(instance_, 0, std::span(&module_, 1), sinew_allocator_system());
    ASSERT_TRUE(context.has_value()) << context.error().ToString();
    context_ = *context;
  }

  StatusOr<std::vector<sinew_vm_value_t>> Call(const std::string& name,
                                               std::vector<sinew_vm_value_t> args,
                                               size_t result_count) {
    SINEW_ASSIGN_OR_RETURN(sinew_vm_function_t function, ResolveFunction(context_, name));
    std::vector<sinew_vm_value_t> results(result_count);
    SINEW_RETURN_IF_ERROR(InvokeValues(context_, function, args, results));
    return results;
  }

  sinew_vm_instance_t* instance_ = nullptr;
  sinew_vm_module_t* module_ = nullptr;
  sinew_vm_context_t* context_ = nullptr;
  std::vector<uint8_t> bytes_;
};

FunctionDesc Finish(FunctionEncoder& e, const char* cconv, uint16_t i32_count) {
  FunctionDesc f;
  f.cconv = cconv;
  f.i32_register_count = i32_count;
  f.block_count = e.block_count();
  f.requirements = e.requirements();
  auto bytes = e.Finish();
  EXPECT_TRUE(bytes.has_value());
  f.bytecode = std::move(*bytes);
  return f;
}

// add(a, b) -> a + b
FunctionDesc AddFunction() {
  FunctionEncoder e;
  e.BindBlock(e.NewBlock());
  e.Opcode(Opcode::kAddI32);
  e.U16(0);
  e.U16(1);
  e.U16(2);
  e.Opcode(Opcode::kReturn);
  e.U16(1);
  e.U16(2);
  return Finish(e, "0ii_i", 3);
}

// count(n): i = 0; do { i = i + 1 } while (i < n); return i
FunctionDesc CountFunction() {
  FunctionEncoder e;
  uint32_t entry = e.NewBlock(), loop = e.NewBlock(), exit = e.NewBlock();
  e.BindBlock(entry);
  e.Opcode(Opcode::kConstI32);
  e.U32(1);
  e.U16(2);
  e.Opcode(Opcode::kBr);
  e.BlockReference(loop);
  e.U16(0);
  e.BindBlock(loop);
  e.Opcode(Opcode::kAddI32);
  e.U16(1);
  e.U16(2);
  e.U16(1);
  e.Opcode(Opcode::kCmpLtI32S);
  e.U16(1);
  e.U16(0);
  e.U16(3);
  e.Opcode(Opcode::kCondBr);
  e.U16(3);
  e.BlockReference(loop);
  e.U16(0);
  e.BlockReference(exit);
  e.U16(0);
  e.BindBlock(exit);
  e.Opcode(Opcode::kReturn);
  e.U16(1);
  e.U16(1);
  return Finish(e, "0i_i", 4);
}

// twice(a) -> add(a, a) through an internal call.
FunctionDesc TwiceFunction() {
  FunctionEncoder e;
  e.BindBlock(e.NewBlock());
  e.Opcode(Opcode::kCall);
  e.U32(0);  // add
  e.U16(2);
  e.U16(0);
  e.U16(0);
  e.U16(1);
  e.U16(1);
  e.Opcode(Opcode::kReturn);
  e.U16(1);
  e.U16(1);
  return Finish(e, "0i_i", 2);
}

// divide(a, b) -> a / b (traps on zero).
FunctionDesc DivideFunction() {
  FunctionEncoder e;
  e.BindBlock(e.NewBlock());
  e.Opcode(Opcode::kDivI32S);
  e.U16(0);
  e.U16(1);
  e.U16(2);
  e.Opcode(Opcode::kReturn);
  e.U16(1);
  e.U16(2);
  return Finish(e, "0ii_i", 3);
}

// differ(a, b): c = a != b; if (c) return c; else return c + 7. The loader fuses the compare
// and the branch; the compare result must still land in its register.
FunctionDesc DifferFunction() {
  FunctionEncoder e;
  uint32_t entry = e.NewBlock(), taken = e.NewBlock(), not_taken = e.NewBlock();
  e.BindBlock(entry);
  e.Opcode(Opcode::kCmpNeI32);
  e.U16(0);
  e.U16(1);
  e.U16(2);
  e.Opcode(Opcode::kCondBr);
  e.U16(2);
  e.BlockReference(taken);
  e.U16(0);
  e.BlockReference(not_taken);
  e.U16(0);
  e.BindBlock(taken);
  e.Opcode(Opcode::kReturn);
  e.U16(1);
  e.U16(2);
  e.BindBlock(not_taken);
  e.Opcode(Opcode::kConstI32);
  e.U32(7);
  e.U16(3);
  e.Opcode(Opcode::kAddI32);
  e.U16(2);
  e.U16(3);
  e.U16(3);
  e.Opcode(Opcode::kReturn);
  e.U16(1);
  e.U16(3);
  return Finish(e, "0ii_i", 4);
}

ModuleDesc TestModule() {
  ModuleDesc m;
  m.name = "test";
  m.functions = {AddFunction(), CountFunction(), TwiceFunction(), DivideFunction(),
                 DifferFunction()};
  m.exports = {
      {"add", 0, {}}, {"count", 1, {}}, {"twice", 2, {}}, {"divide", 3, {}}, {"differ", 4, {}}};
  return m;
}

TEST_F(InterpreterTest, AddReturnsSumOfArguments) {
  Load(TestModule());
  auto results = Call("test.add", {sinew_vm_value_make_i32(2), sinew_vm_value_make_i32(40)}, 1);
  ASSERT_TRUE(results.has_value()) << results.error().ToString();
  EXPECT_EQ((*results)[0].i32, 42);
}

TEST_F(InterpreterTest, LoopCountsToN) {
  Load(TestModule());
  auto results = Call("test.count", {sinew_vm_value_make_i32(1000)}, 1);
  ASSERT_TRUE(results.has_value()) << results.error().ToString();
  EXPECT_EQ((*results)[0].i32, 1000);
}

// Verifies `def` and returns each function's executable copy, with the internal forms the
// body walk wrote into it.
std::vector<std::vector<uint8_t>> ExecutableCopies(const fb::Module& def) {
  uint32_t count = def.functions()->size();
  // One allocation for all copies, as the loader makes (call distances are relative), each
  // body after the prefix the verifier reads a callee's frame size from.
  std::vector<size_t> starts;
  size_t size = 0;
  for (uint32_t i = 0; i < count; ++i) {
    starts.push_back(size + kFunctionBodyReserve);
    size +=
        kFunctionBodyReserve + ((def.functions()->Get(i)->bytecode_length() + 15) & ~size_t{15});
  }
  std::vector<uint8_t> storage(size);  // operator new aligns it for ExecutablePrefix
  std::vector<uint8_t*> executable;
  for (uint32_t i = 0; i < count; ++i) {
    const fb::FunctionDescriptor* f = def.functions()->Get(i);
    executable.push_back(storage.data() + starts[i]);
    new (executable.back() - sizeof(ExecutablePrefix)) ExecutablePrefix{nullptr, 16, 32};
    std::memcpy(executable.back(), def.bytecode()->data() + f->bytecode_offset(),
                f->bytecode_length());
  }
  ModuleVerifier verifier(def);
  EXPECT_TRUE(verifier.VerifyHeaders().has_value());
  EXPECT_TRUE(verifier.VerifyBodies(executable).has_value());
  std::vector<std::vector<uint8_t>> copies;
  for (uint32_t i = 0; i < count; ++i) {
    copies.emplace_back(executable[i], executable[i] + def.functions()->Get(i)->bytecode_length());
  }
  return copies;
}

Opcode OpcodeAt(const std::vector<uint8_t>& code, uint32_t pc) {
  return static_cast<Opcode>(code[pc] | code[pc + 1] << 8);
}

TEST_F(InterpreterTest, VerifierWritesInternalFormsIntoTheExecutableCopy) {
  std::vector<uint8_t> bytes = WriteModule(TestModule());
  auto copies = ExecutableCopies(*fb::GetModule(bytes.data()));
  ASSERT_EQ(copies.size(), 5u);
  // count: the loop block's add (after the 18-byte entry block and the loop's marker) starts
  // the fused loop; the compare and cond_br stay as they were.
  EXPECT_EQ(OpcodeAt(copies[1], 20), Opcode::kAddI32CmpLtI32SCondBr);
  EXPECT_EQ(OpcodeAt(copies[1], 28), Opcode::kCmpLtI32S);
  EXPECT_EQ(OpcodeAt(copies[1], 36), Opcode::kCondBr);
  // differ: the compare right after the entry marker.
  EXPECT_EQ(OpcodeAt(copies[4], 2), Opcode::kCmpNeI32CondBr);
  // twice: the call of add (two arguments) names the callee by its distance; both returns are
  // scalar, of one value.
  EXPECT_EQ(OpcodeAt(copies[2], 2), Opcode::kCallInternalScalar);
  EXPECT_EQ(OpcodeAt(copies[2], 18), Opcode::kReturnScalar1);
  EXPECT_EQ(OpcodeAt(copies[0], 10), Opcode::kReturnScalar1);
  // add: the add whose sum the return returns starts a fused pair.
  EXPECT_EQ(OpcodeAt(copies[0], 2), Opcode::kAddI32ReturnScalar1);
}

TEST_F(InterpreterTest, FusedCompareBranchWritesTheCompareResult) {
  Load(TestModule());
  auto differ = Call("test.differ", {sinew_vm_value_make_i32(1), sinew_vm_value_make_i32(2)}, 1);
  ASSERT_TRUE(differ.has_value()) << differ.error().ToString();
  EXPECT_EQ((*differ)[0].i32, 1);
  auto same = Call("test.differ", {sinew_vm_value_make_i32(3), sinew_vm_value_make_i32(3)}, 1);
  ASSERT_TRUE(same.has_value()) << same.error().ToString();
  EXPECT_EQ((*same)[0].i32, 7);
}

TEST_F(InterpreterTest, InternalCallPassesArgumentsAndResults) {
  Load(TestModule());
  auto results = Call("test.twice", {sinew_vm_value_make_i32(21)}, 1);
  ASSERT_TRUE(results.has_value()) << results.error().ToString();
  EXPECT_EQ((*results)[0].i32, 42);
}

// A 'v' inside a fragment is skipped (CCONV.md 1.1): `0Iv_I` takes and returns one i64, and a
// call passes exactly that one register.
TEST_F(InterpreterTest, StrayVoidInCconvTakesNoRegister) {
  ModuleDesc m;
  m.name = "test";
  {
    FunctionEncoder e;
    e.BindBlock(e.NewBlock());
    e.Opcode(Opcode::kReturn);
    e.U16(1);
    e.U16(0);
    m.functions.push_back(Finish(e, "0Iv_Iv", 2));
  }
  {
    // caller(x): y = identity(x); return y
    FunctionEncoder e;
    e.BindBlock(e.NewBlock());
    e.Opcode(Opcode::kCall);
    e.U32(0);
    e.U16(1);
    e.U16(0);
    e.U16(1);
    e.U16(2);
    e.Opcode(Opcode::kReturn);
    e.U16(1);
    e.U16(2);
    m.functions.push_back(Finish(e, "0I_I", 4));
  }
  m.exports = {{"caller", 1, {}}};
  Load(m);
  auto results = Call("test.caller", {sinew_vm_value_make_i64(int64_t{1} << 40)}, 1);
  ASSERT_TRUE(results.has_value()) << results.error().ToString();
  EXPECT_EQ((*results)[0].i64, int64_t{1} << 40);
}

TEST_F(InterpreterTest, DivisionByZeroTrapsWithBacktrace) {
  Load(TestModule());
  auto results = Call("test.divide", {sinew_vm_value_make_i32(1), sinew_vm_value_make_i32(0)}, 1);
  ASSERT_FALSE(results.has_value());
  std::string text = results.error().ToString();
  EXPECT_NE(text.find("INVALID_ARGUMENT; integer division by zero"), std::string::npos) << text;
  EXPECT_NE(text.find("bytecode test.divide:2"), std::string::npos) << text;
}

}  // namespace
}  // namespace sinew::vm::bytecode
