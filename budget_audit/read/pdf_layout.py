"""Page layout: ruled tables, free text lines and tables aligned without rules, in reading order."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from budget_audit.read.layout import Span
from budget_audit.read.pdf_aligned import FreeLine, align_block, columns_of, fits, is_body_line, overlap
from budget_audit.read.pdf_chars import Char, PageContent
from budget_audit.read.pdf_seeds import (CELL_GAP, MIN_ALIGNED_LINES, UNIT_TEXT, aligned_runs, axis_labels, cells,
                                         close, extended, in_step)
from budget_audit.read.pdf_tables import Grid, find_grids, grid_rows
from budget_audit.read.pdf_text import (PrintedLine, drop_duplicates, glyph_box, group_lines, is_numeric, line_text,
                                        split_segments)


@dataclass
class Carry:
    """What a page hands on to the next: the columns of a table without rules that runs to its foot, which the
    rows continuing it at the head of the next page stand in (they may leave some of them blank)."""

    columns: list[Span] | None = None
    size: float = 0.0
    # that table's header lines (their texts), which the next page may print again above the rows it continues
    header: frozenset[str] = frozenset()
    # the column lines (outer ones included) of a ruled table that runs to the page's foot
    rules: list[float] | None = None


# points within which a frame's sides stand where the carried table's outer column lines stood
FRAME_SNAP = 2.0


def page_items(page: PageContent, carry: Carry | None = None) -> list[PrintedLine]:
    """The page's lines, top to bottom. Cell texts are not yet normalised. Tables printed side by side are read
    one after the other: in each band of the page where they stand, the left side's lines, then the right's."""
    chars = drop_duplicates(page.chars)
    found = find_grids(page.hsegs, page.vsegs)
    bands = _side_by_side(found, chars)
    if not bands:
        return _region_items(page, chars, found, carry, f"p{page.number}")
    edges = [edge for top, bottom, _split in bands for edge in (top, bottom)]

    def place(y: float, x: float) -> tuple[int, int]:
        """(band or gap index, side): gaps and bands alternate down the page; side 0 outside a band."""
        slot = bisect_left(edges, y)
        if slot % 2 == 0:
            return slot, 0
        return slot, 1 if x < bands[slot // 2][2] else 2

    regions: dict[tuple[int, int], tuple[list[Char], list[Grid]]] = {}
    for ch in chars:
        regions.setdefault(place(ch.anchor[1], ch.anchor[0]), ([], []))[0].append(ch)
    for grid in found:
        regions.setdefault(place((grid.ys[0] + grid.ys[-1]) / 2, (grid.xs[0] + grid.xs[-1]) / 2), ([], []))[1].append(grid)
    out: list[PrintedLine] = []
    last = max(regions)
    for key in sorted(regions):
        mine, grids = regions[key]
        if carry is not None and key[0] > 0 and key[1] == 0:
            carry.columns, carry.rules = None, None   # what the sides held continues nothing
        outside = carry if key[1] == 0 or key == last else None
        out.extend(_region_items(page, mine, grids, outside, f"p{page.number}r{key[0]}s{key[1]}"))
    return out


# points of clear space that part two tables printed side by side
SIDE_GAP = 6.0


def _side_by_side(found: list[Grid], chars: list[Char]) -> list[tuple[float, float, float]]:
    """The bands of the page where ruled tables stand side by side (their rules overlapping in height, apart in
    width), top to bottom, each with the x where it splits. A band reaches up over the lines above its tables
    that the split does not cross (their titles and unit lines, printed side by side too) and down over those
    below (their notes); bands that meet are one."""
    tables = [grid for grid in found if len(grid.xs) >= 3]
    pairs = [(a, b) for a in tables for b in tables
             if b.xs[0] - a.xs[-1] >= SIDE_GAP and min(a.ys[-1], b.ys[-1]) > max(a.ys[0], b.ys[0])]
    if not pairs:
        return []
    free = [ch for ch in chars if not any(grid.contains(*ch.anchor) for grid in found)]
    lines = sorted(group_lines(free), key=lambda line: min(ch.top for ch in line))
    bands = sorted(_band(a, b, found, lines) for a, b in pairs)
    merged: list[tuple[float, float, float]] = []
    for top, bottom, split in bands:
        if merged and top <= merged[-1][1] + 1.0 and abs(split - merged[-1][2]) <= 2 * SIDE_GAP:
            merged[-1] = (merged[-1][0], max(bottom, merged[-1][1]), merged[-1][2])
        elif merged and top <= merged[-1][1]:
            if bottom > merged[-1][1]:
                merged.append((merged[-1][1], bottom, split))   # split elsewhere: the band below the first
        else:
            merged.append((top, bottom, split))
    return merged


def _band(left: Grid, right: Grid, found: list[Grid], lines: list[list[Char]]) -> tuple[float, float, float]:
    """One pair's band and split. The split lies in the clear space between the two tables that the lines taken
    in leave free: a title wider than the narrow table under it moves it right, up to the other table."""
    free = (left.xs[-1], right.xs[0])
    top, bottom = min(left.ys[0], right.ys[0]), max(left.ys[-1], right.ys[-1])
    across = [grid for grid in found if grid.xs[0] < free[1] and grid.xs[-1] > free[0] and grid is not left
              and grid is not right]

    def clear(line: list[Char]) -> tuple[float, float] | None:
        """The widest part of the free space this line leaves clear, if it is wide enough."""
        edges = sorted((ch.x0, ch.x1) for ch in line if ch.x1 > free[0] and ch.x0 < free[1])
        gaps, start = [], free[0]
        for x0, x1 in edges:
            gaps.append((start, max(start, x0)))
            start = max(start, x1)
        gaps.append((start, free[1]))
        widest = max(gaps, key=lambda gap: gap[1] - gap[0])
        return widest if widest[1] - widest[0] >= SIDE_GAP / 2 else None

    for line in reversed([line for line in lines if max(ch.bottom for ch in line) <= top]):
        line_top = min(ch.top for ch in line)
        gap = clear(line)
        if gap is None or any(line_top < grid.ys[-1] <= top for grid in across):
            break
        free, top = gap, line_top
    for line in [line for line in lines if min(ch.top for ch in line) >= bottom]:
        line_bottom = max(ch.bottom for ch in line)
        gap = clear(line)
        if gap is None or any(bottom <= grid.ys[0] < line_bottom for grid in across):
            break
        free, bottom = gap, line_bottom
    return top, bottom, (free[0] + free[1]) / 2


def _region_items(page: PageContent, chars: list[Char], found: list[Grid], carry: Carry | None,
                  prefix: str) -> list[PrintedLine]:
    """The lines of one part of a page (the whole page, or one side of tables printed side by side)."""
    grids = [g for g in found if len(g.xs) >= 3]
    frame = _continued_frame(found, chars, carry)
    if frame is not None:
        grids = sorted([*grids, frame], key=lambda g: (g.ys[0], g.xs[0]))
    grid_chars: list[list[Char]] = [[] for _ in grids]
    free: list[Char] = []
    for ch in chars:
        xc, yc = ch.anchor
        for gi, g in enumerate(grids):
            if g.contains(xc, yc):
                grid_chars[gi].append(ch)
                break
        else:
            free.append(ch)
    keyed: list[tuple[float, int, PrintedLine]] = []
    for gi, g in enumerate(grids):
        if not grid_chars[gi]:
            continue
        for k, line in enumerate(grid_rows(g, grid_chars[gi], f"{prefix}g{gi + 1}")):
            if any(line.cells):
                keyed.append((g.ys[0], k, line))
    free_lines = [FreeLine(min(c.top for c in line), max(c.bottom for c in line), line) for line in group_lines(free)]
    for line in align_unruled(free_lines, f"{prefix}a", _rule_heights(page), carry):
        keyed.append((line.top, 0, line))
    if carry is not None:
        last = grids[-1] if grids else None
        below = [line for line in free_lines if last is not None and line.top >= last.ys[-1]]
        carry.rules = list(last.xs) if last is not None and _only_furniture(below) else None
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [line for (_k0, _k1, line) in keyed]


def _continued_frame(found: list[Grid], chars: list[Char], carry: Carry | None) -> Grid | None:
    """A frame heading the page (two sides and its rules, no column lines) whose sides stand where the ruled
    table at the foot of the previous page had its outer column lines: the body of that table continued
    without its header, whose column lines the header alone drew (a header boxed over an open body). It is
    read in those column lines, as they stood on the page before."""
    if carry is None or not carry.rules or not found:
        return None
    first = found[0]
    rules = carry.rules
    if len(first.xs) != 2 or abs(first.xs[0] - rules[0]) > FRAME_SNAP or abs(first.xs[-1] - rules[-1]) > FRAME_SNAP:
        return None
    above = [ch for ch in chars if ch.bottom <= first.ys[0]]
    if len(group_lines(above)) > 2:
        return None   # the frame does not head the page: more than a running head stands above it
    inside = [ch for ch in chars if first.contains(*ch.anchor)]
    if not any(is_numeric(line_text(word)) for line in group_lines(inside) for word in split_segments(line, CELL_GAP)):
        return None   # a boxed title or note as wide as the table, not rows of it
    top, bottom = first.ys[0], first.ys[-1]
    inner = [(x, top, bottom) for x in rules[1:-1]]
    return Grid([first.xs[0], *rules[1:-1], first.xs[-1]], list(first.ys), first.hsegs, [*first.vsegs, *inner])


def align_unruled(lines: list[FreeLine], block_prefix: str = "a", breaks: list[float] = (),
                  carry: Carry | None = None) -> list[PrintedLine]:
    """Free lines to printed lines. Lines splitting into several cells seed a table without rules
    (`pdf_seeds.aligned_runs`); it takes in the lines next to it that fit its columns (a row printing one cell,
    a header label over several columns), and its lines are put into the columns its body's gutters part
    (pdf_aligned), so that a blank cell keeps its position. A block heading the page that fits
    the columns carried from the foot of the previous page continues that table in those columns."""
    out: list[PrintedLine] = []
    taken = [False] * len(lines)
    last: tuple[int, list[Span], int] | None = None
    blocks = 0
    runs = list(aligned_runs(lines))
    continued = _continued(lines, carry)
    if continued:
        runs.insert(0, continued)
    for start, stop in runs:
        if any(taken[start:stop]):
            continue
        if (start, stop) == continued:
            columns = _carried_columns(lines[start:stop], carry.columns)
        else:
            start, stop = extended(lines, start, stop, taken)
            if stop - start < MIN_ALIGNED_LINES or axis_labels(lines[start:stop]):
                continue
            columns = columns_of(lines[start:stop])
        blocks += 1
        for k in range(start, stop):
            taken[k] = True
        out.extend(align_block(lines[start:stop], f"{block_prefix}{blocks}", breaks, columns))
        last = (stop, columns, start)
    if carry is not None:
        carry.columns = last[1] if last and _only_furniture(lines[last[0]:]) else None
        carry.size = lines[last[0] - 1].size if last else 0.0
        carry.header = _header_texts(lines[last[2]:last[0]]) if last and carry.columns else frozenset()
    for k, line in enumerate(lines):
        if not taken[k]:
            segs = split_segments(line.chars, CELL_GAP)
            out.append(PrintedLine(line.top, [line_text(sg) for sg in segs], [glyph_box(sg) for sg in segs]))
    out.sort(key=lambda line: line.top)
    return out


def _continued(lines: list[FreeLine], carry: Carry | None) -> tuple[int, int] | None:
    """The lines heading the page (after a running head) that continue the table carried from the previous
    page: close together, in its font size, each in its columns (every text starting where a column starts or
    ending where one ends, none over two), however few."""
    if carry is None or not carry.columns:
        return None

    def continues(line: FreeLine) -> bool:
        if _squeezed(line) in carry.header:
            return True   # the table's header printed again above the rows it continues
        return (abs(line.size - carry.size) <= 0.12 * carry.size and fits(line, carry.columns, False)
                and _in_columns(line, carry.columns) and not UNIT_TEXT.search(line_text(line.chars)))

    start = next((k for k, line in enumerate(lines) if continues(line)), None)
    if start is None or not _only_furniture(lines[:start]):
        return None
    stop = start + 1
    while (stop < len(lines) and (close(lines[stop - 1], lines[stop]) or in_step(lines, stop, least=1))
           and continues(lines[stop])):
        stop += 1
    return start, stop


def _header_texts(lines: list[FreeLine]) -> frozenset[str]:
    """The texts of a block's header lines (those above its first line of figures), spaces left out."""
    first = next((k for k, line in enumerate(lines) if is_body_line(line)), len(lines))
    return frozenset(_squeezed(line) for line in lines[:first])


def _squeezed(line: FreeLine) -> str:
    return re.sub(r"\s+", "", line_text(line.chars))


def _in_columns(line: FreeLine, columns: list[Span]) -> bool:
    size = line.size
    return all(any(abs(word[0].x0 - a) <= size or abs(word[-1].x1 - b) <= size for a, b in columns)
               for word in line.words())


def _carried_columns(block: list[FreeLine], carried: list[Span]) -> list[Span]:
    """The carried columns, with any the continuation prints beside them."""
    own = columns_of(block)
    return sorted(carried + [col for col in own if not any(overlap(col, old) > 0 for old in carried)])


def _only_furniture(lines: list[FreeLine]) -> bool:
    """Whether these lines can be running heads or feet (a page number, a short line or two), not content."""
    return len(lines) <= 2 and all(cells(line) == 1 and len(line.chars) <= 30 for line in lines)


def _rule_heights(page: PageContent) -> list[float]:
    """Heights of horizontal rules (row rules of a table without column lines)."""
    return sorted({round(y, 1) for (y, x0, x1) in page.hsegs if x1 - x0 >= 20})
