"""A dot plot on a log scale, for quoted values that span many powers of ten."""

from __future__ import annotations

from .formatting import format_number, persian_log_formatter
from .layout import _decorate, _labels, _new_figure, _palette, _rtl_category_axis, _rtl_legend
from .style import display_text


def log_dot_plot(
    df,
    value_col: str,
    label_col: str,
    *,
    title: str = "",
    xlabel: str = "",
    caption: str = "",
    group_col: str | None = None,
    top: int | None = 30,
    size: tuple[float, float] | None = None,
):
    """Return a Figure: one dot per row at ``value_col`` on a log scale, labelled by ``label_col``.

    For quoted numbers that span many orders of magnitude; at most about five powers of ten are
    labelled (slanted), and the default height grows with the number of rows. Rows whose value is missing or not
    positive cannot sit on a log scale and are left out. Labels on
    the right, values grow leftwards, ticks at powers of ten in Persian digits; ``group_col``
    colours the dots with a legend. ``top`` keeps the largest values. Rows that cannot be drawn
    are counted where ``caption`` says ``{dropped}`` (written in Persian digits); when none was
    left out, the clause holding ``{dropped}`` (clauses end at «؛») is left out of the caption.
    """
    import pandas as pd

    values = pd.to_numeric(df[value_col], errors="coerce")
    keep = df.loc[values > 0].assign(**{value_col: values[values > 0]})
    dropped = len(df) - len(keep)
    keep = keep.sort_values(value_col, ascending=False)
    if top is not None:
        keep = keep.head(top)
    keep = keep.iloc[::-1]
    fig, ax = _new_figure(size=size or (8, max(3.0, 1.8 + 0.2 * len(keep))))
    positions = list(range(len(keep)))
    ax.hlines(positions, 0, 1, transform=ax.get_yaxis_transform(), color="0.9", linewidth=0.8)
    if group_col is None:
        ax.scatter(keep[value_col], positions, color="#2a6f97", zorder=3)
    else:
        groups = list(dict.fromkeys(keep[group_col].astype(str)))
        for group, color in zip(groups, _palette(len(groups))):
            rows = [i for i, g in enumerate(keep[group_col].astype(str)) if g == group]
            ax.scatter(keep[value_col].iloc[rows], rows, color=color, label=display_text(group), zorder=3)
        _rtl_legend(ax)
    ax.set_xscale("log")
    from matplotlib.ticker import LogLocator, NullFormatter

    ax.xaxis.set_major_locator(LogLocator(base=10, numticks=5))
    ax.xaxis.set_major_formatter(persian_log_formatter())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.tick_params(axis="x", labelrotation=30)  # powers of ten grow long: slant them
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    ax.set_yticks(positions, labels=_labels(keep[label_col]))
    _rtl_category_axis(ax)
    note = _dropped_note(caption, dropped)
    _decorate(fig, ax, title=title, xlabel=xlabel, ylabel="", caption=note)
    return fig


def _dropped_note(caption: str, dropped: int) -> str:
    """``caption`` with ``{dropped}`` written out, or its clause removed when ``dropped`` is 0."""
    if dropped:
        return caption.replace("{dropped}", format_number(dropped))
    return "؛ ".join(clause for clause in caption.split("؛ ") if "{dropped}" not in clause)
