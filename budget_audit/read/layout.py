"""What every reader produces: pages of lines, each line a list of cell texts and, from a PDF, where they are.

This is the only thing the recogniser sees of a document. A reader (plain-text dump, PDF, …) turns its
input into a `SourceDocument`; nothing downstream knows which reader it came from, only whether positions
are known.

Conventions every reader keeps:
- A narrative line is a line with one cell (its text). A table row is a line with one cell per column the
  reader found, blank cells kept as "" in their position, so that column *i* of one row lies under column
  *i* of the header rows of the same block.
- `page` is the 1-based physical page the line is printed on, or None when the input has no pages (a
  plain-text dump; the recogniser may then borrow page numbers from the table of contents).
- `lineno` is 1-based and increases through the document; it locates a line for the user.
- Cell texts are normalised by `budget_audit.read.normalise.clean_cell` (NFKC, radicals, spaces between
  Han characters …) before they reach this structure.
- Geometry (PDF only; None from a text dump) is kept so that the recogniser can decide column structure,
  wrapped fragments and continuations per table, over all its pages, with the header's meaning at hand:
  `boxes[i]` is where the text of cell *i* is printed (None for a blank cell); `slots[i]` is the x-extent of
  the column the cell stands in (the ruled cell, or the column of an aligned block); `box` is the extent of
  the whole line; `block` names the ruled grid or aligned block the line belongs to (lines of one block
  share their columns; None for free text). Coordinates are PDF points from the top-left of the upright page;
  `frame` maps them into PDF default user space (`read/frame.py`), where reports and annotations place a cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from budget_audit.read.frame import BBox, Matrix, user_bbox


@dataclass(frozen=True)
class Box:
    """A rectangle on the page: x grows to the right, `top` < `bottom` grow downwards."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def union(self, other: "Box") -> "Box":
        return Box(min(self.x0, other.x0), min(self.top, other.top), max(self.x1, other.x1),
                   max(self.bottom, other.bottom))


Span = tuple[float, float]


@dataclass(frozen=True)
class SourceLine:
    cells: tuple[str, ...]
    lineno: int
    page: int | None = None
    boxes: tuple[Box | None, ...] | None = None
    slots: tuple[Span | None, ...] | None = None
    box: Box | None = None
    block: str | None = None
    printed: str | None = None       # the line as printed, before normalising (，and , are one character after)
    frame: Matrix | None = None      # this page's coordinates → PDF default user space

    @property
    def is_row(self) -> bool:
        """True for a table row (several cells), False for a narrative line."""
        return len(self.cells) > 1

    @property
    def text(self) -> str:
        return "".join(self.cells)

    @property
    def is_blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)

    @property
    def positioned(self) -> bool:
        return self.boxes is not None

    def cell_bbox(self, index: int) -> BBox | None:
        """Where cell `index` is printed, in PDF user space: its text's box, or for a blank cell the column it
        stands in at the height of the line. None when the reader knows no position."""
        if self.frame is None or self.boxes is None or not 0 <= index < len(self.boxes):
            return None
        box = self.boxes[index]
        if box is None:
            slot = self.slots[index] if self.slots is not None and index < len(self.slots) else None
            if slot is None or self.box is None:
                return None
            box = Box(slot[0], self.box.top, slot[1], self.box.bottom)
        return user_bbox(self.frame, box.x0, box.top, box.x1, box.bottom)

    def line_bbox(self) -> BBox | None:
        """Where the whole line is printed, in PDF user space; None when the reader knows no position."""
        if self.frame is None or self.box is None:
            return None
        return user_bbox(self.frame, self.box.x0, self.box.top, self.box.x1, self.box.bottom)

    def pick(self, indices) -> "SourceLine":
        """The same line with only the cells at `indices` (an index past the end gives a blank cell), in that
        order, geometry kept."""
        indices = list(indices)

        def take(values, blank):
            return tuple(values[i] if 0 <= i < len(values) else blank for i in indices)

        return replace(self, cells=take(self.cells, ""),
                       boxes=take(self.boxes, None) if self.boxes is not None else None,
                       slots=take(self.slots, None) if self.slots is not None else None)

    def with_cells(self, cells: tuple[str, ...]) -> "SourceLine":
        """The same line with new cell texts in the same positions (same number of cells)."""
        if len(cells) != len(self.cells):
            raise ValueError(f"line {self.lineno}: {len(cells)} cell texts for {len(self.cells)} cells")
        return replace(self, cells=tuple(cells))


@dataclass
class SourceDocument:
    path: str
    lines: list[SourceLine]
    page_count: int | None = None
    reader: str = "text"
    warnings: list[str] = field(default_factory=list)
    page_sizes: dict[int, tuple[float, float]] = field(default_factory=dict)   # page → (width, height), upright
    pages_unreadable: list[int] = field(default_factory=list)   # pages whose content could not all be read
