"""The rule registry and the per-document check context.

A rule is a small generator function, registered with `@rule(...)`, whose docstring is its
documentation (what, why, formula, tolerance, example: `budget-audit explain ID` prints it). It reads
the `Disclosure` and asks the `Context` to evaluate identities; the context applies the §D
tolerances, records every evaluated identity (for `checks.run` and root-cause grouping) and returns a
finding when the identity does not hold.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Callable, Iterable, Iterator

from budget_audit import model as m
from budget_audit.money import UNIT_FACTORS, convert, fmt, quantize_exactly, round_to_step, rounding_bound
from budget_audit.recognise.catalogue import TABLE_NAMES

Check = Callable[[m.Disclosure, "Context"], Iterable[m.Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: m.Severity
    title: dict[str, str]
    summary: dict[str, str]
    doc: str
    check: Check | None
    family: str


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: m.Severity, *, zh: str, en: str, summary_zh: str, summary_en: str,
         emitted_by: str | None = None):
    """Register a check function (or, with `emitted_by`, a finding ID that another rule's check emits)."""

    def register(function: Check) -> Check:
        family = function.__module__.rsplit(".", 1)[-1]
        RULES[rule_id] = Rule(id=rule_id, severity=severity, title={"zh": zh, "en": en},
                              summary={"zh": summary_zh, "en": summary_en},
                              doc=inspect.cleandoc(function.__doc__ or ""),
                              check=None if emitted_by else function, family=family)
        return function

    return register


# ---------------------------------------------------------------------------------------------
PASS, ROUNDING, FAIL = "pass", "rounding", "fail"


@dataclass
class Outcome:
    """One evaluated identity: `total` against `parts` (sum), or `a` against `b` (same / at most)."""

    rule: str
    kind: str                       # sum / same / le
    left: m.Cell
    right: list[m.Cell]
    expected: Decimal               # what the right side says the left should be
    actual: Decimal                 # the left side as printed
    gap: Decimal
    tolerance: Decimal
    unit: str
    status: str

    def printed_cells(self) -> list[m.Cell]:
        """The printed cells the identity rests on (a derived figure stands for the cells it sums)."""
        return [printed for cell in [self.left, *self.right] for printed in (cell.sources or (cell,))]


@dataclass
class Context:
    disclosure: m.Disclosure
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    _compared: set = field(default_factory=set)

    # -- evaluation -------------------------------------------------------------------------
    def sum_check(self, rule_id: str, total: m.Cell, parts: list[m.Cell], what: tuple[str, str], *,
                  severity: m.Severity | None = None, lines: int = 1) -> Iterator[m.Finding]:
        """`total` = Σ `parts`, within TOL_SUM(k) for k non-blank non-zero parts; with `lines`, each figure is
        itself the sum of that many printed lines, whose rounding adds up."""
        unit = total.unit
        values = [_in_unit(part, unit) for part in parts]
        expected = sum(values, Decimal(0))
        actual = total.amount
        step = max([total.step] + [_step_in_unit(part, unit) for part in parts])
        counted = [_step_in_unit(printed, unit) for value, part in zip(values, parts) if not part.blank and value != 0
                   for printed in _printed_parts(part)]
        tolerance = rounding_bound([total.step, *counted] * lines) if counted else Decimal(0).quantize(step)
        expected = expected.quantize(step) if expected.as_tuple().exponent > step.as_tuple().exponent else expected
        yield from self._record(rule_id, "sum", total, parts, expected, actual, tolerance, unit, what, severity)

    def same_check(self, rule_id: str, a: m.Cell, b: m.Cell, what: tuple[str, str], *,
                   severity: m.Severity | None = None) -> Iterator[m.Finding]:
        """The same quantity printed twice: equal; a gap of one display unit is a rounding note. Printed to
        different decimals (or units), the coarser must be the finer rounded to its decimals, or cut off there
        (a note)."""
        pair = frozenset((a.key(), b.key()))
        if pair in self._compared:
            return
        self._compared.add(pair)
        unit = _coarser_unit(a, b)
        raw_a, raw_b = _in_unit(a, unit), _in_unit(b, unit)
        step = max(_step_in_unit(a, unit), _step_in_unit(b, unit))
        actual, expected = round_to_step(raw_a, step), round_to_step(raw_b, step)
        tolerance = _same_tolerance(a, b, unit, step)
        if _step_in_unit(a, unit) != _step_in_unit(b, unit) and not (a.sources or b.sources):
            tolerance = _cut_tolerance(raw_b if _step_in_unit(a, unit) > _step_in_unit(b, unit) else raw_a,
                                       actual if _step_in_unit(a, unit) > _step_in_unit(b, unit) else expected, step)
        yield from self._record(rule_id, "same", a, [b], expected, actual, tolerance, unit, what, severity)

    def at_most_check(self, rule_id: str, small: m.Cell, big: m.Cell, what: tuple[str, str], *,
                      severity: m.Severity | None = None) -> Iterator[m.Finding]:
        """`small` ≤ `big`."""
        unit = _coarser_unit(small, big)
        actual, limit = _in_unit(small, unit), _in_unit(big, unit)
        gap = actual - limit
        status = PASS if gap <= 0 else FAIL
        outcome = Outcome(rule_id, "le", small, [big], limit, actual, gap, Decimal(0), unit, status)
        self.outcomes.append(outcome)
        if status == FAIL:
            yield self._finding(outcome, what, severity)

    def skip(self, rule_id: str, reason: str) -> None:
        self.skipped.append((rule_id, reason))

    def _record(self, rule_id, kind, left, right, expected, actual, tolerance, unit, what, severity):
        gap = actual - expected
        if gap.as_tuple().exponent > tolerance.as_tuple().exponent:
            gap = quantize_exactly(gap, tolerance)   # tolerances carry the display unit's exponent, even when 0
        if gap == 0:
            status = PASS
        elif abs(gap) <= tolerance:
            status = ROUNDING
        else:
            status = FAIL
        outcome = Outcome(rule_id, kind, left, right, expected, actual, gap, tolerance, unit, status)
        self.outcomes.append(outcome)
        if status != PASS:
            yield self._finding(outcome, what, severity)

    def _finding(self, outcome: Outcome, what: tuple[str, str], severity: m.Severity | None) -> m.Finding:
        rule_severity = severity or RULES[outcome.rule].severity
        rounding = outcome.status == ROUNDING
        titles = {cell.table: self.title_of(cell.table) for cell in [outcome.left, *outcome.right]}
        return m.Finding(
            rule=outcome.rule,
            severity=m.Severity.INFO if rounding else rule_severity,
            message={"zh": _message(outcome, what[0], "zh"), "en": _message(outcome, what[1], "en")},
            locations=[m.Location.of_cell(cell, titles[cell.table]) for cell in [outcome.left, *outcome.right]],
            expected=outcome.expected, actual=outcome.actual, difference=outcome.gap,
            tolerance=outcome.tolerance, unit=outcome.unit, rounding=rounding,
            tags=["ROUNDING"] if rounding else [],
            cells=[cell.key() for cell in [outcome.left, *outcome.right]],
        )

    def title_of(self, key: str) -> str | None:
        table = self.disclosure.tables.get(key)
        return table.title if table else None

    def info(self, rule_id: str, message: tuple[str, str], locations: list[m.Location], *,
             severity: m.Severity = m.Severity.INFO) -> m.Finding:
        return m.Finding(rule=rule_id, severity=severity, message={"zh": message[0], "en": message[1]},
                         locations=locations)


def absent_cell(table: str, row: str, column: str, unit: str) -> m.Cell:
    """Stands for an amount a table does not print at all (a missing row or column): 0 in arithmetic."""
    return m.Cell(text="", value=None, unit=unit, table=table, row=row, column=column)


def _in_unit(cell: m.Cell, unit: str) -> Decimal:
    if cell.unit == unit:
        return cell.amount
    return convert(cell.amount, cell.unit, unit)


def _step_in_unit(cell: m.Cell, unit: str) -> Decimal:
    if cell.unit == unit:
        return cell.step
    return convert(cell.step, cell.unit, unit)


def _same_tolerance(a: m.Cell, b: m.Cell, unit: str, step: Decimal) -> Decimal:
    """One display unit between two printed figures; a figure the table only implies (the sum of the rows
    printed with one code, once per unit) carries the rounding of each of its printed parts (TOL_SUM)."""
    if not (a.sources or b.sources):
        return step
    steps = [_step_in_unit(cell, unit) for cell in [*_printed_parts(a), *_printed_parts(b)]]
    return max(step, rounding_bound(steps).quantize(step)) if steps else step


def _cut_tolerance(finer: Decimal, coarser: Decimal, step: Decimal) -> Decimal:
    """A figure printed to fewer decimals is the other rounded to them (TOL_XUNIT): no gap. One unit is allowed
    only where the coarser cuts the finer off instead (64022.46 万元 for 640,224,693.80 元; 2 万元 for 3.30 is
    neither)."""
    rounded, cut = round_to_step(finer, step), finer.quantize(step, rounding=ROUND_DOWN)
    return step if coarser == cut != rounded else Decimal(0).quantize(step)


def _printed_parts(cell: m.Cell) -> list[m.Cell]:
    """The printed, non-zero cells a figure rests on: itself, or the parts of a derived sum."""
    if not cell.sources:
        return [cell]
    return [part for source in cell.sources for part in _printed_parts(source) if not part.blank and part.amount != 0]


def _coarser_unit(a: m.Cell, b: m.Cell) -> str:
    return a.unit if UNIT_FACTORS[a.unit] >= UNIT_FACTORS[b.unit] else b.unit


# ---------------------------------------------------------------------------------------------
# Messages: every message names the cells and carries the numbers.
def describe(cell: m.Cell, lang: str) -> str:
    if cell.table == m.NARRATIVE:
        return f"情况说明“{cell.row}” {cell.text}" if lang == "zh" else f"narrative “{cell.row}”: {cell.text}"
    name = TABLE_NAMES.get(cell.table.split("~")[0], cell.table)
    column = cell.column.split("/")[-1] if cell.column else ""
    value = cell.text if cell.text else ("空" if lang == "zh" else "blank")
    if lang == "zh":
        return f"{cell.table}{name}“{cell.row}”行“{column}”列 {value}"
    return f"{cell.table} row “{cell.row}”, column “{column}”: {value}"


def _parts_text(parts: list[m.Cell]) -> str:
    return " + ".join(part.text or "0" for part in parts) or "0"


_PHRASES = {
    "zh": {"gap": "差额 {gap}{unit}", "rounding": "（在四舍五入容差 {tol} 以内，属尾差）",
           "sum": "{head}{left}，而各项之和 {parts} = {expected}，{gap}",
           "le": "{head}{left} 大于 {right}，超出 {gap}{unit}", "same": "{head}{left}，但 {right}，{gap}", "sep": "："},
    "en": {"gap": "difference {gap} {unit}", "rounding": " (within the rounding tolerance {tol})",
           "sum": "{head}{left}, but the parts {parts} add up to {expected}; {gap}",
           "le": "{head}{left} exceeds {right} by {gap} {unit}", "same": "{head}{left}, but {right}; {gap}", "sep": ": "},
}


def _message(outcome: Outcome, what: str, lang: str) -> str:
    phrases = _PHRASES[lang]
    gap = phrases["gap"].format(gap=fmt(outcome.gap), unit=outcome.unit)
    if outcome.status == ROUNDING:
        gap += phrases["rounding"].format(tol=fmt(outcome.tolerance))
    return phrases[outcome.kind].format(
        head=what + phrases["sep"], left=describe(outcome.left, lang), right=describe(outcome.right[0], lang) if outcome.right else "",
        parts=_parts_text(outcome.right), expected=fmt(outcome.expected), gap=gap if outcome.kind != "le" else fmt(outcome.gap),
        unit=outcome.unit)
