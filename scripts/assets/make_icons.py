"""Draws the app icons (a white leaf-like ring on NHS blue) as PNG without any image library.

Run from the repository root: python3 scripts/assets/make_icons.py
"""
import math
import struct
import zlib

BLUE = (0, 94, 184)
WHITE = (255, 255, 255)


def png(size, maskable):
    # Maskable icons keep their drawing inside the central 80% safe zone.
    radius_outer = size * (0.30 if maskable else 0.38)
    radius_inner = radius_outer * 0.55
    c = size / 2
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            d = math.hypot(x + 0.5 - c, y + 0.5 - c)
            row.extend(WHITE if radius_inner <= d <= radius_outer else BLUE)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


for size in (192, 512):
    with open(f"public/icons/icon-{size}.png", "wb") as f:
        f.write(png(size, False))
with open("public/icons/maskable-512.png", "wb") as f:
    f.write(png(512, True))
