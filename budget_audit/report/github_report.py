"""`--format github`: GitHub Actions workflow commands. Each finding becomes an annotation
(`::error file=…,line=…,title=…::message`; info → `notice`), grouped per document with `::group::`.
A PDF has no source lines, so its annotations name the file and put table, page, row and column in the
title; a text dump's annotations carry the line. GitHub shows only the first annotations of each level in
a step (10 errors, 10 warnings, 10 notices; 50 per job): when there are more, a notice says so first, and
the log still lists every one."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TextIO

from budget_audit.report.view import Report

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
SHOWN_PER_LEVEL = 10


def render(report: Report, stream: TextIO) -> None:
    zh = report.lang == "zh"
    counts = Counter(_LEVELS[f.severity.label] for r in report.results for f in report.shown(r))
    counts["error"] += sum(r.failed for r in report.results)
    over = {level: n for level, n in counts.items() if n > SHOWN_PER_LEVEL}
    if over:
        listing = "，".join(f"{level} {n}" for level, n in sorted(over.items())) if zh else \
            ", ".join(f"{n} {level}s" for level, n in sorted(over.items()))
        message = (f"注释数超过 GitHub 每步每级只显示前 {SHOWN_PER_LEVEL} 条的限制（{listing}）；完整列表见本步日志或 --format text 报告"
                   if zh else f"More annotations than GitHub shows ({listing}; it shows the first {SHOWN_PER_LEVEL} "
                              f"of each level per step): see this step's log or a --format text report")
        stream.write(command("notice", message, title="budget-audit") + "\n")
    for result in report.results:
        stream.write(f"::group::{escape_data(result.path)}\n")
        if result.failed:
            title = f"{'无法审核' if zh else 'not audited'} ({result.error.code})"
            stream.write(command("error", result.error.message, file=_file(result.path), title=title) + "\n")
        for finding in report.shown(result) if not result.failed else []:
            location = finding.locations[0] if finding.locations else None
            volume = report.volume_of(location, result) if location else None
            path = _volume_path(result, volume) or result.path
            where = report.location_text(location, result) if location else ""
            table = report.table_name(location.table) if location and location.table else ""
            place = " ".join(part for part in (table, where) if part)
            title = f"{finding.rule} {report.rule_title(finding.rule)}" + (f" · {place}" if place else "")
            line = location.line if location and location.line and not path.lower().endswith(".pdf") else None
            numbers = report.numbers_text(finding)
            stream.write(command(_LEVELS[finding.severity.label], finding.text(report.lang) + (" " + numbers if numbers else ""),
                                 file=_file(path), line=line, title=title) + "\n")
        stream.write("::endgroup::\n")
    stream.write(report.total_line() + "\n")


def command(name: str, message: str, **properties) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file(path: str) -> str:
    return Path(path).as_posix()


def _volume_path(result, volume: str | None) -> str | None:
    if not volume:
        return None
    return next((v["path"] for v in getattr(result, "volumes", []) if Path(v["path"]).name == volume), None)
