"""Clipping paths, kept as one rectangle per graphics state and handed to the device.

Spreadsheet and word-processor exports clip each table cell's text to the cell (`q x y w h re W n … Q`). A
name wrapped onto a second line that no longer fits is drawn below the cell, across the rule, where it looks
like the first line of the next row; its clip rectangle still says which cell it belongs to. pdfminer.six
treats W/W* as no-ops, so this mixin records the clip: the bounding box of the path that W marks, intersected
with the clip in force, saved and restored with q/Q, and inherited by form XObjects.
"""
from __future__ import annotations

from pdfminer.utils import apply_matrix_pt

Rect = tuple[float, float, float, float]   # device space: x0, y0, x1, y1


def _path_bbox(path, ctm) -> Rect | None:
    points = [apply_matrix_pt(ctm, (seg[-2], seg[-1])) for seg in path if len(seg) >= 3]
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _intersect(a: Rect | None, b: Rect | None) -> Rect | None:
    if a is None:
        return b
    if b is None:
        return a
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, y0, max(x0, x1), max(y0, y1))


class ClipTracking:
    """Mixin for a pdfminer `PDFPageInterpreter` whose device has a `clip` attribute."""

    inherited_clip: Rect | None = None

    def init_state(self, ctm) -> None:
        super().init_state(ctm)
        self._clip_stack: list[Rect | None] = []
        self._clip_pending = False
        self._set_clip(self.inherited_clip)

    def subinterp(self):
        child = super().subinterp()
        child.inherited_clip = self.clip
        return child

    def _set_clip(self, clip: Rect | None) -> None:
        self.clip = clip
        self.device.clip = clip

    def _apply_pending_clip(self) -> None:
        if self._clip_pending:
            self._clip_pending = False
            box = _path_bbox(self.curpath, self.ctm)
            if box is not None:
                self._set_clip(_intersect(self.clip, box))

    # -- the operators ------------------------------------------------------------------------------
    def do_q(self) -> None:
        super().do_q()
        self._clip_stack.append(self.clip)

    def do_Q(self) -> None:
        super().do_Q()
        if self._clip_stack:
            self._set_clip(self._clip_stack.pop())

    def do_W(self) -> None:
        self._clip_pending = True

    def do_W_a(self) -> None:
        self._clip_pending = True


# Every operator that ends a path applies a clip marked by W/W* before it (`re W n`, `re W f` …).
_PATH_ENDS = ("do_n", "do_S", "do_s", "do_f", "do_F", "do_f_a", "do_B", "do_B_a", "do_b", "do_b_a")


def _ending_a_path(name: str):
    def operator(self) -> None:
        self._apply_pending_clip()
        getattr(super(ClipTracking, self), name)()

    operator.__name__ = name
    return operator


for _name in _PATH_ENDS:
    setattr(ClipTracking, _name, _ending_a_path(_name))
del _name
