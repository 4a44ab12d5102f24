"""Render a disclosure's tables (and its narrative) to PDF in many layouts, for the layout-robustness suite.

The source is what a text dump prints: narrative lines, and per table its heading/title/unit lines, header
rows and body rows as printed strings (`source_from_text`), or one table copied from a real document
(`source_from_json`). `render(source, layout, path)` lays it out with reportlab: ruled in full, unruled,
three-line or partly ruled; long tables broken over pages with or without the header repeated; narrow
columns that wrap amounts and names inside their cells; landscape or short pages; tables side by side or
several on a page; the 合计 row first or last; a 栏次 row of column numbers; an embedded TrueType CJK font or
the non-embedded CID font STSong-Light.

`to_text(source)` writes the same content as a text dump, so the expected reading of a transformed source
(a 合计 row moved, column numbers added) comes from the text reader. `table_signature` and
`figure_signature` give comparable values of what the recogniser made of a document.
"""
from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from budget_audit import model as m
from budget_audit.read.normalise import clean_cell, compact
from budget_audit.read.text import read_text

# --------------------------------------------------------------------------------------------------
# The source: what is printed, independent of any layout


@dataclass
class TextLine:
    """A line outside any table: narrative, cover, a 目录 entry (two cells: title, page number)."""

    cells: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.cells)


@dataclass
class SourceTable:
    """One table: the lines printed above it (heading, title, unit), its header and body rows, its notes."""

    key: str | None
    preamble: list[tuple[str, ...]]     # lines above the table: one cell, or e.g. (编制部门：…, 单位：元)
    header: list[tuple[str, ...]]
    body: list[tuple[str, ...]]
    notes: list[str] = field(default_factory=list)

    @property
    def unit(self) -> str:
        for line in self.preamble:
            for cell in line:
                found = re.search(r"单位[:：]\s*(亿元|万元|元)", cell)
                if found:
                    return found.group(1)
        return "万元"

    @property
    def width(self) -> int:
        return max(len(row) for row in [*self.header, *self.body])


@dataclass
class Attachment:
    """A 项目绩效目标表: rows of cells, always drawn fully ruled (not part of the layout matrix)."""

    rows: list[tuple[str, ...]]


@dataclass
class Source:
    name: str
    items: list[TextLine | SourceTable | Attachment]

    @property
    def tables(self) -> list[SourceTable]:
        return [item for item in self.items if isinstance(item, SourceTable)]


_AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?%?$")
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[、.](?!\d))")
_TOTAL = re.compile(r"^(合计|总计|小计|单位合计|本年收入合计|本年支出合计|收入总计|支出总计)$")
_UNIT_LINE = re.compile(r"单位[:：]")


def is_amount(text: str) -> bool:
    text = text.strip()
    return bool(_AMOUNT.match(text)) and any(ch.isdigit() for ch in text) and not re.match(r"^-?0\d", text)


def header_length(rows: list[tuple[str, ...]]) -> int:
    """Leading rows that head the columns: up to the first row with an amount or a code, a numbered or
    合计 label in its first cells, or a label in the first column under a header row that left it blank."""
    first_blank_seen = False
    for index, row in enumerate(rows):
        cells = [cell for cell in row if cell]
        if not cells:
            continue
        first = next(i for i, cell in enumerate(row) if cell)
        if any(is_amount(cell) or _CODE.match(cell) for cell in cells):
            return index
        if first <= 1 and _ORDINAL.match(cells[0]):
            return index
        if first <= 1 and _TOTAL.match(compact(cells[0])) and all(is_amount(cell) or _TOTAL.match(compact(cell))
                                                                  for cell in cells[1:]):
            return index
        if first == 0 and first_blank_seen:
            return index
        first_blank_seen = first_blank_seen or first > 0
    return len(rows)


def source_from_text(path: str | Path) -> Source:
    """The printed content of a text dump: which lines are table rows comes from the recogniser's
    segmentation (so the renderer draws the same tables the text reader sees); every other line is text."""
    from budget_audit.recognise.segment import segment

    document = read_text(path)
    lines = [line for line in document.lines if not line.is_blank]
    segments = segment(document.lines)
    table_of: dict[int, int] = {}
    for index, block in enumerate(segments.tables):
        for row in block.rows:
            table_of[row.lineno] = index
    starts = {block.title_line.lineno: index for index, block in enumerate(segments.tables)}
    attachment_of: dict[int, int] = {}
    for index, block in enumerate(segments.attachments):
        for row in block:
            attachment_of[row.lineno] = index
    items: list[TextLine | SourceTable | Attachment] = []
    open_table: tuple[int, SourceTable] | None = None
    open_attachment: int | None = None
    notes_left: list[str] = []
    for line in lines:
        number = line.lineno
        if number in starts:
            index = starts[number]
            block = segments.tables[index]
            table = SourceTable(key=block.key, preamble=[], header=[], body=[])
            open_table = (index, table)
            notes_left = list(block.notes)
            items.append(table)
        if number in table_of and open_table and table_of[number] == open_table[0]:
            open_table[1].body.append(tuple(cell.strip() for cell in line.cells))
            continue
        if number in attachment_of:
            if open_attachment != attachment_of[number]:
                open_attachment = attachment_of[number]
                items.append(Attachment([]))
            items[-1].rows.append(tuple(cell.strip() for cell in line.cells))
            continue
        open_attachment = None
        if open_table and not open_table[1].body:
            open_table[1].preamble.append(tuple(cell.strip() for cell in line.cells if cell.strip()))
            continue
        if open_table and notes_left and line.text == notes_left[0]:
            open_table[1].notes.append(notes_left.pop(0))
            continue
        open_table = None
        items.append(TextLine(tuple(cell.strip() for cell in line.cells)))
    for table in [item for item in items if isinstance(item, SourceTable)]:
        width = table.width
        rows = [row + ("",) * (width - len(row)) for row in table.body]
        count = header_length(rows)
        table.header, table.body = rows[:count], rows[count:]
    return Source(Path(path).stem, items)


def source_from_json(path: str | Path) -> Source:
    """One table copied from a real document: {"document", "key", "title", "unit", "header", "body", "notes"}."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    width = max(len(row) for row in data["header"] + data["body"])

    def pad(rows):
        return [tuple(clean_cell(cell) for cell in row) + ("",) * (width - len(row)) for row in rows]

    unit = f"单位：{data['unit']}"
    preamble = [(data["title"],), (data["preparer"], unit) if data.get("preparer") else (unit,)]
    table = SourceTable(data.get("key"), preamble, pad(data["header"]), pad(data["body"]), list(data.get("notes", [])))
    return Source(Path(path).stem, [table])


def to_text(source: Source) -> str:
    """The source as a text dump (tab-separated rows), for the text reader."""
    out: list[str] = []
    for item in source.items:
        if isinstance(item, TextLine):
            out.append("\t".join(item.cells))
        elif isinstance(item, Attachment):
            out.extend("\t".join(row) for row in item.rows)
            out.append("")
        else:
            out.extend("\t".join(line) for line in item.preamble)
            out.append("")
            out.extend("\t".join(row) for row in [*item.header, *item.body])
            out.append("")
            out.extend(item.notes)
            out.append("")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------
# Content transformations a layout asks for (the expected reading comes from the transformed source)


_TEXT_HEADING = re.compile(r"编码|名称|科目$|^项目$|^(单位|部门)$|^[类款项]$")


def amount_columns(table: SourceTable) -> list[int]:
    """Columns that hold amounts: not headed as a code or name column, and every body cell printed in them is
    an amount (or blank)."""
    columns = []
    for c in range(table.width):
        headings = [compact(row[c]) for row in table.header if c < len(row) and row[c]]
        if any(_TEXT_HEADING.search(heading) for heading in headings):
            continue
        cells = [row[c] for row in table.body if c < len(row) and row[c]]
        if all(is_amount(cell) and not _CODE.match(cell) for cell in cells):
            columns.append(c)
    first_text = next((c for c in range(table.width) if c not in columns), 0)
    return [c for c in columns if c > first_text]


def _is_total_row(row: tuple[str, ...]) -> bool:
    cells = [cell for cell in row if cell]
    return bool(cells) and bool(_TOTAL.match(compact(cells[0]))) and row.index(cells[0]) <= 1


def transformed(source: Source, layout: "Layout") -> Source:
    """The source as this layout prints it: the table's closing 合计 row moved first (or an opening one
    moved last), a 栏次 row of column numbers under the header."""
    items = []
    for item in source.items:
        if isinstance(item, SourceTable):
            item = replace(item, header=list(item.header), body=list(item.body))
            if layout.total_position != "source" and len(item.body) > 1 and item.key not in _TWO_SIDED:
                totals = [row for row in item.body if _is_total_row(row)]
                if len(totals) == 1:
                    rest = [row for row in item.body if row is not totals[0]]
                    item.body = totals + rest if layout.total_position == "first" else rest + totals
            if layout.column_numbers and item.header:
                numbered = [""] * item.width
                numbered[0] = "栏次"
                for n, c in enumerate(amount_columns(item), start=1):
                    numbered[c] = str(n)
                if sum(1 for cell in numbered if cell.isdigit()) >= 2:
                    item.header.append(tuple(numbered))
        items.append(item)
    return Source(source.name, items)


_TWO_SIDED = {"BT01", "BT04", "BT08"}

# --------------------------------------------------------------------------------------------------
# Layouts

RULINGS = ("full", "none", "three_line", "horizontal", "columns", "header_grid")
PAGES = {"a4": (595.0, 842.0), "a4_landscape": (842.0, 595.0), "short": (595.0, 400.0), "a3_landscape": (1191.0, 842.0)}
ARRANGEMENTS = ("flow", "new_page", "side_by_side")


@dataclass(frozen=True)
class Layout:
    ruling: str = "full"            # full: every cell boxed; none; three_line; horizontal: row rules only;
    #                                 columns: column lines, no rules between body rows; header_grid: header boxed, body framed
    repeat_header: bool = True      # print the header again on every page a table continues on
    page: str = "a4"                # a key of PAGES
    row_height: float = 16.0        # the least height of a body row (larger: tables break over more pages)
    font_size: float = 8.0          # table text
    amount_width: float | None = None   # width of amount columns; narrower than an amount: it wraps in its cell
    name_width: float | None = None     # width of text columns (names); narrow: long names wrap
    font: str = "cid"               # cid: STSong-Light, not embedded; ttf: WenQuanYi Micro Hei, embedded subset
    total_position: str = "source"  # source / first / last: where the table's 合计 row is printed
    column_numbers: bool = False    # a 栏次 row (1 2 3 …) under the header
    arrangement: str = "flow"       # flow: tables follow each other; new_page: each table on a new page;
    #                                 side_by_side: consecutive small tables printed in two columns

    def key(self) -> tuple:
        return dataclasses.astuple(self)

    def describe(self) -> str:
        defaults = Layout()
        parts = [f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self)
                 if getattr(self, f.name) != getattr(defaults, f.name)]
        return "Layout(" + ", ".join(parts) + ")"


# --------------------------------------------------------------------------------------------------
# Fonts

_FONT_NAMES = {"cid": "STSong-Light", "ttf": "WQYMicroHei"}


def ttf_font_path() -> Path | None:
    """WenQuanYi Micro Hei (TrueType outlines, so reportlab can embed it) from the paperang-p2-fonts-cjk wheel."""
    try:
        import paperang_p2_fonts_cjk
    except ImportError:
        return None
    path = Path(paperang_p2_fonts_cjk.__file__).parent / "fonts" / "wqy-microhei.ttc"
    return path if path.is_file() else None


def _register(font: str) -> str:
    from reportlab.pdfbase import pdfmetrics

    name = _FONT_NAMES[font]
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    if font == "cid":
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(name))
    else:
        from reportlab.pdfbase.ttfonts import TTFont

        path = ttf_font_path()
        if path is None:
            raise RuntimeError("the embedded-font layouts need the paperang-p2-fonts-cjk package (wqy-microhei.ttc)")
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    return name


# --------------------------------------------------------------------------------------------------
# Drawing

MARGIN = 40.0
PAD = 2.5          # text inside a cell box
LEADING = 1.25     # line height in font sizes (wrapped cell text, narrative)


_WIDTHS: dict[str, dict[str, float]] = {}


@dataclass
class RenderStats:
    """What a rendering did, so a test can check that a layout really prints what it says."""

    pages: int = 0
    table_pages: dict[int, set[int]] = field(default_factory=dict)   # page → tables (by index) printed on it
    continued: int = 0              # page breaks inside a table
    repeated_headers: int = 0       # … of which with the header printed again
    wrapped_amounts: int = 0        # amount cells printed on two or more lines
    wrapped_names: int = 0          # text cells of the body printed on two or more lines
    side_by_side: int = 0           # pairs of tables printed in two columns

    @property
    def most_tables_on_a_page(self) -> int:
        return max((len(tables) for tables in self.table_pages.values()), default=0)


class _Pages:
    """A reportlab canvas with a cursor measured from the top of the page, and a page-number footer."""

    def __init__(self, path: Path, layout: Layout):
        from reportlab.pdfgen import canvas

        self.layout = layout
        self.width, self.height = PAGES[layout.page]
        self.font = _register(layout.font)
        self.canvas = canvas.Canvas(str(path), pagesize=(self.width, self.height), pageCompression=0,
                                    invariant=1)
        self.number = 1
        self.y = MARGIN          # distance from the top of the page
        self.used = False        # anything drawn on this page yet
        self.stats = RenderStats()
        self.table: int | None = None   # index of the table being drawn
        self._widths = _WIDTHS.setdefault(self.font, {})
        self._width: float | None = None   # the line width in force on this page

    @property
    def bottom(self) -> float:
        return self.height - MARGIN

    @property
    def usable(self) -> float:
        return self.width - 2 * MARGIN

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.number += 1
        self.y = MARGIN
        self.used = False
        self._width = None

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom and self.used:
            self.new_page()

    def _footer(self) -> None:
        self.text(self.width / 2, self.height - MARGIN / 2, f"- {self.number} -", 9, "centre")

    def text(self, x: float, top: float, text: str, size: float, align: str = "left") -> None:
        """Draw one line of text whose glyph box starts `top` below the top of the page."""
        c = self.canvas
        c.setFont(self.font, size)
        baseline = self.height - top - 0.88 * size
        if align == "left":
            c.drawString(x, baseline, text)
        elif align == "right":
            c.drawRightString(x, baseline, text)
        else:
            c.drawCentredString(x, baseline, text)
        self.used = True
        if self.table is not None:
            self.stats.table_pages.setdefault(self.number, set()).add(self.table)

    def _line_width(self, width: float) -> None:
        if width != self._width:
            self.canvas.setLineWidth(width)
            self._width = width

    def hline(self, x0: float, x1: float, top: float, width: float = 0.5) -> None:
        self._line_width(width)
        y = self.height - top
        self.canvas.line(x0, y, x1, y)

    def vline(self, x: float, top0: float, top1: float, width: float = 0.5) -> None:
        self._line_width(width)
        self.canvas.line(x, self.height - top0, x, self.height - top1)

    def _char_width(self, ch: str) -> float:
        """The advance of one character at size 1."""
        width = self._widths.get(ch)
        if width is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            width = self._widths[ch] = stringWidth(ch, self.font, 1.0)
        return width

    def string_width(self, text: str, size: float) -> float:
        return sum(self._char_width(ch) for ch in text) * size

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Break a text into lines no wider than `width`, between any two characters (as spreadsheet and word
        processor cells wrap Chinese text and long numbers)."""
        if not text:
            return [""]
        lines, current, used = [], "", 0.0
        for ch in text:
            advance = self._char_width(ch) * size
            if current and used + advance > width:
                lines.append(current.rstrip())
                current, used = ch.lstrip(), (advance if ch.strip() else 0.0)
            else:
                current += ch
                used += advance
        if current:
            lines.append(current)
        return lines

    def save(self) -> int:
        self._footer()
        self.canvas.showPage()
        self.canvas.save()
        return self.number


def _paragraph(pages: _Pages, text: str, size: float, x: float, width: float, align: str = "left",
               gap: float = 0.35) -> None:
    for line in pages.wrap(text, width, size):
        pages.ensure(size * LEADING)
        anchor = {"left": x, "centre": x + width / 2, "right": x + width}[align]
        pages.text(anchor, pages.y, line, size, align)
        pages.y += size * LEADING
    pages.y += gap * size


def _text_line(pages: _Pages, item: TextLine, x: float, width: float) -> None:
    cells = [cell for cell in item.cells if cell]
    if not cells:
        return
    if len(cells) >= 2:   # a 目录 entry: the title, and the page number at the right margin
        size = 10.0
        pages.ensure(size * LEADING)
        pages.text(x, pages.y, " ".join(cells[:-1]), size)
        pages.text(x + width, pages.y, cells[-1], size, "right")
        pages.y += size * LEADING * 1.2
        return
    _paragraph(pages, cells[0], 10.0, x, width)


# ---- tables


@dataclass
class _Box:
    row: int            # first header row / body row index
    col: int
    rows: int           # rows spanned
    cols: int           # columns spanned
    text: str


def header_boxes(header: list[tuple[str, ...]], width: int) -> list[_Box]:
    """The header's cells as merged boxes: a label spans the blank cells to its right that have labels under
    them in a lower header row, and the blank cells under it when nothing lower is printed there. Blank slots
    no label covers are boxes of their own."""
    n = len(header)
    grid = [list(row) + [""] * (width - len(row)) for row in header]
    owner: dict[tuple[int, int], int] = {}
    boxes: list[_Box] = []
    for r in range(n):
        for c in range(width):
            if (r, c) in owner or not grid[r][c]:
                continue
            c1 = c + 1
            while (c1 < width and not grid[r][c1] and (r, c1) not in owner
                   and any(grid[lower][c1] for lower in range(r + 1, n))):
                c1 += 1
            r1 = r + 1
            if c1 == c + 1:
                while r1 < n and not grid[r1][c] and (r1, c) not in owner:
                    r1 += 1
            box = _Box(r, c, r1 - r, c1 - c, grid[r][c])
            for rr in range(r, r1):
                for cc in range(c, c1):
                    owner[(rr, cc)] = len(boxes)
            boxes.append(box)
    for r in range(n):
        for c in range(width):
            if (r, c) not in owner:
                owner[(r, c)] = len(boxes)
                boxes.append(_Box(r, c, 1, 1, ""))
    return boxes


def column_widths(pages: _Pages, table: SourceTable, layout: Layout, available: float) -> list[float]:
    size = layout.font_size
    amounts = set(amount_columns(table))
    widths = []
    for c in range(table.width):
        natural = max([pages.string_width(row[c], size) for row in table.body if c < len(row)] + [0.0]) + 2 * PAD
        if c in amounts:
            width = layout.amount_width if layout.amount_width is not None else max(natural, 4 * size + 2 * PAD)
        elif all(_CODE.match(row[c]) or not row[c] for row in table.body) and any(row[c] for row in table.body):
            width = max(natural, 3 * size)          # a code column
        else:
            width = layout.name_width if layout.name_width is not None else min(max(natural, 6 * size), 20 * size)
        widths.append(width)
    total = sum(widths)
    if total < available:   # a table fills the width of its page (or column): the spare room goes to the columns
        free = [c for c in range(table.width)           # whose width the layout does not fix
                if (layout.amount_width is None if c in amounts else layout.name_width is None)]
        if free:
            share = (available - total) / sum(widths[c] for c in free)
            for c in free:
                widths[c] *= 1 + share
        return widths
    if total > available:   # too wide for the page: narrow the text columns first, then every column
        text_columns = [c for c in range(table.width) if c not in amounts]
        excess = total - available
        room = sum(max(widths[c] - 6 * size, 0) for c in text_columns)
        if room > 0:
            share = min(1.0, excess / room)
            for c in text_columns:
                widths[c] -= max(widths[c] - 6 * size, 0) * share
        total = sum(widths)
        if total > available:
            widths = [w * available / total for w in widths]
    return widths


def _cell_lines(pages: _Pages, text: str, width: float, size: float) -> list[str]:
    return pages.wrap(text, max(width - 2 * PAD, size), size)


def _body_height(pages: _Pages, row: tuple[str, ...], widths: list[float], layout: Layout) -> float:
    size = layout.font_size
    lines = max(len(_cell_lines(pages, cell, widths[c], size)) for c, cell in enumerate(row))
    return max(layout.row_height, lines * size * LEADING + 2 * PAD)


def _header_heights(pages: _Pages, boxes: list[_Box], rows: int, widths: list[float], layout: Layout) -> list[float]:
    size = layout.font_size
    heights = [layout.row_height] * rows
    for box in sorted(boxes, key=lambda b: b.rows):
        width = sum(widths[box.col:box.col + box.cols])
        need = len(_cell_lines(pages, box.text, width, size)) * size * LEADING + 2 * PAD
        have = sum(heights[box.row:box.row + box.rows])
        if need > have:
            heights[box.row + box.rows - 1] += need - have
    return heights


def _draw_cell_text(pages: _Pages, text: str, x: float, top: float, width: float, height: float, size: float,
                    align: str) -> None:
    lines = _cell_lines(pages, text, width, size)
    block = len(lines) * size * LEADING
    y = top + (height - block) / 2 + (LEADING - 1) * size / 2
    for line in lines:
        if align == "right":
            pages.text(x + width - PAD, y, line, size, "right")
        elif align == "centre":
            pages.text(x + width / 2, y, line, size, "centre")
        else:
            pages.text(x + PAD, y, line, size, "left")
        y += size * LEADING


class _TableDrawer:
    """Draws one table at x with the given column widths, breaking it over pages."""

    def __init__(self, pages: _Pages, table: SourceTable, layout: Layout, x: float, widths: list[float]):
        self.pages, self.table, self.layout, self.x, self.widths = pages, table, layout, x, widths
        self.xs = [x]
        for w in widths:
            self.xs.append(self.xs[-1] + w)
        self.amounts = set(amount_columns(table))
        self.boxes = header_boxes(table.header, table.width)
        self.header_heights = _header_heights(pages, self.boxes, len(table.header), widths, layout)

    @property
    def header_height(self) -> float:
        return sum(self.header_heights)

    def draw(self) -> None:
        pages, layout = self.pages, self.layout
        body = self.table.body
        heights = [_body_height(pages, row, self.widths, layout) for row in body]
        first = heights[0] if heights else 0.0
        pages.ensure(self.header_height + first)
        self._fragment_start(with_header=True)
        for row, height in zip(body, heights):
            if pages.y + height > pages.bottom:
                self._fragment_end()
                pages.new_page()
                pages.stats.continued += 1
                pages.stats.repeated_headers += bool(layout.repeat_header and self.table.header)
                self._fragment_start(with_header=layout.repeat_header)
            self._body_row(row, height)
        self._fragment_end()

    # a fragment: the part of the table on one page
    def _fragment_start(self, with_header: bool) -> None:
        self.top = self.pages.y
        self.header_bottom = self.top
        self.row_tops: list[float] = []
        if with_header and self.table.header:
            self._header()
        self.header_bottom = self.pages.y

    def _header(self) -> None:
        pages, layout = self.pages, self.layout
        tops = [self.pages.y]
        for h in self.header_heights:
            tops.append(tops[-1] + h)
        boxed = layout.ruling in ("full", "columns", "header_grid")
        for box in self.boxes:
            x0, x1 = self.xs[box.col], self.xs[box.col + box.cols]
            t0, t1 = tops[box.row], tops[box.row + box.rows]
            if box.text:
                _draw_cell_text(pages, box.text, x0, t0, x1 - x0, t1 - t0, layout.font_size, "centre")
            if boxed:   # each box draws its bottom and right sides; the first row and column their top and left
                if box.row == 0:
                    pages.hline(x0, x1, t0)
                if box.col == 0:
                    pages.vline(x0, t0, t1)
                pages.hline(x0, x1, t1)
                pages.vline(x1, t0, t1)
        pages.y = tops[-1]

    def _body_row(self, row: tuple[str, ...], height: float) -> None:
        pages, layout = self.pages, self.layout
        top = pages.y
        for c, cell in enumerate(row):
            if not cell:
                continue
            if len(_cell_lines(pages, cell, self.widths[c], layout.font_size)) > 1:
                if c in self.amounts:
                    pages.stats.wrapped_amounts += 1
                else:
                    pages.stats.wrapped_names += 1
            align = "right" if c in self.amounts else "left"
            _draw_cell_text(pages, cell, self.xs[c], top, self.widths[c], height, layout.font_size, align)
        self.row_tops.append(top)
        pages.y = top + height
        x0, x1 = self.xs[0], self.xs[-1]
        if layout.ruling == "full":
            if len(self.row_tops) == 1 and self.header_bottom == self.top:   # no header above on this page
                pages.hline(x0, x1, top)
            pages.hline(x0, x1, top + height)
            for x in self.xs:
                pages.vline(x, top, top + height)
        elif layout.ruling == "horizontal":
            pages.hline(x0, x1, top)
            pages.hline(x0, x1, top + height)

    def _fragment_end(self) -> None:
        pages, layout = self.pages, self.layout
        x0, x1 = self.xs[0], self.xs[-1]
        top, bottom = self.top, pages.y
        if bottom <= top:
            return
        if layout.ruling == "three_line":
            pages.hline(x0, x1, top, 1.0)
            if self.header_bottom > top:
                pages.hline(x0, x1, self.header_bottom, 0.5)
            pages.hline(x0, x1, bottom, 1.0)
        elif layout.ruling == "columns":
            pages.hline(x0, x1, top)
            pages.hline(x0, x1, bottom)
            for x in self.xs:
                pages.vline(x, self.header_bottom, bottom)
        elif layout.ruling == "header_grid":
            pages.hline(x0, x1, bottom)
            pages.vline(x0, self.header_bottom, bottom)
            pages.vline(x1, self.header_bottom, bottom)


def _preamble_line(pages: _Pages, text: str, x: float, width: float) -> None:
    if _UNIT_LINE.search(text) and len(text) <= 12:
        _paragraph(pages, text, 9.0, x, width, "right", gap=0.2)
    elif _ORDINAL.match(text):
        _paragraph(pages, text, 11.0, x, width, "left", gap=0.5)
    else:
        _paragraph(pages, text, 12.0, x, width, "centre", gap=0.3)


def _table_section(pages: _Pages, table: SourceTable, layout: Layout, x: float, width: float) -> None:
    widths = column_widths(pages, table, layout, width)
    drawer = _TableDrawer(pages, table, layout, x, widths)
    first_row = _body_height(pages, table.body[0], widths, layout) if table.body else 0.0
    preamble = sum(len(pages.wrap("".join(t), width, 12.0)) * 12.0 * LEADING + 6 for t in table.preamble)
    pages.ensure(preamble + drawer.header_height + first_row)   # keep the title with the table
    for line in table.preamble:
        if len(line) >= 2:   # 编制部门：XX … 单位：元 on one line
            pages.ensure(9.0 * LEADING)
            pages.text(x, pages.y, line[0], 9.0)
            pages.text(x + width, pages.y, line[-1], 9.0, "right")
            pages.y += 9.0 * LEADING + 2
        elif line:
            _preamble_line(pages, line[0], x, width)
    x_table = x + max(0.0, (width - sum(widths)) / 2)
    drawer.x = x_table
    drawer.xs = [x_table]
    for w in widths:
        drawer.xs.append(drawer.xs[-1] + w)
    drawer.draw()
    pages.y += 4
    for note in table.notes:
        _paragraph(pages, note, 9.0, x, width)
    pages.y += 10


def _attachment(pages: _Pages, attachment: Attachment, layout: Layout) -> None:
    """A 项目绩效目标表, fully ruled: each label spans the blank cells to its right."""
    size = 8.0
    width = max(len(row) for row in attachment.rows)
    rows = [row + ("",) * (width - len(row)) for row in attachment.rows]
    widths = [pages.usable / width] * width
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    pages.ensure(60)
    first = True
    for row in rows:
        spans = []
        c = 0
        while c < width:
            c1 = c + 1
            while c1 < width and not row[c1]:
                c1 += 1
            spans.append((c, c1))
            c = c1
        height = max(max(len(_cell_lines(pages, row[c], xs[c1] - xs[c], size)) for c, c1 in spans) * size * LEADING
                     + 2 * PAD, 16.0)
        if pages.y + height > pages.bottom:
            pages.new_page()
            first = True
        top = pages.y
        for c, c1 in spans:
            if row[c]:
                _draw_cell_text(pages, row[c], xs[c], top, xs[c1] - xs[c], height, size, "left")
            if first:
                pages.hline(xs[c], xs[c1], top)
            if c == 0:
                pages.vline(xs[c], top, top + height)
            pages.hline(xs[c], xs[c1], top + height)
            pages.vline(xs[c1], top, top + height)
        first = False
        pages.y = top + height
    pages.y += 16


def _fits_half(pages: _Pages, table: SourceTable, layout: Layout) -> bool:
    half = (pages.usable - 20) / 2
    size = layout.font_size
    needed = sum(max([pages.string_width(row[c], size) for row in table.body] + [0.0]) + 2 * PAD
                 for c in range(table.width))
    return len(table.body) <= 12 and needed <= half


def render(source: Source, layout: Layout, path: str | Path) -> RenderStats:
    """Lay the (transformed) source out in `layout` and write the PDF; say what was printed."""
    path = Path(path)
    pages = _Pages(path, layout)
    number = {id(table): index for index, table in enumerate(source.tables)}
    items = source.items
    x, width = MARGIN, pages.usable
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, TextLine):
            _text_line(pages, item, x, width)
        elif isinstance(item, Attachment):
            if pages.used:
                pages.new_page()
            _attachment(pages, item, layout)
        else:
            nxt = items[index + 1] if index + 1 < len(items) else None
            if (layout.arrangement == "side_by_side" and isinstance(nxt, SourceTable)
                    and _fits_half(pages, item, layout) and _fits_half(pages, nxt, layout)):
                _side_by_side(pages, item, nxt, layout, number)
                index += 2
                continue
            if layout.arrangement == "new_page" and pages.used:
                pages.new_page()
            pages.table = number[id(item)]
            _table_section(pages, item, layout, x, width)
            pages.table = None
        index += 1
    pages.stats.pages = pages.save()
    return pages.stats


def _side_by_side(pages: _Pages, left: SourceTable, right: SourceTable, layout: Layout, number: dict) -> None:
    half = (pages.usable - 20) / 2
    estimate = 0.0
    for table in (left, right):
        rows = len(table.header) + len(table.body) + len(table.preamble) + len(table.notes) + 2
        estimate = max(estimate, rows * max(layout.row_height, 2 * layout.font_size * LEADING + 2 * PAD) + 40)
    pages.ensure(estimate)
    top = pages.y
    pages.table = number[id(left)]
    _table_section(pages, left, layout, MARGIN, half)
    left_bottom = pages.y
    pages.y = top
    pages.table = number[id(right)]
    _table_section(pages, right, layout, MARGIN + half + 20, half)
    pages.table = None
    pages.y = max(pages.y, left_bottom)
    pages.stats.side_by_side += 1


# --------------------------------------------------------------------------------------------------
# What the recogniser made of a document, comparably


def table_signature(table: m.Table) -> dict:
    """Everything a reading of a table must reproduce: title, unit, the rows (side, label, code, level, kind)
    and, per row, each column role's printed text."""
    return {
        "key": table.key,
        "title": compact(table.title),
        "unit": table.unit,
        "notes": compact("".join(table.notes)),
        "layout_issues": list(table.layout_issues),
        "rows": [(row.side, row.label, row.code, row.level, row.kind,
                  tuple(sorted((role, cell.text) for role, cell in row.cells.items()))) for row in table.rows],
    }


def disclosure_signature(disclosure: m.Disclosure) -> dict[str, dict]:
    return {key: table_signature(table) for key, table in disclosure.tables.items()}


def figure_signature(disclosure: m.Disclosure) -> dict[str, tuple]:
    from budget_audit.figures import key_figures

    return {name: (f"{figure.value:f}", figure.printed, figure.unit, figure.table)
            for name, figure in key_figures(disclosure).items() if figure is not None}


def signature_diff(expected: dict, actual: dict, per_table: int = 3) -> list[str]:
    """Readable differences between two disclosure signatures (per table key)."""
    out = []
    for key in sorted(set(expected) | set(actual)):
        if key not in actual:
            out.append(f"{key}: missing")
            continue
        if key not in expected:
            out.append(f"{key}: extra table {actual[key]['title']}")
            continue
        e, a = expected[key], actual[key]
        for part in ("title", "unit", "notes", "layout_issues"):
            if e[part] != a[part]:
                out.append(f"{key} {part}: {e[part]!r} != {a[part]!r}")
        if e["rows"] != a["rows"]:
            rows_e, rows_a = e["rows"], a["rows"]
            wrong = [i for i in range(max(len(rows_e), len(rows_a)))
                     if (rows_e[i] if i < len(rows_e) else None) != (rows_a[i] if i < len(rows_a) else None)]
            out.append(f"{key} rows: {len(rows_e)} expected, {len(rows_a)} read, {len(wrong)} differ")
            for i in wrong[:per_table]:
                out.append(f"  row {i}: expected {rows_e[i] if i < len(rows_e) else None}")
                out.append(f"  {' ' * len(str(i))}      read {rows_a[i] if i < len(rows_a) else None}")
    return out


# --------------------------------------------------------------------------------------------------
# Mutants


@dataclass(frozen=True)
class AmountCell:
    table: int          # index among the source's tables
    key: str | None
    row: int            # body row
    column: int
    text: str
    unit: str


def amount_cells(source: Source) -> list[AmountCell]:
    """Every non-zero amount printed in the body of a table."""
    cells = []
    for t, table in enumerate(source.tables):
        columns = set(amount_columns(table))
        for r, row in enumerate(table.body):
            for c, text in enumerate(row):
                if c in columns and is_amount(text) and "%" not in text and Decimal(text.replace(",", "")) != 0:
                    cells.append(AmountCell(t, table.key, r, c, text, table.unit))
    return cells


def raised(text: str, unit: str = "万元") -> str:
    """The amount plus 1 (万元; plus 100 in a table printed in 元, where 1 would pass for a rounding tail),
    printed with the same decimals and thousands separators."""
    value = Decimal(text.replace(",", ""))
    decimals = len(text.split(".")[1]) if "." in text else 0
    new = value + (100 if unit == "元" else 1)
    out = f"{new:,.{decimals}f}" if "," in text else f"{new:.{decimals}f}"
    return out


def mutated(source: Source, cell: AmountCell, text: str) -> Source:
    tables = source.tables
    target = tables[cell.table]
    assert target.body[cell.row][cell.column] == cell.text
    row = list(target.body[cell.row])
    row[cell.column] = text
    body = list(target.body)
    body[cell.row] = tuple(row)
    changed = replace(target, body=body)
    items = [changed if item is target else item for item in source.items]
    return Source(source.name, items)
