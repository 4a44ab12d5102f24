"""The key figures of interface.md, in 元, taken from the cells that print them, or, for the totals no table
prints, from the narrative sentence the recogniser found stating them (`Mention.states`)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budget_audit import model as m
from budget_audit.money import to_yuan
from budget_audit.recognise.catalogue import spec
from budget_audit.rules.common import income_row, total_row

FIGURE_IDS = (
    "revenue_total", "expenditure_total", "revenue_current_year", "revenue_carryover",
    "general_budget_appropriation", "fund_budget_appropriation", "expenditure_basic", "expenditure_project",
    "personnel_expenses", "public_expenses", "three_public_total", "three_public_abroad",
    "three_public_reception", "three_public_vehicle", "vehicle_purchase", "vehicle_operation",
    "running_costs", "procurement_total",
)


TABLE, NARRATIVE = "table", "narrative"


@dataclass
class Figure:
    value: Decimal          # in 元
    printed: str
    unit: str
    page: int | None
    table: str | None       # None for a figure stated in the narrative
    source: str = TABLE     # table / narrative
    line: int | None = None

    def as_dict(self) -> dict:
        return {"value": f"{self.value:f}", "printed": self.printed, "unit": self.unit, "page": self.page,
                "table": self.table, "source": self.source, "line": self.line}


def _figure(cell: m.Cell | None) -> Figure | None:
    if cell is None:
        return None
    value = to_yuan(cell.amount, cell.unit) if not cell.blank else Decimal(0)
    return Figure(value=value, printed=cell.text if not cell.blank else "", unit=cell.unit, page=cell.page,
                  table=cell.table, line=cell.line)


def _stated(disclosure: m.Disclosure, figure_id: str) -> Figure | None:
    """The first narrative amount stating the figure (the recogniser marks only a total stated consistently)."""
    for statement in disclosure.statements:
        for mention in statement.mentions:
            if mention.states == figure_id:
                return Figure(value=to_yuan(mention.value, mention.unit), printed=mention.number, unit=mention.unit,
                              page=mention.page, table=None, source=NARRATIVE, line=mention.line)
    return None


def _row_cell(table: m.Table | None, role: str = m.TOTAL, **criteria) -> m.Cell | None:
    if table is None:
        return None
    row = table.find_row(**criteria)
    return row.cells.get(role) if row else None


def _income_source(table: m.Table | None, source: str) -> m.Cell | None:
    row = income_row(table, source)
    return row.cells.get(m.TOTAL) if row else None


def _total_cell(table: m.Table | None, role: str) -> m.Cell | None:
    row = total_row(table) if table else None
    return row.cells.get(role) if row else None


def _split_total(table: m.Table | None, item: str) -> m.Cell | None:
    """人员经费合计 / 公用经费合计 printed as the footer of a two-block 基本支出表."""
    row = next((row for row in table.rows if row.kind == m.SPLIT_TOTAL_ROW and row.item == item), None) if table else None
    return _printed(row.cells.get(m.TOTAL)) if row else None


def _three_public(table: m.Table | None, item: str) -> m.Cell | None:
    """The item's 本年 amount; where the table splits items by fund only, the 一般公共预算 amount when the
    other funds are zero (then it is the item's whole amount, as printed)."""
    if table is None:
        return None
    row = next((row for row in table.rows if row.item == item), None)
    if row is None:
        return None
    if m.TOTAL in row.cells:
        return row.cells[m.TOTAL]
    others = [row.cells.get(fund) for fund in (m.FUND, m.SOE)]
    if m.GENERAL in row.cells and all(cell is None or cell.amount == 0 for cell in others):
        return row.cells[m.GENERAL]
    return None


def key_figures(disclosure: m.Disclosure) -> dict[str, Figure]:
    # only tables whose layout was understood: a wrong figure is worse than a missing one
    tables = {key: table for key, table in disclosure.tables.items() if not table.layout_issues}

    def pick(budget_key: str) -> m.Table | None:
        """The budget table, or in a 决算 its twin."""
        return tables.get(budget_key) or tables.get(spec(budget_key).twin)

    summary, fiscal = pick("BT01"), pick("BT04")
    spending, basic = pick("BT03"), pick("BT06")
    three, running, procurement = pick("BT09"), pick("BT10"), pick("BT13")
    cells = {
        "revenue_total": _row_cell(summary, kind=m.GRAND_TOTAL, side=m.INCOME),
        "expenditure_total": _row_cell(summary, kind=m.GRAND_TOTAL, side=m.EXPENDITURE),
        "revenue_current_year": _row_cell(summary, kind=m.CURRENT_TOTAL, side=m.INCOME),
        "revenue_carryover": _row_cell(summary, kind=m.CARRYOVER_ROW, side=m.INCOME),
        "general_budget_appropriation": _income_source(fiscal, m.GENERAL) or _income_source(summary, m.GENERAL),
        "fund_budget_appropriation": _income_source(fiscal, m.FUND) or _income_source(summary, m.FUND),
        "expenditure_basic": _total_cell(spending, m.BASIC),
        "expenditure_project": _total_cell(spending, m.PROJECT),
        "personnel_expenses": _printed(_total_cell(basic, m.PERSONNEL)) or _split_total(basic, m.PERSONNEL),
        "public_expenses": _printed(_total_cell(basic, m.PUBLIC)) or _split_total(basic, m.PUBLIC),
        "three_public_total": _three_public(three, "total"),
        "three_public_abroad": _three_public(three, "abroad"),
        "three_public_reception": _three_public(three, "reception"),
        "three_public_vehicle": _three_public(three, "vehicle"),
        "vehicle_purchase": _three_public(three, "vehicle_purchase"),
        "vehicle_operation": _three_public(three, "vehicle_operation"),
        "running_costs": _total_cell(running, m.TOTAL) or _three_public(three, "running_costs"),
        "procurement_total": _total_cell(procurement, m.TOTAL),
    }
    figures = {}
    for figure_id in FIGURE_IDS:
        figure = _figure(cells.get(figure_id)) or _stated(disclosure, figure_id)
        if figure is not None:
            figures[figure_id] = figure
    return figures


def _printed(cell: m.Cell | None) -> m.Cell | None:
    """人员经费/公用经费 only when the total row prints them (templates often leave them blank there)."""
    return cell if cell is not None and not cell.blank else None
