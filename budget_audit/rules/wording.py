"""N013–N014: the narrative's wording checked against the document itself: the year it compares with, and a
template's choices left in the published text. Free text, so never above WARNING."""
from __future__ import annotations

from budget_audit import model as m
from budget_audit.rules.base import Context, rule
from budget_audit.rules.common import statement_location

WARNING = m.Severity.WARNING


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
    for statement in disclosure.statements:
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
    for statement in disclosure.statements:
        if statement.alternatives:
            shown = "、".join(dict.fromkeys(statement.alternatives))
            yield ctx.info("N014", (f"模板选择项未删改：“{shown}”", f"template alternatives left in the text: “{shown}”"),
                           [statement_location(statement)], severity=WARNING)
