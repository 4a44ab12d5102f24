"""The text-dump reader and the recogniser on what real dumps contain."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from budget_audit import model as m
from budget_audit.audit import audit_path
from budget_audit.money import parse_amount
from budget_audit.read import read_document
from budget_audit.read.normalise import normalise_text
from budget_audit.recognise import recognise
from tests.conftest import write_variant

# A 支出总表 as dumps print it: ordinal heading, title wrapped over two lines, "单位:元", a three-row header,
# full-width digits and punctuation, thousands separators, dash cells, a TOC entry that is not a table.
DUMP = """某某市某某局
２０２５年部门预算

目　录
一、2025年部门支出总表\t5
二、部门预算情况说明\t6

一、2025年部门支出总表
某某市某某局２０２５年部门支出
总表

金额单位:元
科目编码\t科目名称\t本年支出\t\t
\t\t合计\t基本支出\t项目支出
\t\t1\t2\t3
201\t一般公共服务支出\t１，２３４，５６７．８９\t1,000,000.00\t234,567.89
20101\t人大事务\t1,234,567.89\t1,000,000.00\t234,567.89
2010101\t行政运行\t1,000,000.00\t1,000,000.00\t—
2010102\t一般行政管理事务\t234,567.89\t-\t234,567.89
\t合 计\t1,234,567.89\t1,000,000.00\t234,567.89

二、部门预算情况说明
本部门2025年支出预算1,234,567.89元，其中基本支出1,000,000.00元。
"""


@pytest.fixture
def dump(tmp_path):
    return write_variant(tmp_path, DUMP, "dump.txt")


def test_normalisation():
    assert normalise_text("一般公共 预算") == "一般公共预算"
    assert normalise_text("２０２４ 年") == "2024年"
    assert normalise_text("１，２３４．５") == "1,234.5"
    assert normalise_text("部\u2ed4预算") == "部门预算"
    assert normalise_text("①购置费") == "(1)购置费"


@pytest.mark.parametrize("text,value", [("27,300", D("27300")), ("0.5", D("0.5")), ("38.50", D("38.50")),
                                        ("-", None), ("—", None), ("", None), ("-12.30", D("-12.30"))])
def test_amounts_keep_printed_precision(text, value):
    parsed = parse_amount(text)
    assert parsed == value and (parsed is None or str(parsed) == text.replace(",", ""))


def test_a_wrapped_title_three_header_rows_and_odd_cells(dump):
    disclosure = recognise(read_document(dump))
    assert list(disclosure.tables) == ["BT03"]
    table = disclosure.tables["BT03"]
    assert table.title == "某某市某某局2025年部门支出总表" and table.unit == "元" and table.pages == [5]
    assert [c.role for c in table.columns] == ["code", "name", m.TOTAL, m.BASIC, m.PROJECT]
    rows = {row.code or row.label: row for row in table.rows}
    assert rows["201"].cells[m.TOTAL].value == D("1234567.89")
    assert rows["2010101"].cells[m.PROJECT].blank and rows["2010101"].cells[m.PROJECT].text == "—"
    assert rows["合计"].kind == m.TOTAL_ROW
    assert [entry.title for entry in disclosure.toc] == ["一、2025年部门支出总表", "二、部门预算情况说明"]
    assert disclosure.meta.year == 2025 and disclosure.meta.level == "department"


def test_the_synthetic_table_adds_up(dump):
    result = audit_path(dump)
    assert result.status == "audited"
    assert [f for f in result.findings if f.rule[0] in "RCH"] == []   # (a lone 支出总表 misses other tables: S001)
    assert {o.rule for o in result.outcomes} == {"R001", "C001", "H001", "N001"}
    assert all(o.status == "pass" for o in result.outcomes)
    assert all(o.unit == "元" for o in result.outcomes if o.rule != "N001")


def _with(dump_text: str, old: str, new: str) -> str:
    assert old in dump_text
    return dump_text.replace(old, new, 1)


def test_a_rounding_sized_gap_is_info_and_a_larger_one_an_error(tmp_path, sample_text):
    # 支出总表 2080101: 合计 = 基本 171.11 + 项目 46 (k = 2, TOL_SUM = 0.01). The document states 尾差, so no exact-mode.
    stated = sample_text.replace("无其他需要说明的事项。", "因四舍五入原因，部分合计数与各分项之和存在尾差。", 1)
    one = stated.replace("2080101\t行政运行\t217.11\t171.11\t46", "2080101\t行政运行\t217.12\t171.11\t46", 1)
    result = audit_path(write_variant(tmp_path, one, "one.txt"))
    r001 = [f for f in result.findings if f.rule == "R001"]
    assert [(f.severity, f.rounding, f.difference, f.tolerance) for f in r001] == [
        (m.Severity.INFO, True, D("0.01"), D("0.01"))]
    assert all(f.severity == m.Severity.INFO for f in result.findings if f.rounding)
    two = stated.replace("2080101\t行政运行\t217.11\t171.11\t46", "2080101\t行政运行\t217.13\t171.11\t46", 1)
    result = audit_path(write_variant(tmp_path, two, "two.txt"))
    r001 = [f for f in result.findings if f.rule == "R001"]
    assert [(f.severity, f.difference, f.tolerance) for f in r001] == [(m.Severity.ERROR, D("0.02"), D("0.01"))]


def test_a_single_component_must_equal_its_total_exactly(tmp_path):
    text = _with(DUMP, "2010101\t行政运行\t1,000,000.00\t1,000,000.00", "2010101\t行政运行\t1,000,000.01\t1,000,000.00")
    result = audit_path(write_variant(tmp_path, text, "k1.txt"))
    r001 = [f for f in result.findings if f.rule == "R001"]
    assert [(f.severity, f.tolerance) for f in r001] == [(m.Severity.ERROR, D("0.00"))]


def test_the_putuo_pattern_total_equals_basic_while_project_is_printed(tmp_path):
    # 上海市普陀区司法局 2026 单位预算, 行政运行: 合计 = 基本支出 while 项目支出 is printed too
    text = _with(DUMP, "2010101\t行政运行\t1,000,000.00\t1,000,000.00\t—",
                 "2010101\t行政运行\t1,000,000.00\t1,000,000.00\t64,840,547.00")
    result = audit_path(write_variant(tmp_path, text, "putuo.txt"))
    errors = [f for f in result.findings if f.severity == m.Severity.ERROR]
    assert len(errors) == 1
    r001 = errors[0]
    assert r001.rule == "R001" and r001.related == ["H001"] and "ROOT_CAUSE" in r001.tags
    # the 人大事务 subtotal agrees with 基本支出, so the stray 项目支出 cell is the one that is wrong
    assert (r001.locations[0].row, r001.locations[0].column) == ("行政运行", "本年支出/项目支出")
    assert (r001.actual, r001.expected, r001.difference) == (D("64840547.00"), D("0.00"), D("64840547.00"))
    assert "1,000,000.00" in r001.text("zh") and "64,840,547.00" in r001.text("zh")


def test_exact_mode_escalates_a_rounding_gap(tmp_path, sample_text):
    # 2080102 项目支出 0.5 → 0.51 in 支出总表: a one-unit gap where every other identity is exact
    text = sample_text.replace("2080102\t一般行政管理事务\t0.5\t\t0.5", "2080102\t一般行政管理事务\t0.5\t\t0.51", 1)
    result = audit_path(write_variant(tmp_path, text, "exact.txt"))
    assert result.exact_mode
    flagged = [f for f in result.findings if f.rounding]
    assert flagged and all(f.severity == m.Severity.WARNING and "EXACT_MODE" in f.tags for f in flagged)
    # a document that says its totals may differ by 尾差 is never in exact-mode
    stated = text.replace("无其他需要说明的事项。", "因四舍五入原因，部分合计数与各分项之和存在尾差。", 1)
    result = audit_path(write_variant(tmp_path, stated, "stated.txt"))
    assert not result.exact_mode
    assert all(f.severity == m.Severity.INFO for f in result.findings if f.rounding)


def test_unrecognised_tables_are_reported_not_dropped(tmp_path):
    text = DUMP + "\n附表：人员情况表说明\n类别\t人数\n在职\t12\n退休\t3\n"
    result = audit_path(write_variant(tmp_path, text, "extra.txt"))
    notes = [f for f in result.findings if f.rule == "S001" and "人员情况表说明" in f.text("zh")]
    assert len(notes) == 1 and notes[0].severity == m.Severity.INFO
