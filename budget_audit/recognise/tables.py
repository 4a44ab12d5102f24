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
from budget_audit.recognise.groups import lines_beside_the_year, mark_unit_column, settle_unit_rows
from budget_audit.recognise.header import (header_length, header_paths, is_column_numbers, is_preparer_line,
                                           level_labels_beside_total, total_in_line, without_preamble)
from budget_audit.recognise.patterns import (CODE, CODE_IN_NAME, CODE_ROLES, ECONOMIC, FUNCTION_CODED, SPLIT_CODE,
                                             TWO_SIDED, ordinal_style)
from budget_audit.recognise.segment import TableBlock

_LEVELS = {3: "类", 5: "款", 7: "项"}
_OF_WHICH_SPLITS = (m.OPERATING_EXP, m.REMIT, m.SUBSIDY)
_PURPOSES = (m.BASIC, m.PROJECT, m.RESERVE)
_SPLIT_TOTAL = re.compile(r"^(人员经费|公用经费)(合计|小计)$")


def build_table(block: TableBlock, unit: str, page: int | None, year: int | None = None,
                final: bool = False) -> m.Table:
    rows = block.rows
    header_count = header_length(rows)
    header, body = rows[:header_count], rows[header_count:]
    if body and (split := level_labels_beside_total(body[0])):
        header, body = header + [split[0]], [split[1]] + body[1:]
    header_texts = {tuple(c for c in line.cells if c) for line in header}
    body = [line for line in body if tuple(c for c in line.cells if c) not in header_texts]   # repeated headers
    width = max((len(line.cells) for line in header), default=0)
    body = [total_in_line(line, width) for line in body]
    if block.key in ECONOMIC:
        header, body = side_by_side.unfold(header, body)
    elif block.key in TWO_SIDED:
        header, body = side_by_side.fold_purpose_block(header, body)
    labels = [line for line in without_preamble(header, body)
              if not is_column_numbers([cell for cell in line.cells if cell]) and not is_preparer_line(line)]
    columns = _columns(labels, body, block.key)
    table = m.Table(key=block.key, title=block.title, unit=unit, columns=columns, rows=[],
                    line=block.title_line.lineno, heading=block.heading, notes=list(block.notes),
                    unit_declared=block.unit is not None)
    if page is not None:
        table.pages = [page]
    if block.key in ("BT09", "FT07") and three_public.is_item_columns(columns):
        three_public.transpose(table, header_paths(labels, body), body, year, final, page)
        _finish(table)
        return table
    builder = _RowBuilder(table, page)
    for line in _money_lines(body) if cat.spec(block.key).target_sheet else body:
        builder.add(line)
    settle_unit_rows(table)
    if block.key in TWO_SIDED:
        lines_beside_the_year(table)
    if not any(c.role == "name" or c.role == "code" for c in columns) and len(table.rows) == 1:
        table.rows[0].kind, table.rows[0].label = m.TOTAL_ROW, "合计"   # a table that prints only its totals
    _inside_columns(table)
    _finish(table)
    if block.column_pages:
        pages = "、".join(str(page) for page in block.column_pages)
        table.layout_issues.append(f"printed in column halves: page {pages} prints other columns of the same rows")
    return table


# The heading of a performance-target sheet's indicator grid (活动 | 绩效指标 | 指标性质 | 指标值; 一级指标 | 二级
# 指标 | 三级指标 | 指标值): the figures printed below it are targets and weights, not money.
_INDICATOR_HEADING = re.compile(r"^(一级指标|二级指标|三级指标|绩效指标|指标名称|指标性质|指标值|年度指标值)$")


def _money_lines(body: list[SourceLine]) -> list[SourceLine]:
    """The lines of a 绩效目标表 that state its money: those above the indicator grid. The form reuses its
    funding block's columns for the indicators, so a 指标值 of 4500 stands in the 合计 column's slot."""
    for index, line in enumerate(body):
        if index and any(_INDICATOR_HEADING.match(compact(cell)) for cell in line.cells):
            return body[:index]
    return body


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


def _inside_columns(table: m.Table) -> None:
    """A 上缴上级 / 经营 / 对附属单位补助 column that the 合计 leaves out on every row that prints it (Shenzhen:
    合计 = 基本支出 + 项目支出 exactly, with 对附属单位补助支出 beside them) is a part of them, not a third
    component: it becomes a memo. A column added in on some rows and not on others stays a component."""
    for column in table.columns:
        if column.role not in _OF_WHICH_SPLITS:
            continue
        others = [c.role for c in table.columns if c.side == column.side and c.role in (m.BASIC, m.PROJECT)]
        rows = [row for row in table.rows if row.side == column.side and column.role in row.cells
                and row.cells[column.role].amount and m.TOTAL in row.cells and others]
        if len(rows) < 2:
            continue
        if all(row.cells[m.TOTAL].amount == sum(row.cells[r].amount for r in others if r in row.cells) for row in rows):
            role, column.role = column.role, f"memo#{column.index + 1}"
            for row in table.rows:
                if role in row.cells and row.side == column.side:
                    row.cells[column.role] = row.cells.pop(role)


# A spreadsheet's General number format rounds a figure to what fits its cell (852063605.79 prints as
# 852063605.8, or as 943865000 in a narrower cell): a figure of this many significant digits printed with
# fewer decimals than its column is as precise as it prints, not a figure whose trailing zeros were dropped.
GENERAL_FORMAT_DIGITS = 9


def _finish(table: m.Table) -> None:
    """Each cell's display unit u is its column's printed precision (a 万元 column: at least 0.01): a figure
    printed with fewer decimals than its column had only trailing zeros dropped, unless it is as long as the
    General format rounds to, when it was rounded to what it prints."""
    decimals: dict[tuple, int] = {}
    for row in table.rows:
        for role, cell in row.cells.items():
            key = (row.side, role)
            decimals[key] = max(decimals.get(key, 0), cell.decimals)
    floor = 2 if table.unit == "万元" else 0
    for row in table.rows:
        for role, cell in row.cells.items():
            shown = cell.decimals if _general_format_rounded(cell) else decimals[(row.side, role)]
            cell.step = step_for_decimals(max(shown, floor))
    table.pages = sorted({row.page for row in table.rows if row.page is not None} | set(table.pages))
    table.layout_issues = layout_issues(table)


def _general_format_rounded(cell: m.Cell) -> bool:
    digits = sum(ch.isdigit() for ch in cell.text.lstrip("-−0.,"))
    return cell.value is not None and digits >= GENERAL_FORMAT_DIGITS


def _columns(header: list[SourceLine], body: list[SourceLine], key: str) -> list[m.Column]:
    columns = [m.Column(index=c, role=cat.column_role(path), label="/".join(path))
               for c, path in header_paths(header, body).items()]
    mark_unit_column(columns, key)
    _assign_sides(columns, body, key)
    _settle_roles(columns, body)
    return columns


def _assign_sides(columns: list[m.Column], body: list[SourceLine], key: str) -> None:
    if key not in TWO_SIDED and not _headed_income_and_expenditure(columns):
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
        return
    _keep_first_view(columns)


def _headed_income_and_expenditure(columns: list[m.Column]) -> bool:
    """A table printed as 收入 | 支出 halves (Xi'an's 政府性基金收支表), whatever its catalogue key."""
    tops = [compact(column.label.split("/")[0]) for column in columns if column.role == "name"]
    return len(tops) >= 2 and tops[0] == "收入" and tops[1] == "支出"


def _keep_first_view(columns: list[m.Column]) -> None:
    """Xi'an prints the expenditure of a 收支总表 three times side by side: by function class, by department
    and by government economic class, each a name and an amount column. The first view is the one the
    other tables carry; the others are alternative views of the same total and are not read."""
    names = [column for column in columns if column.side == m.EXPENDITURE and column.role in ("name", "gov_name")]
    if len(names) < 2:
        return
    for column in columns:
        if column.side == m.EXPENDITURE and column.index >= names[1].index:
            column.role = cat.OTHER_VIEW


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
            of_which = any(compact(label).startswith("其中") for label in column.label.split("/"))
            # 其中 | 事业单位经营支出, 上缴上级支出 (Beijing, Shenzhen): parts of the expenditure, never added again
            duplicate = column.role in seen or column.role is None or column.role in _OF_WHICH_SPLITS
            if of_which and duplicate and _holds_amounts(column, body, None):
                column.role = f"memo#{column.index + 1}"   # 其中: part of the column before, never a component
            if column.role is None and _holds_amounts(column, body, None):
                column.role = f"column{column.index + 1}"
            if column.role in seen and column.role in CODE_ROLES:
                column.role = f"gov_{column.role}"   # a second code group: the 政府 economic classification
            elif column.role in seen and column.role not in cat.NON_AMOUNT_ROLES:
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
        self.ordinal_styles: list[str] = []        # income-row numbering styles, in order of first use
        self.unnumbered_head = False
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
        printed_at: dict[str, int] = {}            # role → index of the cell its text was read from
        for column in sorted((c for c in columns if c.role), key=_name_preference):
            cells.setdefault(column.role, line.cells[column.index] if column.index < len(line.cells) else "")
            printed_at.setdefault(column.role, column.index)
        self.code_printed = None
        printed, code = self._name_and_code(cells)
        unit_name = cells.get(cat.UNIT_NAME, "").strip()
        unit_code = cells.get(cat.UNIT_CODE, "").strip()
        opens_unit = bool(unit_name) and not printed and not code and not cat.TOTAL_LABEL.match(compact(unit_name))
        if opens_unit:
            printed, self.unit = unit_name, unit_name
        elif unit_name and not code:
            printed = printed or unit_name
        if unit_code and not unit_code.isdigit() and not printed:
            printed = unit_code   # 合计 printed in the unit-code column
        if not printed and not code and cat.TOTAL_LABEL.match(compact(cells.get("info", ""))):
            printed = cells["info"].strip()   # 合计 printed in the 序号 column
        if unit_code.isdigit() and not cat.TOTAL_LABEL.match(compact(printed)):
            # a row printed with a unit code (153 西安市公安局, 153001 …, 1 全额) heads the rows under it
            opens_unit, code, self.unit = True, None, f"{unit_code} {printed}".strip()
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
        if opens_unit and unit_code.isdigit():
            row.unit_code, row.depth = unit_code, len(unit_code)
        gov_parts = [cells.get(f"gov_{role}", "").strip() for role in ("code", "code_class", "code_section")]
        if any(gov_parts):
            row.gov_code = "".join(part for part in gov_parts if part.isdigit()) or None
        for role, column in amounts.items():
            row.cells[role] = amount_cell(cells.get(role, ""), role, column, row, self.table,
                                          line.cell_bbox(printed_at[role]))
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
            split = SPLIT_CODE.match(raw_code)
            if CODE.match(raw_code):
                code = raw_code
            elif split:
                code = "".join(part for part in split.groups() if part)
            elif not name:
                name = raw_code
        if code is None and name:
            embedded = CODE_IN_NAME.match(name)
            if embedded and CODE.match(embedded.group(1)) and cat.names_a_class(embedded.group(1)):
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
        return code if CODE.match(code) else None

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
            level = self._income_level(row)   # summary lines (一、本年收入, 二、上年结转) rank the numbering too
            if row.kind == m.ITEM:
                row.item = cat.income_source(label)
                row.group = self.group.get(row.side, "current")
                row.level = level
        if (key in TWO_SIDED and row.side in (m.EXPENDITURE, None) or key in FUNCTION_CODED) \
                and row.kind == m.ITEM and not row.code:
            code = cat.class_code(label)
            if code is None and key in TWO_SIDED and row.side == m.EXPENDITURE:
                code = cat.abbreviated_class_code(label)
            if code and self._named_like_the_row_above(row, code):
                code = None   # 五、其他支出 | 其他支出 | 其他支出: the 款 and 项 named like their 类, not the 类 again
            if code:
                row.code, row.level = code, "类"
            elif key in TWO_SIDED and row.side == m.EXPENDITURE and (purpose := cat.column_role([label])) in _PURPOSES:
                row.item = purpose   # expenditure by purpose: 基本支出, 项目支出, 单位预留机动经费
        if key in ("BT09", "FT07"):
            row.item = cat.three_public_item(label)
        if key in ECONOMIC and row.kind == m.ITEM and not (row.code and row.code[0] == "2"):
            self._economic(row)   # a 基本支出表 listed by function code (Xi'an) keeps the code's own level

    def _named_like_the_row_above(self, row: m.Row, code: str) -> bool:
        for above in reversed(self.table.rows):
            if above.side != row.side:
                continue
            if above.label != row.label:
                return False
            if above.code == code:
                return True
        return False

    def _income_level(self, row: m.Row) -> str | None:
        """The depth of an income row from its numbering: the numbering styles rank in the order they first
        appear (一、 above 1、 above (1) in Xi'an; 一、 above （一） elsewhere). None is the top level, "sub" the
        next, "sub2" anything deeper; an unnumbered row under numbered ones is "sub"; 其中 … is a "memo",
        a part of the row above that is never added in."""
        printed = compact(row.printed)
        if printed.startswith("其中"):
            return "memo"
        style = ordinal_style(printed)
        if style is None:
            if not self.ordinals_seen and row.kind == m.ITEM:
                self.unnumbered_head = True   # 财政拨款 above 1.一般公共预算拨款: the numbers are one level down
            return "sub" if self.ordinals_seen else None
        self.ordinals_seen = True
        if style not in self.ordinal_styles:
            self.ordinal_styles.append(style)
        return (None, "sub", "sub2")[min(self.ordinal_styles.index(style) + self.unnumbered_head, 2)]

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
