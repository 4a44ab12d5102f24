"""Small, complete PDFs written by hand for tests: text in Helvetica or a CJK font, ruling lines,
rotated pages, RC4-encrypted files. No binary fixtures are committed."""
from __future__ import annotations

import hashlib
import struct
from pathlib import Path


def _hex_utf16(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


class PageSpec:
    """Content of one page of a generated PDF (coordinates in PDF points, origin bottom left)."""

    def __init__(self, width: float = 595, height: float = 842, rotate: int = 0):
        self.width, self.height, self.rotate = width, height, rotate
        self.ops: list[str] = []

    def text(self, x: float, y: float, text: str, size: float = 10, font: str = "", matrix=None) -> PageSpec:
        font = font or ("F1" if text.isascii() else "F2")
        s = _hex_utf16(text) if font == "F2" else "(" + text.replace("(", r"\(").replace(")", r"\)") + ")"
        if font == "F3":  # Identity-H font without a Unicode map: 2-byte glyph ids
            s = "<" + "".join(f"{0x100 + ord(c) % 200:04X}" for c in text) + ">"
        tm = f"{matrix[0]} {matrix[1]} {matrix[2]} {matrix[3]} {x} {y} Tm" if matrix else f"1 0 0 1 {x} {y} Tm"
        self.ops.append(f"BT /{font} {size} Tf {tm} {s} Tj ET")
        return self

    def line(self, x0, y0, x1, y1, gray: float = 0.0, width: float = 0.5) -> PageSpec:
        self.ops.append(f"q {gray} G {width} w {x0} {y0} m {x1} {y1} l S Q")
        return self

    def grid(self, xs, ys, skip=()) -> PageSpec:
        """Rules at every x in xs (from ys[0] to ys[-1]) and every y in ys, except the listed segments:
        ("v", x_index, row_index) or ("h", y_index, col_index)."""
        top, bottom = max(ys), min(ys)
        for i, x in enumerate(xs):
            for r in range(len(ys) - 1):
                if ("v", i, r) not in skip:
                    self.line(x, ys[r], x, ys[r + 1])
        for j, y in enumerate(ys):
            for c in range(len(xs) - 1):
                if ("h", j, c) not in skip:
                    self.line(xs[c], y, xs[c + 1], y)
        del top, bottom
        return self


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def make_pdf(pages: list[PageSpec], user_password: str | None = None) -> bytes:
    """A small but complete PDF. Fonts: F1 Helvetica, F2 Chinese (STSong-Light, UniGB-UCS2-H, no embedding),
    F3 an Identity-H font without any Unicode mapping, F4 a sans font declaring one em of descent. With user_password: RC4 40-bit encrypted (R2)."""
    objs: dict[int, bytes] = {}
    streams: dict[int, bytes] = {}
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objs[4] = b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>"
    objs[5] = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (GB1) /Supplement 2 >> /DW 1000 /FontDescriptor 6 0 R >>")
    objs[6] = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>")
    objs[7] = b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [8 0 R] >>"
    objs[8] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (Identity) /Supplement 0 >> /DW 1000 /FontDescriptor 6 0 R >>")
    kids = []
    n = 9
    fonts = "/F1 3 0 R /F2 4 0 R /F3 7 0 R"
    if any("/F4 " in op for spec in pages for op in spec.ops):
        # F4: a sans font whose descriptor declares a whole em of descent (as some embedded fonts do)
        widths = " ".join(["600"] * 95)
        objs[9] = (f"<< /Type /Font /Subtype /Type1 /BaseFont /DeepSans /Encoding /WinAnsiEncoding /FirstChar 32 "
                   f"/LastChar 126 /Widths [{widths}] /FontDescriptor 10 0 R >>").encode()
        objs[10] = (b"<< /Type /FontDescriptor /FontName /DeepSans /Flags 32 /FontBBox [0 -1000 1000 1000] "
                    b"/ItalicAngle 0 /Ascent 1000 /Descent -1000 /CapHeight 700 /StemV 80 >>")
        fonts += " /F4 9 0 R"
        n = 11
    for spec in pages:
        page_id, content_id = n, n + 1
        n += 2
        kids.append(f"{page_id} 0 R")
        rotate = f" /Rotate {spec.rotate}" if spec.rotate else ""
        objs[page_id] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {spec.width} {spec.height}]{rotate} "
                         f"/Resources << /Font << {fonts} >> >> /Contents {content_id} 0 R >>").encode()
        streams[content_id] = "\n".join(spec.ops).encode("latin-1")
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    file_id = hashlib.md5(b"budget-audit test").digest()
    trailer_extra = b""
    key = None
    if user_password is not None:
        perms = -44
        owner_key = hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5]
        o_value = _rc4(owner_key, (user_password.encode() + _PAD)[:32])
        key = hashlib.md5((user_password.encode() + _PAD)[:32] + o_value + struct.pack("<i", perms) + file_id).digest()[:5]
        u_value = _rc4(key, _PAD)
        enc_id = n
        objs[enc_id] = (f"<< /Filter /Standard /V 1 /R 2 /Length 40 /P {perms} /O <{o_value.hex()}> "
                        f"/U <{u_value.hex()}> >>").encode()
        trailer_extra = f" /Encrypt {enc_id} 0 R".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(set(objs) | set(streams)):
        offsets[num] = len(out)
        if num in streams:
            data = streams[num]
            if key is not None:
                obj_key = hashlib.md5(key + struct.pack("<i", num)[:3] + b"\x00\x00").digest()[:10]
                data = _rc4(obj_key, data)
            out += f"{num} 0 obj\n<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream\nendobj\n"
        else:
            out += f"{num} 0 obj\n".encode() + objs[num] + b"\nendobj\n"
    xref = len(out)
    size = max(offsets) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for num in range(1, size):
        out += f"{offsets[num]:010d} 00000 n \n".encode() if num in offsets else b"0000000000 65535 f \n"
    out += (f"trailer\n<< /Size {size} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]".encode() + trailer_extra
            + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)


def write_pdf(tmp_path: Path, pages: list[PageSpec], name: str = "t.pdf", **kw) -> Path:
    path = tmp_path / name
    path.write_bytes(make_pdf(pages, **kw))
    return path


def ruled_table(title: str, header: list[tuple[str, ...]], rows: list[tuple[str, ...]], *,
                widths: list[float] | None = None, above: tuple[str, ...] = ("单位：万元",), size: float = 8) -> PageSpec:
    """One A4 page with a table ruled in every cell: the title, the lines printed above the table (preparer,
    unit; each a row of cells spread over the width), the header rows and the body rows."""
    columns = max(len(line) for line in [*header, *rows])
    widths = widths or [60.0] * columns
    xs = [40.0]
    for width in widths[:columns]:
        xs.append(xs[-1] + width)
    page = PageSpec().text(xs[0] + 120, 800, title, size=14)
    for index, text in enumerate(above):
        page.text(xs[0] + index * (xs[-1] - xs[0]) * 0.6, 782, text, size=9)
    top, height = 770, 18
    lines = [*header, *rows]
    ys = [top - height * i for i in range(len(lines) + 1)]
    page.grid(xs, ys)
    for r, cells in enumerate(lines):
        for c, text in enumerate(cells):
            if text:
                page.text(xs[c] + 3, ys[r] - 13, text, size=size)
    return page
