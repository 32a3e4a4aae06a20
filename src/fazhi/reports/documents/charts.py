"""The dashboard's trend charts as PNG images for the .docx, drawn in pure Python (zlib and struct: no imaging
library is installed). Bars per year with the value above each bar and the year below it, in a small built-in digit
font; the Chinese title and unit go in the document's caption, not in the image."""

from __future__ import annotations

import struct
import zlib
from decimal import Decimal

WHITE, AXIS, BAR, TEXT = (255, 255, 255), (90, 90, 90), (47, 84, 150), (30, 30, 30)

# 3×5 glyphs: digits, the decimal point and the minus sign
GLYPHS = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "010", "010", "010"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
    ".": ("000", "000", "000", "000", "010"),
    "-": ("000", "000", "111", "000", "000"),
}


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(WHITE) * width * height)

    def rect(self, x0: int, y0: int, x1: int, y1: int, color) -> None:
        """Fill [x0, x1) × [y0, y1), clipped to the canvas."""
        x0, x1 = max(0, x0), min(self.width, x1)
        for y in range(max(0, y0), min(self.height, y1)):
            start = (y * self.width + x0) * 3
            self.pixels[start : start + (x1 - x0) * 3] = bytes(color) * (x1 - x0)

    def text(self, x_center: int, y: int, text: str, scale: int = 3, color=TEXT) -> None:
        width = len(text) * 4 * scale - scale
        x = x_center - width // 2
        for char in text:
            for row, bits in enumerate(GLYPHS.get(char, GLYPHS["-"])):
                for col, bit in enumerate(bits):
                    if bit == "1":
                        px, py = x + col * scale, y + row * scale
                        self.rect(px, py, px + scale, py + scale, color)
            x += 4 * scale

    def png(self) -> bytes:
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3])
            for y in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )


def label(value) -> str:
    if value is None:
        return "-"
    value = Decimal(str(value))
    text = f"{value.quantize(Decimal('0.1')):f}" if value != value.to_integral() else f"{value:.0f}"
    return text


TOP, BOTTOM, SIDE = 30, 30, 20


def bar_chart(labels: list[str], values: list, *, width: int = 600, height: int = 260) -> bytes:
    """One bar per label, scaled to the largest value (a bar of the largest value reaches the top margin)."""
    canvas = Canvas(width, height)
    base = height - BOTTOM
    canvas.rect(SIDE, base, width - SIDE, base + 2, AXIS)
    numbers = [Decimal(str(v)) for v in values if v is not None]
    top = max([n for n in numbers if n > 0], default=Decimal(1))
    slot = (width - 2 * SIDE) // max(len(labels), 1)
    for i, (name, value) in enumerate(zip(labels, values, strict=True)):
        center = SIDE + slot * i + slot // 2
        bar_height = 0
        if value is not None and Decimal(str(value)) > 0:
            bar_height = int(Decimal(str(value)) / top * (base - TOP))
        canvas.rect(center - slot // 4, base - bar_height, center + slot // 4, base, BAR)
        canvas.text(center, base - bar_height - 20, label(value))
        canvas.text(center, base + 8, name, scale=3, color=AXIS)
    return canvas.png()
