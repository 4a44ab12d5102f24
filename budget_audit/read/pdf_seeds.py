"""Where tables without rules stand among a page's free lines: runs of lines in several cells (or rows of them,
where cells wrap), grown over their header and the rows that fit their columns; a chart's axis is no table."""
from __future__ import annotations

import re
from statistics import median

from budget_audit.read.pdf_aligned import FreeLine, columns_of, fits
from budget_audit.read.pdf_chars import Char
from budget_audit.read.pdf_records import WRAP_GAP
from budget_audit.read.pdf_text import is_numeric, line_text, split_segments

# a gap wider than this many font sizes splits a free line into cells
CELL_GAP = 2.5
# consecutive multi-cell lines further apart than this many line heights do not form one aligned block
BLOCK_LINE_GAP = 2.0
# an aligned block (a table without rules) has at least this many lines
MIN_ALIGNED_LINES = 3
# a line saying the table's unit, or a note under it, is not a row
UNIT_TEXT = re.compile(r"单位[:：]|^(备注|注|说明)\s*\d?\s*[:：]")


def cells(line: FreeLine) -> int:
    """How many cells a free line splits into (`_cell_glyphs`)."""
    return len(_cell_glyphs(line))


def _cell_glyphs(line: FreeLine) -> list[list[Char]]:
    """A free line's glyphs by cell, parted where CELL_GAP font sizes stay blank; a line saying the unit
    ("单位名称：… 单位：万元") is one cell."""
    if UNIT_TEXT.search(line_text(line.chars)):
        return [line.chars]
    return split_segments(line.chars, CELL_GAP)


# lines further apart than this many line heights are never one table's rows
ROW_PITCH_LIMIT = 6.0


def in_step(lines: list[FreeLine], j: int, least: int = 2) -> bool:
    """Whether line j follows the line above at the pitch the lines next to them keep (rows of a table set far
    apart, as tall rows are), all of them in at least `least` cells."""
    def pitch(k: int) -> float | None:
        return lines[k].top - lines[k - 1].top if 0 < k < len(lines) else None

    step = pitch(j)
    size = lines[j].size
    if step > ROW_PITCH_LIMIT * max(lines[j].bottom - lines[j].top, 1.0) or cells(lines[j]) < least:
        return False
    return any(other is not None and abs(other - step) <= 0.15 * size and cells(lines[k]) >= least
               for k, other in ((j - 1, pitch(j - 1)), (j + 1, pitch(j + 1))))


def close(upper: FreeLine, lower: FreeLine) -> bool:
    height = max(upper.bottom - upper.top, lower.bottom - lower.top, 1.0)
    return lower.top - upper.bottom <= BLOCK_LINE_GAP * height


def aligned_runs(lines: list[FreeLine]):
    """Seeds of tables without rules. In a run of close lines of one font size, a seed runs from the first row
    that splits into several cells to the last, when at least three do and they are at least half the rows
    between (a header label or a row printing one cell may stand between them). A row is a line, or where cells
    wrap in narrow columns, the lines as close together as a wrapped text's lines (a wrapped cell, and the texts
    beside it centred on it, print a row's cells on lines of their own); the seed then starts and ends on a line
    in several cells where its first and last rows have one. Otherwise the seeds are the runs of consecutive lines
    in several cells (the header of a list whose rows print one cell each). A seed that takes in fewer than three
    lines is no table."""
    i, n = 0, len(lines)
    while i < n:
        j = i + 1
        while (j < n and (close(lines[j - 1], lines[j]) or in_step(lines, j))
               and abs(lines[j].size - lines[i].size) <= 0.12 * lines[i].size):
            j += 1
        multi = [k for k in range(i, j) if cells(lines[k]) >= 2]
        if len(multi) >= MIN_ALIGNED_LINES and len(multi) * 2 >= multi[-1] - multi[0] + 1:
            yield multi[0], multi[-1] + 1
            i = j
            continue
        rows = _rows(lines, i, j)
        wrapped = [r for r, (a, b) in enumerate(rows) if _in_cells(lines[a:b])]
        if len(wrapped) >= MIN_ALIGNED_LINES and len(wrapped) * 2 >= wrapped[-1] - wrapped[0] + 1:
            yield _trimmed(lines, rows[wrapped[0]][0], rows[wrapped[-1]][1])
        else:   # runs of consecutive lines in several cells, or a header line of three labels or more
            in_cells = [rows[r] for r in wrapped]
            k = 0
            while k < len(multi):
                m = k
                while m + 1 < len(multi) and multi[m + 1] == multi[m] + 1:
                    m += 1
                yield _in_rows(rows, in_cells, multi[k], multi[m] + 1)
                k = m + 1
        i = j


def _in_rows(rows: list[tuple[int, int]], in_cells: list[tuple[int, int]], start: int,
             stop: int) -> tuple[int, int]:
    """start..stop grown to the whole rows of its first and last lines where those print cells side by side
    (`in_cells`: a header label centred over header rows stands on a line of its own, close above the labels of
    the lower row)."""
    first = next(row for row in rows if row[0] <= start < row[1])
    last = next(row for row in rows if row[0] < stop <= row[1])
    if first in in_cells:
        start = first[0]
    if last in in_cells:
        stop = last[1]
    return start, stop


def _rows(lines: list[FreeLine], i: int, j: int) -> list[tuple[int, int]]:
    """Lines i..j in runs of lines as close together as a wrapped text's lines, as (start, stop)."""
    out: list[tuple[int, int]] = []
    k = i
    while k < j:
        m = k + 1
        while m < j and _touching(max(lines[k:m], key=lambda line: line.bottom), lines[m]):
            m += 1
        out.append((k, m))
        k = m
    return out


def _trimmed(lines: list[FreeLine], start: int, stop: int) -> tuple[int, int]:
    """start..stop without the lines in one cell at its ends, if any line between is in several."""
    several = [k for k in range(start, stop) if cells(lines[k]) >= 2]
    return (several[0], several[-1] + 1) if several else (start, stop)


def _in_cells(row: list[FreeLine]) -> bool:
    """Whether the lines of a row print cells side by side: their texts cover several x ranges together, and
    none runs over half their width, as the lines of a paragraph do."""
    width = max(line.x1 for line in row) - min(line.x0 for line in row)
    return _inked_runs(row) >= 2 and all(segment[-1].x1 - segment[0].x0 <= width / 2 for line in row
                                         for segment in split_segments(line.chars, CELL_GAP))


def _inked_runs(lines: list[FreeLine]) -> int:
    """How many x ranges the cells of these lines (`_cell_glyphs`) cover together, parted where CELL_GAP font
    sizes stay blank."""
    spans = sorted((seg[0].x0, max(ch.x1 for ch in seg), line.size) for line in lines for seg in _cell_glyphs(line))
    runs, reach = 0, float("-inf")
    for x0, x1, size in spans:
        if x0 - reach > CELL_GAP * size:
            runs += 1
        reach = max(reach, x1)
    return runs


def extended(lines: list[FreeLine], start: int, stop: int, taken: list[bool]) -> tuple[int, int]:
    """Grow a seed over the neighbouring lines in the body's font size and spacing: upwards over header lines
    (labels, none as wide as half the block), then downwards over rows that fit the columns (the first as far
    below as the rows under it are apart, where the seed is a header over tall rows)."""
    seed = lines[start:stop]
    size = median(line.size for line in seed)
    pitch = max((b.top - a.top for a, b in zip(seed, seed[1:])),
                default=BLOCK_LINE_GAP * max(line.bottom - line.top for line in seed))

    def near(line: FreeLine, neighbour: FreeLine, pitch_beyond: float = 0.0) -> bool:
        height = line.bottom - line.top
        reach = max(1.5 * pitch, (1 + BLOCK_LINE_GAP) * height, 1.5 * min(pitch_beyond, ROW_PITCH_LIMIT * height))
        return (abs(line.size - size) <= 0.12 * size and abs(line.top - neighbour.top) <= reach
                and not UNIT_TEXT.search(line_text(line.chars)))

    def rows_pitch(k: int) -> float:
        """The pitch of row k and the row under it when both fit the columns (tall rows below a header), or else
        of the two rows above it taken in."""
        following = lines[k:k + 2]
        if len(following) == 2 and all(fits(line, columns, False) for line in following):
            return following[1].top - following[0].top
        return lines[k - 1].top - lines[k - 2].top if k - 2 >= start else 0.0

    columns = columns_of(seed)
    width = columns[-1][1] - columns[0][0]
    while (start > 0 and not taken[start - 1] and near(lines[start - 1], lines[start])
           and fits(lines[start - 1], columns, True)
           and all(word[-1].x1 - word[0].x0 <= width / 2 for word in lines[start - 1].words())):
        start -= 1
    columns = columns_of(lines[start:stop])
    while (stop < len(lines) and not taken[stop] and near(lines[stop], lines[stop - 1], rows_pitch(stop))
           and fits(lines[stop], columns, False)):
        stop += 1
    return start, stop


def _touching(upper: FreeLine, lower: FreeLine) -> bool:
    return lower.top - upper.bottom < WRAP_GAP * min(upper.size, lower.size)


def axis_labels(block: list[FreeLine]) -> bool:
    """A chart's axis: figures stacked in a column, most with no label beside them on their line, unless at least
    three rows print one in the same row, and most do (a table's amounts centred beside a name wrapped over lines
    of its own)."""
    by_line = _figures_labelled([[line] for line in block])
    by_row = _figures_labelled([block[start:stop] for start, stop in _rows(block, 0, len(block))])
    return _mostly_bare(*by_line) and not (by_row[1] >= MIN_ALIGNED_LINES and not _mostly_bare(*by_row))


def _figures_labelled(rows: list[list[FreeLine]]) -> tuple[int, int]:
    """How many rows print a figure, and how many of those print a label beside it."""
    figured = labelled = 0
    for row in rows:
        words = [line_text(word) for line in row for word in line.words()]
        if any(is_numeric(word) for word in words):
            figured += 1
            labelled += any(not is_numeric(word) for word in words)
    return figured, labelled


def _mostly_bare(figured: int, labelled: int) -> bool:
    return figured >= MIN_ALIGNED_LINES and labelled * 2 < figured
