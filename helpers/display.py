"""Right-to-left display of pandas tables in JupyterLab, without changing the data.

The Styler only adds CSS (``direction: rtl``, right alignment) and, on request, a display
formatter writing numbers in Persian digits; the DataFrame underneath keeps its values, and no
reshaped text is ever stored (browsers shape Persian themselves).
"""

from __future__ import annotations

RTL_TABLE_STYLES = [
    {"selector": "", "props": [("direction", "rtl")]},
    {"selector": "th", "props": [("text-align", "right"), ("direction", "rtl")]},
    {"selector": "td", "props": [("text-align", "right"), ("direction", "rtl")]},
    {"selector": "caption", "props": [("text-align", "right"), ("direction", "rtl")]},
]


def rtl_table(df, *, persian_numbers: bool = False, decimals: int = 0, caption: str = ""):
    """Return a pandas Styler showing ``df`` right to left, every cell aligned right.

    With ``persian_numbers`` numeric cells are displayed by ``helpers.charts.format_number``
    (Persian digits, «٬» thousands, ``decimals`` places); the Styler's ``.data`` is ``df``
    itself, untouched.
    """
    styler = df.style.set_table_styles(RTL_TABLE_STYLES)
    if caption:
        styler = styler.set_caption(caption)
    if persian_numbers:
        from .charts import format_number

        numeric = df.select_dtypes("number").columns
        styler = styler.format(lambda value: format_number(value, decimals=decimals), subset=list(numeric))
    return styler
