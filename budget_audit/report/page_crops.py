"""Page evidence for a finding: the part of a PDF page where its cells are printed, as a PNG, and where each
cell lies on that image.

Pages are rendered by PDFium (pypdfium2) as a viewer shows them: /Rotate and the crop box applied. Cell
boxes come in PDF user space (`model.Cell.bbox`) and are placed on the bitmap by PDFium's own
page-to-device mapping, so a rotated or landscape page needs nothing special here.
"""
from __future__ import annotations

import base64
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from budget_audit.report.png import png_rgb

SCALE = 1.5            # pixels per point: 108 dpi, small print (9 pt) still legible
MARGIN = 36.0          # points of page shown above and below the boxes, so the row's neighbours and headers show
PAD = 2.0              # points around a box, so its line does not strike through the glyphs
_PAGES_KEPT = 3        # rendered pages kept: a document's findings come table by table, page by page

ACTUAL, COMPARED = "actual", "compared"


@dataclass(frozen=True)
class Mark:
    """A box on a crop, in the crop's pixels; `role` is ACTUAL (the cell at fault) or COMPARED."""

    x: int
    y: int
    width: int
    height: int
    role: str
    label: str
    bbox: tuple[float, float, float, float]   # the same box in PDF user space, for readers of the HTML


@dataclass(frozen=True)
class Crop:
    page: int
    width: int
    height: int
    png: bytes
    marks: tuple[Mark, ...]

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class _Rendered:
    pixels: bytes
    width: int
    height: int
    stride: int
    to_bitmap: object     # (x, y) in user space → (column, row) on this bitmap


class PageImages:
    """The pages of one PDF, rendered on demand; `crop` cuts out the band around a set of boxes."""

    def __init__(self, path: str | Path, scale: float = SCALE):
        import pypdfium2 as pdfium

        self._pdf = pdfium.PdfDocument(str(path))
        self._scale = scale
        self._pages: OrderedDict[int, _Rendered] = OrderedDict()

    def close(self) -> None:
        self._pages.clear()
        self._pdf.close()

    def __enter__(self) -> "PageImages":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def crop(self, page: int, boxes: list[tuple[tuple[float, float, float, float], str, str]]) -> Crop | None:
        """The full-width band of `page` (1-based) holding every box, `MARGIN` above and below; `boxes` are
        (bbox, role, label). None for a page the file does not have."""
        if not boxes or not 1 <= page <= len(self._pdf):
            return None
        rendered = self._render(page)
        placed = [(self._place(rendered, bbox), role, label, bbox) for bbox, role, label in boxes]
        margin = round(MARGIN * self._scale)
        top = max(0, min(y0 for (_x0, y0, _x1, _y1), *_ in placed) - margin)
        bottom = min(rendered.height, max(y1 for (_x0, _y0, _x1, y1), *_ in placed) + margin)
        if bottom <= top:
            return None
        row_bytes = rendered.width * 3
        rows = (rendered.pixels[r * rendered.stride: r * rendered.stride + row_bytes] for r in range(top, bottom))
        marks = tuple(Mark(x0, y0 - top, x1 - x0, y1 - y0, role, label, bbox)
                      for (x0, y0, x1, y1), role, label, bbox in placed)
        return Crop(page, rendered.width, bottom - top, png_rgb(rendered.width, bottom - top, rows), marks)

    def _place(self, rendered: _Rendered, bbox: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = bbox
        corners = [rendered.to_bitmap(x, y) for x, y in ((x0 - PAD, y0 - PAD), (x1 + PAD, y1 + PAD))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return (_within(min(xs), rendered.width), _within(min(ys), rendered.height),
                _within(max(xs), rendered.width), _within(max(ys), rendered.height))

    def _render(self, number: int) -> _Rendered:
        if number in self._pages:
            self._pages.move_to_end(number)
            return self._pages[number]
        page = self._pdf[number - 1]
        # 3-byte RGB: what a PNG holds without conversion
        bitmap = page.render(scale=self._scale, rev_byteorder=True)
        posconv = bitmap.get_posconv(page)
        rendered = _Rendered(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, posconv.to_bitmap)
        self._pages[number] = rendered
        if len(self._pages) > _PAGES_KEPT:
            self._pages.popitem(last=False)
        return rendered


def _within(value: int, limit: int) -> int:
    return min(max(value, 0), limit)
