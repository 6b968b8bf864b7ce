"""hazm's word list, read from disk once per process instead of once per hazm object.

hazm 0.12 reads its 3 MB word list (``words.dat``) in every ``WordTokenizer`` it builds, and
Goftar builds four: the Normalizer's, the Normalizer's Lemmatizer's, our Lemmatizer's and the
one that lends us its verb-part sets. Each read costs about 0.6 s, paid again by every worker
process. :func:`share_word_list` makes later reads return the list the first one read; hazm
only iterates it, so sharing it changes nothing it builds.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def share_word_list() -> None:
    """Make hazm's ``WordTokenizer`` (and this module's callers) read each word file only once.

    Call before building any hazm object; calling it again does nothing.
    """
    import hazm.word_tokenizer

    hazm.word_tokenizer.words_list = lru_cache(maxsize=4)(hazm.word_tokenizer.words_list)


def word_list() -> list[tuple[str, int, tuple[str, ...]]]:
    """hazm's default word list, (word, count, part-of-speech tags) per line, read at most once."""
    share_word_list()
    import hazm.word_tokenizer

    return hazm.word_tokenizer.words_list(hazm.word_tokenizer.default_words)
