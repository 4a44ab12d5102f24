"""`budget-audit extract`: what was recognised in a document, as plain data."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from budget_audit import model as m
from budget_audit.audit import _sha256
from budget_audit.errors import INTERNAL, DocumentError
from budget_audit.figures import FIGURE_IDS, key_figures
from budget_audit.read import read_document
from budget_audit.recognise import recognise


def extract_document(item: Path | DocumentError) -> dict:
    if isinstance(item, DocumentError):
        return {"path": item.path if item.path is not None else item.message.split(":")[0], "sha256": None,
                "status": "failed",
                "error": {"code": item.code, "message": item.message}}
    digest = _sha256(str(item))
    try:
        disclosure = recognise(read_document(item))
    except DocumentError as error:
        return failed_document(str(item), error, digest)
    except Exception as exc:      # a bug must not stop a batch: report it as this document's failure
        return failed_document(str(item), DocumentError(INTERNAL, f"{item}: internal error {type(exc).__name__}: {exc}"),
                               digest)
    meta = disclosure.meta
    return {
        "path": str(item), "sha256": digest, "status": "recognised",
        "meta": {"unit": meta.unit, "year": meta.year, "kind": meta.kind, "level": meta.level,
                 "pages": meta.pages, "profile": meta.profile},
        "tables": [table_dict(table) for table in [*disclosure.tables.values(), *disclosure.unrecognised]],
        "projects": [project_dict(project) for project in disclosure.projects],
        "figures": {fid: figure.as_dict() for fid, figure in key_figures(disclosure).items()},
    }


def failed_document(path: str, error: DocumentError, sha256: str | None = None) -> dict:
    return {"path": path, "sha256": sha256, "status": "failed", "error": {"code": error.code, "message": error.message}}


# `extract --format csv`: one row per document, the dataset of key figures (in 元) for pandas or Excel.
# `sha256` joins it with the findings CSV of `check -f csv`; `unit_name` is the unit's name and
# `amount_unit` the unit of every figure column, the same two names as in the findings CSV.
CSV_COLUMNS = ("path", "sha256", "status", "error_code", "unit_name", "year", "kind", "level", "profile", "pages",
               "amount_unit", *FIGURE_IDS)
FIGURES_UNIT = "元"
_META_COLUMNS = {"unit_name": "unit", "year": "year", "kind": "kind", "level": "level", "profile": "profile",
                 "pages": "pages"}


def write_csv(documents: list[dict], stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for document in documents:
        meta = document.get("meta") or {}
        figures = document.get("figures") or {}
        row = {"path": document["path"], "sha256": document.get("sha256") or "", "status": document["status"],
               "error_code": (document.get("error") or {}).get("code", ""),
               **{column: meta.get(key) if meta.get(key) is not None else "" for column, key in _META_COLUMNS.items()},
               "amount_unit": FIGURES_UNIT if document["status"] == "recognised" else "",
               # interface.md: a figure printed with a blank cell is "0"; one the document does not print is empty
               **{fid: figures[fid]["value"] if fid in figures else "" for fid in FIGURE_IDS}}
        writer.writerow(row)


def table_dict(table: m.Table) -> dict:
    return {
        "key": table.key, "title": table.title, "pages": table.pages, "unit": table.unit,
        "header": [{"index": c.index, "label": c.label, "role": c.role, "side": c.side} for c in table.columns],
        "rows": [{"line": row.line, "page": row.page, "side": row.side, "code": row.code, "name": row.printed,
                  "level": row.level, "kind": row.kind,
                  "cells": {role: (None if cell.blank else f"{cell.value:f}") for role, cell in row.cells.items()}}
                 for row in table.rows],
    }


# an indicator as its sheet prints it; what the recogniser reads of its value (amount, per_unit) stays out
_PRINTED_INDICATOR = ("level1", "level2", "level3", "value", "period", "line")


def project_dict(project: m.ProjectAttachment) -> dict:
    def amount(cell):
        return None if cell is None or cell.blank else f"{cell.value:f}"

    return {"name": project.name, "unit": project.unit, "department": project.department,
            "implementer": project.implementer, "attribute": project.attribute, "period": project.period,
            "period_total": amount(project.period_total), "year_total": amount(project.year_total),
            "indicators": [{key: getattr(indicator, key) for key in _PRINTED_INDICATOR}
                           for indicator in project.indicators]}
