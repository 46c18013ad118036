// sinew-check-module exports for the static sample's `custom` module: string.from_tensor
// formats at most 128 elements and fails when the text is longer than 511 characters.
module @checks {
  func.func private @custom.string.from_tensor(tensor<?xi8>) -> !custom.string

  func.func @test_small() {
    %tensor = util.unfoldable_constant dense<[0, 1, 2, 3, 4]> : tensor<5xi8>
    %dynamic = tensor.cast %tensor : tensor<5xi8> to tensor<?xi8>
    func.call @custom.string.from_tensor(%dynamic) : (tensor<?xi8>) -> !custom.string
    return
  }
  func.func @test_elided() {
    %tensor = util.unfoldable_constant dense<7> : tensor<129xi8>
    %dynamic = tensor.cast %tensor : tensor<129xi8> to tensor<?xi8>
    func.call @custom.string.from_tensor(%dynamic) : (tensor<?xi8>) -> !custom.string
    return
  }
  // 128 elements of `-128` need 649 characters.
  func.func @fail_too_long() {
    %tensor = util.unfoldable_constant dense<-128> : tensor<200xi8>
    %dynamic = tensor.cast %tensor : tensor<200xi8> to tensor<?xi8>
    func.call @custom.string.from_tensor(%dynamic) : (tensor<?xi8>) -> !custom.string
    return
  }
}
