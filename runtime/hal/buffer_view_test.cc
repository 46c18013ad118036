// Tests for BufferView: size and range validation, that views retain (and can alias) their
// buffer, host allocation and the read-only guard for rodata.
#include "runtime/hal/buffer_view.h"

#include <gtest/gtest.h>

#include <vector>

#include "runtime/base/status_testing.h"

namespace sinew::hal {
namespace {

using sinew::testing::CountingAllocator;

vm::ref<sinew_vm_buffer_t> MakeBuffer(uint64_t length) {
  vm::ref<sinew_vm_buffer_t> buffer;
  EXPECT_EQ(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, length, 0,
                                   sinew_allocator_system(), buffer.put()),
            nullptr);
  for (uint64_t i = 0; i < length; ++i) buffer->data[i] = static_cast<uint8_t>(i);
  return buffer;
}

std::string Message(const Error& error) { return std::string(error.message()); }

// Dynamic module libraries call sinew_hal_buffer_view_type: it must be the type of the
// descriptor the runtime registers.
TEST(BufferViewTest, TypeIsTheRuntimesDescriptor) {
  EXPECT_EQ(BufferView::type(), sinew_hal_buffer_view_type());
  EXPECT_EQ(sinew_vm_ref_type_from_descriptor(BufferView::descriptor()), BufferView::type());
  EXPECT_EQ(vm::ref_type_of<BufferView>(), BufferView::type());
}

TEST(BufferViewTest, CreateRetainsTheBufferAndKeepsShapeAndType) {
  auto buffer = MakeBuffer(32);
  std::vector<int64_t> shape = {2, 3};
  auto view = BufferView::Create(buffer, 8, 24, ElementType::kInt32, shape);
  ASSERT_TRUE(view.has_value()) << view.error().ToString();
  EXPECT_EQ(buffer->counter, 2u);
  EXPECT_EQ((*view)->rank(), 2u);
  EXPECT_EQ((*view)->element_count(), 6u);
  EXPECT_EQ((*view)->element_type(), ElementType::kInt32);
  EXPECT_EQ((*view)->bytes().data(), buffer->data + 8);
  EXPECT_EQ((*view)->bytes().size(), 24u);
  view->reset();
  EXPECT_EQ(buffer->counter, 1u);
}

TEST(BufferViewTest, LengthMustMatchTheShape) {
  std::vector<int64_t> shape = {2, 3};
  auto view = BufferView::Create(MakeBuffer(32), 0, 20, ElementType::kFloat32, shape);
  ASSERT_FALSE(view.has_value());
  EXPECT_EQ(view.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(view.error()), "buffer view length 20 does not match 2x3xf32 (24 bytes)");
}

TEST(BufferViewTest, RangeMustBeInsideTheBuffer) {
  std::vector<int64_t> shape = {4};
  auto view = BufferView::Create(MakeBuffer(16), 4, 16, ElementType::kInt32, shape);
  ASSERT_FALSE(view.has_value());
  EXPECT_EQ(view.error().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Message(view.error()),
            "buffer view of 16 bytes at offset 4 is outside the 16-byte source buffer");
  auto huge = BufferView::Create(MakeBuffer(16), UINT64_MAX, 16, ElementType::kInt32, shape);
  ASSERT_FALSE(huge.has_value());
  EXPECT_EQ(huge.error().code(), StatusCode::kOutOfRange);
}

TEST(BufferViewTest, BadShapesTypesAndBuffersAreErrors) {
  std::vector<int64_t> negative = {2, -1};
  auto view = BufferView::Create(MakeBuffer(8), 0, 0, ElementType::kInt8, negative);
  ASSERT_FALSE(view.has_value());
  EXPECT_EQ(Message(view.error()), "shape[1] is negative (-1)");

  std::vector<int64_t> shape = {1};
  auto type = BufferView::Create(MakeBuffer(8), 0, 4, static_cast<ElementType>(0x99000020), shape);
  ASSERT_FALSE(type.has_value());
  EXPECT_EQ(Message(type.error()), "invalid element type 0x99000020");

  auto null = BufferView::Create(nullptr, 0, 4, ElementType::kInt32, shape);
  ASSERT_FALSE(null.has_value());
  EXPECT_EQ(Message(null.error()), "the source buffer of a buffer view is null");

  std::vector<int64_t> enormous = {INT64_MAX, 4};
  auto overflow = BufferView::Allocate(ElementType::kInt32, enormous, sinew_allocator_system());
  ASSERT_FALSE(overflow.has_value());
  EXPECT_EQ(overflow.error().code(), StatusCode::kOutOfRange);
}

TEST(BufferViewTest, AllocateMakesAZeroFilledWritableHostBuffer) {
  CountingAllocator allocator;
  {
    std::vector<int64_t> shape = {3};
    auto view = BufferView::Allocate(ElementType::kInt16, shape, allocator.get());
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ((*view)->bytes().size(), 6u);
    for (uint8_t byte : (*view)->bytes()) EXPECT_EQ(byte, 0);
    auto bytes = (*view)->MapWritable();
    ASSERT_TRUE(bytes.has_value());
    (*bytes)[0] = 7;
    EXPECT_EQ((*view)->bytes()[0], 7);
  }
  EXPECT_EQ(allocator.allocations, 1);
  EXPECT_EQ(allocator.frees, 1);
}

TEST(BufferViewTest, RodataViewsAreReadOnly) {
  static const uint8_t kBytes[] = {1, 2, 3, 4};
  sinew_vm_buffer_t rodata;
  sinew_vm_buffer_initialize_rodata(&rodata, kBytes, sizeof(kBytes), nullptr, nullptr, nullptr);
  sinew_vm_ref_t ref = {nullptr, 0};
  sinew_vm_buffer_retain_rodata(&rodata, &ref);
  std::vector<int64_t> shape = {4};
  auto view = BufferView::Create(vm::ref<sinew_vm_buffer_t>(sinew_vm_buffer_deref(&ref)), 0, 4,
                                 ElementType::kUint8, shape);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ((*view)->bytes().data(), kBytes) << "a view aliases rodata without copying";
  auto bytes = (*view)->MapWritable();
  ASSERT_FALSE(bytes.has_value());
  EXPECT_EQ(bytes.error().code(), StatusCode::kPermissionDenied);
}

TEST(BufferViewTest, AliasBytesReturnsTheBufferOrASubrangeAlias) {
  auto buffer = MakeBuffer(16);
  std::vector<int64_t> whole_shape = {16};
  auto whole = BufferView::Create(buffer, 0, 16, ElementType::kInt8, whole_shape);
  ASSERT_TRUE(whole.has_value());
  auto same = (*whole)->AliasBytes(sinew_allocator_system());
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->get(), buffer.get());

  std::vector<int64_t> part_shape = {2};
  auto part = BufferView::Create(buffer, 4, 8, ElementType::kInt32, part_shape);
  ASSERT_TRUE(part.has_value());
  auto alias = (*part)->AliasBytes(sinew_allocator_system());
  ASSERT_TRUE(alias.has_value());
  EXPECT_NE(alias->get(), buffer.get());
  EXPECT_EQ((*alias)->data, buffer->data + 4);
  EXPECT_EQ((*alias)->length, 8u);
  part->reset();
  EXPECT_EQ((*alias)->data[0], 4) << "the alias keeps the bytes alive without the view";
}

}  // namespace
}  // namespace sinew::hal
