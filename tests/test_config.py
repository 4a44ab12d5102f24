"""Settings files: `[tool.budget-audit]` in pyproject.toml or budget-audit.toml (found from the current
directory upwards) or --config; the command line overrides them; unknown or duplicate keys and bad values
are configuration errors (exit code 2) naming the file and the key."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budget_audit import model as m
from budget_audit.cli import app
from budget_audit.config import load_config
from budget_audit.errors import UsageError
from budget_audit.rules import RULES
from tests.conftest import SAMPLE

runner = CliRunner()


def check(*args):
    return runner.invoke(app, ["check", str(SAMPLE), *map(str, args)])


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project directory (the current directory) whose settings the test writes."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_has_warnings_and_no_errors(project):
    assert check("-f", "text").exit_code == 0                         # no settings: --fail-on error


def test_pyproject_settings_apply_and_the_command_line_overrides_them(project):
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.budget-audit]\nfail-on = "warning"\n'
                                      'lang = "en"\njobs = 2\ntimeout = 60\n')
    result = check("-f", "text")
    assert result.exit_code == 1 and "documents: 1 audited" in result.stdout        # warning fails; English
    result = check("-f", "text", "--fail-on", "error", "--lang", "zh")
    assert result.exit_code == 0 and "共 1 个文档" in result.stdout


def test_the_nearest_file_is_found_from_a_subdirectory(project, monkeypatch):
    write(project / "budget-audit.toml", 'fail-on = "info"\n')
    (project / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(project / "sub" / "deeper")
    assert check("-f", "text").exit_code == 1
    assert load_config().path == project / "budget-audit.toml"


def test_select_ignore_and_per_rule_severity(project):
    write(project / "budget-audit.toml", 'select = ["R", "N003", "P"]\nignore = "P006,P007"\n'
                                         '[severity]\nN003 = "error"\nP = "info"\n')
    result = check("-f", "json")
    document = json.loads(result.stdout)["documents"][0]
    rules = {f["rule"] for f in document["findings"]}
    assert rules and all(rule[0] in "RP" or rule == "N003" for rule in rules)
    assert "P006" not in rules and "N003" in rules
    assert {f["severity"] for f in document["findings"] if f["rule"] == "N003"} == {"error"}
    assert {f["severity"] for f in document["findings"] if f["rule"].startswith("P")} == {"info"}
    assert result.exit_code == 1                                       # the N003 rounding note is now an error
    assert check("-f", "json", "--ignore", "N").exit_code == 0          # the command line replaces ignore


def test_explicit_config_file(tmp_path):
    path = write(tmp_path / "audit.toml", 'fail-on = "info"\n')
    assert check("--config", path, "-f", "text").exit_code == 1
    pyproject = write(tmp_path / "pyproject.toml", '[tool.budget-audit]\nmin-severity = "error"\n')
    document = json.loads(check("--config", pyproject, "-f", "json").stdout)["documents"][0]
    # the findings below min-severity are not listed, but still counted
    assert document["findings"] == [] and document["summary"]["error"] == 0 and document["summary"]["warning"] > 0


@pytest.mark.parametrize("text, named", [
    ('jobz = 2\n', "unknown key 'jobz'"),
    ('jobs = 1\njobs = 2\n', "duplicate key 'jobs' (line 2)"),
    ('[severity]\nR001 = "error"\n[severity]\nR002 = "info"\n', "duplicate key 'severity' (line 3)"),
    ('fail-on = "often"\n', "key 'fail-on': 'often' is not one of error, warning, info, never"),
    ('select = ["Q9"]\n', "key 'select': unknown rule ID or prefix 'Q9'"),
    ('[severity]\nR001 = "fatal"\n', "key 'severity': 'fatal' is not one of error, warning, info"),
    ('jobs = -1\n', "key 'jobs'"),
    ('timeout = "soon"\n', "key 'timeout'"),
    ('lang = "fr"\n', "key 'lang'"),
    ('fail-on = \n', "invalid TOML"),
])
def test_bad_settings_are_usage_errors_naming_file_and_key(project, text, named):
    path = write(project / "budget-audit.toml", text)
    result = check("-f", "text")
    assert result.exit_code == 2
    message = " ".join(result.output.replace("│", " ").split())
    assert str(path.name) in message and named in message, message
    with pytest.raises(UsageError, match="budget-audit.toml"):
        load_config()


def test_unknown_key_in_pyproject_names_the_table(project):
    write(project / "pyproject.toml", '[tool.budget-audit]\nfail_on = "warning"\n')
    result = check("-f", "text")
    assert result.exit_code == 2
    assert "unknown key 'fail_on' in [tool.budget-audit]" in " ".join(result.output.replace("│", " ").split())


def test_missing_config_file_is_a_usage_error(tmp_path):
    assert check("--config", tmp_path / "nope.toml").exit_code == 2


def test_a_pyproject_without_the_table_is_not_a_config(project):
    write(project / "pyproject.toml", '[project]\nname = "x"\n')
    config = load_config(start=project)
    assert config.path is None or config.path != project / "pyproject.toml"


def test_severity_prefixes_expand_to_rules(tmp_path):
    path = write(tmp_path / "budget-audit.toml", '[severity]\nX01 = "warning"\n')
    config = load_config(path)
    assert set(config.severity) == {rule for rule in RULES if rule.startswith("X01")} >= {"X010", "X011", "X012"} and set(config.severity.values()) == {m.Severity.WARNING}


def test_the_settings_file_knows_every_report_format():
    """config keeps its own list so that reading settings does not import the reports; it must not fall behind
    (format = "html" in a settings file was refused)."""
    from budget_audit import config, report

    assert set(config.FORMATS) == set(report.FORMATS)
