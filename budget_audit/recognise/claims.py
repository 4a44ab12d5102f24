"""Narrative paragraphs → statements with their quoted amounts (`Mention`s).

A sentence of a 情况说明 quotes amounts with a label before them and, after them, what it says of them:
a share (占 p%), a change (比上年增加 D 万元，增长 r%), or that it is unchanged (持平). A change is either
compared with an amount before it (…3,086.94万元，较上年减少5.32万元: its `owner`) or names its own subject
(支出预算减少49.81万元，其中基本支出增加75.19万元). A bracketed aside is part of its sentence, even where it
holds a 。 of its own. This module only reads the text; the N rules decide what the quotes must agree with.
"""
from __future__ import annotations

import re
from decimal import Decimal

from budget_audit import model as m
from budget_audit.money import is_plausible
from budget_audit.recognise.breakdowns import plain_label
from budget_audit.recognise.listed_items import listed_items
from budget_audit.recognise.quantities import AMOUNT as _AMOUNT
from budget_audit.recognise.subjects import outturn_subject, subject_of, three_public_figure

_DELIMITER = re.compile(r"[,;:。、!?]|其中|主要包括|主要用于|包括|(?<![\d.])\d{1,2}[.．](?!\d)")   # …支出2.“农林水支出”
_CHANGE_WORDS = "增加|减少|增长|下降|上升|降低"   # the words a change is said in
_CHANGE = rf"({_CHANGE_WORDS})了?$"
_DELTA = re.compile(r"(?:比|较|同比)(?:上年|上一年|去年|20\d\d年)[^,;。]{0,12}?" + _CHANGE)
# 与2016年度相比(2016年度…为8,648.07万元),增加498.72万元: the comparison, then a comma, then the change
_COMPARED = re.compile(r"与(?:上年|上一年|去年|20\d\d年)[^,;。]{0,12}?相比[,，]?" + _CHANGE)
# an amount whose own label says it is a change: 支出预算减少49.81万元; 其中基本支出增加75.19万元
_CHANGE_LABEL = re.compile(_CHANGE)
_COMPARISON_LABEL = re.compile(r"^(?:比|较|同比|与)")
_PRIOR = re.compile(r"(?:上年|上一年|去年|20\d\d年)[^,;。]{0,14}?(?:执行数|预算数|决算数|预算|支出|收入)?(?:为|是)$")
# the amount compared with, stated in the comparison: 比2025年年初预算数30385.62万元增加2466.43万元
_BASE = re.compile(rf"(?:比|较|同比)(?:上年|上一年|去年|20\d\d年)(?:(?!{_CHANGE_WORDS})[^,;。\d]){{0,14}}$")
_SHARE = re.compile(r"占[^,;。%]{0,20}?(\d+(?:\.\d+)?)\s*%")
_RATE = re.compile(rf"({_CHANGE_WORDS})了?\s*(\d+(?:\.\d+)?)\s*%")
_UNCHANGED = re.compile(r"持平|相同|不变|无变化")
_PARTS = re.compile(r"其中|主要包括|主要用于|包括")
_CODE = re.compile(r"\((\d{3})类\)(?:[^()]*?\((\d{2})款\))?(?:[^()]*?\((\d{2})项\))?")
_UP = ("增加", "增长", "上升")
_OPENS_WITH_PARTS = re.compile(r"\s*(其中|具体为|具体包括|主要包括|包括)")
# a label that names only a measure; what it measures is in the clause before (…项目 9 个，涉及金额)
_MEASURE_ONLY = re.compile(r"(共计|涉及|合计)?\s*(项目)?\s*(金额|资金)")
_OPEN, _CLOSE = "(（", ")）"
# a sentence its paragraph ends after a ; (each part of a list a paragraph of its own)
_CUT_AFTER_SEMICOLON = re.compile(r"[;；]\s*。$")
# A note to the drafter, left in the published text: (注:上年3,468.18万元,公开时请删除注释). Its amounts are not
# claims of the document (S006 reports the note itself).
DRAFTING_NOTE = re.compile(r"(?:公开|发布|印发)[前时]请?(?:删除|删去)|请(?:删除|删去)(?:此|本|该)?(?:注释|说明|备注)")
# 1.因公出国(境)费用。2026年预算数…: a numbered name run into its paragraph names what the sentences after it are of
_RUN_IN = re.compile(r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*"
                     r"([^,，;；:：。\d]{2,24}?)(?:。$|[:：])")
# 原因是/原因为/原因在于/原因： introduce a reason; 由于…系统原因, uses the noun and introduces none
_REASON = re.compile(r"原因(?:是|为|在于)[:：]?|原因[:：]")
_REASON_END = re.compile(r"[。;；]")
# 比2025年预算增加…, 较2025年…, 与2025年相比/预算持平/同期: the year a figure is compared with
_COMPARED_YEAR = re.compile(r"(?:比|较|同比)(20\d\d)年|与(20\d\d)年(?:度)?(?:相比|预算|同期|决算|持平)")
# a class, 款 and 项 named with their codes: 公共安全支出(204类)司法(06款)行政运行(01项)
_LEVEL_NAME = r"([^()\d,;:。、]{2,30}?)"   # the name of a class, 款 or 项 before its marker
_NAMED_CODE = re.compile(rf"{_LEVEL_NAME}\((\d{{3}})类\)(?:{_LEVEL_NAME}\((\d{{2}})款\))?"
                         rf"(?:{_LEVEL_NAME}\((\d{{2}})项\))?")
# 决算: 年初预算为 A, (支出)决算为 B, 完成年初预算的 z%
_BUDGET_NAMED = re.compile(r"年初预算(?:数)?为")
_BUDGET_IS = re.compile(_BUDGET_NAMED.pattern + r"\s*$")
_OUTTURN_IS = re.compile(r"决算(?:数)?为\s*$")
_COMPLETED = re.compile(r"完成(?:年初)?预算的?\s*(\d+(?:\.\d+)?)\s*%")
# what the text says of the outturn against the budget: 决算数小于预算数, 决算数与预算数基本持平
_OUTTURN_SAID = re.compile(r"决算数?(?:(大于|高于|多于|超过)|(小于|低于|少于)|(等于))(?:年初)?预算数?"
                           r"|决算数?[与同](?:年初)?预算数?(基本)?(?:持平|一致|相等|相同)")
# the 类, 款 and 项 an outturn is of, named without codes: 一般公共服务支出(类)财政事务(款)行政运行(项)
_LEVEL_NAMES = re.compile(rf"{_LEVEL_NAME}\(类\)\s*{_LEVEL_NAME}\(款\)\s*{_LEVEL_NAME}\(项\)")
# 2026年预算安排 57.8万元, 预算数 …: the amount a 项 sentence says is planned for it (restating its heading's)
_PLANNED = re.compile(r"预算安排$|预算数$|安排$")
# a rate rather than an amount of the budget: 每人, 人均, 标准, 单价
_PER_UNIT = re.compile(r"每|人均|标准|单价")
# 支出包括…, 主要用于…: the sentence lists what the spending goes to (its classes)
_SPENT_ON = re.compile(r"支出包括|主要用于")
# 增加(减少), 增长(下降), (增加)减少: a template offering both words, the choice never made
_ALTERNATIVE = re.compile(rf"(?:{_CHANGE_WORDS})[(（](?:{_CHANGE_WORDS})[)）]"
                          rf"|[(（](?:{_CHANGE_WORDS})[)）](?:{_CHANGE_WORDS})")


def build_statements(sections: list[m.Section], year: int | None,
                     remarks: list[m.Statement] | None = None) -> list[m.Statement]:
    """The sentences that quote amounts; those that quote none but compare a year or leave a template's choice
    (财政拨款收入支出增加(减少)的主要原因是业务量增加。) go to `remarks` when it is given."""
    statements = []
    enclosing = ""   # the heading a numbered 项 heading (2、住房保障支出(类)…购房补贴(项)。) is listed under
    for section in sections:
        if "(类)" not in section.heading:   # 8、城乡社区支出(类)城乡社区管理事务( heads one 项 of the section before
            enclosing = section.heading
        section.mentions = _mentions(section.heading, year)
        continuing: m.Subject | None = None   # the whole of a list the paragraph before left open after a ;
        named_item = _level_names(section.heading)   # the 项 a numbered line names (1、…(类)…(款)…(项)。) until the next
        for index, paragraph in enumerate(section.paragraphs):
            topic = None
            before: list[m.Mention] = []
            outturn: m.Completion | None = None   # the paragraph's last 年初预算为 A，决算为 B, for what follows of it
            for start, sentence in _placed_sentences(paragraph.text):
                run_in = _RUN_IN.match(sentence)
                if run_in:
                    topic = run_in.group(1)
                statement = m.Statement(text=sentence, section=section.heading, line=paragraph.line,
                                        page=paragraph.page, topic=topic)
                whole = _carried_whole(sentence, before) or (continuing if not before else None)
                statement.mentions = _mentions(sentence, year, section.heading, whole)
                statement.reasons = _reasons(sentence)
                statement.compared_years = [int(a or b) for a, b in _COMPARED_YEAR.findall(sentence)]
                statement.alternatives = [match.group(0) for match in _ALTERNATIVE.finditer(sentence)]
                statement.completions = _completions(sentence, statement.mentions)
                # a 项 heading may end mid-name (…城乡社区管理事务( | 款)行政运行(项)。): read it with its first paragraph
                opening = section.heading if index == 0 else ""
                named_item = _level_names(opening + paragraph.text[: start + len(sentence)]) or named_item
                for completion in statement.completions:
                    completion.names = named_item
                    completion.actual.subject = outturn_subject(completion, enclosing)
                outturn = statement.completions[-1] if statement.completions else outturn
                if outturn is not None and outturn.said is None:   # 决算数小于预算数的主要原因: in a sentence after
                    outturn.said, outturn.said_text = _outturn_said(sentence)
                statement.named_codes = _named_codes(sentence)
                statement.lists_spending = bool(_SPENT_ON.search(sentence))
                statement.topic_item = three_public_figure(topic) if topic else None
                for mention in statement.mentions:
                    mention.three_public = three_public_figure(statement.subject(mention))
                statement.listed_items = listed_items(sentence)
                before = statement.mentions
                statement.cut_short = bool(_CUT_AFTER_SEMICOLON.search(sentence)) or in_aside(sentence, len(sentence))
                continuing = whole if _CUT_AFTER_SEMICOLON.search(sentence) else None
                for mention in statement.mentions:
                    printed_at = paragraph.where(start + mention.position)
                    mention.line, mention.page = printed_at.line, printed_at.page
                if statement.mentions:
                    statements.append(statement)
                elif remarks is not None and (statement.alternatives or statement.compared_years):
                    remarks.append(statement)
    return statements


def sentences(text: str) -> list[str]:
    return [sentence for _offset, sentence in _placed_sentences(text)]


def _placed_sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a paragraph, each ending in 。: split at every 。 that no bracket pair encloses
    (…(公务用车购置费230.55万元,比上年增加49.45万元;公务用车运行维护费337.17万元,比上年减少2.96万元。)比上年
    增加46.49万元 is one sentence), each with its offset in the paragraph."""
    pairs = _bracket_pairs(text)
    parts, start = [], 0
    for index, char in enumerate(text):
        if char == "。" and not any(a < index < b for a, b in pairs):
            parts.append((start, text[start:index]))
            start = index + 1
    parts.append((start, text[start:]))
    return [(offset, part + "。") for offset, part in parts if part.strip()]


def _carried_whole(sentence: str, before: list[m.Mention]) -> m.Subject | None:
    """The subject of the whole a sentence opening with 其中/具体为 details: the one amount of the sentence before, or
    the part it lists last ((1)进修及培训(20508)102.32万元…。具体为:人员经费0.00万元…: that 款's 人员经费)."""
    amounts = [mm for mm in before if not (mm.delta or mm.prior)]
    if not _OPENS_WITH_PARTS.match(sentence) or not amounts or len(amounts) > 1 and not amounts[-1].in_parts:
        return None
    # the one amount, or the last part listed (…支出53,598.71万元,其中:(1)进修及培训(20508)102.32万元…。具体为:…)
    return amounts[-1].subject or m.Subject(m.UNKNOWN_SUBJECT)


def in_aside(text: str, position: int) -> bool:
    """Whether `position` stands inside an aside opened before it; a ) whose ( is in an earlier sentence closes
    nothing here."""
    depth = 0
    for char in text[:position]:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
    return depth > 0


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the brackets that close; a bracket left open is no aside."""
    pairs, stack = [], []
    for index, char in enumerate(text):
        if char in _OPEN:
            stack.append(index)
        elif char in _CLOSE and stack:
            pairs.append((stack.pop(), index))
    return pairs


def _completions(sentence: str, mentions: list[m.Mention]) -> list[m.Completion]:
    """年初预算为 A万元，支出决算为 B万元(，完成年初预算的 z%): the budget, the outturn after it, the rate after both
    when the sentence states one. The outturn whose own label names nothing (支出决算为) is of what the budget's
    label names (一般公共预算财政拨款支出年初预算为 A)."""
    found, budget = [], None
    for mention in mentions:
        before = sentence[: mention.position]
        if _BUDGET_IS.search(before):
            budget = mention
        elif budget is not None and _OUTTURN_IS.search(before):
            rate = _COMPLETED.search(sentence, mention.position + len(mention.printed))
            if rate and _BUDGET_NAMED.search(sentence, mention.position, rate.start()):
                rate = None   # the rate of the next pair (…决算为 B;其中:…年初预算为 A2…完成 z%)
            found.append(m.Completion(budget, mention, Decimal(rate.group(1)) if rate else None,
                                      rate.group(0) if rate else None))
            budget = None
    return found


def _outturn_said(sentence: str) -> tuple[int | None, str | None]:
    said = _OUTTURN_SAID.search(sentence)
    if not said:
        return None, None
    more, less, _equal, _roughly = said.groups()
    return (1 if more else -1 if less else 0), said.group(0)


def _level_names(text: str) -> tuple[str, ...]:
    """The last 类, 款 and 项 named without codes in `text`; a numbering before the class is not its name."""
    named = list(_LEVEL_NAMES.finditer(text))
    return tuple(name.strip() for name in named[-1].groups()) if named else ()


def _named_codes(sentence: str) -> list[tuple[str, str]]:
    """(name, code) for each level of a 公共安全支出(204类)司法(06款)行政运行(01项) phrase; a numbering before the
    class name is not part of it."""
    named = []
    for match in _NAMED_CODE.finditer(sentence):
        class_name, class_code, item_name, item, entry_name, entry = match.groups()
        named.append((class_name, class_code))
        if item:
            named.append((item_name, class_code + item))
            if entry:
                named.append((entry_name, class_code + item + entry))
    return [(re.sub(r"^\d*[、.．]", "", name.strip()), code) for name, code in named]   # 3.医疗…: the name


def _reasons(sentence: str) -> list[str]:
    reasons = []
    for match in _REASON.finditer(sentence):
        text = _REASON_END.split(sentence[match.end():], maxsplit=1)[0]
        reasons.append(text.strip(" ,，:：、"))
    return reasons


def _mentions(sentence: str, year: int | None, section: str = "", carried: m.Subject | None = None) -> list[m.Mention]:
    pairs = _bracket_pairs(sentence)
    notes = [(a, b) for a, b in pairs if DRAFTING_NOTE.search(sentence[a:b])]
    matches = [match for match in _AMOUNT.finditer(sentence) if not any(a < match.start() < b for a, b in notes)
               and is_plausible(Decimal(match.group(1).replace(",", "")))]   # 30 digits are not an amount
    mentions = []
    for index, match in enumerate(matches):
        before = sentence[: match.start()]
        after = sentence[match.end(): matches[index + 1].start() if index + 1 < len(matches) else len(sentence)]
        label = _label(before, pairs)
        value = Decimal(match.group(1).replace(",", ""))
        mention = m.Mention(label=label, value=value, unit=match.group(2), printed=match.group(0),
                            position=match.start())
        tail = re.sub(r"\([^()]*\)", "", before)[-24:]   # 比2022年(上一年度,下同)预算增加: the aside is not the clause
        own = _CHANGE_LABEL.search(label)
        # 比上年增加 D; 与2016年度相比,增加 D; 较年初预算减少 D; 比2025年年初预算数 P 万元增加 D
        compared = _DELTA.search(tail) or _COMPARED.search(tail) or (own if _COMPARISON_LABEL.match(label) else None)
        if compared:
            mention.delta = True
            mention.direction = 1 if compared.group(1) in _UP else -1
            mention.owner = _owner(mentions, match.start(), pairs)
            mention.base = _base(sentence, mentions, mention.owner, match.start())
        elif (_PRIOR.search(tail) or _BASE.search(tail)) and not _is_this_year(tail, year):
            mention.prior = True
        elif own:   # 支出预算减少 D; 其中基本支出增加 D: names its own subject
            mention.delta = True
            mention.direction = 1 if own.group(1) in _UP else -1
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
        mention.in_aside = in_aside(sentence, match.start())
        mention.in_parts = bool(_PARTS.search(sentence[: match.start()])) and bool(mentions)
        code = _CODE.search(label)
        if code and code.group(2) and code.group(3):
            mention.code = "".join(code.groups())
        if not (mention.delta or mention.prior):
            whole = _whole(sentence, mentions, match.start()) or carried
            mention.subject = subject_of(label, section, whole, mention.in_parts or whole is not None)
        mention.plans = bool(_PLANNED.search(plain_label(label))) and not mention.code and not mention.prior
        mention.per_unit = bool(_PER_UNIT.search(label))
        mentions.append(mention)
    return mentions


def _whole(sentence: str, mentions: list[m.Mention], position: int) -> m.Subject | None:
    """The subject of the amount a listed part belongs to: the last one before the 其中/包括 that opens its list."""
    opened = [keyword.start() for keyword in _PARTS.finditer(sentence, 0, position)]
    wholes = [mm for mm in mentions if opened and mm.position < opened[-1] and not (mm.delta or mm.prior)]
    return (wholes[-1].subject or m.Subject(m.UNKNOWN_SUBJECT)) if wholes else None


def _owner(mentions: list[m.Mention], position: int, pairs: list[tuple[int, int]]) -> int | None:
    """The amount a change compares with: the nearest amount of this year before it that is not inside an
    aside closed before the change (…567.72万元(购置费230.55万元…。)比上年增加46.49万元 changes 567.72)."""
    for index in range(len(mentions) - 1, -1, -1):
        candidate = mentions[index]
        if candidate.delta or candidate.prior:
            continue
        if any(a < candidate.position < b < position for a, b in pairs):
            continue
        return index
    return None


def _base(sentence: str, mentions: list[m.Mention], owner: int | None, position: int) -> int | None:
    """The earlier year's amount a change is compared with, where the comparison states it: a prior amount after
    the amount changed and in the change's own clause (比2025年年初预算数28479.84万元增加; 与2016年度相比(…为
    8,648.07万元),增加)."""
    for index in range(len(mentions) - 1, -1 if owner is None else owner, -1):
        if re.search(r"[;。]", sentence[mentions[index].position: position]):
            return None
        if mentions[index].prior:
            return index
    return None


def _label(before: str, pairs: list[tuple[int, int]] = ()) -> str:
    # an aside still open at the amount starts the label: …74.1万元(公务用车购置费0万元 → 公务用车购置费
    opened = [a for a, b in pairs if a < len(before) <= b]
    if opened:
        before = before[max(opened) + 1:]
    pieces = _DELIMITER.split(before)
    label = pieces[-1] if pieces else before
    if not label.strip() and len(pieces) > 1:
        label = pieces[-2]
    elif _MEASURE_ONLY.fullmatch(label.strip()) and len(pieces) > 1:
        label = pieces[-2].strip() + label.strip()   # 特定目标类项目 9 个，涉及金额: what the amount is of
    return re.sub(r"(为|是|共计|合计|总计为|达|(?<![总合共])计|约)$", "", label.strip().lstrip(_CLOSE)).strip()


def _is_this_year(tail: str, year: int | None) -> bool:
    years = re.findall(r"(20\d\d)年", tail)
    return bool(year and years and int(years[-1]) >= year)
