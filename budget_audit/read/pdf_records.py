"""Records from printed lines: which text lines of a table body make one row.

Used where no rule separates the rows (tables without rules, three-line tables, a body drawn as one band
between column lines). Each line has already been split into columns; what is left to decide is which
consecutive lines print one record. The decision rests on geometry only:
- lines that overlap vertically are one record (amounts centred beside a name wrapped over two lines);
- a line with text in a column the record already fills continues it only where the text wrapped: the
  record's text there runs up to the column's right edge, and the line does not open with a numbering
  (一、 1. (1) 201…) or a code; two numbers in one column are one amount only when the first was cut short
  ("370,219.2" over "5");
- a rule between two lines always separates them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from budget_audit.read.layout import Span
from budget_audit.read.pdf_chars import Char
from budget_audit.read.pdf_text import PrintedLine, glyph_box, is_numeric, join_wrapped, line_text

# lines with no column in common closer than this many font sizes are printed side by side (text centred
# beside a wrapped one), not stacked
TOUCH = 0.2
# a wrapped continuation follows within this many font sizes of the line above
WRAP_GAP = 0.75
# a text ending within this many font sizes of its column's right edge filled the column (it wrapped)
FILL_SLACK = 1.6

_OPENS_ROW = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)"
                        r"|\d{3,}(?![\d年])|[①-⑳])")


_YEAR = re.compile(r"^(19|20)\d\d$")


def is_year(text: str) -> bool:
    return bool(_YEAR.match(text.strip()))


def wrapped_year(upper: str, lower: str) -> bool:
    """Whether a year standing alone goes on below with 年 (a header label 2024年… wrapped after its digits)."""
    return is_year(upper) and lower.strip().startswith("年")


@dataclass
class CellLine:
    """One printed line of a table: its glyphs by column."""

    top: float
    bottom: float
    size: float
    cells: dict[int, list[Char]] = field(default_factory=dict)
    spans: dict[int, int] = field(default_factory=dict)   # a cell's column → the last column it spans

    def text(self, column: int) -> str:
        return line_text(self.cells[column])


def records(lines: list[CellLine], column_right: dict[int, float], breaks: list[float] = (),
            touch: float = TOUCH) -> list[list[CellLine]]:
    """Group consecutive lines (top to bottom) into records. `column_right[c]` is the right edge text of
    column c reaches when it wraps (the column's widest text); `breaks` are the heights of rules; lines with no
    column in common closer than `touch` font sizes are one record."""
    out: list[list[CellLine]] = []
    for line in lines:
        if out and _continues(out[-1], line, column_right, breaks, touch):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _continues(record: list[CellLine], line: CellLine, column_right: dict[int, float], breaks, touch: float) -> bool:
    bottom = max(part.bottom for part in record)
    size = max(min(line.size, record[-1].size), 1.0)
    if any(bottom - 1.0 <= y <= line.top + 1.0 for y in breaks):
        return False
    taken = {c for part in record for c in part.cells}
    shared = taken & set(line.cells)
    if not shared:
        return line.top - bottom < touch * size
    for column in shared:
        above = next(part for part in reversed(record) if column in part.cells)
        if not wraps(above, line, column, column_right.get(column)):
            return False
    return True


def wraps(above: CellLine, line: CellLine, column: int, right: float | None) -> bool:
    """Whether the text of `line` in `column` continues the text of `above` there (wrapped in its cell)."""
    size = max(min(line.size, above.size), 1.0)
    if min(ch.top for ch in line.cells[column]) - max(ch.bottom for ch in above.cells[column]) > WRAP_GAP * size:
        return False
    if above.spans.get(column, column) != line.spans.get(column, column):
        return False
    upper, lower = above.text(column), line.text(column)
    if wrapped_year(upper, lower):
        return True
    if is_numeric(upper) or is_numeric(lower):
        return is_numeric(upper) and is_numeric(lower) and wrapped_number([upper, lower])
    return not opens_row(lower) and _filled(above.cells[column], right, size)


def join_wrapped_cells(lines: list[CellLine], column_right: dict[int, float]) -> list[CellLine]:
    """Header lines with each label wrapped over lines put together in the line it starts on (labels of one
    header row need not wrap alike: a label centred over two rows, another wrapped in one)."""
    for k, line in enumerate(lines):
        for column in list(line.cells):
            above = next((up for up in reversed(lines[:k]) if column in up.cells), None)
            if above is not None and wraps(above, line, column, column_right.get(column)):
                above.cells[column] = above.cells[column] + line.cells.pop(column)
                line.spans.pop(column, None)
    return [line for line in lines if line.cells]


def opens_row(text: str) -> bool:
    """Whether a text starts the way a row's label does: a numbering (一、 1. (1) ①) or a code (201…)."""
    return bool(_OPENS_ROW.match(text.strip()))


def _filled(chars: list[Char], right: float | None, size: float) -> bool:
    return right is not None and max(ch.x1 for ch in chars) >= right - FILL_SLACK * size


def wrapped_number(texts: list[str]) -> bool:
    """Two lines of one amount wrapped in a narrow cell ("1,264,602" over ".38", "370,219.2" over "5"), not two
    records: the second line cannot stand alone, or the first stops one decimal short."""
    if len(texts) != 2:
        return False
    first, second = (t.strip() for t in texts)
    return second.startswith((".", ",")) or first.endswith((",", ".")) or (
        bool(re.search(r"\.\d$", first)) and second.isdigit() and len(second) == 1) or (
        bool(re.search(r",\d{1,2}$", first)) and second.isdigit())   # 189,767,55 over 1: a group cut short


def record_line(record: list[CellLine], ncols: int, slots: list[Span | None], block: str | None) -> PrintedLine:
    """A record as one printed line: each column's texts joined top to bottom."""
    pieces: list[list[list[Char]]] = [[] for _ in range(ncols)]
    for part in sorted(record, key=lambda p: p.top):
        for column, chars in part.cells.items():
            pieces[column].append(chars)
    cells = [join_wrapped([line_text(p) for p in parts]) for parts in pieces]
    boxes = [glyph_box([ch for p in parts for ch in p]) for parts in pieces]
    return PrintedLine(min(p.top for p in record), cells, boxes, list(slots), block)
