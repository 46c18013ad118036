// Operand decoding and generic kernel execution for the interpreter. Operand layouts come
// from op_table.def, so pure instructions need no hand-written handler.
#ifndef SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_UTIL_H_
#define SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_UTIL_H_

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

#include "runtime/vm/bytecode/op_table.h"
#include "runtime/vm/module.h"

namespace sinew::vm::bytecode {

inline uint16_t ReadU16(const uint8_t* p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}
inline uint32_t ReadU32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t ReadU64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline int64_t LoadI64(const uint32_t* regs, uint16_t ordinal) {
  int64_t v;
  std::memcpy(&v, &regs[ordinal], 8);
  return v;
}
inline void StoreI64(uint32_t* regs, uint16_t ordinal, int64_t v) {
  std::memcpy(&regs[ordinal], &v, 8);
}

// Reads or writes one fixed-size operand of a given kind at `p`.
template <OperandKind K>
struct Operand;

template <>
struct Operand<OperandKind::I32> {
  static int32_t Read(const uint8_t* p, const uint32_t* r) {
    return static_cast<int32_t>(r[ReadU16(p)]);
  }
};
template <>
struct Operand<OperandKind::I64> {
  static int64_t Read(const uint8_t* p, const uint32_t* r) { return LoadI64(r, ReadU16(p)); }
};
template <>
struct Operand<OperandKind::F32> {
  static float Read(const uint8_t* p, const uint32_t* r) {
    return std::bit_cast<float>(r[ReadU16(p)]);
  }
};
template <>
struct Operand<OperandKind::F64> {
  static double Read(const uint8_t* p, const uint32_t* r) {
    return std::bit_cast<double>(LoadI64(r, ReadU16(p)));
  }
};
template <>
struct Operand<OperandKind::IMM32> {
  static int32_t Read(const uint8_t* p, const uint32_t*) {
    return static_cast<int32_t>(ReadU32(p));
  }
};
template <>
struct Operand<OperandKind::IMM64> {
  static int64_t Read(const uint8_t* p, const uint32_t*) {
    return static_cast<int64_t>(ReadU64(p));
  }
};
template <>
struct Operand<OperandKind::IMMF32> {
  static float Read(const uint8_t* p, const uint32_t*) { return std::bit_cast<float>(ReadU32(p)); }
};
template <>
struct Operand<OperandKind::IMMF64> {
  static double Read(const uint8_t* p, const uint32_t*) {
    return std::bit_cast<double>(ReadU64(p));
  }
};
template <>
struct Operand<OperandKind::OI32> {
  static void Write(const uint8_t* p, uint32_t* r, int32_t v) {
    r[ReadU16(p)] = static_cast<uint32_t>(v);
  }
};
template <>
struct Operand<OperandKind::OI64> {
  static void Write(const uint8_t* p, uint32_t* r, int64_t v) { StoreI64(r, ReadU16(p), v); }
};
template <>
struct Operand<OperandKind::OF32> {
  static void Write(const uint8_t* p, uint32_t* r, float v) {
    r[ReadU16(p)] = std::bit_cast<uint32_t>(v);
  }
};
template <>
struct Operand<OperandKind::OF64> {
  static void Write(const uint8_t* p, uint32_t* r, double v) {
    StoreI64(r, ReadU16(p), std::bit_cast<int64_t>(v));
  }
};

// Byte offsets of each operand after the opcode.
template <OperandKind... Ks>
constexpr std::array<uint32_t, sizeof...(Ks) + 1> OperandOffsets() {
  std::array<uint32_t, sizeof...(Ks) + 1> offsets{};
  uint32_t position = 2;
  uint32_t i = 0;
  ((offsets[i++] = position, position += FixedOperandSize(Ks)), ...);
  offsets[i] = position;
  return offsets;
}

template <auto Kernel, OperandKind... Ks, size_t... Is>
inline const uint8_t* ExecuteKernelImpl(const uint8_t* pc, uint32_t* regs,
                                        std::index_sequence<Is...>) {
  constexpr auto kOffsets = OperandOffsets<Ks...>();
  constexpr OperandKind kKinds[] = {Ks...};
  constexpr size_t kResult = sizeof...(Ks) - 1;
  auto value = Kernel(Operand<kKinds[Is]>::Read(pc + kOffsets[Is], regs)...);
  Operand<kKinds[kResult]>::Write(pc + kOffsets[kResult], regs, value);
  return pc + kOffsets[sizeof...(Ks)];
}

// Runs a pure instruction: reads its operands, applies the kernel, writes the result (the
// last operand) and returns the next pc.
template <auto Kernel, OperandKind... Ks>
inline const uint8_t* ExecuteKernel(const uint8_t* pc, uint32_t* regs) {
  return ExecuteKernelImpl<Kernel, Ks...>(pc, regs, std::make_index_sequence<sizeof...(Ks) - 1>());
}

}  // namespace sinew::vm::bytecode

#endif  // SINEW_RUNTIME_VM_BYTECODE_INTERPRETER_UTIL_H_
