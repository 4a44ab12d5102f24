"""Low-level PDF page capture: glyphs with their boxes and the page's visible ruling segments.

One pdfminer interpreter pass per page with a device of our own (no LTChar/LTPage objects, no layout
analysis). Coordinates are returned top-down (``top`` grows downwards from the top of the page), in
the page's displayed orientation (pdfminer applies /Rotate); pages whose text is drawn sideways are
turned upright here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.utils import apply_matrix_pt, apply_matrix_rect

from budget_audit.limits import TooLarge
from budget_audit.read.frame import IDENTITY, Matrix, inverse, then


# Glyph boxes hang from the baseline by the font's descent. Some embedded fonts declare about one em of
# descent, which puts their digits and punctuation a line below the Han text they stand beside; such a
# descent is read as a typical one.
IMPLAUSIBLE_DESCENT = -0.5
TYPICAL_DESCENT = -0.2


class Char:
    """One glyph: its box (top-down coordinates), text and font size."""

    __slots__ = ("x0", "top", "x1", "bottom", "text", "size", "dir", "clip")

    def __init__(self, x0: float, top: float, x1: float, bottom: float, text: str, size: float, dir: int,
                 clip: tuple[float, float, float, float] | None = None):
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.text = text
        self.size = size
        self.dir = dir  # 0 upright, 1 rotated 90° anticlockwise, 2 upside down, 3 rotated 90° clockwise
        self.clip = clip  # the clipping rectangle the glyph was drawn in (x0, top, x1, bottom), if any

    @property
    def anchor(self) -> tuple[float, float]:
        """The point that says where the glyph belongs: its centre, moved into its clipping rectangle when the
        glyph overflows it (wrapped text drawn past the cell that clips it, a name running on past the cell's
        right rule). It is moved a little way in: the clip's edge lies on the rule, as close to the
        neighbouring cell as to its own."""
        xc, yc = (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2
        clip = self.clip
        if clip is None:
            return xc, yc
        return _into(xc, clip[0], clip[2]), _into(yc, clip[1], clip[3])

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Char({self.text!r} {self.x0:.1f},{self.top:.1f},{self.x1:.1f},{self.bottom:.1f})"


CLIP_INSET = 2.0   # pt: how far inside its clip an overflowing glyph is anchored


def _into(value: float, low: float, high: float) -> float:
    if low <= value <= high:
        return value
    inset = min(CLIP_INSET, (high - low) / 2)
    return min(max(value, low + inset), high - inset)


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    # ruling segments: ("h", y, x0, x1) or ("v", x, y0, y1), top-down coordinates
    hsegs: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    vsegs: list[tuple[float, float, float]] = field(default_factory=list)  # (x, y0, y1)
    filled: list[tuple[float, float, float, float]] = field(default_factory=list)  # (x0, top, x1, bottom)
    undefined_glyphs: int = 0
    error: str | None = None  # set when the page's content stream could not be read to the end
    to_user: Matrix = IDENTITY  # these coordinates → PDF default user space (read/frame.py)


_WHITE_EPS = 0.92


def _is_invisible(color, cs) -> bool:
    """True for white (or unset pattern) paint: it draws nothing a reader sees on white paper."""
    if color is None:
        return False
    try:
        if isinstance(color, (int, float)):
            comps = [float(color)]
        elif isinstance(color, (list, tuple)):
            comps = [float(c) for c in color if isinstance(c, (int, float))]
            if not comps:
                return False  # a pattern or a named colour: assume visible
        else:
            return False
    except (TypeError, ValueError):
        return False
    n = len(comps)
    if n == 1:
        return comps[0] >= _WHITE_EPS
    if n == 3:
        return min(comps) >= _WHITE_EPS
    if n == 4:
        return max(comps) <= 1 - _WHITE_EPS
    return False


_SEG_SLOPE = 0.5  # points a segment may deviate from axis-parallel


class PageCollector(PDFTextDevice):
    """A pdfminer device that records glyphs and visible ruling segments of the current page."""

    def __init__(self, rsrcmgr) -> None:
        super().__init__(rsrcmgr)
        self.page: PageContent | None = None
        self._pageno = 0
        self._height = 0.0
        self.clip = None            # set by the interpreter: the clipping rectangle in device space
        self._clip_seen = None
        self._clip_page = None      # … and the same in top-down page coordinates
        self.damaged_streams: list[str] = []   # the interpreter notes here each stream it could not decode
        self.max_chars = 0          # glyphs one page may draw (0: no bound)
        self.max_depth = 0          # forms within forms, and arrays and dictionaries in a content stream
        self.damage = None          # pdf_guards.Damage of the document: what the page met that a sound file lacks

    # -- pages ---------------------------------------------------------------------------------------
    def begin_page(self, page, ctm) -> None:
        self._pageno += 1
        (x0, y0, x1, y1) = apply_matrix_rect(ctm, page.mediabox)
        width, height = abs(x1 - x0), abs(y1 - y0)
        self._x_off = min(x0, x1)
        self._y_off = min(y0, y1)
        self._height = height
        self.page = PageContent(self._pageno, width, height)
        # the page coordinates below are the device's (ctm: /Rotate and the media box's origin) flipped top-down
        a, b, c, d, e, f = ctm
        self.page.to_user = inverse((a, -b, c, -d, e - self._x_off, height + self._y_off - f))

    def end_page(self, page) -> None:
        pass

    def begin_figure(self, name, bbox, matrix) -> None:
        pass

    def end_figure(self, name) -> None:
        pass

    def render_image(self, name, stream) -> None:
        pass

    # -- text ----------------------------------------------------------------------------------------
    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = None
        textwidth = font.char_width(cid)
        adv = textwidth * fontsize * scaling
        page = self.page
        if page is None:
            return adv
        if text is None:
            page.undefined_glyphs += 1
            text = "\ufffd"
        if font.is_vertical():
            textdisp = font.char_disp(cid)
            vx, vy = textdisp if isinstance(textdisp, tuple) else (None, 0)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent()
            if descent < IMPLAUSIBLE_DESCENT:
                descent = TYPICAL_DESCENT   # a font declaring a whole em below its baseline (Chongqing's E-BZ)
            descent *= fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        (a, b, c, d, _e, _f) = matrix
        (x0, y0, x1, y1) = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        if abs(b) <= abs(a) * 0.01:
            direction = 0 if a > 0 else 2
            size = y1 - y0
        else:
            direction = 1 if b > 0 else 3
            size = x1 - x0
        h = self._height
        xo, yo = self._x_off, self._y_off
        clip = self.clip
        if clip is not self._clip_seen:
            self._clip_seen = clip
            self._clip_page = None if clip is None else (clip[0] - xo, h - (clip[3] - yo), clip[2] - xo, h - (clip[1] - yo))
        if self.max_chars and len(page.chars) >= self.max_chars:
            raise TooLarge(f"page {self._pageno} draws more than {self.max_chars} glyphs", "BUDGET_AUDIT_MAX_PAGE_CHARS")
        page.chars.append(Char(x0 - xo, h - (y1 - yo), x1 - xo, h - (y0 - yo), text, size, direction, self._clip_page))
        return adv

    # -- vector graphics -----------------------------------------------------------------------------
    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        page = self.page
        if page is None or not path:
            return
        visible_stroke = stroke and not _is_invisible(gstate.scolor, gstate.scs)
        visible_fill = fill and not _is_invisible(gstate.ncolor, gstate.ncs)
        if not (visible_stroke or visible_fill):
            return
        ctm = self.ctm
        h = self._height
        xo, yo = self._x_off, self._y_off
        # split into subpaths of device-space points
        subpaths: list[list[tuple[float, float]]] = []
        cur: list[tuple[float, float]] = []
        start = None
        for seg in path:
            op = seg[0]
            if op == "m":
                if len(cur) > 1:
                    subpaths.append(cur)
                p = apply_matrix_pt(ctm, (seg[1], seg[2]))
                cur = [p]
                start = p
            elif op == "l":
                cur.append(apply_matrix_pt(ctm, (seg[1], seg[2])))
            elif op in ("c", "v", "y"):
                # curves: keep only the end point; rounded corners of boxes still give their sides
                cur.append(apply_matrix_pt(ctm, (seg[-2], seg[-1])))
            elif op == "h":
                if start is not None and cur and cur[-1] != start:
                    cur.append(start)
        if len(cur) > 1:
            subpaths.append(cur)
        for pts in subpaths:
            pts = [(x - xo, h - (y - yo)) for (x, y) in pts]
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            bx0, bx1, by0, by1 = min(xs), max(xs), min(ys), max(ys)
            if visible_fill and len(pts) >= 3:
                w, ht = bx1 - bx0, by1 - by0
                if ht <= 3 and w > ht:
                    page.hsegs.append(((by0 + by1) / 2, bx0, bx1))
                    continue
                if w <= 3 and ht > w:
                    page.vsegs.append(((bx0 + bx1) / 2, by0, by1))
                    continue
                if _is_axis_box(pts):
                    page.filled.append((bx0, by0, bx1, by1))
                    if not visible_stroke:
                        continue
            if not visible_stroke:
                continue
            for (p, q) in zip(pts, pts[1:]):
                (x0, y0), (x1, y1) = p, q
                if abs(y1 - y0) <= _SEG_SLOPE and abs(x1 - x0) > _SEG_SLOPE:
                    page.hsegs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
                elif abs(x1 - x0) <= _SEG_SLOPE and abs(y1 - y0) > _SEG_SLOPE:
                    page.vsegs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _is_axis_box(pts) -> bool:
    if len(pts) not in (4, 5):
        return False
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if abs(x1 - x0) > 0.5 and abs(y1 - y0) > 0.5:
            return False
    return True


def turn_upright(page: PageContent) -> None:
    """If most glyphs of the page are drawn sideways, rotate the page's coordinates so they are upright."""
    if not page.chars:
        return
    counts = [0, 0, 0, 0]
    for ch in page.chars:
        counts[ch.dir] += 1
    major = max(range(4), key=lambda i: counts[i])
    if major == 0 or counts[major] < 0.6 * len(page.chars):
        return
    W, H = page.width, page.height
    if major == 1:
        # text runs bottom-to-top: rotate the page 90° clockwise. new x = H - top... in top-down coords:
        # a point (x, t) maps to (H - t, x)  ->  new width H, new height W
        def f(x, t):
            return (H - t, x)
        nw, nh = H, W
        turn: Matrix = (0.0, 1.0, -1.0, 0.0, H, 0.0)
    elif major == 3:
        def f(x, t):
            return (t, W - x)
        nw, nh = H, W
        turn = (0.0, -1.0, 1.0, 0.0, 0.0, W)
    else:
        def f(x, t):
            return (W - x, H - t)
        nw, nh = W, H
        turn = (-1.0, 0.0, 0.0, -1.0, W, H)
    page.to_user = then(inverse(turn), page.to_user)

    def box(x0, t0, x1, t1):
        ax, at = f(x0, t0)
        bx, bt = f(x1, t1)
        return min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)

    turned_clips: dict[tuple, tuple] = {}
    for ch in page.chars:
        ch.x0, ch.top, ch.x1, ch.bottom = box(ch.x0, ch.top, ch.x1, ch.bottom)
        if ch.clip is not None:
            turned = turned_clips.get(ch.clip)
            if turned is None:
                turned = turned_clips[ch.clip] = box(*ch.clip)
            ch.clip = turned
        if ch.dir == major:
            ch.dir = 0
            ch.size = ch.bottom - ch.top
        else:
            ch.dir = (ch.dir - major) % 4
    hs, vs = [], []
    for seg_list, horizontal in ((page.hsegs, True), (page.vsegs, False)):
        for (pos, a0, a1) in seg_list:
            bx0, bt0, bx1, bt1 = box(a0, pos, a1, pos) if horizontal else box(pos, a0, pos, a1)
            if bt1 - bt0 < bx1 - bx0:
                hs.append(((bt0 + bt1) / 2, bx0, bx1))
            else:
                vs.append(((bx0 + bx1) / 2, bt0, bt1))
    page.hsegs, page.vsegs = hs, vs
    page.filled = [box(*r) for r in page.filled]
    page.width, page.height = nw, nh


__all__ = ["Char", "PageContent", "PageCollector", "turn_upright"]
