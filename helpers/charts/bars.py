"""Bar charts, right to left: ranked bars and stacked bars.

Both set catch-all categories apart (see :mod:`helpers.charts.layout`): a ranking never opens
with «نامشخص», however many rows it holds.
"""

from __future__ import annotations

from .formatting import format_number
from .layout import (
    SET_ASIDE_COLOR,
    _decorate,
    _labels,
    _mark_set_aside_rows,
    _new_figure,
    _palette,
    _rtl_category_axis,
    _rtl_legend,
    catch_all_last_order,
    catch_all_mask,
    split_catch_all,
    value_axis,
)
from .style import display_text

# Extra space between the last ranked bar and the first catch-all bar, in bar steps: room for the
# dotted line and its note between two labels.
SET_ASIDE_GAP = 1.0


def ranked_bars(
    series,
    *,
    title: str = "",
    xlabel: str = "",
    caption: str = "",
    top: int | None = 15,
    decimals: int = 0,
    color: str = "#2a6f97",
    set_aside=True,
    integer: bool | None = None,
    size: tuple[float, float] = (7, 4.5),
):
    """Return a Figure: horizontal bars of ``series`` (index = labels), largest on top.

    Right to left: labels on the right, bars grow leftwards, each bar's value written at its end
    in Persian digits. ``top`` keeps the largest values (None keeps all); NaNs are dropped.
    Catch-all labels (``set_aside``: True for the lexicon's, an iterable for others, False for
    none) are no rank: they are drawn in grey below a dotted line, outside ``top``. The value
    axis has whole-number ticks when the values are counts (``integer`` None: when all are
    whole numbers).
    """
    data = series.dropna()
    aside_mask = catch_all_mask(data.index, set_aside=set_aside)
    ranked = data[[not aside for aside in aside_mask]].sort_values(ascending=False, kind="stable")
    if top is not None:
        ranked = ranked.head(top)
    aside = data[aside_mask].sort_values(ascending=False, kind="stable")
    # bottom to top: the catch-alls, a gap, then the ranking from smallest to largest
    aside_positions = [float(i) for i in range(len(aside))]
    start = len(aside) + (SET_ASIDE_GAP if len(aside) else 0)
    ranked_positions = [start + i for i in range(len(ranked))]
    shown = list(aside.iloc[::-1].items()) + list(ranked.iloc[::-1].items())
    positions = aside_positions + ranked_positions
    colors = [SET_ASIDE_COLOR] * len(aside) + [color] * len(ranked)
    fig, ax = _new_figure(size=size)
    values = [float(value) for _, value in shown]
    bars = ax.barh(positions, values, color=colors)
    ax.set_yticks(positions, labels=_labels([label for label, _ in shown]))
    for bar, value in zip(bars, values):
        # Values grow leftwards, so a bar ends at its left edge; write the value just beyond it.
        ax.annotate(format_number(value, decimals=decimals), xy=(bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(-3, 0), textcoords="offset points", ha="right", va="center", fontsize=8)
    value_axis(ax.xaxis, values, integer=integer)
    _rtl_category_axis(ax)
    if len(aside) and len(ranked):
        _mark_set_aside_rows(ax, range(len(aside)), boundary=len(aside) - 0.5 + SET_ASIDE_GAP / 2)
    ax.margins(x=0.12)
    _decorate(fig, ax, title=title, xlabel=xlabel, ylabel="", caption=caption)
    return fig


def stacked_bars(
    df,
    *,
    title: str = "",
    xlabel: str = "",
    caption: str = "",
    legend_title: str = "",
    colors=None,
    set_aside=True,
    integer: bool | None = None,
    size: tuple[float, float] = (8, 4.5),
):
    """Return a Figure: one horizontal bar per row of ``df``, stacked by its columns.

    Rows (index) are the categories, labelled on the right, in the order given, except that
    catch-all rows (``set_aside``, as in :func:`ranked_bars`) come last, below a dotted line;
    catch-all columns are stacked last, in grey. Columns are the stacked parts, in a legend
    aligned right with the swatch after the label. NaN counts as zero. The value axis has
    whole-number ticks when the values are counts (``integer`` None: when all are whole).
    """
    import numpy as np

    data = df.iloc[catch_all_last_order(df.index, set_aside=set_aside),
                   catch_all_last_order(df.columns, set_aside=set_aside)]
    ranked_rows, aside_rows = split_catch_all(list(data.index), set_aside=set_aside)
    _, aside_columns = split_catch_all(list(data.columns), set_aside=set_aside)
    columns = list(data.columns)
    data = data.fillna(0).astype(float).iloc[::-1]
    fig, ax = _new_figure(size=size)
    gap = SET_ASIDE_GAP if aside_rows and ranked_rows else 0.0
    positions = np.array([float(i) if i < len(aside_rows) else i + gap for i in range(len(data))])
    left = np.zeros(len(data))
    palette = list(colors or _palette(len(columns)))
    for index, column in enumerate(data.columns):
        values = data[column].to_numpy()
        color = SET_ASIDE_COLOR if column in aside_columns and colors is None else palette[index % len(palette)]
        ax.barh(positions, values, left=left, color=color, label=display_text(str(column)))
        left += values
    ax.set_yticks(positions, labels=_labels(data.index))
    value_axis(ax.xaxis, list(left) + list(data.to_numpy().ravel()), integer=integer)
    _rtl_category_axis(ax)
    if gap:
        _mark_set_aside_rows(ax, range(len(aside_rows)), boundary=len(aside_rows) - 0.5 + gap / 2)
    _rtl_legend(ax, title=legend_title)
    _decorate(fig, ax, title=title, xlabel=xlabel, ylabel="", caption=caption)
    return fig
