"""Audit one document: read → recognise → check, and the post-processing every report shares
(root-cause grouping, exact-mode escalation, selection, fingerprints)."""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import traceback
import types
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from budget_audit import model as m
from budget_audit.errors import INTERNAL, UNREADABLE, DocumentError
from budget_audit.limits import out_of_memory
from budget_audit.coverage import lost_pages, on_lost_pages, partial_audit, unchecked_tables, undecodable_text
from budget_audit.misread import set_aside
from budget_audit.money import fmt, to_yuan
from budget_audit.quotes_checked import QuoteAccount, account_quotes
from budget_audit.read import read_document
from budget_audit.read.file_kind import is_regular_file
from budget_audit.recognise import recognise
from budget_audit.rules import RULES, Context, Outcome, rule_ids
from budget_audit.rules.base import FAIL, PASS, ROUNDING, describe

EXACT_MODE_MIN_IDENTITIES = 10


@dataclass
class Options:
    active: set[str] = field(default_factory=lambda: set(RULES))


@dataclass
class DocumentResult:
    path: str
    sha256: str | None
    status: str                         # audited / failed
    error: DocumentError | None = None
    disclosure: m.Disclosure | None = None
    findings: list[m.Finding] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    exact_mode: bool = False
    tables_checked: int = 0             # recognised tables that were audited (the rest: S009)
    quotes: QuoteAccount = field(default_factory=QuoteAccount)   # the narrative's amounts, checked or not
    figures: dict | None = None         # key figures, kept by for_report (else figures.key_figures(disclosure))
    checks_run: list[tuple[str, str]] | None = None   # (rule, status) of each outcome, kept by for_report

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def count(self, severity: m.Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def checks(self) -> list[tuple[str, str]]:
        """(rule, status) of every identity evaluated."""
        if self.checks_run is not None:
            return self.checks_run
        return [(outcome.rule, outcome.status) for outcome in self.outcomes]

    def key_figures(self) -> dict:
        from budget_audit.figures import key_figures

        if self.figures is not None:
            return self.figures
        return key_figures(self.disclosure) if self.disclosure is not None else {}

    def for_report(self) -> "DocumentResult":
        """This result as a batch keeps it until the report is written: the findings, the checks' rules and
        statuses, the key figures and Disclosure.for_report, without the evaluated identities and the cells
        they compare (audit_path gives those)."""
        if self.disclosure is None:
            return self
        self.figures = self.key_figures()
        self.checks_run = self.checks
        self.outcomes = []
        self.disclosure = self.disclosure.for_report()
        return self


def audit_path(path: str | Path, options: Options | None = None) -> DocumentResult:
    options = options or Options()
    path = str(path)
    digest = _sha256(path)
    try:
        source = read_document(path)
        disclosure = recognise(source)
        if disclosure.truncated:
            raise DocumentError(UNREADABLE, f"{path}: truncated: {disclosure.truncated}")
        return audit_disclosure(disclosure, options, path=path, sha256=digest)
    except DocumentError as error:
        return DocumentResult(path=path, sha256=digest, status="failed", error=error)
    except MemoryError:
        return DocumentResult(path=path, sha256=digest, status="failed", error=out_of_memory(path))
    except Exception as exc:   # a bug must not stop a batch: report it as this document's failure
        where = traceback.extract_tb(exc.__traceback__)[-1]
        error = DocumentError(INTERNAL, f"{path}: internal error {type(exc).__name__}: {exc} "
                                        f"({Path(where.filename).name}:{where.lineno})")
        return DocumentResult(path=path, sha256=digest, status="failed", error=error)


def audit_disclosure(disclosure: m.Disclosure, options: Options | None = None, *, path: str | None = None,
                     sha256: str | None = None) -> DocumentResult:
    options = options or Options()
    checkable = disclosure.checkable()
    ctx = Context(checkable)
    findings: list[m.Finding] = []
    for rule_id in rule_ids():
        rule = RULES[rule_id]
        if rule.check is not None:
            findings.extend(rule.check(disclosure if rule_id == "S001" else checkable, ctx))
    findings = [f for f in findings if f.rule in options.active]
    outcomes = [o for o in ctx.outcomes if o.rule in options.active]
    findings = group_root_causes(findings, outcomes)
    findings, misread = set_aside(disclosure, findings, outcomes)
    findings, on_lost = on_lost_pages(disclosure, findings)
    unchecked = unchecked_tables(disclosure, misread)
    notes = [partial_audit(disclosure, unchecked), lost_pages(disclosure, on_lost), undecodable_text(disclosure)]
    findings += [note for note in notes if note is not None]
    findings = [f for f in findings if f.rule in options.active]
    exact = is_exact_mode(disclosure, outcomes)
    if exact:
        beyond = _coarser_than_exactness(outcomes, findings)
        for finding in findings:
            if finding.rounding and id(finding) not in beyond:
                finding.severity = m.Severity.WARNING
                finding.tags.append("EXACT_MODE")
    for finding in findings:
        finding.fingerprint = fingerprint(finding)
    m.place_on_lines(findings, disclosure.line_boxes)
    findings.sort(key=lambda f: (-f.severity, _table_order(f), f.rule))
    skipped = [(rule_id, reason) for rule_id, reason in ctx.skipped if rule_id in options.active]
    return DocumentResult(path=path or disclosure.path, sha256=sha256, status="audited", disclosure=disclosure,
                          findings=findings, outcomes=outcomes, skipped=skipped, exact_mode=exact,
                          quotes=account_quotes(disclosure, outcomes),
                          tables_checked=len(disclosure.tables) - len(unchecked))


def is_exact_mode(disclosure: m.Disclosure, outcomes: list[Outcome]) -> bool:
    """§D: enough sum identities, (nearly) all exact, and no 尾差 statement → the printed figures are exact."""
    if disclosure.states_rounding:
        return False
    sums = _table_sums(outcomes)
    if len(sums) < EXACT_MODE_MIN_IDENTITIES:
        return False
    rounding = sum(1 for o in sums if o.status == ROUNDING)
    return rounding <= max(1, len(sums) // 50)


def _table_sums(outcomes: list[Outcome]) -> list[Outcome]:
    # the tables' own identities decide: the narrative is typed by hand and says nothing of how the tables were made
    return [o for o in outcomes if o.kind == "sum" and o.tolerance > 0 and o.left.table != m.NARRATIVE]


def _coarser_than_exactness(outcomes: list[Outcome], findings: list[m.Finding]) -> set[int]:
    """The rounding findings that exact-mode says nothing about: figures printed in a coarser unit than the
    tables found exact (a narrative in 0.01 万元 over tables in 元 rounds each figure afresh, so 324,638.50 +
    13,102.70 may well print 337,741.21)."""
    exact_at = max((_display_unit(o) for o in _table_sums(outcomes)), default=Decimal(0))
    rounding = [o for o in outcomes if o.status == ROUNDING]
    return {id(finding) for outcome, finding in _pair(rounding, findings) if _display_unit(outcome) > exact_at}


def _display_unit(outcome: Outcome) -> Decimal:
    """The coarsest display unit, in 元, of the printed figures an identity rests on (a 0 is exact, however few
    decimals it is printed with: 工程 0万元 beside 货物 2.42万元)."""
    return max((to_yuan(cell.step, cell.unit) for cell in outcome.printed_cells() if cell.amount != 0),
               default=Decimal(0))


# ---------------------------------------------------------------------------------------------
def group_root_causes(findings: list[m.Finding], outcomes: list[Outcome]) -> list[m.Finding]:
    """One wrong cell breaks every identity it takes part in. When all the failures around a cell agree
    on the value it should have, and no identity that holds contains it, report it once."""
    failing = [o for o in outcomes if o.status == FAIL and o.kind in ("sum", "same")]
    finding_of = {id(o): f for o, f in _pair(failing, findings)}
    passing_cells = {cell.key() for o in outcomes if o.status == PASS and o.kind != "le" for cell in o.printed_cells()}
    implied: dict[tuple, list[tuple[Outcome, object]]] = {}
    cells: dict[tuple, m.Cell] = {}
    for outcome in failing:
        for cell, value in _implied_values(outcome):
            implied.setdefault(cell.key(), []).append((outcome, value))
            cells[cell.key()] = cell
    candidates = [(key, entries) for key, entries in implied.items()
                  if len(entries) >= 2 and key not in passing_cells and len({v for _, v in entries}) == 1
                  and cells[key].text]
    candidates.sort(key=lambda item: -len(item[1]))
    merged: set[int] = set()
    removed: set[int] = set()
    for key, entries in candidates:
        if any(id(o) in merged for o, _ in entries) or any(id(o) not in finding_of for o, _ in entries):
            continue
        group = [finding_of[id(o)] for o, _ in entries]
        primary = min(group, key=lambda f: rule_ids().index(f.rule))
        _merge(primary, group, cells[key], entries[0][1])
        merged.update(id(o) for o, _ in entries)
        removed.update(id(f) for f in group if f is not primary)
    return [f for f in findings if id(f) not in removed]


def _pair(outcomes: list[Outcome], findings: list[m.Finding]):
    by_cells: dict[tuple, list[m.Finding]] = {}
    for finding in findings:
        by_cells.setdefault((finding.rule, tuple(finding.cells)), []).append(finding)
    for outcome in outcomes:
        key = (outcome.rule, tuple(cell.key() for cell in [outcome.left, *outcome.right]))
        if by_cells.get(key):
            yield outcome, by_cells[key][0]


def _implied_values(outcome: Outcome):
    """For each cell of a failing identity: the value that cell would need for the identity to hold."""
    if outcome.left.unit == outcome.unit:
        yield outcome.left, outcome.expected
    for cell in outcome.right:
        if cell.unit != outcome.unit:
            continue
        if outcome.kind == "same":
            yield cell, outcome.actual
        for printed in cell.sources or (cell,):
            if outcome.kind != "same" or cell.sources:
                yield printed, printed.amount + outcome.gap


def _merge(primary: m.Finding, group: list[m.Finding], cell: m.Cell, value) -> None:
    others = sorted({f.rule for f in group if f is not primary} | {primary.rule})
    location = m.Location.of_cell(cell, next((l.table_title for f in group for l in f.locations
                                               if l.table == cell.table), None))
    locations = [location] + [l for f in group for l in f.locations
                              if (l.table, l.row, l.column) != (cell.table, cell.row, cell.column)]
    unique = []
    for loc in locations:
        if all((loc.table, loc.row, loc.column) != (u.table, u.row, u.column) for u in unique):
            unique.append(loc)
    difference = cell.amount - value
    primary.message = {
        "zh": (f"{describe(cell, 'zh')} 与 {len(group)} 项核对不符（{'、'.join(others)}）；其余数字一致表明应为 "
               f"{fmt(value)}，差额 {fmt(difference)}{primary.unit or ''}。例如：{primary.message['zh']}"),
        "en": (f"{describe(cell, 'en')} breaks {len(group)} checks ({', '.join(others)}); the other figures agree "
               f"it should be {fmt(value)}, difference {fmt(difference)} {primary.unit or ''}. E.g.: {primary.message['en']}"),
    }
    primary.severity = max(f.severity for f in group)
    primary.expected, primary.actual, primary.difference = value, cell.amount, difference
    primary.locations = unique
    primary.related = [rule for rule in others if rule != primary.rule]
    primary.tags.append("ROOT_CAUSE")


def fingerprint(finding: m.Finding) -> str:
    """Stable across runs and layout shifts: rule, tables/rows/columns and the numbers, never pages or lines."""
    parts = [finding.rule] + sorted(f"{l.table}|{l.row}|{l.column}" for l in finding.locations)
    parts += [fmt(finding.expected), fmt(finding.actual)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _table_order(finding: m.Finding) -> str:
    return finding.locations[0].table or "" if finding.locations else ""


def _sha256(path: str) -> str | None:
    """The file's digest; None for anything but a regular file (a FIFO would block the open, /dev/zero never
    ends)."""
    if not is_regular_file(path):
        return None
    try:
        digest = hashlib.sha256()
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat then refuses it
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


class _CallableModule(types.ModuleType):
    """`budget_audit.audit(paths)` is the API (budget_audit/api.py), but the package's attribute `audit` is also
    this module, which Python binds to it on import: so the module itself answers the call."""

    def __call__(self, paths, **options):
        from budget_audit.api import audit

        return audit(paths, **options)


sys.modules[__name__].__class__ = _CallableModule
