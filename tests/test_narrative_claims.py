"""Narrative recognition on real sentences: sections and their headings, and the amounts they state."""
from __future__ import annotations

from budget_audit.read.layout import SourceLine
from budget_audit.recognise.claims import build_statements
from budget_audit.recognise.narrative import build_sections


def _lines(*texts: str, page: int = 9) -> list[SourceLine]:
    return [SourceLine(cells=(text,), lineno=number, page=page) for number, text in enumerate(texts, start=100)]


def test_a_run_in_heading_keeps_the_sentence_it_starts():
    # 长沙市信访局 2026 部门预算, p. 9: the heading line runs on into the sentence, its amount on the next line
    sections = build_sections(_lines("(四)政府采购情况:2026年本单位政府采购预算总额",
                                     "43.9万元,其中,货物类采购预算25.4万元;工程类采购预算",
                                     "0万元;服务类采购预算18.5万元。"), lambda _heading: None)
    assert [section.heading for section in sections] == ["(四)政府采购情况"]
    assert sections[0].paragraphs[0].text.startswith("2026年本单位政府采购预算总额43.9万元,其中")
    statement = build_statements(sections, 2026)[0]
    assert (statement.line, statement.page, statement.section) == (100, 9, "(四)政府采购情况")
    assert [(m.label, m.printed, m.line, m.page) for m in statement.mentions][0] == (
        "2026年本单位政府采购预算总额", "43.9万元", 101, 9)


def test_an_amount_is_located_on_the_line_and_page_that_print_it():
    # 广州市统计局 2026: the paragraph opens on p. 23, its sentence on 机关运行经费 is printed on p. 24
    lines = [SourceLine(cells=("三、机关运行经费安排情况",), lineno=379, page=23),
             SourceLine(cells=("行政经费(机关运行经费)指用于维持行政(参公)单位机关运行的经费。2026年,本部门",), lineno=380,
                        page=23),
             SourceLine(cells=("机关运行经费安排839.21万元,比上年增加86.23万元,增长11.5%。",), lineno=390, page=24)]
    statement = build_statements(build_sections(lines, lambda _heading: None), 2026)[0]
    assert (statement.line, statement.page) == (380, 23)
    assert [(m.printed, m.line, m.page) for m in statement.mentions] == [("839.21万元", 390, 24), ("86.23万元", 390, 24)]


def test_a_heading_that_stands_alone_is_unchanged():
    sections = build_sections(_lines("(二)政府采购情况", "2026年,福州市商务局政府采购预算总额822.55万元。"),
                              lambda _heading: None)
    assert [(s.heading, [p.text for p in s.paragraphs]) for s in sections] == [
        ("(二)政府采购情况", ["2026年,福州市商务局政府采购预算总额822.55万元。"])]

