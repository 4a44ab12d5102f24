"""Tables broken down by 预算单位 (Shenzhen 支出总表, 基本支出总表): each unit's block is a group of its own,
rendered here as PDFs in the two layouts seen in real documents (a 预算单位 column, or the unit named in the
name column), and checked against real documents when the train corpus is present."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from budget_audit import model as m
from budget_audit.audit import audit_path
from tests.conftest import findings
from tests.pdfgen import PageSpec, write_pdf

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "train"
HEADER = ("科目编码", "科目名称", "合计", "基本支出", "项目支出")
UNIT_A = [("", "", "甲局(本级)", "60.00", "40.00", "20.00"),
          ("", "208", "社会保障和就业支出", "60.00", "40.00", "20.00"),
          ("", "20805", "行政事业单位养老支出", "60.00", "40.00", "20.00"),
          ("", "2080501", "行政单位离退休", "25.00", "25.00", "0.00"),
          ("", "2080505", "机关事业单位基本养老保险缴费支出", "35.00", "15.00", "20.00")]
UNIT_B = [("", "", "甲局下属中心", "30.00", "30.00", "0.00"),
          ("", "208", "社会保障和就业支出", "30.00", "30.00", "0.00"),
          ("", "20805", "行政事业单位养老支出", "30.00", "30.00", "0.00"),
          ("", "2080501", "行政单位离退休", "10.00", "10.00", "0.00"),
          ("", "2080505", "机关事业单位基本养老保险缴费支出", "20.00", "20.00", "0.00")]
DEPARTMENT = ("", "", "甲局", "90.00", "70.00", "20.00")


def _unit_column_rows(rows):
    """The unit's name in a 预算单位 column of its own, left of the code."""
    return [(name if not code else "", code, "" if not code else name, *amounts)
            for _, code, name, *amounts in rows]


def render_table(tmp_path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> Path:
    """One ruled table on an A4 page: 支出总表, 单位：万元, one header row."""
    widths = [70, 60, 150, 60, 60, 60][-len(header):]
    xs = [40]
    for width in widths:
        xs.append(xs[-1] + width)
    page = PageSpec().text(250, 800, "支出总表", size=14).text(460, 780, "单位：万元", size=9)
    top, height = 770, 18
    ys = [top - height * i for i in range(len(rows) + 2)]
    page.grid(xs, ys)
    for r, cells in enumerate([header, *rows]):
        for c, text in enumerate(cells):
            if text:
                page.text(xs[c] + 3, ys[r] - 13, text, size=8)
    return write_pdf(tmp_path, [page])


def _unit_layouts(unit_b=tuple(UNIT_B)):
    with_column = [_unit_column_rows([DEPARTMENT]), _unit_column_rows(UNIT_A), _unit_column_rows(unit_b)]
    in_name_column = [[DEPARTMENT[1:]], [row[1:] for row in UNIT_A], [row[1:] for row in unit_b]]
    return {"unit column": (("预算单位", *HEADER), with_column), "unit in name column": (HEADER, in_name_column)}


@pytest.mark.parametrize("layout", sorted(_unit_layouts()))
def test_each_unit_is_a_block_under_the_department_total(tmp_path, layout):
    header, (department, unit_a, unit_b) = _unit_layouts()[layout]
    result = audit_path(render_table(tmp_path, [*department, *unit_a, *unit_b], header))
    table = result.disclosure.tables["BT03"]
    assert table.layout_issues == []
    kinds = [(row.kind, row.label, row.unit) for row in table.rows if row.kind != m.ITEM]
    assert kinds == [(m.TOTAL_ROW, "甲局", None), (m.UNIT_TOTAL_ROW, "甲局(本级)", "甲局(本级)"),
                     (m.UNIT_TOTAL_ROW, "甲局下属中心", "甲局下属中心")]
    assert [row.unit for row in table.rows if row.code == "208"] == ["甲局(本级)", "甲局下属中心"]
    assert [f for f in result.findings if f.severity == m.Severity.ERROR] == []
    unit_checks = [o for o in result.outcomes if o.rule == "C004"]
    assert {(o.left.row, o.expected) for o in unit_checks if o.left.column == "合计"} == {
        ("甲局(本级)", D("60.00")), ("甲局下属中心", D("30.00")), ("甲局", D("90.00"))}
    assert all(o.status == "pass" for o in unit_checks)


@pytest.mark.parametrize("layout", sorted(_unit_layouts()))
def test_a_wrong_amount_in_one_unit_is_found_in_that_unit(tmp_path, layout):
    broken_b = [("", "2080501", "行政单位离退休", "12.00", "12.00", "0.00") if row[1] == "2080501" else row
                for row in UNIT_B]   # 10.00 → 12.00 in the second unit only: its 20805 no longer adds up
    header, (department, unit_a, unit_b) = _unit_layouts(tuple(broken_b))[layout]
    result = audit_path(render_table(tmp_path, [*department, *unit_a, *unit_b], header))
    errors = [f for f in result.findings if f.severity == m.Severity.ERROR]
    assert {(f.rule, f.locations[0].row, f.actual, f.expected) for f in errors} >= {
        ("H001", "行政事业单位养老支出", D("30.00"), D("32.00"))}
    assert {f.rule for f in errors} <= {"H001", "C004"}   # never a roll-up across the two units


def test_a_table_named_without_codes_is_not_read_as_units(tmp_path):
    """款/项 rows named but not coded (Hangzhou): an uncoded row above a class is a 款, not a unit."""
    rows = [("", "合计", "30.00", "30.00", "0.00"), ("", "社会保障和就业支出", "30.00", "30.00", "0.00"),
            ("", "行政事业单位养老支出", "30.00", "30.00", "0.00"), ("", "行政单位离退休", "30.00", "30.00", "0.00"),
            ("", "卫生健康支出", "0.00", "0.00", "0.00"), ("", "行政事业单位医疗", "0.00", "0.00", "0.00")]
    table = audit_path(render_table(tmp_path, rows, HEADER)).disclosure.tables["BT03"]
    assert [row.kind for row in table.rows].count(m.UNIT_TOTAL_ROW) == 0
    assert [row.code for row in table.rows if row.level == "类"] == ["208", "210"]


@pytest.mark.parametrize("name, units", [("深圳市水务局", 13), ("深圳市生态环境局", 18)])
def test_shenzhen_unit_breakdowns_add_up(name, units):
    path = TRAIN / "shenzhen" / f"{name}_2026年部门预算.pdf"
    if not path.is_file():
        pytest.skip(f"train corpus not present: {path}")
    result = audit_path(path)
    table = result.disclosure.tables["BT03"]
    assert sum(1 for row in table.rows if row.kind == m.UNIT_TOTAL_ROW) == units
    roll_ups = [o for o in result.outcomes if o.rule in ("H001", "H002", "C004")]
    assert roll_ups and [o for o in roll_ups if o.status == "fail"] == []
