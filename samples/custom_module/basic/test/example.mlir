// The basic sample's program: calls into the `custom` module with the `!custom.string` type it
// defines (a type the compiler does not know), including the optional `string.dprint` import
// with a compiled fallback, and into the per-context `table` module.
module @example {
  // Imports: `custom` is the module and `string.create` the export.
  func.func private @custom.string.create(!util.buffer) -> !custom.string
  // The export returns int64_t; pin the VM type so the cconv does not follow index's width.
  func.func private @custom.string.length(!custom.string) -> index attributes {
    vm.signature = (!vm.ref<!custom.string>) -> i64
  }
  func.func private @custom.string.print(!custom.string)
  // Only debug builds of the module export dprint; elsewhere the fallback runs.
  func.func private @custom.string.dprint(!custom.string) attributes {
    vm.fallback = @custom_string_dprint
  }
  func.func private @custom_string_dprint(%string: !custom.string) {
    %buffer = util.buffer.constant : !util.buffer = "optimized"
    %optimized = func.call @custom.string.create(%buffer) : (!util.buffer) -> !custom.string
    func.call @custom.string.print(%optimized) : (!custom.string) -> ()
    return
  }

  func.func @main() {
    %hello_buffer = util.buffer.constant : !util.buffer = "hello"
    %hello = func.call @custom.string.create(%hello_buffer) : (!util.buffer) -> !custom.string
    func.call @custom.string.print(%hello) : (!custom.string) -> ()
    %length = func.call @custom.string.length(%hello) : (!custom.string) -> index
    util.optimization_barrier %length : index
    %debug_buffer = util.buffer.constant : !util.buffer = "debug"
    %debug = func.call @custom.string.create(%debug_buffer) : (!util.buffer) -> !custom.string
    func.call @custom.string.dprint(%debug) : (!custom.string) -> ()
    return
  }

  func.func private @table.insert(!util.buffer, !util.buffer)
  func.func private @table.lookup(!util.buffer) -> (i1, !util.buffer)

  // Inserts color=green, prints what a lookup finds, and fails if a missing key is found.
  func.func @table() {
    %color = util.buffer.constant : !util.buffer = "color"
    %green = util.buffer.constant : !util.buffer = "green"
    func.call @table.insert(%color, %green) : (!util.buffer, !util.buffer) -> ()
    %found, %value = func.call @table.lookup(%color) : (!util.buffer) -> (i1, !util.buffer)
    cf.assert %found, "lookup of a present key failed"
    %string = func.call @custom.string.create(%value) : (!util.buffer) -> !custom.string
    func.call @custom.string.print(%string) : (!custom.string) -> ()
    %hello = util.buffer.constant : !util.buffer = "hello"
    %missing, %nothing = func.call @table.lookup(%hello) : (!util.buffer) -> (i1, !util.buffer)
    %true = arith.constant true
    %absent = arith.xori %missing, %true : i1
    cf.assert %absent, "lookup of a missing key found something"
    return
  }
}
