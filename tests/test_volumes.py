"""--pair-volumes: the volumes of one disclosure found in a batch by what each holds, its folder, year and unit."""
from __future__ import annotations

from pathlib import Path

from budget_audit import model as m
from budget_audit.audit import DocumentResult
from budget_audit.volumes import volume_pairs


def _volume(path: str, unit: str, year: int, *, tables: bool, prose: bool) -> DocumentResult:
    disclosure = m.Disclosure(path=path, meta=m.Meta(unit=unit, year=year))
    if tables:
        disclosure.tables = {"BT01": m.Table(key="BT01", title="收支总表", unit="万元", columns=[], rows=[], line=1)}
    if prose:
        disclosure.statements = [m.Statement(text="收入预算 1 万元。", section="", line=1, page=1)]
    return DocumentResult(path=path, sha256=None, status="audited", disclosure=disclosure)


def test_names_written_differently_still_pair():
    """Jiangsu: the narrative calls the unit 江苏省委办公厅, its tables 中国共产党江苏省委员会办公厅; 人大常委会's
    narrative and 人大常委会办公厅's tables are one disclosure."""
    results = [_volume("js/江苏省委办公厅2017年部门预算.pdf", "江苏省委办公厅", 2017, tables=False, prose=True),
               _volume("js/江苏省委办公厅2017年预算公开表格.pdf", "中国共产党江苏省委员会办公厅", 2017, tables=True, prose=False),
               _volume("js/江苏省人大常委会2019年度部门预算公开.pdf", "江苏省人大常委会", 2019, tables=False, prose=True),
               _volume("js/江苏省人大常委会办公厅2019年部门预算公开表.pdf", "江苏省人大常委会办公厅", 2019, tables=True, prose=False)]
    assert volume_pairs(results) == [(results[0].path, results[1].path), (results[2].path, results[3].path)]


def test_other_years_folders_and_ambiguous_partners_stay_alone():
    alone = [_volume("a/北京市水务局_2026年部门预算_情况说明.pdf", "北京市水务局", 2026, tables=False, prose=True),
             _volume("b/北京市水务局_2026年部门预算_报表.pdf", "北京市水务局", 2026, tables=True, prose=False),   # other folder
             _volume("a/北京市水务局_2025年部门预算_报表.pdf", "北京市水务局", 2025, tables=True, prose=False)]   # other year
    assert volume_pairs(alone) == []
    # two tables volumes that are longer forms of one narrative's name: which one is not said
    ambiguous = [_volume("c/北京市公安局_2026年_情况说明.pdf", "北京市公安局", 2026, tables=False, prose=True),
                 _volume("c/北京市公安局交通管理局_2026年_报表.pdf", "北京市公安局交通管理局", 2026, tables=True, prose=False),
                 _volume("c/北京市公安局消防局_2026年_报表.pdf", "北京市公安局消防局", 2026, tables=True, prose=False)]
    assert volume_pairs(ambiguous) == []
    # a complete document is no volume
    complete = [_volume("d/x_2026年部门预算.pdf", "x局", 2026, tables=True, prose=True),
                _volume("d/x_2026年部门预算_报表.pdf", "x局", 2026, tables=True, prose=False)]
    assert volume_pairs(complete) == []


def test_the_real_corpus_volumes_are_paired_and_audited_as_one(corpus):
    """北京市审计局 2026 附件1/附件2 and the four Jiangsu two-volume disclosures, audited together: each pair is
    one document whose tables and narrative are checked against each other."""
    from budget_audit.api import audit

    paths = [corpus / "jiangsu_open_budget", *sorted((corpus / "cities_renwu").glob("北京市审计局_2026年部门预算_附件*"))]
    report = audit(paths, pair_volumes=True)
    bundles = sorted(tuple(Path(volume["path"]).name for volume in result.volumes) for result in report.results
                     if getattr(result, "volumes", None))
    assert bundles == [
        ("北京市审计局_2026年部门预算_附件1_情况说明.pdf", "北京市审计局_2026年部门预算_附件2_报表.pdf"),
        ("江苏省人大常委会2019年度部门预算公开.pdf", "江苏省人大常委会办公厅2019年部门预算公开表.pdf"),
        ("江苏省委办公厅2017年部门预算.pdf", "江苏省委办公厅2017年预算公开表格.pdf"),
        ("江苏省委办公厅2019年度部门预算公开文件.pdf", "江苏省委办公厅2019年度部门预算公开表格.pdf"),
        ("江苏省政协办公厅2019年度部门预算.pdf", "江苏省政协办公厅2019年预算公开表.pdf")]
    assert len(report.results) == 6   # the five pairs and 省检察院 2018, which is one volume
    paired = [result for result in report.results if getattr(result, "volumes", None)]
    assert all(result.disclosure.tables and result.disclosure.statements for result in paired)
    assert not any("未识别到任何表格" in f.text("zh") for result in paired for f in result.findings)


def test_each_narrative_volume_audited_alone_says_its_tables_are_missing(corpus):
    """Without --pair-volumes (or --bundle) a narrative volume is not a pass: it gets the WARNING that no table
    was checked and the hint to bundle it, so CI does not take “错误 0” for a clean document."""
    from budget_audit.api import audit

    narratives = [corpus / "cities_renwu" / "北京市审计局_2026年部门预算_附件1_情况说明.pdf",
                  *(corpus / "jiangsu_open_budget" / folder / name for folder, name in (
                      ("江苏省人大办公厅", "江苏省人大常委会2019年度部门预算公开.pdf"),
                      ("江苏省委办公厅", "江苏省委办公厅2017年部门预算.pdf"),
                      ("江苏省委办公厅", "江苏省委办公厅2019年度部门预算公开文件.pdf"),
                      ("江苏省政协办公厅", "江苏省政协办公厅2019年度部门预算.pdf")))]
    report = audit(narratives, fail_on="warning")
    for result in report.results:
        warning = [f for f in result.findings if f.rule == "S009" and f.severity == m.Severity.WARNING]
        assert warning and "--bundle" in warning[0].text("zh"), result.path
    assert report.exit_code() == 1
