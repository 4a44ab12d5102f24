"""The names a sentence lists as what 人员经费 or 公用经费 consist of (…公用经费…主要包括:办公费、印刷费、…等), read
for the rule that looks for each name among the budgeted lines of 基本支出表 (N007)."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.read.normalise import compact

# the list runs to the end of the sentence: …主要包括:办公费、印刷费、水费、电费等。
_LISTED = re.compile(r"(人员经费|公用经费)[^。]*?主要包括[:：]?([^。]+)")
_SEPARATOR = re.compile(r"[、,]")


def listed_items(sentence: str) -> list[m.ListedItems]:
    return [m.ListedItems(match.group(1), _names(match.group(2))) for match in _LISTED.finditer(sentence)]


def _names(listed: str) -> tuple[str, ...]:
    """办公费、印刷费、其他商品和服务支出等 → (办公费, 印刷费, 其他商品和服务支出): the 等 closing a list is not part of a name."""
    names = (re.sub(r"等$", "", compact(name).strip(";:,。")) for name in _SEPARATOR.split(listed))
    return tuple(name for name in names if name)
