// Verification of function bodies: one linear pass decodes every instruction with the operand
// kinds of op_table.def and checks each operand against the function's register counts, the
// module's tables and the block structure. Nothing is allocated per instruction.
#include <bit>
#include <cstring>
#include <optional>
#include <utility>

#include "runtime/base/str_cat.h"
#include "runtime/vm/bytecode/bytecode_module_impl.h"
#include "runtime/vm/bytecode/module_def_access.h"
#include "runtime/vm/bytecode/module_format.h"
#include "runtime/vm/bytecode/verifier.h"
#include "runtime/vm/bytecode/verifier_internal.h"
#include "runtime/vm/module.h"

namespace sinew::vm::bytecode::verifier_internal {
namespace {

using enum OperandKind;

constexpr uint16_t kRefBit = SINEW_VM_REGISTER_REF;
constexpr uint16_t kMoveBit = SINEW_VM_REGISTER_MOVE;
constexpr uint16_t kRefOrdinalMask = SINEW_VM_REGISTER_REF_ORDINAL_MASK;
constexpr uint32_t kNoTarget = 0xFFFFFFFFu;

// Why a register operand was rejected; messages are only built on failure.
enum class RegisterIssue : uint8_t {
  kNone,
  kExpectedValue,
  kExpectedRef,
  kValueOutOfRange,
  kPairMisaligned,
  kPairOutOfRange,
  kRefOutOfRange,
  kMove,
};

// Which register list an entry belongs to, for messages.
enum class ListRole : uint8_t {
  kNone,
  kCallArgument,
  kCallResult,
  kReturn,
  kTrace,
  kDiscard,
  kSwitch,
  kRemap,
};

std::string_view RoleName(ListRole role) {
  switch (role) {
    case ListRole::kNone:
      return "";
    case ListRole::kCallArgument:
      return "call argument";
    case ListRole::kCallResult:
      return "call result";
    case ListRole::kReturn:
      return "return value";
    case ListRole::kTrace:
      return "operand";
    case ListRole::kDiscard:
      return "discarded register";
    case ListRole::kSwitch:
      return "switch value";
    case ListRole::kRemap:
      return "remap";
  }
  std::unreachable();
}

std::string RegisterName(uint16_t reg) {
  if ((reg & kRefBit) == 0) return StrCat("%i", reg);
  return StrCat((reg & kMoveBit) ? "%R" : "%r", reg & kRefOrdinalMask);
}

constexpr bool IsValue32(OperandKind kind) {
  return kind == OperandKind::I32 || kind == OperandKind::F32 || kind == OperandKind::OI32 ||
         kind == OperandKind::OF32;
}
constexpr bool IsValue64(OperandKind kind) {
  return kind == OperandKind::I64 || kind == OperandKind::F64 || kind == OperandKind::OI64 ||
         kind == OperandKind::OF64;
}
constexpr bool IsImmediate(OperandKind kind) {
  return kind == OperandKind::IMM32 || kind == OperandKind::IMMF32 || kind == OperandKind::IMM64 ||
         kind == OperandKind::IMMF64;
}
// Register counts are at most 0x8000 (i32) and 0x4000 (ref), so one compare per register
// operand also rejects a stray ref bit on a value operand, a missing ref bit, and a MOVE bit
// where none is allowed: each pushes the tested value past any count.
static_assert(kMaxI32RegisterOrdinal + 1 <= kRefBit && kMaxRefRegisterOrdinal + 1 <= kMoveBit);

// Fields are little-endian and only 2-byte aligned.
template <typename T>
T LoadLE(const uint8_t* bytes) {
  static_assert(std::endian::native == std::endian::little);
  T value;
  std::memcpy(&value, bytes, sizeof(T));
  return value;
}

// A u16-counted list of u16 entries inside the body.
struct List {
  uint32_t pc;  // of the first entry
  uint32_t count;
};

// Every check returns false after recording the first error in `error_`, so the success path
// never builds a status or a message.
class BodyVerifier {
 public:
  // `bitmaps` has room for two bitmaps over the module's bytecode, zero-filled.
  BodyVerifier(const ModuleInfo& module, std::span<uint64_t> bitmaps)
      : module_(module),
        bytecode_(module.module->bytecode() ? module.module->bytecode()->data() : nullptr),
        block_starts_(bitmaps.data()),
        targets_(bitmaps.data() + bitmaps.size() / 2),
        bitmap_words_(static_cast<uint32_t>(bitmaps.size() / 2)) {}

  // Walks every function in order. The bitmaps are over the whole bytecode, where bodies are
  // in order and disjoint (VerifyFunctionHeader), so branch targets that are not block starts
  // are found with one scan at the end rather than one per function. Forward targets are only
  // known then: a function with such a stray target is walked again, failing at the first
  // branch to it so that the error names the branch.
  [[gnu::always_inline]] Status Verify() {
    uint32_t ordinal = 0;
    uint32_t end = module_.function_count;
    while (ordinal < end) {
      Start(ordinal);
      uint32_t stray = kNoTarget;
      if (Walk()) [[likely]] {
        if (++ordinal < end) continue;
        if (report_target_ != kNoTarget) {
          FunctionFail("branch target ", report_target_, " is not the start of a block");
        } else {
          stray = FindStray(bitmap_words_ * 64);
          if (stray == kNoTarget) [[likely]] {
            return OkStatus();
          }
        }
      } else if (report_target_ == kNoTarget) {
        // A stray target of an earlier function comes first: functions are reported in order.
        stray = FindStray(bit_base_);
      }
      if (stray == kNoTarget) return std::unexpected(std::move(*error_));
      ordinal = ReportStray(stray);
      end = ordinal + 1;
    }
    return OkStatus();
  }

 private:
  // The last two instructions that a later one may be fused with (add.i32 and the i32
  // compares; see NoteInternalForms), kNoTarget before there are any. Instructions are
  // contiguous, so one of them ends right where the next instruction starts only when no other
  // instruction, block markers included, lies between.
  struct Fusable {
    uint32_t previous_pc = kNoTarget;
    uint32_t first_pc = kNoTarget;
  };

  bool Walk();
  bool WalkBlock(uint32_t& pc, Fusable& fusable);
  bool NotInBlock(uint32_t pc);
  template <OperandKind... kKinds>
  struct Operands {};
  template <Opcode kOpcode, OpExtension kExtension, OpShape kShape, OperandKind... kKinds>
  bool Step(uint32_t& pc, Fusable& fusable, Operands<kKinds...>);

  // Checks the operands, encoded with `kKinds` (op_table.def), of the instruction at `pc` and
  // advances `pc` past it; returns false after recording an error. Instructions with only
  // fixed-size operands are bounds-checked once and read at constant offsets.
  template <Opcode kOpcode, OperandKind... kKinds>
  [[gnu::always_inline]] bool VerifyOperands(uint32_t& pc) {
    if constexpr (((FixedOperandSize(kKinds) != 0) && ...)) {
      constexpr uint32_t kSize = 2 + (0 + ... + FixedOperandSize(kKinds));
      if (length_ - pc < kSize) [[unlikely]] {
        return Truncated(kOpcode);
      }
      // Only an import operand's message depends on the opcode.
      if constexpr (((kKinds == IMPORT) || ...)) opcode_ = kOpcode;
      const uint8_t* operand = body_ + pc + 2;
      if (!(VerifyFixed<kKinds>(operand) && ...)) return false;
      pc += kSize;
      return true;
    } else {
      // The common variable-size shapes have a fast check that accepts only what the general
      // walk below accepts; anything else, including every error, takes the general walk,
      // which produces the message.
      if constexpr (kOpcode == Opcode::kCall) {
        if (FastCall(pc)) [[likely]]
          return true;
      } else if constexpr (kOpcode == Opcode::kReturn) {
        if (FastReturn(pc)) [[likely]]
          return true;
      } else if constexpr (IsShape<kKinds...>(BRANCH)) {
        if (length_ - pc >= 8 && FastBranch(pc + 2)) [[likely]] {
          pc += 8;
          return true;
        }
      } else if constexpr (IsShape<kKinds...>(I32, BRANCH, BRANCH)) {
        if (length_ - pc >= 16 && Load16(pc + 2) < i32_count_ && FastBranch(pc + 4) &&
            FastBranch(pc + 10)) [[likely]] {
          pc += 16;
          return true;
        }
      }
      opcode_ = kOpcode;
      pc_ = pc + 2;
      if (!(VerifyNext<kKinds>() && ...)) return false;
      pc = pc_;
      return true;
    }
  }

  template <OperandKind... kKinds, typename... Kinds>
  static constexpr bool IsShape(Kinds... kinds) {
    if constexpr (sizeof...(kKinds) != sizeof...(Kinds)) {
      return false;
    } else {
      return ((kKinds == kinds) && ...);
    }
  }

  // Whether `reg` may stand for cconv item `kind` (see CheckItem).
  [[gnu::always_inline]] bool ItemFits(char kind, uint16_t reg) const {
    switch (kind) {
      case 'r':
        return ((reg & ~kMoveBit) ^ kRefBit) < ref_count_;
      case 'I':
      case 'F':
        return ((reg & 1) == 0) & (reg + 1u < i32_count_);
      default:
        return reg < i32_count_;
    }
  }
  // Whether the registers listed at `list` fit `items` (their count already matches). Scalar
  // lists, the common case, are checked inline, and the most common of them, a single
  // register, without a loop.
  [[gnu::always_inline]] bool ListFits(const uint8_t* list, const std::string_view& items,
                                       bool scalar) const {
    if (!scalar) return ItemsFit(list, items);
    size_t count = items.size();
    if (count == 1) return LoadLE<uint16_t>(list) < i32_count_;
    for (size_t i = 0; i < count; ++i) {
      if (LoadLE<uint16_t>(list + 2 * i) >= i32_count_) return false;
    }
    return true;
  }
  // Out of line, so that the scalar path does not load the items.
  [[gnu::noinline]] bool ItemsFit(const uint8_t* list, const std::string_view& items) const {
    for (size_t i = 0; i < items.size(); ++i) {
      if (!ItemFits(items[i], LoadLE<uint16_t>(list + 2 * i))) return false;
    }
    return true;
  }

  // A call (FUNC, ARGS, RESULTS) at `pc` to a callee without spans; advances `pc` past it.
  [[gnu::always_inline]] bool FastCall(uint32_t& pc) {
    if (length_ - pc < 10) return false;
    uint32_t callee = Load32(pc + 2);
    const Signature* signature;
    if (callee & kImportOrdinalBit) {
      uint32_t import = callee & ~kImportOrdinalBit;
      if (import >= module_.import_count) return false;
      signature = &module_.cconv_signatures[module_.imports[import].cconv_ordinal()];
      if (signature->cconv.empty() || signature->has_spans) return false;
    } else {
      if (callee >= module_.function_count) return false;
      signature = module_.functions[callee].signature;
    }
    if (signature->scalar_one_to_one) {
      // Each list is a count of 1 and a register: read as one u32 each.
      if (length_ - pc < 14) return false;
      uint32_t argument = Load32(pc + 6);
      uint32_t result = Load32(pc + 10);
      if ((argument & 0xFFFF) != 1 || (argument >> 16) >= i32_count_ || (result & 0xFFFF) != 1 ||
          (result >> 16) >= i32_count_) {
        return false;
      }
      callee_operand_ = callee;
      callee_ = signature;
      pc += 14;
      return true;
    }
    // With the counts the cconv needs, one bounds check covers both lists.
    size_t argument_count = signature->arguments.size();
    size_t result_count = signature->results.size();
    size_t size = 10 + 2 * (argument_count + result_count);
    if (length_ - pc < size) return false;
    const uint8_t* arguments = body_ + pc + 8;
    const uint8_t* results = arguments + 2 * argument_count + 2;
    if (LoadLE<uint16_t>(arguments - 2) != argument_count ||
        LoadLE<uint16_t>(results - 2) != result_count ||
        !ListFits(arguments, signature->arguments, signature->scalar_arguments) ||
        !ListFits(results, signature->results, signature->scalar_results)) {
      return false;
    }
    callee_operand_ = callee;
    callee_ = signature;
    pc += static_cast<uint32_t>(size);
    return true;
  }

  // A return (ARGS) at `pc` of the function's results; advances `pc` past it.
  [[gnu::always_inline]] bool FastReturn(uint32_t& pc) {
    size_t count = signature().results.size();
    if (length_ - pc < 4 + 2 * count || Load16(pc + 2) != count ||
        !ListFits(body_ + pc + 4, signature().results, signature().scalar_results)) {
      return false;
    }
    pc += 4 + 2 * static_cast<uint32_t>(count);
    return true;
  }

  // A branch operand without remaps at `pc`, whose 6 bytes the caller has bounds-checked.
  [[gnu::always_inline]] bool FastBranch(uint32_t pc) {
    if (Load16(pc + 4) != 0) return false;
    uint32_t target = Load32(pc);
    if (target >= length_ || (target & 1) || target == report_target_) return false;
    Mark(targets_, target);
    RelocateTarget(pc, target);
    return true;
  }

  const Signature& signature() const { return *function_->signature; }

  [[gnu::always_inline]] void Start(uint32_t ordinal) {
    const FunctionHeader& function = module_.functions[ordinal];
    function_ = &function;
    ordinal_ = ordinal;
    body_ = bytecode_ + function.bytecode_offset;
    length_ = function.bytecode_length;
    bit_base_ = function.bytecode_offset / 2;
    executable_ = module_.executable ? module_.executable[ordinal] : nullptr;
    i32_count_ = function.i32_register_count;
    ref_count_ = function.ref_register_count;
  }

  // Sets the bit of body offset `pc` in `bitmap`.
  [[gnu::always_inline]] void Mark(uint64_t* bitmap, uint32_t pc) {
    uint32_t bit = bit_base_ + pc / 2;
    bitmap[bit / 64] |= uint64_t{1} << (bit % 64);
  }

  // The first bit below `end` of a target that is not a block start, or kNoTarget. Nearly
  // always there is none: one branch-free pass over the whole words (which the compiler
  // vectorizes) says so, and only then are words searched one at a time.
  uint32_t FindStray(uint32_t end) const {
    uint32_t words = end / 64;
    uint64_t any = 0;
    for (uint32_t word = 0; word < words; ++word) any |= targets_[word] & ~block_starts_[word];
    if (end % 64 != 0) {
      any |= targets_[words] & ~block_starts_[words] & ((uint64_t{1} << (end % 64)) - 1);
    }
    if (any == 0) [[likely]] {
      return kNoTarget;
    }
    for (uint32_t word = 0;; ++word) {
      uint64_t stray = targets_[word] & ~block_starts_[word];
      if (word == words) stray &= (uint64_t{1} << (end % 64)) - 1;
      if (stray != 0) return word * 64 + static_cast<uint32_t>(std::countr_zero(stray));
    }
  }

  // Sets report_target_ to the stray target at `bit`; returns the function it is in.
  [[gnu::cold, gnu::noinline]] uint32_t ReportStray(uint32_t bit) {
    const FunctionHeader* function = module_.functions;
    while (bit >= (function->bytecode_offset + function->bytecode_length) / 2) ++function;
    report_target_ = (bit - function->bytecode_offset / 2) * 2;
    return static_cast<uint32_t>(function - module_.functions);
  }

  // Checks the fixed-size operand at `operand` and advances past it.
  template <OperandKind kKind>
  [[gnu::always_inline]] bool VerifyFixed(const uint8_t*& operand) {
    const uint8_t* at = operand;
    operand += FixedOperandSize(kKind);
    if constexpr (IsImmediate(kKind)) {
      return true;
    } else if constexpr (FixedOperandSize(kKind) == 2) {
      uint16_t reg = LoadLE<uint16_t>(at);
      bool valid;
      if constexpr (IsValue32(kKind)) {
        valid = reg < i32_count_;
      } else if constexpr (IsValue64(kKind)) {
        valid = ((reg & 1) == 0) & (reg + 1u < i32_count_);
      } else if constexpr (kKind == OperandKind::REF) {
        valid = (reg ^ kRefBit) < ref_count_;
      } else {  // REFM, OREFM
        valid = ((reg & ~kMoveBit) ^ kRefBit) < ref_count_;
      }
      return valid || RegisterOperandFail(kKind, reg);
    } else if constexpr (kKind == OperandKind::BLOCK) {
      uint32_t target = LoadLE<uint32_t>(at);
      if (!VerifyTarget(target)) return false;
      RelocateTarget(static_cast<uint32_t>(at - body_), target);
      return true;
    } else {
      return VerifyFixedValue(kKind, LoadLE<uint32_t>(at));
    }
  }

  // Module ordinals and offsets (block operands are handled by VerifyFixed).
  [[gnu::always_inline]] bool VerifyFixedValue(OperandKind kind, uint32_t value) {
    switch (kind) {
      case OperandKind::RODATA:
        return VerifyOrdinal("rodata", value, module_.rodata_count);
      case OperandKind::RWDATA4:
        return VerifyRwdata(value, 4);
      case OperandKind::RWDATA8:
        return VerifyRwdata(value, 8);
      case OperandKind::GREF:
        return VerifyOrdinal("global ref", value, module_.global_ref_count);
      case OperandKind::TYPE:
      case OperandKind::LISTTYPE:
        return VerifyOrdinal("type", value, module_.type_count);
      case OperandKind::FUNC:
        return VerifyFunction(value);
      case OperandKind::IMPORT:
        return VerifyImport(value);
      default:
        std::unreachable();
    }
  }

  // The next operand at pc_, for instructions with variable-size operands.
  template <OperandKind kKind>
  [[gnu::always_inline]] bool VerifyNext() {
    if constexpr (FixedOperandSize(kKind) != 0) {
      if (!Skip(FixedOperandSize(kKind))) return false;
      const uint8_t* operand = body_ + pc_ - FixedOperandSize(kKind);
      return VerifyFixed<kKind>(operand);
    } else {
      return VerifyVariable(kKind);
    }
  }

  [[gnu::always_inline]] bool VerifyVariable(OperandKind kind) {
    switch (kind) {
      case OperandKind::STR:
        return VerifyString();
      case OperandKind::BRANCH:
        return VerifyBranch();
      case OperandKind::BRTABLE:
        return VerifyBranchTable();
      case OperandKind::ARGS:
        return VerifyArguments();
      case OperandKind::RESULTS:
        return VerifyCallResults();
      case OperandKind::SEGMENTS:
        return ReadList(segments_);
      case OperandKind::REFLIST:
        return VerifyList(ListRole::kDiscard, [this](uint16_t reg) { return CheckRef(reg, true); });
      case OperandKind::LISTI32:
      case OperandKind::LISTF32:
        return VerifyList(ListRole::kSwitch, [this](uint16_t reg) { return CheckValue(reg); });
      case OperandKind::LISTI64:
      case OperandKind::LISTF64:
        return VerifyList(ListRole::kSwitch, [this](uint16_t reg) { return CheckPair(reg); });
      case OperandKind::LISTREF:
        return VerifyList(ListRole::kSwitch, [this](uint16_t reg) { return CheckRef(reg, true); });
      default:
        std::unreachable();
    }
  }

  // Reading.

  uint16_t Load16(uint32_t pc) const { return LoadLE<uint16_t>(body_ + pc); }
  uint32_t Load32(uint32_t pc) const { return LoadLE<uint32_t>(body_ + pc); }

  [[gnu::always_inline]] bool Skip(uint32_t size) {
    if (length_ - pc_ < size) [[unlikely]] {
      return Truncated(opcode_);
    }
    pc_ += size;
    return true;
  }
  [[gnu::always_inline]] bool Read16(uint16_t& value) {
    if (!Skip(2)) return false;
    value = Load16(pc_ - 2);
    return true;
  }
  [[gnu::always_inline]] bool Read32(uint32_t& value) {
    if (!Skip(4)) return false;
    value = Load32(pc_ - 4);
    return true;
  }
  [[gnu::always_inline]] bool ReadList(List& list) {
    uint16_t count;
    if (!Read16(count)) return false;
    list = {pc_, count};
    return Skip(2 * uint32_t{count});
  }
  uint16_t Entry(const List& list, uint32_t index) const { return Load16(list.pc + 2 * index); }

  // Registers.

  RegisterIssue CheckValue(uint16_t reg) const {
    if (reg & kRefBit) return RegisterIssue::kExpectedValue;
    if (reg >= i32_count_) return RegisterIssue::kValueOutOfRange;
    return RegisterIssue::kNone;
  }
  RegisterIssue CheckPair(uint16_t reg) const {
    if (reg & kRefBit) return RegisterIssue::kExpectedValue;
    if (reg & 1) return RegisterIssue::kPairMisaligned;
    if (uint32_t{reg} + 1 >= i32_count_) return RegisterIssue::kPairOutOfRange;
    return RegisterIssue::kNone;
  }
  RegisterIssue CheckRef(uint16_t reg, bool allow_move) const {
    if ((reg & kRefBit) == 0) return RegisterIssue::kExpectedRef;
    if ((reg & kMoveBit) && !allow_move) return RegisterIssue::kMove;
    if ((reg & kRefOrdinalMask) >= ref_count_) return RegisterIssue::kRefOutOfRange;
    return RegisterIssue::kNone;
  }
  RegisterIssue CheckAny(uint16_t reg) const {
    return (reg & kRefBit) ? CheckRef(reg, /*allow_move=*/true) : CheckValue(reg);
  }
  // A register for one cconv item: i/f a slot, I/F an even pair, r a ref (move allowed).
  [[gnu::always_inline]] RegisterIssue CheckItem(char kind, uint16_t reg) const {
    switch (kind) {
      case 'r':
        return CheckRef(reg, /*allow_move=*/true);
      case 'I':
      case 'F':
        return CheckPair(reg);
      default:
        return CheckValue(reg);
    }
  }

  template <typename Check>
  [[gnu::always_inline]] bool VerifyList(ListRole role, Check check) {
    List list;
    if (!ReadList(list)) return false;
    for (uint32_t i = 0; i < list.count; ++i) {
      uint16_t reg = Entry(list, i);
      RegisterIssue issue = check(reg);
      if (issue != RegisterIssue::kNone) return RegisterFail(issue, reg, role, i);
    }
    return true;
  }

  // Checks a list against cconv items without spans: same count, matching banks.
  [[gnu::always_inline]] bool VerifyListMatches(const List& list, std::string_view items,
                                                ListRole role) {
    if (list.count != items.size()) return CountFail(role, list.count, items.size());
    for (uint32_t i = 0; i < list.count; ++i) {
      uint16_t reg = Entry(list, i);
      RegisterIssue issue = CheckItem(items[i], reg);
      if (issue != RegisterIssue::kNone) return RegisterFail(issue, reg, role, i);
    }
    return true;
  }

  // Module ordinals and offsets.

  bool VerifyOrdinal(std::string_view what, uint32_t ordinal, uint32_t count) {
    return ordinal < count ||
           Fail(StatusCode::kOutOfRange, what, " ordinal ", ordinal, " out of range ", count);
  }

  bool VerifyRwdata(uint32_t offset, uint32_t width) {
    return uint64_t{offset} + width <= module_.rwdata_size ||
           Fail(StatusCode::kOutOfRange, "rwdata offset ", offset, " (", width,
                " bytes) out of range ", module_.rwdata_size);
  }

  // Calls.

  [[gnu::always_inline]] bool VerifyFunction(uint32_t operand) {
    callee_operand_ = operand;
    if (callee_operand_ & kImportOrdinalBit) return SetImportCallee();
    if (callee_operand_ >= module_.function_count) {
      return Fail(StatusCode::kOutOfRange, "function ordinal ", callee_operand_, " out of range ",
                  module_.function_count);
    }
    callee_ = module_.functions[callee_operand_].signature;
    return true;
  }

  [[gnu::always_inline]] bool VerifyImport(uint32_t operand) {
    callee_operand_ = operand;
    if ((callee_operand_ & kImportOrdinalBit) == 0) {
      if (opcode_ == Opcode::kCallVariadic || opcode_ == Opcode::kCallVariadicYieldable) {
        return Fail(StatusCode::kFailedPrecondition, "variadic calls only supported for imports");
      }
      return Invalid("function ordinal ", callee_operand_, " is not an import ordinal");
    }
    return SetImportCallee();
  }

  [[gnu::always_inline]] bool SetImportCallee() {
    uint32_t import = callee_operand_ & ~kImportOrdinalBit;
    if (import >= module_.import_count) {
      return Fail(StatusCode::kOutOfRange, "import ordinal ", import, " out of range ",
                  module_.import_count);
    }
    callee_ = &module_.cconv_signatures[module_.imports[import].cconv_ordinal()];
    return true;
  }

  bool IsCall() const {
    return opcode_ == Opcode::kCall || opcode_ == Opcode::kCallYieldable ||
           opcode_ == Opcode::kCallVariadic || opcode_ == Opcode::kCallVariadicYieldable;
  }

  [[gnu::always_inline]] bool VerifyArguments() {
    List list;
    if (!ReadList(list)) return false;
    if (opcode_ == Opcode::kReturn) {
      return VerifyListMatches(list, signature().results, ListRole::kReturn);
    }
    if (!IsCall()) {  // trace and print take registers of either bank
      for (uint32_t i = 0; i < list.count; ++i) {
        uint16_t reg = Entry(list, i);
        RegisterIssue issue = CheckAny(reg);
        if (issue != RegisterIssue::kNone) return RegisterFail(issue, reg, ListRole::kTrace, i);
      }
      return true;
    }
    // An import without a declared cconv takes whatever the exporter has: nothing to check
    // the registers against, and the interpreter marshals by the verified cconv.
    if (callee_->cconv.empty() && (callee_operand_ & kImportOrdinalBit)) {
      return Invalid("import '", CalleeName(), "' is called but declares no calling convention");
    }
    if (opcode_ == Opcode::kCallVariadic || opcode_ == Opcode::kCallVariadicYieldable) {
      return VerifyVariadicArguments(list);
    }
    if (callee_->has_spans) {
      return Invalid("call to '", CalleeName(), "' with variadic cconv '", callee_->cconv,
                     "' must use call.variadic");
    }
    return VerifyListMatches(list, callee_->arguments, ListRole::kCallArgument);
  }

  // The segment list has one size per top-level argument; a span takes size x items registers.
  bool VerifyVariadicArguments(const List& list) {
    std::string_view items = callee_->arguments;
    uint32_t top_level = 0;
    uint64_t expected = 0;
    for (size_t i = 0; i < items.size(); ++i, ++top_level) {
      if (items[i] != 'C') {
        ++expected;
        continue;
      }
      size_t end = items.find('D', i);
      if (top_level < segments_.count) {
        expected += uint64_t{Entry(segments_, top_level)} * (end - i - 1);
      }
      i = end;
    }
    if (segments_.count != top_level) {
      return Invalid("call to '", CalleeName(), "' has ", segments_.count,
                     " segment sizes but cconv '", callee_->cconv, "' has ", top_level,
                     " arguments");
    }
    if (list.count != expected) return CountFail(ListRole::kCallArgument, list.count, expected);
    uint32_t next = 0;
    uint32_t segment = 0;
    for (size_t i = 0; i < items.size(); ++i, ++segment) {
      std::string_view group = items.substr(i, 1);
      uint32_t repeat = 1;
      if (items[i] == 'C') {
        size_t end = items.find('D', i);
        group = items.substr(i + 1, end - i - 1);
        repeat = Entry(segments_, segment);
        i = end;
      }
      for (uint32_t element = 0; element < repeat; ++element) {
        for (char kind : group) {
          uint16_t reg = Entry(list, next);
          RegisterIssue issue = CheckItem(kind, reg);
          if (issue != RegisterIssue::kNone) {
            return RegisterFail(issue, reg, ListRole::kCallArgument, next);
          }
          ++next;
        }
      }
    }
    return true;
  }

  [[gnu::always_inline]] bool VerifyCallResults() {
    List list;
    return ReadList(list) && VerifyListMatches(list, callee_->results, ListRole::kCallResult);
  }

  // Strings and control flow.

  [[gnu::always_inline]] bool VerifyString() {
    uint16_t size;
    return Read16(size) && Skip((uint32_t{size} + 1) & ~1u);
  }

  [[gnu::always_inline]] bool VerifyTarget(uint32_t target) {
    if (target >= length_ || (target & 1) || target == report_target_) {
      return Invalid("branch target ", target, " is not the start of a block");
    }
    Mark(targets_, target);
    return true;
  }

  // Target, then (source, destination) pairs: same bank, in range, move only on a ref source.
  [[gnu::always_inline]] bool VerifyBranch() {
    uint32_t target;
    uint16_t count;
    if (!Read32(target) || !VerifyTarget(target) || !Read16(count)) return false;
    RelocateTarget(pc_ - 6, target);
    uint32_t pairs = pc_;
    if (!Skip(4 * uint32_t{count})) return false;
    for (uint32_t i = 0; i < count; ++i) {
      uint16_t source = Load16(pairs + 4 * i);
      uint16_t destination = Load16(pairs + 4 * i + 2);
      if ((source ^ destination) & kRefBit) {
        return Invalid("remap ", i, ": source ", RegisterName(source), " and destination ",
                       RegisterName(destination), " are in different banks");
      }
      RegisterIssue issue = CheckAny(source);
      if (issue != RegisterIssue::kNone) return RegisterFail(issue, source, ListRole::kRemap, i);
      issue = (destination & kRefBit) ? CheckRef(destination, /*allow_move=*/false)
                                      : CheckValue(destination);
      if (issue != RegisterIssue::kNone) {
        return RegisterFail(issue, destination, ListRole::kRemap, i);
      }
    }
    return true;
  }

  bool VerifyBranchTable() {
    uint16_t cases;
    if (!Read16(cases)) return false;
    for (uint32_t i = 0; i <= cases; ++i) {
      if (!VerifyBranch()) return false;
    }
    return true;
  }

  // Errors: each records the error and returns false.

  std::string CalleeName() const {
    if (callee_operand_ & kImportOrdinalBit) {
      return std::string(ImportName(*module_.module, callee_operand_ & ~kImportOrdinalBit));
    }
    return FunctionName(*module_.module, callee_operand_);
  }

  // Pieces are taken by value: a reference to a local of the walk would keep that local in
  // memory on the success path too.
  template <typename... Pieces>
  [[gnu::cold, gnu::noinline]] bool Fail(StatusCode code, Pieces... pieces) {
    error_ = Error(code, StrCat("function '", FunctionName(*module_.module, ordinal_), "' pc ",
                                op_pc_, ": ", pieces...));
    return false;
  }
  template <typename... Pieces>
  bool Invalid(Pieces... pieces) {
    return Fail(StatusCode::kInvalidArgument, pieces...);
  }
  template <typename... Pieces>
  [[gnu::cold, gnu::noinline]] bool FunctionFail(Pieces... pieces) {
    error_ =
        FunctionError(*module_.module, ordinal_, StatusCode::kInvalidArgument, StrCat(pieces...))
            .error();
    return false;
  }

  [[gnu::cold, gnu::noinline]] bool Truncated(Opcode opcode) {
    return Invalid("op '", GetOpInfo(opcode).mnemonic, "' extends past the end of the function");
  }
  [[gnu::cold, gnu::noinline]] bool CountFail(ListRole role, uint32_t count, uint64_t expected) {
    if (role == ListRole::kReturn) {
      return Invalid("return has ", count, " values but cconv '", signature().cconv, "' has ",
                     expected, " results");
    }
    bool arguments = role == ListRole::kCallArgument;
    return Invalid("call to '", CalleeName(), "' has ", count, arguments ? " argument" : " result",
                   " registers but cconv '", callee_->cconv, "' needs ", expected);
  }

  // Finds out which rule a register operand broke.
  [[gnu::cold, gnu::noinline]] bool RegisterOperandFail(OperandKind kind, uint16_t reg) {
    RegisterIssue issue;
    switch (kind) {
      case OperandKind::REF:
        issue = CheckRef(reg, /*allow_move=*/false);
        break;
      case OperandKind::REFM:
      case OperandKind::OREFM:
        issue = CheckRef(reg, /*allow_move=*/true);
        break;
      case OperandKind::I64:
      case OperandKind::F64:
      case OperandKind::OI64:
      case OperandKind::OF64:
        issue = CheckPair(reg);
        break;
      default:
        issue = CheckValue(reg);
        break;
    }
    return RegisterFail(issue, reg, ListRole::kNone, 0);
  }
  [[gnu::cold, gnu::noinline]] bool RegisterFail(RegisterIssue issue, uint16_t reg, ListRole role,
                                                 uint32_t index) {
    std::string where =
        role == ListRole::kNone ? std::string() : StrCat(RoleName(role), " ", index, ": ");
    switch (issue) {
      case RegisterIssue::kExpectedValue:
        return Invalid(where, "expected a value register, found ", RegisterName(reg));
      case RegisterIssue::kExpectedRef:
        return Invalid(where, "expected a ref register, found ", RegisterName(reg));
      case RegisterIssue::kValueOutOfRange:
        return Fail(StatusCode::kOutOfRange, where, "i32 register ordinal ", reg, " out of range ",
                    i32_count_);
      case RegisterIssue::kPairMisaligned:
        return Invalid(where, "i64 register ordinal ", reg, " not 8-byte aligned");
      case RegisterIssue::kPairOutOfRange:
        return Fail(StatusCode::kOutOfRange,
                    StrCat(where, "i64 register ordinal ", reg, " (slots ", reg, ":", reg + 1,
                           ") out of range ", i32_count_));
      case RegisterIssue::kRefOutOfRange:
        return Fail(StatusCode::kOutOfRange, where, "ref register ordinal ", reg & kRefOrdinalMask,
                    " out of range ", ref_count_);
      case RegisterIssue::kMove:
        return Invalid(where, "ref register has MOVE bit but op does not support MOVE");
      case RegisterIssue::kNone:
        break;
    }
    std::unreachable();
  }

  // Writes internal forms (op_table.def) into the executable copy once the instruction at `pc`
  // is verified: a call of an import or of a scalar internal function, a scalar return (and an
  // add whose result it returns), or a cond_br on the result of the i32 compare right before it
  // (and an add before that).
  template <Opcode kOpcode>
  [[gnu::always_inline]] void NoteInternalForms(uint32_t pc, const Fusable& fusable) {
    uint32_t previous_pc = fusable.previous_pc;
    if constexpr (kOpcode == Opcode::kCall) {
      if (callee_operand_ & kImportOrdinalBit) {
        NoteSite(pc, Opcode::kCallImport);
      } else if (callee_->scalar_arguments) {
        const uint8_t* callee_code = module_.executable[callee_operand_];
        // All copies share one allocation, so the distance fits the operand.
        auto distance = static_cast<int32_t>(callee_code - (executable_ + pc));
        std::memcpy(executable_ + pc + 2, &distance, sizeof(distance));
        uint32_t callee_size = FrameSize(PrefixOf(callee_code));
        if (callee_->arguments.size() != 1 || callee_->results.size() != 1 ||
            callee_size > UINT16_MAX) {
          return NoteSite(pc, Opcode::kCallInternalScalar);
        }
        // The one-to-one form's argument count (1) makes way for the callee's frame size, which
        // the call then has without a load that waits on the callee's address.
        NoteSite(pc, Opcode::kCallInternalScalar1);
        Store16(pc + 6, static_cast<uint16_t>(callee_size));
      }
    } else if constexpr (kOpcode == Opcode::kReturn) {
      if (ref_count_ == 0 && signature().scalar_results) {
        if (signature().results.size() != 1) return NoteSite(pc, Opcode::kReturnScalar);
        NoteSite(pc, Opcode::kReturnScalar1);
        if (previous_pc + 8 == pc && Load16(previous_pc + 6) == Load16(pc + 4) &&
            static_cast<Opcode>(Load16(previous_pc)) == Opcode::kAddI32) {
          NoteSite(previous_pc, Opcode::kAddI32ReturnScalar1);
        }
      }
    } else {
      static_assert(kOpcode == Opcode::kCondBr);
      if (previous_pc + 8 != pc || Load16(previous_pc + 6) != Load16(pc + 2)) return;
      switch (static_cast<Opcode>(Load16(previous_pc))) {
        case Opcode::kCmpEqI32:
          return NoteSite(previous_pc, Opcode::kCmpEqI32CondBr);
        case Opcode::kCmpNeI32:
          return NoteSite(previous_pc, Opcode::kCmpNeI32CondBr);
        case Opcode::kCmpLtI32S:
          if (fusable.first_pc + 8 == previous_pc &&
              static_cast<Opcode>(Load16(fusable.first_pc)) == Opcode::kAddI32) {
            return NoteSite(fusable.first_pc, Opcode::kAddI32CmpLtI32SCondBr);
          }
          return NoteSite(previous_pc, Opcode::kCmpLtI32SCondBr);
        default:
          return;
      }
    }
  }

  // In the executable copy a block operand at `position` holds the signed distance from
  // itself to the target block's first instruction (past its marker), so a taken branch needs
  // no function base.
  [[gnu::always_inline]] void RelocateTarget(uint32_t position, uint32_t target) {
    if (!executable_) return;
    auto distance = static_cast<int32_t>(target + 2) - static_cast<int32_t>(position);
    std::memcpy(executable_ + position, &distance, sizeof(distance));
  }

  void NoteSite(uint32_t pc, Opcode opcode) { Store16(pc, static_cast<uint16_t>(opcode)); }
  void Store16(uint32_t pc, uint16_t value) {
    std::memcpy(executable_ + pc, &value, sizeof(value));
  }

  const ModuleInfo& module_;
  const uint8_t* bytecode_;
  uint64_t* block_starts_;
  uint64_t* targets_;
  uint32_t bitmap_words_;
  // The function being walked (Start).
  const FunctionHeader* function_;
  uint32_t ordinal_;
  const uint8_t* body_;
  uint32_t length_;
  uint32_t bit_base_;    // of its first byte in the bitmaps
  uint8_t* executable_;  // its executable copy (ModuleInfo::executable), or null
  uint32_t i32_count_;
  uint32_t ref_count_;
  // When set, the walk rejects branches to this offset (see Verify()).
  uint32_t report_target_ = kNoTarget;
  // Empty until an error: an Error would cost a call to free on every success.
  std::optional<Error> error_;

  // The instruction being decoded, each set before it is read (left uninitialized: the
  // verifier is constructed per function).
  uint32_t pc_;
  uint32_t op_pc_;
  Opcode opcode_;
  const Signature* callee_;  // set by FUNC/IMPORT before ARGS/RESULTS
  uint32_t callee_operand_;
  List segments_;
};

// One instruction of a block after its marker, with the opcode's facts and operand kinds from
// op_table.def. Advances `pc` past it, or returns false after recording an error.
template <Opcode kOpcode, OpExtension kExtension, OpShape kShape, OperandKind... kKinds>
[[gnu::always_inline]] inline bool BodyVerifier::Step(uint32_t& pc, Fusable& fusable,
                                                      Operands<kKinds...>) {
  if constexpr (kOpcode == Opcode::kBlock) {
    return Invalid("op at pc ", pc, " is a block while still in a block");
  } else if constexpr (kShape == OpShape::Internal) {
    return Invalid("internal op '", GetOpInfo(kOpcode).mnemonic, "' cannot appear in a module");
  } else {
    if constexpr (kExtension != OpExtension::CORE) {
      constexpr uint32_t kRequirement =
          kExtension == OpExtension::F32 ? kRequirementF32 : kRequirementF64;
      if ((module_.requirements & kRequirement) == 0) [[unlikely]] {
        return Invalid("op '", GetOpInfo(kOpcode).mnemonic, "' requires the ",
                       kExtension == OpExtension::F32 ? "F32" : "F64",
                       " extension, which the module does not declare");
      }
    }
    uint32_t op_pc = pc;
    if (!VerifyOperands<kOpcode, kKinds...>(pc)) return false;
    if constexpr (kOpcode == Opcode::kAddI32 || kOpcode == Opcode::kCmpEqI32 ||
                  kOpcode == Opcode::kCmpNeI32 || kOpcode == Opcode::kCmpLtI32S) {
      fusable.first_pc = fusable.previous_pc;
      fusable.previous_pc = op_pc;
    } else if constexpr (kOpcode == Opcode::kCall || kOpcode == Opcode::kReturn ||
                         kOpcode == Opcode::kCondBr) {
      if (executable_) NoteInternalForms<kOpcode>(op_pc, fusable);
    }
    return true;
  }
}

// The instructions of the block whose marker is before `pc`, up to its terminator; advances
// `pc` past them.
[[gnu::always_inline]] inline bool BodyVerifier::WalkBlock(uint32_t& pc, Fusable& fusable) {
  while (pc < length_) {
    op_pc_ = pc;
    uint16_t raw_opcode = Load16(pc);
    switch (raw_opcode) {
#define SINEW_VERIFIER_UNPAREN(...) __VA_ARGS__
#define OP(name, mnemonic, ext, shape, exec, kinds)                   \
  case static_cast<uint16_t>(Opcode::k##name):                        \
    if (!Step<Opcode::k##name, OpExtension::ext, OpShape::shape>(     \
            pc, fusable, Operands<SINEW_VERIFIER_UNPAREN kinds>{})) { \
      return false;                                                   \
    }                                                                 \
    if constexpr (IsBlockTerminator(Opcode::k##name)) return true;    \
    break;
#include "runtime/vm/bytecode/op_table.def"
#undef OP
#undef SINEW_VERIFIER_UNPAREN
      default:
        return Invalid("unknown opcode ", raw_opcode);
    }
  }
  return Invalid("function missing terminator in the last block");
}

// The error for the instruction at `pc`, where a block marker must be.
[[gnu::cold, gnu::noinline]] bool BodyVerifier::NotInBlock(uint32_t pc) {
  uint16_t raw_opcode = Load16(pc);
  if (raw_opcode >= kOpcodeCount) return Invalid("unknown opcode ", raw_opcode);
  const OpInfo& info = GetOpInfo(static_cast<Opcode>(raw_opcode));
  if (info.shape == OpShape::Internal) {
    return Invalid("internal op '", info.mnemonic, "' cannot appear in a module");
  }
  return Invalid("op at pc ", pc, " is not in a block");
}

[[gnu::always_inline]] inline bool BodyVerifier::Walk() {
  if (length_ == 0) return FunctionFail("function body is empty");
  Fusable fusable;
  uint32_t block_count = 0;
  uint32_t pc = 0;
  // The body is a sequence of blocks, each a marker and instructions up to a terminator. The
  // body length is even and every operand has an even size, so an opcode always fits.
  while (pc < length_) {
    op_pc_ = pc;
    if (Load16(pc) != static_cast<uint16_t>(Opcode::kBlock)) return NotInBlock(pc);
    Mark(block_starts_, pc);
    ++block_count;
    pc += 2;
    if (!WalkBlock(pc, fusable)) return false;
  }
  if (block_count != function_->block_count) {
    return FunctionFail("block_count ", function_->block_count, " does not match the ", block_count,
                        " blocks in the body");
  }
  return true;
}

}  // namespace

Status VerifyFunctionBodies(const ModuleInfo& module) {
  const auto* bytecode = module.module->bytecode();
  size_t words = ((bytecode ? bytecode->size() : 0) / 2 + 63) / 64;
  // Block starts and branch targets, one bit per 2-byte unit of the bytecode.
  ScratchBuffer<uint64_t, 64> bitmaps;
  return BodyVerifier(module, bitmaps.Zeroed(2 * words)).Verify();
}

}  // namespace sinew::vm::bytecode::verifier_internal
