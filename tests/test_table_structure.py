"""Table structure read from the layout, not from a word list: the header is everything above the first line
of data; preamble lines (preparer, unit) are not column headings; numbered income rows nest by the order
their numbering styles appear; a project list printed as a tree is read as one; a second and third view of
the expenditure beside the first is set aside. Each case is rendered as a ruled PDF table."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from budget_audit import model as m
from budget_audit.audit import audit_path
from tests.pdfgen import ruled_table, write_pdf


def audit_table(tmp_path, title, header, rows, **kw):
    return audit_path(write_pdf(tmp_path, [ruled_table(title, header, rows, **kw)]))


def errors(result):
    return [(f.rule, f.locations[0].row, f.actual, f.expected) for f in result.findings if f.severity == m.Severity.ERROR]


SPENDING_HEADER = [("科目编码", "科目名称", "合计", "基本支出", "项目支出", "备注"), ("**", "**", "1", "2", "3", "")]
SPENDING = [("", "合计", "30.00", "20.00", "10.00", ""),
            ("208", "社会保障和就业支出", "30.00", "20.00", "10.00", ""),
            ("20805", "行政事业单位养老支出", "30.00", "20.00", "10.00", "含职业年金"),
            ("2080501", "行政单位离退休", "12.00", "12.00", "", ""),
            ("2080505", "机关事业单位基本养老保险缴费支出", "18.00", "8.00", "10.00", "")]


def test_header_words_outside_the_vocabulary_and_a_preamble_line(tmp_path):
    """备注 heads a column of remarks; 606-某某局 | 单位:万元 above the table names the preparer."""
    result = audit_table(tmp_path, "支出总表", SPENDING_HEADER, SPENDING, above=("606-某某局", "单位:万元"),
                         widths=[50, 150, 50, 50, 50, 60])
    table = result.disclosure.tables["BT03"]
    assert [c.role for c in table.columns] == ["code", "name", m.TOTAL, m.BASIC, m.PROJECT, "info"]
    assert table.layout_issues == [] and table.unit == "万元"
    assert [row.code for row in table.rows if row.kind == m.ITEM] == ["208", "20805", "2080501", "2080505"]
    assert errors(result) == []
    assert {o.rule for o in result.outcomes} >= {"C001", "H001", "R001"}


def test_a_changed_amount_under_that_header_is_found(tmp_path):
    rows = [row if row[0] != "2080501" else ("2080501", "行政单位离退休", "13.00", "13.00", "", "") for row in SPENDING]
    result = audit_table(tmp_path, "支出总表", SPENDING_HEADER, rows, above=("606-某某局", "单位:万元"),
                         widths=[50, 150, 50, 50, 50, 60])
    assert ("H001", "行政事业单位养老支出", D("30.00"), D("31.00")) in errors(result)


SUMMARY_HEADER = [("收入", "", "支出", ""), ("项目", "预算数", "项目", "预算数")]


def _summary(general="30.00"):
    return [("一、部门预算", "40.00", "一、一般公共服务支出", "40.00"),
            ("1、财政拨款", "30.00", "", ""),
            ("(1)一般公共预算拨款", general, "", ""),
            ("其中:专项资金列入部门预算的项目", "5.00", "", ""),
            ("2、其他收入", "10.00", "", ""),
            ("本年收入合计", "40.00", "本年支出合计", "40.00"),
            ("上年实户资金余额", "2.00", "结转下年", "2.00"),
            ("收入总计", "42.00", "支出总计", "42.00")]


def test_income_rows_nest_by_their_numbering(tmp_path):
    """Xi'an: 一、 above 1、 above (1); 其中 is a part, never added; a line between 本年收入合计 and 收入总计 is."""
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, _summary(), widths=[150, 60, 150, 60])
    income = [(row.label, row.level) for row in result.disclosure.tables["BT01"].rows
              if row.side == m.INCOME and row.kind == m.ITEM]
    assert income == [("部门预算", None), ("财政拨款", "sub"), ("一般公共预算拨款", "sub2"),
                      ("其中:专项资金列入部门预算的项目", "memo"), ("其他收入", "sub")]
    beside = [row.label for row in result.disclosure.tables["BT01"].rows if row.kind == m.SURPLUS_USE_ROW]
    assert beside == ["上年实户资金余额"]
    assert errors(result) == []
    sums = {(o.rule, o.left.row): o.expected for o in result.outcomes if o.rule in ("C002", "B002")}
    assert sums[("C002", "一、部门预算")] == D("40.00") and sums[("C002", "1、财政拨款")] == D("30.00")
    assert sums[("B002", "收入总计")] == D("42.00")


def test_a_wrong_sub_row_breaks_its_own_parent(tmp_path):
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, _summary(general="31.00"), widths=[150, 60, 150, 60])
    assert errors(result) == [("C002", "1、财政拨款", D("30.00"), D("31.00"))]


PROJECT_HEADER = [("单位编码", "单位(项目)名称", "项目金额")]


def _projects(affairs="2.00"):
    return [("合计", "", "8.00"), ("117", "某某局", "8.00"), ("117001", "某某局(本级)", "8.00"),
            ("", "通用项目", "5.00"), ("", "大型活动", "1.00"), ("", "审计培训", "1.00"),
            ("", "购买服务", "4.00"), ("", "购买中介机构服务", "4.00"),
            ("", "专用项目", "3.00"), ("", "审计事务", affairs), ("", "审计专项补助经费", "1.00")]


def test_a_project_list_printed_as_a_tree(tmp_path):
    result = audit_table(tmp_path, "项目支出表", PROJECT_HEADER, _projects(), widths=[60, 200, 80])
    rows = result.disclosure.tables["BT11"].rows
    groups = [(row.label, row.depth) for row in rows if row.kind == m.UNIT_TOTAL_ROW]
    assert groups == [("某某局", 3), ("某某局(本级)", 6), ("通用项目", 7), ("大型活动", 8), ("购买服务", 8),
                      ("专用项目", 7)]   # nested under the unit they stand in
    assert [row.label for row in rows if row.kind == m.ITEM] == [
        "审计培训", "购买中介机构服务", "审计事务", "审计专项补助经费"]
    assert errors(result) == []
    checked = {(o.rule, o.left.row) for o in result.outcomes if o.status == "pass"}
    assert {("C003", "合计"), ("C004", "通用项目"), ("C004", "某某局(本级)"), ("C004", "某某局")} <= checked


def test_a_wrong_project_in_the_tree_is_found(tmp_path):
    result = audit_table(tmp_path, "项目支出表", PROJECT_HEADER, _projects(affairs="2.50"), widths=[60, 200, 80])
    assert result.disclosure.tables["BT11"].rows[-2].kind == m.ITEM   # no tree fits: read as a flat list
    assert errors(result) and {rule for rule, *_ in errors(result)} <= {"C003", "C004"}


def test_alternative_views_of_the_expenditure_are_set_aside(tmp_path):
    header = [("收入", "", "支出", "", "", ""),
              ("项目", "预算数", "支出功能分类科目", "预算数", "部门预算支出经济分类科目", "预算数")]
    rows = [("一、一般公共预算拨款", "40.00", "一、一般公共服务支出", "30.00", "一、工资福利支出", "25.00"),
            ("", "", "二、教育支出", "10.00", "二、商品和服务支出", "15.00"),
            ("本年收入合计", "40.00", "本年支出合计", "40.00", "本年支出合计", "40.00")]
    result = audit_table(tmp_path, "收支总表", header, rows, widths=[120, 50, 120, 50, 120, 50])
    table = result.disclosure.tables["BT01"]
    assert [c.role for c in table.columns][4:] == ["other_view", "other_view"] and table.layout_issues == []
    classes = [row.code for row in table.rows if row.side == m.EXPENDITURE and row.kind == m.ITEM]
    assert classes == ["201", "205"]
    assert errors(result) == []


def test_target_sheets_written_for_groups_of_a_project_tree():
    """西安市公安局 2026: its 绩效目标表 are written for the groups of the project tree (办公场所租赁, 大型活动 …);
    the projects under a group with a sheet are covered, and only the projects under no sheet are named."""
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "train" / "xian" / "西安市公安局汇总_2026年部门预算.pdf"
    if not path.is_file():
        pytest.skip(f"train corpus not present: {path}")
    result = audit_path(path)
    unpaired = [f.locations[0].row for f in result.findings if f.rule == "S007"]
    assert len(unpaired) == 16 and "摩托车" in unpaired and "办公场所租赁" not in unpaired
    assert "反恐处突业务用房场地租赁" not in unpaired   # under the group 办公场所租赁, which has its sheet


def test_a_row_printed_twice_is_one_row_and_a_note(tmp_path):
    """无锡发改 2025: 21999 其他支出 502.00 printed twice (the second stands for its 项 2199999)."""
    rows = [("", "合计", "502.00", "", "502.00"), ("219", "援助其他地区支出", "502.00", "", "502.00"),
            ("21999", "其他支出", "502.00", "", "502.00"), ("21999", "其他支出", "502.00", "", "502.00")]
    result = audit_table(tmp_path, "支出总表", [("科目编码", "科目名称", "合计", "基本支出", "项目支出")], rows,
                         widths=[50, 150, 60, 60, 60])
    assert errors(result) == []
    notes = [f.message["zh"] for f in result.findings if f.rule == "H001"]
    assert notes == ["BT03 科目编码 21999 出现 2 次"]
    assert any(o.rule == "H001" and o.status == "pass" and o.expected == D("502.00") for o in result.outcomes)
