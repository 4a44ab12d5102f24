"""`extract --format csv`: one row per document with its metadata and every key figure in 元."""
from __future__ import annotations

import csv
import hashlib
import io
import json

from typer.testing import CliRunner

from budget_audit.cli import app
from budget_audit.extract import CSV_COLUMNS
from budget_audit.figures import FIGURE_IDS
from tests.conftest import SAMPLE, write_variant
from tests.test_corpus import AUTHENTIC, FIGURES

runner = CliRunner()


def test_csv_row_of_the_sample():
    result = runner.invoke(app, ["extract", "--format", "csv", str(SAMPLE)])
    assert result.exit_code == 0
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(row) == list(CSV_COLUMNS) and set(FIGURE_IDS) <= set(row)
    assert (row["unit_name"], row["year"], row["kind"], row["level"], row["status"], row["amount_unit"]) == \
        ("新绛县人力资源和社会保障局", "2024", "budget", "unit", "recognised", "元")
    assert row["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert row["revenue_total"] == "3511600.00" and row["expenditure_project"] == "1152300.00"
    assert row["running_costs"] == "164200.00" and row["three_public_total"] == "0"
    figures = json.loads(runner.invoke(app, ["extract", str(SAMPLE)]).stdout)["documents"][0]["figures"]
    assert {fid: row[fid] for fid in figures} == {fid: figure["value"] for fid, figure in figures.items()}
    assert all(row[fid] == "" for fid in FIGURE_IDS if fid not in figures)


def test_csv_file_for_excel_and_failed_rows(tmp_path):
    empty = write_variant(tmp_path, "", "empty.txt")
    target = tmp_path / "figures.csv"
    result = runner.invoke(app, ["extract", "-f", "csv", "-o", str(target), str(SAMPLE), str(empty), "-j", "2"])
    assert result.exit_code == 3 and result.stdout == ""
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                  # a byte-order mark: Excel reads the Chinese
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["status"] for r in rows] == ["recognised", "failed"]
    assert rows[1]["error_code"] == "unreadable" and rows[1]["revenue_total"] == ""


def test_unknown_extract_format_is_a_usage_error():
    assert runner.invoke(app, ["extract", "-f", "xml", str(SAMPLE)]).exit_code == 2


def test_csv_over_the_corpus_has_one_row_per_authentic_pdf(corpus):
    result = runner.invoke(app, ["extract", "-f", "csv", "-j", "2", str(corpus)])
    rows = {row["path"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    relative = {path.split(str(corpus) + "/", 1)[1]: row for path, row in rows.items()}
    assert result.exit_code == 3           # the scanned PDF has no text layer
    assert len([p for p in relative if p.endswith(".pdf")]) == 45
    for path in AUTHENTIC:
        assert relative[path]["status"] == "recognised", path
    scanned = next(row for path, row in relative.items() if "扫描件" in path)
    assert scanned["status"] == "failed" and scanned["error_code"] == "no_text_layer"
    # the hand-verified figures, in 元, are in the dataset
    for path, expected in FIGURES.items():
        assert {fid: relative[path][fid] or None for fid in expected} == expected, path


def test_sha256_joins_the_dataset_with_the_findings_csv():
    figures = next(csv.DictReader(io.StringIO(runner.invoke(app, ["extract", "-f", "csv", str(SAMPLE)]).stdout)))
    findings = list(csv.DictReader(io.StringIO(runner.invoke(app, ["check", "-f", "csv", str(SAMPLE)]).stdout)))
    assert findings and {row["sha256"] for row in findings} == {figures["sha256"]}
    assert {row["unit_name"] for row in findings} == {figures["unit_name"]}
    assert {row["amount_unit"] for row in findings} <= {"万元", "元", ""}
