"""Stage 1: turn an input file into a `SourceDocument` of positioned lines and cells."""
from __future__ import annotations

from pathlib import Path

from budget_audit.read.file_kind import refusal
from budget_audit.read.layout import SourceDocument

SUPPORTED_SUFFIXES = (".pdf", ".txt")


def read_document(path: str | Path) -> SourceDocument:
    path = Path(path)
    refused = refusal(path)
    if refused is not None:
        raise refused
    suffix = path.suffix.lower()
    if suffix == ".pdf" or _starts_like_pdf(path):
        from budget_audit.read.pdf import read_pdf

        return read_pdf(path)
    from budget_audit.read.text import read_text

    return read_text(path)


def _starts_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False
