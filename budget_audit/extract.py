"""`budget-audit extract`: what was recognised in a document, as plain data."""
from __future__ import annotations

from pathlib import Path

from budget_audit import model as m
from budget_audit.errors import DocumentError
from budget_audit.figures import key_figures
from budget_audit.read import read_document
from budget_audit.recognise import recognise


def extract_document(item: Path | DocumentError) -> dict:
    if isinstance(item, DocumentError):
        return {"path": item.message.split(":")[0], "status": "failed",
                "error": {"code": item.code, "message": item.message}}
    try:
        disclosure = recognise(read_document(item))
    except DocumentError as error:
        return {"path": str(item), "status": "failed", "error": {"code": error.code, "message": error.message}}
    meta = disclosure.meta
    return {
        "path": str(item), "status": "recognised",
        "meta": {"unit": meta.unit, "year": meta.year, "kind": meta.kind, "level": meta.level,
                 "pages": meta.pages, "profile": meta.profile},
        "tables": [table_dict(table) for table in [*disclosure.tables.values(), *disclosure.unrecognised]],
        "projects": [project_dict(project) for project in disclosure.projects],
        "figures": {fid: figure.as_dict() for fid, figure in key_figures(disclosure).items()},
    }


def table_dict(table: m.Table) -> dict:
    return {
        "key": table.key, "title": table.title, "pages": table.pages, "unit": table.unit,
        "header": [{"index": c.index, "label": c.label, "role": c.role, "side": c.side} for c in table.columns],
        "rows": [{"line": row.line, "page": row.page, "side": row.side, "code": row.code, "name": row.printed,
                  "level": row.level, "kind": row.kind,
                  "cells": {role: (None if cell.blank else f"{cell.value:f}") for role, cell in row.cells.items()}}
                 for row in table.rows],
    }


def project_dict(project: m.ProjectAttachment) -> dict:
    def amount(cell):
        return None if cell is None or cell.blank else f"{cell.value:f}"

    return {"name": project.name, "unit": project.unit, "department": project.department,
            "implementer": project.implementer, "attribute": project.attribute, "period": project.period,
            "period_total": amount(project.period_total), "year_total": amount(project.year_total),
            "indicators": [vars(indicator) for indicator in project.indicators]}
