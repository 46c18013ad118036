// Printing function results as the tools do (reference/TOOLS.md §2.7.1): `result[i]: i32=5`,
// `(null)`, `hal.buffer_view` and the view's text, `vm.list` and its elements, and a ref's type
// name with `(no printer)` for anything else.
#ifndef SINEW_TOOLS_FUNCTION_OUTPUTS_H_
#define SINEW_TOOLS_FUNCTION_OUTPUTS_H_

#include <cstdint>
#include <string>

#include "runtime/hal/buffer_view_format.h"
#include "runtime/vm/list.h"
#include "runtime/vm/value.h"

namespace sinew::tools {

// The text of one value; buffer views print at most `max_element_count` elements.
std::string FormatVariant(const sinew_vm_variant_t& variant,
                          uint64_t max_element_count = hal::kDefaultMaxElementCount);

// Prints `result[i]: ...` lines for every output to stdout.
void PrintResults(sinew_vm_list_t* outputs,
                  uint64_t max_element_count = hal::kDefaultMaxElementCount);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_FUNCTION_OUTPUTS_H_
