"""How much of a document was audited: the tables checked, the ones that could not be and why (S009)."""
from __future__ import annotations

from dataclasses import dataclass

from budget_audit import model as m
from budget_audit.misread import Verdict


@dataclass(frozen=True)
class Unchecked:
    table: m.Table
    reason: dict[str, str]   # language → why it was not checked


def unchecked_tables(disclosure: m.Disclosure, misread: dict[str, Verdict]) -> list[Unchecked]:
    """Recognised tables left out of the audit: their layout was not understood, or they were misread."""
    found = []
    for key, table in disclosure.tables.items():
        if table.layout_issues:
            found.append(Unchecked(table, {"zh": "版式未能完全识别：" + "；".join(table.layout_issues),
                                           "en": "layout not understood: " + "; ".join(table.layout_issues)}))
        elif key in misread:
            verdict = misread[key]
            found.append(Unchecked(table, {"zh": f"未能可靠读取（{verdict.checked} 项核对中 {verdict.failed} 项不符）",
                                           "en": f"not read reliably ({verdict.failed} of {verdict.checked} checks fail)"}))
    return found


def partial_audit(disclosure: m.Disclosure, unchecked: list[Unchecked]) -> m.Finding | None:
    """One S009 WARNING naming every table that was not checked, and how many were; None when all were."""
    total = len(disclosure.tables)
    if not unchecked and total:
        return None
    if not total:
        zh = ("未识别到任何表格，本文档未做表格核对；如表格另册发布，请与之合并核对（--bundle）"
              if not disclosure.unrecognised else
              f"识别到 {len(disclosure.unrecognised)} 个表格块，但均未能识别为预算表，本文档未做表格核对")
        en = ("no table was found, so no table was checked; if the tables are published in another volume, "
              "audit them together (--bundle)" if not disclosure.unrecognised else
              f"{len(disclosure.unrecognised)} table blocks were found but none was recognised; no table was checked")
        return m.Finding(rule="S009", severity=m.Severity.WARNING, message={"zh": zh, "en": en},
                         locations=[m.Location(None, None, None, None, None)])
    checked = total - len(unchecked)
    listed_zh = "；".join(f"{u.table.key}“{u.table.title}”（{u.reason['zh']}）" for u in unchecked)
    listed_en = "; ".join(f"{u.table.key} “{u.table.title}” ({u.reason['en']})" for u in unchecked)
    return m.Finding(
        rule="S009", severity=m.Severity.WARNING,
        message={"zh": f"部分表格未核对：{total} 张表格中核对了 {checked} 张，未核对 {len(unchecked)} 张：{listed_zh}",
                 "en": f"some tables were not checked: {checked} of {total} tables audited; not checked: {listed_en}"},
        locations=[m.Location(u.table.key, u.table.title, u.table.pages[0] if u.table.pages else None, None, None,
                              line=u.table.line) for u in unchecked])


def undecodable_text(disclosure: m.Disclosure) -> m.Finding | None:
    """One S009 WARNING for a text dump read with replacement characters: what they stood for was not read."""
    count = disclosure.undecodable
    if not count:
        return None
    return m.Finding(
        rule="S009", severity=m.Severity.WARNING,
        message={"zh": f"文本中有 {count} 处字节无法按其编码解码，已替换为 \ufffd 后读取；这些位置的文字和金额未核对",
                 "en": f"{count} byte sequence(s) of the text could not be decoded in its encoding and were read as "
                       f"\ufffd: the words and amounts there were not checked"},
        locations=[m.Location(None, None, None, None, None)])


def on_lost_pages(disclosure: m.Disclosure, findings: list[m.Finding]) -> tuple[list[m.Finding], int]:
    """The findings minus those that rest on a page the reader could not read whole, and how many those were.

    A finding rests on such a page when one of its places is on it, or is in a table printed on it or running
    up to it (the table's rows there are lost, so its sums and its quotes cannot be trusted). What the page
    holds was not read whole: a sum that fails there, or a narrative amount cut in two, is the damage speaking."""
    lost = set(disclosure.pages_unreadable)
    if not lost:
        return findings, 0
    touched_tables = {key for key, table in disclosure.tables.items()
                      if lost & {*table.pages, max(table.pages, default=0) + 1}}

    def rests_on_lost(finding: m.Finding) -> bool:
        return any(location.page in lost or location.table in touched_tables for location in finding.locations)

    kept = [finding for finding in findings if finding.rule == "S009" or not rests_on_lost(finding)]
    return kept, len(findings) - len(kept)


def lost_pages(disclosure: m.Disclosure, set_aside: int = 0) -> m.Finding | None:
    """One S009 WARNING naming the pages the reader could not read whole: a table or a sentence on them may be
    missing, so a finding such as a missing table may come from the damage rather than the document; the
    findings on them (on_lost_pages) are not reported, and their number is said."""
    pages = disclosure.pages_unreadable
    if not pages:
        return None
    listed = "、".join(str(page) for page in pages)
    aside_zh = f"；其上的 {set_aside} 项发现未报告" if set_aside else ""
    aside_en = f"; {set_aside} finding(s) there are not reported" if set_aside else ""
    return m.Finding(
        rule="S009", severity=m.Severity.WARNING,
        message={"zh": f"第 {listed} 页未能完整读取（内容流损坏），这些页上的表格和文字未核对{aside_zh}，"
                       f"缺表等结论可能由此而来",
                 "en": f"page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))} could not be read whole "
                       f"(damaged content stream): what they print was not checked{aside_en}, and a missing table "
                       f"may come from the damage"},
        locations=[m.Location(None, None, page, None, None) for page in pages])
