"""The terminal report that `rich` and `text` share, laid out with rich.

rich measures text in display columns (a Chinese character takes two) and folds lines that have no spaces,
which tabulate + textwrap did not: they counted characters and misaligned every Chinese table. The two
formats differ only in the console: `rich` colours, `text` writes no ANSI codes. Lines fit the console's
width: `COLUMNS` when set, else the terminal's, else 80.
"""
from __future__ import annotations

import os
import shutil
from typing import TextIO

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from budget_audit.audit import DocumentResult
from budget_audit.report.view import Report, failure_reason
from budget_audit.report.wrap import wrap

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def width_for(stream: TextIO) -> int | None:
    """`COLUMNS` when set, else the terminal's width when `stream` is one; None lets rich choose (80)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(stream, "isatty", None)
    return shutil.get_terminal_size().columns if isatty and isatty() else None


def console_for(stream: TextIO, colour: bool, width: int | None = None) -> Console:
    # highlight/markup/emoji off: messages are printed as written, never reinterpreted
    return Console(file=stream, width=width, highlight=False, markup=False, emoji=False, soft_wrap=False,
                   color_system="auto" if colour else None, force_jupyter=False, legacy_windows=False)


def render(report: Report, console: Console) -> None:
    width = console.width
    for result in report.results:
        console.print(_document(report, result, width))
    if len(report.results) > 1:
        console.print(_wrapped(_summary_title(report), width, "bold"), _summary(report), Text(""))
    for line in report.baseline_lines():
        console.print(_wrapped(line, width))
    totals = report.totals()
    style = "bold red" if totals["error"] or totals["failed"] else ("yellow" if totals["warning"] else "green")
    console.print(_wrapped(report.total_line(), width, style))


def _wrapped(text: str, width: int, style: str = "") -> Text:
    return Text("\n".join(wrap(text, width)), style=style, no_wrap=True)


def _document(report: Report, result: DocumentResult, width: int) -> Group:
    # the whole path, wrapped: a rule line would cut a long one short
    parts: list = [_wrapped(f"== {result.path}", width, "bold")]
    if result.failed:
        parts.append(_wrapped(failure_reason(result.error, report.lang, result.path), width, "bold red"))
        return Group(*parts, Text(""))
    profile = result.disclosure.meta.profile
    described = report.describe_document(result) + (f"（{profile}）" if report.lang == "zh" else f" ({profile})")
    parts += [_wrapped(described, width), _wrapped(report.summary_line(result), width)]
    findings = report.ordered(result)
    if findings:
        parts += [Text(""), _findings(report, result, findings, width)]
    return Group(*parts, Text(""))


def _findings(report: Report, result: DocumentResult, findings: list, width: int) -> Table:
    """One row per finding: severity, rule, then where (table, page, row, column) over the message."""
    labels = [(Text(report.severity_word(f.severity), style=_STYLES[f.severity.label]), Text(f.rule, style="bold"))
              for f in findings]
    # the body is wrapped here (rich would break Chinese only at spaces): its width is what the labels leave
    body_width = max(10, width - max(label.cell_len for label, _ in labels) - max(rule.cell_len for _, rule in labels) - 2)
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, overflow="fold")
    for index, (finding, (label, rule)) in enumerate(zip(findings, labels)):
        if index:
            grid.add_row()                          # a blank line between findings
        first = finding.locations[0] if finding.locations else None
        where = " ".join(filter(None, (report.table_name(first.table if first else None),
                                       report.location_text(first, result) if first else "")))
        body = Text("\n".join(wrap(where, body_width)), style="dim")
        body.append("\n" + "\n".join(wrap(report.finding_text(finding), body_width)))
        grid.add_row(label, rule, body)
    return grid


def _summary_title(report: Report) -> str:
    """The summary's title names the directory its paths are relative to."""
    base = report.common_directory()
    if report.lang == "zh":
        return "汇总" + (f"（{base}）" if base else "")
    return "Summary" + (f" ({base})" if base else "")


def _summary(report: Report) -> Table:
    headers, rows = report.summary_table()
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, show_edge=False,
                  padding=0)     # the box draws one blank between columns
    # the counts never wrap; when the table is too wide, the path and the unit's name give up the room
    for index, header in enumerate(headers):
        table.add_column(header, overflow="fold", no_wrap=index > 1,
                         justify="right" if 2 <= index <= 7 and index != 3 else "left")
    for result, row in zip(report.results, rows):
        table.add_row(*(Text(str(cell)) for cell in row[:-1]),
                      Text(str(row[-1]), style="bold red" if result.failed else "green"))
    return table
