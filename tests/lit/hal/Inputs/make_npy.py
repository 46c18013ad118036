#!/usr/bin/env python3
"""Writes the NumPy (.npy) and raw files the hal lit tests read into a directory, using only
the standard library. Usage: make_npy.py OUTDIR"""
import os
import struct
import sys


def array(descr, shape, payload, fortran=False, version=1):
    """One .npy array: magic, version, header length, dict header padded to 64, payload."""
    dims = "".join("%d, " % d for d in shape) if len(shape) != 1 else "%d," % shape[0]
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (
        descr, fortran, dims.rstrip(", ") if len(shape) > 1 else dims)
    length_format = "<H" if version == 1 else "<I"
    prefix = 6 + 2 + struct.calcsize(length_format)
    header += " " * ((64 - (prefix + len(header) + 1) % 64) % 64) + "\n"
    return (b"\x93NUMPY" + bytes([version, 0]) + struct.pack(length_format, len(header)) +
            header.encode("latin1") + payload)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    files = {
        "f32_2x3.npy": array("<f4", (2, 3), struct.pack("<6f", 1, 2, 3, 4, 5, 6)),
        "i32.npy": array("<i4", (4,), struct.pack("<4i", 1, -2, 3, -4)),
        "multi.npy": array("<i4", (2,), struct.pack("<2i", 1, 2)) +
                     array("<f4", (), struct.pack("<f", 0.5)) +
                     array("|b1", (3,), bytes([1, 0, 1])),
        "kinds.npy": array("<u2", (2,), struct.pack("<2H", 1, 65535)) +
                     array("<f2", (2,), struct.pack("<2H", 0x3C00, 0xC000)) +
                     array("<c8", (1,), struct.pack("<2f", 1, 0)) +
                     array("|V3", (2,), bytes([1, 2, 3, 4, 5, 6])) +
                     array("<f8", (2, 1), struct.pack("<2d", 0.25, -1e300), version=2) +
                     array("|i1", (0, 3), b""),
        "fortran.npy": array("<f4", (2, 2), struct.pack("<4f", 1, 2, 3, 4), fortran=True),
        "big_endian.npy": array(">f4", (1,), struct.pack(">f", 1)),
        "datetime.npy": array("<M8", (1,), struct.pack("<q", 0)),
        "truncated.npy": array("<i4", (4,), struct.pack("<2i", 1, 2)),
        "huge.npy": array("<f4", (1000000000, 1000), b""),
        "bad_header.npy": b"\x93NUMPY\x01\x00" + struct.pack("<H", 13) + b"{'descr': 5}\n",
        "not_numpy.npy": b"hello, this is not a numpy file",
        "data.bin": bytes(range(16)),
    }
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
