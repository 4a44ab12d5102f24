"""`make fuzz`: hostile inputs of every kind issue 12 names, generated from a seed and audited as one batch, and
the contract checked: every input reported, exit code 0–3, no `internal` failure, the run ended within its
timeouts, and the workers' peak memory.

    python -m tests.fuzz --count 3000 --seed 1      # make fuzz
    python -m tests.fuzz --count 40 --timeout 10    # the smoke run tests/test_fuzz_smoke.py makes

Kinds: byte-level mutations of seed PDFs (the corpus's when ../shared/corpus is present, else generated ones),
structural attacks (tests/hostile.py: damaged streams, decompression and glyph-map bombs, many pages), mutated
text dumps (the bundled sample with stray bytes, byte-order marks, NULs), and special files (a FIFO, links to
/dev/zero and nowhere, a ZIP holding a PDF, a directory named .pdf).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from tests import hostile

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "xinjiang_hrss_2024_unit_budget.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def seed_pdfs() -> list[bytes]:
    found = sorted(CORPUS.rglob("*.pdf"))[:12] if CORPUS.is_dir() else []
    small = [path.read_bytes() for path in found if path.stat().st_size < 2_000_000]
    return small or [hostile.pages(3), hostile.build_pdf([[hostile.flate(hostile.text_stream("收入 1 万元"))]])]


def mutated_pdf(rng: random.Random, seeds: list[bytes]) -> bytes:
    data = bytearray(rng.choice(seeds))
    how = rng.choice(("flip", "delete", "truncate", "splice"))
    if how == "flip":
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif how == "delete":
        start = rng.randrange(len(data))
        del data[start: start + rng.randint(1, 2000)]
    elif how == "truncate":
        del data[rng.randrange(len(data)):]
    else:
        start = rng.randrange(len(data))
        data[start:start] = rng.choice((b"1e999 ", b"nan ", b"-inf ", b"9" * 5000 + b" ", b"<< /Length 99999999 >>"))
    return bytes(data)


def structural(rng: random.Random) -> bytes:
    return rng.choice((hostile.damaged_second_stream, lambda: hostile.flate_bomb(rng.choice((8, 64, 300))),
                       hostile.predictor_bomb, hostile.wide_widths_font, hostile.wide_tounicode_font,
                       lambda: hostile.many_glyphs(rng.choice((1000, 300_000))),
                       lambda: hostile.pages(rng.choice((2, 50)))))()


def mutated_text(rng: random.Random) -> bytes:
    data = bytearray(SAMPLE.read_bytes())
    for _ in range(rng.randint(1, 10)):
        data[rng.randrange(len(data))] = rng.choice((0xFF, 0x00, 0xC3, 0x80, rng.randrange(256)))
    prefix = rng.choice((b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    return prefix + bytes(data[: rng.randrange(len(data) // 2, len(data))])


def zip_of_pdf(rng: random.Random, seeds: list[bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("inner.pdf", rng.choice(seeds))
    return buffer.getvalue()


def generate(folder: Path, count: int, seed: int) -> int:
    """Writes `count` inputs (plus the special files where the platform has them); returns how many paths."""
    rng, seeds = random.Random(seed), seed_pdfs()
    makers = [(".pdf", lambda: mutated_pdf(rng, seeds)), (".pdf", lambda: structural(rng)),
              (".txt", lambda: mutated_text(rng)), (".pdf", lambda: zip_of_pdf(rng, seeds))]
    weights = (6, 2, 2, 1)   # mostly damaged real files, as the fuzzing that opened issue 12 was
    for number in range(count):
        suffix, make = rng.choices(makers, weights)[0]
        (folder / f"input_{number:05d}{suffix}").write_bytes(make())
    specials = 0
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.pdf")
        (folder / "zero.pdf").symlink_to("/dev/zero")
        (folder / "nowhere.pdf").symlink_to(folder / "missing.pdf")
        (folder / "folder.pdf").mkdir()
        specials = 4
    return count + specials


def run(count: int, seed: int, timeout: float, jobs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="budget-audit-fuzz-") as folder:
        expected = generate(Path(folder), count, seed)
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "budget_audit", "check", "-f", "jsonl", "-j", str(jobs),
                               "--timeout", str(timeout), folder], capture_output=True, cwd=ROOT,
                              timeout=timeout * (count + 10) / max(jobs, 1) + 120)
        elapsed = time.monotonic() - started
    documents = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.startswith("{")]
    codes: dict[str, int] = {}
    for document in documents:
        code = (document.get("error") or {}).get("code") or document.get("status")
        codes[code] = codes.get(code, 0) + 1
    return {"inputs": expected, "reported": len(documents), "exit": done.returncode, "codes": codes,
            "internal": codes.get("internal", 0), "seconds": round(elapsed, 1),
            "peak_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    result = run(args.count, args.seed, args.timeout, args.jobs)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    ok = result["reported"] == result["inputs"] and result["internal"] == 0 and result["exit"] in (0, 1, 3)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
