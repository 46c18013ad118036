// Tests for vm.list: storage modes, capacity growth, value conversion on get/set, ref ownership
// and the exact error statuses.
#include "runtime/vm/list.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>

#include "runtime/base/status_testing.h"
#include "runtime/vm/buffer.h"

namespace {

using sinew::testing::CountingAllocator;
using sinew::testing::IsError;
using sinew::testing::IsOk;

sinew_vm_list_t* MakeList(sinew_vm_type_def_t element_type, uint64_t capacity = 0) {
  sinew_vm_list_t* list = nullptr;
  EXPECT_TRUE(IsOk(sinew_vm_list_create(element_type, capacity, sinew_allocator_system(), &list)));
  return list;
}

sinew_vm_list_t* MakeValueList(sinew_vm_value_type_t type, uint64_t size = 0) {
  sinew_vm_list_t* list = MakeList(sinew_vm_make_value_type_def(type));
  EXPECT_TRUE(IsOk(sinew_vm_list_resize(list, size)));
  return list;
}

sinew_vm_list_t* MakeVariantList(uint64_t size) {
  sinew_vm_list_t* list = MakeList(sinew_vm_make_variant_type_def());
  EXPECT_TRUE(IsOk(sinew_vm_list_resize(list, size)));
  return list;
}

sinew_vm_list_t* MakeBufferList(uint64_t size) {
  sinew_vm_list_t* list = MakeList(sinew_vm_make_ref_type_def(sinew_vm_buffer_type()));
  EXPECT_TRUE(IsOk(sinew_vm_list_resize(list, size)));
  return list;
}

sinew_vm_buffer_t* MakeBuffer() {
  sinew_vm_buffer_t* buffer = nullptr;
  EXPECT_TRUE(IsOk(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 4, 0,
                                          sinew_allocator_system(), &buffer)));
  return buffer;
}

// A ref holding a new count of `buffer`.
sinew_vm_ref_t RetainedRef(sinew_vm_buffer_t* buffer) {
  sinew_vm_ref_t ref = {nullptr, 0};
  sinew_vm_ref_wrap_retain(buffer, sinew_vm_buffer_type(), &ref);
  return ref;
}

int32_t GetI32(const sinew_vm_list_t* list, uint64_t index) {
  sinew_vm_value_t value;
  EXPECT_TRUE(IsOk(sinew_vm_list_get_value_as(list, index, SINEW_VM_VALUE_TYPE_I32, &value)));
  EXPECT_EQ(value.type, SINEW_VM_VALUE_TYPE_I32);
  return value.i32;
}

void SetI32(sinew_vm_list_t* list, uint64_t index, int32_t v) {
  sinew_vm_value_t value = sinew_vm_value_make_i32(v);
  EXPECT_TRUE(IsOk(sinew_vm_list_set_value(list, index, &value)));
}

TEST(ListTest, CapacityRoundsUpToMultiplesOf64AndNeverShrinks) {
  sinew_vm_list_t* list = MakeList(sinew_vm_make_value_type_def(SINEW_VM_VALUE_TYPE_I32), 1);
  EXPECT_EQ(sinew_vm_list_capacity(list), 64u);
  EXPECT_EQ(sinew_vm_list_size(list), 0u);
  ASSERT_TRUE(IsOk(sinew_vm_list_reserve(list, 65)));
  EXPECT_EQ(sinew_vm_list_capacity(list), 128u);
  ASSERT_TRUE(IsOk(sinew_vm_list_reserve(list, 3)));
  EXPECT_EQ(sinew_vm_list_capacity(list), 128u);
  EXPECT_EQ(sinew_vm_list_size(list), 0u);
  sinew_vm_list_release(list);
}

TEST(ListTest, ZeroInitialCapacityAllocatesOnlyTheList) {
  CountingAllocator allocator;
  sinew_vm_list_t* list = nullptr;
  ASSERT_TRUE(
      IsOk(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 0, allocator.get(), &list)));
  EXPECT_EQ(sinew_vm_list_capacity(list), 0u);
  EXPECT_EQ(allocator.allocations, 1);
  sinew_vm_list_release(list);
  EXPECT_EQ(allocator.frees, 1);
}

TEST(ListTest, CreateRejectsInvalidValueElementType) {
  sinew_vm_list_t* list = nullptr;
  sinew_vm_type_def_t type = {static_cast<sinew_vm_value_type_t>(7), 0};
  sinew::Status status =
      sinew::FromC(sinew_vm_list_create(type, 0, sinew_allocator_system(), &list));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), sinew::StatusCode::kInvalidArgument);
  EXPECT_EQ(list, nullptr);
}

TEST(ListTest, HugeCapacitiesFailWithoutWrapping) {
  CountingAllocator allocator;
  allocator.allocations_until_failure = 1;
  sinew_vm_list_t* list = nullptr;
  ASSERT_TRUE(IsOk(sinew_vm_list_create(sinew_vm_make_value_type_def(SINEW_VM_VALUE_TYPE_I64), 0,
                                        allocator.get(), &list)));
  EXPECT_TRUE(IsError(sinew_vm_list_reserve(list, UINT64_MAX), SINEW_STATUS_OUT_OF_RANGE,
                      "capacity overflow"));
  EXPECT_TRUE(IsError(sinew_vm_list_resize(list, UINT64_MAX - 10), SINEW_STATUS_OUT_OF_RANGE,
                      "capacity overflow"));
  // Fits size_t as bytes but is over the per-list limit: refused before any allocation.
  sinew::Status status = sinew::FromC(sinew_vm_list_reserve(list, uint64_t{1} << 58));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), sinew::StatusCode::kResourceExhausted);
  EXPECT_TRUE(IsError(sinew_vm_list_resize(list, 0x80000002u), SINEW_STATUS_RESOURCE_EXHAUSTED,
                      "list capacity 2147483650 (17179869200 bytes) exceeds the limit of "
                      "2147483648 bytes"));
  EXPECT_EQ(sinew_vm_list_size(list), 0u);
  EXPECT_EQ(sinew_vm_list_capacity(list), 0u);
  sinew_vm_list_release(list);
}

TEST(ListTest, AllocationFailuresAreResourceExhaustedAndLeakNothing) {
  CountingAllocator allocator;
  allocator.allocations_until_failure = 1;
  sinew_vm_list_t* list = nullptr;
  sinew::Status status = sinew::FromC(
      sinew_vm_list_create(sinew_vm_make_variant_type_def(), 10, allocator.get(), &list));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), sinew::StatusCode::kResourceExhausted);
  EXPECT_EQ(list, nullptr);
  EXPECT_EQ(allocator.allocations, allocator.frees);
}

TEST(ListTest, GrowingExposesZeroedSlotsEvenAfterShrinking) {
  sinew_vm_list_t* list = MakeValueList(SINEW_VM_VALUE_TYPE_I32, 3);
  SetI32(list, 0, 1);
  SetI32(list, 1, 2);
  SetI32(list, 2, 3);
  ASSERT_TRUE(IsOk(sinew_vm_list_resize(list, 1)));
  ASSERT_TRUE(IsOk(sinew_vm_list_resize(list, 200)));
  EXPECT_EQ(GetI32(list, 0), 1);
  EXPECT_EQ(GetI32(list, 1), 0);
  EXPECT_EQ(GetI32(list, 2), 0);
  EXPECT_EQ(GetI32(list, 199), 0);
  sinew_vm_list_clear(list);
  EXPECT_EQ(sinew_vm_list_size(list), 0u);
  sinew_vm_list_release(list);
}

TEST(ListTest, OutOfBoundsIndicesFailWithIndexAndSize) {
  sinew_vm_list_t* list = MakeValueList(SINEW_VM_VALUE_TYPE_I32, 3);
  sinew_vm_value_t value = sinew_vm_value_make_i32(1);
  EXPECT_TRUE(IsError(sinew_vm_list_get_value_as(list, 3, SINEW_VM_VALUE_TYPE_I32, &value),
                      SINEW_STATUS_OUT_OF_RANGE, "index 3 out of bounds (3)"));
  EXPECT_TRUE(IsError(sinew_vm_list_set_value(list, UINT64_MAX, &value), SINEW_STATUS_OUT_OF_RANGE,
                      "index 18446744073709551615 out of bounds (3)"));
  sinew_vm_variant_t variant;
  EXPECT_TRUE(IsError(sinew_vm_list_get_variant_retain(list, 4, &variant),
                      SINEW_STATUS_OUT_OF_RANGE, "index 4 out of bounds (3)"));
  sinew_vm_list_release(list);
}

TEST(ListTest, NarrowIntegerListTruncatesOnSetAndSignExtendsOnGet) {
  sinew_vm_list_t* list = MakeValueList(SINEW_VM_VALUE_TYPE_I8, 2);
  SetI32(list, 0, 300);
  SetI32(list, 1, 200);
  EXPECT_EQ(GetI32(list, 0), 44);
  EXPECT_EQ(GetI32(list, 1), -56);
  sinew_vm_value_t value;
  ASSERT_TRUE(IsOk(sinew_vm_list_get_value_as(list, 1, SINEW_VM_VALUE_TYPE_I64, &value)));
  EXPECT_EQ(value.type, SINEW_VM_VALUE_TYPE_I64);
  EXPECT_EQ(value.i64, -56);
  sinew_vm_list_release(list);
}

TEST(ListTest, IntegerAndFloatListsConvertNumerically) {
  sinew_vm_list_t* ints = MakeValueList(SINEW_VM_VALUE_TYPE_I32, 1);
  sinew_vm_value_t value = sinew_vm_value_make_f32(-2.75f);
  ASSERT_TRUE(IsOk(sinew_vm_list_set_value(ints, 0, &value)));
  EXPECT_EQ(GetI32(ints, 0), -2);
  ASSERT_TRUE(IsOk(sinew_vm_list_get_value_as(ints, 0, SINEW_VM_VALUE_TYPE_F64, &value)));
  EXPECT_EQ(value.f64, -2.0);
  sinew_vm_list_release(ints);

  sinew_vm_list_t* floats = MakeValueList(SINEW_VM_VALUE_TYPE_F64, 1);
  SetI32(floats, 0, 7);
  ASSERT_TRUE(IsOk(sinew_vm_list_get_value_as(floats, 0, SINEW_VM_VALUE_TYPE_F32, &value)));
  EXPECT_EQ(value.type, SINEW_VM_VALUE_TYPE_F32);
  EXPECT_EQ(value.f32, 7.0f);
  sinew_vm_list_release(floats);
}

TEST(ListTest, GetValueRejectsInvalidRequestedType) {
  sinew_vm_list_t* list = MakeValueList(SINEW_VM_VALUE_TYPE_I32, 1);
  sinew_vm_value_t value;
  EXPECT_TRUE(IsError(sinew_vm_list_get_value_as(list, 0, SINEW_VM_VALUE_TYPE_NONE, &value),
                      SINEW_STATUS_INVALID_ARGUMENT, "invalid value type 0"));
  sinew_vm_list_release(list);
}

TEST(ListTest, VariantListKeepsEachValueItsOwnType) {
  sinew_vm_list_t* list = MakeVariantList(0);
  sinew_vm_value_t f64 = sinew_vm_value_make_f64(1.5);
  sinew_vm_value_t i64 = sinew_vm_value_make_i64(int64_t{1} << 40);
  ASSERT_TRUE(IsOk(sinew_vm_list_push_value(list, &f64)));
  ASSERT_TRUE(IsOk(sinew_vm_list_push_value(list, &i64)));
  sinew_vm_variant_t variant;
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(list, 0, &variant)));
  EXPECT_EQ(variant.type.value_type, SINEW_VM_VALUE_TYPE_F64);
  EXPECT_EQ(variant.f64, 1.5);
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(list, 1, &variant)));
  EXPECT_EQ(variant.type.value_type, SINEW_VM_VALUE_TYPE_I64);
  EXPECT_EQ(variant.i64, int64_t{1} << 40);
  // Reads convert from the stored type.
  EXPECT_EQ(GetI32(list, 0), 1);
  EXPECT_EQ(GetI32(list, 1), 0);
  sinew_vm_list_release(list);
}

TEST(ListTest, RefListRejectsValueOperations) {
  sinew_vm_list_t* list = MakeBufferList(1);
  sinew_vm_value_t value = sinew_vm_value_make_i32(1);
  EXPECT_TRUE(IsError(sinew_vm_list_get_value_as(list, 0, SINEW_VM_VALUE_TYPE_I32, &value),
                      SINEW_STATUS_FAILED_PRECONDITION, "list does not store values"));
  EXPECT_TRUE(IsError(sinew_vm_list_set_value(list, 0, &value), SINEW_STATUS_FAILED_PRECONDITION,
                      "list cannot store values"));
  EXPECT_TRUE(IsError(sinew_vm_list_push_value(list, &value), SINEW_STATUS_FAILED_PRECONDITION,
                      "list cannot store values"));
  EXPECT_EQ(sinew_vm_list_size(list), 1u);
  sinew_vm_variant_t variant = sinew_vm_variant_empty();
  variant.type = sinew_vm_make_value_type_def(SINEW_VM_VALUE_TYPE_I32);
  EXPECT_TRUE(IsError(sinew_vm_list_set_variant_retain(list, 0, &variant),
                      SINEW_STATUS_FAILED_PRECONDITION, "list cannot store values"));
  sinew_vm_list_release(list);
}

TEST(ListTest, ValueListRejectsRefOperations) {
  sinew_vm_list_t* list = MakeValueList(SINEW_VM_VALUE_TYPE_I32, 1);
  sinew_vm_buffer_t* buffer = MakeBuffer();
  sinew_vm_ref_t ref = RetainedRef(buffer);
  sinew_vm_ref_t out = {nullptr, 0};
  EXPECT_TRUE(IsError(sinew_vm_list_get_ref_retain_or_move(list, 0, 0, &out),
                      SINEW_STATUS_FAILED_PRECONDITION, "list does not store refs"));
  EXPECT_TRUE(IsError(sinew_vm_list_set_ref_retain_or_move(list, 0, 1, &ref),
                      SINEW_STATUS_FAILED_PRECONDITION, "list cannot store refs"));
  EXPECT_TRUE(IsError(sinew_vm_list_push_ref_retain_or_move(list, 1, &ref),
                      SINEW_STATUS_FAILED_PRECONDITION, "list cannot store refs"));
  EXPECT_EQ(sinew_vm_list_size(list), 1u);
  EXPECT_EQ(ref.ptr, buffer);
  EXPECT_EQ(buffer->counter, 2u);
  sinew_vm_ref_release(&ref);
  sinew_vm_buffer_release(buffer);
  sinew_vm_list_release(list);
}

TEST(ListTest, TypedRefListRejectsOtherRefTypesAndChangesNothing) {
  sinew_vm_list_t* list = MakeBufferList(1);
  sinew_vm_list_t* other = MakeVariantList(0);
  sinew_vm_ref_t ref = {nullptr, 0};
  sinew_vm_ref_wrap_retain(other, sinew_vm_list_type(), &ref);
  EXPECT_TRUE(IsError(sinew_vm_list_set_ref_retain_or_move(list, 0, 1, &ref),
                      SINEW_STATUS_INVALID_ARGUMENT, "source ref type mismatch"));
  EXPECT_TRUE(IsError(sinew_vm_list_push_ref_retain_or_move(list, 1, &ref),
                      SINEW_STATUS_INVALID_ARGUMENT, "source ref type mismatch"));
  EXPECT_EQ(ref.ptr, other);
  EXPECT_EQ(sinew_vm_list_size(list), 1u);
  sinew_vm_ref_t out = {nullptr, 0};
  ASSERT_TRUE(IsOk(sinew_vm_list_get_ref_retain_or_move(list, 0, 0, &out)));
  EXPECT_TRUE(sinew_vm_ref_is_null(&out));
  sinew_vm_ref_release(&ref);
  sinew_vm_list_release(other);
  sinew_vm_list_release(list);
}

TEST(ListTest, RefListRetainsAndMovesWithExactCounts) {
  sinew_vm_list_t* list = MakeBufferList(2);
  sinew_vm_buffer_t* buffer = MakeBuffer();
  sinew_vm_ref_t ref = RetainedRef(buffer);  // count 2
  ASSERT_TRUE(IsOk(sinew_vm_list_set_ref_retain_or_move(list, 0, /*is_move=*/0, &ref)));
  EXPECT_EQ(buffer->counter, 3u);
  ASSERT_TRUE(IsOk(sinew_vm_list_set_ref_retain_or_move(list, 1, /*is_move=*/1, &ref)));
  EXPECT_TRUE(sinew_vm_ref_is_null(&ref));
  EXPECT_EQ(buffer->counter, 3u);

  sinew_vm_ref_t out = {nullptr, 0};
  ASSERT_TRUE(IsOk(sinew_vm_list_get_ref_retain_or_move(list, 0, /*is_move=*/0, &out)));
  EXPECT_EQ(sinew_vm_buffer_deref(&out), buffer);
  EXPECT_EQ(buffer->counter, 4u);
  // Moving into `out` releases what it held.
  ASSERT_TRUE(IsOk(sinew_vm_list_get_ref_retain_or_move(list, 1, /*is_move=*/1, &out)));
  EXPECT_EQ(buffer->counter, 3u);
  sinew_vm_ref_t moved_out = {nullptr, 0};
  ASSERT_TRUE(IsOk(sinew_vm_list_get_ref_retain_or_move(list, 1, /*is_move=*/0, &moved_out)));
  EXPECT_TRUE(sinew_vm_ref_is_null(&moved_out));

  sinew_vm_ref_release(&out);
  sinew_vm_list_release(list);
  EXPECT_EQ(buffer->counter, 1u);
  sinew_vm_buffer_release(buffer);
}

TEST(ListTest, ShrinkingReleasesRefsInRemovedSlots) {
  sinew_vm_list_t* list = MakeBufferList(0);
  sinew_vm_buffer_t* buffer = MakeBuffer();
  sinew_vm_ref_t ref = RetainedRef(buffer);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(IsOk(sinew_vm_list_push_ref_retain_or_move(list, 0, &ref)));
  }
  EXPECT_EQ(buffer->counter, 5u);
  ASSERT_TRUE(IsOk(sinew_vm_list_resize(list, 1)));
  EXPECT_EQ(buffer->counter, 3u);
  ASSERT_TRUE(IsOk(sinew_vm_list_resize(list, 3)));
  sinew_vm_ref_t out = {nullptr, 0};
  ASSERT_TRUE(IsOk(sinew_vm_list_get_ref_retain_or_move(list, 2, 0, &out)));
  EXPECT_TRUE(sinew_vm_ref_is_null(&out));
  sinew_vm_list_clear(list);
  EXPECT_EQ(buffer->counter, 2u);
  sinew_vm_ref_release(&ref);
  sinew_vm_list_release(list);
  sinew_vm_buffer_release(buffer);
}

TEST(ListTest, DestroyReleasesHeldRefsAndFreesEverything) {
  CountingAllocator allocator;
  sinew_vm_list_t* list = nullptr;
  ASSERT_TRUE(
      IsOk(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 1, allocator.get(), &list)));
  sinew_vm_buffer_t* buffer = MakeBuffer();
  sinew_vm_ref_t ref = RetainedRef(buffer);
  ASSERT_TRUE(IsOk(sinew_vm_list_push_ref_retain_or_move(list, 1, &ref)));
  // A nested list is released (and destroyed) with its parent.
  sinew_vm_list_t* inner = nullptr;
  ASSERT_TRUE(IsOk(sinew_vm_list_create(sinew_vm_make_ref_type_def(sinew_vm_buffer_type()), 0,
                                        allocator.get(), &inner)));
  ASSERT_TRUE(IsOk(sinew_vm_list_resize(inner, 1)));
  sinew_vm_ref_t inner_buffer = RetainedRef(buffer);
  ASSERT_TRUE(IsOk(sinew_vm_list_set_ref_retain_or_move(inner, 0, 1, &inner_buffer)));
  sinew_vm_ref_t inner_ref = {inner, sinew_vm_list_type()};
  ASSERT_TRUE(IsOk(sinew_vm_list_push_ref_retain_or_move(list, 1, &inner_ref)));
  EXPECT_EQ(buffer->counter, 3u);
  sinew_vm_list_release(list);
  EXPECT_EQ(buffer->counter, 1u);
  EXPECT_EQ(allocator.allocations, allocator.frees);
  sinew_vm_buffer_release(buffer);
}

TEST(ListTest, VariantSlotsReportWhatTheyHold) {
  sinew_vm_list_t* list = MakeVariantList(3);
  sinew_vm_buffer_t* buffer = MakeBuffer();
  sinew_vm_ref_t ref = RetainedRef(buffer);
  ASSERT_TRUE(IsOk(sinew_vm_list_set_ref_retain_or_move(list, 1, 1, &ref)));
  SetI32(list, 2, 5);

  sinew_vm_value_t value;
  EXPECT_TRUE(IsError(sinew_vm_list_get_value_as(list, 0, SINEW_VM_VALUE_TYPE_I32, &value),
                      SINEW_STATUS_FAILED_PRECONDITION, "variant at index 0 is not a value type"));
  EXPECT_TRUE(IsError(sinew_vm_list_get_value_as(list, 1, SINEW_VM_VALUE_TYPE_I32, &value),
                      SINEW_STATUS_FAILED_PRECONDITION, "variant at index 1 is not a value type"));
  sinew_vm_ref_t out = RetainedRef(buffer);
  EXPECT_TRUE(IsError(sinew_vm_list_get_ref_retain_or_move(list, 2, 0, &out),
                      SINEW_STATUS_FAILED_PRECONDITION, "variant at index 2 is not a ref type"));
  // An empty slot reads as null, releasing what `out` held.
  EXPECT_EQ(buffer->counter, 3u);
  ASSERT_TRUE(IsOk(sinew_vm_list_get_ref_retain_or_move(list, 0, 0, &out)));
  EXPECT_TRUE(sinew_vm_ref_is_null(&out));
  EXPECT_EQ(buffer->counter, 2u);

  sinew_vm_variant_t variant;
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(list, 0, &variant)));
  EXPECT_TRUE(sinew_vm_variant_is_empty(&variant));
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(list, 1, &variant)));
  ASSERT_TRUE(sinew_vm_variant_is_ref(&variant));
  EXPECT_EQ(variant.type.ref_type, sinew_vm_buffer_type());
  EXPECT_EQ(sinew_vm_buffer_deref(&variant.ref), buffer);
  EXPECT_EQ(buffer->counter, 3u);
  sinew_vm_ref_release(&variant.ref);
  sinew_vm_list_release(list);
  sinew_vm_buffer_release(buffer);
}

TEST(ListTest, StoringNullRefEmptiesVariantSlotAndReleasesOldRef) {
  sinew_vm_list_t* list = MakeVariantList(1);
  sinew_vm_buffer_t* buffer = MakeBuffer();
  sinew_vm_ref_t ref = RetainedRef(buffer);
  ASSERT_TRUE(IsOk(sinew_vm_list_set_ref_retain_or_move(list, 0, 1, &ref)));
  EXPECT_EQ(buffer->counter, 2u);
  sinew_vm_ref_t null_ref = {nullptr, 0};
  ASSERT_TRUE(IsOk(sinew_vm_list_set_ref_retain_or_move(list, 0, 0, &null_ref)));
  EXPECT_EQ(buffer->counter, 1u);
  sinew_vm_variant_t variant;
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(list, 0, &variant)));
  EXPECT_TRUE(sinew_vm_variant_is_empty(&variant));
  sinew_vm_list_release(list);
  sinew_vm_buffer_release(buffer);
}

TEST(ListTest, MovingRefOutOfVariantSlotLeavesItEmpty) {
  sinew_vm_list_t* list = MakeVariantList(1);
  sinew_vm_buffer_t* buffer = MakeBuffer();
  sinew_vm_ref_t ref = RetainedRef(buffer);
  ASSERT_TRUE(IsOk(sinew_vm_list_set_ref_retain_or_move(list, 0, 1, &ref)));
  sinew_vm_ref_t out = {nullptr, 0};
  ASSERT_TRUE(IsOk(sinew_vm_list_get_ref_retain_or_move(list, 0, /*is_move=*/1, &out)));
  EXPECT_EQ(sinew_vm_buffer_deref(&out), buffer);
  EXPECT_EQ(buffer->counter, 2u);
  sinew_vm_variant_t variant;
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(list, 0, &variant)));
  EXPECT_TRUE(sinew_vm_variant_is_empty(&variant));
  sinew_vm_ref_release(&out);
  sinew_vm_list_release(list);
  sinew_vm_buffer_release(buffer);
}

TEST(ListTest, SettingValueIntoVariantSlotReleasesItsRef) {
  sinew_vm_list_t* list = MakeVariantList(1);
  sinew_vm_buffer_t* buffer = MakeBuffer();
  sinew_vm_ref_t ref = RetainedRef(buffer);
  ASSERT_TRUE(IsOk(sinew_vm_list_set_ref_retain_or_move(list, 0, 1, &ref)));
  SetI32(list, 0, 9);
  EXPECT_EQ(buffer->counter, 1u);
  EXPECT_EQ(GetI32(list, 0), 9);
  sinew_vm_list_release(list);
  sinew_vm_buffer_release(buffer);
}

TEST(ListTest, VariantAccessorsFollowTheListsStorage) {
  sinew_vm_list_t* i16s = MakeValueList(SINEW_VM_VALUE_TYPE_I16, 0);
  sinew_vm_variant_t variant = sinew_vm_variant_empty();
  variant.type = sinew_vm_make_value_type_def(SINEW_VM_VALUE_TYPE_I32);
  variant.i32 = 70000;
  ASSERT_TRUE(IsOk(sinew_vm_list_push_variant_retain(i16s, &variant)));
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(i16s, 0, &variant)));
  EXPECT_EQ(variant.type.value_type, SINEW_VM_VALUE_TYPE_I16);
  EXPECT_EQ(variant.i16, static_cast<int16_t>(70000));
  sinew_vm_variant_t empty = sinew_vm_variant_empty();
  EXPECT_TRUE(IsError(sinew_vm_list_push_variant_retain(i16s, &empty),
                      SINEW_STATUS_FAILED_PRECONDITION, "list cannot store refs"));
  EXPECT_EQ(sinew_vm_list_size(i16s), 1u);
  sinew_vm_list_release(i16s);

  sinew_vm_list_t* buffers = MakeBufferList(1);
  sinew_vm_buffer_t* buffer = MakeBuffer();
  ASSERT_TRUE(IsOk(sinew_vm_list_get_variant_retain(buffers, 0, &variant)));
  EXPECT_EQ(variant.type.ref_type, sinew_vm_buffer_type());
  EXPECT_TRUE(sinew_vm_ref_is_null(&variant.ref));
  variant.ref = {buffer, sinew_vm_buffer_type()};
  ASSERT_TRUE(IsOk(sinew_vm_list_set_variant_retain(buffers, 0, &variant)));
  EXPECT_EQ(buffer->counter, 2u);
  sinew_vm_list_release(buffers);
  EXPECT_EQ(buffer->counter, 1u);
  sinew_vm_buffer_release(buffer);
}

TEST(ListTest, TypeIsNamedVmListWithCounterFirst) {
  const sinew_vm_ref_type_descriptor_t* descriptor = sinew_vm_list_descriptor();
  EXPECT_STREQ(descriptor->type_name, "vm.list");
  EXPECT_EQ(descriptor->offsetof_counter, 0u);
  EXPECT_EQ(sinew_vm_list_type(), sinew_vm_ref_type_from_descriptor(descriptor));
  sinew_vm_list_t* list = MakeValueList(SINEW_VM_VALUE_TYPE_F32);
  sinew_vm_type_def_t type = sinew_vm_list_element_type(list);
  EXPECT_EQ(type.value_type, SINEW_VM_VALUE_TYPE_F32);
  EXPECT_EQ(type.ref_type, 0u);
  sinew_vm_list_release(list);
}

}  // namespace
