"""U — unit and scale suspicions."""
from __future__ import annotations

from decimal import Decimal

from budget_audit import model as m
from budget_audit.rules.base import Context, rule

WARNING, INFO = m.Severity.WARNING, m.Severity.INFO
_POWERS = (Decimal(10), Decimal(100), Decimal(1000), Decimal(10000))


def power_of_ten(a: Decimal, b: Decimal) -> bool:
    """True when one amount is 10, 100, 1000 or 10000 times the other, within 0.5%."""
    if a <= 0 or b <= 0:
        return False
    ratio = max(a, b) / min(a, b)
    return any(abs(ratio - power) <= power * Decimal("0.005") for power in _POWERS)


@rule("U001", WARNING, zh="金额相差10的整数次幂", en="Amounts differ by a power of ten",
      summary_zh="本应相同的两个金额相差10、100、1000或10000倍，疑为单位或位数错误（作为P002等的标签报告）。",
      summary_en="Two amounts meant to be equal differ by 10^n: a unit or digit slip (reported as a tag on P002).",
      emitted_by="P002")
def _u001(disclosure, ctx):
    """What: two cells or quotes meant to be the same quantity whose ratio is 10, 100, 1000 or 10000 (within
    0.5%): a unit slip (元 typed as 万元) or a dropped digit.

    Why: a power-of-ten gap is rarely a real difference of opinion; it points at the cause.

    Formula: max/min ∈ {10, 100, 1000, 10000} ± 0.5%.

    Example: the sample: 2024年机关运行经费 5.00 万元 in 项目支出表 vs 5,000 元 = 0.50 万元 in its 绩效目标表 (ratio 10).
    It is reported once, as the tag UNIT_SUSPECT of that project's P002 finding.
    """
    return ()


@rule("U002", INFO, zh="金额精度异常", en="Unusual precision",
      summary_zh="万元表中有超过两位小数的金额，或元表中全部金额都是100的整数倍（疑为万元误贴）。",
      summary_en="A 万元 table with more than two decimals, or a 元 table whose every amount divides by 100.")
def precision(disclosure: m.Disclosure, ctx: Context):
    """What: a table in 万元 whose cells carry more than two decimals, or a table in 元 where every non-zero amount
    is a whole multiple of 100 (figures in 万元 pasted into a 元 table look like that).

    Why: precision tells the unit a figure was prepared in; a mismatch suggests a unit slip.

    Formula: decimals(万元 cell) ≤ 2; not all(元 cell % 100 = 0).

    Example: Beijing's 2026 tables print 万元 with six decimals (32,852.053832) → one INFO per table.
    """
    for table in disclosure.tables.values():
        cells = [cell for row in table.rows for cell in row.cells.values() if not cell.blank and cell.amount != 0]
        if len(cells) < 5:
            continue
        if table.unit == "万元":
            fine = [cell for cell in cells if cell.decimals > 2]
            if fine:
                yield ctx.info("U002", (f"{table.key}{table.title}（万元）有 {len(fine)} 个金额超过两位小数，如 {fine[0].text}",
                                        f"{table.key} (万元) has {len(fine)} amounts with more than two decimals, e.g. {fine[0].text}"),
                               [m.Location.of_cell(fine[0], table.title)])
        elif table.unit == "元" and all(cell.amount % 100 == 0 for cell in cells):
            yield ctx.info("U002", (f"{table.key}{table.title}（元）的 {len(cells)} 个金额全是100的整数倍，疑为万元数据",
                                    f"{table.key} (元): all {len(cells)} amounts are multiples of 100; 万元 figures pasted?"),
                           [m.Location.of_cell(cells[0], table.title)])
