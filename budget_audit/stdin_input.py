"""`-` as a path: the document comes from standard input (a PDF or a text dump, told apart by its bytes).

The readers work on files, so the bytes are kept in a temporary file for the run; the report names the
document `-`, as linters name standard input."""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

STDIN = "-"


def is_stdin(path: Path | str) -> bool:
    return str(path) == STDIN


@contextmanager
def stdin_as_file(stream: BinaryIO) -> Iterator[Path]:
    """The whole of `stream` in a temporary file named like what it holds; removed on exit."""
    data = stream.read()
    # a PDF's header may follow some junk bytes; readers accept it within the first kilobyte
    suffix = ".pdf" if b"%PDF-" in data[:1024] else ".txt"
    with tempfile.TemporaryDirectory(prefix="budget-audit-stdin-") as folder:
        path = Path(folder) / f"stdin{suffix}"
        path.write_bytes(data)
        yield path


def rename_results(results: list, temporary: Path) -> list:
    """Report the temporary file as `-`, in the document's path and in its failure message."""
    for result in results:
        if result.path == str(temporary):
            result.path = STDIN
            if result.error is not None:
                result.error.message = result.error.message.replace(str(temporary), STDIN)
    return results
