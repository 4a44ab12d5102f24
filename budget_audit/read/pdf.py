"""PDF reader: a published disclosure PDF to a `SourceDocument` of narrative lines and table rows.

One pdfminer.six interpreter pass per page with a device of our own (`pdf_chars.PageCollector`) that
records glyph boxes and visible ruling segments; no pdfminer layout analysis. Content streams are tokenised
by `pdf_content` (one regular expression) rather than pdfminer's character-level parser. Ruled tables are rebuilt
from their rules (`pdf_tables`), everything else is grouped into printed lines (`pdf_text`); lines whose
cells are aligned like a table without rules become rows (`pdf_layout`).
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

from budget_audit.errors import ENCRYPTED, NO_TEXT_LAYER, UNREADABLE, DocumentError
from budget_audit.limits import Limits, TooLarge
from budget_audit.limits import current as current_limits
from budget_audit.read.file_kind import refusal
from budget_audit.read.layout import SourceDocument, SourceLine
from budget_audit.read.normalise import clean_cell
from budget_audit.read.pdf_content import ContentInterpreter
from budget_audit.read.pdf_guards import bounded_pdfminer
from budget_audit.read.pdf_chars import PageCollector, PageContent, turn_upright
from budget_audit.read.pdf_layout import Carry, page_items

__all__ = ["read_pdf", "read_pdf_pages"]

_ZIP_MAGIC = b"PK\x03\x04"

# garbled text layer: more than this share of glyphs without a Unicode mapping
_GARBLED_SHARE = 0.2


def _open_document(path: Path, fp):
    """Parse the PDF structure; map every failure to a DocumentError."""
    from pdfminer.pdfdocument import (
        PDFEncryptionError,
        PDFNoValidXRef,
        PDFPasswordIncorrect,
        PDFXRefFallback,
    )
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSEOF, PSException

    from budget_audit.read.pdf_salvage import SalvagingDocument

    try:
        doc = SalvagingDocument(PDFParser(fp), password="")
    except PDFPasswordIncorrect:
        raise DocumentError(ENCRYPTED, "encrypted PDF: a password is required to open it") from None
    except PDFEncryptionError as exc:
        raise DocumentError(ENCRYPTED, f"encrypted PDF: unsupported encryption ({_one_line(exc)})") from None
    except PSEOF:
        raise DocumentError(UNREADABLE, "unreadable PDF: the file ends unexpectedly (truncated?)") from None
    except (PDFSyntaxError, PDFNoValidXRef, PSException) as exc:
        raise DocumentError(UNREADABLE, f"unreadable PDF: {_one_line(exc) or type(exc).__name__}") from None
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is a broken file, never a traceback
        raise DocumentError(UNREADABLE, f"unreadable PDF: {type(exc).__name__}: {_one_line(exc)}") from None
    if any(isinstance(x, PDFXRefFallback) for x in doc.xrefs) and not _has_eof_marker(path):
        raise DocumentError(UNREADABLE, "unreadable PDF: the file is truncated (no cross-reference table, no %%EOF)")
    # Pages are read by their physical number; the labels a viewer shows are never used. pdfminer formats them
    # all the same while listing the pages, and asserts on a Roman start ≥ 4000 or any start ≤ 0 (/PageLabels
    # is metadata a good document may get wrong), which would fail the whole document.
    doc.get_page_labels = _no_page_labels
    return doc


def _no_page_labels():
    from pdfminer.pdfdocument import PDFNoPageLabels

    raise PDFNoPageLabels()


def _has_eof_marker(path: Path) -> bool:
    size = path.stat().st_size
    with open(path, "rb") as fp:
        fp.seek(max(0, size - 4096))
        return b"%%EOF" in fp.read()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def _check_file(path: Path) -> None:
    refused = refusal(path)     # missing, a directory, a FIFO or a device: refused before it is opened
    if refused is not None:
        raise refused
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(UNREADABLE, "unreadable: empty file (0 bytes)")
    try:
        with open(path, "rb") as fp:
            head = fp.read(1024)
    except OSError as error:
        raise DocumentError(UNREADABLE, f"unreadable: cannot read {path} ({error.strerror})") from None
    # A ZIP archive that stores a PDF uncompressed has the PDF's header within its first kilobyte, and
    # pdfminer would find the PDF inside it; but the file is an archive, not the document.
    if head.startswith(_ZIP_MAGIC):
        raise DocumentError(UNREADABLE, "unreadable: not a PDF file (a ZIP archive; extract the PDF from it first)")
    if b"%PDF-" not in head:
        raise DocumentError(UNREADABLE, "unreadable: not a PDF file (no %PDF header)")


class _Silent:
    """Stands in for pdfminer's module loggers while we read: its parser calls log.debug() for every token
    (half a million calls on a 25-page file), which costs time even when debug logging is off."""

    def debug(self, *args, **kwargs) -> None:
        pass

    info = debug


@contextmanager
def _quiet_pdfminer():
    import pdfminer.pdfinterp
    import pdfminer.psparser

    modules = (pdfminer.psparser, pdfminer.pdfinterp)
    saved = [module.log for module in modules]
    silent = _Silent()
    for module, logger in zip(modules, saved):
        silent.warning = logger.warning   # warnings still reach the caller's logging
        module.log = silent
    try:
        yield
    finally:
        for module, logger in zip(modules, saved):
            module.log = logger


def read_pdf_pages(path: str | Path, interpreter_class=ContentInterpreter, limits: Limits | None = None):
    """Yield one `PageContent` (glyphs and rules, upright) per page. Raises DocumentError. A page whose content
    could not all be read carries `error`; a resource bound reached raises `TooLarge`."""
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    path = Path(path)
    limits = limits or current_limits()
    _check_file(path)
    with open(path, "rb") as fp, _quiet_pdfminer(), bounded_pdfminer(limits) as met:
        doc = _open_document(path, fp)
        rsrc = PDFResourceManager(caching=True)
        device = PageCollector(rsrc)
        device.max_chars = limits.page_chars
        device.max_depth = limits.depth
        device.damage = met
        interp = interpreter_class(rsrc, device)
        try:
            pages = PDFPage.create_pages(doc)
            number = 0
            while True:
                lost_before = len(doc.missing)
                page = next(pages, None)
                # An object lost while the page tree is walked: one of the page's own (its content, resources),
                # or a node of the tree, whose pages are lost; one lost page keeps the numbers after it right.
                own = _references(page.attrs) if page is not None else set()
                lost_with_page = [objid for objid in doc.missing[lost_before:] if objid in own]
                for objid in doc.missing[lost_before:]:
                    if objid not in own:
                        number += 1
                        yield _lost_page(number, f"page {number}: object {objid} of the page tree could not be found")
                if page is None:
                    break
                number += 1
                if limits.pages and number > limits.pages:
                    raise TooLarge(f"more than {limits.pages} pages", "BUDGET_AUDIT_MAX_PAGES")
                device.page = None
                device.damaged_streams.clear()
                lost_before, met_before = len(doc.missing), len(met.notes)
                try:
                    interp.process_page(page)
                except (DocumentError, MemoryError):
                    raise
                except Exception as exc:  # noqa: BLE001 - a broken content stream spoils one page only
                    content = device.page or PageContent(number, 0, 0)
                    content.number = number
                    content.error = f"page {number}: content stream broken ({type(exc).__name__})"
                    yield content
                    continue
                content = device.page or PageContent(number, 0, 0)
                content.number = number
                damage = list(device.damaged_streams) + sorted(set(met.notes[met_before:]))
                damage += [f"object {objid} it uses could not be found"
                           for objid in lost_with_page + doc.missing[lost_before:]]
                if damage:
                    content.error = f"page {number}: " + "; ".join(damage)
                turn_upright(content)
                yield content
            # A /Count above the pages found is a slip of the producer in a sound file, but in one that had to be
            # repaired it counts pages lost with a node of the tree.
            declared = _declared_page_count(doc) if doc.repaired else None
            if declared and number < declared <= (limits.pages or declared):
                for missing_number in range(number + 1, declared + 1):
                    yield _lost_page(missing_number, f"page {missing_number}: the page tree counts {declared} "
                                                     f"pages, {number} could be found")
        except (DocumentError, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - page tree broken
            raise DocumentError(UNREADABLE, f"unreadable PDF: page tree broken ({type(exc).__name__}: {_one_line(exc)})") from None


def _lost_page(number: int, why: str) -> PageContent:
    content = PageContent(number, 0, 0)
    content.error = why
    return content


def _references(attrs: dict) -> set[int]:
    """The objects a page's dictionary refers to directly (its content streams, resources, boxes)."""
    from pdfminer.pdftypes import PDFObjRef

    found = set()
    for value in attrs.values():
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, PDFObjRef):
                found.add(item.objid)
    return found


def _declared_page_count(doc) -> int | None:
    """The /Count of the page tree's root: how many pages the document says it has."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
    except Exception:  # noqa: BLE001 - a broken root holds no count
        return None
    return count if isinstance(count, int) and count > 0 else None


_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~·\s]*\d{1,4}[-—–－~·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)


def read_pdf(path: str | Path) -> SourceDocument:
    """Read a disclosure PDF. Raises DocumentError (encrypted / unreadable / no_text_layer)."""
    path = Path(path)
    lines: list[SourceLine] = []
    warnings: list[str] = []
    page_sizes: dict[int, tuple[float, float]] = {}
    page_count = 0
    total_chars = 0
    bad_chars = 0
    lineno = 0
    carry = Carry()
    unreadable: list[int] = []
    for content in read_pdf_pages(path):
        page_count += 1
        if content.error:
            warnings.append(content.error)
            unreadable.append(content.number)
        n = len(content.chars)
        total_chars += n
        bad = sum(1 for ch in content.chars if ch.text == "\ufffd" or "(cid:" in ch.text)
        bad_chars += bad
        if n and bad > _GARBLED_SHARE * n:
            warnings.append(f"page {content.number}: {bad} of {n} glyphs have no Unicode mapping")
            continue
        page_sizes[content.number] = (content.width, content.height)
        for item in _drop_page_numbers(page_items(content, carry), content.height):
            cleaned = tuple(clean_cell(c) for c in item.cells)
            if not any(cleaned):
                continue
            lineno += 1
            lines.append(SourceLine(cleaned, lineno, content.number, boxes=tuple(item.boxes),
                                    slots=tuple(item.slots) if item.slots is not None else None, box=item.box,
                                    block=item.block, printed="".join(item.cells), frame=content.to_user))
    if page_count == 0:
        raise DocumentError(UNREADABLE, "unreadable PDF: no pages")
    if len(unreadable) * 2 > page_count:
        raise DocumentError(UNREADABLE, f"unreadable PDF: {len(unreadable)} of {page_count} pages could not be read "
                                        f"({_page_list(unreadable)})")
    if total_chars == 0:
        raise DocumentError(NO_TEXT_LAYER, f"no text layer: {page_count} pages, 0 characters (scanned image?)")
    if bad_chars > _GARBLED_SHARE * total_chars:
        raise DocumentError(
            NO_TEXT_LAYER,
            f"no text layer: {bad_chars} of {total_chars} characters have no Unicode mapping ((cid:NNN) glyphs)",
        )
    if not lines:
        raise DocumentError(NO_TEXT_LAYER, f"no text layer: {page_count} pages, no readable text")
    return SourceDocument(path=str(path), lines=lines, page_count=page_count, reader="pdf", warnings=warnings,
                          page_sizes=page_sizes, pages_unreadable=unreadable)


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(str(page) for page in pages[:20])
    return f"pages {shown}" + (f" and {len(pages) - 20} more" if len(pages) > 20 else "")


def _drop_page_numbers(items, height: float):
    """Drop header/footer lines that are only a page number ("3", "- 3 -", "第 3 页")."""
    if not items or height <= 0:
        return items
    out = []
    last = len(items) - 1
    for i, item in enumerate(items):
        top, cells = item.top, item.cells
        if len(cells) == 1 and _PAGE_NUMBER.match(cells[0].strip() or "x"):
            near_edge = top < 0.12 * height or top > 0.85 * height
            if near_edge and (i == 0 or i == last or top > 0.85 * height):
                continue
        out.append(item)
    return out
