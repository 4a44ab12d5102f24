"""Rows that head other rows: the 预算单位 of a table broken down by unit (from a unit column, a unit code or
their place), groups of a project list found by their sums, and income printed beside the year's."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.read.normalise import compact
from budget_audit.recognise import catalogue as cat
from budget_audit.recognise.patterns import CODE_ROLES, ECONOMIC, FUNCTION_CODED, LISTS, ordinal_style

_UNIT_HEADING = re.compile(r"^(二级)?(预算单位|单位名称|单位)(名称)?$")


def mark_unit_column(columns: list[m.Column], key: str) -> None:
    """A classified table broken down by 预算单位 prints the unit in its own column, left of the code and
    name columns: the unit's rows then form a block of their own, under that unit's total row."""
    if key not in FUNCTION_CODED and key not in ECONOMIC:
        return
    has_code = any(column.role in CODE_ROLES for column in columns)
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


GROUP_DEPTH = 99   # groups found by their sums nest under every unit: 99, 100, …


def _groups_by_sum(table: m.Table) -> None:
    """A list of projects printed as a tree without levels (通用项目 above 大型活动 above 审计培训 …): when the
    rows under a total do not add up to it as a flat list, read them as the one tree whose every group row is
    the sum of the rows under it, if there is one."""
    if table.key not in LISTS:
        return
    rows = table.rows
    heads = [index for index, row in enumerate(rows) if row.kind in (m.TOTAL_ROW, m.UNIT_TOTAL_ROW)]
    for head in heads:
        segment = []
        for row in rows[head + 1:]:
            if row.kind != m.ITEM:
                break
            segment.append(row)
        values = [_total_value(row) for row in segment]
        target = _total_value(rows[head])
        if not segment or None in values or target is None:
            continue
        step = max(cell.step for row in [rows[head], *segment] for cell in row.cells.values())
        if abs(sum(values) - target) <= step * max(1, len(values) // 2):
            continue   # a flat list, within its rounding
        # the flattest tree first; a long list of units, each heading its projects (Guangzhou: 合计 = Σ units, a
        # unit = Σ the projects below it), has too many flat prefixes to try, and is found group first; a unit
        # printed as the rounded sum of its projects may miss it by one display unit
        searches = [lambda: _parse_tree(values, target), lambda: _parse_tree(values, target, prefer_groups=True),
                    lambda: _parse_tree(values, target, prefer_groups=True, slack=step),
                    lambda: _heads_and_items(values, target, step)]
        if len(values) > LONG_LIST:
            searches.insert(0, searches.pop())   # the searches would only spend their budget
        tree = next((found for search in searches if (found := search()) is not None), None)
        if tree is not None:
            _mark_groups(segment, tree, rows[head].depth if rows[head].kind == m.UNIT_TOTAL_ROW else GROUP_DEPTH - 1,
                         rows[head].unit)


# a list this long is read in one pass before any search: the searches run out of steps on it
LONG_LIST = 200


def _total_value(row: m.Row):
    cell = row.cells.get(m.TOTAL)
    return None if cell is None else cell.amount


def _parse_tree(values: list, target, limit: int = 20000, prefer_groups: bool = False, slack=0):
    """Nodes of a pre-order tree over `values` whose top level sums to `target`: a list of (index, children)
    with leaves as (index, []), preferring leaves (or, with `prefer_groups`, groups); each group, and the top
    level, within `slack` of the sum of its children. None when no such tree exists (or the search is too
    long)."""
    budget = [limit]
    dead: set[tuple] = set()   # (start, goal, to_end) with no tree: never searched twice

    def sequences(start: int, goal, to_end: bool):
        """Every run of subtrees from `start` summing to `goal` (with to_end: covering every value left)."""
        state = (start, goal, to_end)
        if state in dead:
            return
        found = False
        reached = abs(goal) <= slack
        if reached and (not to_end or start == len(values)):
            found = True
            yield [], start
        if start >= len(values) or goal < -slack or (reached and abs(values[start]) > slack) or budget[0] <= 0:
            if not found:
                dead.add(state)
            return
        budget[0] -= 1
        value = values[start]
        for as_group in (True, False) if prefer_groups else (False, True):
            if not as_group:
                for rest in sequences(start + 1, goal - value, to_end):
                    found = True
                    yield [(start, []), *rest[0]], rest[1]
            elif value > 0:
                for children, after in sequences(start + 1, value, False):
                    if children:
                        for rest in sequences(after, goal - value, to_end):
                            found = True
                            yield [(start, children), *rest[0]], rest[1]
        if not found and budget[0] > 0:
            dead.add(state)

    try:
        return next((nodes for nodes, _ in sequences(0, target, True)), None)
    except RecursionError:   # a list too long to search as a tree (each row nests one call deeper)
        return None


def _heads_and_items(values: list, target, slack):
    """A list too long to search, read in one pass as heads each followed by the rows that make it (a unit and
    its projects): a row whose followers add up to it before they pass it heads them, within the rounding of
    n followers (`slack` for every two). The reading stands only when the heads and the rows outside any head
    make `target`."""
    def bound(count: int):
        return slack * max(1, count // 2)

    nodes, index, top = [], 0, 0
    while index < len(values):
        value, end, run = values[index], index + 1, 0
        while end < len(values) and run < value - bound(end - index - 1):
            run += values[end]
            end += 1
        if end > index + 1 and abs(run - value) <= bound(end - index - 1):
            nodes.append((index, [(child, []) for child in range(index + 1, end)]))
        else:
            nodes.append((index, []))
            end = index + 1
        top += value
        index = end
    grouped = any(children for _, children in nodes)
    return nodes if grouped and abs(top - target) <= bound(len(nodes)) else None


def _mark_groups(segment: list[m.Row], nodes, depth: int, unit: str | None) -> None:
    for index, children in nodes:
        row = segment[index]
        row.unit = unit
        if children:
            # a group carries its own block's name, as a unit row printed with its code does
            row.kind, row.depth, row.unit = m.UNIT_TOTAL_ROW, depth + 1, f"{unit or ''}/{row.label}"
            _mark_groups(segment, children, depth + 1, row.unit)


def lines_beside_the_year(table: m.Table) -> None:
    """An unnumbered, uncoded line printed between 本年收入合计 and 收入总计 (or 本年支出合计 and 支出总计),
    neither a part (其中) nor a fund row of the carry-over, is added into the grand total like 使用非财政拨款结余
    or 结余分配 (Xi'an's 上年实户资金余额 and 未安排支出的实户资金). That holds only where the year's total
    closes the rows above it: a 本年支出合计 printed first heads the classes listed below it (Hangzhou), and
    numbered lines there are the parts of a 一、本年收入 printed first."""
    for side, kind in ((m.INCOME, m.SURPLUS_USE_ROW), (m.EXPENDITURE, m.SURPLUS_SHARE_ROW)):
        rows = [row for row in table.rows if row.side == side]
        current = next((i for i, row in enumerate(rows) if row.kind == m.CURRENT_TOTAL), None)
        grand = next((i for i, row in enumerate(rows) if row.kind == m.GRAND_TOTAL), None)
        if current is None or grand is None or not any(row.kind == m.ITEM for row in rows[:current]):
            continue
        for row in rows[current + 1:grand]:
            if row.kind == m.ITEM and row.level != "memo" and row.group != "carryover" and not row.code \
                    and not ordinal_style(compact(row.printed)):
                row.kind = kind


def settle_unit_rows(table: m.Table) -> None:
    """A unit row with no rows of its own, printed before the first unit that has some, is the table's
    total (深圳市水务局 above 深圳市水务局(本级), …) unless a 合计 row is printed."""
    _unit_rows_by_position(table)
    _groups_by_sum(table)
    units = [row for row in table.rows if row.kind == m.UNIT_TOTAL_ROW]
    if not units or any(row.kind == m.TOTAL_ROW for row in table.rows):
        return
    first = table.rows.index(units[0])
    following = table.rows[first + 1] if first + 1 < len(table.rows) else None
    if following is None or following.kind == m.UNIT_TOTAL_ROW:
        units[0].kind, units[0].unit = m.TOTAL_ROW, None
