"""H — hierarchy roll-ups: 类 = Σ 款, 款 = Σ 项 (function codes); 类 = Σ 款 (economic codes)."""
from __future__ import annotations

from collections import Counter

from budget_audit import model as m
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import ECONOMIC_TABLES, FUNCTION_TABLES, check_column_sums, coded_rows, item_rows, sides

ERROR = m.Severity.ERROR


def _roll_up(ctx: Context, rule_id: str, table: m.Table, parent: m.Row, children: list[m.Row]):
    name = f"{parent.code or ''} {parent.label}".strip()
    what = (f"{table.key} “{name}”应等于其下级科目之和", f"{table.key}: “{name}” should equal the sum of its sub-items")
    yield from check_column_sums(ctx, rule_id, table, parent, children, what)


@rule("H001", ERROR, zh="功能分类科目层级汇总不符", en="Function-code roll-up does not add up",
      summary_zh="类 = 其下各款之和，款 = 其下各项之和，逐列核对；并检查编码结构。",
      summary_en="类 = Σ its 款, 款 = Σ its 项, in every column; plus code-structure notes.")
def function_roll_up(disclosure: m.Disclosure, ctx: Context):
    """What: in tables listed by 支出功能分类, every 类 row (3-digit code) equals the sum of the 款 rows
    (5 digits) under it, and every 款 equals the sum of its 项 rows (7 digits), in every amount column.
    Structure notes (INFO): a code that is not 3, 5 or 7 digits, a code printed twice, a 项 or 款
    printed without its parent.

    Why: the parent rows are what the summary tables carry forward; a roll-up that fails means either the
    parent or one of the children is mistyped.

    Formula: row(类)[col] = Σ row(款)[col]; row(款)[col] = Σ row(项)[col].

    Tolerance: TOL_SUM(k).

    Example: the sample's 支出总表: 20801 283.61 = 217.11 + 0.5 + 5 + 2 + 5 + 5 + 49; 208 324.47 = 283.61 + 40.86.
    """
    for table in disclosure.tables.values():
        if table.key not in FUNCTION_TABLES:
            continue
        for side in sides(table):
            for rows in _by_unit(coded_rows(table, side)):
                yield from _function_blocks(ctx, table, rows)


def _by_unit(rows: list[m.Row]) -> list[list[m.Row]]:
    """The rows of each 预算单位 block (one block when the table is not broken down by unit)."""
    blocks: dict[str | None, list[m.Row]] = {}
    for row in rows:
        blocks.setdefault(row.unit, []).append(row)
    return list(blocks.values())


def _once(rows: list[m.Row]) -> list[m.Row]:
    """A row printed again right below itself, same code and same amounts (无锡发改 2025: 21999 其他支出 502.00
    twice, the second standing for its 项) is one row: the structure note names the repeated code."""
    kept: list[m.Row] = []
    for row in rows:
        previous = kept[-1] if kept else None
        if previous is not None and previous.code == row.code and \
                {k: c.text for k, c in previous.cells.items()} == {k: c.text for k, c in row.cells.items()}:
            continue
        kept.append(row)
    return kept


def _function_blocks(ctx: Context, table: m.Table, rows: list[m.Row]):
    by_code = {row.code: row for row in rows}
    yield from _structure_notes(ctx, table, rows, by_code)
    rows = _once(rows)
    for parent in rows:
        if len(parent.code) not in (3, 5):
            continue
        children = [row for row in rows if len(row.code) == len(parent.code) + 2 and row.code.startswith(parent.code)]
        if children:
            yield from _roll_up(ctx, "H001", table, parent, children)


def _structure_notes(ctx: Context, table: m.Table, rows: list[m.Row], by_code: dict[str, m.Row]):
    counts = Counter(row.code for row in rows)
    for code, count in counts.items():
        if count > 1:
            row = by_code[code]
            yield ctx.info("H001", (f"{table.key} 科目编码 {code} 出现 {count} 次", f"{table.key}: code {code} appears {count} times"),
                           [m.Location(table.key, table.title, row.page, row.printed, None, line=row.line)])
    for row in rows:
        if row.code_printed:
            yield ctx.info("H001", (f"{table.key}“{row.label}”的科目编码印为“{row.code_printed}”，按所在位置应为 {row.code}",
                                    f"{table.key} “{row.label}”: code printed as “{row.code_printed}”; by its position "
                                    f"it is {row.code}"),
                           [m.Location(table.key, table.title, row.page, row.printed, "科目编码", line=row.line)])
    has_parents = any(len(row.code) == 3 for row in rows)
    for row in rows:
        parent = row.code[:-2]
        if len(row.code) in (5, 7) and has_parents and parent not in by_code:
            yield ctx.info("H001", (f"{table.key} 科目 {row.code} {row.label} 未列示其上级科目 {parent}",
                                    f"{table.key}: code {row.code} {row.label} is listed without its parent {parent}"),
                           [m.Location(table.key, table.title, row.page, row.printed, None, line=row.line)])


@rule("H002", ERROR, zh="经济分类科目层级汇总不符", en="Economic-code roll-up does not add up",
      summary_zh="经济分类“类” = 其下各“款”之和（如 301 = Σ301xx；山西双名称版式按顺序归组）。",
      summary_en="Economic class = Σ its items (301 = Σ 301xx; Shanxi dual-name layout grouped in order).")
def economic_roll_up(disclosure: m.Disclosure, ctx: Context):
    """What: in 基本支出 tables listed by 经济分类, every class row equals the sum of its items: by code
    prefix (301 = Σ 301xx) when codes are printed; in the Shanxi dual-name layout, a class row is a row
    whose amount has no 人员/公用 split and whose name is a class name (工资福利支出, 机关工资福利支出,
    对事业单位经常性补助, 对个人和家庭的补助, 商品和服务支出 …), and its items are the rows that follow
    it up to the next class row.

    Why: the class subtotals carry the 人员经费/公用经费 split and 机关运行经费.

    Formula: 类[col] = Σ 款[col].

    Tolerance: TOL_SUM(k).

    Example: the sample: 501 156.40 = 83.84 + 35.84 + 9.11 + 12.66 + 5.14 + 0.32 + 9.49;
    502 16.42 = 0.96 + 1.00 + 1.20 + 0.30 + 0.50 + 1.43 + 2.87 + 8.16.
    """
    for table in disclosure.tables.values():
        if table.key not in ECONOMIC_TABLES and not _economically_coded(table):
            continue
        for side in sides(table):
            groups = _code_groups(table, side) if _economically_coded(table) else _economic_groups(table, side)
            for parent, children in groups:
                if children:
                    yield from _roll_up(ctx, "H002", table, parent, children)


def _code_groups(table: m.Table, side):
    """Printed codes: each code against the codes two digits longer under it (301 ← 30101 ← 3010101)."""
    def under(row: m.Row, parent: m.Row) -> bool:
        # 301 can stand twice, once under 501 (机关) and once under 505 (事业): match the 政府 code too
        same_government = not (row.gov_code and parent.gov_code) or row.gov_code.startswith(parent.gov_code)
        return len(row.code) == len(parent.code) + 2 and row.code.startswith(parent.code) and same_government

    return [(parent, [row for row in rows if under(row, parent)])
            for rows in _by_unit([row for row in coded_rows(table, side) if row.code[0] in "35"]) for parent in rows]


def _economically_coded(table: m.Table) -> bool:
    """A list table (机关运行经费表, 三公 detail) printed by economic code: 302, 30201 …"""
    rows = item_rows(table)
    codes = [row.code for row in rows if row.code]
    return bool(codes) and len(codes) == len(rows) and all(code[0] in "35" for code in codes) and any(
        len(code) == 3 for code in codes)


def _economic_groups(table: m.Table, side):
    groups: list[tuple[m.Row, list[m.Row]]] = []
    for row in table.rows:
        if row.side != side or row.kind != m.ITEM:
            if row.kind != m.ITEM:
                groups.append((row, None))   # a total row closes the current group
            continue
        if row.level == "类":
            groups.append((row, []))
        elif groups and groups[-1][1] is not None and row.level == "款":
            groups[-1][1].append(row)
    return [(parent, children) for parent, children in groups if children is not None]
