"""What every reader produces: pages of lines, each line a list of cell texts.

This is the only thing the recogniser sees of a document. A reader (plain-text dump, PDF, …) turns its
input into a `SourceDocument`; nothing downstream knows which reader it came from.

Conventions every reader keeps:
- A narrative line is a line with one cell (its text). A table row is a line with one cell per grid
  column, blank cells kept as "" in their position, so that column *i* of one row lies under column *i*
  of the header rows.
- `page` is the 1-based physical page the line is printed on, or None when the input has no pages (a
  plain-text dump; the recogniser may then borrow page numbers from the table of contents).
- `lineno` is 1-based and increases through the document; it locates a line for the user.
- Cell texts are normalised by `budget_audit.read.normalise.clean_cell` (NFKC, radicals, spaces between
  Han characters …) before they reach this structure.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceLine:
    cells: tuple[str, ...]
    lineno: int
    page: int | None = None

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


@dataclass
class SourceDocument:
    path: str
    lines: list[SourceLine]
    page_count: int | None = None
    reader: str = "text"
    warnings: list[str] = field(default_factory=list)
