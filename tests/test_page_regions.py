"""Tables printed side by side on one page are read one after the other, each with its own title, unit line and
note, and a title wrapped in the half page's width is one title. Hand-made PDFs."""
from __future__ import annotations

from budget_audit.audit import audit_path
from budget_audit.read.pdf import read_pdf
from tests.pdfgen import PageSpec, write_pdf


def _small_table(page: PageSpec, x: float, title: list[str], rows: list[tuple[str, str]], note: str) -> None:
    """A titled two-column table at x, 230 points wide, its title wrapped over the given lines."""
    y = 760
    for piece in title:
        page.text(x, y, piece, size=10)
        y -= 14
    page.text(x + 170, y, "单位:万元", size=8)
    top = y - 6
    ys = [top - 18 * k for k in range(len(rows) + 2)]
    page.grid([x, x + 140, x + 230], ys)
    page.text(x + 3, ys[0] - 13, "项目", size=9).text(x + 143, ys[0] - 13, "金额", size=9)
    for k, (name, amount) in enumerate(rows, start=1):
        page.text(x + 3, ys[k] - 13, name, size=9).text(x + 200, ys[k] - 13, amount, size=9)
    page.text(x, ys[-1] - 14, note, size=8)


def _side_by_side_page() -> PageSpec:
    page = PageSpec()
    _small_table(page, 40, ["七、2024年政府性基金预算收入", "预算表(不含上年结转)"], [("合计", "0.00")],
                 "备注:本单位无政府性基金收入。")
    _small_table(page, 320, ["八、2024年政府性基金预算支出", "预算表(不含上年结转)"], [("合计", "0.00")],
                 "备注:本单位无政府性基金支出。")
    return page


def test_two_tables_side_by_side_are_read_one_after_the_other(tmp_path):
    doc = read_pdf(write_pdf(tmp_path, [_side_by_side_page()]))
    texts = [" ".join(cell for cell in line.cells if cell) for line in doc.lines]
    assert texts == ["七、2024年政府性基金预算收入", "预算表(不含上年结转)", "单位:万元", "项目 金额", "合计 0.00",
                     "备注:本单位无政府性基金收入。",
                     "八、2024年政府性基金预算支出", "预算表(不含上年结转)", "单位:万元", "项目 金额", "合计 0.00",
                     "备注:本单位无政府性基金支出。"]


def test_each_table_side_by_side_keeps_its_wrapped_title(tmp_path):
    result = audit_path(write_pdf(tmp_path, [_side_by_side_page()]))
    titles = {key: table.title for key, table in result.disclosure.tables.items()}
    assert titles == {"BT07a": "七、2024年政府性基金预算收入预算表(不含上年结转)",
                      "BT07": "八、2024年政府性基金预算支出预算表(不含上年结转)"}
