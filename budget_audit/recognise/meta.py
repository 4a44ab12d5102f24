"""Document metadata: unit name, year, kind (预算/决算), level (部门/单位), table-set profile."""
from __future__ import annotations

import re
from collections import Counter

from budget_audit import model as m
from budget_audit.read.layout import SourceLine
from budget_audit.read.normalise import compact

_YEAR = re.compile(r"(20\d{2})年")
_UNIT_BEFORE_YEAR = re.compile(r"^(.{2,40}?)(?:\(?本级\)?)?(20\d{2})年")


def detect_meta(cover: list[SourceLine], titles: list[str], keys: set[str]) -> m.Meta:
    meta = m.Meta()
    texts = [compact(line.text) for line in cover] + [compact(title) for title in titles]
    years = Counter(int(year) for text in texts for year in _YEAR.findall(text))
    if years:
        meta.year = years.most_common(1)[0][0]
    joined = "".join(texts)
    meta.kind = "final" if "决算" in joined and "预算" not in "".join(compact(t) for t in titles[:3]) else "budget"
    if "单位预算" in joined or "单位决算" in joined:
        meta.level = "unit"
    elif "部门预算" in joined or "部门决算" in joined:
        meta.level = "department"
    meta.unit = _unit_name(cover, titles)
    meta.profile = _profile(keys, titles, meta.kind)
    return meta


def _unit_name(cover: list[SourceLine], titles: list[str]) -> str | None:
    candidates = Counter()
    for title in titles:
        match = _UNIT_BEFORE_YEAR.match(compact(title))
        if match and not re.match(r"^[一二三四五六七八九十]+、", match.group(1)):
            candidates[match.group(1)] += 1
    if candidates:
        return candidates.most_common(1)[0][0]
    for line in cover:
        text = compact(line.text)
        if re.search(r"(局|委员会|委|办公室|办|院|厅|部|中心|站|所|馆|处|会|政府|街道办事处|学校)$", text) and len(text) <= 40:
            return text
    return None


def _profile(keys: set[str], titles: list[str], kind: str) -> str:
    if kind == "final":
        return "final-9"
    joined = "".join(compact(title) for title in titles)
    if "BT07a" in keys or "不含上年结转" in joined:
        return "shanxi-13"
    if "三公" in joined and "机关运行经费" in joined and "BT10" not in keys:
        return "shanghai-9"
    return "mof-9"
