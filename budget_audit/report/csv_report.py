"""`--format csv`: one finding per row (shown findings, after --min-severity). A document that could not be
audited gets one row with its status and error code and no rule; a clean document gets none.
Amounts are decimal strings in the finding's `amount_unit` (万元, 元); `unit_name` is the audited unit's name.
The first location names table, row, column and page; `sha256` joins the rows with `extract -f csv`."""
from __future__ import annotations

import csv
from typing import TextIO

from budget_audit.report.view import Report, finding_amounts

COLUMNS = ("path", "sha256", "status", "error_code", "unit_name", "year", "kind", "rule", "severity", "title",
           "message", "table", "table_title", "page", "row", "column", "volume", "expected", "actual", "difference",
           "tolerance", "amount_unit", "related", "fingerprint")


def render(report: Report, stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in report.results:
        meta = result.disclosure.meta if result.disclosure else None
        base = {"path": result.path, "sha256": result.sha256 or "", "status": result.status,
                "error_code": result.error.code if result.error else "",
                "unit_name": (meta.unit or "") if meta else "", "year": (meta.year or "") if meta else "",
                "kind": (meta.kind or "") if meta else ""}
        if result.failed:
            writer.writerow({**base, "message": result.error.message})
            continue
        for finding in report.shown(result):
            location = finding.locations[0] if finding.locations else None
            writer.writerow({
                **base, "rule": finding.rule, "severity": finding.severity.label,
                "title": report.rule_title(finding.rule), "message": finding.text(report.lang),
                "table": (location.table or "") if location else "",
                "table_title": (location.table_title or "") if location else "",
                "page": location.page if location and location.page is not None else "",
                "row": (location.row or "") if location else "", "column": (location.column or "") if location else "",
                "volume": (report.volume_of(location, result) or "") if location else "",
                **finding_amounts(finding, blank=""),
                "amount_unit": finding.unit or "", "related": " ".join(finding.related), "fingerprint": finding.fingerprint,
            })

