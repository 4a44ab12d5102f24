"""`--format jsonl`: one line per document, each the document object of the JSON report (interface.md),
with `schema_version` and the tool added so that a line can be read on its own."""
from __future__ import annotations

import json
from typing import TextIO

from budget_audit import __version__
from budget_audit.report.json_report import SCHEMA_VERSION, document_dict
from budget_audit.report.view import Report


def render(report: Report, stream: TextIO) -> None:
    for result in report.results:
        line = {"schema_version": SCHEMA_VERSION, "tool": {"name": "budget-audit", "version": __version__},
                **document_dict(report, result)}
        stream.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
