"""P — the project table (项目支出表) against the performance-target attachments (项目绩效目标表), and X017."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from budget_audit import model as m
from budget_audit.money import UNIT_FACTORS, fmt, round_to_step
from budget_audit.read.normalise import compact
from budget_audit.recognise.project_names import project_key
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import item_rows, row_by_code, statement_location, total_row
from budget_audit.rules.units import power_of_ten

WARNING, INFO, ERROR = m.Severity.WARNING, m.Severity.INFO, m.Severity.ERROR
_SOURCES = ("central", "provincial", "local", "self_raised", "other")


def _projects(disclosure: m.Disclosure) -> list[m.Row]:
    table = disclosure.tables.get("BT11")
    return item_rows(table) if table else []


def _pairs(disclosure: m.Disclosure):
    """(BT11 row, attachment) for every project printed in both, matched by normalised name."""
    attachments = {project_key(p.name): p for p in disclosure.projects}
    for row in _projects(disclosure):
        attachment = attachments.get(project_key(row.label))
        if attachment is not None:
            yield row, attachment


def _to_wan(cell: m.Cell) -> Decimal:
    return cell.amount * UNIT_FACTORS[cell.unit] / UNIT_FACTORS["万元"]


def _location(project: m.ProjectAttachment, column: str | None = None) -> m.Location:
    return m.Location("BT14", "项目绩效目标表", project.page, project.name, column, line=project.line)


def _finding(rule_id: str, severity: m.Severity, message: tuple[str, str], locations: list[m.Location], *,
             expected=None, actual=None, unit=None, tags=None) -> m.Finding:
    finding = m.Finding(rule=rule_id, severity=severity, message={"zh": message[0], "en": message[1]},
                        locations=locations, expected=expected, actual=actual, unit=unit, tags=tags or [])
    if expected is not None and actual is not None:
        finding.difference = actual - expected
        finding.tolerance = Decimal(0)
    return finding


@rule("P001", WARNING, zh="项目个数不一致", en="Project counts differ",
      summary_zh="项目支出表的项目数 = 情况说明“纳入绩效目标管理的项目 n 个” = 绩效目标表的份数。",
      summary_en="Projects in the project table = the narrative's count = the number of performance-target sheets.")
def counts(disclosure: m.Disclosure, ctx: Context):
    """What: the number of projects in 项目支出表（本年预算）, the count the narrative gives ("纳入绩效目标管理的
    二级项目 n 个"), and the number of 项目绩效目标表 attached are equal; "公开 n 个" does not exceed "纳入 n 个".

    Why: a project without a target sheet (or a sheet without a project) breaks performance management.

    Formula: rows(BT11) = n(纳入) = sheets(BT14); n(公开) ≤ n(纳入).

    Example: the sample: 9 = 9 = 9 ✓.
    """
    rows = _projects(disclosure)
    if not rows or not disclosure.projects:
        ctx.skip("P001", "no project table or no performance-target sheets")
        return
    stated = {claim.what: claim for claim in disclosure.counts}
    included, published = stated.get("projects_with_targets"), stated.get("published_targets")
    found = {"项目支出表": len(rows), "绩效目标表": len(disclosure.projects)}
    if included:
        found["情况说明"] = included.count
    if len(set(found.values())) > 1:
        listed = "，".join(f"{name} {count} 个" for name, count in found.items())
        yield _finding("P001", WARNING, (f"项目个数不一致：{listed}", f"project counts differ: {listed}"),
                       [m.Location("BT11", None, rows[0].page, None, None, line=rows[0].line)])
    if included and published and published.count > included.count:
        yield _finding("P001", WARNING, (f"公开 {published.count} 个多于纳入 {included.count} 个",
                                         f"{published.count} published but {included.count} included"),
                       [statement_location(claim) for claim in (published, included)])


@rule("P002", WARNING, zh="项目支出表与绩效目标表金额不一致", en="Project amount differs from its target sheet",
      summary_zh="每个项目：项目支出表合计（万元）= 绩效目标表年度资金总额（元或万元）；相差10的整数次幂时标注单位疑误。",
      summary_en="Each project: the project table amount equals its sheet's 年度资金总额; a ratio of 10^n is tagged UNIT_SUSPECT.")
def project_amounts(disclosure: m.Disclosure, ctx: Context):
    """What: for each project printed in both (names matched after normalising spaces, quotes and full-width
    characters), the 项目支出表 合计 equals the 年度资金总额 of its 项目绩效目标表. The sheet is often in 元 while
    the table is in 万元. When one is 10, 100, 1000 or 10000 times the other, the finding carries the tag
    UNIT_SUSPECT (U001): a unit or a digit slipped.

    Why: the project table is the budget; the target sheet is what the project is evaluated against. They
    must fund the same amount.

    Formula: BT11.合计 (万元) = round_half_up(BT14.年度资金总额 (元) / 10000, 2).

    Example: the sample: 2024年信息化建设工作经费 38.50 万元 vs 20,000 元 = 2.00 万元 (Δ +36.50); 2024年机关运行经费
    5.00 vs 5,000 元 = 0.50 (ratio 10 → UNIT_SUSPECT).
    """
    for row, project in _pairs(disclosure):
        mine, theirs = row.cells.get(m.TOTAL), project.year_total
        if mine is None or theirs is None or theirs.blank:
            continue
        step = mine.step if mine.unit == "万元" else Decimal("0.01")
        table_value = _to_wan(mine)
        sheet_value = round_to_step(_to_wan(theirs), step)
        if table_value == sheet_value:
            continue
        tags = ["UNIT_SUSPECT"] if power_of_ten(table_value, _to_wan(theirs)) else []
        note = "，两者相差10的整数次幂，疑为单位或位数错误" if tags else ""
        note_en = "; the ratio is a power of ten: a unit or digit slip?" if tags else ""
        yield _finding("P002", WARNING,
                       (f"项目“{row.label}”：项目支出表 {mine.text} {mine.unit}，绩效目标表年度资金总额 {theirs.text} {theirs.unit}"
                        f"（= {fmt(sheet_value)} 万元），差额 {fmt(table_value - sheet_value)} 万元{note}",
                        f"project “{row.label}”: project table {mine.text} {mine.unit}, target sheet {theirs.text} "
                        f"{theirs.unit} (= {fmt(sheet_value)} 万元), difference {fmt(table_value - sheet_value)} 万元{note_en}"),
                       [m.Location.of_cell(mine, disclosure.tables["BT11"].title), _location(project, "年度资金总额")],
                       expected=sheet_value, actual=table_value, unit="万元", tags=tags)


@rule("P003", WARNING, zh="绩效目标表金额合计与项目支出不符", en="Target sheets do not add up to the project total",
      summary_zh="各绩效目标表年度资金之和 = 项目支出表合计 = 情况说明“涉及项目金额”。",
      summary_en="Σ sheets' 年度资金总额 = the project table total = the narrative's 涉及项目金额.")
def sheets_total(disclosure: m.Disclosure, ctx: Context):
    """What: the 年度资金总额 of all 项目绩效目标表 add up to the 项目支出表 合计 (and to the amount the narrative
    says the published targets cover). When the gap equals the 项目支出 of one 项 in 支出总表, that 项 is named:
    its projects have no performance target.

    Why: every project yuan should be covered by a performance target.

    Formula: Σ BT14.年度 = BT11.合计.

    Example: the sample: Σ = 692,300 元 = 69.23 万元 against 115.23; Δ = 46.00 = the 2080101 行政运行 项目支出.
    """
    table = disclosure.tables.get("BT11")
    total = total_row(table) if table else None
    if total is None or m.TOTAL not in total.cells or not disclosure.projects:
        return
    cells = [p.year_total for p in disclosure.projects if p.year_total is not None and not p.year_total.blank]
    if len(cells) != len(disclosure.projects):
        return
    sheets = sum((_to_wan(cell) for cell in cells), Decimal(0))
    step = total.cells[m.TOTAL].step
    projects = _to_wan(total.cells[m.TOTAL])
    if round_to_step(sheets, step) == projects:
        return
    gap = projects - round_to_step(sheets, step)
    culprit = _code_with_project_amount(disclosure, gap)
    hint = f"；差额恰为 {culprit} 的项目支出，该科目下的项目没有绩效目标" if culprit else ""
    hint_en = f"; the gap is exactly the 项目支出 of {culprit}, whose projects have no target" if culprit else ""
    yield _finding("P003", WARNING,
                   (f"{len(cells)} 份绩效目标表年度资金合计 {fmt(round_to_step(sheets, step))} 万元，项目支出表合计 "
                    f"{total.cells[m.TOTAL].text} 万元，差额 {fmt(gap)} 万元{hint}",
                    f"the {len(cells)} target sheets add up to {fmt(round_to_step(sheets, step))} 万元, the project table to "
                    f"{total.cells[m.TOTAL].text}; difference {fmt(gap)}{hint_en}"),
                   [m.Location.of_cell(total.cells[m.TOTAL], table.title)], expected=round_to_step(sheets, step),
                   actual=projects, unit="万元", tags=["SEE_P002"])


def _code_with_project_amount(disclosure: m.Disclosure, gap: Decimal) -> str | None:
    spending = disclosure.tables.get("BT03")
    if spending is None or gap == 0:
        return None
    for row in spending.rows:
        if row.code and len(row.code) == 7 and row.cells.get(m.PROJECT) and row.cells[m.PROJECT].amount == gap:
            return f"{row.code} {row.label}"
    return None


@rule("P004", WARNING, zh="绩效目标表资金来源之和不等于资金总额", en="Funding sources do not add up on a target sheet",
      summary_zh="绩效目标表中，资金总额 = 中央 + 省级 + 市县 + 单位自筹 + 其他（实施期和年度各自核对）。",
      summary_en="On each sheet, 资金总额 = 中央 + 省级 + 市县 + 单位自筹 + 其他, for 实施期 and 年度.")
def funding_split(disclosure: m.Disclosure, ctx: Context):
    """What: on each 项目绩效目标表, the 实施期资金总额 and the 年度资金总额 each equal the sum of their sources
    (中央财政资金, 省级财政资金, 市县(区)财政资金, 单位自筹, 其他资金).

    Why: a source left out, or a total typed by hand, makes the funding unclear.

    Formula: 资金总额 = Σ sources.

    Example: the sample: all nine hold (everything is 市县 money).
    """
    for project in disclosure.projects:
        for total, sources, label in ((project.period_total, project.period_sources, "实施期"),
                                      (project.year_total, project.year_sources, "年度")):
            if total is None or total.blank or not sources:
                continue
            parts = list(sources.values())
            yield from ctx.sum_check("P004", total, parts, (f"项目“{project.name}”{label}资金总额应等于各来源之和",
                                                            f"project “{project.name}”: {label} total should equal its sources"))


@rule("P005", WARNING, zh="年度资金与实施期资金不符", en="Annual and multi-year funding disagree",
      summary_zh="年度资金总额 ≤ 实施期资金总额；一次性（1年）项目两者应相等。",
      summary_en="年度资金总额 ≤ 实施期资金总额; equal for a one-year project.")
def period_funding(disclosure: m.Disclosure, ctx: Context):
    """What: a project's 年度资金总额 does not exceed its 实施期资金总额, and the two are equal when the project is
    一次性项目（1年结束） or its 项目期 is 1年.

    Why: a one-year project spends its whole budget in the year; different totals mean one of them is wrong.

    Formula: 年度 ≤ 实施期 (= for one-year projects).

    Example: the sample: 2024年“技能运城”建设新绛行动工作经费 is 一次性项目（1年结束）, 项目期 1年, yet 实施期 200,000
    ≠ 年度 120,000 元 → WARNING.
    """
    for project in disclosure.projects:
        period, year = project.period_total, project.year_total
        if period is None or year is None or period.blank or year.blank:
            continue
        one_year = bool(re.search(r"一次性|1年结束", project.attribute or "")) or compact(project.period or "") in ("1年", "一年")
        if year.amount > period.amount or (one_year and year.amount != period.amount):
            kind = "一次性（1年）项目" if one_year else "项目"
            yield _finding("P005", WARNING,
                           (f"{kind}“{project.name}”：实施期资金总额 {period.text} {period.unit}，年度资金总额 {year.text} "
                            f"{year.unit}{'，应相等' if one_year else '，年度不应超过实施期'}",
                            f"{'one-year ' if one_year else ''}project “{project.name}”: 实施期 {period.text}, 年度 {year.text}"),
                           [_location(project, "实施期资金总额"), _location(project, "年度资金总额")],
                           expected=period.amount, actual=year.amount, unit=year.unit)


@rule("P006", INFO, zh="成本指标与年度资金不符", en="Cost indicator differs from the annual funding",
      summary_zh="成本指标为金额（无≤/<限定、非单价）时应等于年度资金总额。",
      summary_en="A cost indicator that is an amount (no ≤/<, not a unit price) equals 年度资金总额.")
def cost_indicator(disclosure: m.Disclosure, ctx: Context):
    """What: a 成本指标 whose value is a money amount without a ≤/< qualifier (and that is not a unit price:
    每月、每人、标准、单价) equals the project's 年度资金总额.

    Why: the cost indicator usually restates the budget; a different figure shows which of the two is stale.
    Indicators are free text, so this is only a note.

    Formula: indicator amount = 年度资金总额.

    Example: the sample: 技能运城 "运行成本 20万元" ≠ 年度 120,000 元 (it equals the 实施期 200,000) → INFO.
    """
    for project in disclosure.projects:
        if project.year_total is None or project.year_total.blank:
            continue
        year_value = project.year_total.amount * UNIT_FACTORS[project.year_total.unit]
        for indicator in project.indicators:
            if indicator.level2 != "成本指标" or indicator.period != "year":
                continue
            if indicator.amount is None or indicator.per_unit:
                continue
            value = indicator.amount * UNIT_FACTORS[indicator.amount_unit]
            if value != year_value:
                yield _finding("P006", INFO,
                               (f"项目“{project.name}”成本指标“{indicator.level3} {indicator.value}”与年度资金总额 "
                                f"{project.year_total.text} {project.year_total.unit} 不符",
                                f"project “{project.name}”: cost indicator “{indicator.level3} {indicator.value}” differs from "
                                f"年度资金总额 {project.year_total.text} {project.year_total.unit}"),
                               [_location(project, "成本指标")], expected=year_value, actual=value, unit="元")


@rule("P007", INFO, zh="绩效目标表主管部门或实施单位不一致", en="Target sheets name different departments",
      summary_zh="各绩效目标表的主管部门及代码、实施单位应一致并与本单位相符。",
      summary_en="主管部门及代码 and 实施单位 are the same on every sheet and match the document's unit.")
def sheet_headers(disclosure: m.Disclosure, ctx: Context):
    """What: the 主管部门及代码 and the 实施单位 are identical across the attachments and name the document's unit.

    Why: a sheet copied from another department's template carries its header along.

    Formula: one value across sheets.

    Example: the sample: eight sheets say "203-新绛县人力资源和社会保障局"; 遗属补助及取暖费 says "901-预算股" → INFO.
    """
    for field, label in (("department", "主管部门及代码"), ("implementer", "实施单位")):
        values = Counter(getattr(p, field) for p in disclosure.projects if getattr(p, field))
        if len(values) < 2:
            continue
        usual = values.most_common(1)[0][0]
        for project in disclosure.projects:
            value = getattr(project, field)
            if value and value != usual:
                yield _finding("P007", INFO,
                               (f"项目“{project.name}”的{label}为“{value}”，其余 {values[usual]} 份为“{usual}”",
                                f"project “{project.name}”: {label} “{value}”, the other {values[usual]} sheets say “{usual}”"),
                               [_location(project, label)])


@rule("P008", INFO, zh="项目名称与基本支出概念重复", en="Project named like a basic-expenditure concept",
      summary_zh="名为“机关运行经费/人员经费/公用经费”的项目与基本支出概念重名。",
      summary_en="A project named 机关运行经费/人员经费/公用经费 reuses a basic-expenditure concept.")
def project_names(disclosure: m.Disclosure, ctx: Context):
    """What: a project whose name is 机关运行经费, 人员经费 or 公用经费 (with or without a year) duplicates a
    basic-expenditure concept.

    Why: 机关运行经费 is by definition basic expenditure; a project of that name blurs the line between basic
    and project spending, and is not counted in the 机关运行经费 table.

    Formula: name ∉ {机关运行经费, 人员经费, 公用经费}.

    Example: the sample: the project "2024年机关运行经费" (5.00; its 项目概况 is 帮扶工作经费) → INFO.
    """
    for row in _projects(disclosure):
        name = re.sub(r"^20\d\d年度?", "", compact(row.label))
        if name in ("机关运行经费", "人员经费", "公用经费"):
            amount = row.cells.get(m.TOTAL)
            yield _finding("P008", INFO,
                           (f"项目“{row.label}”（{amount.text if amount else ''}）与基本支出概念“{name}”重名",
                            f"project “{row.label}” is named like the basic-expenditure concept “{name}”"),
                           [m.Location("BT11", None, row.page, row.label, None, line=row.line)])


@rule("X017", INFO, zh="项目与同名科目金额不同", en="Project differs from the 项 of the same name",
      summary_zh="项目名称含某“项”名称时，列出项目金额与该项的项目支出；项目金额较大说明跨科目安排。",
      summary_en="When a project's name contains a 项 name, its amount is shown next to that 项's project spending.")
def project_vs_item(disclosure: m.Disclosure, ctx: Context):
    """What: when a project's name contains the name of a 项 (劳动保障监察 ↔ 2080105), the project amount is compared
    with that 项's 项目支出 in 支出总表; a difference is noted (a project larger than its 项 is spread over codes).

    Why: it helps a reviewer see where a project's money is classified.

    Formula: project amount vs 项目支出(项) (soft).

    Example: the sample: 劳动关系和维权经费 10.00 vs 2080110 5; 信息化建设工作经费 38.50 vs 2080108 2 → INFO.
    """
    spending = disclosure.tables.get("BT03")
    if spending is None:
        return
    items = [row for row in spending.rows if row.code and len(row.code) == 7 and len(compact(row.label)) >= 4
             and not re.search(r"行政运行|事业运行|其他|一般行政管理事务", row.label)]
    for project in _projects(disclosure):
        name = compact(project.label)
        for item in items:
            if compact(item.label) in name and m.PROJECT in item.cells and m.TOTAL in project.cells:
                if project.cells[m.TOTAL].amount != item.cells[m.PROJECT].amount:
                    yield _finding("X017", INFO,
                                   (f"项目“{project.label}”{project.cells[m.TOTAL].text}，同名科目 {item.code} {item.label} "
                                    f"项目支出 {item.cells[m.PROJECT].text}",
                                    f"project “{project.label}” {project.cells[m.TOTAL].text}; {item.code} {item.label} "
                                    f"project spending {item.cells[m.PROJECT].text}"),
                                   [m.Location("BT11", None, project.page, project.label, "合计", line=project.line),
                                    m.Location.of_cell(item.cells[m.PROJECT], spending.title)],
                                   expected=item.cells[m.PROJECT].amount, actual=project.cells[m.TOTAL].amount, unit="万元")
                break


@rule("P009", ERROR, zh="项目按功能科目汇总与支出总表不符", en="Projects by function code differ from the expenditure table",
      summary_zh="项目支出表列有功能科目时：各科目下项目金额之和 = 支出总表该科目的项目支出。",
      summary_en="When the project table prints function codes: Σ projects per code = 支出总表 项目支出 of that code.")
def projects_by_code(disclosure: m.Disclosure, ctx: Context):
    """What: where the 项目支出表 prints each project's 功能科目 code, the projects filed under a code add up to the
    项目支出 of that code in 支出总表.

    Why: the two tables classify the same project money; a project filed under the wrong code shows here.

    Formula: Σ BT11(code).合计 = BT03(code).项目支出.

    Tolerance: TOL_SUM(k).

    Example: the sample's project table prints no codes → not run (skipped with that reason).
    """
    rows = [row for row in _projects(disclosure) if row.code and len(row.code) == 7]
    spending = disclosure.tables.get("BT03")
    if not rows or spending is None:
        ctx.skip("P009", "the project table prints no function codes")
        return
    for code in dict.fromkeys(row.code for row in rows):
        target = row_by_code(spending, code)
        parts = [row.cells[m.TOTAL] for row in rows if row.code == code and m.TOTAL in row.cells]
        if target is None or m.PROJECT not in target.cells or not parts:
            continue
        yield from ctx.sum_check("P009", target.cells[m.PROJECT], parts,
                                 (f"支出总表 {code} 项目支出应等于项目支出表中该科目各项目之和",
                                  f"BT03 {code} project spending should equal the projects filed under it"))
