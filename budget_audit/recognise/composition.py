"""Who the budget is for, as the narrative says it (所属单位构成): the number of 行政单位 a section counts, and
whether it names 事业单位 too, read for N011."""
from __future__ import annotations

import re

from budget_audit import model as m
from budget_audit.recognise.narrative import section_texts
from budget_audit.recognise.quantities import count

_ADMINISTRATIVE = re.compile(count("家行政单位"))
# an institution run like an administrative unit (参照公务员法管理的事业单位) is no 事业单位 the budget funds as one
_CIVIL_SERVICE_INSTITUTION = "参照公务员法管理的事业单位"


def read_compositions(sections: list[m.Section]) -> list[m.UnitComposition]:
    """The first “n 家行政单位” of each section, its paragraphs read as one text."""
    found = []
    for section, text in section_texts(sections):
        match = _ADMINISTRATIVE.search(text)
        if match:
            names_institutions = "事业单位" in text.replace(_CIVIL_SERVICE_INSTITUTION, "")
            found.append(m.UnitComposition(int(match.group(1)), names_institutions, match.group(0), section.heading,
                                           section.line, section.page))
    return found
