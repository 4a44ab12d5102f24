"""What every report shows: the results, filtered by --min-severity, with words in the chosen language."""
from __future__ import annotations

from dataclasses import dataclass

from budget_audit import model as m
from budget_audit.audit import DocumentResult
from budget_audit.recognise.catalogue import TABLE_NAMES
from budget_audit.rules import RULES

SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
KIND_WORDS = {"zh": {"budget": "预算", "final": "决算"}, "en": {"budget": "budget", "final": "final accounts"}}
LEVEL_WORDS = {"zh": {"department": "部门", "unit": "单位"}, "en": {"department": "department", "unit": "unit"}}


@dataclass
class Report:
    results: list[DocumentResult]
    lang: str = "zh"
    min_severity: m.Severity = m.Severity.INFO

    def shown(self, result: DocumentResult) -> list[m.Finding]:
        return [f for f in result.findings if f.severity >= self.min_severity]

    def counts(self, result: DocumentResult) -> dict[str, int]:
        shown = self.shown(result)
        return {severity.label: sum(1 for f in shown if f.severity == severity)
                for severity in (m.Severity.ERROR, m.Severity.WARNING, m.Severity.INFO)}

    def totals(self) -> dict[str, int]:
        totals = {"documents": len(self.results), "audited": sum(not r.failed for r in self.results),
                  "failed": sum(r.failed for r in self.results), "error": 0, "warning": 0, "info": 0}
        for result in self.results:
            for label, count in self.counts(result).items():
                totals[label] += count
        return totals

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

    def location_text(self, location: m.Location) -> str:
        bits = []
        if location.page is not None:
            bits.append(f"第{location.page}页" if self.lang == "zh" else f"p.{location.page}")
        if location.row:
            bits.append(f"行“{location.row}”" if self.lang == "zh" else f"row “{location.row}”")
        if location.column:
            column = location.column.split("/")[-1] if "、" not in location.column else location.column
            bits.append(f"列“{column}”" if self.lang == "zh" else f"column “{column}”")
        return " ".join(bits)

    def summary_line(self, result: DocumentResult) -> str:
        counts = self.counts(result)
        tables = len(result.disclosure.tables) if result.disclosure else 0
        run = len(result.outcomes)
        passed = sum(1 for o in result.outcomes if o.status == "pass")
        if self.lang == "zh":
            line = (f"识别表格 {tables} 张；核对 {run} 项，通过 {passed} 项，跳过 {len(result.skipped)} 项；"
                    f"错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}")
            return line + ("（数字精确模式）" if result.exact_mode else "")
        line = (f"{tables} tables recognised; {run} checks run, {passed} passed, {len(result.skipped)} skipped; "
                f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} infos")
        return line + (" (exact-mode)" if result.exact_mode else "")

    def total_line(self) -> str:
        t = self.totals()
        if self.lang == "zh":
            return (f"共 {t['documents']} 个文档：审核 {t['audited']}，失败 {t['failed']}；"
                    f"错误 {t['error']}，警告 {t['warning']}，提示 {t['info']}")
        return (f"{t['documents']} documents: {t['audited']} audited, {t['failed']} failed; "
                f"{t['error']} errors, {t['warning']} warnings, {t['info']} infos")

    def grouped(self, result: DocumentResult) -> list[tuple[str | None, list[m.Finding]]]:
        """Findings grouped by the table of their first location, tables in catalogue order."""
        groups: dict[str | None, list[m.Finding]] = {}
        for finding in self.shown(result):
            key = finding.locations[0].table if finding.locations else None
            groups.setdefault(key, []).append(finding)
        return sorted(groups.items(), key=lambda item: item[0] or "")
