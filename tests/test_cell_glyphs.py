"""Which glyphs a ruled cell says, from geometry: a name that runs on past its cell's right rule, clipped to the
cell, stays in its own cell; a label shrunk to fit over a hidden cell is not part of the cell it is drawn in.
Each case is a hand-made PDF."""
from __future__ import annotations

from budget_audit.read.pdf import read_pdf
from tests.pdfgen import PageSpec, write_pdf

XS = [40, 150, 230, 310]
YS = [700, 680, 660, 640]


def _grid_page() -> PageSpec:
    page = PageSpec().text(60, 730, "基本支出预算表", size=14).text(40, 712, "单位:元", size=9)
    page.grid(XS, YS)
    page.text(43, YS[0] - 14, "科目名称", size=9).text(153, YS[0] - 14, "合计", size=9)
    page.text(233, YS[0] - 14, "人员经费", size=9)
    return page


def _clipped(page: PageSpec, x0: float, y0: float, x1: float, y1: float, x: float, y: float, text: str,
             size: float = 9) -> None:
    """Text drawn inside a clipping rectangle, as spreadsheet exports draw every cell."""
    page.ops.append(f"q {x0} {y0} {x1 - x0} {y1 - y0} re W n")
    page.text(x, y, text, size=size)
    page.ops.append("Q")


def test_a_name_running_past_its_clipped_cell_stays_in_it(tmp_path):
    """西安科技 2022 基本支出表: 机关事业单位基本养老保险缴费 runs on past the name column's rule; the clip cuts
    it there, and the glyphs beyond the rule are anchored on the clip's edge, the rule itself."""
    page = _grid_page()
    name = "机关事业单位基本养老保险缴费"   # 14 glyphs of 9 pt: 126 pt in a 110 pt cell
    _clipped(page, XS[0], YS[2], XS[1], YS[1], XS[0] + 3, YS[1] - 14, name)
    _clipped(page, XS[1], YS[2], XS[2], YS[1], XS[1] + 20, YS[1] - 14, "2947399.16")
    _clipped(page, XS[2], YS[2], XS[3], YS[1], XS[2] + 20, YS[1] - 14, "2947399.16")
    _clipped(page, XS[0], YS[3], XS[1], YS[2], XS[0] + 3, YS[2] - 14, "合计")
    _clipped(page, XS[1], YS[3], XS[2], YS[2], XS[1] + 20, YS[2] - 14, "2947399.16")
    _clipped(page, XS[2], YS[3], XS[3], YS[2], XS[2] + 20, YS[2] - 14, "2947399.16")
    doc = read_pdf(write_pdf(tmp_path, [page]))
    assert [line.cells for line in doc.lines][2:] == [
        ("科目名称", "合计", "人员经费"),
        (name, "2947399.16", "2947399.16"),
        ("合计", "2947399.16", "2947399.16")]


def test_a_label_shrunk_over_a_hidden_cell_is_not_read_into_its_neighbour(tmp_path):
    """西安国资委 2022 三公表: a column hidden in the spreadsheet leaves its label printed in 2-point type over
    the header cell beside it (公务用车购置及运行费 with a tiny 购置费 inside)."""
    page = _grid_page()
    page.text(XS[2] + 40, YS[0] - 16, "购置费", size=2)
    page.text(XS[0] + 3, YS[1] - 14, "工资福利支出", size=9).text(XS[1] + 20, YS[1] - 14, "100.00", size=9)
    page.text(XS[2] + 20, YS[1] - 14, "100.00", size=9)
    page.text(XS[0] + 3, YS[2] - 14, "合计", size=9).text(XS[1] + 20, YS[2] - 14, "100.00", size=9)
    page.text(XS[2] + 20, YS[2] - 14, "100.00", size=9)
    doc = read_pdf(write_pdf(tmp_path, [page]))
    assert [line.cells for line in doc.lines][2:5] == [
        ("科目名称", "合计", "人员经费"),
        ("工资福利支出", "100.00", "100.00"),
        ("合计", "100.00", "100.00")]


def test_an_amount_over_a_rule_left_out_of_its_row_closes_the_column_it_ends_in(tmp_path):
    """北京水务 2026 支出总表: the 合计 row leaves out the rule left of its bold 1,024,807.171785, which runs over
    it; the figure is the 合计 column's, the one its right end stands in, not the economic-class column's."""
    xs = [40, 120, 220, 320, 420]
    ys = [700, 680, 660, 640]
    page = PageSpec().text(60, 730, "支出总表", size=14).text(40, 712, "单位:万元", size=9)
    page.grid(xs, ys, skip={("v", 2, 2)})
    for x, text in ((43, "科目名称"), (123, "经济分类科目"), (223, "合计"), (323, "基本支出")):
        page.text(x, ys[0] - 14, text, size=9)
    for x, text in ((43, "行政运行"), (123, "30101-基本工资"), (265, "100.000000"), (365, "100.000000")):
        page.text(x, ys[1] - 14, text, size=9)
    for x, text in ((43, "合计"), (214, "1,024,807.171785"), (325, "1,024,807.17178")):
        page.text(x, ys[2] - 14, text, size=9)
    doc = read_pdf(write_pdf(tmp_path, [page]))
    assert [line.cells for line in doc.lines][-1] == ("合计", "", "1,024,807.171785", "1,024,807.17178")


def test_columns_merged_in_every_row_keep_their_figure_where_the_header_is(tmp_path):
    """西安工信 2022 整体绩效目标表: 预算金额/总额 heads two slots merged in every row; its figures stay under it."""
    xs = [40, 140, 200, 260, 330]
    ys = [700, 680, 660, 640]
    page = PageSpec().text(60, 730, "部门整体支出绩效目标表", size=14).text(40, 712, "单位:万元", size=9)
    page.grid(xs, ys, skip={("v", 2, 0), ("v", 2, 1), ("v", 2, 2)})
    for x, text in ((43, "任务名称"), (143, "总额"), (263, "财政拨款")):
        page.text(x, ys[0] - 14, text, size=9)
    for row, (name, amount) in enumerate((("任务1:基本履职", "4660.78"), ("任务2:信用体系建设", "234.00")), start=1):
        page.text(43, ys[row] - 14, name, size=9).text(215, ys[row] - 14, amount, size=9)
        page.text(275, ys[row] - 14, amount, size=9)
    doc = read_pdf(write_pdf(tmp_path, [page]))
    assert [line.cells for line in doc.lines][-2:] == [("任务1:基本履职", "4660.78", "4660.78"),
                                                        ("任务2:信用体系建设", "234.00", "234.00")]


SUMMARY_XS = [40, 200, 260, 420, 480]


def _framed_body(page: PageSpec, top: float, rows: list[tuple[str, str, str, str]]) -> float:
    """Rows of a 收支总表 printed in a frame (its two sides, a rule above and below) without column lines: each
    amount right-aligned against the rule its row does not draw, a hair from the name beside it."""
    xs = SUMMARY_XS
    bottom = top - 18 * len(rows)
    page.line(xs[0], top, xs[0], bottom).line(xs[-1], top, xs[-1], bottom)
    page.line(xs[0], top, xs[-1], top).line(xs[0], bottom, xs[-1], bottom)
    for index, (income, amount, spending, spent) in enumerate(rows):
        y = top - 18 * index - 13
        page.text(xs[0] + 3, y, income, size=9).text(xs[2] + 3, y, spending, size=9)
        page.text(xs[2] - 2 - 5.0 * len(amount), y, amount, size=9).text(xs[4] - 2 - 5.0 * len(spent), y, spent, size=9)
    return bottom


def _boxed_header(page: PageSpec) -> None:
    page.text(60, 800, "收支总表", size=14).text(40, 782, "单位:万元", size=9)
    page.grid(SUMMARY_XS, [770, 752])
    for x, text in ((43, "收入项目"), (203, "金额"), (263, "支出项目"), (423, "金额")):
        page.text(x, 757, text, size=9)


def test_a_framed_body_continued_without_its_header_keeps_the_headers_column_lines(tmp_path):
    """A header boxed over an open body, continued on the next page in a frame alone: the frame's sides stand
    where the table's outer column lines stood, so its rows are read in the column lines the header drew."""
    first = PageSpec()
    _boxed_header(first)
    _framed_body(first, 752, [(f"{k}、某项收入", "1.00", f"{k}、某项支出", "1.00") for k in range(1, 38)])
    second = PageSpec()
    _framed_body(second, 800, [("本年收入合计", "351.16", "本年支出合计", "351.16"),
                               ("收入总计", "351.16", "支出总计", "351.16")])
    doc = read_pdf(write_pdf(tmp_path, [first, second]))
    continued = [line.cells for line in doc.lines if line.page == 2]
    assert continued == [("本年收入合计", "351.16", "本年支出合计", "351.16"), ("收入总计", "351.16", "支出总计", "351.16")]


def test_one_line_of_figures_under_a_boxed_header_is_read_in_its_column_lines(tmp_path):
    """The last row of a table, alone under its header repeated at the head of a page, in an open frame."""
    page = PageSpec()
    _boxed_header(page)
    _framed_body(page, 752, [("收入总计", "351.16", "支出总计", "351.16")])
    doc = read_pdf(write_pdf(tmp_path, [page]))
    assert [line.cells for line in doc.lines][-1] == ("收入总计", "351.16", "支出总计", "351.16")
