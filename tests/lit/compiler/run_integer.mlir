// Integer arithmetic compiled and run: i32/i64 wrap-around, signed and unsigned division and
// remainder, shifts, min/max, every cmpi predicate, narrow (i1/i8/i16) values, casts.
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-check-module %t.vmb | FileCheck %s
// CHECK: [ PASS ] integer.test_i32_wraps
// CHECK: [ PASS ] integer.test_i64_wraps
// CHECK: [ PASS ] integer.test_division
// CHECK: [ PASS ] integer.test_shifts
// CHECK: [ PASS ] integer.test_min_max
// CHECK: [ PASS ] integer.test_predicates
// CHECK: [ PASS ] integer.test_narrow
// CHECK: [ PASS ] integer.test_casts
// CHECK: [ PASS ] integer.test_narrow_math
// CHECK: [ PASS ] integer.test_extended
// CHECK: [ PASS ] integer.fail_divide_by_zero
// CHECK: 11 passed, 0 failed
module @integer {
  func.func @test_i32_wraps() {
    %max = util.unfoldable_constant 2147483647 : i32
    %one = util.unfoldable_constant 1 : i32
    %sum = arith.addi %max, %one : i32
    %min = arith.constant -2147483648 : i32
    %ok = arith.cmpi eq, %sum, %min : i32
    cf.assert %ok, "i32 max + 1 must wrap to min"
    %big = util.unfoldable_constant 65536 : i32
    %square = arith.muli %big, %big : i32
    %zero = arith.constant 0 : i32
    %ok2 = arith.cmpi eq, %square, %zero : i32
    cf.assert %ok2, "65536 * 65536 must wrap to 0"
    return
  }
  func.func @test_i64_wraps() {
    %max = util.unfoldable_constant 9223372036854775807 : i64
    %one = util.unfoldable_constant 1 : i64
    %sum = arith.addi %max, %one : i64
    %min = arith.constant -9223372036854775808 : i64
    %ok = arith.cmpi eq, %sum, %min : i64
    cf.assert %ok, "i64 max + 1 must wrap to min"
    %a = util.unfoldable_constant 4294967296 : i64
    %b = arith.muli %a, %one : i64
    %c = arith.constant 4294967296 : i64
    %ok2 = arith.cmpi eq, %b, %c : i64
    cf.assert %ok2, "64-bit values keep their high word"
    return
  }
  func.func @test_division() {
    %a = util.unfoldable_constant -7 : i32
    %b = util.unfoldable_constant 2 : i32
    %q = arith.divsi %a, %b : i32
    %r = arith.remsi %a, %b : i32
    %q_expected = arith.constant -3 : i32
    %r_expected = arith.constant -1 : i32
    %ok1 = arith.cmpi eq, %q, %q_expected : i32
    cf.assert %ok1, "-7 / 2 must be -3 (truncating)"
    %ok2 = arith.cmpi eq, %r, %r_expected : i32
    cf.assert %ok2, "-7 % 2 must be -1"
    %uq = arith.divui %a, %b : i32
    %uq_expected = arith.constant 2147483644 : i32
    %ok3 = arith.cmpi eq, %uq, %uq_expected : i32
    cf.assert %ok3, "0xFFFFFFF9 / 2 unsigned"
    %ur = arith.remui %a, %b : i32
    %one = arith.constant 1 : i32
    %ok4 = arith.cmpi eq, %ur, %one : i32
    cf.assert %ok4, "0xFFFFFFF9 % 2 unsigned"
    %la = util.unfoldable_constant -9000000000 : i64
    %lb = util.unfoldable_constant 1000000000 : i64
    %lq = arith.divsi %la, %lb : i64
    %lq_expected = arith.constant -9 : i64
    %ok5 = arith.cmpi eq, %lq, %lq_expected : i64
    cf.assert %ok5, "i64 signed division"
    return
  }
  func.func @test_shifts() {
    %one = util.unfoldable_constant 1 : i32
    %c31 = util.unfoldable_constant 31 : i32
    %high = arith.shli %one, %c31 : i32
    %min = arith.constant -2147483648 : i32
    %ok1 = arith.cmpi eq, %high, %min : i32
    cf.assert %ok1, "1 << 31"
    %s = arith.shrsi %high, %c31 : i32
    %minus_one = arith.constant -1 : i32
    %ok2 = arith.cmpi eq, %s, %minus_one : i32
    cf.assert %ok2, "arithmetic shift right keeps the sign"
    %u = arith.shrui %high, %c31 : i32
    %c1 = arith.constant 1 : i32
    %ok3 = arith.cmpi eq, %u, %c1 : i32
    cf.assert %ok3, "logical shift right"
    %wide = util.unfoldable_constant 1 : i64
    %c40 = util.unfoldable_constant 40 : i64
    %w = arith.shli %wide, %c40 : i64
    %expected = arith.constant 1099511627776 : i64
    %ok4 = arith.cmpi eq, %w, %expected : i64
    cf.assert %ok4, "i64 shift by 40"
    return
  }
  func.func @test_min_max() {
    %a = util.unfoldable_constant -5 : i32
    %b = util.unfoldable_constant 3 : i32
    %smin = arith.minsi %a, %b : i32
    %umin = arith.minui %a, %b : i32
    %smax = arith.maxsi %a, %b : i32
    %umax = arith.maxui %a, %b : i32
    %ok1 = arith.cmpi eq, %smin, %a : i32
    cf.assert %ok1, "signed min"
    %ok2 = arith.cmpi eq, %umin, %b : i32
    cf.assert %ok2, "unsigned min"
    %ok3 = arith.cmpi eq, %smax, %b : i32
    cf.assert %ok3, "signed max"
    %ok4 = arith.cmpi eq, %umax, %a : i32
    cf.assert %ok4, "unsigned max"
    return
  }
  func.func @test_predicates() {
    %a = util.unfoldable_constant -1 : i32
    %b = util.unfoldable_constant 1 : i32
    %slt = arith.cmpi slt, %a, %b : i32
    cf.assert %slt, "-1 < 1 signed"
    %sle = arith.cmpi sle, %a, %a : i32
    cf.assert %sle, "-1 <= -1 signed"
    %sgt = arith.cmpi sgt, %b, %a : i32
    cf.assert %sgt, "1 > -1 signed"
    %sge = arith.cmpi sge, %b, %b : i32
    cf.assert %sge, "1 >= 1 signed"
    %ugt = arith.cmpi ugt, %a, %b : i32
    cf.assert %ugt, "0xFFFFFFFF > 1 unsigned"
    %uge = arith.cmpi uge, %a, %a : i32
    cf.assert %uge, "uge"
    %ult = arith.cmpi ult, %b, %a : i32
    cf.assert %ult, "1 < 0xFFFFFFFF unsigned"
    %ule = arith.cmpi ule, %b, %b : i32
    cf.assert %ule, "ule"
    %ne = arith.cmpi ne, %a, %b : i32
    cf.assert %ne, "ne"
    %not_sle = arith.cmpi sle, %b, %a : i32
    %true = arith.constant true
    %inverted = arith.xori %not_sle, %true : i1
    cf.assert %inverted, "1 <= -1 must be false"
    %la = util.unfoldable_constant -4294967296 : i64
    %lb = util.unfoldable_constant 1 : i64
    %lslt = arith.cmpi slt, %la, %lb : i64
    cf.assert %lslt, "i64 signed compare uses the high word"
    %lugt = arith.cmpi ugt, %la, %lb : i64
    cf.assert %lugt, "i64 unsigned compare"
    return
  }
  func.func @test_narrow() {
    %a = util.unfoldable_constant 100 : i8
    %sum = arith.addi %a, %a : i8
    %wide = arith.extsi %sum : i8 to i32
    %expected = arith.constant -56 : i32
    %ok1 = arith.cmpi eq, %wide, %expected : i32
    cf.assert %ok1, "i8 100 + 100 wraps to -56"
    %u = arith.extui %sum : i8 to i32
    %expected_u = arith.constant 200 : i32
    %ok2 = arith.cmpi eq, %u, %expected_u : i32
    cf.assert %ok2, "zero-extended i8 is 200"
    %lt = arith.cmpi ult, %a, %sum : i8
    cf.assert %lt, "100 < 200 as unsigned i8"
    %gt = arith.cmpi sgt, %a, %sum : i8
    cf.assert %gt, "100 > -56 as signed i8"
    %h = util.unfoldable_constant 40000 : i16
    %hh = arith.extsi %h : i16 to i64
    %expected_h = arith.constant -25536 : i64
    %ok3 = arith.cmpi eq, %hh, %expected_h : i64
    cf.assert %ok3, "i16 40000 is -25536"
    %t = util.unfoldable_constant true
    %f = arith.addi %t, %t : i1
    %fw = arith.extui %f : i1 to i32
    %zero = arith.constant 0 : i32
    %ok4 = arith.cmpi eq, %fw, %zero : i32
    cf.assert %ok4, "i1 true + true wraps to false"
    %sw = arith.extsi %t : i1 to i32
    %minus_one = arith.constant -1 : i32
    %ok5 = arith.cmpi eq, %sw, %minus_one : i32
    cf.assert %ok5, "sign-extended i1 true is -1"
    return
  }
  func.func @test_casts() {
    %big = util.unfoldable_constant 4294967297 : i64
    %t = arith.trunci %big : i64 to i32
    %one = arith.constant 1 : i32
    %ok1 = arith.cmpi eq, %t, %one : i32
    cf.assert %ok1, "trunci i64 -> i32 keeps the low word"
    %m = util.unfoldable_constant -2 : i32
    %s = arith.extsi %m : i32 to i64
    %u = arith.extui %m : i32 to i64
    %s_expected = arith.constant -2 : i64
    %u_expected = arith.constant 4294967294 : i64
    %ok2 = arith.cmpi eq, %s, %s_expected : i64
    cf.assert %ok2, "extsi"
    %ok3 = arith.cmpi eq, %u, %u_expected : i64
    cf.assert %ok3, "extui"
    %i = arith.index_cast %m : i32 to index
    %back = arith.index_cast %i : index to i32
    %ok4 = arith.cmpi eq, %back, %m : i32
    cf.assert %ok4, "index_cast round trip"
    %b = arith.trunci %m : i32 to i8
    %bw = arith.extui %b : i8 to i32
    %c254 = arith.constant 254 : i32
    %ok5 = arith.cmpi eq, %bw, %c254 : i32
    cf.assert %ok5, "trunci to i8 then extui"
    return
  }
  func.func @test_narrow_math() {
    %a = util.unfoldable_constant -5 : i8
    %abs = math.absi %a : i8
    %five = arith.constant 5 : i8
    %ok1 = arith.cmpi eq, %abs, %five : i8
    cf.assert %ok1, "absi(-5) on i8"
    %min = util.unfoldable_constant -128 : i8
    %wrapped = math.absi %min : i8
    %ok2 = arith.cmpi eq, %wrapped, %min : i8
    cf.assert %ok2, "absi(-128) on i8 wraps to -128"
    %one = util.unfoldable_constant 1 : i16
    %lz = math.ctlz %one : i16
    %fifteen = arith.constant 15 : i16
    %ok3 = arith.cmpi eq, %lz, %fifteen : i16
    cf.assert %ok3, "ctlz(1) on i16 is 15"
    %neg = util.unfoldable_constant -1 : i8
    %lz0 = math.ctlz %neg : i8
    %zero = arith.constant 0 : i8
    %ok4 = arith.cmpi eq, %lz0, %zero : i8
    cf.assert %ok4, "ctlz(-1) on i8 is 0"
    return
  }
  func.func @test_extended() {
    %max = util.unfoldable_constant -1 : i32
    %two = util.unfoldable_constant 2 : i32
    %sum, %carry = arith.addui_extended %max, %two : i32, i1
    %one = arith.constant 1 : i32
    %ok1 = arith.cmpi eq, %sum, %one : i32
    cf.assert %ok1, "0xFFFFFFFF + 2 wraps to 1"
    cf.assert %carry, "0xFFFFFFFF + 2 carries"
    %ulow, %uhigh = arith.mului_extended %max, %two : i32
    %ok2 = arith.cmpi eq, %uhigh, %one : i32
    cf.assert %ok2, "high word of 0xFFFFFFFF * 2 unsigned is 1"
    %slow, %shigh = arith.mulsi_extended %max, %two : i32
    %minus_one = arith.constant -1 : i32
    %ok3 = arith.cmpi eq, %shigh, %minus_one : i32
    cf.assert %ok3, "high word of -1 * 2 signed is -1"
    %minus_two = arith.constant -2 : i32
    %ok4 = arith.cmpi eq, %slow, %minus_two : i32
    cf.assert %ok4, "low word of -1 * 2"
    %b = util.unfoldable_constant 200 : i8
    %c = util.unfoldable_constant 100 : i8
    %bsum, %bcarry = arith.addui_extended %b, %c : i8, i1
    %c44 = arith.constant 44 : i8
    %ok5 = arith.cmpi eq, %bsum, %c44 : i8
    cf.assert %ok5, "200 + 100 on i8 wraps to 44"
    cf.assert %bcarry, "200 + 100 on i8 carries"
    return
  }
  func.func @fail_divide_by_zero() {
    %a = util.unfoldable_constant 1 : i32
    %b = util.unfoldable_constant 0 : i32
    %q = arith.divsi %a, %b : i32
    util.optimization_barrier %q : i32
    return
  }
}
