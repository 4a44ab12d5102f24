"""Stage 1: turn an input file into a `SourceDocument` of positioned lines and cells."""
from __future__ import annotations

from pathlib import Path

from budget_audit.errors import UNREADABLE, DocumentError
from budget_audit.read.layout import SourceDocument

SUPPORTED_SUFFIXES = (".pdf", ".txt")


def read_document(path: str | Path) -> SourceDocument:
    path = Path(path)
    if not path.exists():
        raise DocumentError(UNREADABLE, f"{path}: no such file")
    if path.is_dir():
        raise DocumentError(UNREADABLE, f"{path}: is a directory")
    if not path.is_file():
        # a FIFO or a device would block or never end: only regular files are read
        raise DocumentError(UNREADABLE, f"{path}: not a regular file (a device, a pipe or a socket)")
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
