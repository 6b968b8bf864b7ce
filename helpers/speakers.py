"""Who speaks in an article, in which office, and what each of them says.

:func:`find_speakers_and_quotes` reads an article's cleaned text and returns two tables:

* **speakers**, one row per person whose words the article reports (however the article names
  them: full name, surname, office only, «وی», a headline «سردار حسن‌پور: ...»);
* **quotes**, one row per reported statement, linked to its speaker by ``speaker_id``.

How it works, in order:

1. :func:`helpers.quotes.find_openings` finds statements («... گفت: ...», «به گفته وی، ...»,
   «... گفت که ...») and the lead-in of each, where the speaker is named.
2. :func:`find_mentions` reads a lead-in (or a sentence of narrative) for mentions of people:
   an honorific and a name («دکتر عبدالحسن مقتدایی»), an office («استاندار خوزستان», with
   the name beside it when given), a pronoun («وی»), a bare name at the start («پورعلی»).
3. Mentions are resolved to persons in text order: the same name (compared by ending, so
   a surname finds the full name), the same office (by role and place), a pronoun or an
   omitted subject for the last person the text spoke of; a name given alone right after an
   office-only speaker names that speaker.

Language data: ``honorifics.txt``, ``offices.tsv``, ``reporting_verbs.tsv``,
``quote_markers.tsv``, ``speaker_pronouns.txt``, ``speaker_stopwords.txt``,
``speaker_outlets.txt``, ``events.tsv``, ``audiences.txt`` and ``provinces.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .chars import ZWNJ
from .lexicons import LexiconError, load_list, load_table
from .quotes import (
    Opening,
    find_openings,
    function_words,
    headline_opening,
    pronouns,
    report_prefix_end,
    sentence_span,
    verb_source,
)
from .text import (
    LETTER,
    NARRATIVE_BREAK,
    bounded,
    entry_regex,
    entry_tree,
    fold,
    is_abbreviation_dot,
    matches_at,
    paragraph_spans,
    sentence_start_before,
)

SPEAKER_COLUMNS = [
    "article_id", "speaker_id", "name", "surname", "honorific", "office", "organisation",
    "province", "role", "mentions", "start", "end", "rule",
]
QUOTE_COLUMNS = [
    "article_id", "quote_id", "speaker_id", "verb", "stance", "kind", "text", "start", "end",
    "paragraph", "sentence_start", "sentence_end", "rule",
]
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
_LETTER_RE = re.compile(LETTER)
_MAX_NAME_WORDS = 4
# One article's table, column by column: {column name: values} (as helpers.pipeline uses them).
Columns = dict[str, list]


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


def looks_like_person_name(name: str) -> bool:
    """True when a name's first word is a known first name (``speaker_first_names.txt``),
    after a joined «سید»/«میر», or two known names joined («محمدرضا», «حبیب‌الله»)."""
    words = _WORD_RE.findall(fold(name))
    if not words:
        return False
    first = _key(words[0])
    for prefix in ("سیده", "سید", "میر"):
        if first.startswith(prefix) and len(first) > len(prefix) + 2:
            first = first[len(prefix):]
            break
    names = _first_names()
    if first in names:
        return True
    return any(first[:i] in names and (first[i:] in names or first[i:] == "الله")
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
    """Zero-width, where a pronoun, honorific or office head may start: one scan of a lead-in
    for the three regexes of :func:`find_mentions` (see :func:`matches_at`). A prefix tree of
    all their entries, so each position costs a few letter tests, not 250 branches."""
    entries = [*pronouns(), *_honorifics(), *_office_heads()]
    return re.compile(rf"(?={bounded(entry_tree(entries))})")


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


def _skip_spaces(folded: str, pos: int, end: int) -> int:
    while pos < end and folded[pos].isspace():
        pos += 1
    return pos


def _word_at(folded: str, pos: int, end: int) -> re.Match | None:
    m = _WORD_RE.match(folded, pos, end)
    return m


def _is_stop(word: str) -> bool:
    return word in _stopwords()


@lru_cache(maxsize=None)
def _verb_start_regex() -> re.Pattern:
    return re.compile(verb_source())


def _starts_verb(folded: str, pos: int, end: int) -> bool:
    return bool(_verb_start_regex().match(folded, pos, end))


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
            words = [w for w in _WORD_RE.findall(folded[m.start():m.end()])]
            if any(_is_stop(w) and w != "و" for w in words):
                continue
        key = (office.letters, m.end())
        if best is None or key > best[0]:
            best = (key, office, m.end())
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=None)
def _offices_by_first_word() -> tuple[dict[str, tuple[tuple[int, Office], ...]], dict[str, tuple[int, ...]]]:
    """({first word: ((rank in offices.tsv, office), ...)}, {first letter: the lengths of the
    first words opening with it, shortest first}).

    An office's regex starts with its entry's first word, written as is (see
    :func:`entry_regex`): at any position only the offices whose first word is written there
    can match, a few of the 180 entries (match_office ran every regex at every position).
    """
    groups: dict[str, list[tuple[int, Office]]] = {}
    for rank, office in enumerate(offices()):
        word = _first_word(office.office)
        if not word:
            raise LexiconError(f"offices.tsv: the office {office.office!r} has no word")
        groups.setdefault(word, []).append((rank, office))
    lengths: dict[str, set[int]] = {}
    for word in groups:
        lengths.setdefault(word[0], set()).add(len(word))
    return ({word: tuple(group) for word, group in groups.items()},
            {letter: tuple(sorted(sizes)) for letter, sizes in lengths.items()})


def _office_candidates(folded: str, pos: int, end: int) -> list[Office]:
    """The offices whose first word is written at ``pos`` (before ``end``), in the order of
    :func:`offices`, so that ties in :func:`match_office` go the same way."""
    if pos >= end:
        return []
    by_word, lengths_by_letter = _offices_by_first_word()
    ranked: list[tuple[int, Office]] = []
    # Only the lengths of the first words opening with the letter at ``pos``: a few slices
    # and look-ups instead of one per length of every first word.
    for length in lengths_by_letter.get(folded[pos], ()):
        if pos + length > end:
            break
        ranked.extend(by_word.get(folded[pos:pos + length], ()))
    ranked.sort(key=lambda item: item[0])
    return [office for _, office in ranked]


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
        if word and not _is_stop(word.group()) and not _starts_verb(folded, s, end):
            return word.end(), word.group()
        return w.end(), ""
    return pos, ""


@lru_cache(maxsize=None)
def _verb_heads() -> frozenset[str]:
    """First words of compound reporting verbs («هشدار» of «هشدار داد»): stopwords that end an
    organisation only where the verb itself starts («رئیس مرکز هشدار الکترونیک پلیس گفت»)."""
    from .quotes import reporting_verbs

    heads = {fold(v.verb).split()[0] for v in reporting_verbs() if len(fold(v.verb).split()) > 1}
    return frozenset(heads - {"در", "می"})


def _organisation_complement(folded: str, pos: int, end: int, text: str = "") -> int:
    """Extend an office over its organisation: words up to a comma, stopword, verb or title.

    Guillemets around an organisation («تحریک طالبان») are part of it; a stopword written
    joined to the next word by a zero-width non-joiner in ``text`` («پیش‌بینی») is no stopword.
    """
    cursor, last = pos, pos
    for _ in range(10):
        s = _skip_spaces(folded, cursor, end)
        if s < end and folded[s] in "«»":
            s = _skip_spaces(folded, s + 1, end)
        word = _word_at(folded, s, end)
        if not word or _starts_verb(folded, s, end) or _honorific_regex().match(folded, s, end):
            break
        joined = bool(text) and word.end() < len(text) and text[word.end()] == ZWNJ
        if _is_stop(word.group()) and word.group() not in _verb_heads() and not joined:
            nxt = _word_at(folded, _skip_spaces(folded, word.end(), end), end)
            # «و» joins the parts of a name of an organisation: «آموزش و پرورش».
            if word.group() == "و" and nxt and not _is_stop(nxt.group()) and not match_office(folded, nxt.start(), end):
                cursor = word.end()
                continue
            break
        if match_office(folded, s, end):
            break
        cursor = last = _past_abbreviation_dot(folded, word.end(), end)
        if cursor < end and folded[cursor] == "»":
            cursor = last = cursor + 1
    return last


def _past_abbreviation_dot(folded: str, pos: int, end: int) -> int:
    """``pos + 1`` when an abbreviation's «.» stands at ``pos`` («م.» of «م. ع. احمدی», «آر.»
    of «آر. ان. ای»), else ``pos``."""
    if pos < end and folded[pos] == "." and is_abbreviation_dot(folded, pos):
        return pos + 1
    return pos


def _name_words(folded: str, pos: int, end: int) -> tuple[int, int]:
    """Span of up to four name words from ``pos``: stops at a stopword, verb, office, comma."""
    s = _skip_spaces(folded, pos, end)
    start, cursor, count = s, s, 0
    while count < _MAX_NAME_WORDS:
        s = _skip_spaces(folded, cursor, end)
        word = _word_at(folded, s, end)
        if not word or _is_stop(word.group()) or _starts_verb(folded, s, end) or match_office(folded, s, end):
            break
        cursor, count = _past_abbreviation_dot(folded, word.end(), end), count + 1
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
    mention = Mention(pos, off_end, "office", office=text[pos:off_end].strip(), role=office.role,
                      organisation=office.organisation or text[head_end:off_end].strip(),
                      place=place, province=province_of(place) if place else "",
                      rule=f"office:{office.office}", generic=generic)
    _attach_following_name(text, folded, mention, end, place_closed=office.complement == "place")
    return mention


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


def _attach_following_name(text: str, folded: str, mention: Mention, end: int, *, place_closed: bool) -> None:
    """«استاندار خوزستان، دکتر عبدالحسن مقتدایی» / «استاندار خوزستان عبدالحسن مقتدایی گفت».

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
            closes = after >= end or _starts_verb(folded, after, end) or bool(word and _is_stop(word.group()))
        if n_end > n_start and closes and len(_WORD_RE.findall(folded[n_start:n_end])) >= 2:
            person = Mention(n_start, n_end, "name", name=text[n_start:n_end].strip())
    if person is not None:
        mention.name, mention.honorific = person.name, person.honorific
        mention.office_end = mention.end
        mention.end = person.end
        mention.kind = "person"
        mention.generic = False


_NAME_BEFORE_COMMA = re.compile(rf"((?:{LETTER}+[ \u200c]+){{1,3}}{LETTER}+)\s*[،,]\s*$")


def _attach_preceding_name(text: str, folded: str, mention: Mention, floor: int) -> None:
    """«... در مراسم افتتاحیه علیرضا رهایی، رئیس دانشگاه ... گفت»: a name of two to four
    words right before «، office», opening with a known first name, is the office's holder."""
    window_start = max(floor, mention.start - 60)
    # The comma closes the window (spaces aside): most offices have none before them, and the
    # regex would be tried at every position of the window.
    if folded[window_start:mention.start].rstrip()[-1:] not in ("،", ","):
        return
    m = _NAME_BEFORE_COMMA.search(folded, window_start, mention.start)
    if not m:
        return
    words = [(w.start(), w.group()) for w in _WORD_RE.finditer(folded, m.start(1), m.end(1))]
    for i in range(len(words) - 1):  # the longest name first
        start, first = words[i]
        if any(_is_stop(w) for _, w in words[i:]) or first in _not_names():
            continue
        if looks_like_person_name(text[start:m.end(1)]):
            mention.name, mention.office_end = text[start:m.end(1)].strip(), mention.end
            mention.start, mention.kind, mention.generic = start, "person", False
            mention.rule += "+name_before"
            return


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
    if with_office:
        _attach_office(text, folded, mention, end)
    return mention


def _attach_office(text: str, folded: str, mention: Mention, end: int) -> None:
    """«... مقتدایی، استاندار خوزستان» or «... مقتدایی استاندار خوزستان»: add the office."""
    cursor = _skip_spaces(folded, mention.end, end)
    if cursor < end and folded[cursor] in "،,":
        cursor = _skip_spaces(folded, cursor + 1, end)
    hit = match_office(folded, cursor, end)
    if hit:
        office = _office_mention(text, folded, cursor, end)
        if office and not office.name:
            mention.office, mention.role = office.office, office.role
            mention.organisation, mention.place, mention.province = office.organisation, office.place, office.province
            mention.end = office.end
            mention.rule += f"+{office.rule}"


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
    if not quoted and after < end and folded[after] not in "،," and not _starts_verb(folded, after, end):
        word = _word_at(folded, after, end)
        # «مجتبی زینی‌وند رئیس سازمان ... گفت»: a name of two words or more right before an
        # office is that office's holder (one word may open a name: «سعید قاضی مغربی»).
        before_office = bool(word) and len(_WORD_RE.findall(folded[n_start:n_end])) >= 2 \
            and match_office(folded, after, end) is not None
        if not before_office and (not word or not _is_stop(word.group()) or word.group() in _NOUN_PHRASE_FOLLOWERS):
            return None
    mention = Mention(n_start, close, "name", name=text[n_start:n_end].strip(), rule="bare_name")
    _attach_office(text, folded, mention, end)
    return mention


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


def _preceded_by_preposition(folded: str, pos: int, floor: int) -> bool:
    before = _WORD_RE.findall(folded[max(floor, pos - 20):pos])
    return bool(before) and before[-1] in _PREPOSITIONS and folded[floor:pos].rstrip()[-1:] not in "،,"


def _followed_by_object_marker(folded: str, pos: int, end: int) -> bool:
    nxt = _word_at(folded, _skip_spaces(folded, pos, end), end)
    return bool(nxt) and nxt.group() == "را"


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
        if pos == begin or not _LETTER_RE.match(folded, pos - 1):
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
    if cursor < end and _LETTER_RE.match(folded, cursor):
        return None
    return cursor


def find_mentions(text: str, start: int, end: int, *, folded: str | None = None,
                  known_names: tuple[str, ...] = (), bare: bool = True) -> list[Mention]:
    """Mentions of people in ``text[start:end]`` that can be a subject, in text order.

    Mentions right after a preposition («با استاندار»), before «را», or inside a leading
    «به گزارش ...،» are left out. ``known_names`` (names already met, folded) are found
    anywhere; a bare name (no title, no office) counts only at the start of the span, and only
    when ``bare`` is true (lead-ins of statements, not narrative).
    """
    folded = fold(text) if folded is None else folded
    begin = _outlet_prefix_end(folded, report_prefix_end(folded, start, end), end)
    found: list[Mention] = []
    starts = [m.start() for m in _mention_start_regex().finditer(folded, begin, end)]
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
                _attach_preceding_name(text, folded, office, start)
            found.append(office)
    for key in known_names:
        for s, e in _known_name_spans(key, folded, begin, end):
            if not any(f.start <= s < f.end for f in found):
                found.append(Mention(s, e, "name", name=text[s:e], rule="known_name"))
    first = _past_list_mark(folded, _skip_spaces(folded, begin, end), end)
    if bare and not any(f.start <= first < max(f.end, first + 1) for f in found):
        bare = _bare_name(text, folded, first, end)
        if bare:
            found.append(bare)
    kept = [f for f in found
            if not _preceded_by_preposition(folded, f.start, begin) and not _followed_by_object_marker(folded, f.end, end)]
    kept.sort(key=lambda f: (f.start, -(f.end - f.start)))
    # Drop mentions nested in an earlier, longer one.
    out: list[Mention] = []
    for f in kept:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


_LIST_MARK = re.compile(r"[-–•]\s*")


def _past_list_mark(folded: str, pos: int, end: int) -> int:
    """Past the dash or bullet opening a list-item line («- شیرکوند خبر داد: ...») at ``pos``,
    else ``pos``: the name after it stands at the start of the lead-in."""
    m = _LIST_MARK.match(folded, pos, end)
    if not m or folded[folded.rfind("\n", 0, pos) + 1:pos].strip():
        return pos
    return m.end()


# ---------------------------------------------------------------- persons


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return "".join(c for c in fold(name) if c.isalpha())


def same_name(a: str, b: str) -> bool:
    """True when one name ends with the other (folded, spaces dropped), at least 3 letters."""
    a, b = _key(a), _key(b)
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.endswith(short)


@dataclass
class Person:
    name: str = ""
    honorific: str = ""
    office: str = ""
    role: str = ""
    organisation: str = ""
    place: str = ""
    province: str = ""
    start: int = 0
    end: int = 0
    rule: str = ""
    mentions: int = 0
    speaks: bool = False
    order: int = 0
    first_speech: int = 0
    # Other titles the article gives the person: (office, role, place).
    aliases: list = field(default_factory=list)

    def absorb(self, m: Mention) -> None:
        if m.name and len(_key(m.name)) > len(_key(self.name)):
            self.name = m.name
        if m.honorific and not self.honorific:
            self.honorific = m.honorific
        if m.office and not self.office:
            self.office, self.role, self.organisation = m.office, m.role, m.organisation
            self.place, self.province = m.place, m.province
        elif m.office and m.place and not self.place:
            self.place, self.province = m.place, m.province
        if m.office and _key(m.office) != _key(self.office) and not m.generic \
                and all(_key(m.office) != _key(a[0]) for a in self.aliases):
            self.aliases.append((m.office, m.role, m.place))
        self.mentions += 1


# The office's word functions below are asked again and again for the same few offices of an
# article while persons are resolved: memoised, bounded.
@lru_cache(maxsize=4096)
def _office_words(office: str) -> frozenset[str]:
    words = set(_WORD_RE.findall(fold(office)))
    return frozenset(w for w in words if w not in _stopwords() and w not in _PLACE_WORD_SET)


def _offices_compatible(p: Person, m: Mention) -> bool:
    """True when ``m``'s office is the office of ``p`` or one of the other titles ``p`` was
    given in the article (``Person.aliases``); see :func:`_office_compatible`."""
    if _office_compatible(p.office, p.role, p.place, m):
        return True
    return any(_office_compatible(office, role, place, m) for office, role, place in p.aliases)


def _office_compatible(p_office: str, p_role: str, p_place: str, m: Mention) -> bool:
    """Same role, no conflicting places, and (for roles many people hold) the same office.

    Offices are compared by their distinctive words: place names and the generic words of
    offices («مدیرکل», «رئیس», «سازمان», «اداره») left out. «مدیر جهاد کشاورزی قائم‌شهر» and
    «مدیر جهاد کشاورزی شهرستان قائم‌شهر» are one office, and so are «دادستان کرمانشاه» and
    «دادستان عمومی و انقلاب مرکز استان کرمانشاه» (the shorter one's words all stand in the
    longer one); «مدیرکل بهزیستی» and «مدیرکل آموزش و پرورش» are two.
    """
    if not p_role or p_role != m.role:
        return False
    if p_place and m.place and _key(p_place) != _key(m.place):
        return False
    if p_role in _ONE_PER_PLACE:
        return True
    place_words = set(_WORD_RE.findall(fold(f"{p_place} {m.place}")))
    all_a, all_b = _office_words(p_office) - place_words, _office_words(m.office) - place_words
    a, b = all_a - _generic_office_words(), all_b - _generic_office_words()
    if _subordinate_words(p_office) != _subordinate_words(m.office):
        return False  # «مشاور مدیرکل منابع طبیعی» is not «مدیرکل منابع طبیعی»
    lead_a, lead_b = _generic_lead(p_office), _generic_lead(m.office)
    if not a or not b:
        return bool(a or b or p_office) and (lead_a.startswith(lead_b) or lead_b.startswith(lead_a))
    short, long_ = sorted((a, b), key=len)
    if short <= long_ or len(a & b) / len(short) >= 0.6:
        return True
    # «رئیس پلیس راهور» and «رئیس پلیس راهنمایی و رانندگی»: mostly the same words, one of
    # them distinctive.
    return bool(a & b) and len(all_a & all_b) / min(len(all_a), len(all_b)) >= 0.6


def _distinctive_words(office: str, *places: str) -> set[str]:
    """An office's words that are no generic office word, place word, stopword or word of
    ``places`` («مجلس»)."""
    place_words = set(_WORD_RE.findall(fold(" ".join(places))))
    return _office_words(office) - _generic_office_words() - place_words - _place_name_words()


@lru_cache(maxsize=None)
def _place_name_words() -> frozenset[str]:
    """Every word of the gazetteer's place names, folded."""
    return frozenset(w for p in _places() for w in p[0].split())


@lru_cache(maxsize=4096)
def _generic_lead(office: str) -> str:
    """The generic words an office opens with, joined («مدیرکل» for «مدیر کل آموزش و پرورش»)."""
    lead = []
    for word in _WORD_RE.findall(fold(office)):
        if word not in _generic_office_words():
            break
        lead.append(word)
    return "".join(lead)


# Words that make an office a second to another one («معاون مدیرکل», «مشاور استاندار»,
# «سخنگوی شورا»): two offices are one person's only when they hold the same of these
# (``speaker_function_words.tsv``, use subordinate).
_SUBORDINATE = frozenset(fold(w) for w in function_words("subordinate"))


@lru_cache(maxsize=4096)
def _subordinate_words(office: str) -> frozenset[str]:
    """The words of :data:`_SUBORDINATE` in an office's generic opening words."""
    words = []
    for word in _WORD_RE.findall(fold(office)):
        if word not in _generic_office_words() and word != "و":
            break
        words.append(word)
    return frozenset(words) & _SUBORDINATE


@lru_cache(maxsize=None)
def _generic_office_words() -> frozenset[str]:
    """Words of the offices that name no organisation of their own (``offices.tsv`` rows with
    an empty organisation: «مدیرکل», «رئیس», «سازمان», «اداره», «معاون»...)."""
    return frozenset(w for o in offices() if not o.organisation for w in _WORD_RE.findall(fold(o.office)))


class _Registry:
    """Persons of one article, and the last one the text spoke of."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self.last: Person | None = None
        self.note = ""
        self.isolated = False  # inside a headline digest item: see find_speakers_and_quotes
        self._names_key: tuple[str, ...] = ()  # the persons' names known_names() was built for
        self._names: tuple[str, ...] = ()

    def resolve(self, m: Mention, *, continuing: bool = False) -> Person | None:
        """The person ``m`` refers to, a new one when none fits. ``continuing``: the statement
        goes on from the last speaker's (a continuing verb in the same paragraph, «در ادامه»).
        ``self.note`` says which of the looser links below was used ("" for none)."""
        self.note = ""
        if m.kind == "pronoun":
            if self.last is not None:
                self.last.mentions += 1
            return self.last
        person = None
        if self.isolated:
            if m.name:
                person = next((p for p in self.persons if p.name and same_name(p.name, m.name)), None)
            if person is None and not (m.office and m.generic):
                person = Person(start=m.start, end=m.end, rule=m.rule, order=len(self.persons))
                self.persons.append(person)
            if person is not None:
                person.absorb(m)
            self.last = person
            return person
        if m.name:
            person = next((p for p in self.persons if p.name and same_name(p.name, m.name)), None)
            if person is None and m.office:
                person = next((p for p in reversed(self.persons) if not p.name and _offices_compatible(p, m)), None)
            # «نماینده مجلس گفت: ...» then «مهدی عیسی زاده عضو کمیسیون اجتماعی مجلس ...»: the
            # first name given after an office-only speaker of the same kind, in the same body
            # («مجلس»), names that speaker.
            if person is None and m.office and self.last is not None and not self.last.name \
                    and self.last.role == m.role and m.role != "other" \
                    and _distinctive_words(self.last.office, m.place) & _distinctive_words(m.office, self.last.place) \
                    and not (self.last.place and m.place and _key(self.last.place) != _key(m.place)):
                person, self.note = self.last, "+names_office_speaker"
            if person is None and not m.office and self.last is not None:
                if not self.last.name:
                    person = self.last
                elif m.rule == "bare_name":
                    # A name said alone, never met before, while someone is speaking: news
                    # varies how it refers to the speaker («سرمربی تیم ...», «این مقام»), and a
                    # new speaker is introduced with an office or a title. Keep the speaker.
                    self.last.mentions += 1
                    return self.last
        elif m.office and m.generic:
            # «معاون گفت»: a generic office word alone names a person already met, or no one.
            person = next((p for p in reversed(self.persons) if p.role == m.role and p.name
                           and _WORD_RE.findall(fold(p.office))[:1] == _WORD_RE.findall(fold(m.office))[:1]), None)
            if person is None:
                return None
        elif m.office:
            person = next((p for p in reversed(self.persons) if _offices_compatible(p, m)), None)
            # «سردار میرفیضی ... گفت» then «فرمانده انتظامی استان قم گفت»: an office given
            # alone right after a person named without office is that person's office.
            if person is None and self.last is not None and self.last.name and not self.last.office:
                person = self.last
            # «محمد اسماعیلی، عضو کمیسیون ... مجلس» then «نماینده مردم زنجان»: a second office
            # of the same kind, given alone, is the last named person's other title.
            elif person is None and self.last is not None and self.last.name and self.last.role == m.role \
                    and m.role not in ("director", "other") \
                    and not (self.last.place and m.place and _key(self.last.place) != _key(m.place)):
                person, self.note = self.last, "+other_title"
            # «وی ادامه داد: ... معاون وزیر راه و شهرسازی افزود: ...»: an office never met,
            # given alone with a continuing verb right after the named speaker's statements, is
            # that speaker's other title.
            elif person is None and continuing and self.last is not None and self.last.name:
                person, self.note = self.last, "+continuing"
        if person is None:
            person = Person(start=m.start, end=m.end, rule=m.rule, order=len(self.persons))
            self.persons.append(person)
        person.absorb(m)
        self.last = person
        return person

    def known_names(self) -> tuple[str, ...]:
        """Names of the persons met so far (folded, full and surname), longest first. Asked
        for every sentence: rebuilt only when a person was added or their name changed."""
        key = tuple(p.name for p in self.persons)
        if key != self._names_key:
            self._names_key, self._names = key, self._build_known_names()
        return self._names

    def _build_known_names(self) -> tuple[str, ...]:
        names = set()
        for p in self.persons:
            if p.name:
                words = _WORD_RE.findall(fold(p.name))
                names.add(" ".join(words))
                if words and len(words[-1]) >= 3:
                    names.add(words[-1])
        return tuple(sorted(names, key=len, reverse=True))


# ---------------------------------------------------------------- the article


# «... سه بار دروازه‌اش باز شده است، اما ویدمار می‌گوید: ...»: narrative before a conjunction
# that opens the speaker's clause; «در پاسخ به سؤالی مبنی بر اینکه ...»: the reporter's question.
_CLAUSE_CONJUNCTION = re.compile(r"[،,]\s*(?:" + "|".join(map(re.escape, function_words("clause_conjunction"))) + r")(?!\S)")
_QUESTION_CLAUSE = re.compile(r"در\s*پاسخ\s*به\s*(?:این\s*)?(?:سوال|سئوال|سؤال|پرسش)")


def _narrow_lead(text: str, folded: str, op, mention: Mention | None, registry: _Registry) -> Mention | None:
    """Set ``op.reach_start``, where the words the statement's speaker owns begin, when a
    lead-in holds words that are not the speaker's: narrative before «اما»/«ولی» when a person
    is named after it (that person is the speaker, returned), or a reporter's question («در
    پاسخ به سؤالی ...»). Statistics there get no speaker from this statement (see
    :func:`speaker_for_spans`). Returns the speaker's mention."""
    conj = None
    for c in _CLAUSE_CONJUNCTION.finditer(folded, op.lead_start, op.lead_end):
        # «، ولی‌الله حیاتی»: «ولی» joined to the next word is a name, not «but».
        if c.end() < len(text) and text[c.end()] != ZWNJ and not folded.startswith("الله", _skip_spaces(folded, c.end(), op.lead_end)):
            conj = c
    if conj is not None and re.search(r"\d|" + LETTER, folded[op.lead_start:conj.start()]):
        if mention is not None and mention.start >= conj.end():
            later = [mention]
        else:
            later = find_mentions(text, conj.end(), op.lead_end, folded=folded, known_names=registry.known_names())
        if later:
            op.reach_start = _skip_spaces(folded, conj.start() + 1, op.lead_end)
            return later[0]
    if _QUESTION_CLAUSE.search(folded, op.lead_start, op.lead_end):
        op.reach_start = op.lead_end  # the question runs to the verb: only the statement is the speaker's
    return mention


def _speaker_mention(text: str, folded: str, op, registry: _Registry) -> Mention | None:
    mentions = find_mentions(text, op.lead_start, op.lead_end, folded=folded,
                             known_names=registry.known_names())
    return mentions[0] if mentions else None


def _narrative_spans(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of the text outside every quote (lead-ins included), title excluded."""
    folded = fold(text)
    out = []
    for index, p_start, p_end in paragraph_spans(text):
        if index == 0:
            continue
        cursor = p_start
        for e in _narrative_breaks(folded, p_start, p_end):
            s, cursor = cursor, e
            if e - s > 2 and not any(a <= s < b or a < e <= b for a, b in taken):
                out.append((s, e))
    return out


def _narrative_breaks(folded: str, p_start: int, p_end: int):
    """Where the sentences of a paragraph end: after each sentence mark or colon that is no
    abbreviation dot, and at the paragraph's end.

    The marks alone, not one regex with «|$»: an alternation with «$» makes the regex engine
    try every position instead of jumping to the next mark.
    """
    for m in NARRATIVE_BREAK.finditer(folded, p_start, p_end):
        if m.group() == "." and is_abbreviation_dot(folded, m.start()):
            continue
        yield m.end()
        if m.end() == p_end:
            return
    yield p_end


def find_speakers_and_quotes(text: str, *, article_id: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Speakers and quotes of one article's cleaned text.

    Returns ``(speakers, quotes)``.

    speakers: one row per person whose words the article reports, in order of first mention:
    article_id, speaker_id (``f"{article_id}#s1"``...), name (full name as best known, without
    honorific or office; the office when no name is ever given), surname, honorific, office,
    organisation, province, role (gold taxonomy, "other" when no office is known), mentions
    (explicit and pronoun references), start, end (span of the first mention), rule.

    quotes: one row per reported statement: article_id, quote_id, speaker_id ("" when the text
    names nobody), verb (as written; «:» for a headline, the marker for «به گفته»), stance,
    kind (direct | indirect | headline), text, start, end (``text[start:end]`` is the
    statement), paragraph (0-based line), sentence_start, sentence_end (lead-in included),
    rule (which verb, marker or pattern, and how the speaker was found).
    """
    speakers, quotes = speaker_quote_columns(text, article_id=article_id)
    return _frame(speakers, SPEAKER_COLUMNS), _frame(quotes, QUOTE_COLUMNS)


def speaker_quote_columns(text: str, *, article_id: str = "") -> tuple[Columns, Columns]:
    """The tables of :func:`find_speakers_and_quotes` as column lists ({column: values}).

    The export turns every table into plain lists anyway: building two DataFrames per article
    only to take them apart again cost more than finding the speakers' offices.
    """
    text = text if isinstance(text, str) else ""
    folded = fold(text)
    registry = _Registry()
    openings = find_openings(text, folded=folded)
    _remember_statements(text, openings)  # before the loop below moves any opening's start
    taken = [sentence_span(op) for op in openings]
    events = [(sentence_span(op)[0], 1, op) for op in openings]
    events += [(s, 0, (s, e)) for s, e in _narrative_spans(text, taken)]
    events.sort(key=lambda e: (e[0], e[1]))

    rows = []
    digest = _digest_items(text, folded)
    for _, is_quote, item in events:
        if digest and _paragraph_at(digest, item[0] if not is_quote else item.start) is not None:
            # A headline digest («- سخنگوی دولت خبر داد: ...»): every item stands alone, with
            # no one carried over from the item before, and offices alone name no one met.
            registry.last, registry.isolated = None, True
            if not is_quote:
                continue
        else:
            registry.isolated = False
        if not is_quote:
            s, e = item
            mentions = find_mentions(text, s, e, folded=folded, known_names=registry.known_names(), bare=False)
            if mentions and mentions[0].kind != "pronoun":
                registry.resolve(mentions[0])
            continue
        op = item
        if _outlet_lead(folded, op):
            continue  # «روزنامه ... نوشت: ...»: a publisher, not a person, is the source
        if op.split and not _split_speaker(text, folded, op, registry):
            continue  # «به گفته مسئولان ...»: no one named right after the marker
        mention = _speaker_mention(text, folded, op, registry)
        if registry.isolated and mention is not None and not _digest_name(mention):
            mention = None  # «- هیئت بررسی صندوق‌ها پاسخ داد»: words of a headline, no person
        if op.generic and mention is None:
            continue
        if op.rule.startswith("marker:") and (mention is None or mention.rule == "bare_name"):
            continue  # «به عقیده کارشناسان، ...»: the marker names no one the article quotes
        if op.strict and not _names_speaker(mention):
            continue  # a verb with no colon after a lead-in that names no one: narrative
        if op.rule.startswith("object:") and mention is None and not _only_stopwords(folded, op):
            continue  # «این طرح از ... خبر داد»: the subject is a thing, not the last speaker
        mention = _narrow_lead(text, folded, op, mention, registry)
        if mention is not None:
            continuing = op.stance == "continuing" and bool(rows) and rows[-1][1] is registry.last \
                and (rows[-1][0].paragraph == op.paragraph or "در ادامه" in folded[op.lead_start:op.lead_end])
            person = registry.resolve(mention, continuing=continuing)
            how = (mention.rule or mention.kind) + registry.note
            if person is None and mention.generic:
                how = "generic_office"
        elif _unnamed_source(folded, op):
            person, how = None, "unnamed_source"
            registry.last = None  # «وی» after «یک منبع ... گفت» is that source
        else:
            person, how = registry.last, "omitted_subject"
        if person is not None:
            if not person.speaks:
                person.speaks, person.first_speech = True, op.start
        rows.append((op, person, how))

    rows += _digest_headlines(text, folded, digest, registry, rows)
    registry.isolated = False
    rows = _interview_answers(text, folded, registry, rows)
    headline = _headline_quote(text, folded, registry)
    if headline is not None:
        rows.insert(0, headline)
    return _columns(text, article_id, registry, rows)


_LIST_ITEM = re.compile(r"\s*[-–•]\s*\S")


def _digest_items(text: str, folded: str) -> list[tuple[int, int]]:
    """Spans of the list items of a headline digest (a press review: «* Outlet» then
    «- headline» lines): list-item lines, when there are five or more and they make up half of
    the article's non-empty lines; [] for any other article."""
    spans = paragraph_spans(text)
    lines = [(s, e) for _, s, e in spans[1:] if folded[s:e].strip()]
    items = [(s, e) for s, e in lines if _LIST_ITEM.match(folded, s, e)]
    if len(items) >= 5 and len(items) * 2 >= len(lines):
        return items
    return []


def _digest_name(mention: Mention) -> bool:
    """True when a mention in a digest item can name a person: a title or an office, or a
    name alone that opens with a known first name or is one written word («شیرکوند»,
    «رمضان‌زاده»); a headline's opening words («هیئت بررسی صندوق‌ها») are no name."""
    if mention.rule != "bare_name" or mention.office:
        return True
    words = mention.name.split()
    return looks_like_person_name(mention.name) or (len(words) == 1 and fold(words[0]) not in _not_names())


# An item's lead-in may go on after the speaker with where or how they spoke: «خاتمی در مراسم
# ...: », «وزیر مسکن در واکنش به ...: ».
_DIGEST_LEAD_REST = re.compile(r"\s*(?:در|با)(?!\S)")


def _digest_headlines(text: str, folded: str, digest: list[tuple[int, int]], registry: _Registry,
                      rows: list) -> list:
    """Items of a headline digest in the form of a headline, «- Person: statement», read as
    headlines (rule ``digest_headline``): the part before the item's first colon, within 80
    characters, names one person (see :func:`_digest_name`), alone or followed by «در»/«با» and
    where they spoke. Items holding a statement already are left as they are."""
    if not digest:
        return []
    quoted = {op.paragraph for op, _, _ in rows}
    index_of = {s: i for i, s, _ in paragraph_spans(text)}
    out = []
    registry.isolated = True
    for s, e in digest:
        index = index_of.get(s)
        colon = re.compile(r"[:：]").search(folded, s, min(e, s + 80))
        if index is None or index in quoted or colon is None:
            continue
        lead = _past_list_mark(folded, _skip_spaces(folded, sentence_start_before(folded, colon.start(), s), e), e)
        mentions = find_mentions(text, lead, colon.start(), folded=folded, known_names=registry.known_names())
        if not mentions or mentions[0].start != lead or mentions[0].kind == "pronoun" \
                or mentions[0].generic or not _digest_name(mentions[0]):
            continue
        m = mentions[0]
        if folded[m.end:colon.start()].strip(" ،,") and not _DIGEST_LEAD_REST.match(folded, m.end, colon.start()):
            continue
        a, b = _strip_span_text(text, colon.end(), e)
        if b - a < 3:
            continue
        registry.last = None
        person = registry.resolve(m)
        if person is None:
            continue
        if not person.speaks:
            person.speaks, person.first_speech = True, a
        op = Opening("headline", ":", "neutral", lead, colon.start(), a, b, index, "digest_headline")
        out.append((op, person, m.rule or m.kind))
    return out


def _paragraph_at(items: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for s, e in items:
        if s <= pos < e:
            return s, e
    return None


# A line that opens with a short label and a colon: «فارس: ...», «واحدی: ...».
_LABEL = re.compile(r"\s*[*•\-–]?\s*(?P<label>[^:：\n.!?؟،,«»]{2,30}?)\s*[:：]")
_QUESTION_END = re.compile(r"[؟?]\s*[»\"]?\s*$")
_SUBHEADING = re.compile(r"\s*[*•■]")
# How a question opens in an interview: a bullet («*سؤال؟», «- سؤال؟») or a label («فارس: ...؟»).
_QUESTION_MARK = re.compile(r"\s*[*•■\-–]")
_SENTENCE_FINAL = re.compile(r"[.!?؟…»]\s*$")


def _interview_answers(text: str, folded: str, registry: _Registry, rows: list) -> list:
    """Question-and-answer interviews: the answers get the interviewee as speaker.

    An article is an interview when two paragraphs or more are questions (they open with a
    bullet or a label, end with «؟» and hold no statement found so far). The paragraphs after a
    question, up to the next question or a subheading («* ...», or a short line with no full
    stop), are its answer. An answer opening with a label
    («واحدی: ...») is said by the person the label names; otherwise by the interviewee, the
    person quoted most before the first question (the first of them on a tie). Answer
    paragraphs with no statement become one ``direct`` statement each (rule «interview»);
    statements there whose speaker was only the last one met (omitted subject) move to the
    interviewee. Question paragraphs keep no speaker.
    """
    spans = paragraph_spans(text)
    quoted_paragraphs = {op.paragraph for op, _, _ in rows}
    questions = []
    for index, p_start, p_end in spans[1:]:
        line = folded[p_start:p_end]
        if index not in quoted_paragraphs and _QUESTION_END.search(line) and len(line) < 600 \
                and (_QUESTION_MARK.match(line) or _LABEL.match(line)):
            questions.append(index)
    if len(questions) < 2:
        return rows
    first_q = questions[0]
    counts: dict[int, list] = {}
    for op, person, _ in rows:
        if person is not None and op.paragraph < first_q:
            entry = counts.setdefault(id(person), [0, -op.start, person])
            entry[0] += 1
    if not counts:
        return rows
    interviewee = max(counts.values(), key=lambda e: (e[0], e[1]))[2]
    question_set = set(questions)
    # «*سؤال؟» interviews: every bulleted sentence is a question, even with no «؟» («*خب!»);
    # a bulleted title with no final mark stays a subheading.
    bulleted = sum(1 for i in questions if _QUESTION_MARK.match(folded[spans[i][1]:spans[i][2]])) * 2 > len(questions)
    by_paragraph: dict[int, list[int]] = {}
    for i, (op, _, _) in enumerate(rows):
        by_paragraph.setdefault(op.paragraph, []).append(i)
    rows = list(rows)
    answering = False
    label_person = None
    for index, p_start, p_end in spans[first_q:]:
        if index in question_set or (bulleted and _QUESTION_MARK.match(folded[p_start:p_end])
                                     and _SENTENCE_FINAL.search(folded[p_start:p_end])):
            answering, label_person = True, None
            continue
        line = folded[p_start:p_end]
        if not answering or not line.strip():
            continue
        if _SUBHEADING.match(line) or (len(line.strip()) < 90 and not _SENTENCE_FINAL.search(line)):
            answering = False  # «* از تمرین‌ها», a short title with no full stop: a subheading
            continue
        start, label_end, how = p_start, p_start, "interviewee"
        label = _LABEL.match(folded, p_start, p_end)
        if label:
            mentions = find_mentions(text, label.start("label"), label.end("label"),
                                     folded=folded, known_names=registry.known_names())
            person = None
            if mentions and mentions[0].kind != "pronoun":
                m = mentions[0]
                if m.kind == "name" and not m.office and not interviewee.name \
                        and not any(p.name and same_name(p.name, m.name) for p in registry.persons):
                    person = interviewee  # «واحدی: ...» names the office-only interviewee
                    person.absorb(m)
                else:
                    person = registry.resolve(m)
            if person is not None:
                label_person, label_end, start, how = person, label.end(), label.end(), "label"
        speaker = label_person or interviewee
        existing = by_paragraph.get(index, [])
        for i in existing:
            op, person, old = rows[i]
            if old == "omitted_subject" and person is not speaker:
                rows[i] = (op, speaker, f"interview_{how}")
        if existing:
            continue
        a, b = _strip_span_text(text, start, p_end)
        if b - a < 3:
            continue
        op = Opening("direct", "", "neutral", p_start, label_end, a, b, index, "interview")
        speaker.speaks = True
        rows.append((op, speaker, f"interview_{how}"))
    return rows


def _strip_span_text(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == ZWNJ):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ZWNJ):
        end -= 1
    return start, end


_OUTLET_DASH = re.compile(r"[^\n:،,.«»]{0,30}?[-–—]")


def _outlet_prefix_end(folded: str, pos: int, end: int) -> int:
    """After «خبرگزاری فارس-» at ``pos`` (an outlet and a dash opening a lead), else ``pos``."""
    m = _outlet_regex().match(folded, pos, end)
    if not m:
        return pos
    dash = _OUTLET_DASH.match(folded, m.end(), end)
    return dash.end() if dash else pos


def _split_speaker(text: str, folded: str, op, registry: _Registry) -> bool:
    """«به گفته وی ۲۰ نفر ...»: move the mention right after the marker from the statement to
    the lead-in. Returns False (the opening names no one) when no mention starts there."""
    first = _skip_spaces(folded, op.start, op.end)
    mentions = find_mentions(text, first, op.end, folded=folded, known_names=registry.known_names())
    if not mentions or mentions[0].start != first or mentions[0].rule == "bare_name":
        return False
    after = _skip_spaces(folded, mentions[0].end, op.end)
    if after >= op.end:
        return False
    op.lead_start, op.lead_end, op.start = first, mentions[0].end, after
    return True


def _outlet_lead(folded: str, op) -> bool:
    """True when a statement's lead-in opens with a publisher («روزنامه ...», «رویترز»,
    «این روزنامه»), after any «به گزارش ...،»."""
    begin = report_prefix_end(folded, op.lead_start, op.lead_end)
    if _outlet_prefix_end(folded, begin, op.lead_end) != begin:
        return False  # «خبرگزاری فارس- بهرام سبحانی گفت»: the outlet is a dateline
    m = re.compile(r"\s*(?:(?:این|یک)\s+)?").match(folded, begin, op.lead_end)
    return bool(_outlet_regex().match(folded, m.end() if m else begin, op.lead_end))


def _names_speaker(mention: Mention | None) -> bool:
    """True when a mention names someone by title, office, pronoun or an earlier name, or by
    a name that starts with a known first name; words alone at the start of a lead-in may be
    any noun («کمیته انضباطی»)."""
    if mention is None:
        return False
    return not (mention.rule == "bare_name" and not mention.office and not looks_like_person_name(mention.name))


@lru_cache(maxsize=None)
def _unnamed_regex() -> re.Pattern:
    entries = sorted(load_list("speaker_unnamed"), key=len, reverse=True)
    return re.compile(r"\s*" + bounded("|".join(entry_regex(e) for e in entries)))


def _unnamed_source(folded: str, op) -> bool:
    """True when a lead-in opens with an unnamed source («یک منبع در سازمان ملل گفت که»,
    ``speaker_unnamed.txt``)."""
    begin = _outlet_prefix_end(folded, report_prefix_end(folded, op.lead_start, op.lead_end), op.lead_end)
    return bool(_unnamed_regex().match(folded, begin, op.lead_end))


def _only_stopwords(folded: str, op) -> bool:
    """True when the lead-in before an object statement holds only stopwords that name no
    thing («همچنین از», not «این گزارش از»)."""
    begin = report_prefix_end(folded, op.lead_start, op.lead_end)
    return all(_is_stop(w) and w not in _not_names() for w in _WORD_RE.findall(folded[begin:op.lead_end]))


def _headline_quote(text: str, folded: str, registry: _Registry):
    """The title «Person: statement», when the part before the colon is one mention."""
    spans = paragraph_spans(text)
    if not spans:
        return None
    _, p_start, p_end = spans[0]
    op = headline_opening(text, folded, p_start, p_end)
    if op is None or _outlet_regex().match(folded, op.lead_start, op.lead_end):
        return None
    mentions = find_mentions(text, op.lead_start, op.lead_end, folded=folded,
                             known_names=registry.known_names())
    if len(mentions) != 1 or mentions[0].kind == "pronoun":
        return None
    m = mentions[0]
    rest = folded[m.end:op.lead_end].strip(" ،,")
    if rest or folded[op.lead_start:m.start].strip():
        return None
    if m.kind == "name" and not any(p.name and same_name(p.name, m.name) for p in registry.persons if p.speaks):
        return None
    person = registry.resolve(m)
    if person is None:
        return None
    person.speaks = True
    person.start, person.end, person.first_speech = m.start, m.end, op.start
    return (op, person, f"headline+{m.rule or m.kind}")


def _surname(name: str) -> str:
    words = name.split()
    if len(words) >= 2 and len(_key(words[-1])) <= 3:
        return " ".join(words[-2:])
    return words[-1] if words else ""


def _columns(text: str, article_id: str, registry: _Registry, rows) -> tuple[Columns, Columns]:
    """The speakers and quotes tables of an article as column lists."""
    quoted = {id(person) for _, person, _ in rows if person is not None}
    speakers = [p for p in registry.persons if p.speaks and id(p) in quoted]
    speakers.sort(key=lambda p: min(p.start, p.first_speech))
    ids = {id(p): f"{article_id}#s{i}" for i, p in enumerate(speakers, start=1)}
    sp_rows = []
    for p in speakers:
        name = p.name or p.office
        sp_rows.append({
            "article_id": article_id, "speaker_id": ids[id(p)], "name": name,
            "surname": _surname(p.name) if p.name else "", "honorific": p.honorific,
            "office": p.office, "organisation": p.organisation, "province": p.province,
            "role": p.role or "other", "mentions": max(p.mentions, 1), "start": p.start,
            "end": p.end, "rule": p.rule,
        })
    q_rows = []
    for i, (op, person, how) in enumerate(sorted(rows, key=lambda r: r[0].start), start=1):
        s_start, s_end = sentence_span(op)
        if op.reach_start is not None:
            s_start = max(s_start, min(op.reach_start, op.start))
        q_rows.append({
            "article_id": article_id, "quote_id": f"{article_id}#q{i}",
            "speaker_id": ids.get(id(person), "") if person is not None else "",
            "verb": op.verb, "stance": op.stance, "kind": op.kind, "text": text[op.start:op.end],
            "start": op.start, "end": op.end, "paragraph": op.paragraph,
            "sentence_start": s_start, "sentence_end": s_end, "rule": f"{op.rule}|{how}",
        })
    return _as_columns(sp_rows, SPEAKER_COLUMNS), _as_columns(q_rows, QUOTE_COLUMNS)


def _as_columns(rows: list[dict], columns: list[str]) -> Columns:
    return {name: [row[name] for row in rows] for name in columns}


def _frame(table: Columns, columns: list[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns)`` of the rows ``table`` holds, built from its
    column lists (much faster per article)."""
    if not table[columns[0]]:
        return pd.DataFrame([], columns=columns)
    return pd.DataFrame(table, columns=columns)


# ---------------------------------------------------------------- events, statistics


@lru_cache(maxsize=None)
def _event_patterns() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(regex, event label, the word every match opens with, as written) per events.tsv row,
    longest first."""
    rows = sorted(load_table("events"), key=lambda r: -len(r["pattern"]))
    return tuple((re.compile(bounded(entry_regex(r["pattern"]))), r["event"], _first_word(r["pattern"]))
                 for r in rows)


def _first_word(entry: str) -> str:
    """The first word of a lexicon entry, folded: :func:`entry_regex` matches it literally."""
    for part in fold(entry).split("…"):
        if part.split():
            return part.split()[0]
    return ""


@lru_cache(maxsize=None)
def _audience_regex() -> re.Pattern:
    entries = sorted(load_list("audiences"), key=len, reverse=True)
    return re.compile(bounded("|".join(entry_regex(e) for e in entries)))


# The export finds an article's speakers, then its event: both need the statements of the same
# text. (text, statement spans) of the last article read, so the event does not look for them again.
_last_statements: tuple[str, list[tuple[int, int]]] = ("", [])


def _remember_statements(text: str, openings: list[Opening]) -> None:
    global _last_statements
    _last_statements = (text, [(op.start, op.end) for op in openings])


def _statement_spans(text: str, folded: str) -> list[tuple[int, int]]:
    """(start, end) of every statement :func:`find_openings` finds in ``text``."""
    last_text, spans = _last_statements  # one read: another thread may replace it meanwhile
    if last_text is text or (len(last_text) == len(text) and last_text == text):
        return spans
    return [(op.start, op.end) for op in find_openings(text, folded=folded)]


def _matches_from_word(regex: re.Pattern, word: str, folded: str):
    """``regex.finditer(folded)`` for a regex whose every match opens with ``word`` as written.

    The regex is tried only where ``word`` stands: a :func:`bounded` regex opens with a
    lookbehind, so the regex engine would try it at every position of the text, which cost
    more than all else :func:`article_event` does.
    """
    if not word:
        yield from regex.finditer(folded)
        return
    pos = folded.find(word)
    while pos >= 0:
        m = regex.match(folded, pos)
        if m:
            yield m
            pos = folded.find(word, m.end())
        else:
            pos = folded.find(word, pos + 1)


def article_event(text: str) -> dict:
    """The event at which the article's officials spoke and the audience, where stated.

    Returns ``{"event": label from events.tsv, "audience": the groups addressed, joined by
    «، »}``; each "" when the text does not say. The event is the first one the text names
    outside a statement's words, preferring one introduced by «در»; the audience is the groups
    named within a few words after the event, or after «در جمع» / «خطاب به».
    """
    text = text if isinstance(text, str) else ""
    folded = fold(text)
    statements = _statement_spans(text, folded)

    def outside(pos: int) -> bool:
        return not any(a <= pos < b for a, b in statements)

    best = None
    for regex, label, literal in _event_patterns():
        for m in _matches_from_word(regex, literal, folded):
            if not outside(m.start()):
                continue
            after_dar = bool(re.search(r"(?<!\S)در\s*$", folded[max(0, m.start() - 6):m.start()]))
            key = (not after_dar, m.start())
            if best is None or key < best[0]:
                best = (key, label, m.end())
            break
    event, audience = "", ""
    if best is not None:
        event = best[1]
        window = folded[best[2]:best[2] + 80]
        window = re.split(r"[.:؛،](?!\d)", window)[0]
        audience = "، ".join(dict.fromkeys(a.group().strip() for a in _audience_regex().finditer(window)))
    if not audience:
        m = re.compile(r"(?:در\s*جمع|خطاب\s*به)\s*").search(folded)
        if m:
            a = _audience_regex().match(folded, m.end())
            if a:
                audience = text[a.start():a.end()].strip()
    return {"event": event, "audience": audience}


def speaker_for_spans(spans: pd.DataFrame, quotes: pd.DataFrame) -> pd.Series:
    """The speaker_id of the statement whose sentence holds each span ("" when none).

    ``spans`` has article_id, start, end (e.g. statistics). A span belongs to the narrowest
    quote of its article with sentence_start <= start and end <= sentence_end (the statement's
    own span counts too). Returns a Series of speaker ids with the index of ``spans``.
    """
    out = pd.Series("", index=spans.index, dtype=object)
    if quotes is None or quotes.empty or spans.empty:
        return out
    quote_columns = {c: quotes[c].tolist() for c in _REACH_COLUMNS}
    values = speaker_ids_for_spans(spans["article_id"].tolist(), spans["start"].tolist(),
                                   spans["end"].tolist(), quote_columns)
    return pd.Series(values, index=spans.index, dtype=object)


_REACH_COLUMNS = ("article_id", "sentence_start", "start", "sentence_end", "end", "speaker_id")


def speaker_ids_for_spans(article_ids: list, starts: list, ends: list, quotes: Columns) -> list:
    """:func:`speaker_for_spans` over column lists: the speaker id of each span ("" when none),
    ``quotes`` being the columns of the quotes table (:func:`speaker_quote_columns`)."""
    # Plain Python over the columns: this runs once per article, where pandas' per-call
    # overhead dominated. Each quote's reach is (min(sentence_start, start), max(sentence_end, end)).
    by_article: dict = {}
    for aid, s_start, start, s_end, end, speaker in zip(*(quotes[c] for c in _REACH_COLUMNS)):
        if _missing(aid):
            continue
        by_article.setdefault(aid, []).append((_nan_min(s_start, start), _nan_max(s_end, end), speaker))
    values = []
    for aid, start, end in zip(article_ids, starts, ends):
        best = None
        for lo, hi, speaker in by_article.get(aid, ()) if not _missing(aid) else ():
            if lo <= start and end <= hi and (best is None or hi - lo < best[0]):
                best = (hi - lo, speaker)
        values.append("" if best is None else (best[1] or ""))
    return values


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _nan_min(a, b):
    """min() skipping NaN, as pandas' row-wise min does (NaN when both are missing)."""
    return b if _missing(a) else a if _missing(b) else min(a, b)


def _nan_max(a, b):
    return b if _missing(a) else a if _missing(b) else max(a, b)
