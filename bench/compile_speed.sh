#!/usr/bin/env bash
# Compile-speed benchmark of sinew-compile: generates modules of 1k, 2k and 5k functions
# (each with a loop, arithmetic and a call to the previous function) and times their
# compilation to .vmb. Prints a table of functions, seconds and seconds per 1000 functions,
# which should stay flat (linear growth).
#   bench/compile_speed.sh [build-dir]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="${1:-$root/build}/bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generate() {  # function count
  echo "module @generated {"
  for ((i = 0; i < $1; ++i)); do
    cat <<MLIR
  func.func @f$i(%n: i32, %x: i64) -> i64 {
    %c0 = arith.constant 0 : i32
    %c1 = arith.constant 1 : i32
    %sum = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> (i64) : i32 {
      %w = arith.extsi %i : i32 to i64
      %m = arith.muli %w, %acc : i64
      %a = arith.addi %m, %x : i64
      scf.yield %a : i64
    }
    %cmp = arith.cmpi sgt, %sum, %x : i64
    %r = arith.select %cmp, %sum, %x : i64
MLIR
    if ((i > 0)); then
      echo "    %p = func.call @f$((i - 1))(%n, %r) : (i32, i64) -> i64"
      echo "    return %p : i64"
    else
      echo "    return %r : i64"
    fi
    echo "  }"
  done
  echo "}"
}

printf '| functions | seconds | seconds per 1000 functions |\n| --- | --- | --- |\n'
for count in 1000 2000 5000; do
  generate "$count" >"$work/m$count.mlir"
  start=$(date +%s.%N)
  "$bin/sinew-compile" "$work/m$count.mlir" -o "$work/m$count.vmb"
  end=$(date +%s.%N)
  awk -v n="$count" -v s="$start" -v e="$end" \
    'BEGIN { t = e - s; printf "| %d | %.2f | %.2f |\n", n, t, t * 1000 / n }'
done
