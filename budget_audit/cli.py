"""The `budget-audit` command line (interface.md)."""
from __future__ import annotations

import json
import os
import sys
import traceback
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import click
import typer

from budget_audit import __version__
from budget_audit.cli_help import LANG_ENV, help_language, localise

# The pipeline is imported where a command needs it: `--version`, `rules` and `explain` then start in a
# tenth of a second instead of compiling the recogniser first.
if TYPE_CHECKING:
    from budget_audit.audit import DocumentResult
    from budget_audit.errors import DocumentError

app = typer.Typer(add_completion=True, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Audit Chinese government budget disclosures (部门预算/单位预算 公开).")


class Format(str, Enum):
    rich = "rich"
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    html = "html"


class ExtractFormat(str, Enum):
    json = "json"
    csv = "csv"


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


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budget-audit {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")) -> None:
    """Audit Chinese government budget disclosures."""


DEFAULT_TIMEOUT = 120.0


@app.command()
def check(
    # readable=False: a file that cannot be read is a failed document of the report, not a usage error
    paths: List[Path] = typer.Argument(..., readable=False,
                                       help="Files (.pdf, .txt) or directories (searched recursively)."),
    fmt: Optional[Format] = typer.Option(None, "-f", "--format",
                                         help="rich, text, json, jsonl, csv, markdown, github, sarif, junit, html."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report to this file."),
    select: Optional[str] = typer.Option(None, "--select", help="Comma-separated rule IDs or prefixes to run."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Comma-separated rule IDs or prefixes to skip."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 [default: error]."),
    min_severity: Optional[Level] = typer.Option(None, "--min-severity", help="Lowest severity shown in the report [default: info]."),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=0, help="Documents audited in parallel (0 = one per CPU) [default: 1]."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Per-document limit in seconds [default: 120]."),
    lang: Optional[Lang] = typer.Option(None, "--lang", envvar=LANG_ENV, show_envvar=False,
                                        help="Language of titles and messages [default: zh]."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (else the nearest pyproject.toml "
                                                                 "[tool.budget-audit] or budget-audit.toml)."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Hide the findings recorded in this file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the current findings here."),
    bundle: bool = typer.Option(False, "--bundle", help="The files are the volumes of one disclosure: audit them as one."),
    pair_volumes: bool = typer.Option(False, "--pair-volumes", help="Find the volumes of each disclosure among the "
                                                                    "files (a narrative and a tables volume of one unit "
                                                                    "and year) and audit each pair as one."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print only the summary line (a report asked with -o is "
                                                            "still written); the exit code is unchanged."),
    color: Color = typer.Option(Color.auto, "--color", help="Colour in the rich report: auto (on a terminal), always "
                                                            "(also picks rich on a pipe), never."),
    statistics: bool = typer.Option(False, "--statistics", help="Print how many findings each rule raised instead "
                                                                "of the report (a report asked with -o is still written)."),
    show_settings: bool = typer.Option(False, "--show-settings", help="Print the merged settings and where each "
                                                                      "came from (default, settings file, command line); "
                                                                      "audit nothing."),
    annotate: Optional[Path] = typer.Option(None, "--annotate", file_okay=False,
                                            help="Write a copy of each PDF into this directory with the findings "
                                                 "as highlights and notes on their cells."),
) -> None:
    """Audit one or more disclosures. A PATH of - reads one document (PDF or text) from standard input."""
    from budget_audit.api import run_audit
    from budget_audit.baseline import read_baseline
    from budget_audit.config import apply_per_path_ignores
    from budget_audit.output_file import escape_unencodable
    from budget_audit.report import NO_BASELINE_SECTION, render

    escape_unencodable()   # a file name that is not UTF-8 is shown escaped in every line printed
    settings = _settings(config)
    if show_settings:
        _show_settings(settings, output, color, select=select, ignore=ignore, fail_on=fail_on, min_severity=min_severity,
                       lang=lang, jobs=jobs, timeout=timeout, format=fmt)
    active = _active_rules(select if select is not None else _joined(settings.select),
                           ignore if ignore is not None else _joined(settings.ignore))
    fail_level = fail_on.value if fail_on else settings.fail_on or "error"
    shown_level = min_severity.value if min_severity else settings.min_severity or "info"
    language = lang.value if lang else settings.lang or "zh"
    limit = _timeout(timeout if timeout is not None else settings.timeout)
    known = _usage(read_baseline, baseline) if baseline else None
    if write_baseline and not write_baseline.parent.is_dir():
        raise typer.BadParameter(f"{write_baseline.parent}: no such directory", param_hint="--write-baseline")
    workers = jobs if jobs is not None else settings.jobs if settings.jobs is not None else 1
    with _stdin_read(paths) as (inputs, name_stdin):
        report = _usage(lambda: run_audit(
            expand_paths(inputs, bundle), active=active, severity=settings.severity, lang=language,
            min_severity=shown_level, fail_on=fail_level, jobs=workers, timeout=limit, bundle=bundle,
            pair_volumes=pair_volumes, baseline=baseline, known=known,
            write_baseline=write_baseline, run=lambda tasks, jobs, timeout: name_stdin(_run(tasks, jobs, timeout, language)),
            adjust=lambda results: apply_per_path_ignores(results, settings)))
    fmt_name = fmt.value if fmt else settings.format or _default_format(output, color)[0]
    if quiet or statistics:
        _summary_only(report, fmt_name, output, statistics)
    else:
        with _colour(color if fmt_name == "rich" else Color.auto):
            _write(lambda stream: render(report, fmt_name, stream), output)
    if annotate is not None:
        from budget_audit.annotate import annotate_run

        annotate_run(report, annotate)
    if report.baseline is not None and fmt_name in NO_BASELINE_SECTION:
        typer.echo("\n".join(report.baseline_lines()), err=True)
    raise typer.Exit(report.exit_code())


# --- CI conventions: default format, colour, quiet and statistics output, settings, standard input --------------

def _default_format(output: Path | None, color: Color) -> tuple[str, str]:
    """The format when neither -f nor the settings name one, and why (for --show-settings)."""
    if output is None and os.environ.get("GITHUB_ACTIONS") == "true":
        return "github", "GITHUB_ACTIONS=true"      # annotations on the pull request, as yamllint does
    if color == Color.always:
        return "rich", "--color always"
    if output is None and sys.stdout.isatty():
        return "rich", "stdout is a terminal"
    return "text", "not a terminal"


@contextmanager
def _colour(color: Color):
    """rich decides colour from FORCE_COLOR / NO_COLOR when its console is made: set them for the report only."""
    if color == Color.auto:
        yield
        return
    saved = {name: os.environ.get(name) for name in ("FORCE_COLOR", "NO_COLOR")}
    os.environ.pop("NO_COLOR" if color == Color.always else "FORCE_COLOR", None)
    os.environ["FORCE_COLOR" if color == Color.always else "NO_COLOR"] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _summary_only(report: Report, fmt_name: str, output: Path | None, statistics: bool) -> None:
    """-q and --statistics: stdout gets the summary (and the counts per rule); a report asked with -o is still written."""
    from budget_audit.report import render
    from budget_audit.report.statistics import statistics_lines

    if output is not None:
        _write(lambda stream: render(report, fmt_name, stream), output)
    lines = statistics_lines(report) if statistics else [report.total_line()]
    typer.echo("\n".join(lines))


def _show_settings(settings, output: Path | None, color: Color, **command_line) -> None:
    from budget_audit.config import setting_sources, settings_lines

    given = {key.replace("_", "-"): value.value if isinstance(value, Enum) else value
             for key, value in command_line.items()}
    fmt_default, why = _default_format(output, color)
    defaults = {"fail-on": "error", "min-severity": "info", "lang": "zh", "jobs": 1, "timeout": DEFAULT_TIMEOUT,
                "format": fmt_default, "select": None, "ignore": [], "severity": {}, "per-path-ignores": {}}
    rows = setting_sources(settings, given, defaults)
    rows = [(key, value, f"default ({why})" if key == "format" and source == "default" else source)
            for key, value, source in rows]
    rows.append(("color", color.value, "command line" if color != Color.auto else "default"))
    typer.echo("\n".join(settings_lines(settings, rows)))
    raise typer.Exit(0)


@contextmanager
def _stdin_read(paths: list[Path]):
    """Replace a `-` path by a temporary copy of standard input for the run; results name it `-` again."""
    from budget_audit.stdin_input import is_stdin, rename_results, stdin_as_file

    if sum(is_stdin(path) for path in paths) > 1:
        raise typer.BadParameter("standard input (-) can be given once", param_hint="PATHS")
    if not any(is_stdin(path) for path in paths):
        yield paths, lambda results: results
        return
    with stdin_as_file(sys.stdin.buffer) as temporary:
        yield [temporary if is_stdin(path) else path for path in paths], lambda results: rename_results(results, temporary)


def _settings(path: Path | None):
    from budget_audit.config import load_config

    return _usage(load_config, path)


def _usage(function, *args):
    """Run a set-up step; a UsageError (bad settings, unreadable baseline) is exit code 2."""
    from budget_audit.errors import UsageError

    try:
        return function(*args)
    except UsageError as error:
        raise click.UsageError(str(error)) from None


def _joined(values: list[str] | None) -> str | None:
    return ",".join(values) if values is not None else None


def _timeout(value: float | None) -> float:
    value = DEFAULT_TIMEOUT if value is None else value
    if value <= 0:
        raise typer.BadParameter(f"{value:g} is not a number of seconds > 0", param_hint="--timeout")
    return value


def _run(tasks, jobs: int, timeout: float, lang: str) -> list:
    """Run the tasks; a progress bar on stderr when it is a terminal (nothing on a pipe)."""
    from budget_audit.batch import effective_jobs, run_tasks

    workers = effective_jobs(jobs, len(tasks))
    if not sys.stderr.isatty() or not tasks:
        return run_tasks(tasks, jobs=workers, timeout=timeout)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # no refresh thread while worker processes are forked: the loop refreshes it
    with Progress(TextColumn("审核" if lang == "zh" else "auditing"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("{task.description}"), console=Console(stderr=True),
                  transient=True, auto_refresh=workers == 1) as progress:
        bar = progress.add_task("", total=len(tasks))

        def done(task) -> None:
            progress.update(bar, advance=1, description=Path(task.label).name[:40])
            progress.refresh()

        return run_tasks(tasks, jobs=workers, timeout=timeout, on_done=done, tick=progress.refresh)


def _active_rules(select: str | None, ignore: str | None) -> set[str]:
    from budget_audit.rules import RULES, resolve_selection

    try:
        active = resolve_selection(select.split(",")) if select else set(RULES)
        return active - (resolve_selection(ignore.split(",")) if ignore else set())
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--select/--ignore") from None


def expand_paths(paths: list[Path], bundle: bool = False) -> list[Path | DocumentError]:
    """Files as given; directories searched recursively. Every input is in the list: one that cannot be read
    (a FIFO, a device, a dangling link, no read permission) or a directory that yields nothing is a failure.
    With `bundle` the files given stay paths: the bundle's reader refuses them the same way, failing the whole
    disclosure rather than auditing it without one of its volumes."""
    from budget_audit.errors import UNREADABLE, DocumentError
    from budget_audit.read import SUPPORTED_SUFFIXES
    from budget_audit.read.file_kind import refusal

    def checked(path: Path) -> Path | DocumentError:
        return refusal(path) or path

    expanded: list[Path | DocumentError] = []
    for path in paths:
        if path.is_dir():
            # not only regular files: a FIFO, a dangling link or a directory named .pdf is reported (refused),
            # never silently left out
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                expanded.append(DocumentError(UNREADABLE, f"{path}: no {' or '.join(SUPPORTED_SUFFIXES)} files in "
                                                          f"this directory", path=str(path)))
            expanded.extend(checked(p) for p in found)
        elif not bundle and (path.exists() or path.is_symlink()):
            expanded.append(checked(path))
        else:
            expanded.append(path)   # a missing file: the reader says so in its own words
    return expanded


def _write(produce, output: Path | None, encoding: str = "utf-8", newline: str | None = None) -> None:
    from budget_audit.output_file import escape_unencodable, output_file

    if output is None:
        escape_unencodable(sys.stdout)
        produce(sys.stdout)
        return
    try:
        with output_file(output, encoding=encoding, newline=newline) as stream:
            produce(stream)
    except OSError as error:
        raise typer.BadParameter(f"cannot write {output}: {error.strerror}", param_hint="--output") from None


@app.command()
def rules(lang: Lang = typer.Option(Lang.zh, "--lang", envvar=LANG_ENV, show_envvar=False,
                                    help="Language of titles.")) -> None:
    """List every rule: ID, default severity, title and one-line description."""
    from budget_audit import rule_catalogue
    from budget_audit.rule_listing import listing

    typer.echo(listing(rule_catalogue.load(), lang.value, _terminal_width()))


@app.command()
def explain(rule_id: str = typer.Argument(..., metavar="RULE", help="A rule ID, e.g. R001."),
            lang: Lang = typer.Option(Lang.zh, "--lang", envvar=LANG_ENV, show_envvar=False,
                                      help="Language of the title, the summary and the documentation.")) -> None:
    """Print a rule's full description: what it checks, why, the formula, the tolerance, an example."""
    from budget_audit import rule_catalogue
    from budget_audit.rule_listing import explanation

    rule = rule_catalogue.find(rule_id)
    if rule is None:
        raise typer.BadParameter(f"unknown rule {rule_id!r} (see `budget-audit rules`)", param_hint="RULE")
    typer.echo(explanation(rule, lang.value, _terminal_width()))


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., readable=False, help="Files or directories."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.json, "-f", "--format",
                                      help="json (every table) or csv (one row per document: the key figures in 元)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file."),
    jobs: int = typer.Option(1, "-j", "--jobs", min=0, help="Documents read in parallel (0 = one per CPU)."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help="Per-document limit in seconds."),
) -> None:
    """Print what was recognised: metadata, every table (rows as Decimal strings) and the key figures."""
    from budget_audit.batch import extract_tasks
    from budget_audit.extract import write_csv

    documents = _run(extract_tasks(expand_paths(paths)), jobs, _timeout(timeout), "zh")
    if fmt == ExtractFormat.csv:
        # a file gets a UTF-8 byte-order mark so that Excel reads the Chinese names; pandas skips it
        _write(lambda stream: write_csv(documents, stream), output, encoding="utf-8-sig", newline="")
    else:
        _write(lambda stream: stream.write(json.dumps({"documents": documents}, ensure_ascii=False, indent=2) + "\n"),
               output)
    raise typer.Exit(3 if any(doc["status"] == "failed" for doc in documents) else 0)


def main() -> None:
    try:
        command = localise(typer.main.get_command(app), help_language(sys.argv[1:]))
        command(prog_name="budget-audit", standalone_mode=True)
    except Exception as exc:   # a bug in the tool itself: one line and exit 3, never a traceback that reads like findings
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"budget-audit: internal error {type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})",
              file=sys.stderr)
        sys.exit(3)
