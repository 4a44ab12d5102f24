"""CI conventions of `check`: the github format under GitHub Actions, -q, --color, --statistics,
--show-settings, per-path ignores, `-` for standard input, and a summary that counts what
--min-severity hides."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app
from tests.conftest import SAMPLE, write_variant

runner = CliRunner()
ANSI = re.compile(r"\x1b\[")


@pytest.fixture(scope="module")
def broken(tmp_path_factory, sample_text):
    # 支出总表 2080101 行政运行: 合计 217.11 but 基本 171.11 + 项目 47 → an R001/H001 ERROR
    text = sample_text.replace("2080101\t行政运行\t217.11\t171.11\t46\n", "2080101\t行政运行\t217.11\t171.11\t47\n", 1)
    return write_variant(tmp_path_factory.mktemp("ci"), text, "broken.txt")


def check(*args, **kwargs):
    return runner.invoke(app, ["check", *map(str, args)], **kwargs)


# --- the github format under GitHub Actions ---------------------------------------------------------

def test_github_format_is_the_default_under_github_actions(monkeypatch, broken):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = check(broken)
    assert result.exit_code == 1
    assert "::group::" in result.stdout and re.search(r"^::error file=.*title=(R001|H001) ", result.stdout, re.M)
    # an explicit format, or a report written to a file, is not an annotation stream
    assert "::group::" not in check(broken, "-f", "text").stdout


def test_github_format_only_under_github_actions(monkeypatch, broken, tmp_path):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    target = tmp_path / "report.txt"
    check(broken, "-o", target)
    assert "::group::" not in target.read_text(encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert "::group::" not in check(broken).stdout
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert "::group::" not in check(broken).stdout


# --- -q and --statistics ---------------------------------------------------------------------------

def test_quiet_prints_the_summary_line_only(broken, tmp_path):
    result = check(broken, "-q")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [result.stdout.strip()] and result.stdout.startswith("共 1 个文档：审核 1")
    target = tmp_path / "out.json"
    result = check(broken, "-q", "-f", "json", "-o", target)
    assert result.exit_code == 1 and result.stdout.startswith("共 1 个文档")
    assert json.loads(target.read_text(encoding="utf-8"))["documents"][0]["findings"]


def test_statistics_count_every_finding_per_rule(broken):
    findings = json.loads(check(broken, "-f", "json").stdout)["documents"][0]["findings"]
    expected = Counter(finding["rule"] for finding in findings)
    result = check(broken, "--statistics", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("1 documents: 1 audited")
    counted = {line.split()[1]: int(line.split()[0]) for line in lines[:-1]}
    assert counted == dict(expected)
    assert [int(line.split()[0]) for line in lines[:-1]] == sorted(counted.values(), reverse=True)
    # --min-severity does not make the counts smaller
    assert check(broken, "--statistics", "--lang", "en", "--min-severity", "error").stdout.splitlines()[:-1] == lines[:-1]


# --- --color ---------------------------------------------------------------------------------------

def test_color_always_and_never(broken):
    assert ANSI.search(check(broken, "-f", "rich", "--color", "always").stdout)
    assert not ANSI.search(check(broken, "-f", "rich", "--color", "never").stdout)
    assert not ANSI.search(check(broken, "-f", "rich").stdout)            # auto: not a terminal
    assert ANSI.search(check(broken, "--color", "always").stdout)          # always: the rich report on a pipe too
    assert not ANSI.search(check(broken, "-f", "text", "--color", "always").stdout)   # text never has colour
    assert check(broken, "--color", "sometimes").exit_code == 2


# --- --show-settings -------------------------------------------------------------------------------

def _sources(output: str) -> dict[str, tuple[str, str]]:
    settings = {}
    for line in output.splitlines()[1:]:
        setting, _, source = line.partition("  # ")
        key, _, value = setting.strip().lstrip("# ").partition(" = ")
        settings[key.split(" ")[0]] = (value, source.strip())
    return settings


def test_show_settings_names_where_each_value_came_from(tmp_path, monkeypatch):
    project = tmp_path / "pyproject.toml"
    project.write_text('[tool.budget-audit]\nfail-on = "warning"\njobs = 2\nignore = ["X011"]\n'
                       '[tool.budget-audit.per-path-ignores]\n"2019/*.pdf" = ["N"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = check(SAMPLE, "--show-settings", "--jobs", "3", "-f", "json")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"# settings file: {project.resolve()}"
    settings = _sources(result.stdout)
    assert settings["fail-on"] == ('"warning"', str(project.resolve()))
    assert settings["ignore"] == ('["X011"]', str(project.resolve()))
    assert settings["per-path-ignores"] == ('{ "2019/*.pdf" = ["N"] }', str(project.resolve()))
    assert settings["jobs"] == ("3", "command line") and settings["format"] == ('"json"', "command line")
    assert settings["min-severity"] == ('"info"', "default") and settings["lang"] == ('"zh"', "default")
    assert "审核" not in result.stdout and "共" not in result.stdout          # nothing was audited


# --- per-path ignores ------------------------------------------------------------------------------

def test_per_path_ignores_skip_rules_for_matching_files(tmp_path, broken, monkeypatch):
    folder = tmp_path / "reports" / "2024"
    folder.mkdir(parents=True)
    ignored = folder / "ignored.txt"
    ignored.write_bytes(broken.read_bytes())
    kept = folder / "kept.txt"
    kept.write_bytes(broken.read_bytes())
    (tmp_path / "budget-audit.toml").write_text(
        '[per-path-ignores]\n"reports/*/ignored.txt" = ["R", "N003"]\n"*.pdf" = ["P"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    documents = json.loads(check(ignored, kept, "-f", "json").stdout)["documents"]
    rules = [{finding["rule"] for finding in document["findings"]} for document in documents]
    assert {"R001", "N003", "P002"} <= rules[1]
    assert rules[0] == rules[1] - {"R001", "R001b", "N003"}
    # the name alone, or a glob starting with **/, matches wherever the file is
    (tmp_path / "budget-audit.toml").write_text('[per-path-ignores]\n"**/kept.txt" = ["R001"]\n"ignored.*" = ["P"]\n',
                                                 encoding="utf-8")
    documents = json.loads(check(ignored, kept, "-f", "json").stdout)["documents"]
    assert "R001" in {f["rule"] for f in documents[0]["findings"]} - {f["rule"] for f in documents[1]["findings"]}
    assert "P002" in {f["rule"] for f in documents[1]["findings"]} - {f["rule"] for f in documents[0]["findings"]}


def test_per_path_ignores_with_an_unknown_rule_is_a_configuration_error(tmp_path, monkeypatch):
    (tmp_path / "budget-audit.toml").write_text('[per-path-ignores]\n"*.txt" = ["Q9"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = check(SAMPLE, "-f", "json")
    assert result.exit_code == 2 and "per-path-ignores" in result.output


# --- standard input --------------------------------------------------------------------------------

def test_a_text_dump_from_standard_input(broken):
    from_file = json.loads(check(broken, "-f", "json").stdout)["documents"][0]
    result = check("-", "-f", "json", input=broken.read_bytes())
    assert result.exit_code == 1
    (document,) = json.loads(result.stdout)["documents"]
    assert document["path"] == "-" and document["sha256"] == from_file["sha256"]
    assert [f["fingerprint"] for f in document["findings"]] == [f["fingerprint"] for f in from_file["findings"]]


def test_standard_input_empty_or_twice():
    result = check("-", "-f", "json", input=b"")
    assert result.exit_code == 3
    (document,) = json.loads(result.stdout)["documents"]
    assert document["path"] == "-" and document["error"]["message"].startswith("-: ")
    assert check("-", "-", input=b"x").exit_code == 2


def test_a_pdf_from_standard_input(corpus):
    pdf = min(corpus.rglob("*.pdf"), key=lambda path: path.stat().st_size)
    from_file = json.loads(check(pdf, "-f", "json", "--select", "R,C,X").stdout)["documents"][0]
    document = json.loads(check("-", "-f", "json", "--select", "R,C,X", input=pdf.read_bytes()).stdout)["documents"][0]
    assert document["path"] == "-" and document["status"] == from_file["status"]
    assert document["meta"] == from_file["meta"] and document["summary"] == from_file["summary"]


# --- the summary counts what --min-severity hides ---------------------------------------------------

def test_summary_counts_hidden_findings(broken):
    full = json.loads(check(broken, "-f", "json").stdout)
    shown = json.loads(check(broken, "-f", "json", "--min-severity", "error").stdout)
    assert {f["severity"] for f in shown["documents"][0]["findings"]} == {"error"}
    for key in ("error", "warning", "info"):
        assert shown["summary"][key] == full["summary"][key]
        assert shown["documents"][0]["summary"][key] == full["documents"][0]["summary"][key]
    hidden = full["summary"]["warning"] + full["summary"]["info"]
    assert shown["summary"]["hidden"] == hidden > 0 and full["summary"]["hidden"] == 0
    # the total line ends the text report; it wraps to the terminal's width, so read it whole
    lines = check(broken, "-f", "text", "--min-severity", "error").stdout.rstrip().splitlines()
    total = "".join("".join(lines[max(i for i, line in enumerate(lines) if line.startswith("共 ")):]).split())
    assert f"警告{full['summary']['warning']}" in total and f"其中{hidden}项低于--min-severity" in total
    english = " ".join(check(broken, "-f", "text", "--min-severity", "error", "--lang", "en").stdout.split())
    assert english.endswith(f"({hidden} below --min-severity, not listed)")
