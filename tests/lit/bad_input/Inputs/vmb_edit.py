"""Writes a damaged copy of a .vmb module for the bad-input tests.

  vmb_edit.py IN OUT format-version N   set Module.format_version to N
  vmb_edit.py IN OUT bytecode-byte K V  set byte K of Module.bytecode to V
  vmb_edit.py IN OUT flip-bit K B       flip bit B of file byte K

Fields are found through the FlatBuffer tables (runtime/vm/bytecode/module_def.fbs), so the
edits keep working when the writer's layout changes.
"""
import struct
import sys

# Field slots of table Module in module_def.fbs.
FORMAT_VERSION_FIELD = 0
BYTECODE_FIELD = 18


def field_offset(data, field):
    table = struct.unpack_from("<I", data, 0)[0]
    vtable = table - struct.unpack_from("<i", data, table)[0]
    vtable_size = struct.unpack_from("<H", data, vtable)[0]
    slot = 4 + 2 * field
    offset = struct.unpack_from("<H", data, vtable + slot)[0] if slot < vtable_size else 0
    if offset == 0:
        sys.exit(f"field {field} is not stored in the module")
    return table + offset


def main():
    source, destination, edit, *values = sys.argv[1:]
    data = bytearray(open(source, "rb").read())
    a, b = (int(value, 0) for value in values + ["0"] * (2 - len(values)))
    if edit == "format-version":
        struct.pack_into("<I", data, field_offset(data, FORMAT_VERSION_FIELD), a)
    elif edit == "bytecode-byte":
        at = field_offset(data, BYTECODE_FIELD)
        vector = at + struct.unpack_from("<I", data, at)[0]
        if a >= struct.unpack_from("<I", data, vector)[0]:
            sys.exit(f"bytecode has no byte {a}")
        data[vector + 4 + a] = b
    elif edit == "flip-bit":
        data[a] ^= 1 << b
    else:
        sys.exit(f"unknown edit '{edit}'")
    open(destination, "wb").write(data)


if __name__ == "__main__":
    main()
