"""Mutation suite: change any non-zero money cell of the sample's tables and the audit must notice.

The mutants are generated here from the recognised tables (so every amount column of every table is
covered, whatever its layout): each cell is raised by 1.00 (its printed precision kept) and, separately,
has two digits swapped where that changes it. A mutant is caught when the audit reports at least one
new ERROR or WARNING finding."""
from __future__ import annotations

from decimal import Decimal

import pytest

from budget_audit import model as m
from budget_audit.audit import audit_path
from budget_audit.read import read_document
from budget_audit.recognise import recognise
from tests.conftest import SAMPLE, write_variant


def _money_cells():
    disclosure = recognise(read_document(SAMPLE))
    cells = []
    for table in disclosure.tables.values():
        for row in table.rows:
            for role, cell in row.cells.items():
                column = next(c for c in table.columns if c.role == role and c.side == row.side)
                if cell.value:
                    cells.append((table.key, row.printed or row.label, column.label, row.line, column.index, cell.text))
    return cells


MONEY_CELLS = _money_cells()
_TABLE_X = {f"X{n:03d}" for n in range(1, 13)}


def _raised(text: str) -> str:
    value = Decimal(text.replace(",", ""))
    return f"{value + 1:f}"


def _swapped(text: str) -> str | None:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    for a, b in zip(digits, digits[1:]):
        if text[a] != text[b]:
            chars = list(text)
            chars[a], chars[b] = chars[b], chars[a]
            swapped = "".join(chars)
            if not swapped.startswith("0") or swapped.startswith("0."):
                return swapped
    return None


def _mutant(sample_text: str, line: int, index: int, original: str, replacement: str) -> str:
    lines = sample_text.split("\n")
    cells = lines[line - 1].split("\t")
    assert cells[index].strip() == original, (line, index, cells)
    cells[index] = replacement
    lines[line - 1] = "\t".join(cells)
    return "\n".join(lines)


def test_the_sample_has_many_money_cells():
    assert len(MONEY_CELLS) > 200
    assert {key for key, *_ in MONEY_CELLS} == {"BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT10", "BT11"}


@pytest.mark.parametrize("kind", ["raised", "swapped"])
def test_every_mutated_money_cell_is_caught(tmp_path, sample_text, sample_result, kind):
    baseline = {f.fingerprint for f in sample_result.findings}
    missed, single = [], 0
    mutants = 0
    for key, row, column, line, index, text in MONEY_CELLS:
        replacement = _raised(text) if kind == "raised" else _swapped(text)
        if replacement is None:
            continue
        mutants += 1
        path = write_variant(tmp_path, _mutant(sample_text, line, index, text, replacement))
        result = audit_path(path)
        new = [f for f in result.findings if f.fingerprint not in baseline and f.severity >= m.Severity.WARNING]
        if result.status != "audited" or not new:
            missed.append((key, row, column, text, replacement))
        # the tables' own identities: one wrong cell is one root cause (a narrative quote or a target sheet that
        # now disagrees with the table is a further, separate fact)
        single += len([f for f in new if f.rule[0] in "RCHB" or f.rule in _TABLE_X]) == 1
    assert mutants > 150
    assert missed == []
    # One wrong cell is one root cause: almost every mutant yields exactly one finding.
    assert single / mutants > 0.95


def test_a_mutated_cell_is_reported_once_with_the_value_it_should_have(tmp_path, sample_text):
    # BT03 合计 of 208 printed as 325.47 instead of 324.47: R001, C001, H001, X003, X004 and X008 all fail.
    line = next(l for (k, r, c, l, i, t) in MONEY_CELLS if k == "BT03" and r == "社会保障和就业支出" and c.endswith("合计"))
    path = write_variant(tmp_path, _mutant(sample_text, line, 2, "324.47", "325.47"))
    result = audit_path(path)
    errors = [f for f in result.findings if f.severity == m.Severity.ERROR]
    assert len(errors) == 1
    finding = errors[0]
    assert "ROOT_CAUSE" in finding.tags
    assert (finding.actual, finding.expected, finding.difference) == (Decimal("325.47"), Decimal("324.47"), Decimal("1.00"))
    assert finding.locations[0].table == "BT03" and finding.locations[0].row == "社会保障和就业支出"
    assert set(finding.related) >= {"C001", "H001", "X004", "X008"}
    assert "325.47" in finding.text("zh") and "324.47" in finding.text("zh")
