// Exports and imports of C++ native modules (native_module_cc.h):
//
//   MakeNativeFunction("string.create", &State::StringCreate)
//       an export whose cconv is generated from the method's C++ signature at compile time,
//       with a buffer entry (hosts, variadic calls) and a register-direct entry (bytecode);
//   MakeNativeFunction<&State::StringCreate>("string.create")
//       the same with entries specialized for that method: no call through a member pointer,
//       and a short method inlines into its register-direct entry;
//   MakeNativeFunction("wait", &State::WaitBegin, &State::WaitResume)
//       an export that may yield: Begin returns Deferred() and the VM later calls Resume
//       (no parameters, same result type) until it returns something else;
//   MakeNativeImport<int32_t(int32_t)>("math.add_1")
//       an import that methods taking a leading `NativeCall&` call through it.
#ifndef SINEW_RUNTIME_VM_NATIVE_NATIVE_FUNCTION_H_
#define SINEW_RUNTIME_VM_NATIVE_NATIVE_FUNCTION_H_

#include <span>
#include <string_view>
#include <vector>

#include "runtime/vm/call_tracer.h"
#include "runtime/vm/native/native_marshal.h"
#include "runtime/vm/native/native_signature.h"

namespace sinew::vm {

// Bindings of a context's state to the imports of a C++ module.
struct NativeImportTable {
  std::vector<sinew_vm_import_binding_t> bindings;
};

struct NativeImport {
  std::string_view full_name;  // "module.fn"
  std::string_view cconv;
  bool optional = false;
};

template <typename Signature>
struct ImportSignature;
template <typename R, typename... Args>
struct ImportSignature<R(Args...)> {
  static constexpr auto kCconv = native_detail::Cconv<R, Args...>();
};

// An import whose cconv comes from the C++ signature R(Args...).
template <typename Signature>
constexpr NativeImport MakeNativeImport(std::string_view full_name, bool optional = false) {
  return NativeImport{full_name, ImportSignature<Signature>::kCconv.view(), optional};
}

// What a method taking a leading `NativeCall&` gets: the running call's stack and the imports
// of its context, so it can call other modules.
class NativeCall {
 public:
  NativeCall(sinew_vm_stack_t* stack, std::span<const NativeImport> imports,
             const NativeImportTable* table)
      : stack_(stack), imports_(imports), table_(table) {}

  bool IsImportResolved(uint32_t ordinal) const {
    return ordinal < table_->bindings.size() && table_->bindings[ordinal].function.module;
  }

  // Calls import `ordinal`, declared as MakeNativeImport<R(Args...)>. Refs passed as ref<T> are
  // moved into the call; ref results come back owned.
  template <typename R, typename... Args>
  std::conditional_t<std::is_void_v<R>, Status, StatusOr<R>> CallImport(uint32_t ordinal,
                                                                        Args&&... args) const {
    using namespace native_detail;
    // The same static string the declaration points at when the signatures match, so the
    // check is a pointer compare.
    constexpr std::string_view kCconv = ImportSignature<R(Bare<Args>...)>::kCconv.view();
    static constexpr auto kArguments = LayoutItems(ArgumentItems<Bare<Args>...>());
    static constexpr auto kResults = LayoutItems(ResultItems<R>());
    static_assert(!kHasSpans<Args...>, "variadic imports are not callable from C++");
    SINEW_RETURN_IF_ERROR(CheckImport(ordinal, kCconv));
    const sinew_vm_import_binding_t& binding = table_->bindings[ordinal];
    alignas(16) uint8_t arguments[kArguments.size + 1] = {};
    alignas(16) uint8_t results[kResults.size + 1] = {};
    sinew_vm_function_call_t call = {
        binding.function, {arguments, kArguments.size}, {results, kResults.size}};
    BufferSink sink(call.arguments);
    (Marshal<Bare<Args>>::Write(sink, std::forward<Args>(args)), ...);
    sinew_vm_module_t* callee = binding.function.module;
    sinew_status_t status =
        stack_->call_tracer
            ? CallTraced(stack_, binding.state, SINEW_VM_CALL_BEGIN, &call)
            : callee->call(callee->self, stack_, binding.state, SINEW_VM_CALL_BEGIN, &call);
    // The caller owns argument refs and releases what the callee left in the buffer.
    constexpr auto kArgumentItems = ArgumentItems<Bare<Args>...>();
    for (size_t i = 0; i < kArgumentItems.size(); ++i) {
      if (kArgumentItems.data[i] == 'r') {
        sinew_vm_ref_release(reinterpret_cast<sinew_vm_ref_t*>(arguments + kArguments.offsets[i]));
      }
    }
    SINEW_RETURN_IF_ERROR(FinishImportCall(ordinal, status));
    if constexpr (!std::is_void_v<R>) {
      BufferSource source(call.results);
      typename Marshal<R>::Storage storage{};
      SINEW_RETURN_IF_ERROR(Marshal<R>::Read(source, 0, storage));
      return Marshal<R>::Get(storage);
    } else {
      return OkStatus();
    }
  }

  sinew_vm_stack_t* stack() const { return stack_; }

 private:
  Status CheckImport(uint32_t ordinal, std::string_view cconv) const {
    if (ordinal >= imports_.size()) {
      return OutOfRangeError(StrCat("import ordinal ", ordinal, " out of range (module has ",
                                    imports_.size(), " imports)"));
    }
    if (imports_[ordinal].cconv.data() != cconv.data() && imports_[ordinal].cconv != cconv) {
      return InvalidArgumentError(StrCat("import '", imports_[ordinal].full_name,
                                         "' is declared with cconv ", imports_[ordinal].cconv,
                                         " but called with ", cconv));
    }
    if (!IsImportResolved(ordinal)) {
      return NotFoundError(
          StrCat("optional import '", imports_[ordinal].full_name, "' is not resolved"));
    }
    if (!stack_) {
      return FailedPreconditionError(
          StrCat("import '", imports_[ordinal].full_name, "' called without a VM stack"));
    }
    return OkStatus();
  }
  Status FinishImportCall(uint32_t ordinal, sinew_status_t status) const {
    if (sinew_status_code(status) == SINEW_STATUS_DEFERRED) {
      return UnimplementedError(StrCat("import '", imports_[ordinal].full_name,
                                       "' yielded; calls from C++ cannot be suspended"));
    }
    if (!sinew_status_is_ok(status)) {
      return std::unexpected(
          Error(status).Annotate(StrCat("while calling import ", imports_[ordinal].full_name)));
    }
    return OkStatus();
  }

  sinew_vm_stack_t* stack_;
  std::span<const NativeImport> imports_;
  const NativeImportTable* table_;
};

// The per-context state the wrapper keeps around the user's State.
template <typename State>
struct NativeStateHolder {
  State* user;  // First, so register-direct entries reach it with one load.
  NativeImportTable imports;
};

// Where a call comes from: the stack (may be null for host calls without one) and the
// module's import declarations.
struct NativeCallEnvironment {
  sinew_vm_stack_t* stack;
  std::span<const NativeImport> imports;
};

template <typename State>
struct NativeFunction;

namespace native_detail {

// The bits of a pointer to a member function of any signature; entries that know the real
// type cast it back.
struct GenericMethod {
  alignas(void*) unsigned char bytes[2 * sizeof(void*)];
};
template <typename Method>
constexpr GenericMethod ToGeneric(Method method) {
  static_assert(sizeof(Method) == sizeof(GenericMethod), "unexpected member pointer layout");
  return std::bit_cast<GenericMethod>(method);
}
template <typename Method>
Method FromGeneric(const GenericMethod& method) {
  return std::bit_cast<Method>(method);
}

template <typename... Ts>
struct TypeList {};

template <typename T>
concept MemberFunctionPointer = std::is_member_function_pointer_v<T>;

template <typename T>
struct ReturnTraits;
template <>
struct ReturnTraits<Status> {
  using Result = void;
};
template <typename R>
struct ReturnTraits<StatusOr<R>> {
  using Result = R;
};

// The parts of a method signature: State, Result, the marshaled Params (a leading NativeCall&
// is passed by the wrapper, not marshaled).
template <typename Method>
struct MethodInfo;
template <typename S, typename Return, typename... Params>
struct MethodInfo<Return (S::*)(Params...)> {
  using State = S;
  using Result = typename ReturnTraits<Return>::Result;
  using Args = TypeList<Params...>;
  static constexpr bool kTakesCall = false;
};
template <typename S, typename Return, typename... Params>
struct MethodInfo<Return (S::*)(NativeCall&, Params...)> {
  using State = S;
  using Result = typename ReturnTraits<Return>::Result;
  using Args = TypeList<Params...>;
  static constexpr bool kTakesCall = true;
};

[[gnu::cold, gnu::noinline]] inline sinew_status_t AnnotateCall(std::string_view module_name,
                                                                std::string_view name,
                                                                Error&& error) {
  if (error.code() == StatusCode::kDeferred) return ToC(std::move(error));
  return ToC(
      std::move(error).Annotate(StrCat("while invoking C++ function ", module_name, ".", name)));
}
inline sinew_status_t AnnotateCall(std::string_view module_name, std::string_view name,
                                   Status&& status) {
  return AnnotateCall(module_name, name, std::move(status).error());
}

// The entries of an export calling a `Method`: the one stored in its NativeFunction, or, when
// `kFixed` names it at compile time, that one, called directly (and inlined where it can be).
template <typename Method, typename Args = typename MethodInfo<Method>::Args, auto kFixed = nullptr>
struct Entries;

template <typename Method, auto kFixed, typename... Params>
struct Entries<Method, TypeList<Params...>, kFixed> {
  using Info = MethodInfo<Method>;
  using State = typename Info::State;
  using Result = typename Info::Result;
  using Storage = std::tuple<typename Marshal<ParamKey<Params>>::Storage...>;
  static constexpr auto kCconv = Cconv<Result, Params...>();
  static constexpr auto kSignature = MlirSignature<Result, Params...>();
  static constexpr bool kHasDirect = !Info::kTakesCall && !kHasSpans<Params...>;

  using Return = std::conditional_t<std::is_void_v<Result>, Status, StatusOr<Result>>;

  [[gnu::always_inline]] static Method MethodOf(const NativeFunction<State>& function) {
    if constexpr (std::is_same_v<decltype(kFixed), std::nullptr_t>) {
      return FromGeneric<Method>(function.method);
    } else {
      (void)function;
      return kFixed;
    }
  }
  static constexpr auto kArgumentItems = ArgumentItems<Params...>();
  static constexpr bool kHasRefArguments =
      kArgumentItems.view().find('r') != std::string_view::npos;

  // Unpacks the parameters, calls the method and packs its results.
  template <typename Source, typename Sink>
  [[gnu::always_inline]] static Status Run(State* state, Method method, Source& source, Sink& sink,
                                           NativeCall* call) {
    Storage storage;
    SINEW_RETURN_IF_ERROR(
        ReadParams<Params...>(source, storage, std::index_sequence_for<Params...>()));
    if constexpr (std::is_same_v<Source, BufferSource>) {
      SINEW_RETURN_IF_ERROR(CheckConsumed<Params...>(source, source.size()));
    }
    return Write(sink, Invoke(state, method, storage, call, std::index_sequence_for<Params...>()));
  }

  template <size_t... I>
  [[gnu::always_inline]] static Return Invoke(State* state, Method method, Storage& storage,
                                              NativeCall* call, std::index_sequence<I...>) {
    if constexpr (Info::kTakesCall) {
      return (state->*method)(*call, Marshal<ParamKey<Params>>::Get(std::get<I>(storage))...);
    } else {
      (void)call;
      (void)storage;
      return (state->*method)(Marshal<ParamKey<Params>>::Get(std::get<I>(storage))...);
    }
  }

  template <typename Sink>
  [[gnu::always_inline]] static Status Write(Sink& sink, Return&& result) {
    if constexpr (std::is_void_v<Result>) {
      (void)sink;
      return std::move(result);
    } else {
      if (!result.has_value()) [[unlikely]]
        return std::unexpected(std::move(result).error());
      Marshal<Result>::Write(sink, std::move(*result));
      return OkStatus();
    }
  }

  // The buffer entry: BEGIN runs the method, RESUME the resume method of a yieldable export.
  static sinew_status_t Buffer(const NativeFunction<State>& function, State* state,
                               const NativeImportTable& table,
                               const NativeCallEnvironment& environment, uint32_t flags,
                               sinew_byte_span_t arguments, sinew_byte_span_t results) {
    if (results.size) std::memset(results.data, 0, results.size);
    BufferSink sink(results);
    NativeCall call(environment.stack, environment.imports, &table);
    Status status = OkStatus();
    if (flags == SINEW_VM_CALL_RESUME && function.yields) {
      using Resume = std::conditional_t<std::is_void_v<Result>, Status (State::*)(),
                                        StatusOr<Result> (State::*)()>;
      BufferSource none({nullptr, 0});
      status = Entries<Resume, TypeList<>>::Run(state, FromGeneric<Resume>(function.resume), none,
                                                sink, &call);
    } else {
      BufferSource source(arguments);
      status = Run(state, MethodOf(function), source, sink, &call);
    }
    if (!status.has_value()) [[unlikely]]
      return AnnotateCall(function.module_name, function.name, std::move(status));
    return sinew_ok_status();
  }

  static constexpr sinew_vm_direct_function_t DirectEntry() {
    if constexpr (kHasDirect) {
      return &Direct;
    } else {
      return nullptr;
    }
  }

  // The register-direct entry (module.h): no buffers, no stack.
  static sinew_status_t Direct(void* target, void*, sinew_vm_module_state_t* opaque_state,
                               uint32_t* i32, sinew_vm_ref_t* refs, const uint16_t* args,
                               const uint16_t* results) {
    const auto& function = *static_cast<const NativeFunction<State>*>(target);
    State* state = *reinterpret_cast<State**>(opaque_state);
    RegisterSource source(i32, refs, args);
    Storage storage;
    Status read = ReadParams<Params...>(source, storage, std::index_sequence_for<Params...>());
    if (!read.has_value()) [[unlikely]]
      return AnnotateCall(function.module_name, function.name, std::move(read));
    Return result =
        Invoke(state, MethodOf(function), storage, nullptr, std::index_sequence_for<Params...>());
    if constexpr (kHasRefArguments) {
      // Refs moved in but only borrowed are released before results land (a result may
      // reuse the register); taken ones are already null.
      for (size_t i = 0; i < kArgumentItems.size(); ++i) {
        if ((args[i] & (SINEW_VM_REGISTER_REF | SINEW_VM_REGISTER_MOVE)) ==
            (SINEW_VM_REGISTER_REF | SINEW_VM_REGISTER_MOVE)) {
          sinew_vm_ref_release(&refs[args[i] & SINEW_VM_REGISTER_REF_ORDINAL_MASK]);
        }
      }
    }
    if (!result.has_value()) [[unlikely]]
      return AnnotateCall(function.module_name, function.name, std::move(result).error());
    if constexpr (!std::is_void_v<Result>) {
      RegisterSink sink(i32, refs, results);
      Marshal<Result>::Write(sink, std::move(*result));
    }
    return sinew_ok_status();
  }
};

}  // namespace native_detail

template <typename State>
struct NativeFunction {
  using BufferEntry = sinew_status_t (*)(const NativeFunction& function, State* state,
                                         const NativeImportTable& table,
                                         const NativeCallEnvironment& environment, uint32_t flags,
                                         sinew_byte_span_t arguments, sinew_byte_span_t results);
  std::string_view name;
  std::string_view cconv;
  BufferEntry call;
  sinew_vm_direct_function_t direct;  // Null for yieldable, variadic and import-calling methods.
  native_detail::GenericMethod method;
  native_detail::GenericMethod resume;  // Set when the function may yield.
  bool yields;
  std::span<const sinew_string_pair_t> attrs;
  // "(i32, !custom.string) -> i64" (native_signature.h); empty for variadic functions.
  std::string_view signature;
  // Filled in by NativeModule so errors can name "<module>.<function>".
  std::string_view module_name;
};

// An export calling `method` on the context's state.
template <typename Method>
NativeFunction<typename native_detail::MethodInfo<Method>::State> MakeNativeFunction(
    std::string_view name, Method method, std::span<const sinew_string_pair_t> attrs = {}) {
  using Entries = native_detail::Entries<Method>;
  return {name,
          Entries::kCconv.view(),
          &Entries::Buffer,
          Entries::DirectEntry(),
          native_detail::ToGeneric(method),
          {},
          false,
          attrs,
          Entries::kSignature.view(),
          {}};
}

// The same for a method named at compile time, MakeNativeFunction<&State::Method>("name"): its
// entries call the method directly instead of through a pointer to member, so a short method
// inlines into the register-direct entry.
template <auto kMethod>
NativeFunction<typename native_detail::MethodInfo<decltype(kMethod)>::State> MakeNativeFunction(
    std::string_view name, std::span<const sinew_string_pair_t> attrs = {}) {
  using Method = decltype(kMethod);
  using Entries =
      native_detail::Entries<Method, typename native_detail::MethodInfo<Method>::Args, kMethod>;
  return {name,
          Entries::kCconv.view(),
          &Entries::Buffer,
          Entries::DirectEntry(),
          native_detail::ToGeneric(kMethod),
          {},
          false,
          attrs,
          Entries::kSignature.view(),
          {}};
}

// An export that may yield: `begin` (the parameters) or `resume` (none) returns Deferred() to
// suspend the caller; the VM calls `resume` when it continues, until it returns a result.
// (ResumeMethod is constrained so that an attribute list given as the third argument selects
// the overload above.)
template <typename Method, native_detail::MemberFunctionPointer ResumeMethod>
NativeFunction<typename native_detail::MethodInfo<Method>::State> MakeNativeFunction(
    std::string_view name, Method begin, ResumeMethod resume,
    std::span<const sinew_string_pair_t> attrs = {}) {
  using Info = native_detail::MethodInfo<Method>;
  using ResumeInfo = native_detail::MethodInfo<ResumeMethod>;
  static_assert(std::is_same_v<typename Info::Result, typename ResumeInfo::Result>,
                "the resume method must return what the begin method returns");
  static_assert(std::is_same_v<typename ResumeInfo::Args, native_detail::TypeList<>> &&
                    !ResumeInfo::kTakesCall,
                "the resume method takes no parameters");
  NativeFunction<typename Info::State> function = MakeNativeFunction(name, begin, attrs);
  function.direct = nullptr;
  function.resume = native_detail::ToGeneric(resume);
  function.yields = true;
  return function;
}

}  // namespace sinew::vm

#endif  // SINEW_RUNTIME_VM_NATIVE_NATIVE_FUNCTION_H_
