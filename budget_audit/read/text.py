"""Reader for plain-text dumps of a disclosure: tables as tab-separated rows, one line per line.

Accepts UTF-8 with or without BOM, UTF-16 with BOM, and GBK/GB18030. Form feeds, when present,
separate pages.
"""
from __future__ import annotations

import logging
from pathlib import Path

from budget_audit.errors import UNREADABLE, DocumentError
from budget_audit.read.layout import SourceDocument, SourceLine
from budget_audit.read.normalise import clean_cell

_MAX_CONTROL_SHARE = 0.01
REPLACEMENT = "\ufffd"

log = logging.getLogger(__name__)


def decode(data: bytes, path: str, warnings: list[str] | None = None) -> str:
    """The text of a dump. Bytes its byte-order mark's encoding cannot decode become U+FFFD, and a line saying
    how many is added to `warnings` (and logged): the rest of the dump is still read."""
    if not data.strip():
        raise DocumentError(UNREADABLE, f"{path}: empty file")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(UNREADABLE, f"{path}: binary data, not a text dump (NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        text = _decode_marked(data[3:], "utf-8", path, warnings)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_marked(data, "utf-16", path, warnings)
    else:
        text = _decode_guess(data, path)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise DocumentError(UNREADABLE, f"{path}: binary data, not a text dump ({controls} control characters)")
    return text


def _decode_marked(data: bytes, encoding: str, path: str, warnings: list[str] | None) -> str:
    # the byte-order mark names the encoding, so undecodable bytes are damage, not a sign of another encoding
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="replace")
    note = (f"{path}: {text.count(REPLACEMENT) - data.decode(encoding, errors='ignore').count(REPLACEMENT)} "
            f"undecodable byte sequence(s) in {encoding.upper()} read as {REPLACEMENT}")
    log.warning(note)
    if warnings is not None:
        warnings.append(note)
    return text


def _decode_guess(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise DocumentError(UNREADABLE, f"{path}: not text in UTF-8 or GB18030 (binary data?)") from None


def read_text(path: str | Path) -> SourceDocument:
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DocumentError(UNREADABLE, f"{path}: cannot read ({exc.strerror})") from None
    warnings: list[str] = []
    text = decode(data, path, warnings)
    lines: list[SourceLine] = []
    has_pages = "\f" in text
    page = 1
    for lineno, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        for index, part in enumerate(raw.split("\f")):
            if index:
                page += 1
            if index and not part.strip():
                continue
            cells = tuple(clean_cell(cell) for cell in part.split("\t"))
            lines.append(SourceLine(cells, lineno, page if has_pages else None, printed=part.replace("\t", "")))
    return SourceDocument(path=path, lines=lines, page_count=page if has_pages else None, reader="text",
                          warnings=warnings)
