"""S008–S009 — how much of the document was audited: tables read unreliably, tables left unchecked."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.rules.base import rule

WARNING = m.Severity.WARNING


@rule("S008", WARNING, zh="表格未能可靠读取", en="Table not read reliably", emitted_by="audit",
      summary_zh="一张表的核对大量不符，且无法由少数单元格解释：判定为读取有误，报告一次，不逐项报错。",
      summary_en="A table whose identities fail in a pattern no few cells explain was misread: reported once, "
                 "its failures are not reported as errors.")
def _s008(disclosure, ctx):
    """What: a table's own identities (row totals, column totals, roll-ups) fail in numbers that no small
    set of wrong cells explains: at least 4 failures, more than 3 cells would have to be wrong to explain
    them all, and they are at least a quarter of what the table checks. The table was then read wrongly
    (its columns or rows were not where the reader put them); the document is reported once at WARNING
    level, with the counts, and the failures of that table, and the cross-table identities that rest on
    its cells, are kept out of the errors.

    Why: a misread table makes many identities fail at once. Reporting each as an ERROR would bury the
    real mistakes and tell the reviewer something false about the document. A real mistake is different:
    one mistyped amount, or a row left out, is a few cells that every failure around it points at, and
    those stay ERRORs.

    Formula: failures ≥ 4, explaining cells (greedy cover) > 3, failures ≥ 25 % of the table's identities.

    Example: a 支出总表 whose unit blocks were read as one list fails 499 roll-ups that would need 300 cells
    to be wrong → one S008 WARNING instead of 499 H001 ERRORs. 军民融合办 2026 支出总表 prints a 合计 with
    7,077.06 of 项目支出 and no project rows: 2 failures, explained by the 合计 row → stays an ERROR.
    """
    return ()


@rule("S009", WARNING, zh="部分表格未核对", en="Some tables were not checked", emitted_by="audit",
      summary_zh="文档中有表格未能核对（版式未识别、读取不可靠或标题无法识别）时，列出是哪些表格、原因，并说明核对了几张。",
      summary_en="When tables could not be checked (layout not understood, not read reliably, title not "
                 "recognised) the document says which, why, and how many were audited.")
def _s009(disclosure, ctx):
    """What: once per document, a WARNING naming every table that was not checked and why: its layout was
    not understood (S001 INFO names the reason), it was not read reliably (S008), or its title matched no
    known table. The summary line says "核对表格 N/M 张" (audited N of M tables). Also once each: a WARNING
    naming the pages the reader could not read whole (a damaged content stream, an object of the file lost),
    and one counting the bytes of a text dump that could not be decoded. Findings that rest on such a page
    (a place on it, or a table printed on it or running up to it) are not reported; the WARNING says how
    many.

    Why: a document whose tables were skipped has not been audited, even when it shows no errors. A
    reviewer, or a pipeline acting on the exit code, must not take it for a clean result. On a page read
    in part, a sum that fails or an amount cut in two is the damage speaking, not the document.

    Formula: unchecked tables > 0; pages not read whole > 0; undecodable bytes > 0.

    Example: a 收支总表 printing three expenditure views side by side whose columns could not all be given
    a role → "部分表格未核对：14 张中 13 张已核对；BT15 部门整体支出绩效目标表（版式未能完全识别）".
    """
    return ()
