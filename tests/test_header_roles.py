"""Column meaning from the header's words, each case rendered as a ruled PDF: 其他资金 and the balances of past
years are income sources; a generic 金额 under a source heads that source; a performance-target sheet's money
is its funding block, above the indicator grid whose 指标值 and 权重 are not money; a long list of units,
each heading its projects, is read as that tree."""
from __future__ import annotations

from decimal import Decimal as D

from budget_audit import model as m
from budget_audit.audit import audit_path
from budget_audit.recognise.groups import _heads_and_items
from tests.pdfgen import ruled_table, write_pdf
from tests.test_table_structure import audit_table, errors


def _roles(result, key):
    return [column.role for column in result.disclosure.tables[key].columns]


def test_other_funds_beside_the_fiscal_money_of_a_project_list(tmp_path):
    """Guangzhou 部门预算项目支出及其他支出预算表: 总计 = 财政拨款 + 财政专户拨款 + 其他资金."""
    header = [("支出项目类别(资金使用单位)", "总计", "财政拨款", "财政专户拨款", "其他资金")]
    rows = [("合计", "30.00", "20.00", "0.00", "10.00"),
            ("某某局业务经费", "18.00", "12.00", "0.00", "6.00"),
            ("某某局信息化项目", "12.00", "8.00", "0.00", "4.00")]
    result = audit_table(tmp_path, "项目支出表", header, rows, widths=[170, 60, 60, 70, 60])
    assert _roles(result, "BT11") == ["name", m.TOTAL, m.FISCAL, m.SPECIAL, m.OTHER]
    assert result.disclosure.tables["BT11"].layout_issues == [] and errors(result) == []
    wrong = [row if row[0] != "某某局信息化项目" else ("某某局信息化项目", "12.00", "8.00", "0.00", "5.00") for row in rows]
    result = audit_table(tmp_path, "项目支出表", header, wrong, widths=[170, 60, 60, 70, 60])
    assert errors(result) == [("R001", "某某局信息化项目", D("5.00"), D("4.00"))]   # the one cell that explains R001 and C003


def test_balances_of_past_years_are_income_sources(tmp_path):
    """Xi'an 部门综合预算收入总表: 用事业基金弥补收支差额 and 上年实户资金余额 are columns of the income."""
    header = [("单位名称", "合计", "一般公共预算拨款", "用事业基金弥补收支差额", "上年实户资金余额")]
    rows = [("合计", "943865000", "936647884.30", "0", "7217115.63"),
            ("西安市某某局", "943865000", "936647884.30", "0", "7217115.63")]
    result = audit_table(tmp_path, "部门综合预算收入总表", header, rows, widths=[110, 80, 100, 120, 100],
                         above=("单位：元",))
    assert _roles(result, "BT02") == ["name", m.TOTAL, m.GENERAL, m.BALANCE_USED, m.ACCOUNT_BALANCE]
    assert errors(result) == []   # 943864999.93, printed by the General format in a narrow cell as 943865000
    assert any(o.rule == "R001" and o.status == "rounding" for o in result.outcomes)


def test_a_shorter_round_figure_is_held_to_its_column(tmp_path):
    header = [("单位名称", "合计", "一般公共预算拨款", "上年实户资金余额")]
    rows = [("合计", "94386500", "93664788.30", "721711.63"), ("西安市某某局", "94386499.93", "93664788.30", "721711.63")]
    result = audit_table(tmp_path, "部门综合预算收入总表", header, rows, widths=[110, 80, 100, 100],
                         above=("单位：元",))
    assert ("R001", "合计", D("94386500"), D("94386499.93")) in errors(result)


def test_a_generic_amount_word_under_a_source_heads_that_source(tmp_path):
    """国家信访局 部门收入总表: 事业收入 | 金额, 其中:教育收费."""
    header = [("科目编码", "科目名称", "合计", "一般公共预算拨款收入", "事业收入", ""),
              ("", "", "", "", "金额", "其中:教育收费")]
    rows = [("", "合计", "50.00", "40.00", "10.00", "4.00"),
            ("201", "一般公共服务支出", "50.00", "40.00", "10.00", "4.00")]
    result = audit_table(tmp_path, "部门收入总表", header, rows, widths=[50, 110, 50, 90, 60, 80])
    assert _roles(result, "BT02") == ["code", "name", m.TOTAL, m.GENERAL, m.BUSINESS, "memo#6"]
    assert result.disclosure.tables["BT02"].layout_issues == [] and errors(result) == []


def test_a_target_sheet_states_its_money_above_the_indicator_grid(tmp_path):
    """西安 部门整体支出绩效目标表: tasks with 总额 | 财政拨款 | 其他资金, 金额合计, then the indicator grid reusing
    the same columns for 指标值 and 权重."""
    header = [("任务名称", "主要内容", "总额", "财政拨款", "其他资金")]
    rows = [("保障人员经费", "工资福利", "3455.78", "3455.78", "0"),
            ("保障单位日常运转", "公用经费", "214.33", "214.33", "0"),
            ("金额合计", "", "3670.11", "3670.11", "0"),
            ("一级指标", "二级指标", "三级指标", "指标值", "权重"),
            ("产出指标", "数量指标", "完成调查任务", "100", "20"),
            ("效益指标", "社会效益", "数据质量", "95", "30")]
    result = audit_table(tmp_path, "部门整体支出绩效目标表", header, rows, widths=[90, 90, 90, 70, 70],
                         above=("单位：元",))
    table = result.disclosure.tables["BT15"]
    assert table.layout_issues == []
    assert [row.label for row in table.rows] == ["保障人员经费", "保障单位日常运转", "金额合计"]
    assert errors(result) == []
    assert sum(o.rule == "R001" and o.status == "pass" for o in result.outcomes) == 3


def test_indicator_values_and_weights_are_not_money(tmp_path):
    """重庆 项目绩效目标表: 项目名称 | 当年财政拨款预算金额 | 指标名称 | 指标值 | 指标权重(%)."""
    header = [("项目名称", "当年财政拨款预算金额", "指标名称", "指标值", "指标权重(%)")]
    rows = [("气象事务", "4902.34", "观测站点数", "68", "12"), ("", "", "预报准确率", "90", "10")]
    result = audit_table(tmp_path, "项目绩效目标表", header, rows, widths=[80, 110, 90, 60, 70])
    assert _roles(result, "BT14") == ["name", m.TOTAL, "name", "info", "info"]
    assert result.disclosure.tables["BT14"].layout_issues == []


def test_units_heading_their_projects_within_rounding(tmp_path):
    """Guangzhou: 合计 = Σ units, each unit printed as the rounded sum of its projects (17.01 over 8.00 + 9.00)."""
    header = [("支出项目类别(资金使用单位)", "总计", "财政拨款")]
    rows = [("合计", "25.01", "25.01"), ("某某局", "17.01", "17.01"), ("业务经费", "8.00", "8.00"),
            ("信息化项目", "9.00", "9.00"), ("某某中心", "8.00", "8.00"), ("运行经费", "3.00", "3.00"),
            ("物业管理费", "5.00", "5.00")]
    result = audit_table(tmp_path, "项目支出表", header, rows, widths=[170, 60, 60])
    units = [row.label for row in result.disclosure.tables["BT11"].rows if row.kind == m.UNIT_TOTAL_ROW]
    assert units == ["某某局", "某某中心"]
    assert errors(result) == []


def test_a_list_too_long_to_search_is_read_as_heads_and_their_rows():
    """Guangzhou 卫健委 (527 rows): one pass; a unit printed 0.01 off the sum of its two projects still heads
    them, a row its followers pass (5.00 before 7.00) is a project of its own, and the reading stands only when
    the top level makes the 合计."""
    block = [D("20.01"), D("10.00"), D("10.00"), D("5.00"), D("7.00"), D("3.00"), D("4.00")]
    values = block * 200
    tree = _heads_and_items(values, D("32.01") * 200, D("0.01"))
    assert tree is not None and len(tree) == 600
    assert [(index, [child for child, _ in children]) for index, children in tree[:3]] == [
        (0, [1, 2]), (3, []), (4, [5, 6])]
    assert _heads_and_items(values, D("32.01") * 200 + 100, D("0.01")) is None


def test_the_income_table_counts_the_balance_the_summary_prints_beside_the_year(tmp_path):
    """Xi'an: 收支总表 本年收入合计 40.00 and 上年实户资金余额 2.00 below it; the 收入总表 合计 42.00 holds both."""
    summary = ruled_table("部门综合预算收支总表", [("收入", "", "支出", ""), ("项目", "预算数", "项目", "预算数")],
                          [("一、一般公共预算拨款", "40.00", "一、一般公共服务支出", "40.00"),
                           ("本年收入合计", "40.00", "本年支出合计", "40.00"),
                           ("上年实户资金余额", "2.00", "未安排支出的实户资金", "2.00"),
                           ("收入总计", "42.00", "支出总计", "42.00")], widths=[150, 60, 150, 60])
    income = ruled_table("部门综合预算收入总表", [("单位名称", "合计", "一般公共预算拨款", "上年实户资金余额")],
                         [("合计", "42.00", "40.00", "2.00"), ("西安市某某局", "42.00", "40.00", "2.00")],
                         widths=[110, 80, 100, 100])
    result = audit_path(write_pdf(tmp_path, [summary, income]))
    assert errors(result) == []
    x001 = [(o.left.row, o.expected, o.status) for o in result.outcomes if o.rule == "X001"]
    assert x001 == [("合计", D("42.00"), "pass")]
