"""`--format sarif`: SARIF 2.1.0 for code-scanning tools. The driver lists every rule with its titles and
documentation; each finding is a result with its level (error / warning / note), the document as its
artifact and the table, row and column as a logical location; the cell the finding is about is its location
and the cells it was compared with are `relatedLocations`. Each rule's `helpUri` is its page in docs/rules/
(`budget_audit.docs`). A PDF has no text lines: its region's
`startLine` is the physical page number (also in `region.properties.page`); a text dump's is the line.
Documents that could not be audited are tool execution notifications."""
from __future__ import annotations

import functools

import json
import os
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from budget_audit import __version__
from budget_audit.docs import rule_page_url
from budget_audit.report.view import Report, finding_amounts
from budget_audit.rules import RULES, rule_ids

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report, stream: TextIO) -> None:
    json.dump(sarif_log(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def sarif_log(report: Report) -> dict:
    ids = rule_ids()
    artifacts, artifact_index = [], {}

    def artifact(path: str, sha256: str | None) -> int:
        if path not in artifact_index:
            artifact_index[path] = len(artifacts)
            entry = {"location": {"uri": uri(path)}}
            if sha256:
                entry["hashes"] = {"sha-256": sha256}
            artifacts.append(entry)
        return artifact_index[path]

    results, notifications = [], []
    for result in report.results:
        volumes = getattr(result, "volumes", None) or [{"path": result.path, "sha256": result.sha256}]
        for volume in volumes:
            artifact(volume["path"], volume.get("sha256"))
        if result.failed:
            notifications.append({"level": "error", "message": {"text": f"{result.error.code}: {result.error.message}"},
                                  "locations": [_physical(volumes[0]["path"], artifact(volumes[0]["path"], None))]})
            continue
        for finding in report.shown(result):
            locations = []
            for location in finding.locations:
                volume = report.volume_of(location, result)
                path = next((v["path"] for v in volumes if Path(v["path"]).name == volume), volumes[0]["path"])
                entry = _physical(path, artifact(path, None), location)
                entry["logicalLocations"] = [_logical(location)]
                entry["message"] = {"text": report.location_text(location, result) or "-"}
                locations.append(entry)
            # one location is the finding's own cell; viewers list the cells it was compared with apart
            primary, related = locations[:1], locations[1:]
            for number, entry in enumerate(related, start=1):
                entry["id"] = number
            results.append({
                "ruleId": finding.rule, "ruleIndex": ids.index(finding.rule) if finding.rule in ids else -1,
                "level": _LEVELS[finding.severity.label], "message": {"text": finding.text(report.lang)},
                "locations": primary or [_physical(volumes[0]["path"], artifact(volumes[0]["path"], None))],
                **({"relatedLocations": related} if related else {}),
                "partialFingerprints": {"budgetAudit/v1": f"{result.sha256}:{finding.rule}:{finding.fingerprint}"},
                "properties": {**finding_amounts(finding), "unit": finding.unit, "tags": finding.tags,
                               "related": finding.related},
            })
    run = {
        "tool": {"driver": {"name": "budget-audit", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(rule_id, report.lang) for rule_id in ids]}},
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


@functools.lru_cache(maxsize=1)
def _docs() -> dict[str, dict[str, str]]:
    from budget_audit.rule_catalogue import load

    return {rule.id: rule.doc for rule in load()}


def _rule(rule_id: str, lang: str) -> dict:
    rule = RULES[rule_id]
    doc = _docs().get(rule_id, {}).get(lang) or rule.doc   # the Chinese documentation under --lang zh
    return {"id": rule_id, "name": rule.title["en"],
            "shortDescription": {"text": rule.title[lang]}, "fullDescription": {"text": rule.summary[lang]},
            "help": {"text": doc or rule.summary[lang]}, "helpUri": rule_page_url(rule_id),
            "defaultConfiguration": {"level": _LEVELS[rule.severity.label]},
            "properties": {"family": rule.family, "title_zh": rule.title["zh"], "title_en": rule.title["en"]}}


def _physical(path: str, index: int, location=None) -> dict:
    physical = {"artifactLocation": {"uri": uri(path), "index": index}}
    if location is not None:
        if path.lower().endswith(".pdf") and location.page:
            physical["region"] = {"startLine": location.page, "properties": {"page": location.page},
                                  "message": {"text": f"page {location.page} (PDF: startLine is the page)"}}
        elif location.line:
            physical["region"] = {"startLine": location.line}
            if location.page:
                physical["region"]["properties"] = {"page": location.page}
    return {"physicalLocation": physical}


def _logical(location) -> dict:
    parts = [part for part in (location.table, location.row, location.column) if part]
    logical = {"name": location.row or location.table_title or location.table or "-",
               "fullyQualifiedName": "/".join(parts) or (location.table_title or "-"), "kind": "element"}
    return logical


def uri(path: str) -> str:
    posix = Path(path).as_posix()
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(os.fsencode(posix), safe="/._-~")   # the name's own bytes, even when they are not UTF-8

