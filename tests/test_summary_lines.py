"""The lines of a summary table (收支总表, 财政拨款收支总表) read by their place, each case rendered as a ruled PDF:
a numbered line printed blank heads its sub-rows; a side that prints no 本年合计 closes with its 总计 alone; a
本年支出合计 printed first heads the classes below it, while a line printed after a closing 本年支出合计 is
added into 支出总计."""
from __future__ import annotations

from decimal import Decimal as D

from budget_audit import model as m
from budget_audit.audit import audit_path
from tests.pdfgen import PageSpec, ruled_table, write_pdf
from tests.test_table_structure import SUMMARY_HEADER, audit_table, errors

WIDTHS = [150, 60, 150, 60]


def _blank_headings(general: str):
    """西安人社 2020: 一、部门预算 and 1、财政拨款 print no figure; (1)一般公共预算拨款 carries it."""
    return [("一、部门预算", "", "一、一般公共服务支出", "30.00"),
            ("1、财政拨款", "", "二、教育支出", "10.00"),
            ("(1)一般公共预算拨款", general, "", ""),
            ("2、其他收入", "10.00", "", ""),
            ("本年收入合计", "40.00", "本年支出合计", "40.00"),
            ("收入总计", "40.00", "支出总计", "40.00")]


def test_a_numbered_line_printed_blank_heads_its_sub_rows(tmp_path):
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, _blank_headings("30.00"), widths=WIDTHS)
    assert errors(result) == []
    checked = {(o.rule, o.left.row): (o.expected, o.status) for o in result.outcomes if o.rule == "C002"}
    assert checked[("C002", "本年收入合计")] == (D("40.00"), "pass")   # held to the printed sub-rows
    assert ("C002", "一、部门预算") not in checked and ("C002", "1、财政拨款") not in checked


def test_a_wrong_sub_row_under_a_blank_heading_is_still_found(tmp_path):
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, _blank_headings("31.00"), widths=WIDTHS)
    assert ("C002", "本年收入合计", D("40.00"), D("41.00")) in errors(result)


def _without_the_year(education: str):
    """Huzhou 2026 表04: the expenditure side lists the classes (names only) and closes with 支出总计."""
    return [("一、财政拨款", "40.00", "一般公共服务支出", "30.00"),
            ("一般公共预算", "40.00", "社会工作事务", "30.00"),
            ("政府性基金预算", "", "教育支出", education),
            ("本年收入合计", "40.00", "职业教育", education),
            ("收入总计", "40.00", "支出总计", "40.00")]


def test_a_side_without_the_year_total_closes_with_its_grand_total(tmp_path):
    result = audit_table(tmp_path, "财政拨款收支总表", SUMMARY_HEADER, _without_the_year("10.00"), widths=WIDTHS)
    table = result.disclosure.tables["BT04"]
    assert [row.code for row in table.rows if row.side == m.EXPENDITURE and row.code] == ["201", "205"]
    assert errors(result) == []
    assert any(o.rule == "C002" and o.left.row == "支出总计" and o.status == "pass" and o.expected == D("40.00")
               for o in result.outcomes)


def test_a_grand_total_the_classes_do_not_make_is_found(tmp_path):
    """Huzhou 交通 2026 printed 支出总计 42,673.03 under classes of 192,207.76."""
    result = audit_table(tmp_path, "财政拨款收支总表", SUMMARY_HEADER, _without_the_year("25.00"), widths=WIDTHS)
    assert ("C002", "支出总计", D("40.00"), D("55.00")) in errors(result)


def test_the_year_total_printed_first_heads_the_classes(tmp_path):
    """Hangzhou 2026 表4: 一、本年支出合计 stands above the classes, 二、年终结转结余 below them."""
    rows = [("一、财政拨款", "40.00", "一、本年支出合计", "40.00"),
            ("一般公共预算", "40.00", "一般公共服务支出", "30.00"),
            ("二、上年结转结余", "", "社会保障和就业支出", "10.00"),
            ("", "", "二、年终结转结余", ""),
            ("收入总计", "40.00", "支出总计", "40.00")]
    result = audit_table(tmp_path, "财政拨款收支总表", SUMMARY_HEADER, rows, widths=WIDTHS)
    table = result.disclosure.tables["BT04"]
    assert not [row.label for row in table.rows if row.kind == m.SURPLUS_SHARE_ROW]
    assert errors(result) == []
    assert any(o.rule == "C002" and o.left.row == "一、本年支出合计" and o.status == "pass" for o in result.outcomes)


def test_a_line_after_the_closing_year_total_is_added_into_the_grand_total(tmp_path):
    """Xi'an: 未安排支出的实户资金 printed between 本年支出合计 and 支出总计 is part of 支出总计."""
    rows = [("一、一般公共预算拨款", "40.00", "一、一般公共服务支出", "40.00"),
            ("本年收入合计", "40.00", "本年支出合计", "40.00"),
            ("上年实户资金余额", "2.00", "未安排支出的实户资金", "2.00"),
            ("收入总计", "42.00", "支出总计", "42.00")]
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, rows, widths=WIDTHS)
    table = result.disclosure.tables["BT01"]
    assert [row.label for row in table.rows if row.kind == m.SURPLUS_SHARE_ROW] == ["未安排支出的实户资金"]
    assert errors(result) == []
    unspent = list(rows)
    unspent[2] = ("上年实户资金余额", "2.00", "未安排支出的实户资金", "")
    result = audit_table(tmp_path, "收支总表", SUMMARY_HEADER, unspent, widths=WIDTHS)
    assert ("B002", "支出总计", D("42.00"), D("40.00")) in errors(result)


def _income_table_with_carryover_by_source(fiscal_carried: str) -> PageSpec:
    """Beijing 预算02表收入总表: 合计 | 本年收入 (小计, 一般公共预算资金) | 上年结转结余 (小计, 一般公共预算资金, 单位资金),
    the group labels boxed over their columns."""
    xs = [40, 100, 160, 240, 300, 380, 440]
    ys = [770, 752, 734, 716]
    page = PageSpec().text(160, 800, "收入总表", size=14).text(40, 782, "单位：万元", size=9)
    page.grid(xs, ys, skip={("v", 2, 0), ("v", 4, 0), ("v", 5, 0)})
    for x, text in ((43, "合计"), (103, "本年收入"), (243, "上年结转结余")):
        page.text(x, 757, text, size=8)
    for x, text in ((103, "小计"), (163, "一般公共预算资金"), (243, "小计"), (303, "一般公共预算资金"), (383, "单位资金")):
        page.text(x, 739, text, size=8)
    for x, text in ((43, "46.00"), (103, "40.00"), (163, "40.00"), (243, "6.00"), (303, fiscal_carried),
                    (383, f"{6 - float(fiscal_carried):.2f}")):
        page.text(x, 721, text, size=8)
    return page


def _carryover_tables(fiscal_carried: str) -> list[PageSpec]:
    summary = ruled_table("收支总表", SUMMARY_HEADER,
                          [("一、一般公共预算拨款收入", "40.00", "一、一般公共服务支出", "46.00"),
                           ("本年收入合计", "40.00", "本年支出合计", "46.00"),
                           ("上年结转结余", "6.00", "", ""),
                           ("收入总计", "46.00", "支出总计", "46.00")], widths=WIDTHS)
    fiscal = ruled_table("财政拨款收支总表", SUMMARY_HEADER,
                         [("一、一般公共预算资金", "40.00", "一、一般公共服务支出", "45.00"),
                          ("本年收入合计", "40.00", "本年支出合计", "45.00"),
                          ("上年结转结余", "5.00", "", ""),
                          ("收入总计", "45.00", "支出总计", "45.00")], widths=WIDTHS)
    return [summary, _income_table_with_carryover_by_source(fiscal_carried), fiscal]


def test_fiscal_carryover_is_the_fiscal_part_of_the_income_tables_split(tmp_path):
    """北京政务 2026: 上年结转结余 4,950.85 in 收支总表 = 一般公共预算 4,781.14 + 单位资金 169.71 in 收入总表; the
    财政拨款收支总表 carries 4,781.14."""
    result = audit_path(write_pdf(tmp_path, _carryover_tables("5.00")))
    assert result.disclosure.tables["BT02"].layout_issues == []
    assert errors(result) == []
    assert [(o.left.row, o.expected, o.status) for o in result.outcomes if o.rule == "X005" and o.kind == "sum"] == [
        ("上年结转结余", D("5.00"), "pass")]


def test_fiscal_carryover_off_the_fiscal_part_is_found(tmp_path):
    result = audit_path(write_pdf(tmp_path, _carryover_tables("4.00")))
    assert ("X005", "上年结转结余", D("5.00"), D("4.00")) in errors(result)
