// sinew-rotate-loops: scf.for becomes scf.if (enter at all?) around a do-while scf.while
// whose before-region runs the body, the increment and the exit check.
// REQUIRES: sinew-compiler
// RUN: sinew-opt --sinew-rotate-loops %s | FileCheck %s
// RUN: sinew-compile %s --output-format=vmasm | FileCheck %s --check-prefix=ASM

// CHECK-LABEL: func.func @sum
// CHECK: %[[ENTER:.*]] = arith.cmpi sgt, %arg0, %c0
// CHECK: scf.if %[[ENTER]] -> (i32)
// CHECK: scf.while (%[[IV:.*]] = %{{.*}}, %[[ACC:.*]] = %{{.*}}) : (i32, i32) -> (i32, i32)
// CHECK: %[[NEW:.*]] = arith.addi %[[ACC]], %[[IV]]
// CHECK: %[[NEXT:.*]] = arith.addi %[[IV]], %{{.*}}
// CHECK: %[[MORE:.*]] = arith.cmpi slt, %[[NEXT]], %arg0
// CHECK: scf.condition(%[[MORE]]) %[[NEXT]], %[[NEW]]
// CHECK: } else {
// CHECK: scf.yield %c0

// Each iteration: the body's add, the increment, the compare and the branch back.
// ASM-LABEL: vm.func @sum
// ASM: ^bb1:
// ASM-NEXT: vm.add.i32
// ASM-NEXT: vm.add.i32
// ASM-NEXT: vm.cmp.lt.i32.s
// ASM-NEXT: vm.cond_br %{{.*}}, ^bb1(), ^bb2
func.func @sum(%n: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %c0) -> (i32) : i32 {
    %a = arith.addi %acc, %i : i32
    scf.yield %a : i32
  }
  return %r : i32
}
