"""S — structure and completeness."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.read.normalise import compact
from budget_audit.recognise.catalogue import PROFILES, TABLE_NAMES, classify_title, spec, strip_ordinal
from budget_audit.recognise.claims import DRAFTING_NOTE
from budget_audit.recognise.project_names import project_key
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import row_location


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

    Formula: none (presence); required keys ⊆ recognised keys.

    The table set: each profile's required tables — MOF-9 BT01–BT07 and BT09 (BT08 国有资本经营 optional),
    Shanxi-13 all thirteen, Shanghai-9 BT01–BT09, 决算-9 FT01–FT08 (FT09 optional) — missing → WARNING, an
    optional one → INFO, naming the 目录 entry when the contents list it. The profile is detected from the
    tables present, never from the region: Shanxi-13 needs three of BT07a, BT10, BT11, BT12; Shanghai-9 a
    table titled with both 三公 and 机关运行经费 and no BT10; any other 预算 is MOF-9. A volume with no table at
    all, or no narrative at all (one half of a split publication: Beijing 附件1, Jiangsu narrative volumes),
    is skipped.

    Example: the sample: Shanxi-13, all 13 tables present, nothing unrecognised → PASS. The third party's
    “测试问题版本” of 普陀区财政局 2024 决算 has no 支出决算表 body → WARNING (FT03 missing).
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
    yield from missing_tables(disclosure, ctx)


def table_location(table: m.Table) -> m.Location:
    """Where a table is: its key and first page; a table whose page is not known is named by title only."""
    if table.pages:
        return m.Location(table.key, table.title, table.pages[0], None, None, line=table.line)
    return m.Location(None, f"{table.key} {table.title}", None, None, None, line=table.line)


# ---------------------------------------------------------------------------------------------
# S001, second part: the table set of the profile (catalogue.PROFILES).
def missing_tables(disclosure: m.Disclosure, ctx: Context):
    """Required tables of the profile that the document lacks (WARNING), optional ones (INFO). A volume with
    no table at all, or no narrative at all, is half of a split publication: skipped."""
    profile = disclosure.meta.profile
    if profile not in PROFILES:
        ctx.skip("S001", f"table-set check: unknown profile {profile!r}")
        return
    if not disclosure.tables and not disclosure.unrecognised:
        ctx.skip("S001", "table-set check: the document has no tables (a narrative-only volume)")
        return
    if not disclosure.has_narrative:
        ctx.skip("S001", "table-set check: the document has no narrative (a table-only volume)")
        return
    required, optional = PROFILES[profile].required, PROFILES[profile].optional
    present = [key for key in required if key in disclosure.tables]
    if len(present) * 2 < len(required):
        ctx.skip("S001", f"table-set check: only {len(present)} of the {len(required)} tables of {profile} were "
                         f"recognised (an extract, a separate volume or an unrecognised layout)")
        return
    toc_keys = {classify_title(entry.title): entry for entry in disclosure.toc}
    unknown = len(disclosure.unrecognised)
    for key in (*required, *optional):
        if key in disclosure.tables:
            continue
        name = TABLE_NAMES.get(key, key)
        severity = m.Severity.WARNING if key in required else m.Severity.INFO
        kind_zh, kind_en = ("必备", "required") if key in required else ("可选", "optional")
        entry = toc_keys.get(key)
        toc_zh = f"；目录列有“{entry.title}”（第 {entry.page} 页），正文中却没有" if entry else ""
        toc_en = f"; the contents list “{entry.title}” (p. {entry.page}) but the body has no such table" if entry else ""
        unk_zh = f"；另有 {unknown} 张表格未能识别，可能包含该表" if unknown else ""
        unk_en = f"; {unknown} table(s) were not recognised and may include it" if unknown else ""
        yield ctx.info("S001", (
            f"缺少{kind_zh}表格 {key}“{name}”（{PROFILES[profile].name_zh}）{toc_zh}{unk_zh}",
            f"{kind_en} table {key} “{name}” ({profile}) is missing{toc_en}{unk_en}"),
            [m.Location(None, f"{key} {name}", entry.page if entry else None, None, None,
                        line=entry.line if entry else None)], severity=severity)


# ---------------------------------------------------------------------------------------------
_TABLE_NUMBER = re.compile(r"^(?:(?:附表|表|公开|预算|部门公开表|决算)\s*\d{1,2}(?:-\d{1,2})?表?|\d{1,2}(?:-\d{1,2})?表)(?!\d)[:：]?\s*")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_YEAR_WORD = re.compile(r"20\d{2}年度?")


def _title_key(text: str, unit: str | None) -> str:
    """A table title reduced to its wording: no ordinal, table number, unit name, year, quotes or spaces."""
    key = compact(text)
    key = _TABLE_NUMBER.sub("", strip_ordinal(key))
    if unit:
        key = key.replace(compact(unit), "")
    key = _YEAR_WORD.sub("", _QUOTES.sub("", key))
    return re.sub(r"\s+", "", key)


@rule("S002", m.Severity.INFO, zh="目录与正文表名不一致", en="Contents and body table titles differ",
      summary_zh="目录中的每个表格条目都应在正文中有同名表格，且每个序号只对应一张表。",
      summary_en="Every table listed in the contents has a body table of the same title; one table per number.")
def toc_titles(disclosure: m.Disclosure, ctx: Context):
    """What: every table entry of the 目录 (an entry whose title reads as a table title) has a table in the
    body, and its title equals the body table's own title after removing the ordinal, table number, unit
    name, year, quotes and spaces. A listed table with no body table, a different wording, or one section
    number used for two tables → INFO.

    Why: readers find tables through the contents; a different title makes them doubt they found the right
    one. A listed table missing from the body is also reported by S001 when the profile requires it.

    Formula: none (text comparison).

    Example: the sample's contents say “七、2024年政府性基金预算收入预算表(不含上年结转)” while the table is titled
    “…政府性基金预算收入表(不含上年结转)”, and “十、2024年财政拨款安排“三公”经费预算表” while the body says
    “…“三公”经费支出预算表” → two INFO notes (harmless wording).
    """
    entries = [(entry, classify_title(entry.title)) for entry in disclosure.toc]
    entries = [(entry, key) for entry, key in entries if key]
    if not entries:
        ctx.skip("S002", "the contents list no table (or there are no contents)")
        return
    numbers: dict[str, list[m.TocEntry]] = {}
    for entry, key in entries:
        ordinal = re.match(r"^\s*([一二三四五六七八九十]+)[、.．]", entry.title)
        if ordinal:
            numbers.setdefault(ordinal.group(1), []).append(entry)
        where = [m.Location(key, entry.title, entry.page, None, None, line=entry.line)]
        table = disclosure.tables.get(key) or next((t for t in disclosure.unrecognised
                                                    if compact(t.heading or "") == compact(entry.title)), None)
        if table is None:
            yield ctx.info("S002", (f"目录条目“{entry.title}”（第 {entry.page} 页）在正文中没有对应表格",
                                    f"contents entry “{entry.title}” (p. {entry.page}) has no table in the body"), where)
            continue
        if _title_key(entry.title, disclosure.meta.unit) == _title_key(table.title, disclosure.meta.unit):
            continue
        where.append(table_location(table))
        yield ctx.info("S002", (f"目录“{entry.title}”与正文表名“{table.title}”措辞不同",
                                f"contents “{entry.title}” and body title “{table.title}” are worded differently"), where)
    for number, listed in numbers.items():
        if len(listed) > 1:
            titles = "、".join(f"“{e.title}”" for e in listed)
            yield ctx.info("S002", (f"目录序号“{number}”对应 {len(listed)} 张表：{titles}",
                                    f"contents number “{number}” is used for {len(listed)} tables: {titles}"),
                           [m.Location(None, e.title, e.page, None, None, line=e.line) for e in listed])


# ---------------------------------------------------------------------------------------------
_EMPTY_NOTE = re.compile(r"(无|未安排|没有|未使用).{0,30}(预算|收入|支出|经费|结转|项目|数据|安排)|空表|无发生额|无该项")
_CONDITIONAL = re.compile(r"如无|若无|如果无|如没有|若没有|如为空|如表")
_SUBJECTS = {   # what a single-subject table is about (TableSpec.subject), and the words a note uses for it
    "fund": (r"政府性基金", "政府性基金"), "soe": (r"国有资本经营", "国有资本经营预算"),
    "three": (r"三公", "“三公”经费"), "running": (r"机关运行经费", "机关运行经费"),
    "carry": (r"上年.{0,6}结转|结转", "上年结转"), "purchase": (r"政府采购", "政府采购"),
}
_NOT_AMOUNTS = (m.PRIOR, m.CHANGE, m.CHANGE_RATE)


def _data_rows(table: m.Table) -> list[m.Row]:
    """Rows that carry data: a name with a Han character or a code (a `**` / column-number row does not)."""
    return [row for row in table.rows if row.code or not row.label or re.search(r"[\u4e00-\u9fff]", row.label)]


def _nonzero(table: m.Table) -> list[m.Cell]:
    """Non-zero amounts (a cell whose text holds digits the parser did not take counts too: not empty)."""
    return [cell for row in _data_rows(table) for role, cell in row.cells.items() if role not in _NOT_AMOUNTS
            and (cell.amount != 0 if not cell.blank else bool(re.search(r"[1-9]", cell.text or "")))]


def _is_empty(table: m.Table) -> bool:
    """No non-zero amount, and no named item row either (the 三公 table's fixed rows excepted): a list whose
    rows are named but carry no amount is more likely a layout the recogniser misread than an empty table."""
    if _nonzero(table):
        return False
    if spec(table.key).subject == "three":
        return True
    return not any(row.kind == m.ITEM and not row.code and re.search(r"[\u4e00-\u9fff]", row.label or "")
                   for row in table.rows)


def _subjects(text: str) -> set[str]:
    return {name for name, (pattern, _) in _SUBJECTS.items() if re.search(pattern, text)}


def _nearby_text(disclosure: m.Disclosure, table: m.Table) -> list[str]:
    """Where an explanation of an empty table may stand besides its 备注: a header cell the note was read
    into, and the paragraphs on the table's pages (the recogniser files `（注：…）` lines there)."""
    texts = [column.label for column in table.columns]
    pages = set(table.pages) | {page - 1 for page in table.pages}   # a note paragraph may start a page early
    texts += [p.text for s in disclosure.sections for p in s.paragraphs if p.page in pages or not pages]
    return texts


@rule("S003", m.Severity.INFO, zh="空表缺少说明或说明与数据不符", en="Empty table unexplained, or its note contradicts it",
      summary_zh="空表须有“无…预算/支出”之类说明（缺失 → 提示）；说明称“无”而表中有数 → 错误；说明写的是别的资金 → 警告。",
      summary_en="An empty table needs a 无… note (INFO if missing); a 无 note on a table with numbers → ERROR; "
                 "a note naming another fund → WARNING.")
def empty_tables(disclosure: m.Disclosure, ctx: Context):
    """What: a table whose every amount is blank or 0 must carry a note such as “本单位无政府性基金预算支出”
    or “本表无数据” (备注/注/说明; also read from a header cell or a paragraph on the table's page, where some
    layouts put it). Missing → INFO. A note that says the table has nothing (“无…预算，故本表为空表”) on a
    table that prints non-zero current-year amounts → ERROR. A note on a single-subject table (基金, 国资, 三公,
    机关运行经费, 上年结转, 政府采购) that names only another subject (the 国资 table carrying the 基金 note: copied
    from the neighbouring table) → WARNING. When every table is empty (a blank template) one INFO is given.

    Why: an unexplained empty table reads as an omission; a note that contradicts the table, or talks about
    a different fund, shows a copied template and makes the reader doubt both.

    Formula: all cells 0/blank ⇒ a note matches `(无|未安排|没有).{0,30}(预算|收入|支出|经费|结转)|空表|无数据`.

    Example: the sample's 政府性基金 (收入、支出), 国有资本经营, “三公” and 上年结转项目 tables are empty and
    each carries a matching 备注 → PASS. 上海市普陀区财政局 2025 部门预算: the 国有资本经营预算 table says
    “本部门2025年无政府性基金预算财政拨款安排的预算” → WARNING. 万里街道 2024: the “三公”经费 table prints
    47.91 yet its note says “无“三公”经费和机关运行经费预算,故本表为空表” → ERROR.
    """
    tables = [t for t in disclosure.tables.values() if not spec(t.key).target_sheet]
    empty = [t for t in tables if _is_empty(t)]
    if len(tables) > 2 and not any(_nonzero(t) for t in tables):
        yield ctx.info("S003", (f"全部 {len(tables)} 张表格均无数据（空白模板？）",
                                f"all {len(tables)} tables are empty (a blank template?)"),
                       [table_location(t) for t in tables])
        return
    for table in tables:
        where = [table_location(table)]
        notes = [note for note in table.notes if _EMPTY_NOTE.search(compact(note)) and not _CONDITIONAL.search(note)]
        note_text = "".join(compact(n) for n in notes)
        subject = spec(table.key).subject
        named = _subjects(note_text)
        if subject and notes and named and subject not in named:
            others = "、".join(_SUBJECTS[n][1] for n in named)
            yield ctx.info("S003", (
                f"{table.key}“{table.title}”的说明“{'/'.join(notes)}”讲的是{others}，不是本表的{_SUBJECTS[subject][1]}（套用模板？）",
                f"{table.key} “{table.title}”: its note “{'/'.join(notes)}” is about {others}, not this table's "
                f"{_SUBJECTS[subject][1]} (copied template?)"), where, severity=m.Severity.WARNING)
            continue
        if table in empty:
            if notes or any(_EMPTY_NOTE.search(compact(text)) and (not subject or subject in _subjects(compact(text)))
                            for text in _nearby_text(disclosure, table)):
                continue
            yield ctx.info("S003", (f"{table.key}“{table.title}”为空表，但没有“无…预算/支出”之类的说明",
                                    f"{table.key} “{table.title}” is empty but carries no note explaining why"), where)
        elif notes and (not named or subject in named) and subject and _nonzero(table):
            cells = _nonzero(table)
            listed = "、".join(f"{c.row} {c.text}" for c in cells[:4])
            finding = ctx.info("S003", (
                f"{table.key}“{table.title}”的说明称“{'/'.join(notes)}”，但表中列有非零金额（{listed}）",
                f"{table.key} “{table.title}”: the note says “{'/'.join(notes)}” but the table prints non-zero "
                f"amounts ({listed})"), [m.Location.of_cell(c, table.title) for c in cells[:4]],
                severity=m.Severity.ERROR)
            finding.cells = [c.key() for c in cells]
            finding.actual, finding.expected, finding.unit = cells[0].amount, cells[0].amount * 0, cells[0].unit
            finding.difference = cells[0].amount
            yield finding


# ---------------------------------------------------------------------------------------------
_YEAR = re.compile(r"(20\d{2})\s*年")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


@rule("S004", m.Severity.WARNING, zh="年度不一致", en="Year inconsistent",
      summary_zh="表名、目录和各部分标题中的年度应为预算年度。",
      summary_en="Table titles, contents entries and part headings carry the budget year.")
def year_consistency(disclosure: m.Disclosure, ctx: Context):
    """What: the budget (or 决算) year Y of the document appears in every table title and table heading,
    every 目录 entry and every part heading (第X部分 …) that names a year; another year there → WARNING (one
    finding per place). Other years in the narrative are not checked: Y−1 is normal in comparisons (比上年,
    比20XX年, 截至Y−1年12月31日), and project names and 立项依据 cite documents of any year.

    Why: a title with last year's date is the classic trace of a template copied from the previous year,
    and makes the reader doubt which year's figures the table holds.

    Formula: every year in titles, contents and part headings = Y.

    Example: the sample's titles all say 2024 and 2023 appears only in comparisons and asset dates → PASS.
    The “测试问题版本” of 普陀区财政局 2024 决算 heads its part three “…2023年度部门决算情况说明” → WARNING.
    """
    year = disclosure.meta.year
    if year is None:
        ctx.skip("S004", "the document's year is not known")
        return
    places: list[tuple[str, str, m.Location]] = []
    for table in disclosure.tables.values():
        for text in dict.fromkeys(t for t in (table.title, table.heading) if t):
            places.append(("表名", text, table_location(table)))
    for entry in disclosure.toc:
        places.append(("目录", entry.title, m.Location(None, entry.title, entry.page, None, None, line=entry.line)))
    for section in disclosure.sections:
        if _PART.match(compact(section.heading)):
            places.append(("标题", section.heading, m.Location(None, section.heading, section.page, None, None,
                                                               line=section.line)))
    for kind, text, where in places:
        years = sorted({int(y) for y in _YEAR.findall(text)} - {year})
        if years:
            other = "、".join(str(y) for y in years)
            kind_en = {"表名": "table title", "目录": "contents entry", "标题": "heading"}[kind]
            yield ctx.info("S004", (f"{kind}“{text}”写的是 {other} 年，文档年度为 {year} 年",
                                    f"{kind_en} “{text}” says {other}; the document is for {year}"),
                           [where], severity=m.Severity.WARNING)


# ---------------------------------------------------------------------------------------------
@rule("S005", m.Severity.INFO, zh="表格未声明金额单位", en="Table declares no unit",
      summary_zh="每张表应声明金额单位（单位：万元/元）；未声明或一表多单位 → 提示。",
      summary_en="Each table declares its unit (单位：万元/元); none, or several → INFO.")
def unit_declared(disclosure: m.Disclosure, ctx: Context):
    """What: every amount table declares its unit (单位：万元 / 金额单位：元 …). No declaration, or cells read in
    more than one unit within one table → INFO; the checks then assume the document's majority unit. The
    performance-target sheets (BT14/BT15) state units inside their headers and are not checked here.

    Why: without a unit a reader cannot tell 万元 from 元, and a factor of 10,000 goes unnoticed.

    Formula: none (presence).

    Example: every table of the sample says 单位：万元 → PASS.
    """
    for table in disclosure.tables.values():
        if spec(table.key).target_sheet:
            continue
        units = sorted({cell.unit for row in table.rows for cell in row.cells.values() if not cell.blank})
        where = [table_location(table)]
        if not table.unit_declared:
            yield ctx.info("S005", (f"{table.key}“{table.title}”未声明金额单位，按 {table.unit} 处理",
                                    f"{table.key} “{table.title}” declares no unit; read as {table.unit}"), where)
        elif len(units) > 1:
            yield ctx.info("S005", (f"{table.key}“{table.title}”中出现多个金额单位：{'、'.join(units)}",
                                    f"{table.key} “{table.title}” mixes units: {', '.join(units)}"), where)


# ---------------------------------------------------------------------------------------------
_PLACEHOLDER = re.compile(r"[XＸ]{2,}|[xｘ]{2,}(?=[\u4e00-\u9fff])|×{2,}|待填写|请填写|此处填写|…+单位|仍保留该表格式|作下述说明|"
                          + DRAFTING_NOTE.pattern)
_CENTRAL = re.compile(r"^(国家|中央|全国|国务院)")
_WRONG_LEVEL = {"province": re.compile(r"省直部门|省级部门|省直单位"), "central": re.compile(r"中央部门|中央本级")}


def _unit_level(unit: str | None) -> str | None:
    """central / province / city / county, from the unit's name."""
    if not unit:
        return None
    name = compact(unit).replace("自治区", "省")
    if _CENTRAL.match(name):
        return "central"
    if re.search(r"[县区旗]", name.split("省")[-1]):
        return "county"
    if "市" in name or "州" in name:
        return "city"
    if "省" in name:
        return "province"
    return None


def _texts(disclosure: m.Disclosure):
    """(text, location) for every piece of free text a template placeholder could hide in."""
    for table in disclosure.tables.values():
        for text in (table.title, table.heading, *table.notes):
            if text:
                yield text, table_location(table)
        for row in table.rows:
            yield row.label, row_location(table, row)
    for entry in disclosure.toc:
        yield entry.title, m.Location(None, entry.title, entry.page, None, None, line=entry.line)
    for section in disclosure.sections:
        yield section.heading, m.Location(None, section.heading, section.page, None, None, line=section.line)
        for paragraph in section.paragraphs:
            yield paragraph.text, m.Location(None, section.heading, paragraph.page, None, None, text=paragraph.text[:80],
                                             line=paragraph.line)
    for project in disclosure.projects:
        for text in (project.name, project.department, project.implementer, *project.fields.values()):
            if text:
                yield text, m.Location("BT14", project.name, project.page, None, None, line=project.line)


def _excerpt(text: str, match: re.Match) -> str:
    return text[max(0, match.start() - 12): match.end() + 12]


@rule("S006", m.Severity.WARNING, zh="模板残留", en="Template residue",
      summary_zh="占位符（XX、××、待填写、模板填报说明）→ 警告；县区/市级单位的名词解释写“省直部门”“中央部门” → 提示。",
      summary_en="Placeholders (XX, ××, 待填写, template instructions) → WARNING; wrong-level boilerplate → INFO.")
def template_residue(disclosure: m.Disclosure, ctx: Context):
    """What: (1) placeholders left from the template — `XX`, `××`, `待填写`, `…单位`, the template's own
    filling instructions (“仍保留该表格式，并在本表下方作下述说明”) and notes to the drafter (“(注:上年3,468.18万元,
    公开时请删除注释)”) — anywhere in titles, notes, row names,
    contents, narrative and attachments → one WARNING per document, quoting the first five and counting all. (2) Wrong-level
    boilerplate: the 名词解释 of a county/district or city unit that speaks of 省直部门/省级部门 or 中央部门, or
    of a provincial unit that speaks of 中央部门 → INFO.

    Why: placeholders show that the document was not finished; boilerplate from another level defines the
    terms for someone else (the 三公经费 of 省直部门 say nothing about a county bureau).

    Formula: none (text patterns).

    Example: the sample's 名词解释 defines “三公”经费 as spending “省直部门用财政拨款安排的…” in the document of a
    county bureau (新绛县人力资源和社会保障局) → one INFO. The 普陀区部门决算模板 says “上海市XX局” → WARNING; 烟台市住房和
    城乡建设局 2026 keeps “(注:上年3,468.18万元,公开时请删除注释)” → WARNING.
    """
    hits: dict[str, tuple[str, m.Location]] = {}
    for text, where in _texts(disclosure):
        for match in _PLACEHOLDER.finditer(text):
            hits.setdefault(_excerpt(text, match), (match.group(0), where))
    if hits:
        shown = list(hits.items())[:5]
        more_zh = f"等 {len(hits)} 处" if len(hits) > len(shown) else ""
        more_en = f" ({len(hits)} places in all)" if len(hits) > len(shown) else ""
        yield ctx.info("S006", (
            "模板占位符或填报说明未清除：" + "；".join(f"“{token}”（…{excerpt}…）" for excerpt, (token, _) in shown) + more_zh,
            "template placeholders or instructions left in: " + "; ".join(f"“{token}” (…{excerpt}…)"
                                                                            for excerpt, (token, _) in shown) + more_en),
            [where for _, where in list(hits.values())[:10]], severity=m.Severity.WARNING)
    level = _unit_level(disclosure.meta.unit)
    wrong = [pattern for name, pattern in _WRONG_LEVEL.items()
             if level and level != name and not (name == "province" and level == "central")]
    glossary = [s for s in disclosure.sections if "名词解释" in compact(s.heading) or "名词解释" in compact(s.part or "")]
    reported: set[str] = set()
    for section in glossary:
        for paragraph in section.paragraphs:
            for pattern in wrong:
                match = pattern.search(compact(paragraph.text))
                if match and match.group(0) not in reported:
                    reported.add(match.group(0))
                    level_zh = {"county": "县（区）级", "city": "市级", "province": "省级"}[level]
                    excerpt = _excerpt(compact(paragraph.text), match)
                    yield ctx.info("S006", (
                        f"名词解释写“{match.group(0)}”（…{excerpt}…），而本文档是{level_zh}单位“{disclosure.meta.unit}”的预算",
                        f"the glossary speaks of “{match.group(0)}” (…{excerpt}…) in the document of "
                        f"{level} unit “{disclosure.meta.unit}”"),
                        [m.Location(None, section.heading, paragraph.page, None, None, text=excerpt, line=paragraph.line)])


# ---------------------------------------------------------------------------------------------
_GROUP_ROW = re.compile(r"运转类|特定目标类|^一级项目|^二级项目|^项目类别")


SUBSET_AT = 5   # more projects than this without a sheet, while every sheet pairs up: one finding for them all


@rule("S007", m.Severity.WARNING, zh="项目支出表与绩效目标表名称不对应", en="Project table and target sheets do not pair up",
      summary_zh="项目支出表的每个项目都应有同名的绩效目标表，每份绩效目标表都应在项目支出表中。",
      summary_en="Every project of the project table has a target sheet of the same name, and vice versa.")
def project_names(disclosure: m.Disclosure, ctx: Context):
    """What: every project row of the 项目支出表 (BT11) has a 项目绩效目标表 (BT14) with the same name, and every
    target sheet has a BT11 row, after normalising spaces, quotes and full-width characters (names printed
    several times pair up by count). An unpaired name → WARNING; when no name pairs at all, one WARNING
    lists both sides. When every sheet pairs with a project but more than 5 projects have none (the sheets
    cover a selection, e.g. 重点项目 only), one WARNING names them all. P001 compares the counts.

    Why: the target sheets are the performance promise behind each project; a project without one escapes
    performance management, and a sheet without a project describes money the budget does not show.

    Formula: multiset(BT11 names) = multiset(BT14 names).

    Example: the sample's nine names pair up (“2024 年劳动保障监察工作经费” in BT11 = “2024年劳动保障监察工作经费”
    in BT14) → PASS.
    """
    table = disclosure.tables.get("BT11")
    if table is None or not disclosure.projects:
        ctx.skip("S007", "no 项目支出表 or no 项目绩效目标表 attachments")
        return
    unit = compact(disclosure.meta.unit or "-")
    rows = [r for r in table.rows if r.kind == m.ITEM and re.search(r"[\u4e00-\u9fff]", r.label)
            and not _GROUP_ROW.search(compact(r.label)) and compact(r.label) != unit]
    table_names = [(project_key(r.label), r.label, r) for r in rows]
    sheet_names = [(project_key(p.name), p.name, p) for p in disclosure.projects]
    remaining = [key for key, _, _ in sheet_names]
    # a project list printed as a tree (Xi'an): a sheet may be written for a group (大型活动), covering its rows
    covered = set()
    for group in (r for r in table.rows if r.kind == m.UNIT_TOTAL_ROW and not r.unit_code):
        if project_key(group.label) in remaining:
            remaining.remove(project_key(group.label))
            covered.add(group.label)
    unmatched_rows = []
    for key, label, row in table_names:
        if key in remaining:
            remaining.remove(key)
        elif not covered & set((row.unit or "").split("/")):
            unmatched_rows.append((label, row))
    leftover = list(remaining)
    unmatched_sheets = []
    for key, name, project in sheet_names:
        if key in leftover:
            leftover.remove(key)
            unmatched_sheets.append((name, project))
    if not unmatched_rows and not unmatched_sheets:
        return
    row_where = [m.Location("BT11", table.title, r.page, label, None, line=r.line) for label, r in unmatched_rows]
    sheet_where = [m.Location("BT14", name, p.page, None, None, line=p.line) for name, p in unmatched_sheets]
    if len(unmatched_rows) == len(table_names) and len(unmatched_sheets) == len(sheet_names):
        rows_text, sheets_text = "、".join(n for n, _ in unmatched_rows), "、".join(n for n, _ in unmatched_sheets)
        yield ctx.info("S007", (
            f"项目支出表的 {len(rows)} 个项目与 {len(sheet_names)} 份绩效目标表名称无一对应：项目支出表 {rows_text}；"
            f"绩效目标表 {sheets_text}",
            f"none of the {len(rows)} project names matches any of the {len(sheet_names)} target sheets: "
            f"project table {rows_text}; sheets {sheets_text}"), row_where + sheet_where, severity=m.Severity.WARNING)
        return
    if len(unmatched_rows) > SUBSET_AT and not unmatched_sheets:
        # every sheet has its project: the sheets cover a selection (Xi'an publishes 重点项目 only)
        names = "、".join(label for label, _ in unmatched_rows[:SUBSET_AT])
        more = len(unmatched_rows) - SUBSET_AT
        yield ctx.info("S007", (
            f"{len(sheet_names)} 份绩效目标表均有同名项目，但项目支出表另有 {len(unmatched_rows)} 个项目没有绩效目标表"
            f"（如仅公开重点项目，请在说明中注明）：{names}" + (f" 等（另 {more} 个）" if more > 0 else ""),
            f"all {len(sheet_names)} target sheets pair with a project, but {len(unmatched_rows)} projects have no "
            f"target sheet (if only key projects are published, say so): {names}" + (f" and {more} more" if more > 0 else "")),
            row_where, severity=m.Severity.WARNING)
        return
    for (label, _), where in zip(unmatched_rows, row_where):
        yield ctx.info("S007", (f"项目支出表中的项目“{label}”没有同名的绩效目标表",
                                f"project “{label}” of the project table has no target sheet of that name"),
                       [where], severity=m.Severity.WARNING)
    for (name, _), where in zip(unmatched_sheets, sheet_where):
        yield ctx.info("S007", (f"绩效目标表“{name}”在项目支出表中没有同名项目",
                                f"target sheet “{name}” has no project of that name in the project table"),
                       [where], severity=m.Severity.WARNING)
