"""Hostile input (issue 12), resources and damage: hangs that --timeout must stop, bounded memory, damage that stays local."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from budget_audit.audit import audit_path
from budget_audit.batch import Task, run_tasks
from budget_audit.errors import DocumentError
from budget_audit.read.pdf import read_pdf

sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "xinjiang_hrss_2024_unit_budget.txt"


def _check(*args: str, timeout: float = 60) -> tuple[int, list[dict], float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "budget_audit", "check", "-f", "jsonl", *args],
                          capture_output=True, text=True, timeout=timeout)
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()], time.monotonic() - started


# -- 2: nothing hangs past --timeout --------------------------------------------------------------------
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero and symlinks (POSIX)")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_device_symlinks_end_within_the_timeout_and_the_batch_goes_on(tmp_path, jobs):
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    (tmp_path / "random.txt").symlink_to("/dev/urandom")
    code, documents, seconds = _check("--timeout", "2", "-j", jobs, str(tmp_path / "zero.pdf"),
                                      str(tmp_path / "random.txt"), str(SAMPLE))
    assert seconds < 15
    assert code == 3
    by_name = {Path(d["path"]).name: d for d in documents}
    assert by_name["zero.pdf"]["status"] == by_name["random.txt"]["status"] == "failed"
    assert by_name[SAMPLE.name]["status"] == "audited"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_reaching_a_worker_does_not_hang_the_batch(tmp_path, jobs):
    os.mkfifo(tmp_path / "pipe.pdf")
    code, documents, seconds = _check("--timeout", "2", "-j", jobs, str(tmp_path / "pipe.pdf"), str(SAMPLE))
    assert seconds < 15
    assert code == 3
    assert [d["status"] for d in documents] == ["failed", "audited"]


def test_a_task_that_blocks_in_c_code_is_stopped_at_j1():
    # time.sleep holds the GIL-free C call: an alarm alone would wait it out on some platforms; a worker is killed
    tasks = [Task(label="slow", run=lambda: time.sleep(60), fail=lambda error: error.code)]
    started = time.monotonic()
    assert run_tasks(tasks, jobs=1, timeout=1) == ["timeout"]
    assert time.monotonic() - started < 15


# -- 3: memory ------------------------------------------------------------------------------------------
def _fails_too_large(path: Path) -> str:
    result = audit_path(path)
    assert result.status == "failed", result
    assert result.error.code == "too_large", result.error.message
    return result.error.message


@pytest.mark.parametrize("name, build", [
    ("flate_bomb", lambda: hostile.flate_bomb(40)),
    ("predictor_bomb", hostile.predictor_bomb),
    ("wide_widths", hostile.wide_widths_font),
    ("wide_tounicode", hostile.wide_tounicode_font),
])
def test_bombs_fail_too_large(tmp_path, monkeypatch, name, build):
    monkeypatch.setenv("BUDGET_AUDIT_MAX_STREAM_MB", "16")
    monkeypatch.setenv("BUDGET_AUDIT_MAX_GLYPH_MAP", "100000")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(build())
    assert "BUDGET_AUDIT_MAX_" in _fails_too_large(path)


def test_page_and_glyph_caps(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGET_AUDIT_MAX_PAGES", "2")
    (tmp_path / "pages.pdf").write_bytes(hostile.pages(3))
    assert "BUDGET_AUDIT_MAX_PAGES" in _fails_too_large(tmp_path / "pages.pdf")
    monkeypatch.setenv("BUDGET_AUDIT_MAX_PAGE_CHARS", "50")
    (tmp_path / "glyphs.pdf").write_bytes(hostile.many_glyphs(100))
    assert "BUDGET_AUDIT_MAX_PAGE_CHARS" in _fails_too_large(tmp_path / "glyphs.pdf")


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux only")
def test_a_worker_past_its_address_space_fails_too_large(monkeypatch):
    monkeypatch.setenv("BUDGET_AUDIT_MEMORY_MB", "512")

    def swell():
        return bytearray(1 << 31)

    [error] = run_tasks([Task(label="swell", run=swell, fail=lambda error: error)], jobs=1, timeout=30)
    assert isinstance(error, DocumentError) and error.code == "too_large"


def _page_text(path: Path) -> str:
    return "".join("".join(line.cells) for line in read_pdf(path).lines).replace(" ", "")


def test_nesting_past_the_depth_bound_fails_too_large(tmp_path):
    # forms within forms and nested dictionaries: 10 deep is read, 65 deep is refused with the setting's name
    shallow, deep = tmp_path / "forms10.pdf", tmp_path / "forms65.pdf"
    shallow.write_bytes(hostile.nested_forms(10))
    deep.write_bytes(hostile.nested_forms(65))
    assert _page_text(shallow) == "InnermosttextPagetext"
    assert "forms (XObjects) drawn within each other more than 64 deep" in _fails_too_large(deep)
    nested = tmp_path / "nested.pdf"
    nested.write_bytes(hostile.nested_dictionaries(10))
    assert _page_text(nested) == "Nestedtext"
    nested.write_bytes(hostile.nested_dictionaries(100_000))
    assert "nested more than 64 deep in a content stream" in _fails_too_large(nested)


# -- 4: damage stays local and is said -----------------------------------------------------------------
def test_an_undecodable_second_stream_loses_only_itself(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(hostile.damaged_second_stream())
    source = read_pdf(path)
    assert source.pages_unreadable == [2]
    assert "Pagetwofirststream" in [line.cells[0].replace(" ", "") for line in source.lines if line.page == 2]
    assert any("page 2" in warning for warning in source.warnings)


def test_a_stream_zlib_refuses_is_damage_though_something_inflates(tmp_path):
    # pdfminer inflates the beginning of such a stream and says nothing; none of the corpus PDFs has one
    path = tmp_path / "cut.pdf"
    path.write_bytes(hostile.flate_cut_off())
    source = read_pdf(path)
    assert source.pages_unreadable == [2]
    assert any(warning.startswith("page 2: stream 6 is damaged") for warning in source.warnings)
    second = [line.cells[0].replace(" ", "") for line in source.lines if line.page == 2]
    assert second[0] == "Line0ofthesecondpage" and 5 < len(second) < 40    # its beginning is read
    assert {line.page for line in source.lines} == {1, 2, 3}


def test_lost_pages_reach_the_report(tmp_path):
    from budget_audit.audit import audit_disclosure
    from budget_audit.recognise import recognise
    from budget_audit.report.json_report import document_dict

    from budget_audit.read.text import read_text

    # the reader's part is the test above; here a good disclosure whose reader lost page 2
    source = read_text(SAMPLE)
    source.pages_unreadable = [2]
    result = audit_disclosure(recognise(source))
    [warning] = [f for f in result.findings if f.rule == "S009" and f.locations[0].page == 2]
    assert warning.severity.name == "WARNING" and "第 2 页" in warning.message["zh"]

    class _AllShown:
        def shown(self, result):
            return []

        def counts(self, result):
            return {}

    assert document_dict(_AllShown(), result)["pages_unreadable"] == [2]


def test_findings_that_rest_on_a_lost_page_are_not_reported_and_counted():
    from collections import Counter

    from budget_audit.audit import audit_disclosure
    from budget_audit.read.text import read_text
    from budget_audit.recognise import recognise

    def audited(lost: list[int]):
        source = read_text(SAMPLE)
        source.pages_unreadable = lost
        return audit_disclosure(recognise(source))

    whole = Counter(f.rule for f in audited([]).findings)
    # page 15 holds the 政府采购 sentence (N003, N010); page 9 holds BT07 and BT07a (S002 each) and follows BT06,
    # which may run onto it (R001b): five findings rest on the two lost pages
    result = audited([9, 15])
    left = Counter(f.rule for f in result.findings)
    assert whole - left == Counter({"N003": 1, "N010": 1, "R001b": 1, "S002": 2})
    [note] = [f for f in result.findings if f.rule == "S009"]
    assert "第 9、15 页未能完整读取" in note.message["zh"] and "其上的 5 项发现未报告" in note.message["zh"]
    assert "5 finding(s) there are not reported" in note.message["en"]


def test_most_pages_unreadable_fails_unreadable(tmp_path):
    bad = hostile.stream_object(b"x\x9c not deflate", b"/Filter /FlateDecode ")
    path = tmp_path / "mostly_bad.pdf"
    path.write_bytes(hostile.build_pdf([[hostile.flate(hostile.text_stream("ok"))], [bad], [bad]]))
    with pytest.raises(DocumentError) as caught:
        read_pdf(path)
    assert caught.value.code == "unreadable" and "2 of 3 pages" in caught.value.message


def test_an_empty_flate_stream_is_no_damage(tmp_path):
    """A page may end with a Flate stream that packs nothing (首都绿化委员会办公室 and 西安市科学技术局 print such
    pages): pdfminer decodes it to b"" as it does undecodable data, but zlib reads it whole, so no page is lost."""
    path = tmp_path / "empty_stream.pdf"
    path.write_bytes(hostile.build_pdf([[hostile.flate(hostile.text_stream("Page one")), hostile.flate(b"")]]))
    source = read_pdf(path)
    assert source.pages_unreadable == []
    assert "Pageone" in [line.cells[0].replace(" ", "") for line in source.lines]


def test_width_ranges_are_counted_in_their_groups():
    """/W [first [w…]] and [first last w]: the width after a range is not the start of the next one (three real
    fonts of the train corpus were refused as glyph-map bombs when it was)."""
    from budget_audit.read.pdf_guards import _width_entries

    assert _width_entries([1, 50, 1000, 60000, [500, 500], 60010, 60020, 250]) == 50 + 2 + 11


def test_a_damaged_font_program_or_image_is_not_a_lost_page():
    # they give glyphs their shapes, not the text read: only content and glyph-map streams list their page
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    from budget_audit.read.pdf_guards import _shapes_only

    assert _shapes_only(PDFStream({"Length1": 400}, b""))                       # FontFile, FontFile2
    assert _shapes_only(PDFStream({"Subtype": LIT("CIDFontType0C")}, b""))      # FontFile3
    assert _shapes_only(PDFStream({"Subtype": LIT("Image"), "Width": 1}, b""))
    assert not _shapes_only(PDFStream({"Filter": LIT("FlateDecode")}, b""))     # a page's content, a ToUnicode map
    assert not _shapes_only(PDFStream({"Subtype": LIT("Form")}, b""))


def test_a_damaged_font_is_said_on_every_page_that_uses_it(tmp_path):
    # pdfminer makes a font once and reuses it: page 2 uses the damaged glyph map as much as page 1
    path = tmp_path / "shared_font.pdf"
    path.write_bytes(hostile.shared_font_with_damaged_glyph_map(2, 3))
    source = read_pdf(path)
    assert source.pages_unreadable == [1, 2]
    assert [line.cells[0] for line in source.lines if line.page in (1, 2)] == ["ABC", "ABC"]
