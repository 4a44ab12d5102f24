"""Corpus layouts taught to the recogniser: blocks side by side (决算 基本支出表, Jiangsu 收支预算总表), 行次
columns, level labels printed beside the 合计 row, amount columns headed 预算 or 执行数."""
from __future__ import annotations

from decimal import Decimal as D

from budget_audit import model as m
from budget_audit.audit import audit_path
from budget_audit.figures import key_figures
from budget_audit.read.layout import SourceLine
from budget_audit.recognise.side_by_side import fold_purpose_block, unfold
from tests.conftest import find_outcome, findings, outcomes_of

PUTUO_FINANCE = "shanghai_putuo_govbudgetchecker/final_2024/上海市普陀区财政局2024年度部门决算.pdf"
PUTUO_SOCIAL = "shanghai_putuo_govbudgetchecker/final_2024/中共上海市普陀区委社会工作部2024年度部门决算.pdf"


def lines(*rows: tuple[str, ...]) -> list[SourceLine]:
    return [SourceLine(tuple(cells), number) for number, cells in enumerate(rows, 1)]


def test_blocks_are_stacked_and_block_labels_dropped():
    header = lines(("人员经费", "", "", "公用经费", "", ""), ("科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"))
    body = lines(("301", "工资福利支出", "10.00", "302", "商品和服务支出", "4.00"),
                 ("30101", "基本工资", "10.00", "30201", "办公费", "4.00"),
                 ("", "", "", "310", "资本性支出", ""),
                 ("人员经费合计", "", "10.00", "公用经费合计", "", "4.00"))
    block_header, stacked = unfold(header, body)
    assert [line.cells for line in block_header] == [("科目编码", "科目名称", "决算数")]
    assert [line.cells[0] for line in stacked] == ["301", "30101", "人员经费合计", "302", "30201", "310", "公用经费合计"]
    assert [line.lineno for line in stacked] == [1, 2, 4, 1, 2, 3, 4]


def test_tables_without_repeated_blocks_are_unchanged():
    header = lines(("科目编码", "科目名称", "合计", "人员经费", "公用经费", "其他"))
    body = lines(("301", "工资福利支出", "10.00", "10.00", "", ""))
    assert unfold(header, body) == (header, body)
    two_sided = lines(("项目", "金额", "项目", "金额"))
    only_left = lines(("一般公共预算", "5.00", "", ""))
    assert unfold(two_sided, only_left) == (two_sided, only_left)   # nothing printed right of the first block


def test_putuo_final_basic_table_is_checked(corpus):
    result = audit_path(corpus / PUTUO_FINANCE)
    table = result.disclosure.tables["FT06"]
    assert table.layout_issues == []
    classes = [row.code for row in table.rows if row.level == "类"]
    assert classes == ["301", "303", "302", "310"]
    footers = {row.item: row.cells[m.TOTAL].text for row in table.rows if row.kind == m.SPLIT_TOTAL_ROW}
    assert footers == {m.PERSONNEL: "2,152.26", m.PUBLIC: "184.65"}
    personnel = find_outcome(result, "C001", "人员经费合计", table="FT06")
    assert (personnel.actual, [c.text for c in personnel.right]) == (D("2152.26"), ["2,082.85", "69.41"])
    public = find_outcome(result, "C001", "公用经费合计", table="FT06")
    assert (public.actual, [c.text for c in public.right]) == (D("184.65"), ["171.07", "13.58"])
    assert personnel.status == public.status == "pass"
    figures = key_figures(result.disclosure)
    assert (figures["personnel_expenses"].as_dict()["value"], figures["public_expenses"].as_dict()["value"]) == \
        ("21522600.00", "1846500.00")   # in 元


def test_rounding_gap_in_a_block_is_found(corpus):
    """社会工作部 2024: 302 商品和服务支出 prints 10.23; its items add up to 10.22 (a 0.01 tail)."""
    result = audit_path(corpus / PUTUO_SOCIAL)
    [finding] = [f for f in findings(result, "H002") if f.locations[0].table == "FT06"]
    assert (finding.actual, finding.expected, finding.severity) == (D("10.23"), D("10.22"), m.Severity.WARNING)


def test_jiangsu_purpose_block_becomes_expenditure_rows():
    header = lines(("收入", "", "支出", "", "", ""), ("项目名称", "金额", "功能分类", "", "支出用途", ""),
                   ("", "", "功能科目名称", "金额", "项目名称", "金额"))
    body = lines(("一、财政拨款", "30.00", "一、一般公共服务支出", "30.00", "一、基本支出", "20.00"),
                 ("", "", "二、外交支出", "", "二、项目支出", "10.00"),
                 ("当年收入小计", "30.00", "当年支出小计", "", "", "30.00"))
    folded_header, folded = fold_purpose_block(header, body)
    assert [line.cells for line in folded_header] == [("项目名称", "金额", "功能科目名称", "金额")]
    assert [line.cells for line in folded] == [
        ("一、财政拨款", "30.00", "一、一般公共服务支出", "30.00"), ("", "", "一、基本支出", "20.00"),
        ("", "", "二、外交支出", ""), ("", "", "二、项目支出", "10.00"),
        ("当年收入小计", "30.00", "当年支出小计", "30.00")]   # the total printed under the purpose block


def test_jiangsu_summary_table_is_checked_both_ways(corpus):
    result = audit_path(corpus / "jiangsu_open_budget/江苏省人民检察院/2018年省检察院部门预算公开.pdf")
    assert result.disclosure.tables["BT01"].layout_issues == []
    by_purpose, by_function = [o for o in outcomes_of(result, "C002") if o.left.row == "当年支出小计"]
    assert [c.text for c in by_purpose.right] == ["13,994.31", "5,573.00", "2,388.04"]
    assert [c.text for c in by_function.right if c.text] == ["16,458.75", "1,836.22", "3,660.38"]
    assert by_purpose.actual == by_function.actual == D("21955.35")
    assert by_purpose.status == by_function.status == "pass"
    assert find_outcome(result, "B001", "收入合计", table="BT01").status == "pass"
    assert not [f for f in result.findings if f.severity == m.Severity.ERROR]


def test_final_summary_table_with_line_numbers(corpus):
    """西安卫健委 2022 决算 收入支出决算总表: 项目 | 行次 | 决算数 on each side; 结余分配 is part of 总计."""
    result = audit_path(corpus / "cities_renwu/西安市卫生健康委员会汇总_2022年度部门决算.pdf")
    table = result.disclosure.tables["FT01"]
    assert table.layout_issues == []
    assert [c.role for c in table.columns] == ["name", "line_no", m.TOTAL] * 2
    grand = [o for o in outcomes_of(result, "B002") if o.left.table == "FT01" and o.left.column == "支出/决算数"]
    assert [[c.text for c in o.right] for o in grand] == [["2,074,962.01", "6,374.88", "399,035.80"]]
    assert (grand[0].actual, grand[0].expected, grand[0].status) == (D("2480372.70"), D("2480372.69"), "rounding")


def test_guangzhou_summary_headed_budget(corpus):
    """广州 收支总体情况表 heads its amount columns 预算."""
    result = audit_path(corpus / "cities_renwu/广州市统计局_2026年部门预算.pdf")
    assert result.disclosure.tables["BT01"].layout_issues == []
    balance = find_outcome(result, "B001", "收入总计", table="BT01")
    assert balance.status == "pass" and balance.actual > 0


def test_level_labels_beside_the_total_row(corpus):
    """普陀区财政局 2024 决算 支出决算表 prints 类 | 款 | 项 on the line of its 合计 row."""
    result = audit_path(corpus / PUTUO_FINANCE)
    table = result.disclosure.tables["FT03"]
    assert table.layout_issues == []
    assert [c.role for c in table.columns[:3]] == ["code_class", "code_section", "code_item"]
    total = find_outcome(result, "C001", "合计", "本年支出合计", table="FT03")
    assert [c.text for c in total.right] == ["2,106.66", "326.72", "60.99", "445.69"]
    assert (total.actual, total.expected, total.status) == (D("2940.05"), D("2940.06"), "rounding")
    assert [r.code for r in table.rows[1:4]] == ["201", "20106", "2010601"]


def test_prior_year_execution_column(corpus):
    """国家信访局 2026 一般公共预算支出表: 2025年执行数 is the prior-year column that 增减额 is measured from."""
    result = audit_path(corpus / "cities_renwu/国家信访局_2026年度部门预算.pdf")
    table = result.disclosure.tables["BT05"]
    assert table.layout_issues == [] and m.PRIOR in table.roles(None)
    changes = [o for o in outcomes_of(result, "R003") if o.left.table == "BT05"]
    assert len(changes) >= 20 and all(o.status == "pass" for o in changes)


def test_total_row_alone_on_its_page(corpus):
    """万里街道 2025: the 支出总表's 合计 row is the only line on page 18, with no header to align with."""
    result = audit_path(corpus / "shanghai_putuo_govbudgetchecker/budget_2024_2025/上海市普陀区人民政府万里街道办事处25年预算.pdf")
    table = result.disclosure.tables["BT03"]
    assert table.layout_issues == []
    total = table.rows[-1]
    assert (total.kind, total.page) == (m.TOTAL_ROW, 18)
    assert {role: cell.text for role, cell in total.cells.items()} == {
        m.TOTAL: "189,767,551", m.BASIC: "101,341,746", m.PROJECT: "88,425,805"}
    assert {o.status for o in outcomes_of(result, "C001") if o.left.table == "BT03"} == {"pass"}
