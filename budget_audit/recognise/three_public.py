"""The “三公”经费 table in the MOF layout: the items are columns (合计, 因公出国(境)费, 公务用车购置及运行费
{小计, 购置费, 运行费}, 公务接待费), sometimes once per year block, sometimes followed by 机关运行经费.
Turned into one row per item, so that the rules read it like the Shanxi layout (items as rows)."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.money import looks_like_amount
from budget_audit.read.layout import SourceLine
from budget_audit.read.normalise import compact
from budget_audit.recognise.catalogue import three_public_item
from budget_audit.recognise.cells import amount_cell

ITEM_NAMES = {"grand_total": "合计(含会议费、培训费)", "total": "“三公”经费合计", "abroad": "因公出国(境)费",
              "vehicle": "公务用车购置及运行费", "vehicle_purchase": "公务用车购置费",
              "vehicle_operation": "公务用车运行(维护)费", "reception": "公务接待费", "meeting": "会议费",
              "training": "培训费", "running_costs": "机关运行经费"}
_TOTAL_WORDS = re.compile(r"^(合计|小计|总计)$")


def is_item_columns(columns: list[m.Column]) -> bool:
    return any("因公出国" in c.label or "公务接待" in c.label for c in columns)


_YEAR = re.compile(r"(20\d\d)年")


def summary_lines(columns: list[m.Column], body: list[SourceLine], final: bool = False) -> list[SourceLine]:
    """The line that carries the table's figures: its 合计 line when units are listed one per line, the
    latest year's line when years are listed one per line (2025年 / 2026年 / 增减变化金额), the 决算数 line
    of a 决算 that prints 预算数 and 决算数 one per line."""
    if final:
        actual = [line for line in body if any("决算" in cell for cell in line.cells[:2])]
        if actual:
            return actual[:1]
    dated = [(int(match.group(1)), line) for line in body
             for match in [_YEAR.search(" ".join(line.cells[:3]))] if match]
    if dated:
        return [max(dated, key=lambda pair: pair[0])[1]]
    names = [c.index for c in columns if c.role == "name"]
    if not names:
        return body
    totals = [line for line in body if _names_a_total(line, names)]
    return totals[:1] or body[:1]


def _names_a_total(line: SourceLine, names: list[int]) -> bool:
    """Whether a line's name cell says 合计 (the line sums the units listed one per line)."""
    return any(index < len(line.cells) and _TOTAL_WORDS.match(compact(line.cells[index])) for index in names)


def _units_summed(columns: list[m.Column], body: list[SourceLine], summary: list[SourceLine]) -> int:
    """The unit lines a 合计 line adds up (each with figures of its own), or 1 when the table prints one line."""
    names = [c.index for c in columns if c.role == "name"]
    if len(summary) != 1 or not _names_a_total(summary[0], names):
        return 1
    figures = [line for line in body if line is not summary[0] and any(looks_like_amount(cell) for cell in line.cells)]
    return max(1, len(figures))


def column_item(path: list[str], with_extras: bool = False) -> str | None:
    """The item a column holds. `with_extras`: the table also lists 会议费/培训费 (Jiangsu), so a 合计 that
    stands under no heading covers them too."""
    labels = [compact(label) for label in path if label]
    for depth in range(len(labels) - 1, -1, -1):
        label = labels[depth]
        if "机关运行经费" in label and not any("三公" in outer for outer in labels[:depth]):
            return "running_costs"
        if label in ("会议费", "培训费"):
            return "meeting" if label == "会议费" else "training"
        if _TOTAL_WORDS.match(label):
            parent_items = [three_public_item(outer) for outer in labels[:depth]]
            parent_items = [item for item in parent_items if item and item != "total"]
            if parent_items:
                return parent_items[-1]
            return "grand_total" if with_extras and not any("三公" in outer for outer in labels[:depth]) else "total"
        item = three_public_item(label)
        if item:
            return item
    return None


def block_role(path: list[str], latest_year: int | None, final: bool) -> str:
    """Which block a column belongs to: this year's figure (TOTAL), the prior year's or the budget (PRIOR),
    or, when the items are split by fund, that fund."""
    labels = [compact(label) for label in path]
    outer = next((label for label in labels if _YEAR.search(label)), labels[0] if labels else "")
    inner = labels[-1] if labels else ""
    fund = {"一般公共预算": m.GENERAL, "政府性基金预算": m.FUND, "国有资本经营预算": m.SOE}.get(inner)
    if fund:
        return fund
    if final:
        return m.PRIOR if "预算" in outer and "决算" not in outer else m.TOTAL
    year = _YEAR.search(outer)
    if "上年" in outer or (year and latest_year and int(year.group(1)) < latest_year):
        return m.PRIOR
    return m.TOTAL


def transpose(table: m.Table, header_paths: dict[int, list[str]], body: list[SourceLine], year: int | None,
              final: bool, page: int | None) -> None:
    rows: dict[str, m.Row] = {}
    with_extras = any(compact(label) in ("会议费", "培训费") for path in header_paths.values() for label in path)
    years = [int(y) for path in header_paths.values() for label in path for y in _YEAR.findall(compact(label))]
    latest_year = max(years) if years else year
    summary = summary_lines(table.columns, body, final)
    table.summed_lines = _units_summed(table.columns, body, summary)
    for line in summary:
        for column in table.columns:
            path = header_paths.get(column.index, [])
            item = column_item(path, with_extras)
            if item is None or column.index >= len(line.cells):
                continue
            role = block_role(path, latest_year, final)
            row = rows.get(item)
            if row is None:
                row = m.Row(label=ITEM_NAMES[item], printed=ITEM_NAMES[item], cells={}, line=line.lineno,
                            page=line.page if line.page is not None else page, item=item,
                            kind=m.TOTAL_ROW if item in ("total", "grand_total") else m.ITEM)
                rows[item] = row
            if role in row.cells:
                continue   # a second data line (e.g. a unit breakdown) is not read into the item rows
            row.cells[role] = amount_cell(line.cells[column.index], role, column, row, table,
                                          line.cell_bbox(column.index))
    order = list(ITEM_NAMES)
    table.rows = sorted(rows.values(), key=lambda row: order.index(row.item))
    roles = sorted({role for row in table.rows for role in row.cells})
    table.columns = [m.Column(index=i, role=role, label="本年" if role == m.TOTAL else "上年/预算")
                     for i, role in enumerate(roles)]
