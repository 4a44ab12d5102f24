"""Help, `rules`, `explain` and failure reasons in Chinese by default; English with --lang en or
BUDGET_AUDIT_LANG=en; -h is --help."""
from __future__ import annotations

import os
import subprocess
import sys

import typer.main
from typer.testing import CliRunner

from budget_audit.cli import app
from budget_audit.cli_help import ZH, help_language, help_texts
from conftest import write_variant

runner = CliRunner()


def _cli(*args: str, lang_env: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "BUDGET_AUDIT_LANG"}
    if lang_env:
        env["BUDGET_AUDIT_LANG"] = lang_env
    return subprocess.run([sys.executable, "-m", "budget_audit", *args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_every_help_text_has_its_chinese():
    missing = [text for text in help_texts(typer.main.get_command(app)) if text not in ZH]
    assert not missing, f"add to budget_audit/cli_help.py ZH: {missing}"


def test_help_is_chinese_by_default_and_english_on_request():
    chinese = _cli("-h")
    assert chinese.returncode == 0 and "审核一个或多个公开文件。" in chinese.stdout and "显示本帮助并退出。" in chinese.stdout
    check = _cli("check", "-h")
    assert "把报告写入此文件。" in check.stdout
    for english in (_cli("check", "--lang", "en", "-h"), _cli("check", "--help", lang_env="en")):
        assert "Write the report to this file." in english.stdout and "把报告" not in english.stdout


def test_the_help_language_comes_from_the_arguments_then_the_environment():
    assert help_language(["check", "--lang=en", "-h"], {}) == "en"
    assert help_language(["check", "--lang", "zh"], {"BUDGET_AUDIT_LANG": "en"}) == "zh"
    assert help_language(["rules"], {"BUDGET_AUDIT_LANG": "en"}) == "en"
    assert help_language(["rules"], {"BUDGET_AUDIT_LANG": "fr"}) == "zh"


def test_rules_and_explain_follow_the_environment():
    assert "行合计不等于各组成列之和" in _cli("rules").stdout
    assert "Row total differs from its component columns" in _cli("rules", lang_env="en").stdout
    assert "What:" in _cli("explain", "R001", lang_env="en").stdout
    assert "检查内容：" in _cli("explain", "R001").stdout


def test_failure_reasons_in_the_report_language(tmp_path):
    empty = write_variant(tmp_path, "", "empty.txt")
    chinese = runner.invoke(app, ["check", str(empty), "-f", "text"]).stdout
    assert "无法审核 [unreadable]：文件无法读取：empty file" in chinese
    english = runner.invoke(app, ["check", str(empty), "-f", "text"], env={"BUDGET_AUDIT_LANG": "en"}).stdout
    assert "not audited [unreadable]: empty file" in english
