"""Officials across a corpus: every per-article speaker linked to one person, followed over time.

The speakers table has one row per person *per article*. :func:`link_speakers` links each row
to a person of the whole corpus and records the rule that made the link; :func:`people_table`
gives one row per person. Names and offices are compared by the keys of
:mod:`helpers.people_names` (spacing, ZWNJ, Arabic letters and honorifics never tell two names
apart). The rules, in the order they are tried:

``full_name+office``
    The same first name and surname, and offices related (sharing a distinctive word, see
    :func:`helpers.people_names.offices_related`). One full name whose offices fall into
    unrelated groups is kept as that many persons («عباس موسوی», spokesman of the foreign
    ministry, is not «عباس موسوی», head of a medical university).
``full_name``
    The same full name, no office given, and all of that name's offices related.
``full_name+main_office``
    The same full name, no office given, and more than half of that name's articles with an
    office belong to one group of related offices: linked to that group's person.
``surname+office``
    A surname alone and the same office (same head word and a distinctive word shared, see
    :func:`helpers.people_names.same_office`) as exactly one person whose full name ends
    with that surname; or, when no full name ends with it, as other mentions of the surname.
``surname_unique``
    A surname alone, no office, and exactly one person in the corpus whose full name ends
    with it.
``surname``
    A surname alone, no office, no full name ending with it, and at most one office among the
    other mentions of that surname.
``office_at_date``
    An office alone («وزیر بهداشت گفت»): the one person named with that office whose tenure
    in the corpus (first to last publication date of their articles with it) covers the
    article's publication date and whose surname the article's text holds (when the articles
    table has ``text``): a foreign minister's truncated office or a «this day in history»
    item is not taken for the Iranian holder of the day.

Left unlinked (``person_id`` ""), with the reason as ``link_rule``: ``surname_conflict`` (a
surname that fits several persons), ``office_conflict`` (several holders at that date),
``office_not_named`` (a holder at that date, but the article never names them),
``office_unknown`` (no holder known at that date), ``office_undated`` (the article has no
publication date), ``office_generic`` (an office that names no particular post: «فرماندار»
alone), ``no_name`` (neither name nor office).

Only the corpus's own publication date (``articles.published``) is used: a date a text
mentions is never taken for it; articles without one give persons without dates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

import pandas as pd

from .people_names import (
    distinctive_words,
    folded_words,
    office_provinces,
    ends_with_name,
    name_key,
    name_words,
    office_key,
    offices_related,
    person_key_id,
    same_office,
)

LINK_COLUMNS = ["article_id", "speaker_id", "person_id", "link_rule"]
PEOPLE_COLUMNS = [
    "person_id", "name", "name_variants", "honorifics", "office", "offices", "roles", "provinces",
    "first_published", "last_published", "articles", "quotes", "statistics", "link_rules",
]
OFFICE_COLUMNS = ["person_id", "name", "office", "office_key", "first_published", "last_published", "articles"]
UNLINKED_RULES = ("surname_conflict", "office_conflict", "office_unknown", "office_not_named",
                  "office_undated", "office_generic", "no_name")
# Separates the values of a list held in one cell (name variants, roles...).
LIST_SEPARATOR = "؛ "

_SPEAKER_INPUT = ["article_id", "speaker_id", "name", "surname", "honorific", "office", "province", "role"]


class _Mention:
    """One speaker row, reduced to what linking compares."""

    __slots__ = ("row", "words", "key", "office", "date", "surname_only", "person", "rule")

    def __init__(self, row: int, words: tuple[str, ...], office: str, date: str, *, surname_only: bool):
        self.row, self.words, self.key, self.office, self.date = row, words, name_key(words), office, date
        # A surname alone, however many words ZWNJ or spaces make of it («قلعه‌نویی»).
        self.surname_only = surname_only or len(words) == 1
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
    if name not in frame.columns:
        return [""] * len(frame)
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
        elif len(candidates) == 1:
            candidates[0].add(m, "surname_unique")
        else:
            m.rule = "surname_conflict"
    persons = []
    for key in sorted(leftovers):
        persons.extend(_split_by_office(leftovers[key], same_office, rule="surname"))
    return persons


def _link_offices(offices_only: list[_Mention], persons: list[_Person], texts: list[str] | None) -> None:
    """Link mentions of an office alone to the one person whose tenure of it covers the date
    and whose surname the article's text names (when texts are given)."""
    tenures: dict[str, list[tuple[str, str, _Person]]] = defaultdict(list)
    for person in persons:
        dates: dict[str, list[str]] = defaultdict(list)
        for m in person.mentions:
            if m.office and m.date:
                dates[m.office].append(m.date)
        for office, held in dates.items():
            tenures[office].append((min(held), max(held), person))
    for m in offices_only:
        if not m.office:
            m.rule = "no_name"
        elif not distinctive_words(m.office):
            m.rule = "office_generic"
        elif not m.date:
            m.rule = "office_undated"
        else:
            holders = [p for first, last, p in tenures.get(m.office, ()) if first <= m.date <= last]
            if texts is not None and holders:
                text = _folded_text(texts[m.row])
                named = [p for p in holders if p.words and p.words[-1] in text]
                if not named:
                    m.rule = "office_not_named"
                    continue
                holders = named
            if len(holders) == 1:
                holders[0].add(m, "office_at_date")
            else:
                m.rule = "office_conflict" if holders else "office_unknown"


@lru_cache(maxsize=4096)
def _folded_text(text: str) -> str:
    """An article's text folded, without spaces: where a holder's surname is looked for."""
    return name_key(folded_words(text))


def _mentions(speakers: pd.DataFrame, articles: pd.DataFrame) -> list[_Mention]:
    names, surnames, offices = _column(speakers, "name"), _column(speakers, "surname"), _column(speakers, "office")
    dates = _publication_dates(speakers, articles)
    mentions = []
    for i, (name, surname, office, date) in enumerate(zip(names, surnames, offices, dates)):
        words = name_words(name) if surname.strip() else ()
        mentions.append(_Mention(i, words, office_key(office), date,
                                 surname_only=name_key(words) == name_key(name_words(surname))))
    return mentions


def _canonical_office(person: _Person) -> str:
    """The office key a person is named with in most articles (ties: the earliest, then alphabetical)."""
    counts = Counter(m.office for m in person.mentions if m.office)
    if not counts:
        return ""
    first = {}
    for m in person.mentions:
        if m.office and m.date:
            first[m.office] = min(first.get(m.office, m.date), m.date)
    return min(counts, key=lambda office: (-counts[office], first.get(office, "~"), office))


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
    texts = None
    if "text" in articles.columns:
        by_article = dict(zip(_column(articles, "article_id"), _column(articles, "text")))
        texts = [by_article.get(article, "") for article in _column(speakers, "article_id")]
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


def _joined(values) -> str:
    """Distinct non-empty values, most frequent first (ties alphabetical), in one cell."""
    counts = Counter(v for v in values if v)
    return LIST_SEPARATOR.join(sorted(counts, key=lambda v: (-counts[v], v)))


def _most_common(values) -> str:
    counts = Counter(v for v in values if v)
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


def _offices_of(linked: pd.DataFrame) -> pd.DataFrame:
    """:func:`person_offices` of a speakers table already linked (:func:`linked_speakers`)."""
    frame = linked[(linked["person_id"] != "") & (linked["office_key"] != "")]
    if frame.empty:
        return pd.DataFrame(columns=OFFICE_COLUMNS)
    names = _names(frame)
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
    offices = _offices_of(frame)
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
        main = _most_common(values("office_key"))
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
