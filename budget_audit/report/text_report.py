"""`--format text`: the plain report (no ANSI), tables drawn with tabulate."""
from __future__ import annotations

import textwrap
from typing import TextIO

from tabulate import tabulate

from budget_audit.report.view import Report

_WIDTH = 100


def render(report: Report, stream: TextIO) -> None:
    zh = report.lang == "zh"
    for result in report.results:
        stream.write(f"== {result.path}\n")
        if result.failed:
            word = "无法审核" if zh else "not audited"
            stream.write(f"   {word} [{result.error.code}]: {result.error.message}\n\n")
            continue
        stream.write(f"   {report.describe_document(result)}（{result.disclosure.meta.profile}）\n" if zh else
                     f"   {report.describe_document(result)} ({result.disclosure.meta.profile})\n")
        stream.write(f"   {report.summary_line(result)}\n")
        for table, findings in report.grouped(result):
            stream.write(f"\n  [{report.table_name(table)}]\n")
            rows = []
            for finding in findings:
                location = report.location_text(finding.locations[0], result) if finding.locations else ""
                numbers = report.numbers_text(finding)
                message = finding.text(report.lang) + (f"\n{numbers}" if numbers else "")
                rows.append([report.severity_word(finding.severity), finding.rule, location,
                             "\n".join(textwrap.wrap(message, _WIDTH // 2 + 10, break_on_hyphens=False))])
            headers = ["级别", "规则", "位置", "说明"] if zh else ["level", "rule", "where", "message"]
            stream.write(textwrap.indent(tabulate(rows, headers=headers, tablefmt="simple"), "  ") + "\n")
        stream.write("\n")
    if len(report.results) > 1:
        headers, rows = report.summary_table()
        stream.write(tabulate(rows, headers=headers, tablefmt="simple") + "\n\n")
    for line in report.baseline_lines():
        stream.write(line + "\n")
    stream.write(report.total_line() + "\n")

