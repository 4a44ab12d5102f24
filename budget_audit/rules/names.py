"""X015 — the same code carries the same name in every table and in the narrative."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.read.normalise import compact
from budget_audit.recognise.catalogue import function_classes, legacy_class_names
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import FUNCTION_TABLES, coded_rows


def _names_in_tables(disclosure: m.Disclosure) -> dict[str, tuple[str, str, m.Row]]:
    names: dict[str, tuple[str, str, m.Row]] = {}
    for table in disclosure.tables.values():
        if table.key not in FUNCTION_TABLES:
            continue
        for row in coded_rows(table):
            names.setdefault(row.code, (compact(row.label), table.key, row))
    return names


@rule("X015", m.Severity.WARNING, zh="同一科目名称前后不一致", en="One code, two names",
      summary_zh="同一功能科目编码在各表和情况说明“X（类）Y（款）Z（项）”中的名称应一致。",
      summary_en="A function code carries one name in every table and in the narrative's (类)(款)(项) phrases.")
def same_code_same_name(disclosure: m.Disclosure, ctx: Context):
    """What: a function code is named the same way in every table that lists it and in the narrative's
    "X（类）Y（款）Z（项）" phrases. A narrative that uses a class name of an older edition (医疗卫生与计划生育支出 for
    210, now 卫生健康支出) is named as such.

    Why: one code with two names makes readers doubt which line is meant, and an old name shows text carried
    over from an earlier year.

    Formula: name(code) is the same everywhere.

    Example: the Putuo 司法局 2026 budgets write "医疗卫生与计划生育支出（210类）" while the tables say 卫生健康支出
    → WARNING. The sample's names agree ✓.
    """
    printed = _names_in_tables(disclosure)
    for code, (name, key, row) in printed.items():
        for table in disclosure.tables.values():
            other = next((r for r in coded_rows(table) if r.code == code), None) if table.key in FUNCTION_TABLES else None
            if other is not None and compact(other.label) != name and table.key > key:
                yield ctx.info("X015", (f"科目 {code} 在 {key} 名为“{row.label}”，在 {table.key} 名为“{other.label}”",
                                        f"code {code} is “{row.label}” in {key} but “{other.label}” in {table.key}"),
                               [m.Location(key, None, row.page, row.label, None, line=row.line),
                                m.Location(table.key, None, other.page, other.label, None, line=other.line)],
                               severity=m.Severity.WARNING)
    current = dict(function_classes())
    legacy = {code: names for code, names in legacy_class_names().items()}
    reported: set[tuple[str, str]] = set()
    for statement in disclosure.statements:
        for said, code in statement.named_codes:
            said = compact(said)
            table_name = printed.get(code, (current.get(code, ""),))[0] or compact(current.get(code, ""))
            if not table_name or said == table_name or (code, said) in reported:
                continue
            reported.add((code, said))
            old = " (旧版科目名称)" if said in [compact(n) for n in legacy.get(code, [])] else ""
            yield ctx.info("X015", (f"情况说明称“{said}（{code}）”，表中科目 {code} 名为“{table_name}”{old}",
                                    f"the narrative says “{said}” ({code}); the tables call {code} “{table_name}”"
                                    f"{' (an old edition name)' if old else ''}"),
                           [m.Location(None, statement.section, statement.page, None, None, text=statement.text,
                                       line=statement.line)], severity=m.Severity.WARNING)
