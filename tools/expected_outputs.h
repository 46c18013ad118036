// --expected_output: parsing expected results by the function's result cconv and comparing
// them with the actual ones, printing `[FAILED] ...` blocks or `[SUCCESS] ...` to stdout
// (reference/TOOLS.md §2.9, with the intended scalar comparison rather than IREE's inverted
// one).
#ifndef SINEW_TOOLS_EXPECTED_OUTPUTS_H_
#define SINEW_TOOLS_EXPECTED_OUTPUTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "runtime/base/status.h"
#include "runtime/vm/list.h"
#include "tools/buffer_view_matcher.h"

namespace sinew::tools {

// Whether every result matched; a mismatch is not an error. Parse errors are annotated
// `parsing expected function outputs`. `(null)` or `(ignored)` for a ref result matches
// anything.
StatusOr<bool> CheckExpectedOutputs(std::string_view cconv,
                                    const std::vector<std::string>& expected,
                                    sinew_vm_list_t* outputs, const Tolerances& tolerances);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_EXPECTED_OUTPUTS_H_
