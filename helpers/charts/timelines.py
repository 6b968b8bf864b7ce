"""Timelines on the Jalali calendar."""

from __future__ import annotations

import math
import re

from .formatting import format_number, persian_digits
from .layout import _decorate, _labels, _new_figure, _rtl_category_axis, value_axis
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


# Past this many days, one stem per day is a comb no one can read: the timeline counts per month.
DAYS_PER_STEM_LIMIT = 120


def jalali_timeline(
    df,
    date_col: str,
    *,
    value_col: str | None = None,
    title: str = "",
    ylabel: str = "",
    caption: str = "",
    rtl: bool = True,
    per: str = "auto",
    size: tuple[float, float] = (8, 3.5),
):
    """Return a Figure: rows per Jalali day (a stem each) or month (a bar each, its count written
    on it); height = rows (or the sum of ``value_col``).

    ``date_col`` holds ISO Jalali dates ``YYYY-MM-DD``; missing or invalid dates are left out
    and counted where ``caption`` says ``{missing}`` (in Persian digits). Days sit at their true
    distance (converted to the Gregorian calendar for spacing only); ticks name Jalali months in
    Persian with Persian digits. ``per`` is ``"day"``, ``"month"`` or ``"auto"`` (months when the
    dates span more than :data:`DAYS_PER_STEM_LIMIT` days). With ``rtl`` time runs from right
    to left.
    """
    import jdatetime
    import pandas as pd

    if per not in ("auto", "day", "month"):
        raise ValueError(f"per={per!r}: choose 'day', 'month' or 'auto'")
    dates = df[date_col].map(parse_jalali)
    valid = dates.notna()
    weights = pd.Series(1.0, index=df.index) if value_col is None else pd.to_numeric(df[value_col], errors="coerce").fillna(0)
    days = pd.Series([d.togregorian().toordinal() for d in dates[valid]], index=dates[valid].index, dtype="int64")
    span = int(days.max() - days.min()) if len(days) else 0
    monthly = per == "month" or (per == "auto" and span > DAYS_PER_STEM_LIMIT)
    if monthly:  # each date counts on the first day of its Jalali month
        days = pd.Series([jdatetime.date(d.year, d.month, 1).togregorian().toordinal() for d in dates[valid]],
                         index=dates[valid].index, dtype="int64")
    totals = weights[valid].groupby(days).sum().sort_index()
    fig, ax = _new_figure(size=size)
    if len(totals):
        ticks, labels = _jalali_month_ticks(int(totals.index.min()), int(totals.index.max()))
        if monthly:  # a bar over each month, from its first day to the next month's
            widths = [_next_month_start(start) - start for start in totals.index]
            bars = ax.bar(totals.index, totals.to_numpy(), width=widths, align="edge", color="#2a6f97",
                          edgecolor="white", linewidth=0.8)
            for bar, value in zip(bars, totals):
                ax.annotate(format_number(value), xy=(bar.get_x() + bar.get_width() / 2, bar.get_height()),
                            xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=7)
        else:
            ax.vlines(totals.index, 0, totals.to_numpy(), color="#2a6f97", linewidth=2)
            ax.scatter(totals.index, totals.to_numpy(), color="#2a6f97", zorder=3)
        ax.set_xlim(ticks[0] - 5, ticks[-1] + 5)
        if monthly:  # each month named under the middle of its bar; its bounds as small ticks
            ax.set_xticks(ticks, minor=True)
            ax.set_xticks([start + width / 2 for start, width in zip(totals.index, widths)],
                          labels=[display_text(_month_of(start)) for start in totals.index])
            ax.tick_params(axis="x", length=0)
            ax.tick_params(axis="x", which="minor", length=4)
        else:
            ax.set_xticks(ticks, labels=[display_text(label) for label in labels])
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


def _month_of(ordinal: int) -> str:
    """«<month name> <year>» of the Jalali month the Gregorian ``ordinal`` falls in."""
    import datetime

    import jdatetime

    day = jdatetime.date.fromgregorian(date=datetime.date.fromordinal(ordinal))
    return jalali_month_label(day.year, day.month)


def _next_month_start(ordinal: int) -> int:
    """The Gregorian ordinal of the first day of the Jalali month after the one ``ordinal`` is in."""
    import datetime

    import jdatetime

    day = jdatetime.date.fromgregorian(date=datetime.date.fromordinal(ordinal))
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return jdatetime.date(year, month, 1).togregorian().toordinal()


def tenure_bars(
    df,
    *,
    label_col: str,
    first_col: str,
    last_col: str,
    title: str = "",
    caption: str = "",
    size: tuple[float, float] | None = None,
):
    """Return a Figure: one bar per row from ``first_col`` to ``last_col`` (Jalali ISO dates), on
    a Jalali month axis running right to left, labelled by ``label_col`` on the right.

    For who held an office when. A row seen on one day gets a dot; rows without dates are left
    out and counted where ``caption`` says ``{missing}``.
    """
    firsts, lasts = df[first_col].map(parse_jalali), df[last_col].map(parse_jalali)
    valid = firsts.notna() & lasts.notna()
    rows = df[valid]
    if size is None:
        size = (8, max(2.0, 0.9 + 0.38 * len(rows)))
    fig, ax = _new_figure(size=size)
    starts = [d.togregorian().toordinal() for d in firsts[valid]]
    ends = [d.togregorian().toordinal() for d in lasts[valid]]
    for position, (start, end) in enumerate(zip(starts, ends)):
        ax.plot([start, end], [position, position], color="#2a6f97", linewidth=6, solid_capstyle="butt")
        ax.scatter([start, end], [position, position], color="#2a6f97", s=18, zorder=3)
    ax.set_yticks(range(len(rows)), labels=_labels(rows[label_col]))
    if starts:
        ticks, labels = _jalali_month_ticks(min(starts), max(ends))
        ax.set_xticks(ticks, labels=[display_text(label) for label in labels])
        ax.set_xlim(ticks[0] - 5, ticks[-1] + 5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _rtl_category_axis(ax)
    note = caption.replace("{missing}", format_number(int((~valid).sum())))
    _decorate(fig, ax, title=title, xlabel="", ylabel="", caption=note)
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
