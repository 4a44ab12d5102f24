"""Money as printed: exact `Decimal`s that keep their printed precision, and the §D tolerances."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

# Cells that mean "nothing here". They count as 0 in arithmetic but are not an explicit 0.
BLANK_MARKS = frozenset({"", "-", "—", "–", "－", "/", "--", "——", "―", "─", "一"})

# The first group may be longer than three digits: spreadsheets exported with a custom format print only
# the last separator (121748,642 for 121,748,642); every later group is still exactly three digits.
_AMOUNT = re.compile(r"^[-−]?(?:\d+(?:,\d{3})+|\d+)(?:\.\d+)?$|^[-−]?\.\d+$")
_PERCENT = re.compile(r"^[-−]?\d+(?:\.\d+)?%$")

UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}

# A number this large is not an amount: 10¹⁵ 元 is a hundred times a year of all public spending in China, and
# no unit a disclosure prints in makes it plausible. Bounding the magnitude and the decimals of what is read
# keeps every later sum, conversion and quantize well inside Decimal's 28 significant digits.
LARGEST_AMOUNT = Decimal(10) ** 15
MOST_DECIMALS = 6


def looks_like_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text.strip()))


def parse_amount(text: str) -> Decimal | None:
    """The printed amount as an exact Decimal (keeping its decimals), or None for a blank cell.

    Raises ValueError when the text is neither an amount nor a blank mark.
    """
    stripped = text.strip()
    if stripped in BLANK_MARKS:
        return None
    if not _AMOUNT.match(stripped):
        raise ValueError(f"not an amount: {text!r}")
    value = Decimal(stripped.replace(",", "").replace("−", "-"))
    if not is_plausible(value):
        raise ValueError(f"not an amount (beyond 10^15 or more than {MOST_DECIMALS} decimals): {text[:40]!r}")
    return value


def is_plausible(value: Decimal) -> bool:
    """Whether a printed number can be an amount (or a percentage): see LARGEST_AMOUNT."""
    return abs(value) < LARGEST_AMOUNT and decimals_of(value) <= MOST_DECIMALS


def parse_percent(text: str) -> Decimal | None:
    stripped = text.strip()
    if stripped in BLANK_MARKS:
        return None
    if not _PERCENT.match(stripped):
        raise ValueError(f"not a percentage: {text!r}")
    value = Decimal(stripped[:-1].replace("−", "-"))
    if not is_plausible(value):
        raise ValueError(f"not a percentage (beyond 10^15 or more than {MOST_DECIMALS} decimals): {text[:40]!r}")
    return value


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def step_for_decimals(decimals: int) -> Decimal:
    """The display unit u for values printed with `decimals` decimals: 2 → 0.01."""
    return Decimal(1).scaleb(-decimals)


def rounding_bound(steps: list[Decimal]) -> Decimal:
    """§D generalised to mixed precision: the largest gap that rounding each printed value to its own display
    unit can produce. Each value errs by at most half its unit, so |gap| < Σu/2; the gap is a whole number
    of the finest unit. With k equal units u (plus the total's) this is floor(k/2)·u."""
    finest = min(steps)
    bound = sum(steps, Decimal(0)) / 2
    units = (bound / finest).to_integral_value(rounding="ROUND_CEILING") - 1
    return (units * finest).quantize(finest)


def to_yuan(value: Decimal, unit: str) -> Decimal:
    return value * UNIT_FACTORS[unit]


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    if from_unit == to_unit:
        return value
    return value * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]


def quantize_exactly(value: Decimal, step: Decimal) -> Decimal:
    """`value` with `step`'s exponent. Amounts are bounded when read, but a figure in 亿元 compared in 元 to
    the cent can still need more than the default 28 digits: give the context what the result needs."""
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() - step.as_tuple().exponent + 2)
        return value.quantize(step)


def round_to_step(value: Decimal, step: Decimal) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


def fmt(value: Decimal | None) -> str:
    """A Decimal for messages and reports: plain notation, no exponent."""
    if value is None:
        return ""
    return f"{value:f}"


def pct_interval(part: Decimal, whole: Decimal, step: Decimal, decimals: int) -> tuple[Decimal, Decimal]:
    """§D PCT_OK: the percentages a printed `part`/`whole` (each rounded to `step`) can justify, widened by
    half a unit of the percentage's own printed precision."""
    return ratio_interval(part, step / 2, whole, step / 2, decimals)


def ratio_interval(part: Decimal, part_error: Decimal, whole: Decimal, whole_error: Decimal,
                   decimals: int) -> tuple[Decimal, Decimal]:
    """The percentages 100·part/whole can justify when the true part and whole lie within ± their errors,
    widened by half a unit of the percentage's printed precision. A printed figure errs by half its unit; a
    figure found as the difference of two printed figures (last year's amount C − D, or a change C − P) by
    the sum of their half units: one unit when both are printed alike (§D YOY_OK)."""
    slack = Decimal("0.5").scaleb(-decimals)
    sign = Decimal(-1) if part < 0 else Decimal(1)
    part, whole = abs(part), abs(whole)
    low = 100 * (part - part_error) / (whole + whole_error) - slack
    high = 100 * (part + part_error) / (whole - whole_error) + slack if whole > whole_error else Decimal("Infinity")
    return (low, high) if sign > 0 else (-high, -low)
