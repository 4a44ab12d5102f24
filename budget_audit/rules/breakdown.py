"""C004 — tables broken down by 预算单位: each unit's block against its own total, the units against the table's."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.recognise.catalogue import spec
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import check_column_sums, sides, top_level_rows, total_row

ERROR = m.Severity.ERROR


def unit_blocks(table: m.Table, side: str | None = None) -> list[tuple[m.Row, list[m.Row]]]:
    """Each 预算单位 or group row with the rows directly under it: the groups one level down (153001 under
    153, a project category under its unit) and the item rows of its own, in print order."""
    rows = [row for row in table.rows if row.side == side]
    blocks = []
    for index, row in enumerate(rows):
        if row.kind != m.UNIT_TOTAL_ROW:
            continue
        inside = []
        for below in rows[index + 1:]:
            if (below.kind == m.UNIT_TOTAL_ROW and below.depth <= row.depth) or below.kind not in (m.ITEM, m.UNIT_TOTAL_ROW):
                break
            inside.append(below)
        groups = [below for below in inside if below.kind == m.UNIT_TOTAL_ROW]
        level = min((below.depth for below in groups), default=None)
        children = [below for below in inside if (below.kind == m.UNIT_TOTAL_ROW and below.depth == level)
                    or (below.kind == m.ITEM and below.unit == row.unit)]
        blocks.append((row, children))
    return blocks


def _top_units(blocks) -> list[m.Row]:
    nested = {id(child) for _, children in blocks for child in children}
    return [row for row, _ in blocks if id(row) not in nested]


@rule("C004", ERROR, zh="预算单位小计不符", en="Unit-breakdown totals do not add up",
      summary_zh="按预算单位分列的表：每个单位行 = 该单位各类之和；合计 = 各单位行之和。",
      summary_en="Tables broken down by 预算单位: each unit row = Σ its classes; the total = Σ the unit rows.")
def unit_totals(disclosure: m.Disclosure, ctx: Context):
    """What: a classified table broken down by 预算单位 (Shenzhen's 支出总表 and 一般公共预算支出表 list every
    unit of the department, each unit's row followed by that unit's own 类/款/项 rows) is read as one block
    per unit. Each unit row equals the sum of its block's 类 rows, in every amount column; the table's total
    (a 合计 row, or the department's own row printed above its units) equals the sum of the unit rows.
    The 类/款/项 roll-ups (H001) are checked inside each block, never across units. A list printed as a tree
    is checked the same way: units by their codes (153 above 153001), and groups of projects found by their
    sums (通用项目 above 大型活动 above 审计培训): each group equals the rows directly under it. A 绩效目标表
    listed by unit is not checked here: it prints each project's amount again on its indicator lines.

    Why: the units repeat the same codes; read as one list, every unit's rows would be counted as children
    of the previous unit and nothing would add up. Read as blocks, a unit total that does not match its
    rows, or a department total that leaves a unit out, shows here.

    Formula: unit[col] = Σ 类 of the unit's block[col]; 合计[col] = Σ unit[col].

    Tolerance: TOL_SUM(k).

    Example: 深圳市水务局 2026 支出总表: 深圳市水务局 857,808.76 = Σ its units, the first of which,
    深圳市水务局(本级) 178,214.28, = 教育支出 53.60 + 社会保障和就业支出 1,240.61 + ….
    """
    for table in disclosure.tables.values():
        if spec(table.key).target_sheet:
            # a 绩效目标表 prints a project's amount again on each of its indicator lines; its money is checked
            # project by project against the 项目支出表 (P002), never as a breakdown
            continue
        for side in sides(table):
            blocks = unit_blocks(table, side)
            if not blocks:
                continue
            classes = top_level_rows(table, side)
            for unit, children in blocks:
                parts = [row for row in children if row.kind == m.UNIT_TOTAL_ROW or row in classes or not row.code]
                if parts:
                    what = (f"{table.key} 预算单位“{unit.label}”应等于其下各行之和",
                            f"{table.key}: unit “{unit.label}” should equal the sum of its rows")
                    yield from check_column_sums(ctx, "C004", table, unit, parts, what)
            total, top = total_row(table, side), _top_units(blocks)
            if total is not None and len(top) > 1:
                what = (f"{table.key} 合计应等于各预算单位之和", f"{table.key}: the total should equal the sum of the units")
                yield from check_column_sums(ctx, "C004", table, total, top, what)
