"""K — classification validity: 类 names by edition, 款/项 names, basic-only codes, 部门→政府 economic mapping,
人员/公用 columns by economic class."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.money import fmt
from budget_audit.read.normalise import compact
from budget_audit.recognise.catalogue import (TABLE_NAMES, class_code, data_file, function_classes,
                                              legacy_class_names, spec)
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import (ECONOMIC_TABLES, FUNCTION_TABLES, PERSONNEL_CLASSES, SUMMARY_TABLES,
                                       row_location, zero_or_blank)

ERROR, WARNING, INFO = m.Severity.ERROR, m.Severity.WARNING, m.Severity.INFO


def _amount(cell: m.Cell, table: m.Table) -> str:
    """The amount at the table's display precision (46 → 46.00 in a 2-decimal 万元 table)."""
    return fmt(cell.amount.quantize(table.step)) if cell.amount.as_tuple().exponent > table.step.as_tuple().exponent \
        else cell.text


def _name(table: m.Table) -> str:
    return f"{table.key}{TABLE_NAMES.get(table.key, '')}"


def _class_rows(disclosure: m.Disclosure):
    """(table, row, code) for every row that stands for a 支出功能分类 类: a 3-digit code in a function-coded
    table, or a class name on the expenditure side of a summary table."""
    for table in disclosure.tables.values():
        if table.key not in FUNCTION_TABLES and table.key not in SUMMARY_TABLES:
            continue
        for row in table.rows:
            if row.kind != m.ITEM or (table.key in SUMMARY_TABLES and row.side == m.INCOME):
                continue
            if row.code and len(row.code) == 3 and row.code.startswith("2"):
                yield table, row, row.code
            elif not row.code and class_code(row.label):
                yield table, row, class_code(row.label)


# ---------------------------------------------------------------------------------------------
@rule("K001", WARNING, zh="功能分类类级科目编码或名称不符", en="Function class code or name not in the edition list",
      summary_zh="类级科目编码须在当年版科目表内，名称须为当年名称（旧科目名称、未知编码 → 警告）。",
      summary_en="类 codes must exist in the document year's edition and carry its current name.")
def class_names(disclosure: m.Disclosure, ctx: Context):
    """What: every 支出功能分类 类 printed in the tables (a 3-digit code 201–239, or a class name on the
    expenditure side of 收支总表/财政拨款收支总表) is checked against the 类 list of the document's year
    (`data/function_classes.json`, keyed by edition): an unknown code in 201–239 → WARNING; a known code under
    a name that was retired before the document's year (医疗卫生与计划生育支出 for 210 from 2019 on, 文化体育与传媒
    支出 for 207, 国土海洋气象等支出 for 220, 资源勘探信息等支出 for 215) → WARNING “旧科目名称”, one finding per
    document listing every such row; a code printed with the name of another class → WARNING.

    Why: a legacy name means the tables were built on an outdated template, so the 类 rows may not match the
    classification the budget was compiled with; an unknown code cannot be rolled up into the national totals.

    Formula: code ∈ edition(year); name(code) = current name in edition(year).

    Example: the sample prints 208 社会保障和就业支出, 210 卫生健康支出 and 221 住房保障支出, all current → PASS.
    上海市普陀区社会福利院 2024 单位预算 prints “医疗卫生与计划生育支出” in its 收支总表 → WARNING 旧科目名称
    (current name 卫生健康支出). 江苏省委办公厅 2017 prints the same name legitimately (before 2019) → PASS.
    """
    year = disclosure.meta.year
    current = dict(function_classes())
    legacy = {compact(name): code for code, names in legacy_class_names().items() for name in names}
    valid_until = {compact(k): v for k, v in data_file("function_classes.json").get("legacy_valid_until", {}).items()
                   if not k.startswith("_")}
    introduced = data_file("function_classes.json").get("introduced", {})
    old_names: dict[tuple[str, str], list[tuple[m.Table, m.Row]]] = {}
    reported: set[tuple] = set()
    for table, row, code in _class_rows(disclosure):
        label = compact(row.label)
        if code in introduced and year and year < introduced[code]:
            code = f"{code}（{year} 年尚未设立）"
        if code not in current:
            if "201" <= code[:3] <= "239" and ("unknown", code) not in reported:
                reported.add(("unknown", code))
                yield ctx.info("K001", (
                    f"{_name(table)}：类级科目编码 {code}“{row.label}”不在 {year or ''} 年支出功能分类科目表中",
                    f"{table.key}: class code {code} “{row.label}” is not in the {year or ''} function classification"),
                    [row_location(table, row)], severity=WARNING)
            continue
        if label == compact(current[code]) or not re.search(r"[\u4e00-\u9fff]", label):
            continue
        if legacy.get(label) == code:
            until = valid_until.get(label)
            if year is None or until is None or year > until:
                old_names.setdefault((code, row.label), []).append((table, row))
            continue
        other = class_code(row.label)
        if other and other != code and ("mismatch", code, other) not in reported:
            reported.add(("mismatch", code, other))
            yield ctx.info("K001", (
                f"{_name(table)}：科目编码 {code}（{current[code]}）印的名称是“{row.label}”，那是 {other} 类的名称",
                f"{table.key}: code {code} ({current[code]}) is printed with “{row.label}”, the name of class {other}"),
                [row_location(table, row)], severity=WARNING)
    if old_names:
        parts_zh, parts_en, locations = [], [], []
        for (code, name), places in old_names.items():
            tables = "、".join(dict.fromkeys(_name(t) for t, _ in places))
            parts_zh.append(f"{code}“{name}”（现名“{current[code]}”；见{tables}）")
            parts_en.append(f"{code} “{name}” (now “{current[code]}”; in {', '.join(dict.fromkeys(t.key for t, _ in places))})")
            locations += [row_location(t, r) for t, r in places]
        yield ctx.info("K001", (
            f"旧科目名称：{year} 年文档使用了已更名的类级科目名称 " + "；".join(parts_zh),
            f"legacy class names in a {year} document: " + "; ".join(parts_en)), locations, severity=WARNING)


# ---------------------------------------------------------------------------------------------
@rule("K002", INFO, zh="款/项科目名称与常见科目表不符", en="款/项 name differs from the known item list",
      summary_zh="常见款/项科目（社保、医疗、住房改革等）的名称与科目表不同 → 提示。",
      summary_en="A frequent 款/项 code printed with a name other than its listed name → INFO.")
def item_names(disclosure: m.Disclosure, ctx: Context):
    """What: the 款 and 项 codes of the partial list in `data/function_items.json` (2080101 行政运行 …
    2210203 购房补贴, checks.md §C.2) must carry their listed name. Code format, duplicates and missing parents
    are H001's structure notes, and the same code under two names across tables is X015.

    Why: a code under a foreign name suggests a mistyped code, so the amount may sit in the wrong 项.
    No complete official list is available in machine-readable form (§C.4), hence INFO only.

    Formula: name(code) ∈ listed names(code), after removing spaces and full-width differences.

    Example: the sample prints 2080110 “劳动关系和维权经费”, accepted with 劳动关系和维权; all its other 项
    names match → PASS. A table printing 2210201 “提租补贴” → INFO (listed name 住房公积金).
    """
    items = data_file("function_items.json")["items"]
    seen: set[tuple[str, str]] = set()
    for table in disclosure.tables.values():
        if table.key not in FUNCTION_TABLES:
            continue
        for row in table.rows:
            if row.kind != m.ITEM or row.code not in items or not re.search(r"[\u4e00-\u9fff]", row.label):
                continue
            names = items[row.code]
            if compact(row.label) in {compact(n) for n in names} or (row.code, row.label) in seen:
                continue
            seen.add((row.code, row.label))
            yield ctx.info("K002", (
                f"{_name(table)}：科目 {row.code}“{row.label}”与科目表名称“{'/'.join(names)}”不同",
                f"{table.key}: code {row.code} “{row.label}” differs from its listed name “{'/'.join(names)}”"),
                [row_location(table, row)])


# ---------------------------------------------------------------------------------------------
def _project_rows(disclosure: m.Disclosure):
    for table in disclosure.tables.values():
        # tables split 基本支出 | 项目支出 by code
        if spec(table.key).split != "purpose" or m.PROJECT not in table.roles(None):
            continue
        for row in table.rows:
            cell = row.cells.get(m.PROJECT)
            if row.kind == m.ITEM and not row.side and not zero_or_blank(cell):
                yield table, row, cell


@rule("K003", WARNING, zh="行政运行等基本支出科目列支项目支出", en="Project spending under a basic-expenditure code",
      summary_zh="“行政运行”项目列有项目支出 → 警告；养老/年金缴费、行政事业单位医疗、住房改革科目列有项目支出 → 提示。",
      summary_en="项目支出 under 行政运行 → WARNING; under the basic-only 项 (pension, medical, housing) → INFO.")
def basic_codes(disclosure: m.Disclosure, ctx: Context):
    """What: a 项 named 行政运行 (code …01 of any 款) is meant for basic expenditure; project money belongs in
    …02 一般行政管理事务 or a specific 项. A 行政运行 row with a non-zero 项目支出 → WARNING. The 项 that are
    normally basic-only (2080505/2080506 养老/职业年金缴费, 2101101–2101103 行政事业单位医疗, 2210201–2210203
    住房改革) carrying 项目支出 → INFO. The same code printed in several tables (支出总表 and 一般公共预算支出表)
    is one finding naming every table.

    Why: projects booked under 行政运行 escape the project list and its performance targets, and the 基本支出
    figures (人员/公用) no longer describe what 行政运行 pays for.

    Formula: 项目支出(…01 行政运行) = 0; 项目支出(basic-only 项) = 0.

    Example: the sample's 2080101 行政运行 prints 合计 217.11 = 基本支出 171.11 + 项目支出 46 in BT03 and BT05
    → one WARNING (46.00 万元 of project money under 行政运行).
    """
    basic_only = set(data_file("function_items.json")["basic_only"])
    found: dict[tuple, list[tuple[m.Table, m.Row, m.Cell]]] = {}
    for table, row, cell in _project_rows(disclosure):
        admin = "行政运行" in compact(row.label) and (not row.code or (len(row.code) == 7 and row.code.endswith("01")))
        if admin or row.code in basic_only:
            found.setdefault((row.code or row.label, admin), []).append((table, row, cell))
    for (code, admin), places in found.items():
        table, row, cell = places[0]
        tables_zh = "、".join(dict.fromkeys(_name(t) for t, _, _ in places))
        tables_en = ", ".join(dict.fromkeys(t.key for t, _, _ in places))
        amounts = {c.amount for _, _, c in places}
        extra_zh = f"（各表金额：{'、'.join(f'{t.key} {_amount(c, t)}' for t, _, c in places)}）" if len(amounts) > 1 else ""
        extra_en = f" (per table: {', '.join(f'{t.key} {_amount(c, t)}' for t, _, c in places)})" if len(amounts) > 1 else ""
        total = row.cells.get(m.TOTAL)
        of = f"（合计 {_amount(total, table)}）" if total is not None and not total.blank else ""
        of_en = f" (of {_amount(total, table)})" if total is not None and not total.blank else ""
        label = f"{row.code or ''} {row.label}".strip()
        amount = _amount(cell, table)
        if admin:
            message = (f"“{label}”列有项目支出 {amount} {cell.unit}{of}，见{tables_zh}{extra_zh}；行政运行科目用于基本支出，"
                       f"项目支出应列入一般行政管理事务或具体项级科目",
                       f"“{label}” carries 项目支出 {amount} {cell.unit}{of_en} in {tables_en}{extra_en}; 行政运行 is "
                       f"for basic expenditure, projects belong under 一般行政管理事务 or a specific 项")
            severity = WARNING
        else:
            message = (f"“{label}”通常只列基本支出，却列有项目支出 {amount} {cell.unit}{of}，见{tables_zh}{extra_zh}",
                       f"“{label}” is normally basic-only but carries 项目支出 {amount} {cell.unit}{of_en} in "
                       f"{tables_en}{extra_en}")
            severity = INFO
        finding = ctx.info("K003", message, [row_location(t, r, c.column) for t, r, c in places], severity=severity)
        finding.actual, finding.expected, finding.unit = cell.value, cell.value - cell.value, cell.unit
        finding.difference = cell.value
        yield finding


# ---------------------------------------------------------------------------------------------
def _allowed_government(code: str) -> set[str]:
    mapping = data_file("economic_mapping.json")
    allowed = set(mapping["agency"].get(code, []))
    if not allowed and code[:3] in mapping["agency_class_default"]:
        allowed.add(mapping["agency_class_default"][code[:3]])
    if code[:3] in mapping["institution"]:
        allowed.add(mapping["institution"][code[:3]])
    return allowed


@rule("K004", WARNING, zh="部门经济分类与政府经济分类对应不符", en="Department → government economic mapping violated",
      summary_zh="基本支出表同时列部门与政府经济分类时，每个款级科目须按对照表对应（§C.3）。",
      summary_en="Where both economic classifications are printed, each 款 maps as in the reference table (§C.3).")
def economic_mapping(disclosure: m.Disclosure, ctx: Context):
    """What: where a basic-expenditure table prints both the 部门预算支出经济分类 (301xx …) and the 政府预算
    支出经济分类 (501xx …) of each line, every 款 must map as in `data/economic_mapping.json` (checks.md §C.3):
    the 机关 side (30101/02/03/06/07 → 50101, 30108–30112 → 50102, 30113 → 50103, 302xx → 502xx, 303xx → 509xx,
    310xx → 503xx) or the 事业 side (301 → 50501, 302 → 50502, 310 → 50601). Rows whose 政府 name could not be
    resolved to a code are left out.

    Why: the 政府 classification is what the 人大 approves; a line mapped to the wrong 政府 款 misstates it.

    Formula: gov_code(款) ∈ mapping(部门 code).

    Example: the sample's 22 leaf lines (基本工资 → 工资奖金津补贴 50101, 住房公积金 → 50103 under 501 and
    → 工资福利支出 50501 under 505, 退休费 → 离退休费 50905, 医疗费补助 → 社会福利和救助 50901, the 302 lines →
    办公经费 50201) all map correctly → PASS. 30201 办公费 printed with 50206 公务接待费 → WARNING.
    """
    for table in disclosure.tables.values():
        if table.key not in ECONOMIC_TABLES:
            continue
        rows = [r for r in table.rows if r.kind == m.ITEM and r.code and len(r.code) == 5 and r.code[0] == "3"
                and r.gov_code and len(r.gov_code) == 5]
        if not rows:
            ctx.skip("K004", f"{table.key}: no line prints both economic classifications")
            continue
        for row in rows:
            allowed = _allowed_government(row.code)
            if not allowed or row.gov_code in allowed:
                continue
            names = "/".join(sorted(allowed))
            amount = row.cells.get(m.TOTAL)
            value = f" {amount.text}" if amount is not None and not amount.blank else ""
            yield ctx.info("K004", (
                f"{_name(table)}：部门经济科目 {row.code}“{row.label}”{value} 对应政府经济科目 {row.gov_code}"
                f"“{row.gov_name or ''}”，按对照表应为 {names}",
                f"{table.key}: department item {row.code} “{row.label}”{value} is mapped to government item "
                f"{row.gov_code} “{row.gov_name or ''}”; the mapping allows {names}"),
                [row_location(table, row)], severity=WARNING)


# ---------------------------------------------------------------------------------------------
_PUBLIC_CLASSES = ("302", "310")


def _columns_told_apart(rows: list[m.Row]) -> bool:
    """Both the 人员 and the 公用 column carry a non-zero leaf amount: the text shows which column a cell
    sits in. A dump that prints every leaf as `合计 x x` fills one column only (the sample; see H003)."""
    return all(any(not zero_or_blank(r.cells.get(role)) for r in rows) for role in (m.PERSONNEL, m.PUBLIC))


@rule("K005", ERROR, zh="人员经费/公用经费列与经济分类不符", en="Personnel/public column contradicts the economic class",
      summary_zh="301/303 属人员经费、302 及基本支出中的 310 属公用经费；金额列错 → 错误（仅在两列可区分时）。",
      summary_en="301/303 are personnel, 302 and basic 310 public; 302 in the personnel column → ERROR.")
def personnel_public(disclosure: m.Disclosure, ctx: Context):
    """What: in the basic-expenditure table, the 款 of 301 工资福利支出 and 303 对个人和家庭的补助 are 人员经费,
    and those of 302 商品和服务支出 and 310 资本性支出 are 公用经费. An amount in the other column → ERROR. The
    rule runs only when the two columns can be told apart, i.e. both carry non-zero leaf amounts; otherwise
    it is skipped with that reason. A 302 (or basic 310) amount in the 人员 column is an ERROR, as checks.md
    specifies; a 301/303 amount in the 公用 column is a WARNING, because some provinces' templates file small
    对个人和家庭的补助 items under 日常公用 and the national definition may not be the one the unit follows.

    Why: 人员经费 and 公用经费 are defined by economic class (checks.md §C.3); a 302 amount counted as 人员经费
    misstates both figures, the narrative that quotes them, and 机关运行经费.

    Formula: 公用经费(301/303 款) = 0 and 人员经费(302/310 款) = 0.

    Example: the sample's text prints every leaf as “合计 x x”, so 办公费 0.96 lands in the 人员 position and
    no leaf fills the 公用 column: the columns cannot be told apart → skipped (H003 splits by class instead).
    杭州市气象局 2026 prints 30399 其他对个人和家庭的补助 57.46 = 人员 4.46 + 日常公用 53.00 → WARNING on 53.00.
    """
    for table in disclosure.tables.values():
        if spec(table.key).split != "personnel_public" or not {m.PERSONNEL, m.PUBLIC} <= set(table.roles(None)):
            continue
        leaves = [r for r in table.rows if r.kind == m.ITEM and r.code and len(r.code) == 5 and r.code[0] == "3"]
        if not _columns_told_apart(leaves):
            ctx.skip("K005", f"{table.key}: 人员经费/公用经费 columns cannot be told apart in the text")
            continue
        for row in leaves:
            wrong = m.PUBLIC if row.code[:3] in PERSONNEL_CLASSES else m.PERSONNEL if row.code[:3] in _PUBLIC_CLASSES else None
            cell = row.cells.get(wrong) if wrong else None
            if zero_or_blank(cell):
                continue
            right_zh, _ = ("人员经费", "公用经费") if wrong == m.PUBLIC else ("公用经费", "人员经费")
            column = cell.column.split("/")[-1]
            finding = ctx.info("K005", (
                f"{_name(table)}：{row.code}“{row.label}”属{right_zh}，却在“{column}”列列有 {cell.text} {cell.unit}"
                f"（合计 {row.cells[m.TOTAL].text if m.TOTAL in row.cells else ''}）",
                f"{table.key}: {row.code} “{row.label}” is {('personnel' if wrong == m.PUBLIC else 'public')} spending "
                f"but prints {cell.text} {cell.unit} in column “{column}”"),
                [row_location(table, row, cell.column)], severity=ERROR if wrong == m.PERSONNEL else WARNING)
            finding.expected, finding.actual, finding.difference, finding.unit = (
                cell.value - cell.value, cell.value, cell.value, cell.unit)
            finding.cells = [cell.key()]
            yield finding
