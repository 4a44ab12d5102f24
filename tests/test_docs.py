"""docs/rules/ is generated from the rules' docstrings and data/rules_zh.toml (`make docs`): the committed pages must
be current."""
from __future__ import annotations

from pathlib import Path

from budget_audit import docs
from budget_audit.rule_catalogue import translations
from budget_audit.rules import RULES

FOLDER = Path(__file__).resolve().parents[1] / "docs" / "rules"


def test_committed_rule_pages_are_up_to_date():
    assert docs.stale_pages(FOLDER) == [], "docs/rules/ is out of date: run `make docs`"


def test_every_rule_has_a_page_with_its_documentation():
    for rule_id, rule in RULES.items():
        page = (FOLDER / docs.page_name(rule_id)).read_text(encoding="utf-8")
        assert page.splitlines()[1] == f"# {rule_id} {rule.title['zh']}"
        assert rule.doc in page and rule.summary["en"] in page
    index = (FOLDER / docs.INDEX).read_text(encoding="utf-8")
    assert all(f"]({rule_id}.md)" in index for rule_id in RULES)


def test_check_mode_reports_a_stale_or_extra_page(tmp_path):
    assert docs.main([str(tmp_path), "--check"]) == 1          # nothing written yet
    assert docs.main([str(tmp_path)]) == 0 and docs.main(["--check", str(tmp_path)]) == 0
    (tmp_path / "R001.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "R999.md").write_text("a rule that is gone\n", encoding="utf-8")
    assert docs.stale_pages(tmp_path) == ["R001.md", "R999.md"]
    docs.write_pages(tmp_path)
    assert docs.stale_pages(tmp_path) == [] and not (tmp_path / "R999.md").exists()


def test_a_rule_page_shows_the_chinese_documentation_before_the_english():
    chinese = translations()
    for rule_id, rule in RULES.items():
        if rule_id in chinese:
            page = (FOLDER / docs.page_name(rule_id)).read_text(encoding="utf-8")
            assert chinese[rule_id].doc in page and page.index(chinese[rule_id].doc) < page.index(rule.doc)
