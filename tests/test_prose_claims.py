"""Claims the recogniser reads from prose for the rules that compare them (N007, N010, N011, P006), on text
copied from real documents: the lists of 人员经费/公用经费 items, the vehicles and equipment the narrative counts,
the units a section says the budget covers, and the amounts of the cost indicators of a 绩效目标表."""
from __future__ import annotations

from decimal import Decimal as D

from budget_audit import model as m
from budget_audit.read.layout import SourceLine
from budget_audit.recognise.assets import read_equipment_wordings, read_vehicle_counts
from budget_audit.recognise.attachments import build_attachment
from budget_audit.recognise.claims import build_statements
from budget_audit.recognise.composition import read_compositions
from budget_audit.recognise.narrative import build_sections


def _sections(*texts: str, page: int = 9) -> list[m.Section]:
    lines = [SourceLine(cells=(text,), lineno=number, page=page) for number, text in enumerate(texts, start=100)]
    return build_sections(lines, lambda _heading: None)


def _listed(*texts: str) -> list[tuple[str, tuple[str, ...]]]:
    statements = build_statements(_sections(*texts), 2026)
    return [(listed.what, listed.names) for statement in statements for listed in statement.listed_items]


# --- N007: what 人员经费 and 公用经费 consist of (recognise/listed_items.py) ------------------------------------

def test_the_items_a_sentence_lists_after_主要包括():
    # 国家信访局 2026 部门预算 p. 23-24: the list after 其中:人员经费…, then 公用经费's in the next paragraph
    assert _listed("六、关于一般公共预算基本支出表的说明",
                   "国家信访局2026年一般公共预算基本支出9,880.88万", "元,其中:",
                   "人员经费7,504.62万元,主要包括:基本工资、津贴补", "贴、奖金、机关事业单位基本养老保险缴费、职业年金缴费、",
                   "住房公积金、其他工资福利支出、离休费、退休费、抚恤金、", "奖励金、其他对个人和家庭的补助。",
                   "公用经费2,376.26万元,主要包括:办公费、印刷费、", "手续费、水费、电费、邮电费、取暖费、物业管理费、差旅",
                   "费、维修(护)费、租赁费、会议费、培训费、公务接待费、", "劳务费、委托业务费、工会经费、公务用车运行维护费、其",
                   "他交通费用、其他商品和服务支出、办公设备购置、其他资", "本性支出。") == [
        ("人员经费", ("基本工资", "津贴补贴", "奖金", "机关事业单位基本养老保险缴费", "职业年金缴费", "住房公积金",
                  "其他工资福利支出", "离休费", "退休费", "抚恤金", "奖励金", "其他对个人和家庭的补助")),
        ("公用经费", ("办公费", "印刷费", "手续费", "水费", "电费", "邮电费", "取暖费", "物业管理费", "差旅费",
                  "维修(护)费", "租赁费", "会议费", "培训费", "公务接待费", "劳务费", "委托业务费", "工会经费",
                  "公务用车运行维护费", "其他交通费用", "其他商品和服务支出", "办公设备购置", "其他资本性支出"))]


def test_the_等_closing_a_list_is_no_part_of_its_last_name():
    # 深圳市公安局本级 2026 部门预算 p. 6
    assert _listed("第三部分部门预算支出具体情况", "(二)公用经费37,131.84万元,主要包括公用综合定额",
                   "经费、水电费、物业管理费、工会经费和职工福利费等。") == [
        ("公用经费", ("公用综合定额经费", "水电费", "物业管理费", "工会经费和职工福利费"))]


# --- N010: vehicles and equipment (recognise/assets.py) ---------------------------------------------------
# The corpus writes 共有车辆 N 辆 and 单价100万元以上设备; only the sample (新绛县人力资源和社会保障局 2024 单位预算,
# samples/xinjiang_hrss_2024_unit_budget.txt) uses the wording these claims are read from.

def test_the_vehicles_owned_and_their_categories():
    (vehicles,) = read_vehicle_counts(_sections(
        "1、车辆情况", "截至 2023 年 12 月 31 日，本单位共有公务用车编制 0 辆，",
        "实有 0 辆，其中：领导用车 0 辆，机要通信用车 0 辆，应急保障用车 0 辆，执法执勤用车 0 辆，特种专业技术用车 0 辆，"
        "事业单位业务用车 0 辆，其他公务用车 0 辆。"))
    assert (vehicles.total, vehicles.categories) == (0, (0, 0, 0, 0, 0, 0, 0))
    assert vehicles.text.startswith("实有 0 辆，其中：领导用车 0 辆") and vehicles.text.endswith("其他公务用车 0 辆。")
    assert (vehicles.section, vehicles.line, vehicles.page) == ("1、车辆情况", 100, 9)


def test_equipment_of_100万元_and_more_called_通用设备():
    statements = build_statements(_sections(
        "3、其他国有资产占有使用情况", "截至 2023 年 12 月 31 日，本单位占有使用价值 50 万元（原值）以上的通用设备 0 台"
        "（套）；占有使用价值 100 万元（原值）以上的通用设备 0 台（套）。"), 2024)
    (wording,) = read_equipment_wordings(statements)
    assert wording.words == "100 万元（原值）以上的通用设备"
    assert wording.statement is statements[0]


def test_the_template_wording_of_equipment_is_no_claim():
    # 湖州市卫生健康委员会 2026 部门预算 p. 16: 50 万元 通用设备, 100 万元 专用设备, as the template has it
    statements = build_statements(_sections(
        "(三)国有资产占有使用情况", "单位价值50万元以上通用设备75台(套),单位价值100万元以上专用设备302台(套)。"), 2026)
    assert statements and read_equipment_wordings(statements) == []


# --- N011: the units a section says the budget covers (recognise/composition.py) ---------------------------

def test_administrative_units_only():
    # 湖州市交通运输局 2026 部门预算 p. 13
    (composition,) = read_compositions(_sections(
        "1.机关运行经费。", "2026年湖州市交通运输局本级1家行政单位的机关运行",
        "经费财政拨款预算108.32万元,比上年预算减少35.17万", "元,下降24.5%,主要是按照厉行节约有关要求,压减经费。"))
    assert (composition.administrative, composition.names_institutions, composition.text) == (1, False, "1家行政单位")
    assert (composition.section, composition.line, composition.page) == ("1.机关运行经费。", 100, 9)


def test_administrative_units_and_institutions():
    # 杭州市交通运输局 2026 部门预算 p. 15: the 参公 institutions are named 事业单位
    (composition,) = read_compositions(_sections(
        "1.机关运行经费", "2026年,本部门杭州市交通运输局1家行政单位及2", "家行政类参公事业单位的机关运行经费财政拨款预算",
        "8,989.73万元,比上年预算数减少217.38万元,下降", "2.4%,主要是工资总额基数减少。"))
    assert (composition.administrative, composition.names_institutions) == (1, True)


# --- P006: the amounts of a 绩效目标表's indicators (recognise/attachments.py) --------------------------------

def _indicators(*rows: tuple[str, ...]) -> list[m.Indicator]:
    lines = [SourceLine(cells=row, lineno=number, page=60) for number, row in enumerate(rows, start=1313)]
    return build_attachment(lines).indicators


def test_an_indicator_that_is_an_amount():
    # 西安市卫生健康委员会汇总 2022 部门决算 p. 60, 采供血人员经费项目
    cost, satisfaction = _indicators(
        ("项目名称", "", "采供血人员经费项目", "", "", "", "", "", "", "", ""),
        ("", "", "成本指标", "项目完成成本", "", "5166.99万元", "5166.99万元", "12.5", "12.5", "无", ""),
        ("", "满意度指标(10分)", "服务对象满意度指标", "全站职工满意度", "", "大于95%", "98%", "10", "9",
         "进一步提升血站职工满意度", ""))
    assert (cost.level3, cost.amount, cost.amount_unit, cost.per_unit) == ("项目完成成本", D("5166.99"), "万元", False)
    assert (satisfaction.value, satisfaction.amount, satisfaction.amount_unit) == ("大于95%", None, None)


def test_an_indicator_named_with_a_unit_price():
    # 西安市生态环境局 2022 部门预算 p. 63: the name quotes prices per station, the value is the project's cost
    (cost,) = _indicators(
        ("项目名称", "", "", "新增交通空气质量监测子站及现有仪器更新项目", "", ""),
        ("", "", "成本指标", "指标1:更新现有西三环公路站仪器,90.122万元/站;更新经开区城市道路站仪器,67.00万元/站;"
         "新建1座铁路货场交通空气质量监测子站247.785万元/站;建设一套数据管理业务平台71.5万", "450万元", ""))
    assert (cost.amount, cost.amount_unit, cost.per_unit) == (D("450"), "万元", True)
