"""Validates a --trace_calls file as Chrome trace JSON and prints its calls.

Every "B" event must be closed by an "E" event of the same name on the same thread, in
stack order, with non-decreasing microsecond timestamps. Prints one line per call,
indented by nesting depth, so FileCheck can match the call tree.
Usage: check_chrome_trace.py TRACE.json
"""
import json
import sys


def main(path):
    with open(path) as f:
        document = json.load(f)
    stacks = {}
    last_ts = {}
    for event in document["traceEvents"]:
        if event["ph"] == "M":
            continue
        assert event["ph"] in ("B", "E"), event
        assert isinstance(event["ts"], (int, float)), event
        thread = (event["pid"], event["tid"])
        assert event["ts"] >= last_ts.get(thread, 0), event
        last_ts[thread] = event["ts"]
        stack = stacks.setdefault(thread, [])
        if event["ph"] == "B":
            print("  " * len(stack) + event["name"])
            stack.append(event["name"])
        else:
            assert stack and stack[-1] == event["name"], (stack, event)
            stack.pop()
    for thread, stack in stacks.items():
        assert not stack, ("unclosed calls", thread, stack)
    print("valid")


if __name__ == "__main__":
    main(sys.argv[1])
