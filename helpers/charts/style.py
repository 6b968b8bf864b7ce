"""Style and shaping: the bundled font, the project's rcParams, and whether text must be reshaped.

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

import unicodedata
from functools import lru_cache
from pathlib import Path

from ..chars import RLM
from ..paths import FONT_DIR

FONT_FAMILY = "Vazirmatn"
FONT_FILES = {
    "regular": FONT_DIR / "Vazirmatn-Regular.ttf",
    "bold": FONT_DIR / "Vazirmatn-Bold.ttf",
}
RENDERERS = ("matplotlib", "pil", "wordcloud", "terminal")
# The probe word: «majles» (meem, jeem, lam, seen). It has no ligature, so every letter is one
# glyph, and it needs all three joined forms: initial meem, medial jeem and lam, final seen.
PROBE_WORD = "\u0645\u062c\u0644\u0633"
# Fixed salt for the ids matplotlib writes into SVG files, so the same figure gives the same bytes.
SVG_HASH_SALT = "goftar"

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
    from ..display import register_figure_display

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
