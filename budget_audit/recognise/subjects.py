"""What a quoted amount stands for: the subject its label names, in the terms the tables use.

A narrative amount's label ("2024年度本单位一般公共预算当年支出", "财政拨款收支总预算", "本年收入",
"涉及项目金额") is read into a `Subject`: which figure (a total, this year's part, 基本支出, a class …), on
which side (income or expenditure) and of which funds (all, 财政拨款, 一般公共预算 …). The section heading fills
in the funds a label leaves out ("基本支出" under 一般公共预算基本支出情况说明). The N rules map a subject to the
cell that prints it (rules/quotes.py); a label read here into no subject is left unverified, never guessed.
"""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.read.normalise import compact
from budget_audit.recognise.breakdowns import plain_label
from budget_audit.recognise.catalogue import class_code

# words before the figure's name that only say whose or which year's budget it is
_OWNER = re.compile(r"^(20\d\d年度?|本单位|本部门|本年度|单位|部门|\d+、)+")
# the unit's name before the year: 上海市普陀区财政局2024年度收入支出总计; a name ends as an organisation's does
# (公务接待费2026年预算安排 is the item's budget, not an owner's)
_NAMED_OWNER = re.compile(r"^[^\d,;:。、()]{1,40}?(局|委|委员会|院|部|厅|办|办公室|中心|所|站|队|会|室|馆|处|社|署|校|园|场|台"
                          r"|政府|单位|部门|本级)(?=20\d\d年)")
_UNIT = re.compile(r"单位|部门")
_FUNDS = ((re.compile(r"财政拨款"), m.FISCAL), (re.compile(r"一般公共预算"), m.GENERAL),
          (re.compile(r"政府性基金预算?"), m.FUND), (re.compile(r"国有资本经营预算?"), m.SOE))
_SOURCE = re.compile(r"(一般公共预算|政府性基金预算|国有资本经营预算)(拨款|资金|收入|拨款收入)?")
_THIS_YEAR = re.compile(r"^(本年|当年)")
# a classification code in brackets after a name: 进修及培训(20508), 对个人和家庭的补助(303)
_CODED = re.compile(r"[(（](\d{3,7})[)）]$")
# what a class name is printed with: “农林水支出”科目, 农林水支出(类)
_CLASS_MARKS = re.compile(r"[“”\"]|科目$|[(（]类[)）]$")

# the figure's name once owner, funds and year part are taken off
_NAMES = (
    (re.compile(r"(预算)?(收入|收支)(预算)?(总计|总额)|收支总预算|(收支)?预算总(计|额)|收入支出(总计|总额)"),
     m.TOTAL, m.INCOME),
    (re.compile(r"(预算)?支出(预算)?(总计|总额)"), m.TOTAL, m.EXPENDITURE),
    (re.compile(r"(预算)?(拨款)?收入(预算)?"), m.BUDGET_SUBJECT, m.INCOME),
    (re.compile(r"(预算)?(拨款)?支出(预算)?|预算安排"), m.BUDGET_SUBJECT, m.EXPENDITURE),
    (re.compile(r"(安排)?基本支出(预算)?"), m.BASIC, m.EXPENDITURE),
    (re.compile(r"(安排)?项目支出(预算)?"), m.PROJECT, m.EXPENDITURE),
    (re.compile(r"人员经费"), m.PERSONNEL, m.EXPENDITURE),
    (re.compile(r"公用经费"), m.PUBLIC, m.EXPENDITURE),
)
_THREE_PUBLIC = (
    (re.compile(r"三公”?经费(预算|支出)?(合计|总额)?(数)?$"), "total"),
    (re.compile(r"因公出国\(境\)费用?(预算)?(支出)?$"), "abroad"),
    (re.compile(r"公务接待费(预算)?(支出)?$"), "reception"),
    (re.compile(r"公务用车购置及运行(维护)?费(预算)?(支出)?$"), "vehicle"),
    (re.compile(r"公务用车购置费(预算)?(支出)?$"), "vehicle_purchase"),
    (re.compile(r"公务用车运行(维护)?费(预算)?(支出)?$"), "vehicle_operation"),
    (re.compile(r"机关运行经费(财政拨款)?(预算)?(总计|合计|总额)?(数)?$"), "running_costs"),
)
# the amount of the projects with performance targets (纳入绩效目标管理的二级项目 9 个，共计金额 115.23 万元;
# 公开项目绩效目标 9 个，涉及项目金额 …), not that of one kind of them (特定目标类项目 9 个，涉及金额 …)
_PROJECTS_AMOUNT = re.compile(r"((共计|涉及)(项目)?|项目)金额$")
_OVERALL_TARGETS = re.compile(r"绩效目标涉及(本级)?(预算)?资金$")
_PROJECTS_COUNTED = re.compile(r"项目[^;；。]*?\d+个$")


def subject_of(label: str, section: str, whole: m.Subject | None, in_parts: bool) -> m.Subject | None:
    """The subject of an amount labelled `label` in a section headed `section`; `in_parts` when it is listed
    after 其中/包括 as a part of `whole` (the subject of the amount before that 其中, or of the one a sentence
    opening with 其中/具体为 details; UNKNOWN_SUBJECT when that amount names nothing known)."""
    subject = _subject(label, section, in_parts)
    if subject is not None and whole is not None and _narrower(whole) and subject.concept in _UNIT_WIDE and not (
            whole.concept == subject.concept == m.CLASS_SUBJECT):   # no class is a part of another
        return None   # 农林水支出 83万元，主要用于人员经费 18万元: that class's 人员经费, not the unit's
    return subject


# subjects that, unqualified, stand for the whole unit's figure
_UNIT_WIDE = (m.BASIC, m.PROJECT, m.PERSONNEL, m.PUBLIC, m.THREE_PUBLIC_SUBJECT, m.CLASS_SUBJECT)


def _narrower(whole: m.Subject) -> bool:
    """Whether the parts listed under `whole` are its own rather than the unit's: those of one class, of 人员经费
    or 公用经费, of 项目支出, or of 机关运行经费 (its 公务接待费 is part of the running costs, not the “三公” item);
    a “三公” total's items are the unit's."""
    if whole.concept == m.THREE_PUBLIC_SUBJECT:
        return whole.item == "running_costs"
    return whole.concept in (m.CLASS_SUBJECT, m.CODED_SUBJECT, m.UNKNOWN_SUBJECT, m.PERSONNEL, m.PUBLIC, m.PROJECT)


def _subject(label: str, section: str, in_parts: bool) -> m.Subject | None:
    label = compact(label)
    named = _NAMED_OWNER.match(label)
    label = label[named.end():] if named else label
    owner = _OWNER.match(label)
    # 本单位预算收入, XX局2024年度预算收入: the unit's own, not some item's
    owned = bool(named or owner and _UNIT.search(owner.group(0)))
    text = _OWNER.sub("", label)
    heading = compact(section)
    if _OVERALL_TARGETS.search(text) and "整体" in text + heading:
        return m.Subject(m.TOTAL, m.EXPENDITURE)   # 部门整体支出绩效目标涉及本级预算资金 351.16 万元: all spending
    projects = _PROJECTS_AMOUNT.search(text)
    if projects:
        counted = text[: projects.start()]
        if not in_parts and "绩效" in heading and _PROJECTS_COUNTED.search(counted) and "类项目" not in counted:
            return m.Subject(m.PROJECT_TARGETS_SUBJECT)
        return None
    source = _SOURCE.fullmatch(text)
    if source:
        return m.Subject(m.SOURCE_SUBJECT, m.INCOME, _funds_in(source.group(1)))
    funds = _funds_in(text)
    name = text
    for pattern, _funds in _FUNDS:
        name = pattern.sub("", name)
    this_year = bool(_THIS_YEAR.match(name))
    name = _THIS_YEAR.sub("", name)
    if name in ("收入", "支出") and not (this_year or funds):
        return None   # 支出 alone ends many a phrase (…用于XX支出); it names no total
    funds = funds or _funds_in(heading)
    for pattern, concept, side in _NAMES:
        if pattern.fullmatch(name):
            if concept == m.BUDGET_SUBJECT and not (owned or this_year or _funds_in(text)):
                return None   # 2026年预算安排 70万元: the budget of whatever the sentence is about
            return m.Subject(concept, side, funds)
    for pattern, item in _THREE_PUBLIC:
        if pattern.search(text):
            return m.Subject(m.THREE_PUBLIC_SUBJECT, m.EXPENDITURE, item=item)
    code = class_code(_CLASS_MARKS.sub("", text))
    if code:
        return m.Subject(m.CLASS_SUBJECT, m.EXPENDITURE, funds, code)
    coded = _CODED.search(text)
    return m.Subject(m.CODED_SUBJECT, code=coded.group(1)) if coded else None


# an outturn's own label that names nothing: (支出)决算(数)为 B
_BARE_OUTTURN = re.compile(r"^(其中)?(支出)?决算(数)?$")
_BUDGET_WORDS = re.compile(r"年初预算(数)?$")


def outturn_subject(completion: m.Completion, section: str) -> m.Subject | None:
    """What a 决算's outturn B is of: the 项 the paragraph names (一般公共服务支出(类)财政事务(款)行政运行(项)), or,
    where B's own label names nothing (支出决算为 B), what the budget's label before it names
    (一般公共预算财政拨款支出年初预算为 A → 一般公共预算财政拨款支出)."""
    if completion.names:
        return m.Subject(m.NAMED_ITEM_SUBJECT, m.EXPENDITURE, _funds_in(compact(section)), names=completion.names)
    if not _BARE_OUTTURN.match(compact(completion.actual.label)):
        return completion.actual.subject
    whole = _BUDGET_WORDS.sub("", compact(completion.budget.label))
    return _subject(whole, section, completion.budget.in_parts) if whole else None


def _funds_in(text: str) -> str | None:
    """The narrowest funds a text names (政府性基金预算财政拨款收入 is the 基金's, not all 财政拨款)."""
    found = [funds for pattern, funds in _FUNDS if pattern.search(text)]
    narrow = [funds for funds in found if funds != m.FISCAL]
    return narrow[0] if narrow else (found[0] if found else None)


_BRACKETS = re.compile(r"[()（）]")
_NUMBERING = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])")


def leave_sub_units(statements: list[m.Statement], tables: dict[str, m.Table]) -> None:
    """A section headed by the name of one of the units the tables break the budget down by (一、深圳市生态环境局
    (本级), 二、深圳市饮用水源保护管理办公室) quotes that unit's own figures: they name none of the document's."""
    units = {_BRACKETS.sub("", compact(row.label)) for table in tables.values() for row in table.rows
             if row.kind == m.UNIT_TOTAL_ROW and row.label}
    if not units:
        return
    for statement in statements:
        heading = _BRACKETS.sub("", _NUMBERING.sub("", compact(statement.section)))   # 局本级 for 局(本级)
        # a heading wrapped over lines keeps only the start of the name (十、深圳市深圳河湾流域管理中心(深圳市治)
        if len(heading) >= 6 and any(unit.startswith(heading) or heading.startswith(unit) for unit in units):
            for mention in statement.mentions:
                mention.subject = None


def three_public_figure(label: str) -> str | None:
    """Which “三公” figure a label names: the total, 因公出国, 公务接待, or 公务用车 (with its two parts)."""
    label = plain_label(label)
    if "三公" in label:
        return "total"
    if "因公出国" in label:
        return "abroad"
    if "公务接待" in label:
        return "reception"
    if "公务用车" not in label:
        return None
    if re.search(r"购置[及和与、]运行", label):
        return "vehicle"
    return "vehicle_purchase" if "购置" in label else "vehicle_running" if re.search(r"运行|运维", label) else "vehicle"
