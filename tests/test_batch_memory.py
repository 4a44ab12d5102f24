"""A batch's memory (issue 12): the parent keeps each document as the reports need it, not its whole disclosure,
and a worker's memory bound is on what its document adds, however large the parent has grown."""
from __future__ import annotations

import copy
import mmap
import pickle
import sys

import pytest

from budget_audit.batch import Task, run_tasks
from budget_audit.errors import DocumentError
from budget_audit.report import json_report, junit_report
from budget_audit.report.view import Report


def test_a_report_from_the_kept_result_is_the_report_from_the_whole_one(sample_result):
    kept = copy.deepcopy(sample_result).for_report()
    for render in (json_report.render, junit_report.render):
        for lang in ("zh", "en"):
            whole, light = _rendered(render, sample_result, lang), _rendered(render, kept, lang)
            assert light == whole
    assert kept.disclosure.tables["BT01"].row_count == len(sample_result.disclosure.tables["BT01"].rows) > 20
    # pickled, the sample's whole result is 244 KB; what a batch keeps of it 46 KB (its findings and statements)
    assert len(pickle.dumps(kept)) * 4 < len(pickle.dumps(sample_result))


def _rendered(render, result, lang: str) -> str:
    import io
    import json

    stream = io.StringIO()
    render(Report(results=[result], lang=lang), stream)
    text = stream.getvalue()
    return json.dumps(json.loads(text), sort_keys=True) if text.startswith("{") else text


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux only")
def test_the_memory_bound_is_on_what_the_document_adds(monkeypatch):
    # the parent has mapped 768 MB (as a batch parent that holds many results might have): a worker whose bound
    # is 256 MB may still allocate 128 MB, and fails too_large at 512 MB
    monkeypatch.setenv("BUDGET_AUDIT_MEMORY_MB", "256")
    held = mmap.mmap(-1, 768 << 20)
    try:
        [small, large] = run_tasks([Task(label="small", run=lambda: len(bytearray(128 << 20)), fail=lambda e: e),
                                    Task(label="large", run=lambda: len(bytearray(512 << 20)), fail=lambda e: e)],
                                   jobs=1, timeout=60)
    finally:
        held.close()
    assert small == 128 << 20
    assert isinstance(large, DocumentError) and large.code == "too_large"
