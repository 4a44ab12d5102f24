"""Ruled tables: from ruling segments to grids, merged cells and rows of cell texts."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from budget_audit.read.layout import Span
from budget_audit.read.pdf_chars import Char
from budget_audit.read.pdf_records import CellLine, is_year, opens_row, record_line, records, wrapped_number
from budget_audit.read.pdf_text import (PrintedLine, glyph_box, group_lines, is_numeric, join_wrapped, line_text,
                                        split_segments)

SNAP = 3.0  # points: segments closer than this are the same rule
MIN_SEG = 2.0  # shorter segments are dots, not rules
BANNER_GAP = 2.5  # font sizes: a wider gap splits a boxed title line into cells


def cluster(values: list[float], tol: float = SNAP) -> list[float]:
    """Group sorted-able values that lie within tol of their neighbour; return each group's mean."""
    if not values:
        return []
    values = sorted(values)
    groups: list[list[float]] = [[values[0]]]
    for v in values[1:]:
        if v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def merge_segments(segs: list[tuple[float, float, float]], gap: float = 2.0) -> list[tuple[float, float, float]]:
    """Merge collinear segments (pos, a0, a1) that overlap or nearly touch."""
    out: list[tuple[float, float, float]] = []
    if not segs:
        return out
    segs = sorted(segs)
    # group by position
    groups: list[list[tuple[float, float, float]]] = [[segs[0]]]
    for s in segs[1:]:
        if s[0] - groups[-1][-1][0] <= 1.0:
            groups[-1].append(s)
        else:
            groups.append([s])
    for g in groups:
        pos = sum(s[0] for s in g) / len(g)
        g.sort(key=lambda s: s[1])
        a0, a1 = g[0][1], g[0][2]
        for s in g[1:]:
            if s[1] <= a1 + gap:
                a1 = max(a1, s[2])
            else:
                if a1 - a0 >= MIN_SEG:
                    out.append((pos, a0, a1))
                a0, a1 = s[1], s[2]
        if a1 - a0 >= MIN_SEG:
            out.append((pos, a0, a1))
    return out


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, a: int) -> int:
        p = self.p
        while p[a] != a:
            p[a] = p[p[a]]
            a = p[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.p[rb] = ra
            else:
                self.p[ra] = rb


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    hsegs: list[tuple[float, float, float]]
    vsegs: list[tuple[float, float, float]]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def contains(self, x: float, y: float, tol: float = 1.0) -> bool:
        return self.xs[0] - tol <= x <= self.xs[-1] + tol and self.ys[0] - tol <= y <= self.ys[-1] + tol


def find_grids(hsegs, vsegs) -> list[Grid]:
    """Connected groups of crossing horizontal and vertical rules, each as a grid of row/column lines."""
    hs = merge_segments(hsegs)
    vs = merge_segments(vsegs)
    if not hs or not vs:
        return []
    nh = len(hs)
    uf = _UF(nh + len(vs))
    tol = SNAP
    vs_sorted = sorted(range(len(vs)), key=lambda i: vs[i][0])
    vx = [vs[i][0] for i in vs_sorted]
    for i, (y, x0, x1) in enumerate(hs):
        lo = bisect_right(vx, x0 - tol - 1e-9)
        hi = bisect_right(vx, x1 + tol)
        for k in range(lo, hi):
            j = vs_sorted[k]
            (x, y0, y1) = vs[j]
            if y0 - tol <= y <= y1 + tol:
                uf.union(i, nh + j)
    comps: dict[int, tuple[list, list]] = {}
    for i in range(nh):
        comps.setdefault(uf.find(i), ([], []))[0].append(hs[i])
    for j in range(len(vs)):
        comps.setdefault(uf.find(nh + j), ([], []))[1].append(vs[j])
    grids: list[Grid] = []
    for ch, cv in comps.values():
        if not ch or not cv:
            continue
        xs = cluster([v[0] for v in cv] + [min(h[1] for h in ch), max(h[2] for h in ch)])
        ys = cluster([h[0] for h in ch] + [min(v[1] for v in cv), max(v[2] for v in cv)])
        if len(xs) < 2 or len(ys) < 2:
            continue
        if xs[-1] - xs[0] < 10 or ys[-1] - ys[0] < 5:
            continue
        grids.append(Grid(xs, ys, ch, cv))
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


def _coverage(segs: list[tuple[float, float, float]], pos: float, a0: float, a1: float) -> float:
    """Fraction of [a0, a1] covered by segments lying at pos (within SNAP)."""
    span = a1 - a0
    if span <= 0:
        return 1.0
    ivs = sorted((max(s[1], a0), min(s[2], a1)) for s in segs if abs(s[0] - pos) <= SNAP and s[2] > a0 and s[1] < a1)
    covered = 0.0
    cur0 = cur1 = None
    for b0, b1 in ivs:
        if cur1 is None or b0 > cur1:
            if cur1 is not None:
                covered += cur1 - cur0
            cur0, cur1 = b0, b1
        else:
            cur1 = max(cur1, b1)
    if cur1 is not None:
        covered += cur1 - cur0
    return covered / span


# A column boundary drawn in at least this share of the rows is a real column line.
COLUMN_LINE_SHARE = 0.5
# Glyphs closer than this many font sizes belong to one text, which spans an undrawn boundary.
GLUE_GAP = 0.6
# A glyph smaller than this share of its cell's text size was shrunk to fit over the cell, not printed in it.
SHRUNK_GLYPH = 0.6
# A boxed "编制单位：XX … 单位：万元" banner row may be split by a few column lines in tables this wide.
UNIT_BANNER_MIN_COLUMNS = 6


@dataclass
class _Drawn:
    """Which boundaries of a grid are drawn: `v[r][k]` the column boundary k in row r, `h[k][c]` the row
    boundary k in column c, and `column_lines[k]` whether boundary k is a real column line."""

    v: list[list[bool]]
    h: list[list[bool]]
    column_lines: list[bool]


@dataclass
class _MergedCell:
    row: int              # top-left slot
    column: int
    last_column: int
    chars: list[Char]


def grid_rows(grid: Grid, chars: list[Char], block: str | None = None) -> list[PrintedLine]:
    """Rows of a ruled table, top to bottom. Merged cells put their text in their top-left slot; every cell
    carries the box of its text and the x-extent of the (merged) grid cell it stands in."""
    drawn = _drawn_boundaries(grid)
    _extend_column_lines(grid, drawn, chars)
    banner = _banner_rows(grid, drawn, chars)
    slot_chars, banner_chars = _slot_glyphs(grid, chars, banner)
    spanned = _straddles(grid, drawn, slot_chars)
    rows = [PrintedLine(min(c.top for c in line), [line_text(sg) for sg in segs], [glyph_box(sg) for sg in segs])
            for line in group_lines(banner_chars) for segs in [split_segments(line, BANNER_GAP)]]
    by_row: dict[int, list[_MergedCell]] = {}
    for cell in _merged_cells(grid, drawn, spanned, slot_chars):
        by_row.setdefault(cell.row, []).append(cell)
    texts = {id(cell): _unwrapped(group_lines(cell.chars)) for cells in by_row.values() for cell in cells}
    ruled_body = sum(any(_prints_amount(texts[id(cell)]) for cell in cells) for cells in by_row.values()) >= 2
    for r0 in sorted(by_row):
        rows.extend(_records(grid, r0, by_row[r0], block, texts, ruled_body))
    rows.sort(key=lambda line: line.top)
    return rows


def _drawn_boundaries(grid: Grid) -> _Drawn:
    xs, ys = grid.xs, grid.ys
    nr, nc = len(ys) - 1, len(xs) - 1
    v = [[True] * (nc + 1) for _ in range(nr)]
    for r in range(nr):
        for k in range(1, nc):
            v[r][k] = _coverage(grid.vsegs, xs[k], ys[r], ys[r + 1]) >= 0.5
    h = [[True] * nc for _ in range(nr + 1)]
    for k in range(1, nr):
        for c in range(nc):
            h[k][c] = _coverage(grid.hsegs, ys[k], xs[c], xs[c + 1]) >= 0.5
    # a column boundary drawn in most rows is a real column line: where it is missing, the cell spans it.
    # One drawn only in a few rows (e.g. only in the header) does not merge the cells of the other rows;
    # their glyphs go to the column they stand in. A missing row boundary always means a spanning cell
    # (records stacked in one drawn cell without rules are split again below).
    column_lines = [True] * (nc + 1)
    for k in range(1, nc):
        column_lines[k] = sum(v[r][k] for r in range(nr)) >= COLUMN_LINE_SHARE * nr
    return _Drawn(v, h, column_lines)


def _extend_column_lines(grid: Grid, drawn: _Drawn, chars: list[Char]) -> None:
    """A band with no column line drawn through it, under a header whose column lines are drawn, is the body of
    a table ruled only in its header (and framed) when one of its lines prints a figure, or when none of its
    texts runs over a column line and it holds several lines (names over blank amounts) or a line of a total
    (合计 over blank amounts): the header's column lines part it."""
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    inner = [k for k in range(1, nc) if drawn.column_lines[k]]
    if not inner:
        return
    by_row: dict[int, list[Char]] = {}
    for ch in chars:
        by_row.setdefault(_slot_of(grid, ch)[0], []).append(ch)
    header = next((r for r in range(nr) if any(drawn.v[r][k] for k in inner)), nr)
    for r in range(header + 1, nr):
        lines = group_lines(by_row.get(r, []))
        if not lines or any(drawn.v[r][k] for k in range(1, nc)):
            continue
        # the lines of the row above too: the lowest header row parts columns a label above it spans
        above = max(row for row in range(r) if any(drawn.v[row][k] for k in range(1, nc)))
        parting = sorted(set(inner) | {k for k in range(1, nc) if drawn.v[above][k]})
        straddling = any(ch.x0 + 0.5 < grid.xs[k] < ch.x1 - 0.5 for line in lines for ch in line for k in parting)
        words = [line_text(word) for line in lines for part in _parted(line, [grid.xs[k] for k in parting])
                 for word in split_segments(part, BANNER_GAP)]
        total = len(lines) == 1 and _TOTAL_LABEL.match(words[0])
        if any(is_numeric(word) for word in words) or (not straddling and (len(lines) >= 2 or total)):
            for k in parting:
                drawn.v[r][k] = True


_TOTAL_LABEL = re.compile(r"^\s*(合\s*计|总\s*计)\s*$")


def _parted(line: list[Char], xs: list[float]) -> list[list[Char]]:
    """A line's glyphs parted at these x positions (column lines)."""
    parts: dict[int, list[Char]] = {}
    for ch in line:
        parts.setdefault(sum(x <= (ch.x0 + ch.x1) / 2 for x in xs), []).append(ch)
    return [parts[k] for k in sorted(parts)]


def _banner_rows(grid: Grid, drawn: _Drawn, chars: list[Char]) -> set[int]:
    """Leading / trailing rows drawn as one box over the whole width (a title or "单位：万元" boxed in with the
    table) are lines of text, not rows, when the table has real column lines."""
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    banner: set[int] = set()
    if nc <= 1 or not any(drawn.column_lines[k] for k in range(1, nc)):
        return banner
    unit_rows = set()
    if nc >= UNIT_BANNER_MIN_COLUMNS:
        for ch in chars:
            if ch.text == "位":   # the 单位 of "单位：万元"
                unit_rows.add(_slot_of(grid, ch)[0])

    def is_open(r: int) -> bool:
        drawn_lines = sum(drawn.v[r][k] for k in range(1, nc))
        # "编制单位：XX … 单位：万元" may be boxed in two parts
        return drawn_lines == 0 or (r in unit_rows and drawn_lines <= (nc - 1) // 5)

    r = 0
    while r < nr - 1 and is_open(r):
        banner.add(r)
        r += 1
    r = nr - 1
    while r > 0 and r not in banner and is_open(r):
        banner.add(r)
        r -= 1
    return banner


def _slot_of(grid: Grid, ch: Char) -> tuple[int, int]:
    """The grid slot a glyph belongs to: where its anchor is (its centre, or the cell that clips it)."""
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    x, y = ch.anchor
    c = min(max(bisect_right(grid.xs, x) - 1, 0), nc - 1)
    r = min(max(bisect_right(grid.ys, y) - 1, 0), nr - 1)
    return r, c


def _slot_glyphs(grid: Grid, chars: list[Char], banner: set[int]):
    slot_chars: dict[tuple[int, int], list[Char]] = {}
    banner_chars: list[Char] = []
    for ch in chars:
        r, c = _slot_of(grid, ch)
        if r in banner:
            banner_chars.append(ch)
        else:
            slot_chars.setdefault((r, c), []).append(ch)
    return slot_chars, banner_chars


def _straddles(grid: Grid, drawn: _Drawn, slot_chars) -> set[tuple[int, int]]:
    """Undrawn boundaries (row, k) that a text runs across (a long text in a cell of a finer grid): the cell
    spans them, and so it does in the rows above and below where the same boundary is not drawn either."""
    xs = grid.xs
    nr, nc = len(grid.ys) - 1, len(xs) - 1
    straddle: set[tuple[int, int]] = set()
    rows_chars: dict[int, list[Char]] = {}
    for (r, _c), cl in slot_chars.items():
        rows_chars.setdefault(r, []).extend(cl)
    for r, cl in rows_chars.items():
        for line in group_lines(cl):
            for a, b in zip(line, line[1:]):
                if b.x0 - a.x1 > GLUE_GAP * max(min(a.size, b.size), 1.0):
                    continue
                for k in range(bisect_right(xs, a.xc), bisect_right(xs, b.xc)):
                    if 0 < k < nc and not drawn.v[r][k]:
                        straddle.add((r, k))
    for k in {k for (_r, k) in straddle}:
        r = 0
        while r < nr:
            if drawn.v[r][k]:
                r += 1
                continue
            r1 = r
            while r1 < nr and not drawn.v[r1][k]:
                r1 += 1
            if any((q, k) in straddle for q in range(r, r1)):
                straddle.update((q, k) for q in range(r, r1))
            r = r1
    return straddle


def _merged_cells(grid: Grid, drawn: _Drawn, straddle: set[tuple[int, int]], slot_chars) -> list[_MergedCell]:
    """Slots joined across undrawn boundaries, each with its glyphs and the columns it spans."""
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    uf = _UF(nr * nc)
    for r in range(nr):
        for c in range(nc - 1):
            if not drawn.v[r][c + 1] and (drawn.column_lines[c + 1] or (r, c + 1) in straddle):
                uf.union(r * nc + c, r * nc + c + 1)
    for r in range(nr - 1):
        for c in range(nc):
            if not drawn.h[r + 1][c]:
                uf.union(r * nc + c, (r + 1) * nc + c)
    glyphs: dict[int, list[Char]] = {}
    for (r, c), cl in slot_chars.items():
        glyphs.setdefault(uf.find(r * nc + c), []).extend(cl)
    last_column: dict[int, int] = {}
    for slot in range(nr * nc):
        root = uf.find(slot)
        if root in glyphs:
            last_column[root] = max(last_column.get(root, 0), slot % nc)
    cells = []
    for root, cl in glyphs.items():
        r0, c0 = divmod(root, nc)
        cell = _MergedCell(r0, c0, last_column[root], _printed_glyphs(cl))
        cell.column = _amount_column(grid, drawn, cell)
        cells.append(cell)
    return cells


def _amount_column(grid: Grid, drawn: _Drawn, cell: _MergedCell) -> int:
    """The column a merged cell's text stands in: its top-left slot, but for an amount joined to the cell before
    it only because this row leaves out a rule that is a column line elsewhere, the slot of its right end.
    Amounts are right-aligned, so a figure that runs left over a rule left undrawn under it (a bold 合计 of
    1,024,807.171785 wider than its cell) closes the column it ends in. Columns merged in every row keep
    their figure in the top-left slot, where their header's label stands."""
    spanned = range(cell.column + 1, cell.last_column + 1)
    if not spanned or not all(drawn.column_lines[k] for k in spanned):
        return cell.column
    lines = group_lines(cell.chars)
    if len(lines) != 1 or not is_numeric(line_text(lines[0])):
        return cell.column
    return min(max(_slot_of(grid, lines[0][-1])[1], cell.column), cell.last_column)


def _printed_glyphs(chars: list[Char]) -> list[Char]:
    """A cell's glyphs without those drawn far smaller than its text: the label of a hidden or merged-away
    cell shrunk to fit over it (a 2-point “购置费” on a 4-point header), not part of what the cell says."""
    sizes = sorted(ch.size for ch in chars)
    body = sizes[len(sizes) // 2]
    return [ch for ch in chars if ch.size >= SHRUNK_GLYPH * body]


def _records(grid: Grid, r0: int, cells: list[_MergedCell], block: str | None,
             texts: dict[int, list[tuple[list[Char], str]]], ruled_body: bool = True) -> list[PrintedLine]:
    """The rows of one band of the grid: usually one; several when records are stacked in one drawn band
    without rules between them (`_stacked_records`): a tall band below the header; in a grid where no other band
    prints an amount (its body not ruled between rows: the last rows of a table on a page of their own, under a
    header as tall as they are), a band whose every record starts a row; or one where at least two columns hold
    a column of numbers each (one cell alone with two numeric lines is a number wrapped inside its cell, e.g.
    "24995.9|4"). `texts` holds each cell's lines (`_unwrapped`), by id."""
    xs, ys = grid.xs, grid.ys
    nc = len(xs) - 1
    slots: list[Span | None] = [(xs[c], xs[c + 1]) for c in range(nc)]
    for cell in cells:
        slots[cell.column] = (xs[cell.column], xs[cell.last_column + 1])
    header_band = r0 == 0 and len(ys) > 2
    tall = _tall(grid, cells)
    stacked = [] if header_band or ruled_body and not tall else _stacked_records(cells, slots, block, every=not tall)
    if stacked:
        return stacked
    anchors: list[float] = []
    stacked_columns = 0
    for cell in cells:
        lines = texts[id(cell)]
        if len(lines) > 1 and all(is_numeric(t) for _line, t in lines):
            anchors.extend(_yc(line) for line, _t in lines)
            stacked_columns += 1
    if stacked_columns < 2:
        anchors = []
    if not anchors:
        row, boxes = [""] * nc, [None] * nc
        for cell in cells:
            row[cell.column] = join_wrapped([t for _line, t in texts[id(cell)]])
            boxes[cell.column] = glyph_box(cell.chars)
        return [PrintedLine(ys[r0], row, boxes, list(slots), block)]
    anchors = cluster(anchors, 3.0)
    parts: list[list[list[tuple[list[Char], str]]]] = [[[] for _ in range(nc)] for _ in anchors]
    for cell in cells:
        for line, t in texts[id(cell)]:
            y = _yc(line)
            a = min(range(len(anchors)), key=lambda i: abs(anchors[i] - y))
            parts[a][cell.column].append((line, t))
    out = []
    for a, record in enumerate(parts):
        row = [join_wrapped([t for _line, t in pieces]) for pieces in record]
        boxes = [glyph_box([ch for line, _t in pieces for ch in line]) for pieces in record]
        out.append(PrintedLine(anchors[a] if a else ys[r0], row, boxes, list(slots), block))
    return out


def _prints_amount(lines: list[tuple[list[Char], str]]) -> bool:
    """Whether a cell's lines print amounts only: figures that are not a column number (1, 12) or a year, nor part
    of a label wrapped in the cell (202 over 4年合计)."""
    texts = [text for _line, text in lines]
    return all(is_numeric(text) for text in texts) and any(
        not (text.isdigit() and (len(text) <= 2 or is_year(text))) for text in texts)


def _unwrapped(lines: list[list[Char]]) -> list[tuple[list[Char], str]]:
    """A cell's printed lines with their texts, the end of an amount wrapped from the line above ("16.4" over
    "2") put back on that line."""
    out: list[tuple[list[Char], str]] = []
    for line in lines:
        text = line_text(line)
        if out and is_numeric(out[-1][1]) and is_numeric(text) and wrapped_number([out[-1][1], text]):
            out[-1] = (out[-1][0] + line, out[-1][1] + text)
        else:
            out.append((line, text))
    return out


# a band of the grid holding at least this many records printed line under line is a body drawn without rules
# between its rows (only column lines)
STACKED_RECORDS = 2
# a band holds several records only when it is this many times as tall as the grid's other rows
TALL_BAND = 1.8
# in a band between column lines, texts in different columns this close (font sizes) print one record (a
# name beside its amounts, however its cell spaces the lines)
CELL_TOUCH = 0.75
# a text ending this many font sizes short of its cell's edge did not wrap there
SHORT_OF_EDGE = 3.0
# points between a ruled cell's side and the text wrapped in it
WRAP_PAD = 2.0


def _own_figure(above: list[CellLine], line: CellLine, column: int) -> bool:
    """Whether a line prints a figure of its own in a column, not the end of one wrapped from the line above
    ("124,216.9" over "9")."""
    text = line.text(column)
    if not is_numeric(text):
        return False
    upper = next((cl for cl in reversed(above) if column in cl.cells), None)
    return upper is None or not wrapped_number([upper.text(column), text])


def _tall(grid: Grid, cells: list[_MergedCell]) -> bool:
    """Whether the band these cells fill is far taller than the grid's other rows (their median), or the only
    one: rows printed between column lines only, rather than one row's texts wrapped over lines (in a table
    ruled between its rows every band is one record)."""
    top = min(min(ch.top for ch in cell.chars) for cell in cells)
    bottom = max(max(ch.bottom for ch in cell.chars) for cell in cells)
    rows = list(zip(grid.ys, grid.ys[1:]))
    band = [(a, b) for a, b in rows if b > top and a < bottom]
    others = sorted(b - a for a, b in rows if (a, b) not in band)
    height = band[-1][1] - band[0][0] if band else bottom - top
    return not others or height >= TALL_BAND * others[len(others) // 2]


def _stacked_records(cells: list[_MergedCell], slots: list[Span | None], block: str | None,
                     every: bool = False) -> list[PrintedLine]:
    """The records of a (tall) band that is a whole body drawn between column lines only, its lines grouped as
    those of a table without rules (pdf_records); [] for a band that is one record: one where fewer than two
    records print figures of their own (not the end of an amount wrapped from the line above) or open with a
    numbering (in the band's first column, or in a column of numbered names: `_numbered_columns`), unless it
    prints no figure and text in one column only, one of at least three (a list whose amounts are all blank).
    With `every`, [] unless every record starts a row that way or, first in the band, with short names side by
    side (`_labels_side_by_side`)."""
    lone_list = len(cells) == 1 and cells[0].last_column == cells[0].column and len(slots) >= 3
    if (len(cells) < 2 and not lone_list) or sum(len(cell.chars) for cell in cells) < 6:
        return []   # one text over the band (a paragraph in a form) is one record
    lines: list[CellLine] = []
    for cell in cells:
        for line in group_lines(cell.chars):
            top, bottom = min(c.top for c in line), max(c.bottom for c in line)
            size = max(min(c.size for c in line), 1.0)
            same = next((cl for cl in lines if abs((cl.top + cl.bottom) / 2 - (top + bottom) / 2) <= 0.3 * size), None)
            if same is None:
                same = CellLine(top, bottom, size)
                lines.append(same)
            same.cells.setdefault(cell.column, []).extend(line)
            same.top, same.bottom = min(same.top, top), max(same.bottom, bottom)
    lines.sort(key=lambda cl: cl.top)
    if len(lines) < STACKED_RECORDS:
        return []
    # a text wraps where its cell ends
    right = {cell.column: slots[cell.column][1] - WRAP_PAD for cell in cells if slots[cell.column]}
    figured = {id(cl) for k, cl in enumerate(lines) if any(_own_figure(lines[:k], cl, c) for c in cl.cells)}
    grouped = records(lines, right, touch=CELL_TOUCH)
    first = min(cell.column for cell in cells)
    numbered = {first} | _numbered_columns(grouped, figured)
    starts = sum(any(id(cl) in figured or any(c in cl.cells and opens_row(cl.text(c)) for c in numbered)
                     for cl in record) or bool(figured) and k == 0 and _labels_side_by_side(record, first, right)
                 for k, record in enumerate(grouped))
    if every and starts < len(grouped):
        return []
    if starts < STACKED_RECORDS and (figured or not lone_list or len(grouped) < STACKED_RECORDS):
        return []   # one record (a name wrapped beside its amounts), a header band of wrapped labels
    return [record_line(record, len(slots), slots, block) for record in grouped]


def _labels_side_by_side(record: list[CellLine], first: int, right: dict[int, float]) -> bool:
    """Whether a record prints short names in two or more columns, the band's first column among them
    (上年结转 | 年终结转 over blank amounts, above 收入总计 | 351.16): each stops well short of its cell's edge, so
    it did not wrap, and two names broken by hand side by side are not one row's label (that prints in one
    column)."""
    columns = {c for line in record for c in line.cells}
    return len(columns) >= 2 and first in columns and all(
        max(ch.x1 for ch in line.cells[c]) < right.get(c, 0.0) - SHORT_OF_EDGE * line.size
        for line in record for c in line.cells)


def _numbered_columns(grouped: list[list[CellLine]], figured: set[int]) -> set[int]:
    """Columns that list numbered names record by record, in a band that prints figures: every record with a
    text in the column opens it with a numbering (二十一、…) or prints figures (本年支出合计 beside its amounts),
    at least three with a numbering, none a sentence (the numbered points of a description, one cell's text,
    are clauses: 1.完成系统日常维护工作,包括…;)."""
    out: set[int] = set()
    for column in {c for record in grouped for line in record for c in line.cells}:
        texts = [(join_wrapped([line.text(column) for line in record if column in line.cells]),
                  any(id(line) in figured for line in record)) for record in grouped
                 if any(column in line.cells for line in record)]
        numbered = [text for text, _figures in texts if opens_row(text)]
        if (figured and len(numbered) >= 3 and all(opens_row(text) or figures for text, figures in texts)
                and not any(_SENTENCE.search(text) for text in numbered)):
            out.add(column)
    return out


_SENTENCE = re.compile(r"[，,；;。：:]")


def _yc(line: list[Char]) -> float:
    return (min(c.top for c in line) + max(c.bottom for c in line)) / 2
