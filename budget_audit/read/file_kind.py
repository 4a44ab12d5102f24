"""Which paths are read at all: regular files only, judged from `stat` without opening them.

Opening a FIFO blocks until something writes to it, and a device such as /dev/zero never ends: either would
hold a whole batch past any time limit. Such a path, a dangling symbolic link or a file the user may not read
is refused at once and reported as a failed document, so every path given or found is in the report.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from budget_audit.errors import UNREADABLE, DocumentError

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def refusal(path: Path) -> DocumentError | None:
    """Why `path` cannot be read as a document, or None for a regular file that can be read."""
    try:
        mode = path.stat().st_mode            # follows symbolic links: /dev/zero behind a .pdf name is a device
    except FileNotFoundError:
        if path.is_symlink():
            return _refused(path, f"dangling symbolic link (to {os.readlink(path)}, which does not exist)")
        return _refused(path, "no such file")
    except OSError as error:                  # a loop of links, a directory on the way we may not enter …
        return _refused(path, f"cannot read ({error.strerror})")
    if stat.S_ISDIR(mode):
        return _refused(path, "is a directory")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        return _refused(path, f"{kind}, not a regular file; only regular files are read")
    if not os.access(path, os.R_OK):
        return _refused(path, "cannot read (permission denied)")
    return None


def is_regular_file(path: str | Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _refused(path: Path, why: str) -> DocumentError:
    return DocumentError(UNREADABLE, f"{path}: {why}", path=str(path))
