// A string usable as a template argument and built at compile time: names of C++ ref types
// (RefObject<T, "custom.string">) and calling conventions generated from C++ signatures.
#ifndef SINEW_RUNTIME_BASE_FIXED_STRING_H_
#define SINEW_RUNTIME_BASE_FIXED_STRING_H_

#include <cstddef>
#include <string_view>

namespace sinew {

template <size_t N>
struct FixedString {
  char data[N + 1] = {};

  constexpr FixedString() = default;
  constexpr FixedString(const char (&text)[N + 1]) {  // NOLINT: literals convert implicitly.
    for (size_t i = 0; i < N; ++i) data[i] = text[i];
  }
  static constexpr size_t size() { return N; }
  constexpr const char* c_str() const { return data; }
  constexpr std::string_view view() const { return std::string_view(data, N); }
};

template <size_t N>
FixedString(const char (&)[N]) -> FixedString<N - 1>;

template <size_t A, size_t B>
constexpr FixedString<A + B> operator+(const FixedString<A>& a, const FixedString<B>& b) {
  FixedString<A + B> out;
  for (size_t i = 0; i < A; ++i) out.data[i] = a.data[i];
  for (size_t i = 0; i < B; ++i) out.data[A + i] = b.data[i];
  return out;
}

// Concatenates any number of fixed strings.
constexpr FixedString<0> Concat() { return {}; }
template <size_t N, typename... Rest>
constexpr auto Concat(const FixedString<N>& first, const Rest&... rest) {
  return first + Concat(rest...);
}

}  // namespace sinew

#endif  // SINEW_RUNTIME_BASE_FIXED_STRING_H_
