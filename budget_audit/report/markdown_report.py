"""`--format markdown`: a GitHub-flavoured Markdown report (pipe tables drawn with tabulate): the summary
table first, then each document's findings. Fits a pull-request comment or a job summary."""
from __future__ import annotations

from typing import TextIO

from tabulate import tabulate

from budget_audit.report.view import Report


def render(report: Report, stream: TextIO) -> None:
    zh = report.lang == "zh"
    stream.write("# budget-audit\n\n" + _escape(report.total_line()) + "\n\n")
    headers, rows = report.summary_table()
    stream.write(_table(rows, headers) + "\n")
    for result in report.results:
        stream.write(f"\n## {_escape(result.path)}\n\n")
        if result.failed:
            word = "无法审核" if zh else "Not audited"
            stream.write(f"**{word}** `{result.error.code}`: {_escape(result.error.message)}\n")
            continue
        stream.write(f"{_escape(report.describe_document(result))}. {_escape(report.summary_line(result))}\n")
        shown = report.shown(result)
        if not shown:
            continue
        rows = [[report.severity_word(f.severity), f"`{f.rule}`", report.table_name(f.locations[0].table if f.locations else None),
                 report.location_text(f.locations[0], result) if f.locations else "",
                 report.finding_text(f)]
                for f in shown]
        headers = ["级别", "规则", "表", "位置", "说明"] if zh else ["level", "rule", "table", "where", "message"]
        stream.write("\n" + _table(rows, headers) + "\n")
    lines = report.baseline_lines()
    if lines:
        stream.write("\n## " + ("基线" if zh else "Baseline") + "\n\n")
        stream.write("\n".join(f"- {_escape(line.strip())}" for line in lines) + "\n")


def _table(rows: list[list], headers: list[str]) -> str:
    return tabulate([[_escape(str(cell)) for cell in row] for row in rows], headers=headers, tablefmt="github")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")
