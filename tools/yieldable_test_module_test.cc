// Tests for the `yieldable_test` native module: yield counts, results, argument errors and
// per-context state, driven through the module interface with BEGIN then RESUME calls.
#include "tools/yieldable_test_module.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace sinew {
namespace {

// Takes ownership of `status` and prints it ("OK" when OK).
std::string Consume(sinew_status_t status) { return StatusToString(FromC(status)); }

// Takes ownership of `status` and returns its code.
sinew_status_code_t ConsumeCode(sinew_status_t status) {
  sinew_status_code_t code = sinew_status_code(status);
  sinew_status_free(status);
  return code;
}

std::vector<uint8_t> I32Bytes(const std::vector<int32_t>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(int32_t));
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

// The outcome of driving one call to completion.
struct Outcome {
  std::string status;
  int yields = 0;
  int32_t result = 0;
};

class YieldableTestModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Consume(sinew_vm_instance_create(sinew_allocator_system(), &instance_)), "OK");
    ASSERT_EQ(
        Consume(sinew_yieldable_test_module_create(instance_, sinew_allocator_system(), &module_)),
        "OK");
    state_ = AllocState();
  }
  void TearDown() override {
    for (sinew_vm_module_state_t* state : states_) module_->free_state(module_->self, state);
    sinew_vm_module_release(module_);
    sinew_vm_instance_release(instance_);
  }

  sinew_vm_module_state_t* AllocState() {
    sinew_vm_module_state_t* state = nullptr;
    EXPECT_EQ(Consume(module_->alloc_state(module_->self, sinew_allocator_system(), &state)), "OK");
    states_.push_back(state);
    return state;
  }

  sinew_vm_module_state_t* ForkState(sinew_vm_module_state_t* parent) {
    sinew_vm_module_state_t* state = nullptr;
    EXPECT_EQ(Consume(module_->fork_state(module_->self, parent, sinew_allocator_system(), &state)),
              "OK");
    states_.push_back(state);
    return state;
  }

  sinew_vm_function_t Lookup(const char* name) {
    sinew_vm_function_t function = {};
    EXPECT_EQ(Consume(module_->lookup_function(module_->self, SINEW_VM_LINKAGE_EXPORT,
                                               sinew_make_cstring_view(name), &function)),
              "OK");
    return function;
  }

  // One BEGIN (with `arguments`) or RESUME (with no arguments) call writing into `result`.
  sinew_status_t Call(sinew_vm_module_state_t* state, const char* name, uint32_t flags,
                      std::vector<uint8_t> arguments, int32_t* result) {
    sinew_vm_function_call_t call = {Lookup(name),
                                     {arguments.data(), arguments.size()},
                                     {reinterpret_cast<uint8_t*>(result), sizeof(*result)}};
    return module_->call(module_->self, nullptr, state, flags, &call);
  }

  // Calls BEGIN, then RESUME while the call returns DEFERRED.
  Outcome Drive(const char* name, const std::vector<int32_t>& arguments) {
    Outcome outcome;
    sinew_status_t status =
        Call(state_, name, SINEW_VM_CALL_BEGIN, I32Bytes(arguments), &outcome.result);
    while (sinew_status_code(status) == SINEW_STATUS_DEFERRED && outcome.yields < 1000) {
      ++outcome.yields;
      sinew_status_free(status);
      status = Call(state_, name, SINEW_VM_CALL_RESUME, {}, &outcome.result);
    }
    outcome.status = Consume(status);
    return outcome;
  }

  sinew_vm_instance_t* instance_ = nullptr;
  sinew_vm_module_t* module_ = nullptr;
  sinew_vm_module_state_t* state_ = nullptr;
  std::vector<sinew_vm_module_state_t*> states_;
};

TEST_F(YieldableTestModuleTest, ExportsBothFunctionsWithoutDirectEntries) {
  EXPECT_EQ(ToStringView(module_->name(module_->self)), "yieldable_test");
  sinew_vm_module_signature_t signature = module_->signature(module_->self);
  EXPECT_EQ(signature.version, 0u);
  EXPECT_EQ(signature.export_function_count, 2u);
  EXPECT_EQ(signature.import_function_count, 0u);
  const char* names[] = {"yield_n", "yield_variadic_sum"};
  const char* cconvs[] = {"0ii_i", "0CiDi_i"};
  for (uint32_t i = 0; i < 2; ++i) {
    EXPECT_EQ(Lookup(names[i]).ordinal, i);
    sinew_string_view_t cconv = {};
    ASSERT_EQ(Consume(module_->get_function(module_->self, SINEW_VM_LINKAGE_EXPORT, i, nullptr,
                                            nullptr, &cconv)),
              "OK");
    EXPECT_EQ(ToStringView(cconv), cconvs[i]);
    sinew_vm_direct_call_t direct = {};
    ASSERT_EQ(Consume(module_->get_direct_call(module_->self, i, &direct)), "OK");
    EXPECT_EQ(direct.function, nullptr);
  }
}

TEST_F(YieldableTestModuleTest, YieldNYieldsCountTimesThenReturnsArgPlusCount) {
  Outcome outcome = Drive("yield_n", {10, 3});
  EXPECT_EQ(outcome.status, "OK");
  EXPECT_EQ(outcome.yields, 3);
  EXPECT_EQ(outcome.result, 13);
}

TEST_F(YieldableTestModuleTest, YieldNWithZeroCountReturnsArgImmediately) {
  Outcome outcome = Drive("yield_n", {-5, 0});
  EXPECT_EQ(outcome.status, "OK");
  EXPECT_EQ(outcome.yields, 0);
  EXPECT_EQ(outcome.result, -5);
}

TEST_F(YieldableTestModuleTest, YieldNRejectsNegativeCount) {
  Outcome outcome = Drive("yield_n", {1, -2});
  EXPECT_NE(outcome.status.find("INVALID_ARGUMENT; yield count must be non-negative; got -2; "
                                "while invoking native function yieldable_test.yield_n"),
            std::string::npos)
      << outcome.status;
}

TEST_F(YieldableTestModuleTest, YieldVariadicSumSumsValuesYieldsAndAddsCount) {
  // Span count 3, values 1 2 3, then the yield count 7: the CCONV.md section 3.3 example.
  Outcome outcome = Drive("yield_variadic_sum", {3, 1, 2, 3, 7});
  EXPECT_EQ(outcome.status, "OK");
  EXPECT_EQ(outcome.yields, 7);
  EXPECT_EQ(outcome.result, 13);
}

TEST_F(YieldableTestModuleTest, YieldVariadicSumOfEmptySpanWithZeroCountReturnsZero) {
  Outcome outcome = Drive("yield_variadic_sum", {0, 0});
  EXPECT_EQ(outcome.status, "OK");
  EXPECT_EQ(outcome.yields, 0);
  EXPECT_EQ(outcome.result, 0);
}

TEST_F(YieldableTestModuleTest, YieldVariadicSumRejectsNegativeSpanCount) {
  Outcome outcome = Drive("yield_variadic_sum", {-1, 0});
  EXPECT_NE(outcome.status.find("INVALID_ARGUMENT; segment_count must be non-negative; got -1; "
                                "while invoking native function "
                                "yieldable_test.yield_variadic_sum"),
            std::string::npos)
      << outcome.status;
}

TEST_F(YieldableTestModuleTest, ArgumentBuffersMustMatchTheSignature) {
  // Span count 2 promises 16 bytes; only 12 arrive.
  Outcome outcome = Drive("yield_variadic_sum", {2, 1, 1});
  EXPECT_NE(outcome.status.find("argument/result signature mismatch"), std::string::npos)
      << outcome.status;
  outcome = Drive("yield_n", {1});
  EXPECT_NE(outcome.status.find("argument/result signature mismatch"), std::string::npos)
      << outcome.status;
}

TEST_F(YieldableTestModuleTest, ResumeWithoutCallInFlightFails) {
  int32_t result = 0;
  std::string text = Consume(Call(state_, "yield_n", SINEW_VM_CALL_RESUME, {}, &result));
  EXPECT_NE(text.find("FAILED_PRECONDITION; resumed without a yielded call in flight"),
            std::string::npos)
      << text;
}

TEST_F(YieldableTestModuleTest, CallsInFlightArePerContextAndForkCopiesThem) {
  sinew_vm_module_state_t* other = AllocState();
  int32_t result = 0;
  int32_t other_result = 0;
  EXPECT_EQ(ConsumeCode(Call(state_, "yield_n", SINEW_VM_CALL_BEGIN, I32Bytes({1, 2}), &result)),
            SINEW_STATUS_DEFERRED);
  EXPECT_EQ(
      ConsumeCode(Call(other, "yield_n", SINEW_VM_CALL_BEGIN, I32Bytes({100, 1}), &other_result)),
      SINEW_STATUS_DEFERRED);
  sinew_vm_module_state_t* fork = ForkState(state_);

  EXPECT_EQ(Consume(Call(other, "yield_n", SINEW_VM_CALL_RESUME, {}, &other_result)), "OK");
  EXPECT_EQ(other_result, 101);

  for (sinew_vm_module_state_t* state : {state_, fork}) {
    result = 0;
    EXPECT_EQ(ConsumeCode(Call(state, "yield_n", SINEW_VM_CALL_RESUME, {}, &result)),
              SINEW_STATUS_DEFERRED);
    EXPECT_EQ(Consume(Call(state, "yield_n", SINEW_VM_CALL_RESUME, {}, &result)), "OK");
    EXPECT_EQ(result, 3);
  }
}

}  // namespace
}  // namespace sinew
