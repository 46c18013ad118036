// Tests for the `hal` module: the exports' calling conventions (a fixed contract with the
// compiler), calls from bytecode with rodata-backed and host views, and every error.
#include "runtime/hal/hal_module.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "runtime/hal/buffer_view.h"
#include "runtime/hal/buffer_view_format.h"
#include "runtime/hal/buffer_view_parse.h"
#include "runtime/vm/bytecode/assembler.h"
#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/bytecode/writer.h"
#include "runtime/vm/context.h"
#include "runtime/vm/invocation.h"

namespace sinew::hal {
namespace {

constexpr std::string_view kCaller = R"(
vm.module @caller
vm.type !hal.buffer_view
vm.type !vm.buffer
vm.import @hal.buffer_view.create cconv "0rIIiCID_r"
vm.import @hal.buffer_view.dim cconv "0ri_I"
vm.import @hal.buffer_view.rank cconv "0r_i"
vm.import @hal.buffer_view.element_type cconv "0r_i"
vm.import @hal.buffer_view.buffer cconv "0r_r"
vm.import @hal.buffer_view.assert cconv "0riCID_v"
// The i32 values 1 to 6.
vm.rodata[0] = 010000000200000003000000040000000500000006000000

// A 2x3xi32 view of the rodata constant.
vm.export @constant
vm.func @constant() -> (!hal.buffer_view) {
  %r0 = vm.const.ref.rodata 0
  %i0:1 = vm.const.i64 0
  %i2:3 = vm.const.i64 24
  %i4 = vm.const.i32 268435488
  %i6:7 = vm.const.i64 2
  %i8:9 = vm.const.i64 3
  %r1 = vm.call.variadic @hal.buffer_view.create segments[65535, 65535, 65535, 65535, 2](%R0, %i0:1, %i2:3, %i4, %i6:7, %i8:9)
  vm.return %r1
}

// A rank-1 view of part of a buffer.
vm.export @create
vm.func @create(%r0: !vm.buffer, %i0:1: i64, %i2:3: i64, %i4: i32, %i6:7: i64) -> (!hal.buffer_view) {
  %r1 = vm.call.variadic @hal.buffer_view.create segments[65535, 65535, 65535, 65535, 1](%r0, %i0:1, %i2:3, %i4, %i6:7)
  vm.return %r1
}

vm.export @metadata
vm.func @metadata(%r0: !hal.buffer_view) -> (i32, i32) {
  %i0 = vm.call @hal.buffer_view.rank(%r0)
  %i1 = vm.call @hal.buffer_view.element_type(%r0)
  vm.return %i0, %i1
}

vm.export @dim
vm.func @dim(%r0: !hal.buffer_view, %i0: i32) -> (i64) {
  %i2:3 = vm.call @hal.buffer_view.dim(%r0, %i0)
  vm.return %i2:3
}

vm.export @bytes
vm.func @bytes(%r0: !hal.buffer_view) -> (!vm.buffer) {
  %r1 = vm.call @hal.buffer_view.buffer(%r0)
  vm.return %r1
}

vm.export @assert2
vm.func @assert2(%r0: !hal.buffer_view, %i0: i32, %i2:3: i64, %i4:5: i64) -> () {
  vm.call.variadic @hal.buffer_view.assert segments[65535, 65535, 2](%r0, %i0, %i2:3, %i4:5)
  vm.return
}
)";

struct ListDeleter {
  void operator()(sinew_vm_list_t* list) const { sinew_vm_list_release(list); }
};
using List = std::unique_ptr<sinew_vm_list_t, ListDeleter>;

sinew_vm_variant_t I32(int32_t value) {
  sinew_vm_variant_t variant = sinew_vm_variant_empty();
  variant.type = sinew_vm_make_value_type_def(SINEW_VM_VALUE_TYPE_I32);
  variant.i32 = value;
  return variant;
}
sinew_vm_variant_t I64(int64_t value) {
  sinew_vm_variant_t variant = sinew_vm_variant_empty();
  variant.type = sinew_vm_make_value_type_def(SINEW_VM_VALUE_TYPE_I64);
  variant.i64 = value;
  return variant;
}
sinew_vm_variant_t Ref(void* ptr, sinew_vm_ref_type_t type) {
  sinew_vm_variant_t variant = sinew_vm_variant_empty();
  variant.type = sinew_vm_make_ref_type_def(type);
  variant.ref = {ptr, type};
  return variant;
}
sinew_vm_variant_t View(const vm::ref<BufferView>& view) {
  return Ref(view.get(), BufferView::type());
}

class HalModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sinew_vm_instance_create(sinew_allocator_system(), &instance_), nullptr);
    ASSERT_EQ(sinew_hal_module_create(instance_, sinew_allocator_system(), &hal_), nullptr);
    auto desc = vm::bytecode::AssembleModule(kCaller, "caller.vmasm");
    ASSERT_TRUE(desc.has_value()) << desc.error().ToString();
    bytes_ = vm::bytecode::WriteModule(*desc);
    ASSERT_EQ(sinew_vm_bytecode_module_create(instance_, {bytes_.data(), bytes_.size()}, nullptr,
                                              nullptr, sinew_allocator_system(), &caller_),
              nullptr);
    sinew_vm_module_t* modules[] = {hal_, caller_};
    auto context = vm::CreateContextWithModules(instance_, 0, modules, sinew_allocator_system());
    ASSERT_TRUE(context.has_value()) << context.error().ToString();
    context_ = *context;
  }
  void TearDown() override {
    if (context_) vm::ReleaseContext(context_);
    if (caller_) sinew_vm_module_release(caller_);
    if (hal_) sinew_vm_module_release(hal_);
    sinew_vm_instance_release(instance_);
  }

  StatusOr<List> Call(std::string_view name, const std::vector<sinew_vm_variant_t>& arguments) {
    SINEW_ASSIGN_OR_RETURN(sinew_vm_function_t function,
                           vm::ResolveFunction(context_, std::string("caller.") += name));
    sinew_vm_list_t* inputs = nullptr;
    sinew_vm_list_t* outputs = nullptr;
    SINEW_RETURN_IF_ERROR(FromC(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 8,
                                                     sinew_allocator_system(), &inputs)));
    List owned_inputs(inputs);
    SINEW_RETURN_IF_ERROR(FromC(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 8,
                                                     sinew_allocator_system(), &outputs)));
    List owned_outputs(outputs);
    for (const sinew_vm_variant_t& argument : arguments) {
      SINEW_RETURN_IF_ERROR(FromC(sinew_vm_list_push_variant_retain(inputs, &argument)));
    }
    SINEW_RETURN_IF_ERROR(vm::Invoke(context_, function, 0, inputs, outputs));
    return owned_outputs;
  }

  static sinew_vm_variant_t Result(const List& list, uint64_t index) {
    sinew_vm_variant_t variant = sinew_vm_variant_empty();
    EXPECT_EQ(sinew_vm_list_get_variant_retain(list.get(), index, &variant), nullptr);
    return variant;
  }
  static vm::ref<BufferView> ViewResult(const List& list, uint64_t index) {
    sinew_vm_variant_t variant = Result(list, index);
    EXPECT_EQ(variant.ref.type, BufferView::type());
    return vm::ref<BufferView>(static_cast<BufferView*>(variant.ref.ptr));
  }

  vm::ref<BufferView> Parse(std::string_view text) {
    auto view = ParseBufferView(text, sinew_allocator_system());
    EXPECT_TRUE(view.has_value()) << view.error().ToString();
    return view.has_value() ? std::move(*view) : nullptr;
  }

  sinew_vm_instance_t* instance_ = nullptr;
  sinew_vm_module_t* hal_ = nullptr;
  sinew_vm_module_t* caller_ = nullptr;
  sinew_vm_context_t* context_ = nullptr;
  std::vector<uint8_t> bytes_;
};

std::string Cconv(sinew_vm_module_t* module, std::string_view name) {
  sinew_vm_function_t function;
  Status found = FromC(module->lookup_function(module->self, SINEW_VM_LINKAGE_EXPORT,
                                               ToCStringView(name), &function));
  if (!found.has_value()) return found.error().ToString();
  sinew_string_view_t cconv = {nullptr, 0};
  sinew_status_free(module->get_function(module->self, SINEW_VM_LINKAGE_EXPORT, function.ordinal,
                                         nullptr, nullptr, &cconv));
  return std::string(ToStringView(cconv));
}

// Checks that `result` failed and its printed status contains `text`.
template <typename T>
::testing::AssertionResult FailsWith(const StatusOr<T>& result, std::string_view text) {
  if (result.has_value()) return ::testing::AssertionFailure() << "expected an error, got OK";
  std::string printed = result.error().ToString();
  if (printed.find(text) == std::string::npos) {
    return ::testing::AssertionFailure() << "got " << printed;
  }
  return ::testing::AssertionSuccess();
}

TEST_F(HalModuleTest, ExportsHaveTheContractedNamesAndCconvs) {
  EXPECT_EQ(ToStringView(sinew_vm_module_name(hal_)), "hal");
  EXPECT_EQ(Cconv(hal_, "buffer_view.create"), "0rIIiCID_r");
  EXPECT_EQ(Cconv(hal_, "buffer_view.dim"), "0ri_I");
  EXPECT_EQ(Cconv(hal_, "buffer_view.rank"), "0r_i");
  EXPECT_EQ(Cconv(hal_, "buffer_view.element_type"), "0r_i");
  EXPECT_EQ(Cconv(hal_, "buffer_view.buffer"), "0r_r");
  EXPECT_EQ(Cconv(hal_, "buffer_view.assert"), "0riCID_v");
}

TEST_F(HalModuleTest, ModuleRegistersTheBufferViewTypeWhileItLives) {
  EXPECT_EQ(sinew_vm_instance_lookup_type(instance_, "hal.buffer_view", 15), BufferView::type());
}

TEST_F(HalModuleTest, CreateMakesAViewOverRodataWithoutCopying) {
  auto results = Call("constant", {});
  ASSERT_TRUE(results.has_value()) << results.error().ToString();
  vm::ref<BufferView> view = ViewResult(*results, 0);
  ASSERT_TRUE(view);
  EXPECT_EQ(FormatBufferView(*view), "2x3xi32=[1 2 3][4 5 6]");
  EXPECT_TRUE(view->buffer()->access & SINEW_VM_BUFFER_ACCESS_ORIGIN_MODULE);
  EXPECT_FALSE(view->MapWritable().has_value());
}

TEST_F(HalModuleTest, CreateViewsPartOfABuffer) {
  vm::ref<sinew_vm_buffer_t> buffer;
  ASSERT_EQ(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 16, 0, sinew_allocator_system(),
                                   buffer.put()),
            nullptr);
  for (int i = 0; i < 16; ++i) buffer->data[i] = static_cast<uint8_t>(i);
  auto results = Call("create", {Ref(buffer.get(), sinew_vm_buffer_type()), I64(4), I64(8),
                                 I32(static_cast<int32_t>(ElementType::kUint16)), I64(4)});
  ASSERT_TRUE(results.has_value()) << results.error().ToString();
  vm::ref<BufferView> view = ViewResult(*results, 0);
  EXPECT_EQ(FormatBufferView(*view), "4xui16=1284 1798 2312 2826");
  EXPECT_EQ(view->buffer(), buffer.get()) << "the view aliases the buffer";
}

TEST_F(HalModuleTest, CreateValidatesItsArguments) {
  vm::ref<sinew_vm_buffer_t> buffer;
  ASSERT_EQ(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 16, 0, sinew_allocator_system(),
                                   buffer.put()),
            nullptr);
  auto source = Ref(buffer.get(), sinew_vm_buffer_type());
  int32_t i32 = static_cast<int32_t>(ElementType::kInt32);
  EXPECT_TRUE(FailsWith(Call("create", {source, I64(0), I64(12), I32(i32), I64(4)}),
                        "INVALID_ARGUMENT; buffer view length 12 does not match 4xi32 (16 bytes); "
                        "while invoking C++ function hal.buffer_view.create"));
  EXPECT_TRUE(FailsWith(Call("create", {source, I64(4), I64(16), I32(i32), I64(4)}),
                        "OUT_OF_RANGE; buffer view of 16 bytes at offset 4 is outside the "
                        "16-byte source buffer"));
  EXPECT_TRUE(FailsWith(Call("create", {source, I64(-4), I64(16), I32(i32), I64(4)}),
                        "INVALID_ARGUMENT; buffer view offset -4 and length 16 must not be "
                        "negative"));
  EXPECT_TRUE(FailsWith(Call("create", {source, I64(0), I64(4), I32(0x7F000020), I64(1)}),
                        "INVALID_ARGUMENT; invalid element type 0x7F000020"));
  EXPECT_TRUE(FailsWith(Call("create", {source, I64(0), I64(0), I32(i32), I64(-1)}),
                        "INVALID_ARGUMENT; shape[0] is negative (-1)"));
  EXPECT_TRUE(
      FailsWith(Call("create", {sinew_vm_variant_empty(), I64(0), I64(4), I32(i32), I64(1)}),
                "INVALID_ARGUMENT; the source buffer of a buffer view is null"));
}

TEST_F(HalModuleTest, RankElementTypeAndDims) {
  auto view = Parse("2x5x7xf32");
  auto metadata = Call("metadata", {View(view)});
  ASSERT_TRUE(metadata.has_value()) << metadata.error().ToString();
  EXPECT_EQ(Result(*metadata, 0).i32, 3);
  EXPECT_EQ(static_cast<uint32_t>(Result(*metadata, 1).i32), 0x21000020u);
  for (int32_t i = 0; i < 3; ++i) {
    auto dim = Call("dim", {View(view), I32(i)});
    ASSERT_TRUE(dim.has_value()) << dim.error().ToString();
    EXPECT_EQ(Result(*dim, 0).i64, (std::vector<int64_t>{2, 5, 7})[i]);
  }
  auto scalar = Call("metadata", {View(Parse("i8=3"))});
  ASSERT_TRUE(scalar.has_value());
  EXPECT_EQ(Result(*scalar, 0).i32, 0);
}

TEST_F(HalModuleTest, DimOutOfRangeIsAnError) {
  auto view = Parse("2x5xf32");
  EXPECT_TRUE(FailsWith(Call("dim", {View(view), I32(2)}),
                        "OUT_OF_RANGE; dimension index 2 is out of range for 2x5xf32 (rank 2); "
                        "while invoking C++ function hal.buffer_view.dim"));
  EXPECT_TRUE(FailsWith(Call("dim", {View(view), I32(-1)}),
                        "OUT_OF_RANGE; dimension index -1 is out of range"));
}

TEST_F(HalModuleTest, NullOrWrongRefsAreErrors) {
  EXPECT_TRUE(FailsWith(Call("metadata", {sinew_vm_variant_empty()}),
                        "parameter 0 must not be null; expected hal.buffer_view"));
  vm::ref<sinew_vm_buffer_t> buffer;
  ASSERT_EQ(sinew_vm_buffer_create(0, 4, 0, sinew_allocator_system(), buffer.put()), nullptr);
  EXPECT_TRUE(FailsWith(Call("dim", {Ref(buffer.get(), sinew_vm_buffer_type()), I32(0)}),
                        "reference to the wrong type"));
}

TEST_F(HalModuleTest, BufferReturnsTheViewsBytes) {
  vm::ref<sinew_vm_buffer_t> source;
  ASSERT_EQ(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 16, 0, sinew_allocator_system(),
                                   source.put()),
            nullptr);
  std::vector<int64_t> shape = {2};
  auto part = BufferView::Create(source, 8, 8, ElementType::kInt32, shape);
  ASSERT_TRUE(part.has_value());
  auto results = Call("bytes", {View(*part)});
  ASSERT_TRUE(results.has_value()) << results.error().ToString();
  sinew_vm_variant_t bytes = Result(*results, 0);
  sinew_vm_buffer_t* buffer = sinew_vm_buffer_deref(&bytes.ref);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(buffer->data, source->data + 8);
  EXPECT_EQ(buffer->length, 8u);
  sinew_vm_ref_release(&bytes.ref);

  auto whole = Parse("4xi8=1 2 3 4");
  auto same = Call("bytes", {View(whole)});
  ASSERT_TRUE(same.has_value());
  sinew_vm_variant_t whole_bytes = Result(*same, 0);
  EXPECT_EQ(whole_bytes.ref.ptr, whole->buffer());
  sinew_vm_ref_release(&whole_bytes.ref);
}

TEST_F(HalModuleTest, AssertPassesOnAMatchAndNamesBothSidesOnAMismatch) {
  auto view = Parse("2x3xf32");
  int32_t f32 = static_cast<int32_t>(ElementType::kFloat32);
  int32_t i32 = static_cast<int32_t>(ElementType::kInt32);
  auto passed = Call("assert2", {View(view), I32(f32), I64(2), I64(3)});
  EXPECT_TRUE(passed.has_value()) << passed.error().ToString();
  EXPECT_TRUE(FailsWith(Call("assert2", {View(view), I32(f32), I64(3), I64(2)}),
                        "INVALID_ARGUMENT; buffer view mismatch; expected 3x2xf32 but got 2x3xf32; "
                        "while invoking C++ function hal.buffer_view.assert"));
  EXPECT_TRUE(FailsWith(Call("assert2", {View(view), I32(i32), I64(2), I64(3)}),
                        "expected 2x3xi32 but got 2x3xf32"));
  EXPECT_TRUE(FailsWith(Call("assert2", {View(Parse("6xf32")), I32(f32), I64(2), I64(3)}),
                        "expected 2x3xf32 but got 6xf32"));
}

TEST(HalTypesTest, RegisteringTypesMakesBufferViewsLookUpByName) {
  sinew_vm_instance_t* instance = nullptr;
  ASSERT_EQ(sinew_vm_instance_create(sinew_allocator_system(), &instance), nullptr);
  EXPECT_EQ(sinew_vm_instance_lookup_type(instance, "hal.buffer_view", 15), 0u);
  ASSERT_EQ(sinew_hal_register_types(instance), nullptr);
  ASSERT_EQ(sinew_hal_register_types(instance), nullptr) << "registration is counted";
  EXPECT_EQ(sinew_vm_instance_lookup_type(instance, "hal.buffer_view", 15), BufferView::type());
  sinew_vm_instance_release(instance);
}

}  // namespace
}  // namespace sinew::hal
