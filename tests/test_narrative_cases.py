"""The narrative rules on short excerpts of real documents, one case per excerpt (tests/data/narrative_cases.toml),
and the claims the recogniser reads from such text."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from budget_audit import model as m
from budget_audit.audit import _coarser_than_exactness
from budget_audit.money import ratio_interval
from budget_audit.read.layout import SourceLine
from budget_audit.recognise import read_narrative
from budget_audit.recognise.claims import sentences
from budget_audit.rules import RULES, Context
from budget_audit.rules.base import ROUNDING, Outcome

try:
    import tomllib
except ModuleNotFoundError:   # Python 3.10
    import tomli as tomllib

CASES = tomllib.loads((Path(__file__).parent / "data" / "narrative_cases.toml").read_text(encoding="utf-8"))["case"]


def narrative(text: str, year: int = 2026, kind: str = "budget", level: str | None = None) -> m.Disclosure:
    """A disclosure made of these printed lines only (no tables), read as the pipeline reads a narrative."""
    lines = [SourceLine(cells=(line,), lineno=number, page=1)
             for number, line in enumerate(text.strip("\n").split("\n"), start=1)]
    disclosure = m.Disclosure(path="case.txt", meta=m.Meta(year=year, kind=kind, level=level))
    read_narrative(disclosure, lines, lambda _title: None)
    return disclosure


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case):
    disclosure = narrative(case["lines"], case.get("year", 2026), case.get("kind", "budget"), case.get("level"))
    ctx = Context(disclosure)
    found = [f for f in RULES[case["rule"]].check(disclosure, ctx) if f.rule == case["rule"]]
    assert len(found) == len(case["expect"]), [f.text("zh") for f in found]
    for finding, expected in zip(found, case["expect"]):
        assert finding.severity.label == expected["severity"], finding.text("zh")
        for fragment in expected["has"]:
            assert fragment in finding.text("zh"), finding.text("zh")
        assert set(expected.get("tags", [])) <= set(finding.tags)
        assert finding.text("en") != finding.text("zh")
    if "passed" in case:
        assert sum(1 for o in ctx.outcomes if o.rule == case["rule"] and o.status == "pass") == case["passed"]


# --- claims -------------------------------------------------------------------------------------------------
def test_a_full_stop_inside_brackets_does_not_end_the_sentence():
    text = ("公务用车购置及运行维护费567.72万元(公务用车购置费230.55万元,比上年增加49.45万元;公务用车运行维护费"
            "337.17万元,比上年减少2.96万元。)比上年增加46.49万元。公务接待费19.28万元。")
    assert sentences(text) == [
        "公务用车购置及运行维护费567.72万元(公务用车购置费230.55万元,比上年增加49.45万元;公务用车运行维护费"
        "337.17万元,比上年减少2.96万元。)比上年增加46.49万元。", "公务接待费19.28万元。"]
    assert sentences("本单位无下属单位(详见附表。") == ["本单位无下属单位(详见附表。"]   # a bracket left open is no aside


def test_what_a_change_belongs_to():
    (statement,) = narrative("公务用车购置及运行维护费567.72万元(公务用车购置费230.55万元,比上年增加49.45万元;"
                             "公务用车运行维护费337.17万元,比上年减少2.96万元。)比上年增加46.49万元。").statements
    quoted = [(mm.label, mm.printed, mm.delta, mm.direction, mm.owner) for mm in statement.mentions]
    assert quoted == [
        ("公务用车购置及运行维护费", "567.72万元", False, 0, None),
        ("公务用车购置费", "230.55万元", False, 0, None),        # an open bracket starts the label
        ("比上年增加", "49.45万元", True, 1, 1),
        ("公务用车运行维护费", "337.17万元", False, 0, None),
        ("比上年减少", "2.96万元", True, -1, 3),
        ("比上年增加", "46.49万元", True, 1, 0),                 # not the amount inside the closed aside
    ]


def test_changes_that_name_their_subject_and_stated_bases():
    (signed,) = narrative("2.支出预算减少49.81万元,其中基本支出增加75.19万元,项目支出减少125万元。").statements
    assert [(mm.delta, mm.direction, mm.owner) for mm in signed.mentions] == [(True, -1, None), (True, 1, None), (True, -1, None)]
    (based,) = narrative("2026年支出预算29956.27万元,比2025年年初预算数28479.84万元增加1476.73万元,增长5.18%。").statements
    assert [(mm.prior, mm.delta, mm.owner, mm.base) for mm in based.mentions] == [
        (False, False, None, None), (True, False, None, None), (False, True, 0, 1)]
    (bracketed,) = narrative("2017年度部门支出预算安排与2016年度相比(2016年度部门支出预算安排为8,648.07万元),"
                             "增加498.72万元,增长5.77%。", 2017).statements
    assert [(mm.prior, mm.delta, mm.owner, mm.base) for mm in bracketed.mentions] == [(True, False, None, None), (False, True, None, 0)]


def test_reasons_topics_and_drafting_notes():
    disclosure = narrative("公务用车运行维护费8.20万元,较上年减少1.80万元,下降的主要原因是:\n市级单位统一调整公务用车支出标准;\n"
                           "1.因公出国(境)费用。2026年预算数123.85万元,较2025年年初预算增加123.85万元。\n"
                           "公务用车运行维护费18.30万元,减少的主要原因是由于财政云系统原因,部分单位公务用车运行维护费未纳入部门预算,主要原因是。\n"
                           "委托业务费预算为2,196.52万元,比上年预算(注:上年3,468.18万元,公开时请删除注释)减少1271.66万元。")
    first, second, third, fourth = disclosure.statements
    assert first.reasons == ["市级单位统一调整公务用车支出标准"]
    assert second.topic == "因公出国(境)费用"
    assert third.reasons == ["由于财政云系统原因,部分单位公务用车运行维护费未纳入部门预算,主要原因是", ""]   # the noun 原因 introduces none
    assert [mm.printed for mm in fourth.mentions] == ["2,196.52万元", "1271.66万元"]
    assert fourth.mentions[1].owner == 0


def test_the_interval_of_a_rate_on_a_difference():
    # 0.50 → 0.62: C − P ∈ [0.11, 0.13], P ∈ [0.495, 0.505]
    low, high = ratio_interval(D("0.12"), D("0.01"), D("0.50"), D("0.005"), 2)
    assert (round(low, 2), round(high, 2)) == (D("21.78"), D("26.27"))


def _cell(table: str, value: str, unit: str, step: str) -> m.Cell:
    return m.Cell(text=value, value=D(value), unit=unit, table=table, row=value, column="c", step=D(step))


def test_exact_mode_says_nothing_of_figures_in_a_coarser_unit():
    """Tables exact in 元; the narrative's 万元 figures are each rounded afresh (西安市公安局 2026)."""
    sums = [Outcome("C001", "sum", _cell("BT05", "3", "元", "0.01"), [_cell("BT05", "1", "元", "0.01")] * 2,
                    D("3"), D("3"), D("0.00"), D("0.01"), "元", "pass") for _ in range(10)]
    total = _cell(m.NARRATIVE, "337741.21", "万元", "0.01")
    parts = [_cell(m.NARRATIVE, "324638.50", "万元", "0.01"), _cell(m.NARRATIVE, "13102.70", "万元", "0.01")]
    narrative_sum = Outcome("N003", "sum", total, parts, D("337741.20"), D("337741.21"), D("0.01"), D("0.01"), "万元", ROUNDING)
    finding = m.Finding(rule="N003", severity=m.Severity.INFO, message={"zh": "", "en": ""}, locations=[], rounding=True,
                        cells=[c.key() for c in [total, *parts]])
    assert _coarser_than_exactness(sums + [narrative_sum], [finding]) == {id(finding)}
    same_unit = [Outcome("C001", "sum", _cell("BT05", "3", "万元", "0.01"), [_cell("BT05", "1", "万元", "0.01")] * 2,
                         D("3"), D("3"), D("0.00"), D("0.01"), "万元", "pass") for _ in range(10)]
    assert _coarser_than_exactness(same_unit + [narrative_sum], [finding]) == set()   # the sample: escalated


def test_an_outturn_is_read_with_its_item_and_what_the_text_says_of_it():
    """上海市普陀区规划和自然资源局 2024 决算 p21–24: each 项 named by its 类 and 款 without codes, its budget and outturn
    (a rate or none), and the sentence after it saying how the two compare."""
    disclosure = narrative("""
五、一般公共预算财政拨款支出决算情况说明
(三)一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为10210.34万元,支出决算为9746.50万元,完成年初预算的95.45%。
1、社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位退休人员活动费支出(项)。
主要用于:退休人员活动费。年初预算为0.88万元,支出决算为0.88万元。
2、住房保障支出(类)住房保障支出(款)购房补贴(项)。
主要用于:行政单位购房补贴支出。年初预算为171.49万元,
支出决算为171.49万元,完成年初预算的100.00%。决算数同
预算数持平。
""", year=2024, kind="final")
    claims = [claim for statement in disclosure.statements for claim in statement.completions]
    assert [(c.budget.number, c.actual.number, c.rate, c.said, c.names) for c in claims] == [
        ("10210.34", "9746.50", D("95.45"), None, ()),
        ("0.88", "0.88", None, None, ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位退休人员活动费支出")),
        ("171.49", "171.49", D("100.00"), 0, ("住房保障支出", "住房保障支出", "购房补贴"))]
    # the outturn is of what the budget's label names, or of the named 项, in 一般公共预算's table
    assert claims[0].actual.subject == m.Subject(m.BUDGET_SUBJECT, m.EXPENDITURE, m.GENERAL)
    assert claims[2].actual.subject == m.Subject(m.NAMED_ITEM_SUBJECT, m.EXPENDITURE, m.GENERAL,
                                                 names=("住房保障支出", "住房保障支出", "购房补贴"))


def test_breakdowns_are_read_with_the_kind_of_whole_they_make():
    """烟台市信访局 2026 p27: a change broken down into signed parts, a complete kind (基本 + 项目); and the sample's
    政府采购 total with its 货物, 工程 and 服务."""
    disclosure = narrative("""
(三)增减变化情况:2026年收支预算1,717.85万元,比上年减少
49.81万元,其中:
1.收入预算减少49.81万元,其中一般公共预算收入减少49.81万元。
2.支出预算减少49.81万元,其中基本支出增加75.19万元,项目支出减
少125万元。
九、政府采购情况
2024年本单位政府采购预算总额 3.93 万元，其中：政府采购货物预算 2.42 万元、政府采购工程预算 0 万元、政府采购服务预算 1.50 万元。
""")
    changes = [(b.head.number, [p.number for p in b.parts], b.family) for st in disclosure.statements
               for b in st.change_breakdowns]
    assert ("49.81", ["75.19", "125"], "支出") in changes
    amounts = [(b.head.number, [p.number for p in b.parts], b.family, b.left_out) for st in disclosure.statements
               for b in st.breakdowns]
    assert amounts == [("3.93", ["2.42", "0", "1.50"], "政府采购", False)]
