"""Stage 2: a `SourceDocument` → one typed `Disclosure` (tables, narrative, attachments, metadata)."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from budget_audit import model as m
from budget_audit.errors import NOT_A_DISCLOSURE, DocumentError
from budget_audit.read.layout import SourceDocument, SourceLine
from budget_audit.read.normalise import compact
from budget_audit.recognise.assets import read_equipment_wordings, read_vehicle_counts
from budget_audit.recognise.attachments import build_attachment
from budget_audit.recognise.breakdowns import read_breakdowns
from budget_audit.recognise.catalogue import TABLE_NAMES, spec, strip_ordinal
from budget_audit.recognise.claims import build_statements
from budget_audit.recognise.composition import read_compositions
from budget_audit.recognise.counts import read_counts
from budget_audit.recognise.meta import detect_meta
from budget_audit.recognise.narrative import build_sections
from budget_audit.recognise.segment import TocLine, segment
from budget_audit.recognise.self_reference import level_words
from budget_audit.recognise.stated_totals import mark_stated_totals
from budget_audit.recognise.subjects import leave_sub_units
from budget_audit.recognise.tables import build_table
from budget_audit.recognise.text_flaws import text_flaws

_ROUNDING_STATEMENT = re.compile(r"四舍五入|尾差|尾数差")
_BUDGET_WORDS = re.compile(r"部门预算|单位预算|部门决算|单位决算|预算公开|决算公开|预算收支|收支预算|一般公共预算|三公")


def recognise(source: SourceDocument) -> m.Disclosure:
    segments = segment(source.lines)
    toc = [m.TocEntry(title=entry.title, page=entry.page, line=entry.line.lineno) for entry in segments.toc]
    page_of = _toc_pages(segments.toc) if source.reader == "text" else (lambda _title: None)
    units = Counter(block.unit for block in segments.tables if block.unit)
    default_unit = units.most_common(1)[0][0] if units else "万元"

    meta = detect_meta(segments.cover, [block.title for block in segments.tables],
                       {block.key for block in segments.tables}, source.lines)
    disclosure = m.Disclosure(path=source.path, meta=meta, toc=toc, pages_unreadable=list(source.pages_unreadable),
                              undecodable=_undecodable(source))
    for block in segments.tables:
        page = page_of(block.heading or "") or page_of(block.title)
        table = build_table(block, block.unit or default_unit, page, meta.year, meta.kind == "final")
        # Only a text dump can end mid-table unnoticed: a cut-off PDF fails in the reader (no xref, no %%EOF),
        # and a complete PDF may well end with a table that prints no total row.
        if source.reader == "text" and block.ends_document and not _looks_complete(table):
            disclosure.truncated = (f"the document ends inside table {table.key} “{table.title}” "
                                    f"(line {table.rows[-1].line if table.rows else table.line}) before its total row")
        if table.key in disclosure.tables:
            table.key = f"{table.key}~{len(disclosure.unrecognised) + 1}"
            disclosure.unrecognised.append(table)
        else:
            disclosure.tables[table.key] = table
    disclosure.unrecognised.extend(_unrecognised_tables(segments.narrative, default_unit))
    # A text dump does not say which page each attachment is on, so their pages stay unknown.
    disclosure.projects = [build_attachment(block) for block in segments.attachments]
    read_narrative(disclosure, [line for line in segments.narrative if not line.is_row], page_of)
    disclosure.meta.pages = source.page_count
    disclosure.line_boxes = {line.lineno: bbox for line in source.lines if (bbox := line.line_bbox()) is not None}
    disclosure.states_rounding = any(_ROUNDING_STATEMENT.search(p.text) for s in disclosure.sections
                                     for p in s.paragraphs) or any(
        _ROUNDING_STATEMENT.search(note) for t in disclosure.tables.values() for note in t.notes)
    _require_disclosure(disclosure, source)
    return disclosure


def read_narrative(disclosure: m.Disclosure, lines: list[SourceLine], page_of) -> None:
    """The narrative's lines → its sections, the statements and claims they make, and its text's flaws; the
    tables, when already read, tell a sub-unit's sections from the document's own."""
    disclosure.sections = build_sections(lines, page_of)
    disclosure.statements = build_statements(disclosure.sections, disclosure.meta.year, disclosure.remarks)
    leave_sub_units(disclosure.statements, disclosure.tables)
    read_breakdowns(disclosure.statements, disclosure.sections)
    disclosure.counts = read_counts(disclosure.sections)
    disclosure.vehicle_counts = read_vehicle_counts(disclosure.sections)
    disclosure.equipment_wordings = read_equipment_wordings(disclosure.statements)
    disclosure.unit_compositions = read_compositions(disclosure.sections)
    disclosure.text_flaws = text_flaws(disclosure.sections)
    disclosure.level_words = level_words(disclosure.sections)
    mark_stated_totals(disclosure.statements, disclosure.meta)


def _undecodable(source: SourceDocument) -> int:
    """How many characters of a text dump its reader had to replace (read/text.py decodes with replacement)."""
    if source.reader != "text":
        return 0
    return sum((line.printed or line.text).count("\ufffd") for line in source.lines)


def _toc_pages(entries: list[TocLine]):
    """For a text dump: the page a heading is on, according to the table of contents."""
    index = {}
    for entry in entries:
        index.setdefault(_title_key(entry.title), entry.page)

    def page_of(title: str) -> int | None:
        key = _title_key(title)
        if not key:
            return None
        if key in index:
            return index[key]
        for toc_key, page in index.items():
            if len(toc_key) >= 4 and (toc_key in key or key in toc_key):
                return page
        return None

    return page_of


def _title_key(title: str) -> str:
    key = compact(strip_ordinal(compact(title)))
    return re.sub(r"[()（）]", "", key)


def _looks_complete(table: m.Table) -> bool:
    items = [row for row in table.rows if row.kind == m.ITEM]
    totals = [row for row in table.rows if row.kind != m.ITEM]
    traits = spec(table.key)
    if traits.summary:
        return any(row.kind == m.GRAND_TOTAL and row.side == m.EXPENDITURE for row in table.rows)
    if traits.closed_by_total:   # its last row closes it: a document that ends before that row was cut off
        return bool(table.rows) and table.rows[-1].kind != m.ITEM
    if traits.lists_projects and totals and items:
        total = totals[0]
        return all(total.amount(role) == sum((row.amount(role) for row in items), Decimal(0))
                   for role in total.cells)
    return True


def _unrecognised_tables(narrative: list[SourceLine], unit: str) -> list[m.Table]:
    """Runs of table rows outside any recognised table: kept and reported, never dropped."""
    tables: list[m.Table] = []
    run: list[SourceLine] = []
    previous_text = ""

    def close() -> None:
        if len(run) >= 2:
            tables.append(m.Table(key="unknown", title=previous_text or "（无标题）", unit=unit, columns=[], rows=[],
                                  line=run[0].lineno, pages=sorted({l.page for l in run if l.page is not None})))

    for line in narrative:
        if line.is_row:
            run.append(line)
            continue
        close()
        run = []
        previous_text = line.text
    close()
    return tables


def _require_disclosure(disclosure: m.Disclosure, source: SourceDocument) -> None:
    if disclosure.tables or disclosure.projects:
        return
    # a narrative-only volume (情况说明) has headed sections quoting many amounts; a review checklist or a
    # letter that merely mentions budgets does not
    text = "".join(p.text for s in disclosure.sections for p in s.paragraphs)
    text += "".join(s.heading for s in disclosure.sections)
    headed = sum(1 for section in disclosure.sections if section.heading)
    if len(_BUDGET_WORDS.findall(text)) >= 3 and headed >= 3 and len(disclosure.statements) >= 8:
        return
    raise DocumentError(NOT_A_DISCLOSURE,
                        f"{source.path}: not a budget disclosure (no budget table such as "
                        f"{TABLE_NAMES['BT01']} or {TABLE_NAMES['BT03']}, and no 预算 narrative)")
