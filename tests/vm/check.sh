#!/bin/bash
# Assembles one VM test program and runs it with sinew-check-module (one CTest case each).
# Usage: check.sh BIN_DIR PROGRAM.vmasm
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$1/sinew-as" "$2" -o "$work/test.vmb"
"$1/sinew-check-module" "$work/test.vmb"
