"""Issue 4 on the Putuo 司法局 2026 budgets: every numeric defect their human review checklists name."""
from __future__ import annotations

import pytest

from budget_audit.audit import audit_path

DEPARTMENT = "shanghai_putuo_govbudgetchecker/doc_check_2026/上海市普陀区司法局2026年部门预算.pdf"
UNIT = "shanghai_putuo_govbudgetchecker/doc_check_2026/上海市普陀区司法局2026年单位预算.pdf"


@pytest.fixture(scope="module")
def putuo(request):
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"corpus not present: {CORPUS} (the Putuo checklist tests read ../shared/corpus/real)")
    return {name: audit_path(CORPUS / path) for name, path in (("department", DEPARTMENT), ("unit", UNIT))}


def _texts(result, rule):
    return [f.text("zh") for f in result.findings if f.rule == rule]


def test_department_checklist(putuo):
    result = putuo["department"]
    assert any("43269.3" in t and "3845.49" in t and "下降91.11%" in t and "增加17.62%" in t for t in _texts(result, "N004"))
    assert any("208.8" in t and "201.50" in t for t in _texts(result, "N001"))
    assert any("医疗卫生与计划生育支出" in t and "卫生健康支出" in t for t in _texts(result, "X015"))
    # “。。” in 预算编制说明 item 5, and the stray right quote in 项目经费情况说明
    n016 = _texts(result, "N016")
    assert any("句号重复" in t and "方面的支出。。" in t for t in n016)
    assert any("引号不配对" in t and "优秀调解案例”活动" in t for t in n016)


def test_unit_checklist(putuo):
    result = putuo["unit"]
    n004 = _texts(result, "N004")
    assert any("1690.69" in t and "1434.89" in t and "下降15.13%" in t and "减少1.10%" in t for t in n004)
    assert any("241.76" in t and "170.03" in t and "增加21.74%" in t for t in n004)
    n001 = _texts(result, "N001")
    assert any("56.12" in t and "57.8" in t for t in n001)
    assert any("207" in t and "170.03" in t for t in n001)
    assert any("医疗卫生与计划生育支出" in t for t in _texts(result, "X015"))
    assert any("原因是。" in t for t in _texts(result, "N009"))
    # “财政拨款收入支出增加（减少）的主要原因是业务量增加。”: a sentence quoting no amount
    assert any("增加(减少)" in t for t in _texts(result, "N014"))
    # a 单位预算 that writes “2026年部门预算安排购置车辆0辆” and “部门预算安排购置单价100万元（含）以上设备”
    assert any("2026年部门预算安排" in t and "“部门预算安排”" in t for t in _texts(result, "N018"))
    assert all(f.severity.label in ("warning", "info") for f in result.findings if f.rule[0] in "NPU")
