"""Mentions of people in a lead-in or a narrative sentence: :func:`find_mentions`.

The mention grammar: an honorific and a name («دکتر عبدالحسن مقتدایی»), an office
(«استاندار خوزستان», with its place, organisation and the name beside it when given), a
pronoun («وی»), a bare name at the start («پورعلی»). Who each mention is, is decided in
:mod:`helpers.speakers.persons`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from ..chars import ZWNJ
from ..lexicons import LexiconError
from ..quotes import (
    _verb_search_regex,
    report_prefix_end,
    verb_at,
)
from ..text import (
    LETTER,
    LETTER_RE,
    bounded,
    entry_regex,
    first_word,
    fold,
    is_abbreviation_dot,
    matches_at,
    sentence_start_before,
    word_starts,
)
from .vocabulary import (
    _MAX_NAME_WORDS,
    _NOUN_PHRASE_FOLLOWERS,
    _PREPOSITIONS,
    _SEPARATOR_RE,
    _WORD_RE,
    Office,
    _honorific_regex,
    _mention_start_regex,
    _not_names,
    _office_start_regex,
    _outlet_regex,
    _place_by_key,
    _place_key,
    _place_regex,
    _place_word_regex,
    _pronoun_regex,
    _stopwords,
    looks_like_person_name,
    names_foreign_place,
    offices,
    province_of,
)

# ---------------------------------------------------------------- mentions


@dataclass
class Mention:
    """A reference to a person in a lead-in or narrative sentence."""

    start: int
    end: int
    kind: str  # pronoun | person | office | name
    name: str = ""
    honorific: str = ""
    office: str = ""
    role: str = ""
    organisation: str = ""
    place: str = ""
    province: str = ""
    rule: str = ""
    generic: bool = False  # a bare generic office word («معاون»), no organisation, no name
    office_end: int = 0  # end of the office words when a name follows them
    quoted: bool = False  # a name written in guillemets («جیمز جفری»): a person's, not a noun's


def _skip_spaces(folded: str, pos: int, end: int) -> int:
    while pos < end and folded[pos].isspace():
        pos += 1
    return pos


def _word_at(folded: str, pos: int, end: int) -> re.Match | None:
    m = _WORD_RE.match(folded, pos, end)
    return m


def _is_stop(word: str) -> bool:
    return word in _stopwords()


def match_office(folded: str, pos: int, end: int) -> tuple[Office, int] | None:
    """The best office entry starting at ``pos`` and where it ends; None when none fits.

    The entry with the most written letters wins; a «…» gap may not hold a stopword other
    than «و», so an office never reaches over «در», «با» to a word of the next phrase.
    """
    best = None
    for office in _office_candidates(folded, pos, end):
        m = office.regex.match(folded, pos, end)
        if not m:
            continue
        if office.gap:
            # only the words the «…» stands for: the entry's own «در» («نماینده … در مجلس») is no gap
            own = set(_WORD_RE.findall(fold(office.office)))
            words = [w for w in _WORD_RE.findall(folded[m.start():m.end()]) if w not in own]
            if any(_is_stop(w) and w != "و" for w in words):
                continue
        key = (office.letters, m.end())
        if best is None or key > best[0]:
            best = (key, office, m.end())
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=None)
def _offices_byfirst_word() -> tuple[dict[str, tuple[tuple[int, Office], ...]], dict[str, tuple[int, ...]], int]:
    """({first word: ((rank in offices.tsv, office), ...)}, {the first ``k`` letters of a first
    word: the lengths of the first words opening with them, shortest first}, ``k``: the length
    of the shortest first word).

    An office's regex starts with its entry's first word, written as is (see
    :func:`entry_regex`): at any position only the offices whose first word is written there
    can match, a few of the 180 entries (match_office ran every regex at every position).
    Keyed by their first ``k`` letters (three), not their first letter: most words of a lead-in
    open no first word, told by one look-up.
    """
    groups: dict[str, list[tuple[int, Office]]] = {}
    for rank, office in enumerate(offices()):
        word = first_word(office.office)
        if not word:
            raise LexiconError(f"offices.tsv: the office {office.office!r} has no word")
        groups.setdefault(word, []).append((rank, office))
    k = min(map(len, groups))
    lengths: dict[str, set[int]] = {}
    for word in groups:
        lengths.setdefault(word[:k], set()).add(len(word))
    return ({word: tuple(group) for word, group in groups.items()},
            {opening: tuple(sorted(sizes)) for opening, sizes in lengths.items()}, k)


@lru_cache(maxsize=None)
def _offices_of_first_word() -> dict[str, tuple[Office, ...]]:
    """{first word: its offices, in the order of :func:`offices`}."""
    return {word: tuple(office for _, office in group) for word, group in _offices_byfirst_word()[0].items()}


@lru_cache(maxsize=None)
def _offices_by_next_letter() -> dict[str, dict[str, tuple[Office, ...]]]:
    """{first word: {a letter: its offices that can match when that letter follows the first
    word and its spaces}}, in the order of :func:`offices`; under "": the offices that can
    match whatever follows (one word alone, or a «…» gap after it).

    An entry's next word follows its first after spaces or none (:func:`entry_regex`): where
    another letter stands there it cannot match. «رئیس» opens 52 entries; a few are tried.
    """
    out = {}
    for word, group in _offices_of_first_word().items():
        seconds = [_second_letter(office.office) for office in group]
        out[word] = {letter: tuple(o for o, second in zip(group, seconds) if second in (letter, ""))
                     for letter in {*seconds, ""}}
    return out


def _second_letter(entry: str) -> str:
    """The first letter of an entry's second word, "" when no word of its own follows the first
    one (one word alone, or a «…» gap after it)."""
    parts = [part.split() for part in fold(entry).split("…") if part.split()]
    return parts[0][1][0] if parts and len(parts[0]) > 1 else ""


def _office_candidates(folded: str, pos: int, end: int) -> tuple[Office, ...]:
    """The offices whose first word is written at ``pos`` (before ``end``), in the order of
    :func:`offices`, so that ties in :func:`match_office` go the same way.

    Asked for every word of an organisation or a name (is an office starting there?): most
    words open no office's first word, and most that do open one only."""
    if pos >= end:
        return ()
    by_word, lengths_by_opening, k = _offices_byfirst_word()
    # Only the lengths of the first words opening with the letters at ``pos``: a few slices
    # and look-ups instead of one per length of every first word.
    lengths = lengths_by_opening.get(folded[pos:pos + k])
    if lengths is None:
        return ()  # no first word opens so (most words): no list is made to find none
    words = [folded[pos:pos + length] for length in lengths if pos + length <= end]
    words = [word for word in words if word in by_word]
    if not words:
        return ()
    if len(words) == 1:
        after = _skip_spaces(folded, pos + len(words[0]), end)
        by_letter = _offices_by_next_letter()[words[0]]
        return by_letter.get(folded[after], by_letter[""]) if after < end else by_letter[""]
    ranked = sorted((item for word in words for item in by_word[word]), key=lambda item: item[0])
    return tuple(office for _, office in ranked)


def _place_complement(folded: str, pos: int, end: int) -> tuple[int, str]:
    """Extend an office over «استان خوزستان», «شهرستان دزفول», «گیلان»: (new end, place)."""
    cursor = pos
    w = _place_word_regex().match(folded, cursor, end)
    after_word = False
    if w:
        cursor, after_word = w.end(), True
    p = _place_regex().match(folded, cursor, end)
    if p:
        name = p.group("place")
        entry = _place_by_key().get(_place_key(name))
        if entry and (not entry[2] or after_word):
            return p.end(), name.strip()
    if after_word:
        s = _skip_spaces(folded, cursor, end)
        word = _word_at(folded, s, end)
        if word and not _is_stop(word.group()) and not verb_at(folded, s, end):
            return word.end(), word.group()
        return w.end(), ""
    return pos, ""


@lru_cache(maxsize=None)
def _verb_heads() -> frozenset[str]:
    """First words of compound reporting verbs («هشدار» of «هشدار داد»): stopwords that end an
    organisation only where the verb itself starts («رئیس مرکز هشدار الکترونیک پلیس گفت»)."""
    from ..quotes import reporting_verbs

    heads = {fold(v.verb).split()[0] for v in reporting_verbs() if len(fold(v.verb).split()) > 1}
    return frozenset(heads - {"در", "می"})


def _organisation_complement(folded: str, pos: int, end: int, text: str = "") -> int:
    """Extend an office over its organisation: words up to a comma, stopword, verb or title.

    Guillemets around an organisation («تحریک طالبان») are part of it; a stopword written
    joined to the next word by a zero-width non-joiner in ``text`` («پیش‌بینی») is no stopword.
    """
    cursor, last = pos, pos
    # Asked for each word (an office's organisation runs up to ten): the lexicons' sets and the
    # verb-or-title regex taken once, the spaces, guillemet and word read by one regex.
    stopwords, verb_heads, verb_or_title = _stopwords(), _verb_heads(), _verb_or_title_regex().match
    for _ in range(10):
        word = _NEXT_WORD.match(folded, cursor, end)
        if not word:
            break
        s, word_end, w = word.start(1), word.end(1), word.group(1)
        if verb_or_title(folded, s, end):
            break
        if w in stopwords and w not in verb_heads \
                and not (text and word_end < len(text) and text[word_end] == ZWNJ):
            nxt = _SPACED_WORD.match(folded, word_end, end)
            # «و» joins the parts of a name of an organisation: «آموزش و پرورش».
            if w == "و" and nxt and nxt.group(1) not in stopwords and not match_office(folded, nxt.start(1), end):
                cursor = word_end
                continue
            break
        if match_office(folded, s, end):
            break
        cursor = last = _past_abbreviation_dot(folded, word_end, end)
        if cursor < end and folded[cursor] == "»":
            cursor = last = cursor + 1
    return last


# The next word after spaces, and after one guillemet and its spaces (an organisation's words);
# the next word after spaces.
_NEXT_WORD = re.compile(rf"\s*(?:[«»]\s*)?({LETTER}+)")
_SPACED_WORD = re.compile(rf"\s*({LETTER}+)")


@lru_cache(maxsize=None)
def _verb_or_title_regex() -> re.Pattern:
    """Matches where a reporting verb (:func:`helpers.quotes.verb_at`) or an honorific starts:
    either ends an organisation (one regex asked instead of two)."""
    return re.compile(f"{_verb_search_regex().pattern}|{_honorific_regex().pattern}")


def _past_abbreviation_dot(folded: str, pos: int, end: int) -> int:
    """``pos + 1`` when an abbreviation's «.» stands at ``pos`` («م.» of «م. ع. احمدی», «آر.»
    of «آر. ان. ای»), else ``pos``."""
    if pos < end and folded[pos] == "." and is_abbreviation_dot(folded, pos):
        return pos + 1
    return pos


def _name_words(folded: str, pos: int, end: int) -> tuple[int, int]:
    """Span of up to four name words from ``pos``: stops at a stopword, verb, office, comma."""
    start = _skip_spaces(folded, pos, end)
    cursor, count, stopwords = start, 0, _stopwords()
    while count < _MAX_NAME_WORDS:
        word = _SPACED_WORD.match(folded, cursor, end)  # spaces and a word read by one regex
        if not word or word.group(1) in stopwords or verb_at(folded, word.start(1), end) \
                or match_office(folded, word.start(1), end):
            break
        cursor, count = _past_abbreviation_dot(folded, word.end(1), end), count + 1
    return start, (cursor if count else start)


def _office_mention(text: str, folded: str, pos: int, end: int) -> Mention | None:
    """The office starting at ``pos`` with its complement and the name after it, if any.

    A generic head with nothing after it («معاون», «عضو», «سخنگوی») is joined to an office
    that follows it directly or after «و» («معاون سخنگوی دولت», «عضو و رئیس کمیسیون ...»);
    left alone it is marked ``generic``: no speaker by itself.
    """
    hit = match_office(folded, pos, end)
    if not hit:
        return None
    office, head_end = hit
    place = ""
    if office.complement == "place":
        off_end, place = _place_complement(folded, head_end, end)
    elif office.complement == "organisation":
        off_end = _organisation_complement(folded, head_end, end, text)
        _, place = _find_place(folded, head_end, off_end)
    else:
        off_end = head_end
    generic = not office.organisation and off_end == head_end
    if generic:
        chained = _chained_office(text, folded, head_end, end)
        if chained is not None:
            joined = bool(re.match(r"\s*و(?!\S)", folded[head_end:chained.start]))
            chained.start, chained.office = pos, text[pos:_office_end(chained)].strip()
            chained.rule = f"office:{office.office}+{chained.rule}"
            if not joined:
                chained.role = office.role
            return chained
    # a foreign country's official: the taxonomy's roles are Iran's offices
    role = "other" if names_foreign_place(text[pos:off_end]) else office.role
    mention = Mention(pos, off_end, "office", office=text[pos:off_end].strip(), role=role,
                      organisation=office.organisation or text[head_end:off_end].strip(),
                      place=place, province=province_of(place) if place else "",
                      rule=f"office:{office.office}", generic=generic)
    return _with_following_name(text, folded, mention, end, place_closed=office.complement == "place")


def _chained_office(text: str, folded: str, pos: int, end: int) -> Mention | None:
    """The office right after ``pos``, or after «و» there; None when none starts there."""
    cursor = _skip_spaces(folded, pos, end)
    conj = re.compile(r"و(?!\S)\s*").match(folded, cursor, end)
    if conj:
        cursor = conj.end()
    if cursor >= end or not match_office(folded, cursor, end):
        return None
    return _office_mention(text, folded, cursor, end)


def _office_end(m: Mention) -> int:
    """Where the office words of a mention end (before a name attached after it)."""
    return m.office_end or m.end


def _find_place(folded: str, start: int, end: int) -> tuple[int, str]:
    """A gazetteer place named after استان/شهرستان/شهر inside a span."""
    for w in _place_word_regex().finditer(folded, start, end):
        p = _place_regex().match(folded, w.end(), end)
        if p:
            return p.end(), p.group("place").strip()
    return start, ""


def _with_following_name(text: str, folded: str, mention: Mention, end: int, *, place_closed: bool) -> Mention:
    """``mention`` (an office) with the name written after it, as a new mention; ``mention``
    itself when none is: «استاندار خوزستان، دکتر عبدالحسن مقتدایی» / «استاندار خوزستان عبدالحسن
    مقتدایی گفت».

    Without a title, a name is taken after a comma only when another comma closes it, and
    with no comma only after a known place when the verb or a stopword follows it.
    """
    cursor = _skip_spaces(folded, mention.end, end)
    comma = cursor < end and folded[cursor] in "،,"
    if comma:
        cursor = _skip_spaces(folded, cursor + 1, end)
    person = _person_mention(text, folded, cursor, end, with_office=False)
    if person is None and (comma or (place_closed and mention.place)):
        n_start, n_end = _name_words(folded, cursor, end)
        after = _skip_spaces(folded, n_end, end)
        if comma:
            closes = after < end and folded[after] in "،,"
        else:
            word = _word_at(folded, after, end)
            closes = after >= end or verb_at(folded, after, end) or bool(word and _is_stop(word.group()))
        if n_end > n_start and closes and len(_WORD_RE.findall(folded[n_start:n_end])) >= 2:
            person = Mention(n_start, n_end, "name", name=text[n_start:n_end].strip())
    if person is None:
        return mention
    return replace(mention, name=person.name, honorific=person.honorific, office_end=mention.end,
                   end=person.end, kind="person", generic=False)


_NAME_BEFORE_COMMA = re.compile(rf"((?:{LETTER}+[ \u200c]+){{1,3}}{LETTER}+)\s*[،,]\s*$")


# The last one to four words of a window read backwards (the window reversed), after the spaces
# (and the comma) that end it: a name of _NAME_BEFORE_OFFICE (_NAME_BEFORE_COMMA) cannot start
# before them.
_LAST_WORDS = re.compile(rf"\s*{LETTER}+(?:[ \u200c]+{LETTER}+){{0,3}}")
_LAST_WORDS_COMMA = re.compile(rf"\s*[،,]\s*{LETTER}+(?:[ \u200c]+{LETTER}+){{0,3}}")


def _search_last_words(regex: re.Pattern, last_words: re.Pattern, folded: str, start: int, end: int) -> re.Match | None:
    """``regex.search(folded, start, end)`` for a regex of one to four words anchored at the
    window's end (``_NAME_BEFORE_*``), searched from where the last words start: from the
    window's start, the regex would be tried at every position, each time over every word."""
    last = last_words.match(folded[start:end][::-1])
    return None if last is None else regex.search(folded, end - last.end(), end)


_QUOTED_NAME_BEFORE_OFFICE = re.compile(rf"«\s*((?:{LETTER}+[ \u200c]+){{1,3}}{LETTER}+)\s*»\s*[،,]?\s*$")
_NAME_BEFORE_OFFICE = re.compile(rf"((?:{LETTER}+[ \u200c]+){{1,3}}{LETTER}+)\s*$")


def _closes_lead_in(folded: str, pos: int, end: int) -> bool:
    """Whether only stopwords follow ``pos`` before ``end``, or up to three words of a
    description and a comma, then only stopwords («رئیس‌جمهور فرانسه، نیز گفت»)."""
    comma = max(folded.rfind("،", pos, end), folded.rfind(",", pos, end))
    if comma >= 0 and len(_WORD_RE.findall(folded, pos, comma)) <= 3:
        pos = comma + 1
    # word by word: the first word after most offices is no stopword, and ends the reading
    return all(_is_stop(w.group()) for w in _WORD_RE.finditer(folded, pos, end))


def _with_preceding_name(text: str, folded: str, mention: Mention, floor: int, end: int, opening: int) -> Mention:
    """``mention`` (an office) with its holder's name written before it, as a new mention;
    ``mention`` itself when there is none. «... در مراسم افتتاحیه علیرضا رهایی، رئیس دانشگاه ...
    گفت»: a name of two to four words right before «، office», opening with a known first name.
    Without the comma too («در همین رابطه امروز بنیامین نتانیاهو نخست‌وزیر ... گفت»), when the
    office closes the lead-in (only stopwords after it, before ``end``) or the name opens the
    sentence (at ``opening``, past any «به گزارش ...،»): news writes a name and its office side
    by side, but a name and an office inside a longer phrase («دولت باراک اوباما رئیس‌جمهور
    قبلی ...») may be anyone's. A name of two words or more in guillemets right before the
    office is its holder's wherever it stands."""
    window_start = max(floor, mention.start - 60)
    quoted = _QUOTED_NAME_BEFORE_OFFICE.search(folded, window_start, mention.start)
    if quoted and not any(_is_stop(w) for w in _WORD_RE.findall(quoted.group(1))) \
            and not _outlet_regex().match(folded, quoted.start(1), quoted.end(1)):
        # «سرگئی لاوروف» وزیر امور خارجه روسیه: a name of two words or more in guillemets
        # right before the office is its holder's, wherever it stands
        return replace(mention, name=text[quoted.start(1):quoted.end(1)].strip(), office_end=mention.end,
                       start=quoted.start(), kind="person", generic=False, rule=mention.rule + "+quoted_name_before")
    # The comma closes the window (spaces aside): most offices have none before them, and the
    # regex would be tried at every position of the window.
    comma = folded[window_start:mention.start].rstrip()[-1:] in ("،", ",")
    if comma:
        m = _search_last_words(_NAME_BEFORE_COMMA, _LAST_WORDS_COMMA, folded, window_start, mention.start)
    else:
        m = _search_last_words(_NAME_BEFORE_OFFICE, _LAST_WORDS, folded, window_start, mention.start)
    if not m:
        return mention  # no name before the office: what follows the office is not read
    # Without a comma, the name must open the sentence unless the office closes the lead-in.
    opening_only = not comma and not _closes_lead_in(folded, mention.end, end)
    if opening_only and folded[opening:m.start(1)].strip():
        return mention
    words = [(w.start(), w.group()) for w in _WORD_RE.finditer(folded, m.start(1), m.end(1))]
    for i in range(1 if opening_only else len(words) - 1):  # the longest name first
        start, first = words[i]
        if any(_is_stop(w) for _, w in words[i:]) or first in _not_names():
            continue
        # without a comma, two words written apart at least: «ملک‌شاهکویی» is one surname
        if looks_like_person_name(text[start:m.end(1)]) and (comma or " " in text[start:m.end(1)].strip()):
            return replace(mention, name=text[start:m.end(1)].strip(), office_end=mention.end, start=start,
                           kind="person", generic=False, rule=mention.rule + "+name_before")
    return mention


def _person_mention(text: str, folded: str, pos: int, end: int, *, with_office: bool = True) -> Mention | None:
    """Honorifics then a name («سردار سیدمحمود میرفیضی»), with an office after a comma if given."""
    cursor, honorifics = pos, []
    while True:
        h = _honorific_regex().match(folded, _skip_spaces(folded, cursor, end), end)
        if not h:
            break
        honorifics.append(text[h.start():h.end()])
        cursor = h.end()
    if not honorifics:
        return None
    n_start, n_end = _name_words(folded, cursor, end)
    if n_end <= n_start:
        return None
    mention = Mention(pos, n_end, "person", name=text[n_start:n_end].strip(),
                      honorific=" ".join(honorifics), rule="honorific")
    return _with_office(text, folded, mention, end) if with_office else mention


def _with_office(text: str, folded: str, mention: Mention, end: int) -> Mention:
    """``mention`` (a name) with the office written after it, as a new mention; ``mention``
    itself when none is: «... مقتدایی، استاندار خوزستان» or «... مقتدایی استاندار خوزستان»."""
    cursor = _skip_spaces(folded, mention.end, end)
    if cursor < end and folded[cursor] in "،,":
        cursor = _skip_spaces(folded, cursor + 1, end)
    hit = match_office(folded, cursor, end)
    if hit:
        office = _office_mention(text, folded, cursor, end)
        if office and not office.name:
            return replace(mention, office=office.office, role=office.role, organisation=office.organisation,
                           place=office.place, province=office.province, end=office.end,
                           rule=mention.rule + f"+{office.rule}")
    return mention


def _bare_name(text: str, folded: str, pos: int, end: int) -> Mention | None:
    """One to four words at the start of a lead-in that are no stopword: a name said alone."""
    if _outlet_regex().match(folded, pos, end):
        return None
    quoted = _quoted_name(folded, pos, end)
    if quoted:
        n_start, n_end, close = quoted
    else:
        n_start, n_end = _name_words(folded, pos, end)
        close = n_end
    if n_end <= n_start or _WORD_RE.match(folded, n_start, n_end).group() in _not_names():
        return None
    if _outlet_regex().match(folded, n_start, end):
        return None
    after = _skip_spaces(folded, close, end)
    # A bare name is followed by the verb, a comma, or a stopword opening the rest of the
    # lead-in; guillemets close a name themselves.
    if not quoted and after < end and folded[after] not in "،," and not verb_at(folded, after, end):
        word = _word_at(folded, after, end)
        # «مجتبی زینی‌وند رئیس سازمان ... گفت»: a name of two words or more right before an
        # office is that office's holder (one word may open a name: «سعید قاضی مغربی»).
        # One word alone is a surname there when it is no known first name and no stopword
        # («آسیابی دادستان ... گفت»; «سعید قاضی» is a first name before a word of an office).
        name_words = _WORD_RE.findall(folded[n_start:n_end])
        before_office = bool(word) and match_office(folded, after, end) is not None \
            and (len(name_words) >= 2
                 or (len(name_words) == 1 and not _is_stop(name_words[0])
                     and not looks_like_person_name(name_words[0])))
        if not before_office and (not word or not _is_stop(word.group()) or word.group() in _NOUN_PHRASE_FOLLOWERS):
            return None
    # «جیمز جفری»، نماینده ... گفت: news puts a foreign name of two words or more in
    # guillemets and its description after a comma; a noun in guillemets is rarely set off so.
    named = bool(quoted) and after < end and folded[after] in "،," and len(_WORD_RE.findall(folded[n_start:n_end])) >= 2
    mention = Mention(n_start, close, "name", name=text[n_start:n_end].strip(),
                      rule="quoted_name" if named else "bare_name", quoted=bool(quoted))
    return _with_office(text, folded, mention, end)


def _quoted_name(folded: str, pos: int, end: int) -> tuple[int, int, int] | None:
    """(name start, name end, end after «»») of a name in guillemets at ``pos`` («مهران
    خراسانی» سرکنسول ...), when the guillemets hold one to four name words and nothing else."""
    if pos >= end or folded[pos] != "«":
        return None
    close = folded.find("»", pos + 1, min(end, pos + 50))
    if close < 0:
        return None
    n_start, n_end = _name_words(folded, pos + 1, close)
    if n_end <= n_start or folded[n_end:close].strip():
        return None
    return n_start, n_end, close + 1


def _preceded_by_preposition(folded: str, pos: int, floor: int, *, clause: bool = False) -> bool:
    """Whether a preposition («با», «به», «و»...) stands right before ``pos``. With ``clause``
    (a name written before its office: «... اعلام کردند و نانسی پلوسی، رئیس ...»), «و» opens a
    new clause, not a list of objects."""
    before = _WORD_RE.findall(folded[max(floor, pos - 20):pos])
    return bool(before) and before[-1] in _PREPOSITIONS and folded[floor:pos].rstrip()[-1:] not in "،," \
        and not (clause and before[-1] == "و")


def _followed_by_object_marker(folded: str, pos: int, end: int) -> bool:
    """Whether the word after ``pos`` (spaces aside, before ``end``) is «را»."""
    # One regex asked instead of the spaces skipped in Python and the word after them read:
    # 0.012 -> 0.004 s of CPU for the 10,400 mentions of the Fars bench.
    return _OBJECT_MARKER.match(folded, pos, end) is not None


_OBJECT_MARKER = re.compile(rf"\s*را(?!{LETTER})")


@lru_cache(maxsize=4096)
def _known_name_regex(name: str) -> re.Pattern:
    return re.compile(bounded(entry_regex(name)))


def _known_name_spans(key: str, folded: str, begin: int, end: int):
    """(start, end) of each match of ``_known_name_regex(key)`` in ``folded[begin:end]``, in
    text order, for a known name (folded words joined by spaces, :meth:`_Registry.known_names`).

    Found with ``str.find`` for the first word, then the others after any spaces or none, whole
    words only: compiling a regex for every person's name cost more than all the searching.
    """
    words = key.split()
    if not words:  # a name with no letters: the regex's own (empty) matches
        for m in _known_name_regex(key).finditer(folded[begin:end]):
            yield begin + m.start(), begin + m.end()
        return
    pos = folded.find(words[0], begin, end)
    while pos >= 0:
        stop = None
        if pos == begin or not LETTER_RE.match(folded, pos - 1):
            stop = _words_end(folded, pos, words, end)
        if stop is not None:
            yield pos, stop
            pos = folded.find(words[0], stop, end)
        else:
            pos = folded.find(words[0], pos + 1, end)


def _words_end(folded: str, pos: int, words: list[str], end: int) -> int | None:
    """Where ``words``, written from ``pos`` with any spaces or none between them, end
    (before ``end``), when a word ends there too; None when they are not written there."""
    cursor = pos
    for i, word in enumerate(words):
        if i:
            cursor = _SEPARATOR_RE.match(folded, cursor, end).end()
        if not folded.startswith(word, cursor, end):
            return None
        cursor += len(word)
    if cursor < end and LETTER_RE.match(folded, cursor):
        return None
    return cursor


@lru_cache(maxsize=64)
def _first_words(known_names: tuple[str, ...]) -> tuple[str, ...]:
    """The first word of each known name: asked for every sentence of an article, whose
    known names change only when a person is met."""
    return tuple(key.partition(" ")[0] for key in known_names)


def find_mentions(text: str, start: int, end: int, *, folded: str | None = None,
                  known_names: tuple[str, ...] = (), bare: bool = True) -> list[Mention]:
    """Mentions of people in ``text[start:end]`` that can be a subject, in text order.

    Mentions right after a preposition («با استاندار»), before «را», or inside a leading
    «به گزارش ...،» are left out. ``known_names`` (names already met, folded) are found
    anywhere; a bare name (no title, no office) counts only at the start of the span, and only
    when ``bare`` is true (lead-ins of statements, not narrative).
    """
    folded = fold(text) if folded is None else folded
    # Where a pronoun, honorific or office may start. Most narrative sentences (``bare``
    # false) hold none and no known name's first word: they hold no mention, told before the
    # leading prefixes are read.
    starts = word_starts(_mention_start_regex(), folded, start, end)
    firsts = _first_words(known_names)
    if not bare and not starts and not any(folded.find(first, start, end) >= 0 for first in firsts):
        return []
    begin = _outlet_prefix_end(folded, report_prefix_end(folded, start, end), end)
    found: list[Mention] = []
    starts = starts[bisect_left(starts, begin):]
    for m in matches_at(_pronoun_regex(), folded, starts, end):
        found.append(Mention(m.start(), m.end(), "pronoun", rule=f"pronoun:{m.group().strip()}"))
    for m in matches_at(_honorific_regex(), folded, starts, end):
        if found and any(f.start <= m.start() < f.end for f in found if f.kind == "person"):
            continue
        if m.end() < len(text) and text[m.end()] == ZWNJ:
            continue  # «امیر‌آبادی»: a title word joined to the next one is part of a name
        person = _person_mention(text, folded, m.start(), end)
        if person:
            found.append(person)
    for m in matches_at(_office_start_regex(), folded, starts, end):
        if any(f.start <= m.start() < f.end for f in found if f.kind in ("person", "office")):
            continue
        office = _office_mention(text, folded, m.start(), end)
        if office:
            if not office.name:
                office = _with_preceding_name(text, folded, office, start, end, begin)
            found.append(office)
    for key, first in zip(known_names, firsts):
        if folded.find(first, begin, end) < 0:
            continue  # its first word is not written here: most names, in most sentences
        for s, e in _known_name_spans(key, folded, begin, end):
            if not any(f.start <= s < f.end for f in found):
                found.append(Mention(s, e, "name", name=text[s:e], rule="known_name"))
    first = _past_list_mark(folded, _skip_spaces(folded, begin, end), end)
    if bare and not any(f.start <= first < max(f.end, first + 1) for f in found):
        bare = _bare_name(text, folded, first, end)
        if bare:
            found.append(bare)
    kept = [f for f in found
            if not _preceded_by_preposition(folded, f.start, begin, clause=f.rule.endswith("+name_before") and f.name != "")
            and not _followed_by_object_marker(folded, f.end, end)]
    kept.sort(key=lambda f: (f.start, -(f.end - f.start)))
    # Drop mentions nested in an earlier, longer one.
    out: list[Mention] = []
    for f in kept:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def opens_sentence(folded: str, mention: Mention, floor: int) -> bool:
    """Whether ``mention`` opens its sentence (nothing but spaces between the sentence's start,
    not before ``floor``, and the mention): there it is the sentence's subject, someone the
    narrator speaks of; further in («... و کسی به عنوان رئیس فدراسیون انتخاب خواهد شد») it is
    a word of the sentence, which may be anyone's."""
    return not folded[sentence_start_before(folded, mention.start, floor):mention.start].strip()


_LIST_MARK = re.compile(r"[-–•]\s*")


def _past_list_mark(folded: str, pos: int, end: int) -> int:
    """Past the dash or bullet opening a list-item line («- شیرکوند خبر داد: ...») at ``pos``,
    else ``pos``: the name after it stands at the start of the lead-in."""
    m = _LIST_MARK.match(folded, pos, end)
    if not m or folded[folded.rfind("\n", 0, pos) + 1:pos].strip():
        return pos
    return m.end()


_OUTLET_DASH = re.compile(r"[^\n:،,.«»]{0,30}?[-–—]")


def _outlet_prefix_end(folded: str, pos: int, end: int) -> int:
    """After «خبرگزاری فارس-» at ``pos`` (an outlet and a dash opening a lead), else ``pos``."""
    m = _outlet_regex().match(folded, pos, end)
    if not m:
        return pos
    dash = _OUTLET_DASH.match(folded, m.end(), end)
    return dash.end() if dash else pos
