"""Objects the cross-reference table cannot find, found again by scanning the file, as viewers do.

A PDF's cross-reference table gives each object's byte offset. When one offset is wrong (a changed byte, a
file edited by hand, an incremental update cut short), pdfminer finds a different object there or none, and
resolves the reference to nothing: a page, a font or a content stream silently disappears, and the audit
reports findings about a document that is not the one printed. PDFium and poppler instead rebuild the table
by scanning the file for `N G obj` headers. `SalvagingDocument` does the same, once and only when an object
is not where the table says: a good file costs nothing.

An object the table lists but that neither its offset nor the scan can read is damage, and is recorded in
`missing` so that the reader can say which page lost it. A reference to an object the table never listed is
the author's slip (common, harmless: nothing was there to lose) and is not recorded.
"""
from __future__ import annotations

import mmap
import re
from io import BytesIO

from pdfminer.pdfdocument import PDFDocument, PDFObjectNotFound, PDFXRefFallback
from pdfminer.pdfparser import PDFParser, PDFStreamParser, PDFSyntaxError
from pdfminer.pdftypes import PDFStream, decipher_all, stream_value
from pdfminer.psparser import LIT, PSEOF

from budget_audit.errors import DocumentError

# `12 0 obj` at the start of a line or right after the previous `endobj`
_SPACE = rb"[ \t\r\n\f\0]+"
_OBJECT_HEADER = re.compile(rb"(?:(?<=[\r\n])|(?<=endobj)|\A)[ \t\f\0]*(\d{1,10})" + _SPACE + rb"(\d{1,5})"
                            + _SPACE + rb"obj\b")
_OBJECT_STREAM = LIT("ObjStm")
_LOOK_AHEAD = 1 << 16          # bytes of a parsed object looked at for the header of the next one
_OBJECT_STREAM_NEAR = 1024     # bytes after a header where an object stream says /Type /ObjStm


class RebuiltXRef(PDFXRefFallback):
    """Every object header in the file, the last definition of an object winning (incremental updates append
    their objects), and the objects packed in object streams. Unlike pdfminer's own fallback it does not
    stop at the first `trailer`, which would lose every update after the first."""

    def load(self, parser) -> None:
        parser.seek(0)
        stream = parser.fp
        stream.seek(0)
        try:
            data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        except (AttributeError, OSError, ValueError):   # not a file on disk
            data = stream.read()
        try:
            for match in _OBJECT_HEADER.finditer(data):
                objid, genno, position = int(match.group(1)), int(match.group(2)), match.start(1)
                self.offsets[objid] = (None, position, genno)
                if b"/ObjStm" in data[match.end(): match.end() + _OBJECT_STREAM_NEAR]:
                    self._expand_object_stream(parser, objid, position)
        finally:
            if isinstance(data, mmap.mmap):
                data.close()

    def _expand_object_stream(self, parser, objid: int, position: int) -> None:
        obj, numbers = None, []
        try:
            parser.seek(position)
            _, _, _ = parser.nexttoken(), parser.nexttoken(), parser.nexttoken()     # N G obj
            _, obj = parser.nextobject()
            if not isinstance(obj, PDFStream) or obj.get("Type") is not _OBJECT_STREAM:
                return
            packed = PDFStreamParser(stream_value(obj).get_data())
            while True:
                numbers.append(packed.nextobject()[1])
        except PSEOF:
            if not isinstance(obj, PDFStream):
                return
        except (DocumentError, MemoryError):
            raise        # a resource bound: the document fails
        except Exception:  # noqa: BLE001 - a damaged object stream holds nothing we can use
            return
        count = obj.get("N") if isinstance(obj.get("N"), int) else len(numbers) // 2
        for index in range(min(count, len(numbers) // 2)):
            if isinstance(numbers[2 * index], int):
                self.offsets[numbers[2 * index]] = (objid, index, 0)


class SalvagingDocument(PDFDocument):
    """A PDFDocument that looks for an object the cross-reference table cannot find (see the module's doc)."""

    def __init__(self, parser, password: str = "", **options) -> None:
        self.missing: list[int] = []
        self._rebuilt: RebuiltXRef | None = None
        self._salvage_parser = parser
        super().__init__(parser, password=password, **options)

    def _getobj_parse(self, pos: int, objid: int) -> object:
        # Not at its offset: found by the scan before pdfminer tries the older tables of an updated file, which
        # would give the object as it was before the update (an old page tree, with pages since removed).
        try:
            found = super()._getobj_parse(pos, objid)
        except (PSEOF, PDFSyntaxError):
            found = self._from_scan(objid, not_at=pos)
            if found is None:
                self._lost(objid)
                raise
            return found
        return self._ended_in_time(pos, found)

    def _ended_in_time(self, pos: int, found: object) -> object:
        """pdfminer hands an object over at its `endobj`; when that word is damaged (`endo^j`) it reads on into
        the next object and hands over a piece of that one (a font dictionary becomes the next object's
        stream). Such a read passes another object's header before any `stream` of its own: the object is
        then read again from its own bytes only."""
        parser = self._parser
        end = parser.bufpos + parser.charpos
        if end - pos < 32:
            return found
        stream = parser.fp
        saved = stream.tell()
        try:
            stream.seek(pos)
            span = stream.read(min(end - pos, _LOOK_AHEAD))
        finally:
            stream.seek(saved)
        headers = list(_OBJECT_HEADER.finditer(span))
        if len(headers) < 2 or headers[0].start() != 0:
            return found
        own_stream = span.find(b"stream", headers[0].end())
        if 0 <= own_stream < headers[1].start():
            return found
        alone = PDFParser(BytesIO(span[: headers[1].start()] + b"\nendobj\n"))
        alone.set_document(self)
        try:
            for _ in range(3):              # N G obj
                alone.nexttoken()
            return alone.nextobject()[1]
        except (DocumentError, MemoryError):
            raise
        except Exception:  # noqa: BLE001 - not readable alone either: pdfminer's reading stands
            return found

    def getobj(self, objid: int) -> object:
        try:
            return super().getobj(objid)
        except PDFObjectNotFound:
            # in no table at all (a table cut short), or packed in an object stream that could not be read
            if not self.xrefs:
                raise
            found = self._from_scan(objid)
            if found is None:
                raise
            if self.decipher and self._rebuilt.offsets[objid][0] is None:   # as pdfminer does after parsing
                found = decipher_all(self.decipher, objid, self._rebuilt.offsets[objid][2], found)
            if isinstance(found, PDFStream):
                found.set_objid(objid, 0)
            if self.caching:
                self._cached_objs[objid] = (found, 0)
            return found

    @property
    def repaired(self) -> bool:
        """Whether an object had to be looked for by scanning the file."""
        return self._rebuilt is not None

    def _from_scan(self, objid: int, not_at: int | None = None) -> object | None:
        rebuilt = self._rebuild()
        position = rebuilt.offsets.get(objid)
        if position is None:
            return None
        stream_id, index, _ = position
        try:
            if stream_id is None:
                return None if index == not_at else super()._getobj_parse(index, objid)
            return self._getobj_objstm(stream_value(self.getobj(stream_id)), index, objid)
        except (DocumentError, MemoryError):
            raise
        except Exception:  # noqa: BLE001 - damaged here as well: not found
            return None

    def _rebuild(self) -> RebuiltXRef:
        if self._rebuilt is None:
            self._rebuilt = RebuiltXRef()
            try:
                self._rebuilt.load(self._salvage_parser)
            except (PSEOF, PDFSyntaxError, OSError):
                pass
        return self._rebuilt

    def _lost(self, objid: int) -> None:
        if objid not in self.missing:
            self.missing.append(objid)
