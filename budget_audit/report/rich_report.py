"""`--format rich`: the terminal report in colour."""
from __future__ import annotations

from typing import TextIO

from budget_audit.report import terminal
from budget_audit.report.view import Report


def render(report: Report, stream: TextIO) -> None:
    terminal.render(report, terminal.console_for(stream, colour=True))
