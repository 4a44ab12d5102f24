"""`check --pair-volumes`: in a batch, the volumes of one disclosure published as separate files (a narrative
volume and a tables volume: Beijing 附件1_情况说明 / 附件2_报表, Jiangsu 部门预算公开文件 / 公开表格) are found
and audited together, as `--bundle` would.

Which files are volumes is read from what each holds once audited alone, not from its name: a narrative
volume recognises no table, a tables volume quotes no amount in prose. Two volumes pair when they sit in the
same folder, are of the same year, and name the same unit, one name possibly the longer form of the other
(江苏省人大常委会 / 江苏省人大常委会办公厅). A volume with no partner, or with two, stays alone and keeps its
WARNING that it was audited only in part.
"""
from __future__ import annotations

import re
from pathlib import Path

from budget_audit.audit import DocumentResult
from budget_audit.read.normalise import compact

_YEAR = re.compile(r"(20\d\d)")


def volume_pairs(results: list[DocumentResult]) -> list[tuple[str, str]]:
    """(narrative volume, tables volume) for each pair found, by path: each volume's one partner, the same name
    preferred to a longer or shorter form of it, and each the other's choice."""
    narratives = [result for result in results if _role(result) == "narrative"]
    tables = [result for result in results if _role(result) == "tables"]
    choice = {id(volume): _partner(volume, tables) for volume in narratives}
    choice.update({id(volume): _partner(volume, narratives) for volume in tables})
    return [(narrative.path, partner.path) for narrative in narratives
            if (partner := choice[id(narrative)]) is not None and choice[id(partner)] is narrative]


def _partner(volume: DocumentResult, candidates: list[DocumentResult]) -> DocumentResult | None:
    matches = [(candidate, _closeness(volume, candidate)) for candidate in candidates]
    for level in (2, 1):
        found = [candidate for candidate, closeness in matches if closeness == level]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _role(result: DocumentResult) -> str | None:
    disclosure = result.disclosure
    if result.failed or disclosure is None or getattr(result, "volumes", None):
        return None
    if not disclosure.tables and disclosure.statements:
        return "narrative"
    if disclosure.tables and not disclosure.statements:
        return "tables"
    return None


def _closeness(a: DocumentResult, b: DocumentResult) -> int:
    """2: same folder, year and unit name; 1: one name a longer form of the other (江苏省人大常委会 /
    江苏省人大常委会办公厅, 中共江苏省委办公厅 / 江苏省委办公厅); 0: not one disclosure."""
    if Path(a.path).parent != Path(b.path).parent or _year(a) is None or _year(a) != _year(b):
        return 0
    names_a, names_b = _names(a), _names(b)
    if names_a & names_b:
        return 2
    return 1 if any(x.startswith(y) or x.endswith(y) for x in names_a for y in names_b if len(y) >= 4) or any(
        y.startswith(x) or y.endswith(x) for x in names_a for y in names_b if len(x) >= 4) else 0


def _year(result: DocumentResult) -> int | None:
    if result.disclosure.meta.year:
        return result.disclosure.meta.year
    found = _YEAR.search(Path(result.path).name)
    return int(found.group(1)) if found else None


def _names(result: DocumentResult) -> set[str]:
    """The unit's name as the document states it and as its file name gives it (the words before the year),
    in one spelling: 中国共产党…委员会 → 中共…委."""
    names = {compact(result.disclosure.meta.unit or "")}
    stem = Path(result.path).stem
    found = _YEAR.search(stem)
    if found:
        names.add(compact(stem[: found.start()]).strip("_-"))
    return {_ABBREVIATIONS.sub(lambda match: _SHORT[match.group(0)], name) for name in names if name}


_SHORT = {"中国共产党": "中共", "委员会": "委"}
_ABBREVIATIONS = re.compile("|".join(_SHORT))
