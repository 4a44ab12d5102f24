"""A smoke run of `make fuzz` (tests/fuzz.py) inside `make test`: 200 seeded hostile inputs of every kind in one
batch, with the PDFs they were mutated from. Every input is in the report, none fails `internal`, the exit code
is the contract's, no worker reaches 1 GiB, and no mutated PDF whose text PDFium still reads is audited with
other findings than its original without listing lost pages."""
from __future__ import annotations

import pytest

from tests import fuzz


@pytest.mark.skipif(not hasattr(fuzz.os, "mkfifo"), reason="the special files (FIFO, device links) need POSIX")
def test_a_seeded_batch_of_hostile_inputs_keeps_the_contract():
    result = fuzz.run(count=200, seed=7, timeout=10, jobs=2)
    seeds = len(fuzz.seed_pdfs())
    assert result["reported"] == result["inputs"] == 200 + 4 + seeds, result
    assert result["internal"] == 0 and result["over_1_gib"] == 0, result
    assert result["exit"] == 3 and {"audited", "unreadable", "too_large"} <= set(result["codes"]), result
    assert not [verdict for verdict in result["mutations"] if verdict.startswith("WRONG")], result
    assert result["mutations"]["audited, same findings"] > 0, result
