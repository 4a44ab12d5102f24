"""K rules: the sample's findings with their numbers, variants of the sample that break each rule, and the
corpus cases read back in the PDFs."""
from __future__ import annotations

import copy
from decimal import Decimal as D


from budget_audit import model as m
from budget_audit.audit import audit_disclosure, audit_path

from tests.conftest import findings

W, I, E = m.Severity.WARNING, m.Severity.INFO, m.Severity.ERROR


def test_sample_k003_is_one_warning_for_both_tables(sample_result):
    [k003] = findings(sample_result, "K003")
    assert k003.severity == W
    assert "2080101 行政运行" in k003.message["zh"] and "46.00 万元" in k003.message["zh"]
    assert "合计 217.11" in k003.message["zh"] and "BT03支出总表、BT05一般公共预算支出表" in k003.message["zh"]
    assert "46.00" in k003.message["en"]
    assert [loc.table for loc in k003.locations] == ["BT03", "BT05"]
    assert (k003.actual, k003.expected) == (D("46"), D("0"))


def test_sample_has_no_other_classification_finding(sample_result):
    assert [f.rule for f in sample_result.findings if f.rule.startswith("K")] == ["K003"]
    assert ("K005", "BT06: 人员经费/公用经费 columns cannot be told apart in the text") in sample_result.skipped


def _row(disclosure, key, code):
    return next(r for r in disclosure.tables[key].rows if r.code == code)


def test_k001_legacy_name_is_flagged_from_2019_only(variant):
    for row in variant.tables["BT01"].rows:
        if row.code == "210" and row.side == m.EXPENDITURE:
            row.label = row.printed = "医疗卫生与计划生育支出"
    [k001] = findings(audit_disclosure(variant), "K001")
    assert k001.severity == W and "旧科目名称" in k001.message["zh"]
    assert "210“医疗卫生与计划生育支出”（现名“卫生健康支出”" in k001.message["zh"]
    variant.meta.year = 2018   # the old name was still official; 224/234 did not exist yet
    messages = [f.message["zh"] for f in findings(audit_disclosure(variant), "K001")]
    assert not [text for text in messages if "旧科目名称" in text]
    assert len(messages) == 2 and "224（2018 年尚未设立）" in messages[0] and "234（2018 年尚未设立）" in messages[1]


def test_k001_unknown_class_code(variant):
    _row(variant, "BT03", "221").code = "225"
    [k001] = findings(audit_disclosure(variant), "K001")
    assert k001.severity == W and "225" in k001.message["zh"] and "住房保障支出" in k001.message["zh"]


def test_k003_basic_only_item_with_project_money_is_info(variant):
    row = _row(variant, "BT03", "2210201")
    row.cells[m.PROJECT] = m.Cell(text="1.00", value=D("1.00"), unit="万元", table="BT03", row=row.label, column="项目支出")
    k003 = findings(audit_disclosure(variant), "K003")
    info = [f for f in k003 if f.severity == I]
    assert len(info) == 1 and "2210201 住房公积金" in info[0].message["zh"] and "1.00 万元" in info[0].message["zh"]


def test_k004_wrong_government_item(variant):
    row = _row(variant, "BT06", "30201")
    row.gov_code, row.gov_name = "50206", "公务接待费"
    [k004] = findings(audit_disclosure(variant), "K004")
    assert k004.severity == W
    assert "30201“办公费” 0.96" in k004.message["zh"] and "50206" in k004.message["zh"] and "50201" in k004.message["zh"]


def test_k005_fires_when_columns_can_be_told_apart(variant):
    table = variant.tables["BT06"]
    for row in table.rows:   # move every 302 leaf into the 公用 column, as a well-read PDF would show it
        if row.code and row.code.startswith("302") and len(row.code) == 5:
            row.cells[m.PUBLIC], row.cells[m.PERSONNEL] = row.cells[m.PERSONNEL], copy.copy(row.cells[m.PERSONNEL])
            row.cells[m.PERSONNEL].value, row.cells[m.PERSONNEL].text = None, ""
    assert findings(audit_disclosure(variant), "K005") == []
    office = _row(variant, "BT06", "30201")
    office.cells[m.PERSONNEL], office.cells[m.PUBLIC] = office.cells[m.PUBLIC], office.cells[m.PERSONNEL]
    [k005] = findings(audit_disclosure(variant), "K005")
    assert k005.severity == E and "30201“办公费”" in k005.message["zh"] and "0.96" in k005.message["zh"]


def test_corpus_k005_hangzhou_303_in_public_column(corpus):
    result = audit_path(corpus / "cities_renwu" / "杭州市气象局_2026年部门预算.pdf")
    [k005] = findings(result, "K005")
    # 303 in the 公用 column: a WARNING (only a 302 amount in the 人员 column is an ERROR, checks.md K005)
    assert k005.severity == m.Severity.WARNING and "30399" in k005.message["zh"] and "53.00" in k005.message["zh"]


def test_corpus_k001_legacy_name_in_a_2024_document(corpus):
    result = audit_path(corpus / "shanghai_tianbaoxitong" / "上海市普陀区社会福利院2024年单位预算.pdf")
    [k001] = findings(result, "K001")
    assert k001.severity == W and "医疗卫生与计划生育支出" in k001.message["zh"] and "卫生健康支出" in k001.message["zh"]


def test_corpus_k003_putuo_justice_bureau(corpus):
    result = audit_path(corpus / "shanghai_putuo_govbudgetchecker" / "doc_check_2026" / "上海市普陀区司法局2026年单位预算.pdf")
    [k003] = findings(result, "K003")
    assert k003.severity == W and "2040601 行政运行" in k003.message["zh"] and "64,840,547.00 元" in k003.message["zh"]
