"""Stage 4: reports. Each format is a module with `render(report, stream)`."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:     # the view imports the whole pipeline; report.wrap must not pay for it
    from budget_audit.report.view import Report

# format → module of budget_audit.report
_MODULES = {"rich": "rich_report", "text": "text_report", "json": "json_report", "jsonl": "jsonl_report",
            "csv": "csv_report", "markdown": "markdown_report", "github": "github_report",
            "sarif": "sarif_report", "junit": "junit_report", "html": "html_report"}
FORMATS = tuple(_MODULES)
# Formats whose output has no place for the baseline's "no longer occurs" list (it goes to stderr).
NO_BASELINE_SECTION = ("jsonl", "csv", "github", "sarif", "junit")


def render(report: Report, fmt: str, stream: TextIO) -> None:
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}")
    importlib.import_module(f"budget_audit.report.{_MODULES[fmt]}").render(report, stream)
