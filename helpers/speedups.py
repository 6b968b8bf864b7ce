"""Two ways the annotators' per-token work is made cheaper, the results unchanged.

Word memos (:func:`word_memo`): a pure function of a word, read once per distinct word, then
looked up in C. Annotators map such a function over every token of an article (thousands of
tokens, nearly all words seen before): a word seen before then costs one dict lookup made in
C, about half the cost of a ``functools.lru_cache`` hit, which also moves the entry in its
recency list. Several readings of one word kept in as many memos, filled together by one
Python call (:func:`word_memos`).

Regexes narrowed to the Basic Multilingual Plane (:func:`plane_regex`): a character class
such as ``[^\\W\\d_]`` is tested category by category for every character of a text; the same
class written out as ranges of BMP characters is one table lookup. A text without astral
characters (nearly every text) is read by the narrowed regex, any other by the regex as
written: the matches are the same.
"""

from __future__ import annotations

import re
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


class _MemberMemo(dict):
    """One of the memos of :func:`word_memos`: a word it lacks is read by its group."""

    __slots__ = ("fill", "index")

    def __init__(self, fill: Callable, index: int):
        super().__init__()
        self.fill = fill
        self.index = index

    def __missing__(self, word):
        return self.fill(word)[self.index]


def word_memos(function: Callable, count: int, max_size: int) -> tuple[Callable, ...]:
    """``count`` word memos read by one function: the i-th gives ``function(word)[i]``, where
    ``function`` (pure) returns a tuple of ``count`` values. A word any of them lacks is read
    once and its values kept in all of them, so several readings of a word share one Python
    call where :func:`word_memo` makes one for each. Emptied together at ``max_size`` words:
    they always hold the same words."""
    memos: list[_MemberMemo] = []

    def fill(word) -> tuple:
        values = function(word)
        if len(memos[0]) >= max_size:
            for memo in memos:
                memo.clear()
        for memo, value in zip(memos, values):
            dict.__setitem__(memo, word, value)
        return values

    memos.extend(_MemberMemo(fill, index) for index in range(count))
    return tuple(memo.__getitem__ for memo in memos)


# Every character of the Basic Multilingual Plane, once: a class's BMP members are read from it.
_BMP = "".join(map(chr, range(0x10000)))


def bmp_class(char_class: str) -> str:
    """The regex class of the BMP characters that ``char_class`` (a regex class, ``[...]``)
    matches, written out as ranges: read from the regex itself, so the two agree on every
    BMP character."""
    runs = [match.span() for match in re.finditer(char_class + "+", _BMP)]
    return "[" + "".join(_class_range(chr(start), chr(end - 1)) for start, end in runs) + "]"


def _class_range(first: str, last: str) -> str:
    """One range of a regex class, from ``first`` to ``last`` (one character when they are the same)."""
    return re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}"


def plane_regex(pattern: Callable[[Callable[[str], str]], str]) -> Callable[[str], re.Pattern]:
    """A function giving, for a text, the regex to read it with: ``pattern(as_written)``, where
    ``pattern`` builds its source with the function it is given applied to some of its
    character classes, or for a text without astral characters ``pattern(bmp_class)``: the
    same matches (the two regexes differ only on astral characters), found faster."""
    as_written = re.compile(pattern(lambda char_class: char_class))
    narrowed = re.compile(pattern(bmp_class))

    def regex_for(text: str) -> re.Pattern:
        return as_written if has_astral(text) else narrowed

    return regex_for


def has_astral(text: str) -> bool:
    """Whether ``text`` holds a character beyond the BMP: its UTF-16 form then has more code
    units than it has characters (each such character takes two). Encoding is a copy in C,
    some four times faster than a regex class tested on every character; lone surrogates,
    BMP code points, pass through as one unit each."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
