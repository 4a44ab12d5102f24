"""Issue 12's batch: 20 corpus PDFs and 20 hostile files in one run with `-j 2 --timeout 20`. Every good document
is audited with the findings it has alone, every bad one fails with a code (never `internal`), and the run
ends: nothing hangs it."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

sys.path.insert(0, str(Path(__file__).parent))
import hostile  # noqa: E402

TIMEOUT = 20
FAILURE_CODES = {"unreadable", "encrypted", "no_text_layer", "not_a_disclosure", "too_large", "timeout"}


def _zip_of(pdf: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("inner.pdf", pdf)
    return buffer.getvalue()


def _hostile_files(folder: Path, good_pdf: bytes) -> list[Path]:
    """20 hostile inputs, one of each kind the issue names."""
    made = {
        "flate_bomb.pdf": hostile.flate_bomb(300), "predictor_bomb.pdf": hostile.predictor_bomb(),
        "wide_widths.pdf": hostile.wide_widths_font(), "wide_tounicode.pdf": hostile.wide_tounicode_font(),
        "many_glyphs.pdf": hostile.many_glyphs(300_000), "nested_forms.pdf": hostile.nested_forms(200),
        "nested_dictionaries.pdf": hostile.nested_dictionaries(100_000),
        "damaged_stream.pdf": hostile.damaged_second_stream(), "zip.pdf": _zip_of(good_pdf),
        "truncated.pdf": good_pdf[: len(good_pdf) // 3], "html.pdf": b"<html><body>not a pdf</body></html>",
        "empty.pdf": b"", "nan.txt": b"\xff\xfeA", "bom_damaged.txt": b"\xef\xbb\xbf\xff" + "收入 1 万元".encode(),
        "moved_xref.pdf": hostile.xref_entry_moved(hostile.pages(3), 6, 40),
        "name_\udcff.pdf".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape"): b"%PDF-1.7\n",
    }
    paths = []
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    os.mkfifo(folder / "fifo.pdf")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    (folder / "nowhere.pdf").symlink_to(folder / "missing.pdf")
    (folder / "folder.pdf").mkdir()
    return paths + [folder / name for name in ("fifo.pdf", "zero.pdf", "nowhere.pdf", "folder.pdf")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the special files (FIFO, device links) need POSIX")
def test_twenty_good_and_twenty_hostile_in_one_batch(tmp_path, corpus_results):
    good = sorted(corpus_results)[:20]
    (tmp_path / "hostile").mkdir()
    assert len(_hostile_files(tmp_path / "hostile", (CORPUS / good[0]).read_bytes())) == 20
    links = tmp_path / "good"
    links.mkdir()
    for number, name in enumerate(good):
        (links / f"{number:02d}.pdf").symlink_to(CORPUS / name)
    done = subprocess.run([sys.executable, "-m", "budget_audit", "check", "-f", "jsonl", "-j", "2", "--timeout",
                           str(TIMEOUT), str(links), str(tmp_path / "hostile")],
                          capture_output=True, cwd=ROOT, timeout=TIMEOUT * 40 / 2 + 60)
    documents = {json.loads(line)["path"]: json.loads(line) for line in done.stdout.decode("utf-8").splitlines()}
    assert done.returncode == 3 and len(documents) == 40
    for number, name in enumerate(good):
        document, alone = documents[str(links / f"{number:02d}.pdf")], corpus_results[name]
        assert document["status"] == alone.status, name
        findings = Counter((f["rule"], f["severity"].upper(), f["message"]) for f in document["findings"])
        assert findings == Counter((f.rule, f.severity.name, f.text("zh")) for f in alone.findings), name
    hostile_documents = [document for path, document in documents.items() if "/hostile/" in path]
    codes = Counter((document["error"] or {}).get("code", "audited") for document in hostile_documents)
    assert set(codes) <= FAILURE_CODES | {"audited"} and codes["too_large"] >= 6, codes
    for document in hostile_documents:   # audited: only the one whose xref was repaired, or one that says its loss
        assert document["status"] == "failed" or document["path"].endswith(("moved_xref.pdf", "damaged_stream.pdf"))
