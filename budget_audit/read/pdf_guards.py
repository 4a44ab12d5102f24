"""pdfminer.six with bounds: what it decodes and what it expands stays within `budget_audit.limits`.

pdfminer inflates a stream whole, applies a PNG predictor to whatever `/Columns` says and fills a dict entry
for every code of a font's ranges, however many. `bounded_pdfminer` swaps those steps, while one document
is read, for versions that stop at the bound with `TooLarge`; everything else stays pdfminer's own code.
"""
from __future__ import annotations

import zlib
from contextlib import contextmanager

from budget_audit.limits import Limits, TooLarge

_STREAM_SETTING = "BUDGET_AUDIT_MAX_STREAM_MB"
_GLYPH_SETTING = "BUDGET_AUDIT_MAX_GLYPH_MAP"


def _stream_too_large(limits: Limits) -> TooLarge:
    return TooLarge(f"a PDF stream decodes to more than {limits.stream_bytes >> 20} MB", _STREAM_SETTING)


def _glyph_map_too_large(limits: Limits) -> TooLarge:
    return TooLarge(f"a font's glyph map has more than {limits.glyph_map} entries", _GLYPH_SETTING)


class _BoundedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes: `decompress` stops at the stream bound."""

    error = zlib.error

    def __init__(self, limits: Limits):
        self._limit = limits.stream_bytes
        self._limits = limits

    def decompress(self, data: bytes, *args) -> bytes:
        if not self._limit:
            return zlib.decompress(data, *args)
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, self._limit + 1)
        if len(out) > self._limit:
            raise _stream_too_large(self._limits)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")   # as zlib.decompress says it
        return out

    def decompressobj(self, *args, **kwargs):
        return zlib.decompressobj(*args, **kwargs)


class _Inflation:
    """Whether the last stream decoded needed pdfminer's fallback for data zlib refuses."""

    refused = False


def _bounded_corrupted(limits: Limits, inflation: _Inflation):
    """pdfminer's fallback for a stream zlib refuses: keep what inflates, up to the bound, and record it. What
    comes out may be the stream with a wrong checksum, its beginning (data cut off), or garbage from a changed
    byte on: none of the 187 corpus PDFs has such a stream, so it is damage."""

    def decompress_corrupted(data: bytes) -> bytes:
        # raw deflate after the 2-byte header never looks at the trailing checksum
        inflater = zlib.decompressobj(-15)
        out = inflater.decompress(data[2:], limits.stream_bytes + 1 if limits.stream_bytes else 0)
        if limits.stream_bytes and len(out) > limits.stream_bytes:
            raise _stream_too_large(limits)
        inflation.refused = True
        return out

    return decompress_corrupted


def _bounded_decode(original, limits: Limits, inflation: _Inflation, damage: "Damage"):
    """PDFStream.decode within the stream bound; a stream whose compressed data zlib refused is noted as
    damage of the page being read, unless it only gives glyphs their shapes (_shapes_only)."""

    def decode(stream) -> None:
        if limits.stream_bytes:
            for _filter, params in stream.get_filters():
                if isinstance(params, dict) and _predictor_row_bytes(params) > limits.stream_bytes:
                    raise _stream_too_large(limits)
        inflation.refused = False
        original(stream)
        if inflation.refused and not _shapes_only(stream):
            damage.notes.append(f"stream {stream.objid} is damaged (its compressed data does not inflate whole; "
                                f"what did was read)")
        if limits.stream_bytes and stream.data is not None and len(stream.data) > limits.stream_bytes:
            stream.data = None
            raise _stream_too_large(limits)
    return decode


_SHAPE_SUBTYPES = {"Image", "Type1C", "CIDFontType0C", "OpenType"}


def _shapes_only(stream) -> bool:
    """An image or a font program: damage to it changes how glyphs look, not the text read, for the text comes
    from the font's encoding and ToUnicode map (a font without one, whose program's own map pdfminer reads, is
    the exception this lets through)."""
    subtype = stream.get("Subtype")
    name = subtype.name if hasattr(subtype, "name") else subtype
    return name in _SHAPE_SUBTYPES or any(key in stream for key in ("Length1", "Length2", "Length3"))


def _predictor_row_bytes(params: dict) -> int:
    from pdfminer.pdftypes import resolve1

    def number(key: str, default: int) -> int:
        value = resolve1(params.get(key, default))
        return value if isinstance(value, int) and value > 0 else default

    if number("Predictor", 1) == 1:
        return 0
    return number("Columns", 1) * number("Colors", 1) * number("BitsPerComponent", 8) // 8


def _bounded_widths(original, limits: Limits):
    """`/W [first last width]` fills every code from first to last: refuse a range beyond the bound."""

    def get_widths(seq):
        from pdfminer.pdftypes import resolve1

        if limits.glyph_map:
            items = [resolve1(v) for v in seq]
            if _width_entries(items) > limits.glyph_map:
                raise _glyph_map_too_large(limits)
            seq = items
        return original(seq)

    return get_widths


def _width_entries(items: list) -> int:
    """How many codes a /W array gives widths: `first [w1 w2 …]` one per width, `first last w` last − first + 1
    (read in its groups: a width is not the start of the next range)."""
    entries, index = 0, 0
    while index < len(items):
        if index + 1 < len(items) and isinstance(items[index + 1], list):
            entries += len(items[index + 1])
            index += 2
        elif index + 2 < len(items) and all(isinstance(item, (int, float)) for item in items[index: index + 2]):
            entries += max(0, int(items[index + 1]) - int(items[index]) + 1)
            index += 3
        else:
            index += 1
    return entries


def _counted(original, limits: Limits):
    """A glyph-map insertion that counts the map's entries: a ToUnicode `bfrange` over 2³² codes stops early."""

    def add(self, *args) -> None:
        count = self.__dict__.get("_budget_audit_entries", 0) + 1
        self.__dict__["_budget_audit_entries"] = count
        if count > limits.glyph_map:
            raise _glyph_map_too_large(limits)
        original(self, *args)

    return add


class Damage:
    """What the page interpreter met that a sound file does not hold, noted as it happens (read_pdf_pages
    takes each page's share): a stream zlib refused, or a resource that should be a dictionary or a stream
    and is something else, which pdfminer replaces with an empty one without a word (an XObject whose bytes
    were cut, a font dictionary that reads as a number); and, for each page that draws with it, the damage
    met while a font was made."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self._font_notes: dict[int, tuple] = {}     # id(font) → (font, the damage met while it was made)

    def font_made(self, font, since: int) -> None:
        """The notes since `since` were met while `font` was made: they wait for the pages that draw with it."""
        if len(self.notes) > since:
            self._font_notes[id(font)] = (font, self.notes[since:])
            del self.notes[since:]

    def font_drawn(self, font) -> None:
        """A page draws with `font`: the damage met while it was made (a cut glyph map) is this page's too."""
        entry = self._font_notes.get(id(font))
        if entry is not None:
            self.notes.extend(entry[1])


def _font_damage(original, damage: Damage):
    """PDFResourceManager.get_font: a font is made once, when the first page that lists it loads its resources,
    and then reused from a cache. The damage met while making it belongs to the pages that draw with it
    (Damage.font_drawn), not to the page that happened to list it first."""

    def get_font(self, objid, spec):
        made_before = len(damage.notes)
        font = original(self, objid, spec)
        damage.font_made(font, made_before)
        return font
    return get_font


def _typed(original, kind: str, damage: Damage):
    from pdfminer.pdftypes import resolve1

    def value(obj):
        resolved = resolve1(obj)
        coerced = original(resolved)
        if resolved is not None and coerced is not resolved:
            damage.notes.append(f"an object that should be a {kind} is a {type(resolved).__name__}")
        return coerced
    return value


@contextmanager
def bounded_pdfminer(limits: Limits):
    """pdfminer within the bounds; yields the Damage it meets."""
    import pdfminer.cmapdb as cmapdb
    import pdfminer.pdffont as pdffont
    import pdfminer.pdfinterp as pdfinterp
    import pdfminer.pdftypes as pdftypes

    inflation, damage = _Inflation(), Damage()
    swaps = [(pdftypes, "zlib", _BoundedZlib(limits)),
             (pdftypes, "decompress_corrupted", _bounded_corrupted(limits, inflation)),
             (pdftypes.PDFStream, "decode", _bounded_decode(pdftypes.PDFStream.decode, limits, inflation, damage))]
    swaps += [(pdfinterp, "dict_value", _typed(pdftypes.dict_value, "dictionary", damage)),
              (pdfinterp, "stream_value", _typed(pdftypes.stream_value, "stream", damage)),
              (pdfinterp.PDFResourceManager, "get_font", _font_damage(pdfinterp.PDFResourceManager.get_font, damage))]
    if limits.glyph_map:
        swaps += [(pdffont, "get_widths", _bounded_widths(pdffont.get_widths, limits)),
                  (pdffont, "get_widths2", _bounded_widths(pdffont.get_widths2, limits)),
                  (cmapdb.FileUnicodeMap, "add_cid2unichr", _counted(cmapdb.FileUnicodeMap.add_cid2unichr, limits)),
                  (cmapdb.FileCMap, "add_code2cid", _counted(cmapdb.FileCMap.add_code2cid, limits))]
    saved = [(owner, name, owner.__dict__[name]) for owner, name, _ in swaps]
    for owner, name, replacement in swaps:
        setattr(owner, name, replacement)
    try:
        yield damage
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
