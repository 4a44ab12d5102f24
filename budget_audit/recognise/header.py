"""The header of a table block: every line above its first line of data, less the preamble printed above
the table (preparer, unit), and the header's column paths."""
from __future__ import annotations

import re

from budget_audit.money import looks_like_amount
from budget_audit.read.layout import SourceLine
from budget_audit.read.normalise import compact
from budget_audit.recognise import catalogue as cat
from budget_audit.recognise.patterns import CODE, ORDINAL_PREFIX, SPLIT_CODE

_PREPARER = re.compile(r"^(编制单位|编制部门|预算单位|单位名称|部门名称|部门\(单位\)|部门|单位)\s*[:：]")
_THREE_PUBLIC_HEADER = re.compile(r"因公出国|公务接待|公务用车|购置|运行|机关运行经费|三公")


def is_preparer_line(line: SourceLine) -> bool:
    """编制单位:XX局 printed above the header: it names the unit, it does not head a column."""
    cells = [cell for cell in line.cells if cell]
    return 1 <= len(cells) <= 2 and bool(_PREPARER.match(cells[0]))


def header_length(rows: list[SourceLine]) -> int:
    """The header is every line above the first line of data, whatever its words (序号, 备注, 单位编码 …).
    A table that prints no amount or code at all (an empty table) keeps the older reading: the leading lines
    made of header words."""
    if any(_prints_figures(line) for line in rows):
        return next(index for index, line in enumerate(rows) if _is_data_line(line))
    count = 0
    while count < len(rows) and _is_header_row(rows[count]):
        count += 1
    return count


def _content_cells(line: SourceLine) -> list[str]:
    """The printed cells of a line that may carry the table's content: none for a 栏次 row or a preamble line."""
    cells = [cell for cell in line.cells if cell]
    if not cells or is_column_numbers(cells) or is_preparer_line(line) or _is_preamble_text(line):
        return []
    return cells


def _prints_figures(line: SourceLine) -> bool:
    return _figures_in(_content_cells(line))


def _figures_in(cells: list[str]) -> bool:
    return any(looks_like_amount(cell) or CODE.match(cell) or SPLIT_CODE.match(cell) for cell in cells)


def _is_data_line(line: SourceLine) -> bool:
    """A line that carries the table's content: an amount or a code, a numbered label (一、…), a class name
    in the first cells, or a 合计 standing alone or before amounts."""
    cells = _content_cells(line)
    if not cells:
        return False
    if _figures_in(cells):
        return True
    first_index = next(index for index, cell in enumerate(line.cells) if cell)
    first = compact(cells[0])
    if first_index > 1:
        return False
    if ORDINAL_PREFIX.match(first) or cat.class_code(cat.strip_ordinal(first)):
        return True
    return len(cells) == 1 and bool(cat.TOTAL_LABEL.match(cat.strip_ordinal(first)))


_UNIT_DECLARATION = re.compile(r"^(金额)?单位[:：]?\s*(万元|元|千元|亿元)$")
_UNIT_CODE_NAME = re.compile(r"^\d{3,}[-－—]\S+$")   # 606-湖州市交通运输局: the preparer, by code and name


def _is_preamble_text(line: SourceLine) -> bool:
    """The preparer and unit printed above a table (单位名称XX局 | 单位万元; 606-XX局), however punctuated."""
    cells = [compact(cell) for cell in line.cells if cell]
    if not cells or len(cells) > 2:
        return False
    return any(_UNIT_DECLARATION.match(cell) for cell in cells) or all(_UNIT_CODE_NAME.match(cell) for cell in cells)


def without_preamble(header: list[SourceLine], body: list[SourceLine]) -> list[SourceLine]:
    """Header lines that head columns. With geometry, a line above the table's ruled or aligned block (the
    preparer, a unit line) is not part of the header when the block has header lines of its own."""
    header = [line for line in header if not _is_preamble_text(line)]
    block = next((line.block for line in body if line.block), None)
    if block is None or not any(line.block == block for line in header):
        return header
    first_inside = next(index for index, line in enumerate(header) if line.block == block)
    return [line for index, line in enumerate(header) if index >= first_inside or line.block is not None]


def _is_header_row(line: SourceLine) -> bool:
    cells = [cell for cell in line.cells if cell]
    if not cells:
        return True
    if is_column_numbers(cells) or is_preparer_line(line):
        return True
    if len(cells) > 1 and any(_THREE_PUBLIC_HEADER.search(cell) for cell in cells) and not any(
            looks_like_amount(cell) for cell in cells):
        return True   # the MOF “三公” table: its items are column headings
    if _figures_in(cells):
        return False
    first_index = next(index for index, cell in enumerate(line.cells) if cell)
    first = compact(cells[0])
    if ORDINAL_PREFIX.match(first):
        return False
    # A lone 合计 in the name columns is a (blank) total row; 合计 beside other labels is a header.
    if first_index <= 1 and len(cells) == 1 and cat.TOTAL_LABEL.match(cat.strip_ordinal(first)):
        return False
    if not line.cells[0] and first_index >= 1 and len(cells) > 1:
        return True   # a header row under spanning headings: data rows are labelled in their first cell
    return all(cat.HEADER_WORDS.search(compact(cell)) for cell in cells)


def level_labels_beside_total(line: SourceLine) -> tuple[SourceLine, SourceLine] | None:
    """Shanghai's 决算 prints 类 | 款 | 项 on the same line as the 合计 row: split them into a header line
    and the total row."""
    labels = [index for index, cell in enumerate(line.cells) if compact(cell) in ("类", "款", "项")]
    if len(labels) < 2 or labels != list(range(len(labels))) or not any(looks_like_amount(c) for c in line.cells):
        return None
    heading = tuple(cell if index in labels else "" for index, cell in enumerate(line.cells))
    rest = tuple("" if index in labels else cell for index, cell in enumerate(line.cells))
    return SourceLine(heading, line.lineno, line.page), SourceLine(rest, line.lineno, line.page)


def total_in_line(line: SourceLine, width: int) -> SourceLine:
    """A 合计 row printed alone at the top of a page (no header above it to align with) has fewer cells than
    the table: its amounts belong in the right-most columns."""
    cells = line.cells
    if not (1 < len(cells) < width and cat.TOTAL_LABEL.match(compact(cells[0]))
            and all(looks_like_amount(cell) for cell in cells[1:])):
        return line
    return SourceLine((cells[0],) + ("",) * (width - len(cells)) + tuple(cells[1:]), line.lineno, line.page)


def is_column_numbers(cells: list[str]) -> bool:
    """The 栏次 row of some templates: the columns numbered 1, 2, 3 … (perhaps after 栏次/行次 or a letter)."""
    numbers = [cell for cell in cells if not re.match(r"^(\*+|栏次|行次|[甲乙丙丁]|项目|科目)$", cell)]
    return len(numbers) >= 2 and numbers == [str(n) for n in range(1, len(numbers) + 1)]


def _spans_to(line: SourceLine, origin: int, column: int) -> bool:
    """Whether the label printed in column `origin` may head `column`: without positions, always; with them,
    when its cell reaches over the middle of that column's."""
    slots = line.slots
    if slots is None or origin >= len(slots) or column >= len(slots) or not slots[origin] or not slots[column]:
        return True
    return slots[origin][1] > (slots[column][0] + slots[column][1]) / 2


def header_paths(header: list[SourceLine], body: list[SourceLine]) -> dict[int, list[str]]:
    """Column index → its header labels, outermost first. Upper header rows span the columns to their right
    until the next label, where a lower row has labels under them."""
    width = max((len(line.cells) for line in header + body), default=0)
    grid = [list(line.cells) + [""] * (width - len(line.cells)) for line in header]
    for r in range(len(grid) - 1):
        origin = 0   # the column the label being spread is printed in
        for c in range(1, width):
            if c - 1 < len(header[r].cells) and header[r].cells[c - 1]:
                origin = c - 1
            if (not grid[r][c] and grid[r][c - 1] and any(grid[lower][c] for lower in range(r + 1, len(grid)))
                    and _spans_to(header[r], origin, c)):
                grid[r][c] = grid[r][c - 1]
    return {c: list(dict.fromkeys(grid[r][c] for r in range(len(grid)) if grid[r][c])) for c in range(width)}
