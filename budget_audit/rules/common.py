"""Table helpers shared by the rule families: which rows are totals, parents, top-level classes."""
from __future__ import annotations

from decimal import Decimal

from budget_audit import model as m
from budget_audit.recognise.catalogue import ECONOMIC, FUNCTION, NON_AMOUNT_ROLES, keys_where
from budget_audit.rules.base import absent_cell

EXPENDITURE_SPLIT = (m.BASIC, m.PROJECT, m.REMIT, m.OPERATING_EXP, m.SUBSIDY)
FUNDS = (m.GENERAL, m.FUND, m.SOE)
# the lines a summary table adds to the year's total to make its 总计: 上年结转 (+ 使用非财政拨款结余) on the
# income side, 年终结转 (+ 结余分配) on the expenditure side
BEYOND_THE_YEAR = {m.INCOME: (m.CARRYOVER_ROW, m.SURPLUS_USE_ROW),
                   m.EXPENDITURE: (m.CARRYFORWARD_ROW, m.SURPLUS_SHARE_ROW)}
INCOME_SOURCES = (m.GENERAL, m.FUND, m.SOE, m.SPECIAL, m.UNIT_FUNDS, m.BUSINESS, m.OPERATING, m.SUPERIOR,
                  m.AFFILIATED, m.OTHER, m.BALANCE_USED, m.ACCOUNT_BALANCE)
# Key lists derived from the table specs (catalogue.TABLES), for the rules that loop over them.
FUNCTION_TABLES = keys_where(coding=FUNCTION)
ECONOMIC_TABLES = keys_where(coding=ECONOMIC)
SUMMARY_TABLES = keys_where(lambda table: table.summary)
PERSONNEL_CLASSES = ("301", "303")   # 人员经费 by the department economic classification; 公用经费 is the rest


def amount_roles(table: m.Table, side: str | None = None) -> list[str]:
    return [role for role in table.roles(side) if role.split("#")[0] not in NON_AMOUNT_ROLES
            and role not in (m.CHANGE_RATE,)]


def sides(table: m.Table) -> list[str | None]:
    found = {column.side for column in table.columns}
    return [side for side in (m.INCOME, m.EXPENDITURE, None) if side in found]


def total_row(table: m.Table, side: str | None = None) -> m.Row | None:
    """The 合计 row of a list or coded table (the last one when a table prints two)."""
    rows = [row for row in table.rows if row.kind == m.TOTAL_ROW and row.side == side]
    return rows[-1] if rows else None


def item_rows(table: m.Table, side: str | None = None) -> list[m.Row]:
    return [row for row in table.rows if row.kind == m.ITEM and row.side == side]


def coded_rows(table: m.Table, side: str | None = None) -> list[m.Row]:
    return [row for row in table.rows if row.code and row.kind == m.ITEM and row.side == side]


def top_level_rows(table: m.Table, side: str | None = None) -> list[m.Row]:
    """Coded rows with no parent row printed above them: the 类 rows, or whatever stands in their place."""
    classes = [row for row in item_rows(table, side) if row.level == "类"]
    if table.key in ECONOMIC_TABLES and classes:
        return classes
    rows = coded_rows(table, side)
    codes = {row.code for row in rows}
    return [row for row in rows if not any(row.code != other and row.code.startswith(other) for other in codes)]


def row_location(table: m.Table, row: m.Row, column: str | None = None) -> m.Location:
    """Where a row is printed, named as printed (or by its label when the printed name is empty)."""
    return m.Location(table.key, table.title, row.page, row.printed or row.label, column, line=row.line)


def cell_or_absent(row: m.Row | None, role: str, table: m.Table, label: str) -> m.Cell:
    if row is not None and role in row.cells:
        return row.cells[role]
    return absent_cell(table.key, row.printed if row else label, role, table.unit)


def printed(cells: list[m.Cell]) -> bool:
    """True when at least one of the cells prints an amount."""
    return any(not cell.blank for cell in cells)


def zero_or_blank(cell: m.Cell | None) -> bool:
    return cell is None or cell.blank or cell.amount == Decimal(0)


def row_by_code(table: m.Table, code: str, side: str | None = None) -> m.Row | None:
    for row in table.rows:
        if row.code == code and row.side == side and row.kind == m.ITEM:
            return row
    return None


def check_column_sums(ctx, rule_id: str, table: m.Table, total: m.Row, rows: list[m.Row], what: tuple[str, str]):
    """`total` = Σ `rows` in every amount column of its side. A column the total row leaves blank while its
    rows print amounts is skipped for split columns (R001b notes those), never for the 合计 column."""
    for role in amount_roles(table, total.side):
        cell = total.cells.get(role)
        parts = [row.cells[role] for row in rows if role in row.cells]
        if cell is None or (cell.blank and not printed(parts)):
            continue
        if cell.blank and role != m.TOTAL:
            continue
        column = cell.column.split("/")[-1]
        yield from ctx.sum_check(rule_id, cell, parts, (f"{what[0]}（{column}列）", f"{what[1]} (column {column})"))


def total_is_current_year(table: m.Table, side: str | None = None) -> bool:
    """True when the 合计 column is headed 本年 (本年收入合计): 上年结转 is then outside it."""
    column = next((c for c in table.columns if c.role == m.TOTAL and c.side == side), None)
    return column is not None and "本年" in column.label


def code_cell(table: m.Table, code: str, role: str, side: str | None = None) -> m.Cell | None:
    """The amount of `code` in `table`: its row, or the sum of every row printed with that code (a code
    repeated per unit or per economic item) as a derived cell; else the sum of the rows filed under it (a
    class in a table that lists only 项). None when the table has nothing for the code."""
    rows = [r for r in coded_rows(table, side) if r.code == code and role in r.cells]
    if not rows:
        rows = [r for r in top_level_rows(table, side) if r.code.startswith(code) and role in r.cells]
    if len(rows) == 1 and rows[0].code == code:
        return rows[0].cells[role]
    if not rows:
        return None
    cells = [r.cells[role] for r in rows]
    return derived_cell(table, cells, f"{code}（各行之和）", cells[0].column)


def derived_cell(table: m.Table, cells: list[m.Cell], row: str, column: str) -> m.Cell:
    """A figure the table implies but does not print: the sum of `cells`, which it carries as its sources
    (so root-cause grouping sees through it) and whose page it takes."""
    value = sum((cell.amount for cell in cells), Decimal(0))
    return m.Cell(text=f"{value:f}", value=value, unit=table.unit, table=table.key, row=row, column=column,
                  step=max((cell.step for cell in cells), default=table.step), sources=tuple(cells),
                  page=cells[0].page if cells else (table.pages[0] if table.pages else None))


def income_row(table: m.Table | None, source: str) -> m.Row | None:
    """The current-year income row of a summary table for `source` (general, fund, soe, fiscal …)."""
    if table is None:
        return None
    for row in item_rows(table, m.INCOME):
        if row.item == source and row.group in (None, "current"):
            return row
    return None


def statement_location(statement: m.Statement | m.CountClaim | m.VehicleCount | m.UnitComposition) -> m.Location:
    """Where a narrative sentence (or a count it states) is printed: its section, page and paragraph line, with
    its words."""
    return m.Location(table=None, table_title=statement.section, page=statement.page, row=None, column=None,
                      text=statement.text, line=statement.line)
