// sinew-convert-to-vm: every value gets its VM type and every op becomes a vm.inst named by
// the runtime's op table (or a call, return or branch).
// REQUIRES: sinew-compiler
// RUN: sinew-opt --sinew-convert-to-vm --split-input-file --allow-unregistered-dialect %s | FileCheck %s
// RUN: sinew-opt --sinew-convert-to-vm="index-bits=32" %s --split-input-file --allow-unregistered-dialect | FileCheck %s --check-prefix=INDEX32

// CHECK-LABEL: func.func @arith(%arg0: i32, %arg1: i64) -> (i32, i64)
// CHECK: %[[ADD:.*]] = vm.inst "add.i32"(%arg0, %arg0) : (i32, i32) -> i32
// CHECK: %[[DIV:.*]] = vm.inst "div.i64.u"(%arg1, %arg1) : (i64, i64) -> i64
// CHECK: return %[[ADD]], %[[DIV]] : i32, i64
func.func @arith(%a: i32, %b: i64) -> (i32, i64) {
  %0 = arith.addi %a, %a : i32
  %1 = arith.divui %b, %b : i64
  return %0, %1 : i32, i64
}

// -----

// Narrow values are sign-extended in i32 registers: i8 arithmetic is brought back to 8 bits.
// CHECK-LABEL: func.func @narrow(%arg0: i32) -> i32
// CHECK: %[[SUM:.*]] = vm.inst "add.i32"(%arg0, %arg0)
// CHECK: %[[NORM:.*]] = vm.inst "ext.i8.i32.s"(%[[SUM]])
// CHECK: return %[[NORM]]
func.func @narrow(%a: i8) -> i8 {
  %0 = arith.addi %a, %a : i8
  return %0 : i8
}

// -----

// sle has no instruction: it is "not (b < a)".
// CHECK-LABEL: func.func @compare
// CHECK: %[[LT:.*]] = vm.inst "cmp.lt.i32.s"(%arg1, %arg0)
// CHECK: %[[ONE:.*]] = vm.inst "const.i32"() {value = 1 : i32}
// CHECK: vm.inst "xor.i32"(%[[LT]], %[[ONE]])
// CHECK: vm.inst "cmp.lt.f32.o"(%arg3, %arg2)
func.func @compare(%a: i32, %b: i32, %x: f32, %y: f32) -> (i1, i1) {
  %0 = arith.cmpi sle, %a, %b : i32
  %1 = arith.cmpf ogt, %x, %y : f32
  return %0, %1 : i1, i1
}

// -----

// CHECK-LABEL: func.func @index(%arg0: i64) -> i64
// INDEX32-LABEL: func.func @index(%arg0: i32) -> i32
// CHECK: vm.inst "mul.i64"
// INDEX32: vm.inst "mul.i32"
func.func @index(%a: index) -> index {
  %0 = arith.muli %a, %a : index
  return %0 : index
}

// -----

// Math functions map one to one.
// CHECK-LABEL: func.func @math
// CHECK: vm.inst "sqrt.f32"(%arg0)
// CHECK: vm.inst "round.f64.even"(%arg1)
// CHECK: vm.inst "atan2.f32"(%arg0, %arg0)
func.func @math(%a: f32, %b: f64) -> (f32, f64, f32) {
  %0 = math.sqrt %a : f32
  %1 = math.roundeven %b : f64
  %2 = math.atan2 %a, %a : f32
  return %0, %1, %2 : f32, f64, f32
}

// -----

// Object types become refs; unknown dialect types keep their name.
// CHECK-LABEL: func.func private @custom.string.create(!vm.ref<!vm.buffer>) -> !vm.ref<!custom.string>
// CHECK-LABEL: func.func @objects() -> !vm.ref<!custom.string>
// CHECK: %[[BUF:.*]] = vm.inst "const.ref.rodata"() {rodata = "hi"} : () -> !vm.ref<!vm.buffer>
// CHECK: call @custom.string.create(%[[BUF]])
func.func private @custom.string.create(!util.buffer) -> !custom.string
func.func @objects() -> !custom.string {
  %b = util.buffer.constant : !util.buffer = "hi"
  %s = func.call @custom.string.create(%b) : (!util.buffer) -> !custom.string
  return %s : !custom.string
}

// -----

// vm.signature sets the import's VM types; the call converts to and from them.
// INDEX32-LABEL: func.func private @m.length(!vm.ref<!m.thing>) -> i64
// INDEX32-LABEL: func.func @length
// INDEX32: %[[L:.*]] = call @m.length(%arg0) : (!vm.ref<!m.thing>) -> i64
// INDEX32: vm.inst "trunc.i64.i32"(%[[L]])
func.func private @m.length(!m.thing) -> index attributes {vm.signature = (!vm.ref<!m.thing>) -> i64}
func.func @length(%t: !m.thing) -> index {
  %0 = func.call @m.length(%t) : (!m.thing) -> index
  return %0 : index
}

// -----

// Branches on i1 become vm.cond_br on i32; assertions become fail.
// CHECK-LABEL: func.func @branch
// CHECK: vm.cond_br %{{.*}}, ^bb1, ^bb2
// CHECK: vm.inst "fail"(%{{.*}}) {message = "bad"}
func.func @branch(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %c = arith.cmpi eq, %a, %c0 : i32
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  cf.assert %c, "bad"
  return %a : i32
^bb2:
  return %c0 : i32
}

// -----

// Globals keep their symbol; loads and stores name it. Barriers vanish; unfoldable constants
// are ordinary VM constants once folding is over.
// CHECK-LABEL: util.global private mutable @counter : i64
// CHECK-LABEL: util.global private mutable @name : !vm.ref<!vm.buffer>
// CHECK-LABEL: func.func @globals
// CHECK: %[[V:.*]] = vm.inst "global.load.i64"() {global = @counter} : () -> i64
// CHECK: %[[C:.*]] = vm.inst "const.i64"() {value = 5 : i64}
// CHECK: %[[S:.*]] = vm.inst "add.i64"(%[[V]], %[[C]])
// CHECK: vm.inst "global.store.i64"(%[[S]]) {global = @counter}
// CHECK: vm.inst "global.load.ref"() {global = @name, type = !vm.buffer} : () -> !vm.ref<!vm.buffer>
util.global private mutable @counter : i64
util.global private mutable @name : !util.buffer
func.func @globals() -> !util.buffer {
  %v = util.global.load @counter : i64
  %c = util.unfoldable_constant 5 : i64
  %s = arith.addi %v, %c : i64
  %b = util.optimization_barrier %s : i64
  util.global.store %b, @counter : i64
  %n = util.global.load @name : !util.buffer
  return %n : !util.buffer
}

// -----

// Tensors are buffer views: a dense constant is a view over rodata, tensor.dim asks the view.
// CHECK-LABEL: func.func private @hal.buffer_view.create(!vm.ref<!vm.buffer>, i64, i64, i32) -> !vm.ref<!hal.buffer_view> attributes {vm.cconv = "0rIIiCID_r"}
// CHECK-LABEL: func.func private @hal.buffer_view.dim(!vm.ref<!hal.buffer_view>, i32) -> i64
// CHECK-LABEL: func.func @tensors
// CHECK: %[[DATA:.*]] = vm.inst "const.ref.rodata"() {rodata = dense<[1, 2, 3]> : tensor<3xi32>}
// CHECK: vm.call.variadic @hal.buffer_view.create segments [-1, -1, -1, -1, 1](%[[DATA]],
// CHECK: call @hal.buffer_view.dim(%arg0, %{{.*}}) : (!vm.ref<!hal.buffer_view>, i32) -> i64
func.func @tensors(%t: tensor<?xf32>) -> (tensor<3xi32>, index) {
  %c = arith.constant dense<[1, 2, 3]> : tensor<3xi32>
  %c0 = arith.constant 0 : index
  %d = tensor.dim %t, %c0 : tensor<?xf32>
  return %c, %d : tensor<3xi32>, index
}
