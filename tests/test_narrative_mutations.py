"""Narrative mutation suite: change any amount of the sample's 情况说明 that repeats a table figure and the audit
must notice.

The amounts are those the recogniser reads as quotes (`Statement.mentions`) whose value equals a non-zero figure
printed in one of the recognised tables; each is found on its printed line, then raised by one unit of its last
digit, lowered by one, and has two adjacent digits swapped. A mutant is caught when the audit reports at least
one new ERROR or WARNING finding (a gap of one display unit is a rounding note, which the sample's exact mode
raises to WARNING)."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from budget_audit import model as m
from budget_audit.audit import audit_path
from budget_audit.money import convert
from tests.conftest import write_variant


def _table_figures(disclosure: m.Disclosure) -> set[Decimal]:
    return {convert(cell.amount, cell.unit, "万元").normalize()
            for table in disclosure.tables.values() for row in table.rows for cell in row.cells.values()
            if not cell.blank and cell.value and cell.unit in ("万元", "元", "亿元")}


def _quoted_amounts(disclosure: m.Disclosure, sample_text: str) -> list[tuple[int, int, str]]:
    """(line index, offset, printed number) of every narrative quote of a table figure, in reading order."""
    figures = _table_figures(disclosure)
    lines = sample_text.split("\n")
    found, seen = [], set()
    for statement in disclosure.statements:
        for mention in statement.mentions:
            if mention.delta or mention.prior or convert(mention.value, mention.unit, "万元").normalize() not in figures:
                continue
            number = re.match(r"[\d,.]+", mention.printed).group(0)
            place = _printed_at(lines, statement.line - 1, number, seen)
            if place is not None:
                seen.add(place)
                found.append((*place, number))
    return found


def _printed_at(lines: list[str], start: int, number: str, taken: set) -> tuple[int, int] | None:
    """The first printing of `number` (not inside a longer number) from the paragraph's first line on."""
    pattern = re.compile(rf"(?<![\d.,]){re.escape(number)}(?![\d])")
    for index in range(start, min(start + 8, len(lines))):
        for match in pattern.finditer(lines[index]):
            if (index, match.start()) not in taken:
                return index, match.start()
    return None


def _mutants(number: str) -> list[tuple[str, str]]:
    value = Decimal(number.replace(",", ""))
    unit = Decimal(1).scaleb(value.as_tuple().exponent)
    out = [("raised", f"{value + unit:f}"), ("lowered", f"{value - unit:f}")]
    for a in range(len(number) - 1):
        if number[a].isdigit() and number[a + 1].isdigit() and number[a] != number[a + 1]:
            swapped = number[:a] + number[a + 1] + number[a] + number[a + 2:]
            if not swapped.startswith("0") or swapped.startswith("0."):
                out.append(("swapped", swapped))
            break
    return out


@pytest.fixture(scope="module")
def quoted(sample_disclosure, sample_text):
    return _quoted_amounts(sample_disclosure, sample_text)


def test_the_sample_quotes_its_tables_thirty_times(quoted):
    # 351.16 ×13, 115.23 ×6, 235.93 ×3, 324.47/9.48/17.21/16.42 ×2 each (checks.md §N001; 219.51 is no printed cell)
    numbers = [number for _line, _offset, number in quoted]
    assert len(numbers) == 30
    assert numbers.count("351.16") == 13 and numbers.count("115.23") == 6 and numbers.count("235.93") == 3


def test_every_mutated_narrative_quote_is_caught(tmp_path, sample_text, sample_result, quoted):
    baseline = {f.fingerprint for f in sample_result.findings}
    lines = sample_text.split("\n")
    missed, mutants = [], 0
    for index, offset, number in quoted:
        for kind, replacement in _mutants(number):
            mutants += 1
            changed = lines.copy()
            changed[index] = lines[index][:offset] + replacement + lines[index][offset + len(number):]
            result = audit_path(write_variant(tmp_path, "\n".join(changed)))
            new = [f for f in result.findings if f.fingerprint not in baseline and f.severity >= m.Severity.WARNING]
            if result.status != "audited" or not new:
                missed.append((index + 1, number, kind, replacement))
    assert mutants == 90
    assert missed == []


def test_a_misquoted_fiscal_total_names_the_table_cell(tmp_path, sample_text):
    # the example: 财政拨款收支总预算 351.16 → 315.16 went unnoticed
    changed = sample_text.replace("财政拨款收支总预算 351.16", "财政拨款收支总预算 315.16")
    assert changed != sample_text
    result = audit_path(write_variant(tmp_path, changed))
    quoted = [f for f in result.findings if f.rule == "N001" and f.actual == Decimal("315.16")]
    assert len(quoted) == 1
    assert quoted[0].expected == Decimal("351.16")
    assert ("BT04", "收入总计") in {(where.table, where.row) for where in quoted[0].locations}
    assert "351.16" in quoted[0].text("zh") and "315.16" in quoted[0].text("zh")
