"""Words that cleaning joins before the ZWNJ repair (:mod:`helpers.zwnj`): a preverb written
apart from «می»/«نمی» and the verb after it, and a second part written apart after a letter that
never joins.

:func:`join_preverbs` joins a preverb of ``zwnj_preverbs.tsv`` to «می»/«نمی» and a verb form:
«بر می گردیم» → «برمی‌گردیم». :func:`join_bound_parts` joins a part of ``zwnj_bound_parts.txt``
written apart after a non-joining letter to the word before it, when hazm knows the joined word:
«کار گزار» → «کارگزار». Both leave a line at once unless a cue regex finds what each of their
matches holds: nearly every line has none.

Lexicons read here (``LEXICONS``): ``zwnj_preverbs.tsv``, ``zwnj_bound_parts.txt``.
"""

from __future__ import annotations

import re

from .chars import ZWNJ
from .lexicons import LexiconError, load_list, load_table
from .text import fold_yeh_kaf
from .zwnj import NON_JOINING
from .zwnj_lexicon import _MI_PREFIXES, _lexicon

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("zwnj_preverbs", "zwnj_bound_parts")

# a word ending in a non-joining letter, one space, a bound second part
_NON_JOINING_CLASS = f"[{''.join(sorted(NON_JOINING))}]"
_BOUND_PARTS = "|".join(load_list("zwnj_bound_parts"))
_BOUND_PART = re.compile(rf"(?<!\w)(\w*{_NON_JOINING_CLASS}) ({_BOUND_PARTS})(?!\w)")
# What every match of _BOUND_PART holds, found without its backtracking word scan: most lines
# have none, and then the line is left at once. The space first, the letter behind it: the
# engine jumps from space to space rather than trying seven common letters at each character.
_BOUND_PART_CUE = re.compile(rf" (?<={_NON_JOINING_CLASS} )(?:{_BOUND_PARTS})(?!\w)")
_PREVERBS = {row["preverb"]: tuple(row["not_before"].split()) for row in load_table("zwnj_preverbs")}
# a preverb, «می»/«نمی» after it (a space or none between), then a word (a space, a ZWNJ or none between)
_PREVERB_MI = re.compile(rf"(?<!\w)({'|'.join(_PREVERBS)}) ?({'|'.join(_MI_PREFIXES)})[ {ZWNJ}]?(\w+)")
# A superset of _PREVERB_MI's matches, found faster: «می», which ends «می» and «نمی», then a preverb
# behind it; the engine jumps from one «می» to the next instead of trying six preverbs at each character.
_PREVERB_MI_CUE = re.compile("می(?:" + "|".join(f"(?<={preverb}{space}{mi})" for preverb in _PREVERBS
                                             for space in ("", " ") for mi in _MI_PREFIXES) + ")")
if not all(mi.endswith("می") for mi in _MI_PREFIXES):
    raise LexiconError("verb_prefixes.txt: a prefix that does not end in «می»; "
                       "the preverb cue of helpers.zwnj_joins looks for «می»")


def join_preverbs(text: str) -> str:
    """``text`` with each preverb (``zwnj_preverbs.tsv``) written apart from «می»/«نمی» and a verb
    form joined to them: «بر می گردیم», «برمیگردیم» → «برمی‌گردیم». Only when «می‌» and the
    word after it is a verb form hazm conjugates («در میان» stays)."""
    if not _PREVERB_MI_CUE.search(text):
        return text
    verbs = _lexicon().verbs

    def joined(match: re.Match) -> str:
        preverb, mi, stem = match.groups()
        if fold_yeh_kaf(f"{mi}{ZWNJ}{stem}") not in verbs or stem.startswith(_PREVERBS[preverb]):
            return match.group(0)
        return f"{preverb}{mi}{ZWNJ}{stem}"

    return _PREVERB_MI.sub(joined, text)


def join_bound_parts(text: str) -> str:
    """``text`` with each second part of ``zwnj_bound_parts.txt`` written apart after a letter
    that never joins («کار گزار», «تولید کننده») joined to the word before it, when hazm lists
    the joined word (frequency above zero): no ZWNJ, which after such a letter changes nothing."""
    if not _BOUND_PART_CUE.search(text):
        return text
    freq = _lexicon().freq

    def joined(match: re.Match) -> str:
        word = match.group(1) + match.group(2)
        return word if freq.get(fold_yeh_kaf(word), 0) > 0 else match.group(0)

    return _BOUND_PART.sub(joined, text)
