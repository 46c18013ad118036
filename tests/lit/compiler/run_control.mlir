// Control flow, calls and globals compiled and run: scf.for/while/if, cf branches and
// switches, recursion, multiple results, refs across calls, globals with initial values and
// util.initializer, optional imports present (yieldable_test, linked into the tools) and
// absent (their vm.fallback runs).
// REQUIRES: sinew-compiler
// RUN: sinew-compile %s -o %t.vmb
// RUN: sinew-check-module %t.vmb | FileCheck %s
// CHECK: [ PASS ] control.test_loops
// CHECK: [ PASS ] control.test_recursion
// CHECK: [ PASS ] control.test_multiple_results
// CHECK: [ PASS ] control.test_switch
// CHECK: [ PASS ] control.test_globals
// CHECK: [ PASS ] control.test_buffers
// CHECK: [ PASS ] control.test_optional_import_present
// CHECK: [ PASS ] control.test_optional_import_absent
// CHECK: [ PASS ] control.test_lists
// CHECK: [ PASS ] control.fail_assert
// CHECK: 10 passed, 0 failed
module @control {
  util.global private @base = 1000 : i32
  util.global private mutable @scale : f64
  util.initializer {
    %c = arith.constant 0.5 : f64
    util.global.store %c, @scale : f64
    util.return
  }

  func.func private @fib(%n: i32) -> i32 {
    %c2 = arith.constant 2 : i32
    %small = arith.cmpi slt, %n, %c2 : i32
    cf.cond_br %small, ^done(%n : i32), ^recurse
  ^recurse:
    %c1 = arith.constant 1 : i32
    %a = arith.subi %n, %c1 : i32
    %b = arith.subi %n, %c2 : i32
    %fa = func.call @fib(%a) : (i32) -> i32
    %fb = func.call @fib(%b) : (i32) -> i32
    %sum = arith.addi %fa, %fb : i32
    cf.br ^done(%sum : i32)
  ^done(%result: i32):
    return %result : i32
  }

  func.func private @divmod(%a: i64, %b: i64) -> (i64, i64, !util.buffer) {
    %q = arith.divsi %a, %b : i64
    %r = arith.remsi %a, %b : i64
    %tag = util.buffer.constant : !util.buffer = "divmod"
    return %q, %r, %tag : i64, i64, !util.buffer
  }

  func.func @test_loops() {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = util.unfoldable_constant 100 : index
    %sum = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %c0) -> (index) {
      %next = arith.addi %acc, %i : index
      scf.yield %next : index
    }
    %expected = arith.constant 4950 : index
    %ok1 = arith.cmpi eq, %sum, %expected : index
    cf.assert %ok1, "sum of 0..99"
    %limit = util.unfoldable_constant 1000 : i32
    %one = arith.constant 1 : i32
    %zero = arith.constant 0 : i32
    %count, %evens = scf.while (%i = %zero, %e = %zero) : (i32, i32) -> (i32, i32) {
      %more = arith.cmpi slt, %i, %limit : i32
      scf.condition(%more) %i, %e : i32, i32
    } do {
    ^bb0(%i: i32, %e: i32):
      %bit = arith.andi %i, %one : i32
      %is_even = arith.cmpi eq, %bit, %zero : i32
      %e2 = scf.if %is_even -> i32 {
        %inc = arith.addi %e, %one : i32
        scf.yield %inc : i32
      } else {
        scf.yield %e : i32
      }
      %i2 = arith.addi %i, %one : i32
      scf.yield %i2, %e2 : i32, i32
    }
    %c500 = arith.constant 500 : i32
    %ok2 = arith.cmpi eq, %evens, %c500 : i32
    cf.assert %ok2, "500 even numbers below 1000"
    %ok3 = arith.cmpi eq, %count, %limit : i32
    cf.assert %ok3, "while loop ran 1000 times"
    return
  }

  func.func @test_recursion() {
    %n = util.unfoldable_constant 20 : i32
    %f = func.call @fib(%n) : (i32) -> i32
    %expected = arith.constant 6765 : i32
    %ok = arith.cmpi eq, %f, %expected : i32
    cf.assert %ok, "fib(20)"
    return
  }

  func.func @test_multiple_results() {
    %a = util.unfoldable_constant 17179869189 : i64
    %b = util.unfoldable_constant 4294967296 : i64
    %q, %r, %tag = func.call @divmod(%a, %b) : (i64, i64) -> (i64, i64, !util.buffer)
    %c4 = arith.constant 4 : i64
    %c5 = arith.constant 5 : i64
    %ok1 = arith.cmpi eq, %q, %c4 : i64
    cf.assert %ok1, "quotient"
    %ok2 = arith.cmpi eq, %r, %c5 : i64
    cf.assert %ok2, "remainder"
    return
  }

  func.func @test_switch() {
    %index = util.unfoldable_constant 2 : i32
    %c10 = arith.constant 10 : i32
    %c20 = arith.constant 20 : i32
    %c30 = arith.constant 30 : i32
    %c99 = arith.constant 99 : i32
    cf.switch %index : i32, [
      default: ^join(%c99 : i32),
      0: ^join(%c10 : i32),
      1: ^join(%c20 : i32),
      2: ^join(%c30 : i32)
    ]
  ^join(%value: i32):
    %ok = arith.cmpi eq, %value, %c30 : i32
    cf.assert %ok, "switch case 2"
    return
  }

  func.func @test_globals() {
    %base = util.global.load @base : i32
    %c1000 = arith.constant 1000 : i32
    %ok1 = arith.cmpi eq, %base, %c1000 : i32
    cf.assert %ok1, "initial value"
    %scale = util.global.load @scale : f64
    %half = arith.constant 0.5 : f64
    %ok2 = arith.cmpf oeq, %scale, %half : f64
    cf.assert %ok2, "util.initializer ran"
    %quarter = arith.mulf %scale, %half : f64
    util.global.store %quarter, @scale : f64
    %again = util.global.load @scale : f64
    %c025 = arith.constant 0.25 : f64
    %ok3 = arith.cmpf oeq, %again, %c025 : f64
    cf.assert %ok3, "store then load"
    return
  }

  func.func @test_buffers() {
    %c1 = arith.constant 1 : i64
    %q, %r, %tag = func.call @divmod(%c1, %c1) : (i64, i64) -> (i64, i64, !util.buffer)
    %length = vm.inst "buffer.length"(%tag) : (!util.buffer) -> i64
    %c6 = arith.constant 6 : i64
    %ok = arith.cmpi eq, %length, %c6 : i64
    cf.assert %ok, "the rodata buffer holds 'divmod'"
    %c0 = arith.constant 0 : i64
    %d = vm.inst "buffer.load.i8.u"(%tag, %c0) : (!util.buffer, i64) -> i32
    %c100 = arith.constant 100 : i32
    %ok2 = arith.cmpi eq, %d, %c100 : i32
    cf.assert %ok2, "first byte is 'd'"
    return
  }

  // yieldable_test is linked into the tools; with a count of 0 yield_n returns at once.
  func.func private @yieldable_test.yield_n(i32, i32) -> i32 attributes {
    vm.fallback = @yield_n_fallback
  }
  func.func private @yield_n_fallback(%arg: i32, %count: i32) -> i32 {
    %minus_one = arith.constant -1 : i32
    return %minus_one : i32
  }
  func.func @test_optional_import_present() {
    %a = util.unfoldable_constant 41 : i32
    %zero = arith.constant 0 : i32
    %r = func.call @yieldable_test.yield_n(%a, %zero) : (i32, i32) -> i32
    %ok = arith.cmpi eq, %r, %a : i32
    cf.assert %ok, "the import ran"
    return
  }

  func.func private @missing_module.double(i32) -> i32 attributes {
    vm.fallback = @double_fallback
  }
  func.func private @double_fallback(%x: i32) -> i32 {
    %r = arith.addi %x, %x : i32
    return %r : i32
  }
  func.func @test_optional_import_absent() {
    %a = util.unfoldable_constant 21 : i32
    %r = func.call @missing_module.double(%a) : (i32) -> i32
    %c42 = arith.constant 42 : i32
    %ok = arith.cmpi eq, %r, %c42 : i32
    cf.assert %ok, "the fallback ran"
    return
  }

  // !vm.list values through VM instructions written in MLIR.
  func.func @test_lists() {
    %c4 = arith.constant 4 : i32
    %list = vm.inst "list.alloc"(%c4) {type = i32} : (i32) -> !vm.list<i32>
    vm.inst "list.resize"(%list, %c4) : (!vm.list<i32>, i32) -> ()
    %c2 = arith.constant 2 : i32
    %c7 = util.unfoldable_constant 7 : i32
    vm.inst "list.set.i32"(%list, %c2, %c7) : (!vm.list<i32>, i32, i32) -> ()
    %v = vm.inst "list.get.i32"(%list, %c2) : (!vm.list<i32>, i32) -> i32
    %ok = arith.cmpi eq, %v, %c7 : i32
    cf.assert %ok, "list.get returns what list.set stored"
    %size = vm.inst "list.size"(%list) : (!vm.list<i32>) -> i32
    %ok2 = arith.cmpi eq, %size, %c4 : i32
    cf.assert %ok2, "list.size after resize"
    return
  }

  func.func @fail_assert() {
    %false = util.unfoldable_constant false
    cf.assert %false, "expected failure"
    return
  }
}
