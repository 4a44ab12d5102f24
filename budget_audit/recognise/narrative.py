"""Narrative lines → sections with headings and whole paragraphs (wrapped lines joined).

A paragraph ends at a line that ends a sentence (。；！？), unless the line ends inside a bracket that the next
line closes (…(公务用车购置费331万元,比上年增加119.15万元; | 公务用车运行维护费370.34万元…。)比上年…). A line
ending in a colon does not end its paragraph: what follows the colon is what it introduces (…下降的主要原因是: |
市级单位统一调整公务用车支出标准;).
"""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.read.layout import SourceLine
from budget_audit.recognise.claims import in_aside

_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.．](?!\d))")
_SENTENCE_END = ("。", "；", ";", "！", "？")
# A run-in heading: the section's title, a colon, and the first words of its text on the same line
# ("(四)政府采购情况:2026年本单位政府采购预算总额", the amount on the next line).
_RUN_IN = re.compile(r"^(.+?)[:：]\s*(\S.*)$")


def is_heading(text: str) -> bool:
    if _PART.match(text):
        return True
    if not _HEADING.match(text) or len(text) > 40:
        return False
    return not re.search(r"[，,。；]", text[:-1])


def build_sections(lines: list[SourceLine], page_of_heading) -> list[m.Section]:
    sections: list[m.Section] = []
    part: str | None = None
    current = m.Section(heading="", part=None, line=lines[0].lineno if lines else 0)
    pending: list[SourceLine] = []

    def flush() -> None:
        if pending:
            text = "".join(line.text for line in pending)
            page = pending[0].page if pending[0].page is not None else current.page
            starts, offset = [], 0
            for line in pending:
                starts.append(m.LineStart(offset, line.lineno, line.page if line.page is not None else current.page))
                offset += len(line.text)
            printed = [m.PrintedLine(line.printed if line.printed is not None else line.text, line.lineno,
                                     line.page if line.page is not None else current.page) for line in pending]
            current.paragraphs.append(m.Paragraph(text=text, line=pending[0].lineno, page=page, starts=starts,
                                                  printed=printed))
            pending.clear()

    for line in lines:
        text = line.text.strip()
        if is_heading(text):
            flush()
            if _PART.match(text):
                part = text
            if current.heading or current.paragraphs:
                sections.append(current)
            heading, run_in = _split_run_in(text)
            page = line.page if line.page is not None else page_of_heading(heading)
            printed = _split_printed(line.printed if line.printed is not None else line.text, bool(run_in))
            current = m.Section(heading=heading, part=part, line=line.lineno, page=page, printed=printed[0])
            if run_in:
                # the words after the colon open the section's first paragraph, so that a sentence the
                # heading starts is read whole, amount included, instead of being lost with the heading
                pending.append(SourceLine(cells=(run_in,), lineno=line.lineno, page=line.page, printed=printed[1]))
            continue
        if pending and pending[-1].text.rstrip().endswith(_SENTENCE_END) and not _aside_goes_on(pending, text):
            flush()
        pending.append(line)
    flush()
    if current.heading or current.paragraphs:
        sections.append(current)
    return sections


def _split_run_in(text: str) -> tuple[str, str]:
    """(title, text after the colon) of a run-in heading; (text, "") for a heading that stands alone."""
    match = _RUN_IN.match(text)
    return (match.group(1), match.group(2)) if match else (text, "")


def _split_printed(printed: str, run_in: bool) -> tuple[str, str]:
    """The printed heading line cut where its normalised text was: at the first colon of a run-in heading."""
    parts = re.split(r"[:：]", printed, maxsplit=1) if run_in else [printed]
    return parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""


def _aside_goes_on(pending: list[SourceLine], following: str) -> bool:
    """The paragraph so far leaves a bracket open and the next line closes it before opening another."""
    text = "".join(line.text for line in pending)
    if not in_aside(text, len(text)):
        return False
    close = min((following.find(c) for c in ")）" if c in following), default=-1)
    opening = min((following.find(c) for c in "(（" if c in following), default=len(following))
    return 0 <= close < opening


def section_texts(sections: list[m.Section]):
    """Each section with its paragraphs as one text, for the claims read over a whole section rather than a
    sentence (实有 N 辆，其中：…, n 家行政单位)."""
    for section in sections:
        yield section, "".join(paragraph.text for paragraph in section.paragraphs)
