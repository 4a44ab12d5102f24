"""R — identities within one row: the total column against its component columns."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.money import fmt, pct_interval
from budget_audit.recognise.catalogue import keys_where, spec
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import (EXPENDITURE_SPLIT, FUNDS, INCOME_SOURCES, amount_roles, printed, sides,
                                       total_is_current_year)

ERROR, WARNING, INFO = m.Severity.ERROR, m.Severity.WARNING, m.Severity.INFO


def component_roles(table: m.Table, side: str | None) -> list[str]:
    """The columns that add up to the 合计 column on this side of the table, from the roles it prints."""
    present = set(amount_roles(table, side))
    traits = spec(table.key)
    if side == m.INCOME and traits.summary:
        return []
    if m.CURRENT in present or (m.CARRYOVER in present and traits.summary == "all"):
        return [role for role in (m.CURRENT, m.CARRYOVER) if role in present]
    if traits.split == "personnel_public":
        return [role for role in (m.PERSONNEL, m.PUBLIC) if role in present]
    if present & {m.BASIC, m.PROJECT, m.PERSONNEL}:
        basic = [m.BASIC] if m.BASIC in present else [m.PERSONNEL, m.PUBLIC]
        return [role for role in (*basic, *EXPENDITURE_SPLIT[1:], m.RESERVE) if role in present]
    wanted = [m.FISCAL, *[r for r in INCOME_SOURCES if r not in FUNDS]] if m.FISCAL in present else list(INCOME_SOURCES)
    # a 支出总表 printed by funding source (Xi'an) totals its sources like a 收入总表
    by_source = traits.split == "source" or traits.key in ("BT03", "FT03")
    if (by_source and not total_is_current_year(table, side)) or traits.lists_projects:
        wanted.append(m.CARRYOVER)
    # a source printed in two columns (财政专户: 教育收费 and 其他专户收入) counts with both
    return [role for role in amount_roles(table, side) if role.split("#")[0] in wanted]


SUB_SPLITS = ((m.BASIC, (m.PERSONNEL, m.PUBLIC)), (m.FISCAL, FUNDS))


def _is_subtotal(row: m.Row) -> bool:
    return row.kind != m.ITEM or row.level in ("类", "款") and len(row.code or "") < 7


@rule("R001", ERROR, zh="行合计不等于各组成列之和", en="Row total differs from its component columns",
      summary_zh="每一行的合计列等于其组成列之和（基本+项目、人员+公用、各资金来源……）。",
      summary_en="In every row, the total column equals the sum of its component columns.")
def row_total(disclosure: m.Disclosure, ctx: Context):
    """What: in every row of a table, the 合计 column equals the sum of the columns it is made of:
    收支总表 expenditure 合计 = 当年预算安排 + 上年结转安排; 收入总表 合计 = the income sources (plus 上年结转
    where 合计 is not just 本年收入); 支出总表 / 一般公共预算支出表 / 基金 / 国资 合计 = 基本支出 + 项目支出 (+ 上缴上级、
    经营、对附属单位补助 where printed); 财政拨款收支总表, 三公 (Shanxi), 机关运行经费 and 上年结转 project tables
    合计 = 一般公共预算 + 政府性基金 + 国有资本经营; 基本支出表 合计 = 人员经费 + 公用经费; 项目支出表 合计 = every
    funding column. Subtotal rows are included.

    Why: a row that does not add up means one of its printed amounts is wrong, and every total built
    on it inherits the error.

    Formula: 合计 = Σ component columns.

    Tolerance: TOL_SUM(k) = floor(k/2) display units for k non-blank, non-zero components (k ≤ 1:
    exact). A gap within it is reported as a rounding note (INFO; WARNING in exact-mode documents).

    Example: 支出总表 row 2080101 行政运行: 合计 217.11 = 基本支出 171.11 + 项目支出 46 ✓. The Putuo 司法局
    2026 单位预算 prints 合计 14,348,853.34 = 基本支出 14,348,853.34 and also 项目支出 64,840,547.00: the
    row is short by 64,840,547.00 → ERROR.

    When a subtotal row prints its 合计 but leaves every component column blank, the row is skipped
    and R001b notes it once per table.
    """
    for table in disclosure.tables.values():
        for side in sides(table):
            roles = component_roles(table, side)
            if not roles:
                continue
            blank_subtotals: list[m.Row] = []
            for row in table.rows:
                if row.side != side or m.TOTAL not in row.cells:
                    continue
                total = row.cells[m.TOTAL]
                parts = [row.cells[role] for role in roles if role in row.cells]
                if not printed(parts):
                    if total.blank:
                        continue
                    if len(roles) >= 2 and _is_subtotal(row):
                        blank_subtotals.append(row)
                        continue
                what = (f"{table.key} 行“{row.printed or row.label}”合计应等于各组成列之和",
                        f"{table.key} row “{row.printed or row.label}”: total should equal its components")
                yield from ctx.sum_check("R001", total, parts, what)
                for parent, children in SUB_SPLITS:
                    cells = [row.cells[r] for r in children if r in row.cells]
                    if parent in row.cells and len(cells) >= 2 and printed(cells):
                        yield from ctx.sum_check("R001", row.cells[parent], cells, what)
            if blank_subtotals:
                yield _blank_subtotals_note(ctx, table, blank_subtotals, roles)


def _blank_subtotals_note(ctx: Context, table: m.Table, rows: list[m.Row], roles: list[str]) -> m.Finding:
    columns = [c.label.split("/")[-1] for c in table.columns if c.role in roles]
    listed = "、".join(f"{row.printed or row.label} {fmt(row.cells[m.TOTAL].value)}" for row in rows)
    listed_en = ", ".join(f"{row.printed or row.label} {fmt(row.cells[m.TOTAL].value)}" for row in rows)
    return ctx.info(
        "R001b",
        (f"{table.key}{table.title}：{len(rows)} 个小计/合计行只填了合计，{'/'.join(columns)} 列留空（{listed}），"
         f"无法逐行核对分列",
         f"{table.key}: {len(rows)} subtotal/total rows print only the total and leave {'/'.join(columns)} "
         f"blank ({listed_en}); their split cannot be checked"),
        [m.Location(table.key, table.title, row.page, row.printed or row.label, "、".join(columns), line=row.line)
         for row in rows],
    )


@rule("R001b", INFO, zh="小计行分列留空", en="Split columns left blank on subtotal rows",
      summary_zh="小计/合计行只填合计、组成列留空，无法逐行核对。",
      summary_en="Subtotal rows print a total but leave the component columns blank.", emitted_by="R001")
def _r001b(disclosure, ctx):
    """What: a subtotal or total row prints its 合计 but leaves every component column (人员经费/公用经费,
    基本/项目 …) blank.

    Why: the row cannot be checked (R001 skips it), and readers cannot see the split of the subtotal.
    Many templates do this on purpose, so it is only a note.

    Formula: none; emitted by R001 once per table, listing the rows.

    Example: the sample's 基本支出分经济科目表 prints 工资福利支出 156.40, 对事业单位经常性补助 47.93,
    对个人和家庭的补助 15.18, 商品和服务支出 16.42 and 合计 235.93 with 人员经费/公用经费 blank → INFO.
    """
    return ()


_THREE_PUBLIC_PARTS = {"vehicle": ("vehicle_purchase", "vehicle_operation"),
                       "total": ("abroad", "vehicle", "reception"),
                       "grand_total": ("total", "meeting", "training")}


@rule("R002", ERROR, zh="“三公”经费构成不符", en="“Three public” expenses do not add up",
      summary_zh="公务用车购置及运行费 = 购置费 + 运行费；三公合计 = 出国 + 用车 + 接待。",
      summary_en="Vehicle = purchase + operation; total = abroad + vehicle + reception.")
def three_public(disclosure: m.Disclosure, ctx: Context):
    """What: in the “三公”经费 table, 公务用车购置及运行费 = 公务用车购置费 + 公务用车运行(维护)费, and
    合计 = 因公出国(境)费 + 公务用车购置及运行费 + 公务接待费, in every amount column (合计, 一般公共预算,
    基金, 国资; 上年 and 本年 blocks; 预算数 and 决算数). Where the table also lists 会议费 and 培训费 (Jiangsu),
    its overall 合计 = “三公”经费 + 会议费 + 培训费.

    Why: the three items are the whole of “三公”经费 by definition.

    Formula: vehicle = purchase + operation; total = abroad + vehicle + reception.

    Tolerance: TOL_SUM(2) and TOL_SUM(3) = one display unit. A table that lists its units line by line is
    read from its 合计 line, the column sums of n unit lines: each unit's rounding adds up, so the bound is
    that of the n lines together (合计 346.73 = 117.49 + 85.46 + 143.76 + 0.02 over 13 unit lines).

    Example: the sample's table is empty (0 = 0) and carries a 备注 → PASS.
    """
    for key in keys_where(subject="three"):
        table = disclosure.tables.get(key)
        if table is None:
            continue
        items = {row.item: row for row in table.rows if row.item}
        for parent, children in _THREE_PUBLIC_PARTS.items():
            if parent not in items or not all(child in items for child in children):
                if parent in items and any(child in items for child in children):
                    ctx.skip("R002", f"{key}: {parent} printed without all of its parts")
                continue
            for role in amount_roles(table, items[parent].side):
                total = items[parent].cells.get(role)
                parts = [items[child].cells[role] for child in children if role in items[child].cells]
                if total is None or (total.blank and not printed(parts)):
                    continue
                what = (f"{key} “三公”经费“{items[parent].label}”应等于其构成之和",
                        f"{key}: “{items[parent].label}” should equal the sum of its items")
                yield from ctx.sum_check("R002", total, parts, what, lines=table.summed_lines)


@rule("R003", ERROR, zh="增减额/增减率与本年、上年数不符", en="Year-on-year columns do not match",
      summary_zh="增减额 = 本年 − 上年；增减率 = 增减额 / 上年 × 100（上年为 0 时应留空）。",
      summary_en="Change = current − prior; rate = change / prior × 100 (blank when prior is 0).")
def year_on_year(disclosure: m.Disclosure, ctx: Context):
    """What: where a table prints 上年预算数 (or 上年执行数), 本年预算数 and 增减额 / 增减%, the change
    columns agree with the two years.

    Why: the change columns are derived figures; a mismatch means one of the three amounts is wrong.

    Formula: 增减额 = 本年 − 上年 (ERROR); 增减率 = 增减额 / 上年 × 100, accepted within the printed
    precision interval PCT_OK of §D (WARNING); when 上年 = 0 the rate must be blank or “-”.

    Example: central BT05 row 2010301 行政运行: 本年 1,234.56, 上年 1,200.00, 增减额 34.56 ✓.
    """
    for table in disclosure.tables.values():
        roles = amount_roles(table)
        if m.PRIOR not in roles or m.CHANGE not in roles or m.TOTAL not in roles:
            continue
        for row in table.rows:
            current, prior, change = (row.cells.get(role) for role in (m.TOTAL, m.PRIOR, m.CHANGE))
            if current is None or prior is None or change is None or not printed([current, prior, change]):
                continue
            what = (f"{table.key} 行“{row.printed or row.label}”本年 = 上年 + 增减额",
                    f"{table.key} row “{row.printed or row.label}”: current = prior + change")
            yield from ctx.sum_check("R003", current, [prior, change], what)
            rate = row.cells.get(m.CHANGE_RATE)
            if rate is not None:
                yield from _rate(ctx, table, row, prior, change, rate)


def _rate(ctx: Context, table: m.Table, row: m.Row, prior: m.Cell, change: m.Cell, rate: m.Cell):
    label = row.printed or row.label
    if prior.amount == 0:
        if not rate.blank:
            yield ctx.info("R003", (f"{table.key} 行“{label}”上年数为 0，增减率应留空，却印为 {rate.text}",
                                    f"{table.key} row “{label}”: prior is 0, so the rate should be blank, not {rate.text}"),
                           [m.Location.of_cell(rate, table.title)], severity=m.Severity.WARNING)
        return
    if rate.blank:
        return
    low, high = pct_interval(change.amount, prior.amount, table.step, rate.decimals)
    if not low <= rate.amount <= high:
        yield ctx.info("R003", (f"{table.key} 行“{label}”增减率印为 {rate.text}，按增减额 {change.text} / 上年 {prior.text} "
                                f"应在 {low:.4f}–{high:.4f} 之间",
                                f"{table.key} row “{label}”: rate printed {rate.text}, but change {change.text} / prior "
                                f"{prior.text} allows only {low:.4f} to {high:.4f}"),
                       [m.Location.of_cell(rate, table.title), m.Location.of_cell(change, table.title),
                        m.Location.of_cell(prior, table.title)], severity=m.Severity.WARNING)
