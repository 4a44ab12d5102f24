"""Document metadata: unit name, year, kind (预算/决算), level (部门/单位), table-set profile (detected from
the tables present: `catalogue.detect_profile`)."""
from __future__ import annotations

import re
from collections import Counter

from budget_audit import model as m
from budget_audit.read.layout import SourceLine
from budget_audit.read.normalise import compact
from budget_audit.recognise.catalogue import detect_profile

_YEAR = re.compile(r"(20\d{2})年")
_UNIT_BEFORE_YEAR = re.compile(r"^(.{2,40}?)(?:\(?本级\)?)?(20\d{2})年")


_PREPARER_VALUE = re.compile(r"^(?:编制单位|编制部门|预算单位|单位名称|部门名称|部门\(单位\)|部门|单位)[:：]\s*(.{2,40})$")
_UNIT_SUFFIX = re.compile(r"(局|委员会|委|办公室|办公厅|办|院|厅|部|中心|站|所|馆|处|会|政府|办事处|学校|队|室)(\(本级\)|\(汇总\))?$")


def detect_meta(cover: list[SourceLine], titles: list[str], keys: set[str],
                lines: list[SourceLine] | None = None) -> m.Meta:
    meta = m.Meta()
    texts = [compact(line.text) for line in cover] + [compact(title) for title in titles]
    years = Counter(int(year) for text in texts for year in _YEAR.findall(text))
    if not years:
        # a narrative volume published alone (Jiangsu 2019, Beijing 附件1) has neither a cover nor table
        # titles: the year its text names most often is the one it is about
        years = Counter(int(year) for line in lines or [] for year in _YEAR.findall(compact(line.text)))
    if years:
        meta.year = years.most_common(1)[0][0]
    joined = "".join(texts)
    meta.kind = "final" if "决算" in joined and "预算" not in "".join(compact(t) for t in titles[:3]) else "budget"
    if "单位预算" in joined or "单位决算" in joined:
        meta.level = "unit"
    elif "部门预算" in joined or "部门决算" in joined:
        meta.level = "department"
    meta.unit = _preparer(lines or []) or _unit_name(cover, titles)
    meta.profile = detect_profile(meta.kind, keys, titles).name
    return meta


def _preparer(lines: list[SourceLine]) -> str | None:
    """The unit named on the tables' 编制单位:/部门名称: lines, the most reliable statement of who it is."""
    names = Counter()
    for line in lines:
        for cell in line.cells:
            match = _PREPARER_VALUE.match(compact(cell))
            if match and _UNIT_SUFFIX.search(match.group(1)):
                names[match.group(1)] += 1
    return names.most_common(1)[0][0] if names else None


def _unit_name(cover: list[SourceLine], titles: list[str]) -> str | None:
    texts = [compact(line.text) for line in cover]
    # a name wrapped over two cover lines (上海市普陀区规划和自然 / 资源局) is tried joined, then alone
    for text in [a + b for a, b in zip(texts, texts[1:])] + texts:
        if _UNIT_SUFFIX.search(text) and len(text) <= 40 and not re.search(r"20\d\d|二〇", text):
            return text
    for text in texts:   # 国家信访局2026年度部门预算
        match = _UNIT_BEFORE_YEAR.match(text)
        if match and _UNIT_SUFFIX.search(match.group(1)):
            return match.group(1)
    candidates = Counter()
    for title in titles:
        match = _UNIT_BEFORE_YEAR.match(compact(title))
        if match and _UNIT_SUFFIX.search(match.group(1)):
            candidates[match.group(1)] += 1
    return candidates.most_common(1)[0][0] if candidates else None

