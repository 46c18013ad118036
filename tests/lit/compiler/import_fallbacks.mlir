// sinew-expand-import-fallbacks: a call to an import with vm.fallback checks at run time
// whether the import was resolved and calls the import or the fallback.
// REQUIRES: sinew-compiler
// RUN: sinew-opt --sinew-expand-import-fallbacks %s | FileCheck %s

// CHECK-LABEL: func.func @caller
// CHECK: %[[OK:.*]] = vm.inst "import.resolved"() {callee = @m.f} : () -> i1
// CHECK: cf.cond_br %[[OK]], ^[[IMPORT:.*]], ^[[FALLBACK:.*]]
// CHECK: ^[[IMPORT]]:
// CHECK: %[[A:.*]] = call @m.f(%arg0)
// CHECK: cf.br ^[[JOIN:.*]](%[[A]] : i32)
// CHECK: ^[[FALLBACK]]:
// CHECK: %[[B:.*]] = call @f_fallback(%arg0)
// CHECK: cf.br ^[[JOIN]](%[[B]] : i32)
// CHECK: ^[[JOIN]](%[[R:.*]]: i32):
// CHECK: return %[[R]]
func.func private @m.f(i32) -> i32 attributes {vm.fallback = @f_fallback}
func.func private @f_fallback(%a: i32) -> i32 {
  return %a : i32
}
func.func @caller(%a: i32) -> i32 {
  %r = func.call @m.f(%a) : (i32) -> i32
  return %r : i32
}
