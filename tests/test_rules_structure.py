"""S rules: the sample's findings with their titles, variants of the sample that break each rule, and the
corpus cases read back in the PDFs."""
from __future__ import annotations

import copy


from budget_audit import model as m
from budget_audit.audit import audit_disclosure, audit_path

from tests.conftest import findings

W, I, E = m.Severity.WARNING, m.Severity.INFO, m.Severity.ERROR


def test_sample_structure_findings(sample_result):
    assert findings(sample_result, "S001") == []
    for rule in ("S003", "S004", "S005", "S007"):
        assert findings(sample_result, rule) == [], rule
    [s006] = findings(sample_result, "S006")
    assert s006.severity == I and "省直部门" in s006.message["zh"] and "新绛县人力资源和社会保障局" in s006.message["zh"]


def test_sample_toc_wording_differences_are_info(sample_result):
    s002 = findings(sample_result, "S002")
    assert {f.severity for f in s002} == {I}
    pairs = sorted((f.locations[0].table, f.locations[0].table_title, f.locations[1].table_title) for f in s002)
    assert pairs == [
        ("BT07", "八、 2024年政府性基金预算支出预算表(不含上年结转)",
         "新绛县人力资源和社会保障局2024年政府性基金预算支出表(不含上年结转)"),
        ("BT07a", "七、 2024年政府性基金预算收入预算表(不含上年结转)",
         "新绛县人力资源和社会保障局2024年政府性基金预算收入表(不含上年结转)"),
        ("BT09", "十、2024年财政拨款安排“三公”经费预算表", "新绛县人力资源和社会保障局2024年财政拨款安排“三公”经费支出预算表"),
    ]


def test_s001_missing_required_table_names_the_toc_entry(variant):
    del variant.tables["BT10"]
    [s001] = findings(audit_disclosure(variant), "S001")
    assert s001.severity == W and "BT10“机关运行经费表”" in s001.message["zh"]
    assert "十一、2024年财政拨款安排机关运行经费预算表" in s001.message["zh"]


def test_s001_skips_a_volume_without_tables_or_narrative(variant):
    narrative_only = copy.deepcopy(variant)
    narrative_only.tables = {}
    result = audit_disclosure(narrative_only)
    assert findings(result, "S001") == []
    assert ("S001", "table-set check: the document has no tables (a narrative-only volume)") in result.skipped
    variant.sections = []
    del variant.tables["BT10"]
    result = audit_disclosure(variant)
    assert findings(result, "S001") == []
    assert ("S001", "table-set check: the document has no narrative (a table-only volume)") in result.skipped


def test_s003_note_naming_another_fund_and_contradicting_note(variant):
    variant.tables["BT08"].notes = ["备注:我单位本年度无政府性基金预算支出。"]
    variant.tables["BT10"].notes = ["备注:我单位本年度无机关运行经费预算。"]
    s003 = findings(audit_disclosure(variant), "S003")
    by_table = {f.locations[0].table: f for f in s003}
    assert by_table["BT08"].severity == W and "政府性基金" in by_table["BT08"].message["zh"]
    assert by_table["BT10"].severity == E and "16.42" in by_table["BT10"].message["zh"]


def test_s003_empty_table_without_note_is_info(variant):
    variant.tables["BT12"].notes = []
    [s003] = findings(audit_disclosure(variant), "S003")
    assert s003.severity == I and s003.locations[0].table == "BT12" and "为空表" in s003.message["zh"]


def test_s004_title_with_another_year(variant):
    variant.tables["BT03"].title = "新绛县人力资源和社会保障局2023年预算支出总表"
    [s004] = findings(audit_disclosure(variant), "S004")
    assert s004.severity == W and "2023" in s004.message["zh"] and "2024" in s004.message["zh"]


def test_s006_placeholders_are_one_warning(variant):
    section = next(s for s in variant.sections if s.heading == "九、政府采购情况")
    section.paragraphs[0].text = "XX单位政府采购预算总额XXX万元。"
    s006 = [f for f in findings(audit_disclosure(variant), "S006") if f.severity == W]
    assert len(s006) == 1 and "XX" in s006[0].message["zh"]


def test_s007_unpaired_project(variant):
    variant.projects[0].name = "遗属补助"
    s007 = findings(audit_disclosure(variant), "S007")
    assert sorted(f.message["zh"] for f in s007) == ["绩效目标表“遗属补助”在项目支出表中没有同名项目",
                                                     "项目支出表中的项目“遗属补助及取暖费”没有同名的绩效目标表"]
    assert {f.severity for f in s007} == {W}


def test_corpus_test_copy_missing_table_and_wrong_year(corpus):
    result = audit_path(corpus / "shanghai_putuo_govbudgetchecker" / "modified_not_authentic" / "24年普陀区财政局_测试问题版本.pdf")
    [missing] = [f for f in findings(result, "S001") if f.severity == W]
    assert "FT03“支出决算表”" in missing.message["zh"]
    [s004] = findings(result, "S004")
    assert "2023年度部门决算情况说明" in s004.message["zh"]
    [s006] = findings(result, "S006")
    assert s006.severity == W and "上海市普陀区XX局" in s006.message["zh"]


def test_corpus_narrative_volume_is_not_missing_tables(corpus):
    result = audit_path(corpus / "cities_renwu" / "北京市审计局_2026年部门预算_附件1_情况说明.pdf")
    assert findings(result, "S001") == []
    assert any(rule == "S001" and "narrative-only" in reason for rule, reason in result.skipped)


def test_corpus_empty_table_notes(corpus):
    putuo = audit_path(corpus / "shanghai_tianbaoxitong" / "上海市普陀区财政局2025年部门预算.pdf")
    [wrong_fund] = findings(putuo, "S003")
    assert wrong_fund.severity == W and wrong_fund.locations[0].table == "BT08"
    assert "无政府性基金预算" in wrong_fund.message["zh"]
    wanli = audit_path(corpus / "shanghai_putuo_govbudgetchecker" / "budget_2024_2025" / "上海市普陀区人民政府万里街道办事处24年预算.pdf")
    [contradiction] = findings(wanli, "S003")
    assert contradiction.severity == E and "47.91" in contradiction.message["zh"]
    central = audit_path(corpus / "cities_renwu" / "国家信访局_2026年度部门预算.pdf")
    assert findings(central, "S003") == []   # its （注：…没有使用…） notes are read from the page text


def test_one_project_name_key_pairs_table_rows_with_their_sheets(sample_disclosure):
    """S007 and P002–P004 look projects up by one key: the sample's 项目支出表 prints “2024 年“技能运城”建设新绛行动
    工作经费” and its sheet “2024年“技能运城”建设新绛行动工作经费”; brackets and book-title marks differ the same way
    between tables and sheets."""
    from budget_audit.recognise.project_names import project_key

    rows = {project_key(row.label) for row in sample_disclosure.tables["BT11"].rows}
    sheets = {project_key(project.name) for project in sample_disclosure.projects}
    assert project_key("2024年“技能运城”建设新绛行动工作经费") in rows & sheets
    assert project_key("《条例》宣传（二期）") == project_key("条例宣传(二期)") == "条例宣传二期"
