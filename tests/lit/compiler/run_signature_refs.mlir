// vm.signature may name a different ref type than the import's declaration: a typed ref
// passes as !vm.ref<?> through assign.ref, and !vm.ref<?> becomes the typed ref the
// signature names through cast.any.ref (a run-time type check). Imports from the hal
// module, which the tools link.
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-run-module --module=%t.vmb --function=typed_to_any --input="2x7xf32=0" \
// RUN:   | FileCheck %s --check-prefix=TO-ANY
// RUN: sinew-run-module --module=%t.vmb --function=any_to_typed --input="3x5xi8=0" \
// RUN:   | FileCheck %s --check-prefix=TO-TYPED
// RUN: sinew-compile %s --output-format=vmasm | FileCheck %s --check-prefix=ASM
// TO-ANY: result[0]: i64=7
// TO-TYPED: result[0]: i32=2
// ASM-LABEL: vm.func @typed_to_any
// ASM: vm.assign.ref
// ASM-LABEL: vm.func @any_to_typed
// ASM: vm.cast.any.ref
module @signature_refs {
  func.func private @hal.buffer_view.dim(tensor<?x?xf32>, i32) -> i64 attributes {
    vm.signature = (!vm.ref<?>, i32) -> i64
  }
  func.func @typed_to_any(%t: tensor<?x?xf32>) -> i64 {
    %c1 = arith.constant 1 : i32
    %d = func.call @hal.buffer_view.dim(%t, %c1) : (tensor<?x?xf32>, i32) -> i64
    return %d : i64
  }
  func.func private @hal.buffer_view.rank(!vm.ref<?>) -> i32 attributes {
    vm.signature = (!hal.buffer_view) -> i32
  }
  func.func @any_to_typed(%t: !vm.ref<?>) -> i32 {
    %rank = func.call @hal.buffer_view.rank(%t) : (!vm.ref<?>) -> i32
    return %rank : i32
  }
}
