"""S — structure and completeness."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.rules.base import Context, rule


@rule("S001", m.Severity.WARNING, zh="表格缺失或无法识别", en="Table missing or unrecognised",
      summary_zh="文档应包含其版式要求的表格；无法识别的表格列出（INFO），不会被静默丢弃。",
      summary_en="The document has the tables its profile requires; unrecognised tables are listed (INFO).")
def table_set(disclosure: m.Disclosure, ctx: Context):
    """What: the document contains the tables its profile (MOF-9, Shanxi-13, Shanghai-9, 决算-9) requires,
    and every table-like block was recognised. A block of table rows whose title matches no catalogue
    entry is listed as INFO, and so is a recognised table whose layout was not fully understood (an amount
    column whose header names no known role, rows out of line): such a table is left out of the checks
    rather than checked wrongly, and nothing is dropped silently.

    Why: a missing table hides everything the cross-table identities would check; an unrecognised table
    is not checked at all.

    Formula: none (presence).

    Example: the sample: Shanxi-13, all 13 tables present, nothing unrecognised → PASS.
    """
    for table in disclosure.tables.values():
        if table.layout_issues:
            reasons = "；".join(table.layout_issues)
            yield ctx.info("S001", (f"{table.key}“{table.title}”的版式未能完全识别（{reasons}），本表未参与核对",
                                    f"{table.key} “{table.title}”: layout not fully understood ({reasons}); "
                                    f"the table was not checked"),
                           [m.Location(table.key, table.title, table.pages[0] if table.pages else None, None, None,
                                       line=table.line)])
    for table in disclosure.unrecognised:
        yield ctx.info("S001", (f"未能识别的表格：“{table.title}”（第 {table.line} 行起），未参与核对",
                                f"unrecognised table “{table.title}” (from line {table.line}); not checked"),
                       [m.Location(None, table.title, table.pages[0] if table.pages else None, None, None,
                                   line=table.line)])
