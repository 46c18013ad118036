// Functions that return one value several times, compiled and run: the VM requires a frame
// to have registers for all of its results, even when the function computes fewer values.
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-check-module %t.vmb | FileCheck %s
// CHECK: [ PASS ] repeated.test_i32
// CHECK: [ PASS ] repeated.test_i64
// CHECK: [ PASS ] repeated.test_refs
// CHECK: 3 passed, 0 failed
module @repeated {
  func.func private @three(%a: i32) -> (i32, i32, i32) {
    return %a, %a, %a : i32, i32, i32
  }
  func.func private @wide(%a: i32, %b: i64) -> (i32, i64, i64, i32) {
    return %a, %b, %b, %a : i32, i64, i64, i32
  }
  func.func private @twice(%b: !util.buffer) -> (!util.buffer, !util.buffer) {
    return %b, %b : !util.buffer, !util.buffer
  }
  func.func @test_i32() {
    %v = util.unfoldable_constant 7 : i32
    %a, %b, %c = func.call @three(%v) : (i32) -> (i32, i32, i32)
    %ab = arith.addi %a, %b : i32
    %abc = arith.addi %ab, %c : i32
    %c21 = arith.constant 21 : i32
    %ok = arith.cmpi eq, %abc, %c21 : i32
    cf.assert %ok, "7 three times"
    return
  }
  func.func @test_i64() {
    %x = util.unfoldable_constant 3 : i32
    %y = util.unfoldable_constant 5000000000 : i64
    %a, %b, %c, %d = func.call @wide(%x, %y) : (i32, i64) -> (i32, i64, i64, i32)
    %bc = arith.addi %b, %c : i64
    %c1e10 = arith.constant 10000000000 : i64
    %ok = arith.cmpi eq, %bc, %c1e10 : i64
    cf.assert %ok, "i64 twice"
    %ad = arith.addi %a, %d : i32
    %c6 = arith.constant 6 : i32
    %ok2 = arith.cmpi eq, %ad, %c6 : i32
    cf.assert %ok2, "i32 twice"
    return
  }
  func.func @test_refs() {
    %buf = util.buffer.constant : !util.buffer = "four"
    %p, %q = func.call @twice(%buf) : (!util.buffer) -> (!util.buffer, !util.buffer)
    %lp = vm.inst "buffer.length"(%p) : (!util.buffer) -> i64
    %lq = vm.inst "buffer.length"(%q) : (!util.buffer) -> i64
    %sum = arith.addi %lp, %lq : i64
    %c8 = arith.constant 8 : i64
    %ok = arith.cmpi eq, %sum, %c8 : i64
    cf.assert %ok, "both results hold the buffer"
    return
  }
}
