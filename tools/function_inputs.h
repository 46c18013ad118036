// Parsing --input values (and --expected_output values) into the variant list a function is
// invoked with, by the function's cconv (reference/TOOLS.md §2.6): scalars, `(null)`, tensors
// in the buffer-view text format, raw `=@file.bin` / `=+file.bin` contents, NumPy `@file.npy`,
// `+file.npy` and `*file.npy`, and `&<tensor>` output storage.
#ifndef SINEW_TOOLS_FUNCTION_INPUTS_H_
#define SINEW_TOOLS_FUNCTION_INPUTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "runtime/base/status.h"
#include "runtime/vm/list.h"

namespace sinew::tools {

// Parses `values` against `kinds`, the argument (or result) fragment of `cconv`, into a new
// variant list owned by the caller. A scalar kind takes `5`, `i32=5` (the type must match) or
// `(null)` for zero; `r` takes `(null)`, a tensor, a NumPy file or `&` storage, which is passed
// as the vm.buffer of the tensor's bytes. Files are shared per path across the values of one
// call. Errors are annotated with `<item> N \`value\`` and then `annotation`. Too few values are
// left to the invocation to report.
StatusOr<sinew_vm_list_t*> ParseVariantList(std::string_view kinds, std::string_view cconv,
                                            const std::vector<std::string>& values,
                                            std::string_view item, std::string_view annotation);

// The --input values of a function with `cconv`.
StatusOr<sinew_vm_list_t*> ParseInputs(std::string_view cconv,
                                       const std::vector<std::string>& inputs);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_FUNCTION_INPUTS_H_
