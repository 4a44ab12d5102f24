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


def _income_halves(second_header: tuple[str, ...], second_row: tuple[str, ...]):
    from tests.pdfgen import ruled_table
    first = ruled_table("收入总表", [("合计", "一般公共预算", "政府性基金预算")], [("30.00", "20.00", "5.00")],
                        widths=[80, 90, 90])
    second = ruled_table("收入总表", [second_header], [second_row], widths=[80, 90, 90][:len(second_header)])
    return [first, second]


def test_a_wide_table_printed_in_two_halves_is_said_and_not_checked(tmp_path):
    """北京水务 2026 预算02表: 合计 … 政府性基金 on one page, 其他收入 and 上年结转 of the same row on the next. Read as
    more rows of the first half, its 合计 would miss the second half's columns: it is set aside, and said."""
    result = audit_path(write_pdf(tmp_path, _income_halves(("其他收入", "上年结转"), ("5.00", "0.00"))))
    table = result.disclosure.tables["BT02"]
    assert table.layout_issues == ["printed in column halves: page 2 prints other columns of the same rows"]
    assert [f.rule for f in result.findings if f.severity.name == "ERROR"] == []
    assert any(f.rule == "S009" and "BT02" in f.text("zh") for f in result.findings)


def test_a_table_continued_with_its_header_repeated_is_one_table(tmp_path):
    """The same header over the next page's figures continues the rows: nothing is set aside."""
    result = audit_path(write_pdf(tmp_path, _income_halves(("合计", "一般公共预算", "政府性基金预算"),
                                                          ("5.00", "5.00", ""))))
    assert not any("column halves" in issue for issue in result.disclosure.tables["BT02"].layout_issues)
