// The MLIR versions of two sinew-vm-benchmark cases, compiled by sinew-compile at build time
// so the benchmark can compare compiled code with the hand-written benchmark_module.vmasm.
module @bench_compiled {
  // Counts to %n: i = 0; do { i += 1 } while (i < n).
  func.func @loop_sum(%n: i32) -> i32 {
    %c0 = arith.constant 0 : i32
    %c1 = arith.constant 1 : i32
    %r = scf.while (%i = %c0) : (i32) -> i32 {
      %next = arith.addi %i, %c1 : i32
      %more = arith.cmpi slt, %next, %n : i32
      scf.condition(%more) %next : i32
    } do {
    ^bb0(%i: i32):
      scf.yield %i : i32
    }
    return %r : i32
  }

  // Sums the first %n i32 elements of %buffer.
  func.func @buffer_reduce(%buffer: !vm.buffer, %n: i32) -> i32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %zero = arith.constant 0 : i32
    %end = arith.index_cast %n : i32 to index
    %sum = scf.for %i = %c0 to %end step %c1 iter_args(%acc = %zero) -> (i32) {
      %element = arith.index_cast %i : index to i64
      %value = vm.inst "buffer.load.i32"(%buffer, %element) : (!vm.buffer, i64) -> i32
      %next = arith.addi %acc, %value : i32
      scf.yield %next : i32
    }
    return %sum : i32
  }
}
