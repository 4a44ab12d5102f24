"""A smoke run of `make fuzz` (tests/fuzz.py) inside `make test`: a few dozen seeded hostile inputs of every kind
in one batch. Every input is in the report, none fails `internal`, and the exit code is the contract's."""
from __future__ import annotations

import pytest

from tests import fuzz


@pytest.mark.skipif(not hasattr(fuzz.os, "mkfifo"), reason="the special files (FIFO, device links) need POSIX")
def test_a_seeded_batch_of_hostile_inputs_keeps_the_contract():
    result = fuzz.run(count=24, seed=7, timeout=10, jobs=2)
    assert result["reported"] == result["inputs"] == 28, result
    assert result["internal"] == 0, result
    assert result["exit"] == 3 and "audited" in result["codes"], result   # some good inputs, some failed
