from __future__ import annotations

import copy
from pathlib import Path

import pytest

from budget_audit.audit import audit_path
from budget_audit.read import read_document
from budget_audit.recognise import recognise

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "xinjiang_hrss_2024_unit_budget.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_result():
    return audit_path(SAMPLE)


@pytest.fixture(scope="session")
def sample_disclosure():
    return recognise(read_document(SAMPLE))


@pytest.fixture(scope="session")
def corpus_results() -> dict:
    """Every corpus PDF audited alone, by its path under the corpus."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not present: {CORPUS} (the corpus tests read ../shared/corpus/real)")
    return {pdf.relative_to(CORPUS).as_posix(): audit_path(pdf) for pdf in sorted(CORPUS.rglob("*.pdf"))}


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not present: {CORPUS} (tests that read real PDFs need ../shared/corpus/real)")
    return CORPUS


def write_variant(tmp_path: Path, text: str, name: str = "variant.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def outcomes_of(result, rule: str) -> list:
    return [o for o in result.outcomes if o.rule == rule]


def find_outcome(result, rule: str, left_row: str, left_column: str | None = None, table: str | None = None):
    """The outcome of `rule` whose left cell is in row `left_row` (and column, table) — exactly one."""
    found = [o for o in outcomes_of(result, rule) if o.left.row == left_row
             and (left_column is None or o.left.column.split("/")[-1] == left_column)
             and (table is None or o.left.table == table)]
    assert len(found) == 1, f"{rule} {table} {left_row} {left_column}: {len(found)} outcomes"
    return found[0]


def findings(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


@pytest.fixture
def variant(sample_disclosure):
    """A copy of the sample's Disclosure that a test may break."""
    return copy.deepcopy(sample_disclosure)


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch):
    """Under GitHub Actions `check` defaults to the github format; the tests expect the terminal defaults."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
