"""`--annotate DIR`: a copy of each PDF with a highlight and a pop-up note on every located cell of a finding;
the original's bytes never change."""
from __future__ import annotations

import hashlib
import json

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app
from tests.conftest import SAMPLE
from tests.evidence import SHANGHAI_YUAN, corpus_file, one_wrong_cell_pdf

runner = CliRunner()


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def annotate(tmp_path, *args):
    out = tmp_path / "annotated"
    result = runner.invoke(app, ["check", "-f", "json", "--annotate", str(out), *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout), out


def _annotations(path):
    from pypdf import PdfReader

    found = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            found.append((number, annotation))
    return found


def _matches(annotation, bbox) -> bool:
    return all(abs(float(a) - b) < 0.01 for a, b in zip(annotation["/Rect"], bbox))


@pytest.mark.parametrize("rotate", [0, 90])
def test_every_located_cell_is_highlighted_with_its_note(tmp_path, rotate):
    pdf = one_wrong_cell_pdf(tmp_path, rotate)
    before = _sha256(pdf)
    report, out = annotate(tmp_path, pdf)
    assert _sha256(pdf) == before
    [copy] = out.iterdir()
    assert copy.name == "one_wrong_cell.annotated.pdf"
    annotations = _annotations(copy)
    highlights = [(page, a) for page, a in annotations if a["/Subtype"] == "/Highlight"]
    popups = [a for _page, a in annotations if a["/Subtype"] == "/Popup"]
    findings = report["documents"][0]["findings"]
    located = [(f, index, l) for f in findings for index, l in enumerate(f["locations"]) if l["bbox"]]
    assert len(highlights) == len(located) == len(popups) and located
    for finding, index, location in located:
        [(page, highlight)] = [(p, h) for p, h in highlights if _matches(h, location["bbox"])
                               and finding["rule"] in h["/Contents"] and finding["message"] in h["/Contents"]]
        assert page == location["page"]
        assert [float(c) for c in highlight["/C"]] == ([1.0, 0.0, 0.0] if index == 0 else pytest.approx([0.235, 0.47, 1.0], abs=0.01))
        assert highlight["/Popup"].get_object()["/Parent"].get_object() == highlight


def test_a_real_document_keeps_its_bytes_and_gets_its_notes(tmp_path):
    pdf = corpus_file(SHANGHAI_YUAN)
    before = _sha256(pdf)
    report, out = annotate(tmp_path, pdf, "--min-severity", "warning")
    assert _sha256(pdf) == before
    [copy] = out.iterdir()
    highlights = [(page, a) for page, a in _annotations(copy) if a["/Subtype"] == "/Highlight"]
    located = [l for f in report["documents"][0]["findings"] for l in f["locations"] if l["bbox"]]
    assert len(highlights) == len(located) >= 6
    for location in located:
        assert any(page == location["page"] and _matches(a, location["bbox"]) for page, a in highlights)


def test_text_dumps_get_no_copy(tmp_path):
    _report, out = annotate(tmp_path, SAMPLE)
    assert list(out.iterdir()) == []


def test_annotate_into_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "taken"
    target.write_text("")
    result = runner.invoke(app, ["check", "--annotate", str(target), str(SAMPLE)])
    assert result.exit_code == 2
