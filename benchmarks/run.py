"""`make bench`: wall time of a full audit (read, recognise, check, JSON report) per input.

Run from the repository root. Times the bundled samples; PDF inputs are compared with pdfminer.six's
own `pdf2txt.py` once the PDF reader lands (issue 3)."""
from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budget_audit.audit import audit_path  # noqa: E402
from budget_audit.report import render  # noqa: E402
from budget_audit.report.view import Report  # noqa: E402

REPEAT = 5


def time_audit(path: Path) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        render(Report([audit_path(path)]), "json", io.StringIO())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    for path in sorted((ROOT / "samples").iterdir()):
        print(f"{path.name}: full audit {time_audit(path) * 1000:.1f} ms (median of {REPEAT})")


if __name__ == "__main__":
    main()
