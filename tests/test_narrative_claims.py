"""Narrative recognition on real sentences: sections and their headings, and which amounts state a key figure."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.read.layout import SourceLine
from budget_audit.recognise.claims import build_statements
from budget_audit.recognise.narrative import build_sections
from budget_audit.recognise.stated_totals import mark_stated_totals


def _lines(*texts: str, page: int = 9) -> list[SourceLine]:
    return [SourceLine(cells=(text,), lineno=number, page=page) for number, text in enumerate(texts, start=100)]


def test_a_run_in_heading_keeps_the_sentence_it_starts():
    # 长沙市信访局 2026 部门预算, p. 9: the heading line runs on into the sentence, its amount on the next line
    sections = build_sections(_lines("(四)政府采购情况:2026年本单位政府采购预算总额",
                                     "43.9万元,其中,货物类采购预算25.4万元;工程类采购预算",
                                     "0万元;服务类采购预算18.5万元。"), lambda _heading: None)
    assert [section.heading for section in sections] == ["(四)政府采购情况"]
    assert sections[0].paragraphs[0].text.startswith("2026年本单位政府采购预算总额43.9万元,其中")
    statement = build_statements(sections, 2026)[0]
    assert (statement.line, statement.page, statement.section) == (100, 9, "(四)政府采购情况")
    assert [(m.label, m.printed, m.line, m.page) for m in statement.mentions][0] == (
        "2026年本单位政府采购预算总额", "43.9万元", 101, 9)


def test_an_amount_is_located_on_the_line_and_page_that_print_it():
    # 广州市统计局 2026: the paragraph opens on p. 23, its sentence on 机关运行经费 is printed on p. 24
    lines = [SourceLine(cells=("三、机关运行经费安排情况",), lineno=379, page=23),
             SourceLine(cells=("行政经费(机关运行经费)指用于维持行政(参公)单位机关运行的经费。2026年,本部门",), lineno=380,
                        page=23),
             SourceLine(cells=("机关运行经费安排839.21万元,比上年增加86.23万元,增长11.5%。",), lineno=390, page=24)]
    statement = build_statements(build_sections(lines, lambda _heading: None), 2026)[0]
    assert (statement.line, statement.page) == (380, 23)
    assert [(m.printed, m.line, m.page) for m in statement.mentions] == [("839.21万元", 390, 24), ("86.23万元", 390, 24)]


def test_a_heading_that_stands_alone_is_unchanged():
    sections = build_sections(_lines("(二)政府采购情况", "2026年,福州市商务局政府采购预算总额822.55万元。"),
                              lambda _heading: None)
    assert [(s.heading, [p.text for p in s.paragraphs]) for s in sections] == [
        ("(二)政府采购情况", ["2026年,福州市商务局政府采购预算总额822.55万元。"])]


# --- amounts that state a key figure (recognise/stated_totals.py) ---------------------------------------

def _stated(sections: list[tuple[str, str]], year: int = 2026, kind: str = "budget") -> list[tuple[str, str]]:
    """(figure id, printed amount) of each amount marked as stating a key figure, sections given as
    (heading, sentence) on consecutive lines."""
    lines = [line for heading, sentence in sections for line in (heading, sentence)]
    statements = build_statements(build_sections(_lines(*lines), lambda _heading: None), year)
    mark_stated_totals(statements, m.Meta(year=year, kind=kind))
    return [(mention.states, mention.printed) for s in statements for mention in s.mentions if mention.states]


def test_running_costs_stated_with_their_change():
    # 国家信访局 2026 p. 25: the change after it is not the figure
    assert _stated([("(二)机关运行经费情况", "国家信访局2026年机关运行经费财政拨款预算2,376.26万元,较2025年预算增加"
                     "222.33万元,增幅10.32%,主要原因是:编制内增人增支等经费增加。")]) == [
        ("running_costs", "2,376.26万元")]
    # 烟台市住房和城乡建设局 2026 p. 35: the prior year's amount is named with its year, not as the figure
    assert _stated([("三、机关运行经费情况", "2026年本部门机关运行经费安排201.87万元,较2025年预算198.27万元增加3.6万元,"
                     "主要原因为我单位新入职人员。")]) == [("running_costs", "201.87万元")]


def test_the_procurement_total_not_its_parts():
    # 深圳市财政局(本级) 2026 p. 9
    assert _stated([("第四部分政府采购预算情况", "深圳市财政局(本级)纳入2026年部门预算的政府采购项目共有3,790.75万元,"
                     "其中:货物类项目242.80万元、工程类项目0.00万元、服务类项目3,547.95万元。")]) == [
        ("procurement_total", "3,790.75万元")]
    # 中共重庆市委宣传部 2026 p. 5: parts after a colon, then the 一般公共预算拨款 share with parts of its own
    assert _stated([("五、其他重要事项的情况说明", "所属各预算单位政府采购预算总额712.49万元:政府采购货物预算486.50万元、"
                     "政府采购工程预算0万元、政府采购服务预算225.99万元;其中一般公共预算拨款政府采购504.98万元:"
                     "政府采购货物预算480.50万元、政府采购工程预算0万元、政府采购服务预算24.48万元。")]) == [
        ("procurement_total", "712.49万元")]


def test_amounts_reserved_for_small_firms_are_not_the_total():
    # 上海市普陀区司法局 2026 部门预算 p. 22
    assert _stated([("三、政府采购预算情况", "2026年本部门面向中小企业预留政府采购项目预算金额1486.42万元,其中,"
                     "预留给小型和微型企业的政府采购项目预算为1486.42万元。")]) == []


def test_another_years_amount_is_not_the_figure():
    # 上海市财政局 2025 p. 21, read as if the document were of 2026
    assert _stated([("三、政府采购预算情况", "2025年度本单位政府采购预算1,708.03万元,其中:政府采购货物预算42.50万元、"
                     "政府采购工程预算0.00万元、政府采购服务预算1,665.53万元。")], year=2026) == []


def test_a_final_account_states_the_outturn_not_the_budget():
    # 西安市卫生健康委员会 2022 决算 p. 22: the second amount is the outturn
    sentence = "2022年度机关运行经费预算627.62万元,支出决算627.62万元,完成预算的100%。"
    lines = _lines("十、机关运行经费支出情况说明", sentence)
    statements = build_statements(build_sections(lines, lambda _heading: None), 2022)
    mark_stated_totals(statements, m.Meta(year=2022, kind="final"))
    assert [(mention.label, mention.states) for mention in statements[0].mentions] == [
        ("2022年度机关运行经费预算", None), ("支出决算", "running_costs")]
    # read as a budget, the same sentence states the figure with its budget amount
    assert _stated([("十、机关运行经费支出情况说明", sentence)], year=2022) == [("running_costs", "627.62万元")]


def test_a_total_its_own_parts_contradict_is_not_taken():
    # 福州市公安局交通管理支队 2026 p. 37: 0 as the total of 3456.6 + 0 + 4683.6
    assert _stated([("(二)政府采购情况", "2026年,福州市公安局交通管理支队政府采购预算总额0万元,其中:政府采购货物预算"
                     "3456.6万元、政府采购工程预算0万元、政府采购服务预算4683.6万元。")]) == []
    # the sample's 3.93 over 2.42 + 0 + 1.50 = 3.92 is within rounding
    assert _stated([("九、政府采购情况", "2024年本单位政府采购预算总额 3.93 万元，其中：政府采购货物预算 2.42 万元、"
                     "政府采购工程预算 0 万元、政府采购服务预算 1.50 万元。")], year=2024) == [
        ("procurement_total", "3.93 万元")]


def test_a_sub_units_section_or_two_different_totals_give_nothing():
    shenzhen = ("深圳市财政局(本级)纳入2026年部门预算的政府采购项目共有3,790.75万元,其中:货物类项目242.80万元、"
                "工程类项目0.00万元、服务类项目3,547.95万元。")
    # the section of one of the units a department's document lists
    assert _stated([("一、深圳市财政局(本级)", shenzhen)]) == []
    # two units' totals in one document (深圳市公安局(本级) 2026 p. 9 beside the 财政局's): neither is the document's
    police = ("深圳市公安局(本级)纳入2026年部门预算的政府采购项目共有46,519.33万元,其中:货物类项目2,783.58万元、"
              "工程类项目1,243.45万元、服务类项目42,492.31万元。")
    assert _stated([("第四部分政府采购预算情况", shenzhen), ("第五部分政府采购预算情况", police)]) == []
