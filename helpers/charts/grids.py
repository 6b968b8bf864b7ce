"""Grids: a heatmap of a wide table (rows × columns), right to left."""

from __future__ import annotations

import math

from .formatting import format_number, persian_tick_formatter
from .layout import _decorate, _labels, _new_figure, catch_all_last_order, holds_counts, split_catch_all
from .style import display_text


def heatmap(
    df,
    *,
    title: str = "",
    caption: str = "",
    colorbar_label: str = "",
    annotate: bool = True,
    decimals: int = 0,
    cmap: str = "Blues",
    set_aside=True,
    size: tuple[float, float] | None = None,
):
    """Return a Figure: ``df`` as a grid of coloured cells (e.g. article × theme).

    Rows are labelled on the right, columns on top (slanted when there are more than five),
    the first column on the right (reading order); cell values are written in Persian digits
    when ``annotate``. NaN cells stay blank. Catch-all rows and columns (``set_aside``, as in
    :func:`helpers.charts.ranked_bars`) come last, their labels grey, behind a dotted line. A
    colour bar of counts has whole-number ticks.
    """
    import numpy as np

    df = df.iloc[catch_all_last_order(df.index, set_aside=set_aside),
                 catch_all_last_order(df.columns, set_aside=set_aside)]
    values = df.astype(float).to_numpy()
    rotate = df.shape[1] > 5
    if size is None:
        width = 1.5 + (0.55 if rotate else 0.9) * df.shape[1]
        size = (max(4.0, width), max(2.5, (2.0 if rotate else 0.9) + 0.45 * df.shape[0]))
    fig, ax = _new_figure(size=size)
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, aspect="auto")
    ax.set_yticks(range(df.shape[0]), labels=_labels(df.index))
    ax.set_xticks(range(df.shape[1]), labels=_labels(df.columns))
    if rotate:  # many columns: slant their labels so long theme names do not collide
        ax.tick_params(axis="x", labelrotation=45)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("left")
            label.set_rotation_mode("anchor")
    ax.invert_xaxis()
    ax.xaxis.tick_top()
    ax.yaxis.tick_right()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if annotate:
        _annotate_cells(ax, values, image, decimals=decimals)
    _mark_set_aside_cells(ax, df, set_aside=set_aside)
    bar = fig.colorbar(image, ax=ax, location="left", shrink=0.8)
    if decimals == 0 and holds_counts(values[np.isfinite(values)]):
        from matplotlib.ticker import MaxNLocator

        bar.locator = MaxNLocator(integer=True)
    bar.formatter = persian_tick_formatter(at_least=0)
    if colorbar_label:
        bar.set_label(display_text(colorbar_label))
    _decorate(fig, ax, title=title, xlabel="", ylabel="", caption=caption)
    return fig


def _annotate_cells(ax, values, image, *, decimals: int) -> None:
    """Write each finite cell value in its cell, white on dark cells, black on light ones."""

    for (row, column), value in _enumerate_cells(values):
        if not math.isfinite(value):
            continue
        red, green, blue, _ = image.cmap(image.norm(value))
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
        ax.text(column, row, format_number(value, decimals=decimals), ha="center", va="center",
                fontsize=8, color="white" if dark else "black")


def _enumerate_cells(values):
    for row in range(values.shape[0]):
        for column in range(values.shape[1]):
            yield (row, column), float(values[row, column])


def _mark_set_aside_cells(ax, df, *, set_aside) -> None:
    """Grey the labels of catch-all rows and columns and draw a dotted line before them."""
    ranked_rows, aside_rows = split_catch_all(list(df.index), set_aside=set_aside)
    ranked_columns, aside_columns = split_catch_all(list(df.columns), set_aside=set_aside)
    for label in ax.get_yticklabels()[len(ranked_rows):]:
        label.set_color("0.45")
    for label in ax.get_xticklabels()[len(ranked_columns):]:
        label.set_color("0.45")
    if ranked_rows and aside_rows:
        ax.axhline(len(ranked_rows) - 0.5, color="0.35", linestyle=":", linewidth=1.2)
    if ranked_columns and aside_columns:
        ax.axvline(len(ranked_columns) - 0.5, color="0.35", linestyle=":", linewidth=1.2)
