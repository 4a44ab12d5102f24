"""B — balance identities of the summary tables."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import BEYOND_THE_YEAR, SUMMARY_TABLES, amount_roles, item_rows, printed

ERROR = m.Severity.ERROR


@rule("B001", ERROR, zh="收入总计不等于支出总计", en="Income total differs from expenditure total",
      summary_zh="收支总表与财政拨款收支总表：收入总计 = 支出总计。",
      summary_en="Summary tables: 收入总计 = 支出总计.")
def balanced(disclosure: m.Disclosure, ctx: Context):
    """What: in 收支总表 and 财政拨款收支总表 (and the 决算 总表) the grand totals of the two sides are equal.

    Why: a budget balances by construction: every yuan received is assigned to an expenditure or carried
    forward.

    Formula: 收入总计 = 支出总计.

    Tolerance: exact (the same quantity printed twice; a gap of one display unit is a rounding note).

    Example: the sample's 收支总表 351.16 = 351.16; 财政拨款收支总表 351.16 = 351.16.
    """
    for key in SUMMARY_TABLES:
        table = disclosure.tables.get(key)
        if table is None:
            continue
        # without carry-over lines some templates print only 收入合计/支出合计: those are then the totals
        income = table.find_row(kind=m.GRAND_TOTAL, side=m.INCOME) or table.find_row(kind=m.CURRENT_TOTAL, side=m.INCOME)
        expenditure = (table.find_row(kind=m.GRAND_TOTAL, side=m.EXPENDITURE)
                       or table.find_row(kind=m.CURRENT_TOTAL, side=m.EXPENDITURE))
        if income is None or expenditure is None or m.TOTAL not in income.cells or m.TOTAL not in expenditure.cells:
            ctx.skip("B001", f"{key}: 收入总计 or 支出总计 not found")
            continue
        yield from ctx.same_check("B001", income.cells[m.TOTAL], expenditure.cells[m.TOTAL],
                                  (f"{key} 收入总计应等于支出总计", f"{key}: income total should equal expenditure total"))


@rule("B002", ERROR, zh="总计与本年合计、结转不符", en="Grand total differs from current year plus carry-over",
      summary_zh="收入总计 = 本年收入合计 + 上年结转（+ 使用非财政拨款结余）；支出总计 = 本年支出合计 + 年终结转。",
      summary_en="Income total = current income + carry-over (+ surplus used); expenditure total = current + carried forward.")
def grand_totals(disclosure: m.Disclosure, ctx: Context):
    """What: in the summary tables, 收入总计 = 本年收入合计 + 上年结转 (+ 使用非财政拨款结余 / 用事业基金弥补
    收支差额) and 支出总计 = 本年支出合计 + 年终结转 (结转下年; in a 决算 also 结余分配), the latter in every
    expenditure column. When the 上年结转 line is left blank but its fund rows are printed, their sum is used.

    Why: the grand totals must be made of the lines printed above them.

    Formula: 收入总计 = 本年收入合计 + 上年结转 (+ 结余); 支出总计[col] = 本年支出合计[col] + 年终结转[col].

    Tolerance: TOL_SUM(k).

    Example: the sample: 351.16 = 351.16 + 0 on both sides of both tables.
    """
    for key in SUMMARY_TABLES:
        table = disclosure.tables.get(key)
        if table is None:
            continue
        for side, extra_kinds in BEYOND_THE_YEAR.items():
            grand = table.find_row(kind=m.GRAND_TOTAL, side=side)
            current = table.find_row(kind=m.CURRENT_TOTAL, side=side)
            if grand is None or current is None:
                continue
            extras = [row for row in table.rows if row.side == side and row.kind in extra_kinds]
            for role in amount_roles(table, side):
                total = grand.cells.get(role)
                parts = [current.cells[role]] if role in current.cells else []
                for extra in extras:
                    parts.extend(_carry_cells(table, extra, role))
                if total is None or (total.blank and not printed(parts)):
                    continue
                what = (f"{key} {grand.label}应等于{current.label}加结转（{total.column.split('/')[-1]}列）",
                        f"{key}: {grand.label} should equal {current.label} plus carry-over")
                yield from ctx.sum_check("B002", total, parts, what)


def _carry_cells(table: m.Table, row: m.Row, role: str) -> list[m.Cell]:
    cell = row.cells.get(role)
    if cell is not None and not cell.blank:
        return [cell]
    if row.kind == m.CARRYOVER_ROW:
        funds = [r.cells[role] for r in item_rows(table, row.side) if r.group == "carryover" and role in r.cells]
        if printed(funds):
            return funds
    return [cell] if cell is not None else []
