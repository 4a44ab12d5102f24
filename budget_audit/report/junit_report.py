"""`--format junit`: JUnit XML for CI test reports. One <testsuite> per document, one <testcase> per rule
family (row, column, hierarchy, balance, cross, structure, narrative …) among the active rules. A testcase
fails when a finding of its family reaches --fail-on; the failure lists those findings, and the lower ones go
to the testcase's <system-out>. A family whose every rule was skipped is <skipped>. A document that could not
be audited has one testcase `document` with an <error> carrying the code. Attributes and elements follow the
JUnit schema's required ones (testsuite: name, tests, failures, errors, time, timestamp, hostname, id,
package, <properties>, <system-out>, <system-err>; testcase: name, classname, time)."""
from __future__ import annotations

import datetime
import socket
import xml.etree.ElementTree as ET
from typing import TextIO

from budget_audit.report.view import Report
from budget_audit.rules import RULES, rule_ids


def render(report: Report, stream: TextIO) -> None:
    root = junit_tree(report)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode") + "\n")


def junit_tree(report: Report) -> ET.Element:
    active = report.active if getattr(report, "active", None) is not None else set(RULES)
    families: dict[str, list[str]] = {}
    for rule_id in rule_ids():
        if rule_id in active:
            families.setdefault(RULES[rule_id].family, []).append(rule_id)
    timestamp = datetime.datetime.now().replace(microsecond=0).isoformat()
    hostname = socket.gethostname() or "localhost"
    root = ET.Element("testsuites", name="budget-audit")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for number, result in enumerate(report.results):
        suite = ET.SubElement(root, "testsuite", name=result.path, id=str(number), package="budget-audit",
                              timestamp=timestamp, hostname=hostname, time="0")
        ET.SubElement(suite, "properties")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if result.failed:
            case = ET.SubElement(suite, "testcase", name="document", classname=result.path, time="0")
            error = ET.SubElement(case, "error", message=result.error.message, type=result.error.code)
            error.text = result.error.message
            counts["tests"], counts["errors"] = 1, 1
        else:
            for family, ids in families.items():
                counts["tests"] += 1
                outcome = _family_case(report, result, suite, family, ids)
                if outcome:
                    counts[outcome] += 1
        ET.SubElement(suite, "system-out").text = report.summary_line(result) if not result.failed else ""
        ET.SubElement(suite, "system-err")
        for key, value in counts.items():
            suite.set(key, str(value))
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    return root


def _family_case(report: Report, result, suite: ET.Element, family: str, ids: list[str]) -> str | None:
    case = ET.SubElement(suite, "testcase", name=f"{family} ({', '.join(ids)})", classname=result.path, time="0")
    findings = [f for f in report.shown(result) if f.rule in ids]
    failing = [f for f in findings if report.fail_on is not None and f.severity >= report.fail_on]
    others = [f for f in findings if f not in failing]
    zh = report.lang == "zh"
    if failing:
        word = "项问题" if zh else "findings"
        failure = ET.SubElement(case, "failure", message=f"{len(failing)} {word}: " + _line(report, result, failing[0]),
                                type=max(f.severity for f in failing).label)
        failure.text = "\n".join(_line(report, result, f) for f in failing)
    elif not any(rule in ids for rule, _ in result.checks) and any(rule in ids for rule, _ in result.skipped):
        reasons = "; ".join(f"{rule}: {reason}" for rule, reason in result.skipped if rule in ids)
        ET.SubElement(case, "skipped", message=reasons)
        return "skipped"
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(_line(report, result, f) for f in others)
    return "failures" if failing else None


def _line(report: Report, result, finding) -> str:
    where = report.location_text(finding.locations[0], result) if finding.locations else ""
    numbers = report.numbers_text(finding)
    return (f"[{report.severity_word(finding.severity)}] {finding.rule} {report.table_name(finding.locations[0].table) if finding.locations else ''} "
            f"{where}: {finding.text(report.lang)}{(' ' + numbers) if numbers else ''}")
