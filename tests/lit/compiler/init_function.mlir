// sinew-create-init-function: initial values and util.initializer bodies run in __init.
// REQUIRES: sinew-compiler
// RUN: sinew-opt --sinew-create-init-function %s | FileCheck %s

// CHECK: util.global private mutable @a : i32
// CHECK: util.global private mutable @b : f64
// CHECK-NOT: util.initializer
// CHECK-LABEL: func.func @__init()
// CHECK: %[[C:.*]] = arith.constant 7 : i32
// CHECK: util.global.store %[[C]], @a : i32
// CHECK: cf.br ^[[BODY:.*]]
// CHECK: ^[[BODY]]:
// CHECK: util.global.store %{{.*}}, @b : f64
// CHECK: cf.br ^[[END:.*]]
// CHECK: ^[[END]]:
// CHECK: return
util.global private @a = 7 : i32
util.global private @b : f64
util.initializer {
  %c = arith.constant 1.5 : f64
  util.global.store %c, @b : f64
  util.return
}
