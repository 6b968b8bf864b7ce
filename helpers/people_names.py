"""Names and offices reduced to keys, so that one person written many ways compares equal.

A speaker's name is written «سید عباس موسوی», «سیدعباس موسوی», «عباس موسوی» or «موسوی»;
an office «رییس‌جمهوری», «رئیس جمهور» or «رئیس‌جمهور». :mod:`helpers.people` links speakers
across articles by these keys:

* :func:`name_words`: the name's words, letters folded (ي/ك, ZWNJ as a space), honorifics
  (``honorifics.txt``) and words such as «شهید» (``people_name_prefixes.txt``) removed.
* :func:`name_key`: the words joined without spaces, so «حسن‌پور», «حسن پور» and «حسنپور» agree;
  :func:`ends_with_name` tells whether a surname alone ends a full name at a word boundary.
* :func:`office_key`: the office folded, with the spellings of ``people_office_forms.tsv``
  rewritten to one form.
* :func:`distinctive_words`: the office's words that tell it apart from other offices (those
  not in ``people_office_generic.txt``); :func:`offices_related` and :func:`same_office`
  compare two offices by them.
* :func:`person_key_id`: a short, stable id from a name key and an office key.

Lexicons read here (``LEXICONS``): ``honorifics.txt``, ``people_name_prefixes.txt``,
``people_office_forms.tsv``, ``people_office_generic.txt``, ``provinces.tsv``,
``speaker_first_names.txt``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from .lexicons import LexiconError, load_list, load_table
from .text import fold

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("honorifics", "people_name_prefixes", "people_office_forms", "people_office_generic", "provinces",
            "speaker_first_names")

_SPACES = re.compile(r"\s+")
# Characters that are not part of a name or an office: punctuation and quote marks.
_NOT_WORD = re.compile(r"[^\w\s]")


def folded_words(text: str) -> list[str]:
    """``text`` folded for matching (Persian letters, ZWNJ as a space), as words; punctuation dropped."""
    if not isinstance(text, str):
        return []
    return _SPACES.split(_NOT_WORD.sub(" ", fold(text)).strip()) if text.strip() else []


@lru_cache(maxsize=1)
def _name_prefixes() -> tuple[tuple[str, ...], ...]:
    """Honorifics and name prefixes as word tuples, longest first."""
    entries = {tuple(folded_words(entry)) for entry in load_list("honorifics") + load_list("people_name_prefixes")}
    return tuple(sorted((e for e in entries if e), key=len, reverse=True))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The first names of ``speaker_first_names.txt``, folded."""
    return frozenset(" ".join(folded_words(name)) for name in load_list("speaker_first_names"))


@lru_cache(maxsize=1)
def _glued_prefixes() -> tuple[str, ...]:
    """One-word honorifics that news glues to a first name («سیدعباس»)."""
    return tuple(entry[0] for entry in _name_prefixes() if len(entry) == 1)


@lru_cache(maxsize=65536)  # a corpus names the same persons again and again
def name_words(name: str) -> tuple[str, ...]:
    """The words of a person's name without honorifics or prefixes, letters folded.

    «حجت‌الاسلام والمسلمین سیدابراهیم رئیسی» → («ابراهیم», «رئیسی»). A glued honorific is
    removed only when what remains is a known first name (``speaker_first_names.txt``), so
    «سیدی» stays a name.
    """
    words = folded_words(name)
    stripped = True
    while stripped and words:
        stripped = False
        # only the prefixes opening with the name's first word, longest first, can match
        for prefix in _name_prefixes_by_first_word().get(words[0], ()):
            if len(words) > len(prefix) and tuple(words[:len(prefix)]) == prefix:
                words = words[len(prefix):]
                stripped = True
                break
    if len(words) > 1:
        for glued in _glued_prefixes():
            if words[0].startswith(glued) and (rest := words[0][len(glued):]) in first_names():
                words = [rest, *words[1:]]
                break
    return tuple(words)


@lru_cache(maxsize=1)
def _name_prefixes_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """{first word: the prefixes of :func:`_name_prefixes` opening with it, in that order}: a
    name is checked against the few prefixes that can open it, not against all forty."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for prefix in _name_prefixes():
        by_first.setdefault(prefix[0], []).append(prefix)
    return {word: tuple(prefixes) for word, prefixes in by_first.items()}


def name_key(words: tuple[str, ...] | list[str]) -> str:
    """The words of a name joined without spaces: spacing and ZWNJ never tell two names apart."""
    return "".join(words)


def ends_with_name(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """True when the name ``short`` (a surname, however spaced) ends ``full`` at a word boundary.

    («محمد», «رضا», «حسین», «زاده») ends with («حسین‌زاده»,) and («حسین», «زاده»), not with
    («رضا»,) nor with («اده»,).
    """
    target = name_key(short)
    if not target or len(name_key(full)) <= len(target):
        return False
    tail = ""
    for word in reversed(full[1:]):
        tail = word + tail
        if tail == target:
            return True
        if len(tail) >= len(target):
            return False
    return False


@lru_cache(maxsize=1)
def _office_forms() -> tuple[tuple[re.Pattern, str, str], ...]:
    forms = []
    for row in load_table("people_office_forms"):
        variant, canonical = " ".join(folded_words(row["variant"])), " ".join(folded_words(row["canonical"]))
        if not variant or not canonical:
            raise LexiconError(f"lexicon people_office_forms.tsv: empty variant or canonical in {row}")
        forms.append((re.compile(rf"(?<!\S){re.escape(variant)}(?!\S)"), canonical, variant))
    # Longest variants first, so «رئیس جمهوری» is rewritten before «رئیس».
    return tuple(sorted(forms, key=lambda form: len(form[0].pattern), reverse=True))


@lru_cache(maxsize=65536)
def office_key(office: str) -> str:
    """An office folded and rewritten to one spelling: «رییس‌جمهوری» → «رئیس جمهور»; "" for no office."""
    return office_spelling(office)


def office_spelling(text: str) -> str:
    """:func:`office_key` of any text, uncached (for whole articles)."""
    text = " ".join(folded_words(text))
    for pattern, canonical, variant in _office_forms():
        if variant in text:  # a pattern's whole-word match holds its variant: most texts hold few
            text = pattern.sub(canonical, text)
    return text


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    return frozenset(word for entry in load_list("people_office_generic") for word in folded_words(entry))


@lru_cache(maxsize=65536)
def distinctive_words(key: str) -> frozenset[str]:
    """The words of an office key that are not generic («رئیس جمهور» → {«جمهور»})."""
    return frozenset(word for word in key.split() if word not in _generic_words())


def offices_related(a: str, b: str) -> bool:
    """Two office keys of one named person: equal, or sharing a distinctive word.

    Lenient on purpose: used only between speakers who already share a full name, where
    «سخنگوی وزارت بهداشت» and «رئیس مرکز روابط عمومی وزارت بهداشت» are one career.
    """
    return a == b or bool(distinctive_words(a) & distinctive_words(b))


def same_office(a: str, b: str) -> bool:
    """Two office keys that name the same post: equal, or the same head word and a distinctive word shared.

    Strict: used where only a surname is shared, so «معاون اول رئیس جمهور» is not «رئیس جمهور».
    """
    if a == b:
        return bool(a)
    head_a, head_b = a.split(" ", 1)[0], b.split(" ", 1)[0]
    return bool(a and b and head_a == head_b and distinctive_words(a) & distinctive_words(b))


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[str, str], ...]:
    """(folded place, province) of the gazetteer, places that are also common words left out."""
    return tuple((" ".join(folded_words(row["place"])), row["province"]) for row in load_table("provinces")
                 if not row.get("needs_context"))


@lru_cache(maxsize=1)
def _places_by_first_word() -> dict[str, tuple[tuple[str, str], ...]]:
    """{first word: the :func:`_places` opening with it} ("" for a place with no word)."""
    by_word: dict[str, list[tuple[str, str]]] = {}
    for place, province in _places():
        by_word.setdefault(place.partition(" ")[0], []).append((place, province))
    return {word: tuple(places) for word, places in by_word.items()}


@lru_cache(maxsize=65536)
def office_provinces(key: str) -> frozenset[str]:
    """The provinces an office key names, by a place of ``provinces.tsv`` («استاندار قزوین» → {«قزوین»}).

    A place written in the key opens with one of the key's words: only the places opening
    with one are compared, not the whole gazetteer."""
    padded = f" {key} "
    by_word = _places_by_first_word()
    candidates = [entry for word in {*key.split(), ""} for entry in by_word.get(word, ())]
    return frozenset(province for place, province in candidates if f" {place} " in padded)


def person_key_id(name: str, office: str, *extra: str) -> str:
    """A short id («p» and 10 hex digits) of a person's name key and office key (and ``extra``).

    Depends on these strings alone: the same person gets the same id in any run, order or
    corpus where their canonical name and office are the same.
    """
    digest = hashlib.sha1("\x1f".join((name, office, *extra)).encode("utf-8")).hexdigest()
    return "p" + digest[:10]
