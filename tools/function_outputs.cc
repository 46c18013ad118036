// Result text: scalars in IREE's spelling, buffer views, lists element by element.
#include "tools/function_outputs.h"

#include <cinttypes>
#include <cstdio>

#include "runtime/base/str_cat.h"
#include "runtime/hal/buffer_view.h"

namespace sinew::tools {

std::string FormatVariant(const sinew_vm_variant_t& variant, uint64_t max_element_count) {
  char buffer[64];
  if (sinew_vm_variant_is_value(&variant)) {
    switch (variant.type.value_type) {
      case SINEW_VM_VALUE_TYPE_I8:
        return StrCat("i8=", static_cast<int>(variant.i8));
      case SINEW_VM_VALUE_TYPE_I16:
        return StrCat("i16=", static_cast<int>(variant.i16));
      case SINEW_VM_VALUE_TYPE_I32:
        return StrCat("i32=", variant.i32);
      case SINEW_VM_VALUE_TYPE_I64:
        return StrCat("i64=", variant.i64);
      case SINEW_VM_VALUE_TYPE_F32:
        std::snprintf(buffer, sizeof(buffer), "f32=%g", static_cast<double>(variant.f32));
        return buffer;
      case SINEW_VM_VALUE_TYPE_F64:
        std::snprintf(buffer, sizeof(buffer), "f64=%g", variant.f64);
        return buffer;
      default:
        break;
    }
  }
  if (!sinew_vm_variant_is_ref(&variant) || !variant.ref.ptr) return "(null)";
  if (variant.ref.type == hal::BufferView::type()) {
    const auto* view = static_cast<const hal::BufferView*>(variant.ref.ptr);
    return StrCat("hal.buffer_view\n", hal::FormatBufferView(*view, max_element_count));
  }
  if (sinew_vm_list_t* list = sinew_vm_list_deref(&variant.ref)) {
    std::string out = "vm.list\n";
    for (uint64_t i = 0; i < sinew_vm_list_size(list); ++i) {
      sinew_vm_variant_t child;
      sinew_status_t status = sinew_vm_list_get_variant_retain(list, i, &child);
      if (!sinew_status_is_ok(status)) {
        out += StrCat("child_list[", i, "]: ", Error(status).ToString(), "\n");
        continue;
      }
      out += StrCat("child_list[", i, "]: ", FormatVariant(child, max_element_count), "\n");
      if (sinew_vm_variant_is_ref(&child)) sinew_vm_ref_release(&child.ref);
    }
    return out;
  }
  return StrCat(sinew_vm_ref_type_name(variant.ref.type), "\n(no printer)");
}

void PrintResults(sinew_vm_list_t* outputs, uint64_t max_element_count) {
  for (uint64_t i = 0; i < sinew_vm_list_size(outputs); ++i) {
    sinew_vm_variant_t variant;
    sinew_status_t status = sinew_vm_list_get_variant_retain(outputs, i, &variant);
    if (!sinew_status_is_ok(status)) {
      std::printf("result[%" PRIu64 "]: %s\n", i, Error(status).ToString().c_str());
      continue;
    }
    std::printf("result[%" PRIu64 "]: %s\n", i, FormatVariant(variant, max_element_count).c_str());
    if (sinew_vm_variant_is_ref(&variant)) sinew_vm_ref_release(&variant.ref);
  }
}

}  // namespace sinew::tools
