"""Word memos: a pure function of a word, read once per distinct word, then looked up in C.

Annotators map such a function over every token of an article (``map(memo, keys)``, thousands
of tokens, nearly all words seen before): a word seen before then costs one dict lookup made
in C, about half the cost of an ``functools.lru_cache`` hit, which also moves the entry in
its recency list.
"""

from __future__ import annotations

from collections.abc import Callable


class WordMemo(dict):
    """``memo[word]`` is ``function(word)``, computed the first time ``word`` is looked up and
    kept. ``function`` must be pure: what the memo keeps only saves the work of reading it again.

    Bounded: emptied when it holds ``max_size`` words, so memory stays flat over an archive.
    """

    __slots__ = ("function", "max_size")

    def __init__(self, function: Callable, max_size: int):
        super().__init__()
        self.function = function
        self.max_size = max_size

    def __missing__(self, word):
        if len(self) >= self.max_size:
            self.clear()
        value = self[word] = self.function(word)
        return value


def word_memo(function: Callable, max_size: int) -> Callable:
    """``function`` read through a :class:`WordMemo`: the memo's ``__getitem__``, a C function
    that ``map`` calls without a Python frame for every word seen before."""
    return WordMemo(function, max_size).__getitem__
