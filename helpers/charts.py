"""Persian figures that render right: bundled font, right-to-left layout, Persian digits.

What this module found out about renderers (and checks again at run time, see
:func:`needs_reshaping`):

* matplotlib >= 3.11 lays text out with libraqm, HarfBuzz and SheenBidi (3.11.0 release notes:
  "a complete overhaul of text and font processing"): it picks the joined (initial/medial/final)
  glyphs and runs Arabic script right to left by itself; measured here on 3.11.2 with libraqm
  0.10.5 and FreeType 2.14.3. Handing it text
  already passed through ``arabic_reshaper`` + ``python-bidi`` makes it reverse the text a
  second time, so the word prints backwards. Older matplotlib draws one glyph per code point,
  left to right, and needs the reshaping.
* Pillow (used by ``wordcloud``) shapes text itself when it was built with libraqm and finds
  FriBiDi at run time (``PIL.features.check("raqm")``); without it, it draws code points left to
  right, like old matplotlib.
* Plain terminals are assumed not to shape (nothing to measure).

:func:`display_text` is the one place that reshapes; every chart helper passes its labels
through it. DataFrames never hold reshaped text: reshaping happens when a label is drawn.

Supported: matplotlib 3.11 (shapes itself, measured) and older matplotlib 3.x (reshaped by
``arabic-reshaper`` >= 3.0 and ``python-bidi`` >= 0.4); wordcloud 1.9 on Pillow >= 10.
"""

from __future__ import annotations

import hashlib
import json
import math
import numbers
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .chars import (
    ARABIC_DECIMAL_SEPARATOR,
    ARABIC_THOUSANDS_SEPARATOR,
    RLM,
    unify_digits,
)
from .paths import FIGURES_DIR, FONT_DIR, PROJECT_ROOT

FONT_FAMILY = "Vazirmatn"
FONT_FILES = {
    "regular": FONT_DIR / "Vazirmatn-Regular.ttf",
    "bold": FONT_DIR / "Vazirmatn-Bold.ttf",
}
RENDERERS = ("matplotlib", "pil", "wordcloud", "terminal")
# The probe word: «majles» (meem, jeem, lam, seen). It has no ligature, so every letter is one
# glyph, and it needs all three joined forms: initial meem, medial jeem and lam, final seen.
PROBE_WORD = "\u0645\u062c\u0644\u0633"
MINUS_SIGN = "\u2212"
# Seed of every random choice a chart makes (word cloud placement and colours).
RANDOM_STATE = 0
# Fixed salt for the ids matplotlib writes into SVG files, so the same figure gives the same bytes.
SVG_HASH_SALT = "goftar"
FIGURE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

STYLE = {
    "font.family": FONT_FAMILY,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "right",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.hashsalt": SVG_HASH_SALT,
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "image.cmap": "Blues",
}


# --------------------------------------------------------------------------- style and font


def use_persian_style() -> None:
    """Register the bundled Vazirmatn fonts with matplotlib and set the project's rcParams.

    Safe to call many times: a font file already registered is not added again.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    known = {Path(entry.fname).resolve() for entry in font_manager.fontManager.ttflist}
    for path in FONT_FILES.values():
        if path.resolve() not in known:
            font_manager.fontManager.addfont(str(path))
    mpl.rcParams.update(STYLE)
    from .display import register_figure_display

    register_figure_display()


# --------------------------------------------------------------------------- shaping decision


def needs_reshaping(*, renderer: str = "matplotlib") -> bool:
    """Return True when ``renderer`` draws Arabic script unjoined or left to right.

    ``renderer`` is ``"matplotlib"``, ``"pil"`` (or ``"wordcloud"``, which draws with Pillow)
    or ``"terminal"``. matplotlib and Pillow are measured once per process with the bundled
    font (see :func:`_matplotlib_shapes`, :func:`_pil_shapes`); a terminal is assumed not to
    shape.
    """
    if renderer not in RENDERERS:
        raise ValueError(f"unknown renderer {renderer!r}; choose one of {RENDERERS}")
    if renderer == "matplotlib":
        return not _matplotlib_shapes()
    if renderer in ("pil", "wordcloud"):
        return not _pil_shapes()
    return True


@lru_cache(maxsize=None)
def _matplotlib_shapes() -> bool:
    """True when matplotlib's own text layout joins and reverses the probe word.

    Measured on the layout matplotlib's Agg, SVG, PDF and PS backends draw from
    (``matplotlib._text_helpers.layout``). When that private function is missing or fails, the
    answer falls back to the version: matplotlib shapes from 3.11 on.
    """
    try:
        return _layout_is_shaped_rtl(matplotlib_glyph_run(PROBE_WORD), PROBE_WORD)
    except Exception:  # noqa: BLE001 - any failure of a private API means "go by version"
        import matplotlib as mpl

        major, minor = (int(part) for part in mpl.__version__.split(".")[:2])
        return (major, minor) >= (3, 11)


def matplotlib_glyph_run(text: str, *, weight: str = "regular") -> list[tuple[str, int, str, float]]:
    """Return how matplotlib lays ``text`` out with the bundled font, glyph by glyph.

    Each item is ``(cluster, glyph_index, glyph_name, x)``: the characters the glyph stands
    for, the font's glyph index and name (joined forms are named after their Unicode
    presentation form, e.g. ``uniFEE3`` for initial meem) and the glyph's left edge in points.
    Items come in the order matplotlib yields them; sort by ``x`` to read left to right.
    """
    from matplotlib import _text_helpers
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(FONT_FILES[weight]))
    font.set_size(12, 72)
    run = []
    for item in _text_helpers.layout(text, font):
        index = getattr(item, "glyph_index", None)
        if index is None:  # matplotlib < 3.11 names the field glyph_idx
            index = item.glyph_idx
        run.append((item.char, int(index), font.get_glyph_name(index), float(item.x)))
    return run


def _nominal_glyphs(text: str, *, weight: str = "regular") -> dict[str, int]:
    """Return the glyph index the font's character map gives each letter (its isolated form)."""
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(FONT_FILES[weight]))
    return {char: int(font.get_char_index(ord(char))) for char in set(text)}


def _layout_is_shaped_rtl(run: list[tuple[str, int, str, float]], word: str) -> bool:
    """True when ``run`` draws every letter of ``word`` in a non-isolated form, right to left."""
    nominal = _nominal_glyphs(word)
    if len(run) != len(word) or any(cluster not in nominal for cluster, *_ in run):
        return False
    joined = all(index != nominal[cluster] for cluster, index, _, _ in run)
    x_of = {cluster: x for cluster, _, _, x in run}
    right_to_left = x_of[word[0]] > x_of[word[-1]]
    return joined and right_to_left


@lru_cache(maxsize=None)
def _pil_shapes() -> bool:
    """True when Pillow's default text layout draws the probe word joined and right to left.

    Pillow's default engine is libraqm when available. The probe draws the raw word with the
    default engine and compares it, pixel by pixel, with two drawings by the basic engine (one
    glyph per code point, left to right): the correctly reshaped word and the raw word. The
    renderer shapes when its drawing is closer to the reshaped one.
    """
    from PIL import features

    if not features.check("raqm"):
        return False
    from PIL import ImageFont

    raw = _pil_ink(PROBE_WORD, layout=None)
    reshaped = _pil_ink(_reshape_and_reorder(PROBE_WORD), layout=ImageFont.Layout.BASIC)
    unshaped = _pil_ink(PROBE_WORD, layout=ImageFont.Layout.BASIC)
    return _ink_distance(raw, reshaped) < _ink_distance(raw, unshaped)


def _pil_ink(text: str, *, layout):
    """Return a grey-level numpy image of ``text`` drawn by Pillow with the bundled font."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    options = {} if layout is None else {"layout_engine": layout}
    font = ImageFont.truetype(str(FONT_FILES["regular"]), 48, **options)
    image = Image.new("L", (320, 120), 0)
    ImageDraw.Draw(image).text((20, 20), text, fill=255, font=font)
    return np.asarray(image, dtype=float)


def _ink_distance(a, b) -> float:
    """Mean absolute difference of two grey-level images of the same size."""
    return float(abs(a - b).mean())


def _reshape_and_reorder(text: str) -> str:
    """Return ``text`` in joined presentation forms and visual (left-to-right) order, line by line."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def _is_arabic_letter(char: str) -> bool:
    return unicodedata.bidirectional(char) == "AL"


def _first_strong_direction(line: str) -> str:
    """Return ``"rtl"``, ``"ltr"`` or ``""`` for the first strongly directional character."""
    for char in line:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return ""


def display_text(text: str, *, renderer: str = "matplotlib") -> str:
    """Return ``text`` as ``renderer`` must receive it to show Persian joined and right to left.

    The only function in the project that reshapes. When the renderer shapes by itself (see
    :func:`needs_reshaping`) the text is returned unchanged, except that a line holding Arabic
    letters but starting with a Latin word gets a right-to-left mark in front, so the line
    reads right to left as a Persian sentence should. When the renderer does not shape, each
    line is reshaped (``arabic_reshaper``) and reordered for display (``python-bidi``).
    Text without Arabic letters is returned unchanged. Never store the result in a table.
    """
    text = "" if text is None else str(text)
    if not any(_is_arabic_letter(char) for char in text):
        return text
    if needs_reshaping(renderer=renderer):
        return _reshape_and_reorder(text)
    return "\n".join(_mark_rtl(line) for line in text.split("\n"))


def _mark_rtl(line: str) -> str:
    """Prefix a right-to-left mark to a line with Arabic letters whose first strong char is Latin."""
    has_arabic = any(_is_arabic_letter(char) for char in line)
    if has_arabic and _first_strong_direction(line) == "ltr":
        return RLM + line
    return line


# --------------------------------------------------------------------------- numbers


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


# --------------------------------------------------------------------------- chart helpers


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


def ranked_bars(
    series,
    *,
    title: str = "",
    xlabel: str = "",
    caption: str = "",
    top: int | None = 15,
    decimals: int = 0,
    color: str = "#2a6f97",
    size: tuple[float, float] = (7, 4.5),
):
    """Return a Figure: horizontal bars of ``series`` (index = labels), largest on top.

    Right to left: labels on the right, bars grow leftwards, each bar's value written at its end
    in Persian digits. ``top`` keeps the largest values (None keeps all); NaNs are dropped.
    """
    data = series.dropna().sort_values(ascending=False)
    if top is not None:
        data = data.head(top)
    data = data.iloc[::-1]
    fig, ax = _new_figure(size=size)
    positions = range(len(data))
    bars = ax.barh(list(positions), data.to_numpy(dtype=float), color=color)
    ax.set_yticks(list(positions), labels=_labels(data.index))
    for bar, value in zip(bars, data):
        # Values grow leftwards, so a bar ends at its left edge; write the value just beyond it.
        ax.annotate(format_number(value, decimals=decimals), xy=(bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(-3, 0), textcoords="offset points", ha="right", va="center", fontsize=8)
    ax.xaxis.set_major_formatter(persian_formatter(decimals=decimals))
    _rtl_category_axis(ax)
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
    size: tuple[float, float] = (8, 4.5),
):
    """Return a Figure: one horizontal bar per row of ``df``, stacked by its columns.

    Rows (index) are the categories, labelled on the right; columns are the stacked parts, in
    a legend aligned right with the swatch after the label. NaN counts as zero.
    """
    import numpy as np

    data = df.fillna(0).astype(float).iloc[::-1]
    fig, ax = _new_figure(size=size)
    positions = np.arange(len(data))
    left = np.zeros(len(data))
    palette = colors or _palette(len(data.columns))
    for column, color in zip(data.columns, palette):
        values = data[column].to_numpy()
        ax.barh(positions, values, left=left, color=color, label=display_text(str(column)))
        left += values
    ax.set_yticks(positions, labels=_labels(data.index))
    ax.xaxis.set_major_formatter(persian_formatter())
    _rtl_category_axis(ax)
    _rtl_legend(ax, title=legend_title)
    _decorate(fig, ax, title=title, xlabel=xlabel, ylabel="", caption=caption)
    return fig


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


def heatmap(
    df,
    *,
    title: str = "",
    caption: str = "",
    colorbar_label: str = "",
    annotate: bool = True,
    decimals: int = 0,
    cmap: str = "Blues",
    size: tuple[float, float] | None = None,
):
    """Return a Figure: ``df`` as a grid of coloured cells (e.g. article × theme).

    Rows are labelled on the right, columns on top (slanted when there are more than five),
    the first column on the right (reading order); cell values are written in Persian digits when ``annotate``. NaN cells stay blank.
    """
    import numpy as np

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
    bar = fig.colorbar(image, ax=ax, location="left", shrink=0.8)
    bar.formatter = persian_formatter(decimals=_tick_decimals(bar.get_ticks(), at_least=decimals))
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
    from .chars import digits_to_latin

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
    ax.yaxis.set_major_formatter(persian_formatter())
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if rtl:
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
        ax.spines["right"].set_visible(True)
        ax.spines["left"].set_visible(False)
    note = caption.replace("{missing}", format_number(int((~valid).sum())))
    _decorate(fig, ax, title=title, xlabel="", ylabel=ylabel, caption=note)
    return fig


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


def word_cloud(
    frequencies: dict,
    *,
    title: str = "",
    caption: str = "",
    width: int = 800,
    height: int = 400,
    max_words: int = 100,
    colormap: str = "viridis",
    random_state: int = RANDOM_STATE,
    size: tuple[float, float] = (8, 4.4),
):
    """Return a Figure showing a word cloud of ``frequencies`` (word → weight).

    Drawn by ``wordcloud`` (Pillow) with the bundled font; words pass through
    :func:`display_text` for the Pillow renderer. Placement and colours follow ``random_state``,
    so the same frequencies give the same image. Words with no positive weight are left out.
    """
    fig, ax = _new_figure(size=size)
    ax.imshow(word_cloud_array(frequencies, width=width, height=height, max_words=max_words,
                               colormap=colormap, random_state=random_state), interpolation="nearest")
    ax.set_axis_off()
    _decorate(fig, ax, title=title, xlabel="", ylabel="", caption=caption)
    return fig


def word_cloud_array(
    frequencies: dict,
    *,
    width: int = 800,
    height: int = 400,
    max_words: int = 100,
    colormap: str = "viridis",
    random_state: int = RANDOM_STATE,
):
    """Return the word cloud of ``frequencies`` as an RGB uint8 array of shape (height, width, 3)."""
    import numpy as np
    from wordcloud import WordCloud

    shown: dict[str, float] = {}
    for word, weight in frequencies.items():
        if weight is None or not float(weight) > 0 or not str(word).strip():
            continue
        key = display_text(str(word), renderer="wordcloud")
        shown[key] = shown.get(key, 0.0) + float(weight)
    if not shown:
        return np.full((height, width, 3), 255, dtype=np.uint8)
    cloud = WordCloud(
        font_path=str(FONT_FILES["regular"]),
        width=width,
        height=height,
        max_words=max_words,
        background_color="white",
        colormap=colormap,
        prefer_horizontal=1.0,
        random_state=random_state,
        regexp=None,
        collocations=False,
    )
    cloud.generate_from_frequencies(shown)
    return cloud.to_array()


# --------------------------------------------------------------------------- saving


def _metadata(fmt: str) -> dict:
    """Metadata that keeps the file free of dates and version strings (same data, same bytes)."""
    if fmt == "png":
        return {"Software": None}
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
    return {}


def _project_relative(value) -> str:
    """Return ``value`` as a path relative to the project root when it lies inside it."""
    text = str(value)
    if not text:
        return text
    try:
        return Path(text).resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError):
        return text


def save_figure(
    fig,
    name: str,
    *,
    folder=FIGURES_DIR,
    formats=("png", "svg"),
    pdf: bool = False,
    caption: str = "",
    corpus: str = "",
    notebook: str = "",
) -> list[Path]:
    """Write ``fig`` as ``folder/NAME.png`` and ``NAME.svg`` (``NAME.pdf`` too when ``pdf``).

    The files carry no timestamps, so the same figure gives the same bytes. A sidecar
    ``NAME.json`` records the provenance: name, caption, corpus (relative to the project root
    when inside it), notebook and each file's SHA-256. Returns the paths written, figure files first and the sidecar last.
    """
    import matplotlib as mpl

    if not FIGURE_NAME.match(name):
        raise ValueError(f"figure name {name!r}: use Latin letters, digits, '_', '-' and '.'")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = list(dict.fromkeys(list(formats) + (["pdf"] if pdf else [])))
    written = []
    with mpl.rc_context({key: STYLE[key] for key in ("svg.hashsalt", "svg.fonttype", "pdf.fonttype")}):
        for fmt in wanted:
            path = folder / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, metadata=_metadata(fmt))
            written.append(path)
    record = {
        "name": name,
        "caption": caption,
        "corpus": _project_relative(corpus),
        "notebook": notebook,
        "files": {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in written},
    }
    sidecar = folder / f"{name}.json"
    sidecar.write_text(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return written + [sidecar]
