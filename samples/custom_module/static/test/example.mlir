// The static sample's program: a tensor crosses into the `custom` module that the tools link in,
// comes back as a `!custom.string` and is printed.
module @example {
  // Tensors cross into native modules as !hal.buffer_view refs: the cconv is 0r_r.
  func.func private @custom.string.from_tensor(tensor<?xi8>) -> !custom.string
  func.func private @custom.string.print(!custom.string)

  func.func @main() {
    // Unfoldable: the constant is materialized at run time, not folded into the call.
    %tensor = util.unfoldable_constant dense<[0, 1, 2, 3, 4]> : tensor<5xi8>
    %dynamic_tensor = tensor.cast %tensor : tensor<5xi8> to tensor<?xi8>
    %string = func.call @custom.string.from_tensor(%dynamic_tensor) : (tensor<?xi8>) -> !custom.string
    func.call @custom.string.print(%string) : (!custom.string) -> ()
    return
  }
}
