"""What a notebook shows: right-to-left tables of at most a screenful, and figures inline.

The Styler only adds CSS (``direction: rtl``, right alignment) and, on request, a display
formatter writing numbers in Persian digits; the DataFrame underneath keeps its values, and no
reshaped text is ever stored (browsers shape Persian themselves). Figures are shown as the PNG
that was saved, so what a reader sees in JupyterLab is byte for byte the published file.
"""

from __future__ import annotations

from pathlib import Path

RTL_TABLE_STYLES = [
    {"selector": "", "props": [("direction", "rtl")]},
    {"selector": "th", "props": [("text-align", "right"), ("direction", "rtl")]},
    {"selector": "td", "props": [("text-align", "right"), ("direction", "rtl")]},
    {"selector": "caption", "props": [("text-align", "right"), ("direction", "rtl")]},
]
# A screenful: a table longer than this shows its first rows and says how many were left out.
SCREENFUL_ROWS = 20
# Figures are drawn at 150 dpi; shown at this many CSS pixels per inch they read as printed.
SCREEN_PIXELS_PER_INCH = 96


def rtl_table(df, *, rows: int | None = SCREENFUL_ROWS, persian_numbers: bool = False, decimals: int = 0,
              caption: str = ""):
    """Return a pandas Styler showing at most ``rows`` rows of ``df``, right to left.

    Every cell is aligned right. When ``df`` is longer than ``rows`` (None: show all), the
    caption ends with a line saying how many rows are shown and how many were left out. With
    ``persian_numbers`` numeric cells are displayed by ``helpers.charts.format_number``
    (Persian digits, «٬» thousands, ``decimals`` places). ``df`` itself is never changed; the
    Styler's ``.data`` is ``df`` or its first ``rows`` rows.
    """
    shown = df if rows is None or len(df) <= rows else df.head(rows)
    note = left_out_note(len(df), len(shown))
    styler = shown.style.set_table_styles(RTL_TABLE_STYLES)
    full_caption = " · ".join(part for part in (caption, note) if part)
    if full_caption:
        styler = styler.set_caption(full_caption)
    if persian_numbers:
        from .charts import format_number

        numeric = shown.select_dtypes("number").columns
        styler = styler.format(lambda value: format_number(value, decimals=decimals), subset=list(numeric))
    return styler


def left_out_note(total: int, shown: int) -> str:
    """Return «showing N of M rows; K left out» when rows were left out, else ``""``."""
    if shown >= total:
        return ""
    return f"showing {shown:,} of {total:,} rows; {total - shown:,} left out"


def in_notebook() -> bool:
    """True inside a Jupyter kernel (JupyterLab, papermill, Voilà), where rich output is shown."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def png_display_bundle(png: bytes, *, width_inches: float, alt: str = "") -> tuple[dict, dict]:
    """Return the (data, metadata) pair Jupyter displays as an image ``width_inches`` wide."""
    data = {"image/png": png, "text/plain": alt or "<figure>"}
    metadata = {"image/png": {"width": round(width_inches * SCREEN_PIXELS_PER_INCH)}}
    return data, metadata


def show_saved_figure(fig, png_path: str | Path, *, alt: str = "") -> bool:
    """Show the saved PNG of ``fig`` in the notebook's output; return whether it was shown.

    Outside a notebook (scripts, tests, the export) nothing is shown and False is returned.
    """
    if not in_notebook():
        return False
    from IPython.display import display

    data, metadata = png_display_bundle(Path(png_path).read_bytes(), width_inches=fig.get_size_inches()[0], alt=alt)
    display(data, metadata=metadata, raw=True)
    return True


def figure_png(fig) -> bytes:
    """Return ``fig`` drawn as PNG bytes with the project's saving options."""
    import io

    from .charts.saving import reproducible_metadata

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata=reproducible_metadata("png"))
    return buffer.getvalue()


def register_figure_display() -> None:
    """Let a cell ending in a matplotlib Figure show the chart (not «<Figure size …>»).

    The charts are built outside pyplot, so Jupyter's inline backend never sees them; this
    registers a PNG formatter for Figure objects in the running kernel. No-op outside one.
    """
    if not in_notebook():
        return
    from IPython import get_ipython
    from matplotlib.figure import Figure

    formatters = get_ipython().display_formatter.formatters
    formatters["image/png"].for_type(Figure, lambda fig: (figure_png(fig), {"width": round(
        fig.get_size_inches()[0] * SCREEN_PIXELS_PER_INCH)}))
