"""No misread cascades (S008) and no silent partial audit (S009), on rendered tables."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.audit import audit_path
from budget_audit.report.view import Report
from tests.pdfgen import PageSpec, ruled_table, write_pdf

HEADER = [("科目编码", "科目名称", "合计", "基本支出", "项目支出")]


def spending_rows(shift: bool) -> list[tuple[str, ...]]:
    """Six 款, each with two 项. With `shift`, every 项 amount is read one row too low (the columns of a
    misread layout): no single wrong cell explains the failures."""
    rows, items = [("", "合计", "60.00", "60.00", "")], []
    for n in range(1, 7):
        items.append([(f"2080{n}01", f"项目甲{n}", f"{n}.00", f"{n}.00", ""),
                      (f"2080{n}02", f"项目乙{n}", f"{10 - n}.00", f"{10 - n}.00", "")])
    rows.append(("208", "社会保障和就业支出", "60.00", "60.00", ""))
    amounts = [item[2:] for pair in items for item in pair]
    if shift:
        amounts = amounts[1:] + amounts[:1]
    flat = [item for pair in items for item in pair]
    for n in range(1, 7):
        rows.append((f"2080{n}", f"款{n}", "10.00", "10.00", ""))
        for item in flat[(n - 1) * 2:n * 2]:
            index = flat.index(item)
            rows.append((*item[:2], *amounts[index]))
    return rows


def audit(tmp_path, rows):
    return audit_path(write_pdf(tmp_path, [ruled_table("支出总表", HEADER, rows, widths=[60, 150, 60, 60, 60])]))


def test_a_misread_table_is_reported_once_and_its_failures_set_aside(tmp_path):
    result = audit(tmp_path, spending_rows(shift=True))
    assert [f for f in result.findings if f.severity == m.Severity.ERROR] == []
    [note] = [f for f in result.findings if f.rule == "S008"]
    assert note.severity == m.Severity.WARNING and note.locations[0].table == "BT03"
    failed = sum(1 for o in result.outcomes if o.status == "fail" and o.left.table == "BT03")
    assert f"中 {failed} 项不符" in note.message["zh"]
    [partial] = [f for f in result.findings if f.rule == "S009"]
    assert "核对了 0 张" in partial.message["zh"] and result.tables_checked == 0


def test_a_real_mistake_in_the_same_table_stays_an_error(tmp_path):
    rows = [row if row[0] != "2080301" else ("2080301", "项目甲3", "4.00", "4.00", "") for row in spending_rows(False)]
    result = audit(tmp_path, rows)
    errors = {(f.rule, f.locations[0].row) for f in result.findings if f.severity == m.Severity.ERROR}
    assert ("H001", "款3") in errors
    assert not [f for f in result.findings if f.rule in ("S008", "S009")]
    assert result.tables_checked == 1


def test_a_volume_without_tables_says_so(tmp_path):
    lines = ["某某局2026年部门预算情况说明", "一、收支预算总体情况",
             "2026年收入预算总计60.00万元，比上年增加2.00万元。", "2026年支出预算总计60.00万元，比上年增加2.00万元。",
             "二、收入预算情况", "一般公共预算拨款收入60.00万元，占100%。", "政府性基金预算拨款收入0.00万元。",
             "三、支出预算情况", "基本支出60.00万元，占100%。", "项目支出0.00万元。",
             "四、一般公共预算支出情况", "一般公共预算支出60.00万元。", "社会保障和就业支出60.00万元。"]
    page = PageSpec()
    for index, text in enumerate(lines):
        page.text(60, 800 - 20 * index, text)
    result = audit_path(write_pdf(tmp_path, [page]))
    [partial] = [f for f in result.findings if f.rule == "S009"]
    assert partial.severity == m.Severity.WARNING and "--bundle" in partial.message["zh"]


def test_the_summary_line_says_how_many_tables_were_audited(tmp_path):
    result = audit(tmp_path, spending_rows(shift=True))
    assert "识别表格 1 张，核对其中 0 张" in Report([result], lang="zh").summary_line(result)
    assert "1 tables recognised (0 audited)" in Report([result], lang="en").summary_line(result)


_TIED_FAILURES = """
from decimal import Decimal as D
from budget_audit import model as m
from budget_audit.misread import explaining_cells
from budget_audit.rules.base import Outcome

def cell(row, column):
    return m.Cell(text="1", value=D(1), unit="元", table="BT05", row=row, column=column, step=D("0.01"))

# failures sharing cells so that the greedy cover's first pick is a tie, and the pick decides the count: 乙 first
# leaves three failures apart (4 cells), 丙 first leaves 丁 covering two (3 cells)
pairs = [("丁", "乙"), ("丙", "乙"), ("戊", "丙"), ("己", "丁"), ("庚", "甲")]
failures = [Outcome("C001", "sum", cell(a, "c"), [cell(b, "c")], D(1), D(2), D(1), D(0), "元", "fail")
            for a, b in pairs]
print(explaining_cells(failures))
"""


def test_the_cells_that_explain_a_misread_table_do_not_depend_on_hash_order():
    """S008's count came out 21 or 22 for one table from run to run: ties in the greedy cover went to whichever
    cell a set listed first, and sets of strings list in hash order."""
    import os
    import subprocess
    import sys

    counts = {subprocess.run([sys.executable, "-c", _TIED_FAILURES], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in range(6)}
    assert len(counts) == 1
