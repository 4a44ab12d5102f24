"""The regular-expression content-stream reader yields what pdfminer.six's own parser yields."""
from __future__ import annotations

import pytest
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral

from budget_audit.read.pdf_content import content_objects

STREAMS = {
    "text": b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (Hello) Tj T* 0 Tw ET",
    "nested and escaped strings": rb"(a \(b\) (c (d)) e) Tj (\101\102\7x \n\r\t\\ end) Tj",
    "line continuation": b"(first \\\nsecond \\\r\nthird) Tj",
    "hex strings": b"<4142 43\n44> Tj <> Tj [<00ff> -250 (x) 12.5 <7F>] TJ",
    "names": b"/F1 9 Tf /Name#20with#20space gs /Span << /MCID 3 /Lang (zh-CN) /A [1 2] >> BDC EMC",
    "comments": b"q % a comment ( that [ is ignored\n1 0 0 RG 0.5 w 10 10 m 20.25 20 l S Q",
    "quote operators": b"(x) ' 1 2 (y) \" true false null",
    "inline image": b"q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xffZ\nEI Q",
    "inline ASCII85 image": b"BI /W 1 /H 1 /F /A85 ID 9jqo^~> EI 1 0 0 1 0 0 cm",
    "paths": b"0 0 595.3 841.9 re W n 1 1 1 rg 10 10 100 20 re f* 0 g [3 2] 0 d",
}


def pdfminer_objects(data: bytes) -> list:
    stream = PDFStream({}, data)
    stream.objid = 1
    parser = PDFContentParser([stream])
    objects = []
    while True:
        try:
            objects.append(parser.nextobject()[1])
        except PSEOF:
            return objects


def comparable(obj):
    if isinstance(obj, PSKeyword):
        return ("operator", obj.name)
    if isinstance(obj, PSLiteral):
        return ("name", obj.name)
    if isinstance(obj, PDFStream):
        return ("image", {key: comparable(value) for key, value in obj.attrs.items()}, obj.get_rawdata())
    if isinstance(obj, list):
        return [comparable(item) for item in obj]
    if isinstance(obj, dict):
        return {key: comparable(value) for key, value in obj.items()}
    return obj


@pytest.mark.parametrize("data", STREAMS.values(), ids=STREAMS.keys())
def test_same_objects_as_pdfminer(data):
    ours = [comparable(obj) for obj in content_objects(data)]
    assert ours == [comparable(obj) for obj in pdfminer_objects(data)]
    assert ours  # every stream above has content


def test_values_are_decoded():
    objects = list(content_objects(rb"(a \(b\) (c) \101) Tj <41 4> Tj /A#42 -.5 3. 12"))
    assert objects[0] == b"a (b) (c) A"
    assert objects[2] == b"A@"  # an odd hex digit count is padded with 0
    assert objects[4].name == "AB"
    assert objects[5:] == [-0.5, 3.0, 12]
    assert isinstance(objects[7], int)


def test_inline_image_is_one_stream_then_EI():
    data = b"q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xffZ\nEI Q"
    objects = list(content_objects(data))
    image = objects[1]
    assert isinstance(image, PDFStream)
    assert image.attrs == {"W": 2, "H": 1, "BPC": 8, "CS": image.attrs["CS"]}
    assert image.get_rawdata() == b"\x00EI\xffZ"  # "EI" inside the data is not the end
    assert [comparable(o) for o in (objects[0], objects[2], objects[3])] == [
        ("operator", b"q"), ("operator", b"EI"), ("operator", b"Q")]


def test_unterminated_input_ends_quietly():
    assert list(content_objects(b"(never closed")) == [b"never closed"]
    assert [comparable(o) for o in content_objects(b"[1 2")] == []
    assert [comparable(o) for o in content_objects(b"1 2 ] m")] == [1, 2, ("operator", b"m")]


@pytest.mark.parametrize("name", [
    "shanghai_putuo_govbudgetchecker/doc_check_2026/上海市普陀区司法局2026年单位预算.pdf",
    "jiangsu_open_budget/江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf",
    "cities_renwu/广州市统计局_2026年部门预算.pdf",
])
def test_corpus_pages_match_pdfminer_parser(corpus, name):
    """Every glyph, rule and fill of real pages is the same whichever parser read the content stream."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    from budget_audit.read.pdf import read_pdf_pages

    ours = list(read_pdf_pages(corpus / name))
    theirs = list(read_pdf_pages(corpus / name, interpreter_class=PDFPageInterpreter))
    assert len(ours) == len(theirs) > 1
    assert sum(len(page.chars) for page in ours) > 1000
    for mine, reference in zip(ours, theirs):
        assert (glyphs(mine), mine.hsegs, mine.vsegs, mine.filled) == \
            (glyphs(reference), reference.hsegs, reference.vsegs, reference.filled)


def glyphs(page) -> list[tuple]:
    return [(c.text, c.x0, c.top, c.x1, c.bottom, c.size, c.dir) for c in page.chars]
