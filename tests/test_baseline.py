"""Baselines: record findings keyed by document sha256 + rule + fingerprint, hide them on later runs,
stay the same when nothing changed (and when only the layout moved), and report entries that are gone."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from budget_audit.cli import app
from tests.conftest import write_variant

runner = CliRunner()
WRONG = ("2080101\t行政运行\t217.11\t171.11\t46\n", "2080101\t行政运行\t217.11\t171.11\t47\n")


def check(*args):
    return runner.invoke(app, ["check", *map(str, args)])


def _broken(tmp_path, sample_text, name="broken.txt", prefix=""):
    return write_variant(tmp_path, prefix + sample_text.replace(*WRONG, 1), name)


def test_write_then_hide_every_known_finding(tmp_path, sample_text):
    broken, baseline = _broken(tmp_path, sample_text), tmp_path / "baseline.json"
    first = check(broken, "-f", "json", "--write-baseline", baseline)
    assert first.exit_code == 1
    findings = json.loads(first.stdout)["documents"][0]["findings"]
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and len(data["entries"]) == len(findings)
    sha = json.loads(first.stdout)["documents"][0]["sha256"]
    assert {(e["sha256"], e["rule"], e["fingerprint"]) for e in data["entries"]} == \
        {(sha, f["rule"], f["fingerprint"]) for f in findings}
    hidden = check(broken, "-f", "json", "--baseline", baseline)
    assert hidden.exit_code == 0                      # the known error no longer fails the run
    report = json.loads(hidden.stdout)
    assert report["documents"][0]["findings"] == []
    assert report["baseline"] == {"file": str(baseline), "suppressed": len(findings), "gone": []}


def test_the_baseline_is_stable(tmp_path, sample_text):
    broken = _broken(tmp_path, sample_text)
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    check(broken, "-f", "text", "--write-baseline", one)
    check(broken, "-f", "text", "-j", "2", "--write-baseline", two)
    assert one.read_bytes() == two.read_bytes()


def test_fingerprints_ignore_layout_shifts(tmp_path, sample_text):
    """Lines added above the tables move every line number; the findings are still recognised (same
    document content is a different file, so compare fingerprints, the part that does not see the layout)."""
    broken = _broken(tmp_path, sample_text)
    shifted = _broken(tmp_path, sample_text, "shifted.txt", prefix="\n\n\n\n")
    findings = [json.loads(check(path, "-f", "json").stdout)["documents"][0]["findings"] for path in (broken, shifted)]
    assert [f["locations"][0].get("line") for f in findings[0]] != [f["locations"][0].get("line") for f in findings[1]]
    assert [(f["rule"], f["fingerprint"]) for f in findings[0]] == [(f["rule"], f["fingerprint"]) for f in findings[1]]


def test_fixed_document_reports_the_entries_that_are_gone(tmp_path, sample_text):
    broken, baseline = _broken(tmp_path, sample_text), tmp_path / "baseline.json"
    check(broken, "-f", "text", "--write-baseline", baseline)
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    broken.write_text(sample_text, encoding="utf-8")         # the error fixed: a new sha256
    result = check(broken, "-f", "json", "--baseline", baseline)
    report = json.loads(result.stdout)
    assert report["baseline"]["suppressed"] == 0
    assert len(report["baseline"]["gone"]) == len(entries)
    assert result.exit_code == 0                              # the fixed sample has no error
    text = check(broken, "-f", "text", "--baseline", baseline).stdout
    assert f"基线中已不再出现的问题 {len(entries)} 项" in text and "R001" in text or "H001" in text
    csv_run = check(broken, "-f", "csv", "--baseline", baseline)     # no room in CSV: the list goes to stderr
    assert "no longer occur" not in csv_run.stdout and "基线" in csv_run.stderr


def test_entries_of_documents_not_in_the_run_are_not_gone(tmp_path, sample_text):
    broken, other, baseline = _broken(tmp_path, sample_text), tmp_path / "other.txt", tmp_path / "baseline.json"
    other.write_text(sample_text, encoding="utf-8")
    check(broken, "-f", "text", "--write-baseline", baseline)
    report = json.loads(check(other, "-f", "json", "--baseline", baseline).stdout)
    assert report["baseline"]["gone"] == []


def test_a_bad_baseline_is_a_usage_error(tmp_path, sample_text):
    broken = _broken(tmp_path, sample_text)
    for content in ("not json", '{"entries": []}', '{"schema_version": 1, "entries": [{"rule": "R001"}]}'):
        path = write_variant(tmp_path, content, "bad.json")
        assert check(broken, "--baseline", path).exit_code == 2, content
    assert check(broken, "--baseline", tmp_path / "missing.json").exit_code == 2
    assert check(broken, "--write-baseline", tmp_path / "no" / "dir.json").exit_code == 2
