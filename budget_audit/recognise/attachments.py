"""项目绩效目标表 blocks (BT14) → one `ProjectAttachment` per project."""
from __future__ import annotations

import re
from decimal import Decimal

from budget_audit import model as m
from budget_audit.money import parse_amount
from budget_audit.read.layout import SourceLine
from budget_audit.read.normalise import compact
from budget_audit.recognise.quantities import whole_amount

_FIELDS = {
    "主管部门及代码": "department", "实施单位": "implementer", "项目属性": "attribute", "项目期": "period",
}
_TEXT_FIELDS = ("项目概况", "立项依据", "项目设立必要性", "保证项目实施的制度、措施", "保证项目实施的制度措施", "项目实施计划")
_FUND_UNIT = re.compile(r"项目资金[(（]?\s*(万元|元)")
_SOURCES = {
    "中央财政资金": "central", "省级财政资金": "provincial", "市县(区)财政资金": "local", "市县财政资金": "local",
    "单位自筹": "self_raised", "其他资金": "other",
}
_LEVEL2 = re.compile(r"^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)指标$")
_LEVEL1 = re.compile(r"^(产出|效益|满意度)指标?$")
# an indicator named as a rate or a unit price (每人每月, 人均, 补助标准, 单价, 元/人) does not state the project's cost
_PER_UNIT = re.compile(r"每|人均|标准|单价|/")


def build_attachment(lines: list[SourceLine]) -> m.ProjectAttachment:
    first = [cell for cell in lines[0].cells if cell]
    project = m.ProjectAttachment(name=first[1] if len(first) > 1 else "", line=lines[0].lineno,
                                  unit="元", page=lines[0].page)
    level1 = ""
    for line in lines:
        cells = [cell for cell in line.cells if cell]
        if not cells:
            continue
        _read_fields(project, cells)
        unit = _FUND_UNIT.search(compact("".join(cells[:1])))
        if unit:
            project.unit = unit.group(1)
        _read_funds(project, cells, line)
        if _LEVEL1.match(cells[0]) or any(_LEVEL2.match(cell) for cell in cells):
            level1 = _read_indicators(project, cells, line, level1)
    for cell in [project.period_total, project.year_total, *project.period_sources.values(),
                 *project.year_sources.values()]:
        if cell is not None:
            cell.unit = project.unit
            cell.step = _step(project.unit)
    return project


def _read_fields(project: m.ProjectAttachment, cells: list[str]) -> None:
    for index, cell in enumerate(cells[:-1]):
        key = compact(cell)
        if key in _FIELDS:
            setattr(project, _FIELDS[key], cells[index + 1])
        elif key in _TEXT_FIELDS and key not in project.fields:
            project.fields[key] = cells[index + 1]


def _read_funds(project: m.ProjectAttachment, cells: list[str], line: SourceLine) -> None:
    seen_sources: set[str] = set()
    printed_at = [i for i, cell in enumerate(line.cells) if cell]   # `cells` are the line's non-blank cells
    for index, cell in enumerate(cells[:-1]):
        key = compact(cell).rstrip(":：").replace("其中:", "").replace("其中：", "")
        value_text = cells[index + 1]
        if key in ("实施期资金总额", "年度资金总额"):
            target = "period_total" if key.startswith("实施期") else "year_total"
            setattr(project, target, _cell(value_text, project, key, line, printed_at[index + 1]))
        elif key in _SOURCES:
            source = _SOURCES[key]
            bucket = project.year_sources if source in seen_sources else project.period_sources
            seen_sources.add(source)
            if _is_amount(value_text):
                bucket[source] = _cell(value_text, project, key, line, printed_at[index + 1])


def _is_amount(text: str) -> bool:
    try:
        parse_amount(text)
        return True
    except ValueError:
        return False


def _cell(text: str, project: m.ProjectAttachment, column: str, line: SourceLine, index: int) -> m.Cell:
    try:
        value = parse_amount(text)
    except ValueError:
        value = None
    return m.Cell(text=text, value=value, unit=project.unit, table="BT14", row=project.name, column=column,
                  page=line.page if line.page is not None else project.page, line=line.lineno,
                  step=_step(project.unit), bbox=line.cell_bbox(index))


def _step(unit: str) -> Decimal:
    return Decimal(1) if unit == "元" else Decimal("0.01")


def _read_indicators(project: m.ProjectAttachment, cells: list[str], line: SourceLine, level1: str) -> str:
    if _LEVEL1.match(cells[0]):
        level1 = cells[0]
        cells = cells[1:]
    groups: list[list[str]] = []
    for cell in cells:
        if _LEVEL2.match(cell) or not groups:
            groups.append([cell])
        else:
            groups[-1].append(cell)
    for index, group in enumerate(groups[:2]):
        if len(group) >= 3 and _LEVEL2.match(group[0]):
            amount, unit = whole_amount(group[2]) or (None, None)
            project.indicators.append(m.Indicator(level1=level1, level2=group[0], level3=group[1], value=group[2],
                                                  period="implementation" if index == 0 else "year",
                                                  line=line.lineno, amount=amount, amount_unit=unit,
                                                  per_unit=bool(_PER_UNIT.search(group[1]))))
    return level1
