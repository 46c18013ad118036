// MLIR spellings of native function signatures, generated at compile time from the C++ types
// of the method (`(!custom.string, i32) -> i64`), so tools can show a C++ function's ref
// types, which its cconv (`0ri_I`) cannot. The C++ wrapper reports the text as the function's
// reflection attribute `sinew.signature`. Ref types are named by ref_type_traits<T>::kTypeName
// (RefObject types, vm.buffer, vm.list); others print as `!vm.ref<?>`. Functions with
// variadic (span) parameters have no MLIR signature.
#ifndef SINEW_RUNTIME_VM_NATIVE_NATIVE_SIGNATURE_H_
#define SINEW_RUNTIME_VM_NATIVE_NATIVE_SIGNATURE_H_

#include <array>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "runtime/base/fixed_string.h"
#include "runtime/vm/native/native_marshal.h"

namespace sinew::vm {

// The reflection attribute carrying a native function's MLIR signature.
inline constexpr std::string_view kSignatureAttr = "sinew.signature";

namespace native_detail {

// "a, b" from "a" and "b", leaving out empty sides.
template <size_t A, size_t B>
constexpr auto JoinTypes(const FixedString<A>& a, const FixedString<B>& b) {
  if constexpr (A == 0) {
    return b;
  } else if constexpr (B == 0) {
    return a;
  } else {
    return a + FixedString(", ") + b;
  }
}
constexpr FixedString<0> JoinTypes() { return {}; }
template <size_t N, typename... Rest>
constexpr auto JoinTypes(const FixedString<N>& first, const Rest&... rest) {
  return JoinTypes(first, JoinTypes(rest...));
}

template <typename T>
concept NamedRefType = requires {
  ref_type_traits<T>::kTypeName;
};

template <typename T>
constexpr auto RefTypeText() {
  if constexpr (NamedRefType<T>) {
    constexpr std::string_view kName = ref_type_traits<T>::kTypeName;
    FixedString<kName.size() + 1> text;
    text.data[0] = '!';
    for (size_t i = 0; i < kName.size(); ++i) text.data[i + 1] = kName[i];
    return text;
  } else {
    return FixedString("!vm.ref<?>");
  }
}

// MlirTypes<T>::kText: the comma-separated MLIR types of a parameter or result type (several
// for tuples and arrays); kExpressible is false for variadic spans.
template <typename T>
struct MlirTypes;
template <ScalarType T>
struct MlirTypes<T> {
  static constexpr bool kExpressible = true;
  static constexpr FixedString<3> kText = std::is_floating_point_v<T>
                                              ? FixedString<3>(sizeof(T) == 4 ? "f32" : "f64")
                                              : FixedString<3>(sizeof(T) == 4 ? "i32" : "i64");
};
template <RefType T>
struct MlirTypes<ref<T>> {
  static constexpr bool kExpressible = true;
  static constexpr auto kText = RefTypeText<T>();
};
template <RefType T>
struct MlirTypes<T*> : MlirTypes<ref<T>> {};
template <RefType T>
struct MlirTypes<T&> : MlirTypes<ref<T>> {};
template <>
struct MlirTypes<opaque_ref> {
  static constexpr bool kExpressible = true;
  static constexpr auto kText = FixedString("!vm.ref<?>");
};
template <>
struct MlirTypes<std::string_view> {
  static constexpr bool kExpressible = true;
  static constexpr auto kText = FixedString("!vm.buffer");
};
template <typename... Ts>
struct MlirTypes<std::tuple<Ts...>> {
  static constexpr bool kExpressible = (MlirTypes<Ts>::kExpressible && ...);
  static constexpr auto kText = JoinTypes(MlirTypes<Ts>::kText...);
};
template <typename U, size_t N>
struct MlirTypes<std::array<U, N>> {
  static constexpr bool kExpressible = MlirTypes<U>::kExpressible;
  static constexpr auto kText = []<size_t... I>(std::index_sequence<I...>) {
    return JoinTypes(((void)I, MlirTypes<U>::kText)...);
  }
  (std::make_index_sequence<N>());
};
template <typename U>
struct MlirTypes<std::span<U>> {
  static constexpr bool kExpressible = false;
  static constexpr FixedString<0> kText = {};
};

template <typename Result>
constexpr auto MlirResultText() {
  if constexpr (std::is_void_v<Result>) {
    return FixedString("()");
  } else if constexpr (requires { std::tuple_size<Result>::value; }) {
    return FixedString("(") + MlirTypes<Result>::kText + FixedString(")");
  } else {
    return MlirTypes<Result>::kText;
  }
}

// "(params) -> results" for a method taking Params and returning Result (void: "()"), or ""
// when a parameter is variadic.
template <typename Result, typename... Params>
constexpr auto MlirSignature() {
  if constexpr ((MlirTypes<ParamKey<Params>>::kExpressible && ...)) {
    return FixedString("(") + JoinTypes(MlirTypes<ParamKey<Params>>::kText...) +
           FixedString(") -> ") + MlirResultText<Result>();
  } else {
    return FixedString<0>();
  }
}

}  // namespace native_detail
}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_NATIVE_NATIVE_SIGNATURE_H_
