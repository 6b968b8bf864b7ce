"""hazm's Normalizer as cleaning runs it (helpers.hazm_once): the shortcuts it takes give hazm's results.

The whole Normalizer is compared with hazm's own in tests/test_clean.py; these tests check the
gates and rewritten patterns one by one, on texts built to pass and to miss each of them.
"""

import re

from hypothesis import example, given, settings, strategies as st

from helpers.chars import ZWNJ
from helpers.hazm_once import compiled_normalizer

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
