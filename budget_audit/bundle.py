"""`check --bundle A.pdf B.pdf`: several files that together make one disclosure (the narrative in one PDF,
the tables in another: Jiangsu 2017–2019, Beijing 附件1/附件2), audited as one document.

The volumes' lines are joined in the order given and recognised once, so that the cross-volume rules
(narrative against tables) run instead of being skipped. While recognising, the pages and lines of the
second and later volumes are numbered after those of the first; once the audit is done every page and line
is put back to the volume's own numbering, and each finding location names its volume in `text`
(the file name, e.g. `附件2_报表.pdf`), which the reports print before the page.
"""
from __future__ import annotations

import dataclasses
import hashlib
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from budget_audit import model as m
from budget_audit.audit import DocumentResult, Options, _sha256, audit_disclosure
from budget_audit.errors import INTERNAL, UNREADABLE, DocumentError
from budget_audit.read import read_document
from budget_audit.read.layout import SourceDocument, SourceLine
from budget_audit.recognise import recognise


@dataclass
class BundleResult(DocumentResult):
    volumes: list[dict] = field(default_factory=list)      # [{"path", "sha256", "pages"}] in order


@dataclass
class _Volume:
    path: str
    sha256: str | None
    first_line: int          # numbering in the joined document
    last_line: int
    page_offset: int         # added to the volume's pages while joined (0 for a text dump)
    pages: int | None

    @property
    def name(self) -> str:
        return Path(self.path).name


def bundle_label(paths: list[str | Path]) -> str:
    return " + ".join(str(path) for path in paths)


def bundle_sha256(digests: list[str | None]) -> str | None:
    if any(digest is None for digest in digests):
        return None
    return hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()


def audit_bundle(paths: list[str | Path], options: Options | None = None) -> BundleResult:
    paths = [str(path) for path in paths]
    label = bundle_label(paths)
    digests = [_sha256(path) for path in paths]
    digest = bundle_sha256(digests)
    volumes_info = [{"path": path, "sha256": sha, "pages": None} for path, sha in zip(paths, digests)]
    try:
        source, volumes = join_volumes([read_document(path) for path in paths], digests)
        for info, volume in zip(volumes_info, volumes):
            info["pages"] = volume.pages
        disclosure = recognise(source)
        if disclosure.truncated:
            raise DocumentError(UNREADABLE, f"{label}: truncated: {disclosure.truncated}")
        result = audit_disclosure(disclosure, options, path=label, sha256=digest)
    except DocumentError as error:
        return BundleResult(path=label, sha256=digest, status="failed", error=error, volumes=volumes_info)
    except Exception as exc:    # a bug must not stop a batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        error = DocumentError(INTERNAL, f"{label}: internal error {type(exc).__name__}: {exc} "
                                        f"({Path(where.filename).name}:{where.lineno})")
        return BundleResult(path=label, sha256=digest, status="failed", error=error, volumes=volumes_info)
    _renumber(result, volumes)
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(DocumentResult)}
    return BundleResult(**fields, volumes=volumes_info)


def join_volumes(sources: list[SourceDocument], digests: list[str | None]) -> tuple[SourceDocument, list[_Volume]]:
    lines: list[SourceLine] = []
    volumes: list[_Volume] = []
    page_offset = 0
    for source, digest in zip(sources, digests):
        first = len(lines) + 1
        is_pdf = source.reader != "text"
        offset = page_offset if is_pdf else 0
        for line in source.lines:
            page = line.page + offset if line.page is not None else None
            lines.append(SourceLine(line.cells, len(lines) + 1, page))
        pages = source.page_count or max((line.page or 0 for line in source.lines), default=0) or None
        volumes.append(_Volume(source.path, digest, first, len(lines), offset, pages))
        if is_pdf:
            page_offset += pages or 0
    page_count = sum(volume.pages or 0 for volume in volumes) or None
    reader = "pdf" if any(source.reader != "text" for source in sources) else "text"
    joined = SourceDocument(path=bundle_label([s.path for s in sources]), lines=lines, page_count=page_count,
                            reader=reader, warnings=[w for s in sources for w in s.warnings])
    return joined, volumes


# -- back to each volume's numbering --------------------------------------------------------------
def _renumber(result: DocumentResult, volumes: list[_Volume]) -> None:
    def volume_of(line: int | None, page: int | None) -> _Volume | None:
        if line is not None:
            return next((v for v in volumes if v.first_line <= line <= v.last_line), None)
        if page is not None:
            candidates = [v for v in volumes if v.page_offset < page <= v.page_offset + (v.pages or 0)]
            return candidates[0] if len(candidates) == 1 else None
        return None

    for finding in result.findings:
        for location in finding.locations:
            volume = volume_of(location.line, location.page)
            if volume is None and location.table and result.disclosure:
                table = result.disclosure.tables.get(location.table)
                volume = volume_of(table.line, None) if table else None
            if volume is not None:
                location.text = volume.name if not location.text else f"{volume.name}: {location.text}"
    _Renumberer(volume_of).walk(result.disclosure)
    seen: set[int] = set()
    for finding in result.findings:
        for location in finding.locations:
            _Renumberer(volume_of, seen).walk(location)


class _Renumberer:
    """Walks the disclosure (and locations) once and puts every `page`, `pages` and `line` back to the
    numbering of the volume it belongs to. Table-of-contents pages are printed numbers: left alone."""

    def __init__(self, volume_of, seen: set[int] | None = None):
        self.volume_of = volume_of
        self.seen = seen if seen is not None else set()

    def walk(self, obj) -> None:
        if obj is None or id(obj) in self.seen:
            return
        if isinstance(obj, (list, tuple)):
            for item in obj:
                self.walk(item)
            return
        if isinstance(obj, dict):
            for item in obj.values():
                self.walk(item)
            return
        if not dataclasses.is_dataclass(obj) or isinstance(obj, (type, m.TocEntry)):
            return
        self.seen.add(id(obj))
        line, page = getattr(obj, "line", None), getattr(obj, "page", None)
        line = line if isinstance(line, int) else None
        page = page if isinstance(page, int) else None
        volume = self.volume_of(line, page)
        if volume is not None:
            if line is not None:
                object.__setattr__(obj, "line", line - volume.first_line + 1)
            if page is not None and page > volume.page_offset:
                object.__setattr__(obj, "page", page - volume.page_offset)
        pages = getattr(obj, "pages", None)
        if isinstance(pages, list) and all(isinstance(p, int) for p in pages):
            own = self.volume_of(line, pages[0] if pages else None) if pages else None
            if own is not None:
                obj.pages = [p - own.page_offset if p > own.page_offset else p for p in pages]
        for f in dataclasses.fields(obj):
            if f.name not in ("line", "page", "pages"):
                self.walk(getattr(obj, f.name))
