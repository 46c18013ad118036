// Float ops whose arith semantics differ from the VM instruction of the same name, compiled
// and run: remf is C fmod (the VM's rem is the IEEE remainder), cmpf one is false for NaN
// (the VM's cmp.ne.*.o is true), and fptoui f64 -> i64 covers [2^63, 2^64) (cast.f64.ui64
// saturates there to 2^63).
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-check-module %t.vmb | FileCheck %s
// CHECK: [ PASS ] float_semantics.test_remf_f32
// CHECK: [ PASS ] float_semantics.test_remf_f64
// CHECK: [ PASS ] float_semantics.test_cmpf_one
// CHECK: [ PASS ] float_semantics.test_fptoui_f64_i64
// CHECK: 4 passed, 0 failed
module @float_semantics {
  // remf(a, b) returned as its bits, so that -0.0 and +0.0 differ.
  func.func private @remf_bits(%a: f32, %b: f32) -> i32 {
    %r = arith.remf %a, %b : f32
    %bits = arith.bitcast %r : f32 to i32
    return %bits : i32
  }
  func.func private @expect_remf(%a: f32, %b: f32, %expected: f32) {
    %got = func.call @remf_bits(%a, %b) : (f32, f32) -> i32
    %want = arith.bitcast %expected : f32 to i32
    %ok = arith.cmpi eq, %got, %want : i32
    cf.assert %ok, "remf f32"
    return
  }
  func.func @test_remf_f32() {
    %p5 = util.unfoldable_constant 5.0 : f32
    %n5 = util.unfoldable_constant -5.0 : f32
    %p3 = util.unfoldable_constant 3.0 : f32
    %n3 = util.unfoldable_constant -3.0 : f32
    %p2 = arith.constant 2.0 : f32
    %n2 = arith.constant -2.0 : f32
    // IEEE remainder would give -1, 1, -1, 1.
    func.call @expect_remf(%p5, %p3, %p2) : (f32, f32, f32) -> ()
    func.call @expect_remf(%n5, %p3, %n2) : (f32, f32, f32) -> ()
    func.call @expect_remf(%p5, %n3, %p2) : (f32, f32, f32) -> ()
    func.call @expect_remf(%n5, %n3, %n2) : (f32, f32, f32) -> ()
    // 5.5 rem 2: IEEE -0.5, fmod 1.5.
    %a = util.unfoldable_constant 5.5 : f32
    %b = util.unfoldable_constant 2.0 : f32
    %c = arith.constant 1.5 : f32
    func.call @expect_remf(%a, %b, %c) : (f32, f32, f32) -> ()
    // Exact multiples keep the dividend's sign: -4 rem 2 = -0.
    %n4 = util.unfoldable_constant -4.0 : f32
    %nz = arith.constant -0.0 : f32
    func.call @expect_remf(%n4, %b, %nz) : (f32, f32, f32) -> ()
    // A large dividend over a tiny divisor stays exact.
    %big = util.unfoldable_constant 16777215.0 : f32
    %tenth = util.unfoldable_constant 0.1 : f32
    %r = arith.remf %big, %tenth : f32
    %zero = arith.constant 0.0 : f32
    %ok1 = arith.cmpf oge, %r, %zero : f32
    %ok2 = arith.cmpf olt, %r, %tenth : f32
    %ok = arith.andi %ok1, %ok2 : i1
    cf.assert %ok, "fmod result in [0, b)"
    // An infinite divisor returns the dividend; an infinite dividend gives NaN.
    %inf = util.unfoldable_constant 0x7F800000 : f32
    func.call @expect_remf(%n5, %inf, %n5) : (f32, f32, f32) -> ()
    %nan = arith.remf %inf, %p3 : f32
    %is_nan = arith.cmpf uno, %nan, %nan : f32
    cf.assert %is_nan, "remf(inf, 3) is NaN"
    return
  }
  func.func @test_remf_f64() {
    %a = util.unfoldable_constant -7.0 : f64
    %b = util.unfoldable_constant 4.0 : f64
    %r = arith.remf %a, %b : f64
    %e = arith.constant -3.0 : f64
    %ok = arith.cmpf oeq, %r, %e : f64
    cf.assert %ok, "-7 remf 4 = -3 (IEEE remainder: 1)"
    %c = util.unfoldable_constant 7.0 : f64
    %r2 = arith.remf %c, %b : f64
    %e2 = arith.constant 3.0 : f64
    %ok2 = arith.cmpf oeq, %r2, %e2 : f64
    cf.assert %ok2, "7 remf 4 = 3 (IEEE remainder: -1)"
    return
  }
  func.func @test_cmpf_one() {
    %nan = util.unfoldable_constant 0x7FC00000 : f32
    %one = util.unfoldable_constant 1.0 : f32
    %two = util.unfoldable_constant 2.0 : f32
    %t = arith.constant true
    %a = arith.cmpf one, %one, %nan : f32
    %not_a = arith.xori %a, %t : i1
    cf.assert %not_a, "one(1, NaN) is false"
    %b = arith.cmpf one, %nan, %nan : f32
    %not_b = arith.xori %b, %t : i1
    cf.assert %not_b, "one(NaN, NaN) is false"
    %c = arith.cmpf one, %one, %two : f32
    cf.assert %c, "one(1, 2) is true"
    %d = arith.cmpf one, %one, %one : f32
    %not_d = arith.xori %d, %t : i1
    cf.assert %not_d, "one(1, 1) is false"
    %nan64 = util.unfoldable_constant 0x7FF8000000000000 : f64
    %one64 = util.unfoldable_constant 1.0 : f64
    %e = arith.cmpf one, %nan64, %one64 : f64
    %not_e = arith.xori %e, %t : i1
    cf.assert %not_e, "one(NaN, 1) is false for f64"
    return
  }
  func.func private @expect_fptoui(%f: f64, %expected: i64) {
    %u = arith.fptoui %f : f64 to i64
    %ok = arith.cmpi eq, %u, %expected : i64
    cf.assert %ok, "fptoui f64 -> i64"
    return
  }
  func.func @test_fptoui_f64_i64() {
    // 1e19 = 2^64 - 8446744073709551616.
    %a = util.unfoldable_constant 1.0e19 : f64
    %ea = arith.constant -8446744073709551616 : i64
    func.call @expect_fptoui(%a, %ea) : (f64, i64) -> ()
    %b = util.unfoldable_constant 9223372036854775808.0 : f64
    %eb = arith.constant -9223372036854775808 : i64
    func.call @expect_fptoui(%b, %eb) : (f64, i64) -> ()
    // The largest double below 2^64.
    %c = util.unfoldable_constant 18446744073709549568.0 : f64
    %ec = arith.constant -2048 : i64
    func.call @expect_fptoui(%c, %ec) : (f64, i64) -> ()
    // Below 2^63 nothing changes, including the truncation toward zero.
    %d = util.unfoldable_constant 9223372036854774784.0 : f64
    %ed = arith.constant 9223372036854774784 : i64
    func.call @expect_fptoui(%d, %ed) : (f64, i64) -> ()
    %e = util.unfoldable_constant 2.75 : f64
    %ee = arith.constant 2 : i64
    func.call @expect_fptoui(%e, %ee) : (f64, i64) -> ()
    return
  }
}
