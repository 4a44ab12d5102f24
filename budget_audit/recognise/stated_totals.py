"""Which narrative amounts state one of the document's own totals for the year that a key figure can be
taken from where no table prints it: the 政府采购 total and the 机关运行经费.

An amount states such a total when the words before it (its label) end with the total's name followed only
by qualifiers (`TOTALS[...].name`: 政府采购预算总额, 政府采购项目共有, 机关运行经费财政拨款预算, …), and
- nothing before the name makes it a part or someone else's amount (`.not_whole`: 货物/工程/服务 parts,
  the share reserved for small firms, the 拨款 part of procurement; `_NOT_THE_TOTAL` for both: 上年, 比…, 其中);
- the sentence does not flag it as a change (比上年增加 D), an earlier year's amount or a listed part
  (其中…), and the last year named before it in its clause is the document's;
- it does not stand in the section of one of the units a department's document lists (a heading with 本级);
- in a 决算 it is the outturn, not the budget: "机关运行经费预算627.62万元,支出决算627.62万元" states the
  total with its second amount; in a budget it is not a 决算 or 执行 amount;
- a procurement total is not contradicted by the 货物/工程/服务 parts the sentence lists after it.
Where the narrative states a total twice with different amounts nothing is taken: a wrong key figure is
worse than a missing one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budget_audit import model as m
from budget_audit.money import decimals_of, rounding_bound, step_for_decimals, to_yuan


@dataclass(frozen=True)
class StatedTotal:
    name: re.Pattern        # the total's name and its qualifiers, at the end of the label
    not_whole: re.Pattern   # words before the name that make the amount a part of it, or a sub-unit's


TOTALS = {
    "procurement_total": StatedTotal(
        name=re.compile(r"政府采购(?:预算|支出|项目|资金|安排|总金额|总额|金额|共有|共|合计|总计)*$"),
        not_whole=re.compile(r"货物|工程|服务|中小企业|小型|微型|小微|预留|拨款")),
    "running_costs": StatedTotal(
        name=re.compile(r"机关运行经费(?:财政拨款|预算|支出|安排|总额|总计|合计|总)*$"),
        not_whole=re.compile(r"人均")),
}

# before either name: another year's amount, a change, or a part
_NOT_THE_TOTAL = re.compile(r"上年|上一年|去年|以前年度|比|较|增加|减少|增长|下降|其中")
_ASIDE = re.compile(r"\([^()]*\)")                      # (以合同签订为准), (公用经费): not part of the name
_YEAR = re.compile(r"(20\d\d)年")
_SUB_UNIT_SECTION = re.compile(r"本级")
_BUDGET_WORDS = re.compile(r"预算")
_OUTTURN_WORDS = re.compile(r"决算|执行|支出|实际")
_PAST_WORDS = re.compile(r"决算|执行")                    # in a budget: last year's outturn
_OUTTURN_ONLY = re.compile(r"^(?:支出|实际支出)?决算(?:数|支出)?$")   # "支出决算627.62万元" after the budget
_PROCUREMENT_PARTS = ("货物", "工程", "服务")


def mark_stated_totals(statements: list[m.Statement], meta: m.Meta) -> None:
    """Set `Mention.states` on the amounts that state a total, for each total stated with one amount."""
    for figure_id, total in TOTALS.items():
        found = [mention for statement in statements
                 for mention in _candidates(statement, figure_id, total, meta)]
        if len({to_yuan(mention.value, mention.unit) for mention in found}) == 1:
            for mention in found:
                mention.states = figure_id


def _candidates(statement: m.Statement, figure_id: str, total: StatedTotal, meta: m.Meta):
    if _SUB_UNIT_SECTION.search(statement.section):
        return
    for index, mention in enumerate(statement.mentions):
        label = _ASIDE.sub("", mention.label)
        name = total.name.search(label)
        if not name or mention.delta or mention.prior or mention.in_parts:
            continue
        before = label[: name.start()]
        if total.not_whole.search(before) or _NOT_THE_TOTAL.search(before) or not _this_year(statement, mention, meta):
            continue
        stated = _outturn_or_budget(statement.mentions[index + 1:], mention, label[name.start():], meta)
        if stated is None:
            continue
        if figure_id == "procurement_total" and _contradicted_by_parts(stated, statement.mentions[index + 1:]):
            continue
        yield stated


def _this_year(statement: m.Statement, mention: m.Mention, meta: m.Meta) -> bool:
    """The last year named in the mention's clause before it is the document's (or none is named)."""
    clause = statement.text[: mention.position].rsplit(";", 1)[-1]
    years = _YEAR.findall(clause)
    return not years or (meta.year is not None and int(years[-1]) == meta.year)


def _outturn_or_budget(following: list[m.Mention], mention: m.Mention, name: str, meta: m.Meta) -> m.Mention | None:
    """The amount that is the year's figure for the document's kind: a 决算 reports what was spent, a
    budget what is planned."""
    if meta.kind == "final" and _BUDGET_WORDS.search(name) and not _OUTTURN_WORDS.search(name):
        outturn = following[0] if following else None
        return outturn if outturn is not None and _OUTTURN_ONLY.match(outturn.label) else None
    if meta.kind != "final" and _PAST_WORDS.search(name):
        return None
    return mention


def _contradicted_by_parts(stated: m.Mention, following: list[m.Mention]) -> bool:
    """The first 货物, 工程 and 服务 amounts after the total do not add up to it beyond rounding."""
    parts = {}
    for mention in following:
        kind = next((kind for kind in _PROCUREMENT_PARTS if kind in mention.label), None)
        if kind is not None:
            parts.setdefault(kind, mention)
    if len(parts) < 2:
        return False
    amounts = [mention.in_unit(stated.unit) for mention in parts.values()]
    steps = [step_for_decimals(decimals_of(value)) for value in (*amounts, stated.value)]
    return abs(sum(amounts, Decimal(0)) - stated.value) > rounding_bound(steps)
