// Register allocation: arguments where the calling convention puts them, 64-bit values in
// even pairs, a do-while count loop in the three instructions a hand-written .vmasm uses (no
// remaps), and refs moved on their last use.
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s --output-format=vmasm | FileCheck %s

// CHECK-LABEL: vm.func @count(%i0: i32) -> (i32)
// CHECK: ^bb1:
// CHECK-NEXT: %i1 = vm.add.i32 %i1, %i2
// CHECK-NEXT: %i3 = vm.cmp.lt.i32.s %i1, %i0
// CHECK-NEXT: vm.cond_br %i3, ^bb1(), ^bb2()
func.func @count(%n: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %r = scf.while (%i = %c0) : (i32) -> i32 {
    %next = arith.addi %i, %c1 : i32
    %more = arith.cmpi slt, %next, %n : i32
    scf.condition(%more) %next : i32
  } do {
  ^bb0(%x: i32):
    scf.yield %x : i32
  }
  return %r : i32
}

// CHECK-LABEL: vm.func @pairs(%i0: i32, %i2:3: i64, %i4: i32) -> (i64)
// CHECK: %i{{[0-9]*[02468]}}:{{[0-9]+}} = vm.ext.i32.i64.s %i0
func.func @pairs(%a: i32, %b: i64, %c: i32) -> i64 {
  %0 = arith.extsi %a : i32 to i64
  %1 = arith.addi %0, %b : i64
  %2 = arith.extsi %c : i32 to i64
  %3 = arith.addi %1, %2 : i64
  return %3 : i64
}

// The buffer is passed on (retained) while it is still used, and moved on its last use.
// CHECK-LABEL: vm.func @refs
// CHECK: vm.call @m.use(%r0)
// CHECK: vm.call @m.use(%R0)
// CHECK: vm.return
func.func private @m.use(!util.buffer)
func.func @refs(%b: !util.buffer) {
  func.call @m.use(%b) : (!util.buffer) -> ()
  func.call @m.use(%b) : (!util.buffer) -> ()
  return
}
