// The dynamic sample's program: the static sample's `main`, plus `error`, which calls an export
// that always fails.
module @example {
  func.func private @custom.string.from_tensor(tensor<?xi8>) -> !custom.string
  func.func private @custom.string.print(!custom.string)
  func.func private @custom.error()

  func.func @main() {
    %tensor = util.unfoldable_constant dense<[0, 1, 2, 3, 4]> : tensor<5xi8>
    %dynamic_tensor = tensor.cast %tensor : tensor<5xi8> to tensor<?xi8>
    %string = func.call @custom.string.from_tensor(%dynamic_tensor) : (tensor<?xi8>) -> !custom.string
    func.call @custom.string.print(%string) : (!custom.string) -> ()
    return
  }

  func.func @error() {
    func.call @custom.error() : () -> ()
    return
  }
}
