// The `util` dialect: the IREE-compatible helper types and ops that custom-module inputs use
// (!util.buffer, buffer constants, optimization barriers, unfoldable constants, globals).
#ifndef SINEW_COMPILER_DIALECT_UTIL_TD_
#define SINEW_COMPILER_DIALECT_UTIL_TD_

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Util_Dialect : Dialect {
  let name = "util";
  let cppNamespace = "::sinew::compiler::util";
  let summary = "Buffers, constants and globals of IREE's util dialect";
  let useDefaultTypePrinterParser = 1;
}

class Util_Type<string name, string typeMnemonic> : TypeDef<Util_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def Util_BufferType : Util_Type<"Buffer", "buffer"> {
  let summary = "a byte buffer (vm.buffer at run time)";
}

class Util_Op<string mnemonic, list<Trait> traits = []> : Op<Util_Dialect, mnemonic, traits>;

def Util_BufferConstantOp : Util_Op<"buffer.constant", [Pure]> {
  let summary = "a read-only buffer over constant bytes in the module's rodata";
  let description = [{
    `%b = util.buffer.constant : !util.buffer = "text"` or `= dense<[1, 2]> : tensor<2xi8>`.
  }];
  let arguments = (ins OptionalAttr<StrAttr>:$name, AnyAttr:$value,
                       OptionalAttr<I64Attr>:$alignment);
  let results = (outs Util_BufferType:$result);
  let assemblyFormat = "($name^)? attr-dict `:` type($result) `=` $value";
  let hasVerifier = 1;
}

def Util_OptimizationBarrierOp : Util_Op<"optimization_barrier"> {
  let summary = "returns its operands unchanged and keeps the optimizer from looking through";
  let description = [{ `%b = util.optimization_barrier %a : index` }];
  let arguments = (ins Variadic<AnyType>:$operands);
  let results = (outs Variadic<AnyType>:$results);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def Util_UnfoldableConstantOp
    : Util_Op<"unfoldable_constant", [AllTypesMatch<["value", "result"]>]> {
  let summary = "a constant the optimizer may not fold into its users";
  let arguments = (ins TypedAttrInterface:$value);
  let results = (outs AnyType:$result);
  let assemblyFormat = "attr-dict $value";
}

def Util_GlobalOp : Util_Op<"global", [Symbol]> {
  let summary = "a module-level variable";
  let description = [{
    `util.global private @g = 5 : i32`, `util.global private mutable @h : !util.buffer`.
  }];
  let arguments = (ins StrAttr:$sym_name, OptionalAttr<StrAttr>:$sym_visibility,
                       UnitAttr:$is_mutable, TypeAttr:$type,
                       OptionalAttr<TypedAttrInterface>:$initial_value);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def Util_GlobalLoadOp : Util_Op<"global.load", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "reads a global";
  let arguments = (ins FlatSymbolRefAttr:$global);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$global attr-dict `:` type($result)";
}

def Util_GlobalStoreOp : Util_Op<"global.store", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "writes a global";
  let arguments = (ins AnyType:$value, FlatSymbolRefAttr:$global);
  let assemblyFormat = "$value `,` $global attr-dict `:` type($value)";
}

def Util_InitializerOp : Util_Op<"initializer", [IsolatedFromAbove]> {
  let summary = "code that runs once when the module joins a context (before any export)";
  let regions = (region AnyRegion:$body);
  let assemblyFormat = "attr-dict-with-keyword $body";
}

def Util_ReturnOp : Util_Op<"return", [Terminator, HasParent<"InitializerOp">]> {
  let summary = "ends an initializer";
  let assemblyFormat = "attr-dict";
}

#endif  // SINEW_COMPILER_DIALECT_UTIL_TD_
