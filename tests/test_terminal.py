"""The terminal report (`-f text`, `-f rich`): lines fit COLUMNS in display columns, findings by severity and
size of the gap, each number printed once."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner
from wcwidth import wcswidth

from budget_audit import model as m
from budget_audit.cli import app
from budget_audit.report.view import Report, states_its_numbers
from budget_audit.report.wrap import wrap
from conftest import SAMPLE, write_variant

runner = CliRunner()
BROKEN_ROW = ("2080101\t行政运行\t217.11\t171.11\t46\n", "2080101\t行政运行\t217.11\t171.11\t47\n")
SIFA_2026 = "shanghai_putuo_govbudgetchecker/doc_check_2026/上海市普陀区司法局2026年单位预算.pdf"


def _text_report(*paths, columns: int = 80, lang: str = "zh") -> str:
    result = runner.invoke(app, ["check", *map(str, paths), "-f", "text", "--lang", lang],
                           env={"COLUMNS": str(columns)})
    assert result.exit_code in (0, 1, 3), result.output
    return result.stdout


def _widest(text: str) -> int:
    return max(wcswidth(line) for line in text.splitlines())


@pytest.mark.parametrize("columns", [80, 120])
def test_no_line_is_wider_than_columns(tmp_path, sample_text, columns):
    broken = write_variant(tmp_path, sample_text.replace(*BROKEN_ROW, 1), "broken.txt")
    long_name = write_variant(tmp_path, "", "某某市某某区某某局" * 6 + ".txt")      # a failure with a long path
    for lang in ("zh", "en"):
        report = _text_report(SAMPLE, broken, long_name, tmp_path / "missing.pdf", columns=columns, lang=lang)
        assert "R001" in report and "汇总" in report if lang == "zh" else "Summary" in report
        assert _widest(report) <= columns
        assert not any(line != line.rstrip() for line in report.splitlines())


def test_real_documents_fit_80_columns(corpus):
    report = _text_report(corpus / SIFA_2026, corpus / "cities_renwu", columns=80)
    assert _widest(report) <= 80


def test_findings_by_severity_then_gap_in_yuan(corpus):
    report = _text_report(corpus / SIFA_2026, columns=200)
    gaps = [Decimal(gap.replace(",", "")) for gap in re.findall(r"差额 (-?[\d,.]+) ?元", report)]
    assert gaps[0] == Decimal("64840547.00") and abs(gaps[-1]) == Decimal("0.34")
    severities = [line.split()[0] for line in report.splitlines() if re.match(r"(错误|警告|提示) ", line)]
    ranks = [("错误", "警告", "提示").index(word) for word in severities]
    assert ranks == sorted(ranks)


def test_numbers_are_printed_once_with_their_unit(tmp_path, sample_text):
    broken = write_variant(tmp_path, sample_text.replace(*BROKEN_ROW, 1), "broken.txt")
    report = _text_report(broken, columns=200)
    assert "（应为" not in report and "容差 万元" not in report
    finding = m.Finding(rule="R001", severity=m.Severity.ERROR, message={"zh": "合计与各项之和不符"}, locations=[],
                        expected=Decimal("1234.5"), actual=Decimal("1235.5"), difference=Decimal("-1"),
                        tolerance=None, unit="万元")
    assert not states_its_numbers(finding, "zh")
    assert Report(results=[]).numbers_text(finding) == "应为 1,234.5 万元，实为 1,235.5 万元，差额 -1 万元"


def test_batch_summary_shows_paths_relative_to_the_run(tmp_path, sample_text):
    folder = tmp_path / "2024"
    folder.mkdir()
    write_variant(folder, sample_text, "a.txt")
    write_variant(folder, sample_text.replace(*BROKEN_ROW, 1), "b.txt")
    report = _text_report(folder, columns=120)
    summary = report[report.index("汇总"):]
    assert f"（{folder}）" in summary.splitlines()[0]
    assert re.search(r"^a\.txt ", summary, re.M) and str(tmp_path) not in "\n".join(summary.splitlines()[1:])


def test_an_unknown_unit_prints_no_question_marks(sample_text, tmp_path):
    anonymous = write_variant(tmp_path, sample_text.replace("新绛县人力资源和社会保障局", "本单位"), "anon.txt")
    assert "? ?" not in _text_report(anonymous)


def test_wrap_breaks_chinese_anywhere_but_keeps_numbers_and_punctuation():
    lines = wrap("项目支出表 38.50 万元，绩效目标表年度资金总额 20,000 元（= 2.00 万元）", 20)
    assert all(wcswidth(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == "项目支出表38.50万元，绩效目标表年度资金总额20,000元（=2.00万元）"
    assert not any(line.startswith(("，", "）")) or line.endswith("（") for line in lines)
    assert any("38.50" in line for line in lines) and any("20,000" in line for line in lines)
