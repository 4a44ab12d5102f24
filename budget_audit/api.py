"""The Python API: `budget_audit.audit(path_or_paths, **options)` → a `Report`, the object every format renders.

`budget-audit check` runs the same `run_audit`; the command line only adds the settings file, the progress
bar and its usage errors.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Mapping, Union

from budget_audit import model as m
from budget_audit.report.view import Report

PathLike = Union[str, "os.PathLike[str]"]


def audit(paths: PathLike | Iterable[PathLike], *, select: str | Iterable[str] | None = None,
          ignore: str | Iterable[str] | None = None, severity: Mapping[str, str] | None = None,
          lang: str = "zh", min_severity: str = "info", fail_on: str = "error", jobs: int = 1,
          timeout: float = 120.0, bundle: bool = False, pair_volumes: bool = False, baseline: PathLike | None = None,
          write_baseline: PathLike | None = None) -> Report:
    """Audit disclosures and return the report.

    paths: a file (.pdf, .txt) or directory (searched recursively), or several.
    select, ignore: rule IDs or prefixes ("R,C", ["X011"]); unknown ones raise ValueError.
    severity: per-rule severities ({"R001b": "warning"}), applied after the audit.
    lang: "zh" or "en", the language of titles and messages.
    min_severity: the lowest severity the report shows; fail_on: the lowest that fails the run ("never": none).
    jobs: documents audited at a time, each in its own process (0 = one per CPU); timeout: seconds per document.
    bundle: the paths are the volumes of one disclosure; pair_volumes: find the volumes of each disclosure
    among the paths (a narrative volume and a tables volume of one unit and year) and audit them together.
    baseline / write_baseline: hide the findings recorded in a file / record this run's findings in one.

    A document that cannot be audited is in the report as failed (`result.failed`, `result.error`), never an
    exception. `report.render("json")` gives any format's text and `report.exit_code()` the command's exit code.
    """
    from budget_audit.baseline import read_baseline
    from budget_audit.cli import expand_paths
    from budget_audit.rules import RULES, resolve_selection

    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    active = resolve_selection(_ids(select)) if select is not None else set(RULES)
    active -= resolve_selection(_ids(ignore)) if ignore is not None else set()
    overrides = {rule: m.Severity.parse(level) for rule, level in (severity or {}).items()}
    known = read_baseline(Path(baseline)) if baseline is not None else None
    return run_audit(expand_paths([Path(p) for p in given], bundle), active=active, severity=overrides, lang=lang,
                     min_severity=min_severity, fail_on=fail_on, jobs=jobs, timeout=timeout, bundle=bundle,
                     pair_volumes=pair_volumes, baseline=Path(baseline) if baseline is not None else None, known=known,
                     write_baseline=Path(write_baseline) if write_baseline is not None else None)


def run_audit(items: list, *, active: set[str], severity: Mapping[str, m.Severity], lang: str, min_severity: str,
              fail_on: str, jobs: int, timeout: float, bundle: bool, baseline: Path | None, known: list | None,
              write_baseline: Path | None, run: Callable | None = None, adjust: Callable | None = None,
              pair_volumes: bool = False) -> Report:
    """The audit behind `audit` and `budget-audit check`: expanded inputs in, report out. `run(tasks, jobs,
    timeout)` runs the tasks (the command line passes one that draws a progress bar); `adjust(results)` edits the
    results before severities and the baseline apply (the command line drops the settings' per-path ignores)."""
    from budget_audit.audit import Options
    from budget_audit.baseline import apply_baseline, write_baseline as save_baseline
    from budget_audit.batch import audit_tasks, effective_jobs, run_tasks
    from budget_audit.config import apply_severities

    def execute(tasks):
        if run is None:
            return run_tasks(tasks, jobs=effective_jobs(jobs, len(tasks)), timeout=timeout)
        return run(tasks, jobs, timeout)

    results = execute(audit_tasks(items, Options(active=active), bundle=bundle))
    if pair_volumes and not bundle:
        results = _paired(results, Options(active=active), execute)
    if adjust is not None:
        adjust(results)
    apply_severities(results, dict(severity))
    if write_baseline is not None:
        save_baseline(write_baseline, results)
    outcome = apply_baseline(baseline, known, results) if known is not None else None
    return Report(results=results, lang=lang, min_severity=m.Severity.parse(min_severity),
                  fail_on=None if fail_on == "never" else m.Severity.parse(fail_on), baseline=outcome,
                  active=active)


def _paired(results: list, options, execute: Callable) -> list:
    """The results with each pair of volumes (volumes.volume_pairs) audited again as one bundle, in the place
    of its first volume."""
    from budget_audit.batch import audit_tasks
    from budget_audit.volumes import volume_pairs

    pairs = volume_pairs(results)
    if not pairs:
        return results
    bundles = execute([task for pair in pairs for task in audit_tasks(list(pair), options, bundle=True)])
    by_first = {pair[0]: bundle for pair, bundle in zip(pairs, bundles)}
    seconds = {pair[1] for pair in pairs}
    return [by_first.get(result.path, result) for result in results if result.path not in seconds]


def _ids(selection: str | Iterable[str]) -> list[str]:
    return selection.split(",") if isinstance(selection, str) else list(selection)
