// Tests for the C ref helpers' counting and for the RAII sinew::vm::ref<T>.
#include "runtime/vm/ref.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <utility>

#include "runtime/vm/buffer.h"
#include "runtime/vm/list.h"

namespace {

// A ref-counted test object whose counter is not at offset 0, so the tag bits are exercised.
struct TestObject {
  uint64_t padding;
  uint32_t counter;
  int* destroyed;
};

void DestroyTestObject(void* ptr) {
  auto* object = static_cast<TestObject*>(ptr);
  ++*object->destroyed;
  delete object;
}

constexpr sinew_vm_ref_type_descriptor_t kTestObjectDescriptor = {
    DestroyTestObject,
    "test.object",
    offsetof(TestObject, counter),
};

}  // namespace

namespace sinew::vm {
template <>
struct ref_type_traits<TestObject> {
  static sinew_vm_ref_type_t type() {
    return sinew_vm_ref_type_from_descriptor(&kTestObjectDescriptor);
  }
};
}  // namespace sinew::vm

namespace {

using sinew::vm::ref;
using sinew::vm::retain_ref;

TestObject* NewObject(int* destroyed) { return new TestObject{0, 1, destroyed}; }

TEST(RefTest, TypeIdCarriesCounterOffsetInLowBits) {
  sinew_vm_ref_type_t type = sinew::vm::ref_type_of<TestObject>();
  EXPECT_EQ(type & 7u, 2u);
  EXPECT_EQ(sinew_vm_ref_type_descriptor(type), &kTestObjectDescriptor);
  int destroyed = 0;
  TestObject* object = NewObject(&destroyed);
  EXPECT_EQ(sinew_vm_ref_counter(object, type), &object->counter);
  sinew_vm_object_release(object, type);
  EXPECT_EQ(destroyed, 1);
}

TEST(RefTest, ConstructingFromRawPointerAdoptsTheCount) {
  int destroyed = 0;
  TestObject* object = NewObject(&destroyed);
  {
    ref<TestObject> owner(object);
    EXPECT_EQ(object->counter, 1u);
    EXPECT_EQ(owner.get(), object);
  }
  EXPECT_EQ(destroyed, 1);
}

TEST(RefTest, RetainRefAddsACount) {
  int destroyed = 0;
  TestObject* object = NewObject(&destroyed);
  {
    ref<TestObject> owner = retain_ref(object);
    EXPECT_EQ(object->counter, 2u);
  }
  EXPECT_EQ(destroyed, 0);
  EXPECT_EQ(object->counter, 1u);
  sinew_vm_object_release(object, sinew::vm::ref_type_of<TestObject>());
  EXPECT_EQ(destroyed, 1);
}

TEST(RefTest, CopyRetainsAndMoveTransfers) {
  int destroyed = 0;
  ref<TestObject> first(NewObject(&destroyed));
  ref<TestObject> copy = first;
  EXPECT_EQ(first->counter, 2u);
  EXPECT_EQ(copy, first);
  ref<TestObject> moved = std::move(copy);
  EXPECT_EQ(first->counter, 2u);
  EXPECT_FALSE(copy);  // NOLINT(bugprone-use-after-move): moved-from refs are null.
  ref<TestObject> assigned;
  assigned = first;
  EXPECT_EQ(first->counter, 3u);
  assigned = std::move(moved);
  EXPECT_EQ(first->counter, 2u);
  first = nullptr;
  assigned = nullptr;
  EXPECT_EQ(destroyed, 1);
}

TEST(RefTest, SelfAssignmentKeepsTheObject) {
  int destroyed = 0;
  ref<TestObject> owner(NewObject(&destroyed));
  ref<TestObject>& alias = owner;
  owner = alias;
  EXPECT_EQ(owner->counter, 1u);
  owner = std::move(alias);
  EXPECT_TRUE(owner);
  EXPECT_EQ(owner->counter, 1u);
  EXPECT_EQ(destroyed, 0);
}

TEST(RefTest, ReleaseGivesUpOwnershipWithoutDroppingTheCount) {
  int destroyed = 0;
  ref<TestObject> owner(NewObject(&destroyed));
  TestObject* object = owner.release();
  EXPECT_FALSE(owner);
  EXPECT_EQ(object->counter, 1u);
  EXPECT_EQ(destroyed, 0);
  owner.reset(object);
  owner.reset();
  EXPECT_EQ(destroyed, 1);
}

TEST(RefTest, ComparesByPointerAndAgainstNull) {
  int destroyed = 0;
  ref<TestObject> a(NewObject(&destroyed));
  ref<TestObject> b(NewObject(&destroyed));
  ref<TestObject> empty;
  EXPECT_NE(a, b);
  EXPECT_EQ(empty, nullptr);
  EXPECT_NE(a, nullptr);
  EXPECT_EQ(a, a.get());
  EXPECT_EQ(&*a, a.get());
}

TEST(RefTest, PutFillsCOutParametersForBuiltinTypes) {
  ref<sinew_vm_buffer_t> buffer;
  ASSERT_TRUE(sinew_status_is_ok(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 8, 0,
                                                        sinew_allocator_system(), buffer.put())));
  ASSERT_TRUE(buffer);
  EXPECT_EQ(buffer->counter, 1u);
  ref<sinew_vm_buffer_t> second = buffer;
  EXPECT_EQ(buffer->counter, 2u);
  // put() releases the current object before handing out the slot.
  ASSERT_TRUE(sinew_status_is_ok(sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE, 8, 0,
                                                        sinew_allocator_system(), buffer.put())));
  EXPECT_EQ(second->counter, 1u);
  EXPECT_NE(buffer, second);

  ref<sinew_vm_list_t> list;
  ASSERT_TRUE(sinew_status_is_ok(sinew_vm_list_create(sinew_vm_make_variant_type_def(), 0,
                                                      sinew_allocator_system(), list.put())));
  EXPECT_EQ(sinew::vm::ref_type_of<sinew_vm_list_t>(), sinew_vm_list_type());
}

TEST(RefTest, CRefRetainIsSafeWhenSourceAndTargetAlias) {
  int destroyed = 0;
  sinew_vm_ref_t handle = {NewObject(&destroyed), sinew::vm::ref_type_of<TestObject>()};
  sinew_vm_ref_retain(&handle, &handle);
  EXPECT_EQ(static_cast<TestObject*>(handle.ptr)->counter, 1u);
  sinew_vm_ref_move(&handle, &handle);
  EXPECT_FALSE(sinew_vm_ref_is_null(&handle));
  sinew_vm_ref_release(&handle);
  EXPECT_TRUE(sinew_vm_ref_is_null(&handle));
  EXPECT_EQ(destroyed, 1);
}

}  // namespace
