#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root): install dependencies, build, and run
# the main job.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

# The main job: compile the basic custom-module sample from MLIR and run it with the C++
# `custom` module linked in.
bin="$root/build/bin"
echo "+ sinew-compile samples/custom_module/basic/test/example.mlir -o build/example.vmb"
"$bin/sinew-compile" "$root/samples/custom_module/basic/test/example.mlir" -o "$root/build/example.vmb"
echo "+ custom-module-run build/example.vmb example.main"
"$bin/custom-module-run" "$root/build/example.vmb" example.main
