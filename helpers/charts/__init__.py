"""Persian figures that render right: bundled font, right-to-left layout, Persian digits, and
charts that do not mislead on a real corpus (counts on whole-number axes, catch-all categories
set apart).

The package, by job:

* :mod:`~helpers.charts.style`: the font, the rcParams, and whether a renderer needs the text
  reshaped (:func:`display_text` is the one place that reshapes);
* :mod:`~helpers.charts.formatting`: numbers in Persian digits, tick formatters;
* :mod:`~helpers.charts.layout`: what every chart shares (titles, right-to-left axes, integer
  axes, catch-all categories);
* :mod:`~helpers.charts.bars`, :mod:`~helpers.charts.grids`, :mod:`~helpers.charts.dots`,
  :mod:`~helpers.charts.timelines`, :mod:`~helpers.charts.clouds`: the chart types;
* :mod:`~helpers.charts.saving`: files without timestamps and their JSON record.

Everything is importable from ``helpers.charts`` itself, as before the split.
"""

from __future__ import annotations

from .bars import SET_ASIDE_GAP, ranked_bars, stacked_bars
from .clouds import RANDOM_STATE, word_cloud, word_cloud_array
from .dots import _dropped_note, log_dot_plot
from .formatting import (
    MINUS_SIGN,
    _tick_decimals,
    format_number,
    persian_digits,
    persian_formatter,
    persian_log_formatter,
    persian_tick_formatter,
)
from .grids import heatmap
from .layout import (
    SET_ASIDE_COLOR,
    SET_ASIDE_NOTE,
    _decorate,
    _labels,
    _new_figure,
    _palette,
    _rtl_category_axis,
    _rtl_legend,
    catch_all_labels,
    catch_all_last,
    catch_all_last_order,
    holds_counts,
    is_catch_all,
    label_text,
    split_catch_all,
    value_axis,
)
from .saving import FIGURE_NAME, UNREADABLE_LABEL, save_figure, unreadable_labels, visible_texts
from .style import (
    FONT_FAMILY,
    FONT_FILES,
    PROBE_WORD,
    RENDERERS,
    STYLE,
    SVG_HASH_SALT,
    _matplotlib_shapes,
    _pil_shapes,
    _reshape_and_reorder,
    display_text,
    matplotlib_glyph_run,
    needs_reshaping,
    use_persian_style,
)
from .timelines import jalali_month_label, jalali_timeline, parse_jalali, tenure_bars
