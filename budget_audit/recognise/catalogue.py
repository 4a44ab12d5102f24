"""What the printed words mean: table titles → catalogue keys, header labels → column roles,
row labels → row kinds, class names → codes. Pure vocabulary, no parsing state."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from budget_audit import model as m
from budget_audit.read.normalise import compact

TABLE_NAMES = {
    "BT01": "收支总表", "BT02": "收入总表", "BT03": "支出总表", "BT04": "财政拨款收支总表",
    "BT05": "一般公共预算支出表", "BT06": "一般公共预算基本支出表", "BT07a": "政府性基金预算收入表",
    "BT07": "政府性基金预算支出表", "BT08": "国有资本经营预算支出表", "BT09": "“三公”经费支出表",
    "BT10": "机关运行经费表", "BT11": "项目支出表（本年预算）", "BT12": "项目支出表（上年结转）",
    "BT13": "政府采购预算表", "BT14": "项目绩效目标表", "BT15": "部门整体支出绩效目标表",
    "BT16": "一般公共预算支出经济分类表",
    "FT01": "收入支出决算总表", "FT02": "收入决算表", "FT03": "支出决算表", "FT04": "财政拨款收入支出决算总表",
    "FT05": "一般公共预算财政拨款支出决算表", "FT06": "一般公共预算财政拨款基本支出决算表",
    "FT07": "一般公共预算财政拨款“三公”经费支出决算表", "FT08": "政府性基金预算财政拨款收入支出决算表",
    "FT09": "国有资本经营预算财政拨款支出决算表",
}

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
    (r"科目编码|科目代码|功能科目编码|经济科目编码|^编码$|^代码$|项目代码", "code"),
    (r"^(行次|栏次)$", "line_no"),   # the 决算 总表's row numbers, not amounts
    (r"^类$", "code_class"), (r"^款$", "code_section"), (r"^项$", "code_item"),
    (r"科目名称|项目名称|单位名称|^名称$|^项目$|^项目\(|项目类别|经济科目名称|经济分类科目|功能分类科目|经济科目$|^科目$|^收入$|^支出$|名称$",
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
    (r"一般公共预算", m.GENERAL), (r"政府性基金", m.FUND), (r"国有资本经营", m.SOE),
    (r"财政专户", m.SPECIAL), (r"单位资金", m.UNIT_FUNDS),
    (r"事业单位经营收入|经营收入", m.OPERATING), (r"事业收入", m.BUSINESS), (r"上级补助收入", m.SUPERIOR),
    (r"附属单位上缴收入", m.AFFILIATED), (r"其他收入", m.OTHER), (r"上缴上级支出", m.REMIT),
    (r"经营支出", m.OPERATING_EXP), (r"对附属单位补助", m.SUBSIDY), (r"^财政拨款(收入)?(合计|小计)?$", m.FISCAL),
    (r"合计|小计|总计", m.TOTAL),
    (r"^\d{4}年(度)?(预算数?)?$|预算数$|^金额|金额$", m.TOTAL),
]
_ROLE_RES = [(re.compile(pattern), role) for pattern, role in _ROLE_PATTERNS]

NON_AMOUNT_ROLES = frozenset({UNIT_NAME, UNIT_CODE, OTHER_VIEW, "info", "name", "code", "line_no", "gov_name", "code_class", "code_section", "code_item", "gov_code",
                              "gov_code_class", "gov_code_section", "gov_code_item"})


_GENERIC_TOTAL = re.compile(r"^(合计|小计|总计)$")


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
