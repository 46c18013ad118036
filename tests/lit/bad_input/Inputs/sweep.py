"""Feeds damaged copies of a .vmb module to a tool and reports any run that did not end in
exit 0 or a clean exit 1 with a message on stderr (a crash, a signal or a hang).

  sweep.py MODULE.vmb WORK.vmb -- TOOL ARGS...   ({} in ARGS stands for WORK.vmb)

Copies: every truncation length (in steps of 8 bytes) and 500 seeded random bit flips of
one to three bits each. Prints `N runs (K succeeded), M bad` and one line per bad run.
"""
import random
import subprocess
import sys


def variants(data):
    for length in range(0, len(data), 8):
        yield f"truncated to {length} bytes", data[:length]
    rng = random.Random(1)
    for _ in range(500):
        copy = bytearray(data)
        flips = []
        for _ in range(rng.randint(1, 3)):
            byte, bit = rng.randrange(len(copy)), rng.randrange(8)
            copy[byte] ^= 1 << bit
            flips.append(f"{byte}:{bit}")
        yield "bits flipped at " + " ".join(flips), bytes(copy)


def main():
    split = sys.argv.index("--")
    module, work = sys.argv[1:split]
    command = [arg.replace("{}", work) for arg in sys.argv[split + 1:]]
    data = open(module, "rb").read()
    runs, succeeded, bad = 0, 0, []
    for label, copy in variants(data):
        open(work, "wb").write(copy)
        runs += 1
        try:
            result = subprocess.run(command, capture_output=True, timeout=20)
        except subprocess.TimeoutExpired:
            bad.append(f"{label}: timed out")
            continue
        if result.returncode == 0:
            succeeded += 1
            continue
        if result.returncode != 1 or not result.stderr.strip() and b"FAIL" not in result.stdout:
            bad.append(f"{label}: exit {result.returncode}: {result.stderr[-200:]!r}")
    print(f"{runs} runs ({succeeded} succeeded), {len(bad)} bad")
    for line in bad:
        print(line)


if __name__ == "__main__":
    main()
