#!/bin/bash
# Checks that disassembly is a fixed point of assembly: for each .vmasm input, assemble it,
# dump it, assemble the dump and dump again; both dumps and the function tables (register
# counts, block counts, code sizes) must be identical.
# Usage: roundtrip.sh FILE|DIR...   (directories contribute their *.vmasm; missing ones are
# skipped so suites such as tests/vm may not exist yet)
set -euo pipefail
shopt -s nullglob
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

function_table() {
  sinew-dump-module --output=metadata "$1" | sed -n '/^  # | Offset/,$p'
}

check() {
  local input=$1
  sinew-as "$input" -o "$work/a.vmb"
  sinew-dump-module --output=disassembly "$work/a.vmb" > "$work/a.txt"
  sinew-as "$work/a.txt" -o "$work/b.vmb"
  sinew-dump-module --output=disassembly "$work/b.vmb" > "$work/b.txt"
  if ! diff -u "$work/a.txt" "$work/b.txt"; then
    echo "roundtrip: disassembly of $input is not stable" >&2
    return 1
  fi
  if ! diff -u <(function_table "$work/a.vmb") <(function_table "$work/b.vmb"); then
    echo "roundtrip: function table of $input changed" >&2
    return 1
  fi
  echo "roundtrip ok: $input"
}

for arg in "$@"; do
  if [ -d "$arg" ]; then
    for file in "$arg"/*.vmasm; do check "$file"; done
  elif [ -e "$arg" ]; then
    check "$arg"
  fi
done
