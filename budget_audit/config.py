"""Settings from a file: `--config FILE`, else the nearest `budget-audit.toml` (keys at the top level) or
`pyproject.toml` with a `[tool.budget-audit]` table, searching from the current directory upwards.

Every key is checked: an unknown key, a duplicate key or a wrong value is a configuration error (exit
code 2) naming the file and the key. Options given on the command line override the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from budget_audit import model as m
from budget_audit.errors import UsageError
from budget_audit.rules import resolve_selection

try:
    import tomllib
except ModuleNotFoundError:     # Python 3.10
    try:
        import tomli as tomllib  # type: ignore[no-redef]
    except ModuleNotFoundError:
        tomllib = None           # type: ignore[assignment]

FORMATS = ("rich", "text", "json", "jsonl", "csv", "markdown", "github", "sarif", "junit")
FAIL_ON = ("error", "warning", "info", "never")
LEVELS = ("error", "warning", "info")
LANGS = ("zh", "en")
KEYS = ("select", "ignore", "severity", "fail-on", "min-severity", "lang", "jobs", "timeout", "format")


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    severity: dict[str, m.Severity] = field(default_factory=dict)    # rule ID → severity (prefixes expanded)
    fail_on: str | None = None
    min_severity: str | None = None
    lang: str | None = None
    jobs: int | None = None
    timeout: float | None = None
    format: str | None = None


def find_config(start: Path | None = None) -> tuple[Path, dict] | None:
    """The nearest settings file that has settings for budget-audit, and its table."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        own = folder / "budget-audit.toml"
        if own.is_file():
            return own, _parse(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _parse(project).get("tool", {}).get("budget-audit")
            if table is not None:
                return project, table
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    if path is not None:
        if not path.is_file():
            raise UsageError(f"{path}: configuration file not found (--config)")
        data = _parse(path)
        table = data.get("tool", {}).get("budget-audit", {}) if path.name == "pyproject.toml" else data
        return _validate(path, table)
    found = find_config(start)
    return _validate(*found) if found else Config()


def _parse(path: Path) -> dict:
    if tomllib is None:
        raise UsageError(f"{path}: reading settings needs Python ≥ 3.11 or the `tomli` package")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read the configuration file: {error}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(_explain(path, text, str(error))) from None


def _explain(path: Path, text: str, message: str) -> str:
    """TOML's message names a line; for a duplicate key or table, name the key too."""
    where = re.search(r"line (\d+)", message)
    if where and re.search(r"overwrite|twice|already", message, re.I):
        line = text.splitlines()[int(where.group(1)) - 1].strip() if int(where.group(1)) <= len(text.splitlines()) else ""
        key = line.strip("[] ").split("=")[0].strip()
        return f"{path}: duplicate key '{key}' (line {where.group(1)})"
    return f"{path}: invalid TOML: {message}"


def _validate(path: Path, table: dict) -> Config:
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.budget-audit] must be a table")
    section = "[tool.budget-audit]" if path.name == "pyproject.toml" else "the file"
    config = Config(path=path)
    for key, value in table.items():
        if key not in KEYS:
            raise UsageError(f"{path}: unknown key '{key}' in {section} (known keys: {', '.join(KEYS)})")
        setter = _SETTERS[key]
        try:
            setter(config, value)
        except (TypeError, ValueError) as error:
            raise UsageError(f"{path}: key '{key}': {error}") from None
    return config


def _rule_list(value) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise TypeError("expected a list of rule IDs or prefixes, e.g. [\"R\", \"X011\"]")
    resolve_selection(items)          # unknown IDs raise ValueError
    return [item.strip() for item in items if item.strip()]


def _choice(options: tuple[str, ...]):
    def check(value) -> str:
        if not isinstance(value, str) or value.lower() not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return value.lower()
    return check


def _severity(config: Config, value) -> None:
    if not isinstance(value, dict):
        raise TypeError("expected a table of rule ID = severity, e.g. severity = { X011 = \"error\" }")
    for selector, level in value.items():
        severity = m.Severity.parse(_choice(LEVELS)(level))
        for rule_id in resolve_selection([selector]):
            config.severity[rule_id] = severity


def _jobs(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a whole number ≥ 0 (0 = one per CPU)")
    return value


def _timeout(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"{value!r} is not a number of seconds > 0")
    return float(value)


_SETTERS = {
    "select": lambda c, v: setattr(c, "select", _rule_list(v)),
    "ignore": lambda c, v: setattr(c, "ignore", _rule_list(v)),
    "severity": _severity,
    "fail-on": lambda c, v: setattr(c, "fail_on", _choice(FAIL_ON)(v)),
    "min-severity": lambda c, v: setattr(c, "min_severity", _choice(LEVELS)(v)),
    "lang": lambda c, v: setattr(c, "lang", _choice(LANGS)(v)),
    "jobs": lambda c, v: setattr(c, "jobs", _jobs(v)),
    "timeout": lambda c, v: setattr(c, "timeout", _timeout(v)),
    "format": lambda c, v: setattr(c, "format", _choice(FORMATS)(v)),
}


def apply_severities(results, overrides: dict[str, m.Severity]) -> None:
    """Per-rule severities from the settings, applied to the audited findings (then re-sorted)."""
    if not overrides:
        return
    for result in results:
        changed = False
        for finding in result.findings:
            if finding.rule in overrides and finding.severity != overrides[finding.rule]:
                finding.severity = overrides[finding.rule]
                if "CONFIG_SEVERITY" not in finding.tags:
                    finding.tags.append("CONFIG_SEVERITY")
                changed = True
        if changed:
            result.findings.sort(key=lambda f: -f.severity)
