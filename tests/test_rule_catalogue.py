"""data/rules.json (what `rules` and `explain` print without importing the rules) matches the registry, and
every rule's Chinese documentation (data/rules_zh.toml) exists and translates its current English docstring."""
from __future__ import annotations

import re

from budget_audit import rule_catalogue
from budget_audit.rule_listing import HEADINGS_ZH, explanation
from budget_audit.rules import RULES

# Rules whose Chinese documentation is not written yet (explain shows their English under Chinese headings): none.
UNTRANSLATED: set[str] = set()

# What a translation keeps exactly: rule IDs, table keys (BT01, FT05), codes, amounts, years, percentages.
_KEPT = re.compile(r"[A-Z]+\d+[a-z]?|\d[\d,.]*\d|\d")
_EN_HEADING = re.compile(rf"^({'|'.join(HEADINGS_ZH)}):", re.M)
_ZH_HEADING = re.compile(rf"^({'|'.join(HEADINGS_ZH.values())})：", re.M)


def test_the_catalogue_file_matches_the_registry():
    written = rule_catalogue.CATALOGUE.read_text(encoding="utf-8")
    assert written == rule_catalogue.serialise(rule_catalogue.from_registry()), \
        "a rule's words changed: run `python -m budget_audit.rule_catalogue`"


def test_find_ignores_case():
    assert rule_catalogue.find("r001b").id == "R001b" and rule_catalogue.find("Z999") is None


def test_every_rule_has_its_chinese_documentation():
    translated = set(rule_catalogue.translations())
    missing = sorted(set(RULES) - translated - UNTRANSLATED)
    assert not missing, f"translate these rules' documentation in budget_audit/data/rules_zh.toml: {missing}"
    assert not translated - set(RULES), "data/rules_zh.toml translates rules that do not exist"
    assert not translated & UNTRANSLATED, "translated now: take them off UNTRANSLATED"


def test_no_translation_is_stale():
    stale = {rule_id: rule_catalogue.doc_stamp(RULES[rule_id].doc)
             for rule_id, translation in rule_catalogue.translations().items()
             if translation.en != rule_catalogue.doc_stamp(RULES[rule_id].doc)}
    assert not stale, ("the English documentation changed since it was translated: revise the Chinese in "
                       f"data/rules_zh.toml, then set its `en` to the new stamp: {stale}")


def test_a_changed_docstring_makes_its_translation_stale():
    translation = rule_catalogue.translations()["R001"]
    assert translation.en == rule_catalogue.doc_stamp(RULES["R001"].doc)
    assert translation.en != rule_catalogue.doc_stamp(RULES["R001"].doc + " (edited)")


def test_a_translation_has_the_english_sections_and_keeps_its_ids_codes_and_numbers():
    for rule_id, translation in rule_catalogue.translations().items():
        english = RULES[rule_id].doc
        assert _ZH_HEADING.findall(translation.doc) == [HEADINGS_ZH[h] for h in _EN_HEADING.findall(english)], \
            f"{rule_id}: the Chinese sections differ from the English ones"
        dropped = sorted(set(_KEPT.findall(english)) - set(_KEPT.findall(translation.doc)))
        assert not dropped, f"{rule_id}: the Chinese documentation leaves out {dropped}"


def test_explain_shows_the_chinese_documentation_by_default_and_the_english_on_request():
    rule = rule_catalogue.find("R001")
    assert rule.doc["en"] == RULES["R001"].doc
    chinese = explanation(rule, "zh", 80)
    assert "检查内容：" in chinese and "原因：" in chinese and "What:" not in chinese and "a row that" not in chinese
    english = explanation(rule, "en", 80)
    assert RULES["R001"].doc in english and "检查内容" not in english


def test_an_untranslated_rule_shows_its_english_under_chinese_headings():
    rule = rule_catalogue.find("R001")
    untranslated = rule_catalogue.RuleInfo(id=rule.id, severity=rule.severity, title=rule.title,
                                           summary=rule.summary, doc={"zh": "", "en": rule.doc["en"]})
    assert "检查内容：in every row of a table" in explanation(untranslated, "zh")
