"""Printed shapes the recogniser reads rows by: classification codes, row numbering, and the table sets
each reading applies to."""
from __future__ import annotations

import re

from budget_audit.recognise import catalogue as cat

CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
SPLIT_CODE = re.compile(r"^(\d{3})\s+(\d{2})(?:\s+(\d{2}))?$")
CODE_IN_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*[-—:：、.]?\s*(\D.*)$")
ORDINAL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|\d+[、.．](?!\d)|[①-⑳])")
_ORDINAL_STYLES = (("一、", re.compile(r"^[一二三四五六七八九十]+[、.．]")), ("(一)", re.compile(r"^\(?[一二三四五六七八九十]+\)")),
                   ("1、", re.compile(r"^\d+[、.．](?!\d)")), ("(1)", re.compile(r"^\(\d+\)")), ("①", re.compile(r"^[①-⑳]")))


def ordinal_style(printed: str) -> str | None:
    return next((style for style, pattern in _ORDINAL_STYLES if pattern.match(printed)), None)


CODE_ROLES = ("code", "code_class", "code_section", "code_item")

# The table sets each reading applies to, from the catalogue's one description per table.
TWO_SIDED = frozenset(cat.keys_where(lambda table: table.two_sided))
FUNCTION_CODED = frozenset(cat.keys_where(coding=cat.FUNCTION))
ECONOMIC = frozenset(cat.keys_where(coding=cat.ECONOMIC))
LISTS = frozenset(cat.keys_where(lambda table: table.lists_projects))
