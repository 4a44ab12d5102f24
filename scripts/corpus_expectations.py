"""Regenerate tests/data/corpus_tables.json (table keys recognised per corpus PDF) and
tests/data/corpus_figures.json (the key figures we extract that were verified by hand in
corpus_expected.json). Review the diff before committing: these files are test expectations.

    .venv/bin/python scripts/corpus_expectations.py
"""
from __future__ import annotations

import json
from pathlib import Path

from budget_audit.audit import audit_path
from budget_audit.figures import key_figures

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
DATA = ROOT / "tests" / "data"


def main() -> None:
    verified = {d["path"]: d for d in json.loads((DATA / "corpus_expected.json").read_text("utf-8"))["documents"]}
    tables, figures = {}, {}
    for pdf in sorted(CORPUS.rglob("*.pdf")):
        rel = pdf.relative_to(CORPUS).as_posix()
        result = audit_path(pdf)
        if result.failed:
            tables[rel] = f"failed:{result.error.code}"
            continue
        tables[rel] = list(result.disclosure.tables)
        wanted = verified.get(rel, {}).get("figures", {}) if verified.get(rel, {}).get("verified_figures") else {}
        ours = {fid: f.as_dict()["value"] for fid, f in key_figures(result.disclosure).items()}
        agreed = {fid: value for fid, value in ours.items() if fid in wanted and wanted[fid]["value"] == value}
        if agreed:
            figures[rel] = agreed
    for name, data in (("corpus_tables.json", tables), ("corpus_figures.json", figures)):
        (DATA / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
