// The `vm` dialect: Sinew's VM types, which input programs may name, and one generic
// instruction op that the conversions lower to. The instruction set itself is not repeated
// here: `vm.inst` names an instruction of the runtime's op table (op_table.def), which also
// defines its operand and result kinds.
#ifndef SINEW_COMPILER_DIALECT_VM_TD_
#define SINEW_COMPILER_DIALECT_VM_TD_

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def VM_Dialect : Dialect {
  let name = "vm";
  let cppNamespace = "::sinew::compiler::vm";
  let summary = "Sinew VM types and instructions";
  let useDefaultTypePrinterParser = 1;
}

class VM_Type<string name, string typeMnemonic> : TypeDef<VM_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def VM_BufferType : VM_Type<"Buffer", "buffer"> {
  let summary = "the builtin vm.buffer object";
}

def VM_OpaqueType : VM_Type<"Opaque", "opaque"> {
  let summary = "any value (variant)";
}

def VM_ListType : VM_Type<"List", "list"> {
  let summary = "the builtin vm.list object of the given element type (`?` for variants)";
  let parameters = (ins "::mlir::Type":$element_type);
  let hasCustomAssemblyFormat = 1;
}

def VM_RefType : VM_Type<"Ref", "ref"> {
  let summary = "a counted reference to an object of the given type (`?` for any)";
  let parameters = (ins "::mlir::Type":$object_type);
  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    // The registered type name the runtime resolves ("vm.buffer", "custom.string"); empty
    // for `?`.
    std::string getTypeName() const;
  }];
}

class VM_Op<string mnemonic, list<Trait> traits = []> : Op<VM_Dialect, mnemonic, traits>;

def VM_InstOp : VM_Op<"inst", [DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "one VM instruction, named by its op-table mnemonic";
  let description = [{
    `%r = vm.inst "add.i32"(%a, %b) : (i32, i32) -> i32`. Register operands and results
    follow the instruction's operand kinds in order; non-register operands come from
    attributes: `value` (immediates), `rodata` (const.ref.rodata bytes), `global` (global
    ops), `type` (ref type annotations), `callee` (import.resolved), `message` (fail).
  }];
  let arguments = (ins StrAttr:$mnemonic, Variadic<AnyType>:$operands);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = "$mnemonic `(` $operands `)` attr-dict `:` functional-type($operands, $results)";
  let hasVerifier = 1;
}

def VM_CondBranchOp : VM_Op<"cond_br", [AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<BranchOpInterface>, Pure, Terminator]> {
  let summary = "branches on an i32 condition (non-zero: true)";
  let description = [{
    cf.cond_br with the VM's condition type: comparisons produce i32, so branching on them
    needs no conversion back to i1.
  }];
  let arguments = (ins I32:$condition, Variadic<AnyType>:$trueDestOperands,
                       Variadic<AnyType>:$falseDestOperands);
  let successors = (successor AnySuccessor:$trueDest, AnySuccessor:$falseDest);
  let assemblyFormat = [{
    $condition `,`
    $trueDest (`(` $trueDestOperands^ `:` type($trueDestOperands) `)`)? `,`
    $falseDest (`(` $falseDestOperands^ `:` type($falseDestOperands) `)`)?
    attr-dict
  }];
}

def VM_CallVariadicOp : VM_Op<"call.variadic"> {
  let summary = "calls an import whose cconv has variadic (C...D) spans";
  let description = [{
    `%v = vm.call.variadic @hal.buffer_view.create segments [-1, -1, -1, -1, 2] (...)`: one
    segment size per top-level cconv argument, the element count of each span (-1 for
    arguments that are not spans), and the spans' elements flattened into the operands.
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, DenseI32ArrayAttr:$segment_sizes,
                       Variadic<AnyType>:$operands);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = [{
    $callee `segments` $segment_sizes `(` $operands `)` attr-dict `:`
    functional-type($operands, $results)
  }];
}

#endif  // SINEW_COMPILER_DIALECT_VM_TD_
