"""`-f html`: each finding with a crop of its page and its cells boxed, checked in headless chromium."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app
from tests.browser import load, pixels_where
from tests.conftest import SAMPLE
from tests.evidence import LANDSCAPE, ROTATED, SHANGHAI_YUAN, WRONG, corpus_file, drawn, one_wrong_cell_pdf

runner = CliRunner()


def html_of(tmp_path, *args) -> str:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["check", "-f", "html", "-o", str(out), *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return out.read_text(encoding="utf-8")


def red(screenshot):
    return pixels_where(screenshot, red=(240, 255), green=(0, 40), blue=(0, 40))


@pytest.mark.parametrize("rotate", [0, 90])
def test_the_red_box_falls_on_the_wrong_cell(tmp_path, rotate):
    """The wrong cell's glyphs are the only green on the page: in the browser, the red box holds all of them."""
    pdf = one_wrong_cell_pdf(tmp_path, rotate)
    page = tmp_path / "report.html"
    page.write_text(html_of(tmp_path, pdf, "--min-severity", "error"), encoding="utf-8")
    loaded = load(page, tmp_path / "shot.png")
    assert loaded.console == []
    box = red(loaded.screenshot)
    cell = pixels_where(loaded.screenshot, red=(0, 80), green=(100, 255), blue=(0, 80))
    assert box is not None and cell is not None, "no red box or no green cell in the screenshot"
    assert box[0] <= cell[0] and box[1] <= cell[1] and cell[2] <= box[2] and cell[3] <= box[3], (box, cell)
    # tight: the box is the cell's text and its padding, not the row or the page
    assert box[2] - box[0] < (cell[2] - cell[0]) + 30 and box[3] - box[1] < (cell[3] - cell[1]) + 30, (box, cell)


def test_the_json_bbox_is_the_cell_in_pdf_user_space(tmp_path):
    result = runner.invoke(app, ["check", "-f", "json", str(one_wrong_cell_pdf(tmp_path))])
    [finding] = [f for f in json.loads(result.stdout)["documents"][0]["findings"] if f["severity"] == "error"]
    actual = finding["locations"][0]
    assert (actual["row"], actual["column"]) == ("一般行政管理事务", "基本支出") and WRONG in finding["message"]
    # drawn at x = 313, baseline y = 667 in 8-point Helvetica: the box spans the glyphs above the baseline
    x0, y0, x1, y1 = actual["bbox"]
    assert 312 <= x0 <= 314 and 332 <= x1 <= 335 and 664 <= y0 <= 667 and 672 <= y1 <= 676
    assert all(len(location["bbox"]) == 4 for location in finding["locations"])


def test_a_text_dump_gets_its_findings_without_page_images(tmp_path):
    html = html_of(tmp_path, SAMPLE)
    crops, links = drawn(html)
    assert crops == [] and 'class="finding' in html and 'class="no-image"' in html
    assert all(link.startswith(("#", "data:")) for link in links), links


def test_a_batch_opens_with_an_index_and_a_chart(tmp_path):
    pdf = one_wrong_cell_pdf(tmp_path)
    html = html_of(tmp_path, pdf, SAMPLE)
    assert html.count('<section class="document"') == 2 and 'id="index"' in html
    assert 'href="#doc-1"' in html and 'href="#doc-2"' in html
    assert html.count('<figure class="chart">') == 2 and '<rect class="error"' in html
    page = tmp_path / "batch.html"
    page.write_text(html, encoding="utf-8")
    assert load(page, tmp_path / "shot.png").console == []


def test_a_real_yuan_table_document_in_the_browser(tmp_path):
    """Shanghai's 元 tables: every ERROR and WARNING located on a page has a crop, the cell at fault boxed in
    red at its bbox; the page loads with nothing on the console and names nothing outside itself."""
    html = html_of(tmp_path, corpus_file(SHANGHAI_YUAN), "--min-severity", "warning")
    crops, links = drawn(html)
    assert all(link.startswith(("#", "data:")) for link in links), links
    assert len(crops) >= 6 and all(crop.image.startswith("data:image/png;base64,") for crop in crops)
    actual = [mark for crop in crops for mark in crop.marks if mark.role == "actual"]
    assert len(actual) >= 6
    for crop in crops:
        for mark in crop.marks:
            assert 0 <= mark.x and mark.x + mark.width <= crop.width and 0 <= mark.y and mark.y + mark.height <= crop.height
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    loaded = load(page, tmp_path / "shot.png", height=3000)
    assert loaded.console == []
    assert red(loaded.screenshot) is not None


def _text_under(pdf, page_number, bbox) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        x0, y0, x1, y1 = bbox
        return document[page_number - 1].get_textpage().get_text_bounded(x0, y0, x1, y1)
    finally:
        document.close()


@pytest.mark.parametrize("path", [LANDSCAPE, ROTATED], ids=["landscape", "rotate-90"])
def test_boxes_on_landscape_and_rotated_pages(tmp_path, path):
    """A page printed landscape, and one stored portrait with /Rotate 90: the crop shows the page as read, and
    the box of an amount cell lies along the text (wider than tall) on the number the PDF prints there, or on
    nothing for a blank cell."""
    pdf = corpus_file(path)
    crops, _links = drawn(html_of(tmp_path, pdf, "--select", "C,R"))
    wide = [crop for crop in crops if crop.width > 1000]
    assert wide, "no crop of a landscape page"
    marks = [(crop, mark) for crop in wide for mark in crop.marks]
    assert all(mark.width > mark.height for _crop, mark in marks)
    printed = [_text_under(pdf, crop.page, mark.bbox).strip() for crop, mark in marks[:30]]
    assert all(set(text) <= set("0123456789.,-") for text in printed), printed
    assert sum(1 for text in printed if text) >= len(printed) // 2, printed
