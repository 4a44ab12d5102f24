"""The breakdowns a narrative states: a total, then its parts after 其中 / 主要包括 / 主要用于 / 包括 (收入预算 A，
其中：一般公共预算收入 a1、政府性基金收入 a2), and a change broken down alike (支出预算减少 49.81 万元，其中基本支出
增加 75.19 万元，项目支出减少 125 万元).

A clause after ; that opens its own breakdown starts afresh, and its first amount is the `follower` of the list it
ends (it may be the list's last part: …;公务用车购置和运行维护费预算7.5万元,其中:…); a second 其中 after a part is
a parallel breakdown of the same total. A sentence opening with 其中 breaks down the one amount of the sentence
before it in the same paragraph. Amounts inside an aside detail a part, not the list.

Which breakdowns are complete is read from the labels too: a list after 主要用于 may name only the main items,
but 政府采购 = 货物 + 工程 + 服务 and 基本支出 = 人员经费 + 公用经费 are whole (`Breakdown.family`).
"""
from __future__ import annotations

import re
from decimal import Decimal

from budget_audit import model as m
from budget_audit.read.normalise import compact

_PARTS = re.compile(r"其中|主要包括|主要用于|包括")
# words before a figure's name that only say whose or which year's it is
_PREFIX = re.compile(r"^(20\d\d年度?|本单位|本部门|本年度|\d+、)+")
# totals whose parts, when listed, make up the whole: (family, the total's label, the parts' labels)
_FAMILIES = (
    ("政府采购", r"政府采购", r"货物|工程|服务"),
    ("基本支出", r"基本支出", r"人员经费|公用经费"),
    ("三公", r"三公", r"因公出国|公务用车|公务接待"),
    ("收入", r"收入", r"一般公共预算|政府性基金|国有资本|财政专户|单位资金|事业收入|经营收入|上级补助|附属单位|其他收入|"
                   r"上年结转|本年收入|当年拨款|财政拨款收入|非财政拨款|事业单位经营"),
    ("支出", r"支出|资金|预算", r"基本支出|项目支出|本年|当年|上年结转|财政拨款支出"),
    ("项目", r"金额|项目", r"其他运转类|特定目标类"),
)
_PIECES = {family: piece for family, _whole, piece in _FAMILIES}


def plain_label(label: str) -> str:
    """A figure's label without the year or owner words before it (2024年度本单位预算收入 → 预算收入)."""
    return _PREFIX.sub("", compact(label))


def read_breakdowns(statements: list[m.Statement], sections: list[m.Section]) -> None:
    """Fill each statement's `breakdowns` (of this year's amounts) and `change_breakdowns` (of its changes)."""
    quoted = [mention for quoted in (*statements, *sections) for mention in quoted.mentions]
    previous = None
    for statement in statements:
        carried = _head_before(previous, statement)
        previous = statement
        statement.breakdowns = [_typed(statement, head, parts, follower, False, quoted)
                                for head, parts, follower in _lists(statement, carried, changes=False)]
        statement.change_breakdowns = [_typed(statement, head, parts, follower, True, quoted)
                                       for head, parts, follower in _lists(statement, None, changes=True)]


def _typed(statement: m.Statement, head: m.Mention, parts: list[m.Mention], follower: m.Mention | None,
           changes: bool, quoted: list[m.Mention]) -> m.Breakdown:
    family = _family(statement, head, parts, changes)
    follower_fits = follower is not None and _family(statement, head, parts + [follower], changes) is not None
    left_out = family is not None and not changes and _left_out(quoted, head, parts, _PIECES[family])
    return m.Breakdown(head, parts, follower, family, follower_fits, left_out)


def _lists(statement: m.Statement, carried: m.Mention | None, *, changes: bool):
    """(total, parts, follower) for each amount (or change) followed by 其中/主要包括/主要用于 and the parts after
    it."""
    segments = _segments(statement, changes)
    for number, segment in enumerate(segments):
        follower = segments[number + 1][0] if number + 1 < len(segments) else None
        head, parts = (carried if number == 0 else None), []
        for index, mention in enumerate(segment):
            following = segment[index + 1] if index + 1 < len(segment) else follower
            end = following.position if following is not None else len(statement.text)
            opens = bool(_PARTS.search(statement.text[mention.position + len(mention.printed): end]))
            if head is None:
                start = statement.text.rfind(";", 0, segment[0].position) + 1
                starts_clean = not _PARTS.search(statement.text[start: mention.position])
                if opens and starts_clean:
                    head = mention
                continue
            if mention.in_aside:
                continue   # 公务用车购置及运行费 6.7万元（购置费 0万元；运行费 6.7万元）: details of a part
            parts.append(mention)
            if opens:
                yield head, parts, None
                parts = []
        if head is not None and parts:
            yield head, parts, follower


def _head_before(previous: m.Statement | None, statement: m.Statement) -> m.Mention | None:
    """The total a sentence opening with 其中 breaks down: the one amount of the sentence before it in the same
    paragraph (…共计金额 115.23 万元。其中其他运转类项目 0 个，涉及金额 0 万元；…)."""
    if previous is None or not statement.text.lstrip().startswith("其中"):
        return None
    if (previous.line, previous.page, previous.section) != (statement.line, statement.page, statement.section):
        return None
    amounts = [mm for mm in previous.mentions if not mm.delta and not mm.prior]
    return amounts[0] if len(amounts) == 1 else None   # with several, which one 其中 details is not said


def _segments(statement: m.Statement, changes: bool) -> list[list[m.Mention]]:
    """The sentence's amounts of this year (or its changes), cut at each ; whose clause opens a breakdown of
    its own."""
    segments: list[list[m.Mention]] = [[]]
    text = statement.text
    kind = (lambda mm: mm.delta) if changes else (lambda mm: not mm.delta and not mm.prior)
    for mention in (mm for mm in statement.mentions if kind(mm)):
        previous = segments[-1][-1] if segments[-1] else None
        if previous is not None:
            between = text[previous.position: mention.position]
            clause = text[mention.position:].split(";")[0]
            if ";" in between and _PARTS.search(clause):
                segments.append([])
        segments[-1].append(mention)
    return [segment for segment in segments if segment]


def _family(statement: m.Statement, head: m.Mention, parts: list[m.Mention], changes: bool) -> str | None:
    """The kind of complete breakdown the labels make, if any; the changes of the “三公” items are N009's (their
    公务用车 subtotal stands beside its own parts)."""
    label = plain_label(statement.subject(head))
    return next((family for family, whole, piece in _FAMILIES if not (changes and family == "三公")
                 and re.search(whole, label) and all(re.search(piece, plain_label(statement.subject(p))) for p in parts)),
                None)


def _left_out(quoted: list[m.Mention], head: m.Mention, parts: list[m.Mention], piece: str) -> bool:
    """The parts fall short of the total by an amount of their kind that the narrative quotes elsewhere: a part
    the list leaves out (收入预算515,665.27万元,其中:一般公共预算收入19,828.57万元…国有资本经营预算收入495,836.20万元,
    and further on: 9.其他收入0.5万元)."""
    gap = head.value - sum((p.in_unit(head.unit) for p in parts), Decimal(0))
    if gap <= 0:
        return False
    listed = {id(head), *(id(p) for p in parts)}
    return any(id(other) not in listed and not other.delta and not other.prior and other.in_unit(head.unit) == gap
               and re.search(piece, plain_label(other.label)) for other in quoted)
