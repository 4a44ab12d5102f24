"""N017: the year-on-year changes a narrative states, against each other and against the amounts they change.
Free text, so never above WARNING."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import statement_location
from budget_audit.rules.quotes import change_cell, clean_label, mention_cell

WARNING = m.Severity.WARNING


@rule("N017", WARNING, zh="增减额与金额相互矛盾", en="Stated changes contradict the amounts or each other",
      summary_zh="增加额不能大于本年数（上年数不能为负）；收支平衡时收入总额与支出总额的增减应相同。",
      summary_en="An increase cannot exceed this year's amount; balanced income and spending totals change alike.")
def contradicting_changes(disclosure: m.Disclosure, ctx: Context):
    """What: two things a stated change cannot do.
    1. Exceed the amount it raised: "C 万元，比上年增加 D 万元" with D > C puts last year at C − D < 0. Only for an
       amount that stands on its own, not for one listed under 其中, whose change may be the list's.
    2. Differ between the income total and the expenditure total: a budget balances, this year and last, so
       where the narrative quotes both totals at the same amount, their changes must be the same (same funds).

    Why: a change copied from the sentence before (政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元, the
    general budget's increase) or an income sentence edited without its expenditure twin says something that
    cannot be.

    Formula: D ≤ C (beyond rounding); Δ收入总额 = Δ支出总额 when 收入总额 = 支出总额.

    Example: 上海市普陀区万里街道办事处 2023 部门预算: “政府性基金拨款支出预算0万元,比2022年预算增加1421.25万元”
    → WARNING (last year would be −1421.25万元).
    """
    totals: dict[tuple, list[tuple[m.Statement, m.Mention, m.Mention]]] = {}
    for statement in disclosure.statements:
        for change in statement.mentions:
            if not change.delta or change.owner is None:
                continue
            amount = statement.mentions[change.owner]
            yield from _increase_beyond_amount(ctx, statement, amount, change)
            subject = amount.subject
            if subject and subject.concept in (m.TOTAL, m.BUDGET_SUBJECT) and not amount.in_parts:
                totals.setdefault((subject.concept, subject.funds, subject.side), []).append((statement, amount, change))
    yield from _balanced_changes(ctx, totals)


def _increase_beyond_amount(ctx: Context, statement: m.Statement, amount: m.Mention, change: m.Mention):
    if change.direction <= 0 or amount.in_parts or amount.prior:
        return
    prior = amount.value - change.in_unit(amount.unit)
    if prior >= 0 or -prior <= mention_cell(statement, amount).step:
        return
    label = clean_label(amount.label)
    finding = ctx.info("N017", (
        f"“{label}”{amount.printed}，增加{change.printed}，则上年为 {prior}{amount.unit}，不可能为负",
        f"“{label}” {amount.printed} after an increase of {change.printed} puts last year at {prior} {amount.unit}"),
        [statement_location(statement)], severity=WARNING)
    finding.expected, finding.actual, finding.unit = amount.value, change.in_unit(amount.unit), amount.unit
    finding.difference = -prior
    yield finding


def _balanced_changes(ctx: Context, totals: dict):
    for (concept, funds, side), quoted in totals.items():
        if side != m.INCOME:
            continue
        for statement, amount, change in quoted[:1]:
            for other_statement, other, other_change in totals.get((concept, funds, m.EXPENDITURE), [])[:1]:
                if amount.in_unit(other.unit) != other.value:
                    continue   # the totals differ: not a balanced pair
                what = (f"收入“{clean_label(amount.label)}”与支出“{clean_label(other.label)}”相等，两者的增减应相同",
                        "income and spending totals are equal, so their changes should be too")
                yield from ctx.same_check("N017", change_cell(statement, change), change_cell(other_statement, other_change),
                                          what)
