// Tests for the VM stack: frames across chunk boundaries, the maximum size, reuse after
// popping, and the backtrace format of RUNTIME_MODEL.md 12.3.
#include "runtime/vm/stack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace sinew::vm {
namespace {

// A module named "mod" with one export "fn"; other ordinals have no name.
sinew_vm_module_t MakeModule() {
  sinew_vm_module_t module;
  sinew_vm_module_initialize(&module, nullptr);
  module.name = [](void*) { return sinew_make_cstring_view("mod"); };
  module.get_function = [](void*, sinew_vm_function_linkage_t, uint32_t ordinal,
                           sinew_vm_function_t*, sinew_string_view_t* out_name,
                           sinew_string_view_t*) -> sinew_status_t {
    if (ordinal != 0) return sinew_status_from_code(SINEW_STATUS_OUT_OF_RANGE);
    if (out_name) *out_name = sinew_make_cstring_view("fn");
    return sinew_ok_status();
  };
  return module;
}

class StackTest : public ::testing::Test {
 protected:
  void TearDown() override { DestroyStack(stack_); }

  void Create(size_t initial_size, size_t max_size) {
    auto stack = CreateStack(sinew_allocator_system(), initial_size, max_size);
    ASSERT_TRUE(stack.has_value()) << stack.error().ToString();
    stack_ = *stack;
  }

  // `function` (when not null) must outlive the frame, as a module's function storage does.
  StackFrame* Push(size_t size, FrameType type = FrameType::kExternal,
                   const sinew_vm_function_t* function = nullptr, uint32_t pc = 0) {
    sinew_status_t status = sinew_ok_status();
    StackFrame* frame = PushFrame(stack_, size, &status);
    last_status_ = FromC(status);
    if (frame) {
      frame->type = type;
      frame->function = function;
      frame->pc = pc;
    }
    return frame;
  }

  sinew_vm_stack_t* stack_ = nullptr;
  Status last_status_;
};

TEST_F(StackTest, FramesSpanChunksAndPopRestoresTheTop) {
  Create(1024, 64 * 1024);
  uint8_t* bottom = stack_->top;
  std::vector<StackFrame*> frames;
  for (int i = 0; i < 20; ++i) {
    StackFrame* frame = Push(512);
    ASSERT_NE(frame, nullptr) << last_status_.error().ToString();
    EXPECT_EQ(frame->parent, frames.empty() ? nullptr : frames.back());
    // Every frame is fully usable even when it starts a new chunk.
    std::fill_n(reinterpret_cast<uint8_t*>(frame + 1), 512 - sizeof(StackFrame), uint8_t{0xAB});
    frames.push_back(frame);
  }
  for (int i = 19; i >= 0; --i) {
    EXPECT_EQ(stack_->top_frame, frames[i]);
    PopFrame(stack_);
  }
  EXPECT_EQ(stack_->top_frame, nullptr);
  EXPECT_EQ(stack_->top, bottom);
  // Popped chunks are reused: pushing the same frames again stays within the maximum.
  for (int i = 0; i < 20; ++i) ASSERT_NE(Push(512), nullptr);
}

TEST_F(StackTest, PushBeyondMaximumSizeIsResourceExhausted) {
  Create(1024, 4096);
  int pushed = 0;
  while (Push(256)) ++pushed;
  EXPECT_GT(pushed, 0);
  EXPECT_LE(pushed, 4096 / 256);
  ASSERT_FALSE(last_status_.has_value());
  EXPECT_EQ(last_status_.error().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(last_status_.error().ToString().find("VM stack overflow"), std::string::npos)
      << last_status_.error().ToString();
  // The frames pushed before the failure are intact.
  int frames = 0;
  for (StackFrame* frame = stack_->top_frame; frame; frame = frame->parent) ++frames;
  EXPECT_EQ(frames, pushed);
}

TEST_F(StackTest, BacktraceListsFramesTopFirstWithTypeNamePcAndLocation) {
  Create(1024, 4096);
  sinew_vm_module_t module = MakeModule();
  const sinew_vm_function_t native = {&module, SINEW_VM_LINKAGE_EXPORT, 0};
  const sinew_vm_function_t bytecode = {&module, SINEW_VM_LINKAGE_INTERNAL, 7};
  Push(64, FrameType::kExternal);
  Push(64, FrameType::kNative, &native, 0);
  Push(64, FrameType::kBytecode, &bytecode, 42);
  EXPECT_EQ(FormatBacktrace(stack_),
            "\n[ 2] bytecode mod@7:42 -"
            "\n[ 1]   native mod.fn:0 -"
            "\n[ 0] external ");
}

TEST_F(StackTest, AnnotateWithBacktraceAppendsOneAnnotation) {
  Create(1024, 4096);
  sinew_vm_module_t module = MakeModule();
  const sinew_vm_function_t function = {&module, SINEW_VM_LINKAGE_EXPORT, 0};
  Push(64, FrameType::kBytecode, &function, 3);
  Error error(
      AnnotateWithBacktrace(sinew_status_make(SINEW_STATUS_UNKNOWN, nullptr, 0, "boom"), stack_));
  EXPECT_EQ(error.ToString(), "UNKNOWN; boom; \n[ 0] bytecode mod.fn:3 -");
}

}  // namespace
}  // namespace sinew::vm
