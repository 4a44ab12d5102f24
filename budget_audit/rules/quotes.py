"""What an amount quoted in the narrative stands for: the table cell that prints the same quantity.

Shared by the N rules. A label is resolved only when it is unambiguous; anything else is left alone
rather than compared with a guess.
"""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.derive import split_by_class
from budget_audit.money import decimals_of, step_for_decimals
from budget_audit.read.normalise import compact
from budget_audit.recognise.catalogue import class_code, spec
from budget_audit.rules.common import code_cell, derived_cell, income_row, total_row

_PREFIX = re.compile(r"^(20\d\d年度?|本单位|本部门|本年度?|部门|单位|\d+、)+")


def mention_cell(statement: m.Statement, mention: m.Mention) -> m.Cell:
    """The quoted amount as a cell, so that the context's tolerance helpers compare it like any other."""
    step = step_for_decimals(max(decimals_of(mention.value), 2 if mention.unit == "万元" else 0))
    return m.Cell(text=mention.printed, value=mention.value, unit=mention.unit, table=m.NARRATIVE,
                  row=mention.label or statement.section, column=statement.section, page=statement.page,
                  line=statement.line, step=step, context=statement.text)


def clean_label(label: str) -> str:
    return _PREFIX.sub("", compact(label))


def table_cell(disclosure: m.Disclosure, statement: m.Statement, mention: m.Mention) -> m.Cell | None:
    """The table cell a narrative amount quotes, or None when its label is not unambiguous."""
    tables = disclosure.tables
    label = clean_label(mention.label)
    section = compact(statement.section)
    general = "一般公共预算" in section or "一般公共预算" in label
    if mention.code:
        for key in ("BT05", "BT03") if general else ("BT03", "BT05"):
            if key in tables:
                return code_cell(tables[key], mention.code, m.TOTAL)
        return None
    summary = tables.get("BT01")
    if re.search(r"(收入|收入预算)总计$|^预算收入总计$", label):
        return _row(summary, m.GRAND_TOTAL, m.INCOME)
    if re.search(r"(支出|支出预算)总计$", label):
        return _row(summary, m.GRAND_TOTAL, m.EXPENDITURE)
    if label in ("基本支出", "项目支出"):
        if "财政拨款" in section and not general:
            return None   # 财政拨款 basic spending is printed in no table as such
        table = tables.get("BT05" if general else "BT03")
        row = total_row(table) if table else None
        return row.cells.get(m.BASIC if label == "基本支出" else m.PROJECT) if row else None
    if label in ("人员经费", "公用经费") and "BT06" in tables:
        return _split_cell(tables["BT06"], label)
    if re.fullmatch(r"(一般公共预算|政府性基金预算|国有资本经营预算)(拨款|资金|收入|拨款收入)?", label):
        source = {"一": m.GENERAL, "政": m.FUND, "国": m.SOE}[label[0]]
        return _income(summary, source) or _income(tables.get("BT04"), source)
    code = class_code(label)
    if code:
        key = "BT05" if general else ("BT04" if "财政拨款" in section else "BT03")
        table = tables.get(key)
        if table is None or not _breaks_down(statement, table, key):
            return None
        role = m.GENERAL if key == "BT04" else m.TOTAL
        side = m.EXPENDITURE if spec(key).two_sided else None
        return code_cell(table, code, role, side)
    return _three_public(tables, label)


def _breaks_down(statement: m.Statement, table: m.Table, key: str) -> bool:
    """Class amounts are quoted as a breakdown of the table's total ("…支出 351.16 万元，主要用于：…"): only then
    are they the table's class rows, and not the classes of some part (项目支出 by class, say)."""
    if spec(key).summary:
        row = table.find_row(kind=m.CURRENT_TOTAL, side=m.EXPENDITURE)
        total = row.cells.get(m.GENERAL) if row else None
    else:
        row = total_row(table)
        total = row.cells.get(m.TOTAL) if row else None
    if total is None or total.blank:
        return False
    amounts = [mm.in_unit(total.unit) for mm in statement.mentions if not mm.delta and not mm.prior]
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


_THREE_PUBLIC_LABELS = (
    (re.compile(r"三公”?经费(预算|支出)?(合计|总额)?(数)?$"), "total"),
    (re.compile(r"因公出国\(境\)费用?$"), "abroad"),
    (re.compile(r"公务接待费$"), "reception"),
    (re.compile(r"公务用车购置及运行(维护)?费$"), "vehicle"),
    (re.compile(r"公务用车购置费$"), "vehicle_purchase"),
    (re.compile(r"公务用车运行(维护)?费$"), "vehicle_operation"),
    (re.compile(r"机关运行经费(财政拨款)?(预算)?$"), "running_costs"),
)


def _three_public(tables: dict[str, m.Table], label: str) -> m.Cell | None:
    for pattern, item in _THREE_PUBLIC_LABELS:
        if pattern.search(label):
            if item == "running_costs" and "BT10" in tables:
                row = total_row(tables["BT10"])
                return row.cells.get(m.TOTAL) if row else None
            table = tables.get("BT09")
            row = next((r for r in table.rows if r.item == item), None) if table else None
            return row.cells.get(m.TOTAL) if row else None
    return None
