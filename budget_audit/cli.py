"""The `budget-audit` command line (interface.md)."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from budget_audit import __version__
from budget_audit import model as m
from budget_audit.audit import DocumentResult, Options, audit_path
from budget_audit.errors import UNREADABLE, DocumentError
from budget_audit.read import SUPPORTED_SUFFIXES
from budget_audit.report import render
from budget_audit.report.view import Report
from budget_audit.rules import RULES, find_rule, resolve_selection, rule_ids

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Audit Chinese government budget disclosures (部门预算/单位预算 公开).")


class Format(str, Enum):
    rich = "rich"
    text = "text"
    json = "json"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budget-audit {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")) -> None:
    """Audit Chinese government budget disclosures."""


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="Files (.pdf, .txt) or directories (searched recursively)."),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format", help="rich (terminal), text, json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report to this file."),
    select: Optional[str] = typer.Option(None, "--select", help="Comma-separated rule IDs or prefixes to run."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Comma-separated rule IDs or prefixes to skip."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Lowest severity that makes the exit code 1."),
    min_severity: Level = typer.Option(Level.info, "--min-severity", help="Lowest severity shown in the report."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of titles and messages."),
) -> None:
    """Audit one or more disclosures."""
    active = _active_rules(select, ignore)
    results = [audit_input(path, Options(active=active)) for path in expand_paths(paths)]
    fmt = fmt or (Format.rich if output is None and sys.stdout.isatty() else Format.text)
    report = Report(results=results, lang=lang.value, min_severity=m.Severity.parse(min_severity.value))
    _write(lambda stream: render(report, fmt.value, stream), output)
    raise typer.Exit(exit_code(results, fail_on.value))


def _active_rules(select: str | None, ignore: str | None) -> set[str]:
    try:
        active = resolve_selection(select.split(",")) if select else set(RULES)
        return active - (resolve_selection(ignore.split(",")) if ignore else set())
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--select/--ignore") from None


def expand_paths(paths: list[Path]) -> list[Path | DocumentError]:
    """Files as given; directories searched recursively. Inputs that yield nothing become failures."""
    expanded: list[Path | DocumentError] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                expanded.append(DocumentError(UNREADABLE, f"{path}: no {' or '.join(SUPPORTED_SUFFIXES)} files in this directory"))
            expanded.extend(found)
        else:
            expanded.append(path)
    return expanded


def audit_input(item: Path | DocumentError, options: Options) -> DocumentResult:
    if isinstance(item, DocumentError):
        return DocumentResult(path=item.message.split(":")[0], sha256=None, status="failed", error=item)
    return audit_path(item, options)


def exit_code(results: list[DocumentResult], fail_on: str) -> int:
    if any(result.failed for result in results):
        return 3
    if fail_on == "never":
        return 0
    threshold = m.Severity.parse(fail_on)
    if any(finding.severity >= threshold for result in results for finding in result.findings):
        return 1
    return 0


def _write(produce, output: Path | None) -> None:
    if output is None:
        produce(sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8") as stream:
            produce(stream)
    except OSError as error:
        raise typer.BadParameter(f"cannot write {output}: {error.strerror}", param_hint="--output") from None


@app.command()
def rules(lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of titles.")) -> None:
    """List every rule: ID, default severity, title and one-line description."""
    from tabulate import tabulate

    rows = [[rule_id, RULES[rule_id].severity.label, RULES[rule_id].title[lang.value], RULES[rule_id].summary[lang.value]]
            for rule_id in rule_ids()]
    headers = ["规则", "级别", "标题", "说明"] if lang == Lang.zh else ["rule", "severity", "title", "description"]
    typer.echo(tabulate(rows, headers=headers, tablefmt="simple"))


@app.command()
def explain(rule_id: str = typer.Argument(..., metavar="RULE", help="A rule ID, e.g. R001.")) -> None:
    """Print a rule's full description: what it checks, why, the formula, the tolerance, an example."""
    rule = find_rule(rule_id)
    if rule is None:
        raise typer.BadParameter(f"unknown rule {rule_id!r} (see `budget-audit rules`)", param_hint="RULE")
    typer.echo(f"{rule.id} [{rule.severity.label}] {rule.title['zh']} / {rule.title['en']}")
    typer.echo(f"{rule.summary['zh']}\n{rule.summary['en']}\n")
    typer.echo(rule.doc)


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="Files or directories."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file."),
) -> None:
    """Print what was recognised: metadata, every table (rows as Decimal strings) and the key figures (JSON)."""
    from budget_audit.extract import extract_document

    documents = [extract_document(item) for item in expand_paths(paths)]
    _write(lambda stream: stream.write(json.dumps({"documents": documents}, ensure_ascii=False, indent=2) + "\n"),
           output)
    raise typer.Exit(3 if any(doc["status"] == "failed" for doc in documents) else 0)


def main() -> None:
    app(prog_name="budget-audit")
