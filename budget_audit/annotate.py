"""`check --annotate DIR`: a copy of each audited PDF with its findings on the page, for a reviewer's PDF viewer.

Every located cell of a finding gets a highlight annotation (red on the cell at fault, blue on the cells it
was compared with) carrying the finding as its note, with a pop-up to read it in. Boxes are the findings'
`bbox`es, which are in PDF default user space: the space of an annotation's /Rect, whatever the page's
/Rotate. The copy is written with pypdf; the original file is only ever read.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget_audit import model as m
from budget_audit.audit import DocumentResult
from budget_audit.report.view import Report

SUFFIX = ".annotated.pdf"
COLOURS = {"actual": "ff0000", "compared": "3c78ff"}
POPUP_SIZE = (260.0, 120.0)    # points: a note's pop-up, opened beside the cell


@dataclass(frozen=True)
class Note:
    page: int                                    # 1-based
    bbox: tuple[float, float, float, float]      # PDF user space
    role: str                                    # actual / compared
    title: str                                   # the rule and severity: the note's author line
    text: str


def annotate_run(report: Report, directory: Path) -> list[Path]:
    """Write the annotated copies of the run's PDFs into `directory` (created if needed); return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for result in report.results:
        for source, notes in _notes_by_file(report, result).items():
            target = _target(directory, Path(source), written)
            annotate_pdf(Path(source), target, notes)
            written.append(target)
    return written


def annotate_pdf(source: Path, target: Path, notes: list[Note]) -> None:
    """Copy `source` to `target` with a highlight and a pop-up note for each of `notes`."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Highlight, Popup
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    if target.resolve() == source.resolve():
        raise ValueError(f"{target}: would overwrite the audited file")
    writer = PdfWriter(clone_from=PdfReader(source))
    for note in notes:
        x0, y0, x1, y1 = note.bbox
        # corners in the order viewers expect: upper left, upper right, lower left, lower right
        quad = ArrayObject([FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0)])
        highlight = Highlight(rect=note.bbox, quad_points=quad, highlight_color=COLOURS[note.role], printing=True,
                              title_bar=note.title)
        highlight[NameObject("/Contents")] = TextStringObject(note.text)
        added = writer.add_annotation(note.page - 1, highlight)
        popup = writer.add_annotation(note.page - 1, Popup(rect=_popup_rect(writer, note), parent=added))
        added[NameObject("/Popup")] = popup.indirect_reference
    with open(target, "wb") as handle:
        writer.write(handle)


def _popup_rect(writer, note: Note) -> tuple[float, float, float, float]:
    """Beside the cell, kept inside the page's media box."""
    box = writer.pages[note.page - 1].mediabox
    width, height = POPUP_SIZE
    x0 = min(max(note.bbox[2] + 4, float(box.left)), float(box.right) - width)
    y1 = min(max(note.bbox[3], float(box.bottom) + height), float(box.top))
    return (x0, y1 - height, x0 + width, y1)


def _notes_by_file(report: Report, result: DocumentResult) -> dict[str, list[Note]]:
    """The notes of a document's shown findings, by the PDF they belong in (a bundle's volume, or the file);
    every PDF of an audited document is there, with no note when nothing was found in it."""
    if result.failed:
        return {}
    volumes = {Path(v["path"]).name: v["path"] for v in getattr(result, "volumes", None) or []}
    by_file: dict[str, list[Note]] = {path: [] for path in (list(volumes.values()) or [result.path]) if _is_pdf(path)}
    for finding in report.shown(result):
        text = _note_text(report, finding)
        title = f"budget-audit {finding.rule} {report.severity_word(finding.severity)}"
        for index, location in enumerate(finding.locations):
            if location.bbox is None or location.page is None:
                continue
            source = volumes.get(Report.volume_of(location, result) or "") if volumes else result.path
            if source not in by_file:
                continue
            role = "actual" if index == 0 else "compared"
            by_file.setdefault(source, []).append(Note(location.page, location.bbox, role, title, text))
    return by_file


def _note_text(report: Report, finding: m.Finding) -> str:
    lines = [f"{finding.rule} {report.rule_title(finding.rule)}", finding.text(report.lang)]
    numbers = report.numbers_text(finding)
    return "\n".join(lines + ([numbers] if numbers else []))


def _is_pdf(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def _target(directory: Path, source: Path, taken: list[Path]) -> Path:
    """DIR/<name>.annotated.pdf; a second file of the same name in one run gets -2, -3 …"""
    stem = source.stem
    target, n = directory / f"{stem}{SUFFIX}", 1
    while target in taken or target.resolve() == source.resolve():
        n += 1
        target = directory / f"{stem}-{n}{SUFFIX}"
    return target
