"""Wrapping mixed Chinese and Latin text to a width in display columns.

rich (like textwrap) breaks lines only at spaces, so a Chinese sentence with one space in it breaks there,
however short the first line, and a long run without spaces is cut anywhere. Chinese may break between any
two characters, except before closing punctuation and after opening punctuation; Latin words and numbers
(1,234.50) stay whole.
"""
from __future__ import annotations

import unicodedata

from rich.cells import cell_len

_NO_LINE_START = set("，。、；：？！）》」』”’】〉,.;:?!)]}%")
_NO_LINE_END = set("（《「『“‘【〈([{")


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _pieces(text: str) -> list[str]:
    """The text cut at every place a line may end; a piece keeps the spaces that follow it."""
    pieces: list[str] = []
    current = ""
    for char in text:
        if current and _may_break(current[-1], char):
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def _may_break(before: str, after: str) -> bool:
    if after == " " or before in _NO_LINE_END or after in _NO_LINE_START:
        return False
    return before == " " or _wide(before) or _wide(after)


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` (its own line breaks kept), none wider than `width` display columns."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in _pieces(paragraph):
            if line and cell_len(line + piece.rstrip()) > width:
                lines.append(line.rstrip())
                line = ""
            while cell_len(piece.rstrip()) > width:      # a word longer than the line: cut it
                head = _fit(piece, width)
                lines.append(head)
                piece = piece[len(head):]
            line += piece
        lines.append(line.rstrip())
    return lines


def _fit(text: str, width: int) -> str:
    """The longest start of `text` that fits `width` columns (at least one character)."""
    end = 1
    while end < len(text) and cell_len(text[:end + 1]) <= width:
        end += 1
    return text[:end]
