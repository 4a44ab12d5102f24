"""Stage 3: the rules, one module per family. Importing this package registers them all."""
from __future__ import annotations

from budget_audit.rules import (balance, breakdown, changes, classification, coverage, column, cross, hierarchy, names,  # noqa: F401
                                narrative, outturn, projects, row, structure, units, wording)  # registration
from budget_audit.rules.base import RULES, Context, Outcome, Rule

__all__ = ["RULES", "Context", "Outcome", "Rule", "find_rule", "rule_ids", "resolve_selection"]


def rule_ids() -> list[str]:
    return sorted(RULES, key=_order)


def _order(rule_id: str) -> tuple:
    family_order = "SRCHBDXNPKU"
    return (family_order.index(rule_id[0]) if rule_id[0] in family_order else 99, rule_id)


def find_rule(rule_id: str) -> Rule | None:
    """The rule with this ID, whatever its case (R001b, r001b, R001B)."""
    wanted = rule_id.strip().upper()
    return next((rule for key, rule in RULES.items() if key.upper() == wanted), None)


def resolve_selection(selectors: list[str]) -> set[str]:
    """Rule IDs matched by comma-separated IDs or prefixes (P, X01, N003). Raises ValueError on unknown ones."""
    chosen: set[str] = set()
    for selector in selectors:
        selector = selector.strip().upper()
        if not selector:
            continue
        exact = find_rule(selector)
        matched = {exact.id} if exact else {rule_id for rule_id in RULES if rule_id.upper().startswith(selector)}
        if not matched:
            raise ValueError(f"unknown rule ID or prefix {selector!r} (see `budget-audit rules`)")
        chosen |= matched
    return chosen
