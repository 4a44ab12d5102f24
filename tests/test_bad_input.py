"""Bad input never crashes and never silently passes: a clear one-line reason, exit code 3 (2 for
usage), and the other documents of the run are still audited."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from budget_audit.audit import audit_path
from budget_audit.cli import app
from tests.conftest import SAMPLE, write_variant

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, ["check", *map(str, args), "--format", "json"])


def _failure(path):
    result = audit_path(path)
    assert result.status == "failed"
    assert "\n" not in result.error.message
    return result.error


def test_empty_file(tmp_path):
    error = _failure(write_variant(tmp_path, "", "empty.txt"))
    assert (error.code, error.message.endswith("empty file")) == ("unreadable", True)


def test_binary_garbage(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 40)
    error = _failure(path)
    assert error.code == "unreadable" and "binary" in error.message


def test_text_that_is_not_a_budget_disclosure(tmp_path):
    text = "今天天气很好。\n我们去公园散步，看到很多人在跑步。\n晚上吃了饺子。\n" * 20
    error = _failure(write_variant(tmp_path, text, "diary.txt"))
    assert error.code == "not_a_disclosure"


def test_truncated_in_the_middle_of_a_table(tmp_path, sample_text):
    cut = sample_text.index("2080501\t行政单位离退休\t17.91\t15.18")   # inside the 支出总表 (BT03)
    error = _failure(write_variant(tmp_path, sample_text[:cut], "truncated.txt"))
    assert error.code == "unreadable"
    assert "truncated" in error.message and "BT03" in error.message


def test_truncated_in_the_project_table_whose_total_comes_first(tmp_path, sample_text):
    cut = sample_text.index("2024 年公开招聘工作经费")
    error = _failure(write_variant(tmp_path, sample_text[:cut], "truncated.txt"))
    assert "BT11" in error.message


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_other_encodings_audit_like_the_original(tmp_path, sample_text, sample_result, encoding):
    result = audit_path(write_variant(tmp_path, sample_text, f"sample-{encoding}.txt", encoding))
    assert result.status == "audited"
    assert len(result.disclosure.tables) == 13
    assert [f.fingerprint for f in result.findings] == [f.fingerprint for f in sample_result.findings]
    assert len(result.outcomes) == len(sample_result.outcomes)


def test_missing_file_and_empty_directory_fail_but_the_rest_is_audited(tmp_path):
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    (empty_dir / "notes.md").write_text("not an input")
    result = _run(tmp_path / "missing.txt", empty_dir, SAMPLE)
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    statuses = [(d["status"], d["error"] and d["error"]["code"]) for d in report["documents"]]
    assert statuses == [("failed", "unreadable"), ("failed", "unreadable"), ("audited", None)]
    assert "no such file" in report["documents"][0]["error"]["message"]
    assert "no .pdf or .txt files" in report["documents"][1]["error"]["message"]
    summary = report["summary"]
    assert (summary["documents"], summary["audited"], summary["failed"], summary["error"]) == (3, 1, 2, 0)
    assert summary["warning"] == report["documents"][2]["summary"]["warning"] > 0


def test_text_report_gives_one_line_per_failure(tmp_path):
    result = runner.invoke(app, ["check", str(write_variant(tmp_path, "", "empty.txt")), str(SAMPLE), "--format", "text"])
    assert result.exit_code == 3
    lines = [line for line in result.stdout.splitlines() if "unreadable" in line]
    assert len(lines) == 1 and "empty file" in lines[0]
    assert "识别表格 13 张" in result.stdout
