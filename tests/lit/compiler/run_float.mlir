// Float arithmetic, comparisons (ordered and unordered with NaN), casts and math functions
// compiled and run.
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-check-module %t.vmb | FileCheck %s
// CHECK: [ PASS ] float.test_arithmetic
// CHECK: [ PASS ] float.test_nan_compares
// CHECK: [ PASS ] float.test_casts
// CHECK: [ PASS ] float.test_math
// CHECK: 4 passed, 0 failed
module @float {
  func.func @test_arithmetic() {
    %a = util.unfoldable_constant 1.5 : f32
    %b = util.unfoldable_constant -2.25 : f32
    %d = arith.subf %a, %b : f32
    %e = arith.constant 3.75 : f32
    %ok1 = arith.cmpf oeq, %d, %e : f32
    cf.assert %ok1, "1.5 - -2.25"
    %n = arith.negf %a : f32
    %p = arith.mulf %n, %b : f32
    %p_expected = arith.constant 3.375 : f32
    %ok2 = arith.cmpf oeq, %p, %p_expected : f32
    cf.assert %ok2, "-1.5 * -2.25"
    %x = util.unfoldable_constant 10.0 : f64
    %y = util.unfoldable_constant 4.0 : f64
    %q = arith.divf %x, %y : f64
    %r = arith.remf %x, %y : f64
    %q_expected = arith.constant 2.5 : f64
    %r_expected = arith.constant 2.0 : f64
    %ok3 = arith.cmpf oeq, %q, %q_expected : f64
    cf.assert %ok3, "10 / 4"
    %ok4 = arith.cmpf oeq, %r, %r_expected : f64
    cf.assert %ok4, "10 % 4"
    %m = arith.maximumf %a, %b : f32
    %ok5 = arith.cmpf oeq, %m, %a : f32
    cf.assert %ok5, "maximumf"
    return
  }
  func.func @test_nan_compares() {
    %zero = util.unfoldable_constant 0.0 : f32
    %nan = arith.divf %zero, %zero : f32
    %one = arith.constant 1.0 : f32
    %olt = arith.cmpf olt, %nan, %one : f32
    %ult = arith.cmpf ult, %nan, %one : f32
    %uno = arith.cmpf uno, %nan, %one : f32
    %ord = arith.cmpf ord, %one, %one : f32
    %oeq = arith.cmpf oeq, %nan, %nan : f32
    %une = arith.cmpf une, %nan, %nan : f32
    %true = arith.constant true
    %not_olt = arith.xori %olt, %true : i1
    cf.assert %not_olt, "NaN < 1 ordered is false"
    cf.assert %ult, "NaN < 1 unordered is true"
    cf.assert %uno, "uno with NaN"
    cf.assert %ord, "ord without NaN"
    %not_oeq = arith.xori %oeq, %true : i1
    cf.assert %not_oeq, "NaN == NaN ordered is false"
    cf.assert %une, "NaN != NaN unordered is true"
    %oge = arith.cmpf oge, %one, %zero : f32
    cf.assert %oge, "1 >= 0"
    %ogt = arith.cmpf ogt, %one, %zero : f32
    cf.assert %ogt, "1 > 0"
    %ole = arith.cmpf ole, %zero, %zero : f32
    cf.assert %ole, "0 <= 0"
    return
  }
  func.func @test_casts() {
    %f = util.unfoldable_constant -2.75 : f32
    %i = arith.fptosi %f : f32 to i32
    %minus_two = arith.constant -2 : i32
    %ok1 = arith.cmpi eq, %i, %minus_two : i32
    cf.assert %ok1, "fptosi truncates toward zero"
    %big = util.unfoldable_constant 3000000000 : i64
    %g = arith.sitofp %big : i64 to f64
    %g_expected = arith.constant 3.0e9 : f64
    %ok2 = arith.cmpf oeq, %g, %g_expected : f64
    cf.assert %ok2, "sitofp i64 -> f64"
    %u = util.unfoldable_constant -1 : i32
    %uf = arith.uitofp %u : i32 to f64
    %uf_expected = arith.constant 4294967295.0 : f64
    %ok3 = arith.cmpf oeq, %uf, %uf_expected : f64
    cf.assert %ok3, "uitofp 0xFFFFFFFF"
    %w = arith.extf %f : f32 to f64
    %n = arith.truncf %w : f64 to f32
    %ok4 = arith.cmpf oeq, %n, %f : f32
    cf.assert %ok4, "extf/truncf round trip"
    %bits = arith.bitcast %f : f32 to i32
    %bits_expected = arith.constant -1070596096 : i32
    %ok5 = arith.cmpi eq, %bits, %bits_expected : i32
    cf.assert %ok5, "bitcast -2.75 to i32"
    return
  }
  func.func @test_math() {
    %four = util.unfoldable_constant 4.0 : f32
    %two = arith.constant 2.0 : f32
    %s = math.sqrt %four : f32
    %ok1 = arith.cmpf oeq, %s, %two : f32
    cf.assert %ok1, "sqrt(4)"
    %p = math.powf %two, %two : f32
    %ok2 = arith.cmpf oeq, %p, %four : f32
    cf.assert %ok2, "pow(2, 2)"
    %half = util.unfoldable_constant -2.5 : f64
    %r = math.round %half : f64
    %re = math.roundeven %half : f64
    %c = math.ceil %half : f64
    %fl = math.floor %half : f64
    %a = math.absf %half : f64
    %minus_three = arith.constant -3.0 : f64
    %minus_two = arith.constant -2.0 : f64
    %plus = arith.constant 2.5 : f64
    %ok3 = arith.cmpf oeq, %r, %minus_three : f64
    cf.assert %ok3, "round(-2.5) is -3 (ties away)"
    %ok4 = arith.cmpf oeq, %re, %minus_two : f64
    cf.assert %ok4, "roundeven(-2.5) is -2"
    %ok5 = arith.cmpf oeq, %c, %minus_two : f64
    cf.assert %ok5, "ceil"
    %ok6 = arith.cmpf oeq, %fl, %minus_three : f64
    cf.assert %ok6, "floor"
    %ok7 = arith.cmpf oeq, %a, %plus : f64
    cf.assert %ok7, "absf"
    %zero = util.unfoldable_constant 0.0 : f32
    %e = math.exp %zero : f32
    %l = math.log %e : f32
    %sin = math.sin %zero : f32
    %cos = math.cos %zero : f32
    %one = arith.constant 1.0 : f32
    %ok8 = arith.cmpf oeq, %e, %one : f32
    cf.assert %ok8, "exp(0)"
    %ok9 = arith.cmpf oeq, %l, %zero : f32
    cf.assert %ok9, "log(1)"
    %ok10 = arith.cmpf oeq, %sin, %zero : f32
    cf.assert %ok10, "sin(0)"
    %ok11 = arith.cmpf oeq, %cos, %one : f32
    cf.assert %ok11, "cos(0)"
    %ia = util.unfoldable_constant -7 : i32
    %iabs = math.absi %ia : i32
    %seven = arith.constant 7 : i32
    %ok12 = arith.cmpi eq, %iabs, %seven : i32
    cf.assert %ok12, "absi"
    %lz = math.ctlz %seven : i32
    %c29 = arith.constant 29 : i32
    %ok13 = arith.cmpi eq, %lz, %c29 : i32
    cf.assert %ok13, "ctlz(7)"
    %fma = math.fma %two, %two, %two : f32
    %six = arith.constant 6.0 : f32
    %ok14 = arith.cmpf oeq, %fma, %six : f32
    cf.assert %ok14, "fma"
    return
  }
}
