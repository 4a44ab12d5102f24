"""Turn a table block (title, unit, rows of cells) into a typed `Table`."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.money import looks_like_amount, step_for_decimals
from budget_audit.read.layout import SourceLine
from budget_audit.read.normalise import compact
from budget_audit.recognise import catalogue as cat
from budget_audit.recognise import side_by_side, three_public
from budget_audit.recognise.cells import amount_cell
from budget_audit.recognise.segment import TableBlock

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SPLIT_CODE = re.compile(r"^(\d{3})\s+(\d{2})(?:\s+(\d{2}))?$")
_CODE_IN_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*[-—:：、.]?\s*(\D.*)$")
_ORDINAL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|\d+[、.．](?!\d)|[①-⑳])")
_LEVELS = {3: "类", 5: "款", 7: "项"}
_SUB_ORDINAL = re.compile(r"^(?:\(?\d+[)、.．]|[（(]\d+[)）]|[（(][一二三四五六七八九十]+[)）])(?!\d)")

_PURPOSES = (m.BASIC, m.PROJECT, m.RESERVE)
_SPLIT_TOTAL = re.compile(r"^(人员经费|公用经费)(合计|小计)$")
_CODE_ROLES = ("code", "code_class", "code_section", "code_item")
TWO_SIDED = frozenset({"BT01", "BT04", "BT08", "FT01", "FT04"})
FUNCTION_CODED = frozenset({"BT02", "BT03", "BT05", "BT07", "BT07a", "BT08", "FT02", "FT03", "FT05", "FT08", "FT09"})
ECONOMIC = frozenset({"BT06", "BT16", "FT06"})


def build_table(block: TableBlock, unit: str, page: int | None, year: int | None = None,
                final: bool = False) -> m.Table:
    rows = block.rows
    header_count = 0
    while header_count < len(rows) and _is_header_row(rows[header_count]):
        header_count += 1
    header, body = rows[:header_count], rows[header_count:]
    if body and (split := _level_labels_beside_total(body[0])):
        header, body = header + [split[0]], [split[1]] + body[1:]
    header_texts = {tuple(c for c in line.cells if c) for line in header}
    body = [line for line in body if tuple(c for c in line.cells if c) not in header_texts]   # repeated headers
    width = max((len(line.cells) for line in header), default=0)
    body = [_total_in_line(line, width) for line in body]
    if block.key in ECONOMIC:
        header, body = side_by_side.unfold(header, body)
    elif block.key in TWO_SIDED:
        header, body = side_by_side.fold_purpose_block(header, body)
    labels = [line for line in header
              if not _is_column_numbers([cell for cell in line.cells if cell]) and not _is_preparer_line(line)]
    columns = _columns(labels, body, block.key)
    table = m.Table(key=block.key, title=block.title, unit=unit, columns=columns, rows=[],
                    line=block.title_line.lineno, heading=block.heading, notes=list(block.notes),
                    unit_declared=block.unit is not None)
    if page is not None:
        table.pages = [page]
    if block.key in ("BT09", "FT07") and three_public.is_item_columns(columns):
        three_public.transpose(table, _header_paths(labels, body), body, year, final, page)
        _finish(table)
        return table
    builder = _RowBuilder(table, page)
    for line in body:
        builder.add(line)
    _settle_unit_rows(table)
    if not any(c.role == "name" or c.role == "code" for c in columns) and len(table.rows) == 1:
        table.rows[0].kind, table.rows[0].label = m.TOTAL_ROW, "合计"   # a table that prints only its totals
    _finish(table)
    return table


def layout_issues(table: m.Table) -> list[str]:
    """Reasons to distrust the reconstruction: checking a misread table would report false errors."""
    issues = []
    unnamed = [c for c in table.columns if c.role and c.role.startswith("column")]
    if unnamed:
        issues.append(f"{len(unnamed)} amount column(s) with a header that names no known role")
    names = [c for c in table.columns if c.role == "name"]
    if table.key in TWO_SIDED and len({c.side for c in names}) < len(names) and len(names) > 2:
        issues.append(f"{len(names)} name columns: more than the two sides of a summary table")
    for side in {c.side for c in table.columns}:
        totals = [c for c in table.columns if c.side == side and c.role and c.role.split("#")[0] == m.TOTAL]
        if len(totals) > 1:
            issues.append("several 合计 columns on one side")
    numeric_labels = [row for row in table.rows if row.printed and looks_like_amount(row.printed)]
    if numeric_labels:
        issues.append(f"{len(numeric_labels)} row(s) labelled by a number (columns out of line)")
    return list(dict.fromkeys(issues))


def _finish(table: m.Table) -> None:
    """Each cell's display unit u is its column's printed precision (a 万元 column: at least 0.01)."""
    decimals: dict[tuple, int] = {}
    for row in table.rows:
        for role, cell in row.cells.items():
            key = (row.side, role)
            decimals[key] = max(decimals.get(key, 0), cell.decimals)
    floor = 2 if table.unit == "万元" else 0
    for row in table.rows:
        for role, cell in row.cells.items():
            cell.step = step_for_decimals(max(decimals[(row.side, role)], floor))
    table.pages = sorted({row.page for row in table.rows if row.page is not None} | set(table.pages))
    table.layout_issues = layout_issues(table)


_PREPARER = re.compile(r"^(编制单位|编制部门|预算单位|单位名称|部门名称|部门\(单位\)|部门|单位)\s*[:：]")
_THREE_PUBLIC_HEADER = re.compile(r"因公出国|公务接待|公务用车|购置|运行|机关运行经费|三公")


def _is_preparer_line(line: SourceLine) -> bool:
    """编制单位:XX局 printed above the header: it names the unit, it does not head a column."""
    cells = [cell for cell in line.cells if cell]
    return 1 <= len(cells) <= 2 and bool(_PREPARER.match(cells[0]))


def _is_header_row(line: SourceLine) -> bool:
    cells = [cell for cell in line.cells if cell]
    if not cells:
        return True
    if _is_column_numbers(cells) or _is_preparer_line(line):
        return True
    if len(cells) > 1 and any(_THREE_PUBLIC_HEADER.search(cell) for cell in cells) and not any(
            looks_like_amount(cell) for cell in cells):
        return True   # the MOF “三公” table: its items are column headings
    if any(looks_like_amount(cell) or _CODE.match(cell) or _SPLIT_CODE.match(cell) for cell in cells):
        return False
    first_index = next(index for index, cell in enumerate(line.cells) if cell)
    first = compact(cells[0])
    if _ORDINAL_PREFIX.match(first):
        return False
    # A lone 合计 in the name columns is a (blank) total row; 合计 beside other labels is a header.
    if first_index <= 1 and len(cells) == 1 and cat.TOTAL_LABEL.match(cat.strip_ordinal(first)):
        return False
    if not line.cells[0] and first_index >= 1 and len(cells) > 1:
        return True   # a header row under spanning headings: data rows are labelled in their first cell
    return all(cat.HEADER_WORDS.search(compact(cell)) for cell in cells)


def _level_labels_beside_total(line: SourceLine) -> tuple[SourceLine, SourceLine] | None:
    """Shanghai's 决算 prints 类 | 款 | 项 on the same line as the 合计 row: split them into a header line
    and the total row."""
    labels = [index for index, cell in enumerate(line.cells) if compact(cell) in ("类", "款", "项")]
    if len(labels) < 2 or labels != list(range(len(labels))) or not any(looks_like_amount(c) for c in line.cells):
        return None
    heading = tuple(cell if index in labels else "" for index, cell in enumerate(line.cells))
    rest = tuple("" if index in labels else cell for index, cell in enumerate(line.cells))
    return SourceLine(heading, line.lineno, line.page), SourceLine(rest, line.lineno, line.page)


def _total_in_line(line: SourceLine, width: int) -> SourceLine:
    """A 合计 row printed alone at the top of a page (no header above it to align with) has fewer cells than
    the table: its amounts belong in the right-most columns."""
    cells = line.cells
    if not (1 < len(cells) < width and cat.TOTAL_LABEL.match(compact(cells[0]))
            and all(looks_like_amount(cell) for cell in cells[1:])):
        return line
    return SourceLine((cells[0],) + ("",) * (width - len(cells)) + tuple(cells[1:]), line.lineno, line.page)


def _is_column_numbers(cells: list[str]) -> bool:
    """The 栏次 row of some templates: the columns numbered 1, 2, 3 … (perhaps after 栏次/行次 or a letter)."""
    numbers = [cell for cell in cells if not re.match(r"^(\*+|栏次|行次|[甲乙丙丁]|项目|科目)$", cell)]
    return len(numbers) >= 2 and numbers == [str(n) for n in range(1, len(numbers) + 1)]


def _header_paths(header: list[SourceLine], body: list[SourceLine]) -> dict[int, list[str]]:
    """Column index → its header labels, outermost first. Upper header rows span the columns to their right
    until the next label, where a lower row has labels under them."""
    width = max((len(line.cells) for line in header + body), default=0)
    grid = [list(line.cells) + [""] * (width - len(line.cells)) for line in header]
    for r in range(len(grid) - 1):
        for c in range(1, width):
            if not grid[r][c] and grid[r][c - 1] and any(grid[lower][c] for lower in range(r + 1, len(grid))):
                grid[r][c] = grid[r][c - 1]
    return {c: list(dict.fromkeys(grid[r][c] for r in range(len(grid)) if grid[r][c])) for c in range(width)}


def _columns(header: list[SourceLine], body: list[SourceLine], key: str) -> list[m.Column]:
    columns = [m.Column(index=c, role=cat.column_role(path), label="/".join(path))
               for c, path in _header_paths(header, body).items()]
    _mark_unit_column(columns, key)
    _assign_sides(columns, body, key)
    _settle_roles(columns, body)
    return columns


_UNIT_HEADING = re.compile(r"^(二级)?(预算单位|单位名称|单位)(名称)?$")


def _mark_unit_column(columns: list[m.Column], key: str) -> None:
    """A classified table broken down by 预算单位 prints the unit in its own column, left of the code and
    name columns: the unit's rows then form a block of their own, under that unit's total row."""
    if key not in FUNCTION_CODED and key not in ECONOMIC:
        return
    has_code = any(column.role in _CODE_ROLES for column in columns)
    for column in columns:
        if has_code and column.role in (None, "name") and _UNIT_HEADING.match(compact(column.label)):
            column.role = cat.UNIT_NAME


def _unit_rows_by_position(table: m.Table) -> None:
    """Without a 预算单位 column, a unit's name stands in the name column: an uncoded row, named by no
    class, that opens a run of coded rows starting again at a 类. Two or more such rows make the table a
    breakdown by unit."""
    if table.key not in FUNCTION_CODED and table.key not in ECONOMIC:
        return
    rows = table.rows
    openers = [index for index, row in enumerate(rows[:-1])
               if row.kind == m.ITEM and not row.code and _names_no_class(row)
               and rows[index + 1].code and len(rows[index + 1].code) == 3 and rows[index + 1].side == row.side]
    head = openers[0] - 1 if openers else -1
    department = head >= 0 and rows[head].kind == m.ITEM and not rows[head].code and _names_no_class(rows[head])
    items = [row for index, row in enumerate(rows)
             if row.kind == m.ITEM and index not in openers and not (department and index == head)]
    uncoded = sum(1 for row in items if not row.code)
    if len(openers) < 2 or uncoded * 10 > len(items) or not _units_add_up(rows, openers):
        return   # a table that names its rows without codes (款/项 by name only) has no unit blocks
    unit = None
    for index, row in enumerate(rows):
        if index in openers or (department and index == head):
            row.kind, row.level, unit = m.UNIT_TOTAL_ROW, None, row.label
        elif row.kind != m.ITEM:
            unit = None
        row.unit = unit


def _units_add_up(rows: list[m.Row], openers: list[int]) -> bool:
    """Most would-be unit rows carry the sum of the 类 rows printed under them, as a unit total does."""
    consistent = 0
    for start, end in zip(openers, [*openers[1:], len(rows)]):
        opener, block = rows[start], rows[start + 1:end]
        total = opener.cells.get(m.TOTAL)
        classes = [row.cells[m.TOTAL] for row in block if row.code and len(row.code) == 3 and m.TOTAL in row.cells]
        if total is None or total.blank or not classes:
            continue
        gap = abs(total.amount - sum(cell.amount for cell in classes))
        consistent += gap <= total.step * len(classes)
    return consistent * 2 > len(openers)


def _names_no_class(row: m.Row) -> bool:
    label = compact(row.label)
    return not (cat.class_code(label) or cat.economic_codes(label, "department")
                or cat.economic_codes(label, "government"))


def _settle_unit_rows(table: m.Table) -> None:
    """A unit row with no rows of its own, printed before the first unit that has some, is the table's
    total (深圳市水务局 above 深圳市水务局(本级), …) unless a 合计 row is printed."""
    _unit_rows_by_position(table)
    units = [row for row in table.rows if row.kind == m.UNIT_TOTAL_ROW]
    if not units or any(row.kind == m.TOTAL_ROW for row in table.rows):
        return
    first = table.rows.index(units[0])
    following = table.rows[first + 1] if first + 1 < len(table.rows) else None
    if following is None or following.kind == m.UNIT_TOTAL_ROW:
        units[0].kind, units[0].unit = m.TOTAL_ROW, None


def _assign_sides(columns: list[m.Column], body: list[SourceLine], key: str) -> None:
    if key not in TWO_SIDED:
        return
    seen_amount = False
    side = m.INCOME
    for column in columns:
        if column.role in ("name", "code") and seen_amount:
            side = m.EXPENDITURE
        elif column.role not in cat.NON_AMOUNT_ROLES:
            seen_amount = True
        column.side = side
    if all(column.side == m.INCOME for column in columns):
        for column in columns:
            column.side = None


def _settle_roles(columns: list[m.Column], body: list[SourceLine]) -> None:
    """A side with a single amount column calls it the total; later duplicates of a role get a suffix;
    an unlabelled column that holds amounts gets a positional role."""
    for side in {column.side for column in columns}:
        same_side = [column for column in columns if column.side == side]
        amount_columns = [column for column in same_side
                          if column.role not in cat.NON_AMOUNT_ROLES and _holds_amounts(column, body, column.role)]
        if len(amount_columns) == 1 and amount_columns[0].role != m.TOTAL:
            amount_columns[0].role = m.TOTAL
        totals = [column for column in same_side if column.role == m.TOTAL]
        for column in totals[1:]:
            # beside the table's own total, a 小计 heads its group: 基本支出/小计, 本年收入/小计
            column.role = cat.heading_role(column.label.split("/")) or (m.CURRENT if "本年" in column.label else m.TOTAL)
        seen: set[str] = set()
        for column in same_side:
            if column.role is None and _holds_amounts(column, body, None):
                column.role = f"column{column.index + 1}"
            if column.role in seen and column.role in _CODE_ROLES:
                column.role = f"gov_{column.role}"   # a second code group: the 政府 economic classification
            elif column.role in seen and column.role not in ("name",):
                column.role = f"{column.role}#{column.index + 1}"
            if column.role:
                seen.add(column.role)


def _holds_amounts(column: m.Column, body: list[SourceLine], role: str | None) -> bool:
    if role is not None:
        return True
    return any(column.index < len(line.cells) and looks_like_amount(line.cells[column.index]) for line in body)


def _name_preference(column: m.Column) -> int:
    """Where a table prints several name columns (单位名称 and 项目名称; 功能分类 and 经济分类), the row is
    named by the project, else by the function class, else by the first."""
    if column.role != "name":
        return 0
    label = compact(column.label)
    if "项目名称" in label:
        return 0
    if "功能" in label or "科目名称" in label:
        return 1
    return 2 + column.index


class _RowBuilder:
    def __init__(self, table: m.Table, page: int | None):
        self.table = table
        self.page = page
        self.group: dict[str | None, str] = {}
        self.parent_code: dict[str, str] = {}      # code_class / code_section carried down
        self.economic_parent: str | None = None
        self.ordinals_seen = False
        self.current_total_seen: dict[str | None, bool] = {}
        self.code_printed: str | None = None
        self.unit: str | None = None                # the 预算单位 block being read

    def add(self, line: SourceLine) -> None:
        sides = sorted({column.side for column in self.table.columns}, key=lambda side: side or "")
        if m.INCOME in sides:
            sides = [m.INCOME, m.EXPENDITURE]
        for side in sides:
            row = self._row(line, side)
            if row is not None:
                self.table.rows.append(row)

    def _row(self, line: SourceLine, side: str | None) -> m.Row | None:
        columns = [column for column in self.table.columns if column.side == side]
        cells: dict[str, str] = {}
        for column in sorted((c for c in columns if c.role), key=_name_preference):
            cells.setdefault(column.role, line.cells[column.index] if column.index < len(line.cells) else "")
        self.code_printed = None
        printed, code = self._name_and_code(cells)
        unit_name = cells.get(cat.UNIT_NAME, "").strip()
        opens_unit = bool(unit_name) and not printed and not code and not cat.TOTAL_LABEL.match(compact(unit_name))
        if opens_unit:
            printed, self.unit = unit_name, unit_name
        elif unit_name and not code:
            printed = printed or unit_name
        amounts = {column.role: column for column in columns
                   if column.role and column.role not in cat.NON_AMOUNT_ROLES}
        if not printed and not code and not any(cells.get(role) for role in amounts):
            return None
        label = cat.strip_ordinal(printed) if printed else (code or "")
        row = m.Row(label=label, printed=printed, cells={}, line=line.lineno,
                    page=line.page if line.page is not None else self.page, code=code, side=side)
        row.gov_name = cells.get("gov_name") or None
        row.code_printed = self.code_printed
        row.unit = self.unit
        gov_parts = [cells.get(f"gov_{role}", "").strip() for role in ("code", "code_class", "code_section")]
        if any(gov_parts):
            row.gov_code = "".join(part for part in gov_parts if part.isdigit()) or None
        for role, column in amounts.items():
            row.cells[role] = self._cell(cells.get(role, ""), role, column, row)
        self._classify(row)
        if opens_unit and row.kind == m.ITEM:
            row.kind, row.level, row.code = m.UNIT_TOTAL_ROW, None, None
        return row

    def _name_and_code(self, cells: dict[str, str]) -> tuple[str, str | None]:
        name = cells.get("name", "").strip()
        raw_code = cells.get("code", "").strip()
        code = None
        if any(part in cells for part in ("code_class", "code_section", "code_item")):
            code = self._joined_code(cells)
            first = cells.get("code_class", "").strip()
            if code is None and first and not first.isdigit() and not name:
                name = first
        elif raw_code:
            split = _SPLIT_CODE.match(raw_code)
            if _CODE.match(raw_code):
                code = raw_code
            elif split:
                code = "".join(part for part in split.groups() if part)
            elif not name:
                name = raw_code
        if code is None and name:
            embedded = _CODE_IN_NAME.match(name)
            if embedded and _CODE.match(embedded.group(1)):
                code, name = embedded.group(1), embedded.group(2).strip()
        if not name and cells.get("gov_name"):
            name = cells["gov_name"].strip()
        return name, code

    def _joined_code(self, cells: dict[str, str]) -> str | None:
        parts = [cells.get(role, "").strip() for role in ("code_class", "code_section", "code_item")]
        if not any(parts):
            return None
        self.code_printed = None
        if parts[0].isdigit() and len(parts[0]) != 3 and self.parent_code.get("class") and (parts[1] or parts[2]):
            # a 类 printed wrongly (e.g. "7" for 210) on a 款/项 row: read by position, and say so
            self.code_printed = " ".join(p for p in parts if p)
            parts[0] = ""
        if parts[0]:
            self.parent_code = {"class": parts[0]}
        if parts[1]:
            self.parent_code["section"] = parts[1]
        code = parts[0] or self.parent_code.get("class", "")
        if parts[1] or parts[2]:
            code += parts[1] or self.parent_code.get("section", "")
        if parts[2]:
            code += parts[2]
        return code if _CODE.match(code) else None

    def _cell(self, text: str, role: str, column: m.Column, row: m.Row) -> m.Cell:
        return amount_cell(text, role, column, row, self.table)

    def _classify(self, row: m.Row) -> None:
        key = self.table.key
        label = compact(row.label)
        if row.code:
            row.level = _LEVELS.get(len(row.code))
        summary = cat.summary_row_kind(label) if key in TWO_SIDED else None
        if summary == m.CURRENT_TOTAL and self.current_total_seen.get(row.side):
            summary = m.GRAND_TOTAL   # 一、本年收入 … 二、上年结转 … 收入合计: the 合计 is then the grand total
        if summary:
            row.kind = summary
            if summary == m.CURRENT_TOTAL:
                self.current_total_seen[row.side] = True
        elif cat.TOTAL_LABEL.match(label):
            row.kind = m.TOTAL_ROW
        elif key in ECONOMIC and _SPLIT_TOTAL.match(label):
            row.kind, row.item = m.SPLIT_TOTAL_ROW, m.PERSONNEL if label.startswith("人员") else m.PUBLIC
        if key in TWO_SIDED and row.side == m.INCOME:
            if row.kind == m.CARRYOVER_ROW:
                self.group[row.side] = "carryover"
            elif row.kind not in (m.ITEM, m.CURRENT_TOTAL):
                self.group[row.side] = "after"
            if row.kind == m.ITEM:
                row.item = cat.income_source(label)
                row.group = self.group.get(row.side, "current")
                if _ORDINAL_PREFIX.match(row.printed):
                    self.ordinals_seen = True
                if _SUB_ORDINAL.match(row.printed) or (self.ordinals_seen and not _ORDINAL_PREFIX.match(row.printed)):
                    row.level = "sub"   # 1、一般公共预算 (or an unnumbered 一般公共预算) under 一、财政拨款收入
        if (key in TWO_SIDED and row.side in (m.EXPENDITURE, None) or key in FUNCTION_CODED) \
                and row.kind == m.ITEM and not row.code:
            code = cat.class_code(label)
            if code:
                row.code, row.level = code, "类"
            elif key in TWO_SIDED and row.side == m.EXPENDITURE and (purpose := cat.column_role([label])) in _PURPOSES:
                row.item = purpose   # expenditure by purpose: 基本支出, 项目支出, 单位预留机动经费
        if key in ("BT09", "FT07"):
            row.item = cat.three_public_item(label)
        if key in ECONOMIC and row.kind == m.ITEM:
            self._economic(row)

    def _economic(self, row: m.Row) -> None:
        if row.code and row.code[0] in "35":   # printed economic code: 301, 30101, or a sub-item 3021503
            row.level = "类" if len(row.code) == 3 else "款"
            if row.gov_code and len(row.gov_code) == 3 and self.economic_parent is None:
                self.economic_parent = row.gov_code
            return
        department = [code for code in cat.economic_codes(row.label, "department")]
        government = cat.economic_codes(row.gov_name, "government") if row.gov_name else []
        split_blank = all(row.cells[role].blank for role in (m.PERSONNEL, m.PUBLIC) if role in row.cells)
        class_codes = [code for code in department if len(code) == 3]
        gov_class = [code for code in government if len(code) == 3]
        if split_blank and (class_codes or (gov_class and not [c for c in department if len(c) == 5])):
            row.level = "类"
            row.code = class_codes[0] if class_codes else None
            row.gov_code = gov_class[0] if gov_class else None
            self.economic_parent = row.gov_code or row.code
            return
        row.level = "款"
        leaf = [code for code in department if len(code) == 5]
        row.code = leaf[0] if leaf else None
        if government:
            parent = self.economic_parent or ""
            within = [code for code in government if len(code) == 5 and code.startswith(parent[:3])]
            row.gov_code = (within or [code for code in government if len(code) == 5] or [None])[0]
