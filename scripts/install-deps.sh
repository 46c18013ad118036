#!/usr/bin/env bash
# Installs every Debian 12 package Sinew needs to build and test (idempotent; run as root).
set -euo pipefail
packages=(
  cmake ninja-build ccache g++ clang-22 libclang-rt-22-dev llvm-22-tools
  libflatbuffers-dev flatbuffers-compiler libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev python3 clang-format libmlir-22-dev mlir-22-tools llvm-22-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
