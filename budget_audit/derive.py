"""Figures the tables imply but do not print: 人员经费/公用经费 by economic class (checks.md H003)."""
from __future__ import annotations

from dataclasses import dataclass, field

from budget_audit import model as m

# Economic classes whose items are 人员经费 or 公用经费 (部门 and 政府 classifications), most specific first.
_CLASS_KINDS = (("50501", "personnel"), ("50502", "public"), ("50601", "public"), ("301", "personnel"),
                ("303", "personnel"), ("501", "personnel"), ("509", "personnel"), ("302", "public"),
                ("310", "public"), ("502", "public"), ("503", "public"), ("506", "public"))


@dataclass
class Split:
    personnel_rows: list[m.Row] = field(default_factory=list)
    public_rows: list[m.Row] = field(default_factory=list)
    unassigned: list[m.Row] = field(default_factory=list)


def split_by_class(table: m.Table) -> Split:
    """Assign each item (款) row of an economic table to 人员经费 or 公用经费 by its class."""
    split = Split()
    parent_codes: list[str] = []
    for row in table.rows:
        if row.kind != m.ITEM:
            continue
        if row.level == "类":
            parent_codes = [code for code in (row.code, row.gov_code) if code]
            continue
        codes = [code for code in (row.gov_code, row.code) if code] + parent_codes
        kind = _kind(codes)
        if kind == "personnel":
            split.personnel_rows.append(row)
        elif kind == "public":
            split.public_rows.append(row)
        else:
            split.unassigned.append(row)
    return split


def _kind(codes: list[str]) -> str | None:
    for code in codes:
        for prefix, kind in _CLASS_KINDS:
            if code.startswith(prefix):
                return kind
    return None
