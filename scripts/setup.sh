#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root): install dependencies, build, and run
# the main job.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
