"""`check --statistics`: how many findings each rule raised over the run, most frequent first.

Every finding counts, whatever --min-severity hides, as in the summary line."""
from __future__ import annotations

from collections import Counter

from budget_audit.report.view import Report
from budget_audit.rules import rule_ids


def statistics_rows(report: Report) -> list[tuple[int, str, str, str]]:
    """(count, rule, severity word, title), one per rule that raised anything."""
    counts = Counter((finding.rule, finding.severity) for result in report.results for finding in result.findings)
    order = {rule_id: index for index, rule_id in enumerate(rule_ids())}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order.get(item[0][0], len(order)), -item[0][1]))
    return [(count, rule, report.severity_word(severity), report.rule_title(rule))
            for (rule, severity), count in ranked]


def statistics_lines(report: Report) -> list[str]:
    rows = statistics_rows(report)
    width = max((len(str(count)) for count, *_ in rows), default=1)
    words = max((len(severity) for _, _, severity, _ in rows), default=1)
    # the title goes last: its Chinese characters would misalign any column after it
    lines = [f"{count:>{width}}  {rule:<5}  {severity:<{words}}  {title}" for count, rule, severity, title in rows]
    return lines + [report.total_line()]
