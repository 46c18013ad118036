// Compile-time marshaling between C++ values and the VM's calling convention, used by the
// C++ native-module wrapper (native_module_cc.h). For each supported C++ type, Marshal<T>
// gives its cconv items and reads or writes it through a Source or Sink: argument/result byte
// buffers laid out as reference/CCONV.md section 3 says, or the caller's registers (the
// register-direct entry of module.h).
#ifndef SINEW_RUNTIME_VM_NATIVE_NATIVE_MARSHAL_H_
#define SINEW_RUNTIME_VM_NATIVE_NATIVE_MARSHAL_H_

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "runtime/base/fixed_string.h"
#include "runtime/base/status.h"
#include "runtime/base/str_cat.h"
#include "runtime/vm/buffer.h"
#include "runtime/vm/cconv.h"
#include "runtime/vm/module.h"
#include "runtime/vm/opaque_ref.h"
#include "runtime/vm/ref.h"

namespace sinew::vm::native_detail {

// ---------------------------------------------------------------------------------------------
// Errors (out of line in the sense of cold: only built on failure).

[[gnu::cold, gnu::noinline]] inline Error WrongRefTypeError(int index, sinew_vm_ref_type_t have,
                                                            sinew_vm_ref_type_t want) {
  return Error(
      StatusCode::kInvalidArgument,
      StrCat("parameter ", index, " contains a reference to the wrong type; have ",
             sinew_vm_ref_type_name(have), " but expected ", sinew_vm_ref_type_name(want)));
}

[[gnu::cold, gnu::noinline]] inline Error NullRefError(int index, sinew_vm_ref_type_t want) {
  return Error(
      StatusCode::kInvalidArgument,
      StrCat("parameter ", index, " must not be null; expected ", sinew_vm_ref_type_name(want)));
}

[[gnu::cold, gnu::noinline]] inline Error BufferOverflowError(int index, std::string_view what) {
  return Error(StatusCode::kInvalidArgument,
               StrCat("argument buffer overflow reading ", what, " of parameter ", index));
}

// ---------------------------------------------------------------------------------------------
// Sources: where arguments come from.

// Reads items from a byte buffer (CCONV.md section 3). Refs in the buffer are owned by the
// caller, which releases what is left after the call; taking one moves it out.
class BufferSource {
 public:
  explicit BufferSource(sinew_byte_span_t buffer) : data_(buffer.data), size_(buffer.size) {}

  Status Check(int index, size_t bytes, size_t alignment, std::string_view what) {
    pos_ = (pos_ + alignment - 1) & ~(alignment - 1);
    if (pos_ + bytes > size_) [[unlikely]]
      return std::unexpected(BufferOverflowError(index, what));
    return OkStatus();
  }
  template <typename T>
  Status Read(int index, T& out) {
    SINEW_RETURN_IF_ERROR(Check(index, sizeof(T), alignof(T), "a value"));
    std::memcpy(&out, data_ + pos_, sizeof(T));
    pos_ += sizeof(T);
    return OkStatus();
  }
  Status Ref(int index, sinew_vm_ref_t*& out) {
    SINEW_RETURN_IF_ERROR(Check(index, sizeof(sinew_vm_ref_t), alignof(sinew_vm_ref_t), "a ref"));
    out = reinterpret_cast<sinew_vm_ref_t*>(data_ + pos_);
    pos_ += sizeof(sinew_vm_ref_t);
    return OkStatus();
  }
  // Moves the ref out of its slot (the slot becomes null, so the caller's release is a no-op).
  static sinew_vm_ref_t Take(sinew_vm_ref_t* slot) { return std::exchange(*slot, {}); }
  // Primitive spans alias the buffer.
  static constexpr bool kAliasesSpans = true;
  uint8_t* Here() const { return data_ + pos_; }
  void Skip(size_t bytes) { pos_ += bytes; }
  void Align(size_t alignment) { pos_ = (pos_ + alignment - 1) & ~(alignment - 1); }
  size_t remaining() const { return size_ - pos_; }
  size_t size() const { return size_; }

 private:
  uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Reads items straight from the caller's registers (register-direct entry). The verifier and
// the context's exact cconv check guarantee the register list matches the signature.
class RegisterSource {
 public:
  RegisterSource(uint32_t* i32, sinew_vm_ref_t* refs, const uint16_t* ordinals)
      : i32_(i32), refs_(refs), ordinals_(ordinals) {}

  template <typename T>
  Status Read(int, T& out) {
    std::memcpy(&out, &i32_[*ordinals_++], sizeof(T));
    return OkStatus();
  }
  Status Ref(int, sinew_vm_ref_t*& out) {
    uint16_t ordinal = *ordinals_++;
    out = &refs_[ordinal & SINEW_VM_REGISTER_REF_ORDINAL_MASK];
    move_ = ordinal & SINEW_VM_REGISTER_MOVE;
    return OkStatus();
  }
  // A moved register gives up its count; a retained one keeps it and the callee gets another.
  sinew_vm_ref_t Take(sinew_vm_ref_t* slot) const {
    if (move_) return std::exchange(*slot, {});
    sinew_vm_object_retain(slot->ptr, slot->type);
    return *slot;
  }
  static constexpr bool kAliasesSpans = false;

 private:
  uint32_t* i32_;
  sinew_vm_ref_t* refs_;
  const uint16_t* ordinals_;
  bool move_ = false;
};

// ---------------------------------------------------------------------------------------------
// Sinks: where results go.

// Writes items into a zero-filled byte buffer; refs are stored owned.
class BufferSink {
 public:
  explicit BufferSink(sinew_byte_span_t buffer) : data_(buffer.data), size_(buffer.size) {}
  template <typename T>
  void Write(const T& value) {
    pos_ = (pos_ + alignof(T) - 1) & ~(alignof(T) - 1);
    if (pos_ + sizeof(T) <= size_) std::memcpy(data_ + pos_, &value, sizeof(T));
    pos_ += sizeof(T);
  }
  void WriteRef(sinew_vm_ref_t value) {
    pos_ = (pos_ + alignof(sinew_vm_ref_t) - 1) & ~(alignof(sinew_vm_ref_t) - 1);
    if (pos_ + sizeof(value) <= size_) {
      std::memcpy(data_ + pos_, &value, sizeof(value));
    } else {
      sinew_vm_ref_release(&value);
    }
    pos_ += sizeof(value);
  }

 private:
  uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Writes items into the caller's result registers.
class RegisterSink {
 public:
  RegisterSink(uint32_t* i32, sinew_vm_ref_t* refs, const uint16_t* ordinals)
      : i32_(i32), refs_(refs), ordinals_(ordinals) {}
  template <typename T>
  void Write(const T& value) {
    std::memcpy(&i32_[*ordinals_++], &value, sizeof(T));
  }
  void WriteRef(sinew_vm_ref_t value) {
    sinew_vm_ref_t* slot = &refs_[*ordinals_++ & SINEW_VM_REGISTER_REF_ORDINAL_MASK];
    sinew_vm_ref_t old = *slot;
    *slot = value;
    sinew_vm_ref_release(&old);
  }

 private:
  uint32_t* i32_;
  sinew_vm_ref_t* refs_;
  const uint16_t* ordinals_;
};

// ---------------------------------------------------------------------------------------------
// Marshal<T>: kItems (cconv items), kAlignment (largest field alignment), Storage (what lives
// on the C++ stack during the call), Read (Source -> Storage), Get (Storage -> the argument)
// and, for result types, Write (value -> Sink).

template <typename T>
struct Marshal;

template <typename T>
concept ScalarType = std::is_same_v<T, int32_t> || std::is_same_v<T, uint32_t> ||
    std::is_same_v<T, int64_t> || std::is_same_v<T, uint64_t> || std::is_same_v<T, float> ||
    std::is_same_v<T, double> ||(std::is_enum_v<T> && (sizeof(T) == 4 || sizeof(T) == 8));

template <typename T>
concept RefType = requires {
  ref_type_traits<T>::type();
};

template <ScalarType T>
struct Marshal<T> {
  static constexpr FixedString<1> kItems = std::is_floating_point_v<T>
                                               ? FixedString<1>(sizeof(T) == 4 ? "f" : "F")
                                               : FixedString<1>(sizeof(T) == 4 ? "i" : "I");
  static constexpr size_t kAlignment = sizeof(T);
  using Storage = T;
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    return source.Read(index, out);
  }
  static T Get(Storage& storage) { return storage; }
  template <typename Sink>
  static void Write(Sink& sink, T value) {
    sink.Write(value);
  }
};

// Checks that `slot` holds null or a ref of `type`.
inline Status CheckRefType(const sinew_vm_ref_t* slot, sinew_vm_ref_type_t type, int index) {
  if (slot->ptr && slot->type != type) [[unlikely]]
    return std::unexpected(WrongRefTypeError(index, slot->type, type));
  return OkStatus();
}

// ref<T>: takes ownership of the argument; results are transferred.
template <RefType T>
struct Marshal<ref<T>> {
  static constexpr FixedString<1> kItems = "r";
  static constexpr size_t kAlignment = alignof(sinew_vm_ref_t);
  using Storage = ref<T>;
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    sinew_vm_ref_t* slot = nullptr;
    SINEW_RETURN_IF_ERROR(source.Ref(index, slot));
    SINEW_RETURN_IF_ERROR(CheckRefType(slot, ref_type_of<T>(), index));
    out = ref<T>(static_cast<T*>(source.Take(slot).ptr));
    return OkStatus();
  }
  static ref<T> Get(Storage& storage) { return std::move(storage); }
  template <typename Sink>
  static void Write(Sink& sink, ref<T> value) {
    sinew_vm_ref_t out = {};
    if (value) out = {value.release(), ref_type_of<T>()};
    sink.WriteRef(out);
  }
};

// T*: borrowed for the duration of the call; may be null.
template <RefType T>
struct Marshal<T*> {
  static constexpr FixedString<1> kItems = "r";
  static constexpr size_t kAlignment = alignof(sinew_vm_ref_t);
  using Storage = T*;
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    sinew_vm_ref_t* slot = nullptr;
    SINEW_RETURN_IF_ERROR(source.Ref(index, slot));
    SINEW_RETURN_IF_ERROR(CheckRefType(slot, ref_type_of<T>(), index));
    out = static_cast<T*>(slot->ptr);
    return OkStatus();
  }
  static T* Get(Storage& storage) { return storage; }
};

// T&: borrowed and required to be non-null.
template <RefType T>
struct Marshal<T&> {
  static constexpr FixedString<1> kItems = "r";
  static constexpr size_t kAlignment = alignof(sinew_vm_ref_t);
  using Storage = T*;
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    SINEW_RETURN_IF_ERROR(Marshal<T*>::Read(source, index, out));
    if (!out) [[unlikely]]
      return std::unexpected(NullRefError(index, ref_type_of<T>()));
    return OkStatus();
  }
  static T& Get(Storage& storage) { return *storage; }
};

// opaque_ref: any ref type or null, owned by the callee.
template <>
struct Marshal<opaque_ref> {
  static constexpr FixedString<1> kItems = "r";
  static constexpr size_t kAlignment = alignof(sinew_vm_ref_t);
  using Storage = opaque_ref;
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    sinew_vm_ref_t* slot = nullptr;
    SINEW_RETURN_IF_ERROR(source.Ref(index, slot));
    out = opaque_ref(source.Take(slot));
    return OkStatus();
  }
  static opaque_ref Get(Storage& storage) { return std::move(storage); }
  template <typename Sink>
  static void Write(Sink& sink, opaque_ref value) {
    sink.WriteRef(value.release());
  }
};

// std::string_view: the bytes of a vm.buffer (null reads as empty), valid during the call.
template <>
struct Marshal<std::string_view> {
  static constexpr FixedString<1> kItems = "r";
  static constexpr size_t kAlignment = alignof(sinew_vm_ref_t);
  using Storage = std::string_view;
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    sinew_vm_buffer_t* buffer = nullptr;
    SINEW_RETURN_IF_ERROR(Marshal<sinew_vm_buffer_t*>::Read(source, index, buffer));
    out = buffer ? std::string_view(reinterpret_cast<const char*>(buffer->data), buffer->length)
                 : std::string_view();
    return OkStatus();
  }
  static std::string_view Get(Storage& storage) { return storage; }
};

template <typename... Ts>
constexpr size_t MaxAlignment() {
  size_t alignment = 4;
  ((alignment = Marshal<Ts>::kAlignment > alignment ? Marshal<Ts>::kAlignment : alignment), ...);
  return alignment;
}

// std::tuple<Ts...>: members flattened in order.
template <typename... Ts>
struct Marshal<std::tuple<Ts...>> {
  static constexpr auto kItems = Concat(Marshal<Ts>::kItems...);
  static constexpr size_t kAlignment = MaxAlignment<Ts...>();
  using Storage = std::tuple<typename Marshal<Ts>::Storage...>;
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    return ReadAll(source, index, out, std::index_sequence_for<Ts...>());
  }
  static std::tuple<Ts...> Get(Storage& storage) {
    return GetAll(storage, std::index_sequence_for<Ts...>());
  }
  template <typename Sink>
  static void Write(Sink& sink, std::tuple<Ts...> value) {
    std::apply([&](auto&... members) { (Marshal<Ts>::Write(sink, std::move(members)), ...); },
               value);
  }

 private:
  template <typename Source, size_t... I>
  static Status ReadAll(Source& source, int index, Storage& out, std::index_sequence<I...>) {
    Status status = OkStatus();
    (void)((status = Marshal<Ts>::Read(source, index, std::get<I>(out))) && ...);
    return status;
  }
  template <size_t... I>
  static std::tuple<Ts...> GetAll(Storage& storage, std::index_sequence<I...>) {
    return std::tuple<Ts...>(Marshal<Ts>::Get(std::get<I>(storage))...);
  }
};

template <typename U, size_t... I>
constexpr auto RepeatItems(std::index_sequence<I...>) {
  return Concat(((void)I, Marshal<U>::kItems)...);
}

// std::array<U, N>: U's items N times.
template <typename U, size_t N>
struct Marshal<std::array<U, N>> {
  static constexpr auto kItems = RepeatItems<U>(std::make_index_sequence<N>());
  static constexpr size_t kAlignment = Marshal<U>::kAlignment;
  using Storage = std::array<typename Marshal<U>::Storage, N>;
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    for (auto& element : out) SINEW_RETURN_IF_ERROR(Marshal<U>::Read(source, index, element));
    return OkStatus();
  }
  static std::array<U, N> Get(Storage& storage) {
    return [&]<size_t... I>(std::index_sequence<I...>) {
      return std::array<U, N>{Marshal<U>::Get(storage[I])...};
    }
    (std::make_index_sequence<N>());
  }
  template <typename Sink>
  static void Write(Sink& sink, std::array<U, N> value) {
    for (auto& element : value) Marshal<U>::Write(sink, std::move(element));
  }
};

// std::span<U>: a variadic argument (`C` items `D`). Primitive elements alias the argument
// buffer; others are unpacked into a vector that lives for the call.
template <typename U>
struct Marshal<std::span<U>> {
  using Element = std::remove_const_t<U>;
  static constexpr auto kItems = FixedString("C") + Marshal<Element>::kItems + FixedString("D");
  static constexpr size_t kAlignment = 4;
  static constexpr bool kAliased = ScalarType<Element>;
  struct Storage {
    std::span<U> view;
    std::vector<Element> elements;
  };
  template <typename Source>
  static Status Read(Source& source, int index, Storage& out) {
    static_assert(Source::kAliasesSpans, "variadic functions have no register-direct entry");
    int32_t count = 0;
    SINEW_RETURN_IF_ERROR(source.Read(index, count));
    if (count < 0) [[unlikely]]
      return InvalidArgumentError(StrCat("parameter ", index, " has a negative span count"));
    if (count == 0) return OkStatus();
    source.Align(Marshal<Element>::kAlignment);
    if constexpr (kAliased) {
      if (static_cast<uint64_t>(count) * sizeof(Element) > source.remaining()) [[unlikely]]
        return std::unexpected(BufferOverflowError(index, "span elements"));
      out.view = std::span<U>(reinterpret_cast<U*>(source.Here()), count);
      source.Skip(count * sizeof(Element));
    } else {
      out.elements.reserve(count);
      for (int32_t i = 0; i < count; ++i) {
        typename Marshal<Element>::Storage element{};
        source.Align(Marshal<Element>::kAlignment);
        SINEW_RETURN_IF_ERROR(Marshal<Element>::Read(source, index, element));
        out.elements.push_back(Marshal<Element>::Get(element));
      }
      out.view = std::span<U>(out.elements);
    }
    return OkStatus();
  }
  static std::span<U> Get(Storage& storage) { return storage.view; }
};

// ---------------------------------------------------------------------------------------------
// Whole signatures.

template <typename T>
using Bare = std::remove_cv_t<std::remove_reference_t<T>>;

// Parameters marshal by their bare type, except T& which keeps its reference.
template <typename T>
using ParamKey =
    std::conditional_t<std::is_lvalue_reference_v<T> && RefType<Bare<T>>, Bare<T>&, Bare<T>>;

template <typename T>
struct IsSpan : std::false_type {};
template <typename U>
struct IsSpan<std::span<U>> : std::true_type {};

template <typename... Params>
constexpr bool kHasSpans = (IsSpan<Bare<Params>>::value || ...);

template <typename... Params>
constexpr auto ArgumentItems() {
  if constexpr (sizeof...(Params) == 0) {
    return FixedString("v");
  } else {
    return Concat(Marshal<ParamKey<Params>>::kItems...);
  }
}

template <typename Result>
constexpr auto ResultItems() {
  if constexpr (std::is_void_v<Result>) {
    return FixedString("v");
  } else {
    return Marshal<Result>::kItems;
  }
}

// "0<arguments>_<results>" with `v` for an empty side (CCONV.md section 8.1).
template <typename Result, typename... Params>
constexpr auto Cconv() {
  return FixedString("0") + ArgumentItems<Params...>() + FixedString("_") + ResultItems<Result>();
}

// Reads every parameter from `source` into `storage`; stops at the first error.
template <typename... Params, typename Source, size_t... I>
Status ReadParams(Source& source,
                  std::tuple<typename Marshal<ParamKey<Params>>::Storage...>& storage,
                  std::index_sequence<I...>) {
  Status status = OkStatus();
  (void)((status =
              Marshal<ParamKey<Params>>::Read(source, static_cast<int>(I), std::get<I>(storage))) &&
         ...);
  return status;
}

// After the last parameter only padding may remain (CCONV.md section 8.3).
template <typename... Params>
Status CheckConsumed(const BufferSource& source, size_t size) {
  constexpr size_t kPadding = MaxAlignment<ParamKey<Params>...>();
  if (source.remaining() >= kPadding) [[unlikely]] {
    return InvalidArgumentError(StrCat("argument buffer unpacking failure; ", source.remaining(),
                                       " bytes remaining in ", size,
                                       " byte buffer (max valid padding: ", kPadding - 1, ")"));
  }
  return OkStatus();
}

// Offsets of the items of a fragment without spans in a buffer, and the padded buffer size
// (CCONV.md sections 3.1 and 3.2); `v` has no field.
template <size_t N>
struct ItemLayout {
  std::array<uint32_t, N> offsets{};
  uint32_t size = 0;
};
template <size_t N>
constexpr ItemLayout<N> LayoutItems(const FixedString<N>& items) {
  ItemLayout<N> layout;
  uint32_t position = 0;
  uint32_t alignment = 4;
  for (size_t i = 0; i < N; ++i) {
    char kind = items.data[i];
    if (CconvItemSize(kind) == 0) continue;
    uint32_t item_alignment = CconvItemAlignment(kind);
    position = (position + item_alignment - 1) & ~(item_alignment - 1);
    layout.offsets[i] = position;
    position += CconvItemSize(kind);
    if (item_alignment > alignment) alignment = item_alignment;
  }
  layout.size = position == 0 ? 0 : (position + alignment - 1) & ~(alignment - 1);
  return layout;
}

}  // namespace sinew::vm::native_detail

#endif  // SINEW_RUNTIME_VM_NATIVE_NATIVE_MARSHAL_H_
