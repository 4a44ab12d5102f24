"""The words of `budget-audit rules` and `budget-audit explain`, in the chosen language and fitting the width."""
from __future__ import annotations

import re

from budget_audit.report.wrap import wrap
from budget_audit.rule_catalogue import SEVERITY_WORDS, RuleInfo

# The documentation's headings (rules/*.py docstrings); the text under them is written once, in English.
HEADINGS_ZH = {"What": "检查内容", "Why": "原因", "Formula": "公式", "Tolerance": "容差", "Example": "示例"}
_HEADING = re.compile(rf"^({'|'.join(HEADINGS_ZH)}): ?", re.M)


def listing(rules: list[RuleInfo], lang: str, width: int) -> str:
    """One block per rule: ID, severity and title, then the summary under the title."""
    ids = max(len(rule.id) for rule in rules)
    words = SEVERITY_WORDS[lang]
    severities = max(len(word) if lang == "en" else 2 * len(word) for word in words.values())
    indent = ids + severities + 2
    blocks = []
    for rule in rules:
        word = words[rule.severity]
        label = f"{rule.id:<{ids}} {word}{' ' * (severities - (len(word) if lang == 'en' else 2 * len(word)))} "
        text = wrap(rule.title[lang], max(20, width - indent)) + wrap(rule.summary[lang], max(20, width - indent))
        blocks.append(label + text[0] + "".join(f"\n{' ' * indent}{line}" for line in text[1:]))
    return "\n".join(blocks)


def explanation(rule: RuleInfo, lang: str) -> str:
    """The rule's heading line, its summary and its documentation."""
    severity = SEVERITY_WORDS[lang][rule.severity]
    if lang == "zh":
        head = f"{rule.id} [{severity}] {rule.title['zh']}（{rule.title['en']}）"
        doc = _HEADING.sub(lambda match: HEADINGS_ZH[match.group(1)] + "：", rule.doc)
    else:
        head = f"{rule.id} [{severity}] {rule.title['en']} ({rule.title['zh']})"
        doc = rule.doc
    return f"{head}\n{rule.summary[lang]}\n\n{doc}"
