"""The table catalogue: one TableSpec per key (the key lists the rules and the recogniser derive from it),
and the table-set profiles, detected from the tables a document has rather than from the region it names."""
from __future__ import annotations

import importlib

import pytest

from budget_audit import model as m
from budget_audit.audit import audit_disclosure, audit_path
from budget_audit.recognise import catalogue as cat
from budget_audit.recognise.catalogue import PROFILES, TABLE_NAMES, TABLES, Contents, detect_profile, keys_where, spec
from budget_audit.rules import common

from tests.conftest import CORPUS, findings

TRAIN = CORPUS.parent / "train"

# The thirteen tables of the Shanxi sample with their titles as printed (tests/test_sample.py reads the same).
SHANXI_KEYS = ("BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT07a", "BT07", "BT08", "BT09", "BT10", "BT11", "BT12")
SHANXI_TITLES = [
    "2024年预算收支总表", "2024年预算收入总表", "2024年预算支出总表", "2024年财政拨款收支总表",
    "2024年一般公共预算支出预算表（不含上年结转）", "2024年一般公共预算安排基本支出分经济科目表（不含上年结转）",
    "2024年政府性基金预算收入表(不含上年结转)", "2024年政府性基金预算支出表(不含上年结转)",
    "2024年国有资本经营预算收支预算表(不含上年结转)", "2024年财政拨款安排“三公”经费支出预算表",
    "2024年财政拨款安排机关运行经费预算表", "2024年项目支出预算表(本年预算)", "2024年项目支出预算表(上年结转)",
]
# A Xi'an 部门综合预算 2022 (西安市商务局): 不含上年结转 in five titles, project tables, no BT07a, BT08 or BT10.
XIAN_KEYS = ("BT01", "BT02", "BT03", "BT04", "BT05", "BT16", "BT06", "BT07", "BT11", "BT13", "BT09", "BT15", "BT14")
XIAN_TITLES = [
    "2022年部门综合预算收支总表", "2022年部门综合预算收入总表", "2022年部门综合预算支出总表",
    "2022年部门综合预算财政拨款收支总表", "2022年部门综合预算一般公共预算支出明细表(按功能科目分)",
    "2022年部门综合预算一般公共预算支出明细表(按经济分类科目分)", "2022年部门综合预算一般公共预算基本支出明细表(按功能科目分)",
    "2022年部门综合预算政府性基金收支表(不含上年结转)", "2022年部门综合预算专项业务经费支出表",
    "2022年部门综合预算政府采购(资产配置、购买服务)预算表(不含上年结转)",
    "2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表(不含上年结转)",
    "2022年部门整体支出绩效目标表", "2022年专项资金总体绩效目标表",
]
SHANGHAI_KEYS = ("BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT07", "BT08", "BT09")
SHANGHAI_TITLES = ["2025年财务收支预算总表", "2025年“三公”经费和机关运行经费预算表"]


# ---------------------------------------------------------------------------------------------
# One spec per key.
def test_every_catalogue_key_has_one_spec():
    assert list(TABLES) == list(TABLE_NAMES)   # the catalogue order (reports group tables by it) is the specs'
    assert list(TABLE_NAMES) == ["BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT07a", "BT07", "BT08", "BT09",
                                 "BT10", "BT11", "BT12", "BT13", "BT14", "BT15", "BT16", "FT01", "FT02", "FT03",
                                 "FT04", "FT05", "FT06", "FT07", "FT08", "FT09"]
    for key, name in TABLE_NAMES.items():
        table = spec(key)
        assert (table.key, table.name) == (key, name)
        assert table.kind == (cat.BUDGET if key.startswith("BT") else cat.FINAL)
    assert TABLE_NAMES["BT11"] == "项目支出表（本年预算）" and TABLE_NAMES["FT07"] == "一般公共预算财政拨款“三公”经费支出决算表"


def test_every_title_key_has_a_spec():
    for title in [*SHANXI_TITLES, *XIAN_TITLES, "收入支出决算总表", "一般公共预算财政拨款“三公”经费支出决算表",
                  "国有资本经营预算财政拨款支出决算表", "部门整体支出绩效目标表"]:
        key = cat.classify_title(title)
        assert key in TABLES, title


def test_spec_of_a_second_copy_and_of_an_unknown_table():
    assert spec("BT03~2") is spec("BT03")
    unknown = spec("unknown")
    assert (unknown.key, unknown.name, unknown.kind, unknown.coding, unknown.sides, unknown.summary,
            unknown.closed_by_total, unknown.lists, unknown.subject, unknown.twin) == \
           ("unknown", "", None, None, (), None, False, None, None, None)


def test_spec_fields_of_three_tables():
    assert spec("BT01") == cat.TableSpec("BT01", "收支总表", "budget", sides=(m.INCOME, m.EXPENDITURE), summary="all",
                                         twin="FT01")
    assert spec("BT08") == cat.TableSpec("BT08", "国有资本经营预算支出表", "budget", sides=(m.INCOME, m.EXPENDITURE),
                                         coding="function", split="purpose", subject="soe", twin="FT09")
    assert spec("BT12") == cat.TableSpec("BT12", "项目支出表（上年结转）", "budget", lists="projects", subject="carry")
    assert spec("BT08").two_sided and not spec("BT03").two_sided
    assert spec("BT11").lists_projects and not spec("BT10").lists_projects
    with pytest.raises(AttributeError):
        spec("BT01").coding = "economic"   # frozen


# ---------------------------------------------------------------------------------------------
# The derived key lists are the lists they replace.
def test_rule_key_lists_are_derived_from_the_specs():
    assert set(common.FUNCTION_TABLES) == {"BT02", "BT03", "BT05", "BT07", "BT07a", "BT08", "FT02", "FT03", "FT05",
                                           "FT08", "FT09"}
    assert common.ECONOMIC_TABLES == ("BT06", "BT16", "FT06")
    assert common.SUMMARY_TABLES == ("BT01", "BT04", "FT01", "FT04")   # iterated: the order is kept
    assert keys_where(summary="all") == ("BT01", "FT01")
    assert keys_where(lambda t: t.two_sided) == ("BT01", "BT04", "BT08", "FT01", "FT04")


def test_recogniser_traits_are_derived_from_the_specs():
    assert set(keys_where(closed_by_total=True)) == {"BT02", "BT03", "BT05", "BT06", "BT07", "BT07a", "BT09", "BT10",
                                                     "FT02", "FT03", "FT05"}
    assert keys_where(lambda t: t.lists_projects) == ("BT11", "BT12")
    assert keys_where(lambda t: t.lists) == ("BT10", "BT11", "BT12", "BT13")   # C003's tables, in its order
    assert keys_where(subject="three") == ("BT09", "FT07")                     # R002's tables, in its order
    assert keys_where(target_sheet=True) == ("BT14", "BT15")


def test_split_and_subject_traits():
    assert set(keys_where(split="purpose")) == {"BT03", "BT05", "BT07", "BT08", "FT03", "FT05", "FT08", "FT09"}
    assert keys_where(split="personnel_public") == ("BT06", "FT06")
    assert keys_where(split="source") == ("BT02", "FT02")
    subjects = {key: table.subject for key, table in TABLES.items() if table.subject}
    assert subjects == {"BT07": "fund", "BT07a": "fund", "FT08": "fund", "BT08": "soe", "FT09": "soe", "BT09": "three",
                        "FT07": "three", "BT10": "running", "BT12": "carry", "BT13": "purchase"}


def test_twins_pair_budget_and_final_tables():
    twins = {key: table.twin for key, table in TABLES.items() if table.twin}
    assert twins == {"BT01": "FT01", "BT02": "FT02", "BT03": "FT03", "BT04": "FT04", "BT05": "FT05", "BT06": "FT06",
                     "BT07": "FT08", "BT08": "FT09", "BT09": "FT07", "FT01": "BT01", "FT02": "BT02", "FT03": "BT03",
                     "FT04": "BT04", "FT05": "BT05", "FT06": "BT06", "FT07": "BT09", "FT08": "BT07", "FT09": "BT08"}
    for key, twin in twins.items():
        assert spec(twin).twin == key and spec(twin).kind != spec(key).kind


@pytest.mark.parametrize("name, test", [
    ("TWO_SIDED", lambda t: t.two_sided),
    ("FUNCTION_CODED", lambda t: t.coding == "function"),
    ("ECONOMIC", lambda t: t.coding == "economic"),
    ("LISTS", lambda t: t.lists_projects),
])
def test_recogniser_constants_agree_with_the_specs(name, test):
    """The recogniser's own key sets (recognise/patterns.py, formerly tables.py), until it reads the specs."""
    modules = []
    for module in ("budget_audit.recognise.patterns", "budget_audit.recognise.tables"):
        try:
            modules.append(importlib.import_module(module))
        except ImportError:
            continue
    constant = next((getattr(module, name) for module in modules if hasattr(module, name)), None)
    if constant is None:
        pytest.skip(f"the recogniser defines no {name}: nothing to keep in step with the specs")
    assert set(constant) == set(keys_where(test))


# ---------------------------------------------------------------------------------------------
# Profiles.
def test_profile_table_sets():
    assert list(PROFILES) == ["final-9", "shanxi-13", "shanghai-9", "mof-9"]   # the order they are tried in
    assert {name: (p.name_zh, p.required, p.optional) for name, p in PROFILES.items()} == {
        "mof-9": ("财政部 9 张表", ("BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT07", "BT09"), ("BT08",)),
        "shanxi-13": ("山西 13 张表", SHANXI_KEYS, ()),
        "shanghai-9": ("上海 9 张表", SHANGHAI_KEYS, ()),
        "final-9": ("决算 9 张表", ("FT01", "FT02", "FT03", "FT04", "FT05", "FT06", "FT07", "FT08"), ("FT09",)),
    }
    for profile in PROFILES.values():
        assert set(profile.required) | set(profile.optional) <= set(TABLES)


def test_shanxi_set_is_detected_from_its_own_tables():
    assert detect_profile("budget", SHANXI_KEYS, SHANXI_TITLES).name == "shanxi-13"
    # one of its four own tables unrecognised: still Shanxi, so S001 can name the missing one
    for missing in cat.SHANXI_MARKS:
        keys = [key for key in SHANXI_KEYS if key != missing]
        assert detect_profile("budget", keys, SHANXI_TITLES).name == "shanxi-13", missing
    # two of them missing: the set is not the Shanxi one, although its other titles say 不含上年结转
    keys = [key for key in SHANXI_KEYS if key not in ("BT07a", "BT10")]
    titles = [title for title in SHANXI_TITLES if cat.classify_title(title) in keys]
    assert len(titles) == 11 and sum("不含上年结转" in title for title in titles) == 4
    assert detect_profile("budget", keys, titles).name == "mof-9"


def test_the_words_not_the_region_do_not_make_a_shanxi_document():
    contents = Contents.of("budget", XIAN_KEYS, XIAN_TITLES)
    assert contents.titled("不含上年结转")   # what made the old test call it Shanxi
    assert detect_profile("budget", XIAN_KEYS, XIAN_TITLES).name == "mof-9"
    # Xi'an 2021 and 2026 sets add the 上年结转 project table: two marks of four, still MOF
    assert detect_profile("budget", (*XIAN_KEYS, "BT12"), XIAN_TITLES).name == "mof-9"
    # a region in the titles decides nothing
    regional = ["山西省" + title for title in XIAN_TITLES] + ["陕西省西安市2022年部门综合预算"]
    assert detect_profile("budget", XIAN_KEYS, regional).name == "mof-9"


def test_shanghai_final_and_mof_detection():
    assert detect_profile("budget", SHANGHAI_KEYS, SHANGHAI_TITLES).name == "shanghai-9"
    assert detect_profile("budget", (*SHANGHAI_KEYS, "BT10"), SHANGHAI_TITLES).name == "mof-9"   # its own BT10
    assert detect_profile("final", ("FT01", "FT03"), ["收入支出决算总表", "支出决算表"]).name == "final-9"
    assert detect_profile("final", SHANXI_KEYS, SHANXI_TITLES).name == "final-9"
    assert detect_profile("budget", (), []).name == "mof-9"


def test_s001_names_the_profile_from_the_catalogue(variant):
    assert variant.meta.profile == "shanxi-13"
    variant.meta.profile = "mof-9"
    del variant.tables["BT03"]
    s001 = findings(audit_disclosure(variant), "S001")
    assert [(f.severity, f.message["zh"]) for f in s001] == [
        (m.Severity.WARNING, "缺少必备表格 BT03“支出总表”（财政部 9 张表）；目录列有“三、 2024年预算支出总表”（第 5 页），正文中却没有")]


@pytest.fixture
def train() -> object:
    if not TRAIN.is_dir():
        pytest.skip(f"training corpus not present: {TRAIN} (the Xi'an profile test reads a real PDF)")
    return TRAIN


def test_xian_document_is_not_shanxi(train):
    """西安市国资委 2022: its titles say 不含上年结转, it has BT11 but neither BT07a nor BT10 nor BT12 — so it is
    MOF-9, and S001 no longer reports BT07a/BT08/BT10/BT12 as missing required tables."""
    result = audit_path(train / "xian" / "西安市人民政府国有资产监督管理委员会_2022年部门预算.pdf")
    disclosure = result.disclosure
    assert "不含上年结转" in "".join(table.title for table in disclosure.tables.values())
    assert "BT11" in disclosure.tables and not {"BT07a", "BT10"} & set(disclosure.tables)
    assert disclosure.meta.profile == "mof-9"
    missing = [(f.severity, f.message["zh"].split("；")[0]) for f in findings(result, "S001")
               if f.message["zh"].startswith("缺少")]
    assert missing == [(m.Severity.INFO, "缺少可选表格 BT08“国有资本经营预算支出表”（财政部 9 张表）")]
