// Tests for the instance's type registry: builtin types, counted registration and lookup.
#include "runtime/vm/instance.h"

#include <gtest/gtest.h>

#include <cstring>

#include "runtime/vm/buffer.h"
#include "runtime/vm/list.h"

namespace {

class InstanceTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(sinew_status_is_ok(sinew_vm_instance_create(sinew_allocator_system(), &instance_)));
  }
  void TearDown() override { sinew_vm_instance_release(instance_); }

  sinew_vm_ref_type_t Lookup(const char* name) {
    return sinew_vm_instance_lookup_type(instance_, name, std::strlen(name));
  }

  sinew_vm_instance_t* instance_ = nullptr;
};

constexpr sinew_vm_ref_type_descriptor_t kCustomDescriptor = {nullptr, "custom.string", 4};

TEST_F(InstanceTest, BuiltinTypesAreRegisteredByName) {
  EXPECT_EQ(Lookup("vm.buffer"), sinew_vm_buffer_type());
  EXPECT_EQ(Lookup("vm.list"), sinew_vm_list_type());
}

TEST_F(InstanceTest, LookupMatchesWholeNamesOfGivenLength) {
  EXPECT_EQ(Lookup("vm.buf"), 0u);
  EXPECT_EQ(Lookup("custom.string"), 0u);
  // Only the first 9 characters are the name.
  EXPECT_EQ(sinew_vm_instance_lookup_type(instance_, "vm.buffer<i8>", 9), sinew_vm_buffer_type());
}

TEST_F(InstanceTest, RegistrationIsCountedPerDescriptor) {
  sinew_vm_ref_type_t first = 0;
  sinew_vm_ref_type_t second = 0;
  ASSERT_TRUE(
      sinew_status_is_ok(sinew_vm_instance_register_type(instance_, &kCustomDescriptor, &first)));
  ASSERT_TRUE(
      sinew_status_is_ok(sinew_vm_instance_register_type(instance_, &kCustomDescriptor, &second)));
  EXPECT_EQ(first, second);
  EXPECT_EQ(first, sinew_vm_ref_type_from_descriptor(&kCustomDescriptor));
  EXPECT_EQ(Lookup("custom.string"), first);
  sinew_vm_instance_unregister_type(instance_, &kCustomDescriptor);
  EXPECT_EQ(Lookup("custom.string"), first);
  sinew_vm_instance_unregister_type(instance_, &kCustomDescriptor);
  EXPECT_EQ(Lookup("custom.string"), 0u);
}

TEST_F(InstanceTest, RegistrationRejectsCounterOffsetsTheTagCannotHold) {
  const sinew_vm_ref_type_descriptor_t unaligned = {nullptr, "bad.unaligned", 6};
  const sinew_vm_ref_type_descriptor_t too_far = {nullptr, "bad.far", 32};
  for (const auto* descriptor : {&unaligned, &too_far}) {
    sinew_vm_ref_type_t type = 0;
    sinew::Status status =
        sinew::FromC(sinew_vm_instance_register_type(instance_, descriptor, &type));
    ASSERT_FALSE(status.has_value()) << descriptor->type_name;
    EXPECT_EQ(status.error().code(), sinew::StatusCode::kInvalidArgument);
    EXPECT_EQ(Lookup(descriptor->type_name), 0u);
  }
}

TEST_F(InstanceTest, AllocatorIsTheOneGivenAtCreation) {
  sinew_allocator_t allocator = sinew_vm_instance_allocator(instance_);
  EXPECT_EQ(allocator.allocate, sinew_allocator_system().allocate);
  EXPECT_EQ(allocator.free, sinew_allocator_system().free);
}

TEST(RefTypeNameTest, NamesNullAndRegisteredTypes) {
  EXPECT_STREQ(sinew_vm_ref_type_name(0), "null");
  EXPECT_STREQ(sinew_vm_ref_type_name(sinew_vm_list_type()), "vm.list");
  EXPECT_STREQ(sinew_vm_ref_type_name(sinew_vm_ref_type_from_descriptor(&kCustomDescriptor)),
               "custom.string");
}

}  // namespace
