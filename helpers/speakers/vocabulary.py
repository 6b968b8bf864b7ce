"""The speaker lexicons, loaded once: offices with their roles, places, honorifics, pronouns,
outlets, first names and the words that are no names; and :func:`looks_like_person_name`.

Everything here is read from ``helpers/lexicons/`` and compiled into lookups and regexes over
:func:`helpers.text.fold`'s copy of the text; the rules that use them are in
:mod:`helpers.speakers.mentions` and :mod:`helpers.speakers.persons`.

Lexicons read here (``LEXICONS``): ``honorifics.txt``, ``offices.tsv``, ``provinces.tsv``,
``speaker_first_names.txt``, ``speaker_name_parts.tsv``, ``speaker_not_names.txt``,
``speaker_outlets.txt``, ``speaker_stopwords.txt``, ``people_foreign_places.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import LexiconError, load_list, load_table
from ..quotes import (
    function_words,
    pronouns,
)
from ..text import (
    LETTER,
    LETTER_RE,
    bounded,
    ending_a_word,
    entry_regex,
    entry_tree,
    fold,
    phrase_alternation,
)

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = (
    "honorifics",
    "offices",
    "provinces",
    "speaker_first_names",
    "speaker_name_parts",
    "speaker_not_names",
    "speaker_outlets",
    "speaker_stopwords",
    "people_foreign_places",
)

ROLES = (
    "governor", "deputy_governor", "county_governor", "district_governor", "police_commander",
    "police_officer", "military_commander", "judiciary", "legislator", "minister",
    "council_member", "mayor", "cleric", "director", "other",
)
# Roles held by one person per place: two mentions of the office in one place are one person.
_ONE_PER_PLACE = {"governor", "deputy_governor", "county_governor", "district_governor",
                  "police_commander", "mayor", "cleric"}
# Function words with a job in the rules (``lexicons/speaker_function_words.tsv``): words that
# make the next mention an object (object_marker), words of place (place; «مرکز» of «مرکز
# استان» counts too), and words that show a bare name heads a noun phrase (noun_phrase).
_PREPOSITIONS = frozenset(function_words("object_marker"))
_PLACE_WORDS = function_words("place")
_PLACE_WORD_SET = frozenset(w for phrase in _PLACE_WORDS for w in phrase.split())
_NOUN_PHRASE_FOLLOWERS = frozenset(function_words("noun_phrase"))
_WORD_RE = re.compile(rf"{LETTER}+")
_SEPARATOR_RE = re.compile(r"[\s]*")
_MAX_NAME_WORDS = 4


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """A name as compared with others: folded, letters only."""
    return "".join(c for c in fold(name) if c.isalpha())


# ---------------------------------------------------------------- lexicons


@lru_cache(maxsize=None)
def _stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in load_list("speaker_stopwords") if " " not in w)


@lru_cache(maxsize=None)
def _not_names() -> frozenset[str]:
    return frozenset(fold(w) for w in load_list("speaker_not_names"))


@lru_cache(maxsize=None)
def _first_names() -> frozenset[str]:
    return frozenset(_key(w) for w in load_list("speaker_first_names"))


@lru_cache(maxsize=None)
def _name_parts(use: str) -> tuple[str, ...]:
    """The parts of first names doing ``use`` (prefix, second_part), ``speaker_name_parts.tsv``, in file order."""
    return tuple(row["part"] for row in load_table("speaker_name_parts") if row["use"] == use)


def looks_like_person_name(name: str) -> bool:
    """True when a name's first word is a known first name (``speaker_first_names.txt``),
    after a joined «سید»/«میر», or two known names joined («محمدرضا», «حبیب‌الله»)."""
    words = _WORD_RE.findall(fold(name))
    if not words:
        return False
    first = _key(words[0])
    for prefix in _name_parts("prefix"):
        if first.startswith(prefix) and len(first) > len(prefix) + 2:
            first = first[len(prefix):]
            break
    names = _first_names()
    if first in names:
        return True
    return any(first[:i] in names and (first[i:] in names or first[i:] in _name_parts("second_part"))
               for i in range(2, len(first) - 1))


@lru_cache(maxsize=None)
def _honorific_regex() -> re.Pattern:
    return re.compile(bounded("|".join(entry_regex(e) for e in _honorifics())))


@lru_cache(maxsize=None)
def _honorifics() -> tuple[str, ...]:
    return tuple(sorted(load_list("honorifics"), key=len, reverse=True))




@lru_cache(maxsize=None)
def _pronoun_regex() -> re.Pattern:
    return re.compile(bounded("|".join(entry_regex(p) for p in pronouns())))




@lru_cache(maxsize=None)
def _outlet_regex() -> re.Pattern:
    entries = sorted(load_list("speaker_outlets"), key=len, reverse=True)
    return re.compile(r"\s*" + bounded("|".join(entry_regex(e) for e in entries)))


@dataclass(frozen=True)
class Office:
    office: str
    role: str
    organisation: str
    complement: str
    regex: re.Pattern
    letters: int
    gap: bool


@lru_cache(maxsize=None)
def offices() -> tuple[Office, ...]:
    """The entries of ``lexicons/offices.tsv`` compiled for matching in folded text."""
    out = []
    for row in load_table("offices"):
        if row["role"] not in ROLES:
            raise LexiconError(f"offices.tsv: role {row['role']!r} of {row['office']!r} is not one of {ROLES}")
        letters = len(re.sub(r"[\s…]", "", row["office"]))
        out.append(Office(row["office"], row["role"], row["organisation"], row["complement"] or "none",
                          re.compile(bounded(entry_regex(row["office"]))), letters, "…" in row["office"]))
    return tuple(out)


@lru_cache(maxsize=None)
def _office_start_regex() -> re.Pattern:
    """Any office head word, to find candidate positions quickly."""
    return re.compile(bounded("|".join(re.escape(h) for h in sorted(_office_heads(), key=len, reverse=True))))


@lru_cache(maxsize=None)
def _office_heads() -> frozenset[str]:
    return frozenset(fold(o.office.split()[0]) for o in offices())


@lru_cache(maxsize=None)
def _mention_start_regex() -> re.Pattern:
    """A pronoun, honorific or office head ending a word, for :func:`helpers.text.word_starts`:
    where one may start, one scan of a lead-in for the three regexes of :func:`find_mentions`
    (see :func:`matches_at`). A prefix tree of all their entries, so each position costs a few
    letter tests, not 250 branches."""
    entries = [*pronouns(), *_honorifics(), *_office_heads()]
    return re.compile(ending_a_word(entry_tree(entries)))


@lru_cache(maxsize=None)
def _places() -> tuple[tuple[str, str, bool], ...]:
    """(folded place, province, needs_context) from the province gazetteer, longest first."""
    rows = [(fold(r["place"]), r["province"], r.get("needs_context", "") == "yes")
            for r in load_table("provinces")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=None)
def _place_regex() -> re.Pattern:
    return re.compile(r"\s*(?P<place>" + "|".join(entry_regex(p) for p, _, _ in _places()) + rf")(?!{LETTER})")


@lru_cache(maxsize=None)
def _place_word_regex() -> re.Pattern:
    return re.compile(r"\s*" + bounded("|".join(entry_regex(w) for w in _PLACE_WORDS)))


def province_of(place: str) -> str:
    """The province of a place named in the gazetteer ("" when unknown)."""
    entry = _place_by_key().get(_place_key(fold(place)))
    return entry[1] if entry else ""


_SPACES = re.compile(r"\s+")


def _place_key(folded_place: str) -> str:
    """A folded place name without its spaces: «قائم شهر» and «قائم‌شهر» are one place."""
    return _SPACES.sub("", folded_place)


@lru_cache(maxsize=None)
def _place_by_key() -> dict[str, tuple[str, str, bool]]:
    """{place key: the first :func:`_places` entry with that key}: one look-up instead of a
    loop over the gazetteer for each place found."""
    by_key: dict[str, tuple[str, str, bool]] = {}
    for entry in _places():
        by_key.setdefault(_place_key(entry[0]), entry)
    return by_key


@lru_cache(maxsize=None)
def _foreign_place_regex() -> re.Pattern:
    """Any country or body outside Iran (``people_foreign_places.txt``), as a whole word."""
    return re.compile(bounded("|".join(entry_regex(p) for p in sorted(load_list("people_foreign_places"), key=len, reverse=True))))


@lru_cache(maxsize=None)
def _foreign_place_start_regex() -> re.Pattern:
    """Zero-width, where a name of :func:`_foreign_place_regex` starts: the same entries as a
    prefix tree, so that an office naming no foreign place (most) is read in one cheap scan
    instead of the alternation of every entry tried at every position."""
    return re.compile(rf"(?={bounded(entry_tree(load_list('people_foreign_places')))})")


@lru_cache(maxsize=4096)  # the same offices recur in every article; the two regexes scan each
def names_foreign_place(office: str) -> bool:
    """Whether an office's words name a country or body outside Iran («رئیس اجرایی دولت
    افغانستان», «وزیر بهداشت ترکیه»): a foreign official, whose role is ``other`` (the gold
    taxonomy's roles are Iran's offices). Iran's own places are read first, so «آذربایجان
    شرقی» (a province) is not «آذربایجان» (a country)."""
    folded = fold(office)
    if not _foreign_place_start_regex().search(folded):
        return False
    foreign = [m.start() for m in _foreign_place_regex().finditer(folded)]
    if not foreign:  # most offices: no need to read Iran's places
        return False
    iranian = [(m.start("place"), m.end("place")) for m in _place_regex().finditer(folded)
               if m.start("place") == 0 or not LETTER_RE.match(folded, m.start("place") - 1)]
    return any(not any(s <= start < e for s, e in iranian) for start in foreign)


@lru_cache(maxsize=None)
def paragraph_opening_regex(use: str) -> re.Pattern:
    """A regex matching, at a paragraph's start, a phrase of ``speaker_function_words.tsv``
    doing ``use`` (``narrator_opening``, ``arguing_opening``) as a whole word: a space, a comma
    or a colon may follow it («بنابراین گزارش،», «البته،»)."""
    words = [fold(w) for w in function_words(use)]
    return re.compile(r"\s*(?:" + phrase_alternation(words) + r")(?![^\s،,:؛])")


def opens_arguing(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` opens with a word that argues on from the paragraph before
    (``arguing_opening`` in ``speaker_function_words.tsv``: «البته ...», «بنابراین ...»)."""
    return paragraph_opening_regex("arguing_opening").match(folded, start, end) is not None
