// Command-line flags shared by the sinew-* tools (reference/TOOLS.md section 1), a thin layer
// over CLI11: `--name=value` only (never `--name value`), bare bools, repeated list flags,
// `--flagfile=path`, positional arguments left to the tool, unknown flags rejected with a
// `FLAGS ERROR` banner, and `--help`.
#ifndef SINEW_TOOLS_TOOL_FLAGS_H_
#define SINEW_TOOLS_TOOL_FLAGS_H_

#include <CLI/CLI.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/base/status.h"

namespace sinew::tools {

class ToolFlags {
 public:
  // `usage` is the synopsis printed by --help, e.g. "sinew-as IN.vmasm -o OUT.vmb".
  ToolFlags(std::string description, std::string usage);

  void AddString(const std::string& name, std::string* value, const std::string& help);
  // Each occurrence appends one element; `--name=` appends an empty one.
  void AddList(const std::string& name, std::vector<std::string>* values, const std::string& help);
  void AddBool(const std::string& name, bool* value, const std::string& help);
  // Numeric flags; a value that does not parse is a flag error.
  void AddUint64(const std::string& name, uint64_t* value, const std::string& help);
  void AddDouble(const std::string& name, double* value, const std::string& help);
  // Lets `-x VALUE` and `-x=VALUE` set flag `name` (e.g. sinew-as's `-o`).
  void AddShortAlias(char letter, const std::string& name);

  // Parses the command line. Returns the exit code when the tool must stop: 0 after --help,
  // 1 after a flag error (already printed to stderr).
  std::optional<int> Parse(int argc, char** argv);
  // Arguments that are not flags, in order (including a lone "-").
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  Status Apply(std::string_view name, std::string_view value, std::string_view origin);
  Status ApplyArgument(std::string_view argument, std::string_view origin, bool from_file);
  Status ReadFlagFile(const std::string& path);

  CLI::App app_;
  std::string usage_;
  enum class Kind { kValue, kList, kBool };
  std::map<std::string, Kind, std::less<>> kinds_;
  std::map<char, std::string> short_aliases_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_TOOL_FLAGS_H_
