"""The one grammar of the quantities prose writes: an amount of money (2,376.26万元, 0.5亿元, 0 元) and a count
of things (9 个, 2 辆, 1 家). The recognisers that read quantities from the narrative or from a table's free text
build on these, so that a number is read alike wherever it is printed."""
from __future__ import annotations

import re
from decimal import Decimal

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"   # 3,086.94 or 3086.94
# an amount inside a sentence; not the tail of a longer number (the 86.94万元 of 3,086.94万元)
AMOUNT = re.compile(rf"(?<![\d.,])({NUMBER})\s*(亿元|万元|元)")


def count(word: str) -> str:
    """The pattern of a count of `word`s (实有 2 辆, 1 家行政单位): the number is its group."""
    return rf"(\d+)\s*{word}"


def whole_amount(text: str) -> tuple[Decimal, str] | None:
    """(value, unit) when `text` is nothing but an amount (a cell of a 绩效目标表: 20万元), else None."""
    match = AMOUNT.fullmatch(text.strip())
    return (Decimal(match.group(1).replace(",", "")), match.group(2)) if match else None
