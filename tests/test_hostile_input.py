"""Hostile input (issue 12): absurd numbers, undecodable bytes, special files, odd names and disguised files
each end as a clear failure of one document or are read around, never as `internal` or a usage error."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject
from typer.testing import CliRunner

from budget_audit.audit import audit_path
from budget_audit.cli import app
from budget_audit.read.pdf import read_pdf
from budget_audit.read.text import read_text
from tests.conftest import ROOT, SAMPLE, write_variant
from tests.pdfgen import PageSpec, write_pdf

runner = CliRunner()


def _documents(*args) -> tuple[int, list[dict]]:
    result = runner.invoke(app, ["check", "-f", "json", *map(str, args)])
    return result.exit_code, json.loads(result.stdout)["documents"]


# -- 1. no internal errors -------------------------------------------------------------------------------
@pytest.mark.parametrize("printed", ["9" * 30 + ".91", "1" + "0" * 40, "1." + "0" * 30 + "1"])
def test_an_amount_of_more_than_28_digits_is_an_unreadable_cell(tmp_path, sample_text, printed):
    text = sample_text.replace("2080501\t行政单位离退休\t17.91", f"2080501\t行政单位离退休\t{printed}", 1)
    result = audit_path(write_variant(tmp_path, text, "absurd.txt"))
    assert result.status == "audited"
    assert any(f.rule.startswith("R") for f in result.findings)   # the blank cell breaks its sums


@pytest.mark.parametrize("old, new", [("基本支出 235.93 万元", "基本支出 " + "9" * 30 + ".93 万元"),
                                      ("351.16 万元，其中：本年收入", "9" * 30 + " 亿元，其中：本年收入")])
def test_an_absurd_amount_in_the_narrative_is_not_quoted(tmp_path, sample_text, old, new):
    result = audit_path(write_variant(tmp_path, sample_text.replace(old, new), "absurd.txt"))
    assert result.status == "audited"


@pytest.mark.parametrize("operand", ["1e999", "-inf", "9" * 5000, "1" + "0" * 400 + ".5"])
def test_an_infinite_or_huge_operand_loses_one_operator_not_the_document(tmp_path, operand, caplog):
    page = PageSpec().text(72, 700, "Total 100.00")
    page.ops.append(f"BT /F1 10 Tf 1 0 0 1 {operand} 600 Tm (moved) Tj ET")
    page.ops.append(f"q {operand} 0 0 1 0 0 cm BT /F1 10 Tf 1 0 0 1 72 500 Tm (scaled) Tj ET Q")
    page.text(72, 400, "Other 50.00")
    lines = [line.cells for line in read_pdf(write_pdf(tmp_path, [page])).lines]
    assert ("Total100.00",) in lines and ("Other50.00",) in lines
    assert "out of range" in caplog.text


def test_matrices_that_overflow_together_drop_their_glyphs(tmp_path):
    page = PageSpec().text(72, 700, "Total 100.00")
    page.ops.append("q " + "1e38 0 0 1e38 0 0 cm " * 12 + "BT /F1 10 Tf 1 0 0 1 72 500 Tm (nowhere) Tj ET Q")
    lines = [line.cells for line in read_pdf(write_pdf(tmp_path, [page])).lines]
    assert lines == [("Total100.00",)]


@pytest.mark.parametrize("data", [b"\xff\xfeA", b"\xef\xbb\xbf\xff",
                                  b"\xff\xfe" + "\ud800".encode("utf-16-le", "surrogatepass") + "abc".encode("utf-16-le")])
def test_undecodable_text_after_a_byte_order_mark_is_replaced_and_said(tmp_path, data, caplog):
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    assert audit_path(path).error.code == "not_a_disclosure"
    assert "undecodable" in caplog.text and "WARNING" in [r.levelname for r in caplog.records]


def test_a_damaged_byte_in_a_dump_with_a_byte_order_mark_keeps_the_rest(tmp_path, sample_text):
    data = sample_text.encode("utf-8")
    path = tmp_path / "one_bad_byte.txt"
    path.write_bytes(b"\xef\xbb\xbf" + data[:5000] + b"\xff" + data[5000:])
    assert read_text(path).warnings == [f"{path}: 1 undecodable byte sequence(s) in UTF-8 read as \ufffd"]
    result = audit_path(path)
    assert result.status == "audited"
    # a document read only in part says so at WARNING level
    (said,) = [f for f in result.findings if f.rule == "S009" and "无法按其编码解码" in f.text("zh")]
    assert said.severity.label == "warning" and "有 1 处" in said.text("zh")


def _deny_reading(monkeypatch, denied: Path) -> None:
    """No read permission on `denied`, also for root (whom chmod 000 does not stop)."""
    real_access, real_open = os.access, open

    def access(path, mode, *args, **kwargs):
        return False if Path(path) == denied and mode & os.R_OK else real_access(path, mode, *args, **kwargs)

    def opened(file, *args, **kwargs):
        if isinstance(file, (str, Path)) and Path(file) == denied:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr("builtins.open", opened)


def test_an_unreadable_pdf_in_a_directory_or_given_is_failed_and_the_rest_audited(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SAMPLE.read_bytes())
    locked = write_pdf(folder, [PageSpec().text(72, 700, "Total 100.00")], name="locked.pdf")
    _deny_reading(monkeypatch, locked)
    for given in ([folder], [locked, folder / "good.txt"]):
        code, documents = _documents(*given)
        assert code == 3
        by_path = {Path(d["path"]).name: d for d in documents}
        assert by_path["good.txt"]["status"] == "audited"
        assert by_path["locked.pdf"]["error"]["code"] == "unreadable"
        assert "permission denied" in by_path["locked.pdf"]["error"]["message"]


def test_the_pdf_reader_itself_reports_a_permission_error_as_unreadable(tmp_path, monkeypatch):
    locked = write_pdf(tmp_path, [PageSpec().text(72, 700, "Total 100.00")], name="locked.pdf")
    _deny_reading(monkeypatch, locked)
    monkeypatch.setattr("budget_audit.read.refusal", lambda path: None)   # as if it became unreadable just now
    assert audit_path(locked).error.code == "unreadable"


# -- 5. page labels --------------------------------------------------------------------------------------
@pytest.mark.parametrize("style, start", [("/R", 5000), ("/r", -3), ("/A", 0)])
def test_page_labels_pdfminer_cannot_format_do_not_fail_the_document(tmp_path, style, start):
    plain = write_pdf(tmp_path, [PageSpec().text(72, 700, "Total 100.00"), PageSpec().text(72, 700, "Two")])
    writer = PdfWriter(clone_from=str(plain))
    writer._root_object[NameObject("/PageLabels")] = DictionaryObject({NameObject("/Nums"): ArrayObject([
        NumberObject(0), DictionaryObject({NameObject("/S"): NameObject(style), NameObject("/St"): NumberObject(start)})])})
    labelled = tmp_path / "labelled.pdf"
    writer.write(labelled)
    assert [line.cells for line in read_pdf(labelled).lines] == [("Total100.00",), ("Two",)]


# -- 6. file names that are not UTF-8 --------------------------------------------------------------------
def _check(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budget_audit", "check", *args], cwd=cwd, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux")
def test_a_name_that_is_not_utf8_is_shown_escaped_on_stdout_and_in_files(tmp_path):
    os.mkdir(os.fsencode(tmp_path / "in"))
    with open(os.fsencode(tmp_path / "in") + b"/bad\xff.txt", "wb") as handle:
        handle.write(SAMPLE.read_bytes())
    shown = _check("-f", "json", "in", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout.decode("utf-8"))["documents"][0]["path"] == "in/bad\udcff.txt"
    for fmt in ("json", "csv", "sarif", "text"):
        written = _check("-f", fmt, "-o", f"report.{fmt}", "--write-baseline", "known.json", "in", cwd=tmp_path)
        assert written.returncode == 0, written.stderr
        assert "\\udcff" in (tmp_path / f"report.{fmt}").read_bytes().decode("utf-8") or fmt == "sarif"
    assert json.loads((tmp_path / "known.json").read_text("utf-8"))["entries"][0]["path"] == "in/bad\udcff.txt"
    assert "bad%FF.txt" in (tmp_path / "report.sarif").read_text("utf-8")


def test_a_report_that_fails_while_written_leaves_the_previous_file(tmp_path):
    from budget_audit.output_file import output_file

    target = tmp_path / "report.json"
    target.write_text("previous\n")
    with pytest.raises(RuntimeError):
        with output_file(target) as stream:
            stream.write("half a rep")
            raise RuntimeError("killed")
    assert target.read_text() == "previous\n" and os.listdir(tmp_path) == ["report.json"]


# -- 7. every path is a document -------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_special_files_and_dangling_links_are_refused_at_once_and_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SAMPLE.read_bytes())
    os.mkfifo(folder / "fifo.pdf")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    (folder / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    (folder / "folder.pdf").mkdir()   # a directory named .pdf (the make fuzz run found it left out)
    code, documents = _documents(folder, folder / "fifo.pdf")
    assert code == 3
    assert [(Path(d["path"]).name, d["status"]) for d in documents] == [
        ("dangling.pdf", "failed"), ("fifo.pdf", "failed"), ("folder.pdf", "failed"), ("good.txt", "audited"),
        ("zero.pdf", "failed"), ("fifo.pdf", "failed")]
    messages = " ".join(d["error"]["message"] for d in documents if d["error"])
    assert "FIFO" in messages and "character device" in messages and "dangling symbolic link" in messages
    assert "is a directory" in messages
    assert audit_path(folder / "fifo.pdf").error.code == "unreadable"   # the reader refuses it too, unopened


def test_a_failed_directory_with_colons_in_its_name_is_reported_under_it(tmp_path):
    empty = tmp_path / "dir:with:colons"
    empty.mkdir()
    code, documents = _documents(empty)
    assert code == 3 and documents[0]["path"] == str(empty)


# -- 8. disguised files ----------------------------------------------------------------------------------
def test_a_zip_that_stores_a_pdf_is_not_that_pdf(tmp_path):
    inner = write_pdf(tmp_path, [PageSpec().text(72, 700, "Total 100.00")], name="inner.pdf")
    archive = tmp_path / "archive.pdf"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as bundle:
        bundle.write(inner, "inner.pdf")
    error = audit_path(archive).error
    assert error.code == "unreadable" and "ZIP" in error.message
