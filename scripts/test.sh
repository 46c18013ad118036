#!/usr/bin/env bash
# Runs every test: the unit and lit suites on a release build, the same suites on an
# ASan+UBSan build (clang-22), and the libFuzzer targets for a bounded time. Prints one
# closing "N passed, M failed" line over all of them; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" || exit 1

passed=0
failed=0
run_ctest() {  # build dir, label
  local log
  log=$(mktemp)
  (cd "$1" && ctest -j2 --output-on-failure --timeout 300) >"$log" 2>&1
  local status=$?
  local summary
  summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of' "$log" | tail -1)
  if [ -n "$summary" ]; then
    local total fail
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
    fail=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$summary")
    passed=$((passed + total - fail))
    failed=$((failed + fail))
  elif [ $status -ne 0 ]; then
    failed=$((failed + 1))
  fi
  if [ $status -ne 0 ]; then
    grep -vE '^\s*[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed' "$log" | tail -80
  fi
  echo "$2: ${summary:-ctest exit $status}"
  rm -f "$log"
}

build() {  # dir, extra cmake args...
  local dir=$1
  shift
  cmake -S "$root" -B "$dir" -G Ninja "$@" >/dev/null && ninja -C "$dir" -j2 >"$dir.build.log" 2>&1
  local status=$?
  if [ $status -ne 0 ]; then
    tail -40 "$dir.build.log"
    failed=$((failed + 1))
  fi
  return $status
}

if build "$root/build" -DCMAKE_BUILD_TYPE=Release; then
  run_ctest "$root/build" "release"
fi

if build "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSINEW_ENABLE_SANITIZERS=ON \
  -DSINEW_BUILD_BENCHMARKS=OFF -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22; then
  ASAN_OPTIONS=detect_leaks=1 run_ctest "$root/build-asan" "asan+ubsan"
fi

if build "$root/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSINEW_BUILD_FUZZERS=ON \
  -DSINEW_BUILD_TESTS=OFF -DSINEW_BUILD_BENCHMARKS=OFF \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22; then
  for fuzzer in "$root"/build-fuzz/bin/*_fuzzer; do
    [ -x "$fuzzer" ] || continue
    corpus="$root/build-fuzz/corpus-$(basename "$fuzzer")"
    mkdir -p "$corpus"
    seeds="$root/tests/fuzz/$(basename "$fuzzer" _fuzzer)"
    if "$fuzzer" -max_total_time="${SINEW_FUZZ_SECONDS:-60}" -timeout=10 -rss_limit_mb=2048 \
      "$corpus" $( [ -d "$seeds" ] && echo "$seeds" ) >"$corpus.log" 2>&1; then
      passed=$((passed + 1))
      echo "fuzz $(basename "$fuzzer"): $(grep -E '^(#[0-9]+|Done)' "$corpus.log" | tail -1)"
    else
      failed=$((failed + 1))
      tail -40 "$corpus.log"
      echo "fuzz $(basename "$fuzzer"): FAILED"
    fi
  done
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
