"""X — identities between tables (budget): the same figure printed in two tables must agree."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.derive import split_by_class
from budget_audit.recognise.catalogue import spec
from budget_audit.rules.base import Context, absent_cell, rule
from budget_audit.rules.common import (FUNDS, INCOME_SOURCES, cell_or_absent, coded_rows, item_rows, printed,
                                       code_cell, derived_cell, income_row, row_by_code, total_is_current_year, total_row,
                                       zero_or_blank)

ERROR, WARNING = m.Severity.ERROR, m.Severity.WARNING


def _tables(disclosure: m.Disclosure, ctx: Context, rule_id: str, *keys: str) -> list[m.Table] | None:
    tables = [disclosure.tables.get(key) for key in keys]
    missing = [key for key, table in zip(keys, tables) if table is None]
    if missing:
        ctx.skip(rule_id, f"table {', '.join(missing)} not in the document")
        return None
    return tables


@rule("X001", ERROR, zh="收支总表本年收入与收入总表不一致", en="Summary income differs from the income table",
      summary_zh="收支总表本年收入合计 = 收入总表合计（本年收入）；两表上年结转一致。",
      summary_en="BT01 本年收入合计 = BT02 total (current-year income); their 上年结转 agree.")
def income_totals(disclosure: m.Disclosure, ctx: Context):
    """What: 收支总表 本年收入合计 equals the 收入总表 合计 of current-year income, and 收支总表 上年结转 equals
    the 收入总表 上年结转 column total. Where the 收入总表 合计 column includes 上年结转 (MOF layout), its 合计
    equals 本年收入合计 + 上年结转.

    Why: the two tables print the same income; one of them is wrong when they differ.

    Formula: BT01.本年收入合计 = BT02.合计[本年]; BT01.上年结转 = BT02.合计[上年结转].

    Tolerance: exact (one display unit → rounding note).

    Example: the sample: 351.16 = 351.16; 上年结转 blank in both.
    """
    tables = _tables(disclosure, ctx, "X001", "BT01", "BT02")
    if not tables:
        return
    summary, income = tables
    current = summary.find_row(kind=m.CURRENT_TOTAL, side=m.INCOME)
    carryover = summary.find_row(kind=m.CARRYOVER_ROW, side=m.INCOME)
    total = total_row(income)
    if current is None or total is None or m.TOTAL not in total.cells:
        ctx.skip("X001", "本年收入合计 or the 收入总表 合计 row not found")
        return
    what = ("收支总表本年收入合计应等于收入总表合计", "BT01 本年收入合计 should equal the BT02 total")
    carry_in_income = cell_or_absent(total, m.CARRYOVER, income, "合计")
    # a source printed below 本年收入合计 (Yantai: 上级补助收入) is still a column of the 收入总表
    beside = [row.cells[m.TOTAL] for row in summary.rows if row.side == m.INCOME and row.kind == m.SURPLUS_USE_ROW
              and row.item in income.roles(None) and m.TOTAL in row.cells and not row.cells[m.TOTAL].blank]
    carry = [] if total_is_current_year(income) or m.CARRYOVER not in total.cells else [carry_in_income]
    if carry or beside:
        yield from ctx.sum_check("X001", total.cells[m.TOTAL], [current.cells[m.TOTAL], *beside, *carry], what)
    else:
        yield from ctx.same_check("X001", current.cells[m.TOTAL], total.cells[m.TOTAL], what)
    if carryover is not None and m.CARRYOVER in total.cells:
        yield from ctx.same_check("X001", carryover.cells[m.TOTAL], carry_in_income,
                                  ("收支总表上年结转应等于收入总表上年结转", "BT01 上年结转 should equal the BT02 carry-over total"))


@rule("X002", ERROR, zh="收支总表收入来源与收入总表不一致", en="Income sources differ between BT01 and BT02",
      summary_zh="每一收入来源：收支总表该行 = 收入总表该列合计。",
      summary_en="Each income source: the BT01 row equals the BT02 column total.")
def income_sources(disclosure: m.Disclosure, ctx: Context):
    """What: for each income source (一般公共预算, 政府性基金, 国有资本经营, 财政专户管理资金, 单位资金 / 事业
    收入 …), the 收支总表 row equals the 合计 of the same column in 收入总表.

    Why: the same amount printed twice; the composition of income must not change between tables.

    Formula: BT01.row(source) = BT02.合计[source].

    Tolerance: exact.

    Example: the sample: 一般公共预算 351.16 = 351.16; the other sources are blank in both.
    """
    tables = _tables(disclosure, ctx, "X002", "BT01", "BT02")
    if not tables:
        return
    summary, income = tables
    total = total_row(income)
    if total is None:
        ctx.skip("X002", "收入总表 合计 row not found")
        return
    for row in item_rows(summary, m.INCOME):
        if row.item not in (*INCOME_SOURCES, m.FISCAL) or row.group not in (None, "current") or m.TOTAL not in row.cells:
            continue
        if row.item not in total.cells:
            if not zero_or_blank(row.cells[m.TOTAL]) and row.level != "sub":
                ctx.skip("X002", f"收入总表 has no column for {row.label}")
            continue
        other = total.cells[row.item]
        if row.cells[m.TOTAL].blank and other.blank:
            continue
        yield from ctx.same_check("X002", row.cells[m.TOTAL], other,
                                  (f"收支总表“{row.label}”应等于收入总表该列合计", f"BT01 “{row.label}” should equal the BT02 column total"))


@rule("X003", ERROR, zh="收支总表支出与支出总表不一致", en="Summary expenditure differs from the expenditure table",
      summary_zh="收支总表本年支出合计 = 支出总表合计；每一类支出 = 支出总表同类合计。",
      summary_en="BT01 本年支出合计 = BT03 total; each class row equals the BT03 class row.")
def expenditure_classes(disclosure: m.Disclosure, ctx: Context):
    """What: 收支总表 本年支出合计 equals 支出总表 合计, and each expenditure class row of 收支总表 equals the
    合计 of the same 类 in 支出总表 (matched by code; the summary table's class names are mapped to codes
    with the 支出功能分类 list).

    Why: the two tables print the same expenditure by class.

    Formula: BT01.本年支出合计 = BT03.合计; BT01.类(c) = BT03.row(c).合计.

    Tolerance: exact.

    Example: the sample: 八 324.47 = 208 324.47; 十 9.48 = 210; 二十 17.21 = 221; the other 27 classes are blank in
    收支总表 and absent from 支出总表.
    """
    tables = _tables(disclosure, ctx, "X003", "BT01", "BT03")
    if not tables:
        return
    summary, spending = tables
    current = summary.find_row(kind=m.CURRENT_TOTAL, side=m.EXPENDITURE)
    total = total_row(spending)
    if current is not None and total is not None and m.TOTAL in total.cells:
        yield from ctx.same_check("X003", current.cells[m.TOTAL], total.cells[m.TOTAL],
                                  ("收支总表本年支出合计应等于支出总表合计", "BT01 本年支出合计 should equal the BT03 total"))
    if not coded_rows(spending):
        ctx.skip("X003", "BT03 prints only its totals (no function classes): classes not compared")
        return
    for row in coded_rows(summary, m.EXPENDITURE):
        other = code_cell(spending, row.code, m.TOTAL)
        mine = row.cells.get(m.TOTAL)
        if mine is None or (mine.blank and other is None):
            continue
        other = other or absent_cell(spending.key, f"{row.code} {row.label}", m.TOTAL, spending.unit)
        yield from ctx.same_check("X003", mine, other,
                                  (f"收支总表“{row.label}”应等于支出总表 {row.code} 合计",
                                   f"BT01 “{row.label}” should equal the BT03 total of {row.code}"))


@rule("X004", ERROR, zh="收入总表与支出总表按科目不一致", en="Income and expenditure tables differ by code",
      summary_zh="按功能科目逐行：收入总表（本年 + 上年结转）= 支出总表合计。",
      summary_en="Row by function code: BT02 (current + carry-over) = BT03 total.")
def income_vs_expenditure(disclosure: m.Disclosure, ctx: Context):
    """What: where 收入总表 is listed by function code (Shanxi and many MOF layouts), each code's income —
    本年收入合计 plus 上年结转 when the 合计 column excludes it — equals the 支出总表 合计 of that code. The
    grand totals are compared the same way.

    Why: a budget spends every income line on the function it was raised for; a code present in one
    table and not in the other, or with another amount, is a typing error.

    Formula: BT02(code).合计 (+ 上年结转) = BT03(code).合计.

    Tolerance: exact, or TOL_SUM(2) when 上年结转 is added.

    Example: the sample: all 19 coded rows are equal (208 324.47 = 324.47 … 2210201 17.21 = 17.21).
    """
    tables = _tables(disclosure, ctx, "X004", "BT02", "BT03")
    if not tables:
        return
    income, spending = tables
    if not coded_rows(income):
        ctx.skip("X004", "收入总表 is not listed by function code")
        return
    add_carryover = total_is_current_year(income)
    pairs = [(row_by_code(income, code), row_by_code(spending, code), code)
             for code in dict.fromkeys([r.code for r in coded_rows(income)] + [r.code for r in coded_rows(spending)])]
    pairs.append((total_row(income), total_row(spending), "合计"))
    for income_line, spending_row, code in pairs:
        left = cell_or_absent(spending_row, m.TOTAL, spending, code)
        right = [cell_or_absent(income_line, m.TOTAL, income, code)]
        if add_carryover and income_line is not None and not zero_or_blank(income_line.cells.get(m.CARRYOVER)):
            right.append(income_line.cells[m.CARRYOVER])
        if not printed([left, *right]):
            continue
        what = (f"支出总表 {code} 合计应等于收入总表 {code}（本年+上年结转）", f"BT03 {code} total should equal BT02 {code} income")
        if len(right) == 1:
            yield from ctx.same_check("X004", right[0], left, (f"收入总表 {code} 应等于支出总表 {code} 合计",
                                                               f"BT02 {code} should equal the BT03 {code} total"))
        else:
            yield from ctx.sum_check("X004", left, right, what)


def _carried_fund(fiscal: m.Table, fund: str) -> m.Cell | None:
    for row in item_rows(fiscal, m.INCOME):
        if row.group == "carryover" and row.item == fund and not zero_or_blank(row.cells.get(m.TOTAL)):
            return row.cells[m.TOTAL]
    return None


@rule("X005", ERROR, zh="财政拨款收支总表收入与收支总表不一致", en="Fiscal appropriation income differs from BT01",
      summary_zh="财政拨款收支总表一般公共预算/基金/国资收入 = 收支总表同名收入；上年财政拨款结转与收支总表上年结转一致。",
      summary_en="BT04 fund incomes equal the BT01 rows; BT04 carry-over matches the fiscal part of BT01's.")
def fiscal_income(disclosure: m.Disclosure, ctx: Context):
    """What: 财政拨款收支总表 income rows 一般公共预算, 政府性基金预算, 国有资本经营预算 equal the same rows of
    收支总表. Its 上年财政拨款结转 equals 收支总表 上年结转 when all income is 财政拨款, and must not exceed it
    otherwise; where the 收入总表 splits its 上年结转 by source (Beijing: 一般公共预算资金 | … | 单位资金), it
    equals the fiscal part of that split.

    Why: 财政拨款 is part of total income; the two tables print it twice.

    Formula: BT04.income(fund) = BT01.income(fund); BT04.上年结转 = (≤) BT01.上年结转, or = Σ BT02.上年结转[fund].

    Tolerance: exact.

    Example: the sample: 一般公共预算 351.16 = 351.16.
    """
    tables = _tables(disclosure, ctx, "X005", "BT01", "BT04")
    if not tables:
        return
    summary, fiscal = tables
    folded = summary.find_row(kind=m.CARRYOVER_ROW, side=m.INCOME) is None
    if not any(income_row(summary, fund) for fund in FUNDS):
        # 收支总表 prints one 财政拨款收入 line without the split by fund: compare it with their sum
        whole, funds = income_row(summary, m.FISCAL), [income_row(fiscal, fund) for fund in FUNDS]
        parts = [row.cells[m.TOTAL] for row in funds if row is not None and m.TOTAL in row.cells]
        if whole is not None and m.TOTAL in whole.cells and parts:
            yield from ctx.sum_check("X005", whole.cells[m.TOTAL], parts,
                                     ("收支总表财政拨款收入应等于财政拨款收支总表各项拨款收入之和",
                                      "BT01 财政拨款 income should equal the BT04 fund incomes"))
        funds_to_compare = ()
    else:
        funds_to_compare = FUNDS
    for fund in funds_to_compare:
        mine, theirs = income_row(fiscal, fund), income_row(summary, fund)
        if mine is None or m.TOTAL not in mine.cells:
            continue
        other = cell_or_absent(theirs, m.TOTAL, summary, mine.label)
        if mine.cells[m.TOTAL].blank and other.blank:
            continue
        carried = _carried_fund(fiscal, fund)
        if folded and carried is not None:
            # 收支总表 folds 上年结转 into each source: it shows this year's plus the carry-over
            yield from ctx.sum_check("X005", other, [mine.cells[m.TOTAL], carried],
                                     (f"收支总表“{other.row}”应等于财政拨款收支总表本年收入与上年结转之和",
                                      f"BT01 “{other.row}” should equal BT04 current income plus carry-over"))
            continue
        yield from ctx.same_check("X005", mine.cells[m.TOTAL], other,
                                  (f"财政拨款收支总表“{mine.label}”应等于收支总表同名收入",
                                   f"BT04 “{mine.label}” should equal the same BT01 income row"))
    mine = fiscal.find_row(kind=m.CARRYOVER_ROW, side=m.INCOME)
    theirs = summary.find_row(kind=m.CARRYOVER_ROW, side=m.INCOME)
    if mine is None or theirs is None:
        return
    mine_cells = [mine.cells[m.TOTAL]] if not zero_or_blank(mine.cells.get(m.TOTAL)) else [
        r.cells[m.TOTAL] for r in item_rows(fiscal, m.INCOME) if r.group == "carryover" and m.TOTAL in r.cells]
    if not printed(mine_cells + [theirs.cells.get(m.TOTAL, absent_cell("BT01", "上年结转", m.TOTAL, summary.unit))]):
        return
    if len(mine_cells) != 1:
        return
    fiscal_part = _fiscal_carryover(disclosure.tables.get("BT02"))
    if fiscal_part:
        # the 收入总表 splits the carry-over by source: its 财政拨款 part is the one BT04 prints
        yield from ctx.sum_check("X005", mine_cells[0], fiscal_part,
                                 ("财政拨款收支总表上年结转应等于收入总表上年结转中的财政拨款部分",
                                  "BT04 carry-over should equal the fiscal part of the BT02 carry-over"))
        return
    non_fiscal = [r for r in item_rows(summary, m.INCOME) if r.item not in FUNDS and not zero_or_blank(r.cells.get(m.TOTAL))]
    what = ("财政拨款收支总表上年结转与收支总表上年结转", "BT04 carry-over against BT01 carry-over")
    check = ctx.at_most_check if non_fiscal else ctx.same_check
    yield from check("X005", mine_cells[0], theirs.cells[m.TOTAL], what)


def _fiscal_carryover(income: m.Table | None) -> list[m.Cell]:
    """The 合计 row's cells of the 收入总表 columns that split its 上年结转 by fund (上年结转结余 | 一般公共预算资金
    | 政府性基金预算资金 | 国有资本经营预算资金 …), when it prints such a split with a non-fiscal part beside."""
    total = total_row(income) if income is not None else None
    if total is None:
        return []
    carried = [c.role for c in income.columns
               if c.role and "结转" in c.label.split("/")[0] and c.role != m.CARRYOVER and c.role in total.cells]
    funds = [total.cells[role] for role in carried if role.split("#")[0] in FUNDS]
    return funds if funds and len(funds) < len(carried) else []


@rule("X006", ERROR, zh="财政拨款收支总表一般公共预算支出与一般公共预算支出表不一致",
      en="General-budget spending differs between BT04 and BT05",
      summary_zh="财政拨款收支总表“一般公共预算”列按类及合计 = 一般公共预算支出表（不含上年结转时加上年结转项目）。",
      summary_en="BT04 general-budget column, per class and in total, equals BT05 (plus BT12 when BT05 excludes carry-over).")
def general_budget_spending(disclosure: m.Disclosure, ctx: Context):
    """What: the 一般公共预算 column of 财政拨款收支总表, per 类 and in total, equals the 一般公共预算支出表 per 类
    and in total. When 一般公共预算支出表 says 不含上年结转, its total plus the 一般公共预算 carry-over projects
    (项目支出表 上年结转) make the BT04 total, and classes are compared only when there is no carry-over.

    Why: the same general-budget spending printed in two tables.

    Formula: BT04[一般公共预算](类) = BT05(类).合计; BT04 total = BT05 合计 (+ BT12 一般公共预算).

    Tolerance: exact (TOL_SUM(2) when the carry-over is added).

    Example: the sample: 324.47 / 9.48 / 17.21 / 351.16 all equal.
    """
    tables = _tables(disclosure, ctx, "X006", "BT04", "BT05")
    if not tables:
        return
    fiscal, general = tables
    carry_table = disclosure.tables.get("BT12")
    carry_total = total_row(carry_table) if carry_table else None
    carry = carry_total.cells.get(m.GENERAL) if carry_total else None
    with_carry = "不含上年结转" in general.title.replace(" ", "") and not zero_or_blank(carry)
    current = fiscal.find_row(kind=m.CURRENT_TOTAL, side=m.EXPENDITURE)
    total = total_row(general)
    if current is not None and total is not None and m.GENERAL in current.cells and m.TOTAL in total.cells:
        what = ("财政拨款收支总表一般公共预算支出合计应等于一般公共预算支出表合计", "BT04 general-budget total should equal the BT05 total")
        if with_carry:
            yield from ctx.sum_check("X006", current.cells[m.GENERAL], [total.cells[m.TOTAL], carry], what)
        else:
            yield from ctx.same_check("X006", current.cells[m.GENERAL], total.cells[m.TOTAL], what)
    if with_carry:
        ctx.skip("X006", "classes not compared: 一般公共预算支出表 excludes 上年结转 and there is carry-over")
        return
    for row in coded_rows(fiscal, m.EXPENDITURE):
        mine = row.cells.get(m.GENERAL)
        other = code_cell(general, row.code, m.TOTAL)
        if mine is None or (mine.blank and other is None):
            continue
        other = other or absent_cell(general.key, f"{row.code} {row.label}", m.TOTAL, general.unit)
        yield from ctx.same_check("X006", mine, other,
                                  (f"财政拨款收支总表“{row.label}”一般公共预算应等于一般公共预算支出表 {row.code}",
                                   f"BT04 “{row.label}” general budget should equal BT05 {row.code}"))


@rule("X007", ERROR, zh="政府性基金/国有资本经营预算与其专表不一致", en="Fund / state-capital spending differs from its table",
      summary_zh="财政拨款收支总表基金列合计 = 基金支出表合计；国资列 = 国资支出表合计；基金收入表 = 总表基金收入。",
      summary_en="BT04 fund column = BT07 total; state-capital column = BT08 total; BT07a = BT01/BT04 fund income.")
def special_budgets(disclosure: m.Disclosure, ctx: Context):
    """What: 财政拨款收支总表 政府性基金预算 column total equals 政府性基金预算支出表 合计; its 国有资本经营预算
    column equals 国有资本经营预算支出表 合计; the Shanxi 政府性基金预算收入表 合计 equals the 政府性基金 income of
    收支总表.

    Why: each special budget is printed in the summary and in its own table.

    Formula: BT04[基金] = BT07.合计; BT04[国资] = BT08.合计; BT07a.合计 = BT01.基金收入.

    Tolerance: exact.

    Example: the sample: all blank and consistent (each table carries a 备注 saying there is none).
    """
    fiscal = disclosure.tables.get("BT04")
    current = fiscal.find_row(kind=m.CURRENT_TOTAL, side=m.EXPENDITURE) if fiscal else None
    for key, role in (("BT07", m.FUND), ("BT08", m.SOE)):
        table, side = disclosure.tables.get(key), m.EXPENDITURE if spec(key).two_sided else None
        if table is None or current is None:
            ctx.skip("X007", f"BT04 or {key} not in the document")
            continue
        total = total_row(table, side)
        if total is None or m.TOTAL not in total.cells or role not in current.cells:
            continue
        yield from ctx.same_check("X007", current.cells[role], total.cells[m.TOTAL],
                                  (f"财政拨款收支总表{'政府性基金' if role == m.FUND else '国有资本经营'}预算支出应等于{key}合计",
                                   f"BT04 {role} spending should equal the {key} total"))
    income_table, summary = disclosure.tables.get("BT07a"), disclosure.tables.get("BT01")
    if income_table is not None and summary is not None:
        total = total_row(income_table)
        fund_row = income_row(summary, m.FUND)
        if total is not None and m.TOTAL in total.cells:
            yield from ctx.same_check("X007", total.cells[m.TOTAL], cell_or_absent(fund_row, m.TOTAL, summary, "政府性基金预算"),
                                      ("政府性基金预算收入表合计应等于收支总表政府性基金收入",
                                       "BT07a total should equal the BT01 fund income"))


@rule("X008", ERROR, zh="一般公共预算支出超过（或不等于）支出总表", en="General-budget spending exceeds total spending",
      summary_zh="逐科目逐列：一般公共预算支出表 ≤ 支出总表；只有一般公共预算收入且无上年结转时应相等。",
      summary_en="Per code and column: BT05 ≤ BT03; equal when the only income is the general budget with no carry-over.")
def general_within_total(disclosure: m.Disclosure, ctx: Context):
    """What: for each function code and each column (合计, 基本支出, 项目支出), the 一般公共预算支出表 amount is
    at most the 支出总表 amount. When 收支总表 shows 一般公共预算 as the only income and no 上年结转, the two
    tables must be equal row by row.

    Why: general-budget spending is part of all spending.

    Formula: BT05(code)[col] ≤ BT03(code)[col] (= when only 一般公共预算).

    Tolerance: exact.

    Example: the sample has only 一般公共预算 income, so BT05 equals BT03 row for row (19 rows × 3 columns) ✓.
    """
    tables = _tables(disclosure, ctx, "X008", "BT03", "BT05")
    if not tables:
        return
    spending, general = tables
    equal = _only_general_income(disclosure)
    shared_roles = [role for role in (m.TOTAL, m.BASIC, m.PROJECT) if role in spending.roles() and role in general.roles()]
    codes = list(dict.fromkeys(row.code for row in coded_rows(general))) if coded_rows(spending) else []
    if not codes:
        ctx.skip("X008", "支出总表 is not listed by function code: only the totals are compared")
    mine_total, their_total = total_row(general), total_row(spending)
    for role in shared_roles:
        pairs = [(code, code_cell(general, code, role), code_cell(spending, code, role)) for code in codes]
        if mine_total is not None and their_total is not None:
            pairs.append(("合计", mine_total.cells.get(role), their_total.cells.get(role)))
        for label, cell, other in pairs:
            if cell is None or (cell.blank and other is None):
                continue
            other = other or absent_cell(spending.key, label, role, spending.unit)
            what = (f"一般公共预算支出表 {label} {cell.column.split('/')[-1]}应{'等于' if equal else '不大于'}支出总表",
                    f"BT05 {label} {role} should {'equal' if equal else 'not exceed'} BT03")
            check = ctx.same_check if equal else ctx.at_most_check
            yield from check("X008", cell, other, what)


def _only_general_income(disclosure: m.Disclosure) -> bool:
    summary = disclosure.tables.get("BT01")
    if summary is None:
        return False
    others = [row for row in item_rows(summary, m.INCOME) if row.item != m.GENERAL and not zero_or_blank(row.cells.get(m.TOTAL))]
    carry = [row for row in summary.rows if row.side == m.INCOME and row.kind in (m.CARRYOVER_ROW, m.SURPLUS_USE_ROW)
             and not zero_or_blank(row.cells.get(m.TOTAL))]
    return income_row(summary, m.GENERAL) is not None and not others and not carry


@rule("X009", ERROR, zh="一般公共预算基本支出与基本支出表不一致", en="Basic spending differs from the basic-expenditure table",
      summary_zh="一般公共预算支出表基本支出合计 = 一般公共预算基本支出表合计。",
      summary_en="BT05 basic-expenditure total = BT06 total.")
def basic_spending(disclosure: m.Disclosure, ctx: Context):
    """What: the 基本支出 total of 一般公共预算支出表 equals the 合计 of 一般公共预算基本支出表.

    Why: the second table breaks the first one's 基本支出 down by economic class.

    Formula: BT05.合计[基本支出] = BT06.合计 (its 一般公共预算 column when BT06 covers every fund).

    Tolerance: exact.

    Example: the sample: 235.93 = 235.93.
    """
    tables = _tables(disclosure, ctx, "X009", "BT05", "BT06")
    if not tables:
        return
    general, basic = tables
    mine, theirs = total_row(general), total_row(basic)
    if mine is None or theirs is None or m.BASIC not in mine.cells or m.TOTAL not in theirs.cells:
        ctx.skip("X009", "合计 rows not found")
        return
    # a 基本支出总表 of every fund (Shenzhen) prints the 一般公共预算 share in a column of its own
    general_share = theirs.cells.get(m.GENERAL) or theirs.cells[m.TOTAL]
    yield from ctx.same_check("X009", mine.cells[m.BASIC], general_share,
                              ("一般公共预算支出表基本支出合计应等于基本支出表合计", "BT05 basic total should equal the BT06 total"))


def _derived_cell(table: m.Table, label: str, rows: list[m.Row]) -> m.Cell:
    return derived_cell(table, [row.cells[m.TOTAL] for row in rows if m.TOTAL in row.cells], label, "按经济分类推算")


@rule("X010", ERROR, zh="人员经费与公用经费之和不等于基本支出", en="Personnel plus public expenses differ from basic spending",
      summary_zh="基本支出表：Σ人员经费 + Σ公用经费 = 合计（分列不可辨时按经济分类归属推算）。",
      summary_en="BT06: Σ personnel + Σ public = total (assigned by economic class when the columns cannot be told apart).")
def personnel_and_public(disclosure: m.Disclosure, ctx: Context):
    """What: in 一般公共预算基本支出表, 人员经费 plus 公用经费 equals the 合计. When the total row prints both
    columns they are used (R001 checks that row); otherwise each item is assigned by its economic class —
    301/303 (政府口径 501, 50501, 509) to 人员经费, 302 and basic 310 (502, 50502, 503/506) to 公用经费 — and the
    two sums are compared with the 合计. The narrative's 人员经费/公用经费 are compared with these (N001).

    Why: 人员经费 and 公用经费 are quoted in the narrative and 公用经费 is the base of 机关运行经费; they must
    account for all basic spending.

    Formula: Σ人员 + Σ公用 = 合计.

    Tolerance: TOL_SUM(2).

    Example: the sample: 人员 219.51 (156.40 + 47.93 + 15.18) + 公用 16.42 = 235.93 ✓.
    """
    table = disclosure.tables.get("BT06")
    if table is None:
        ctx.skip("X010", "table BT06 not in the document")
        return
    total = total_row(table)
    if total is None or m.TOTAL not in total.cells:
        ctx.skip("X010", "BT06 合计 row not found")
        return
    if printed([total.cells.get(m.PERSONNEL, absent_cell("BT06", "", "", table.unit)),
                total.cells.get(m.PUBLIC, absent_cell("BT06", "", "", table.unit))]):
        return   # the total row prints the split: R001 checks it
    split = split_by_class(table)
    if split.unassigned:
        names = "、".join(row.label for row in split.unassigned)
        ctx.skip("X010", f"items with no recognisable economic class: {names}")
        return
    parts = [_derived_cell(table, "人员经费（按经济分类推算）", split.personnel_rows),
             _derived_cell(table, "公用经费（按经济分类推算）", split.public_rows)]
    yield from ctx.sum_check("X010", total.cells[m.TOTAL], parts,
                             ("基本支出表人员经费与公用经费之和应等于合计", "BT06 personnel + public should equal the total"))


@rule("X011", WARNING, zh="机关运行经费与公用经费不符", en="Running costs differ from public expenses",
      summary_zh="机关运行经费 = 一般公共预算基本支出中的公用经费（含事业单位时应不大于）。",
      summary_en="机关运行经费 = public expenses of general-budget basic spending (at most, where 事业单位 exist).")
def running_costs(disclosure: m.Disclosure, ctx: Context):
    """What: 机关运行经费 (机关运行经费表 单位合计, or the Shanghai 三公/机关运行经费 table) equals the 公用经费 of
    一般公共预算 basic spending (302 + basic 310; 政府口径 502 + 503/506) when the whole unit is 行政/参公. Where
    the basic-expenditure table shows 事业单位 spending (505 对事业单位经常性补助), 机关运行经费 covers only the
    机关 part, so it must not exceed 公用经费.

    Why: 机关运行经费 is defined as the 公用经费 of 行政单位 and 参公 units.

    Formula: BT10.合计 = 公用经费 (≤ with 事业单位).

    Tolerance: exact.

    Example: the sample: 16.42 = 502 subtotal 16.42 (the unit also budgets 505, so ≤ is required) ✓.
    """
    tables = _tables(disclosure, ctx, "X011", "BT10", "BT06")
    if not tables:
        return
    running, basic = tables
    total = total_row(running)
    if total is None or m.TOTAL not in total.cells:
        ctx.skip("X011", "机关运行经费表 合计 row not found")
        return
    basic_total = total_row(basic)
    public = basic_total.cells.get(m.PUBLIC) if basic_total else None
    if zero_or_blank(public):
        split = split_by_class(basic)
        public = _derived_cell(basic, "公用经费（按经济分类推算）", split.public_rows)
    has_institutions = any((row.gov_code or "").startswith(("505", "506")) for row in basic.rows)
    what = ("机关运行经费应等于基本支出中的公用经费", "running costs should equal the public expenses of basic spending")
    check = ctx.at_most_check if has_institutions else ctx.same_check
    yield from check("X011", total.cells[m.TOTAL], public, what)


@rule("X012", ERROR, zh="项目支出表与支出总表不一致", en="Project table differs from the expenditure tables",
      summary_zh="项目支出表合计 = 支出总表项目支出；其一般公共预算列 = 一般公共预算支出表项目支出；上年结转项目 ≤ 上年结转。",
      summary_en="BT11 total = BT03 project spending; its general column = BT05 project spending; BT12 ≤ carry-over.")
def project_tables(disclosure: m.Disclosure, ctx: Context):
    """What: 项目支出表（本年预算）合计 equals the 项目支出 total of 支出总表 (all funds, current year); its
    一般公共预算 column equals the 项目支出 total of 一般公共预算支出表. 项目支出表（上年结转）合计 must not exceed
    the 上年结转安排 total of 收支总表 (WARNING if larger).

    Why: the project table lists the projects that make up 项目支出.

    Formula: BT11.合计 = BT03.合计[项目]; BT11.合计[一般公共预算] = BT05.合计[项目]; BT12.合计 ≤ BT01 上年结转.

    Tolerance: exact.

    Example: the sample: 115.23 = 115.23 = 115.23; 项目支出表（上年结转）is empty and 上年结转 is 0.
    """
    projects = disclosure.tables.get("BT11")
    if projects is None:
        ctx.skip("X012", "table BT11 not in the document")
    else:
        total = total_row(projects)
        for key, role, mine_role in (("BT03", m.PROJECT, m.TOTAL), ("BT05", m.PROJECT, m.GENERAL)):
            other = disclosure.tables.get(key)
            other_total = total_row(other) if other else None
            if total is None or other_total is None or mine_role not in total.cells or role not in other_total.cells:
                continue
            yield from ctx.same_check("X012", total.cells[mine_role], other_total.cells[role],
                                      (f"项目支出表{'合计' if mine_role == m.TOTAL else '一般公共预算'}应等于{key}项目支出合计",
                                       f"BT11 {mine_role} should equal the {key} project total"))
    carry_table, summary = disclosure.tables.get("BT12"), disclosure.tables.get("BT01")
    if carry_table is None or summary is None:
        return
    carry_total = total_row(carry_table)
    current = summary.find_row(kind=m.CURRENT_TOTAL, side=m.EXPENDITURE)
    if carry_total is None or current is None or m.TOTAL not in carry_total.cells or m.CARRYOVER not in current.cells:
        return
    yield from ctx.at_most_check("X012", carry_total.cells[m.TOTAL], current.cells[m.CARRYOVER],
                                 ("上年结转项目合计不应超过收支总表上年结转安排", "BT12 total should not exceed BT01 carry-over"),
                                 severity=WARNING)
