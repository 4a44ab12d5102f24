"""Errors that end the audit of one document (the run goes on with the others)."""
from __future__ import annotations

# The codes of interface.md: a failed document reports one of these.
UNREADABLE = "unreadable"
ENCRYPTED = "encrypted"
NO_TEXT_LAYER = "no_text_layer"
NOT_A_DISCLOSURE = "not_a_disclosure"
TIMEOUT = "timeout"
INTERNAL = "internal"
TOO_LARGE = "too_large"     # a resource bound of budget_audit/limits.py was reached

ERROR_CODES = (UNREADABLE, ENCRYPTED, NO_TEXT_LAYER, NOT_A_DISCLOSURE, TIMEOUT, INTERNAL, TOO_LARGE)


class DocumentError(Exception):
    """A document cannot be audited. `code` is one of ERROR_CODES; `message` is one line for the user; `path`
    names the input when the error stands in for it in a batch (a refused file, an empty directory)."""

    def __init__(self, code: str, message: str, path: str | None = None):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown document error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path


class UsageError(Exception):
    """Bad command-line or configuration input: exit code 2, nothing audited."""
