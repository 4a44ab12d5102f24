"""From the reader's page coordinates back to the PDF's own: where a cell is printed, as a PDF viewer knows it.

The reader works on the page turned upright, top-down (`layout.Box`): /Rotate applied, and a page whose
text runs sideways (a landscape table printed on a portrait page) turned once more. Reports and
annotations need the position in PDF default user space instead: points, origin at the bottom-left
corner of the unrotated page as its content stream draws it (the space of /MediaBox and of an
annotation's /Rect), y growing upwards. A page's `Matrix` maps the first into the second; it is affine,
so composing the turns the reader applies and inverting them gives it exactly.
"""
from __future__ import annotations

# (a, b, c, d, e, f) as in PDF: x' = a·x + c·y + e, y' = b·x + d·y + f
Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# PDF user-space rectangle: x0, y0 (bottom-left), x1, y1 (top-right), in points
BBox = tuple[float, float, float, float]


def then(first: Matrix, second: Matrix) -> Matrix:
    """The matrix that applies `first`, then `second`."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = second
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def inverse(matrix: Matrix) -> Matrix:
    a, b, c, d, e, f = matrix
    det = a * d - b * c
    if det == 0:
        raise ValueError(f"matrix {matrix} cannot be inverted")
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def user_bbox(matrix: Matrix, x0: float, top: float, x1: float, bottom: float) -> BBox:
    """A reader rectangle (top-down, upright page) as a PDF user-space bbox, rounded to 1/100 pt."""
    xs, ys = zip(*(apply(matrix, x, y) for x, y in ((x0, top), (x1, bottom), (x0, bottom), (x1, top))))
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))
