"""Flaws of the narrative's text as printed: doubled or clashing punctuation, brackets and quotes left open or
closed twice, and English commas in Chinese prose.

Read from the lines before normalising (normalising makes ， and , one character), a section at a time,
because a sentence, its brackets and its quotes run over lines. Each flaw keeps the printed line it is on.
"""
from __future__ import annotations

import re

from budget_audit import model as m

_HAN = "\u4e00-\u9fff"
_PATTERNS = (
    (m.DOUBLED_STOP, re.compile(r"。\s*。")),
    (m.PAUSE_BEFORE_STOP, re.compile(r"[，,、；;：:]\s*。")),
    # an English comma between Chinese words (not 1,234.56)
    (m.ENGLISH_COMMA, re.compile(rf"(?<=[{_HAN}]),\s*(?=[{_HAN}])")),
)
_OPEN, _CLOSE = "(（", ")）"
# 1) 2) or 一） numbering a list: a closing bracket that opens nothing by design
_NUMBERING = re.compile(r"(?:^|(?<=[。；;：:，,\s]))(?:\d{1,2}|[一二三四五六七八九十]{1,2}|[a-zA-Z])[)）]")
_PROSE = re.compile(r"[。；;，,：:]")
_EXCERPT = 12   # characters either side of a flaw in the excerpt


def text_flaws(sections: list[m.Section]) -> list[m.TextFlaw]:
    flaws = []
    for section in sections:
        # brackets and quotes may open in one paragraph and close in the next (a list of offices, one a line),
        # or in the heading a paragraph continues (…疾病预防控制中心( | 新址)项目建设绩效自评综述): they are
        # paired over the section; flaws are reported in its prose only
        heading = m.PrintedLine(section.printed if section.printed is not None else section.heading, section.line,
                                section.page)
        text, starts, prose = _joined(heading, section.paragraphs)
        found = [(kind, match.start(), match.end()) for kind, pattern in _PATTERNS for match in pattern.finditer(text)]
        found += [(m.UNMATCHED_BRACKET, at, at + 1) for at in _unmatched_brackets(text)]
        found += [(m.UNMATCHED_QUOTE, at, at + 1) for at in _unmatched_quotes(text)]
        for kind, start, end in sorted(found, key=lambda flaw: flaw[1]):
            if not any(low <= start < high for low, high in prose):
                continue
            printed = next(line for offset, line in reversed(starts) if offset <= start)
            excerpt = text[max(0, start - _EXCERPT): end + _EXCERPT]
            flaws.append(m.TextFlaw(kind, text[start:end], excerpt, section.heading, printed.line, printed.page))
    return _without_house_style(flaws, sections)


def _joined(heading: m.PrintedLine, paragraphs: list[m.Paragraph]):
    """The section's text as printed, heading first; where each line starts; and the spans of its prose (a
    table title or a chart's labels caught among the paragraphs print no sentence punctuation)."""
    text, starts = heading.text, [(0, heading)]
    prose = [(0, len(text))] if _PROSE.search(heading.text) else []
    for paragraph in paragraphs:
        begin = len(text)
        for line in paragraph.printed:
            starts.append((len(text), line))
            text += line.text.strip()
        if _PROSE.search(paragraph.text):
            prose.append((begin, len(text)))
    return text, starts, prose


def _without_house_style(flaws: list[m.TextFlaw], sections: list[m.Section]) -> list[m.TextFlaw]:
    """English commas are a slip only where Chinese ones are the rule: a document that prints (or whose fonts map)
    most of its commas as , writes them so on purpose, or its text layer does."""
    chinese = sum(line.text.count("，") for section in sections for paragraph in section.paragraphs
                  for line in paragraph.printed)
    english = sum(1 for flaw in flaws if flaw.kind == m.ENGLISH_COMMA)
    if english * _SLIPS_PER_COMMA <= chinese:
        return flaws
    return [flaw for flaw in flaws if flaw.kind != m.ENGLISH_COMMA]


_SLIPS_PER_COMMA = 10   # at most one English comma for every ten Chinese ones


def _unmatched_brackets(text: str) -> list[int]:
    """Offsets of the brackets that pair with none: a ) with no ( before it (list numbering aside), and each (
    left open at the section's end."""
    numbering = {match.end() - 1 for match in _NUMBERING.finditer(text)}
    stack, unmatched = [], []
    for index, char in enumerate(text):
        if char in _OPEN:
            stack.append(index)
        elif char in _CLOSE:
            if stack:
                stack.pop()
            elif index not in numbering:
                unmatched.append(index)
    return unmatched + stack


def _unmatched_quotes(text: str) -> list[int]:
    """Offsets of the Chinese quotes that pair with none; a paragraph that also prints ASCII or corner quotes
    pairs them some other way and is left alone."""
    if re.search(r"[\"「」『』]", text):
        return []
    stack, unmatched = [], []
    for index, char in enumerate(text):
        if char == "“":
            stack.append(index)
        elif char == "”":
            if stack:
                stack.pop()
            else:
                unmatched.append(index)
    return unmatched + stack
