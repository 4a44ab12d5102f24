"""Every rule's ID, severity, titles, summaries and documentation, without importing the rules.

`budget-audit rules` and `explain` only print the rules' words, but importing budget_audit.rules compiles the
whole recogniser (a quarter of a second). They read data/rules.json instead, which this module writes from
the registry: `python -m budget_audit.rule_catalogue` after changing a rule's words
(tests/test_rule_catalogue.py fails until the file matches the registry).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

CATALOGUE = Path(__file__).parent / "data" / "rules.json"
SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: str                   # error / warning / info: the default
    title: dict[str, str]           # language → title
    summary: dict[str, str]         # language → one line
    doc: str                        # What / Why / Formula / Tolerance / Example


def load() -> list[RuleInfo]:
    """The rules in report order (S, R, C, H, B, D, X, N, P, K, U)."""
    return [RuleInfo(**entry) for entry in json.loads(CATALOGUE.read_text(encoding="utf-8"))]


def find(rule_id: str) -> RuleInfo | None:
    """The rule with this ID, whatever its case (R001b, r001b, R001B)."""
    wanted = rule_id.strip().upper()
    return next((rule for rule in load() if rule.id.upper() == wanted), None)


def from_registry() -> list[RuleInfo]:
    from budget_audit.rules import RULES, rule_ids

    return [RuleInfo(id=rule_id, severity=RULES[rule_id].severity.label, title=RULES[rule_id].title,
                     summary=RULES[rule_id].summary, doc=RULES[rule_id].doc) for rule_id in rule_ids()]


def serialise(rules: list[RuleInfo]) -> str:
    return json.dumps([asdict(rule) for rule in rules], ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    CATALOGUE.write_text(serialise(from_registry()), encoding="utf-8")
    print(f"wrote {CATALOGUE}")
