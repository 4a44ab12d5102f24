"""The batch runner: serial and forked workers, per-document time limits that really stop a stuck
document, crashes reported as `internal`, results in input order; `check -j`, `--timeout` and `--bundle`."""
from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from budget_audit.batch import Task, effective_jobs, run_tasks
from budget_audit.cli import app
from tests.conftest import CORPUS, SAMPLE, write_variant

runner = CliRunner()


def _task(name, work, weight=0.0):
    return Task(label=name, run=work, fail=lambda error: ("failed", name, error.code, error.message), weight=weight)


def _spin():
    while True:          # a Python loop that never ends
        pass


def _stuck_in_c():
    os.read(os.pipe()[0], 1)        # blocks in a system call forever (nothing is ever written)


def _crash():
    os._exit(7)


def _raise():
    raise RuntimeError("boom")


def test_results_come_back_in_input_order_whatever_the_schedule():
    tasks = [_task(f"t{i}", lambda i=i: ("ok", i), weight=i) for i in range(6)]   # biggest (last) start first
    assert run_tasks(tasks, jobs=3) == [("ok", i) for i in range(6)]
    assert run_tasks(tasks, jobs=1) == [("ok", i) for i in range(6)]


def test_a_stuck_worker_is_killed_and_the_others_go_on():
    tasks = [_task("a", lambda: "a"), _task("spin", _spin), _task("c-call", _stuck_in_c), _task("b", lambda: "b")]
    results = run_tasks(tasks, jobs=2, timeout=1.5)
    assert results[0] == "a" and results[3] == "b"
    for name, result in zip(("spin", "c-call"), results[1:3]):
        assert result[:3] == ("failed", name, "timeout") and "1.5 s" in result[3]


def test_serial_timeout_interrupts_python_code():
    results = run_tasks([_task("spin", _spin), _task("b", lambda: "b")], jobs=1, timeout=0.5)
    assert results[0][:3] == ("failed", "spin", "timeout") and results[1] == "b"


def test_a_crashing_worker_is_an_internal_failure():
    results = run_tasks([_task("crash", _crash), _task("raise", _raise), _task("ok", lambda: 1)], jobs=2, timeout=30)
    assert results[0][:3] == ("failed", "crash", "internal") and "exit code 7" in results[0][3]
    assert results[1][:3] == ("failed", "raise", "internal") and "RuntimeError: boom" in results[1][3]
    assert results[2] == 1


def test_document_errors_survive_the_trip_between_processes(tmp_path):
    empty = write_variant(tmp_path, "", "empty.txt")
    result = runner.invoke(app, ["check", str(SAMPLE), str(empty), "-j", "2", "-f", "json"])
    documents = json.loads(result.stdout)["documents"]
    assert result.exit_code == 3
    assert [d["status"] for d in documents] == ["audited", "failed"]
    assert documents[1]["error"] == {"code": "unreadable", "message": f"{empty}: empty file"}


def test_jobs_give_the_same_report_as_serial(tmp_path, sample_text):
    broken = write_variant(tmp_path, sample_text.replace("2080101\t行政运行\t217.11\t171.11\t46\n",
                                                         "2080101\t行政运行\t217.11\t171.11\t47\n", 1), "broken.txt")
    args = ["check", str(SAMPLE), str(broken), str(tmp_path / "missing.pdf"), "-f", "json"]
    serial, parallel, per_cpu = (runner.invoke(app, args + ["-j", jobs]) for jobs in ("1", "2", "0"))
    assert serial.exit_code == parallel.exit_code == per_cpu.exit_code == 3
    assert json.loads(serial.stdout) == json.loads(parallel.stdout) == json.loads(per_cpu.stdout)


def test_jobs_option_values():
    assert effective_jobs(0, 10) >= 1 and effective_jobs(4, 2) == 2 and effective_jobs(1, 0) == 1
    assert runner.invoke(app, ["check", str(SAMPLE), "-j", "-1"]).exit_code == 2
    assert runner.invoke(app, ["check", str(SAMPLE), "--timeout", "0"]).exit_code == 2
    assert runner.invoke(app, ["check", str(SAMPLE), "--timeout", "soon"]).exit_code == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_timeout_fails_the_document_with_code_timeout(jobs, tmp_path):
    other = write_variant(tmp_path, "", "empty.txt")
    result = runner.invoke(app, ["check", str(SAMPLE), str(other), "-j", jobs, "--timeout", "0.001", "-f", "json"])
    assert result.exit_code == 3
    document = json.loads(result.stdout)["documents"][0]
    assert document["status"] == "failed" and document["error"]["code"] == "timeout"
    assert "0.001" in document["error"]["message"]


def test_no_progress_bar_on_a_pipe():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "budget_audit", "check", str(SAMPLE), str(SAMPLE), "-j", "2",
                             "-f", "json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["summary"]["audited"] == 2       # nothing but the report on stdout


# -- bundles -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def volumes(tmp_path_factory, sample_text):
    """The sample split into a tables volume (cover, contents, 概况, 报表) and a narrative volume
    (情况说明, 名词解释, 附件), as Jiangsu and Beijing publish them."""
    folder = tmp_path_factory.mktemp("bundle")
    lines = sample_text.splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("第三部分") and i > 100)
    return (write_variant(folder, "".join(lines[:cut]), "tables.txt"),
            write_variant(folder, "".join(lines[cut:]), "narrative.txt"))


def test_a_bundle_is_audited_as_one_disclosure(volumes, sample_result):
    tables, narrative = volumes
    alone = json.loads(runner.invoke(app, ["check", str(tables), "-f", "json"]).stdout)["documents"][0]
    result = runner.invoke(app, ["check", "--bundle", str(tables), str(narrative), "-f", "json"])
    report = json.loads(result.stdout)
    (document,) = report["documents"]
    assert document["status"] == "audited" and document["path"] == f"{tables} + {narrative}"
    assert [v["path"] for v in document["volumes"]] == [str(tables), str(narrative)]
    assert all(len(v["sha256"]) == 64 for v in document["volumes"]) and len(document["sha256"]) == 64
    assert len(document["tables"]) == 13
    # the narrative rules skip on the tables volume alone and run on the bundle, as on the whole sample
    narrative_rules = {rule for rule in document["checks"]["by_rule"] if rule.startswith("N")}
    assert narrative_rules and not {rule for rule in alone["checks"]["by_rule"] if rule.startswith("N")}
    assert {f["fingerprint"] for f in document["findings"]} == {f.fingerprint for f in sample_result.findings}
    # every location names its volume, with the volume's own line numbers
    narrative_finding = next(f for f in document["findings"] if f["rule"].startswith("N"))
    assert narrative_finding["locations"][0]["text"].startswith("narrative.txt: ")   # the volume, then the quote
    assert narrative_finding["locations"][0]["line"] < 400
    table_finding = next(f for f in document["findings"] if f["locations"] and f["locations"][0]["table"] == "BT03")
    assert table_finding["locations"][0]["text"] == "tables.txt"


def test_a_bundle_in_text_and_github_names_the_volume(volumes):
    tables, narrative = volumes
    text = runner.invoke(app, ["check", "--bundle", str(tables), str(narrative), "-f", "text"]).stdout
    assert "《narrative.txt》" in text and "《tables.txt》" in text
    github = runner.invoke(app, ["check", "--bundle", str(tables), str(narrative), "-f", "github"]).stdout
    assert f"file={narrative}," in github and f"file={tables}," in github


def test_a_bundle_with_a_missing_volume_fails_as_a_whole(volumes, tmp_path):
    result = runner.invoke(app, ["check", "--bundle", str(volumes[0]), str(tmp_path / "gone.pdf"), "-f", "json"])
    assert result.exit_code == 3
    (document,) = json.loads(result.stdout)["documents"]
    assert document["status"] == "failed" and document["error"]["code"] == "unreadable"


def test_beijing_attachments_as_a_bundle(corpus):
    narrative = corpus / "cities_renwu" / "北京市审计局_2026年部门预算_附件1_情况说明.pdf"
    tables = corpus / "cities_renwu" / "北京市审计局_2026年部门预算_附件2_报表.pdf"
    alone = json.loads(runner.invoke(app, ["check", str(tables), "-f", "json"]).stdout)["documents"][0]
    (document,) = json.loads(runner.invoke(app, ["check", "--bundle", str(narrative), str(tables), "-j", "2",
                                                 "-f", "json"]).stdout)["documents"]
    assert document["status"] == "audited"
    assert {t["key"] for t in document["tables"]} == {t["key"] for t in alone["tables"]}
    assert document["meta"]["pages"] == sum(v["pages"] for v in document["volumes"])
    ran = lambda doc: {rule for rule in doc["checks"]["by_rule"] if rule.startswith("N")}   # noqa: E731
    assert len(ran(document)) > len(ran(alone))
    for finding in document["findings"]:
        for location in finding["locations"]:
            if location["page"] is not None:
                volume = next(v for v in document["volumes"] if location["text"] and
                              location["text"].split(": ")[0] == v["path"].rsplit("/", 1)[-1])
                assert 1 <= location["page"] <= volume["pages"]


def test_the_corpus_in_one_parallel_run(corpus):
    """interface.md's batch contract over the real corpus: every PDF audited in one run with -j 2, the bad
    ones failed with the right code, exit code 3."""
    result = runner.invoke(app, ["check", str(corpus), "-j", "2", "-f", "json", "--timeout", "300"])
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    pdfs = [d for d in report["documents"] if d["path"].endswith(".pdf")]
    assert len(pdfs) == 45 == len(list(CORPUS.rglob("*.pdf")))
    failed = {d["path"].rsplit("/", 1)[-1]: d["error"]["code"] for d in pdfs if d["status"] == "failed"}
    assert failed == {"长沙市公安局交通警察支队_2023年度专项资金绩效评价结果_扫描件.pdf": "no_text_layer"}
    assert report["summary"]["documents"] == len(report["documents"])
    assert not any(d["error"] and d["error"]["code"] in ("internal", "timeout") for d in report["documents"])
