"""Lexicon helpers: a prefix-tree alternation matches what a longest-first alternation matches."""

import re

from hypothesis import example, given, settings, strategies as st

from helpers.lexicons import literal_alternation

_WORDS = st.lists(st.text(alphabet="آابشرقی .(", min_size=1, max_size=6), min_size=1, max_size=12)


def _matches(pattern: str, text: str) -> list[tuple[int, int]]:
    # The word-edge lookahead makes a long entry fail where a shorter one succeeds.
    return [m.span() for m in re.finditer(rf"(?:{pattern})(?![آب])", text)]


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="آابشرقی .(", max_size=40))
@example(["آذربایجان", "آذربایجان شرقی", "آذربایجان غربی"], "استان آذربایجان شرقیب و آذربایجان غربی")
def test_prefix_tree_matches_like_a_longest_first_alternation(words, text):
    plain = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    assert _matches(literal_alternation(words), text) == _matches(plain, text)


def test_entries_sharing_a_beginning_share_a_branch():
    pattern = literal_alternation(["آذربایجان شرقی", "آذربایجان غربی"])
    assert pattern.count("آذربایجان") == 1
    assert re.fullmatch(pattern, "آذربایجان غربی") and not re.fullmatch(pattern, "آذربایجان")
