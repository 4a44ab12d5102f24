"""`--format html`: one self-contained page per run, each finding shown with the part of the page it is about.

A finding's cells are boxed on a crop of the PDF page (rendered by `page_crops`, inlined as PNG data URIs):
the first location, the cell at fault, in red; the cells it was compared with in blue. A batch opens with
an index of the documents and a chart of the findings by rule and by document. The page is built from
jinja2 templates (`report/templates/`), never by joining strings, and loads nothing from outside itself.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from budget_audit import __version__
from budget_audit import model as m
from budget_audit.audit import DocumentResult
from budget_audit.report.html_chart import BarChart, bar_chart
from budget_audit.report.page_crops import ACTUAL, COMPARED, Crop, PageImages
from budget_audit.report.view import Report

WORDS = {
    "zh": {"title": "预算公开审核报告", "documents": "文档", "status": "状态", "unit": "单位", "year": "年度",
           "error": "错误", "warning": "警告", "info": "提示", "by_rule": "各规则问题数", "by_document": "各文档问题数",
           "more_bars": "另有 {n} 项未画出", "no_findings": "未发现问题。", "page": "第 {n} 页",
           "actual": "有误的单元格", "compared": "与之核对的单元格", "no_image": "无页面图像（文本输入或位置未知）",
           "failed": "未能审核", "tool": "budget-audit {version}"},
    "en": {"title": "Budget disclosure audit", "documents": "documents", "status": "status", "unit": "unit",
           "year": "year", "error": "errors", "warning": "warnings", "info": "infos", "by_rule": "Findings by rule",
           "by_document": "Findings by document", "more_bars": "{n} more not drawn", "no_findings": "No findings.",
           "page": "page {n}", "actual": "the cell at fault", "compared": "cells it was compared with",
           "no_image": "no page image (text input or position unknown)", "failed": "not audited",
           "tool": "budget-audit {version}"},
}


@dataclass
class FindingView:
    rule: str
    severity: str
    severity_word: str
    title: str
    message: str
    numbers: str
    places: list[tuple[str, str]]          # (where, ACTUAL or COMPARED)
    crops: list[Crop] = field(default_factory=list)


@dataclass
class DocumentView:
    anchor: str
    path: str
    name: str                              # the file name: the index's short label, the path in its title
    described: str
    status: str
    failed: bool
    error: str | None
    summary: str | None
    counts: dict[str, int]
    findings: list[FindingView]


@dataclass
class PageView:
    lang: str
    words: dict[str, str]
    documents: list[DocumentView]
    total_line: str
    charts: list[BarChart]
    baseline: list[str]                     # what --baseline hid and which of its entries are gone


def render(report: Report, stream: TextIO) -> None:
    stream.write(render_html(report))


def render_html(report: Report) -> str:
    words = WORDS[report.lang]
    documents = [_document_view(report, result, f"doc-{index + 1}") for index, result in enumerate(report.results)]
    charts = _charts(report, documents, words) if len(documents) > 1 else []
    page = PageView(report.lang, words, documents, report.total_line(), charts, report.baseline_lines())
    return _environment().get_template("report.html.j2").render(
        page=page, ACTUAL=ACTUAL, COMPARED=COMPARED, tool=words["tool"].format(version=__version__))


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("budget_audit.report", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _document_view(report: Report, result: DocumentResult, anchor: str) -> DocumentView:
    error = f"{result.error.code}: {result.error.message}" if result.error else None
    findings = report.shown(result)
    with _Evidence(result) as evidence:
        views = [_finding_view(report, result, finding, evidence) for finding in findings]
    described = report.describe_document(result) if result.disclosure is not None else ""
    return DocumentView(anchor, result.path, Path(result.path).name, described, report.status_word(result),
                        result.failed, error, report.summary_line(result) if result.disclosure else None,
                        report.counts(result), views)


def _finding_view(report: Report, result: DocumentResult, finding: m.Finding, evidence: "_Evidence") -> FindingView:
    roles = [ACTUAL if index == 0 else COMPARED for index in range(len(finding.locations))]
    places = [(report.location_text(location, result) or report.table_name(location.table), role)
              for location, role in zip(finding.locations, roles)]
    view = FindingView(finding.rule, finding.severity.label, report.severity_word(finding.severity),
                       report.rule_title(finding.rule), finding.text(report.lang), report.numbers_text(finding), places)
    view.crops = evidence.crops(finding.locations, roles, [where for where, _role in places])
    return view


class _Evidence:
    """The PDFs a document's findings point into (one, or each volume of a bundle), opened when first needed."""

    def __init__(self, result: DocumentResult):
        self._result = result
        self._open: dict[str, PageImages | None] = {}

    def __enter__(self) -> "_Evidence":
        return self

    def __exit__(self, *exc) -> None:
        for images in self._open.values():
            if images is not None:
                images.close()

    def crops(self, locations: list[m.Location], roles: list[str], labels: list[str]) -> list[Crop]:
        """One crop per page the boxed locations are on, in the order the locations name the pages."""
        pages: dict[tuple[str, int], list] = {}
        for location, role, label in zip(locations, roles, labels):
            path = self._pdf_of(location)
            if location.bbox is None or location.page is None or path is None:
                continue
            pages.setdefault((path, location.page), []).append((location.bbox, role, label))
        crops = []
        for (path, page), boxes in pages.items():
            images = self._images(path)
            crop = images.crop(page, boxes) if images is not None else None
            if crop is not None:
                crops.append(crop)
        return crops

    def _pdf_of(self, location: m.Location) -> str | None:
        volumes = getattr(self._result, "volumes", None)
        if volumes:
            name = Report.volume_of(location, self._result)
            return next((v["path"] for v in volumes if Path(v["path"]).name == name), None)
        return self._result.path

    def _images(self, path: str) -> PageImages | None:
        if path not in self._open:
            self._open[path] = _open_pdf(path)
        return self._open[path]


def _open_pdf(path: str) -> PageImages | None:
    """The PDF's pages, or None for a text dump or a file PDFium cannot open (the report goes on without crops)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                return None
        return PageImages(path)
    except Exception:  # noqa: BLE001 - a page image is evidence, never a reason for the report to fail
        return None


def _charts(report: Report, documents: list[DocumentView], words: dict[str, str]) -> list[BarChart]:
    by_rule: dict[str, Counter] = {}
    for result in report.results:
        for finding in report.shown(result):
            by_rule.setdefault(finding.rule, Counter())[finding.severity.label] += 1
    rules = [(f"{rule} {report.rule_title(rule)}", dict(counts), None) for rule, counts in sorted(by_rule.items())]
    docs = [(document.name, document.counts, f"#{document.anchor}") for document in documents]
    return [bar_chart(words["by_rule"], rules), bar_chart(words["by_document"], docs)]
