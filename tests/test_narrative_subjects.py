"""What a narrative amount stands for (recognise/subjects.py), read from sentences of real disclosures, and how a
quote printed to other decimals than its cell is compared (rules/base.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from budget_audit import model as m
from budget_audit.read.normalise import compact, normalise_text
from budget_audit.recognise.claims import build_statements
from budget_audit.recognise.subjects import leave_sub_units
from budget_audit.rules.base import Context


def _subject(heading: str, text: str, amount: str, year: int = 2026) -> m.Subject | None:
    """The subject of the first amount printed `amount` in `text`."""
    text = compact(normalise_text(text))   # as the reader hands a paragraph on
    section = m.Section(heading=heading, part=None, line=1, paragraphs=[m.Paragraph(text=text, line=2)])
    return next(mention.subject for statement in build_statements([section], year) for mention in statement.mentions
                if mention.printed == amount and not (mention.delta or mention.prior))


# (document, section heading, sentence, amount, subject or None); None: the amount is left unverified
CASES = [
    ("sample", "一、单位预算收支数据变动情况及原因", "2024 年度本单位预算收入总计 351.16 万元，其中：本年收入 351.16 万元",
     "351.16万元", m.Subject(m.TOTAL, m.INCOME)),
    ("sample", "四、财政拨款收支预算总体情况说明", "2024 年度本单位财政拨款收支总预算 351.16 万元。", "351.16万元",
     m.Subject(m.TOTAL, m.INCOME, m.FISCAL)),
    ("sample", "六、一般公共预算基本支出情况说明", "2024 年度本单位一般公共预算安排基本支出 235.93 万元，其中：", "235.93万元",
     m.Subject(m.BASIC, m.EXPENDITURE, m.GENERAL)),
    ("sample", "（二）项目绩效目标", "2024年本单位纳入绩效目标管理的二级项目 9 个，共计金额 115.23 万元。", "115.23万元",
     m.Subject(m.PROJECT_TARGETS_SUBJECT)),
    ("sample", "（二）项目绩效目标", "其中其他运转类项目 0 个，涉及金额 0 万元；特定目标类项目 9 个，涉及金额 115.23 万元。",
     "115.23万元", None),   # one kind of projects, not all of them
    # 西安市审计局 2026: 当年预算收入 counts the 上年实户资金余额, so it is the 收支总表's total or this year's part
    ("西安市审计局", "五、收支预算总体情况说明", "本部门当年预算收入4,203.47万元，其中：一般公共预算拨款4,005.29万元",
     "4,203.47万元", m.Subject(m.BUDGET_SUBJECT, m.INCOME)),
    # 福州市商务局 2026: 预算安排 of whatever the sentence is about
    ("福州市商务局", "八、“三公”经费", "公务接待费2026年预算安排6.10万元", "6.10万元", None),
    # 重庆市气象局 2026: the 基金's 财政拨款, not all 财政拨款
    ("重庆市气象局", "三、财政拨款情况说明", "2026年政府性基金预算财政拨款收入579.89万元，", "579.89万元",
     m.Subject(m.BUDGET_SUBJECT, m.INCOME, m.FUND)),
    # 西安市人社局 2020: 公务接待费 listed under 机关运行经费 is part of the running costs
    ("西安市人社局", "十、机关运行经费安排情况", "2020 年机关运行经费预算总计82万元，其中：办公经费41.47万元，公务接待费2万元",
     "2万元", None),
    # 上海水产老干部活动室 2026: one class's 人员经费
    ("上海水产老干部活动室", "三、支出预算", "2.“农林水支出”科目83万元,主要用于人员经费18万元、公用经费58万元", "18万元", None),
    ("上海水产老干部活动室", "三、支出预算", "2.“农林水支出”科目83万元,主要用于人员经费18万元、公用经费58万元", "83万元",
     m.Subject(m.CLASS_SUBJECT, m.EXPENDITURE, code="213")),
    # 西安市民政局 2021: 具体为 details the 款 of the sentence before, not the unit's 公用经费
    ("西安市民政局", "2、支出按功能科目分类的明细情况。",
     "(1)进修及培训(20508)102.32万元,较上年增加102.32万元。具体为:人员经费0.00万元,较上年无变化;公用经费28.32万元",
     "28.32万元", None),
    # 深圳市人社局 2026: the parts of a sub-unit's budget, whatever its heading says
    ("深圳市人社局", "第二部分部门预算收支总体情况",
     "深圳市社会保险基金管理局本级预算11,429.20万元,包括在职人员经费4,013.28万元、公用经费336.28万元", "336.28万元", None),
    # the sample's 整体绩效: all the unit's spending, and its 基本支出
    ("sample", "（一）整体绩效目标", "部门上报的部门整体支出绩效目标涉及本级预算资金 351.16 万元，其中基本支出 235.93 万元",
     "351.16万元", m.Subject(m.TOTAL, m.EXPENDITURE)),
    ("sample", "（一）整体绩效目标", "部门上报的部门整体支出绩效目标涉及本级预算资金 351.16 万元，其中基本支出 235.93 万元",
     "235.93万元", m.Subject(m.BASIC, m.EXPENDITURE)),
    # a 决算 names the unit before the year: the unit owns the figure
    ("上海市普陀区财政局", "一、收入支出决算总体情况说明", "上海市普陀区财政局2024年度收入支出总计2995.39万元。",
     "2995.39万元", m.Subject(m.TOTAL, m.INCOME)),
    ("上海市普陀区财政局", "四、财政拨款收入支出决算总体情况说明", "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。",
     "0.3万元", m.Subject(m.TOTAL, m.INCOME, m.FISCAL)),
    # 无锡市交通运输局本级 2026 p40: a “三公” item named with 预算支出 after it
    ("无锡市交通运输局本级", "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明", "3.公务接待费预算支出2.02万元,与上年预算数相同。",
     "2.02万元", m.Subject(m.THREE_PUBLIC_SUBJECT, m.EXPENDITURE, item="reception")),
    # 无锡市交通运输局 2026: 支出 alone ends a phrase (用于…支出 10,000万元)
    ("无锡市交通运输局", "三、支出预算情况说明", "主要用于交通建设支出10,000万元", "10,000万元", None),
]


@pytest.mark.parametrize("document, heading, text, amount, subject", CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_subject_of_a_quoted_amount(document, heading, text, amount, subject):
    assert _subject(heading, text, amount) == subject


def test_a_section_headed_by_one_of_the_units_quotes_that_units_figures():
    # 深圳市生态环境局 2026 breaks its tables down by unit and gives each its section (一、深圳市生态环境局(本级)),
    # its heading sometimes wrapped (十、深圳市深圳河湾流域管理中心(深圳市治)
    sections = [m.Section(heading=heading, part=None, line=n, paragraphs=[m.Paragraph(text=text, line=n + 1)])
                for n, (heading, text) in enumerate([
                    ("一、深圳市生态环境局本级", "公用经费1,387.62万元,主要包括办公费。"),
                    ("十、深圳市深圳河湾流域管理中心(深圳市治", "公用经费365.84万元,主要包括水电费。"),
                    ("第二部分部门预算收支总体情况", "公用经费6,618.07万元。")])]
    statements = build_statements(sections, 2026)
    units = [m.Row(label=label, printed=label, cells={}, line=1, kind=m.UNIT_TOTAL_ROW)
             for label in ("深圳市生态环境局(本级)", "深圳市深圳河湾流域管理中心(深圳市治理深圳河办公室)")]
    leave_sub_units(statements, {"BT03": m.Table(key="BT03", title="", unit="万元", columns=[], rows=units, line=1)})
    assert [st.mentions[0].subject for st in statements] == [None, None, m.Subject(m.PUBLIC, m.EXPENDITURE)]


def test_a_list_left_open_after_a_semicolon_goes_on_in_the_next_paragraph():
    # 西安市民政局 2021: each part of a coded line's 具体为 list is a paragraph of its own, ending in ;
    texts = ["(2)商品和服务支出(302)5,000.00万元,较上年增加1.00万元。具体为:人员经费69.59万元,较上年增加69.59万元;",
             "公用经费163.47万元,较上年增加41.54万元。", "公用经费6,630.84万元。"]
    section = m.Section(heading="3、支出按经济科目分类的明细情况", part=None, line=1,
                        paragraphs=[m.Paragraph(text=text, line=n) for n, text in enumerate(texts, 2)])
    subjects = {mention.printed: mention.subject for statement in build_statements([section], 2021)
                for mention in statement.mentions if not mention.delta}
    assert subjects["69.59万元"] is None and subjects["163.47万元"] is None
    assert subjects["6,630.84万元"] == m.Subject(m.PUBLIC, m.EXPENDITURE)   # the list ended with its 。


def _cell(text: str, unit: str, table: str) -> m.Cell:
    value = Decimal(text.replace(",", ""))
    step = Decimal(1).scaleb(value.as_tuple().exponent)
    return m.Cell(text=text, value=value, unit=unit, table=table, row="合计", column="合计", page=1, line=1, step=step)


@pytest.mark.parametrize("quote, cell, cell_unit, status", [
    ("19,577", "195,774,300", "元", "pass"),        # 上海 单位预算: whole 万元 for a table in 元
    ("64022.46", "640224693.80", "元", "rounding"),  # 西安自然资源 2022: cut, not rounded
    ("2", "3.30", "万元", "fail"),                  # neither rounded nor cut
    ("351.17", "351.16", "万元", "rounding"),       # printed alike: one unit is a rounding note
])
def test_a_quote_is_the_cell_rounded_or_cut_to_its_decimals(quote, cell, cell_unit, status):
    ctx = Context(m.Disclosure(path="t", meta=m.Meta()))
    findings = list(ctx.same_check("N001", _cell(quote, "万元", m.NARRATIVE), _cell(cell, cell_unit, "BT01"), ("", "")))
    assert ctx.outcomes[-1].status == status
    assert len(findings) == (status != "pass")


def test_class_names_written_with_their_codes_are_read_once():
    # 上海市普陀区司法局 2026: an old edition's class name beside its code (X015 compares it with the tables)
    section = m.Section(heading="五、一般公共预算支出情况说明", part=None, line=1, paragraphs=[m.Paragraph(
        text="3.医疗卫生与计划生育支出(210类)行政事业单位医疗(11款)行政单位医疗(01项)45.20万元。", line=2)])
    (statement,) = build_statements([section], 2026)
    assert statement.named_codes == [("医疗卫生与计划生育支出", "210"), ("行政事业单位医疗", "21011"),
                                     ("行政单位医疗", "2101101")]
