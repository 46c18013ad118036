// Module symbols (VMASM.md 6.3 to 6.5): type ordinals, global storage layout, function
// references, and the resolution that runs once every function is known.
#include <algorithm>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/assembler_internal.h"
#include "runtime/vm/bytecode/assembler_text.h"
#include "runtime/vm/bytecode/module_format.h"
#include "runtime/vm/cconv.h"

namespace sinew::vm::bytecode::assembler_internal {
namespace {

// Value kinds of a call's arguments with every span expanded by its segment size.
std::string FlattenArguments(const CallingConvention& cconv,
                             const std::vector<uint16_t>& segments) {
  std::string kinds;
  for (size_t i = 0; i < cconv.arguments.size(); ++i) {
    const CconvItem& item = cconv.arguments[i];
    if (item.kind != 'C') {
      kinds.push_back(item.kind);
      continue;
    }
    uint16_t count = i < segments.size() ? segments[i] : 0;
    for (uint16_t n = 0; n < count; ++n) {
      kinds.append(item.span_items.begin(), item.span_items.end());
    }
  }
  return kinds;
}

std::string ResultKinds(const CallingConvention& cconv) {
  std::string kinds;
  for (const CconvItem& item : cconv.results) kinds.push_back(item.kind);
  return kinds;
}

}  // namespace

uint32_t Assembler::TypeOrdinal(std::string_view name) {
  std::vector<std::string>& types = module_.types;
  // `vm.X` may name a declared `!vm.X`.
  if (name.starts_with("vm.")) {
    std::string bang = StrCat("!", name);
    auto it = std::find(types.begin(), types.end(), bang);
    if (it != types.end()) return static_cast<uint32_t>(it - types.begin());
  }
  auto it = std::find(types.begin(), types.end(), name);
  if (it != types.end()) return static_cast<uint32_t>(it - types.begin());
  types.emplace_back(name);
  return static_cast<uint32_t>(types.size() - 1);
}

StatusOr<FunctionRef> Assembler::ParseFunctionRef(std::string_view text) const {
  if (!text.starts_with('@')) return diag_.Fail(text, "expected symbol name beginning with '@'");
  FunctionRef ref;
  ref.pos = diag_.Pos(text);
  std::string_view name = text.substr(1);
  ref.name = std::string(name);
  if (auto it = import_ordinals_.find(name); it != import_ordinals_.end()) {
    ref.is_import = true;
    ref.resolved = true;
    ref.ordinal = it->second;
    return ref;
  }
  // @MODULE:N names an internal function by ordinal.
  size_t colon = name.find(':');
  if (colon != std::string_view::npos) {
    if (name.substr(0, colon) != module_.name) {
      return diag_.Fail(text, "internal function ordinal uses wrong module");
    }
    std::optional<uint32_t> ordinal = ParseUnsigned32(name.substr(colon + 1));
    if (!ordinal) return diag_.Fail(text.substr(colon + 2), "invalid function ordinal");
    ref.resolved = true;
    ref.ordinal = *ordinal;
    return ref;
  }
  SINEW_RETURN_IF_ERROR(ParseSymbol(text));
  std::string prefix = StrCat(module_.name, ".");
  if (name.starts_with(prefix)) ref.name = std::string(name.substr(prefix.size()));
  return ref;
}

void Assembler::LayoutGlobals() {
  // 4-byte globals first, then 8-byte ones, each group in declaration order.
  uint32_t offset = 0;
  for (uint32_t size : {4u, 8u}) {
    for (GlobalSymbol& global : globals_) {
      if (global.size != size) continue;
      offset = (offset + size - 1) & ~(size - 1);
      global.offset = offset;
      offset += size;
    }
  }
  module_.rwdata_size = std::max(module_.rwdata_size, offset);
  for (size_t i = 0; i < ref_globals_.size(); ++i)
    ref_globals_[i].offset = static_cast<uint32_t>(i);
  module_.global_ref_count =
      std::max(module_.global_ref_count, static_cast<uint32_t>(ref_globals_.size()));
}

const Assembler::GlobalSymbol* Assembler::FindGlobal(std::string_view name) const {
  for (const std::vector<GlobalSymbol>* table : {&globals_, &ref_globals_}) {
    for (const GlobalSymbol& global : *table) {
      if (global.name == name) return &global;
    }
  }
  return nullptr;
}

Status Assembler::ResolveAtEnd() {
  for (const PendingExport& pending : exports_) {
    auto it = function_ordinals_.find(pending.function);
    if (it == function_ordinals_.end()) {
      return diag_.FailAt(pending.pos,
                          StrCat("export references unknown function @", pending.function));
    }
    module_.exports.push_back(ExportDesc{pending.name, it->second, {}});
  }
  auto resolve = [&](FunctionRef& ref) -> Status {
    if (ref.resolved) return OkStatus();
    auto it = function_ordinals_.find(ref.name);
    if (it == function_ordinals_.end()) {
      return diag_.FailAt(ref.pos, StrCat("unknown function @", ref.name));
    }
    ref.ordinal = it->second;
    ref.resolved = true;
    return OkStatus();
  };
  for (FunctionFixup& fixup : fixups_) {
    SINEW_RETURN_IF_ERROR(resolve(fixup.callee));
    std::vector<uint8_t>& bytes = module_.functions[fixup.function].bytecode;
    for (int i = 0; i < 4; ++i) {
      bytes[fixup.position + i] = static_cast<uint8_t>(fixup.callee.ordinal >> (8 * i));
    }
  }
  // 64-bit values in call lists are named by their low slot; the callee's cconv says which.
  for (CallRecord& call : calls_) {
    SINEW_RETURN_IF_ERROR(resolve(call.callee));
    const std::string* cconv_text = nullptr;
    if (call.callee.is_import) {
      cconv_text = &module_.imports[call.callee.ordinal].cconv;
    } else if (call.callee.ordinal < module_.functions.size()) {
      cconv_text = &module_.functions[call.callee.ordinal].cconv;
    }
    StatusOr<CallingConvention> cconv =
        cconv_text ? ParseCconv(*cconv_text) : StatusOr<CallingConvention>(CallingConvention{});
    if (!cconv) continue;  // an unparsable import cconv fails at link time instead
    FunctionDesc& caller = module_.functions[call.caller];
    uint32_t count = std::max({static_cast<uint32_t>(caller.i32_register_count),
                               WidestSlotCount(FlattenArguments(*cconv, call.segments), call.args),
                               WidestSlotCount(ResultKinds(*cconv), call.results)});
    if (count > kMaxI32RegisterOrdinal) {
      return diag_.FailAt(call.callee.pos, "function register count is too large",
                          StatusCode::kOutOfRange);
    }
    caller.i32_register_count = static_cast<uint16_t>(count);
  }
  return OkStatus();
}

}  // namespace sinew::vm::bytecode::assembler_internal
