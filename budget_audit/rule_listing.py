"""The words of `budget-audit rules` and `budget-audit explain`, in the chosen language and fitting the width."""
from __future__ import annotations

import re

from budget_audit.report.wrap import wrap
from budget_audit.rule_catalogue import SEVERITY_WORDS, RuleInfo

# The English documentation's headings (rules/*.py docstrings) and the Chinese ones (data/rules_zh.toml); a rule
# whose documentation is not translated yet shows its English under the Chinese headings.
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


def explanation(rule: RuleInfo, lang: str, width: int = 100) -> str:
    """The rule's heading line, its summary and its documentation, in the language asked. The Chinese is written a
    paragraph a line and wrapped here, to the width (at most 100 columns); the English docstrings are wrapped."""
    severity = SEVERITY_WORDS[lang][rule.severity]
    if lang == "zh":
        head = f"{rule.id} [{severity}] {rule.title['zh']}（{rule.title['en']}）"
        doc = ("\n".join(wrap(rule.doc["zh"], max(20, min(width, 100)))) if rule.doc["zh"] else
               _HEADING.sub(lambda match: HEADINGS_ZH[match.group(1)] + "：", rule.doc["en"]))
    else:
        head = f"{rule.id} [{severity}] {rule.title['en']} ({rule.title['zh']})"
        doc = rule.doc["en"]
    return f"{head}\n{rule.summary[lang]}\n\n{doc}"
