"""Economic tables printed as blocks side by side, read block after block.

The 决算 basic-expenditure table (FT06) prints 人员经费 and 公用经费 as two (or three) blocks of the same
columns — 科目编码 | 科目名称 | 决算数 — next to each other, and closes each group with a footer
(人员经费合计 … 公用经费合计). Read row by row, such a page has two 合计 columns and codes in three places;
read block by block, it is one ordinary economic table whose classes follow each other in code order.
"""
from __future__ import annotations

from budget_audit.read.layout import SourceLine
from budget_audit.read.normalise import compact


def unfold(header: list[SourceLine], body: list[SourceLine]) -> tuple[list[SourceLine], list[SourceLine]]:
    """The header of one block and the body lines of every block, the first block's first. Tables that are
    not printed as repeated blocks come back unchanged."""
    width = max((len(line.cells) for line in header + body), default=0)
    period = _period(header, width)
    if period is None:
        return header, body
    blocks = range(0, width, period)
    if not any(any(_cells(line, start, period)) for line in body for start in blocks[1:]):
        return header, body
    # a line that names the blocks (人员经费 | 公用经费) heads no column of its own
    block_header = [SourceLine(_cells(line, 0, period), line.lineno, line.page)
                    for line in header if _repeats(line, period, width)]
    stacked = [SourceLine(cells, line.lineno, line.page)
               for start in blocks for line in body if any(cells := _cells(line, start, period))]
    return block_header, stacked


def _period(header: list[SourceLine], width: int) -> int | None:
    """The narrowest block width whose repetition explains the column-heading line nearest the body."""
    labelled = [line for line in header if sum(1 for cell in line.cells if cell) >= 2]
    if not labelled:
        return None
    for period in range(2, width // 2 + 1):
        if width % period == 0 and _repeats(labelled[-1], period, width) \
                and sum(1 for cell in _cells(labelled[-1], 0, period) if cell) >= 2:
            return period
    return None


def _repeats(line: SourceLine, period: int, width: int) -> bool:
    first = [compact(cell) for cell in _cells(line, 0, period)]
    return all([compact(cell) for cell in _cells(line, start, period)] == first for start in range(period, width, period))


def _cells(line: SourceLine, start: int, period: int) -> tuple[str, ...]:
    cells = line.cells[start:start + period]
    return tuple(cells) + ("",) * (period - len(cells))


def fold_purpose_block(header: list[SourceLine], body: list[SourceLine]) -> tuple[list[SourceLine], list[SourceLine]]:
    """Jiangsu's 收支预算总表 prints expenditure twice, by 功能分类 and by 支出用途 (基本支出, 项目支出,
    单位预留机动经费), in two name | amount blocks right of the income block. The purpose block becomes rows
    of its own on the expenditure side; a total printed only under the purpose block (当年支出小计 | | | x)
    belongs to the row it closes."""
    function_at = _heading_index(header, "功能分类")
    purpose_at = _heading_index(header, "支出用途")
    width = max((len(line.cells) for line in header + body), default=0)
    if function_at != 2 or purpose_at != 4 or width != 6:
        return header, body
    folded_header = [SourceLine(("项目名称", "金额", "功能科目名称", "金额"), header[-1].lineno, header[-1].page)]
    folded = []
    for line in body:
        income_name, income, function_name, function, purpose_name, purpose = _cells(line, 0, width)
        if function_name and not function and not purpose_name and purpose:
            function, purpose = purpose, ""
        if any((income_name, income, function_name, function)):
            folded.append(SourceLine((income_name, income, function_name, function), line.lineno, line.page))
        if purpose_name or purpose:
            folded.append(SourceLine(("", "", purpose_name, purpose), line.lineno, line.page))
    return folded_header, folded


def _heading_index(header: list[SourceLine], heading: str) -> int | None:
    for line in header:
        for index, cell in enumerate(line.cells):
            if compact(cell) == heading:
                return index
    return None
