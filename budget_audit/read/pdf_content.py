"""Content streams read with one regular expression instead of pdfminer's character-level parser.

pdfminer.six tokenises a page's content stream through a chain of per-state methods; on a budget PDF that
is most of the reading time (130 000 tokens on a 25-page file). `content_objects` turns the decoded
stream into the same operands pdfminer's parser yields (int, float, bytes, PSLiteral, list, dict, bool and
PSKeyword operators, inline images as PDFStream + EI), and `ContentInterpreter` executes them with
pdfminer's own operator methods, so the graphics state, fonts and devices are pdfminer's.
"""
from __future__ import annotations

import logging
import math
import re
import zlib
from typing import Iterator

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, resolve1, stream_value
from pdfminer.psparser import KWD, LIT, PSKeyword, PSLiteral

from budget_audit.errors import DocumentError
from budget_audit.limits import TooLarge
from budget_audit.read.pdf_clip import ClipTracking

__all__ = ["ContentInterpreter", "content_objects"]

log = logging.getLogger(__name__)

_WHITE = rb"\x00\t\n\x0c\r "
_DELIMITERS = rb"()<>\[\]{}/%"
_TOKEN = re.compile(
    rb"[" + _WHITE + rb"]*(?:"
    rb"(?P<regular>[^" + _WHITE + _DELIMITERS + rb"]+)"
    rb"|(?P<name>/[^" + _WHITE + _DELIMITERS + rb"]*)"
    rb"|\((?P<plain>[^()\\]*)\)"
    rb"|(?P<string>\()"
    rb"|(?P<open><<|\[|\{)"
    rb"|(?P<close>>>|\]|\})"
    rb"|<(?P<hex>[0-9A-Fa-f" + _WHITE + rb"]*)>"
    rb"|(?P<comment>%[^\r\n]*)"
    rb"|(?P<stray>.)"
    rb")",
    re.S,
)
_STRING_SPECIAL = re.compile(rb"[()\\]")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
_NUMBER_START = frozenset(b"+-.0123456789")
_BI, _ID = KWD(b"BI"), KWD(b"ID")
# The largest real a PDF may hold (ISO 32000-1, annex C). A bigger operand (1e999, a 5,000-digit integer) is
# dropped like a malformed one, as pdf.js and PDFium do: the operator it belongs to then lacks an operand and
# is skipped, so one bad glyph or rule is lost instead of the page turning into infinities and NaNs.
LARGEST_NUMBER = 3.403e38
OUT_OF_RANGE = object()
_INLINE_END = {b"EI": re.compile(rb"[" + _WHITE + rb"]EI(?=[" + _WHITE + rb"]|$)"), b"~>": re.compile(rb"~>")}


def _regular(token: bytes):
    """A number, a boolean or an operator; None for a malformed number (pdfminer drops those too) and
    OUT_OF_RANGE for one no PDF can mean (see LARGEST_NUMBER)."""
    if token[0] in _NUMBER_START:
        try:
            number = int(token)
        except ValueError:   # also an integer of more than 4,300 digits, which float() reads as infinity
            try:
                number = float(token)
            except ValueError:
                return None
        if not math.isfinite(number) or abs(number) > LARGEST_NUMBER:
            return OUT_OF_RANGE
        return number
    if token == b"true":
        return True
    if token == b"false":
        return False
    return KWD(token)


def _name(token: bytes) -> PSLiteral:
    if b"#" in token:
        token = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes((int(m.group(1), 16),)), token)
    try:
        return LIT(token.decode("utf-8"))
    except UnicodeDecodeError:
        return LIT(token)


def _literal_string(data: bytes, pos: int) -> tuple[bytes, int]:
    """The string opened just before `pos` (nested parentheses, escapes) and the position after it."""
    out = bytearray()
    depth = 1
    while True:
        m = _STRING_SPECIAL.search(data, pos)
        if m is None:
            out += data[pos:]
            return bytes(out), len(data)
        at = m.start()
        out += data[pos:at]
        char = data[at]
        if char == 0x5C:   # backslash
            pos = _escape(data, at + 1, out)
            continue
        depth += 1 if char == 0x28 else -1
        if depth == 0:
            return bytes(out), at + 1
        out.append(char)
        pos = at + 1


def _escape(data: bytes, pos: int, out: bytearray) -> int:
    octal = _OCTAL.match(data, pos)
    if octal:
        out.append(int(octal.group(), 8) & 0xFF)
        return octal.end()
    if pos >= len(data):
        return pos
    char = data[pos]
    if char in _ESCAPES:
        out += _ESCAPES[char]
    elif char == 0x0D:   # a backslash before an end of line continues the string on the next line
        return pos + 2 if data[pos + 1:pos + 2] == b"\n" else pos + 1
    elif char != 0x0A:
        out.append(char)
    return pos + 1


def _hex_string(digits: bytes) -> bytes:
    digits = re.sub(rb"[" + _WHITE + rb"]", b"", digits)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _close(kind: bytes, items: list):
    if kind == b"<<":
        return {_key(k): v for k, v in zip(items[::2], items[1::2]) if v is not None}
    return items


def _key(key) -> str:
    return key.name if isinstance(key, PSLiteral) else str(key)


def _inline_image(data: bytes, pos: int, operands: list) -> tuple[PDFStream, int]:
    """BI <key value …> ID <data> EI: the image, and the position of the EI that the caller reads next."""
    attrs = {_key(k): resolve1(v) for k, v in zip(operands[::2], operands[1::2])}
    pos += 1   # the single white-space character after ID
    filters = attrs.get("F", attrs.get("Filter"))
    if isinstance(filters, PSLiteral):
        filters = [filters]
    ascii85 = bool(filters) and _key(filters[0]) in ("A85", "ASCII85Decode")
    end = _INLINE_END[b"~>" if ascii85 else b"EI"].search(data, pos)
    if end is None:
        return PDFStream(attrs, data[pos:]), len(data)
    if ascii85:
        return PDFStream(attrs, data[pos:end.end()]), end.end()
    return PDFStream(attrs, data[pos:end.start()]), end.start() + 1


def content_objects(data: bytes, max_depth: int = 0) -> Iterator[object]:
    """Operands and operators of a decoded content stream, in order. Arrays and dictionaries nested more than
    `max_depth` deep (0: no bound) raise TooLarge: no drawing needs that, and Python's own nesting limits
    would fail on them deep inside pdfminer (a nested list's repr in a log message)."""
    match = _TOKEN.match
    open_containers: list[tuple[bytes, list]] = []
    inline: list | None = None
    pos, size = 0, len(data)
    out_of_range = 0
    while pos < size:
        m = match(data, pos)
        pos = m.end()
        kind = m.lastgroup
        if kind == "regular":
            obj = _regular(m.group("regular"))
            if obj is OUT_OF_RANGE:
                out_of_range += 1
                continue
            if obj is None:
                continue
        elif kind == "plain":
            obj = m.group("plain")
        elif kind == "name":
            obj = _name(m.group("name")[1:])
        elif kind == "string":
            obj, pos = _literal_string(data, pos)
        elif kind == "hex":
            obj = _hex_string(m.group("hex"))
        elif kind == "open":
            if max_depth and len(open_containers) >= max_depth:
                raise TooLarge(f"arrays or dictionaries nested more than {max_depth} deep in a content stream",
                               "BUDGET_AUDIT_MAX_DEPTH")
            open_containers.append((m.group("open"), []))
            continue
        elif kind == "close":
            if not open_containers:
                continue
            opened, items = open_containers.pop()
            obj = _close(opened, items)
        else:   # comments, stray delimiters and trailing white space
            continue
        if open_containers:
            open_containers[-1][1].append(obj)
        elif inline is not None:
            if obj is _ID:
                image, pos = _inline_image(data, pos, inline)
                inline = None
                yield image
            else:
                inline.append(obj)
        elif obj is _BI:
            inline = []
        else:
            yield obj
    if out_of_range:
        log.warning("content stream: %d number(s) out of range (infinite, NaN or beyond ±%g) ignored",
                    out_of_range, LARGEST_NUMBER)


class ContentInterpreter(ClipTracking, PDFPageInterpreter):
    """pdfminer's page interpreter, fed by `content_objects`; operators dispatch through a cached table; the
    clipping rectangle is tracked for the device (`pdf_clip`)."""

    _operators: dict[PSKeyword, tuple | None] = {}

    def execute(self, streams) -> None:
        max_depth = getattr(self.device, "max_depth", 0)
        if max_depth and len(self.parent_stream_ids) >= max_depth:
            raise TooLarge(f"forms (XObjects) drawn within each other more than {max_depth} deep",
                           "BUDGET_AUDIT_MAX_DEPTH")
        data = b"\n".join(self._decoded(stream) for stream in self._streams_to_run(streams))
        operators = self._operators
        for obj in content_objects(data, max_depth):
            if obj.__class__ is not PSKeyword:
                self.argstack.append(obj)
                continue
            operator = operators.get(obj, False)
            if operator is False:
                operator = operators[obj] = self._lookup(obj)
            if operator is None:
                continue
            method, arity = operator
            if not arity:
                method(self)
                continue
            stack = self.argstack
            if len(stack) >= arity:
                operands = stack[-arity:]
                del stack[-arity:]
                method(self, *operands)
            else:
                stack.clear()

    def do_Tf(self, fontid, fontsize) -> None:
        super().do_Tf(fontid, fontsize)
        damage = getattr(self.device, "damage", None)
        if damage is not None:
            damage.font_drawn(self.textstate.font)

    def _decoded(self, stream: PDFStream) -> bytes:
        """One content stream's bytes, each decoded on its own: a stream that cannot be decoded loses only
        itself. It is noted on the device (shared with the interpreters of form XObjects), so that the page is
        reported as partly read."""
        # pdfminer turns undecodable Flate data into b"" without a word: an empty result from a filtered,
        # non-empty stream is damage too, unless the packed bytes really hold nothing (an empty page's stream)
        packed = stream.rawdata or b"" if stream.data is None and stream.get_filters() else b""
        try:
            data = stream.get_data()
            if packed and not data and not _packs_nothing(packed, stream):
                raise ValueError("undecodable data")
            return data
        except DocumentError:
            raise        # a resource bound: the document fails, not the stream
        except Exception as exc:  # noqa: BLE001 - any decoder failure is damage to this one stream
            damaged = getattr(self.device, "damaged_streams", None)
            if damaged is not None:
                damaged.append(f"content stream {stream.objid or '(inline)'} could not be decoded "
                               f"({type(exc).__name__})")
            return b""

    def _lookup(self, keyword: PSKeyword):
        name = keyword.name.decode("latin-1") if isinstance(keyword.name, bytes) else keyword.name
        attribute = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
        method = getattr(type(self), attribute, None)
        if method is None:
            return None
        return method, method.__code__.co_argcount - 1

    def _streams_to_run(self, streams) -> list[PDFStream]:
        """The page's streams minus any already running higher up (a form that draws itself)."""
        running = getattr(self, "parent_stream_ids", set())
        own = getattr(self, "stream_ids", None)
        if own is not None:
            own.clear()
        chosen = []
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is not None and stream.objid in running:
                continue
            chosen.append(stream)
            if own is not None and stream.objid is not None:
                own.add(stream.objid)
        return chosen


def _packs_nothing(packed: bytes, stream: PDFStream) -> bool:
    """Whether a Flate stream decodes, as zlib reads it, to nothing: an empty content stream, not damage."""
    names = [getattr(f, "name", f) for f, _params in stream.get_filters()]
    if any((name.decode() if isinstance(name, bytes) else str(name)) not in ("FlateDecode", "Fl") for name in names):
        return False
    try:
        return zlib.decompressobj().decompress(packed) == b""
    except zlib.error:
        return False
