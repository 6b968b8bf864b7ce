"""Timelines on the Jalali calendar."""

from __future__ import annotations

import math
import re

from .formatting import format_number, persian_digits
from .layout import _decorate, _new_figure, value_axis
from .style import display_text


def jalali_month_label(year: int, month: int) -> str:
    """Return «<month name> <year>» in Persian (month names from ``jdatetime``), digits Persian."""
    import jdatetime

    return f"{jdatetime.date.j_months_fa[month - 1]} {persian_digits(int(year))}"


def parse_jalali(text) -> "object | None":
    """Return the ``jdatetime.date`` of an ISO Jalali date ``YYYY-MM-DD`` (any digit script).

    None when ``text`` is missing or not a valid Jalali date.
    """
    import jdatetime

    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    from ..chars import digits_to_latin

    match = re.fullmatch(r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*", digits_to_latin(str(text)))
    if not match:
        return None
    try:
        return jdatetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def jalali_timeline(
    df,
    date_col: str,
    *,
    value_col: str | None = None,
    title: str = "",
    ylabel: str = "",
    caption: str = "",
    rtl: bool = True,
    size: tuple[float, float] = (8, 3.5),
):
    """Return a Figure: a stem per Jalali day, height = rows that day (or sum of ``value_col``).

    ``date_col`` holds ISO Jalali dates ``YYYY-MM-DD``; missing or invalid dates are left out
    and counted where ``caption`` says ``{missing}`` (in Persian digits). Days sit at their true distance (converted to the Gregorian
    calendar for spacing only); ticks name Jalali months in Persian with Persian digits. With
    ``rtl`` time runs from right to left.
    """
    import pandas as pd

    dates = df[date_col].map(parse_jalali)
    valid = dates.notna()
    weights = pd.Series(1.0, index=df.index) if value_col is None else pd.to_numeric(df[value_col], errors="coerce").fillna(0)
    days = pd.Series([d.togregorian().toordinal() for d in dates[valid]], index=dates[valid].index, dtype="int64")
    totals = weights[valid].groupby(days).sum().sort_index()
    fig, ax = _new_figure(size=size)
    if len(totals):
        ax.vlines(totals.index, 0, totals.to_numpy(), color="#2a6f97", linewidth=2)
        ax.scatter(totals.index, totals.to_numpy(), color="#2a6f97", zorder=3)
        ticks, labels = _jalali_month_ticks(int(totals.index.min()), int(totals.index.max()))
        ax.set_xticks(ticks, labels=[display_text(label) for label in labels])
        ax.set_xlim(ticks[0] - 5, ticks[-1] + 5)
    ax.set_ylim(bottom=0)
    value_axis(ax.yaxis, totals.to_numpy(), integer=True if value_col is None else None)
    if rtl:
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
        ax.spines["right"].set_visible(True)
        ax.spines["left"].set_visible(False)
    note = caption.replace("{missing}", format_number(int((~valid).sum())))
    _decorate(fig, ax, title=title, xlabel="", ylabel=ylabel, caption=note)
    return fig


def _jalali_month_ticks(first_ordinal: int, last_ordinal: int) -> tuple[list[int], list[str]]:
    """Return tick positions (Gregorian ordinals) of the first day of each Jalali month spanned,
    and of the month after the last.

    With more than 12 months, only every ``n``-th month is kept so at most 12 ticks remain.
    """
    import datetime

    import jdatetime

    start = jdatetime.date.fromgregorian(date=datetime.date.fromordinal(first_ordinal))
    end = jdatetime.date.fromgregorian(date=datetime.date.fromordinal(last_ordinal))
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    months.append((year, month))  # the month after the last closes the window
    step = max(1, math.ceil(len(months) / 12))
    months = months[::step]
    ticks = [jdatetime.date(y, m, 1).togregorian().toordinal() for y, m in months]
    return ticks, [jalali_month_label(y, m) for y, m in months]
