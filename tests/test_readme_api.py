"""The Python API example of README.md runs, as written, on the bundled sample."""
from __future__ import annotations

import re

from conftest import ROOT


def _api_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_api_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)                  # the example names the sample by its path in the repository
    namespace: dict = {}
    exec(compile(_api_example(), "README.md", "exec"), namespace)
    report = namespace["report"]
    assert type(report).__name__ == "Report" and report.results[0].disclosure.meta.unit == "新绛县人力资源和社会保障局"
    assert namespace["summary"].startswith("# budget-audit")
    assert "新绛县人力资源和社会保障局" in capsys.readouterr().out


def test_the_api_report_is_the_one_the_cli_renders(sample_text, tmp_path):
    import budget_audit
    from budget_audit.report.view import Report

    report = budget_audit.audit([ROOT / "samples"], fail_on="warning", lang="en")
    assert isinstance(report, Report) and report.exit_code() == 1 and report.lang == "en"
    assert budget_audit.audit(ROOT / "samples", select=["R", "C"]).totals()["warning"] == 0
    assert (ROOT / "budget_audit" / "py.typed").is_file()
