"""Damaged cross-reference tables (issue 12): an object that is not at the offset the table gives is found by
scanning the file, as PDFium and poppler do; an object whose bytes are gone loses its page, and says so."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from budget_audit.read.pdf import read_pdf

sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402

# 1 catalog, 2 page tree, 3 font, then each page's content stream and page object: 4 5, 6 7, 8 9
PAGE_TWO_STREAM, PAGE_TWO, PAGE_TREE = 6, 7, 2


def three_pages() -> bytes:
    return hostile.build_pdf([[hostile.flate(hostile.text_stream(f"Sheet {n} text"))] for n in (1, 2, 3)])


def _text_by_page(path: Path) -> dict[int, str]:
    source = read_pdf(path)
    pages: dict[int, str] = {}
    for line in source.lines:
        pages[line.page] = pages.get(line.page, "") + "".join(line.cells).replace(" ", "")
    return pages


@pytest.mark.parametrize("objid", [PAGE_TWO_STREAM, PAGE_TWO, PAGE_TREE])
@pytest.mark.parametrize("by", [-7, 3, 40])
def test_an_object_away_from_its_offset_is_found_by_scanning(tmp_path, objid, by):
    path = tmp_path / "moved.pdf"
    path.write_bytes(hostile.xref_entry_moved(three_pages(), objid, by))
    source = read_pdf(path)
    assert source.page_count == 3 and source.pages_unreadable == []
    assert _text_by_page(path) == {1: "Sheet1text", 2: "Sheet2text", 3: "Sheet3text"}


def test_a_page_whose_object_is_gone_is_a_lost_page_and_the_next_keeps_its_number(tmp_path):
    path = tmp_path / "gone.pdf"
    path.write_bytes(hostile.object_destroyed(three_pages(), PAGE_TWO))
    source = read_pdf(path)
    assert source.page_count == 3 and source.pages_unreadable == [2]
    assert _text_by_page(path) == {1: "Sheet1text", 3: "Sheet3text"}
    assert any("page 2: object 7 of the page tree could not be found" in warning for warning in source.warnings)


@pytest.mark.parametrize("contents", [b"[6 0 R]", b"6 0 R  "])    # an array, or the stream itself (same length)
def test_a_page_whose_content_stream_is_gone_is_lost(tmp_path, contents):
    path = tmp_path / "gone.pdf"
    pdf = three_pages().replace(b"/Contents [6 0 R]", b"/Contents " + contents)
    path.write_bytes(hostile.object_destroyed(pdf, PAGE_TWO_STREAM))
    source = read_pdf(path)
    assert source.pages_unreadable == [2]
    assert _text_by_page(path) == {1: "Sheet1text", 3: "Sheet3text"}


def test_a_damaged_update_does_not_bring_back_the_page_tree_it_replaced(tmp_path):
    # the update removes page 2; its own table entry is then damaged: the old tree (3 pages) must not return
    two_pages = hostile.updated(three_pages(), PAGE_TREE, b"<< /Type /Pages /Kids [5 0 R 9 0 R] /Count 2 >>")
    path = tmp_path / "update.pdf"
    path.write_bytes(hostile.xref_entry_moved(two_pages, PAGE_TREE, 5))
    source = read_pdf(path)
    assert source.page_count == 2 and source.pages_unreadable == []
    assert _text_by_page(path) == {1: "Sheet1text", 2: "Sheet3text"}


def test_pages_the_tree_counts_but_does_not_hold_are_lost_pages(tmp_path):
    path = tmp_path / "count.pdf"
    path.write_bytes(hostile.updated(three_pages(), PAGE_TREE, b"<< /Type /Pages /Kids [5 0 R 7 0 R 9 0 R 99 0 R] "
                                                                  b"/Count 4 >>"))
    source = read_pdf(path)
    assert source.page_count == 4 and source.pages_unreadable == [4]
    assert any("counts 4 pages, 3 could be found" in warning for warning in source.warnings)


def _glyphs(path: Path) -> list[tuple[int, str, float, float]]:
    from budget_audit.read.pdf import read_pdf_pages

    return [(page.number, glyph.text, round(glyph.x0, 2), round(glyph.x1, 2))
            for page in read_pdf_pages(path) for glyph in page.chars]


def test_an_object_whose_endobj_is_damaged_is_read_from_its_own_bytes(tmp_path):
    # the font (object 3) would otherwise be the next object, page 1's content stream: glyphs of no width
    intact, damaged = tmp_path / "intact.pdf", tmp_path / "damaged.pdf"
    intact.write_bytes(three_pages())
    damaged.write_bytes(hostile.endobj_damaged(three_pages(), 3))
    glyphs = _glyphs(damaged)
    assert glyphs == _glyphs(intact) and all(x1 > x0 for _, _, x0, x1 in glyphs)
    assert _text_by_page(damaged) == {1: "Sheet1text", 2: "Sheet2text", 3: "Sheet3text"}


def test_a_resource_of_the_wrong_type_is_damage_of_its_page(tmp_path):
    # page 2 draws the form /X, which is object 3: the font dictionary (a form whose bytes were cut reads so);
    # pdfminer draws an empty stream in its place without a word
    pages = [[hostile.flate(hostile.text_stream("Sheet one"))],
             [hostile.stream_object(b"/X Do " + hostile.text_stream("Sheet two"))],
             [hostile.flate(hostile.text_stream("Sheet three"))]]
    path = tmp_path / "wrong_type.pdf"
    path.write_bytes(hostile.build_pdf(pages, resources=b"/Font << /F1 3 0 R >> /XObject << /X 3 0 R >>"))
    source = read_pdf(path)
    assert source.pages_unreadable == [2]
    assert any(warning == "page 2: an object that should be a stream is a dict" for warning in source.warnings)


def test_the_scan_finds_every_object_where_the_tables_put_it(corpus):
    # 上海市财政局 2025: three tables (one a stream), 1,985 of its objects packed in object streams
    from pdfminer.pdfparser import PDFParser

    from budget_audit.read.pdf_salvage import RebuiltXRef, SalvagingDocument

    with open(corpus / "shanghai_tianbaoxitong" / "上海市财政局2025年市级单位预算.pdf", "rb") as fp:
        document = SalvagingDocument(PDFParser(fp))
        rebuilt = RebuiltXRef()
        rebuilt.load(document._salvage_parser)
        listed = {objid: xref.get_pos(objid)[:2] for xref in reversed(document.xrefs) for objid in xref.get_objids()}
    assert sum(1 for stream, _ in listed.values() if stream is not None) > 1900
    assert {objid: rebuilt.offsets[objid][:2] for objid in listed} == listed
