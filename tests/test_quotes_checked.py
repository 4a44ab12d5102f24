"""Every amount the narrative quotes is accounted for: checked against a figure, or unverified with the reason
(budget_audit/quotes_checked.py), in the JSON report and the summary line."""
from __future__ import annotations

import json
from collections import Counter

from typer.testing import CliRunner

from budget_audit.cli import app
from tests.conftest import SAMPLE


def test_the_samples_quotes_are_checked_but_its_changes_and_asset_thresholds(sample_result):
    quotes = sample_result.quotes
    assert (quotes.checked, len(quotes.unverified)) == (52, 8)
    assert Counter(quote.reason for quote in quotes.unverified) == {"change": 6, "unknown_label": 2}
    # 单位价值50万元以上的通用设备 / 100万元以上的专用设备: thresholds, not figures of a table
    assert {quote.text for quote in quotes.unverified if quote.reason == "unknown_label"} == {"50万元", "100万元"}
    assert {quote.text for quote in quotes.unverified if quote.reason == "change"} == {"39.72万元", "0.99万元", "0.53万元"}


def test_the_report_counts_and_lists_them():
    result = CliRunner().invoke(app, ["check", "-f", "json", str(SAMPLE)])
    document = json.loads(result.stdout)["documents"][0]
    amounts = document["narrative_amounts"]
    assert (amounts["checked"], amounts["unverified"]) == (52, 8)
    assert {"text": "39.72万元", "reason": "change"}.items() <= amounts["unverified_amounts"][0].items()
    text = CliRunner().invoke(app, ["check", "-f", "text", str(SAMPLE)]).stdout
    assert "情况说明金额：核对 52 个，未核对 8 个" in text
    english = CliRunner().invoke(app, ["check", "-f", "text", "--lang", "en", str(SAMPLE)]).stdout
    assert "narrative amounts: 52 checked, 8 unverified" in english
