"""Issue 4 on the sample: the narrative, attachment and project findings of checks.md §E.2."""
from __future__ import annotations

from decimal import Decimal as D

from budget_audit import model as m


def _by_rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_still_no_error(sample_result):
    assert [f.rule for f in sample_result.findings if f.severity == m.Severity.ERROR] == []


def test_six_projects_differ_from_their_target_sheets(sample_result):
    found = {f.locations[0].row: (f.severity, f.actual, f.expected, f.difference, f.tags) for f in _by_rule(sample_result, "P002")}
    assert found == {
        "2024年信息化建设工作经费": (m.Severity.WARNING, D("38.50"), D("2.00"), D("36.50"), []),
        "推动就业社保服务全覆盖": (m.Severity.WARNING, D("20.00"), D("10.00"), D("10.00"), []),
        "2024年公开招聘工作经费": (m.Severity.WARNING, D("2.00"), D("27.00"), D("-25.00"), []),
        "2024年“技能运城”建设新绛行动工作经费": (m.Severity.WARNING, D("27.00"), D("12.00"), D("15.00"), []),
        "2024年劳动关系和维权经费": (m.Severity.WARNING, D("10.00"), D("5.00"), D("5.00"), []),
        "2024年机关运行经费": (m.Severity.WARNING, D("5.00"), D("0.50"), D("4.50"), ["UNIT_SUSPECT"]),
    }
    message = next(f for f in _by_rule(sample_result, "P002") if "信息化" in f.locations[0].row).text("zh")
    assert "38.50" in message and "20000 元" in message and "2.00" in message


def test_the_sheets_total_and_the_missing_administration_projects(sample_result):
    (finding,) = _by_rule(sample_result, "P003")
    assert (finding.severity, finding.expected, finding.actual) == (m.Severity.WARNING, D("69.23"), D("115.23"))
    assert "46.00" in finding.text("zh") and "2080101 行政运行" in finding.text("zh")


def test_one_year_project_with_two_totals(sample_result):
    (finding,) = _by_rule(sample_result, "P005")
    assert finding.severity == m.Severity.WARNING and (finding.expected, finding.actual) == (D("200000"), D("120000"))
    assert "技能运城" in finding.text("zh")


def test_procurement_total_is_a_rounding_gap_raised_by_exact_mode(sample_result):
    (finding,) = _by_rule(sample_result, "N003")
    assert finding.severity == m.Severity.WARNING and {"ROUNDING", "EXACT_MODE"} <= set(finding.tags)
    assert (finding.actual, finding.expected, finding.difference) == (D("3.93"), D("3.92"), D("0.01"))


def test_notes(sample_result):
    infos = {f.rule: f for f in sample_result.findings if f.severity == m.Severity.INFO}
    assert "印刷费、手续费、取暖费、维修(护)费、培训费、劳务费、委托业务费、办公设备购置" in infos["N007"].text("zh")
    assert "公务用车购置费 0元" in infos["N008"].text("zh")
    assert "通用设备" in infos["N010"].text("zh")
    assert "对事业单位经常性补助 47.93" in infos["N011"].text("zh") and "2101102 事业单位医疗 4.26" in infos["N011"].text("zh")
    assert (infos["P006"].expected, infos["P006"].actual) == (D("120000"), D("200000"))
    assert "901-预算股" in infos["P007"].text("zh")
    assert "2024年机关运行经费" in infos["P008"].text("zh")
    x017 = {f.locations[0].row: (f.actual, f.expected) for f in _by_rule(sample_result, "X017")}
    assert x017 == {"2024年信息化建设工作经费": (D("38.50"), D("2")), "2024年劳动关系和维权经费": (D("10.00"), D("5"))}


def test_narrative_quotes_agree_with_the_tables(sample_result):
    quotes = [o for o in sample_result.outcomes if o.rule == "N001"]
    assert len(quotes) >= 20 and all(o.status == "pass" for o in quotes)
    labels = {o.left.row for o in quotes}
    assert {"基本支出", "项目支出", "人员经费", "公用经费", "社会保障和就业支出", "卫生健康支出", "住房保障支出"} <= labels
    for rule in ("N002", "N004", "N005", "N006", "N009", "P001", "P004"):
        assert not _by_rule(sample_result, rule), rule


def test_classification_and_structure_notes(sample_result):
    (k003,) = _by_rule(sample_result, "K003")
    assert k003.severity == m.Severity.WARNING and "2080101" in k003.text("zh") and "46.00" in k003.text("zh")
    (s006,) = _by_rule(sample_result, "S006")
    assert s006.severity == m.Severity.INFO and "省直部门" in s006.text("zh")
    s002 = _by_rule(sample_result, "S002")
    assert len(s002) == 3 and all(f.severity == m.Severity.INFO for f in s002)
    assert any("“三公”经费支出预算表" in f.text("zh") for f in s002)


def test_completion_rates_of_a_final_account(tmp_path):
    from budget_audit.audit import audit_disclosure

    from tests.conftest import SAMPLE
    from budget_audit.read import read_document
    from budget_audit.recognise import recognise
    from budget_audit.recognise.claims import build_statements

    disclosure = recognise(read_document(SAMPLE))
    disclosure.meta.kind = "final"
    texts = ["一般公共预算财政拨款支出年初预算为1,000.00万元,支出决算为950.00万元,完成年初预算的95.00%。",
             "一般公共预算财政拨款支出年初预算为1,000.00万元,支出决算为950.00万元,完成年初预算的59.00%。",
             "项目支出年初预算为1.2亿元,支出决算为0.9亿元,完成年初预算的75%。"]
    section = m.Section(heading="决算说明", part=None, line=1,
                        paragraphs=[m.Paragraph(text=text, line=n) for n, text in enumerate(texts, 2)])
    disclosure.statements = build_statements([section], 2024)
    assert [(c.budget.printed, c.actual.printed, c.rate) for st in disclosure.statements for c in st.completions][2] == (
        "1.2亿元", "0.9亿元", D("75"))
    found = [f for f in audit_disclosure(disclosure).findings if f.rule == "N012"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [(m.Severity.WARNING, D("95.00"), D("59.00"))]


def test_project_codes_rule_is_skipped_without_codes(sample_result):
    assert ("P009", "the project table prints no function codes") in sample_result.skipped


def test_the_counts_the_narrative_states_are_recognised_once(sample_disclosure, sample_text, tmp_path):
    from budget_audit.audit import audit_path

    from tests.conftest import write_variant

    assert [(claim.what, claim.count) for claim in sample_disclosure.counts] == [
        ("projects_with_targets", 9), ("published_targets", 9)]
    # 公开项目绩效目标 10 个 against 9 纳入: P001 names both sentences
    result = audit_path(write_variant(tmp_path, sample_text.replace("公开项目绩效目标 9 个", "公开项目绩效目标 10 个")))
    (finding,) = [f for f in result.findings if f.rule == "P001" and "公开" in f.text("zh")]
    assert finding.text("zh") == "公开 10 个多于纳入 9 个"
    assert [where.text for where in finding.locations] == ["公开项目绩效目标10个", "纳入绩效目标管理的二级项目9个"]


def test_the_units_the_narrative_counts_against_the_running_costs_table(tmp_path):
    """The sample: “所属新绛县人力资源和社会保障局 1 家行政单位” and 机关运行经费表 lists that one unit: no note on the
    count. Saying 2 家 instead is noted, with the unit the table lists."""
    from budget_audit.audit import audit_path
    from tests.conftest import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    assert "所属新绛县人力资源和社会保障局 1 家行政单位" in text
    def counts(result):
        return [f.text("zh") for f in _by_rule(result, "N011") if "机关运行经费表列有" in f.text("zh")]

    assert counts(audit_path(SAMPLE)) == []
    miscounted = tmp_path / "sample.txt"
    miscounted.write_text(text.replace("1 家行政单位", "2 家行政单位"), encoding="utf-8")
    (note,) = counts(audit_path(miscounted))
    assert "2家行政单位" in note and "列有 1 个单位：新绛县人力资源和社会保障局" in note
