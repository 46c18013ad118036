#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root): install dependencies, build, and run
# the main job.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

# The main job: assemble a .vmasm program that calls a native module and run it.
bin="$root/build/bin"
echo "+ sinew-as samples/vmasm/hello_native.vmasm -o build/hello_native.vmb"
"$bin/sinew-as" "$root/samples/vmasm/hello_native.vmasm" -o "$root/build/hello_native.vmb"
echo "+ sinew-run-module --module=build/hello_native.vmb --function=main --input=i32=10"
"$bin/sinew-run-module" --module="$root/build/hello_native.vmb" --function=main --input=i32=10
