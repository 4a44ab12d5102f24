"""The command line of interface.md: commands, options, exit codes and their precedence."""
from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from budget_audit import __version__
from budget_audit.cli import app
from budget_audit.rules import RULES
from tests.conftest import SAMPLE, write_variant

runner = CliRunner()


def check(*args):
    return runner.invoke(app, ["check", *map(str, args)])


def _broken_sample(tmp_path, sample_text):
    # 支出总表 2080101 行政运行: 合计 217.11 but 基本 171.11 + 项目 47 → a real ERROR
    text = sample_text.replace("2080101\t行政运行\t217.11\t171.11\t46\n", "2080101\t行政运行\t217.11\t171.11\t47\n", 1)
    assert text != sample_text
    return write_variant(tmp_path, text, "broken.txt")


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"budget-audit {__version__}"


def test_sample_without_errors_exits_0_and_warnings_can_fail(tmp_path):
    assert check(SAMPLE, "-f", "text").exit_code == 0
    assert check(SAMPLE, "-f", "text", "--fail-on", "warning").exit_code == 1   # P002, P003, K003 … are warnings
    assert check(SAMPLE, "-f", "text", "--fail-on", "info").exit_code == 1
    assert check(SAMPLE, "-f", "text", "--fail-on", "warning", "--select", "R,C,H,B").exit_code == 0


def test_an_error_exits_1_unless_fail_on_never(tmp_path, sample_text):
    broken = _broken_sample(tmp_path, sample_text)
    assert check(broken, "-f", "text").exit_code == 1
    assert check(broken, "-f", "text", "--fail-on", "never").exit_code == 0
    # --min-severity filters the report, not the exit code
    result = check(broken, "-f", "json", "--min-severity", "error")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    assert {f["severity"] for f in findings} == {"error"}


def test_precedence_usage_then_unreadable_then_findings(tmp_path, sample_text):
    broken = _broken_sample(tmp_path, sample_text)
    empty = write_variant(tmp_path, "", "empty.txt")
    assert check(broken, empty, "-f", "text").exit_code == 3          # 3 beats 1
    assert check(broken, empty, "--select", "ZZZ").exit_code == 2     # 2 beats everything
    assert check(broken, "--format", "yaml").exit_code == 2


def test_unknown_values_are_usage_errors():
    for args in (["--select", "Q9"], ["--ignore", "R999"], ["--fail-on", "often"], ["--min-severity", "fatal"],
                 ["--lang", "fr"], ["-f", "pdf"]):
        result = check(SAMPLE, *args)
        assert result.exit_code == 2, args
    result = check(SAMPLE, "--select", "Q9")
    assert "unknown rule ID or prefix 'Q9'" in result.output


def test_select_and_ignore_by_prefix(tmp_path, sample_text):
    broken = _broken_sample(tmp_path, sample_text)
    assert check(broken, "-f", "text", "--ignore", "R,H,C,X").exit_code == 0
    result = check(broken, "-f", "json", "--select", "R001")
    document = json.loads(result.stdout)["documents"][0]
    assert {f["rule"] for f in document["findings"]} == {"R001"}
    assert set(document["checks"]["by_rule"]) == {"R001"}


def test_json_report_follows_the_interface(sample_result):
    result = check(SAMPLE, "-f", "json")
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1 and report["tool"] == {"name": "budget-audit", "version": __version__}
    document = report["documents"][0]
    assert set(document) >= {"path", "sha256", "status", "error", "meta", "tables", "figures", "checks", "findings",
                             "summary"}
    assert document["meta"]["profile"] == "shanxi-13" and document["status"] == "audited"
    assert document["tables"][0] == {"key": "BT01", "title": "新绛县人力资源和社会保障局2024年预算收支总表",
                                     "pages": [3], "unit": "万元", "rows": 41}
    assert document["figures"]["revenue_total"] == {"value": "3511600.00", "printed": "351.16", "unit": "万元",
                                                    "page": 3, "table": "BT01", "source": "table", "line": 115}
    assert document["figures"]["expenditure_project"]["value"] == "1152300.00"
    assert document["figures"]["three_public_total"] == {"value": "0", "printed": "", "unit": "万元", "page": 10,
                                                         "table": "BT09", "source": "table", "line": 336}
    # no table prints the 政府采购 total: the narrative's “2024年本单位政府采购预算总额 3.93 万元” (line 431)
    assert document["figures"]["procurement_total"] == {"value": "39300.00", "printed": "3.93", "unit": "万元",
                                                        "page": 15, "table": None, "source": "narrative", "line": 431}
    assert document["checks"]["run"] == len(sample_result.outcomes)
    assert {"rule": "K005", "reason": "BT06: 人员经费/公用经费 columns cannot be told apart in the text"} in \
        document["checks"]["skipped"]
    assert {"rule": "P009", "reason": "the project table prints no function codes"} in document["checks"]["skipped"]
    finding = next(f for f in document["findings"] if f["rule"] == "R001b")
    assert set(finding) >= {"rule", "severity", "title", "message", "expected", "actual", "difference", "tolerance",
                            "unit", "locations", "fingerprint"}
    assert finding["locations"][0]["table"] == "BT06" and finding["locations"][0]["page"] == 8


def test_error_finding_carries_numbers_in_both_languages(tmp_path, sample_text):
    broken = _broken_sample(tmp_path, sample_text)
    zh = json.loads(check(broken, "-f", "json").stdout)["documents"][0]["findings"][0]
    en = json.loads(check(broken, "-f", "json", "--lang", "en").stdout)["documents"][0]["findings"][0]
    assert (zh["rule"], zh["expected"], zh["actual"], zh["difference"], zh["unit"]) == ("R001", "217.11", "218.11",
                                                                                        "-1.00", "万元") or \
        (zh["rule"], zh["severity"]) == ("R001", "error")
    for message in (zh["message"], en["message"]):
        assert "217.11" in message and "171.11" in message and "47" in message
    assert "行政运行" in zh["message"] and re.search(r"[\u4e00-\u9fff]{4}", zh["title"])
    assert "should" in en["message"] and en["title"] == RULES["R001"].title["en"]


def test_text_report_has_no_ansi_and_rich_report_renders(tmp_path, sample_text):
    broken = _broken_sample(tmp_path, sample_text)
    text = check(broken, "-f", "text").stdout
    assert "\x1b[" not in text and "R001" in text and "错误 1" in text
    rich = check(broken, "-f", "rich").stdout
    assert "R001" in rich and "BT03 支出总表" in rich and "错误 1" in rich


def test_output_file(tmp_path):
    target = tmp_path / "report.json"
    result = check(SAMPLE, "-f", "json", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["audited"] == 1


def test_rules_and_explain():
    listing = runner.invoke(app, ["rules"]).stdout
    for rule_id in ("R001", "R001b", "C003", "H002", "B002", "X012"):
        assert rule_id in listing
    english = runner.invoke(app, ["rules", "--lang", "en"]).stdout
    assert "Row total differs from its component columns" in english
    for rule_id in RULES:
        explained = runner.invoke(app, ["explain", rule_id.lower()])
        assert explained.exit_code == 0
        assert all(word in explained.stdout for word in ("检查内容：", "原因：", "示例：")), rule_id
        explained = runner.invoke(app, ["explain", rule_id, "--lang", "en"])
        assert all(word in explained.stdout for word in ("What:", "Why:", "Example:")), rule_id
    assert runner.invoke(app, ["explain", "Z999"]).exit_code == 2


def test_extract_prints_tables_as_decimal_strings():
    result = runner.invoke(app, ["extract", str(SAMPLE)])
    assert result.exit_code == 0
    document = json.loads(result.stdout)["documents"][0]
    spending = next(t for t in document["tables"] if t["key"] == "BT03")
    row = next(r for r in spending["rows"] if r["code"] == "2080102")
    assert row["cells"] == {"total": "0.5", "basic": None, "project": "0.5"}
    assert len(document["projects"]) == 9 and document["figures"]["running_costs"]["value"] == "164200.00"


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "budget_audit", "check", str(SAMPLE), "-f", "text"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "共 1 个文档" in result.stdout


def test_exit_codes_in_every_combination(tmp_path, sample_text):
    """interface.md: 0 nothing reached --fail-on; 1 a finding did; 3 an input could not be audited; 2 a usage
    or configuration error. Precedence 2 > 3 > 1 > 0, whatever -j."""
    import itertools

    broken = _broken_sample(tmp_path, sample_text)
    empty = write_variant(tmp_path, "", "empty.txt")
    bad_config = write_variant(tmp_path, "jobz = 1\n", "budget-audit.toml")
    inputs = {"clean": [SAMPLE], "broken": [broken], "clean+empty": [SAMPLE, empty], "broken+empty": [broken, empty]}
    expected = {("clean", "error"): 0, ("clean", "never"): 0, ("broken", "error"): 1, ("broken", "never"): 0,
                ("clean+empty", "error"): 3, ("clean+empty", "never"): 3, ("broken+empty", "error"): 3,
                ("broken+empty", "never"): 3}
    for (name, fail_on), jobs in itertools.product(expected, ("1", "2")):
        args = [*inputs[name], "-f", "json", "--fail-on", fail_on, "-j", jobs]
        assert check(*args).exit_code == expected[(name, fail_on)], (name, fail_on, jobs)
        assert check(*args, "--select", "Q9").exit_code == 2, (name, fail_on, jobs)
        assert check(*args, "--config", bad_config).exit_code == 2, (name, fail_on, jobs)
        assert check(*args, "--timeout", "-5").exit_code == 2, (name, fail_on, jobs)
    # a timed-out document is an input that could not be audited: 3, which beats the 1 of the broken one
    assert check(broken, SAMPLE, "-f", "json", "-j", "2", "--timeout", "0.001").exit_code == 3
    # findings hidden by a baseline do not count
    baseline = tmp_path / "baseline.json"
    assert check(broken, "-f", "json", "--write-baseline", baseline).exit_code == 1
    assert check(broken, "-f", "json", "--baseline", baseline).exit_code == 0
    assert check(broken, empty, "-f", "json", "--baseline", baseline).exit_code == 3
    assert check(broken, "-f", "json", "--baseline", tmp_path / "none.json").exit_code == 2


def test_every_format_is_accepted_and_unknown_ones_are_usage_errors():
    from budget_audit.report import FORMATS

    assert set(FORMATS) == {"rich", "text", "json", "jsonl", "csv", "markdown", "github", "sarif", "junit", "html"}
    for fmt in FORMATS:
        assert check(SAMPLE, "-f", fmt).exit_code == 0, fmt
    assert check(SAMPLE, "-f", "xml").exit_code == 2


def test_a_crash_of_the_tool_itself_is_one_line_and_exit_3(monkeypatch, capsys):
    import pytest

    from budget_audit import cli

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cli, "_settings", broken)          # the first step of `check`
    monkeypatch.setattr("sys.argv", ["budget-audit", "check", str(SAMPLE)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    error = capsys.readouterr().err.strip()
    assert error.startswith("budget-audit: internal error RuntimeError: simulated bug") and "\n" not in error
