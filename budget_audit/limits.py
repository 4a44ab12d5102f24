"""How much of the machine one document may use.

A PDF is a program for a renderer: a few kilobytes can ask for gigabytes (a Flate bomb, a `/W` range over
2³² glyphs, a ToUnicode map as large). Each bound below turns such a request into a failed document with the
code `too_large` and a message naming the setting, instead of a worker that takes the machine down.

Every bound is read from the environment, so that a worker process inherits it:

| variable | what | default |
|---|---|---|
| `BUDGET_AUDIT_MEMORY_MB` | address space a worker process may add for its document (RLIMIT_AS) | 1024 |
| `BUDGET_AUDIT_MAX_STREAM_MB` | bytes one decoded PDF stream may grow to | 128 |
| `BUDGET_AUDIT_MAX_GLYPH_MAP` | entries of one font's glyph map (ToUnicode, CMap, `/W` widths) | 1048576 |
| `BUDGET_AUDIT_MAX_PAGES` | pages of one document | 5000 |
| `BUDGET_AUDIT_MAX_PAGE_CHARS` | glyphs drawn on one page | 200000 |
| `BUDGET_AUDIT_MAX_DEPTH` | forms drawn within forms; arrays and dictionaries nested in a content stream | 64 |

`0` switches a bound off.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from budget_audit.errors import TOO_LARGE, DocumentError

_MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 1024 * _MB
    stream_bytes: int = 128 * _MB
    glyph_map: int = 1 << 20
    pages: int = 5000
    page_chars: int = 200_000
    depth: int = 64

    @classmethod
    def from_environment(cls) -> "Limits":
        default = cls()
        return cls(memory_bytes=_setting("BUDGET_AUDIT_MEMORY_MB", default.memory_bytes // _MB) * _MB,
                   stream_bytes=_setting("BUDGET_AUDIT_MAX_STREAM_MB", default.stream_bytes // _MB) * _MB,
                   glyph_map=_setting("BUDGET_AUDIT_MAX_GLYPH_MAP", default.glyph_map),
                   pages=_setting("BUDGET_AUDIT_MAX_PAGES", default.pages),
                   page_chars=_setting("BUDGET_AUDIT_MAX_PAGE_CHARS", default.page_chars),
                   depth=_setting("BUDGET_AUDIT_MAX_DEPTH", default.depth))


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        return default   # a bad value must not switch a safety bound off
    return max(0, number)


def current() -> Limits:
    return Limits.from_environment()


class TooLarge(DocumentError):
    """A document asked for more than a bound allows. A DocumentError, so that the reader's per-page
    `except Exception` (one broken page must not fail a document) re-raises it rather than losing one page."""

    def __init__(self, what: str, setting: str):
        super().__init__(TOO_LARGE, f"too large: {what} (limit set by {setting})")


def out_of_memory(path: str) -> DocumentError:
    limit = current().memory_bytes
    bound = f"{limit // _MB} MB, BUDGET_AUDIT_MEMORY_MB" if limit else "the machine's memory"
    return DocumentError(TOO_LARGE, f"{path}: too large: reading it ran out of memory ({bound})")


def limit_address_space(limits: Limits | None = None) -> None:
    """Called in a worker process before it reads its document: past this, allocations raise MemoryError.

    The bound is on what the document adds to the address space the worker was forked with. The parent of a
    batch holds every finished document's result until the report is written, and a worker starts as a copy
    of it: an absolute bound would leave less room to the thousandth document of a batch than to the first."""
    limits = limits or current()
    if not limits.memory_bytes:
        return
    try:
        import resource
    except ImportError:      # not POSIX: the other bounds still apply
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = _address_space() + limits.memory_bytes
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        pass


def _address_space() -> int:
    """This process's mapped address space in bytes (Linux: /proc/self/statm); 0 where it cannot be known."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0
