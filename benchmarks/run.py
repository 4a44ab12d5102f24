"""`make bench`: the full audit against pdfminer.six's own `pdf2txt.py` on the largest corpus PDFs.

The batch run over the whole corpus is timed with `-j 1` and `-j 2` (one run each: a run is ~40 s of
work), and the speed-up printed (target ≥ 1.7× on a 2-core machine).

For each of the three largest PDFs in ../shared/corpus/real, both commands run as separate processes
(three runs each, median wall time; peak resident memory from /usr/bin/time when it is installed), and the
ratio audit / pdf2txt is printed. The target is a ratio ≤ 1.0 and a peak under 300 MB. The bundled text
samples are timed too.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
BIN = Path(sys.executable).parent
RUNS = 3


# Runs one command and reports its wall time and its own peak RSS (a fresh process has no other children).
_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Median wall seconds and the peak RSS (MB) over RUNS runs of `command`."""
    times, peaks = [], []
    for _ in range(RUNS):
        output = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True).stdout
        seconds, kilobytes = output.split()
        times.append(float(seconds))
        peaks.append(int(kilobytes) / 1024)
    return statistics.median(times), max(peaks)


def largest_pdfs(count: int = 3) -> list[Path]:
    pdfs = sorted(CORPUS.rglob("*.pdf"), key=lambda p: p.stat().st_size, reverse=True)
    return pdfs[:count]


def main() -> int:
    audit = [str(BIN / "budget-audit"), "check", "--format", "json", "--fail-on", "never"]
    pdf2txt = [str(BIN / "pdf2txt.py")]
    if not CORPUS.is_dir():
        print(f"corpus not present at {CORPUS}: only the text samples are timed")
    else:
        print(f"{'file':58} {'pages':>5} {'pdf2txt s':>9} {'audit s':>8} {'ratio':>6} {'audit peak MB':>13}")
        for pdf in largest_pdfs():
            base, _ = measure(pdf2txt + [str(pdf)])
            full, peak = measure(audit + [str(pdf)])
            pages = _pages(pdf)
            print(f"{pdf.name[:58]:58} {pages:>5} {base:9.2f} {full:8.2f} {full / base:6.2f} {peak:13.1f}")
        batch(audit)
    for sample in sorted((ROOT / "samples").iterdir()):
        full, peak = measure(audit + [str(sample)])
        print(f"{sample.name}: full audit {full:.2f} s (process, median of {RUNS}), peak {peak:.1f} MB")
    return 0


def batch(audit: list[str]) -> None:
    """The whole corpus in one run, serial and with two worker processes."""
    times = {}
    for jobs in (1, 2):
        seconds, peak = _measure_once(audit + [str(CORPUS), "-j", str(jobs)])
        times[jobs] = seconds
        print(f"corpus batch -j {jobs}: {seconds:.1f} s wall, peak {peak:.1f} MB (largest process)")
    print(f"speed-up -j 2 over -j 1: {times[1] / times[2]:.2f}x (target >= 1.7x on 2 cores; {os.cpu_count()} CPUs here)")


def _measure_once(command: list[str]) -> tuple[float, float]:
    output = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True).stdout
    seconds, kilobytes = output.split()
    return float(seconds), int(kilobytes) / 1024


def _pages(pdf: Path) -> int:
    from budget_audit.read import read_document

    return read_document(pdf).page_count or 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
