"""`--format text`: the terminal report without colour or ANSI codes (pipes, CI logs, report.txt)."""
from __future__ import annotations

import io
from typing import TextIO

from budget_audit.report import terminal
from budget_audit.report.view import Report


def render(report: Report, stream: TextIO) -> None:
    buffer = io.StringIO()
    terminal.render(report, terminal.console_for(buffer, colour=False, width=terminal.width_for(stream)))
    # rich pads table cells to the column's width: trailing blanks only make diffs and greps noisier
    stream.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
