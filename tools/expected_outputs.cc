// Result-by-result comparison and the [FAILED]/[SUCCESS] report.
#include "tools/expected_outputs.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>

#include "runtime/base/str_cat.h"
#include "runtime/hal/buffer_view.h"
#include "runtime/hal/buffer_view_format.h"
#include "runtime/vm/cconv.h"
#include "tools/function_inputs.h"

namespace sinew::tools {
namespace {

// Views in failure reports always print up to this many elements.
constexpr uint64_t kReportElementCount = 1024;

struct ListDeleter {
  void operator()(sinew_vm_list_t* list) const { sinew_vm_list_release(list); }
};

// A retained copy of a list element, released when it goes out of scope.
class Element {
 public:
  Element(sinew_vm_list_t* list, uint64_t index) {
    status_ = FromC(sinew_vm_list_get_variant_retain(list, index, &variant_));
  }
  ~Element() {
    if (sinew_vm_variant_is_ref(&variant_)) sinew_vm_ref_release(&variant_.ref);
  }
  Element(const Element&) = delete;
  Element& operator=(const Element&) = delete;

  Status& status() { return status_; }
  const sinew_vm_variant_t& variant() const { return variant_; }
  bool empty() const { return !sinew_vm_variant_is_value(&variant_) && !variant_.ref.ptr; }
  const hal::BufferView* view() const {
    if (!sinew_vm_variant_is_ref(&variant_) || variant_.ref.type != hal::BufferView::type()) {
      return nullptr;
    }
    return static_cast<const hal::BufferView*>(variant_.ref.ptr);
  }

 private:
  sinew_vm_variant_t variant_ = sinew_vm_variant_empty();
  Status status_;
};

std::string_view TypeName(const Element& element) {
  const sinew_vm_variant_t& variant = element.variant();
  if (element.empty()) return "empty";
  switch (variant.type.value_type) {
    case SINEW_VM_VALUE_TYPE_I8:
      return "i8";
    case SINEW_VM_VALUE_TYPE_I16:
      return "i16";
    case SINEW_VM_VALUE_TYPE_I32:
      return "i32";
    case SINEW_VM_VALUE_TYPE_I64:
      return "i64";
    case SINEW_VM_VALUE_TYPE_F32:
      return "f32";
    case SINEW_VM_VALUE_TYPE_F64:
      return "f64";
    default:
      return sinew_vm_ref_type_name(variant.ref.type);
  }
}

std::string ScalarText(const sinew_vm_variant_t& variant) {
  char buffer[48];
  switch (variant.type.value_type) {
    case SINEW_VM_VALUE_TYPE_I8:
      return StrCat(static_cast<int>(variant.i8));
    case SINEW_VM_VALUE_TYPE_I16:
      return StrCat(static_cast<int>(variant.i16));
    case SINEW_VM_VALUE_TYPE_I32:
      return StrCat(variant.i32);
    case SINEW_VM_VALUE_TYPE_I64:
      return StrCat(variant.i64);
    case SINEW_VM_VALUE_TYPE_F32:
      std::snprintf(buffer, sizeof(buffer), "%G", static_cast<double>(variant.f32));
      return buffer;
    default:
      std::snprintf(buffer, sizeof(buffer), "%G", variant.f64);
      return buffer;
  }
}

bool ScalarsMatch(const sinew_vm_variant_t& expected, const sinew_vm_variant_t& actual,
                  const Tolerances& tolerances) {
  bool exact = tolerances.mode == EqualityMode::kExact;
  switch (expected.type.value_type) {
    case SINEW_VM_VALUE_TYPE_F32:
      return exact ? std::memcmp(&expected.f32, &actual.f32, sizeof(float)) == 0
                   : FloatsMatch(expected.f32, actual.f32, tolerances.f32_threshold, tolerances);
    case SINEW_VM_VALUE_TYPE_F64:
      return exact ? std::memcmp(&expected.f64, &actual.f64, sizeof(double)) == 0
                   : FloatsMatch(expected.f64, actual.f64, tolerances.f64_threshold, tolerances);
    case SINEW_VM_VALUE_TYPE_I8:
      return expected.i8 == actual.i8;
    case SINEW_VM_VALUE_TYPE_I16:
      return expected.i16 == actual.i16;
    case SINEW_VM_VALUE_TYPE_I32:
      return expected.i32 == actual.i32;
    default:
      return expected.i64 == actual.i64;
  }
}

// Compares result `index`, printing a [FAILED] block on a mismatch.
bool MatchResult(uint64_t index, const Element& expected, const Element& actual,
                 const Tolerances& tolerances) {
  if (expected.empty()) return true;
  const hal::BufferView* expected_view = expected.view();
  const hal::BufferView* actual_view = actual.view();
  if (expected_view && actual_view) {
    std::optional<std::string> reason = MatchBufferView(*expected_view, *actual_view, tolerances);
    if (!reason) return true;
    std::printf(
        "[FAILED] result[%" PRIu64
        "]: %s; expected that the view is equal to contents of a view "
        "of %s\n  expected:\n%s\n  actual:\n%s\n",
        index, reason->c_str(),
        hal::FormatShapeAndType(expected_view->shape(), expected_view->element_type()).c_str(),
        hal::FormatBufferView(*expected_view, kReportElementCount).c_str(),
        hal::FormatBufferView(*actual_view, kReportElementCount).c_str());
    return false;
  }
  const sinew_vm_variant_t& want = expected.variant();
  const sinew_vm_variant_t& have = actual.variant();
  if (sinew_vm_variant_is_value(&want) && sinew_vm_variant_is_value(&have) &&
      want.type.value_type == have.type.value_type) {
    if (ScalarsMatch(want, have, tolerances)) return true;
    std::printf("[FAILED] result[%" PRIu64 "]: %.*s values differ\n  expected: %s\n  actual: %s\n",
                index, static_cast<int>(TypeName(expected).size()), TypeName(expected).data(),
                ScalarText(want).c_str(), ScalarText(have).c_str());
    return false;
  }
  std::string_view want_type = TypeName(expected);
  std::string_view have_type = TypeName(actual);
  std::printf("[FAILED] result[%" PRIu64 "]: variant types mismatch; expected %.*s but got %.*s\n",
              index, static_cast<int>(want_type.size()), want_type.data(),
              static_cast<int>(have_type.size()), have_type.data());
  return false;
}

}  // namespace

StatusOr<bool> CheckExpectedOutputs(std::string_view cconv,
                                    const std::vector<std::string>& expected,
                                    sinew_vm_list_t* outputs, const Tolerances& tolerances) {
  SINEW_ASSIGN_OR_RETURN(sinew_vm_list_t * parsed,
                         ParseVariantList(vm::CconvFragment(cconv, true), cconv, expected,
                                          "expected output", "parsing expected function outputs"));
  std::unique_ptr<sinew_vm_list_t, ListDeleter> owned(parsed);
  uint64_t expected_count = sinew_vm_list_size(parsed);
  uint64_t actual_count = sinew_vm_list_size(outputs);
  if (expected_count != actual_count) {
    std::printf("[FAILED] expected %" PRIu64 " list elements but %" PRIu64 " provided\n",
                expected_count, actual_count);
    return false;
  }
  bool all_matched = true;
  for (uint64_t i = 0; i < expected_count; ++i) {
    Element want(parsed, i);
    Element have(outputs, i);
    SINEW_RETURN_IF_ERROR(std::move(want.status()));
    SINEW_RETURN_IF_ERROR(std::move(have.status()));
    all_matched &= MatchResult(i, want, have, tolerances);
  }
  if (all_matched) std::printf("[SUCCESS] all function outputs matched their expected values.\n");
  return all_matched;
}

}  // namespace sinew::tools
