// The assembler's internal state, shared by the assembler*.cc files. Each file implements one
// part of class Assembler: directives, function structure, instruction shapes, operand
// encoding, registers and symbol resolution.
#ifndef SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_INTERNAL_H_
#define SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_INTERNAL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/base/status.h"
#include "runtime/vm/bytecode/op_table.h"
#include "runtime/vm/bytecode/writer.h"

namespace sinew::vm::bytecode::assembler_internal {

struct SourcePos {
  uint32_t line = 1;
  uint32_t column = 1;
};

// Builds "FILE:LINE:COL: MESSAGE" errors. Tokens are views into the current line, so their
// column is their distance from the line start.
class Diagnostics {
 public:
  explicit Diagnostics(std::string_view file_name) : file_name_(file_name) {}

  void SetLine(std::string_view raw, std::string_view text, uint32_t number) {
    raw_ = raw;
    text_ = text;
    number_ = number;
  }
  // Position of `at` when it points into the current line, else of the line's text.
  SourcePos Pos(std::string_view at) const;
  std::unexpected<Error> Fail(std::string_view at, std::string_view message,
                              StatusCode code = StatusCode::kInvalidArgument) const {
    return FailAt(Pos(at), message, code);
  }
  std::unexpected<Error> FailAt(SourcePos pos, std::string_view message,
                                StatusCode code = StatusCode::kInvalidArgument) const;

 private:
  std::string_view file_name_;
  std::string_view raw_;
  std::string_view text_;
  uint32_t number_ = 0;
};

// A register operand as written: %iN, %iN:M, %rN or %RN.
struct Register {
  bool is_ref = false;
  bool is_pair = false;
  bool move = false;
  uint32_t ordinal = 0;
  uint32_t high = 0;  // M of %iN:M
};
// Recognizes a register; nullopt if `text` is not one (range is checked by the caller).
std::optional<Register> LexRegister(std::string_view text);
// A ref register's u16 encoding: SINEW_VM_REGISTER_REF | [MOVE] | ordinal.
uint16_t EncodeRef(const Register& reg);

// Operand text grouped per encoded operand by an instruction shape (VMASM.md section 7).
struct Slot {
  std::string_view text;                // the operand, or the annotation's type name
  std::vector<std::string_view> items;  // entries of list and branch-table operands
  bool annotation = false;              // written as " : T" or "-> T"
};
struct ShapeOperands {
  std::vector<Slot> inputs;  // one per non-result operand kind, in encoding order
  // Set when the shape itself names the results (yieldable call continuations).
  std::optional<std::vector<std::string_view>> results;
};
// Splits the text after the mnemonic according to the instruction's shape.
StatusOr<ShapeOperands> SplitShape(const OpInfo& info, std::string_view operands,
                                   const Diagnostics& diag);

// A callee reference: an import, an internal ordinal, or an internal name resolved at the end.
struct FunctionRef {
  bool is_import = false;
  bool resolved = false;
  uint32_t ordinal = 0;
  std::string name;
  SourcePos pos;
};

// One encoded entry of a register list (refs carry SINEW_VM_REGISTER_REF), kept to size
// register files once callee signatures are known.
struct ListItem {
  bool is_ref = false;
  uint16_t encoded = 0;
};
// Which registers a list accepts.
enum class ListMode {
  kAny,          // call arguments, returns, traces: any bank, refs may move
  kResults,      // call results: any bank, no move
  kRefs,         // discard.refs and switch.ref values
  kScalars,      // 32-bit switch values
  kWideScalars,  // 64-bit switch values, written %iN or %iN:N+1
};
// The i32 register count needed by 64-bit values (cconv chars I/F) named in `items`.
uint32_t WidestSlotCount(std::string_view kinds, const std::vector<ListItem>& items);

class Assembler {
 public:
  explicit Assembler(std::string_view file_name) : diag_(file_name) {}
  StatusOr<ModuleDesc> Run(std::string_view source);

 private:
  struct GlobalSymbol {
    std::string name;
    uint32_t size = 0;  // 4 or 8 bytes; 0 for ref globals
    uint32_t offset = 0;
  };
  struct PendingExport {
    std::string name;
    std::string function;
    SourcePos pos;
  };
  // A FUNC operand to patch once every function is defined.
  struct FunctionFixup {
    uint32_t function = 0;
    uint32_t position = 0;
    FunctionRef callee;
  };
  struct CallRecord {
    uint32_t caller = 0;
    FunctionRef callee;
    std::vector<uint16_t> segments;
    std::vector<ListItem> args;
    std::vector<ListItem> results;
  };
  struct Label {
    uint32_t block = 0;
    SourcePos first_use;
  };
  struct FunctionState {
    uint32_t ordinal = 0;
    FunctionEncoder encoder;
    std::map<std::string, Label, std::less<>> labels;
    bool has_instruction = false;
    bool has_label = false;
    bool has_terminator = false;
    uint32_t i32_count = 0;
    uint32_t ref_count = 0;
    std::string result_kinds;  // cconv chars of the results
    std::vector<FunctionFixup> fixups;
  };

  // assembler_directives.cc
  Status TopLevelLine(std::string_view text);
  Status ModuleDirective(std::string_view rest);
  Status TypeDirective(std::string_view rest);
  Status ImportDirective(std::string_view rest);
  Status RodataDirective(std::string_view text);
  Status GlobalDirective(std::string_view word, std::string_view rest);
  Status ExportDirective(std::string_view rest);
  StatusOr<std::string_view> ParseSymbol(std::string_view text) const;
  StatusOr<std::string_view> ParseQuoted(std::string_view text) const;

  // assembler_function.cc
  Status BeginFunction(std::string_view rest);
  Status BodyLine(std::string_view text);
  Status EndFunction(std::string_view text);
  uint32_t LabelBlock(std::string_view label);

  // assembler_instruction.cc
  Status Instruction(std::string_view text);

  // assembler_operands.cc
  Status EncodeInput(OperandKind kind, const Slot& slot);
  // Parses a fixed result register into its encoding.
  StatusOr<uint16_t> ResultRegister(OperandKind kind, std::string_view text);
  Status BranchTarget(std::string_view text);
  Status StorageOperand(OperandKind kind, std::string_view text);

  // assembler_registers.cc
  StatusOr<Register> ValueRegister(std::string_view text, bool wide);
  StatusOr<Register> RefRegister(std::string_view text, bool allow_move);
  Status CountRegister(const Register& reg, std::string_view text);
  StatusOr<ListItem> ListRegister(std::string_view text, ListMode mode);
  Status RegisterList(std::span<const std::string_view> items, ListMode mode,
                      std::vector<ListItem>* out);

  // assembler_symbols.cc
  uint32_t TypeOrdinal(std::string_view name);
  StatusOr<FunctionRef> ParseFunctionRef(std::string_view text) const;
  void LayoutGlobals();
  const GlobalSymbol* FindGlobal(std::string_view name) const;
  Status ResolveAtEnd();

  Diagnostics diag_;
  ModuleDesc module_;
  bool has_module_ = false;
  std::optional<FunctionState> function_;
  SourcePos function_pos_;
  std::map<std::string, uint32_t, std::less<>> function_ordinals_;
  std::map<std::string, uint32_t, std::less<>> import_ordinals_;
  std::vector<GlobalSymbol> globals_;
  std::vector<GlobalSymbol> ref_globals_;
  std::vector<PendingExport> exports_;
  std::vector<FunctionFixup> fixups_;
  std::vector<CallRecord> calls_;
  // Operands of the instruction being encoded that calls record for register sizing.
  CallRecord current_call_;
};

}  // namespace sinew::vm::bytecode::assembler_internal

#endif  // SINEW_RUNTIME_VM_BYTECODE_ASSEMBLER_INTERNAL_H_
