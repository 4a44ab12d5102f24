"""The train corpus (../shared/corpus/train, 142 real disclosures): every ERROR is either confirmed in the PDF
or a known misread still open, each listed in tests/data/train_errors.json with its evidence or cause; the
tables understood per document do not fall. The whole set takes minutes, so it runs when
BUDGET_AUDIT_TRAIN=1 (run it before every submission)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from budget_audit import model as m
from budget_audit.audit import audit_path

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "train"
EXPECTED = json.loads((Path(__file__).parent / "data" / "train_errors.json").read_text("utf-8"))

pytestmark = [
    pytest.mark.skipif(os.environ.get("BUDGET_AUDIT_TRAIN") != "1",
                       reason="the train corpus takes minutes: set BUDGET_AUDIT_TRAIN=1 to run it"),
    pytest.mark.skipif(not TRAIN.is_dir(), reason=f"train corpus not present: {TRAIN}"),
]


def _errors(result) -> list[dict]:
    return [{"rule": f.rule, "table": f.locations[0].table, "row": f.locations[0].row,
             "actual": f"{f.actual:f}", "expected": f"{f.expected:f}"}
            for f in result.findings if f.severity == m.Severity.ERROR]


def _listed(entries: list[dict]) -> list[dict]:
    return [{key: entry[key] for key in ("rule", "table", "row", "actual", "expected")} for entry in entries]


@pytest.fixture(scope="module")
def train_results():
    return {pdf.relative_to(TRAIN).as_posix(): audit_path(pdf) for pdf in sorted(TRAIN.rglob("*.pdf"))}


def test_every_error_is_confirmed_or_a_known_open_misread(train_results):
    found = {path: _errors(result) for path, result in train_results.items() if _errors(result)}
    listed = {}
    for kind in ("confirmed", "open"):
        for path, entries in EXPECTED[kind].items():
            listed.setdefault(path, []).extend(_listed(entries))
    unexpected = {path: [e for e in errors if e not in listed.get(path, [])] for path, errors in found.items()}
    assert {path: errors for path, errors in unexpected.items() if errors} == {}


def test_every_confirmed_error_is_still_found(train_results):
    missing = {path: [e for e in _listed(entries) if e not in _errors(train_results[path])]
               for path, entries in EXPECTED["confirmed"].items()}
    assert {path: entries for path, entries in missing.items() if entries} == {}


def test_tables_understood_do_not_fall(train_results):
    understood = {path: sorted(key for key, table in result.disclosure.tables.items() if not table.layout_issues)
                  for path, result in train_results.items() if not result.failed}
    fallen = {path: sorted(set(keys) - set(understood.get(path, []))) for path, keys in EXPECTED["understood"].items()}
    assert {path: keys for path, keys in fallen.items() if keys} == {}
    tables = sum(len(result.disclosure.tables) for result in train_results.values() if not result.failed)
    assert sum(len(keys) for keys in understood.values()) >= EXPECTED["understood_total"] and tables > 1000


def test_a_partly_audited_document_always_says_so(train_results):
    silent = [path for path, result in train_results.items() if not result.failed
              and result.tables_checked < len(result.disclosure.tables)
              and not any(f.rule == "S009" for f in result.findings)]
    assert silent == []


def test_the_volumes_of_beijing_and_jiangsu_are_paired(train_results):
    """--pair-volumes: the 14 Beijing 2026 情况说明/报表 sets and Jiangsu's 政协 2017 文件/公开表 pair; the volumes
    published without their other half (five Beijing narratives, one tables volume) stay alone."""
    from budget_audit.volumes import volume_pairs

    results = [result for path, result in train_results.items() if path.startswith(("beijing/", "jiangsu_province/"))]
    pairs = sorted((Path(a).name, Path(b).name) for a, b in volume_pairs(results))
    beijing = sorted(name[: -len("_情况说明.pdf")] for name, _ in pairs if name.endswith("_情况说明.pdf"))
    assert len(pairs) == 15 and len(beijing) == 14
    assert all(tables == unit + "_报表.pdf" for unit in beijing for name, tables in pairs if name == unit + "_情况说明.pdf")
    assert ("江苏省政协办公厅_2017年部门预算_文件.pdf", "江苏省政协办公厅_2017年部门预算_公开表.pdf") in pairs
    assert "北京市交通委员会_2026年部门预算_情况说明.pdf" not in {name for name, _ in pairs}
