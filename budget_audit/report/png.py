"""A PNG file from rows of 8-bit RGB pixels: enough for page crops, without an imaging library."""
from __future__ import annotations

import struct
import zlib
from typing import Iterable

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGB = 2          # PNG colour type: truecolour, 8 bits a channel


def png_rgb(width: int, height: int, rows: Iterable[bytes]) -> bytes:
    """`rows` are `height` rows of `width` × 3 bytes, top row first."""
    # filter type 0 on each row: printed pages are mostly white runs, which zlib packs well as they are
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, _RGB, 0, 0, 0)
    return _SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6)) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
