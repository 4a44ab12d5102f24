"""Reports and baselines written so that a reader never sees half of one, and always valid text.

The file is written beside its target under a temporary name and renamed over it when complete: a run that
is killed or fails while writing leaves the previous file (or none), never a truncated one. A character that
cannot be encoded, which can only be a file name that is not valid UTF-8 (Python keeps its bytes as lone
surrogates), is written as its escape `\\udcff`: inside a JSON string that is the JSON escape of the same
character, so the name reads back unchanged.
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator, TextIO

UNENCODABLE = "backslashreplace"


@contextmanager
def output_file(path: Path, encoding: str = "utf-8", newline: str | None = None) -> Iterator[TextIO]:
    """A text stream whose content replaces `path` when the block ends without an error."""
    target = Path(os.path.realpath(path))     # through a symbolic link: replace the file, not the link
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        # /dev/stdout, a FIFO: nothing to rename over; write straight through
        with open(target, "w", encoding=encoding, newline=newline, errors=UNENCODABLE) as stream:
            yield stream
        return
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with open(handle, "w", encoding=encoding, newline=newline, errors=UNENCODABLE) as stream:
            yield stream
        os.chmod(temporary, _mode_of(target))
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def escape_unencodable(*streams: TextIO) -> None:
    """Let standard output and error escape what they cannot encode instead of raising or writing raw bytes."""
    for stream in streams or (sys.stdout, sys.stderr):
        with suppress(AttributeError, ValueError):   # a stream that is not a TextIOWrapper, or already closed
            stream.reconfigure(errors=UNENCODABLE)


def _mode_of(target: Path) -> int:
    """The permissions the file would get from a plain open(): the old file's, else 0666 less the umask
    (mkstemp makes its file 0600)."""
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
