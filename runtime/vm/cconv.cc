// Calling-convention parsing and buffer layout.
#include "runtime/vm/cconv.h"

#include <string>

#include "runtime/base/str_cat.h"

namespace sinew::vm {
namespace {

bool IsValueItem(char c) { return c == 'i' || c == 'I' || c == 'f' || c == 'F' || c == 'r'; }

uint32_t AlignUp(uint32_t value, uint32_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

// Writes the items of one fragment to `out`, a span as 'C', its items, 'D'.
StatusOr<size_t> FlattenFragment(std::string_view cconv, std::string_view fragment,
                                 bool allow_spans, char* out) {
  size_t count = 0;
  if (fragment == "v") return count;
  for (size_t i = 0; i < fragment.size(); ++i) {
    char c = fragment[i];
    if (c == 'v') continue;
    if (IsValueItem(c)) {
      out[count++] = c;
      continue;
    }
    if (c == 'C') {
      if (!allow_spans) {
        return InvalidArgumentError(
            StrCat("cconv '", cconv, "': variadic spans are only allowed in arguments"));
      }
      size_t j = i + 1;
      for (; j < fragment.size() && fragment[j] != 'D'; ++j) {
        if (!IsValueItem(fragment[j])) {
          return InvalidArgumentError(
              StrCat("cconv '", cconv, "': unsupported cconv span type '", fragment[j], "'"));
        }
      }
      if (j == fragment.size()) {
        return InvalidArgumentError(StrCat("cconv '", cconv, "': unterminated variadic span"));
      }
      if (j == i + 1) {
        return InvalidArgumentError(StrCat("cconv '", cconv, "': empty variadic span"));
      }
      for (size_t k = i; k <= j; ++k) out[count++] = fragment[k];
      i = j;
      continue;
    }
    return InvalidArgumentError(
        StrCat("cconv '", cconv, "': unsupported cconv fragment char '", c, "'"));
  }
  return count;
}

// Items of a flattened fragment, spans gathered into one item.
std::vector<CconvItem> ItemsOf(std::string_view flat) {
  std::vector<CconvItem> items;
  for (size_t i = 0; i < flat.size(); ++i) {
    if (flat[i] != 'C') {
      items.push_back({flat[i], {}});
      continue;
    }
    size_t end = flat.find('D', i);
    items.push_back({'C', std::vector<char>(flat.begin() + i + 1, flat.begin() + end)});
    i = end;
  }
  return items;
}

}  // namespace

bool CallingConvention::has_spans() const {
  for (const CconvItem& item : arguments) {
    if (item.kind == 'C') return true;
  }
  return false;
}

StatusOr<FlatCconvSizes> FlattenCconv(std::string_view cconv, char* arguments, char* results) {
  FlatCconvSizes sizes;
  if (cconv.empty()) return sizes;
  if (cconv[0] != '0') {
    return UnimplementedError(
        StrCat("unsupported cconv version ", cconv.substr(0, 1), " in '", cconv, "'"));
  }
  std::string_view body = cconv.substr(1);
  size_t split = body.find('_');
  std::string_view args = body.substr(0, split);
  std::string_view rets = split == std::string_view::npos ? "" : body.substr(split + 1);
  SINEW_ASSIGN_OR_RETURN(sizes.arguments,
                         FlattenFragment(cconv, args, /*allow_spans=*/true, arguments));
  SINEW_ASSIGN_OR_RETURN(sizes.results,
                         FlattenFragment(cconv, rets, /*allow_spans=*/false, results));
  return sizes;
}

StatusOr<CallingConvention> ParseCconv(std::string_view cconv) {
  std::string flat(2 * cconv.size(), '\0');
  SINEW_ASSIGN_OR_RETURN(FlatCconvSizes sizes,
                         FlattenCconv(cconv, flat.data(), flat.data() + cconv.size()));
  CallingConvention result;
  result.arguments = ItemsOf(std::string_view(flat).substr(0, sizes.arguments));
  result.results = ItemsOf(std::string_view(flat).substr(cconv.size(), sizes.results));
  return result;
}

std::string_view CconvFragment(std::string_view cconv, bool results) {
  // Cconvs are a few characters: a plain scan beats a memchr call.
  size_t split = 1;
  while (split < cconv.size() && cconv[split] != '_') ++split;
  std::string_view fragment;
  if (!results) {
    fragment = cconv.substr(cconv.empty() ? 0 : 1, split - 1);
  } else if (split < cconv.size()) {
    fragment = cconv.substr(split + 1);
  }
  return fragment == "v" ? std::string_view() : fragment;
}

std::string_view CconvItemTypeName(char kind) {
  switch (kind) {
    case 'i':
      return "i32";
    case 'I':
      return "i64";
    case 'f':
      return "f32";
    case 'F':
      return "f64";
    default:
      return "!vm.ref<?>";
  }
}

FragmentLayout LayoutFragment(const std::vector<CconvItem>& items) {
  FragmentLayout layout;
  uint32_t position = 0;
  uint32_t max_alignment = 4;
  for (const CconvItem& item : items) {
    uint32_t alignment = CconvItemAlignment(item.kind);
    if (alignment > max_alignment) max_alignment = alignment;
    position = AlignUp(position, alignment);
    layout.offsets.push_back(position);
    position += CconvItemSize(item.kind);
  }
  layout.size = items.empty() ? 0 : AlignUp(position, max_alignment);
  return layout;
}

uint32_t SpanAlignment(const std::vector<char>& span_items) {
  uint32_t alignment = 4;
  for (char kind : span_items) {
    if (CconvItemAlignment(kind) > alignment) alignment = CconvItemAlignment(kind);
  }
  return alignment;
}

uint32_t SpanElementStride(const std::vector<char>& span_items) {
  uint32_t position = 0;
  for (char kind : span_items) {
    position = AlignUp(position, CconvItemAlignment(kind)) + CconvItemSize(kind);
  }
  return AlignUp(position, SpanAlignment(span_items));
}

}  // namespace sinew::vm
