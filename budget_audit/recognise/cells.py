"""Building one amount cell of a table row."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.money import parse_amount, parse_percent


def amount_cell(text: str, role: str, column: m.Column, row: m.Row, table: m.Table,
                bbox: tuple[float, float, float, float] | None = None) -> m.Cell:
    try:
        value = parse_percent(text) if role == m.CHANGE_RATE and text.endswith("%") else parse_amount(text)
    except ValueError:
        value = None
    return m.Cell(text=text, value=value, unit=table.unit, table=table.key, row=row.printed or row.label,
                  column=column.label or role, page=row.page, line=row.line, bbox=bbox)
