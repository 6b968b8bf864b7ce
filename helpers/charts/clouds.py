"""Word clouds drawn by ``wordcloud`` (Pillow) with the bundled font."""

from __future__ import annotations

from .layout import _decorate, _new_figure
from .style import FONT_FILES, display_text

# Seed of every random choice a chart makes (word cloud placement and colours).
RANDOM_STATE = 0


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
