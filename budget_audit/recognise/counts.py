"""Counts the narrative states, read once for the rules that compare them with the tables (P001): the
projects under performance-target management (纳入绩效目标管理的二级项目 9 个) and the targets published
(公开项目绩效目标 9 个). The first statement of each is the document's."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.recognise.quantities import count

_COUNTS = (
    ("projects_with_targets", re.compile(r"纳入绩效目标管理的[^,，。]*?项目\s*" + count("个"))),
    ("published_targets", re.compile(r"公开(?:项目)?绩效目标\s*" + count("个"))),
)


def read_counts(sections: list[m.Section]) -> list[m.CountClaim]:
    found: dict[str, m.CountClaim] = {}
    for section in sections:
        for paragraph in section.paragraphs:
            for what, pattern in _COUNTS:
                match = pattern.search(paragraph.text)
                if match and what not in found:
                    found[what] = m.CountClaim(what, int(match.group(1)), match.group(0), section.heading,
                                               paragraph.line, paragraph.page)
    return list(found.values())
