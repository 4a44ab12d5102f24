"""Hostile PDFs built from raw bytes: damaged content streams, decompression bombs, fonts whose glyph maps
claim billions of codes. Used by the tests of resource bounds and partial reads, and by `make fuzz`."""
from __future__ import annotations

import zlib

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_stream(*lines: str) -> bytes:
    ops = [f"BT /F1 12 Tf 72 {760 - 20 * i} Td ({line}) Tj ET" for i, line in enumerate(lines)]
    return "\n".join(ops).encode("latin-1")


def stream_object(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def flate(data: bytes) -> bytes:
    return stream_object(zlib.compress(data), b"/Filter /FlateDecode ")


def build_pdf(pages: list[list[bytes]], font: bytes = FONT, extra_objects: list[bytes] = (),
              resources: bytes = b"/Font << /F1 3 0 R >>") -> bytes:
    """A PDF whose page i draws the stream objects pages[i] (each already `stream_object`-wrapped), in order.
    Object 3 is the font /F1; `extra_objects` follow the pages' streams and may be referenced by `font` or by
    the pages' `resources`."""
    objects: list[bytes] = [b"", b"", font]        # 1: catalog, 2: pages, 3: font (filled below)
    page_ids = []
    for streams in pages:
        ids = []
        for stream in streams:
            objects.append(stream)
            ids.append(len(objects))
        objects.append(b"")
        page_ids.append((len(objects), ids))
    for page_id, ids in page_ids:
        contents = b"[" + b" ".join(b"%d 0 R" % i for i in ids) + b"]"
        objects[page_id - 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                                b"/Resources << " + resources + b" >> /Contents " + contents + b" >>")
    objects.extend(extra_objects)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % page_id for page_id, _ in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def damaged_second_stream() -> bytes:
    """Three pages; page 2 has a good stream and then a Flate stream whose bytes are not deflate data."""
    bad = stream_object(b"x\x9c this is not deflate data at all", b"/Filter /FlateDecode ")
    return build_pdf([[flate(text_stream("Page one"))],
                      [flate(text_stream("Page two first stream")), bad],
                      [flate(text_stream("Page three"))]])


def flate_bomb(megabytes: int) -> bytes:
    """One page whose content stream inflates to `megabytes` MB of blanks from a few kilobytes."""
    inflater = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(inflater.compress(chunk) for _ in range(megabytes)) + inflater.flush()
    return build_pdf([[stream_object(text_stream("bomb") + b"\n" + b"", b""),
                       stream_object(packed, b"/Filter /FlateDecode ")]])


def predictor_bomb() -> bytes:
    """`/Predictor 15 /Columns 2147483647`: pdfminer would allocate rows of two gigabytes."""
    packed = zlib.compress(b"\x02" + b"\x00" * 64)
    return build_pdf([[stream_object(packed, b"/Filter /FlateDecode /DecodeParms << /Predictor 15 /Columns 2147483647 >> ")]])


def _cid_font(widths: bytes, to_unicode: int | None = None) -> bytes:
    tounicode = b" /ToUnicode %d 0 R" % to_unicode if to_unicode else b""
    return (b"<< /Type /Font /Subtype /Type0 /BaseFont /Hostile /Encoding /Identity-H" + tounicode +
            b" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Hostile"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            b" /FontDescriptor << /Type /FontDescriptor /FontName /Hostile /Flags 4 /FontBBox [0 0 1000 1000]"
            b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >> /W " + widths + b" >>] >>")


def wide_widths_font() -> bytes:
    """A CID font whose `/W [0 4294967295 500]` gives every code a width: pdfminer fills a dict of 2³² entries."""
    page = [stream_object(b"BT /F1 12 Tf 72 700 Td <0041> Tj ET")]
    return build_pdf([page], font=_cid_font(b"[0 4294967295 500]"))


def wide_tounicode_font() -> bytes:
    """A ToUnicode map whose one bfrange covers 2³² codes."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hostile def "
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange "
            b"1 beginbfrange <00000000> <FFFFFFFF> <00000041> endbfrange endcmap end end")
    page = [stream_object(b"BT /F1 12 Tf 72 700 Td <0041> Tj ET")]
    # the ToUnicode stream is the object after the page's stream and the page: 3 (font) + 1 stream + 1 page
    return build_pdf([page], font=_cid_font(b"[0 [500]]", to_unicode=6), extra_objects=[stream_object(cmap)])


def many_glyphs(count: int) -> bytes:
    """One page that draws `count` glyphs."""
    return build_pdf([[flate(b"BT /F1 1 Tf 0 0 Td (" + b"x" * count + b") Tj ET")]])


def pages(count: int) -> bytes:
    return build_pdf([[flate(text_stream(f"Page {n}"))] for n in range(1, count + 1)])


# -- damaged cross-reference tables ----------------------------------------------------------------
def xref_entry_moved(pdf: bytes, objid: int, by: int) -> bytes:
    """The last cross-reference table's entry for `objid` points `by` bytes away from the object."""
    start = pdf.rindex(b"\nxref\n")
    first_line = pdf.index(b"\n", start + 6) + 1          # after "xref\n0 N\n"
    first, _ = (int(x) for x in pdf[start + 6: first_line - 1].split())
    entry = first_line + 20 * (objid - first)
    offset = int(pdf[entry: entry + 10]) + by
    return pdf[:entry] + b"%010d" % offset + pdf[entry + 10:]


def object_destroyed(pdf: bytes, objid: int) -> bytes:
    """The bytes of object `objid` overwritten (same length): neither its offset nor a scan can read it."""
    header = b"\n%d 0 obj\n" % objid
    start = pdf.index(header) + 1
    end = pdf.index(b"endobj", start) + len(b"endobj")
    return pdf[:start] + b"%" + b"#" * (end - start - 1) + pdf[end:]


def updated(pdf: bytes, objid: int, body: bytes) -> bytes:
    """An incremental update appended to `pdf` that redefines object `objid` as `body`."""
    previous = int(pdf[pdf.rindex(b"startxref") + 9:].split()[0])
    size = int(pdf[pdf.rindex(b"/Size") + 5:].split()[0])
    out = bytearray(pdf)
    offset = len(out)
    out += b"%d 0 obj\n" % objid + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n%d 1\n%010d 00000 n \n" % (objid, offset)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, previous, xref)
    return bytes(out)


# -- nesting -----------------------------------------------------------------------------------------
def nested_dictionaries(depth: int) -> bytes:
    """One page that writes a line inside marked content whose properties nest dictionaries `depth` deep."""
    properties = b"<< /A " * depth + b"1" + b" >>" * depth
    return build_pdf([[stream_object(b"BT /F1 12 Tf 72 700 Td /Span " + properties + b" BDC (Nested text) Tj EMC ET")]])


def nested_forms(depth: int) -> bytes:
    """One page that draws a form, which draws a form, … `depth` forms deep; the innermost writes a line and
    the page another after the forms."""
    forms = []
    for level in range(depth):
        inner = 6 + level + 1 if level + 1 < depth else None    # objects 4, 5: the page's stream and the page
        xobjects = b" /XObject << /X %d 0 R >>" % inner if inner else b""
        body = b"/X Do" if inner else b"BT /F1 12 Tf 72 700 Td (Innermost text) Tj ET"
        forms.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >>"
                     + xobjects + b" >> /Length %d >>\nstream\n" % len(body) + body + b"\nendstream")
    return build_pdf([[stream_object(b"/X Do BT /F1 12 Tf 72 600 Td (Page text) Tj ET")]], extra_objects=forms,
                     resources=b"/Font << /F1 3 0 R >> /XObject << /X 6 0 R >>")


def flate_cut_off() -> bytes:
    """Three pages; page 2's Flate stream has lost the last third of its compressed data (a file cut and
    patched, bytes deleted): zlib refuses it, and pdfminer's fallback inflates its beginning without a word."""
    lines = [f"Line {n} of the second page" for n in range(40)]
    packed = zlib.compress(text_stream(*lines))
    return build_pdf([[flate(text_stream("Sheet one"))],
                      [stream_object(packed[: len(packed) * 2 // 3], b"/Filter /FlateDecode ")],
                      [flate(text_stream("Sheet three"))]])


def endobj_damaged(pdf: bytes, objid: int) -> bytes:
    """Object `objid`'s closing `endobj` changed to `endo^j` (same length): pdfminer reads on into the next object."""
    end = pdf.index(b"endobj", pdf.index(b"\n%d 0 obj\n" % objid))
    return pdf[:end] + b"endo^j" + pdf[end + 6:]


def shared_font_with_damaged_glyph_map(pages_with_font: int, other_pages: int) -> bytes:
    """The first `pages_with_font` pages write with a CID font whose ToUnicode map (a Flate stream) has a wrong
    checksum, so zlib refuses it; the other pages with Helvetica (/F2)."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Damaged def "
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
            b"1 beginbfrange <0041> <005A> <0041> endbfrange endcmap end end")
    packed = zlib.compress(cmap)
    packed = packed[:-1] + bytes([packed[-1] ^ 0xFF])
    first = 4 + 2 * (pages_with_font + other_pages)          # the objects after the pages' streams and pages
    pages = [[stream_object(b"BT /F1 12 Tf 72 700 Td <004100420043> Tj ET")] for _ in range(pages_with_font)]
    pages += [[stream_object(b"BT /F2 12 Tf 72 700 Td (Other page) Tj ET")] for _ in range(other_pages)]
    return build_pdf(pages, font=_cid_font(b"[65 [500 500 500]]", to_unicode=first),
                     extra_objects=[stream_object(packed, b"/Filter /FlateDecode "), FONT],
                     resources=b"/Font << /F1 3 0 R /F2 %d 0 R >>" % (first + 1))
