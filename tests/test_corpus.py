"""The real corpus (../shared/corpus/real): every PDF audited without a crash, the table keys and key
figures we expect, and no ERROR that was not confirmed by reading the PDF."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit import model as m
from budget_audit.figures import key_figures
from tests.conftest import CORPUS

DATA = Path(__file__).resolve().parent / "data"
TABLES = json.loads((DATA / "corpus_tables.json").read_text("utf-8"))
FIGURES = json.loads((DATA / "corpus_figures.json").read_text("utf-8"))
ERRORS = json.loads((DATA / "corpus_errors.json").read_text("utf-8"))["documents"]
INVENTORY = {d["path"]: d for d in json.loads((DATA / "corpus_expected.json").read_text("utf-8"))["documents"]}
AUTHENTIC = [path for path, doc in INVENTORY.items() if doc["kind"] in ("budget", "final") and path.endswith(".pdf")]


def test_the_inventory_covers_the_corpus(corpus_results):
    assert len(corpus_results) == 45 and set(TABLES) == set(corpus_results)
    assert len(AUTHENTIC) == 42


def test_every_pdf_is_audited_without_a_crash(corpus_results):
    statuses = {path: (r.status, r.error.code if r.error else None) for path, r in corpus_results.items()}
    failed = {path: status for path, status in statuses.items() if status[0] == "failed"}
    assert failed == {"cities_renwu/negative_not_budget/长沙市公安局交通警察支队_2023年度专项资金绩效评价结果_扫描件.pdf":
                      ("failed", "no_text_layer")}
    assert not any(r.error and r.error.code == "internal" for r in corpus_results.values())


def test_table_keys_recognised(corpus_results):
    found = {path: (f"failed:{r.error.code}" if r.failed else list(r.disclosure.tables)) for path, r in corpus_results.items()}
    assert found == TABLES


def test_summary_and_expenditure_tables_wherever_the_document_has_them(corpus_results):
    missing = []
    for path in AUTHENTIC:
        printed = {t["key"] for t in INVENTORY[path]["tables"]}
        for key in ("BT01", "BT03", "FT01", "FT03"):
            if key in printed and key not in corpus_results[path].disclosure.tables:
                missing.append((path, key))
    assert missing == []


@pytest.mark.parametrize("path", sorted(FIGURES))
def test_key_figures_verified_by_hand(corpus_results, path):
    figures = {fid: figure.as_dict()["value"] for fid, figure in key_figures(corpus_results[path].disclosure).items()}
    expected = FIGURES[path]
    assert {fid: figures.get(fid) for fid in expected} == expected


STATED = ("procurement_total", "running_costs")   # taken from the narrative where no table prints them


def test_procurement_and_running_costs_exactly_where_the_document_states_them(corpus_results):
    """Every corpus document that states its 政府采购 total or 机关运行经费 (table or narrative) has the figure
    listed in corpus_figures.json, checked against the PDF; no other document has one (a wrong key figure is
    worse than a missing one)."""
    for figure_id in STATED:
        found = {path: figures[figure_id].as_dict()["value"] for path, result in corpus_results.items()
                 if not result.failed and figure_id in (figures := key_figures(result.disclosure))}
        listed = {path: expected[figure_id] for path, expected in FIGURES.items() if figure_id in expected}
        assert found == listed, figure_id
    assert len([path for path, expected in FIGURES.items() if "procurement_total" in expected]) == 38
    assert len([path for path, expected in FIGURES.items() if "running_costs" in expected]) == 40


def test_a_narrative_figure_carries_where_it_is_printed(corpus_results):
    # 广州市统计局 2026: the paragraph opens on p. 23, the sentence stating the 机关运行经费 is on p. 24
    figures = key_figures(corpus_results["cities_renwu/广州市统计局_2026年部门预算.pdf"].disclosure)
    assert {k: v for k, v in figures["running_costs"].as_dict().items() if k != "line"} == {
        "value": "8392100.00", "printed": "839.21", "unit": "万元", "page": 24, "table": None, "source": "narrative"}
    # 长沙市信访局 2026 p. 9: the heading "(四)政府采购情况:2026年本单位政府采购预算总额" runs on to the amount
    figures = key_figures(corpus_results["cities_renwu/长沙市信访局_2026年部门预算.pdf"].disclosure)
    assert (figures["procurement_total"].printed, figures["procurement_total"].page) == ("43.9", 9)
    # 西安市审计局 2026: the 政府采购 table's 合计 (in 元) is taken before the narrative's 402.00万元
    procurement = key_figures(corpus_results["cities_renwu/西安市审计局汇总_2026年部门预算.pdf"].disclosure)[
        "procurement_total"]
    assert (procurement.table, procurement.printed, procurement.unit) == ("BT13", "4,020,000.00", "元")


def test_key_figures_come_from_many_regions():
    regions = {path.split("/")[0] if not path.startswith("cities_renwu") else path.split("/")[1][:2] for path in FIGURES}
    assert len(FIGURES) >= 12 and len(regions) >= 12
    assert sum(len(v) for v in FIGURES.values()) >= 400


def _errors(result) -> list[dict]:
    return [{"rule": f.rule, "table": f.locations[0].table, "page": f.locations[0].page, "row": f.locations[0].row,
             "column": f.locations[0].column.split("/")[-1], "actual": f"{f.actual:f}", "expected": f"{f.expected:f}"}
            for f in result.findings if f.severity == m.Severity.ERROR]


def test_no_false_errors_on_the_authentic_pdfs(corpus_results):
    """Every ERROR on an authentic PDF must be one confirmed in the PDF (tests/data/corpus_errors.json)."""
    found = {path: _errors(corpus_results[path]) for path in AUTHENTIC if _errors(corpus_results[path])}
    confirmed = {path: [{k: v for k, v in e.items() if k != "evidence"} for e in entries] for path, entries in ERRORS.items()}
    assert found == confirmed
    clean = sum(1 for path in AUTHENTIC if not _errors(corpus_results[path]))
    assert clean == 39


def test_the_putuo_unit_budget_administration_row_is_an_r001_error(corpus_results):
    result = corpus_results["shanghai_putuo_govbudgetchecker/doc_check_2026/上海市普陀区司法局2026年单位预算.pdf"]
    finding = next(f for f in result.findings if f.rule == "R001" and f.locations[0].table == "BT03"
                   and f.locations[0].row == "行政运行")
    assert finding.severity == m.Severity.ERROR
    assert (finding.actual, finding.expected) == (Decimal("64840547.00"), Decimal("0.00"))
    assert "14,348,853.34" in finding.text("zh") and "64,840,547.00" in finding.text("zh")
    assert [loc.page for loc in finding.locations][:1] == [11]


def test_every_finding_location_on_a_pdf_has_a_page(corpus_results):
    pageless = [(path, f.rule) for path, r in corpus_results.items() if not r.failed for f in r.findings
                for loc in f.locations if loc.table and loc.page is None]
    assert pageless == []
