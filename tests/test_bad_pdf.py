"""Bad PDFs in a run: one clear line each, exit code 3, and the other documents still audited."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app
from tests.conftest import CORPUS, SAMPLE
from tests.pdfgen import PageSpec, make_pdf

runner = CliRunner()
SCANNED = CORPUS / "cities_renwu" / "negative_not_budget" / "长沙市公安局交通警察支队_2023年度专项资金绩效评价结果_扫描件.pdf"
REAL = CORPUS / "cities_renwu" / "杭州市气象局_2026年部门预算.pdf"


def _not_a_budget_page() -> PageSpec:
    page = PageSpec()
    page.text(60, 780, "会议通知", size=16)
    for i, sentence in enumerate(["兹定于下周三上午九点召开全体职工会议。", "请各科室负责人准时参加，不得缺席。",
                                  "会议地点：三楼会议室。"]):
        page.text(60, 740 - 20 * i, sentence)
    return page


@pytest.fixture
def bad_pdfs(tmp_path):
    files = {}
    files["empty.pdf"] = b""
    files["encrypted.pdf"] = make_pdf([_not_a_budget_page()], user_password="secret")
    files["notice.pdf"] = make_pdf([_not_a_budget_page()])
    files["renamed.pdf"] = "这不是PDF文件".encode("utf-8")
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    if REAL.is_file():
        data = REAL.read_bytes()
        paths["truncated.pdf"] = tmp_path / "truncated.pdf"
        paths["truncated.pdf"].write_bytes(data[: len(data) // 2])
    return paths


def _codes(report) -> dict[str, tuple[str, str | None]]:
    return {doc["path"].rsplit("/", 1)[-1]: (doc["status"], doc["error"] and doc["error"]["code"]) for doc in report["documents"]}


def test_each_bad_pdf_fails_with_its_own_code_and_the_rest_is_audited(bad_pdfs):
    result = runner.invoke(app, ["check", *map(str, bad_pdfs.values()), str(SAMPLE), "-f", "json"])
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    codes = _codes(report)
    assert codes["empty.pdf"] == ("failed", "unreadable")
    assert codes["encrypted.pdf"] == ("failed", "encrypted")
    assert codes["notice.pdf"] == ("failed", "not_a_disclosure")
    assert codes["renamed.pdf"] == ("failed", "unreadable")
    if "truncated.pdf" in bad_pdfs:
        assert codes["truncated.pdf"] == ("failed", "unreadable")
    assert codes[SAMPLE.name] == ("audited", None)
    for doc in report["documents"]:
        if doc["error"]:
            assert "\n" not in doc["error"]["message"] and doc["error"]["message"]


def test_the_scanned_negative_has_no_text_layer(corpus):
    result = runner.invoke(app, ["check", str(SCANNED), str(SAMPLE), "-f", "text"])
    assert result.exit_code == 3
    failure = [line for line in result.stdout.splitlines() if "no_text_layer" in line]
    assert len(failure) == 1 and "no text layer" in failure[0]
    assert "识别表格 13 张" in result.stdout


def test_a_real_pdf_is_audited_from_the_command_line(corpus):
    result = runner.invoke(app, ["check", str(REAL), "-f", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)["documents"][0]
    assert document["meta"]["unit"] == "杭州市气象局" and document["meta"]["year"] == 2026
    assert document["figures"]["revenue_total"] == {"value": "58766700.00", "printed": "5,876.67", "unit": "万元",
                                                    "page": 15, "table": "BT01", "source": "table", "line": 309}
    assert document["checks"]["run"] > 100
