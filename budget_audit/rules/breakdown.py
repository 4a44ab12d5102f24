"""C004 — tables broken down by 预算单位: each unit's block against its own total, the units against the table's."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import check_column_sums, sides, top_level_rows, total_row

ERROR = m.Severity.ERROR


def unit_blocks(table: m.Table, side: str | None = None) -> list[tuple[m.Row, list[m.Row]]]:
    """Each 预算单位 row of the table with the item rows printed under it, in print order."""
    blocks: list[tuple[m.Row, list[m.Row]]] = []
    for row in table.rows:
        if row.side != side:
            continue
        if row.kind == m.UNIT_TOTAL_ROW:
            blocks.append((row, []))
        elif blocks and row.kind == m.ITEM and row.unit == blocks[-1][0].unit:
            blocks[-1][1].append(row)
    return blocks


@rule("C004", ERROR, zh="预算单位小计不符", en="Unit-breakdown totals do not add up",
      summary_zh="按预算单位分列的表：每个单位行 = 该单位各类之和；合计 = 各单位行之和。",
      summary_en="Tables broken down by 预算单位: each unit row = Σ its classes; the total = Σ the unit rows.")
def unit_totals(disclosure: m.Disclosure, ctx: Context):
    """What: a classified table broken down by 预算单位 (Shenzhen's 支出总表 and 一般公共预算支出表 list every
    unit of the department, each unit's row followed by that unit's own 类/款/项 rows) is read as one block
    per unit. Each unit row equals the sum of its block's 类 rows, in every amount column; the table's total
    (a 合计 row, or the department's own row printed above its units) equals the sum of the unit rows.
    The 类/款/项 roll-ups (H001) are checked inside each block, never across units.

    Why: the units repeat the same codes; read as one list, every unit's rows would be counted as children
    of the previous unit and nothing would add up. Read as blocks, a unit total that does not match its
    rows, or a department total that leaves a unit out, shows here.

    Formula: unit[col] = Σ 类 of the unit's block[col]; 合计[col] = Σ unit[col].

    Tolerance: TOL_SUM(k).

    Example: 深圳市水务局 2026 支出总表: 深圳市水务局 857,808.76 = Σ its units, the first of which,
    深圳市水务局(本级) 178,214.28, = 教育支出 53.60 + 社会保障和就业支出 1,240.61 + ….
    """
    for table in disclosure.tables.values():
        for side in sides(table):
            blocks = unit_blocks(table, side)
            if not blocks:
                continue
            for unit, rows in blocks:
                classes = [row for row in top_level_rows(table, side) if row in rows]
                if classes:
                    what = (f"{table.key} 预算单位“{unit.label}”应等于该单位各类之和",
                            f"{table.key}: unit “{unit.label}” should equal the sum of its classes")
                    yield from check_column_sums(ctx, "C004", table, unit, classes, what)
            total = total_row(table, side)
            if total is not None and len(blocks) > 1:
                what = (f"{table.key} 合计应等于各预算单位之和", f"{table.key}: the total should equal the sum of the units")
                yield from check_column_sums(ctx, "C004", table, total, [unit for unit, _ in blocks], what)
