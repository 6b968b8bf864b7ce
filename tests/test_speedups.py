"""helpers.speedups: a word memo returns its function's value, reads each word once, stays
bounded; a class narrowed to the BMP agrees with the class there; a plane regex splits as
the regex as written."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import terms
from helpers.speedups import WordMemo, bmp_class, has_astral, plane_regex, word_memo, word_memos


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=4), max_size=60), st.integers(min_value=1, max_value=8))
def test_word_memo_returns_the_function_value_and_stays_bounded(words, max_size):
    reads = []

    def reverse(word):
        reads.append(word)
        return word[::-1]

    memo = WordMemo(reverse, max_size)
    assert list(map(memo.__getitem__, words)) == [word[::-1] for word in words]
    assert len(memo) <= max_size
    if len(set(words)) <= max_size:  # never emptied: every word read once
        assert sorted(reads) == sorted(set(words))


def test_word_memo_reads_a_word_seen_before_from_the_memo():
    reads = []
    length = word_memo(lambda word: reads.append(word) or len(word), max_size=10)
    assert [length("کتاب"), length("کتاب"), length("ها")] == [4, 4, 2]
    assert reads == ["کتاب", "ها"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=4), max_size=60), st.integers(min_value=1, max_value=8))
def test_word_memos_give_each_value_and_read_a_word_once_for_all(words, max_size):
    reads = []

    def readings(word):
        reads.append(word)
        return word[::-1], len(word)

    reverse, length = word_memos(readings, 2, max_size)
    # looked up in turns, and each memo alone: every value is the function's
    assert [(reverse(w), length(w)) for w in words] == [(w[::-1], len(w)) for w in words]
    assert list(map(length, reversed(words))) == [len(w) for w in reversed(words)]
    assert len(reverse.__self__) <= max_size and len(length.__self__) <= max_size
    if len(set(words)) <= max_size:  # never emptied: every word read once, whichever memo asked
        assert sorted(reads) == sorted(set(words))


# The classes the tokenizers narrow: numbers' word characters, terms' (a word's first one and the others).
_TERMS_WORD = rf"\s\d{terms._ESCAPED_PUNCT}{terms._EDGE}"
_CLASSES = [r"[^\W\d_]", f"[^{_TERMS_WORD}]", f"[^{_TERMS_WORD}٫٬]"]


@pytest.mark.parametrize("char_class", _CLASSES)
def test_bmp_class_agrees_with_the_class_on_every_bmp_character(char_class):
    every_bmp_character = "".join(map(chr, range(0x10000)))
    assert re.findall(bmp_class(char_class), every_bmp_character) == re.findall(char_class, every_bmp_character)


def test_bmp_class_matches_no_astral_character():
    assert re.match(bmp_class(r"[^\W\d_]"), "\U00010400") is None  # Deseret «𐐀», a letter
    assert re.match(r"[^\W\d_]", "\U00010400")


def _word_runs(char_class):
    word = char_class(r"[^\W\d_]")
    return rf"({word}++(?:\u200c{word}++)*+|[0-9]++)"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"کتاب ۱۲3 x_،.\n\u200c٫", "\U00010400", "\U0001d7ce", "ß", "²"]), max_size=60))
def test_plane_regex_splits_as_the_regex_as_written(text):
    # a text without astral characters goes to the narrowed regex, any other to the regex as
    # written: either way the pieces are the regex's
    regex_for = plane_regex(_word_runs)
    assert regex_for(text).split(text) == re.split(_word_runs(lambda char_class: char_class), text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(st.characters(blacklist_categories=()), max_size=20),  # lone surrogates too
                 st.text(alphabet=st.sampled_from([*"کتاب 1", "\U00010400", "\U0010ffff", "\uffff", "\ud800", "\udfff"]),
                         max_size=8)))
def test_has_astral_finds_any_character_beyond_the_bmp(text):
    assert has_astral(text) == any(ord(ch) > 0xFFFF for ch in text)
