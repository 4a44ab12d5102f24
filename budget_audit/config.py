"""Settings from a file: `--config FILE`, else the nearest `budget-audit.toml` (keys at the top level) or
`pyproject.toml` with a `[tool.budget-audit]` table, searching from the current directory upwards.

Every key is checked: an unknown key, a duplicate key or a wrong value is a configuration error (exit
code 2) naming the file and the key. Options given on the command line override the file.

`[tool.budget-audit.per-path-ignores]` maps a glob to rule IDs or prefixes skipped for the files it
matches, as ruff's per-file-ignores: a glob with no `/` matches the file name, one with a `/` the path
relative to the settings file's folder (`*` also crosses folders, `**/` may match none).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

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

FORMATS = ("rich", "text", "json", "jsonl", "csv", "markdown", "github", "sarif", "junit", "html")   # report.FORMATS, kept light
FAIL_ON = ("error", "warning", "info", "never")
LEVELS = ("error", "warning", "info")
LANGS = ("zh", "en")
KEYS = ("select", "ignore", "severity", "per-path-ignores", "fail-on", "min-severity", "lang", "jobs", "timeout",
        "format")


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
    per_path_ignores: dict[str, set[str]] = field(default_factory=dict)   # glob → rule IDs (prefixes expanded)
    given: dict[str, object] = field(default_factory=dict)                # key → value as the file writes it


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
        config.given[key] = value
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


def _per_path_ignores(config: Config, value) -> None:
    if not isinstance(value, dict):
        raise TypeError("expected a table of glob = rule IDs, e.g. \"corpus/2019/*\" = [\"N\", \"X011\"]")
    for glob, selectors in value.items():
        config.per_path_ignores[glob] = resolve_selection(_rule_list(selectors))


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
    "per-path-ignores": _per_path_ignores,
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


def ignored_for(path: str, config: Config) -> set[str]:
    """The rules the per-path ignores skip for this file."""
    if not config.per_path_ignores:
        return set()
    name = PurePosixPath(Path(path).as_posix()).name
    relative = _relative_to_settings(path, config.path)
    ignored: set[str] = set()
    for glob, rules in config.per_path_ignores.items():
        if _matches(glob, name, relative):
            ignored |= rules
    return ignored


def _relative_to_settings(path: str, settings: Path | None) -> str:
    absolute = Path(path).resolve()
    root = settings.resolve().parent if settings else Path.cwd().resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def _matches(glob: str, name: str, relative: str) -> bool:
    if "/" not in glob:
        return fnmatchcase(name, glob)
    candidates = [glob, glob[3:]] if glob.startswith("**/") else [glob]
    return any(fnmatchcase(relative, candidate) for candidate in candidates)


def apply_per_path_ignores(results, config: Config) -> None:
    """Drop the findings of the rules ignored for each document's file (for a bundle, any of its volumes)."""
    if not config.per_path_ignores:
        return
    for result in results:
        paths = [volume["path"] for volume in getattr(result, "volumes", None) or []] or [result.path]
        ignored = set().union(*(ignored_for(path, config) for path in paths))
        if ignored:
            result.findings = [finding for finding in result.findings if finding.rule not in ignored]


COMMAND_LINE, DEFAULT = "command line", "default"


def setting_sources(config: Config, command_line: dict[str, object],
                    defaults: dict[str, object]) -> list[tuple[str, object, str]]:
    """(key, value, where it came from) for every setting: the command line, the settings file, or the default."""
    rows = []
    for key in dict.fromkeys((*KEYS, *command_line, *defaults)):
        if command_line.get(key) is not None:
            rows.append((key, command_line[key], COMMAND_LINE))
        elif key in config.given:
            rows.append((key, config.given[key], str(config.path)))
        else:
            rows.append((key, defaults.get(key), DEFAULT))
    return rows


def settings_lines(config: Config, rows: list[tuple[str, object, str]]) -> list[str]:
    """The merged settings as TOML, each line commented with its source."""
    header = f"# settings file: {config.path}" if config.path else "# settings file: none found"
    lines = [header]
    for key, value, source in rows:
        text = f"{key} = {_toml(value)}" if value is not None else f"# {key} (not set: every rule)"
        lines.append(f"{text:<40}  # {source}")
    return lines


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple, set)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(key)} = {_toml(item)}" for key, item in value.items()) + " }" if value else "{}"
    return _toml(str(value))


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml(key)
