// sinew-as: assembles a .vmasm file (reference/VMASM.md) into a .vmb module.
//   sinew-as IN.vmasm -o OUT.vmb      ('-' reads stdin / writes stdout)
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "runtime/vm/bytecode/assembler.h"
#include "tools/tool_flags.h"

namespace {

bool ReadInput(const std::string& path, std::string* out) {
  if (path == "-") {
    out->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return !std::cin.bad();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  out->assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return !file.bad();
}

bool WriteOutput(const std::string& path, const std::vector<uint8_t>& bytes) {
  if (path == "-") {
    return std::fwrite(bytes.data(), 1, bytes.size(), stdout) == bytes.size() &&
           std::fflush(stdout) == 0;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(file.flush());
}

// Prints "FILE:LINE:COL: error: MESSAGE" and the offending line with a caret under the column.
void PrintAssemblyError(std::string_view message, std::string_view file_name,
                        std::string_view source) {
  std::string_view location;
  std::string_view text = message;
  unsigned line = 0;
  unsigned column = 0;
  if (message.starts_with(file_name) &&
      std::sscanf(std::string(message.substr(file_name.size())).c_str(), ":%u:%u:", &line,
                  &column) == 2) {
    size_t end = message.find(": ", file_name.size());
    location = message.substr(0, end + 1);
    text = message.substr(end + 2);
  }
  std::fprintf(stderr, "%.*s%serror: %.*s\n", static_cast<int>(location.size()), location.data(),
               location.empty() ? "" : " ", static_cast<int>(text.size()), text.data());
  for (unsigned n = 1; line != 0 && !source.empty(); ++n) {
    size_t end = source.find('\n');
    if (n == line) {
      std::string_view source_line = source.substr(0, end);
      if (source_line.ends_with('\r')) source_line.remove_suffix(1);
      std::fprintf(stderr, "%.*s\n%*s^\n", static_cast<int>(source_line.size()), source_line.data(),
                   static_cast<int>(column - 1), "");
      break;
    }
    if (end == std::string_view::npos) break;
    source.remove_prefix(end + 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string output;
  sinew::tools::ToolFlags flags("Assembles VM assembly (.vmasm) into a bytecode module (.vmb).",
                                "sinew-as IN.vmasm -o OUT.vmb");
  flags.AddString("output", &output, "Output module path; '-' writes to stdout (also -o).");
  flags.AddShortAlias('o', "output");
  if (std::optional<int> exit_code = flags.Parse(argc, argv)) return *exit_code;
  if (flags.positional().size() != 1 || output.empty()) {
    std::fprintf(stderr,
                 "Syntax: sinew-as IN.vmasm -o OUT.vmb\n"
                 "INVALID_ARGUMENT; expected one input file and --output\n");
    return 1;
  }
  const std::string& input = flags.positional()[0];
  std::string file_name = input == "-" ? "<stdin>" : input;
  std::string source;
  if (!ReadInput(input, &source)) {
    std::fprintf(stderr, "error: cannot read '%s'\n", file_name.c_str());
    return 1;
  }
  auto module = sinew::vm::bytecode::AssembleModule(source, file_name);
  if (!module) {
    PrintAssemblyError(module.error().message(), file_name, source);
    return 1;
  }
  if (!WriteOutput(output, sinew::vm::bytecode::WriteModule(*module))) {
    std::fprintf(stderr, "error: cannot write '%s'\n", output.c_str());
    return 1;
  }
  return 0;
}
