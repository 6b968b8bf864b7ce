"""Numbers as charts write them: Persian digits, «٬» thousands, «٫» decimals, «−» minus."""

from __future__ import annotations

import math
import numbers
from functools import lru_cache

from ..chars import ARABIC_DECIMAL_SEPARATOR, ARABIC_THOUSANDS_SEPARATOR, unify_digits

MINUS_SIGN = "\u2212"


def _is_number(x) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


def persian_digits(x) -> str:
    """Return ``x`` written with Persian digits.

    A string keeps everything but its digits (separators carry meaning and stay as written).
    A number is written without thousands separators (years, ids, counts in running text) with
    «٫» as decimal separator and «−» as minus; use :func:`format_number` for quantities.
    """
    if _is_number(x):
        text = str(x)
        text = text.replace(".", ARABIC_DECIMAL_SEPARATOR).replace("-", MINUS_SIGN)
        return unify_digits(text, "persian")
    return unify_digits(str(x), "persian")


def format_number(x, *, decimals: int = 0) -> str:
    """Return the number ``x`` rounded to ``decimals`` places, in Persian digits.

    Thousands are separated by «٬», decimals by «٫», negatives carry «−». NaN and None give
    ``""``; infinities give «∞» (with «−» when negative). A value that rounds to zero has no sign.
    """
    if x is None:
        return ""
    decimals = max(0, int(decimals))
    if isinstance(x, numbers.Integral) and not isinstance(x, bool):
        # integers are written exactly, however long (float() would overflow past 1e308)
        text = f"{abs(int(x)):,}" + ("." + "0" * decimals if decimals else "")
        return _persian_number_text(text, negative=int(x) < 0)
    value = float(x)
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return ("" if value > 0 else MINUS_SIGN) + "\u221e"
    text = f"{abs(value):,.{decimals}f}"
    return _persian_number_text(text, negative=value < 0 and any(d not in "0.," for d in text))


def _persian_number_text(text: str, *, negative: bool) -> str:
    """Turn Python's ``1,234.5`` into «۱٬۲۳۴٫۵», with «−» in front when ``negative``."""
    text = text.translate({ord(","): ARABIC_THOUSANDS_SEPARATOR, ord("."): ARABIC_DECIMAL_SEPARATOR})
    return (MINUS_SIGN if negative else "") + unify_digits(text, "persian")


def persian_formatter(*, decimals: int = 0):
    """Return a matplotlib tick formatter writing tick values with :func:`format_number`."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: format_number(value, decimals=decimals))


def _tick_decimals(ticks, *, at_least: int = 0) -> int:
    """The fewest decimals that write every tick exactly: a colour bar stepping by ۰٫۲۵ needs
    two, where integers would write «۰ ۰ ۰ ۱ ۱»."""
    decimals = at_least
    for tick in ticks:
        while decimals < 6 and abs(round(float(tick), decimals) - float(tick)) > 1e-9:
            decimals += 1
    return decimals


def persian_log_formatter():
    """Return a tick formatter for log axes: powers of ten in Persian digits, others blank."""
    from matplotlib.ticker import FuncFormatter

    def label(value, _pos):
        if value <= 0:
            return ""
        exponent = math.log10(value)
        if abs(exponent - round(exponent)) > 1e-9:
            return ""
        return format_number(value, decimals=max(0, -round(exponent)))

    return FuncFormatter(label)



@lru_cache(maxsize=1)
def _tick_formatter_class():
    """The tick formatter class, defined on first use (matplotlib is imported late)."""
    from matplotlib.ticker import Formatter

    class PersianTickFormatter(Formatter):
        """Tick labels in Persian digits, with the fewest decimals (at least ``at_least``) that
        write every tick on the axis exactly: ticks stepping by ۰٫۵ get one decimal, whole ticks
        none, so no two ticks read alike («۰ ۰ ۱ ۲ ۲» where the ticks were 0, 0.5, 1, 1.5, 2)."""

        def __init__(self, *, at_least: int = 0):
            self.at_least = at_least
            self.decimals = at_least

        def set_locs(self, locs):
            super().set_locs(locs)
            self.decimals = _tick_decimals(locs, at_least=self.at_least)

        def __call__(self, value, pos=None):
            return format_number(value, decimals=self.decimals)

    return PersianTickFormatter


def persian_tick_formatter(*, at_least: int = 0):
    """Return a matplotlib tick formatter: Persian digits, as many decimals as the axis's ticks
    need to read apart (at least ``at_least``)."""
    return _tick_formatter_class()(at_least=at_least)
