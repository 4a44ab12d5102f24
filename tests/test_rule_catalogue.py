"""data/rules.json (what `rules` and `explain` print without importing the rules) matches the registry."""
from budget_audit import rule_catalogue


def test_the_catalogue_file_matches_the_registry():
    written = rule_catalogue.CATALOGUE.read_text(encoding="utf-8")
    assert written == rule_catalogue.serialise(rule_catalogue.from_registry()), \
        "a rule's words changed: run `python -m budget_audit.rule_catalogue`"


def test_find_ignores_case():
    assert rule_catalogue.find("r001b").id == "R001b" and rule_catalogue.find("Z999") is None
