"""Page layout: ruled tables, free text lines and tables aligned without rules, in reading order."""
from __future__ import annotations

from budget_audit.read.pdf_chars import Char, PageContent
from budget_audit.read.pdf_tables import find_grids, grid_rows
from budget_audit.read.pdf_text import PrintedLine, drop_duplicates, glyph_box, group_lines, line_text, split_segments

# a gap wider than this many font sizes splits a free line into cells
CELL_GAP = 2.5
# consecutive multi-cell lines further apart than this many line heights do not form one aligned block
BLOCK_LINE_GAP = 2.0
# an aligned block (a table without rules) has at least this many lines
MIN_ALIGNED_LINES = 3


def page_items(page: PageContent) -> list[PrintedLine]:
    """The page's lines, top to bottom. Cell texts are not yet normalised."""
    chars = drop_duplicates(page.chars)
    grids = [g for g in find_grids(page.hsegs, page.vsegs) if len(g.xs) >= 3]
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
        for k, line in enumerate(grid_rows(g, grid_chars[gi], f"p{page.number}g{gi + 1}")):
            if any(line.cells):
                keyed.append((g.ys[0], k, line))
    free_lines = []
    for line in group_lines(free):
        top = min(c.top for c in line)
        bottom = max(c.bottom for c in line)
        free_lines.append((top, bottom, split_segments(line, CELL_GAP)))
    for line in align_unruled(free_lines, f"p{page.number}a"):
        keyed.append((line.top, 0, line))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [line for (_k0, _k1, line) in keyed]


def align_unruled(lines: list[tuple[float, float, list[list[Char]]]], block_prefix: str = "a") -> list[PrintedLine]:
    """Free lines to printed lines. Runs of at least three consecutive lines that each split into several
    cells are a table without rules: their cells are put into common columns found from the x-extents of
    all the run's cells, so a blank cell keeps its position."""
    out: list[PrintedLine] = []
    i = 0
    n = len(lines)
    blocks = 0
    while i < n:
        j = i
        while j < n and len(lines[j][2]) >= 2:
            if j > i:
                prev_top, prev_bottom, _ = lines[j - 1]
                top, bottom, _ = lines[j]
                if top - prev_bottom > BLOCK_LINE_GAP * max(bottom - top, prev_bottom - prev_top, 1.0):
                    break
            j += 1
        if j - i >= MIN_ALIGNED_LINES:
            blocks += 1
            out.extend(_align_block(lines[i:j], f"{block_prefix}{blocks}"))
            i = j
            continue
        top, _bottom, segs = lines[i]
        out.append(PrintedLine(top, [line_text(sg) for sg in segs], [glyph_box(sg) for sg in segs]))
        i += 1
    return out


def _align_block(block, name: str) -> list[PrintedLine]:
    spans = sorted((sg[0].x0, sg[-1].x1) for (_t, _b, segs) in block for sg in segs)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    rows = []
    for top, _bottom, segs in block:
        cells = [""] * len(cols)
        pieces: list[list[Char]] = [[] for _ in cols]
        for sg in segs:
            xc = (sg[0].x0 + sg[-1].x1) / 2
            k = next((k for k, (a, b) in enumerate(cols) if a <= xc <= b), len(cols) - 1)
            text = line_text(sg)
            cells[k] = f"{cells[k]} {text}" if cells[k] else text
            pieces[k].extend(sg)
        rows.append(PrintedLine(top, cells, [glyph_box(p) for p in pieces], [(a, b) for a, b in cols], name))
    return rows
