"""The PDF reader: real disclosures from the corpus, hand-made PDFs for the layout cases, bad input."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from budget_audit.errors import DocumentError
from budget_audit.read.layout import SourceDocument
from budget_audit.read.pdf import read_pdf
from tests.pdfgen import PageSpec, make_pdf, write_pdf

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "real"


def corpus_file(rel: str) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("corpus not present: ../shared/corpus/real")
    path = CORPUS / rel
    if not path.is_file():
        pytest.skip(f"corpus file not present: {rel}")
    return path


@functools.lru_cache(maxsize=None)
def _read_cached(path: str) -> SourceDocument:
    return read_pdf(path)


def read_corpus(rel: str) -> SourceDocument:
    return _read_cached(str(corpus_file(rel)))


def rows_on(doc: SourceDocument, page: int) -> list[tuple[str, ...]]:
    return [line.cells for line in doc.lines if line.page == page]


def find_row(doc: SourceDocument, page: int, first: str) -> tuple[str, ...]:
    for line in doc.lines:
        if line.page == page and line.is_row and line.cells[0] == first:
            return line.cells
    raise AssertionError(f"no row starting {first!r} on page {page}: {rows_on(doc, page)}")


# ---------------------------------------------------------------------------------------------------
# real disclosures


SHANGHAI_UNIT = "shanghai_putuo_govbudgetchecker/doc_check_2026/上海市普陀区司法局2026年单位预算.pdf"
BEIJING_TABLES = "cities_renwu/北京市审计局_2026年部门预算_附件2_报表.pdf"
JIANGSU_2019_TABLES = "jiangsu_open_budget/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开表格.pdf"
JIANGSU_2019_ROTATED = "jiangsu_open_budget/江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf"
CHANGCHUN = "cities_renwu/长春市信访局本级_2026年部门预算.pdf"
FUZHOU = "cities_renwu/福州市商务局_2026年部门预算.pdf"
SCANNED = "cities_renwu/negative_not_budget/长沙市公安局交通警察支队_2023年度专项资金绩效评价结果_扫描件.pdf"


def test_document_shape():
    doc = read_corpus(SHANGHAI_UNIT)
    assert doc.reader == "pdf"
    assert doc.page_count == 21
    assert [line.lineno for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    pages = [line.page for line in doc.lines]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] <= 21
    assert doc.lines[0].cells == ("上海市普陀区2026年区级单位预算",)
    assert all(cell == cell.strip() for line in doc.lines for cell in line.cells)


def test_shanghai_putuo_yuan_income_expenditure_table():
    doc = read_corpus(SHANGHAI_UNIT)
    page = rows_on(doc, 8)
    assert page[0] == ("2026年预算单位财务收支预算总表",)
    assert page[1] == ("编制单位:上海市普陀区司法局", "单位:元")
    # multi-row header: spans put their text in the first (top-left) slot
    assert page[2] == ("本年收入", "", "本年支出", "", "", "", "")
    assert page[3] == ("项目", "预算数", "项目", "预算数", "", "", "")
    assert page[4] == ("", "", "", "合计", "基本支出", "", "项目支出")
    assert page[5] == ("", "", "", "", "人员经费", "公用经费", "")
    assert find_row(doc, 8, "一、财政拨款收入") == (
        "一、财政拨款收入", "86,959,408.34", "一、公共安全支出", "79,189,400.34", "12,604,173", "1,744,680",
        "64,840,547",
    )
    assert find_row(doc, 8, "二、事业收入") == ("二、事业收入", "0.00", "", "", "", "", "")
    assert find_row(doc, 8, "收入总计") == (
        "收入总计", "86,959,408.34", "支出总计", "86,959,408.34", "20,374,181", "1,744,680", "64,840,547",
    )


def test_shanghai_putuo_expenditure_table_and_continuation_page():
    doc = read_corpus(SHANGHAI_UNIT)
    # header cells spanning the two lower header rows sit in the upper one, next to the span 功能分类科目编码
    assert find_row(doc, 11, "项目") == ("项目", "", "", "", "支出预算", "", "")
    assert find_row(doc, 11, "功能分类科目编码") == (
        "功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出",
    )
    assert find_row(doc, 11, "类") == ("类", "款", "项", "", "", "", "")
    # the known defect of this document (行政运行: 项目支出 printed although 合计 = 基本支出) is read as printed
    assert ("204", "06", "01", "行政运行", "14,348,853.34", "14,348,853.34", "64,840,547.00") in rows_on(doc, 11)
    assert find_row(doc, 12, "合计") == ("合计", "", "", "", "86,959,408.34", "22,118,861", "64,840,547.00")
    # the 一般公共预算支出功能分类预算表 continues on page 15, header repeated
    assert find_row(doc, 15, "项目") == ("项目", "", "", "", "一般公共预算支出", "", "")
    assert find_row(doc, 15, "类") == ("类", "款", "项", "", "", "", "")
    assert ("221", "02", "03", "购房补贴", "2,070,000.00", "2,070,000.00", "0") in rows_on(doc, 15)


def test_beijing_six_decimal_wanyuan_tables():
    doc = read_corpus(BEIJING_TABLES)
    assert doc.page_count == 21
    assert rows_on(doc, 1)[1] == ("金额单位:万元",)
    assert find_row(doc, 1, "一、一般公共预算拨款收入") == (
        "一、一般公共预算拨款收入", "32,365.090089", "一、一般公共服务支出", "26,661.064552",
    )
    assert find_row(doc, 1, "二、政府性基金预算拨款收入") == ("二、政府性基金预算拨款收入", "", "二、外交支出", "")
    assert find_row(doc, 1, "收入总计") == ("收入总计", "32,852.053832", "支出总计", "32,852.053832")
    # 支出总表: 9 columns, 合计 row with blanks kept in place
    assert find_row(doc, 3, "支出功能分类科目")[:6] == (
        "支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", "合计", "基本支出", "项目支出",
    )
    assert find_row(doc, 3, "合计") == ("合计", "", "", "32,852.053832", "25,218.537585", "7,633.516247", "", "", "")


def test_wrapped_cells_stay_in_one_row():
    doc = read_corpus(BEIJING_TABLES)
    # "其他适合通过市场化方式提供的机 / 关工作人员培训服务" is printed on two lines inside one cell
    row = ("02-政府履职辅助性服务", "0209-机关工作人员培训服务", "其他适合通过市场化方式提供的机关工作人员培训服务", "5.000000")
    assert row in rows_on(doc, 11)
    # wrapped header cells of the 收入总表: one row, each text whole
    header = find_row(doc, 2, "")
    assert "一般公共预算资金" in header and "政府性基金预算资金" in header
    # a number wrapped inside its cell ("24995.9" / "4") is one number in one row
    fuzhou = read_corpus(FUZHOU)
    assert find_row(fuzhou, 11, "本年收入合计") == ("本年收入合计", "24995.94", "本年支出合计", "24995.94")
    assert find_row(fuzhou, 11, "收入合计") == ("收入合计", "24995.94", "支出合计", "24995.94")


def test_jiangsu_2019_table_volume():
    doc = read_corpus(JIANGSU_2019_TABLES)
    assert doc.page_count == 12
    assert rows_on(doc, 1)[0] == ("收支预算总表",)
    assert find_row(doc, 1, "收入") == ("收入", "", "支出", "", "", "")
    assert find_row(doc, 1, "一、财政拨款") == (
        "一、财政拨款", "27,664.22", "一、一般公共服务支出", "22,395.50", "一、基本支出", "11,700.63",
    )
    # 支出合计 spans the 功能分类 and 支出用途 name columns
    assert find_row(doc, 1, "收入合计") == ("收入合计", "27,664.22", "支出合计", "", "", "27,664.22")
    assert rows_on(doc, 3) == [
        ("支出预算总表",),
        ("部门:中共江苏省委办公厅", "单位:万元"),
        ("合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"),
        ("27,664.22", "11,700.63", "13,025.38", "2,938.21", ""),
    ]


def test_rotated_landscape_pages():
    doc = read_corpus(JIANGSU_2019_ROTATED)  # every page has /Rotate
    assert find_row(doc, 2, "收入总计") == ("收入总计", "", "18,330.37")
    assert find_row(doc, 2, "一般公共预算资金") == ("一般公共预算资金", "小计", "18,330.37")


def test_city_wanyuan_table_with_boxed_title():
    doc = read_corpus(CHANGCHUN)
    page = rows_on(doc, 6)
    assert ("收支总表(预算表1)",) in page  # title boxed in with the table is a line, not a row
    assert find_row(doc, 6, "项目") == ("项目", "本年预算", "编制预算", "上年结转", "项目", "本年预算", "编制预算", "上年结转")
    assert find_row(doc, 6, "收入总计") == (
        "收入总计", "1682.76", "1682.76", "0.00", "支出总计", "1682.76", "1682.76", "0.00",
    )


def test_scanned_negative_has_no_text_layer():
    path = corpus_file(SCANNED)
    with pytest.raises(DocumentError) as info:
        read_pdf(path)
    assert info.value.code == "no_text_layer"
    assert info.value.message == "no text layer: 7 pages, 0 characters (scanned image?)"


def test_truncated_corpus_file(tmp_path):
    data = corpus_file(SHANGHAI_UNIT).read_bytes()
    cut = tmp_path / "truncated.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentError) as info:
        read_pdf(cut)
    assert info.value.code == "unreadable"
    assert "\n" not in info.value.message


# ---------------------------------------------------------------------------------------------------
# hand-made PDFs


def _budget_table_page() -> PageSpec:
    """A ruled table: a header cell spanning two columns, one spanning two rows, a wrapped name, a white
    rule through a merged cell, a fake-bold title, a page-number footer."""
    p = PageSpec()
    for dx in (0, 0.3):  # "fake bold": the title drawn twice, 0.3 pt apart
        p.text(200 + dx, 780, "支出预算总表", size=16)
    p.text(60, 755, "单位：万元", size=9)
    xs = [50, 250, 350, 450]
    ys = [740, 720, 700, 680, 650, 630]  # rows: header1, header2, data, wrapped data (two lines), total
    p.grid(xs, ys, skip={("h", 1, 0), ("v", 2, 0)})
    p.line(300, 740, 300, 720, gray=1.0)  # a white rule inside the 预算数 span: not a border
    p.text(55, 718, "项目", size=10)            # spans header rows 1-2 (centre in row 2)
    p.text(320, 726, "预算数", size=10)          # spans columns 2-3
    p.text(255, 706, "基本支出", size=10)
    p.text(355, 706, "项目支出", size=10)
    p.text(55, 686, "一般公共服务支出", size=10)
    p.text(300, 686, "1,234.56", size=10)
    p.text(55, 667, "机关事业单位基本养老保险", size=10)  # wrapped over two lines in one cell
    p.text(55, 655, "缴费支出", size=10)
    p.text(300, 661, "78.90", size=10)
    p.text(400, 661, "12.00", size=10)
    p.text(55, 636, "合计", size=10)
    p.text(300, 636, "1,313.46", size=10)
    p.text(400, 636, "12.00", size=10)
    p.text(60, 600, "注：本表金额单位为万元。", size=10)
    p.text(290, 40, "- 2 -", size=9)
    return p


def test_generated_ruled_table(tmp_path):
    doc = read_pdf(write_pdf(tmp_path, [_budget_table_page()]))
    assert [line.cells for line in doc.lines] == [
        ("支出预算总表",),
        ("单位:万元",),
        ("项目", "预算数", ""),
        ("", "基本支出", "项目支出"),
        ("一般公共服务支出", "1,234.56", ""),
        ("机关事业单位基本养老保险缴费支出", "78.90", "12.00"),
        ("合计", "1,313.46", "12.00"),
        ("注:本表金额单位为万元。",),
    ]
    assert {line.page for line in doc.lines} == {1}
    assert doc.page_count == 1


def _unruled_rows(page: PageSpec, top: float, rows: list[tuple[str, ...]], xs=(50, 250, 350)) -> None:
    """Rows of a table without rules, 16 points apart from `top` down, each cell's text at its column's x (a
    blank cell prints nothing)."""
    for i, row in enumerate(rows):
        for x, text in zip(xs, row):
            if text:
                page.text(x, top - i * 16, text, size=10)


def test_generated_unruled_table_and_several_tables(tmp_path):
    p = PageSpec()
    p.text(50, 800, "收入预算表", size=14)
    _unruled_rows(p, 770, [("项目", "合计", "基本支出"), ("工资福利支出", "100.00", "100.00"),
                           ("商品和服务支出", "20.50", ""), ("合计", "120.50", "100.00")])
    # a second, ruled table further down the same page
    p.grid([50, 200, 300], [600, 580, 560])
    p.text(55, 586, "科目", size=10)
    p.text(205, 586, "金额", size=10)
    p.text(55, 566, "行政运行", size=10)
    p.text(205, 566, "5.00", size=10)
    doc = read_pdf(write_pdf(tmp_path, [p]))
    assert [line.cells for line in doc.lines] == [
        ("收入预算表",),
        ("项目", "合计", "基本支出"),
        ("工资福利支出", "100.00", "100.00"),
        ("商品和服务支出", "20.50", ""),
        ("合计", "120.50", "100.00"),
        ("科目", "金额"),
        ("行政运行", "5.00"),
    ]


def test_unruled_header_label_wrapped_after_its_year(tmp_path):
    """A label 2024年合计 wrapped in a narrow header cell after its digits: "2024" over "年合计" is one label
    of the header, not the first row of figures."""
    p = PageSpec()
    p.text(50, 800, "支出预算表", size=14)
    p.text(50, 765, "项目", size=10)
    p.text(250, 770, "2024", size=10)
    p.text(250, 758, "年合计", size=10)
    p.text(350, 765, "基本支出", size=10)
    _unruled_rows(p, 738, [("工资福利支出", "100.00", "100.00"), ("商品和服务支出", "20.50", "20.50"),
                           ("合计", "120.50", "120.50")])
    doc = read_pdf(write_pdf(tmp_path, [p]))
    assert [line.cells for line in doc.lines] == [
        ("支出预算表",),
        ("项目", "2024年合计", "基本支出"),
        ("工资福利支出", "100.00", "100.00"),
        ("商品和服务支出", "20.50", "20.50"),
        ("合计", "120.50", "120.50"),
    ]


def test_generated_rows_stacked_in_one_ruled_band(tmp_path):
    """Body rows without horizontal rules (only column rules): one record per printed line."""
    p = PageSpec()
    p.grid([50, 100, 250, 350], [700, 680, 600])
    p.text(55, 686, "编码", size=10)
    p.text(105, 686, "名称", size=10)
    p.text(255, 686, "金额", size=10)
    for i, (code, name, amount) in enumerate([("201", "一般公共服务支出", "10.00"), ("20101", "人大事务", "4.00"),
                                               ("2010101", "行政运行", "6.00")]):
        y = 664 - i * 18
        p.text(55, y, code, size=10)
        p.text(105, y, name, size=10)
        p.text(255, y, amount, size=10)
    doc = read_pdf(write_pdf(tmp_path, [p]))
    assert [line.cells for line in doc.lines] == [
        ("编码", "名称", "金额"),
        ("201", "一般公共服务支出", "10.00"),
        ("20101", "人大事务", "4.00"),
        ("2010101", "行政运行", "6.00"),
    ]


def _column_lines_page(header: list[tuple[float, str]], header_bottom: float, rows: list[tuple[str, ...]],
                       xs=(50, 170, 230, 350, 410)) -> PageSpec:
    """A table drawn with column lines only below a boxed header: its body one band, rows 16 points apart."""
    p = PageSpec()
    p.grid(list(xs), [700, header_bottom, header_bottom - 16 * len(rows) - 4])
    for y, labels in header:
        for x, label in zip(xs, labels.split("|")):
            if label:
                p.text(x + 3, y, label, size=9)
    for i, row in enumerate(rows):
        for x, text in zip(xs, row):
            if text:
                p.text(x + 3, header_bottom - 13 - i * 16, text, size=9)
    return p


def test_few_rows_between_column_lines_under_a_taller_header(tmp_path):
    """The last rows of a table drawn between column lines, in a band no taller than the header over it: two
    names side by side over blank amounts (上年结转 | 年终结转) are a row of their own, not the first line of
    收入总计 wrapped; numbered names under a figure are rows too, though the header prints a year."""
    carried = _column_lines_page([(686, "项目|2024|项目|2024"), (674, "|年||年")], 666,
                                 [("上年结转", "", "年终结转", ""), ("收入总计", "351.16", "支出总计", "351.16")])
    assert [line.cells for line in read_pdf(write_pdf(tmp_path, [carried], "carried.pdf")).lines] == [
        ("项目", "2024年", "项目", "2024年"),
        ("上年结转", "", "年终结转", ""),
        ("收入总计", "351.16", "支出总计", "351.16"),
    ]
    numbered = _column_lines_page([(686, "项目|2024|项目|2024"), (674, "|年||年")], 666,
                                  [("一、一般公共预算", "351.16", "一、一般公共服务支出", ""),
                                   ("二、政府性基金预算", "", "二、外交支出", ""), ("三、国有资本经营预算", "", "", "")])
    assert [line.cells for line in read_pdf(write_pdf(tmp_path, [numbered], "numbered.pdf")).lines][1:] == [
        ("一、一般公共预算", "351.16", "一、一般公共服务支出", ""),
        ("二、政府性基金预算", "", "二、外交支出", ""),
        ("三、国有资本经营预算", "", "", ""),
    ]


def test_generated_rotated_pages(tmp_path):
    # /Rotate 90 on a portrait media box: pdfminer turns the page; text reads left to right
    p1 = PageSpec(width=595, height=842, rotate=90)
    p1.text(100, 100, "第一行", size=12, matrix=(0, 1, -1, 0))
    p1.text(130, 100, "第二行", size=12, matrix=(0, 1, -1, 0))
    # text drawn sideways without /Rotate (a landscape table printed on a portrait page)
    p2 = PageSpec()
    p2.text(100, 100, "横排标题", size=12, matrix=(0, 1, -1, 0))
    p2.text(130, 100, "第二行文字", size=12, matrix=(0, 1, -1, 0))
    doc = read_pdf(write_pdf(tmp_path, [p1, p2]))
    assert [(line.page, line.cells) for line in doc.lines] == [
        (1, ("第一行",)), (1, ("第二行",)), (2, ("横排标题",)), (2, ("第二行文字",)),
    ]


def test_page_number_lines_dropped_and_text_normalised(tmp_path):
    p = PageSpec()
    p.text(280, 810, "3", size=9)
    p.text(50, 700, "2024 年预算 收支总表", size=12)
    p.text(50, 680, "第 3 页", size=9)  # in the body: not a header/footer, kept
    p.text(280, 30, "第 3 页", size=9)
    doc = read_pdf(write_pdf(tmp_path, [p]))
    assert [line.cells for line in doc.lines] == [("2024年预算收支总表",), ("第3页",)]


def test_unmapped_glyphs_mean_no_text_layer(tmp_path):
    p = PageSpec().text(50, 700, "abcdefghij", size=12, font="F3")
    with pytest.raises(DocumentError) as info:
        read_pdf(write_pdf(tmp_path, [p]))
    assert info.value.code == "no_text_layer"


def test_page_without_text_means_no_text_layer(tmp_path):
    p = PageSpec().line(50, 50, 500, 50)
    with pytest.raises(DocumentError) as info:
        read_pdf(write_pdf(tmp_path, [p, PageSpec()]))
    assert info.value.code == "no_text_layer"
    assert info.value.message == "no text layer: 2 pages, 0 characters (scanned image?)"


# ---------------------------------------------------------------------------------------------------
# bad input: one DocumentError with one line, never a traceback


def test_encrypted_pdf(tmp_path):
    path = write_pdf(tmp_path, [_budget_table_page()], user_password="secret")
    with pytest.raises(DocumentError) as info:
        read_pdf(path)
    assert info.value.code == "encrypted"
    assert info.value.message == "encrypted PDF: a password is required to open it"


def test_truncated_pdf(tmp_path):
    data = make_pdf([_budget_table_page(), _budget_table_page()])
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentError) as info:
        read_pdf(path)
    assert info.value.code == "unreadable"


def test_zero_byte_pdf(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(DocumentError) as info:
        read_pdf(path)
    assert info.value.code == "unreadable"
    assert info.value.message == "unreadable: empty file (0 bytes)"


def test_text_file_named_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("项目\t合计\n一般公共服务支出\t1.00\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_pdf(path)
    assert info.value.code == "unreadable"
    assert info.value.message == "unreadable: not a PDF file (no %PDF header)"


def test_garbage_after_header(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(DocumentError) as info:
        read_pdf(path)
    assert info.value.code == "unreadable"
    assert "\n" not in info.value.message


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError) as info:
        read_pdf(tmp_path / "nope.pdf")
    assert info.value.code == "unreadable"


def test_digits_in_a_font_declaring_an_em_of_descent_stay_on_their_line(tmp_path):
    """Chongqing's titles: 2026 and the quotes in a font whose descriptor declares -1000 descent were read a
    line below 年财政拨款“三公”经费支出情况表; on the same baseline they are one line."""
    page = (PageSpec().text(100, 700, "2026", size=18, font="F4").text(140, 700, "年财政拨款三公经费支出情况表", size=18)
            .text(100, 660, "单位名称:某局", size=10))
    lines = [line.text for line in read_pdf(write_pdf(tmp_path, [page])).lines]
    assert lines[:2] == ["2026年财政拨款三公经费支出情况表", "单位名称:某局"]
