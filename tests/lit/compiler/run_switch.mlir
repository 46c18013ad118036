// cf.switch compiled and run for every flag and case shape: dense i32 cases are a br_table;
// sparse or negative cases, narrow flags (sign-extended in registers, i1 as 0/1) and i64 flags
// (whose high bits a br_table would ignore) are compare chains. scf.index_switch goes
// through cf.switch too.
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-check-module %t.vmb | FileCheck %s
// RUN: sinew-compile %s --output-format=vmasm | FileCheck %s --check-prefix=ASM
// CHECK: [ PASS ] switch.test_dense
// CHECK: [ PASS ] switch.test_sparse
// CHECK: [ PASS ] switch.test_i8
// CHECK: [ PASS ] switch.test_i1
// CHECK: [ PASS ] switch.test_i64
// CHECK: [ PASS ] switch.test_operands
// CHECK: [ PASS ] switch.test_index_switch
// CHECK: 7 passed, 0 failed

// A dense i32 switch stays one br_table.
// ASM-LABEL: vm.func @classify_dense
// ASM: vm.br_table
// ASM-LABEL: vm.func @classify_sparse
// ASM-NOT: vm.br_table
// ASM: vm.cmp.eq.i32
module @switch {
  func.func private @classify_dense(%v: i32) -> i32 {
    %c10 = arith.constant 10 : i32
    %c20 = arith.constant 20 : i32
    %c99 = arith.constant 99 : i32
    cf.switch %v : i32, [
      default: ^join(%c99 : i32),
      0: ^join(%c10 : i32),
      1: ^join(%c20 : i32)
    ]
  ^join(%r: i32):
    return %r : i32
  }
  func.func private @classify_sparse(%v: i32) -> i32 {
    %c10 = arith.constant 10 : i32
    %c20 = arith.constant 20 : i32
    %c30 = arith.constant 30 : i32
    %c99 = arith.constant 99 : i32
    cf.switch %v : i32, [
      default: ^join(%c99 : i32),
      7: ^join(%c10 : i32),
      -3: ^join(%c20 : i32),
      1000000: ^join(%c30 : i32)
    ]
  ^join(%r: i32):
    return %r : i32
  }
  func.func @test_dense() {
    %a = util.unfoldable_constant 1 : i32
    %b = util.unfoldable_constant -1 : i32
    %ra = func.call @classify_dense(%a) : (i32) -> i32
    %rb = func.call @classify_dense(%b) : (i32) -> i32
    %c20 = arith.constant 20 : i32
    %c99 = arith.constant 99 : i32
    %ok1 = arith.cmpi eq, %ra, %c20 : i32
    cf.assert %ok1, "case 1"
    %ok2 = arith.cmpi eq, %rb, %c99 : i32
    cf.assert %ok2, "-1 takes the default"
    return
  }
  func.func @test_sparse() {
    %a = util.unfoldable_constant 7 : i32
    %b = util.unfoldable_constant -3 : i32
    %c = util.unfoldable_constant 1000000 : i32
    %d = util.unfoldable_constant 0 : i32
    %ra = func.call @classify_sparse(%a) : (i32) -> i32
    %rb = func.call @classify_sparse(%b) : (i32) -> i32
    %rc = func.call @classify_sparse(%c) : (i32) -> i32
    %rd = func.call @classify_sparse(%d) : (i32) -> i32
    %c10 = arith.constant 10 : i32
    %c20 = arith.constant 20 : i32
    %c30 = arith.constant 30 : i32
    %c99 = arith.constant 99 : i32
    %ok1 = arith.cmpi eq, %ra, %c10 : i32
    cf.assert %ok1, "case 7"
    %ok2 = arith.cmpi eq, %rb, %c20 : i32
    cf.assert %ok2, "case -3"
    %ok3 = arith.cmpi eq, %rc, %c30 : i32
    cf.assert %ok3, "case 1000000"
    %ok4 = arith.cmpi eq, %rd, %c99 : i32
    cf.assert %ok4, "0 takes the default"
    return
  }
  func.func @test_i8() {
    %v = util.unfoldable_constant -1 : i8
    cf.switch %v : i8, [
      default: ^bad,
      0: ^bad,
      1: ^bad,
      -1: ^good
    ]
  ^bad:
    %f = arith.constant false
    cf.assert %f, "an i8 -1 must match case -1"
    return
  ^good:
    return
  }
  func.func @test_i1() {
    %v = util.unfoldable_constant true
    cf.switch %v : i1, [
      default: ^bad,
      0: ^bad,
      1: ^good
    ]
  ^bad:
    %f = arith.constant false
    cf.assert %f, "i1 true must match case 1"
    return
  ^good:
    return
  }
  func.func @test_i64() {
    %v = util.unfoldable_constant 4294967297 : i64
    cf.switch %v : i64, [
      default: ^good,
      0: ^bad,
      1: ^bad
    ]
  ^bad:
    %f = arith.constant false
    cf.assert %f, "2^32 + 1 is not case 1"
    return
  ^good:
    %w = util.unfoldable_constant 8589934592 : i64
    cf.switch %w : i64, [
      default: ^bad,
      8589934592: ^done
    ]
  ^done:
    return
  }
  func.func @test_operands() {
    %v = util.unfoldable_constant 5 : i16
    %big = util.unfoldable_constant 12345678901 : i64
    %buf = util.buffer.constant : !util.buffer = "abc"
    %zero = arith.constant 0 : i64
    cf.switch %v : i16, [
      default: ^join(%zero, %buf : i64, !util.buffer),
      5: ^join(%big, %buf : i64, !util.buffer),
      9: ^join(%zero, %buf : i64, !util.buffer)
    ]
  ^join(%r: i64, %b: !util.buffer):
    %ok = arith.cmpi eq, %r, %big : i64
    cf.assert %ok, "case 5 passes its operands"
    %length = vm.inst "buffer.length"(%b) : (!util.buffer) -> i64
    %c3 = arith.constant 3 : i64
    %ok2 = arith.cmpi eq, %length, %c3 : i64
    cf.assert %ok2, "the ref operand arrives"
    return
  }
  func.func @test_index_switch() {
    %i = util.unfoldable_constant 4 : index
    %r = scf.index_switch %i -> i32
    case 2 {
      %c = arith.constant 20 : i32
      scf.yield %c : i32
    }
    case 4 {
      %c = arith.constant 40 : i32
      scf.yield %c : i32
    }
    default {
      %c = arith.constant -1 : i32
      scf.yield %c : i32
    }
    %c40 = arith.constant 40 : i32
    %ok = arith.cmpi eq, %r, %c40 : i32
    cf.assert %ok, "index_switch case 4"
    return
  }
}
