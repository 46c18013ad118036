// Tests for vm.buffer: allocation, rodata ownership, range and permission checks, byte and element
// operations, and the SipHash-2-4 hash.
#include "runtime/vm/buffer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string_view>

#include "runtime/base/status_testing.h"

namespace {

using sinew::testing::CountingAllocator;
using sinew::testing::IsError;
using sinew::testing::IsOk;

constexpr uint32_t kMutable = SINEW_VM_BUFFER_ACCESS_MUTABLE | SINEW_VM_BUFFER_ACCESS_ORIGIN_GUEST;

sinew_vm_buffer_t* MakeBuffer(uint64_t length, uint32_t access = kMutable) {
  sinew_vm_buffer_t* buffer = nullptr;
  EXPECT_TRUE(IsOk(sinew_vm_buffer_create(access, length, 0, sinew_allocator_system(), &buffer)));
  return buffer;
}

// A buffer holding 0, 1, 2, ... length-1.
sinew_vm_buffer_t* MakeSequence(uint64_t length) {
  sinew_vm_buffer_t* buffer = MakeBuffer(length);
  for (uint64_t i = 0; i < length; ++i) buffer->data[i] = static_cast<uint8_t>(i);
  return buffer;
}

TEST(BufferTest, CreateMakesOneZeroFilledAlignedAllocationWithCountOne) {
  CountingAllocator allocator;
  sinew_vm_buffer_t* buffer = nullptr;
  ASSERT_TRUE(IsOk(sinew_vm_buffer_create(kMutable, 100, 64, allocator.get(), &buffer)));
  EXPECT_EQ(allocator.allocations, 1);
  EXPECT_EQ(buffer->counter, 1u);
  EXPECT_EQ(buffer->access, kMutable);
  EXPECT_EQ(buffer->length, 100u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer->data) % 64, 0u);
  for (size_t i = 0; i < buffer->length; ++i) ASSERT_EQ(buffer->data[i], 0) << i;
  sinew_vm_buffer_release(buffer);
  EXPECT_EQ(allocator.frees, 1);
}

TEST(BufferTest, DataIsAlignedTo16WhenAlignmentIsSmaller) {
  for (uint64_t alignment : {0, 1, 2, 8}) {
    sinew_vm_buffer_t* buffer = nullptr;
    ASSERT_TRUE(
        IsOk(sinew_vm_buffer_create(kMutable, 3, alignment, sinew_allocator_system(), &buffer)));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer->data) % 16, 0u) << alignment;
    sinew_vm_buffer_release(buffer);
  }
}

TEST(BufferTest, ZeroLengthBufferIsValid) {
  sinew_vm_buffer_t* buffer = MakeBuffer(0);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(buffer->length, 0u);
  const uint8_t* data = nullptr;
  EXPECT_TRUE(IsOk(sinew_vm_buffer_map_ro(buffer, 0, 0, 1, &data)));
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, CreateRejectsAlignmentThatIsNotAPowerOfTwo) {
  sinew_vm_buffer_t* buffer = nullptr;
  EXPECT_TRUE(IsError(sinew_vm_buffer_create(kMutable, 8, 3, sinew_allocator_system(), &buffer),
                      SINEW_STATUS_INVALID_ARGUMENT, "alignments must be powers of two (got 3)"));
  // A VM program's -1 arrives sign-extended and prints as unsigned.
  EXPECT_TRUE(
      IsError(sinew_vm_buffer_create(kMutable, 8, UINT64_MAX, sinew_allocator_system(), &buffer),
              SINEW_STATUS_INVALID_ARGUMENT,
              "alignments must be powers of two (got 18446744073709551615)"));
  EXPECT_EQ(buffer, nullptr);
}

TEST(BufferTest, CreateReportsSizeOverflowAsOutOfRange) {
  sinew_vm_buffer_t* buffer = nullptr;
  EXPECT_TRUE(
      IsError(sinew_vm_buffer_create(kMutable, UINT64_MAX, 0, sinew_allocator_system(), &buffer),
              SINEW_STATUS_OUT_OF_RANGE, "aligned allocation size overflow"));
  EXPECT_EQ(buffer, nullptr);
}

TEST(BufferTest, CreateReportsAllocationFailureAsResourceExhausted) {
  CountingAllocator allocator;
  allocator.allocations_until_failure = 0;
  sinew_vm_buffer_t* buffer = nullptr;
  sinew::Status status =
      sinew::FromC(sinew_vm_buffer_create(kMutable, 8, 0, allocator.get(), &buffer));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), sinew::StatusCode::kResourceExhausted);
  EXPECT_EQ(buffer, nullptr);
}

TEST(BufferTest, CloneCopiesSubrangeIntoNewBufferWithGivenAccess) {
  static const uint8_t kBytes[] = {10, 11, 12, 13, 14};
  sinew_vm_buffer_t rodata;
  sinew_vm_buffer_initialize_rodata(&rodata, kBytes, sizeof(kBytes), nullptr, nullptr, nullptr);
  sinew_vm_buffer_t* clone = nullptr;
  ASSERT_TRUE(
      IsOk(sinew_vm_buffer_clone(kMutable, &rodata, 1, 3, 32, sinew_allocator_system(), &clone)));
  EXPECT_EQ(clone->length, 3u);
  EXPECT_EQ(clone->access, kMutable);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(clone->data) % 32, 0u);
  EXPECT_EQ(std::memcmp(clone->data, kBytes + 1, 3), 0);
  EXPECT_NE(clone->data, kBytes + 1);
  sinew_vm_buffer_release(clone);
}

TEST(BufferTest, CloneChecksSourceRange) {
  sinew_vm_buffer_t* source = MakeBuffer(4);
  sinew_vm_buffer_t* clone = nullptr;
  EXPECT_TRUE(
      IsError(sinew_vm_buffer_clone(kMutable, source, 2, 3, 0, sinew_allocator_system(), &clone),
              SINEW_STATUS_OUT_OF_RANGE,
              "out-of-bounds access detected (offset=2, length=3, alignment=1, buffer length=4)"));
  EXPECT_EQ(clone, nullptr);
  sinew_vm_buffer_release(source);
}

struct FakeOwner {
  int retains = 0;
  int releases = 0;
  static void Retain(void* self) { ++static_cast<FakeOwner*>(self)->retains; }
  static void Release(void* self) { ++static_cast<FakeOwner*>(self)->releases; }
};

TEST(BufferTest, RodataStartsAtZeroAndIsReadOnlyModuleMemory) {
  static const uint8_t kBytes[] = {1, 2, 3};
  FakeOwner owner;
  sinew_vm_buffer_t rodata;
  sinew_vm_buffer_initialize_rodata(&rodata, kBytes, sizeof(kBytes), &owner, FakeOwner::Retain,
                                    FakeOwner::Release);
  EXPECT_EQ(rodata.counter, 0u);
  EXPECT_EQ(rodata.access, static_cast<uint32_t>(SINEW_VM_BUFFER_ACCESS_ORIGIN_MODULE));
  EXPECT_EQ(rodata.data, kBytes);
  EXPECT_EQ(rodata.length, 3u);
  EXPECT_EQ(owner.retains, 0);
}

TEST(BufferTest, RodataReferencesKeepOwnerAliveOnlyWhileHeld) {
  static const uint8_t kBytes[] = {1, 2, 3};
  FakeOwner owner;
  sinew_vm_buffer_t rodata;
  sinew_vm_buffer_initialize_rodata(&rodata, kBytes, sizeof(kBytes), &owner, FakeOwner::Retain,
                                    FakeOwner::Release);
  sinew_vm_ref_t first = {nullptr, 0};
  sinew_vm_ref_t second = {nullptr, 0};
  sinew_vm_buffer_retain_rodata(&rodata, &first);
  sinew_vm_buffer_retain_rodata(&rodata, &second);
  EXPECT_EQ(sinew_vm_buffer_deref(&first), &rodata);
  EXPECT_EQ(rodata.counter, 2u);
  EXPECT_EQ(owner.retains, 1);
  sinew_vm_ref_release(&first);
  EXPECT_EQ(owner.releases, 0);
  sinew_vm_ref_release(&second);
  EXPECT_EQ(owner.releases, 1);
  EXPECT_EQ(rodata.counter, 0u);
  // A new first reference retains the owner again.
  sinew_vm_buffer_retain_rodata(&rodata, &first);
  EXPECT_EQ(owner.retains, 2);
  sinew_vm_ref_release(&first);
  EXPECT_EQ(owner.releases, 2);
}

TEST(BufferTest, AliasSharesBytesAndAccessAndKeepsTheSourceAlive) {
  CountingAllocator allocator;
  sinew_vm_buffer_t* source = MakeSequence(8);
  sinew_vm_buffer_t* alias = nullptr;
  ASSERT_TRUE(IsOk(sinew_vm_buffer_create_alias(source, 2, 4, allocator.get(), &alias)));
  EXPECT_EQ(alias->data, source->data + 2);
  EXPECT_EQ(alias->length, 4u);
  EXPECT_EQ(alias->access, kMutable);
  EXPECT_EQ(source->counter, 2u);
  sinew_vm_buffer_release(source);
  alias->data[0] = 42;
  EXPECT_EQ(alias->data[0], 42);
  sinew_vm_buffer_release(alias);
  EXPECT_EQ(allocator.allocations, 1);
  EXPECT_EQ(allocator.frees, 1);
}

TEST(BufferTest, AliasOfRodataIsReadOnlyAndHoldsTheModule) {
  static const uint8_t kBytes[] = {1, 2, 3};
  FakeOwner owner;
  sinew_vm_buffer_t rodata;
  sinew_vm_buffer_initialize_rodata(&rodata, kBytes, sizeof(kBytes), &owner, FakeOwner::Retain,
                                    FakeOwner::Release);
  sinew_vm_ref_t ref = {nullptr, 0};
  sinew_vm_buffer_retain_rodata(&rodata, &ref);
  sinew_vm_buffer_t* alias = nullptr;
  ASSERT_TRUE(IsOk(sinew_vm_buffer_create_alias(&rodata, 1, 2, sinew_allocator_system(), &alias)));
  sinew_vm_ref_release(&ref);
  EXPECT_EQ(owner.releases, 0) << "the alias keeps the rodata, and so the module, alive";
  uint8_t* data = nullptr;
  EXPECT_TRUE(IsError(sinew_vm_buffer_map_rw(alias, 0, 1, 1, &data), SINEW_STATUS_PERMISSION_DENIED,
                      "buffer is read-only and cannot be mapped for mutation"));
  sinew_vm_buffer_release(alias);
  EXPECT_EQ(owner.releases, 1);
}

TEST(BufferTest, AliasChecksTheRange) {
  sinew_vm_buffer_t* source = MakeBuffer(4);
  sinew_vm_buffer_t* alias = nullptr;
  EXPECT_TRUE(IsError(sinew_vm_buffer_create_alias(source, 3, 2, sinew_allocator_system(), &alias),
                      SINEW_STATUS_OUT_OF_RANGE,
                      "out-of-bounds access detected (offset=3, length=2, alignment=1, buffer "
                      "length=4)"));
  EXPECT_EQ(alias, nullptr);
  sinew_vm_buffer_release(source);
}

TEST(BufferTest, RetainRodataReleasesPreviousValueOfOut) {
  static const uint8_t kBytes[] = {1};
  sinew_vm_buffer_t rodata;
  sinew_vm_buffer_initialize_rodata(&rodata, kBytes, sizeof(kBytes), nullptr, nullptr, nullptr);
  sinew_vm_buffer_t* heap = MakeBuffer(1);
  sinew_vm_buffer_retain(heap);
  sinew_vm_ref_t out = {heap, sinew_vm_buffer_type()};
  sinew_vm_buffer_retain_rodata(&rodata, &out);
  EXPECT_EQ(out.ptr, &rodata);
  EXPECT_EQ(heap->counter, 1u);
  sinew_vm_ref_release(&out);
  sinew_vm_buffer_release(heap);
}

TEST(BufferTest, WritesToRodataAreDeniedBeforeRangeChecks) {
  static const uint8_t kBytes[] = {1, 2, 3, 4};
  sinew_vm_buffer_t rodata;
  sinew_vm_buffer_initialize_rodata(&rodata, kBytes, sizeof(kBytes), nullptr, nullptr, nullptr);
  constexpr std::string_view kDenied = "buffer is read-only and cannot be mapped for mutation";
  uint8_t* data = nullptr;
  EXPECT_TRUE(IsError(sinew_vm_buffer_map_rw(&rodata, 0, 1, 1, &data),
                      SINEW_STATUS_PERMISSION_DENIED, kDenied));
  uint32_t value = 7;
  EXPECT_TRUE(IsError(sinew_vm_buffer_write_elements(&rodata, 100, &value, 1, 4),
                      SINEW_STATUS_PERMISSION_DENIED, kDenied));
  EXPECT_TRUE(IsError(sinew_vm_buffer_fill_elements(&rodata, 100, 1, 4, &value),
                      SINEW_STATUS_PERMISSION_DENIED, kDenied));
  sinew_vm_buffer_t* source = MakeBuffer(4);
  EXPECT_TRUE(IsError(sinew_vm_buffer_copy_bytes(source, 0, &rodata, 100, 1),
                      SINEW_STATUS_PERMISSION_DENIED, kDenied));
  sinew_vm_buffer_release(source);
  EXPECT_EQ(kBytes[0], 1);
}

TEST(BufferTest, MapAcceptsExactlyTheRangesInsideTheBuffer) {
  sinew_vm_buffer_t* buffer = MakeSequence(16);
  const uint8_t* data = nullptr;
  EXPECT_TRUE(IsOk(sinew_vm_buffer_map_ro(buffer, 0, 16, 1, &data)));
  EXPECT_EQ(data, buffer->data);
  EXPECT_TRUE(IsOk(sinew_vm_buffer_map_ro(buffer, 16, 0, 1, &data)));
  uint8_t* rw = nullptr;
  EXPECT_TRUE(IsOk(sinew_vm_buffer_map_rw(buffer, 8, 8, 4, &rw)));
  EXPECT_EQ(rw, buffer->data + 8);
  EXPECT_TRUE(IsError(
      sinew_vm_buffer_map_ro(buffer, 1, 16, 1, &data), SINEW_STATUS_OUT_OF_RANGE,
      "out-of-bounds access detected (offset=1, length=16, alignment=1, buffer length=16)"));
  EXPECT_TRUE(IsError(
      sinew_vm_buffer_map_ro(buffer, 17, 0, 1, &data), SINEW_STATUS_OUT_OF_RANGE,
      "out-of-bounds access detected (offset=17, length=0, alignment=1, buffer length=16)"));
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, MapRejectsRangesThatWrapAround) {
  sinew_vm_buffer_t* buffer = MakeBuffer(16);
  const uint8_t* data = nullptr;
  EXPECT_TRUE(IsError(sinew_vm_buffer_map_ro(buffer, UINT64_MAX, 2, 1, &data),
                      SINEW_STATUS_OUT_OF_RANGE,
                      "out-of-bounds access detected (offset=18446744073709551615, length=2, "
                      "alignment=1, buffer length=16)"));
  EXPECT_TRUE(IsError(sinew_vm_buffer_map_ro(buffer, 8, UINT64_MAX - 4, 1, &data),
                      SINEW_STATUS_OUT_OF_RANGE,
                      "out-of-bounds access detected (offset=8, length=18446744073709551611, "
                      "alignment=1, buffer length=16)"));
  EXPECT_EQ(data, nullptr);
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, MapRejectsOffsetNotMultipleOfAlignment) {
  sinew_vm_buffer_t* buffer = MakeBuffer(16);
  const uint8_t* data = nullptr;
  EXPECT_TRUE(
      IsError(sinew_vm_buffer_map_ro(buffer, 2, 4, 4, &data), SINEW_STATUS_OUT_OF_RANGE,
              "out-of-bounds access detected (offset=2, length=4, alignment=4, buffer length=16)"));
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, ElementOpsRejectOtherElementSizes) {
  sinew_vm_buffer_t* buffer = MakeBuffer(16);
  uint8_t bytes[16] = {};
  EXPECT_TRUE(IsError(sinew_vm_buffer_read_elements(buffer, 0, bytes, 1, 3),
                      SINEW_STATUS_INVALID_ARGUMENT,
                      "invalid element length 3; expected one of [1, 2, 4, 8]"));
  EXPECT_TRUE(IsError(sinew_vm_buffer_write_elements(buffer, 0, bytes, 1, 16),
                      SINEW_STATUS_INVALID_ARGUMENT,
                      "invalid element length 16; expected one of [1, 2, 4, 8]"));
  EXPECT_TRUE(IsError(sinew_vm_buffer_fill_elements(buffer, 0, 1, 0, bytes),
                      SINEW_STATUS_INVALID_ARGUMENT,
                      "invalid element length 0; expected one of [1, 2, 4, 8]"));
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, ElementRangeIsCheckedInBytesWithoutWrapping) {
  sinew_vm_buffer_t* buffer = MakeBuffer(16);
  uint32_t value = 0;
  EXPECT_TRUE(IsOk(sinew_vm_buffer_read_elements(buffer, 3, &value, 1, 4)));
  EXPECT_TRUE(IsError(
      sinew_vm_buffer_read_elements(buffer, 4, &value, 1, 4), SINEW_STATUS_OUT_OF_RANGE,
      "out-of-bounds access detected (offset=16, length=4, alignment=4, buffer length=16)"));
  // Element -1: OFF*4 wraps to a huge byte offset that must not pass.
  EXPECT_TRUE(IsError(sinew_vm_buffer_write_elements(buffer, UINT64_MAX, &value, 1, 4),
                      SINEW_STATUS_OUT_OF_RANGE,
                      "out-of-bounds access detected (offset=18446744073709551612, length=4, "
                      "alignment=4, buffer length=16)"));
  // (OFF + COUNT) * 8 wraps to 0 here.
  EXPECT_TRUE(IsError(sinew_vm_buffer_fill_elements(buffer, 1, (uint64_t{1} << 61) - 1, 8, &value),
                      SINEW_STATUS_OUT_OF_RANGE,
                      "out-of-bounds access detected (offset=8, length=18446744073709551608, "
                      "alignment=8, buffer length=16)"));
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, FillWritesValueIntoEachElement) {
  sinew_vm_buffer_t* buffer = MakeBuffer(16);
  uint16_t value = 0xBEEF;
  ASSERT_TRUE(IsOk(sinew_vm_buffer_fill_elements(buffer, 1, 3, 2, &value)));
  uint16_t elements[8];
  std::memcpy(elements, buffer->data, sizeof(elements));
  EXPECT_EQ(elements[0], 0);
  for (int i = 1; i <= 3; ++i) EXPECT_EQ(elements[i], 0xBEEF) << i;
  EXPECT_EQ(elements[4], 0);
  uint8_t byte = 0x5A;
  ASSERT_TRUE(IsOk(sinew_vm_buffer_fill_elements(buffer, 14, 2, 1, &byte)));
  EXPECT_EQ(buffer->data[13], 0);
  EXPECT_EQ(buffer->data[14], 0x5A);
  EXPECT_EQ(buffer->data[15], 0x5A);
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, ZeroCountFillIsStillRangeChecked) {
  sinew_vm_buffer_t* buffer = MakeBuffer(16);
  uint32_t value = 1;
  EXPECT_TRUE(IsOk(sinew_vm_buffer_fill_elements(buffer, 4, 0, 4, &value)));
  EXPECT_TRUE(IsError(
      sinew_vm_buffer_fill_elements(buffer, 5, 0, 4, &value), SINEW_STATUS_OUT_OF_RANGE,
      "out-of-bounds access detected (offset=20, length=0, alignment=4, buffer length=16)"));
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, ReadAndWriteElementsRoundTripLittleEndian) {
  sinew_vm_buffer_t* buffer = MakeBuffer(16);
  const uint64_t written[2] = {0x0102030405060708ull, 0xFFFFFFFFFFFFFFFFull};
  ASSERT_TRUE(IsOk(sinew_vm_buffer_write_elements(buffer, 0, written, 2, 8)));
  EXPECT_EQ(buffer->data[0], 0x08);
  EXPECT_EQ(buffer->data[7], 0x01);
  uint32_t read[2] = {};
  ASSERT_TRUE(IsOk(sinew_vm_buffer_read_elements(buffer, 1, read, 2, 4)));
  EXPECT_EQ(read[0], 0x01020304u);
  EXPECT_EQ(read[1], 0xFFFFFFFFu);
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, CopyWithinOneBufferHasMemmoveSemantics) {
  sinew_vm_buffer_t* buffer = MakeSequence(8);
  ASSERT_TRUE(IsOk(sinew_vm_buffer_copy_bytes(buffer, 0, buffer, 2, 6)));
  const uint8_t expected[] = {0, 1, 0, 1, 2, 3, 4, 5};
  EXPECT_EQ(std::memcmp(buffer->data, expected, sizeof(expected)), 0);
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, CopyChecksSourceRangeThenTargetMutabilityThenTargetRange) {
  static const uint8_t kBytes[] = {1, 2};
  sinew_vm_buffer_t rodata;
  sinew_vm_buffer_initialize_rodata(&rodata, kBytes, sizeof(kBytes), nullptr, nullptr, nullptr);
  sinew_vm_buffer_t* source = MakeSequence(4);
  sinew_vm_buffer_t* target = MakeBuffer(4);
  EXPECT_TRUE(
      IsError(sinew_vm_buffer_copy_bytes(source, 3, &rodata, 0, 2), SINEW_STATUS_OUT_OF_RANGE,
              "out-of-bounds access detected (offset=3, length=2, alignment=1, buffer length=4)"));
  EXPECT_TRUE(IsError(sinew_vm_buffer_copy_bytes(source, 0, &rodata, 9, 2),
                      SINEW_STATUS_PERMISSION_DENIED,
                      "buffer is read-only and cannot be mapped for mutation"));
  EXPECT_TRUE(
      IsError(sinew_vm_buffer_copy_bytes(source, 0, target, 3, 2), SINEW_STATUS_OUT_OF_RANGE,
              "out-of-bounds access detected (offset=3, length=2, alignment=1, buffer length=4)"));
  EXPECT_TRUE(IsOk(sinew_vm_buffer_copy_bytes(&rodata, 0, target, 2, 2)));
  EXPECT_EQ(target->data[3], 2);
  sinew_vm_buffer_release(source);
  sinew_vm_buffer_release(target);
}

TEST(BufferTest, CompareReportsBytewiseEquality) {
  sinew_vm_buffer_t* lhs = MakeSequence(8);
  sinew_vm_buffer_t* rhs = MakeSequence(8);
  rhs->data[5] = 99;
  int equal = -1;
  ASSERT_TRUE(IsOk(sinew_vm_buffer_compare_bytes(lhs, 0, rhs, 0, 5, &equal)));
  EXPECT_EQ(equal, 1);
  ASSERT_TRUE(IsOk(sinew_vm_buffer_compare_bytes(lhs, 0, rhs, 0, 6, &equal)));
  EXPECT_EQ(equal, 0);
  ASSERT_TRUE(IsOk(sinew_vm_buffer_compare_bytes(lhs, 1, rhs, 0, 4, &equal)));
  EXPECT_EQ(equal, 0);
  sinew_vm_buffer_release(lhs);
  sinew_vm_buffer_release(rhs);
}

TEST(BufferTest, CompareOfZeroBytesIsEqualButRangesAreStillChecked) {
  sinew_vm_buffer_t* lhs = MakeSequence(4);
  sinew_vm_buffer_t* rhs = MakeBuffer(2);
  int equal = 0;
  ASSERT_TRUE(IsOk(sinew_vm_buffer_compare_bytes(lhs, 4, rhs, 2, 0, &equal)));
  EXPECT_EQ(equal, 1);
  EXPECT_TRUE(
      IsError(sinew_vm_buffer_compare_bytes(lhs, 0, rhs, 3, 0, &equal), SINEW_STATUS_OUT_OF_RANGE,
              "out-of-bounds access detected (offset=3, length=0, alignment=1, buffer length=2)"));
  sinew_vm_buffer_release(lhs);
  sinew_vm_buffer_release(rhs);
}

// Vectors from the SipHash paper's table (key 00..0F, input 00 01 .. n-1).
TEST(BufferTest, HashMatchesSipHash24ReferenceVectors) {
  sinew_vm_buffer_t* buffer = MakeSequence(64);
  const struct {
    uint64_t length;
    uint64_t hash;
  } kVectors[] = {
      {0, 0x726fdb47dd0e0e31ull},  {1, 0x74f839c593dc67fdull},  {8, 0x93f5f5799a932462ull},
      {15, 0xa129ca6149be45e5ull}, {63, 0x958a324ceb064572ull},
  };
  for (const auto& vector : kVectors) {
    uint64_t hash = 0;
    ASSERT_TRUE(IsOk(sinew_vm_buffer_hash(buffer, 0, vector.length, &hash)));
    EXPECT_EQ(hash, vector.hash) << "length " << vector.length;
  }
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, HashCoversOnlyTheRequestedRange) {
  sinew_vm_buffer_t* buffer = MakeSequence(32);
  uint64_t hash = 0;
  // Bytes 00..0F again at offset 16, so hashing from there must give the 15-byte vector.
  for (int i = 0; i < 16; ++i) buffer->data[16 + i] = static_cast<uint8_t>(i);
  ASSERT_TRUE(IsOk(sinew_vm_buffer_hash(buffer, 16, 15, &hash)));
  EXPECT_EQ(hash, 0xa129ca6149be45e5ull);
  EXPECT_TRUE(IsError(
      sinew_vm_buffer_hash(buffer, 16, 17, &hash), SINEW_STATUS_OUT_OF_RANGE,
      "out-of-bounds access detected (offset=16, length=17, alignment=1, buffer length=32)"));
  sinew_vm_buffer_release(buffer);
}

TEST(BufferTest, TypeIsNamedVmBufferWithCounterFirst) {
  const sinew_vm_ref_type_descriptor_t* descriptor = sinew_vm_buffer_descriptor();
  EXPECT_STREQ(descriptor->type_name, "vm.buffer");
  EXPECT_EQ(descriptor->offsetof_counter, 0u);
  EXPECT_EQ(sinew_vm_buffer_type(), sinew_vm_ref_type_from_descriptor(descriptor));
  EXPECT_STREQ(sinew_vm_ref_type_name(sinew_vm_buffer_type()), "vm.buffer");
}

TEST(BufferTest, DerefReturnsNullForOtherTypes) {
  static const sinew_vm_ref_type_descriptor_t kOther = {nullptr, "other", 0};
  sinew_vm_buffer_t* buffer = MakeBuffer(1);
  sinew_vm_ref_t ref = {buffer, sinew_vm_buffer_type()};
  EXPECT_EQ(sinew_vm_buffer_deref(&ref), buffer);
  ref.type = sinew_vm_ref_type_from_descriptor(&kOther);
  EXPECT_EQ(sinew_vm_buffer_deref(&ref), nullptr);
  sinew_vm_buffer_release(buffer);
}

}  // namespace
