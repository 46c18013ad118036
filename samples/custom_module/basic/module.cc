// The `custom` and `table` modules of the basic sample, written with the C++ NativeModule
// wrapper: a custom ref type, exports whose calling conventions come from the C++ signatures,
// and per-context state.
#include "samples/custom_module/basic/module.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "runtime/vm/buffer.h"
#include "runtime/vm/native/native_module_cc.h"
#include "runtime/vm/ref_object.h"

namespace {

using sinew::Status;
using sinew::StatusOr;
using sinew::vm::MakeNativeFunction;
using sinew::vm::NativeFunction;
using sinew::vm::NativeModule;
using sinew::vm::ref;

// `!custom.string`: an immutable string.
struct CustomString : sinew::vm::RefObject<CustomString, "custom.string"> {
  explicit CustomString(std::string_view text) : value(text) {}
  std::string value;
};

// The `custom` module keeps no per-context data.
struct CustomState {
  StatusOr<ref<CustomString>> StringCreate(std::string_view data) {
    std::printf("CREATE %.*s\n", static_cast<int>(data.size()), data.data());
    std::fflush(stdout);
    return CustomString::Create(data);
  }
  StatusOr<int64_t> StringLength(CustomString* string) {
    if (!string) return sinew::InvalidArgumentError("null string arg");
    std::printf("LENGTH %s = %zu\n", string->value.c_str(), string->value.size());
    std::fflush(stdout);
    return static_cast<int64_t>(string->value.size());
  }
  Status StringPrint(CustomString* string) {
    if (!string) return sinew::OkStatus();
    std::printf("PRINT %s\n", string->value.c_str());
    std::fflush(stdout);
    return sinew::OkStatus();
  }
};

const NativeFunction<CustomState> kCustomFunctions[] = {
    MakeNativeFunction("string.create", &CustomState::StringCreate),
    MakeNativeFunction("string.length", &CustomState::StringLength),
    MakeNativeFunction("string.print", &CustomState::StringPrint),
#ifndef NDEBUG
    // Debug builds only: release programs fall back to their own implementation.
    MakeNativeFunction("string.dprint", &CustomState::StringPrint),
#endif
};
const sinew_vm_ref_type_descriptor_t* const kCustomTypes[] = {CustomString::descriptor()};

class CustomModule final : public NativeModule<CustomState> {
 public:
  CustomModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator)
      : NativeModule("custom", 0, instance, allocator, kCustomFunctions, {.types = kCustomTypes}) {}
  StatusOr<std::unique_ptr<CustomState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<CustomState>();
  }
};

// The `table` module: each context has its own mutable table.
struct TableState {
  std::unordered_map<std::string, std::string> entries;

  Status Insert(std::string_view key, std::string_view value) {
    entries[std::string(key)] = std::string(value);
    return sinew::OkStatus();
  }
  // Non-fatal misses are results, not errors: (0, null) when the key is absent.
  StatusOr<std::tuple<int32_t, ref<sinew_vm_buffer_t>>> Lookup(std::string_view key) {
    auto it = entries.find(std::string(key));
    if (it == entries.end()) return std::tuple<int32_t, ref<sinew_vm_buffer_t>>(0, nullptr);
    ref<sinew_vm_buffer_t> value;
    SINEW_RETURN_IF_ERROR(sinew::FromC(
        sinew_vm_buffer_create(SINEW_VM_BUFFER_ACCESS_MUTABLE | SINEW_VM_BUFFER_ACCESS_ORIGIN_HOST,
                               it->second.size(), 0, sinew_allocator_system(), value.put())));
    if (!it->second.empty()) std::memcpy(value->data, it->second.data(), it->second.size());
    return std::tuple<int32_t, ref<sinew_vm_buffer_t>>(1, std::move(value));
  }
};

const NativeFunction<TableState> kTableFunctions[] = {
    MakeNativeFunction("insert", &TableState::Insert),
    MakeNativeFunction("lookup", &TableState::Lookup),
};

class TableModule final : public NativeModule<TableState> {
 public:
  TableModule(sinew_vm_instance_t* instance, sinew_allocator_t allocator)
      : NativeModule("table", 0, instance, allocator, kTableFunctions) {}
  StatusOr<std::unique_ptr<TableState>> CreateState(sinew_allocator_t) override {
    return std::make_unique<TableState>();
  }
  // A forked context starts with a copy of its parent's table.
  StatusOr<std::unique_ptr<TableState>> ForkState(TableState* parent, sinew_allocator_t) override {
    return std::make_unique<TableState>(*parent);
  }
};

}  // namespace

extern "C" sinew_status_t sinew_custom_module_basic_create(sinew_vm_instance_t* instance,
                                                           sinew_allocator_t allocator,
                                                           sinew_vm_module_t** out_module) {
  *out_module = (new CustomModule(instance, allocator))->interface();
  return sinew_ok_status();
}

extern "C" sinew_status_t sinew_custom_module_table_create(sinew_vm_instance_t* instance,
                                                           sinew_allocator_t allocator,
                                                           sinew_vm_module_t** out_module) {
  *out_module = (new TableModule(instance, allocator))->interface();
  return sinew_ok_status();
}
