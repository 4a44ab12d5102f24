"""N013, N014, N016, N018: the narrative's wording checked against the document itself: the year it compares with,
a template's choices left in the published text, its punctuation, and the level it calls its budget by. Free text,
so never above WARNING."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import statement_location

WARNING, INFO = m.Severity.WARNING, m.Severity.INFO


@rule("N013", WARNING, zh="情况说明与本年度比较", en="The narrative compares the year with itself",
      summary_zh="预算说明的增减应与上一年比较：2026年预算写“比2026年预算增加”是年份错误。",
      summary_en="A budget's changes are against the year before: “比2026年预算增加” in a 2026 budget names the wrong year.")
def compared_year(disclosure: m.Disclosure, ctx: Context):
    """What: in a budget for year Y, a sentence that compares a figure with Y itself (比Y年预算增加 D, 与Y年预算
    持平) names the wrong year: the change is against Y−1.

    Why: a year copied from the title into the comparison misleads the reader about what changed, and shows the
    text was not read again after the template was filled in.

    Formula: every year after 比/较/同比 or 与…相比/预算/持平 < Y (budgets only: a 决算 compares Y's outturn with
    Y's budget).

    Example: 上海市普陀区司法局 2026 部门预算: “财政拨款收入9628.22万元,比2026年预算增加793.14万元” and four more.
    """
    year = disclosure.meta.year
    if year is None or disclosure.meta.kind != "budget":
        return
    for statement in disclosure.statements + disclosure.remarks:
        if year in statement.compared_years:
            yield ctx.info("N013", (f"{year}年预算与“{year}年”比较，应为与{year - 1}年比较",
                                    f"a {year} budget compared with “{year}”; the year before is {year - 1}"),
                           [statement_location(statement)], severity=WARNING)


@rule("N014", WARNING, zh="模板选择项未定稿", en="Template alternatives left unresolved",
      summary_zh="情况说明中留有模板的选择项，如“增加(减少)”“增长(下降)”，应按实际删去其一。",
      summary_en="The narrative keeps a template's alternatives such as “增加(减少)”: one word should have been struck.")
def template_alternatives(disclosure: m.Disclosure, ctx: Context):
    """What: a sentence that prints both words of a template's choice (增加(减少), 增长(下降), (增加)减少) was
    published before the choice was made.

    Why: it says neither whether the figure rose or fell, and signals a narrative copied from the template
    without being read.

    Formula: no 增加/减少/增长/下降/上升/降低 followed or preceded by another of them in brackets.

    Example: 江苏省人大常委会 2019 部门预算: “与上年相比增加(减少)0万元,增长(减少)0%”.
    """
    for statement in disclosure.statements + disclosure.remarks:
        if statement.alternatives:
            shown = "、".join(dict.fromkeys(statement.alternatives))
            yield ctx.info("N014", (f"模板选择项未删改：“{shown}”", f"template alternatives left in the text: “{shown}”"),
                           [statement_location(statement)], severity=WARNING)


_FLAWS = {
    m.DOUBLED_STOP: ("句号重复", "a doubled full stop"),
    m.PAUSE_BEFORE_STOP: ("句号前多出逗号、分号或冒号", "a comma, semicolon or colon before a full stop"),
    m.ENGLISH_COMMA: ("中文句子中使用英文逗号", "an English comma in Chinese prose"),
    m.UNMATCHED_BRACKET: ("括号不配对", "a bracket without its pair"),
    m.UNMATCHED_QUOTE: ("引号不配对", "a quotation mark without its pair"),
}
_SHOWN = 5   # places listed in one finding; the count says how many there are


def _places(found: list, words: list[str]) -> tuple[str, list[m.Location]]:
    """The first places of a wording finding (each with page, section and line), as the message lists them
    (第21页 “2026年部门预算安排”；…) and as locations, their words quoted."""
    shown = list(zip(found, words))[:_SHOWN]
    text = "；".join(f"第{item.page}页 “{quoted}”" for item, quoted in shown)
    return text, [m.Location(None, item.section, item.page, None, None, text=quoted, line=item.line)
                  for item, quoted in shown]


@rule("N016", INFO, zh="情况说明标点瑕疵", en="Punctuation flaws in the narrative",
      summary_zh="情况说明中的“。。”“，。”、不配对的括号或引号、中文句子中的英文逗号。",
      summary_en="“。。”, “，。”, brackets or quotes without their pair, English commas in Chinese prose.")
def punctuation(disclosure: m.Disclosure, ctx: Context):
    """What: the narrative as printed has no doubled full stop (。。), no comma, semicolon or colon right before a
    full stop (，。), no bracket or quotation mark without its pair, and no English comma between Chinese words.
    Each kind is one finding listing where it is printed (page and line, with the words around it). Brackets and
    quotes are paired over a whole section, its heading included, because an aside may run over paragraphs;
    English commas count only where Chinese ones are the rule (one for every ten at most).

    Why: a published document is proof-read; these slips are what a reader notices first, and an unclosed
    bracket often marks a sentence cut short in editing.

    Formula: none of 。。 / [，,、；;：:]。 / unpaired ( ) “ ” / Han,Han in the printed text.

    Example: the third party's copy of 上海市普陀区财政局 2024 决算 prints “国有资本经营预算财政拨款。。”; the
    上海市普陀区规划和自然资源局 2024 决算 opens “平均得分99.33分（其中，绩效评级为…” and never closes it.
    """
    by_kind: dict[str, list[m.TextFlaw]] = {}
    for flaw in disclosure.text_flaws:
        by_kind.setdefault(flaw.kind, []).append(flaw)
    for kind, flaws in by_kind.items():
        zh, en = _FLAWS[kind]
        places, locations = _places(flaws, [flaw.excerpt for flaw in flaws])
        more = f" 等 {len(flaws)} 处" if len(flaws) > _SHOWN else ""
        yield ctx.info("N016", (f"{zh}：{places}{more}", f"{en}: {len(flaws)} place(s), first “{flaws[0].excerpt}”"),
                       locations)


_LEVEL_NAMES = {"department": ("部门", "department"), "unit": ("单位", "unit")}


@rule("N018", WARNING, zh="预算级次称谓不符", en="The narrative calls the budget by the other level",
      summary_zh="单位预算的说明写作“部门预算安排”（或部门预算写作“单位预算安排”），与文档级次不符。",
      summary_en="A 单位预算 that says “部门预算安排” (or the reverse) names the other level's budget.")
def level_wording(disclosure: m.Disclosure, ctx: Context):
    """What: where the narrative names its own budget with a level (2026年部门预算安排购置车辆0辆, 本单位预算收入), the
    level is the document's: a 单位预算 says 单位预算, a 部门预算 says 部门预算. Only such self-references count;
    部门预算 as the system's name (纳入部门预算管理) or a table's (部门预算经济分类) is not one.

    Why: the sentence was copied from the other level's template; a reviewer's checklist asks for it to be changed.

    Formula: level word = document level (documents whose level is known).

    Example: 上海市普陀区司法局 2026 单位预算: “2026年部门预算安排购置车辆0辆” — its 公开情况检查表 asks for
    “单位预算安排……” → WARNING.
    """
    level = disclosure.meta.level
    wrong = [word for word in disclosure.level_words if level in _LEVEL_NAMES and word.level != level]
    if wrong:
        own, other = _LEVEL_NAMES[level], _LEVEL_NAMES[wrong[0].level]
        shown, locations = _places(wrong, [word.text for word in wrong])
        yield ctx.info("N018", (f"本文档为{own[0]}预算，说明中写作{other[0]}预算：{shown}",
                                f"a {own[1]} budget whose narrative names a {other[1]} budget: “{wrong[0].text}”"),
                       locations, severity=WARNING)
