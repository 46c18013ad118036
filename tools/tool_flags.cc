// Flag parsing shared by the sinew-* tools. Arguments are tokenized here (CLI11 would read
// `--name value` and swallow the next argument after `--name=`); CLI11 holds the flag table,
// converts values into the bound variables and formats --help.
#include "tools/tool_flags.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "runtime/base/str_cat.h"
#include "runtime/base/strings.h"

namespace sinew::tools {
namespace {

std::unexpected<Error> FlagError(std::string_view origin, std::string_view message) {
  std::string text = origin.empty() ? std::string(message) : StrCat(origin, ": ", message);
  return std::unexpected(
      Error(sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, nullptr, 0, "%s", text.c_str())));
}

}  // namespace

ToolFlags::ToolFlags(std::string description, std::string usage)
    : app_(std::move(description)), usage_(std::move(usage)) {
  app_.set_help_flag("--help", "Print this help message and exit.");
  app_.add_option("--flagfile", "Read further flags from a file, one --name=value per line.");
}

void ToolFlags::AddString(const std::string& name, std::string* value, const std::string& help) {
  app_.add_option("--" + name, *value, help)->capture_default_str();
  kinds_[name] = Kind::kValue;
}

void ToolFlags::AddList(const std::string& name, std::vector<std::string>* values,
                        const std::string& help) {
  app_.add_option("--" + name, *values, help);
  kinds_[name] = Kind::kList;
}

void ToolFlags::AddBool(const std::string& name, bool* value, const std::string& help) {
  app_.add_flag("--" + name, *value, help);
  kinds_[name] = Kind::kBool;
}

void ToolFlags::AddUint64(const std::string& name, uint64_t* value, const std::string& help) {
  app_.add_option("--" + name, *value, help)->capture_default_str();
  kinds_[name] = Kind::kValue;
}

void ToolFlags::AddDouble(const std::string& name, double* value, const std::string& help) {
  app_.add_option("--" + name, *value, help)->capture_default_str();
  kinds_[name] = Kind::kValue;
}

void ToolFlags::AddShortAlias(char letter, const std::string& name) {
  short_aliases_[letter] = name;
}

Status ToolFlags::Apply(std::string_view name, std::string_view value, std::string_view origin) {
  auto it = kinds_.find(name);
  CLI::Option* option = it == kinds_.end() ? nullptr : app_.get_option_no_throw(StrCat("--", name));
  if (!option) return FlagError(origin, StrCat("flag '", name, "' not recognized"));
  // Single-valued flags keep the last occurrence; list flags keep every one, in order.
  if (it->second != Kind::kList) option->clear();
  try {
    option->add_result(std::string(value));
    option->run_callback();
  } catch (const CLI::Error& error) {
    return FlagError(origin,
                     StrCat("invalid value '", value, "' for flag '", name, "': ", error.what()));
  }
  return OkStatus();
}

Status ToolFlags::ApplyArgument(std::string_view argument, std::string_view origin,
                                bool from_file) {
  if (!argument.starts_with("--")) {
    if (from_file) return FlagError(origin, "positional arguments not allowed in flag files");
    positional_.emplace_back(argument);
    return OkStatus();
  }
  std::string_view body = argument.substr(2);
  size_t equals = body.find('=');
  std::string_view name = Trim(body.substr(0, equals));
  bool has_value = equals != std::string_view::npos;
  std::string_view value = has_value ? Trim(body.substr(equals + 1)) : std::string_view();
  if (name == "help") {
    help_ = true;
    return OkStatus();
  }
  if (name == "flagfile") return ReadFlagFile(std::string(value));
  // A bare flag is a bool set to true; other flags need a value.
  auto it = kinds_.find(name);
  if (!has_value && it != kinds_.end()) {
    if (it->second != Kind::kBool) {
      return FlagError(origin, StrCat("flag '", name, "' needs a value: --", name, "=VALUE"));
    }
    value = "true";
  }
  return Apply(name, value, origin);
}

Status ToolFlags::ReadFlagFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return FlagError("", StrCat("cannot read flag file '", path, "'"));
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    std::string_view text = Trim(line);
    if (text.empty() || text.starts_with('#') || text.starts_with("//")) continue;
    SINEW_RETURN_IF_ERROR(ApplyArgument(text, StrCat(path, ":", number), /*from_file=*/true));
  }
  return OkStatus();
}

std::optional<int> ToolFlags::Parse(int argc, char** argv) {
  Status status = OkStatus();
  for (int i = 1; i < argc && status.has_value(); ++i) {
    std::string_view argument = argv[i];
    // Short aliases: `-o VALUE` or `-o=VALUE`.
    if (argument.size() >= 2 && argument[0] == '-' && argument[1] != '-' &&
        short_aliases_.contains(argument[1]) && (argument.size() == 2 || argument[2] == '=')) {
      const std::string& name = short_aliases_[argument[1]];
      if (argument.size() > 2) {
        status = Apply(name, argument.substr(3), "");
      } else if (i + 1 < argc) {
        status = Apply(name, argv[++i], "");
      } else {
        status = FlagError("", StrCat("flag '", argument, "' needs a value"));
      }
      continue;
    }
    status = ApplyArgument(argument, "", /*from_file=*/false);
  }
  if (!status.has_value()) {
    bool color = isatty(STDERR_FILENO);
    std::fprintf(stderr, "%sFLAGS ERROR%s\n%s\n", color ? "\033[31m" : "", color ? "\033[0m" : "",
                 status.error().ToString().c_str());
    return 1;
  }
  if (help_) {
    std::printf("Usage: %s\n\n%s\n\nFlags:\n", usage_.c_str(), app_.get_description().c_str());
    for (const CLI::Option* option : app_.get_options()) {
      std::string name = option->get_name();
      auto it = kinds_.find(std::string_view(name).substr(2));
      bool takes_value = name == "--flagfile" || (it != kinds_.end() && it->second != Kind::kBool);
      std::string text = option->get_description();
      if (!option->get_default_str().empty())
        text += StrCat(" (default: ", option->get_default_str(), ")");
      std::printf("  %-26s %s\n", (name + (takes_value ? "=VALUE" : "")).c_str(), text.c_str());
    }
    return 0;
  }
  return std::nullopt;
}

}  // namespace sinew::tools
