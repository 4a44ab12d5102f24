"""Each table cell's bbox (PDF user space) is where the PDF prints its text: checked against PDFium's own text
layer, on a 元-table Shanghai document, a landscape page and pages stored with /Rotate 90."""
from __future__ import annotations

import re

import pytest

from budget_audit.read import read_document
from budget_audit.recognise import recognise
from tests.conftest import SAMPLE
from tests.evidence import LANDSCAPE, ROTATED, SHANGHAI_YUAN, corpus_file, one_wrong_cell_pdf

_LOOSE = re.compile(r"[\s,，]")
SLACK = 0.5     # points: PDFium counts a glyph in when its box is inside the rectangle


def _compact(text: str) -> str:
    return _LOOSE.sub("", text)


def _misplaced(path) -> tuple[int, list]:
    import pypdfium2 as pdfium

    disclosure = recognise(read_document(path))
    document = pdfium.PdfDocument(str(path))
    pages: dict[int, object] = {}
    checked, wrong = 0, []
    try:
        for table in disclosure.tables.values():
            for row in table.rows:
                for cell in row.cells.values():
                    if not cell.text or cell.bbox is None:
                        continue
                    text = pages.get(cell.page) or pages.setdefault(cell.page, document[cell.page - 1].get_textpage())
                    x0, y0, x1, y1 = cell.bbox
                    under = _compact(text.get_text_bounded(x0 - SLACK, y0 - SLACK, x1 + SLACK, y1 + SLACK))
                    checked += 1
                    if _compact(cell.text) != under:
                        wrong.append((cell.page, cell.row, cell.column, cell.text, under))
    finally:
        document.close()
    return checked, wrong


@pytest.mark.parametrize("path", [SHANGHAI_YUAN, LANDSCAPE, ROTATED], ids=["shanghai-yuan", "landscape", "rotate-90"])
def test_every_cell_box_holds_the_cells_printed_text(path):
    checked, wrong = _misplaced(corpus_file(path))
    assert checked > 150 and wrong == [], wrong[:5]


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_boxes_do_not_move_when_the_page_is_shown_turned(tmp_path, rotate):
    """/Rotate changes how a page is shown, not where its content is: the bboxes are the same."""
    upright = recognise(read_document(one_wrong_cell_pdf(tmp_path, 0, "upright.pdf")))
    turned = recognise(read_document(one_wrong_cell_pdf(tmp_path, rotate, "turned.pdf")))
    boxes = [[cell.bbox for row in table.rows for cell in row.cells.values()] for table in upright.tables.values()]
    assert boxes and all(box is not None for table in boxes for box in table)
    assert boxes == [[cell.bbox for row in table.rows for cell in row.cells.values()] for table in turned.tables.values()]


def test_a_text_dump_has_no_boxes():
    disclosure = recognise(read_document(SAMPLE))
    assert all(cell.bbox is None for table in disclosure.tables.values() for row in table.rows
               for cell in row.cells.values())
    assert disclosure.line_boxes == {}
