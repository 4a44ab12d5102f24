"""N — the 情况说明 against the tables, and the narrative's own arithmetic.

Everything here rests on text the tool extracted from free prose, so no finding is ever above WARNING.
"""
from __future__ import annotations

import re
from decimal import Decimal

from budget_audit import model as m
from budget_audit.money import pct_interval, ratio_interval, step_for_decimals, to_yuan
from budget_audit.read.normalise import compact
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import statement_location
from budget_audit.rules.quotes import change_cell, clean_label, mention_cell, table_cell
from budget_audit.rules.units import power_of_ten

WARNING, INFO = m.Severity.WARNING, m.Severity.INFO


def _quoted(disclosure: m.Disclosure):
    """(statement, mention) for every amount of this year the narrative quotes."""
    for statement in disclosure.statements:
        for mention in statement.mentions:
            if not mention.delta and not mention.prior:
                yield statement, mention


@rule("N001", WARNING, zh="情况说明金额与表格不一致", en="Narrative amount differs from the table",
      summary_zh="情况说明引用的金额（收入总计、基本支出、各类支出、人员经费、三公、机关运行经费……）应与表格一致。",
      summary_en="Amounts the narrative quotes (totals, basic/project spending, classes, 三公 …) equal the tables.")
def quoted_amounts(disclosure: m.Disclosure, ctx: Context):
    """What: every amount the 情况说明 quotes for a quantity a table prints must equal that cell. What a label
    names is recognised once (recognise/subjects.py: the figure, its side and its funds, the section filling in
    funds the label leaves out): 收入总计/预算收入, 支出总计/支出预算 and 本年收入, 本年预算安排 (收支总表);
    财政拨款收支总预算 and 当年拨款收入 (财政拨款收支总表); 一般公共预算(当年)支出 (一般公共预算支出表 合计);
    基本支出, 项目支出 (支出总表, or 一般公共预算支出表 for 一般公共预算's); 一般公共预算/政府性基金/国有资本
    经营预算 income; each expenditure class (e.g. 社会保障和就业支出 324.47) listed under the total of the
    财政拨款 or 一般公共预算 section, in its sentence or the one before; 人员经费 and 公用经费 (基本支出表, by
    economic class when the columns are not printed); the “三公” items and 机关运行经费; the amount of the
    projects with performance targets (…二级项目 9 个，共计金额 / 公开项目绩效目标 9 个，涉及项目金额 → 项目支出表
    合计); a 项 written as 公共安全支出(204类)司法(06款)行政运行(01项). A label naming nothing a table prints
    (收入合计 alone, a part of one kind of projects) is not compared.
    A 决算 quotes the same words against its own tables (收入支出决算总表, 财政拨款收入支出决算总表, 支出决算表,
    一般公共预算财政拨款支出 and 基本支出决算表): 收入支出总计, 财政拨款收入支出总计, and the outturn of each 项
    named by its 类, 款 and 项 (一般公共服务支出(类)财政事务(款)行政运行(项)…支出决算为 1511.89 万元 → that row).
    A 项 sentence that quotes its amount twice (…(01项)56.12万元 … 2026年预算安排57.8万元) must agree with itself.

    Why: readers take the narrative's figures at face value; a figure that differs from the table misleads.

    Formula: quoted = cell.

    Tolerance: exact; a gap of one display unit is a rounding note. 元 against 万元: the 元 amount rounded
    half-up to 0.01 万元 must equal it.

    Example: the sample quotes 351.16 ×13, 115.23 ×6, 235.93 ×3, 324.47, 9.48, 17.21, 16.42, 219.51 — all equal to
    their cells. The Putuo 司法局 2026 单位预算 quotes 行政单位离退休 56.12 and then “2026年预算安排57.8万元”. The
    普陀区财政局 2024 决算 says “财政拨款收入支出总计0.3万元” where its table prints 2,961.68 → WARNING.
    """
    for statement, mention in _quoted(disclosure):
        cell = table_cell(disclosure, statement, mention)
        if cell is None:
            continue
        quoted = mention_cell(statement, mention)
        yield from ctx.same_check("N001", quoted, cell, (f"情况说明“{clean_label(mention.label)}”应与表格一致",
                                                          f"narrative “{clean_label(mention.label)}” should equal the table"))
    yield from _restated(disclosure, ctx)


def _restated(disclosure: m.Disclosure, ctx: Context):
    """…(01项)208.8万元。2025年…执行数为198.34万元，2026年预算安排201.50万元…: one 项, two amounts."""
    heading: tuple[m.Statement, m.Mention] | None = None
    for statement in disclosure.statements:
        coded = [mention for mention in statement.mentions if mention.code and not mention.prior]
        if coded:
            heading = (statement, coded[0])
        planned = [mention for mention in statement.mentions if mention.plans]
        if heading and planned and heading[0].section == statement.section:
            first, again = mention_cell(*heading), mention_cell(statement, planned[0])
            yield from ctx.same_check("N001", again, first, ("同一科目前后两处金额应一致",
                                                             "the same 项 is quoted with two amounts"))
            heading = None


@rule("N002", WARNING, zh="占比与金额不符", en="Share does not match the amounts",
      summary_zh="“占 p%”应等于该金额占总额的比例（按打印精度的区间判断）。",
      summary_en="A quoted share “占 p%” equals the amount over its whole, within the printed precision.")
def shares(disclosure: m.Disclosure, ctx: Context):
    """What: where the narrative lists the parts of a total with their shares ("支出预算 351.16 万元，其中：基本
    支出 235.93 万元，占 67.19%"), each share equals part / total × 100.

    Why: a wrong share usually means a stale figure was left in the text.

    Formula: PCT_OK(part, whole, p): 100·(a−u/2)/(b+u/2) − ½·10^−d ≤ p ≤ 100·(a+u/2)/(b−u/2) + ½·10^−d.

    Tolerance: a share outside the interval by less than one unit of its last printed digit is a note (INFO,
    tag LAST_DIGIT): the same figure printed a unit apart (§D), e.g. shares nudged to add up to 100.

    Example: the sample: 235.93/351.16 → 67.19 ✓; 115.23 → 32.81 ✓; 324.47 → 92.40 ✓; 9.48 → 2.70 ✓. 江苏省人民检察院
    2018: 13,994.31/21,955.35 = 63.74%, printed “占63.75%” → INFO.
    """
    if disclosure.meta.kind == "final":
        ctx.skip("N002", "决算 shares may use the 年初预算 as the whole (N012), not checked here")
        return
    for statement, breakdown in _lists(disclosure):
        head, parts = breakdown.head, breakdown.parts
        if power_of_ten(head.value, sum((p.in_unit(head.unit) for p in parts), Decimal(0))):
            continue   # a unit slip in the total: N003 reports it once
        for part in parts:
            if part.share is None or head.value == 0:
                continue
            step = max(_step(head), _step(part))
            low, high = pct_interval(part.in_unit(head.unit), head.value, step, _decimals(part.share))
            if not low <= part.share <= high:
                exact = part.in_unit(head.unit) * 100 / head.value
                finding = _finding(ctx, "N002", statement,
                                   (f"“{clean_label(part.label)}”{part.printed}占“{clean_label(head.label)}”{head.printed}的"
                                    f"{exact:.2f}%，情况说明写“{part.share_text}”",
                                    f"“{clean_label(part.label)}” {part.printed} is {exact:.2f}% of “{clean_label(head.label)}” "
                                    f"{head.printed}, but the narrative says “{part.share_text}”"),
                                   expected=exact.quantize(Decimal("0.01")), actual=part.share, unit="%")
                yield _last_digit(finding, part.share, low, high)


@rule("N003", WARNING, zh="情况说明分项之和不等于总数", en="Quoted parts do not add up to the quoted total",
      summary_zh="情况说明“总额 A，其中：a、b、c”各分项之和应等于总额（如政府采购货物+工程+服务）；增减额同样。",
      summary_en="A quoted total equals the sum of the parts listed after it (其中 …); so does a change and its parts.")
def quoted_parts(disclosure: m.Disclosure, ctx: Context):
    """What: where a sentence quotes a total and then its parts (其中 / 主要包括 / 主要用于 …), the parts add up
    to the total: 政府采购 总额 = 货物 + 工程 + 服务; 收入 = 各来源; 整体绩效资金 = 基本 + 项目. A change broken down
    the same way ("支出预算减少 49.81 万元，其中基本支出增加 75.19 万元，项目支出减少 125 万元") adds up with its signs.
    A sentence opening with 其中 lists the parts of the one amount of the sentence before it (…共计金额 115.23 万元。
    其中其他运转类项目 0 个，涉及金额 0 万元；…). Amounts in brackets detail a part, not the list (公务用车购置及运行费
    6.7万元（购置费 0万元；运行费 6.7万元）); a list cut at the end of its paragraph after a ; or inside an aside is
    not checked.

    Why: the narrative is often typed by hand; a part changed without its total shows here.

    Formula: total = Σ parts; for changes, ±D = Σ ±d (增加 +, 减少 −).

    Tolerance: TOL_SUM(k); a gap within it is a rounding note, raised to WARNING in exact-mode documents when
    the quoted figures are printed in the unit the tables were found exact in.

    Example: the sample: 政府采购预算总额 3.93 万元 vs 货物 2.42 + 工程 0 + 服务 1.50 = 3.92 (gap 0.01, k = 2): rounding,
    and the document is in exact-mode, so WARNING. 烟台市信访局 2026: −49.81 = +75.19 − 125 ✓. 西安市交通运输局 2022:
    "较上年增加了 6915.49 万元，其中基本支出减少了 8627.56 万元，项目支出增加 15496.49 万元" → −8627.56 + 15496.49 =
    6868.93, not 6915.49 → WARNING.
    """
    for changes in (False, True):
        for statement, breakdown in _lists(disclosure, changes=changes, whole=True):
            head, parts = breakdown.head, breakdown.parts
            if len(parts) < 2 or breakdown.family is None:
                continue
            if breakdown.follower_fits:
                continue   # the amount after the ; may be the last part (and open a breakdown of its own): unclear
            if breakdown.left_out:
                continue
            label = clean_label(statement.subject(head))
            if changes:
                what = (f"“{label}”的增减额应等于其后所列各项增减额之和", f"the change of “{label}” should equal the changes listed")
                total, items = change_cell(statement, head), [change_cell(statement, p) for p in parts]
            else:
                what = (f"“{label}”应等于其后所列各项之和", f"“{label}” should equal the parts listed")
                total, items = mention_cell(statement, head), [mention_cell(statement, p) for p in parts]
            for finding in ctx.sum_check("N003", total, items, what):
                if not changes and power_of_ten(head.value, sum((p.in_unit(head.unit) for p in parts), Decimal(0))):
                    finding.tags.append("UNIT_SUSPECT")   # 1682.76元 against 1208.20万元 + 474.56万元: the unit word slipped
                yield finding


@rule("N004", WARNING, zh="增减额与增减率不符", en="Year-on-year change and rate disagree",
      summary_zh="“比上年增加/减少 D，增长/下降 r%”：方向与幅度应与本年、上年数相符。",
      summary_en="“比上年增加/减少 D，增长/下降 r%”: direction and size agree with this year's and last year's amounts.")
def year_on_year(disclosure: m.Disclosure, ctx: Context):
    """What: for "C 万元，比上年增加/减少 D 万元，增长/下降 r%" the implied prior year is P = C − D (增加) or C + D
    (减少) and r must be D/P × 100; the direction word must agree with the sign. Where the prior year is stated
    ("2025年…执行数为 P 万元，2026年预算安排 C 万元，比…增加 r%"), r must equal (C − P)/P × 100 and 增加/减少 must
    agree with C > P, and a change printed beside both must be C − P; where it is stated beside the change
    alone ("与2016年度相比(…为 P 万元)，增加 D 万元，增长 r%"), r must equal D/P × 100. 持平 needs C = P. The change belongs to the amount it is compared with (not to
    one inside an aside closed before it); an amount in a note to the drafter ("(注:上年…，公开时请删除注释)") is
    no claim.

    Why: a rate copied from last year's text, or a fall described as an increase, is a common slip.

    Formula: YOY_OK(D, P, r): 100·(D−u/2)/(P+u) − ½·10^−d ≤ r ≤ 100·(D+u/2)/(P−u) + ½·10^−d — P = C ∓ D is the
    difference of two rounded figures and errs by up to one unit; with P and C both printed, C − P errs by one unit.

    Tolerance: a rate outside the interval by less than one unit of its last printed digit is a note (INFO):
    cut instead of rounded (湖州市卫健委 2026: 23.9% for 23.998%, tag TRUNCATED), or a unit off (tag LAST_DIGIT).

    Example: the sample: 351.16, 减少 39.72, 下降 10.16% → P = 390.88, 10.1617% ✓. The Putuo 司法局 2026 部门预算:
    执行数 43269.3 → 预算 3845.49 “增加17.62%” — a fall of 91.11%. 国家信访局 2026: 1,391.68, 增加 333.83,
    “增长31.35%” → 31.56% → WARNING. The Putuo 司法局 2026 单位预算: 0.50 → 0.62 “增加22.22%”: C − P ∈ [0.11, 0.13],
    P ∈ [0.495, 0.505] → 21.78–26.26% ✓.
    """
    for statement in disclosure.statements:
        mentions = statement.mentions
        for index, mention in enumerate(mentions):
            if mention.delta and mention.rate is not None:
                if mention.owner is None:
                    if mention.base is not None:
                        yield from _check_on_prior(ctx, statement, mentions[mention.base], mention)
                    continue
                if mention.base is not None:   # 比2025年年初预算数 P 万元增加 D 万元: C = P ± D
                    current, prior = mentions[mention.owner], mentions[mention.base]
                    yield from _check_stated_change(ctx, statement, current, prior, mention)
                # the change belongs to the amount it is compared with, or to the total a list opened with
                before = [c for c in reversed(mentions[:index]) if not c.delta and not c.prior]
                candidates = [mentions[mention.owner]] + [c for c in before if not c.in_parts][:1]
                findings = [list(_check_delta(ctx, statement, current, mention)) for current in candidates]
                if all(findings):
                    yield min((found[0] for found in findings), key=lambda f: f.severity)
            elif mention.prior:
                current = next((c for c in mentions[index + 1:] if not c.delta and not c.prior), None)
                if current is not None and (current.rate is not None or current.unchanged):
                    yield from _check_explicit(ctx, statement, mention, current)


def _check_delta(ctx: Context, statement: m.Statement, current: m.Mention, delta: m.Mention):
    change = delta.in_unit(current.unit)
    prior = current.value - delta.direction * change
    if prior <= 0:
        return
    label = clean_label(current.label)
    yield from _rate_check(ctx, statement, delta, change, prior, _step(current) / 2 + _step(delta) / 2, lambda exact: (
        f"“{label}”{current.printed}，比上年{'增加' if delta.direction > 0 else '减少'}{delta.printed}，上年应为 {prior} ，"
        f"变动率应为 {exact:.2f}%，情况说明写“{delta.rate_text}”",
        f"“{label}” {current.printed}, change {delta.printed}: last year {prior}, rate {exact:.2f}%, but the narrative "
        f"says “{delta.rate_text}”"))


def _rate_check(ctx: Context, statement: m.Statement, delta: m.Mention, change: Decimal, before: Decimal,
                before_error: Decimal, message):
    """The change's rate r = change / before × 100 within the interval the printed figures allow (YOY_OK), and its
    word (增长/下降) agreeing with the change's; `message(exact)` words a finding."""
    rate_word_up = delta.rate_text and delta.rate_text.startswith(("增长", "增加", "上升"))
    low, high = ratio_interval(change, _step(delta) / 2, before, before_error, _decimals(delta.rate))
    wrong_way = rate_word_up is not None and (delta.direction > 0) != bool(rate_word_up)
    if wrong_way or not low <= delta.rate <= high:
        exact = change * 100 / before
        finding = _finding(ctx, "N004", statement, message(exact), expected=exact.quantize(Decimal("0.01")),
                           actual=delta.rate, unit="%")
        yield _last_digit(finding, delta.rate, low, high) if not wrong_way else finding


def _check_stated_change(ctx: Context, statement: m.Statement, current: m.Mention, prior: m.Mention, delta: m.Mention):
    """This year's amount, last year's and the change, all three printed: C = P ± D."""
    label = clean_label(current.label)
    what = (f"“{label}”应等于上年数加增减额", f"“{label}” should be last year's amount plus the change")
    parts = [mention_cell(statement, prior), change_cell(statement, delta)]
    yield from ctx.sum_check("N004", mention_cell(statement, current), parts, what)


def _check_on_prior(ctx: Context, statement: m.Statement, prior: m.Mention, delta: m.Mention):
    """与2016年度相比(2016年度…为 P 万元)，增加 D 万元，增长 r%: r = D/P, both printed."""
    before = prior.in_unit(delta.unit)
    if before <= 0:
        return
    yield from _rate_check(ctx, statement, delta, delta.value, before, _step(prior) / 2, lambda exact: (
        f"上年 {prior.printed}，{'增加' if delta.direction > 0 else '减少'}{delta.printed}，变动率应为 {exact:.2f}%，"
        f"情况说明写“{delta.rate_text}”",
        f"last year {prior.printed}, change {delta.printed}: rate {exact:.2f}%, but the narrative says "
        f"“{delta.rate_text}”"))


def _check_explicit(ctx: Context, statement: m.Statement, prior: m.Mention, current: m.Mention):
    before, now = prior.in_unit(current.unit), current.value
    if current.unchanged:
        if before != now:
            yield _finding(ctx, "N004", statement,
                           (f"上年 {prior.printed}、本年 {current.printed}，情况说明却称持平",
                            f"last year {prior.printed}, this year {current.printed}, yet the narrative says unchanged"),
                           expected=before, actual=now, unit=current.unit)
        return
    if before <= 0:
        return
    exact = (now - before) * 100 / before
    prior_error = _step(prior) / 2
    low, high = ratio_interval(abs(now - before), prior_error + _step(current) / 2, before, prior_error,
                               _decimals(current.rate))
    says_up = current.direction > 0
    wrong_way = (now > before) != says_up and now != before
    if wrong_way or not low <= current.rate <= high:
        word = "增加" if says_up else "减少"
        finding = _finding(ctx, "N004", statement,
                           (f"由 {prior.printed} 变为 {current.printed}，实际{'增长' if now > before else '下降'}"
                            f"{abs(exact):.2f}%，情况说明写“{word}{current.rate}%”",
                            f"from {prior.printed} to {current.printed} is a {'rise' if now > before else 'fall'} of "
                            f"{abs(exact):.2f}%, but the narrative says “{word} {current.rate}%”"),
                           expected=exact.quantize(Decimal("0.01")), actual=current.rate * current.direction, unit="%")
        yield _last_digit(finding, current.rate, low, high) if not wrong_way else finding


def _last_digit(finding: m.Finding, rate: Decimal, low: Decimal, high: Decimal) -> m.Finding:
    """A printed percentage outside its interval by less than one unit of its last digit is a note: cut instead
    of rounded (23.9% for 23.998%: TRUNCATED), or a unit apart as the same figure printed twice may be (§D)."""
    unit = Decimal(1).scaleb(-_decimals(rate))
    if low - unit <= rate < low or high < rate <= high + unit:
        finding.severity = INFO
        finding.tags = ["TRUNCATED" if rate < low else "LAST_DIGIT"]
    return finding


@rule("N005", WARNING, zh="各部分占比之和不等于100%", en="Shares of a full split do not add up to 100%",
      summary_zh="当各分项之和等于总额时，所列占比之和应为100%（容差 0.005×n）。",
      summary_en="When the listed parts make up the whole, their shares add up to 100 (within 0.005 per share).")
def shares_total(disclosure: m.Disclosure, ctx: Context):
    """What: where the parts listed with shares add up to their total, the shares add up to 100%.

    Why: each share is rounded on its own, so they may miss 100 by a little, never by more than half a unit
    each.

    Formula: |Σp − 100| ≤ 0.005 × n (n shares printed to two decimals; 0.5 × n for whole percentages).

    Example: the sample: 67.19 + 32.81 = 100.00; 92.40 + 2.70 + 4.90 = 100.00 ✓.
    """
    for statement, breakdown in _lists(disclosure, whole=True):
        head, parts = breakdown.head, breakdown.parts
        shared = [p for p in parts if p.share is not None]
        if len(shared) < 2 or len(shared) != len(parts):
            continue
        if head.value == 0 or sum((p.in_unit(head.unit) for p in parts), Decimal(0)) != head.value:
            continue   # a whole of 0 has no shares to add up (三公 0万元, each 占 0%)
        total = sum((p.share for p in shared), Decimal(0))
        slack = sum((Decimal("0.5").scaleb(-_decimals(p.share)) for p in shared), Decimal(0))
        if abs(total - 100) > slack:
            yield _finding(ctx, "N005", statement,
                           (f"所列占比之和为 {total}%，应为100%", f"the shares add up to {total}%, not 100%"),
                           expected=Decimal(100), actual=total, unit="%")


@rule("N006", INFO, zh="情况说明所列支出类别与表格不一致", en="Classes named in the narrative differ from the table",
      summary_zh="“支出包括/主要用于”列出的类应正是财政拨款（一般公共预算）支出中非零的类。",
      summary_en="The classes a “支出包括/主要用于” sentence names are exactly the non-zero classes of the table.")
def class_completeness(disclosure: m.Disclosure, ctx: Context):
    """What: the 类 named in "支出包括 / 主要用于" sentences are exactly the non-zero classes of the table that
    section describes (财政拨款收支总表 or 一般公共预算支出表).

    Why: a class left out of the narrative, or named but not budgeted, makes the text incomplete.

    Formula: {named classes} = {non-zero 类 rows}.

    Example: the sample names 208, 210 and 221, the three non-zero classes ✓.
    """
    from budget_audit.recognise.catalogue import class_code
    from budget_audit.rules.common import coded_rows

    for statement in disclosure.statements:
        if not statement.lists_spending:
            continue
        named = {class_code(clean_label(mm.label)) for mm in statement.mentions} - {None}
        if len(named) < 1:
            continue
        key = "BT05" if "一般公共预算" in statement.section else "BT04"
        table = disclosure.tables.get(key)
        if table is None:
            continue
        role = m.TOTAL if key == "BT05" else m.GENERAL
        side = None if key == "BT05" else m.EXPENDITURE
        budgeted = {row.code for row in coded_rows(table, side) if len(row.code) == 3 and row.amount(role) != 0}
        missing, extra = budgeted - named, named - budgeted
        if missing or extra:
            yield ctx.info("N006", (f"情况说明列出的类 {sorted(named)} 与{key}非零的类 {sorted(budgeted)} 不一致",
                                    f"the narrative names classes {sorted(named)}, {key} budgets {sorted(budgeted)}"),
                           [statement_location(statement)])


@rule("N007", INFO, zh="情况说明列举的经费项目在表中没有", en="Listed expense items are not in the table",
      summary_zh="人员经费/公用经费“主要包括”列举的项目应在基本支出表中有金额。",
      summary_en="Items a 人员经费/公用经费 sentence lists appear in the basic-expenditure table with an amount.")
def listed_items(disclosure: m.Disclosure, ctx: Context):
    """What: the names listed after "人员经费 … 主要包括：" and "公用经费 … 主要包括：" appear in 一般公共预算基本
    支出表 with a non-zero amount. The names that do not are listed.

    Why: these lists are template boilerplate; items the unit does not budget make the text inaccurate.

    Formula: each listed name ∈ {基本支出表 rows with an amount}.

    Example: the sample's 公用经费 list names 印刷费, 手续费, 取暖费, 维修(护)费, 培训费, 劳务费, 委托业务费 and 办公设备
    购置, none of which is in the table → INFO.
    """
    table = disclosure.tables.get("BT06")
    if table is None:
        return
    budgeted = {compact(row.label) for row in table.rows if any(not c.blank and c.amount for c in row.cells.values())}
    for statement in disclosure.statements:
        for listed in statement.listed_items:
            missing = [name for name in listed.names if name not in budgeted]
            if missing:
                yield ctx.info("N007", (f"{listed.what}列举的 {'、'.join(missing)} 在基本支出表中没有金额",
                                        f"{listed.what} lists {', '.join(missing)}, which have no amount in the table"),
                               [statement_location(statement)])


@rule("N008", INFO, zh="段落内金额单位不一致", en="A different unit word inside a paragraph",
      summary_zh="以万元表述的段落中出现以元表述的金额。", summary_en="An amount in 元 inside a paragraph in 万元.")
def unit_words(disclosure: m.Disclosure, ctx: Context):
    """What: within one section, amounts use one unit word; an amount in 元 among amounts in 万元 is noted.

    Why: "0 元" among "万元" figures is usually a typing slip, and a non-zero one misstates the amount 10,000-fold.

    Formula: unit(mention) = the section's majority unit.

    Example: the sample's “三公” section: "公务用车购置费 0 元" among 万元 amounts → INFO.
    """
    by_section: dict[str, list[tuple[m.Statement, m.Mention]]] = {}
    for statement in disclosure.statements:
        for mention in statement.mentions:
            by_section.setdefault(statement.section, []).append((statement, mention))
    for section, quoted in by_section.items():
        units = [mention.unit for _, mention in quoted]
        if units.count("万元") < 3:
            continue
        for statement, mention in quoted:
            if mention.unit == "元" and not mention.per_unit:
                yield ctx.info("N008", (f"“{clean_label(mention.label)} {mention.printed}”以元表述，本段其余金额以万元表述",
                                        f"“{clean_label(mention.label)} {mention.printed}” is in 元 among amounts in 万元"),
                               [statement_location(statement)])


@rule("N009", WARNING, zh="“三公”经费说明前后不符", en="The “三公” narrative does not add up",
      summary_zh="三公各项增减之和应等于三公合计的增减；有增减时应说明原因，原因不能为空。",
      summary_en="The items' changes add up to the total change; a change needs a reason, and the reason is not empty.")
def three_public_narrative(disclosure: m.Disclosure, ctx: Context):
    """What: in the “三公”经费 section, the changes quoted for the items (因公出国, 公务接待, 公务用车) add up to the
    change quoted for the total, and a reason ("主要原因是", "原因为", "原因：") says something. A change is the
    item's whose amount it is compared with (公务用车购置及运行维护费567.72万元(公务用车购置费230.55万元,比上年增加
    49.45万元;…。)比上年增加46.49万元: 46.49 is the vehicles' change), or, where that amount names nothing, the
    item a numbered name opening the paragraph names (1.因公出国(境)费用。2026年预算数…，较…增加123.85万元). The
    公务用车 change counts once: its own, or else the sum of its 购置费 and 运行维护费 changes.

    Why: the 三公 section is read closely by the public; an unexplained or truncated reason draws attention.

    Formula: Σ item changes = total change; reason text non-empty.

    Tolerance: TOL_SUM(k) for k non-zero item changes; a gap within it is a rounding note (the changes are each
    rounded: 广州市市场监督管理局 2026 −6.94 + 5.74 − 0.1 = −1.30 against −1.29).

    Example: the sample: −0.99 = 0 + 0 − 0.99 + 0 ✓ and a reason is given. The Putuo 司法局 2026 单位预算 writes
    "…与2025年预算数持平，主要原因是。" — an empty reason → WARNING. A reason on the next line ("下降的主要原因是:" |
    "市级单位统一调整公务用车支出标准;") is a reason; "由于财政云系统原因，" introduces none.
    """
    for statement in [s for s in disclosure.statements if "三公" in s.section or "三公" in s.text]:
        if any(not reason for reason in statement.reasons):
            yield _finding(ctx, "N009", statement, ("说明原因的句子没有内容（“原因是。”）",
                                                    "a sentence that gives the reason is empty (原因是。)"))
    total, items = None, {}
    for statement in (s for s in disclosure.statements if "三公" in s.section):
        compared = set()
        for mention in statement.mentions:
            if not mention.delta or mention.owner in compared:
                continue   # 较2025年年初预算增加88.70万元…实际较2025年预算数减少37.61万元: one change per amount
            if mention.owner is not None:
                compared.add(mention.owner)
            item = mention.three_public
            if item is None and mention.owner is not None:
                item = statement.topic_item   # 1.因公出国(境)费用。2026年预算数…较…增加
            if item == "total":
                total = change_cell(statement, mention)
            elif item:
                items.setdefault(item, []).append(change_cell(statement, mention))
    vehicles = items.get("vehicle") or items.get("vehicle_purchase", []) + items.get("vehicle_running", [])
    parts = items.get("abroad", []) + items.get("reception", []) + vehicles
    if total is not None and parts:
        what = ("三公经费合计的增减应等于各项增减之和", "the 三公 total's change should equal the sum of its items' changes")
        yield from ctx.sum_check("N009", total, parts, what)


@rule("N010", INFO, zh="资产数量说明与模板不符", en="Asset counts or wording do not fit",
      summary_zh="车辆实有数 = 各类车辆之和；“100万元以上”应为专用设备（模板口径）。",
      summary_en="Vehicles owned = Σ categories; the ≥100万 count refers to 专用设备 in the template.")
def asset_counts(disclosure: m.Disclosure, ctx: Context):
    """What: "实有 N 辆，其中：…" — the categories add up to N; and the template counts equipment worth 50 万元 and
    more as 通用设备 and 100 万元 and more as 专用设备, so a text that says "100万元…以上的通用设备" deviates.

    Why: counts copied from another year, or a changed template, show here.

    Formula: 实有 = Σ categories.

    Example: the sample: 0 = 0 + … + 0 ✓; "100 万元（原值）以上的通用设备" → INFO.
    """
    for wording in disclosure.equipment_wordings:
        yield ctx.info("N010", ("“100万元以上”的设备写作“通用设备”，模板口径为专用设备",
                                "equipment worth ≥100万 is called 通用设备; the template says 专用设备"),
                       [statement_location(wording.statement)])
    for vehicles in disclosure.vehicle_counts:
        counted = sum(vehicles.categories)
        if vehicles.categories and counted != vehicles.total:
            yield ctx.info("N010", (f"车辆实有 {vehicles.total} 辆，各类之和为 {counted} 辆",
                                    f"{vehicles.total} vehicles owned, categories add up to {counted}"),
                           [statement_location(vehicles)])


@rule("N011", INFO, zh="所属单位构成说明与表格不符", en="Unit composition differs from the tables",
      summary_zh="“所属 n 家行政/事业单位”应与机关运行经费表的单位数相符；只称行政单位却列支事业单位经费时提示。",
      summary_en="“所属 n 家单位” matches the units listed; a note when only 行政单位 are named but 事业单位 costs appear.")
def unit_composition(disclosure: m.Disclosure, ctx: Context):
    """What: "所属 n 家行政单位" equals the number of units 机关运行经费表 lists, where it lists them one a row (its
    name column headed 单位名称). When the text names only 行政单位 but the budget carries 事业单位 items (505
    对事业单位经常性补助, 事业单位医疗, 事业运行), a note says so.

    Why: the composition explains who the money is for; a mismatch suggests the text is out of date.

    Formula: n = unit rows; 事业 items ⇒ 事业单位 mentioned.

    Example: the sample: "1 家行政单位" = 1 ✓, but it budgets 505 对事业单位经常性补助 47.93 and 2101102 事业单位医疗 4.26
    → INFO.
    """
    units = _units_listed(disclosure.tables.get("BT10"))
    for composition in disclosure.unit_compositions:
        if units and composition.administrative != len(units):
            yield ctx.info("N011", (f"情况说明称所属“{composition.text}”，机关运行经费表列有 {len(units)} 个单位："
                                    f"{'、'.join(units)}",
                                    f"the narrative says “{composition.text}”, the running-costs table lists {len(units)} "
                                    f"units: {', '.join(units)}"), [statement_location(composition)])
        if composition.names_institutions:
            continue
        institutions = []
        basic = disclosure.tables.get("BT06")
        if basic:
            institutions += [f"{r.label} {r.cells[m.TOTAL].text}" for r in basic.rows
                             if (r.gov_code or "").startswith("505") and r.level == "类" and m.TOTAL in r.cells]
        spending = disclosure.tables.get("BT03")
        if spending:
            institutions += [f"{r.code} {r.label} {r.cells[m.TOTAL].text}" for r in spending.rows
                             if r.code and len(r.code) == 7 and re.search(r"^事业单位|事业运行", r.label) and m.TOTAL in r.cells]
        if institutions:
            yield ctx.info("N011", (f"情况说明称所属“{composition.text}”，但预算列有事业单位经费：{'、'.join(institutions)}",
                                    f"the narrative names “{composition.text}” only, but the budget has 事业单位 items: "
                                    f"{', '.join(institutions)}"),
                           [statement_location(composition)])


# ---------------------------------------------------------------------------------------------
def _units_listed(table: m.Table | None) -> list[str]:
    """The units a table lists one a row, when its name column is headed 单位名称 (机关运行经费表 by unit)."""
    if table is None or not any(c.role == "name" and "单位" in c.label for c in table.columns):
        return []
    return [row.label for row in table.rows if row.kind == m.ITEM and row.label]


def _lists(disclosure: m.Disclosure, *, changes: bool = False, whole: bool = False):
    """(statement, breakdown) for each total the narrative breaks down (with `changes`: each change), as the
    recogniser read them (recognise/breakdowns.py). With `whole` (sums, shares adding up to 100), lists cut at
    their paragraph's end or inside an aside are left out."""
    for statement in disclosure.statements:
        if whole and statement.cut_short:
            continue   # the list goes on past the paragraph's end (…运行维护费2.8万元;) or the 。 of an aside: not all here
        for breakdown in statement.change_breakdowns if changes else statement.breakdowns:
            yield statement, breakdown


def _step(mention: m.Mention) -> Decimal:
    decimals = -mention.value.as_tuple().exponent if mention.value.as_tuple().exponent < 0 else 0
    return step_for_decimals(max(decimals, 2 if mention.unit == "万元" else 0))


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _finding(ctx: Context, rule_id: str, statement: m.Statement, message: tuple[str, str], *,
             expected=None, actual=None, unit=None) -> m.Finding:
    finding = ctx.info(rule_id, message, [statement_location(statement)], severity=WARNING)
    finding.expected, finding.actual, finding.unit = expected, actual, unit
    if expected is not None and actual is not None:
        finding.difference = actual - expected
    return finding


@rule("N012", WARNING, zh="决算完成率与金额不符", en="Completion rate does not match the amounts",
      summary_zh="决算说明“年初预算为A，支出决算为B，完成年初预算的z%”：z 应等于 B/A×100。",
      summary_en="决算: “年初预算为A，支出决算为B，完成年初预算的z%” — z equals B/A × 100.")
def completion_rates(disclosure: m.Disclosure, ctx: Context):
    """What: in a 决算 narrative, "年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 z%" must satisfy z = B / A × 100,
    within the printed precision.

    Why: the completion rate is the figure readers compare across units; it must follow from the two amounts
    printed next to it.

    Formula: PCT_OK(B, A, z).

    Example: "年初预算为 1,000.00 万元，支出决算为 950.00 万元，完成年初预算的 95.00%" ✓; "… 完成年初预算的 59.00%" →
    WARNING (95.00% follows from the amounts). A rate off by one unit of its last decimal (95.45% for 95.457%,
    truncated instead of rounded) is only a note.
    """
    if disclosure.meta.kind != "final":
        return
    for statement in disclosure.statements:
        for claim in statement.completions:
            budget, actual = to_yuan(claim.budget.value, claim.budget.unit), to_yuan(claim.actual.value, claim.actual.unit)
            rate = claim.rate
            if budget <= 0 or rate is None:
                continue
            step = max(to_yuan(_step(claim.budget), claim.budget.unit), to_yuan(_step(claim.actual), claim.actual.unit))
            low, high = pct_interval(actual, budget, step, _decimals(rate))
            if not low <= rate <= high:
                exact = (actual * 100 / budget).quantize(Decimal("0.01"))
                unit = Decimal(1).scaleb(-_decimals(rate))
                near = low - unit <= rate <= high + unit   # 95.45 for 95.457: truncated, not rounded
                finding = _finding(ctx, "N012", statement,
                               (f"年初预算 {claim.budget.printed}、决算 {claim.actual.printed}，完成率应为 {exact}%，"
                                f"情况说明写 {rate}%",
                                f"budget {claim.budget.printed}, actual {claim.actual.printed}: the completion rate is "
                                f"{exact}%, not {rate}%"),
                               expected=exact, actual=rate, unit="%")
                if near:
                    finding.severity, finding.tags = INFO, ["TRUNCATED"]
                yield finding
