// Tensors are hal.buffer_view refs: dense constants become views over module rodata,
// tensor.dim asks the view, tensor.cast to a static shape checks it, and tensors cross
// function boundaries as buffer views that sinew-run-module parses and prints.
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-run-module --module=%t.vmb --function=constant | FileCheck %s --check-prefix=CONSTANT
// RUN: sinew-run-module --module=%t.vmb --function=bytes | FileCheck %s --check-prefix=BYTES
// RUN: sinew-run-module --module=%t.vmb --function=dims --input="2x3xi32=1 2 3 4 5 6" \
// RUN:   | FileCheck %s --check-prefix=DIMS
// RUN: not sinew-run-module --module=%t.vmb --function=dims --input="4x3xi32=0" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISMATCH
// RUN: sinew-run-module --module=%t.vmb --function=rank | FileCheck %s --check-prefix=RANK
// RUN: sinew-compile %s --output-format=vmasm | FileCheck %s --check-prefix=ASM

// CONSTANT: result[0]: hal.buffer_view
// CONSTANT-NEXT: 2x3xf32=[1 2 3][4 5 6.5]
// BYTES: 5xi8=0 1 2 3 4
// DIMS: result[0]: i64=2
// DIMS-NEXT: result[1]: hal.buffer_view
// DIMS-NEXT: 2x3xi32=[1 2 3][4 5 6]
// MISMATCH: buffer view mismatch; expected 2x3xi32 but got 4x3xi32
// MISMATCH: run_tensors.mlir:{{[0-9]+}}:10

// RANK: result[0]: i32=2

// ASM: vm.import @hal.buffer_view.create cconv "0rIIiCID_r"
// ASM: vm.call.variadic @hal.buffer_view.create segments[65535, 65535, 65535, 65535, 2]
module @tensors {
  func.func @constant() -> tensor<2x3xf32> {
    %c = util.unfoldable_constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]]> : tensor<2x3xf32>
    return %c : tensor<2x3xf32>
  }
  func.func @bytes() -> tensor<5xi8> {
    %c = arith.constant dense<[0, 1, 2, 3, 4]> : tensor<5xi8>
    return %c : tensor<5xi8>
  }
  func.func @dims(%t: tensor<?x3xi32>) -> (index, tensor<2x3xi32>) {
    %c0 = arith.constant 0 : index
    %d = tensor.dim %t, %c0 : tensor<?x3xi32>
    %s = tensor.cast %t : tensor<?x3xi32> to tensor<2x3xi32>
    return %d, %s : index, tensor<2x3xi32>
  }
  // A tensor handed to an import declared with !hal.buffer_view (as --mlir-decls prints it).
  func.func private @hal.buffer_view.rank(!hal.buffer_view) -> i32
  func.func @rank() -> i32 {
    %c = util.unfoldable_constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
    %v = builtin.unrealized_conversion_cast %c : tensor<2x2xi32> to !hal.buffer_view
    %r = func.call @hal.buffer_view.rank(%v) : (!hal.buffer_view) -> i32
    return %r : i32
  }
}
