"""N015: what a 决算's narrative says of its outturn against the budget, checked against the two amounts it prints.
Free text, so never above WARNING."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.money import to_yuan
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import statement_location

WARNING = m.Severity.WARNING

_SAID = {1: ("大于", "more than"), -1: ("小于", "less than"), 0: ("等于", "equal to")}


@rule("N015", WARNING, zh="决算数与预算数的大小说反", en="The outturn is said to be above or below the budget wrongly",
      summary_zh="“决算数大于/小于/等于预算数”应与所列年初预算数、决算数的大小一致。",
      summary_en="“决算数大于/小于/等于预算数” agrees with the budget and outturn amounts printed before it.")
def outturn_against_budget(disclosure: m.Disclosure, ctx: Context):
    """What: after "年初预算为 A 万元，支出决算为 B 万元", a 决算 says how B compares with A ("决算数小于预算数的主要
    原因…", "决算数与预算数持平"). What it says must be what the amounts show: 大于 when B > A, 小于 when B < A,
    等于 or 持平 when B = A. "基本持平" allows a difference and is not checked.

    Why: the reason that follows explains a direction; the wrong word explains an overspend that did not happen,
    and is usually a template sentence copied from another item.

    Formula: sign(B − A) = the direction said, both amounts as printed.

    Example: the third party's error-injected copy of 上海市普陀区财政局 2024 决算 (corpus, 测试问题版本): 年初预算为
    1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因… → WARNING (B < A); and 年初预算为62.29万元，
    支出决算为60.99万元。决算数等于预算数… → WARNING.
    """
    if disclosure.meta.kind != "final":
        return
    for statement in disclosure.statements:
        for claim in statement.completions:
            if claim.said is None or claim.said == 0 and "基本" in (claim.said_text or ""):
                continue
            budget = to_yuan(claim.budget.value, claim.budget.unit)
            actual = to_yuan(claim.actual.value, claim.actual.unit)
            shown = (actual > budget) - (actual < budget)
            if shown != claim.said:
                said, is_ = _SAID[claim.said], _SAID[shown]
                finding = ctx.info("N015", (
                    f"情况说明称“{claim.said_text}”，但年初预算 {claim.budget.printed}、决算 {claim.actual.printed}，"
                    f"决算数{is_[0]}预算数",
                    f"the text says the outturn is {said[1]} the budget (“{claim.said_text}”), but budget "
                    f"{claim.budget.printed} and outturn {claim.actual.printed} make it {is_[1]} it"),
                    [statement_location(statement)], severity=WARNING)
                finding.expected, finding.actual, finding.unit = claim.budget.value, claim.actual.value, claim.actual.unit
                finding.difference = claim.actual.value - claim.budget.value
                yield finding
