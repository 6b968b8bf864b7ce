"""What every chart shares: a figure in the Persian style, titles and captions, category labels,
right-to-left axes, integer axes for counts, and catch-all categories set apart.

A *catch-all* category («نامشخص», «سایر مقامها», «متن خبر», an empty label...) holds what the
tool could not sort, so it is no rank among the others: charts draw it last, greyed, below a
dotted line marked «بیرون از رتبه‌بندی». The labels are data, in
``lexicons/chart_catch_all.txt``.

Lexicons read here (``LEXICONS``): ``chart_catch_all.txt``, ``chart_labels.tsv``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..chars import unify_digits
from ..lexicons import load_list, load_table
from .formatting import _is_number, persian_digits, persian_tick_formatter
from .style import _is_arabic_letter, display_text, use_persian_style

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("chart_catch_all", "chart_labels")

# Catch-all categories are drawn in this grey, ranked ones in the chart's colour; the note that
# marks them comes from chart_labels.tsv (group chart), as every word a reader sees.
SET_ASIDE_COLOR = "0.72"
SET_ASIDE_NOTE = next(row["label"] for row in load_table("chart_labels")
                      if row["group"] == "chart" and row["code"] == "set_aside")


def _new_figure(*, size: tuple[float, float]):
    """Return a (figure, axes) pair in the Persian style, outside pyplot's global state."""
    from matplotlib.figure import Figure

    use_persian_style()
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _decorate(fig, ax, *, title: str, xlabel: str, ylabel: str, caption: str) -> None:
    """Add a right-aligned title, axis labels and a bottom-right caption (source note)."""
    if title:
        ax.set_title(display_text(title), loc="right")
    if xlabel:
        ax.set_xlabel(display_text(xlabel))
    if ylabel:
        ax.set_ylabel(display_text(ylabel))
    if caption:
        fig.supxlabel(display_text(caption), x=0.99, ha="right", fontsize=8, color="0.35")


def label_text(value) -> str:
    """Return a category label as charts show it (before :func:`display_text`).

    Numbers are written with :func:`persian_digits`; text holding Arabic letters has its digits
    written in Persian; other text (ids, Latin names) is left as it is.
    """
    if _is_number(value):
        return persian_digits(value)
    text = str(value)
    if any(_is_arabic_letter(char) for char in text):
        return unify_digits(text, "persian")
    return text


def _labels(values) -> list[str]:
    return [display_text(label_text(v)) for v in values]


def _rtl_category_axis(ax) -> None:
    """Put category labels on the right and let values grow leftwards."""
    ax.invert_xaxis()
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    ax.spines["right"].set_visible(True)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _palette(count: int) -> list:
    from matplotlib import colormaps

    cmap = colormaps["tab10" if count <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(count)]


def _rtl_legend(ax, *, title: str = "") -> None:
    """Draw the legend outside the axes, on the left (where a right-to-left chart ends), with
    labels aligned right and each marker after (right of) its label."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    ax.figure.legend(
        handles,
        labels,
        title=display_text(title) if title else None,
        loc="outside left upper",
        markerfirst=False,
        alignment="right",
    )


# --------------------------------------------------------------------------- counts on integer axes


def holds_counts(values) -> bool:
    """True when every finite value is a whole number: the axis counts things, and a tick
    between two whole numbers («۰٫۵ خبر») would mean nothing."""
    finite = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    return bool(finite) and all(v == round(v) for v in finite)


def value_axis(axis, values, *, integer: bool | None = None) -> None:
    """Format a value axis in Persian digits; whole-number ticks only when it holds counts.

    ``integer`` None decides by :func:`holds_counts`. Either way a tick is written with as many
    decimals as it needs, so two ticks never read alike («۰ ۰ ۱ ۱»).
    """
    from matplotlib.ticker import MaxNLocator

    counts = holds_counts(values) if integer is None else integer
    if counts:
        axis.set_major_locator(MaxNLocator(integer=True))
        finite = [float(v) for v in values if v is not None and math.isfinite(float(v))]
        if not any(finite):  # nothing but zeros: show 0 to 1 rather than ticks around 0
            axis.axes.set_xlim(0, 1) if axis.axis_name == "x" else axis.axes.set_ylim(0, 1)
    axis.set_major_formatter(persian_tick_formatter())


# --------------------------------------------------------------------------- catch-all categories


_BASE_IN_BRACKETS = re.compile(r"\s*\([^()]*\)$")


@lru_cache(maxsize=1)
def catch_all_labels() -> frozenset[str]:
    """The labels of catch-all categories, from ``lexicons/chart_catch_all.txt``."""
    return frozenset(load_list("chart_catch_all"))


def is_catch_all(label, *, set_aside=True) -> bool:
    """True when ``label`` names a catch-all category: empty, or listed in ``set_aside``
    (``True``: the lexicon's labels; ``False`` or empty: none), also when followed by a count in
    brackets («متن خبر (۷۳۸ خبر)»)."""
    if set_aside is False or set_aside is None:
        return False
    listed = catch_all_labels() if set_aside is True else frozenset(set_aside)
    text = "" if label is None or (isinstance(label, float) and math.isnan(label)) else str(label).strip()
    # a label may carry its base in brackets, «متن خبر (۷۳۸ خبر)»: the category is what precedes it
    base = _BASE_IN_BRACKETS.sub("", text)
    return not text or text in listed or base in listed


def catch_all_mask(labels, *, set_aside=True) -> list[bool]:
    """For each of ``labels``, whether it names a catch-all category (see :func:`is_catch_all`)."""
    return [is_catch_all(label, set_aside=set_aside) for label in labels]


def catch_all_last_order(labels, *, set_aside=True) -> list[int]:
    """Positions of ``labels`` with the catch-all ones moved to the end (stable): for ``iloc``,
    so duplicate labels stay as many as they were."""
    mask = catch_all_mask(labels, set_aside=set_aside)
    return [i for i, aside in enumerate(mask) if not aside] + [i for i, aside in enumerate(mask) if aside]


def split_catch_all(labels, *, set_aside=True) -> tuple[list, list]:
    """``labels`` as (ranked, set aside), each in the order given."""
    ranked = [label for label in labels if not is_catch_all(label, set_aside=set_aside)]
    aside = [label for label in labels if is_catch_all(label, set_aside=set_aside)]
    return ranked, aside


def catch_all_last(labels, *, set_aside=True) -> list:
    """``labels`` with the catch-all ones moved to the end, both groups in the order given."""
    ranked, aside = split_catch_all(labels, set_aside=set_aside)
    return ranked + aside


def _mark_set_aside_rows(ax, positions, *, boundary: float, note: bool = True) -> None:
    """Grey the tick labels of catch-all rows at ``positions`` and draw a dotted line between
    them and the ranked rows, at ``boundary`` (axis data coordinates), with the note."""
    wanted = set(positions)
    for position, label in zip(ax.get_yticks(), ax.get_yticklabels()):
        if int(round(position)) in wanted:
            label.set_color("0.45")
    ax.axhline(boundary, color="0.6", linestyle=":", linewidth=0.9)
    if note:  # in the label column, between the last ranked label and the first set aside
        ax.annotate(display_text(SET_ASIDE_NOTE), xy=(1.0, boundary), xycoords=("axes fraction", "data"),
                    xytext=(4, 0), textcoords="offset points", ha="left", va="center", fontsize=7, color="0.45")
