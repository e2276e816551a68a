#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Read back what vsgraph wrote into a PNG, with the standard library only.

pngtool.py encoding FILE   "LEVEL FILTERS": the zlib stream's FLEVEL (0 is level 1, the
                           fastest; 2 the default) and the row filters used, e.g. "0" or
                           "1,2,4"
pngtool.py differ A B      how many pixels differ between two images of one size
pngtool.py redbar FILE     the most red pixels (R >= 200, G and B <= 120) in one column:
                           an event bar drawn the full height of the graph
"""
import struct
import sys
import zlib


def read(path):
    d = open(path, "rb").read()
    if d[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat = 8, b""
    while pos < len(d):
        n, kind = struct.unpack(">I4s", d[pos:pos + 8])
        body = d[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6):
        sys.exit(f"{path}: expected 8-bit RGB or RGBA, got depth {depth} type {ctype}")
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    filters, rows, prev = set(), [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        filters.add(f)
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                row[i] = (row[i] + a) & 255
            elif f == 2:
                row[i] = (row[i] + b) & 255
            elif f == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(row))
        prev = row
    return {"w": w, "h": h, "bpp": bpp, "level": idat[1] >> 6, "filters": filters, "rows": rows}


def pixels(img, x, y):
    o = x * img["bpp"]
    return img["rows"][y][o:o + 3]


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "encoding":
        img = read(args[0])
        print(img["level"], ",".join(map(str, sorted(img["filters"]))))
    elif cmd == "differ":
        a, b = read(args[0]), read(args[1])
        if (a["w"], a["h"]) != (b["w"], b["h"]):
            sys.exit("differ: sizes differ")
        print(sum(1 for y in range(a["h"]) for x in range(a["w"])
                  if pixels(a, x, y) != pixels(b, x, y)))
    elif cmd == "redbar":
        img = read(args[0])
        best = 0
        for x in range(img["w"]):
            n = 0
            for y in range(img["h"]):
                r, g, b = pixels(img, x, y)
                n += r >= 200 and g <= 120 and b <= 120
            best = max(best, n)
        print(best)
    else:
        sys.exit(__doc__)


main()
