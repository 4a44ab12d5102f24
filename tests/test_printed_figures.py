"""How printed figures and labels are taken, each case rendered as a ruled PDF: a figure that fills a
spreadsheet's General format is as precise as it prints; a “三公” table read from its 合计 line over unit lines
holds within the units' rounding; a number at the head of a project's name is no class code; class names printed
short beside a summary table still name their 类."""
from __future__ import annotations

from decimal import Decimal as D

from budget_audit import model as m
from tests.test_table_structure import SUMMARY_HEADER, audit_table, errors


def _income(general: str, fund: str, total: str):
    return [("1、一般公共预算拨款", general, "一、社会保障和就业支出", total),
            ("2、政府性基金拨款", fund, "", ""),
            ("本年收入合计", total, "本年支出合计", total),
            ("收入总计", total, "支出总计", total)]


def test_a_figure_filling_the_general_format_is_as_precise_as_it_prints(tmp_path):
    """西安民政 2021 (元): sources printed 535987052.4 by the General format, under a 本年收入合计 printed to the
    fen."""
    rows = _income("535987052.4", "316076553.4", "852063605.88")
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, rows, widths=[150, 80, 150, 80], above=("单位：元",))
    table = result.disclosure.tables["BT01"]
    assert table.unit == "元"
    assert [row.cells[m.TOTAL].step for row in table.rows if row.side == m.INCOME][:3] == [D("0.1"), D("0.1"), D("0.01")]
    assert errors(result) == []


def test_a_shorter_figure_in_a_column_to_the_fen_is_held_to_the_fen(tmp_path):
    """Fewer than nine digits: 5359870.4 in a column printed to the fen had a trailing zero dropped."""
    rows = _income("5359870.4", "3160765.4", "8520635.88")
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, rows, widths=[150, 80, 150, 80], above=("单位：元",))
    assert ("C002", "本年收入合计", D("8520635.88"), D("8520635.80")) in errors(result)


THREE_PUBLIC_HEADER = [("单位名称", "合计", "因公出国(境)费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费",
                        "公务接待费")]


def _three_public(units: int):
    """西安交通 2022: the 合计 line is the column sums of the unit lines, so its own items may miss its total by
    the units' rounding (346.73 against 117.49 + 85.46 + 143.76 = 346.71)."""
    lines = [("合计", "346.73", "117.49", "85.46", "", "85.46", "143.76")]
    for index in range(units):
        lines.append((f"某某单位{index + 1}", "26.67", "9.04", "6.57", "", "6.57", "11.06"))
    return lines


def test_a_three_public_total_over_unit_lines_holds_within_their_rounding(tmp_path):
    result = audit_table(tmp_path, "财政拨款“三公”经费支出预算表", THREE_PUBLIC_HEADER, _three_public(13),
                         widths=[70, 45, 65, 85, 65, 65, 55])
    table = result.disclosure.tables["BT09"]
    assert table.summed_lines == 13
    assert errors(result) == []
    assert any(o.rule == "R002" and o.status != "fail" and o.expected == D("346.71") for o in result.outcomes)


def test_a_three_public_table_of_one_line_is_held_to_one_rounding(tmp_path):
    result = audit_table(tmp_path, "财政拨款“三公”经费支出预算表", THREE_PUBLIC_HEADER, _three_public(0),
                         widths=[70, 45, 65, 85, 65, 65, 55])
    assert result.disclosure.tables["BT09"].summed_lines == 1
    assert [(rule, actual, expected) for rule, _, actual, expected in errors(result)] == [
        ("R002", D("346.73"), D("346.71"))]


def test_a_number_at_the_head_of_a_project_name_is_no_class_code(tmp_path):
    """95128助老服务热线 is a project named by its hotline, not the code 95128."""
    rows = [("合计", "8.00"), ("95128助老服务热线", "3.00"), ("社区养老服务", "5.00")]
    result = audit_table(tmp_path, "项目支出表", [("项目名称", "项目金额")], rows, widths=[200, 80])
    projects = [(row.code, row.label) for row in result.disclosure.tables["BT11"].rows if row.kind == m.ITEM]
    assert projects == [(None, "95128助老服务热线"), (None, "社区养老服务")]
    assert errors(result) == []


def test_class_names_printed_short_beside_a_summary_table(tmp_path):
    """西安 2020: 1、一般公共服务 | 7、文化旅游 | 19、自然资源 — the 类 without 支出, or cut shorter."""
    rows = [("一、一般公共预算拨款", "60.00", "1、一般公共服务", "30.00"),
            ("", "", "7、文化旅游", "20.00"),
            ("", "", "19、自然资源", "10.00"),
            ("本年收入合计", "60.00", "本年支出合计", "60.00")]
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, rows, widths=[150, 60, 150, 60])
    classes = [row.code for row in result.disclosure.tables["BT01"].rows if row.side == m.EXPENDITURE and row.code]
    assert classes == ["201", "207", "220"]
    assert errors(result) == []
