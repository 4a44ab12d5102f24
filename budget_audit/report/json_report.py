"""`--format json`: the schema of interface.md (schema_version 1)."""
from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from budget_audit import __version__
from budget_audit import model as m
from budget_audit.audit import DocumentResult
from budget_audit.report.view import Report, finding_amounts

SCHEMA_VERSION = 1


def render(report: Report, stream: TextIO) -> None:
    json.dump(report_dict(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def report_dict(report: Report) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "budget-audit", "version": __version__},
        "documents": [document_dict(report, result) for result in report.results],
        "summary": report.totals(),
        **({"baseline": baseline_dict(report.baseline)} if report.baseline is not None else {}),
    }


def baseline_dict(outcome) -> dict:
    return {"file": outcome.path, "suppressed": outcome.suppressed, "gone": outcome.gone}


def document_dict(report: Report, result: DocumentResult) -> dict:
    document = {"path": result.path, "sha256": result.sha256, "status": result.status,
                "error": {"code": result.error.code, "message": result.error.message} if result.error else None}
    if getattr(result, "volumes", None):
        document["volumes"] = result.volumes          # check --bundle: the files of this one disclosure
    disclosure = result.disclosure
    if disclosure is None:
        document.update(meta=None, pages_unreadable=[], tables=[], figures={}, checks={"run": 0, "passed": 0, "skipped": []},
                        findings=[], summary={"error": 0, "warning": 0, "info": 0})
        return document
    meta = disclosure.meta
    document["meta"] = {"unit": meta.unit, "year": meta.year, "kind": meta.kind, "level": meta.level,
                        "pages": meta.pages, "profile": meta.profile}
    document["pages_unreadable"] = list(disclosure.pages_unreadable)   # pages lost to damage (see the S009 WARNING)
    document["tables"] = [{"key": t.key, "title": t.title, "pages": t.pages, "unit": t.unit, "rows": t.row_count}
                          for t in disclosure.tables.values()]
    document["figures"] = {fid: figure.as_dict() for fid, figure in result.key_figures().items()}
    document["checks"] = checks_dict(result)
    document["narrative_amounts"] = {"checked": result.quotes.checked, "unverified": len(result.quotes.unverified),
                                     "unverified_amounts": [quote.as_dict() for quote in result.quotes.unverified]}
    document["findings"] = [finding_dict(report, finding) for finding in report.shown(result)]
    document["summary"] = report.counts(result)
    return document


def checks_dict(result: DocumentResult) -> dict:
    run = Counter(rule for rule, _ in result.checks)
    passed = Counter(rule for rule, status in result.checks if status == "pass")
    return {"run": len(result.checks), "passed": sum(passed.values()),
            "skipped": [{"rule": rule, "reason": reason} for rule, reason in result.skipped],
            "by_rule": {rule: {"run": run[rule], "passed": passed[rule]} for rule in sorted(run)},
            "exact_mode": result.exact_mode,
            "tables": {"recognised": len(result.disclosure.tables) if result.disclosure else 0,
                       "audited": result.tables_checked}}


def finding_dict(report: Report, finding: m.Finding) -> dict:
    return {
        "rule": finding.rule, "severity": finding.severity.label, "title": report.rule_title(finding.rule),
        "message": finding.text(report.lang),
        **finding_amounts(finding), "unit": finding.unit,
        "locations": [{"table": l.table, "table_title": l.table_title, "page": l.page, "row": l.row,
                       "column": l.column, "text": l.text, "line": l.line, "bbox": bbox_list(l)}
                      for l in finding.locations],
        "tags": finding.tags, "related": finding.related, "fingerprint": finding.fingerprint,
    }


def bbox_list(location: m.Location) -> list[float] | None:
    """[x0, y0, x1, y1] in PDF points, user space: origin at the bottom-left of the page as its content is drawn
    (before /Rotate), y upwards, the space of a PDF annotation's /Rect. None where no position is known."""
    return list(location.bbox) if location.bbox is not None else None
