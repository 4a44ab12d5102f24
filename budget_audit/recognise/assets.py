"""What the narrative says of the unit's assets (占有使用国有资产情况), read for N010: the vehicles it owns with
their count by category (实有 N 辆，其中：…n 辆…), and a sentence that counts equipment worth 100 万元 and
more as 通用设备 where the template says 专用设备."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.recognise.narrative import section_texts
from budget_audit.recognise.quantities import count

# the categories run to the end of the sentence
_VEHICLES = re.compile(rf"实有\s*{count('辆')}[,，]?\s*其中[:：]?(.*?)(?:。|$)")
_VEHICLE_CATEGORY = re.compile(count("辆"))
_LARGE_EQUIPMENT_AS_GENERAL = re.compile(r"100\s*万元[^。;]*?以上的通用设备")


def read_vehicle_counts(sections: list[m.Section]) -> list[m.VehicleCount]:
    """The first 实有 N 辆，其中：… of each section."""
    found = []
    for section, text in section_texts(sections):
        match = _VEHICLES.search(text)
        if match:
            categories = tuple(int(number) for number in _VEHICLE_CATEGORY.findall(match.group(2)))
            found.append(m.VehicleCount(int(match.group(1)), categories, match.group(0), section.heading,
                                        section.line, section.page))
    return found


def read_equipment_wordings(statements: list[m.Statement]) -> list[m.EquipmentWording]:
    found = []
    for statement in statements:
        match = _LARGE_EQUIPMENT_AS_GENERAL.search(statement.text)
        if match:
            found.append(m.EquipmentWording(match.group(0), statement))
    return found
