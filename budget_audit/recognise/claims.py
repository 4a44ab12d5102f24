"""Narrative paragraphs → statements with their quoted amounts (`Mention`s).

A sentence of a 情况说明 quotes amounts with a label before them and, after them, what it says of them:
a share (占 p%), a change (比上年增加 D 万元，增长 r%), or that it is unchanged (持平). This module only
reads the text; the N rules decide what the quotes must agree with.
"""
from __future__ import annotations

import re
from decimal import Decimal

from budget_audit import model as m
from budget_audit.recognise.subjects import subject_of

_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|元)")
_DELIMITER = re.compile(r"[,;:。、!?]|其中|主要包括|主要用于|包括|(?<![\d.])\d{1,2}[.．](?!\d)")   # …支出2.“农林水支出”
_DELTA = re.compile(r"(?:比|较|同比)(?:上年|上一年|去年|20\d\d年)[^,;。]{0,12}?(增加|减少|增长|下降|上升|降低)了?$")
_PRIOR = re.compile(r"(?:上年|上一年|去年|20\d\d年)[^,;。]{0,14}?(?:执行数|预算数|决算数|预算|支出|收入)?(?:为|是)$")
_SHARE = re.compile(r"占[^,;。%]{0,20}?(\d+(?:\.\d+)?)\s*%")
_RATE = re.compile(r"(增长|下降|增加|减少|上升|降低)了?\s*(\d+(?:\.\d+)?)\s*%")
_UNCHANGED = re.compile(r"持平|相同|不变|无变化")
_PARTS = re.compile(r"其中|主要包括|主要用于|包括")
_CODE = re.compile(r"\((\d{3})类\)(?:[^()]*?\((\d{2})款\))?(?:[^()]*?\((\d{2})项\))?")
_UP = ("增加", "增长", "上升")
# a label that names only a measure; what it measures is in the clause before (…项目 9 个，涉及金额)
_OPENS_WITH_PARTS = re.compile(r"\s*(其中|具体为|具体包括|主要包括|包括)")
_MEASURE_ONLY = re.compile(r"(共计|涉及|合计)?\s*(项目)?\s*(金额|资金)")


def build_statements(sections: list[m.Section], year: int | None) -> list[m.Statement]:
    statements = []
    for section in sections:
        for paragraph in section.paragraphs:
            before: list[m.Mention] = []
            for start, sentence in _sentences(paragraph.text):
                statement = m.Statement(text=sentence, section=section.heading, line=paragraph.line,
                                        page=paragraph.page)
                statement.mentions = _mentions(sentence, year, section.heading, _carried_whole(sentence, before))
                before = statement.mentions
                for mention in statement.mentions:
                    printed_at = paragraph.where(start + mention.position)
                    mention.line, mention.page = printed_at.line, printed_at.page
                if statement.mentions:
                    statements.append(statement)
    return statements


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset in the paragraph, sentence) for each sentence up to its 。"""
    sentences, offset = [], 0
    for part in text.split("。"):
        if part.strip():
            sentences.append((offset, part + "。"))
        offset += len(part) + 1
    return sentences


def _carried_whole(sentence: str, before: list[m.Mention]) -> m.Subject | None:
    """The subject of the whole a sentence opening with 其中/具体为 details: the one amount of the sentence before
    ((1)进修及培训(20508)102.32万元…。具体为:人员经费0.00万元…: that 款's 人员经费)."""
    amounts = [mm for mm in before if not (mm.delta or mm.prior)]
    if not _OPENS_WITH_PARTS.match(sentence) or len(amounts) != 1:
        return None
    return amounts[0].subject or m.Subject(m.UNKNOWN_SUBJECT)


def _mentions(sentence: str, year: int | None, section: str, carried: m.Subject | None = None) -> list[m.Mention]:
    matches = list(_AMOUNT.finditer(sentence))
    mentions = []
    for index, match in enumerate(matches):
        before = sentence[: match.start()]
        after = sentence[match.end(): matches[index + 1].start() if index + 1 < len(matches) else len(sentence)]
        label = _label(before)
        value = Decimal(match.group(1).replace(",", ""))
        mention = m.Mention(label=label, value=value, unit=match.group(2), printed=match.group(0),
                            position=match.start())
        tail = re.sub(r"\([^()]*\)", "", before)[-24:]   # 比2022年(上一年度,下同)预算增加: the aside is not the clause
        delta = _DELTA.search(tail)
        if delta:
            mention.delta = True
            mention.direction = 1 if delta.group(1) in _UP else -1
        elif _PRIOR.search(tail) and not _is_this_year(tail, year):
            mention.prior = True
        clause = re.split(r"[;。]", after, maxsplit=1)[0]
        share = _SHARE.search(clause)
        if share:
            mention.share, mention.share_text = Decimal(share.group(1)), share.group(0)
        rate = _RATE.search(clause)
        if rate and not (share and share.start() < rate.start() < share.end()):
            mention.rate, mention.rate_text = Decimal(rate.group(2)), rate.group(0)
            if not mention.delta:
                mention.direction = 1 if rate.group(1) in _UP else -1
        if _UNCHANGED.search(clause) and not rate:
            mention.unchanged = True
        mention.in_parts = bool(_PARTS.search(sentence[: match.start()])) and bool(mentions)
        code = _CODE.search(label)
        if code and code.group(2) and code.group(3):
            mention.code = "".join(code.groups())
        if not (mention.delta or mention.prior):
            whole = _whole(sentence, mentions, match.start()) or carried
            mention.subject = subject_of(label, section, whole, mention.in_parts or whole is not None)
        mentions.append(mention)
    return mentions


def _whole(sentence: str, mentions: list[m.Mention], position: int) -> m.Subject | None:
    """The subject of the amount a listed part belongs to: the last one before the 其中/包括 that opens its list."""
    opened = [keyword.start() for keyword in _PARTS.finditer(sentence, 0, position)]
    wholes = [mm for mm in mentions if opened and mm.position < opened[-1] and not (mm.delta or mm.prior)]
    return (wholes[-1].subject or m.Subject(m.UNKNOWN_SUBJECT)) if wholes else None


def _label(before: str) -> str:
    pieces = _DELIMITER.split(before)
    label = pieces[-1] if pieces else before
    if not label.strip() and len(pieces) > 1:
        label = pieces[-2]
    elif _MEASURE_ONLY.fullmatch(label.strip()) and len(pieces) > 1:
        label = pieces[-2].strip() + label.strip()   # 特定目标类项目 9 个，涉及金额: what the amount is of
    return re.sub(r"(为|是|共计|合计|总计为|达|(?<![总合共])计|约)$", "", label.strip()).strip()


def _is_this_year(tail: str, year: int | None) -> bool:
    years = re.findall(r"(20\d\d)年", tail)
    return bool(year and years and int(years[-1]) >= year)
