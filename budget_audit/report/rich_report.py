"""`--format rich`: the colour terminal report."""
from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from budget_audit.report.view import Report

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(report: Report, stream: TextIO) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=False)
    zh = report.lang == "zh"
    for result in report.results:
        console.rule(Text(result.path, style="bold"), align="left")
        if result.failed:
            word = "无法审核" if zh else "not audited"
            console.print(Text(f"{word} [{result.error.code}]: {result.error.message}", style="bold red"))
            continue
        console.print(f"{report.describe_document(result)}  [dim]{result.disclosure.meta.profile}[/dim]")
        console.print(report.summary_line(result))
        for table_key, findings in report.grouped(result):
            table = Table(title=report.table_name(table_key), title_justify="left", show_lines=False,
                          expand=True, header_style="bold")
            for header in (["级别", "规则", "位置", "说明"] if zh else ["level", "rule", "where", "message"]):
                table.add_column(header, overflow="fold", ratio=6 if header in ("说明", "message") else None)
            for finding in findings:
                label = finding.severity.label
                location = report.location_text(finding.locations[0], result) if finding.locations else ""
                message = Text(finding.text(report.lang))
                numbers = report.numbers_text(finding)
                if numbers:
                    message.append("\n" + numbers, style="dim")
                table.add_row(Text(report.severity_word(finding.severity), style=_STYLES[label]), finding.rule,
                              location, message)
            console.print(table)
    if len(report.results) > 1:
        headers, rows = report.summary_table()
        summary = Table(title="汇总" if zh else "Summary", title_justify="left", header_style="bold")
        for header in headers:
            summary.add_column(header, overflow="fold")
        for result, row in zip(report.results, rows):
            summary.add_row(*(str(cell) for cell in row[:-1]),
                            Text(str(row[-1]), style="bold red" if result.failed else "green"))
        console.print(summary)
    for line in report.baseline_lines():
        console.print(Text(line))
    totals = report.totals()
    style = "bold red" if totals["error"] or totals["failed"] else ("yellow" if totals["warning"] else "green")
    console.print(Text(report.total_line(), style=style))
