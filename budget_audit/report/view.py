"""What every report shows: the results, filtered by --min-severity, with words in the chosen language."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from budget_audit import model as m
from budget_audit.audit import DocumentResult
from budget_audit.money import UNIT_FACTORS, fmt, to_yuan
from budget_audit.recognise.catalogue import TABLE_NAMES
from budget_audit.rules import RULES

SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
KIND_WORDS = {"zh": {"budget": "预算", "final": "决算"}, "en": {"budget": "budget", "final": "final accounts"}}
# Why a document could not be audited, by error code; the message after it names the file and the detail.
FAILURE_WORDS = {"unreadable": "文件无法读取", "encrypted": "PDF 已加密，需要密码",
                 "no_text_layer": "PDF 没有文字层（扫描件？）", "not_a_disclosure": "不是预算或决算公开文件",
                 "timeout": "超过每个文档的时限（--timeout）", "internal": "本工具内部错误"}
LEVEL_WORDS = {"zh": {"department": "部门", "unit": "单位"}, "en": {"department": "department", "unit": "unit"}}


def finding_amounts(finding: m.Finding, blank: str | None = None) -> dict[str, str | None]:
    """expected, actual, difference and tolerance as printed amounts; `blank` where the finding has none."""
    return {name: fmt(value) if (value := getattr(finding, name)) is not None else blank
            for name in ("expected", "actual", "difference", "tolerance")}


def failure_reason(error, lang: str, path: str = "") -> str:
    """One line for a document that was not audited: the reason in the report's language, then the detail
    (without the path the report's heading already shows)."""
    detail = error.message[len(path) + 2:] if path and error.message.startswith(path + ": ") else error.message
    if lang == "zh":
        return f"无法审核 [{error.code}]：{FAILURE_WORDS.get(error.code, error.code)}：{detail}"
    return f"not audited [{error.code}]: {detail}"


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _stated_numbers(message: str) -> set[Decimal]:
    """The magnitudes a message prints (1,234.50 and 1234.5 are one number)."""
    numbers = set()
    for token in _NUMBER.findall(message):
        try:
            numbers.add(abs(Decimal(token.replace(",", ""))))
        except InvalidOperation:
            continue
    return numbers


def states_its_numbers(finding: m.Finding, lang: str) -> bool:
    """Whether the message already prints the gap, or both sides of it: then the report repeats nothing."""
    stated = _stated_numbers(finding.text(lang))
    if finding.difference is not None and abs(finding.difference) in stated:
        return True
    return (finding.expected is not None and finding.actual is not None
            and abs(finding.expected) in stated and abs(finding.actual) in stated)


def difference_in_yuan(finding: m.Finding) -> Decimal | None:
    """The gap in 元, so that findings in 万元 and in 元 compare by size; None for no gap or a percentage."""
    if finding.difference is None or finding.unit not in UNIT_FACTORS:
        return None
    return abs(to_yuan(finding.difference, finding.unit))


def amount_text(value: Decimal, unit: str | None) -> str:
    """One amount as every terminal line prints it: digits grouped by thousands, then the unit."""
    grouped = f"{value:,f}"
    return f"{grouped}{unit}" if unit == "%" else f"{grouped} {unit}" if unit else grouped


@dataclass
class Report:
    """One run's results and how to show them; every format in budget_audit.report renders this object.

    `results` holds one DocumentResult per document (or bundle), in the order found; `lang` is "zh" or "en";
    findings under `min_severity` are left out of the report (not of the exit code); `fail_on` is the lowest
    severity that fails the run (None: never).
    """

    results: list[DocumentResult]
    lang: str = "zh"
    min_severity: m.Severity = m.Severity.INFO
    fail_on: m.Severity | None = m.Severity.ERROR      # None: --fail-on never (JUnit failures follow it)
    baseline: object | None = None                      # baseline.BaselineOutcome when --baseline was given
    active: set[str] | None = None                      # the rules that ran (--select/--ignore); None: all

    def render(self, fmt: str = "text") -> str:
        """The report in one of the formats of `budget-audit check -f` (text, json, sarif …), as a string."""
        import io

        from budget_audit.report import render

        stream = io.StringIO()
        render(self, fmt, stream)
        return stream.getvalue()

    def exit_code(self) -> int:
        """interface.md's code: 3 when a document failed, else 1 when a finding reaches `fail_on`, else 0."""
        if any(result.failed for result in self.results):
            return 3
        if self.fail_on is None:
            return 0
        return int(any(finding.severity >= self.fail_on for result in self.results for finding in result.findings))

    def shown(self, result: DocumentResult) -> list[m.Finding]:
        return [f for f in result.findings if f.severity >= self.min_severity]

    def counts(self, result: DocumentResult) -> dict[str, int]:
        """Every finding by severity, shown or not: --min-severity shortens the list, never the count."""
        return {severity.label: sum(1 for f in result.findings if f.severity == severity)
                for severity in (m.Severity.ERROR, m.Severity.WARNING, m.Severity.INFO)}

    def hidden(self, result: DocumentResult) -> int:
        """Findings counted but not listed, being below --min-severity."""
        return len(result.findings) - len(self.shown(result))

    def totals(self) -> dict[str, int]:
        totals = {"documents": len(self.results), "audited": sum(not r.failed for r in self.results),
                  "failed": sum(r.failed for r in self.results), "error": 0, "warning": 0, "info": 0, "hidden": 0}
        for result in self.results:
            for label, count in self.counts(result).items():
                totals[label] += count
            totals["hidden"] += self.hidden(result)
        return totals

    def ordered(self, result: DocumentResult) -> list[m.Finding]:
        """The shown findings, most severe first and, within a severity, the largest gap in 元 first
        (a 64,840,547 元 error before a 0.34 元 one); findings without an amount gap keep their order after."""
        def weight(finding: m.Finding) -> tuple:
            gap = difference_in_yuan(finding)
            return (-finding.severity, gap is None, -(gap or 0))

        return sorted(self.shown(result), key=weight)

    def numbers_text(self, finding: m.Finding) -> str:
        """The finding's numbers, each with its unit, when its message does not already print them; else ""."""
        if finding.expected is None and finding.actual is None:
            return ""
        words = (("应为", "实为", "差额", "容差") if self.lang == "zh" else
                 ("expected", "actual", "difference", "tolerance"))
        if states_its_numbers(finding, self.lang):
            # only the tolerance may be missing from such a message; a zero tolerance says nothing
            tolerance = finding.tolerance
            if not tolerance or words[3] in finding.text(self.lang):
                return ""
            tolerance_text = f"{words[3]} {amount_text(tolerance, finding.unit)}"
            return f"（{tolerance_text}）" if self.lang == "zh" else f" ({tolerance_text})"
        values = (finding.expected, finding.actual, finding.difference, finding.tolerance)
        parts = [f"{word} {amount_text(value, finding.unit)}" for word, value in zip(words, values) if value is not None]
        return ("，" if self.lang == "zh" else ", ").join(parts)

    def finding_text(self, finding: m.Finding) -> str:
        """The message, then the numbers it does not print: a tolerance in brackets, or a line of amounts."""
        numbers = self.numbers_text(finding)
        if not numbers or numbers.startswith(("（", " (")):
            return finding.text(self.lang) + numbers
        return finding.text(self.lang) + "\n" + numbers

    def severity_word(self, severity: m.Severity) -> str:
        return SEVERITY_WORDS[self.lang][severity.label]

    def rule_title(self, rule_id: str) -> str:
        rule = RULES.get(rule_id)
        return rule.title[self.lang] if rule else rule_id

    def describe_document(self, result: DocumentResult) -> str:
        if result.disclosure is None:
            return result.path
        meta = result.disclosure.meta
        # what was not recognised is left out: "? ?" read like part of the unit's name
        parts = [meta.unit or "", str(meta.year or ""),
                 LEVEL_WORDS[self.lang].get(meta.level or "", "") + KIND_WORDS[self.lang].get(meta.kind or "", "")]
        described = " ".join(part for part in parts if part)
        return described or ("（未识别单位、年度）" if self.lang == "zh" else "(unit and year not recognised)")

    def table_name(self, key: str | None) -> str:
        if not key:
            return "（全文）" if self.lang == "zh" else "(document)"
        return f"{key} {TABLE_NAMES.get(key.split('~')[0], '')}".strip()

    def location_text(self, location: m.Location, result: DocumentResult | None = None) -> str:
        bits = []
        volume = self.volume_of(location, result)
        if volume:
            bits.append(f"《{volume}》")
        if location.page is not None:
            bits.append(f"第{location.page}页" if self.lang == "zh" else f"p.{location.page}")
        if location.row:
            bits.append(f"行“{location.row}”" if self.lang == "zh" else f"row “{location.row}”")
        if location.column:
            column = location.column.split("/")[-1] if "、" not in location.column else location.column
            bits.append(f"列“{column}”" if self.lang == "zh" else f"column “{column}”")
        return " ".join(bits)

    @staticmethod
    def volume_of(location: m.Location, result: DocumentResult | None) -> str | None:
        """For a bundle (`check --bundle`): the file name of the volume this location is in."""
        names = [Path(v["path"]).name for v in getattr(result, "volumes", None) or []]
        text = location.text or ""
        return next((name for name in names if text == name or text.startswith(name + ": ")), None)

    def status_word(self, result: DocumentResult) -> str:
        # the code is on the document's own line above; one line per failure keeps the report greppable
        if result.failed:
            return "failed" if self.lang == "en" else "失败"
        return "audited" if self.lang == "en" else "已审核"

    def common_directory(self) -> str:
        """The directory every document of the run is under ("" when they share none but the root)."""
        folders = [os.path.dirname(os.path.abspath(part)) for result in self.results
                   for part in result.path.split(" + ")]
        try:
            common = os.path.commonpath(folders) if folders else ""
        except ValueError:        # paths on different drives
            return ""
        return "" if common == os.path.dirname(common) else common

    def short_path(self, path: str) -> str:
        """A document's path relative to the run's common directory, so a batch's summary shows its file names."""
        base = self.common_directory()
        if not base:
            return path
        return " + ".join(os.path.relpath(os.path.abspath(part), base) for part in path.split(" + "))

    def summary_table(self) -> tuple[list[str], list[list]]:
        """The table at the end of a run: one row per document."""
        headers = (["文档", "单位", "年度", "类别", "表格", "错误", "警告", "提示", "状态"] if self.lang == "zh" else
                   ["document", "unit", "year", "kind", "tables", "errors", "warnings", "infos", "status"])
        rows = []
        for result in self.results:
            meta = result.disclosure.meta if result.disclosure else None
            kind = (LEVEL_WORDS[self.lang].get(meta.level or "", "") + KIND_WORDS[self.lang].get(meta.kind or "", "")
                    if meta else "")
            counts = self.counts(result)
            rows.append([self.short_path(result.path), (meta.unit or "") if meta else "", (meta.year or "") if meta else "",
                         kind, len(result.disclosure.tables) if result.disclosure else "",
                         counts["error"], counts["warning"], counts["info"], self.status_word(result)])
        return headers, rows

    def baseline_lines(self) -> list[str]:
        """What the baseline hid, and its entries (for this run's documents) that no longer occur."""
        if self.baseline is None:
            return []
        gone = self.baseline.gone
        if self.lang == "zh":
            lines = [f"基线 {self.baseline.path}：隐藏已知问题 {self.baseline.suppressed} 项；"
                     f"基线中已不再出现的问题 {len(gone)} 项" + ("：" if gone else "")]
        else:
            lines = [f"baseline {self.baseline.path}: {self.baseline.suppressed} known findings hidden; "
                     f"{len(gone)} baseline entries no longer occur" + (":" if gone else "")]
        lines += [f"  {e.get('path', '')} {e['rule']} {e['fingerprint']} {e.get('message', '')}" for e in gone]
        return lines

    def summary_line(self, result: DocumentResult) -> str:
        counts = self.counts(result)
        tables = len(result.disclosure.tables) if result.disclosure else 0
        audited = f"，核对其中 {result.tables_checked} 张" if result.tables_checked != tables else ""
        audited_en = f" ({result.tables_checked} audited)" if result.tables_checked != tables else ""
        run = len(result.checks)
        passed = sum(1 for _, status in result.checks if status == "pass")
        quotes = result.quotes
        if self.lang == "zh":
            line = (f"识别表格 {tables} 张{audited}；核对 {run} 项，通过 {passed} 项，跳过 {len(result.skipped)} 项；"
                    f"错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}")
            if quotes.total:
                line += f"；情况说明金额：核对 {quotes.checked} 个，未核对 {len(quotes.unverified)} 个"
            return line + ("（数字精确模式）" if result.exact_mode else "")
        line = (f"{tables} tables recognised{audited_en}; {run} checks run, {passed} passed, {len(result.skipped)} skipped; "
                f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} infos")
        if quotes.total:
            line += f"; narrative amounts: {quotes.checked} checked, {len(quotes.unverified)} unverified"
        return line + (" (exact-mode)" if result.exact_mode else "")

    def total_line(self) -> str:
        t = self.totals()
        if self.lang == "zh":
            hidden = f"（其中 {t['hidden']} 项低于 --min-severity，未列出）" if t["hidden"] else ""
            return (f"共 {t['documents']} 个文档：审核 {t['audited']}，失败 {t['failed']}；"
                    f"错误 {t['error']}，警告 {t['warning']}，提示 {t['info']}{hidden}")
        hidden = f" ({t['hidden']} below --min-severity, not listed)" if t["hidden"] else ""
        return (f"{t['documents']} documents: {t['audited']} audited, {t['failed']} failed; "
                f"{t['error']} errors, {t['warning']} warnings, {t['info']} infos{hidden}")
