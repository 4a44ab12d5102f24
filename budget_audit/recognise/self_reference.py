"""Where the narrative names its own budget with a level: 2026年部门预算安排…, 本单位预算收入…. A 单位预算 that
calls itself 部门预算 (or the reverse) was copied from the other template; the rule compares the word with the
document's level (N018). Only phrases that say what this budget arranges count: 部门预算 as the name of the
system (纳入部门预算管理, 深化部门预算改革) or of a table (部门预算经济分类) is no self-reference."""
from __future__ import annotations

import re

from budget_audit import model as m

# (this year's | 本 | a clause's own) 部门/单位 预算/决算 arranging, taking in or spending something
_SELF = re.compile(r"(?:20\d\d年度?|本|(?<=[;；,，。:：]))(部门|单位)(?:预算|决算)(?:安排|收入|支出|总额)")
_LEVELS = {"部门": "department", "单位": "unit"}


def level_words(sections: list[m.Section]) -> list[m.LevelWord]:
    found = []
    for section in sections:
        for paragraph in section.paragraphs:
            for match in _SELF.finditer(paragraph.text):
                printed = paragraph.where(match.start())
                found.append(m.LevelWord(_LEVELS[match.group(1)], match.group(0), section.heading, printed.line,
                                         printed.page))
    return found
