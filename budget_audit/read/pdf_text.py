"""Glyphs to text: de-duplicating fake bold, grouping glyphs into lines, lines into text."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from budget_audit.read.layout import Box, Span
from budget_audit.read.pdf_chars import Char

_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NUMERIC = re.compile(r"^[-+−()（）]?[\d,，.．\s]*\d[\d,，.．\s]*%?[)）]?$")


@dataclass
class PrintedLine:
    """One line of a page as the reader hands it on: cell texts with where each is printed (`boxes`), the
    column each stands in (`slots`, for ruled grids and aligned blocks) and the block it belongs to."""

    top: float
    cells: list[str]
    boxes: list[Box | None]
    slots: list[Span | None] | None = None
    block: str | None = None

    @property
    def box(self) -> Box | None:
        boxes = [b for b in self.boxes if b is not None]
        if not boxes:
            return None
        out = boxes[0]
        for b in boxes[1:]:
            out = out.union(b)
        return out


def glyph_box(chars: list[Char]) -> Box | None:
    """The extent of some glyphs."""
    if not chars:
        return None
    return Box(min(c.x0 for c in chars), min(c.top for c in chars), max(c.x1 for c in chars),
               max(c.bottom for c in chars))


def drop_duplicates(chars: list[Char]) -> list[Char]:
    """Remove whitespace glyphs, glyphs drawn nowhere and glyphs drawn twice at (nearly) the same place
    ("fake bold")."""
    seen: dict[tuple[str, int, int], list[Char]] = {}
    out: list[Char] = []
    for ch in chars:
        text = ch.text
        if not text or text.isspace() or not drawn_somewhere(ch):
            continue
        size = ch.size if ch.size > 0 else 10.0
        tol = max(1.0, 0.2 * size)
        kx, ky = int(ch.x0 // 4), int(ch.top // 4)
        dup = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get((text, kx + dx, ky + dy), ()):
                    if abs(other.x0 - ch.x0) <= tol and abs(other.top - ch.top) <= tol:
                        dup = True
                        break
                if dup:
                    break
            if dup:
                break
        if dup:
            continue
        seen.setdefault((text, kx, ky), []).append(ch)
        out.append(ch)
    return out


def drawn_somewhere(ch: Char) -> bool:
    """False for a glyph whose box is infinite or NaN: each operand is in range, but matrices multiplied
    together (nested `cm`, a huge font size) can still overflow. Such a glyph has no place on the page."""
    return all(math.isfinite(value) for value in (ch.x0, ch.top, ch.x1, ch.bottom, ch.size))


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Group glyphs into printed lines (top to bottom), each sorted left to right."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c.top + c.bottom))
    lines: list[list[Char]] = []
    cur: list[Char] = []
    cur_yc = cur_top = cur_bottom = 0.0
    for ch in ordered:
        yc = (ch.top + ch.bottom) / 2
        if cur:
            h = min(cur_bottom - cur_top, ch.bottom - ch.top)
            if abs(yc - cur_yc) <= max(0.45 * h, 1.0):
                cur.append(ch)
                cur_top = min(cur_top, ch.top)
                cur_bottom = max(cur_bottom, ch.bottom)
                continue
            lines.append(cur)
        cur = [ch]
        cur_yc, cur_top, cur_bottom = yc, ch.top, ch.bottom
    if cur:
        lines.append(cur)
    for line in lines:
        line.sort(key=lambda c: c.x0)
    # fold lines that overlap in x with nothing and sit at the same height (superscripts) – rare; keep order
    lines.sort(key=lambda ln: min(c.top for c in ln))
    return lines


def line_text(line: list[Char], space_ratio: float = 0.35) -> str:
    """Join a line's glyphs, putting a space where the gap between two glyphs looks like one."""
    parts: list[str] = []
    prev: Char | None = None
    for ch in line:
        if prev is not None:
            gap = ch.x0 - prev.x1
            size = max(min(prev.size, ch.size), 1.0)
            if gap > space_ratio * size:
                parts.append(" ")
        parts.append(ch.text)
        prev = ch
    return "".join(parts)


def split_segments(line: list[Char], gap_ratio: float) -> list[list[Char]]:
    """Split a line where the gap between glyphs is wider than gap_ratio × font size."""
    segs: list[list[Char]] = []
    cur: list[Char] = []
    prev: Char | None = None
    for ch in line:
        if prev is not None:
            size = max(min(prev.size, ch.size), 1.0)
            if ch.x0 - prev.x1 > gap_ratio * size:
                segs.append(cur)
                cur = []
        cur.append(ch)
        prev = ch
    if cur:
        segs.append(cur)
    return segs


def join_wrapped(texts: list[str]) -> str:
    """Join the lines of a wrapped cell into one text (a space only between two wrapped Latin words)."""
    out = ""
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if out and _ASCII_LETTER.match(out[-1]) and _ASCII_LETTER.match(t[0]):
            out += " " + t
        else:
            out += t
    return out


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip()))
