"""Officials across a corpus: every per-article speaker linked to one person, followed over time.

The speakers table has one row per person *per article*. :func:`link_speakers` links each row
to a person of the whole corpus and records the rule that made the link; :func:`people_table`
gives one row per person. Names and offices are compared by the keys of
:mod:`helpers.people_names` (spacing, ZWNJ, Arabic letters and honorifics never tell two names
apart). The rules, in the order they are tried:

``full_name+office``
    The same first name and surname, and offices related (sharing a distinctive word, see
    :func:`helpers.people_names.offices_related`). One full name whose offices fall into
    unrelated groups is kept as that many persons, unless one group is the main one (below).
``full_name``
    The same full name, no office given (or one with no distinctive word: «وزیر»), and at
    most one group of offices for the name.
``full_name+main_office``
    The same full name, and one group of offices holds at least twice as many of the name's
    articles as any other: mentions without an office and the other groups join it, except a
    group naming a province the main one does not (a different province is a different
    person: «عباس موسوی», head of Mazandaran's medical university, is not the spokesman).
``surname+office`` / ``surname+main_office``
    A surname alone and the same office (same head word and a distinctive word shared, see
    :func:`helpers.people_names.same_office`) as exactly one person whose full name ends
    with that surname; or, when no full name ends with it, as other mentions of the surname
    (grouped as full names are).
``surname_unique``
    A surname alone, no office, and one full name in the corpus ending with it (names that
    open with no known first name, such as «خروج قالیباف», yield to those that do).
``surname``
    A surname alone, no office, no full name ending with it, and at most one group of
    offices among the other mentions of that surname.
``office_named``
    An office alone («وزیر بهداشت گفت») whose holder (a person named with it in two articles
    at least) the article's text names; among several named, the one whose tenure covers the
    publication date.
``office_at_date``
    An office alone, no holder named in the article: the one holder whose tenure in the
    corpus (first to last publication date of their articles with it) covers the article's
    publication date.

Left unlinked (``person_id`` ""), with the reason as ``link_rule``: ``surname_conflict`` (a
surname that fits several persons), ``office_conflict`` (several holders at that date),
``office_unknown`` (no holder known at that date), ``office_other_year`` (the office's
paragraph dates itself to another year: «23 بهمن 1391، رییس‌کل بانک مرکزی ...»),
``office_names_another`` (the office follows another person's name: «ولی‌الله سیف رئیس‌کل
...», «نانسی پلوسی، رییس مجلس ...»), ``office_abroad`` (the text writes the office with a
foreign country: «وزیر بهداشت کویت», lexicon ``people_foreign_places.txt``),
``office_undated`` (the article has no publication date), ``office_generic`` (an office that
names no particular post: «فرماندار» alone), ``no_name`` (neither name nor office). The
article checks need the articles table's ``text`` and the speakers' ``start``; without them
they are skipped.

Only the corpus's own publication date (``articles.published``) is used: a date a text
mentions is never taken for it; articles without one give persons without dates.

Lexicons read here (``LEXICONS``): ``people_foreign_places.txt``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

import pandas as pd

from .chars import digits_to_latin
from .lexicons import load_list
from .people_names import (
    distinctive_words,
    ends_with_name,
    first_names,
    folded_words,
    name_key,
    name_words,
    office_key,
    office_provinces,
    office_spelling,
    offices_related,
    person_key_id,
    same_office,
)

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("people_foreign_places",)

LINK_COLUMNS = ["article_id", "speaker_id", "person_id", "link_rule"]
PEOPLE_COLUMNS = [
    "person_id", "name", "name_variants", "honorifics", "office", "offices", "roles", "provinces",
    "first_published", "last_published", "articles", "quotes", "statistics", "link_rules",
]
OFFICE_COLUMNS = ["person_id", "name", "office", "office_key", "first_published", "last_published", "articles"]
UNLINKED_RULES = ("surname_conflict", "office_conflict", "office_unknown", "office_other_year",
                  "office_names_another", "office_abroad", "office_undated", "office_generic", "no_name")
# Separates the values of a list held in one cell (name variants, roles...).
LIST_SEPARATOR = "؛ "


class _Mention:
    """One speaker row, reduced to what linking compares."""

    __slots__ = ("row", "words", "key", "office", "date", "surname_only", "start", "person", "rule")

    def __init__(self, row: int, words: tuple[str, ...], office: str, date: str, *, surname_only: bool):
        self.row, self.words, self.key, self.office, self.date = row, words, name_key(words), office, date
        # A surname alone, however many words ZWNJ or spaces make of it («قلعه‌نویی»).
        self.surname_only = surname_only or len(words) == 1
        self.start = -1  # where the speaker is first named in the article's text, when known
        self.person: _Person | None = None
        self.rule = ""


class _Person:
    """A group of mentions taken as one person while linking."""

    __slots__ = ("words", "mentions", "offices")

    def __init__(self, words: tuple[str, ...]):
        self.words, self.mentions, self.offices = words, [], set()

    def add(self, mention: _Mention, rule: str) -> None:
        mention.person, mention.rule = self, rule
        self.mentions.append(mention)
        if mention.office:
            self.offices.add(mention.office)


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    """A column's values as text, a missing value as ""."""
    if name not in frame.columns:
        return [""] * len(frame)
    values = frame[name].tolist()
    if set(map(type, values)) <= {str}:  # text already, as the export's tables are: no conversion
        return values
    return frame[name].astype("string").fillna("").astype(str).tolist()


def _publication_dates(speakers: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Each speaker's article's own publication date (Jalali ISO), "" when the corpus gives none."""
    if "published" not in articles.columns:
        return [""] * len(speakers)
    dates = dict(zip(_column(articles, "article_id"), _column(articles, "published")))
    return [dates.get(article, "") for article in _column(speakers, "article_id")]


def _check_columns(frame: pd.DataFrame, columns: list[str], table: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{table} table lacks column(s) {', '.join(missing)}; it needs {', '.join(columns)}")


def _office_groups(offices: set[str], related) -> list[set[str]]:
    """Office keys joined into groups where ``related`` holds between neighbours (connected parts)."""
    parent = {office: office for office in offices}

    def root(office: str) -> str:
        while parent[office] != office:
            parent[office] = parent[parent[office]]
            office = parent[office]
        return office

    ordered = sorted(offices)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if related(a, b):
                parent[root(a)] = root(b)
    groups: dict[str, set[str]] = defaultdict(set)
    for office in ordered:
        groups[root(office)].add(office)
    return sorted(groups.values(), key=min)


def _split_by_office(mentions: list[_Mention], related, *, rule: str) -> list[_Person]:
    """Mentions of one name as persons: one per group of related offices.

    When one group holds at least twice as many of the name's articles as any other (the
    main one), mentions without an office and the other groups join it, except a group that
    names a province the main group does not («رئیس دانشگاه علوم پزشکی مازندران»): a
    different province is a different person. Otherwise mentions without an office are left
    unlinked (``surname_conflict``).
    """
    # An office with no distinctive word («وزیر», «سخنگوی وزارت») cannot tell persons apart.
    with_office = [m for m in mentions if distinctive_words(m.office)]
    groups = _office_groups({m.office for m in with_office}, related)
    group_of = {office: i for i, group in enumerate(groups) for office in group}
    sizes = Counter(group_of[m.office] for m in with_office)
    main, size = sizes.most_common(1)[0] if sizes else (0, 0)
    second = sizes.most_common(2)[1][1] if len(sizes) > 1 else 0
    has_main = len(groups) <= 1 or size >= 2 * second
    main_provinces = frozenset().union(*(office_provinces(o) for o in groups[main])) if groups else frozenset()
    persons = [_Person(mentions[0].words) for _ in groups] or [_Person(mentions[0].words)]
    for m in with_office:
        group = group_of[m.office]
        if group == main or not has_main or office_provinces(m.office) - main_provinces:
            persons[group].add(m, f"{rule}+office")
        else:
            persons[main].add(m, f"{rule}+main_office")
    for m in mentions:
        if not distinctive_words(m.office):
            if has_main:
                persons[main].add(m, rule if len(groups) <= 1 else f"{rule}+main_office")
            else:
                m.rule = "surname_conflict"
    return [p for p in persons if p.mentions]


def _dominant(candidates: list[_Person]) -> _Person | None:
    """The candidate with more than half of all the candidates' mentions, if one has."""
    total = sum(len(p.mentions) for p in candidates)
    best = max(candidates, key=lambda p: len(p.mentions))
    return best if len(best.mentions) * 2 > total else None


def _has_first_name(words: tuple[str, ...]) -> bool:
    """True when a name opens with a known first name, alone or joined to another («محمدباقر»)."""
    return _opens_with_first_name(words[0]) if words else False


@lru_cache(maxsize=65536)
def _opens_with_first_name(word: str) -> bool:
    return word in first_names() or any(word.startswith(name) for name in first_names() if len(name) > 2)


def _one_name(candidates: list[_Person]) -> _Person | None:
    """The person a surname alone names when the corpus knows one full name ending with it.

    Full names that open with no known first name («خروج قالیباف»: a word caught before the
    surname) yield to those that do. A name kept apart as several persons (by office) gives
    the one with most mentions.
    """
    names = {name_key(p.words) for p in candidates}
    if len(names) > 1:
        candidates = [p for p in candidates if _has_first_name(p.words)]
        names = {name_key(p.words) for p in candidates}
    if len(names) != 1:
        return None
    return max(candidates, key=lambda p: (len(p.mentions), sorted(p.offices)))


def _link_surnames(surnames: list[_Mention], full_persons: list[_Person]) -> list[_Person]:
    """Link mentions by surname alone to full-name persons, or group them; return the new persons."""
    by_tail: dict[str, list[_Person]] = defaultdict(list)
    for person in full_persons:
        for start in range(1, len(person.words)):
            by_tail[name_key(person.words[start:])].append(person)
    leftovers: dict[str, list[_Mention]] = defaultdict(list)
    for m in surnames:
        candidates = [p for p in by_tail.get(m.key, ()) if ends_with_name(p.words, m.words)]
        if not candidates:
            leftovers[m.key].append(m)
        elif m.office:
            fitting = [p for p in candidates if any(same_office(m.office, o) for o in p.offices)]
            if len(fitting) == 1:
                fitting[0].add(m, "surname+office")
            elif fitting and _dominant(fitting):
                _dominant(fitting).add(m, "surname+office")
            elif fitting:
                m.rule = "surname_conflict"
            else:  # the surname's full-name persons hold other offices: kept apart from them
                leftovers[m.key].append(m)
        elif _one_name(candidates):
            _one_name(candidates).add(m, "surname_unique")
        else:
            m.rule = "surname_conflict"
    persons = []
    for key in sorted(leftovers):
        persons.extend(_split_by_office(leftovers[key], same_office, rule="surname"))
    return persons


def _link_offices(offices_only: list[_Mention], persons: list[_Person], texts) -> None:
    """Link mentions of an office alone to a person who held it (see the module's rules).

    ``texts``: a function from a speaker's row to its article's text, or ``None`` (no text).
    """
    tenures: dict[str, list[tuple[str, str, _Person]]] = defaultdict(list)
    for person in persons:
        dates: dict[str, list[str]] = defaultdict(list)
        for m in person.mentions:
            if m.office:
                dates[m.office].append(m.date)
        for office, held in dates.items():
            # A holder is named with the office twice at least: once is no tenure.
            if len(held) >= 2:
                dated = [d for d in held if d]
                tenures[office].append((min(dated, default=""), max(dated, default=""), person))
    for m in offices_only:
        if not m.office:
            m.rule = "no_name"
            continue
        if not distinctive_words(m.office):
            m.rule = "office_generic"
            continue
        text = texts(m.row) if texts is not None else ""
        held = tenures.get(m.office, [])
        covering = [p for first, last, p in held if m.date and first and first <= m.date <= last]
        named = [(first, last, p) for first, last, p in held if text and _names_person(text, p.words, m.office)]
        if texts is not None and m.start >= 0 and _other_year(text, m.start, m.date):
            m.rule = "office_other_year"
        elif texts is not None and m.start >= 0 and _named_before(text, m.start, named):
            m.rule = "office_names_another"
        elif named:  # the article names a holder: the text says who, dates only choose among them
            dated = [p for first, last, p in named if m.date and first and first <= m.date <= last]
            if len(named) == 1 or len(dated) == 1:
                (dated or [named[0][2]])[0].add(m, "office_named")
            else:
                m.rule = "office_conflict"
        elif texts is not None and _office_abroad(m.office, text):
            m.rule = "office_abroad"
        elif not m.date:
            m.rule = "office_undated"
        elif len(covering) == 1:
            covering[0].add(m, "office_at_date")
        else:
            m.rule = "office_conflict" if covering else "office_unknown"


@lru_cache(maxsize=1)
def _foreign_places() -> tuple[str, ...]:
    """The foreign places, folded, each with the space that ends it: what may follow an office."""
    return tuple(" ".join(folded_words(place)) + " " for place in load_list("people_foreign_places"))


# Small caches: an article's office-only speakers come one after another.
@lru_cache(maxsize=64)
def _folded_line(text: str) -> str:
    """An article's text folded, its words joined by single spaces."""
    return " ".join(folded_words(text))


def _office_abroad(office: str, text: str) -> bool:
    """True when the text writes the office followed by a foreign country («وزیر بهداشت کویت»).

    Only the text around each use of the office's last word is rewritten to office spelling.
    """
    folded, last = _folded_line(text), office.rsplit(" ", 1)[-1]
    written = f" {office} "
    position = folded.find(last)
    while position >= 0:
        window = f" {office_spelling(folded[max(0, position - 80):position + 80])} "
        # each place the office is written at, followed by a foreign place (one C call for all)
        at = window.find(written)
        while at >= 0:
            if window.startswith(_foreign_places(), at + len(written)):
                return True
            at = window.find(written, at + 1)
        position = folded.find(last, position + len(last))
    return False


_YEAR = re.compile(r"(?<![0-9۰-۹٠-٩])([1۱١][3۳٣4۴٤][0-9۰-۹٠-٩]{2})(?![0-9۰-۹٠-٩])")


def _other_year(text: str, start: int, published: str) -> bool:
    """True when the office's paragraph dates itself to a Jalali year other than the publication's
    («23 بهمن 1391، رییس‌کل بانک مرکزی ...»: a «this day in history» item)."""
    if not published[:4].isdigit():
        return False
    begin, end = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    years = {int(digits_to_latin(y)) for y in _YEAR.findall(text[begin:end if end >= 0 else len(text)])}
    year = int(published[:4])
    return bool(years) and not years & {year, year - 1}


def _named_before(text: str, start: int, holders: list[tuple[str, str, _Person]]) -> bool:
    """True when the office follows another person's name: a first name among the words right
    before it («ولی‌الله سیف رئیس‌کل ...»), or a name and a comma («نانسی پلوسی، رییس مجلس
    ...») that is none of ``holders``' surnames. Such an office is that person's."""
    before = text[max(0, start - 40):start]
    words = folded_words(before)[-3:]
    pairs = [" ".join(words[i:i + 2]) for i in range(len(words) - 1)]
    if words and any(p.words and p.words[-1] == words[-1] for _, _, p in holders):
        return False  # the holder's own name: «علی لاریجانی رئیس مجلس»
    if any(word in first_names() for word in words + pairs):
        return True
    return before.rstrip().endswith(("،", ",")) and bool(words)


@lru_cache(maxsize=64)
def _text_words(text: str) -> frozenset[str]:
    """An article's folded words, and each two neighbours joined («جهان پور» → «جهانپور»)."""
    words = folded_words(text)
    return frozenset(words) | frozenset(a + b for a, b in zip(words, words[1:]))


def _names_person(text: str, words: tuple[str, ...], office: str) -> bool:
    """True when the text writes the person's surname: the last word of their name (when longer
    than three letters and no word of the office), or the last two joined («جهان‌پور»)."""
    if not words:
        return False
    found = _text_words(text)
    last = words[-1]
    if len(last) > 3 and last not in office.split() and last in found:
        return True
    return len(words) > 1 and name_key(words[-2:]) in found


def _text_lookup(speakers: pd.DataFrame, articles: pd.DataFrame):
    """A function from a speaker's row to its article's text, read from the column when asked:
    the texts of a large corpus are never all copied at once."""
    position = {article: i for i, article in enumerate(_column(articles, "article_id"))}
    values = articles["text"].array
    speaker_articles = _column(speakers, "article_id")

    def text_of(row: int) -> str:
        i = position.get(speaker_articles[row])
        value = values[i] if i is not None else ""
        return value if isinstance(value, str) else ""

    return text_of


def _mentions(speakers: pd.DataFrame, articles: pd.DataFrame) -> list[_Mention]:
    names, surnames, offices = _column(speakers, "name"), _column(speakers, "surname"), _column(speakers, "office")
    dates = _publication_dates(speakers, articles)
    mentions = []
    for i, (name, surname, office, date) in enumerate(zip(names, surnames, offices, dates)):
        words = name_words(name) if surname.strip() else ()
        mentions.append(_Mention(i, words, office_key(office), date,
                                 surname_only=name_key(words) == name_key(name_words(surname))))
    if "start" in speakers.columns:
        for m, start in zip(mentions, pd.to_numeric(speakers["start"], errors="coerce").fillna(-1).astype(int)):
            m.start = int(start)
    return mentions


def main_office(offices: list[str]) -> str:
    """The office key a person is named with most: of the group of related offices
    (:func:`helpers.people_names.offices_related`) named most often, its commonest key (ties
    alphabetical). «فرمانده نیروی قدس» and «فرمانده نیروی قدس سپاه پاسداران» count together
    against a stray «رئیس جمهور» named twice. "" when there is no office."""
    counts = _counts(offices)
    if not counts:
        return ""
    groups = _office_groups(set(counts), offices_related)
    group = max(groups, key=lambda g: (sum(counts[o] for o in g), sorted(g)))
    return min(group, key=lambda office: (-counts[office], office))


def _canonical_office(person: _Person) -> str:
    return main_office([m.office for m in person.mentions])


def _person_id(person: _Person) -> str:
    """Stable id: the longest form of the name seen (full names over surnames) and the main office."""
    longest = max((m.words for m in person.mentions), key=lambda words: (len(name_key(words)), words))
    return person_key_id(name_key(longest), _canonical_office(person))


def link_speakers(speakers: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Link every speaker row to a person of the corpus.

    ``speakers``: the speakers table (``article_id``, ``speaker_id``, ``name``, ``surname``,
    ``office``...); ``articles``: the articles table (``article_id``, ``published``). Returns
    one row per speaker, in the speakers' order: ``article_id``, ``speaker_id``, ``person_id``
    ("" when unlinked) and ``link_rule`` (the rule that linked it, or why it is not linked; see
    the module's documentation). Depends on the rows' content, not their order.
    """
    _check_columns(speakers, ["article_id", "speaker_id", "name", "surname", "office"], "speakers")
    _check_columns(articles, ["article_id"], "articles")
    mentions = _mentions(speakers, articles)
    full: dict[str, list[_Mention]] = defaultdict(list)
    surnames, offices_only = [], []
    for m in mentions:
        if not m.words:
            offices_only.append(m)
        elif m.surname_only:
            surnames.append(m)
        else:
            full[m.key].append(m)
    persons = [p for key in sorted(full) for p in _split_by_office(full[key], offices_related, rule="full_name")]
    persons += _link_surnames(surnames, persons)
    texts = _text_lookup(speakers, articles) if "text" in articles.columns else None
    _link_offices(offices_only, persons, texts)
    ids = {id(p): _person_id(p) for p in persons}
    _disambiguate(ids, persons)
    return pd.DataFrame({
        "article_id": _column(speakers, "article_id"),
        "speaker_id": _column(speakers, "speaker_id"),
        "person_id": [ids[id(m.person)] if m.person else "" for m in mentions],
        "link_rule": [m.rule for m in mentions],
    }, columns=LINK_COLUMNS)


def _disambiguate(ids: dict[int, str], persons: list[_Person]) -> None:
    """Give persons kept apart under one name and main office distinct ids (their other offices decide)."""
    by_id: dict[str, list[_Person]] = defaultdict(list)
    for person in persons:
        by_id[ids[id(person)]].append(person)
    for person_id, same in by_id.items():
        if len(same) > 1:
            for person in same:
                ids[id(person)] = person_key_id(person_id, "|".join(sorted(person.offices)),
                                                min(m.date or "~" for m in person.mentions))


def _counts(values) -> dict[str, int]:
    """How often each non-empty value occurs. A person's few values are counted faster so
    than by a ``Counter`` (the people table counts some 18,000 short lists on the Fars bench)."""
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return counts


def _joined(values) -> str:
    """Distinct non-empty values, most frequent first (ties alphabetical), in one cell."""
    counts = _counts(values)
    return LIST_SEPARATOR.join(sorted(counts, key=lambda v: (-counts[v], v)))


def _most_common(values) -> str:
    counts = _counts(values)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def linked_speakers(speakers: pd.DataFrame, articles: pd.DataFrame,
                    links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The speakers table with ``person_id``, ``link_rule``, ``office_key`` and ``published`` added."""
    links = link_speakers(speakers, articles) if links is None else links
    frame = speakers.reset_index(drop=True).copy()
    frame["person_id"] = links["person_id"].to_numpy()
    frame["link_rule"] = links["link_rule"].to_numpy()
    frame["office_key"] = [office_key(o) for o in _column(frame, "office")]
    frame["published"] = _publication_dates(frame, articles)
    return frame


def person_offices(speakers: pd.DataFrame, articles: pd.DataFrame, *,
                   links: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who held which office when: one row per person and office named with them.

    Columns ``OFFICE_COLUMNS``: ``office`` as written most often, ``office_key`` (as compared),
    ``first_published``/``last_published`` (the corpus's own dates of the articles naming the
    person with that office; "" when none is dated), ``articles``. Office-only mentions linked
    by date count as articles of the office. Sorted by first date, person and office.
    """
    return _offices_of(linked_speakers(speakers, articles, links))


def _offices_of(linked: pd.DataFrame, *, named: bool = True) -> pd.DataFrame:
    """:func:`person_offices` of a speakers table already linked (:func:`linked_speakers`);
    ``named`` False leaves ``name`` empty, for a caller that does not read it."""
    frame = linked[(linked["person_id"] != "") & (linked["office_key"] != "")]
    if frame.empty:
        return pd.DataFrame(columns=OFFICE_COLUMNS)
    names = _names(frame) if named else {}
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    persons, keys = frame["person_id"].tolist(), frame["office_key"].tolist()
    offices, dates, articles = _column(frame, "office"), _column(frame, "published"), _column(frame, "article_id")
    for i, group in enumerate(zip(persons, keys)):
        groups[group].append(i)
    rows = []
    for (person, key), members in sorted(groups.items()):
        dated = [dates[i] for i in members if dates[i]]
        rows.append({"person_id": person, "name": names.get(person, ""),
                     "office": _most_common(offices[i] for i in members), "office_key": key,
                     "first_published": min(dated, default=""), "last_published": max(dated, default=""),
                     "articles": len({articles[i] for i in members})})
    table = pd.DataFrame(rows, columns=OFFICE_COLUMNS)
    return table.sort_values(["first_published", "person_id", "office_key"], kind="stable").reset_index(drop=True)


def _names(frame: pd.DataFrame) -> dict[str, str]:
    """Each person's name as written most often among their longest forms (honorifics removed)."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for person, name, surname in zip(frame["person_id"], _column(frame, "name"), _column(frame, "surname")):
        if person and surname:
            forms[person][name] += 1
    chosen = {}
    for person, counts in forms.items():
        # Written forms grouped by their words without honorifics; the longest such name wins,
        # shown as written most often (with its ZWNJ), honorifics and prefixes removed.
        longest = max(len(name_key(name_words(name))) for name in counts)
        best = _most_common(Counter({n: c for n, c in counts.items()
                                     if len(name_key(name_words(n))) == longest}).elements())
        chosen[person] = _without_prefixes(best)
    return chosen


def _without_prefixes(name: str) -> str:
    """A name as written, minus the words :func:`helpers.people_names.name_words` drops before it."""
    words = name.split()
    kept = name_words(name)
    while words and len(name_words(" ".join(words[1:]))) == len(kept) and name_key(name_words(" ".join(words[1:]))) == name_key(kept):
        words = words[1:]
    return " ".join(words)


def people_table(speakers: pd.DataFrame, articles: pd.DataFrame, quotes: pd.DataFrame,
                 statistics: pd.DataFrame, *, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per person of the corpus (``PEOPLE_COLUMNS``), most articles first.

    ``name``: the name (honorifics apart) in its commonest full form; ``name_variants``: the
    names as written; ``honorifics``; ``office``: the office named most often; ``offices``:
    every office with the first and last publication date it is seen with («office (first –
    last)»); ``roles``, ``provinces``; ``first_published``/``last_published``; counts of
    ``articles``, ``quotes`` and ``statistics`` (those attributed to the person's speaker
    rows); ``link_rules``: how the rows were linked. ``links``: :func:`link_speakers`'s
    result when already computed. Lists are joined with ``LIST_SEPARATOR``.
    """
    frame = linked_speakers(speakers, articles, links)
    frame = frame[frame["person_id"] != ""]
    if frame.empty:
        return pd.DataFrame(columns=PEOPLE_COLUMNS)
    person_of = dict(zip(_column(frame, "speaker_id"), frame["person_id"]))
    quote_counts = Counter(person_of.get(s, "") for s in _column(quotes, "speaker_id"))
    stat_counts = Counter(person_of.get(s, "") for s in _column(statistics, "speaker_id"))
    offices = _offices_of(frame, named=False)  # its names are not those of the whole frame: _names below
    held: dict[str, list[str]] = defaultdict(list)
    for row in offices.sort_values(["person_id", "articles", "first_published"], ascending=[True, False, True],
                                   kind="stable").itertuples():
        dates = f" ({row.first_published} – {row.last_published})" if row.first_published else ""
        held[row.person_id].append(f"{row.office}{dates}")
    names = _names(frame)
    column = {name: _column(frame, name) for name in
              ("name", "surname", "honorific", "office", "office_key", "role", "province", "published",
               "article_id", "link_rule")}
    members_of: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(frame["person_id"].tolist()):
        members_of[person].append(i)
    rows = []
    for person in sorted(members_of):
        members = members_of[person]

        def values(name: str, members=members) -> list[str]:
            return [column[name][i] for i in members]

        dated = [d for d in values("published") if d]
        main = main_office(values("office_key"))
        rows.append({
            "person_id": person, "name": names.get(person, ""),
            "name_variants": _joined(column["name"][i] for i in members if column["surname"][i]),
            "honorifics": _joined(values("honorific")),
            "office": _most_common(column["office"][i] for i in members if column["office_key"][i] == main) if main else "",
            "offices": LIST_SEPARATOR.join(held.get(person, [])),
            "roles": _joined(values("role")), "provinces": _joined(values("province")),
            "first_published": min(dated, default=""), "last_published": max(dated, default=""),
            "articles": len(set(values("article_id"))), "quotes": quote_counts.get(person, 0),
            "statistics": stat_counts.get(person, 0), "link_rules": _joined(values("link_rule")),
        })
    table = pd.DataFrame(rows, columns=PEOPLE_COLUMNS)
    return table.sort_values(["articles", "quotes", "person_id"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


def add_people(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every table of :func:`helpers.pipeline.annotate_corpus` plus ``people``, with
    ``person_id`` and ``link_rule`` added to ``speakers``. The tables given are not changed."""
    speakers, articles = tables["speakers"], tables["articles"]
    links = link_speakers(speakers, articles)
    people = people_table(speakers, articles, tables["quotes"], tables["statistics"], links=links)
    linked = speakers.reset_index(drop=True).assign(person_id=links["person_id"].to_numpy(),
                                                    link_rule=links["link_rule"].to_numpy())
    return {**tables, "speakers": linked, "people": people}


# ---------------------------------------------------------------- evaluation

GOLD_COLUMNS = ["article_id", "mention", "person"]


def match_gold(gold: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """The speaker row each hand-checked identity names: ``gold`` with ``row`` (-1 when no speaker
    of the article fits ``mention``, or several do).

    ``gold``: ``article_id``, ``mention`` (a name as written, matched as the ending of a
    speaker's name with honorifics apart; or an office, matched against speakers named by
    office alone), ``person`` (any label; rows with one label are one person).
    """
    _check_columns(gold, GOLD_COLUMNS, "gold")
    names, surnames, offices = _column(speakers, "name"), _column(speakers, "surname"), _column(speakers, "office")
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(_column(speakers, "article_id")):
        by_article[article].append(i)
    matched = []
    for article, mention in zip(_column(gold, "article_id"), _column(gold, "mention")):
        words = name_words(mention)
        rows = [i for i in by_article.get(article, ()) if surnames[i]
                and (name_key(name_words(names[i])) == name_key(words) or ends_with_name(name_words(names[i]), words))]
        if not rows:
            rows = [i for i in by_article.get(article, ()) if not surnames[i]
                    and office_key(offices[i]) == office_key(mention)]
        matched.append(rows[0] if len(rows) == 1 else -1)
    return gold.assign(row=matched)


def same_person_scores(gold: pd.DataFrame, speakers: pd.DataFrame, links: pd.DataFrame) -> dict[str, float]:
    """Pairwise precision and recall of 'same person' over the gold speakers found in ``speakers``.

    Every pair of matched gold rows (:func:`match_gold`, in different or the same article)
    is a gold pair when both have one ``person``, a linked pair when both have one non-empty
    ``person_id`` in ``links``. Returns ``precision``, ``recall``, ``gold_pairs``,
    ``linked_pairs``, ``true_pairs``, ``rows`` (gold rows) and ``matched`` (found in speakers).
    """
    found = match_gold(gold, speakers)
    found = found[found["row"] >= 0].drop_duplicates("row")
    persons = found["person"].astype(str).tolist()
    linked = links["person_id"].to_numpy()[found["row"].to_numpy()].tolist()
    gold_pairs = linked_pairs = true_pairs = 0
    for i in range(len(persons)):
        for j in range(i + 1, len(persons)):
            same_gold = persons[i] == persons[j]
            same_link = bool(linked[i]) and linked[i] == linked[j]
            gold_pairs += same_gold
            linked_pairs += same_link
            true_pairs += same_gold and same_link
    return {"precision": true_pairs / linked_pairs if linked_pairs else 1.0,
            "recall": true_pairs / gold_pairs if gold_pairs else 1.0,
            "gold_pairs": gold_pairs, "linked_pairs": linked_pairs, "true_pairs": true_pairs,
            "rows": len(gold), "matched": len(found)}
