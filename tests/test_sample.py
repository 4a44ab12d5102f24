"""The sample disclosure end to end: every table recognised, the identities of checks.md §E.1 evaluated
with their numbers, and no error."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal as D

from budget_audit import model as m
from tests.conftest import find_outcome, outcomes_of

SHANXI_13 = ["BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT07a", "BT07", "BT08", "BT09", "BT10", "BT11", "BT12"]


def test_metadata(sample_disclosure):
    meta = sample_disclosure.meta
    assert (meta.unit, meta.year, meta.kind, meta.level, meta.profile) == (
        "新绛县人力资源和社会保障局", 2024, "budget", "unit", "shanxi-13")


def test_all_thirteen_tables_recognised_with_pages_from_the_toc(sample_disclosure):
    tables = sample_disclosure.tables
    assert list(tables) == SHANXI_13
    assert not sample_disclosure.unrecognised
    assert {key: tables[key].pages for key in ("BT01", "BT05", "BT11", "BT12")} == {
        "BT01": [3], "BT05": [7], "BT11": [11], "BT12": [12]}
    assert all(table.unit == "万元" for table in tables.values())
    assert tables["BT05"].title == "新绛县人力资源和社会保障局2024年一般公共预算支出预算表(不含上年结转)"


def test_rows_keep_printed_precision_and_blank_cells(sample_disclosure):
    spending = sample_disclosure.tables["BT03"]
    row = spending.find_row(code="2080102")
    assert row.label == "一般行政管理事务" and row.level == "项"
    assert row.cells[m.TOTAL].text == "0.5" and row.cells[m.TOTAL].value == D("0.5")
    assert row.cells[m.BASIC].blank and row.cells[m.BASIC].amount == 0
    assert spending.step == D("0.01")
    projects = sample_disclosure.tables["BT11"]
    assert [r.cells[m.TOTAL].text for r in projects.rows][:3] == ["115.23", "2.73", "38.50"]


def test_attachments_become_project_records(sample_disclosure):
    projects = {p.name: p for p in sample_disclosure.projects}
    assert len(projects) == 9
    skills = projects["2024年“技能运城”建设新绛行动工作经费"]
    assert (skills.unit, skills.period_total.value, skills.year_total.value) == ("元", D("200000"), D("120000"))
    assert skills.attribute == "一次性项目(1年结束)" and skills.period == "1年"
    assert projects["遗属补助及取暖费"].department == "901-预算股"
    cost = [i for i in projects["2024年信息化建设工作经费"].indicators if i.level2 == "成本指标"]
    assert [(i.level3, i.value, i.period) for i in cost] == [("信息维护成本", "2万元", "implementation"),
                                                          ("信息维护成本", "2万元", "year")]


def test_narrative_sections_are_kept(sample_disclosure):
    headings = [s.heading for s in sample_disclosure.sections]
    assert "九、政府采购情况" in headings
    procurement = next(s for s in sample_disclosure.sections if s.heading == "九、政府采购情况")
    assert "政府采购预算总额3.93万元" in procurement.paragraphs[0].text
    income = next(s for s in sample_disclosure.sections if s.heading == "二、收入预算情况说明")
    # the paragraph is wrapped over a blank line in the dump ("一般公" / "共预算"): joined again
    assert "主要包括一般公共预算351.16万元,占100%" in income.paragraphs[0].text


def test_no_errors_and_exact_mode(sample_result):
    assert sample_result.status == "audited"
    assert [f for f in sample_result.findings if f.severity == m.Severity.ERROR] == []
    assert sample_result.exact_mode
    assert all(o.status == "pass" for o in sample_result.outcomes if o.rule[0] in "RCHBX")


def test_every_identity_family_of_e1_is_evaluated(sample_result):
    run = Counter(o.rule for o in sample_result.outcomes)
    for rule in ("R001", "C001", "C002", "C003", "H001", "H002", "B001", "B002", "X001", "X002", "X003", "X004",
                 "X005", "X006", "X007", "X008", "X009", "X010", "X011", "X012"):
        assert run[rule] > 0, rule
    # BT05 against BT03: 19 coded rows and the 合计 row, each in 合计/基本/项目 (blank pairs included)
    assert run["X008"] == 60
    # BT02 against BT03 by code: 19 codes and the grand total
    assert run["X004"] == 20
    assert len(sample_result.outcomes) >= 250


def _numbers(outcome):
    return outcome.actual, [cell.text for cell in outcome.right], outcome.expected


def test_row_identities(sample_result):
    outcome = find_outcome(sample_result, "R001", "行政运行", "合计", table="BT03")
    assert _numbers(outcome) == (D("217.11"), ["171.11", "46"], D("217.11"))
    outcome = find_outcome(sample_result, "R001", "行政单位离退休", "合计", table="BT03")
    assert _numbers(outcome) == (D("17.91"), ["15.18", "2.73"], D("17.91"))
    outcome = find_outcome(sample_result, "R001", "八、社会保障和就业支出", "2024年合计", table="BT01")
    assert _numbers(outcome) == (D("324.47"), ["324.47", ""], D("324.47"))


def test_column_totals(sample_result):
    outcome = find_outcome(sample_result, "C001", "合计", "合计", table="BT02")
    assert _numbers(outcome) == (D("351.16"), ["324.47", "9.48", "17.21"], D("351.16"))
    outcome = find_outcome(sample_result, "C001", "合计", "基本支出", table="BT03")
    assert _numbers(outcome) == (D("235.93"), ["209.24", "9.48", "17.21"], D("235.93"))
    outcome = find_outcome(sample_result, "C001", "合计", "合计", table="BT06")
    assert _numbers(outcome) == (D("235.93"), ["156.40", "47.93", "15.18", "16.42"], D("235.93"))
    outcome = find_outcome(sample_result, "C003", "合计", "合计", table="BT11")
    assert _numbers(outcome) == (D("115.23"), ["2.73", "38.50", "5.00", "5.00", "2.00", "27.00", "10.00", "5.00",
                                               "20.00"], D("115.23"))
    outcome = find_outcome(sample_result, "C002", "本年支出合计", "当年预算安排", table="BT01")
    actual, parts, expected = _numbers(outcome)
    assert (actual, [p for p in parts if p], expected, len(parts)) == (D("351.16"), ["324.47", "9.48", "17.21"],
                                                                       D("351.16"), 30)


def test_hierarchy_roll_ups(sample_result):
    outcome = find_outcome(sample_result, "H001", "人力资源和社会保障管理事务", "项目支出", table="BT03")
    assert _numbers(outcome) == (D("112.5"), ["46", "0.5", "5", "2", "5", "5", "49"], D("112.5"))
    outcome = find_outcome(sample_result, "H001", "社会保障和就业支出", "合计", table="BT05")
    assert _numbers(outcome) == (D("324.47"), ["283.61", "40.86"], D("324.47"))
    outcome = find_outcome(sample_result, "H002", "商品和服务支出", "合计", table="BT06")
    assert _numbers(outcome) == (D("16.42"), ["0.96", "1.00", "1.20", "0.30", "0.50", "1.43", "2.87", "8.16"], D("16.42"))
    outcome = find_outcome(sample_result, "H002", "对事业单位经常性补助", "合计", table="BT06")
    assert _numbers(outcome) == (D("47.93"), ["25.16", "7.72", "10.29", "4.18", "0.58"], D("47.93"))


def test_balances_and_cross_table_identities(sample_result):
    assert _numbers(find_outcome(sample_result, "B001", "收入总计", table="BT04")) == (D("351.16"), ["351.16"], D("351.16"))
    assert find_outcome(sample_result, "B002", "收入总计", table="BT01").expected == D("351.16")
    x003 = {o.left.row: (o.actual, o.expected) for o in outcomes_of(sample_result, "X003")}
    assert x003 == {"本年支出合计": (D("351.16"), D("351.16")), "八、社会保障和就业支出": (D("324.47"), D("324.47")),
                    "十、卫生健康支出": (D("9.48"), D("9.48")), "二十、住房保障支出": (D("17.21"), D("17.21"))}
    assert find_outcome(sample_result, "X009", "合计", "基本支出", table="BT05").expected == D("235.93")
    x010 = outcomes_of(sample_result, "X010")[0]
    assert _numbers(x010) == (D("235.93"), ["219.51", "16.42"], D("235.93"))
    x011 = outcomes_of(sample_result, "X011")[0]
    assert (x011.kind, x011.actual, x011.expected) == ("le", D("16.42"), D("16.42"))
    x012 = {(o.left.column.split("/")[-1], o.right[0].table): o.expected for o in outcomes_of(sample_result, "X012")
            if o.kind == "same"}
    assert x012 == {("合计", "BT03"): D("115.23"), ("一般公共预算", "BT05"): D("115.23")}
    assert _numbers(find_outcome(sample_result, "X005", "一、一般公共预算", table="BT04")) == (D("351.16"), ["351.16"], D("351.16"))


def test_blank_subtotal_columns_are_one_info(sample_result):
    notes = [f for f in sample_result.findings if f.rule == "R001b"]
    assert len(notes) == 1 and notes[0].severity == m.Severity.INFO
    assert [l.row for l in notes[0].locations] == ["工资福利支出", "对事业单位经常性补助", "对个人和家庭的补助",
                                                   "商品和服务支出", "合计"]
    table_rules = [f for f in sample_result.findings if f.rule[0] in "RCHBX" and f.rule not in ("X015", "X017")]
    assert table_rules == notes
