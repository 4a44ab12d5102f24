"""Stage 4: reports. Each format is a module with `render(report, stream)`."""
from __future__ import annotations

from typing import TextIO

from budget_audit.report.view import Report

FORMATS = ("rich", "text", "json")


def render(report: Report, fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        from budget_audit.report import json_report as module
    elif fmt == "rich":
        from budget_audit.report import rich_report as module
    elif fmt == "text":
        from budget_audit.report import text_report as module
    else:
        raise ValueError(f"unknown format {fmt!r}")
    module.render(report, stream)
