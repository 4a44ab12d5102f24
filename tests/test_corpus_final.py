"""The 决算 narrative on the corpus's Putuo 2024 决算: the totals and 项 it quotes against 收入支出决算总表,
财政拨款收入支出决算总表 and 一般公共预算财政拨款支出决算表, and what it says of each outturn against the budget."""
from __future__ import annotations

import pytest

from budget_audit.audit import audit_path

FINAL = "shanghai_putuo_govbudgetchecker/final_2024/"
DOCUMENTS = {
    "finance": FINAL + "上海市普陀区财政局2024年度部门决算.pdf",
    "planning": FINAL + "上海市普陀区规划和自然资源局2024年度部门决算.pdf",
    # the third party's copy of the finance bureau's 决算 with errors injected into its narrative
    "injected": "shanghai_putuo_govbudgetchecker/modified_not_authentic/24年普陀区财政局_测试问题版本.pdf",
}


@pytest.fixture(scope="module")
def final(request):
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"corpus not present: {CORPUS} (the 决算 narrative tests read ../shared/corpus/real)")
    return {name: audit_path(CORPUS / path) for name, path in DOCUMENTS.items()}


def _texts(result, rule, severity="warning"):
    return [f.text("zh") for f in result.findings if f.rule == rule and f.severity.label == severity]


def test_a_total_quoted_as_a_fraction_of_the_table_is_reported(final):
    """The published 财政局 决算 says 财政拨款收入支出总计 0.3万元; its 财政拨款收入支出决算总表 prints 2,961.68."""
    assert [t for t in _texts(final["finance"], "N001") if "0.3万元" in t and "2,961.68" in t and "FT04" in t]
    assert not _texts(final["finance"], "N015")


def test_the_injected_errors_are_found(final):
    result = final["injected"]
    assert [t for t in _texts(result, "N001") if "收入支出总计" in t and "0万元" in t and "2,995.39" in t]
    said = _texts(result, "N015")
    assert len(said) == 3
    assert any("决算数大于预算数" in t and "1560.05万元" in t and "1511.89万元" in t for t in said)
    assert any("决算数大于预算数" in t and "80.81万元" in t and "80.38万元" in t for t in said)
    assert any("决算数等于预算数" in t and "62.29万元" in t and "60.99万元" in t for t in said)


def test_each_named_item_outturn_is_compared_with_its_row(final):
    """规划和自然资源局: every 项 of 一般公共预算财政拨款支出决算具体情况 whose 款 name the table prints is checked
    (住房保障支出(款) for 住房改革支出 is not, so its two 项 stay unverified); its 基本支出 and 人员经费 are those
    of all funds (支出决算表 5,377.64), not of the 一般公共预算 table it names (5,364.75; 人员经费合计 4,884.09)."""
    result = final["planning"]
    unverified = {(quote.label, quote.text) for quote in result.quotes.unverified}
    for outturn in ("1092.80万元", "2739.56万元", "4416.67万元", "446.11万元", "40.35万元"):
        assert ("支出决算", outturn) not in unverified
    assert ("支出决算", "289.59万元") in unverified
    warnings = _texts(result, "N001")
    assert any("5377.64万元" in t and "5364.75" in t for t in warnings)
    assert any("4896.98万元" in t and "4884.10" in t for t in warnings)
