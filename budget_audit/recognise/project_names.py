"""The one key project names are matched by, wherever a project is looked up by name (项目支出表 rows against
项目绩效目标表 sheets, P002–P004 and S007): NFKC, no spaces, and no quotes, brackets or book-title marks, which
tables and sheets print differently for one project (“技能运城” / 技能运城, (二期) / （二期）, 《…》)."""
from __future__ import annotations

import re

from budget_audit.read.normalise import compact

_MARKS = re.compile(r"[()“”‘’\"'《》「」『』]")


def project_key(name: str) -> str:
    return _MARKS.sub("", compact(name))
