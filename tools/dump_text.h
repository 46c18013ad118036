// Text pieces shared by sinew-dump-module's bytecode and native-module outputs
// (reference/TOOLS.md section 7.1): section headers and signatures written from cconvs.
#ifndef SINEW_TOOLS_DUMP_TEXT_H_
#define SINEW_TOOLS_DUMP_TEXT_H_

#include <string>
#include <string_view>

namespace sinew::tools {

// A three-line section header with 120-character rules.
std::string DumpHeader(std::string_view title);

// `(i32, !vm.ref<?>) -> (i64)` from a cconv; spans print as `tuple<...>...`. An invalid cconv
// prints as `<cconv "...">`.
std::string CconvSignatureText(std::string_view cconv);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_DUMP_TEXT_H_
