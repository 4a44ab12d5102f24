"""Split a SourceDocument into blocks: cover, table of contents, tables, attachments, narrative."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from budget_audit.read.layout import SourceLine
from budget_audit.read.normalise import compact
from budget_audit.recognise.catalogue import classify_title

UNIT_LINE = re.compile(r"(?:金额)?单位[:：]\s*(亿元|万元|元|万(?=$))")
_NOTE_LINE = re.compile(r"^(备注|注|说明)\s*\d?\s*[:：]|^注\s*\d|^\*")
_TOC_HEAD = re.compile(r"^目\s*录$")
_TOC_PAGE = re.compile(r"^(.*?)[.…·\s]*(\d{1,3})$")
ATTACHMENT_START = "项目名称"
TABLE_NUMBER_LINE = re.compile(r"^(公开|附|预算|部门预算|决算)?表?[一二三四五六七八九十\d]+(-\d+)?表?$|^(公开|附)?表[一二三四五六七八九十\d]+$")


@dataclass
class TableBlock:
    key: str
    title: str
    heading: str | None
    title_line: SourceLine
    rows: list[SourceLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str | None = None
    ends_document: bool = False
    # pages that print other columns of the rows before them (a wide table printed in two halves)
    column_pages: list[int] = field(default_factory=list)


@dataclass
class TocLine:
    title: str
    page: int
    line: SourceLine


@dataclass
class Segments:
    cover: list[SourceLine] = field(default_factory=list)
    toc: list[TocLine] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    attachments: list[list[SourceLine]] = field(default_factory=list)
    narrative: list[SourceLine] = field(default_factory=list)


def segment(lines: list[SourceLine]) -> Segments:
    out = Segments()
    lines = drop_running_headers([line for line in lines if not line.is_blank])
    index = _read_cover(lines, out)
    index = _read_toc(lines, index, out)
    while index < len(lines):
        line = lines[index]
        title = _title_at(lines, index)
        if title:
            index = _read_table(lines, index, title, out)
        elif is_attachment_start(line):
            index = _read_attachment(lines, index, out)
        else:
            out.narrative.append(line)
            index += 1
    return out


def drop_running_headers(lines: list[SourceLine]) -> list[SourceLine]:
    """Drop page furniture: a one-cell line printed first or last on at least three pages (the document's
    name repeated as a running header, 第X页 footers)."""
    edges: dict[str, set[int]] = {}
    for index, line in enumerate(lines):
        if line.page is None or line.is_row:
            continue
        first = index == 0 or lines[index - 1].page != line.page
        last = index == len(lines) - 1 or lines[index + 1].page != line.page
        if first or last:
            edges.setdefault(_furniture_key(line.text), set()).add(line.page)
    furniture = {key for key, pages in edges.items() if len(pages) >= 3 and not classify_title(key)}
    return [line for line in lines if line.is_row or line.page is None or _furniture_key(line.text) not in furniture]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", compact(text))


def _read_cover(lines: list[SourceLine], out: Segments) -> int:
    for index, line in enumerate(lines):
        if _TOC_HEAD.match(line.text.replace(" ", "")) or _title_at(lines, index) or line.is_row:
            out.cover = lines[:index]
            return index
        if index > 15:
            break
    out.cover = lines[: min(len(lines), 5)]
    return 0


def _read_toc(lines: list[SourceLine], index: int, out: Segments) -> int:
    if index >= len(lines) or not _TOC_HEAD.match(lines[index].text.replace(" ", "")):
        return index
    index += 1
    misses = 0
    while index < len(lines) and misses < 2:
        entry = _toc_entry(lines[index])
        if entry:
            out.toc.append(entry)
            misses = 0
        else:
            # A TOC entry whose title wrapped: the next line carries the page number.
            if index + 1 < len(lines) and _toc_entry(lines[index + 1]) and not lines[index].is_row:
                following = _toc_entry(lines[index + 1])
                out.toc.append(TocLine(lines[index].text + following.title, following.page, lines[index]))
                index += 2
                continue
            misses += 1
        index += 1
    return index - misses


def _toc_entry(line: SourceLine) -> TocLine | None:
    cells = [cell for cell in line.cells if cell.strip()]
    if not cells:
        return None
    if len(cells) >= 2 and cells[-1].isdigit():
        return TocLine("".join(cells[:-1]).rstrip(".…· "), int(cells[-1]), line)
    match = _TOC_PAGE.match(cells[0]) if len(cells) == 1 else None
    if match and re.search(r"[.…·]{2,}", cells[0]):
        return TocLine(match.group(1).rstrip(".…· "), int(match.group(2)), line)
    return None


def _title_at(lines: list[SourceLine], index: int) -> tuple[str, str, int] | None:
    """(key, title text, lines used) when a table title starts at `index`."""
    line = lines[index]
    if line.is_row and len([c for c in line.cells if c]) > 1:
        return None
    text = line.text
    if index + 1 < len(lines) and not lines[index + 1].is_row:
        following = lines[index + 1].text
        if following.startswith("(") and following.endswith(")") and len(following) <= 20:
            joined = text + following
            key = classify_title(_without_unit(joined))
            if key:
                return key, _without_unit(joined), 2
    key = classify_title(_without_unit(text))
    if key and text.count("(") <= text.count(")"):
        return key, _without_unit(text), 1
    if index + 1 < len(lines) and not lines[index + 1].is_row:
        joined = text + lines[index + 1].text
        key = classify_title(_without_unit(joined))
        if key and not classify_title(_without_unit(lines[index + 1].text)):
            return key, _without_unit(joined), 2
    joined, used = _wrapped_title(lines, index)
    wrapped = classify_title(_without_unit(joined)) if used > 1 else None
    if wrapped:
        return wrapped, _without_unit(joined), used
    return (key, _without_unit(text), 1) if key else None


# a piece of a title wrapped in a narrow column is at most this long
TITLE_PIECE = 24
_YEAR_IN_TITLE = re.compile(r"20\d\d年")
# a line ending so is a heading of its own (2026年部门预算表, 湖州市2026年市级部门预算), not a title cut off
_PHRASE_END = re.compile(r"(表|预算|决算|公开|情况|说明|目录)\)?$")


def _wrapped_title(lines: list[SourceLine], index: int) -> tuple[str, int]:
    """A title broken over several short lines (a table printed in half the page's width): the line and the
    pieces after it that finish it, up to a unit line or a row: while a bracket is left open (…(不含上年结 | 转)),
    or while a line naming the year names no table yet (新绛县…2024年政府性基 | 金预算收 | 入表). A piece that
    reads as a title of its own ends it, unless what comes before is such a short start (新绛县…2024年财政拨款 |
    安排“三公”经费支出预算表)."""
    text, used = lines[index].text, 1
    while index + used < len(lines) and used < 4:
        piece = lines[index + used]
        if (piece.is_row or len(piece.text) > TITLE_PIECE or UNIT_LINE.search(piece.text)
                or TABLE_NUMBER_LINE.match(compact(piece.text))):
            break
        complete, open_bracket = classify_title(_without_unit(text)), text.count("(") > text.count(")")
        if not open_bracket and (complete or not _YEAR_IN_TITLE.search(text) or _PHRASE_END.search(text)):
            break   # only a bracket left open, or a year's title cut off mid-phrase, goes on over the line
        if classify_title(_without_unit(piece.text)) and (complete or len(text) > TITLE_PIECE):
            break
        text, used = text + piece.text, used + 1
    return text, used


def _without_unit(text: str) -> str:
    return UNIT_LINE.sub("", text).strip()


def _read_table(lines: list[SourceLine], index: int, title: tuple[str, str, int], out: Segments) -> int:
    key, text, used = title
    start = index
    block = TableBlock(key=key, title=text, heading=None, title_line=lines[index])
    block.unit = _unit_in(lines[index].text)
    index += used
    # The section heading (一、…表) is often followed by the full title (单位名称 + 年 + 表名).
    following = _title_at(lines, index) if index < len(lines) else None
    if following and following[0] == key:
        block.heading, block.title = text, following[1]
        block.unit = block.unit or _unit_in(lines[index].text)
        index += following[2]
    while index < len(lines):
        line = lines[index]
        unit = _unit_in(line.text)
        if unit and not line.is_row:
            block.unit = block.unit or unit
        elif line.is_row and not is_attachment_start(line):
            if unit and not any(_is_amount_like(c) for c in line.cells):
                block.unit = block.unit or unit
                stripped = tuple(UNIT_LINE.sub("", cell) for cell in line.cells)
                if any(stripped):
                    block.rows.append(line.with_cells(stripped))
            else:
                block.rows.append(line)
        elif _NOTE_LINE.match(line.text) or (block.notes and not line.is_row and not _title_at(lines, index)
                                             and _continues_note(block.notes[-1])):
            block.notes.append(line.text)
        elif not line.is_row and TABLE_NUMBER_LINE.match(compact(line.text)):
            pass   # 公开表一 / 表1 / 公开01表 printed beside the title
        elif not line.is_row and not _has_amounts(block) and _header_fragment(lines, index):
            if line.text.strip() not in ("元", "万元") and not _PREPARER_TEXT.match(compact(line.text)):
                # a one-cell heading over the columns (2026年预算数, 财政拨款“三公”经费): a header row
                block.rows.append(SourceLine((line.text,), line.lineno, line.page))
        else:
            break
        index += 1
    block.ends_document = index >= len(lines)
    if not block.rows and not block.notes:
        # A title with nothing under it (a table of contents without page numbers, a list of attachments,
        # a sentence naming a table) is text, not a table.
        out.narrative.extend(lines[start:index])
        return index
    previous = out.tables[-1] if out.tables else None
    if previous and previous.key == key and previous.rows and _is_continuation(previous, block):
        if _other_columns(previous, block):
            previous.column_pages.append(block.rows[0].page)
        previous.rows.extend(block.rows)
        previous.notes.extend(block.notes)
        previous.ends_document = block.ends_document
    else:
        out.tables.append(block)
    return index


_PREPARER_TEXT = re.compile(r"^(编制单位|编制部门|预算单位|单位名称|部门名称|部门\(单位\)|部门|单位)[:：]|^[^:：]{1,6}$(?<![计额数费出入])")


def _has_amounts(block: TableBlock) -> bool:
    return any(_is_amount_like(cell) for row in block.rows for cell in row.cells)


def _header_fragment(lines: list[SourceLine], index: int) -> bool:
    """A short one-cell line above a table's first amounts: a heading over the columns, or a wrapped piece
    of the preparer or unit line; never a section heading, a sentence or the next table's title."""
    from budget_audit.recognise.narrative import is_heading

    text = lines[index].text.strip()
    return (len(text) <= 30 and not text.endswith(("。", "；")) and not is_heading(text)
            and not _title_at(lines, index))


def _continues_note(note: str) -> bool:
    return not note.rstrip().endswith(("。", "；", ";", ".", "！"))


def _is_continuation(previous: TableBlock, block: TableBlock) -> bool:
    """A repeated title on the next page continues the table, unless the table already closed."""
    return compact(previous.title) == compact(block.title) and not _closed(previous)


def _figure_lines(rows: list[SourceLine]) -> list[SourceLine] | None:
    """The lines of figures after a block's header, or None when one of them also prints a name or a code."""
    first = next((k for k, row in enumerate(rows) if any(_is_amount_like(cell) for cell in row.cells)), None)
    if first is None:
        return None
    body = rows[first:]
    if any(cell.strip() and not _is_amount_like(cell) and cell.strip() not in ("-", "—") for row in body
           for cell in row.cells):
        return None
    return body


def _other_columns(previous: TableBlock, block: TableBlock) -> bool:
    """Whether a continuation prints other columns of the same rows rather than more rows: both it and the page
    before print a header of their own over lines of figures only (no name, no code), as many lines each, under
    headers that differ (预算02表 收入总表 in two halves: 合计 … 附属单位上缴收入, then 其他收入, 上年结转结余 …)."""
    page = previous.rows[-1].page
    before = [row for row in previous.rows if row.page == page]
    mine, theirs = _figure_lines(block.rows), _figure_lines(before)
    if not mine or not theirs or len(mine) != len(theirs):
        return False
    header = [row.cells for row in block.rows[:len(block.rows) - len(mine)]]
    return bool(header) and header != [row.cells for row in before[:len(before) - len(theirs)]]


def _closed(block: TableBlock) -> bool:
    last = block.rows[-1].cells
    return any(re.match(r"^(合计|总计|收入总计|支出总计|单位合计)$", compact(cell)) for cell in last if cell)


def _unit_in(text: str) -> str | None:
    match = UNIT_LINE.search(text)
    if not match:
        return None
    return "万元" if match.group(1) == "万" else match.group(1)   # 单位:万 / 元 wrapped over two lines


def _is_amount_like(text: str) -> bool:
    return bool(re.match(r"^-?[\d,]+(\.\d+)?$", text.strip()))


def is_attachment_start(line: SourceLine) -> bool:
    """The first row of a 项目绩效目标表: 项目名称 followed by the project's name (not a header)."""
    cells = [cell for cell in line.cells if cell]
    return (line.is_row and len(cells) >= 2 and cells[0] == ATTACHMENT_START
            and not re.search(r"合计|金额|预算|资金|类别", cells[1]))


def _read_attachment(lines: list[SourceLine], index: int, out: Segments) -> int:
    block = [lines[index]]
    index += 1
    while index < len(lines):
        line = lines[index]
        if not line.is_row or is_attachment_start(line) or _title_at(lines, index):
            break
        block.append(line)
        index += 1
    out.attachments.append(block)
    return index
