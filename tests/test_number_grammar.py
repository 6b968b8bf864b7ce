"""helpers.numbers, issue 17: the contract (a phrase is read whole or gets no value) and the
number grammar beyond the plain forms: hundreds in two words, parts without «و», signs,
decimals in words, ordinals of scale words, ranges with both ends, clock times."""

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.lexicons import load_table
from helpers.numbers import find_numbers, parse_number
from tests.test_numbers import _WORDS, spell

# surface → value parse_number must return (None: refused); each line says what it checks.
GRAMMAR_CASES = [
    ("هفت صد نفر", 700),  # hundreds written as two words
    ("یک هزار و سه صد", 1300),  # two-word hundreds after a scale and «و»
    ("دو میلیون و پنج صد هزار", 2_500_000),  # two-word hundreds under a second scale
    ("سه\u200cصد میلیارد", 3e11),  # two-word hundreds joined by a ZWNJ
    ("دو هزار سیصد و پنج", 2305),  # a smaller part after a scale word without «و»
    ("سه میلیارد پانصد میلیون", 3.5e9),  # the same with a second scale word
    ("۸ هزار ۲۰۰ میلیارد تومان", 8.2e12),  # a larger scale after the part without «و» multiplies the whole
    ("هفت هزار سیصد میلیون", 7.3e9),  # the same in words
    ("۶ هزار ۳۰۰ هزار نفر", 6000),  # the same scale again: a list of two numbers, the first read
    ("هزار یک شب", 1000),  # a lone «یک» after a scale is not taken without «و»
    ("منفی دو هزار", -2000),  # the sign word
    ("دمای منفی ۸ درجه", -8),  # the sign word before digits, inside a sentence
    ("-۵ درجه", -5),  # a minus glued to the digits
    ("−۳ درجه", -3),  # the minus sign U+2212
    ("۱۰ - ۵", 10),  # a dash with a space after it is no sign (and no range: the second is smaller)
    ("دو ممیز پنج", 2.5),  # «ممیز»: a decimal point in words
    ("دو ممیز صفر پنج", 2.05),  # a zero after the point counts as a digit
    ("یک ممیز دو میلیون", 1_200_000),  # the scale after the decimal applies to the whole
    ("سه ممیز چهارده صدم", 3.14),  # the decimal written with its denominator
    ("دو و سه دهم", 2.3),  # tenths after «و»
    ("هفت و سیصد و پنجاه هزارم", 7.35),  # thousandths after «و»
    ("چهار و هفت دهم میلیون", 4_700_000),  # a decimal in words under a scale
    ("دو هزارمین", 2000),  # the ordinal of a scale word
    ("ده هزارمین", 10_000),
    ("بین ۲۰ و ۳۰ درصد", 25),  # «بین X و Y»: a range, its midpoint
    ("پنج شش نفر", 5.5),  # two small number words side by side: a range
    ("ساعت ۶ و ۳۰ دقیقه", 6.5),  # a clock time in hours
    ("ساعت ده و ربع", 10.25),  # a quarter past
    ("۶ و ۳۰ دقیقه", 6),  # without «ساعت» no clock time
    ("چند هزار نفر", None),  # vague: «چند» before a scale
    ("ده\u200cها هزار نفر", None),  # vague: a plural number word before a scale
    ("بیست و چند نفر", None),  # vague: «چند» after «و»
    ("هزار و اندی", None),  # vague: «اندی» after «و»
    ("پنجاه و صد", None),  # malformed: «و» and a number word that does not compose
    ("سی و هزار", None),
    ("چارصد نفر", 400),  # colloquial spellings
    ("بیس و پنج نفر", 25),
]


@pytest.mark.parametrize("surface,expected", GRAMMAR_CASES)
def test_parse_number_grammar(surface, expected):
    got = parse_number(surface)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected, rel=1e-12)


def _row(text: str, surface_start: str) -> dict:
    table = find_numbers(text, article_id="a")
    return next(row for row in table.to_dict("records") if row["surface"].startswith(surface_start))


def test_export_flags_a_vague_number_and_writes_no_value():
    row = _row("در این حادثه چند هزار نفر آسیب دیدند.", "هزار")
    assert math.isnan(row["value"]) and row["kind"] == "other" and "partial:vague" in row["rule"]


def test_export_flags_a_malformed_phrase_and_writes_no_value():
    row = _row("گفته شد پنجاه و صد نفر آمدند.", "پنجاه")
    assert math.isnan(row["value"]) and "partial:unread" in row["rule"]


def test_export_range_keeps_both_ends():
    row = _row("حدود ۵۰ تا ۶۰ نفر در مراسم بودند.", "۵۰")
    assert (row["low"], row["high"], row["value"]) == (50, 60, 55)


def test_export_clock_time_is_a_time():
    row = _row("جلسه ساعت ۶ و ۳۰ دقیقه آغاز شد.", "۶")
    assert row["kind"] == "time" and row["value"] == 6.5 and row["surface"] == "۶ و ۳۰ دقیقه"


def test_export_negative_surface_holds_the_sign_word():
    row = _row("دمای هوا به منفی ۸ درجه رسید.", "منفی")
    assert row["surface"] == "منفی ۸" and row["value"] == -8


_LONE_SKIP = {row["word"] for row in load_table("number_grammar") if row["role"] == "lone_skip"}


def _spell_without_and(n: int) -> str:
    """``spell`` with no «و» between the scale groups: «دو هزار سیصد و پنج»."""
    groups = []
    for scale in (10**9, 10**6, 10**3, 1):
        count, n = divmod(n, scale)
        if count:
            words = spell(count)
            groups.append(words if scale == 1 else f"{words} {_WORDS['scale'][scale]}")
    return " ".join(groups)


def _two_word_hundreds(text: str) -> str:
    """Every hundreds word of ``spell`` written as a unit and «صد» («سیصد» → «سه صد»)."""
    for value in range(200, 1000, 100):
        text = text.replace(_WORDS["hundred"][value], f"{_WORDS['unit'][value // 100]} {_WORDS['hundred'][100]}")
    return text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_round_trip_words_without_and_between_groups(n):
    # a last group that is a lone «یک» or «نه» is written with «و» («هزار و یک»): alone after a
    # scale word they are the indefinite «یک» and «no» («هزار یک نفر»), no part of the number
    assume(n < 1000 or n % 1000 == 0 or spell(n % 1000) not in _LONE_SKIP)
    assert parse_number(_spell_without_and(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999_999))
def test_round_trip_two_word_hundreds(n):
    assert parse_number(_two_word_hundreds(spell(n))) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_negative_is_the_opposite(n):
    assert parse_number(f"منفی {spell(n)}") == -n


@settings(max_examples=200, deadline=None)
# a whole part ending in a ten or a hundred composes with the numerator («پنجاه و یک»): units and teens
@given(st.integers(min_value=0, max_value=19), st.integers(min_value=1, max_value=9))
def test_tenths_in_words(whole, tenths):
    whole_words = spell(whole) if whole else _WORDS["unit"][0]
    assert parse_number(f"{whole_words} و {spell(tenths)} {_WORDS['fraction'][10]}") == pytest.approx(whole + tenths / 10)
    assert parse_number(f"{whole_words} ممیز {spell(tenths)}") == pytest.approx(whole + tenths / 10)
