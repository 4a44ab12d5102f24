"""Baselines: `--write-baseline F` records the current findings, `--baseline F` hides them.

An entry is keyed by the document's sha256, the rule and the finding's fingerprint (rule, tables, rows,
columns and numbers — never pages or line numbers), so it survives a re-layout of the report and the
same file always gives the same baseline (entries sorted, no time stamps). A changed document has a new
sha256: its old entries no longer match and are listed as gone, its findings are new.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from budget_audit import __version__
from budget_audit.errors import UsageError
from budget_audit.output_file import output_file

BASELINE_VERSION = 1


@dataclass
class BaselineOutcome:
    path: str
    suppressed: int = 0
    gone: list[dict] = field(default_factory=list)     # entries of documents in this run that no longer occur


def _key(sha256: str | None, rule: str, fingerprint: str) -> tuple:
    return (sha256, rule, fingerprint)


def write_baseline(path: Path, results) -> int:
    entries = sorted(({"path": r.path, "sha256": r.sha256, "rule": f.rule, "fingerprint": f.fingerprint,
                       "severity": f.severity.label, "message": f.text("zh")}
                      for r in results if not r.failed for f in r.findings),
                     key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    data = {"schema_version": BASELINE_VERSION, "tool": {"name": "budget-audit", "version": __version__},
            "entries": entries}
    try:
        with output_file(path) as stream:
            stream.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    except OSError as error:
        raise UsageError(f"{path}: cannot write the baseline: {error.strerror}") from None
    return len(entries)


def read_baseline(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"{path}: cannot read the baseline: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{path}: not a baseline file (invalid JSON: {error})") from None
    if not isinstance(data, dict) or data.get("schema_version") != BASELINE_VERSION:
        raise UsageError(f"{path}: not a budget-audit baseline (schema_version {BASELINE_VERSION} expected)")
    entries = data.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and {"sha256", "rule", "fingerprint"} <= set(e)
                                                for e in entries):
        raise UsageError(f"{path}: baseline entries need sha256, rule and fingerprint")
    return entries


def apply_baseline(path: Path, entries: list[dict], results) -> BaselineOutcome:
    """Remove the findings the baseline knows (each entry hides one finding) and list the entries of this
    run's documents that matched nothing."""
    remaining = Counter(_key(e["sha256"], e["rule"], e["fingerprint"]) for e in entries)
    outcome = BaselineOutcome(path=str(path))
    for result in results:
        kept = []
        for finding in result.findings:
            key = _key(result.sha256, finding.rule, finding.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
                outcome.suppressed += 1
            else:
                kept.append(finding)
        result.findings = kept
    in_run = {r.sha256 for r in results if r.sha256} | {r.path for r in results}
    for entry in entries:
        key = _key(entry["sha256"], entry["rule"], entry["fingerprint"])
        if remaining[key] > 0 and (entry["sha256"] in in_run or entry.get("path") in in_run):
            remaining[key] -= 1
            outcome.gone.append(entry)
    return outcome
