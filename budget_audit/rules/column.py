"""C — column totals: the 合计 row against the rows it totals."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.recognise.catalogue import keys_where
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import (BEYOND_THE_YEAR, ECONOMIC_TABLES, FUNCTION_TABLES, PERSONNEL_CLASSES,
                                       SUMMARY_TABLES, check_column_sums, coded_rows, item_rows, printed, sides,
                                       top_level_rows, total_row)

ERROR = m.Severity.ERROR


@rule("C001", ERROR, zh="合计行不等于各类之和", en="Total row differs from the sum of its classes",
      summary_zh="按功能/经济分类列示的表中，合计 = 各“类”行之和，逐列核对。",
      summary_en="In classified tables, the total row equals the sum of the top-level class rows, in every column.")
def classified_total(disclosure: m.Disclosure, ctx: Context):
    """What: in tables listed by 支出功能分类 (收入总表, 支出总表, 一般公共预算支出表, 基金, 国资) the 合计 row
    equals the sum of the 类 rows (3-digit codes), in every amount column. In economic tables (基本支出表)
    the 合计 equals the sum of the economic classes (301/302/303/310… or 501/502/505/509…). When a table
    lists no 类 rows, the rows with no parent printed above them are used.

    Why: the 合计 row is what the summary tables and the narrative quote; if it does not add up, one of
    the two is wrong.

    Formula: 合计[col] = Σ 类[col].

    Tolerance: TOL_SUM(k) for k non-blank, non-zero class amounts.

    Example: the sample's 支出总表: 合计 351.16 = 324.47 + 9.48 + 17.21; 基本支出 235.93 = 209.24 + 9.48 + 17.21;
    项目支出 115.23 = 115.23. 基本支出表 合计 235.93 = 156.40 + 47.93 + 15.18 + 16.42.

    A 决算 basic-expenditure table printed as two blocks closes them with 人员经费合计 (= 301 + 303) and
    公用经费合计 (= the other classes: 302, 307, 310, 399 …); each footer is checked against its classes.
    普陀区财政局 2024 决算: 人员经费合计 2,152.26 = 2,082.85 + 69.41; 公用经费合计 184.65 = 171.07 + 13.58.
    """
    for table in disclosure.tables.values():
        if table.key not in FUNCTION_TABLES and table.key not in ECONOMIC_TABLES:
            continue
        for side in sides(table):
            total = total_row(table, side)
            classes = top_level_rows(table, side)
            if total is None or not classes:
                continue
            what = (f"{table.key} 合计行应等于各类之和", f"{table.key}: the total row should equal the sum of its classes")
            yield from check_column_sums(ctx, "C001", table, total, classes, what)
        if table.key in ECONOMIC_TABLES:
            yield from _split_totals(ctx, table)


def _split_totals(ctx: Context, table: m.Table):
    """人员经费合计 = Σ 301, 303; 公用经费合计 = Σ the other classes (the footers of a two-block 基本支出表)."""
    classes = top_level_rows(table, None)
    if not classes or any(not row.code or not row.code.startswith("3") for row in classes):
        return
    for footer in (row for row in table.rows if row.kind == m.SPLIT_TOTAL_ROW):
        personnel = footer.item == m.PERSONNEL
        parts = [row for row in classes if (row.code in PERSONNEL_CLASSES) == personnel]
        what = ((f"{table.key} 人员经费合计应等于工资福利支出与对个人和家庭的补助之和",
                 f"{table.key}: 人员经费合计 should equal 301 + 303") if personnel else
                (f"{table.key} 公用经费合计应等于商品和服务支出等公用经费各类之和",
                 f"{table.key}: 公用经费合计 should equal the sum of the public-expense classes"))
        yield from check_column_sums(ctx, "C001", table, footer, parts, what)


@rule("C002", ERROR, zh="总表本年合计不等于各项之和", en="Summary-table totals do not add up",
      summary_zh="收支总表/财政拨款收支总表：本年收入合计 = 各收入来源之和；本年支出合计 = 各类支出之和。",
      summary_en="Summary tables: 本年收入合计 = Σ income sources; 本年支出合计 = Σ expenditure classes.")
def summary_totals(disclosure: m.Disclosure, ctx: Context):
    """What: in 收支总表 and 财政拨款收支总表 (and the 决算 总表), 本年收入合计 equals the sum of the income
    source rows; 本年支出合计 equals the sum of the expenditure class rows, in each expenditure column
    (合计, 当年预算安排, 上年结转安排; or 小计, 一般公共预算, 基金, 国资). In 财政拨款收支总表 the 上年财政
    拨款结转 row equals the sum of its fund rows when those are printed. Where expenditure is printed both by
    class and by purpose (Jiangsu: 基本支出, 项目支出, 单位预留机动经费), 本年支出合计 equals each breakdown.
    A side that prints no 本年合计 line closes with its 总计, which then equals the classes (or sources) plus
    the lines beyond the year (上年结转, 年终结转). A numbered income line printed blank heads its sub-rows
    and is not itself a total.

    Why: these two lines carry the whole budget; the narrative quotes them.

    Formula: 本年收入合计 = Σ sources; 本年支出合计[col] = Σ 类[col]; without 本年支出合计:
    支出总计[col] = Σ 类[col] + 年终结转[col].

    Tolerance: TOL_SUM(k).

    Example: the sample's 收支总表: income 351.16 = 351.16; expenditure 324.47 + 9.48 + 17.21 = 351.16 in both
    合计 and 当年预算安排.
    """
    for key in SUMMARY_TABLES:
        table = disclosure.tables.get(key)
        if table is None:
            continue
        for side in (m.INCOME, m.EXPENDITURE):
            total = table.find_row(kind=m.CURRENT_TOTAL, side=side)
            if total is None:
                yield from _grand_total_without_the_year(ctx, key, table, side)
                continue
            if side == m.INCOME:
                current = [row for row in item_rows(table, side) if row.group in (None, "current")]
                rows = [row for row in current if row.level is None] or [row for row in current if row.level == "sub"]
                rows = _printed_for(rows, {id(parent): children for parent, children in _income_groups(table)})
            else:
                # the expenditure classes; a table that lists expenditure by purpose (基本支出, 项目支出,
                # 单位预留机动经费 in Jiangsu) has no class codes, and then its item rows are the parts
                rows = [row for row in item_rows(table, side) if row.code] or item_rows(table, side)
                purposes = [row for row in item_rows(table, side) if row.item and not row.code]
                if purposes and rows != purposes:
                    # Jiangsu prints the same expenditure twice: by function class and by purpose
                    yield from check_column_sums(ctx, "C002", table, total, purposes, (
                        f"{key} 本年支出合计应等于基本支出、项目支出等用途之和",
                        f"{key}: 本年支出合计 should equal the expenditure by purpose"))
            what = ((f"{key} 本年收入合计应等于各收入来源之和", f"{key}: 本年收入合计 should equal the income sources")
                    if side == m.INCOME else
                    (f"{key} 本年支出合计应等于各类支出之和", f"{key}: 本年支出合计 should equal the expenditure classes"))
            yield from check_column_sums(ctx, "C002", table, total, rows, what)
        yield from _sub_rows(ctx, key, table)
        carryover = table.find_row(kind=m.CARRYOVER_ROW, side=m.INCOME)
        funds = [row for row in item_rows(table, m.INCOME) if row.group == "carryover"]
        if carryover is not None and funds and printed([c for row in funds for c in row.cells.values()]):
            what = (f"{key} 上年结转应等于其分资金来源之和", f"{key}: carry-over should equal its fund rows")
            yield from check_column_sums(ctx, "C002", table, carryover, funds, what)


_DEPTH = {None: 1, "sub": 2, "sub2": 3}


def _grand_total_without_the_year(ctx: Context, key: str, table: m.Table, side: str):
    """A side that prints no 本年收入合计 / 本年支出合计 closes with its 总计 alone (Huzhou's 财政拨款收支总表
    lists the classes and then 支出总计): the 总计 then equals the year's lines plus the lines beyond the year
    (上年结转, 年终结转 …), so a total that the rows above it do not make is still caught."""
    grand = table.find_row(kind=m.GRAND_TOTAL, side=side)
    if grand is None or _blank(grand):
        return   # a 总计 printed blank is reported once, against the other side's (B001)
    if side == m.INCOME:
        rows = [row for row in item_rows(table, side) if row.group in (None, "current") and row.level is None]
    else:
        rows = [row for row in item_rows(table, side) if row.code and row.level == "类"]
    beyond = [row for row in table.rows if row.side == side and row.kind in BEYOND_THE_YEAR[side]]
    if not rows:
        return
    what = (f"{key} {grand.label}应等于各{'收入来源' if side == m.INCOME else '类支出'}与结转之和（表中未列本年合计）",
            f"{key}: {grand.label} should equal the {'income sources' if side == m.INCOME else 'expenditure classes'}"
            " plus carry-over (the table prints no current-year total)")
    yield from check_column_sums(ctx, "C002", table, grand, rows + beyond, what)


def _blank(row: m.Row) -> bool:
    """A row that prints no figure in any of its cells."""
    return all(cell.blank for cell in row.cells.values())


def _printed_for(rows: list[m.Row], children: dict[int, list[m.Row]]) -> list[m.Row]:
    """The rows, each source printed blank above printed sub-rows replaced by them: the blank line is a heading,
    and the total is held to the figures printed under it."""
    out: list[m.Row] = []
    for row in rows:
        parts = children.get(id(row))
        if parts and _blank(row):
            parts = _printed_for(parts, children)
            if printed([cell for part in parts for cell in part.cells.values()]):
                out.extend(parts)
                continue
        out.append(row)
    return out


def _sub_rows(ctx: Context, key: str, table: m.Table):
    """一、财政拨款收入 = 1、一般公共预算 + 2、政府性基金预算 + 3、国有资本经营预算 (numbered sub-rows), at every
    depth of numbering (Xi'an: 1、财政拨款 = (1)一般公共预算拨款 + (2)政府性基金拨款 …)."""
    groups = _income_groups(table)
    below = {id(parent): children for parent, children in groups}
    for parent, children in groups:
        # a numbered line printed with no figure at all heads its sub-rows (一、部门预算 | 1、财政拨款 | (1)一般
        # 公共预算拨款 181716.56): the sum is checked where the figures are, never against the blank heading
        if children and not _blank(parent):
            children = _printed_for(children, below)
            what = (f"{key}“{parent.label}”应等于其下列各项之和", f"{key}: “{parent.label}” should equal its sub-rows")
            yield from check_column_sums(ctx, "C002", table, parent, children, what)


def _income_groups(table: m.Table) -> list[tuple[m.Row, list[m.Row]]]:
    """Each numbered income row with the sub-rows numbered under it. A summary line (本年收入合计) ends a group:
    sub-rows after it have no parent above them. 其中 rows are parts, never added in."""
    groups: list[tuple[m.Row, list[m.Row]]] = []
    open_parents: dict[int, tuple[m.Row, list[m.Row]]] = {}
    for row in table.rows:
        if row.side != m.INCOME or (row.kind == m.ITEM and row.group not in (None, "current")):
            continue
        if row.kind != m.ITEM:
            open_parents.clear()
            continue
        if row.level not in _DEPTH:
            continue
        depth = _DEPTH[row.level]
        if depth - 1 in open_parents:
            open_parents[depth - 1][1].append(row)
        open_parents = {d: group for d, group in open_parents.items() if d < depth}
        open_parents[depth] = (row, [])
        groups.append(open_parents[depth])
    return groups


@rule("C003", ERROR, zh="清单表合计不等于各行之和", en="List-table total differs from the sum of its rows",
      summary_zh="机关运行经费表、项目支出表、政府采购表：合计 = 各行之和。",
      summary_en="Running-cost, project and procurement tables: the total equals the sum of the listed rows.")
def list_totals(disclosure: m.Disclosure, ctx: Context):
    """What: list tables total their rows: 机关运行经费表 单位合计 = Σ unit rows; 项目支出表 (本年预算, 上年结转)
    合计 = Σ project rows; 政府采购预算表 合计 = Σ items. Checked in every amount column, wherever the 合计 row
    is printed (first or last).

    Why: a project left out of the total, or a total typed by hand, shows here.

    Formula: 合计[col] = Σ rows[col].

    Tolerance: TOL_SUM(k).

    Example: the sample's 项目支出表: 2.73 + 38.50 + 5.00 + 5.00 + 2.00 + 27.00 + 10.00 + 5.00 + 20.00 = 115.23 ✓.
    """
    for key in keys_where(lambda table: table.lists):
        table = disclosure.tables.get(key)
        if table is None:
            continue
        total = total_row(table)
        rows = top_level_rows(table) if coded_rows(table) else item_rows(table)
        if total is None or not rows:
            continue
        what = (f"{key} 合计应等于各行之和", f"{key}: the total should equal the sum of the rows")
        yield from check_column_sums(ctx, "C003", table, total, rows, what)
