"""helpers.memos: a word memo returns its function's value, reads each word once, stays bounded."""

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.memos import WordMemo, word_memo


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
