"""Tokens of a folded text (:func:`_tokens`): digit runs of the three scripts with their
separators, letter runs (ZWNJ kept inside a word) and the percent signs, each with the text
between it and the token before; and the lexicon-phrase lookups next to a token that the
phrase and context readers share (:func:`_match_back`, :func:`_match_forward`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate, repeat

from ..chars import ZWNJ
from ..speedups import plane_regex
from .vocabulary import _Lexicon

_DIGIT = "0-9\u06f0-\u06f9\u0660-\u0669"
_SEPARATORS = ".,\u066b\u066c/:"
_SYMBOLS = "%\u066a"
_SEPARATED_GROUPS = rf"(?:[{re.escape(_SEPARATORS)}][{_DIGIT}]++)*+"  # «.۵», «,۰۰۰» after a digit run


def _token_pattern(char_class: Callable[[str], str]) -> str:
    """The token regex, its word character class passed through ``char_class`` (helpers.speedups).

    One capturing group around the whole token: ``split`` returns gap, token, gap, token... in
    C. Possessive quantifiers (++, *+): each run is maximal and nothing after it can match what
    it gave back, so the engine keeps no backtracking points (the split is tokenizing's main
    cost). A word is tried first: words are nearly all tokens, and the three alternatives begin
    with characters no other one begins with (a letter, a digit, a sign), so the order changes
    no token.

    The regex opens with the one class of those first characters, and the alternative is then
    told by the character read (a lookbehind): a regex opening with a class lets the engine
    skip the gaps in C instead of trying three alternatives at every gap character."""
    word_char = char_class(r"[^\W\d_]")
    first_char = char_class(rf"(?:[^\W\d_]|[{_DIGIT}{_SYMBOLS}])")
    return (rf"({first_char}"
            rf"(?:(?<={word_char}){word_char}*+(?:{ZWNJ}++{word_char}++)*+"  # word
            rf"|(?<=[{_DIGIT}])[{_DIGIT}]*+{_SEPARATED_GROUPS}"  # num
            rf"|))")  # sym: the sign alone


_token_regex = plane_regex(_token_pattern)  # for a text without astral characters, narrowed to the BMP
# Where each digit run or sign token of ``_token_pattern`` starts: no word holds a digit or a sign,
# so these tokens are found alone, without the words. One character class first: the engine
# jumps from one digit or sign to the next in C instead of trying every position; a digit run
# is then taken whole (the lookbehind: only after a digit), so its later digits start nothing.
_NUMBER_OR_SIGN_RE = re.compile(rf"[{_DIGIT}{_SYMBOLS}](?:(?<=[{_DIGIT}])[{_DIGIT}]*+{_SEPARATED_GROUPS})?")


# ---------------------------------------------------------------------------------------------
# Tokens of the folded text (folding: helpers.text.fold_with_offsets).


class _Tokens:
    """The tokens of a folded text as columns: item ``i`` of each list is token ``i``.

    Columns, not one object a token: an article has thousands of tokens and the readers look at
    a few dozen around each number, so each column is built whole by C-level calls (split,
    slices, accumulate, map) and no token costs a Python step of its own.
    """

    __slots__ = ("kinds", "starts", "ends", "texts", "keys", "gaps")

    def __init__(self, kinds: list[str], starts: list[int], ends: list[int], texts: list[str], keys: list[str],
                 gaps: list[str]):
        self.kinds = kinds  # num | sym | word
        self.starts = starts  # offsets in the folded text
        self.ends = ends
        self.texts = texts
        self.keys = keys  # text without ZWNJ
        self.gaps = gaps  # folded text between the previous token and this one

    def __len__(self) -> int:
        # The readers ask ``len(tokens.keys)`` instead: list's len is read in C, while this method
        # is a Python call (some seventy nanoseconds more), asked a million times over ir-news.
        return len(self.kinds)


def _tokens(folded: str) -> _Tokens:
    pieces = _token_regex(folded).split(folded)  # gap, token, gap, token, ..., gap
    texts = pieces[1::2]
    offsets = list(accumulate(map(len, pieces)))  # offsets[2i] = start of token i, offsets[2i+1] its end
    starts = offsets[0:-1:2]
    # replace, mapped in C, returns a token without ZWNJ (most) as it is: no new string for it
    keys = list(map(str.replace, texts, repeat(ZWNJ), repeat("")))
    return _Tokens(_token_kinds(folded, starts), starts, offsets[1::2], texts, keys, pieces[0:-1:2])


def _token_kinds(folded: str, starts: list[int]) -> list[str]:
    """The kind of every token (``starts``: the tokens' offsets in ``folded``): «word», but the
    few digit runs («num») and signs («sym»), found by their own regex and placed by bisection,
    instead of every token's first character read in turn."""
    kinds = ["word"] * len(starts)
    i = 0
    for match in _NUMBER_OR_SIGN_RE.finditer(folded):
        start = match.start()
        i = bisect_left(starts, start, i)
        kinds[i] = "sym" if folded[start] in _SYMBOLS else "num"
    return kinds


def _open_gap(gap: str, *, allow: str = "") -> bool:
    """True when nothing but spaces, ZWNJ (and the characters in ``allow``) separates two tokens."""
    if gap == " ":  # by far the most common gap
        return True
    for ch in allow:
        gap = gap.replace(ch, "")
    gap = gap.replace(ZWNJ, "")
    return not gap or gap.isspace()


# ---------------------------------------------------------------------------------------------
# Lexicon phrases next to a token.


def _match_back(tokens: _Tokens, index: int, table: _Lexicon, *, width: int = 3, allow: str = "") -> tuple[str, str, int]:
    """Longest entry of ``table`` made of the tokens just before ``index``.

    Returns (entry key, table value, index of the entry's first token) or ("", "", index).
    """
    best = ("", "", index)
    key = ""
    for back in range(1, width + 1):
        k = index - back
        if k < 0 or not _open_gap(tokens.gaps[k + 1], allow=allow) or tokens.kinds[k] != "word":
            break
        key = tokens.keys[k] + key
        if key not in table.endings:  # no entry ends with these words: none with more words either
            break
        value = table.readings.get(key)  # «مردادماه ۸۲», «بهمن‌ماه»: read with the month suffix
        if value is not None:
            best = (key, value, k)
    return best


def _match_forward(tokens: _Tokens, index: int, table: _Lexicon, *, width: int = 3) -> tuple[str, str, int]:
    """Longest entry of ``table`` made of the tokens from ``index`` on: (key, value, last index)."""
    best = ("", "", index - 1)
    key = ""
    for k in range(index, min(len(tokens.keys), index + width)):
        if tokens.kinds[k] != "word" or not _open_gap(tokens.gaps[k]):
            break
        key += tokens.keys[k]
        if key not in table.beginnings:  # no entry begins with these words: none with more words either
            break
        value = table.readings.get(key)  # «مردادماه ۸۲», «بهمن‌ماه»: read with the month suffix
        if value is not None:
            best = (key, value, k)
    return best
