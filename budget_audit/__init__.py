"""budget-audit: an auditor for Chinese government budget disclosures.

    import budget_audit
    report = budget_audit.audit("samples/")        # a budget_audit.Report
    print(report.render("text"))

`audit` is imported on first use, so that `budget-audit --version` does not load the pipeline.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["audit", "Report", "DocumentResult", "__version__"]

if TYPE_CHECKING:
    from budget_audit.api import audit
    from budget_audit.audit import DocumentResult
    from budget_audit.report.view import Report

_LAZY = {"Report": ("budget_audit.report.view", "Report"), "DocumentResult": ("budget_audit.audit", "DocumentResult")}


def __getattr__(name: str):
    import importlib

    if name == "audit":     # the module budget_audit/audit.py, which calls budget_audit.api.audit when called
        return importlib.import_module("budget_audit.audit")
    if name not in _LAZY:
        raise AttributeError(f"module 'budget_audit' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(importlib.import_module(module), attribute)
