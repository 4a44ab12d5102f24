"""What every report shows: the results, filtered by --min-severity, with words in the chosen language."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget_audit import model as m
from budget_audit.audit import DocumentResult
from budget_audit.money import fmt
from budget_audit.recognise.catalogue import TABLE_NAMES
from budget_audit.rules import RULES

SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
KIND_WORDS = {"zh": {"budget": "预算", "final": "决算"}, "en": {"budget": "budget", "final": "final accounts"}}
LEVEL_WORDS = {"zh": {"department": "部门", "unit": "单位"}, "en": {"department": "department", "unit": "unit"}}


def finding_amounts(finding: m.Finding, blank: str | None = None) -> dict[str, str | None]:
    """expected, actual, difference and tolerance as printed amounts; `blank` where the finding has none."""
    return {name: fmt(value) if (value := getattr(finding, name)) is not None else blank
            for name in ("expected", "actual", "difference", "tolerance")}


@dataclass
class Report:
    results: list[DocumentResult]
    lang: str = "zh"
    min_severity: m.Severity = m.Severity.INFO
    fail_on: m.Severity | None = m.Severity.ERROR      # None: --fail-on never (JUnit failures follow it)
    baseline: object | None = None                      # baseline.BaselineOutcome when --baseline was given
    active: set[str] | None = None                      # the rules that ran (--select/--ignore); None: all

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

    def numbers_text(self, finding: m.Finding) -> str:
        """The finding's numbers in one parenthesis (expected, actual, difference, tolerance), or ""."""
        if finding.expected is None and finding.actual is None:
            return ""
        unit = finding.unit or ""
        if self.lang == "zh":
            return (f"（应为 {fmt(finding.expected)}，实为 {fmt(finding.actual)}，差额 {fmt(finding.difference)}，"
                    f"容差 {fmt(finding.tolerance)}{unit}）")
        return (f"(expected {fmt(finding.expected)}, actual {fmt(finding.actual)}, "
                f"difference {fmt(finding.difference)}, tolerance {fmt(finding.tolerance)} {unit})")

    def severity_word(self, severity: m.Severity) -> str:
        return SEVERITY_WORDS[self.lang][severity.label]

    def rule_title(self, rule_id: str) -> str:
        rule = RULES.get(rule_id)
        return rule.title[self.lang] if rule else rule_id

    def describe_document(self, result: DocumentResult) -> str:
        if result.disclosure is None:
            return result.path
        meta = result.disclosure.meta
        parts = [meta.unit or "?", str(meta.year or "?"),
                 LEVEL_WORDS[self.lang].get(meta.level or "", "") + KIND_WORDS[self.lang].get(meta.kind or "", "")]
        return " ".join(part for part in parts if part)

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
            rows.append([result.path, (meta.unit or "") if meta else "", (meta.year or "") if meta else "",
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
        run = len(result.outcomes)
        passed = sum(1 for o in result.outcomes if o.status == "pass")
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

    def grouped(self, result: DocumentResult) -> list[tuple[str | None, list[m.Finding]]]:
        """Findings grouped by the table of their first location, tables in catalogue order."""
        groups: dict[str | None, list[m.Finding]] = {}
        for finding in self.shown(result):
            key = finding.locations[0].table if finding.locations else None
            groups.setdefault(key, []).append(finding)
        return sorted(groups.items(), key=lambda item: item[0] or "")
