"""What the printed words mean: table titles → catalogue keys, header labels → column roles,
row labels → row kinds, class names → codes. Pure vocabulary, no parsing state."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from budget_audit import model as m
from budget_audit.read.normalise import compact

# ---------------------------------------------------------------------------------------------
# Tables: one description per catalogue key (spec/checks.md §A). Everything the recogniser and the rules
# need to know about a kind of table, whatever its layout, is a field here; a rule that asks "is this a
# function-coded table?" asks the spec (`spec(key).coding == "function"`), never a list of keys of its own.
BUDGET, FINAL = "budget", "final"
FUNCTION, ECONOMIC = "function", "economic"


@dataclass(frozen=True)
class TableSpec:
    key: str                        # BT01 … BT16, BT07a (预算), FT01 … FT09 (决算)
    name: str                       # the MOF name (checks.md §A); local titles vary
    kind: str | None                # BUDGET or FINAL; None for a key outside the catalogue
    # The sides a table may print side by side, income block left of the expenditure block (the two
    # 收支总表, and the Shanxi 国有资本经营预算收支预算表); () for a table whose rows carry no side.
    sides: tuple[str, ...] = ()
    # A 收支总表 whose two sides balance (B001, B002, C002): "all" funds (收支总表) or "fiscal" (财政拨款收支总表).
    summary: str | None = None
    coding: str | None = None       # rows keyed by FUNCTION (支出功能分类) or ECONOMIC (经济分类) codes
    # What the amount columns split each row's 合计 into (R001): "purpose" (基本支出 | 项目支出, which K003 checks
    # by code), "personnel_public" (人员经费 | 公用经费 by economic class, K005) or "source" (the income sources,
    # 上年结转 inside 合计 unless the column is headed 本年).
    split: str | None = None
    closed_by_total: bool = False   # its last row is the 合计 row: a text dump that ends before it was cut off
    # A list table whose 合计 is the sum of its rows (C003): "units" (机关运行经费 by unit), "projects" (项目支出表,
    # 合计 = every funding column incl. 上年结转) or "purchases" (政府采购 items).
    lists: str | None = None
    # What a single-subject table is about, for the notes that explain an empty one (S003): "fund", "soe",
    # "three" (“三公”经费: fixed item rows 因公出国/公务接待/公务用车, R002), "running", "carry", "purchase".
    subject: str | None = None
    twin: str | None = None         # the same table in the other kind: budget BT03 ↔ 决算 FT03
    target_sheet: bool = False      # a 绩效目标表: indicators and text, not an amount table (S003, S005 skip it)

    @property
    def two_sided(self) -> bool:
        return bool(self.sides)

    @property
    def lists_projects(self) -> bool:
        return self.lists == "projects"


_BOTH = (m.INCOME, m.EXPENDITURE)
_FN, _EC = FUNCTION, ECONOMIC
TABLES: dict[str, TableSpec] = {table.key: table for table in (
    TableSpec("BT01", "收支总表", BUDGET, sides=_BOTH, summary="all", twin="FT01"),
    TableSpec("BT02", "收入总表", BUDGET, coding=_FN, split="source", closed_by_total=True, twin="FT02"),
    TableSpec("BT03", "支出总表", BUDGET, coding=_FN, split="purpose", closed_by_total=True, twin="FT03"),
    TableSpec("BT04", "财政拨款收支总表", BUDGET, sides=_BOTH, summary="fiscal", twin="FT04"),
    TableSpec("BT05", "一般公共预算支出表", BUDGET, coding=_FN, split="purpose", closed_by_total=True, twin="FT05"),
    TableSpec("BT06", "一般公共预算基本支出表", BUDGET, coding=_EC, split="personnel_public", closed_by_total=True,
              twin="FT06"),
    TableSpec("BT07a", "政府性基金预算收入表", BUDGET, coding=_FN, closed_by_total=True, subject="fund"),
    TableSpec("BT07", "政府性基金预算支出表", BUDGET, coding=_FN, split="purpose", closed_by_total=True, subject="fund",
              twin="FT08"),
    TableSpec("BT08", "国有资本经营预算支出表", BUDGET, sides=_BOTH, coding=_FN, split="purpose", subject="soe",
              twin="FT09"),
    TableSpec("BT09", "“三公”经费支出表", BUDGET, closed_by_total=True, subject="three", twin="FT07"),
    TableSpec("BT10", "机关运行经费表", BUDGET, closed_by_total=True, lists="units", subject="running"),
    TableSpec("BT11", "项目支出表（本年预算）", BUDGET, lists="projects"),
    TableSpec("BT12", "项目支出表（上年结转）", BUDGET, lists="projects", subject="carry"),
    TableSpec("BT13", "政府采购预算表", BUDGET, lists="purchases", subject="purchase"),
    TableSpec("BT14", "项目绩效目标表", BUDGET, target_sheet=True),
    TableSpec("BT15", "部门整体支出绩效目标表", BUDGET, target_sheet=True),
    TableSpec("BT16", "一般公共预算支出经济分类表", BUDGET, coding=_EC),
    TableSpec("FT01", "收入支出决算总表", FINAL, sides=_BOTH, summary="all", twin="BT01"),
    TableSpec("FT02", "收入决算表", FINAL, coding=_FN, split="source", closed_by_total=True, twin="BT02"),
    TableSpec("FT03", "支出决算表", FINAL, coding=_FN, split="purpose", closed_by_total=True, twin="BT03"),
    TableSpec("FT04", "财政拨款收入支出决算总表", FINAL, sides=_BOTH, summary="fiscal", twin="BT04"),
    TableSpec("FT05", "一般公共预算财政拨款支出决算表", FINAL, coding=_FN, split="purpose", closed_by_total=True,
              twin="BT05"),
    TableSpec("FT06", "一般公共预算财政拨款基本支出决算表", FINAL, coding=_EC, split="personnel_public", twin="BT06"),
    TableSpec("FT07", "一般公共预算财政拨款“三公”经费支出决算表", FINAL, subject="three", twin="BT09"),
    TableSpec("FT08", "政府性基金预算财政拨款收入支出决算表", FINAL, coding=_FN, split="purpose", subject="fund",
              twin="BT07"),
    TableSpec("FT09", "国有资本经营预算财政拨款支出决算表", FINAL, coding=_FN, split="purpose", subject="soe",
              twin="BT08"),
)}
TABLE_NAMES = {key: table.name for key, table in TABLES.items()}


def spec(key: str) -> TableSpec:
    """The description of a table key; a second copy's key (`BT03~2`) is its table's, and a key outside the
    catalogue (`unknown`) has no traits at all."""
    base = key.split("~")[0]
    return TABLES.get(base) or TableSpec(base, "", None)


def keys_where(test: Callable[[TableSpec], object] | None = None, **traits) -> tuple[str, ...]:
    """The catalogue keys, in catalogue order, whose spec has every trait given (`coding="function"`) and
    passes `test` (`lambda t: t.summary`)."""
    return tuple(key for key, table in TABLES.items()
                 if all(getattr(table, name) == value for name, value in traits.items())
                 and (test is None or test(table)))


# A title ends in 表, perhaps followed by a parenthesis: （不含上年结转）, (本年预算).
_TITLE_END = re.compile(r"表(?:\([^()]*\))?$")
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|\d+[、.．](?!\d)|\(\d+\)|[①-⑳]|"
    r"第[一二三四五六七八九十]+部分)\s*"
)
_TABLE_NUMBER = re.compile(r"^(?:附表|表|公开|预算|部门预算|决算)?\s*\d{1,2}(?:-\d{1,2})?表?[:：]?\s*")
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")


def strip_ordinal(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _ORDINAL.sub("", text).strip()
    return text


def classify_title(text: str) -> str | None:
    """The catalogue key of a table title, or None when `text` is not a table title."""
    key = compact(text)
    if not key or _PART_HEADING.match(key) or key.startswith("(") or not _TITLE_END.search(key) \
            or re.search(r"[,。;]", key):
        return None
    key = _TABLE_NUMBER.sub("", strip_ordinal(key))
    if len(key) > 80:
        return None
    return _final_key(key) if "决算" in key else _budget_key(key)


def _budget_key(key: str) -> str | None:
    key = key.replace("总体情况表", "总表")   # 收支总体情况表 (Chongqing, Guangzhou, Hunan, Shandong)
    if "绩效目标" in key or "绩效指标" in key or "绩效表" in key:
        return "BT15" if "整体" in key else "BT14"
    if "三公" in key:
        return "BT09"
    if "机关运行经费" in key:
        return "BT10"
    if "政府采购" in key:
        return "BT13"
    if "经济分类" in key and "一般公共预算" in key and "基本支出" not in key:
        return "BT16"
    carried = key.replace("不含上年结转", "")
    if ("项目支出" in carried and ("上年结转" in carried or "结转" in carried.split("项目支出")[-1])) or (
            "上年结转" in carried and "支出表" in carried and "收支" not in carried):
        return "BT12"
    if "项目支出" in key or "项目经费" in key or "专项业务经费" in key:
        return "BT11"
    if "财政拨款收支" in key:
        return "BT04"
    if "国有资本经营预算" in key:
        return "BT08"
    if "政府性基金" in key:
        return "BT07a" if "收入" in key and "支出" not in key else "BT07"
    if "基本支出" in key:
        return "BT06"
    if "一般公共预算" in key and "支出" in key:
        return "BT05"
    if "收支" in key and "总表" in key:
        return "BT01"
    if "收入" in key and "总表" in key:
        return "BT02"
    if "支出" in key and "总表" in key:
        return "BT03"
    return None


def _final_key(key: str) -> str | None:
    if "三公" in key:
        return "FT07"
    if "财政拨款收入支出决算总表" in key or "财政拨款收支决算总表" in key:
        return "FT04"
    if "收入支出决算总表" in key or "收支决算总表" in key:
        return "FT01"
    if "政府性基金" in key:
        return "FT08"
    if "国有资本经营" in key:
        return "FT09"
    if "基本支出" in key:
        return "FT06"
    if "一般公共预算" in key:
        return "FT05"
    if "收入决算表" in key:
        return "FT02"
    if "支出决算表" in key:
        return "FT03"
    return None


# ---------------------------------------------------------------------------------------------
# Table sets (profiles): which tables a document of a template must print (S001), and how a document is
# recognised as that template — from the tables it actually has, never from the region or unit it names.
@dataclass(frozen=True)
class Contents:
    """What a document's tables say about its template: its kind, the keys recognised, the titles printed."""
    kind: str                       # BUDGET or FINAL
    keys: frozenset[str]
    titles: str                     # every table title, compacted and joined

    @classmethod
    def of(cls, kind: str, keys, titles) -> "Contents":
        return cls(kind, frozenset(keys), "".join(compact(title) for title in titles))

    def titled(self, *words: str) -> bool:
        """True when the table titles use every one of `words`."""
        return all(word in self.titles for word in words)


@dataclass(frozen=True)
class Profile:
    name: str                       # mof-9, shanxi-13 …: the document meta's "profile"
    name_zh: str
    required: tuple[str, ...]       # missing → S001 WARNING
    optional: tuple[str, ...]       # missing → S001 INFO
    test: Callable[[Contents], bool]   # the content test: True when a document's tables are of this set

    def matches(self, contents: Contents) -> bool:
        return self.test(contents)


# The tables the Shanxi 13-table set prints beside the MOF nine: a separate 政府性基金 income table, the
# 机关运行经费 table and the two project tables. Three of the four make a Shanxi document (one may be
# unrecognised or missing: S001 then names it). The “（不含上年结转）” wording is no mark: Xi'an 部门综合预算
# 2021–2022 titles use it on five tables, and their set has BT11/BT12 but no BT07a or BT10.
SHANXI_MARKS = ("BT07a", "BT10", "BT11", "BT12")


def _shanxi(contents: Contents) -> bool:
    return contents.kind != FINAL and len(contents.keys & set(SHANXI_MARKS)) >= 3


def _shanghai(contents: Contents) -> bool:
    # 三公 and 机关运行经费 in one table (三公经费和机关运行经费预算表), no separate 机关运行经费表
    return contents.kind != FINAL and contents.titled("三公", "机关运行经费") and "BT10" not in contents.keys


# Tried in this order: a document's profile is the first whose content test passes (mof-9 takes any 预算).
# The 国资 table is optional in the MOF and 决算 sets: most local templates (Jiangsu 2017–2019, Chongqing,
# Changsha, Xi'an) and 决算 before 2019 leave it out.
PROFILES: dict[str, Profile] = {profile.name: profile for profile in (
    Profile("final-9", "决算 9 张表", ("FT01", "FT02", "FT03", "FT04", "FT05", "FT06", "FT07", "FT08"), ("FT09",),
            lambda contents: contents.kind == FINAL),
    Profile("shanxi-13", "山西 13 张表", ("BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT07a", "BT07", "BT08", "BT09",
                                       "BT10", "BT11", "BT12"), (), _shanxi),
    Profile("shanghai-9", "上海 9 张表", ("BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT07", "BT08", "BT09"), (),
            _shanghai),
    Profile("mof-9", "财政部 9 张表", ("BT01", "BT02", "BT03", "BT04", "BT05", "BT06", "BT07", "BT09"), ("BT08",),
            lambda contents: True),
)}


def detect_profile(kind: str, keys, titles) -> Profile:
    """The table set of a document of `kind` whose recognised table keys are `keys` and titles `titles`."""
    contents = Contents.of(kind, keys, titles)
    return next(profile for profile in PROFILES.values() if profile.matches(contents))


UNIT_CODE = "unit_code"   # 单位编码 / 部门代码: which unit a row is, not a classification code
OTHER_VIEW = "other_view"  # a second classification of the same expenditure printed beside the first
UNIT_NAME = "unit_name"   # the 预算单位 column of a table broken down by unit, beside its own name column


# ---------------------------------------------------------------------------------------------
# Header labels → column roles. Checked against the most specific header label first, then its
# parents; the first pattern that matches wins, so the order matters.
_ROLE_PATTERNS: list[tuple[str, str]] = [
    (r"政府(预算)?支出经济(科目|分类)|政府(预算)?经济分类", "gov_name"),
    (r"^(单位|部门|部门\(单位\)|预算单位)(编码|代码)$", UNIT_CODE),
    (r"^(序号|备注|说明|数量|规格型号|规格|型号|计量单位|项目简介)$", "info"),   # text or counts, never money
    # a performance-target sheet's indicator values, weights and scores: figures, never money
    (r"指标值|目标值|权重|分值", "info"),
    (r"科目编码|科目代码|功能科目编码|经济科目编码|^编码$|^代码$|项目代码", "code"),
    (r"^(行次|栏次)$", "line_no"),   # the 决算 总表's row numbers, not amounts
    (r"^类$", "code_class"), (r"^款$", "code_section"), (r"^项$", "code_item"),
    (r"科目名称|项目名称|单位名称|^名称$|^项目$|^项目\(|项目类别|经济科目名称|经济分类科目|功能分类科目|经济科目$|^科目$|^收入$|^支出$|名称$|^采购项目$",
     "name"),
    (r"增减\(?%\)?|增减率|增长率|增幅|变动率|^%$", m.CHANGE_RATE),
    (r"扣除|不含基建", "memo"),
    (r"政府采购", "memo"),   # 政府采购项目 (其中 … 预留给中小企业) beside a 支出总表: a memo, not a component
    (r"增减额|增减$|增减变动|变动额", m.CHANGE),
    (r"上年(预算|执行)数|上年数|上年预算|^执行数$", m.PRIOR),
    (r"上年.*结转|结转安排|上年结余", m.CARRYOVER),
    (r"当年预算安排|当年安排|本年预算安排|当年拨款", m.CURRENT),
    (r"^(合计|小计|总计|金额|预算|预算数|本年预算数|预算金额|本年预算|收入预算|决算数)$", m.TOTAL),
    (r"基本支出", m.BASIC), (r"项目支出|专项业务经费", m.PROJECT), (r"预留机动|机动经费", m.RESERVE),
    (r"人员经费|人员支出", m.PERSONNEL), (r"公用经费|公用支出", m.PUBLIC),
    (r"一般公共预算|^公共预算拨款", m.GENERAL), (r"政府性基金", m.FUND), (r"国有资本经营", m.SOE),
    (r"财政专户", m.SPECIAL), (r"单位资金", m.UNIT_FUNDS),
    (r"事业单位经营(服务)?收入|经营收入", m.OPERATING), (r"事业收入", m.BUSINESS), (r"上级补助收入", m.SUPERIOR),
    (r"附属单位上缴收入", m.AFFILIATED), (r"其[他它]收入|^其他资金$", m.OTHER), (r"上缴上级支出", m.REMIT),
    (r"使用非财政拨款结余|用事业基金弥补收支差额", m.BALANCE_USED), (r"上年实户资金余额", m.ACCOUNT_BALANCE),
    (r"经营支出", m.OPERATING_EXP), (r"对附属单位补助", m.SUBSIDY),
    (r"^(本级)?财政拨款(收入)?(合计|小计)?$", m.FISCAL),
    (r"合计|小计|总计", m.TOTAL),
    (r"^\d{4}年(度)?(预算数?)?$|预算数$|^金额|金额$|总额$", m.TOTAL),
]
_ROLE_RES = [(re.compile(pattern), role) for pattern, role in _ROLE_PATTERNS]

NON_AMOUNT_ROLES = frozenset({UNIT_NAME, UNIT_CODE, OTHER_VIEW, "info", "name", "code", "line_no", "gov_name", "code_class", "code_section", "code_item", "gov_code",
                              "gov_code_class", "gov_code_section", "gov_code_item"})


_GENERIC_TOTAL = re.compile(r"^(合计|小计|总计|金额)$")


def _label_role(label: str) -> str | None:
    for pattern, role in _ROLE_RES:
        if pattern.search(label):
            return role
    return None


def column_role(path: list[str]) -> str | None:
    """The role of a column from its header labels, outermost first: the most specific label decides."""
    for label in reversed([compact(part) for part in path if part.strip()]):
        role = _label_role(label)
        if role is not None:
            return role
    return None


def heading_role(path: list[str]) -> str | None:
    """For a generic 小计/合计 column: the amount role of the heading it stands under (基本支出/小计 →
    basic, 上年结转/小计 → carryover), or None."""
    labels = [compact(part) for part in path if part.strip()]
    if not labels or not _GENERIC_TOTAL.match(labels[-1]):
        return None
    for outer in reversed(labels[:-1]):
        role = _label_role(outer)
        if role not in (None, m.TOTAL, *NON_AMOUNT_ROLES):
            return role
    return None


HEADER_WORDS = re.compile(
    r"项目|科目|编码|名称|合计|小计|总计|金额|预算|收入|基金|国有资本|一般公共|其中|支出|结转|资金|经费|基本|当年|上年|本年|^\d{4}年|^类$|^款$|^项$"
    r"|单位|数$|决算|拨款|财政|执行|增减|%|^收$|^支$|行次|栏次|说明|分类"
)


# ---------------------------------------------------------------------------------------------
# Row labels.
TOTAL_LABEL = re.compile(r"^(合计|总计|本年收入合计|本年支出合计|收入总计|支出总计|单位合计|小计|合\s*计|总\s*计|收入合计|支出合计)$")

_SUMMARY_KINDS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(本年|当年)(收入|支出)(合计|小计)?$|^(收入|支出)合计$|^合计$"), m.CURRENT_TOTAL),
    (re.compile(r"^(收入|支出)总计$|^总计$"), m.GRAND_TOTAL),
    (re.compile(r"使用非财政拨款结余|用事业基金弥补收支差额|使用专用结余|使用结余"), m.SURPLUS_USE_ROW),
    (re.compile(r"^上年.{0,6}(结转|结余)[^支]{0,6}$|^年初.{0,6}结转和结余$"), m.CARRYOVER_ROW),
    (re.compile(r"年终.{0,8}结转|年末.{0,8}结转|结转下年|下年结转"), m.CARRYFORWARD_ROW),
    (re.compile(r"^结余分配$"), m.SURPLUS_SHARE_ROW),
]


def summary_row_kind(label: str) -> str | None:
    for pattern, kind in _SUMMARY_KINDS:
        if pattern.search(label):
            return kind
    return None


# Income-source rows of the summary tables → the column role of the same source in BT02.
_SOURCE_LABELS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"一般公共预算"), m.GENERAL), (re.compile(r"政府性基金"), m.FUND),
    (re.compile(r"国有资本经营"), m.SOE), (re.compile(r"财政专户"), m.SPECIAL),
    (re.compile(r"单位资金"), m.UNIT_FUNDS), (re.compile(r"事业单位经营收入|经营收入"), m.OPERATING),
    (re.compile(r"事业收入"), m.BUSINESS), (re.compile(r"上级补助"), m.SUPERIOR),
    (re.compile(r"附属单位上缴"), m.AFFILIATED), (re.compile(r"其他收入"), m.OTHER),
    (re.compile(r"使用非财政拨款结余|用事业基金弥补收支差额"), m.BALANCE_USED),
    (re.compile(r"上年实户资金余额"), m.ACCOUNT_BALANCE),
    (re.compile(r"财政拨款"), m.FISCAL),
]


def income_source(label: str) -> str | None:
    for pattern, role in _SOURCE_LABELS:
        if pattern.search(label):
            return role
    return None


_THREE_PUBLIC_ITEMS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"三公.*(合计|小计|总计)$"), "total"),
    (re.compile(r"因公出国"), "abroad"), (re.compile(r"公务接待"), "reception"),
    (re.compile(r"购置及运行"), "vehicle"), (re.compile(r"购置"), "vehicle_purchase"),
    (re.compile(r"运行"), "vehicle_operation"), (re.compile(r"^合计$|^总计$|^小计$"), "total"),
]


def three_public_item(label: str) -> str | None:
    for pattern, item in _THREE_PUBLIC_ITEMS:
        if pattern.search(label):
            return item
    return None


# ---------------------------------------------------------------------------------------------
# Classification names.
@lru_cache(maxsize=None)
def data_file(name: str) -> dict:
    """A JSON file bundled in budget_audit/data, parsed once per process."""
    return json.loads(resources.files("budget_audit.data").joinpath(name).read_text(encoding="utf-8"))


def function_classes() -> list[tuple[str, str]]:
    return [tuple(pair) for pair in data_file("function_classes.json")["classes"]]


def legacy_class_names() -> dict[str, list[str]]:
    return data_file("function_classes.json")["legacy_names"]


@lru_cache(maxsize=None)
def _class_code_by_name() -> dict[str, str]:
    names = {compact(name): code for code, name in function_classes()}
    for code, legacy in legacy_class_names().items():
        for name in legacy:
            names.setdefault(compact(name), code)
    return names


def class_code(label: str) -> str | None:
    """The 类 code of a 支出功能分类 class name (current or legacy), e.g. 社会保障和就业支出 → 208."""
    return _class_code_by_name().get(compact(label))


@lru_cache(maxsize=None)
def _class_prefixes() -> frozenset[str]:
    codes = {code for code, _name in function_classes()} | set(legacy_class_names())
    for kind in ("department", "government"):
        codes.update(code[:3] for code in economic_names(kind))
    return frozenset(codes)


def names_a_class(code: str) -> bool:
    """Whether a printed code starts with a 类 of the function or economic classification (208…, 301…, 501…):
    a number at the head of a project's name (95128助老服务热线) does not."""
    return code[:3] in _class_prefixes()


def abbreviated_class_code(label: str) -> str | None:
    """The 类 of a class name printed short, as summary tables beside the amounts do: without its 支出
    (一般公共服务, 社会保障和就业), or cut further (文化旅游, 自然资源, 灾害防治及应急) when exactly one class
    begins so (four characters at least)."""
    short = compact(label)
    if not short or re.search(r"\d", short):
        return None
    exact = class_code(short + "支出")
    if exact:
        return exact
    if len(short) < 4:
        return None
    codes = {code for name, code in _class_code_by_name().items() if name.startswith(short)}
    return codes.pop() if len(codes) == 1 else None


def economic_names(kind: str) -> dict[str, str]:
    """code → name for kind 'department' (30101 …) or 'government' (50101 …)."""
    return data_file("economic_classes.json")[kind]


@lru_cache(maxsize=None)
def _economic_code_by_name(kind: str) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for code, name in economic_names(kind).items():
        names.setdefault(_name_key(name), []).append(code)
    return names


def _name_key(name: str) -> str:
    return compact(name).replace("(", "").replace(")", "")


def economic_codes(name: str, kind: str) -> list[str]:
    """Codes whose name is `name` in the department (30x) or government (50x) classification."""
    return _economic_code_by_name(kind).get(_name_key(name), [])
