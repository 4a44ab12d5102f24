"""Misread tables: when a table's own identities fail in a pattern that no small set of wrong cells explains,
the reading is at fault, not the printed numbers. Such a table is reported once (S008, WARNING) with the
counts, and its identities are kept out of the errors. A real error stays: a few wrong cells explain every
failure around them."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from budget_audit import model as m
from budget_audit.rules.base import FAIL, Outcome

MIN_FAILURES = 4          # fewer failures than this are always reported as they are
MAX_EXPLAINING_CELLS = 3  # a printed mistake: at most this many cells explain every failure of the table
MIN_FAILING_SHARE = 0.25  # … or the failures are a small share of what the table checks


@dataclass
class Verdict:
    table: str
    checked: int          # the table's own identities evaluated
    failed: int           # of which failed
    explaining_cells: int  # the fewest cells that, if wrong, would explain every failure (greedy)

    @property
    def misread(self) -> bool:
        if self.failed < MIN_FAILURES or self.explaining_cells <= MAX_EXPLAINING_CELLS:
            return False
        return self.failed >= MIN_FAILING_SHARE * self.checked


def _own_table(outcome: Outcome) -> str | None:
    """The table an identity belongs to, when every cell of it is printed in that one table."""
    tables = {cell.table for cell in outcome.printed_cells()}
    return tables.pop() if len(tables) == 1 and outcome.kind in ("sum", "same") else None


def explaining_cells(failures: list[Outcome]) -> int:
    """Greedy cover: repeatedly take the cell that takes part in the most unexplained failures."""
    remaining = [{cell.key() for cell in o.printed_cells() if cell.text} for o in failures]
    remaining = [cells for cells in remaining if cells]
    count = 0
    while remaining:
        # ties go to the first cell in a fixed order, so that the count does not depend on hash order
        best, _ = Counter(key for cells in remaining for key in sorted(cells, key=repr)).most_common(1)[0]
        remaining = [cells for cells in remaining if best not in cells]
        count += 1
    return count


def verdicts(outcomes: list[Outcome]) -> list[Verdict]:
    by_table: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        table = _own_table(outcome)
        if table is not None and table != m.NARRATIVE:
            by_table.setdefault(table, []).append(outcome)
    found = []
    for table, own in by_table.items():
        failures = [o for o in own if o.status == FAIL]
        if failures:
            found.append(Verdict(table, len(own), len(failures), explaining_cells(failures)))
    return found


def set_aside(disclosure: m.Disclosure, findings: list[m.Finding], outcomes: list[Outcome]
              ) -> tuple[list[m.Finding], dict[str, Verdict]]:
    """The findings with those of misread tables replaced by one S008 WARNING per table; the misread tables.
    A finding is set aside when any cell it compares is printed in a misread table."""
    misread = {v.table: v for v in verdicts(outcomes) if v.misread}
    if not misread:
        return findings, {}
    kept, hidden = [], Counter()
    for finding in findings:
        touched = {key[0] for key in finding.cells} & set(misread)
        if touched:
            hidden.update(touched)
        else:
            kept.append(finding)
    notes = [_note(disclosure, misread[key], hidden[key]) for key in sorted(misread)]
    return notes + kept, misread


def _note(disclosure: m.Disclosure, verdict: Verdict, hidden: int) -> m.Finding:
    table = disclosure.tables.get(verdict.table)
    title = table.title if table else verdict.table
    zh = (f"{verdict.table}“{title}”未能可靠读取：本表 {verdict.checked} 项核对中 {verdict.failed} 项不符，且至少需要 "
          f"{verdict.explaining_cells} 个单元格同时有误才能解释，判定为版式读取有误；涉及本表的 {hidden} 项问题不作为错误报告")
    en = (f"{verdict.table} “{title}” could not be read reliably: {verdict.failed} of its {verdict.checked} checks "
          f"fail and at least {verdict.explaining_cells} cells would have to be wrong to explain them, so the layout "
          f"was misread; the {hidden} findings that involve this table are not reported as errors")
    location = m.Location(verdict.table, title, table.pages[0] if table and table.pages else None, None, None,
                          line=table.line if table else None)
    return m.Finding(rule="S008", severity=m.Severity.WARNING, message={"zh": zh, "en": en}, locations=[location],
                     tags=["MISREAD"])
