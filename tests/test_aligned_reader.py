"""Tables without rules between their columns (read/pdf_aligned, read/pdf_records), as cases run as data: each
case prints lines of text at given positions, as a PDF would, and states the rows the reader must make of them.

A case is a list of printed lines `(top, [(x0, text, align), ...])` in an 8-pt monospaced font (each glyph
8 pt wide): `align` "l" puts the text's left edge at x0, "r" its right edge, "c" its centre. The whole-document
behaviour (pages, titles, continuations) is covered by the layout suite, which renders the sample.
"""
from __future__ import annotations

import pytest

from budget_audit.read.pdf_aligned import FreeLine, align_block, columns_of
from budget_audit.read.pdf_chars import Char
from budget_audit.read.pdf_records import CellLine, records

SIZE = 8.0


def printed(top: float, items) -> FreeLine:
    chars = []
    for x, text, align in items:
        width = SIZE * len(text) * (0.55 if text.isascii() else 1.0)
        start = {"l": x, "r": x - width, "c": x - width / 2}[align]
        step = width / len(text)
        for k, ch in enumerate(text):
            chars.append(Char(start + k * step, top, start + (k + 1) * step, top + SIZE, ch, SIZE, 0))
    chars.sort(key=lambda ch: ch.x0)
    return FreeLine(top, top + SIZE, chars)


def rows_of(lines) -> list[tuple[str, ...]]:
    return [tuple(line.cells) for line in align_block([printed(top, items) for top, items in lines], "t")]


CASES = {
    # right-aligned amounts a little way from the next column's left-aligned names stay apart
    "amount_close_to_the_next_name": (
        [(0, [(40, "项目", "c"), (130, "金额", "c"), (180, "项目", "c"), (280, "金额", "c")]),
         (16, [(10, "一、一般公共预算", "l"), (150, "351.16", "r"), (154, "一、一般公共服务支出", "l"), (300, "1.00", "r")]),
         (32, [(10, "二、政府性基金预算", "l"), (154, "二、外交支出", "l")]),
         (48, [(154, "三、国防支出", "l"), (300, "350.16", "r")])],
        [("项目", "金额", "项目", "金额"),
         ("一、一般公共预算", "351.16", "一、一般公共服务支出", "1.00"),
         ("二、政府性基金预算", "", "二、外交支出", ""),
         ("", "", "三、国防支出", "350.16")]),
    # a label centred over narrow right-aligned amounts heads their column, not a column of its own
    "label_centred_over_narrow_amounts": (
        [(0, [(30, "科目名称", "c"), (150, "合计", "c"), (220, "基本支出", "c")]),
         (16, [(10, "行政运行", "l"), (170, "217.11", "r"), (250, "171.11", "r")]),
         (32, [(10, "一般行政管理事务", "l"), (170, "0.5", "r")])],
        [("科目名称", "合计", "基本支出"), ("行政运行", "217.11", "171.11"), ("一般行政管理事务", "0.5", "")]),
    # a column the body leaves blank keeps the label over it; a label over two labels groups them
    "blank_column_under_its_label": (
        [(0, [(30, "项目", "c"), (210, "本年收入", "c")]),
         (16, [(150, "合计", "c"), (210, "一般公共", "c"), (270, "政府性基金", "c")]),
         (32, [(10, "合计", "l"), (170, "351.16", "r"), (230, "351.16", "r")])],
        [("项目", "", "本年收入", ""), ("", "合计", "一般公共", "政府性基金"), ("合计", "351.16", "351.16", "")]),
    # a group label centred over four blank columns, printed in the gap between the second and third of their
    # labels (三公 table, landscape page), heads them from the first of them (as the text dump prints it) and
    # makes no column of its own
    "group_label_between_its_labels": (
        [(0, [(10, "项目", "l"), (290, "2024年预算数", "c")]),
         (16, [(120, "合计", "c"), (220, "一般公共预算", "c"), (360, "政府性基金预算", "c"), (470, "国有资本经营", "c")]),
         (32, [(10, "因公出国(境)费用", "l")]),
         (48, [(10, "公务接待费", "l")]),
         (64, [(10, "合计", "l")])],
        [("项目", "2024年预算数", "", "", ""), ("", "合计", "一般公共预算", "政府性基金预算", "国有资本经营"),
         ("因公出国(境)费用", "", "", "", ""), ("公务接待费", "", "", "", ""), ("合计", "", "", "", "")]),
    # a row of column numbers is a header line, not the body's first row
    "column_numbers": (
        [(0, [(30, "项目", "c"), (150, "合计", "c"), (220, "基本支出", "c")]),
         (16, [(30, "栏次", "c"), (150, "1", "c"), (220, "2", "c")]),
         (32, [(10, "行政运行", "l"), (170, "217.11", "r"), (250, "171.11", "r")])],
        [("项目", "合计", "基本支出"), ("栏次", "1", "2"), ("行政运行", "217.11", "171.11")]),
}


@pytest.mark.parametrize("name", CASES)
def test_aligned_block(name):
    lines, expected = CASES[name]
    assert rows_of(lines) == expected


def test_columns_are_parted_by_the_gutters_of_the_body():
    lines = [printed(0, [(10, "行政运行", "l"), (170, "217.11", "r")]),
             printed(16, [(10, "一般行政管理事务", "l"), (170, "0.5", "r")])]
    columns = columns_of(lines)
    assert len(columns) == 2 and columns[0][1] < columns[1][0]


def cell_line(top: float, cells: dict[int, tuple[float, str]]) -> CellLine:
    """A line already split into columns: column → (x0, text)."""
    return CellLine(top, top + SIZE, SIZE, {c: printed(top, [(x, text, "l")]).chars for c, (x, text) in cells.items()})


RECORD_CASES = {
    # a name that fills its column and goes on under it is one record, with the amount centred beside it
    "wrapped_name_beside_a_centred_amount": (
        [cell_line(0, {0: (10, "一般公共服务")}), cell_line(5, {1: (120, "351.16")}), cell_line(10, {0: (10, "支出")})],
        {0: 58.0, 1: 160.0}, 1),
    # a short name does not wrap: the line under it is the next record
    "short_names_are_records": (
        [cell_line(0, {0: (10, "外交支出")}), cell_line(10, {0: (10, "国防支出")})], {0: 58.0}, 2),
    # a numbered line starts a record even under a full one
    "numbering_starts_a_record": (
        [cell_line(0, {0: (10, "一般公共服务")}), cell_line(10, {0: (10, "二、外交")})], {0: 58.0}, 2),
    # an amount cut short in a narrow cell goes on under it: one record
    "wrapped_amount": (
        [cell_line(0, {0: (10, "合计"), 1: (100, "370,219.2")}), cell_line(10, {1: (100, "5")})], {0: 58.0, 1: 150.0}, 1),
}


@pytest.mark.parametrize("name", RECORD_CASES)
def test_records(name):
    lines, right, count = RECORD_CASES[name]
    assert len(records(lines, right)) == count


def test_a_rule_parts_two_lines_that_would_wrap():
    lines = [cell_line(0, {0: (10, "一般公共服务")}), cell_line(10, {0: (10, "支出")})]
    assert len(records(lines, {0: 58.0})) == 1
    assert len(records(lines, {0: 58.0}, breaks=[9.0])) == 2
