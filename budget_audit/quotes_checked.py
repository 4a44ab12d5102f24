"""Every amount the narrative quotes, accounted for: compared with a figure (it stands in a check's outcome), or
unverified with the reason, so that the coverage of the narrative is a number a reviewer can read and raise.

Reasons an amount is left unverified:
- `change`: a year-on-year change (比上年增加 D); N004 checks it against its rate, no table prints it;
- `other_year`: an earlier year's amount (2025年执行数为 P);
- `unknown_label`: its words name nothing the tables print, or a sub-unit's or one item's own figure
  (涉及本级预算资金 of a department's unit, 农林水支出's 人员经费);
- `no_table_cell`: what it names is known, but no table of this document prints it as one figure (预算收入
  where the carry-over makes the total and this year's part two figures; a table the document lacks).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from budget_audit import model as m
from budget_audit.rules.base import Outcome


@dataclass(frozen=True)
class UnverifiedQuote:
    text: str            # the amount as printed (351.16万元)
    label: str           # the words before it
    reason: str
    page: int | None
    line: int | None

    def as_dict(self) -> dict:
        return {"text": self.text, "label": self.label, "reason": self.reason, "page": self.page, "line": self.line}


@dataclass
class QuoteAccount:
    checked: int = 0
    unverified: list[UnverifiedQuote] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.checked + len(self.unverified)


def account_quotes(disclosure: m.Disclosure, outcomes: list[Outcome]) -> QuoteAccount:
    compared = {_key(cell) for outcome in outcomes for cell in [outcome.left, *outcome.right]
                if cell.table == m.NARRATIVE}
    account = QuoteAccount()
    for statement in disclosure.statements:
        for mention in statement.mentions:
            if (statement.line, statement.text, mention.printed) in compared:
                account.checked += 1
                continue
            account.unverified.append(UnverifiedQuote(mention.printed, mention.label, _reason(mention),
                                                      mention.page or statement.page, mention.line or statement.line))
    return account


def _key(cell: m.Cell) -> tuple:
    return cell.line, cell.context, cell.text


def _reason(mention: m.Mention) -> str:
    if mention.delta:
        return "change"
    if mention.prior:
        return "other_year"
    return "no_table_cell" if mention.subject is not None else "unknown_label"
