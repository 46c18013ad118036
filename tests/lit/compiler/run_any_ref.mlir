// Values of type !vm.ref<?> through control flow, compiled and run. The canonicalizer turns
// a cf.cond_br to one block with two values (and scf.if yielding one of two values) into
// arith.select, which select.ref cannot express without a type: it becomes a branch again.
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-check-module %t.vmb | FileCheck %s
// CHECK: [ PASS ] any_ref.test_cond_br
// CHECK: [ PASS ] any_ref.test_scf_if
// CHECK: 2 passed, 0 failed
module @any_ref {
  func.func private @pick(%c: i1, %a: !vm.ref<?>, %b: !vm.ref<?>) -> !vm.ref<?> {
    cf.cond_br %c, ^join(%a : !vm.ref<?>), ^join(%b : !vm.ref<?>)
  ^join(%r: !vm.ref<?>):
    return %r : !vm.ref<?>
  }
  func.func private @pick_scf(%c: i1, %a: !vm.ref<?>, %b: !vm.ref<?>) -> !vm.ref<?> {
    %r = scf.if %c -> !vm.ref<?> {
      scf.yield %a : !vm.ref<?>
    } else {
      scf.yield %b : !vm.ref<?>
    }
    return %r : !vm.ref<?>
  }
  // The length of the buffer that `%any` holds.
  func.func private @length(%any: !vm.ref<?>) -> i64 {
    %buffer = vm.inst "cast.any.ref"(%any) {type = !vm.buffer} : (!vm.ref<?>) -> !vm.buffer
    %length = vm.inst "buffer.length"(%buffer) : (!vm.buffer) -> i64
    return %length : i64
  }
  func.func private @check(%c: i1, %expected: i64, %scf: i1) {
    %one = util.buffer.constant : !util.buffer = "a"
    %three = util.buffer.constant : !util.buffer = "abc"
    %a = vm.inst "assign.ref"(%one) : (!util.buffer) -> !vm.ref<?>
    %b = vm.inst "assign.ref"(%three) : (!util.buffer) -> !vm.ref<?>
    cf.cond_br %scf, ^scf, ^cf
  ^cf:
    %r = func.call @pick(%c, %a, %b) : (i1, !vm.ref<?>, !vm.ref<?>) -> !vm.ref<?>
    cf.br ^done(%r : !vm.ref<?>)
  ^scf:
    %s = func.call @pick_scf(%c, %a, %b) : (i1, !vm.ref<?>, !vm.ref<?>) -> !vm.ref<?>
    cf.br ^done(%s : !vm.ref<?>)
  ^done(%picked: !vm.ref<?>):
    %length = func.call @length(%picked) : (!vm.ref<?>) -> i64
    %ok = arith.cmpi eq, %length, %expected : i64
    cf.assert %ok, "picked the wrong buffer"
    return
  }
  func.func @test_cond_br() {
    %t = util.unfoldable_constant true
    %f = util.unfoldable_constant false
    %c1 = arith.constant 1 : i64
    %c3 = arith.constant 3 : i64
    func.call @check(%t, %c1, %f) : (i1, i64, i1) -> ()
    func.call @check(%f, %c3, %f) : (i1, i64, i1) -> ()
    return
  }
  func.func @test_scf_if() {
    %t = util.unfoldable_constant true
    %f = util.unfoldable_constant false
    %c1 = arith.constant 1 : i64
    %c3 = arith.constant 3 : i64
    func.call @check(%t, %c1, %t) : (i1, i64, i1) -> ()
    func.call @check(%f, %c3, %t) : (i1, i64, i1) -> ()
    return
  }
}
