"""What an amount quoted in the narrative stands for: the table cell that prints the same quantity.

Shared by the N rules. A label is resolved only when it is unambiguous; anything else is left alone
rather than compared with a guess.
"""
from __future__ import annotations

from dataclasses import replace

from budget_audit import model as m
from budget_audit.derive import split_by_class
from budget_audit.money import decimals_of, step_for_decimals
from budget_audit.read.normalise import compact
from budget_audit.recognise.breakdowns import plain_label
from budget_audit.recognise.catalogue import class_code, spec
from budget_audit.rules.common import code_cell, coded_rows, derived_cell, income_row, total_row


def mention_cell(statement: m.Statement, mention: m.Mention) -> m.Cell:
    """The quoted amount as a cell, so that the context's tolerance helpers compare it like any other."""
    step = step_for_decimals(decimals_of(mention.value))   # as printed: 19,577万元 stands for 19,576.5–19,577.5
    return m.Cell(text=mention.printed, value=mention.value, unit=mention.unit, table=m.NARRATIVE,
                  row=mention.label or statement.section, column=statement.section, page=statement.page,
                  line=statement.line, step=step, context=statement.text)


def change_cell(statement: m.Statement, mention: m.Mention) -> m.Cell:
    """A quoted change as a signed cell: 减少 2.96 is −2.96."""
    word = ("增加", "减少")[mention.direction < 0]
    return replace(mention_cell(statement, mention), value=mention.direction * mention.value,
                   row=clean_label(statement.subject(mention)) or statement.section, text=word + mention.printed)


def clean_label(label: str) -> str:
    return plain_label(label)


def table_cell(disclosure: m.Disclosure, statement: m.Statement, mention: m.Mention) -> m.Cell | None:
    """The table cell a narrative amount quotes, or None when its subject is not known or no table prints it."""
    if mention.code:
        general = "一般公共预算" in compact(statement.section) or "一般公共预算" in compact(mention.label)
        for key in ("BT05", "BT03") if general else ("BT03", "BT05"):
            table = _table(disclosure, key)
            if table is not None:
                return code_cell(table, mention.code, m.TOTAL)
        return None
    subject = mention.subject
    if subject is None:
        return None
    lookup = _LOOKUPS.get(subject.concept)
    return lookup(disclosure, statement, subject) if lookup else None


def _table(disclosure: m.Disclosure, key: str) -> m.Table | None:
    """The table `key` names (a budget's), or its twin in a 决算 (收支总表 → 收入支出决算总表): the narrative of either
    kind quotes the same figures by the same words. The “三公” tables are not twinned: a 决算's prints the budget
    beside the outturn, and which column is which is not always read."""
    table = disclosure.tables.get(key)
    twin = spec(key).twin
    if table is None and twin and key in _TWINNED:
        table = disclosure.tables.get(twin)
    return table


_TWINNED = ("BT01", "BT02", "BT03", "BT04", "BT05", "BT06")


def _total(disclosure: m.Disclosure, _statement, subject: m.Subject) -> m.Cell | None:
    """收入总计 / 支出总计 (收支总表); 财政拨款收支总预算 (财政拨款收支总表); 一般公共预算支出 (its table's 合计);
    收入支出总计 and 财政拨款收入支出总计 of a 决算 (its two 总表)."""
    if subject.funds == m.GENERAL and subject.side == m.EXPENDITURE:
        table = _table(disclosure, "BT05")
        row = total_row(table) if table else None
        return row.cells.get(m.TOTAL) if row else None
    key = {None: "BT01", m.FISCAL: "BT04"}.get(subject.funds)
    return _row(_table(disclosure, key), m.GRAND_TOTAL, subject.side) if key else None


def _budget(disclosure: m.Disclosure, statement, subject: m.Subject) -> m.Cell | None:
    """预算收入, 本年收入, 支出预算, 当年财政拨款收入 …: documents use these words for the total with the carry-over
    and for this year's part alike (西安: 当年预算收入 counts 上年实户资金余额), so they are compared only where
    the two are one figure (no carry-over), or with 一般公共预算支出表's 合计."""
    if subject.funds == m.GENERAL and subject.side == m.EXPENDITURE:
        return _total(disclosure, statement, subject)
    total = _total(disclosure, statement, subject)
    key = {None: "BT01", m.FISCAL: "BT04"}.get(subject.funds)
    table = _table(disclosure, key) if key else None
    row = table.find_row(kind=m.CURRENT_TOTAL, side=subject.side) if table else None
    current = row.cells.get(m.TOTAL) or row.cells.get(m.FISCAL) if row else None
    if total is None or total.blank or current is None or current.blank or total.amount != current.amount:
        return None
    return total


def _part(disclosure: m.Disclosure, _statement, subject: m.Subject) -> m.Cell | None:
    """基本支出 / 项目支出: 支出总表, or 一般公共预算支出表 for those of 一般公共预算 (财政拨款's own are printed in
    no table as such)."""
    if subject.funds == m.FISCAL:
        return None
    basic = _table(disclosure, "BT06")
    if subject.funds == m.GENERAL and subject.concept == m.BASIC and basic is not None:
        row = total_row(basic)   # the table of 一般公共预算基本支出 itself
        if row is not None and m.TOTAL in row.cells:
            return row.cells[m.TOTAL]
    table = _table(disclosure, "BT05" if subject.funds == m.GENERAL else "BT03")
    row = total_row(table) if table else None
    return row.cells.get(subject.concept) if row else None


def _split(disclosure: m.Disclosure, _statement, subject: m.Subject) -> m.Cell | None:
    table = _table(disclosure, "BT06")
    return _split_cell(table, "人员经费" if subject.concept == m.PERSONNEL else "公用经费") if table else None


def _source(disclosure: m.Disclosure, statement, subject: m.Subject) -> m.Cell | None:
    """一般公共预算(拨款) …: this year's income from one source, which a narrative may quote with that source's
    carry-over (深圳宣传部: 政府性基金预算收入 380 = 300 本年 + 80 结转), so only where there is none."""
    whole = m.Subject(m.BUDGET_SUBJECT, m.INCOME)
    if _budget(disclosure, statement, whole) is None:
        return None
    return _income(_table(disclosure, "BT01"), subject.funds) or _income(_table(disclosure, "BT04"), subject.funds)


def _class(disclosure: m.Disclosure, statement: m.Statement, subject: m.Subject) -> m.Cell | None:
    key = {m.GENERAL: "BT05", m.FISCAL: "BT04"}.get(subject.funds, "BT03")
    table = _table(disclosure, key)
    if table is None or not _breaks_down(disclosure, statement, table):
        return None
    role = m.GENERAL if key == "BT04" else m.TOTAL
    side = m.EXPENDITURE if spec(key).two_sided else None
    return code_cell(table, subject.code, role, side)


def _projects(disclosure: m.Disclosure, _statement, _subject: m.Subject) -> m.Cell | None:
    """The amount of the projects with performance targets: the project table's 合计."""
    table = disclosure.tables.get("BT11")
    row = total_row(table) if table else None
    return row.cells.get(m.TOTAL) if row else None


def _three_public(disclosure: m.Disclosure, _statement, subject: m.Subject) -> m.Cell | None:
    tables = disclosure.tables
    if subject.item == "running_costs" and "BT10" in tables:
        row = total_row(tables["BT10"])
        return row.cells.get(m.TOTAL) if row else None
    table = tables.get("BT09")
    row = next((r for r in table.rows if r.item == subject.item), None) if table else None
    return row.cells.get(m.TOTAL) if row else None


def _named_item(disclosure: m.Disclosure, _statement, subject: m.Subject) -> m.Cell | None:
    """A 项 named by its 类, 款 and 项 names (一般公共服务支出(类)财政事务(款)行政运行(项)), in 一般公共预算支出表: the
    class by its name, then the 款 under it and the 项 under that by the names the table prints. Only for
    一般公共预算's: the table of all funds may hold other money under the same 项."""
    table = _table(disclosure, "BT05") if subject.funds == m.GENERAL else None
    code = class_code(subject.names[0]) if table is not None else None
    for name in subject.names[1:]:
        if code is None:
            return None
        rows = [row for row in coded_rows(table) if len(row.code) == len(code) + 2 and row.code.startswith(code)
                and compact(row.label) == compact(name)]
        code = rows[0].code if len(rows) == 1 else None
    return code_cell(table, code, m.TOTAL) if code else None


_LOOKUPS = {m.TOTAL: _total, m.BUDGET_SUBJECT: _budget, m.BASIC: _part, m.PROJECT: _part, m.PERSONNEL: _split,
            m.PUBLIC: _split, m.SOURCE_SUBJECT: _source, m.CLASS_SUBJECT: _class,
            m.PROJECT_TARGETS_SUBJECT: _projects, m.THREE_PUBLIC_SUBJECT: _three_public, m.NAMED_ITEM_SUBJECT: _named_item}


def _breaks_down(disclosure: m.Disclosure, statement: m.Statement, table: m.Table) -> bool:
    """Class amounts are quoted as a breakdown of the table's total ("…支出 351.16 万元，主要用于：…", or the
    paragraph's sentence before: "财政拨款收支总预算 351.16 万元。…支出包括：…"): only then are they the table's
    class rows, and not the classes of some part (项目支出 by class, say)."""
    if spec(table.key).summary:
        row = table.find_row(kind=m.CURRENT_TOTAL, side=m.EXPENDITURE)
        total = row.cells.get(m.GENERAL) if row else None
    else:
        row = total_row(table)
        total = row.cells.get(m.TOTAL) if row else None
    if total is None or total.blank:
        return False
    paragraph = [st for st in disclosure.statements if (st.line, st.page, st.section) ==
                 (statement.line, statement.page, statement.section)] or [statement]
    amounts = [mm.in_unit(total.unit) for st in paragraph for mm in st.mentions if not mm.delta and not mm.prior]
    return any(abs(amount - total.amount) <= total.step for amount in amounts)


def _row(table: m.Table | None, kind: str, side: str) -> m.Cell | None:
    row = table.find_row(kind=kind, side=side) if table else None
    return row.cells.get(m.TOTAL) if row else None


def _income(table: m.Table | None, source: str) -> m.Cell | None:
    row = income_row(table, source)
    return row.cells.get(m.TOTAL) if row else None


def _split_cell(table: m.Table, label: str) -> m.Cell | None:
    total = total_row(table)
    role = m.PERSONNEL if label == "人员经费" else m.PUBLIC
    printed = total.cells.get(role) if total else None
    if printed is not None and not printed.blank:
        return printed
    split = split_by_class(table)
    if split.unassigned:
        return None
    rows = split.personnel_rows if role == m.PERSONNEL else split.public_rows
    cells = [row.cells[m.TOTAL] for row in rows if m.TOTAL in row.cells]
    return derived_cell(table, cells, f"{label}（按经济分类推算）", "按经济分类推算")
