// Shared pieces of the module verifier (verifier.cc checks the container and function headers,
// verifier_function.cc walks function bodies). Not part of the runtime's public API.
#ifndef SINEW_RUNTIME_VM_BYTECODE_VERIFIER_INTERNAL_H_
#define SINEW_RUNTIME_VM_BYTECODE_VERIFIER_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "runtime/base/status.h"
#include "runtime/vm/bytecode/module_def_generated.h"

namespace sinew::vm::bytecode::verifier_internal {

// Storage on the stack for typical sizes, on the heap beyond; the heap block is kept across
// calls so a verifier pass allocates at most once per buffer. The inline storage is left
// uninitialized until used.
template <typename T, size_t N>
class ScratchBuffer {
  static_assert(std::is_trivially_destructible_v<T> && std::is_trivially_copyable_v<T>);

 public:
  ScratchBuffer() {}

  // Returns `size` value-initialized elements; earlier contents are discarded.
  std::span<T> Zeroed(size_t size) {
    if (size <= N) {
      std::uninitialized_fill_n(inline_, size, T{});
      return {inline_, size};
    }
    heap_.assign(size, T{});
    return heap_;
  }
  // Returns `size` elements that the caller fills before reading any.
  std::span<T> Uninitialized(size_t size) {
    if (size <= N) return {inline_, size};
    if (heap_.size() < size) heap_.resize(size);
    return {heap_.data(), size};
  }

 private:
  union {
    T inline_[N];
  };
  std::vector<T> heap_;
};

// A validated calling convention flattened to its items: 'i', 'I', 'f', 'F', 'r', and a span
// as 'C', its items, 'D'.
struct Signature {
  std::string_view cconv;  // as written in the module, for messages
  // When both fragments are plain items (or a lone "v"), the items are the fragments and these
  // views point into `cconv` (in_cconv); otherwise into the verifier's storage.
  std::string_view arguments;
  std::string_view results;
  bool in_cconv;
  bool has_spans;
  // Every argument (result) is i32 or f32, so it takes exactly one i32 register.
  bool scalar_arguments;
  bool scalar_results;
  // Exactly one argument and one result, each i32 or f32: the most common call shape.
  bool scalar_one_to_one;
  // Registers of the external layout (VM_OPS.md 19.2): i32 slots (i/f one, I/F an even-aligned
  // pair) and ref registers, of the arguments and of the results.
  uint32_t argument_slots;
  uint32_t argument_refs;
  uint32_t result_slots;
  uint32_t result_refs;
};

// A function header as ModuleVerifier::VerifyHeaders read and checked it.
struct FunctionHeader {
  const Signature* signature;  // ModuleVerifier::cconv_signatures()[cconv_ordinal]
  std::string_view debug_name;
  uint32_t bytecode_offset;
  uint32_t bytecode_length;
  uint32_t block_count;
  uint32_t cconv_ordinal;  // into Module.cconvs (ModuleVerifier::cconv_signatures)
  uint16_t i32_register_count;
  uint16_t ref_register_count;
};

// What the body walk needs to know about the module; all counts come from the FlatBuffer.
struct ModuleInfo {
  const fb::Module* module;
  uint32_t requirements;
  uint32_t function_count;
  uint32_t import_count;
  uint32_t type_count;
  uint32_t rodata_count;
  uint32_t rwdata_size;
  uint32_t global_ref_count;
  const FunctionHeader* functions;      // [function_count]
  const fb::ImportDescriptor* imports;  // [import_count]
  const Signature* cconv_signatures;    // one per Module.cconvs entry
  // Per function, the executable copy of its body that receives internal forms; null when the
  // caller wants none (ModuleVerifier::VerifyBodies).
  uint8_t* const* executable;
};

// Walks the instructions of every function, whose headers have already been checked.
Status VerifyFunctionBodies(const ModuleInfo& module);

// The name used in messages: debug name, else an export name, else "fnN".
std::string FunctionName(const fb::Module& module, uint32_t ordinal);

// "function 'NAME': MESSAGE".
std::unexpected<Error> FunctionError(const fb::Module& module, uint32_t ordinal, StatusCode code,
                                     std::string_view message);

}  // namespace sinew::vm::bytecode::verifier_internal

#endif  // SINEW_RUNTIME_VM_BYTECODE_VERIFIER_INTERNAL_H_
