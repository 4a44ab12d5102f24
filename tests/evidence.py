"""Shared by the page-evidence tests: a one-table PDF with one wrong cell drawn in green, the corpus files
they read, and the boxes an HTML report draws."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.pdfgen import ruled_table, write_pdf

HEADER = [("科目编码", "科目名称", "合计", "基本支出", "项目支出")]
# 一般行政管理事务: 合计 18.00 but 基本支出 17.00 (项目支出 blank): the one wrong cell is 17.00
ROWS = [("", "合计", "30.00", "30.00", ""), ("208", "社会保障和就业支出", "30.00", "30.00", ""),
        ("20801", "人力资源事务", "30.00", "30.00", ""), ("2080101", "行政运行", "12.00", "12.00", ""),
        ("2080102", "一般行政管理事务", "18.00", "17.00", "")]
WRONG = "17.00"
GREEN = "0 0.6 0 rg"      # the wrong cell's text colour: nothing else on the page is green

# 元 tables with R001 errors (Shanghai); a landscape page; pages printed with /Rotate 90 (Yantai, train corpus)
SHANGHAI_YUAN = CORPUS / "shanghai_putuo_govbudgetchecker" / "doc_check_2026" / "上海市普陀区司法局2026年单位预算.pdf"
LANDSCAPE = CORPUS / "cities_renwu" / "烟台市审计局_2026年部门预算.pdf"
ROTATED = CORPUS.parent / "train" / "yantai" / "烟台市教育局_2026年部门预算.pdf"


def corpus_file(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"corpus file not present: {path} (these tests read ../shared/corpus)")
    return path


def one_wrong_cell_pdf(directory: Path, rotate: int = 0, name: str = "one_wrong_cell.pdf") -> Path:
    """支出总表 on one A4 page (shown turned by `rotate`), the wrong cell's text in green."""
    page = ruled_table("支出总表", HEADER, ROWS, widths=[60, 150, 60, 60, 60])
    page.ops = [op.replace("BT ", f"BT {GREEN} ", 1) if f"({WRONG}) Tj" in op else op for op in page.ops]
    page.rotate = rotate
    return write_pdf(directory, [page], name=name)


@dataclass
class DrawnMark:
    role: str                                    # actual / compared
    x: float
    y: float
    width: float
    height: float
    bbox: tuple[float, ...]


@dataclass
class DrawnCrop:
    page: int
    width: int
    height: int
    image: str                                   # the <image> href
    marks: list[DrawnMark]


class _Crops(HTMLParser):
    def __init__(self):
        super().__init__()
        self.crops: list[DrawnCrop] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if key in a and tag != "image":
                self.links.append(a[key])
        if tag == "figure" and "data-page" in a:
            self.crops.append(DrawnCrop(int(a["data-page"]), 0, 0, "", []))
        elif tag == "image" and self.crops:
            crop = self.crops[-1]
            crop.image, crop.width, crop.height = a["href"], int(a["width"]), int(a["height"])
        elif tag == "rect" and "mark" in a.get("class", "") and self.crops:
            role = a["class"].split()[-1]
            self.crops[-1].marks.append(DrawnMark(role, float(a["x"]), float(a["y"]), float(a["width"]),
                                                  float(a["height"]), tuple(map(float, a["data-bbox"].split()))))


def drawn(html: str) -> tuple[list[DrawnCrop], list[str]]:
    """The page crops of an HTML report with their boxes, and every other link or source it names."""
    parser = _Crops()
    parser.feed(html)
    return parser.crops, parser.links
