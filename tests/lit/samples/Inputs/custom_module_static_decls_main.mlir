// Appended to `sinew-dump-module --mlir-decls custom`, which declares the imports: the view
// comes from --input.
func.func @main(%view: !hal.buffer_view) {
  %string = func.call @custom.string.from_tensor(%view) : (!hal.buffer_view) -> !custom.string
  func.call @custom.string.print(%string) : (!custom.string) -> ()
  return
}
