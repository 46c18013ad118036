// Tests for Status/StatusOr printing, annotation and C handle round trips.
#include "runtime/base/status.h"

#include <gtest/gtest.h>

namespace sinew {
namespace {

TEST(StatusTest, OkStatusIsNullHandleAndPrintsOk) {
  Status status = OkStatus();
  EXPECT_TRUE(status.has_value());
  EXPECT_EQ(ToC(std::move(status)), sinew_ok_status());
  EXPECT_EQ(StatusToString(OkStatus()), "OK");
}

TEST(StatusTest, ErrorPrintsCodeMessageAndAnnotationsInOrder) {
  Error error(StatusCode::kNotFound, "no such thing");
  error.Annotate("while looking").Annotate("in context");
  std::string text = error.ToString();
  EXPECT_NE(text.find(": NOT_FOUND; no such thing; while looking; in context"), std::string::npos)
      << text;
  EXPECT_EQ(error.code(), StatusCode::kNotFound);
  EXPECT_EQ(error.message(), "no such thing");
}

TEST(StatusTest, CodeOnlyStatusDoesNotAllocateAndKeepsCode) {
  sinew_status_t status = sinew_status_from_code(SINEW_STATUS_DEFERRED);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(status), 17u);
  EXPECT_EQ(sinew_status_code(status), SINEW_STATUS_DEFERRED);
  status = sinew_status_annotate(status, "resumable");
  EXPECT_EQ(sinew_status_code(status), SINEW_STATUS_DEFERRED);
  EXPECT_EQ(Error(status).ToString(), "DEFERRED; resumable");
}

TEST(StatusTest, CFormattedMessageRoundTripsThroughCpp) {
  Status status = FromC(sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, nullptr, 0,
                                          "index %d out of bounds (%d)", 7, 3));
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().ToString(), "OUT_OF_RANGE; index 7 out of bounds (3)");
}

StatusOr<int> ParsePositive(int value) {
  if (value <= 0) return InvalidArgumentError("not positive");
  return value;
}

Status UsesMacros(int value, int* out) {
  SINEW_ASSIGN_OR_RETURN(*out, ParsePositive(value));
  SINEW_RETURN_IF_ERROR(ParsePositive(value - 1));
  return OkStatus();
}

TEST(StatusTest, MacrosPropagateFirstError) {
  int out = 0;
  EXPECT_TRUE(UsesMacros(5, &out).has_value());
  EXPECT_EQ(out, 5);
  Status status = UsesMacros(1, &out);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sinew
