"""hazm's Normalizer as cleaning runs it (helpers.hazm_once): the shortcuts it takes give hazm's results.

The whole Normalizer is compared with hazm's own in tests/test_clean.py; these tests check the
gates and rewritten patterns one by one, on texts built to pass and to miss each of them.
"""

import functools
import re

from hypothesis import example, given, settings, strategies as st

from helpers.chars import ZWNJ
from helpers.hazm_once import compiled_normalizer


@functools.cache
def _plain_hazm():
    from hazm import Normalizer

    return Normalizer(persian_numbers=False)


# Letters written once, twice and three times, beside what is not a letter (a digit, a Latin
# letter, a space, a line break, a ZWNJ, a tatweel).
_REPEATS = st.lists(st.sampled_from(["ا", "اا", "ااا", "ب", "بب", "ی", "یی", "ییی", "a", "aa", "۱۱", "1", " ", "\n", ZWNJ,
                                     "ـ", "م", "ممم"]), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_REPEATS, st.text(max_size=60)))
@example("سلامممم")
@example("aaa ۱۱۱ ا ا ا")  # three times, but no letter of hazm's, or not side by side
@example("ب\nبب")
def test_the_tripled_letter_gate_finds_the_texts_hazms_pattern_finds(text):
    # decrease_repeated_chars runs hazm's pattern only where the rewritten one finds something.
    hazm = compiled_normalizer()
    expected = re.search(hazm.more_than_two_repeat_pattern.pattern, text) is not None
    assert (hazm._tripled_letter.search(text) is not None) == expected


# Marks hazm's punctuation patterns act on, spaces around them, letters, digits of several scripts.
_SPACED_MARKS = st.lists(st.sampled_from([" ", "  ", ".", ":", "!", "،", "؛", "؟", "»", "«", "]", ")", "}", "(", "کتاب", "a",
                                          "\n", "5", "۵", "٣", "\u0967", "\U0001d7ce", ZWNJ]), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_SPACED_MARKS, st.text(max_size=60)))
@example("کتاب ، خانه . و ) «  ؟")
@example("«  »")  # a space both after an opening mark and before a closing one
@example("( ( x  ) ")
def test_the_spaces_inside_marks_go_as_hazms_two_patterns_remove_them(text):
    # One substitution where hazm runs « ([closing marks])» and then «([opening marks]) ».
    hazm = compiled_normalizer()
    expected = text
    for pattern, replacement, _ in hazm._space_before_mark + hazm._space_after_opening:
        expected = pattern.sub(replacement, expected)
    assert hazm._spaces_inside_marks.sub("", text) == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(_SPACED_MARKS, st.text(max_size=60)))
@example("\U0001d7ce")  # a digit beyond the BMP
@example("ك")  # a character of hazm's table
def test_the_rare_character_or_digit_class_finds_every_rare_character_and_digit(text):
    # normalize skips the rare characters' steps and the digit patterns where it finds nothing
    # (it may find more: any character beyond the BMP).
    hazm = compiled_normalizer()
    if hazm._rare_characters.search(text) or re.search(r"\d", text):
        assert hazm._rare_character_or_digit.search(text) is not None


@settings(max_examples=300, deadline=None)
@given(st.one_of(_SPACED_MARKS, st.text(max_size=60)))
@example("کتاب5 ، و ۵خانه")
def test_spacing_told_no_digit_is_there_spaces_a_text_without_digits_as_hazm(text):
    text = re.sub(r"\d", "", text)
    assert compiled_normalizer()._corrected_spacing(text, may_hold_digit=False) == _plain_hazm().correct_spacing(text)


# Affixes written apart and joined, the tokens around them (words hazm knows and «ثقثق», which
# it does not), marks, spaces and line breaks.
_AFFIXED = st.lists(st.sampled_from(["کتاب", "خانه", "ه", "ی", "می", "نمی", "رود", "ها", "های", "تر", "ترین", "گر",
                                     "ام", "اند", "ایم", "ات", "امروز", "هها", "تری", "ایران", "ثقثق", "ثقثقه", ZWNJ,
                                     " ", " ", "\n", ".", "،", "»", "(", "5"]), max_size=24).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_AFFIXED, st.text(max_size=60)))
@example("ثقثقه ی من")  # a word hazm does not know: token spacing leaves «ی» apart, the pattern joins it
@example("ثقثق تر")
@example("ثقثقه ایم")
@example("می ثقثق")
@example("ثقثق ها")
@example("کتاب\nمی رود")
def test_a_spaced_line_holding_no_affix_token_is_changed_by_no_affix_pattern(text):
    # correct_spacing tries the affix patterns only where a token of a line is one of
    # _AFFIX_TOKENS (or a suffix), or the spaced text holds «هها».
    from helpers.hazm_once import _AFFIX_TOKENS

    hazm = _plain_hazm()
    lines = [hazm._tokenizer.tokenize(line) if line.strip() else None for line in text.split("\n")]
    spaced = "\n".join(line if tokens is None else " ".join(hazm.token_spacing(tokens))
                       for line, tokens in zip(text.split("\n"), lines))
    if any(tokens and not _AFFIX_TOKENS.isdisjoint(tokens) for tokens in lines) or "هها" in spaced:
        return
    for pattern, replacement, _ in compiled_normalizer()._affix_spacing:
        assert pattern.sub(replacement, spaced) == spaced
