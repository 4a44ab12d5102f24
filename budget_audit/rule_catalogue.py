"""Every rule's ID, severity, titles, summaries and documentation, without importing the rules.

`budget-audit rules` and `explain` only print the rules' words, but importing budget_audit.rules compiles the
whole recogniser (a quarter of a second). They read data/rules.json instead, which this module writes from
the registry: `python -m budget_audit.rule_catalogue` after changing a rule's words
(tests/test_rule_catalogue.py fails until the file matches the registry).

The documentation is written twice. The English is the docstring of the rule's function (rules/*.py), where
whoever changes the check sees it. The Chinese, which `explain` shows by default, is in one translation
file, data/rules_zh.toml, keyed by rule ID, as the help texts' Chinese is one mapping in cli_help.py: the
rules modules stay code and English, and a translator reads and edits all 70 documents in one place. What
a catalogue loses against a translation written beside the rule is that nobody sees it go stale, so each
entry carries `en`, the stamp (`doc_stamp`) of the English it translates: when a docstring changes,
tests/test_rule_catalogue.py names the rules whose translation is stale until the Chinese is revised and
the stamp renewed (`python -m budget_audit.rule_catalogue --stamp R001` prints it). A rule without a
translation falls back to the English under Chinese headings, and the same test fails.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

CATALOGUE = Path(__file__).parent / "data" / "rules.json"
TRANSLATIONS = Path(__file__).parent / "data" / "rules_zh.toml"
SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: str                   # error / warning / info: the default
    title: dict[str, str]           # language → title
    summary: dict[str, str]         # language → one line
    doc: dict[str, str]             # language → What / Why / Formula / Tolerance / Example ("" if untranslated)


@dataclass(frozen=True)
class Translation:
    doc: str                        # the Chinese documentation, under 检查内容/原因/公式/容差/示例
    en: str                         # doc_stamp of the English docstring it translates


def load() -> list[RuleInfo]:
    """The rules in report order (S, R, C, H, B, D, X, N, P, K, U)."""
    return [RuleInfo(**entry) for entry in json.loads(CATALOGUE.read_text(encoding="utf-8"))]


def find(rule_id: str) -> RuleInfo | None:
    """The rule with this ID, whatever its case (R001b, r001b, R001B)."""
    wanted = rule_id.strip().upper()
    return next((rule for rule in load() if rule.id.upper() == wanted), None)


def doc_stamp(doc: str) -> str:
    """A short fingerprint of an English docstring: what a translation records it was made from."""
    return hashlib.sha256(doc.encode("utf-8")).hexdigest()[:12]


def translations() -> dict[str, Translation]:
    """Rule ID → its Chinese documentation (data/rules_zh.toml)."""
    try:
        import tomllib
    except ModuleNotFoundError:      # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    table = tomllib.loads(TRANSLATIONS.read_text(encoding="utf-8"))
    return {rule_id: Translation(doc=entry["doc"].strip(), en=entry["en"]) for rule_id, entry in table.items()}


def from_registry() -> list[RuleInfo]:
    from budget_audit.rules import RULES, rule_ids

    chinese = translations()
    return [RuleInfo(id=rule_id, severity=RULES[rule_id].severity.label, title=RULES[rule_id].title,
                     summary=RULES[rule_id].summary,
                     doc={"zh": chinese[rule_id].doc if rule_id in chinese else "", "en": RULES[rule_id].doc})
            for rule_id in rule_ids()]


def serialise(rules: list[RuleInfo]) -> str:
    return json.dumps([asdict(rule) for rule in rules], ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--stamp"]:
        from budget_audit.rules import RULES

        for rule_id in argv[1:]:
            print(f'[{rule_id}] en = "{doc_stamp(RULES[rule_id].doc)}"')
        return 0
    CATALOGUE.write_text(serialise(from_registry()), encoding="utf-8")
    print(f"wrote {CATALOGUE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
