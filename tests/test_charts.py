"""Tests for helpers.charts and helpers.display: shaping decision, digits, charts, saving.

Rendering checks read matplotlib's own text layout (the glyphs its backends draw) and compare
rendered images with reference PNGs in tests/data/charts/. To regenerate the references after a
deliberate change, run with GOFTAR_UPDATE_REFERENCES=1 and look at the new PNGs before committing.
"""

from __future__ import annotations

import json
import math
import os
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import charts
from helpers.chars import ARABIC_DECIMAL_SEPARATOR as ARABIC_DECIMAL
from helpers.chars import RLM, ZWNJ, digits_to_latin
from helpers.display import rtl_table
from helpers.paths import TESTS_DATA_DIR

REFERENCE_DIR = TESTS_DATA_DIR / "charts"
UPDATE_REFERENCES = os.environ.get("GOFTAR_UPDATE_REFERENCES") == "1"
# RMS tolerance (0-255 grey levels) for image comparisons: absorbs anti-aliasing differences
# between FreeType builds, far below what a reversed or unjoined label changes.
IMAGE_TOLERANCE = 3.0


def visual_glyph_names(text: str) -> list[str]:
    """Glyph names matplotlib draws for ``text``, left to right, zero-width marks left out."""
    run = charts.matplotlib_glyph_run(text)
    visible = [item for item in run if not all(unicodedata.category(c) == "Cf" for c in item[0])]
    return [name for _, _, name, _ in sorted(visible, key=lambda item: item[3])]


# Text → glyph names as they must appear on the page, read left to right. Joined forms are
# named after their Unicode presentation forms: uniFEE3 = initial meem, uniFEB2 = final seen...
JOINED_RTL_CASES = [
    # every position form, no ligature: final seen, medial lam, medial jeem, initial meem
    ("مجلس", ["uniFEB2", "uniFEE0", "uniFEA0", "uniFEE3"]),
    # lam-alef ligature in final form; meem after alef stands alone (isolated form)
    ("سلام", ["uni0645", "uniFEFC", "uniFEB3"]),
    # three letters: final reh, medial feh, initial noon
    ("نفر", ["uniFEAE", "uniFED4", "uniFEE7"]),
    # ZWNJ ends the joining: yeh before it is final (FBFD), not medial; gaf starts a new join
    (f"می{ZWNJ}گوید", ["uniFEAA", "uniFBFE", "uniFEEE", "uniFB94", "uniFBFD", "uniFEE3.long"]),
    # Persian number inside a sentence: the number reads left to right, the sentence right to left
    ("۱۲٬۵۰۰ نفر", ["uniFEAE", "uniFED4", "uniFEE7", "space",
                    "uni06F1", "uni06F2", "uni066C", "uni06F5", "uni06F0", "uni06F0"]),
    # Persian label ending in a Latin acronym: the acronym lands on the left
    ("رشد GDP", ["G", "D", "P", "space", "uniFEAA", "uniFEB7", "uni0631"]),
    # Persian label starting with a Latin acronym: still a right-to-left line, acronym on the right
    ("GDP رشد", ["uniFEAA", "uniFEB7", "uni0631", "space", "G", "D", "P"]),
]


@pytest.mark.parametrize(("text", "expected"), JOINED_RTL_CASES)
def test_display_text_gives_matplotlib_joined_right_to_left_glyphs(text, expected):
    assert visual_glyph_names(charts.display_text(text)) == expected


# Raw strings whose base direction is right to left already (the first strong letter is Persian).
RAW_CASES = [case for case in JOINED_RTL_CASES if not case[0].startswith("GDP")]


@pytest.mark.parametrize(("text", "expected"), RAW_CASES)
def test_raw_string_is_joined_exactly_when_matplotlib_is_said_to_shape(text, expected):
    # The decision and the layout must agree: matplotlib that shapes draws the raw string right,
    # matplotlib that does not shape draws it wrong (so it must be reshaped).
    shaped_right = visual_glyph_names(text) == expected
    assert shaped_right == (not charts.needs_reshaping(renderer="matplotlib"))


@pytest.mark.parametrize(("text", "expected"), [RAW_CASES[0], RAW_CASES[2]])
def test_reshaping_for_a_shaping_matplotlib_would_print_backwards(text, expected):
    # The failure the decision guards against: reshaped + reordered text laid out by a renderer
    # that shapes itself comes out reversed. The glyph check must see it.
    if charts.needs_reshaping():
        pytest.skip("this matplotlib does not shape; reshaped text is the right input")
    # (words without ligatures or isolated letters, so the wrong run is the exact mirror image)
    assert visual_glyph_names(charts._reshape_and_reorder(text)) == list(reversed(expected))


def test_probe_agrees_with_matplotlib_version():
    import matplotlib

    major, minor = (int(p) for p in matplotlib.__version__.split(".")[:2])
    assert charts.needs_reshaping() == ((major, minor) < (3, 11))


def test_needs_reshaping_rejects_unknown_renderer_and_assumes_terminals_do_not_shape():
    with pytest.raises(ValueError):
        charts.needs_reshaping(renderer="browser")
    assert charts.needs_reshaping(renderer="terminal") is True


def test_pil_decision_follows_whether_pillow_has_raqm():
    from PIL import features

    # Pillow without libraqm draws one glyph per code point: reshaping is then required.
    if not features.check("raqm"):
        assert charts.needs_reshaping(renderer="pil")
    else:
        assert charts.needs_reshaping(renderer="pil") is False


def test_text_without_arabic_letters_is_untouched_for_every_renderer():
    for renderer in charts.RENDERERS:
        assert charts.display_text("GDP 2024", renderer=renderer) == "GDP 2024"


def test_terminal_text_is_reshaped_into_presentation_forms():
    # Terminal output: isolated letters become presentation forms (U+FBxx-U+FEFF) in visual order.
    shown = charts.display_text("مجلس", renderer="terminal")
    assert shown == "\ufeb2\ufee0\ufea0\ufee3"


def test_display_text_adds_rtl_mark_only_where_a_line_starts_in_latin():
    if charts.needs_reshaping():
        pytest.skip("marks are only added when matplotlib shapes")
    assert charts.display_text("GDP رشد") == RLM + "GDP رشد"
    assert charts.display_text("رشد GDP") == "رشد GDP"
    # each line of a multi-line label is judged on its own
    assert charts.display_text("رشد\nGDP رشد") == "رشد\n" + RLM + "GDP رشد"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_display_text_never_crashes_and_only_adds_marks(text):
    shown = charts.display_text(text)
    if not charts.needs_reshaping():
        assert shown.replace(RLM, "") == text.replace(RLM, "")


# --------------------------------------------------------------------------- numbers

FORMAT_CASES = [
    # (value, decimals, expected): what each checks
    (12500, 0, "۱۲٬۵۰۰"),  # thousands separator «٬»
    (12.5, 1, "۱۲٫۵"),  # decimal separator «٫»
    (1234567.891, 2, "۱٬۲۳۴٬۵۶۷٫۸۹"),  # both, rounding
    (-3, 0, "\u2212۳"),  # negative numbers carry a true minus sign
    (-0.004, 2, "۰٫۰۰"),  # a value that rounds to zero has no sign
    (0, 0, "۰"),
    (float("nan"), 0, ""),  # missing values print nothing
    (None, 0, ""),
    (float("inf"), 0, "\u221e"),
    (np.int64(1403), 0, "۱٬۴۰۳"),  # numpy scalars work like Python numbers
    (7, 2, "۷٫۰۰"),  # integers get the decimals asked for
    (10**20, 0, "۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰"),  # large integers stay exact
]


@pytest.mark.parametrize(("value", "decimals", "expected"), FORMAT_CASES)
def test_format_number(value, decimals, expected):
    assert charts.format_number(value, decimals=decimals) == expected


PERSIAN_DIGIT_CASES = [
    (1403, "۱۴۰۳"),  # years: no thousands separator
    (2.5, "۲٫۵"),  # number: decimal point becomes «٫»
    ("ساعت 10:30", "ساعت ۱۰:۳۰"),  # text: only digits change, the colon stays
    ("١٢٣", "۱۲۳"),  # Arabic-Indic digits become Persian
    ("1,5", "۱,۵"),  # separators in a string are left as written
]


@pytest.mark.parametrize(("value", "expected"), PERSIAN_DIGIT_CASES)
def test_persian_digits(value, expected):
    assert charts.persian_digits(value) == expected


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False), st.integers(0, 4))
def test_format_number_reads_back_as_the_rounded_value(value, decimals):
    text = charts.format_number(value, decimals=decimals)
    latin = digits_to_latin(text).replace("\u066c", "").replace("\u066b", ".").replace("\u2212", "-")
    assert math.isclose(float(latin), round(value, decimals), abs_tol=10 ** -decimals)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=-(10**400), max_value=10**400))
def test_format_number_writes_integers_of_any_length_exactly(value):
    # Long digit runs (beyond float range) are written digit for digit, never overflow or hang.
    text = charts.format_number(value)
    latin = digits_to_latin(text).replace("\u066c", "").replace("\u2212", "-")
    assert int(latin) == value


def test_tick_formatters_write_persian_digits():
    assert charts.persian_formatter()(25000, 0) == "۲۵٬۰۰۰"
    log = charts.persian_log_formatter()
    assert [log(v, 0) for v in (0.01, 1, 1000, 300, 0)] == ["۰٫۰۱", "۱", "۱٬۰۰۰", "", ""]


JALALI_CASES = [
    ("1403-01-15", (1403, 1, 15)),  # ISO Jalali date
    ("۱۴۰۳-۰۱-۱۵", (1403, 1, 15)),  # in Persian digits
    ("1403-12-30", (1403, 12, 30)),  # 1403 is a leap year: Esfand has 30 days
    ("1402-12-30", None),  # 1402 is not
    ("1403-13-01", None),  # no 13th month
    ("", None),
    (None, None),
    (float("nan"), None),  # missing in a DataFrame
]


@pytest.mark.parametrize(("text", "expected"), JALALI_CASES)
def test_parse_jalali(text, expected):
    parsed = charts.parse_jalali(text)
    assert (None if parsed is None else (parsed.year, parsed.month, parsed.day)) == expected


def test_jalali_month_label():
    assert charts.jalali_month_label(1403, 1) == "فروردین ۱۴۰۳"
    assert charts.jalali_month_label(1402, 12) == "اسفند ۱۴۰۲"


# --------------------------------------------------------------------------- charts

# Small made-up tables (not corpus text) that the gallery's chart types are drawn from.
SPEAKER_COUNTS = pd.Series(
    {"استاندار خوزستان": 12, "فرماندار اهواز": 7, "رئیس پلیس راه": 3, "سخنگوی دولت (GDP)": 1500, "وزیر کشور": 5}
)
THEMES = pd.DataFrame(
    {"امنیت": [3, 1, 0], "اقتصاد": [1, 4, 2], "سلامت": [0, 1, np.nan]}, index=["خبر ۱", "خبر ۲", "GDP خبر"]
)
WORDS = {"امنیت": 10, "استاندار": 7, "خوزستان": 6, f"می{ZWNJ}گوید": 4, "GDP": 3, "تصادف": 2}


def gallery_figures():
    return {
        "ranked_bars": charts.ranked_bars(SPEAKER_COUNTS, title="گویندگان پرتکرار", xlabel="شمار نقل‌قول",
                                          caption="منبع: داده‌ی آزمون"),
        "heatmap": charts.heatmap(THEMES, title="خبر × مضمون", colorbar_label="شمار"),
    }


def compare_with_reference(fig, name, tmp_path):
    from matplotlib.testing.compare import compare_images

    actual = tmp_path / f"{name}.png"
    fig.savefig(actual, metadata={"Software": None})
    expected = REFERENCE_DIR / f"{name}.png"
    if UPDATE_REFERENCES:
        REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(actual.read_bytes())
    assert expected.exists(), f"missing reference {expected}; run with GOFTAR_UPDATE_REFERENCES=1"
    return compare_images(str(expected), str(actual), tol=IMAGE_TOLERANCE)


@pytest.mark.parametrize("name", ["ranked_bars", "heatmap"])
def test_gallery_figure_matches_reference(name, tmp_path):
    assert compare_with_reference(gallery_figures()[name], name, tmp_path) is None


def test_reference_comparison_catches_labels_reshaped_twice(tmp_path, monkeypatch):
    # Simulate the bug the decision prevents: labels reshaped although matplotlib shapes.
    if charts.needs_reshaping():
        pytest.skip("this matplotlib does not shape")
    # display_text asks its own module (helpers.charts.style) whether to reshape
    monkeypatch.setattr(charts.style, "needs_reshaping", lambda *, renderer="matplotlib": True)
    wrong = charts.ranked_bars(SPEAKER_COUNTS, title="گویندگان پرتکرار", xlabel="شمار نقل‌قول",
                               caption="منبع: داده‌ی آزمون")
    from matplotlib.testing.compare import compare_images

    actual = tmp_path / "wrong.png"
    wrong.savefig(actual, metadata={"Software": None})
    assert compare_images(str(REFERENCE_DIR / "ranked_bars.png"), str(actual), tol=IMAGE_TOLERANCE) is not None


def test_word_cloud_matches_reference():
    from PIL import Image

    array = charts.word_cloud_array(WORDS, width=400, height=200)
    reference = REFERENCE_DIR / "word_cloud.png"
    if UPDATE_REFERENCES:
        Image.fromarray(array).save(reference)
    expected = np.asarray(Image.open(reference).convert("RGB"), dtype=float)
    assert array.shape == expected.shape
    rms = math.sqrt(((array.astype(float) - expected) ** 2).mean())
    assert rms < IMAGE_TOLERANCE


def test_word_cloud_is_deterministic_and_differs_for_other_words():
    first = charts.word_cloud_array(WORDS, width=300, height=150)
    again = charts.word_cloud_array(WORDS, width=300, height=150)
    other = charts.word_cloud_array({"مجلس": 5, "دولت": 3}, width=300, height=150)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_word_cloud_of_nothing_is_a_blank_image():
    assert (charts.word_cloud_array({"امنیت": 0}, width=50, height=20) == 255).all()


def test_ranked_bars_puts_labels_on_the_right_and_largest_on_top():
    fig = charts.ranked_bars(SPEAKER_COUNTS, top=3)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # bottom to top: the third largest first, the largest last (on top)
    assert [label.replace(RLM, "") for label in labels] == ["فرماندار اهواز", "استاندار خوزستان", "سخنگوی دولت (GDP)"]
    assert ax.xaxis_inverted()
    assert ax.yaxis.get_ticks_position() == "right"


def test_log_dot_plot_drops_values_a_log_scale_cannot_show():
    frame = pd.DataFrame({"value": [5, 0, -2, None, 1e6], "label": ["الف", "ب", "پ", "ت", "ث"]})
    fig = charts.log_dot_plot(frame, "value", "label", caption="حذف: {dropped}")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    assert len(ax.get_yticks()) == 2
    assert fig.get_supxlabel().endswith("۳")


def test_jalali_timeline_counts_per_day_and_skips_missing_dates():
    frame = pd.DataFrame({"date": ["1403-01-15", "1403-01-15", "1402-12-01", None, "not a date"]})
    fig = charts.jalali_timeline(frame, "date", caption="بدون تاریخ: {missing}")
    ax = fig.axes[0]
    heights = sorted(float(y) for _, y in ax.collections[1].get_offsets())
    assert heights == [1.0, 2.0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    # first day of each month spanned, and of the month after the last
    assert labels == ["اسفند ۱۴۰۲", "فروردین ۱۴۰۳", "اردیبهشت ۱۴۰۳"]
    assert fig.get_supxlabel().endswith("۲")


def test_stacked_bars_legend_is_right_aligned_with_markers_after_labels():
    fig = charts.stacked_bars(THEMES, legend_title="مضمون")
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == list(THEMES.columns)
    assert legend._legend_box.align == "right"
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    for text, handle in zip(legend.get_texts(), legend.legend_handles):
        # the swatch sits to the right of its label
        assert handle.get_window_extent(renderer).x0 > text.get_window_extent(renderer).x1


# --------------------------------------------------------------------------- saving


def test_save_figure_writes_identical_bytes_for_the_same_figure(tmp_path):
    paths_a = charts.save_figure(gallery_figures()["heatmap"], "heat", folder=tmp_path / "a", pdf=True,
                                 caption="c", corpus="seeds", notebook="00")
    paths_b = charts.save_figure(gallery_figures()["heatmap"], "heat", folder=tmp_path / "b", pdf=True,
                                 caption="c", corpus="seeds", notebook="00")
    assert [p.name for p in paths_a] == ["heat.png", "heat.svg", "heat.pdf", "heat.json"]
    for a, b in zip(paths_a, paths_b):
        assert a.read_bytes() == b.read_bytes(), a.name
    svg = (tmp_path / "a" / "heat.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert b"CreationDate" not in (tmp_path / "a" / "heat.pdf").read_bytes()
    record = json.loads((tmp_path / "a" / "heat.json").read_text(encoding="utf-8"))
    assert (record["caption"], record["corpus"], record["notebook"]) == ("c", "seeds", "00")
    assert set(record["files"]) == {"heat.png", "heat.svg", "heat.pdf"}


def test_save_figure_records_corpus_paths_relative_to_the_project(tmp_path):
    from helpers.paths import CORPUS_DIR

    charts.save_figure(gallery_figures()["heatmap"], "rel", folder=tmp_path, formats=("png",), corpus=CORPUS_DIR)
    assert json.loads((tmp_path / "rel.json").read_text(encoding="utf-8"))["corpus"] == "corpus"


def test_save_figure_rejects_names_that_are_not_plain_file_names(tmp_path):
    with pytest.raises(ValueError):
        charts.save_figure(gallery_figures()["heatmap"], "../escape", folder=tmp_path)


def test_use_persian_style_is_idempotent_and_sets_the_bundled_font():
    import matplotlib
    from matplotlib import font_manager

    charts.use_persian_style()
    count = len(font_manager.fontManager.ttflist)
    charts.use_persian_style()
    assert len(font_manager.fontManager.ttflist) == count
    assert matplotlib.rcParams["font.family"] == [charts.FONT_FAMILY]
    found = font_manager.findfont(charts.FONT_FAMILY, fallback_to_default=False)
    assert os.path.samefile(found, charts.FONT_FILES["regular"])


# --------------------------------------------------------------------------- tables


def test_rtl_table_styles_without_changing_the_data():
    frame = pd.DataFrame({"نام": ["استاندار", "GDP رشد"], "شمار": [1200, 3]})
    before = frame.copy()
    styler = rtl_table(frame, persian_numbers=True)
    html = styler.to_html()
    assert "direction: rtl" in html and "text-align: right" in html
    assert "۱٬۲۰۰" in html
    pd.testing.assert_frame_equal(styler.data, before)
    pd.testing.assert_frame_equal(frame, before)


def test_heatmap_colour_bar_ticks_are_all_different():
    # values below one with decimals=0 once gave a colour bar reading «۰ ۰ ۰ ۱ ۱»
    fig = charts.heatmap(pd.DataFrame({"امنیت": [0.1, 0.8], "اعتماد": [0.35, 0.0]}, index=["الف", "ب"]),
                         decimals=0)
    fig.canvas.draw()
    colour_bar = fig.axes[-1]
    labels = [label.get_text() for label in colour_bar.get_yticklabels() if label.get_text()]
    assert len(labels) >= 3 and len(set(labels)) == len(labels), labels
    assert all(not any(c.isascii() and c.isdigit() for c in label) for label in labels)


def test_log_dot_plot_caption_counts_dropped_rows_only_when_there_are_some():
    assert charts._dropped_note("منبع: بذر؛ {dropped} عدد کنار گذاشته شد", 3) == "منبع: بذر؛ ۳ عدد کنار گذاشته شد"
    assert charts._dropped_note("منبع: بذر؛ {dropped} عدد کنار گذاشته شد", 0) == "منبع: بذر"
    assert charts._dropped_note("{dropped} آمار کنار گذاشته شد", 0) == ""


# ---------------------------------------------------------------- charts that tell the truth


def drawn_tick_labels(axis) -> list[str]:
    axis.figure.canvas.draw()
    return [label.get_text() for label in axis.get_ticklabels() if label.get_text()]


@pytest.mark.parametrize("chart", [
    lambda data: charts.ranked_bars(data),
    lambda data: charts.stacked_bars(data.to_frame("شمار")),
])
def test_count_axes_have_whole_number_ticks_only(chart):
    # three small counts once gave «۰ ۰ ۱ ۱ ۲ ۲ ۳» (ticks at 0, 0.5, 1... written without decimals)
    fig = chart(pd.Series({"الف": 1, "ب": 3, "پ": 2}))
    ax = fig.axes[0]
    labels = drawn_tick_labels(ax.xaxis)
    assert all(float(tick).is_integer() for tick in ax.get_xticks())
    assert len(set(labels)) == len(labels) and ARABIC_DECIMAL not in "".join(labels), labels


def test_fractional_axes_write_the_decimals_their_ticks_need():
    fig = charts.ranked_bars(pd.Series({"الف": 0.3, "ب": 1.2}), decimals=0)
    labels = drawn_tick_labels(fig.axes[0].xaxis)
    assert len(set(labels)) == len(labels), labels
    assert any(ARABIC_DECIMAL in label for label in labels), labels


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=6))
def test_any_counts_give_distinct_whole_tick_labels(counts):
    fig = charts.ranked_bars(pd.Series(counts, index=[f"ب{i}" for i in range(len(counts))]))
    ax = fig.axes[0]
    labels = drawn_tick_labels(ax.xaxis)
    assert len(set(labels)) == len(labels), labels
    assert all(float(tick).is_integer() for tick in ax.get_xticks())


def label_positions(ax) -> dict[str, float]:
    return {label.get_text(): position for position, label in zip(ax.get_yticks(), ax.get_yticklabels())}


def test_a_catch_all_is_never_the_top_bar_of_a_ranking():
    # on the Fars bench «نامشخص» (548 of 1,466) topped the province chart
    provinces = pd.Series({"نامشخص": 548, "تهران": 120, "اصفهان": 80, "سایر": 90, "قم": 10})
    fig = charts.ranked_bars(provinces, top=2)
    ax = fig.axes[0]
    positions = label_positions(ax)
    assert max(positions, key=positions.get) == "تهران"
    assert set(positions) == {"تهران", "اصفهان", "نامشخص", "سایر"}  # top=2 ranks; catch-alls kept apart
    assert max(positions["نامشخص"], positions["سایر"]) < min(positions["تهران"], positions["اصفهان"])
    grey = [bar for bar in ax.patches if bar.get_facecolor()[:3] == pytest.approx((0.72, 0.72, 0.72))]
    assert len(grey) == 2
    assert charts.SET_ASIDE_NOTE in charts.visible_texts(fig)


def test_set_aside_false_ranks_every_label():
    fig = charts.ranked_bars(pd.Series({"نامشخص": 548, "تهران": 120}), set_aside=False)
    positions = label_positions(fig.axes[0])
    assert max(positions, key=positions.get) == "نامشخص"


def test_heatmap_and_stacked_bars_put_catch_all_rows_and_columns_last():
    grid = pd.DataFrame({"نامشخص": [5, 1, 9], "امنیت": [1, 2, 3]}, index=["متن خبر", "استاندار", "شهردار"])
    heat = charts.heatmap(grid)
    ax = heat.axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["استاندار", "شهردار", "متن خبر"]
    assert [label.get_text() for label in ax.get_xticklabels()] == ["امنیت", "نامشخص"]
    stacked = charts.stacked_bars(grid)
    positions = label_positions(stacked.axes[0])
    assert positions["متن خبر"] < min(positions["استاندار"], positions["شهردار"])


@pytest.mark.parametrize("label, expected", [
    ("", True), ("  ", True), (None, True), ("نامشخص", True), ("سایر مقامها", True), ("متن خبر", True),
    ("گوینده نامشخص", True), ("تهران", False), ("استاندار", False),
])
def test_catch_all_labels_come_from_the_lexicon(label, expected):
    assert charts.is_catch_all(label) is expected


@pytest.mark.parametrize("text", ["date_time_line", "های_suffix", "recall", "f1", "governor",
                                  "001_a3ad1b859200db6b", "a3ad1b859200db6b"])
def test_codes_rule_ids_and_hash_ids_are_unreadable_labels(text):
    fig = charts.ranked_bars(pd.Series({text: 3, "تهران": 2}), title="عنوان")
    assert charts.unreadable_labels(fig) == [text]


def test_persian_labels_and_the_corpus_name_in_the_caption_are_readable():
    fig = charts.ranked_bars(pd.Series({"تهران": 3, "پلیس فتا": 2, "رشد GDP": 1}), title="عنوان",
                             xlabel="شمار", caption="منبع: پیکره‌ی fars-news")
    assert charts.unreadable_labels(fig) == []


def test_checking_labels_leaves_the_saved_bytes_unchanged(tmp_path):
    def draw():
        return charts.ranked_bars(pd.Series({"تهران": 3, "نامشخص": 5}), title="عنوان")

    checked = draw()
    charts.unreadable_labels(checked)
    first = charts.save_figure(checked, "checked", folder=tmp_path / "a")
    second = charts.save_figure(draw(), "checked", folder=tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_the_chart_package_keeps_every_module_short_and_every_name_importable():
    from helpers.paths import HELPERS_DIR

    for path in (HELPERS_DIR / "charts").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 800, path.name
    for name in ("ranked_bars", "stacked_bars", "heatmap", "log_dot_plot", "jalali_timeline", "word_cloud",
                 "save_figure", "display_text", "format_number", "use_persian_style", "needs_reshaping"):
        assert callable(getattr(charts, name))


def test_a_long_timeline_counts_per_jalali_month_with_each_month_named_under_its_bar():
    # 1403-01-15 and 1403-01-31 fall in Farvardin; 1403-06-01 in Shahrivar: 140 days apart
    frame = pd.DataFrame({"date": ["1403-01-15", "1403-01-31", "1403-06-01", ""]})
    fig = charts.jalali_timeline(frame, "date", caption="{missing}")
    ax = fig.axes[0]
    assert sorted(bar.get_height() for bar in ax.patches) == [1.0, 2.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["فروردین ۱۴۰۳", "شهریور ۱۴۰۳"]
    daily = charts.jalali_timeline(frame, "date", per="day")
    assert not daily.axes[0].patches and len(daily.axes[0].collections[1].get_offsets()) == 3
    with pytest.raises(ValueError, match="per="):
        charts.jalali_timeline(frame, "date", per="week")
