"""Tables printed without rules between their columns: columns from the white space the body's lines share.

A column of a table without rules is where its texts are, and the columns are parted by gutters: x ranges
that no glyph of any body line covers (the body starts at the first line printing a figure or opening with
a numbering). Right-aligned amounts and left-aligned names beside them always leave such a gutter, however
close a name comes to the amount before it, because they do not all end and start at the same place. The
header does not take part in finding the gutters (its labels are centred and may span several columns):
- a label over one body column widens it to the label;
- a label beside a body column, which it can be centred over (a right-aligned column to its right, a
  left-aligned one to its left), heads that column ("合计" centred over narrow amounts);
- other labels head columns the body leaves blank; one over two such labels that are not over each other
  groups them;
- a label over several columns is put in the first and spans the run of columns, free in its header row,
  whose cells are centred under it, as a merged cell of a ruled table does.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from budget_audit.read.layout import Span
from budget_audit.read.pdf_chars import Char
from budget_audit.read.pdf_records import (WRAP_GAP, CellLine, join_wrapped_cells, opens_row, record_line, records,
                                          wrapped_year)
from budget_audit.read.pdf_text import PrintedLine, is_numeric, line_text, split_segments

# glyphs further apart than this many font sizes are two words (two labels of a header, a number and a name)
WORD_GAP = 0.3
# a gutter is at least this many font sizes wide
MIN_GUTTER = 0.4


@dataclass
class FreeLine:
    """A printed line that no ruled grid holds: its glyphs left to right."""

    top: float
    bottom: float
    chars: list[Char]

    @property
    def size(self) -> float:
        return median(ch.size for ch in self.chars) if self.chars else 10.0

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(ch.x1 for ch in self.chars)

    def words(self) -> list[list[Char]]:
        return split_segments(self.chars, WORD_GAP)


def is_body_line(line: FreeLine) -> bool:
    """A line printing a number (an amount, a code, a count) as a word of its own, other than a header's
    row of column numbers (栏次 1 2 3 …)."""
    words = [line_text(word) for word in line.words()]
    return any(is_numeric(word) for word in words) and not _column_numbers(words)


def _opens_with_numbering(line: FreeLine) -> bool:
    words = line.words()
    return bool(words) and opens_row(line_text(words[0]))


def _column_numbers(words: list[str]) -> bool:
    numbers = [int(word) for word in words if word.isdigit() and len(word) <= 2]
    others = [word for word in words if not (word.isdigit() and len(word) <= 2)]
    return (len(numbers) >= 2 and numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
            and all(word in ("栏次", "行次", "*", "**", "***") for word in others))


def columns_of(lines: list[FreeLine]) -> list[Span]:
    """The columns of an aligned block: the x ranges between the gutters of its body, widened by the header
    labels centred over them, and a column for each header label over a blank column."""
    first_body = _first_body_line(lines)
    if first_body is None:   # neither figures nor a list under the labels: the columns are where they stand
        return _label_columns([_extent(word) for line in lines for word in line.words()])
    body = lines[first_body:]
    edges = (min(line.x0 for line in lines), max(line.x1 for line in lines))
    # [x0, x1, right-aligned (amounts) rather than left-aligned (names, codes), named by a single header label yet]
    inked = [[a, b, _right_aligned(body, (a, b)), False]
             for a, b in _between_gutters(body, median(line.size for line in body))]
    loose: list[Span] = []   # header labels over no body text
    lower: list[Span] = []   # the labels of the header lines below
    for line in reversed(lines[:first_body]):   # the lowest header line names single columns
        words = [_extent(word) for word in line.words()]
        under = [[k for k, col in enumerate(inked) if overlap(word, col) > 0] for word in words]
        held = {k for over in under for k in over}
        for word, over in zip(words, under):
            if len(over) == 1 and not inked[over[0]][3]:
                _widen(inked[over[0]], word)   # the label of a single column (the lowest over it)
            if over:
                continue
            # a label over a loose label of a lower line heads a group, not a body column beside it
            above_loose = any(overlap(word, other) > 0 for other in loose)
            beside = (max((w[1] for w in words if w[1] <= word[0]), default=edges[0] - 1.0),
                      min((w[0] for w in words if w[0] >= word[1]), default=edges[1] + 1.0))
            if not above_loose and _centred_between(word, [w for w in lower if beside[0] <= w[0] and w[1] <= beside[1]]):
                continue   # a group label centred over the labels below it, in the gap between two of them
            k = None if above_loose else _centred_over(word, inked, held, beside)
            if k is None:
                loose.append(word)
            else:
                _widen(inked[k], word)
                held.add(k)
        lower.extend(words)
    return sorted([(a, b) for a, b, _amounts, _named in inked] + _label_columns(loose))


def _first_body_line(lines: list[FreeLine]) -> int | None:
    """The first line of the body: the first printing a figure, opening with a numbering (二十六、…) or
    under the column numbers; in a block printing no figure, the first (after the first line) that starts at
    the block's left edge if earlier, as the names of a list do (header labels are centred)."""
    first = next((i for i, line in enumerate(lines)
                  if is_body_line(line) and not (i + 1 < len(lines) and _years_wrapped(line, lines[i + 1]))
                  or _opens_with_numbering(line)
                  or (i and _column_numbers([line_text(w) for w in lines[i - 1].words()]))), None)
    if not any(is_body_line(line) for line in lines):
        left = min(line.x0 for line in lines)
        listed = next((i for i, line in enumerate(lines) if i and line.x0 <= left + 1.0), None)
        first = min((i for i in (first, listed) if i is not None), default=None)
    if first:
        first = _first_record_start(lines, first)
    return first


def _years_wrapped(line: FreeLine, below: FreeLine) -> bool:
    """Whether the only figures of a line are years whose labels wrapped in narrow header cells: each stands
    right over a text of the line below that goes on with 年 ("2024" over "年合计")."""
    words = [(_extent(word), line_text(word)) for word in line.words()]
    years = [(extent, text) for extent, text in words if is_numeric(text)]
    under = [(_extent(word), line_text(word)) for word in below.words()]
    return bool(years) and below.top - line.bottom <= WRAP_GAP * line.size and all(
        any(overlap(extent, other) > 0 and wrapped_year(text, label) for other, label in under)
        for extent, text in years)


def _first_record_start(lines: list[FreeLine], first: int) -> int:
    """The line the first body record starts on: a name wrapped over lines in its cell starts above the line of
    its figures when they are centred beside it (beside the gap between its two lines, or beside its middle
    line), so the lines above that it starts on are body, not header."""
    if first + 1 < len(lines) and _centred_beside(lines[first - 1], lines[first], lines[first + 1]):
        first -= 1
    while first and _wraps_into(lines[first - 1], lines[first]):
        first -= 1
    return first


def _centred_beside(upper: FreeLine, middle: FreeLine, lower: FreeLine) -> bool:
    """Whether `middle` prints beside the gap between `upper` and `lower`, two lines of texts wrapped in their
    cells (each word of the upper line over one of the lower, none of the middle line's under them)."""
    centre = (upper.top + upper.bottom + lower.top + lower.bottom) / 4
    if abs((middle.top + middle.bottom) / 2 - centre) > 0.25 * middle.size:
        return False
    upper_words = [_extent(word) for word in upper.words()]
    return (all(any(overlap(word, _extent(other)) > 0 for other in lower.words()) for word in upper_words)
            and not any(overlap(word, _extent(other)) > 0 for other in middle.words() for word in upper_words))


def _wraps_into(upper: FreeLine, lower: FreeLine) -> bool:
    """Whether each text of `upper` wraps into `lower`: a text of the lower line starts where it starts (left
    aligned, as names are; header labels are centred), closely below it, and does not open a row."""
    if lower.top - upper.bottom > WRAP_GAP * min(upper.size, lower.size):
        return False
    below = lower.words()
    for word in upper.words():
        under = next((other for other in below if abs(other[0].x0 - word[0].x0) <= 1.0), None)
        if under is None or is_numeric(line_text(word)) or opens_row(line_text(under)):
            return False
    return True


def _extent(word: list[Char]) -> Span:
    return word[0].x0, max(ch.x1 for ch in word)


def _right_aligned(body: list[FreeLine], column: Span) -> bool:
    """Whether a column's texts end where each other end (amounts) rather than start where each other start
    (names, codes); when they all agree both ways, whether they are figures."""
    words = [word for line in body for word in line.words() if overlap(_extent(word), column) > 0]
    if not words:
        return False
    starts = max(w[0].x0 for w in words) - min(w[0].x0 for w in words)
    ends = max(_extent(w)[1] for w in words) - min(_extent(w)[1] for w in words)
    size = median(w[0].size for w in words)
    if abs(starts - ends) > 0.5 * size:
        return ends < starts
    return sum(is_numeric(line_text(w)) for w in words) * 2 > len(words)


# how far off the middle of the labels below it a group label may stand (a share of their span)
GROUP_CENTRE = 0.15


def _centred_between(word: Span, lower: list[Span]) -> bool:
    """Whether a header label that stands over no lower label heads a group of them: lower labels stand on
    both sides of it, and it is centred over their span (2024年预算数 over 合计 | 一般公共预算 | 政府性基金预算 |
    国有资本经营预算, printed between the second and the third), or between the nearest on each side (收入 over
    项目 | 金额, beside 支出 over the labels of its side). A blank column's label so placed loses its column, and
    nothing printed with it."""
    left = [label for label in lower if label[1] <= word[0]]
    right = [label for label in lower if label[0] >= word[1]]
    if not left or not right:
        return False
    centre = (word[0] + word[1]) / 2
    outermost = (min(left), max(right, key=lambda label: label[1]))
    nearest = (max(left, key=lambda label: label[1]), min(right))
    return any(abs(centre - (a[0] + b[1]) / 2) <= GROUP_CENTRE * (b[1] - a[0]) for a, b in (outermost, nearest))


def _label_columns(labels: list[Span]) -> list[Span]:
    """Columns the body leaves blank, from the labels over them: labels stacked over each other (a label
    wrapped over lines) head one column; a label over two labels that are not over each other spans them."""
    def overlapping(label: Span) -> list[Span]:
        return [other for other in labels if other is not label and overlap(label, other) > 0]

    spanning = {id(label) for label in labels
                if any(overlap(a, b) <= 0 for a in overlapping(label) for b in overlapping(label) if a is not b)}
    columns: list[list[float]] = []
    for x0, x1 in sorted(label for label in labels if id(label) not in spanning):
        if columns and x0 < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def _widen(column: list, word: Span) -> None:
    column[0], column[1], column[3] = min(column[0], word[0]), max(column[1], word[1]), True


def _centred_over(word: Span, columns: list[list], held: set[int], bounds: Span) -> int | None:
    """The body column beside a header label that the label can be centred over: a right-aligned column
    (amounts) to its right, or a left-aligned one (names, codes) to its left, whose cell so centred would reach
    neither the column beyond nor past `bounds` (the labels beside it on its line, or the block's edges); a
    column another label of the same line stands over is not free."""
    centre = (word[0] + word[1]) / 2
    right = next((k for k, col in enumerate(columns) if col[0] >= word[1]), None)
    left = max((k for k, col in enumerate(columns) if col[1] <= word[0]), default=None)
    if right is not None and columns[right][2] and right not in held:
        cell_left = 2 * centre - columns[right][1]
        if cell_left >= max(columns[right - 1][1] if right > 0 else bounds[0], bounds[0]):
            return right
    if left is not None and not columns[left][2] and left not in held:
        cell_right = 2 * centre - columns[left][0]
        if cell_right <= min(columns[left + 1][0] if left < len(columns) - 1 else bounds[1], bounds[1]):
            return left
    return None


def _between_gutters(body: list[FreeLine], size: float) -> list[Span]:
    """The x ranges the body's words cover, parted where at least MIN_GUTTER font sizes stay blank."""
    ink = sorted(_extent(word) for line in body for word in split_segments(line.chars, MIN_GUTTER))
    columns: list[list[float]] = []
    for x0, x1 in ink:
        if columns and x0 < columns[-1][1] + MIN_GUTTER * size:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def overlap(a: Span, b: Span) -> float:
    """How far two x ranges overlap (negative: the gap between them)."""
    return min(a[1], b[1]) - max(a[0], b[0])


def fits(line: FreeLine, columns: list[Span], spanning: bool) -> bool:
    """Whether a line can be a row of a block with these columns: no word over two columns (a word over none
    is in a column the lines so far left blank, as the names of a list under a centred label are); a header
    line may have labels over several columns."""
    for word in line.words():
        if not spanning and len(_columns_under(word, columns)) > 1:
            return False
    return True


def _columns_under(word: list[Char], columns: list[Span]) -> list[int]:
    return [k for k, col in enumerate(columns) if overlap(_extent(word), col) > 0]


def align_block(lines: list[FreeLine], name: str, breaks: list[float] = (),
                columns: list[Span] | None = None) -> list[PrintedLine]:
    """The rows of an aligned block: header lines and body lines each grouped into records (a label wrapped
    over two lines is one label; labels centred beside it stand in the same header row); a header label over
    several columns stands in the first, its slot spanning the columns it heads. `columns` (default: found
    from the lines) are the block's columns."""
    columns = columns or columns_of(lines)
    first_body = _first_body_line(lines) or 0
    header = [_header_line(line, columns) for line in lines[:first_body]]
    body = [_cell_line(line, columns) for line in lines[first_body:]]
    out: list[PrintedLine] = []
    for part in (header, body):
        right: dict[int, float] = {}
        for cell_line in part:
            for column, chars in cell_line.cells.items():
                if cell_line.spans.get(column, column) == column:   # a label over several does not wrap in one
                    right[column] = max(right.get(column, 0.0), max(ch.x1 for ch in chars))
        if part is header:
            part = join_wrapped_cells(part, right)
        for record in records(part, right, breaks):
            slots: list[Span | None] = list(columns)
            for column, last in _record_spans(record, columns).items():
                slots[column] = (columns[column][0], columns[last][1])
            out.append(record_line(record, len(columns), slots, name))
    return out


def _header_line(line: FreeLine, columns: list[Span]) -> CellLine:
    """A header line by column: each label in the first column it runs over (`spans` keeps the last)."""
    cells: dict[int, list[Char]] = {}
    spans: dict[int, int] = {}
    for word in line.words():
        under = _columns_under(word, columns) or [_nearest(word, columns)]
        cells.setdefault(under[0], []).extend(word)
        spans[under[0]] = max(spans.get(under[0], under[0]), under[-1])
    return CellLine(line.top, line.bottom, line.size, cells, spans)


def _record_spans(record: list[CellLine], columns: list[Span]) -> dict[int, int]:
    """The columns each label of a header record heads (first → last), where more than its own."""
    claimed = {k for part in record for first, last in part.spans.items() for k in range(first, last + 1)}
    out: dict[int, int] = {}
    for part in record:
        for first, last in list(part.spans.items()):
            chars = part.cells[first]
            run = _heads(chars, first, last, columns, claimed - set(range(first, last + 1)), part.size)
            claimed.update(range(run[0], run[1] + 1))
            if run != (first, last) or last > first:
                out[run[0]] = run[1]
                if run[0] != first:
                    part.cells[run[0]] = part.cells.pop(first)
                    part.spans[run[0]] = part.spans.pop(first)
    return out


def _heads(word: list[Char], first: int, last: int, columns: list[Span], claimed: set[int],
           size: float) -> tuple[int, int]:
    """The columns a header label heads: those under it, or a run around them, free in its header row, whose
    cells are centred under it (the widest such run for a label over several columns, or over one column
    with free columns on both sides; for a label over one column, otherwise only when it is not centred
    over that one)."""
    x0, x1 = _extent(word)
    centre = (x0 + x1) / 2
    lo = first
    while lo > 0 and lo - 1 not in claimed:
        lo -= 1
    hi = last
    while hi < len(columns) - 1 and hi + 1 not in claimed:
        hi += 1
    runs = [(i, j) for i in range(lo, first + 1) for j in range(last, hi + 1)]
    off = {run: abs(_cells_centre(columns, *run) - centre) for run in runs}
    centred = [run for run in runs if off[run] <= size]
    free_beside = lo < first and hi > last
    if last == first and not free_beside and off[(first, last)] <= size or not centred:
        return first, last
    if last > first or free_beside:
        return max(centred, key=lambda run: (run[1] - run[0], -off[run]))
    return min(centred, key=lambda run: off[run])


def _cells_centre(columns: list[Span], first: int, last: int) -> float:
    """The centre of the cells of columns first..last, each cell reaching halfway to its neighbours' text."""
    left = columns[first][0] if first == 0 else (columns[first - 1][1] + columns[first][0]) / 2
    right = columns[last][1] if last == len(columns) - 1 else (columns[last][1] + columns[last + 1][0]) / 2
    return (left + right) / 2


def _cell_line(line: FreeLine, columns: list[Span]) -> CellLine:
    cells: dict[int, list[Char]] = {}
    for ch in line.chars:
        xc = (ch.x0 + ch.x1) / 2
        k = next((k for k, (a, b) in enumerate(columns) if a - 0.5 <= xc <= b + 0.5), None)
        if k is None:
            k = min(range(len(columns)), key=lambda i: min(abs(xc - columns[i][0]), abs(xc - columns[i][1])))
        cells.setdefault(k, []).append(ch)
    return CellLine(line.top, line.bottom, line.size, cells)


def _nearest(word: list[Char], columns: list[Span]) -> int:
    x0, x1 = _extent(word)
    xc = (x0 + x1) / 2
    return min(range(len(columns)), key=lambda i: abs(xc - (columns[i][0] + columns[i][1]) / 2))
