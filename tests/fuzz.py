"""`make fuzz`: hostile inputs of every kind issue 12 names, generated from a seed and audited as one batch with
the PDFs they were mutated from, and the contract checked: every input reported, exit code 0–3, no `internal`
failure, the run ended within its timeouts, no document's worker at 1 GiB, and each mutated PDF either failed,
audited with its lost pages listed, or audited with its original's findings (or its text really changed).

    python -m tests.fuzz --count 3000 --seed 1                 # make fuzz
    python -m tests.fuzz --count 200 --seed 7 --timeout 10     # the smoke run tests/test_fuzz_smoke.py makes

Kinds: byte-level mutations of seed PDFs (the corpus's when ../shared/corpus is present, else generated ones:
bytes flipped, deleted, inserted, the file cut, one digit of a cross-reference entry changed), structural
attacks (tests/hostile.py: damaged streams, decompression and glyph-map bombs, many pages, deep nesting), mutated
text dumps (the bundled sample with stray bytes, byte-order marks, NULs), and special files (a FIFO, links to
/dev/zero and nowhere, a ZIP holding a PDF, a directory named .pdf).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from tests import hostile

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "xinjiang_hrss_2024_unit_budget.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def seed_pdfs() -> list[bytes]:
    found = sorted(CORPUS.rglob("*.pdf"))[:12] if CORPUS.is_dir() else []
    small = [path.read_bytes() for path in found if path.stat().st_size < 2_000_000]
    return small or [hostile.pages(3), hostile.build_pdf([[hostile.flate(hostile.text_stream("收入 1 万元"))]])]


def mutated_pdf(rng: random.Random, seed: bytes) -> bytes:
    data = bytearray(seed)
    how = rng.choice(("flip", "delete", "truncate", "splice", "xref"))
    entries = [m.start() for m in re.finditer(rb"\d{10} \d{5} n", data)] if how == "xref" else []
    if entries:      # one digit of one cross-reference entry: the object is no longer where the table says
        digit = rng.choice(entries) + rng.randrange(10)
        data[digit] = ord(str((data[digit] - 48 + rng.randrange(1, 10)) % 10))
    elif how == "flip":
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
                       lambda: hostile.pages(rng.choice((2, 50))), hostile.flate_cut_off,
                       lambda: hostile.nested_forms(rng.choice((3, 200))),
                       lambda: hostile.nested_dictionaries(rng.choice((3, 100_000))),
                       lambda: hostile.object_destroyed(hostile.pages(3), 7)))()


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


def generate(folder: Path, count: int, seed: int) -> dict[str, Path]:
    """Writes `count` inputs (plus the special files where the platform has them) into `folder/inputs`; returns
    each mutated PDF's name with the seed PDF it came from (written to `folder/seeds`)."""
    rng, seeds = random.Random(seed), seed_pdfs()
    inputs, originals = folder / "inputs", folder / "seeds"
    inputs.mkdir()
    originals.mkdir()
    for number, data in enumerate(seeds):
        (originals / f"seed_{number:02d}.pdf").write_bytes(data)
    origin: dict[str, Path] = {}

    def mutated() -> bytes:
        index = rng.randrange(len(seeds))
        origin[name] = originals / f"seed_{index:02d}.pdf"
        return mutated_pdf(rng, seeds[index])

    makers = [(".pdf", mutated), (".pdf", lambda: structural(rng)),
              (".txt", lambda: mutated_text(rng)), (".pdf", lambda: zip_of_pdf(rng, seeds))]
    weights = (6, 2, 2, 1)   # mostly damaged real files, as the fuzzing that opened issue 12 was
    for number in range(count):
        suffix, make = rng.choices(makers, weights)[0]
        name = f"input_{number:05d}{suffix}"
        (inputs / name).write_bytes(make())
    if hasattr(os, "mkfifo"):
        os.mkfifo(inputs / "fifo.pdf")
        (inputs / "zero.pdf").symlink_to("/dev/zero")
        (inputs / "nowhere.pdf").symlink_to(inputs / "missing.pdf")
        (inputs / "folder.pdf").mkdir()
    return origin


def measured_cli() -> None:
    """`budget-audit` with every worker writing its document, peak memory and time to $FUZZ_MEASURES (one line
    each, appended): the per-document peaks the bound is about, which the batch's total cannot show."""
    from budget_audit import batch, cli

    def child(work, sender) -> None:
        started = time.monotonic()
        try:
            original_child(work, sender)
        finally:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            line = json.dumps({"path": str(getattr(work, "args", ["?"])[0]), "peak_mib": round(peak),
                               "seconds": round(time.monotonic() - started, 2)}, ensure_ascii=True)
            with open(os.environ["FUZZ_MEASURES"], "a", encoding="utf-8") as log:
                log.write(line + "\n")

    original_child, batch._child = batch._child, child
    sys.argv[0] = "budget-audit"
    cli.main()


def findings_of(document: dict) -> Counter:
    return Counter((f["rule"], f["severity"], f["message"]) for f in document.get("findings") or [])


def pdfium_text(path: Path) -> list[str] | None:
    """Every page's text as PDFium reads it (it repairs broken cross-references the way viewers do), in a
    subprocess so that a hostile file cannot take this run down; None when it cannot be read in 30 s."""
    script = ("import json,sys,pypdfium2 as p;d=p.PdfDocument(sys.argv[1]);"
              "print(json.dumps([d[i].get_textpage().get_text_range() for i in range(len(d))]))")
    try:
        done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, timeout=30)
        return json.loads(done.stdout) if done.returncode == 0 else None
    except (subprocess.TimeoutExpired, ValueError):
        return None


def judge_mutations(documents: dict[str, dict], origin: dict[str, Path]) -> Counter:
    """Each mutated corpus PDF against the PDF it came from: failed, audited with its lost pages listed, audited
    with the same findings, or audited with other findings. The last is wrong when PDFium still reads the
    original's text from it (the damage lost text without saying so), else the mutation changed the text."""
    verdicts: Counter = Counter()
    for name, seed in sorted(origin.items()):
        document, original = documents.get(name), documents.get(seed.name)
        if document is None or original is None:
            verdicts["not reported"] += 1
        elif document["status"] != "audited":
            verdicts["failed"] += 1
        elif document.get("pages_unreadable"):
            verdicts["audited, lost pages listed"] += 1
        elif findings_of(document) == findings_of(original):
            verdicts["audited, same findings"] += 1
        elif pdfium_text(Path(document["path"])) == pdfium_text(seed):
            verdicts["WRONG: text intact, findings differ"] += 1
            print(f"wrong: {name} (from {seed.name})", file=sys.stderr)
        else:
            verdicts["audited, text changed by the mutation"] += 1
            print(f"text changed: {name} (from {seed.name})", file=sys.stderr)
    return verdicts


def run(count: int, seed: int, timeout: float, jobs: int, judge: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix="budget-audit-fuzz-") as folder:
        folder = Path(folder)
        origin = generate(folder, count, seed)
        measures = folder / "measures.jsonl"
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", "from tests.fuzz import measured_cli; measured_cli()",
                               "check", "-f", "jsonl", "-j", str(jobs), "--timeout", str(timeout),
                               str(folder / "inputs"), str(folder / "seeds")],
                              capture_output=True, cwd=ROOT, env={**os.environ, "FUZZ_MEASURES": str(measures)},
                              timeout=timeout * (count + 30) / max(jobs, 1) + 120)
        elapsed = time.monotonic() - started
        lines = done.stdout.decode("utf-8").splitlines()   # raises if the output is not UTF-8
        documents = {Path(d["path"]).name: d for d in (json.loads(line) for line in lines if line.startswith("{"))}
        workers = [json.loads(line) for line in measures.read_text(encoding="utf-8").splitlines()] \
            if measures.exists() else []
        verdicts = judge_mutations(documents, origin) if judge else Counter()
        expected = sum(1 for _ in (folder / "inputs").iterdir()) + sum(1 for _ in (folder / "seeds").iterdir())
    if len(documents) != expected:
        print(done.stderr.decode("utf-8", "replace")[-3000:], file=sys.stderr)
    codes = Counter((d.get("error") or {}).get("code") or d.get("status") for d in documents.values())
    heaviest = max(workers, key=lambda w: w["peak_mib"], default={"path": None, "peak_mib": 0})
    slowest = max(workers, key=lambda w: w["seconds"], default={"path": None, "seconds": 0})
    return {"inputs": expected, "reported": len(documents), "exit": done.returncode, "codes": dict(codes),
            "internal": codes.get("internal", 0), "seconds": round(elapsed, 1),
            "peak_mib": heaviest["peak_mib"], "heaviest": Path(heaviest["path"] or "-").name,
            "slowest_seconds": slowest["seconds"], "slowest": Path(slowest["path"] or "-").name,
            "over_1_gib": sum(1 for w in workers if w["peak_mib"] >= 1024), "mutations": dict(verdicts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    result = run(args.count, args.seed, args.timeout, args.jobs)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    ok = (result["reported"] == result["inputs"] and result["internal"] == 0 and result["exit"] in (0, 1, 3)
          and not result["over_1_gib"] and not any(v.startswith("WRONG") for v in result["mutations"]))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
