"""One article read for speakers and quotes: :func:`find_speakers_and_quotes`.

Walks the statements (:func:`helpers.quotes.find_openings`) and the narrative between them in
text order, finds the speaker of each (:mod:`helpers.speakers.mentions`,
:mod:`helpers.speakers.persons`), and handles the article shapes that need their own reading:
headline digests (a press review's list of headlines), interviews (question, then the answer
of the person interviewed: :mod:`helpers.speakers.interviews`) and a title «Name: statement».
Returns the speakers and quotes tables as column lists (:func:`speaker_quote_columns`).

Lexicons read here (``LEXICONS``): ``speaker_unnamed.txt``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from operator import methodcaller
from typing import NamedTuple

import pandas as pd

from ..chars import ZWNJ
from ..columns import Columns, columns_of_tuples, frame_of
from ..lexicons import load_list
from ..quotes import (
    Opening,
    find_openings,
    function_words,
    headline_opening,
    report_prefix_end,
    sentence_span,
    verb_starts,
)
from ..text import (
    LETTER,
    NARRATIVE_BREAK,
    SpanIndex,
    bounded,
    entry_regex,
    fold,
    is_abbreviation_dot,
    paragraph_spans,
    phrase_alternation,
    sentence_start_before,
)
from .interviews import _SUBHEADING, _strip_span_text, interview_answers
from .mentions import (
    Mention,
    _is_stop,
    _outlet_prefix_end,
    _past_list_mark,
    _skip_spaces,
    find_mentions,
    opens_sentence,
)
from .persons import _distinctive_words, _offices_compatible, _Registry, same_name, stops_follow_on
from .vocabulary import (
    _WORD_RE,
    _key,
    _not_names,
    _outlet_regex,
    looks_like_person_name,
    opens_arguing,
    paragraph_opening_regex,
)

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("speaker_unnamed",)

SPEAKER_COLUMNS = [
    "article_id", "speaker_id", "name", "surname", "honorific", "office", "organisation",
    "province", "role", "mentions", "start", "end", "rule",
]
QUOTE_COLUMNS = [
    "article_id", "quote_id", "speaker_id", "verb", "stance", "kind", "text", "start", "end",
    "paragraph", "sentence_start", "sentence_end", "rule",
]


# ---------------------------------------------------------------- the article


# «... سه بار دروازه‌اش باز شده است، اما ویدمار می‌گوید: ...»: narrative before a conjunction
# that opens the speaker's clause; «در پاسخ به سؤالی مبنی بر اینکه ...»: the reporter's question.
_CLAUSE_CONJUNCTION = re.compile(r"[،,]\s*(?:" + "|".join(map(re.escape, function_words("clause_conjunction"))) + r")(?!\S)")
_QUESTION_CLAUSE = re.compile(phrase_alternation(function_words("question_cue")))
_CONTINUATION_CUES = function_words("continuation")


def _narrow_lead(text: str, folded: str, op: Opening, mention: Mention | None,
                 registry: _Registry) -> tuple[Mention | None, Opening]:
    """The speaker's mention, and ``op`` with ``reach_start`` set (a new opening) where the
    words the statement's speaker owns begin, when a lead-in holds words that are not the
    speaker's: narrative before «اما»/«ولی» when a person is named after it (that person is the
    speaker), or a reporter's question («در پاسخ به سؤالی ...»). Statistics there get no
    speaker from this statement (see :func:`helpers.attribution.speaker_for_spans`)."""
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
            return later[0], replace(op, reach_start=_skip_spaces(folded, conj.start() + 1, op.lead_end))
    if _QUESTION_CLAUSE.search(folded, op.lead_start, op.lead_end):
        # the question runs to the verb: only the statement is the speaker's
        return mention, replace(op, reach_start=op.lead_end)
    return mention, op


def _speaker_mention(text: str, folded: str, op, registry: _Registry) -> Mention | None:
    """The first mention of the lead-in; with none, a person's name opening the lead-in's last
    clause after a comma («در پی ... در سازمان انرژی اتمی، بهروز کمالوندی در گفت‌وگو با ایسنا
    توضیح داد»): a name with a known first name or an office (:func:`_names_speaker`)."""
    mentions = find_mentions(text, op.lead_start, op.lead_end, folded=folded,
                             known_names=registry.known_names())
    if mentions:
        return mentions[0]
    comma = max(folded.rfind("،", op.lead_start, op.lead_end), folded.rfind(",", op.lead_start, op.lead_end))
    if comma < 0:
        return None
    after = find_mentions(text, comma + 1, op.lead_end, folded=folded, known_names=registry.known_names())
    # A name, not an office alone: «ظریف، وزیر امور خارجه ... گفت» has the office's holder
    # before the comma, where this search does not look.
    if after and after[0].name and _names_speaker(after[0]):
        return replace(after[0], rule=f"{after[0].rule}+after_comma")
    return None


def _narrative_spans(text: str, taken: list[tuple[int, int]], *, folded: str | None = None,
                     spans: list | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text`` (``folded``, ``spans``: its fold and paragraph spans, if known)
    outside every quote and lead-in, title excluded."""
    folded = fold(text) if folded is None else folded
    taken_spans = SpanIndex(taken)
    out = []
    for index, p_start, p_end in paragraph_spans(text) if spans is None else spans:
        if index == 0 or taken_spans.covers(p_start, p_end):
            continue  # the title; a paragraph inside one statement's sentence has no narrative
        cursor = p_start
        for e in _narrative_breaks(folded, p_start, p_end):
            s, cursor = cursor, e
            if e - s > 2 and not (taken_spans.holds(s)
                                  or taken_spans.holds(e, start_inclusive=False, end_inclusive=True)):
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
    return frame_of(speakers, SPEAKER_COLUMNS), frame_of(quotes, QUOTE_COLUMNS)


def speaker_quote_columns(text: str, *, article_id: str = "") -> tuple[Columns, Columns]:
    """The tables of :func:`find_speakers_and_quotes` as column lists ({column: values}).

    The export turns every table into plain lists anyway: building two DataFrames per article
    only to take them apart again cost more than finding the speakers' offices.
    """
    reading = read_speakers(text, article_id=article_id)
    return reading.speakers, reading.quotes


class SpeakerReading(NamedTuple):
    """What :func:`read_speakers` finds in one article."""

    speakers: Columns  # the speakers table's columns
    quotes: Columns  # the quotes table's columns
    # (start, end) of every statement found, before speakers are resolved: the spans
    # helpers.events.article_event leaves out when it looks for the event.
    statements: list[tuple[int, int]]


def read_speakers(text: str, *, article_id: str = "", folded: str | None = None) -> SpeakerReading:
    """Speakers, quotes and statement spans of one article's cleaned text
    (:func:`speaker_quote_columns` and the statements the event finder needs, found once).
    ``folded``: :func:`helpers.text.fold` of ``text`` when the caller has it."""
    text = text if isinstance(text, str) else ""
    folded = fold(text) if folded is None else folded
    spans = paragraph_spans(text)  # every step below reads the article paragraph by paragraph
    registry = _Registry()
    openings = find_openings(text, folded=folded, spans=spans)
    statements = [(op.start, op.end) for op in openings]  # as found, before any is narrowed below
    taken = [sentence_span(op) for op in openings]
    events = [(span[0], 1, op) for span, op in zip(taken, openings)]
    events += [(s, 0, (s, e)) for s, e in _narrative_spans(text, taken, folded=folded, spans=spans)]
    events.sort(key=lambda e: (e[0], e[1]))

    rows = []
    digest = _digest_items(folded, spans)
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
        if _outlet_lead(folded, op) and not _named_after_outlet(text, folded, op, registry):
            continue  # «روزنامه ... نوشت: ...»: a publisher, not a person, is the source
        if op.split:
            op = _split_opening(text, folded, op, registry)
            if op is None:
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
        if op.kind != "direct" and _noun_phrase_subject(mention):
            continue  # «غول تکنولوژی چین، ... اعلام کرد که»: words of a thing, no person
        mention, op = _narrow_lead(text, folded, op, mention, registry)
        if mention is not None:
            continuing = op.stance == "continuing" and bool(rows) and rows[-1][1] is registry.last \
                and (rows[-1][0].paragraph == op.paragraph
                     or any(cue in folded[op.lead_start:op.lead_end] for cue in _CONTINUATION_CUES))
            person = registry.resolve(mention, continuing=continuing)
            how = (mention.rule or mention.kind) + registry.note
            if person is None and mention.generic:
                how = "generic_office"
        elif _unnamed_source(folded, op):
            person, how = None, "unnamed_source"
            registry.last = None  # «وی» after «یک منبع ... گفت» is that source
        elif _opens_with_not_name(folded, op):
            person, how = None, "no_person_subject"  # «مسکو نیز گفته است که ...»
        else:
            person, how = registry.last, "omitted_subject"
        if person is not None:
            if not person.speaks:
                person.speaks, person.first_speech = True, op.start
        rows.append((op, person, how))

    rows += _digest_headlines(text, folded, spans, digest, registry, rows)
    registry.isolated = False
    rows = interview_answers(text, folded, spans, registry, rows)
    if not digest:
        rows += _follow_on_paragraphs(text, folded, spans, registry, rows)
    headline = _headline_quote(text, folded, spans, registry)
    if headline is not None:
        rows.insert(0, headline)
    if not digest:
        rows = _office_joined_to_name(rows)
    speakers, quotes = _columns(text, article_id, registry, rows)
    return SpeakerReading(speakers, quotes, statements)


_LIST_ITEM = re.compile(r"\s*[-–•]\s*\S")


def _digest_items(folded: str, spans: list) -> list[tuple[int, int]]:
    """Spans of the list items of a headline digest (a press review: «* Outlet» then
    «- headline» lines): list-item lines, when there are five or more and they make up half of
    the article's non-empty lines; [] for any other article."""
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
_DIGEST_LEAD_REST = re.compile(rf"\s*(?:{phrase_alternation(function_words('digest_lead'))})(?!\S)")


def _digest_headlines(text: str, folded: str, spans: list, digest: list[tuple[int, int]],
                      registry: _Registry, rows: list) -> list:
    """Items of a headline digest in the form of a headline, «- Person: statement», read as
    headlines (rule ``digest_headline``): the part before the item's first colon, within 80
    characters, names one person (see :func:`_digest_name`), alone or followed by «در»/«با» and
    where they spoke. Items holding a statement already are left as they are."""
    if not digest:
        return []
    quoted = {op.paragraph for op, _, _ in rows}
    index_of = {s: i for i, s, _ in spans}
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


_WRITTEN_VERB = re.compile(phrase_alternation([fold(w) for w in function_words("written_verb")]))
_FOLLOW_ON_OPENING = paragraph_opening_regex("narrator_opening")
# What a paragraph that goes on with a statement ends with, spaces aside (_ends_with_final_mark).
_FINAL_MARKS = ".!…»\""
# A present-tense verb in the first person: «می»/«نمی», then a stem ending in «م» («می‌کنیم»,
# «نمی‌دانم»); the third person ends in «د».
_FIRST_PERSON_VERB = re.compile(r"ن?می\s?\S+م(?!\S)")
# The same verb after a space: the regex engine stops only at spaces (a look-behind opening the
# regex was tried at every position of the paragraph); the paragraph's start is tried alone.
_FIRST_PERSON_VERB_AFTER_SPACE = re.compile(rf"\s(?={_FIRST_PERSON_VERB.pattern})")
_STRIP_PUNCTUATION = methodcaller("strip", "،,.!؟?:؛«»\"()")


@lru_cache(maxsize=1024)  # a few dozen verbs, as written, recur in every article
def _is_written_verb(verb: str) -> bool:
    return _WRITTEN_VERB.fullmatch(fold(verb).strip()) is not None


@lru_cache(maxsize=None)
def _first_person_words() -> frozenset[str]:
    return frozenset(fold(w) for w in function_words("first_person"))


def _first_person(folded: str, a: int, b: int) -> bool:
    """Whether ``folded[a:b]`` holds a word in a speaker's own voice (``first_person``)."""
    if _holds_first_person_verb(folded, a, b) or opens_arguing(folded, a, b):
        return True  # «البته ...» argues on from the paragraph before: the speaker's, as «ما» shows
    # Each word (a run of non-spaces: str.split cuts where «\S+» runs end) stripped of
    # punctuation, looked up in C: a match object and a Python call per word cost more.
    return not _first_person_words().isdisjoint(map(_STRIP_PUNCTUATION, folded[a:b].split()))


def _holds_first_person_verb(folded: str, a: int, b: int) -> bool:
    """Whether a first-person verb (:data:`_FIRST_PERSON_VERB`) opens a word of ``folded[a:b]``,
    after a space or at the start of the text (what «(?<!\\S)» before the verb asked)."""
    if (a == 0 or folded[a - 1].isspace()) and _FIRST_PERSON_VERB.match(folded, a, b):
        return True
    return _FIRST_PERSON_VERB_AFTER_SPACE.search(folded, a, b) is not None


def _ends_with_final_mark(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` ends with one of :data:`_FINAL_MARKS`, spaces aside: read
    back from its end (the regex «[.!…»"]\\s*$» stopped at every mark of the span)."""
    last = folded[start:end].rstrip()[-1:]
    return last != "" and last in _FINAL_MARKS


def _follow_on_paragraphs(text: str, folded: str, spans: list, registry: _Registry, rows: list) -> list:
    """Paragraphs that go on with a speaker's direct statement with no reporting verb of their
    own (rule ``follow_on``): each is a ``direct`` statement of the person whose statement ran
    to the end of the paragraph before it.

    A paragraph goes on with the statement before it when that statement is ``direct`` (a
    colon, an interview answer or a follow-on), has a speaker and reaches its paragraph's last
    sentence mark, and the paragraph itself holds no statement, ends with a full stop (not a
    question, not a subheading), does not open with the narrator's words (``narrator_opening``
    in ``speaker_function_words.tsv``: «به گزارش», «گفتنی است») or a list mark, holds no
    reporting verb, and speaks of nobody as a subject the way a narrator speaks of the speaker
    («وی», a name, an office; see :func:`helpers.speakers.persons.stops_follow_on`). It is kept
    when it is in the speaker's own voice (a ``first_person`` word, a verb «می‌...م», an
    ``arguing_opening`` such as «البته»), or when it opens with no one's name or office and
    the same speaker's next statement follows it (the paragraphs between two statements of one
    person are theirs); a narrator's paragraph after the speaker's last statement («کوهدشت در
    ۹۵ کیلومتری ... واقع است») is not.
    """
    by_paragraph: dict[int, tuple] = {}
    for op, person, how in sorted(rows, key=lambda r: r[0].start):
        by_paragraph[op.paragraph] = (op, person)
    firsts = {}
    for op, person, how in sorted(rows, key=lambda r: r[0].start, reverse=True):
        firsts[op.paragraph] = person
    out = []
    previous = None  # (opening, person) of the last non-empty paragraph's last statement
    pending = []  # follow-on paragraphs in the narrator's words: kept if the speaker goes on after them
    written = False  # the statement the paragraphs go on with is written words («... نوشت: »)
    for index, p_start, p_end in spans[1:]:
        if previous is None and index not in by_paragraph:
            continue  # no statement to go on with, and none opens here (pending is empty too)
        a, b = _strip_span_text(text, p_start, p_end)
        if b <= a:
            continue
        if index in by_paragraph:
            if pending and firsts[index] is pending[0][1]:
                out += pending
            pending = []
            previous = by_paragraph[index]
            # written words not set off by guillemets: a post or note quoted whole; «...» closes
            # the words quoted, and the paragraphs after them are the narrator's
            written = _is_written_verb(previous[0].verb) \
                and text[:previous[0].start].rstrip()[-1:] not in ("«", '"')
            continue
        goes_on = previous is not None and _goes_on(text, folded, previous, a, b, registry, written=written)
        own_voice = goes_on and _first_person(folded, a, b)  # read only where the paragraph may go on
        if goes_on and (own_voice or not _opens_with_subject(text, folded, a, b, registry, pronoun=not written)):
            op = Opening("direct", "", "neutral", a, a, a, b, index, "follow_on")
            pending.append((op, previous[1], "follow_on"))
            if own_voice:
                out += pending  # the speaker's own voice: this paragraph and those before it
                pending = []
            previous = (op, previous[1])
        else:
            previous, pending = None, []
    if written:
        out += pending  # written words run to the article's end: a post or a note quoted whole
    return out


def _goes_on(text: str, folded: str, previous: tuple, a: int, b: int, registry: _Registry, *,
             written: bool = False) -> bool:
    """Whether the paragraph ``text[a:b]`` goes on with the statement ``previous`` (see
    :func:`_follow_on_paragraphs`). In ``written`` words («... نوشت: ») a person named inside
    the paragraph does not stop it (the writer speaks of others); one opening it does."""
    op, person = previous
    if person is None or op.kind != "direct" or op.split:
        return False
    line_end = text.find("\n", op.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[op.end:line_end].strip(" \u200c«»\"."):
        return False  # the statement stops before its paragraph's end
    if not _ends_with_final_mark(folded, op.start, line_end) or not _ends_with_final_mark(folded, a, b):
        return False
    if _LIST_ITEM.match(folded, a, b) or _SUBHEADING.match(folded, a, b) or _FOLLOW_ON_OPENING.match(folded, a, b):
        return False
    if report_prefix_end(folded, a, b) != a or verb_starts(folded, a, b):
        return False  # «به گزارش ...»; a reporting verb of its own («... را راهکار برشمرد»): the narrator's
    if written:
        return True  # a subject opening the paragraph is looked for by the caller
    mentions = find_mentions(text, a, b, folded=folded, known_names=registry.known_names(), bare=False)
    return not any(stops_follow_on(person, m, opens_sentence=opens_sentence(folded, m, a)) for m in mentions)


def _office_joined_to_name(rows: list) -> list:
    """An article whose speakers are one person named by office only and one named person,
    the two holding related offices, speaks of one person (rule ``+office_joined``): «معاون
    وزیر ورزش گفت» in the lead, the name with another title of the same ministry later.

    Related: a distinctive word of one's offices (aliases included) in the other's, or the
    police commander's role beside a police officer's. Two heads of the same rank of other
    organisations («مدیرکل بهزیستی», «مدیرکل آموزش و پرورش») are not related. With more
    speakers, or offices with nothing in common, they stay apart.
    """
    speaking = list({id(person): person for _, person, _ in rows if person is not None}.values())
    office_only = [p for p in speaking if not p.name and p.office]
    named = [p for p in speaking if p.name]
    if len(office_only) != 1 or len(named) != 1 or len(speaking) != 2:
        return rows
    unnamed, person = office_only[0], named[0]
    if not _related_offices(unnamed, person):
        return rows
    if not person.office:
        person.office, person.role, person.organisation = unnamed.office, unnamed.role, unnamed.organisation
        person.place, person.province = unnamed.place, unnamed.province
    person.mentions += unnamed.mentions
    person.start, person.end = min((person.start, person.end), (unnamed.start, unnamed.end))
    person.first_speech = min(person.first_speech, unnamed.first_speech)
    unnamed.speaks = False
    return [(op, person, how + "+office_joined") if who is unnamed else (op, who, how) for op, who, how in rows]


def _related_offices(a, b) -> bool:
    """Whether two persons' offices are related: no office on one side, ``police_commander``
    beside ``police_officer``, or a distinctive office word shared
    (:func:`helpers.speakers.persons._distinctive_words`)."""
    if not a.office or not b.office:
        return True
    if {a.role, b.role} == {"police_commander", "police_officer"}:
        return True  # a force's commander is often called by a police title too («رئیس پلیس پایتخت»)
    words_a = set().union(*(_distinctive_words(o) for o in [a.office, *(x[0] for x in a.aliases)]))
    words_b = set().union(*(_distinctive_words(o) for o in [b.office, *(x[0] for x in b.aliases)]))
    return bool(words_a & words_b)


def _opens_with_subject(text: str, folded: str, a: int, b: int, registry: _Registry, *,
                        pronoun: bool = True) -> bool:
    """Whether a mention opens ``text[a:b]`` (a bare name only when it looks like a person's,
    :func:`_names_speaker`; a pronoun only when ``pronoun``: in written words «او» is whoever
    the writer speaks of): the sentence's subject is someone the narrator speaks of."""
    mentions = find_mentions(text, a, b, folded=folded, known_names=registry.known_names())
    return bool(mentions) and mentions[0].start == a and _names_speaker(mentions[0]) \
        and (pronoun or mentions[0].kind != "pronoun")


def _split_opening(text: str, folded: str, op: Opening, registry: _Registry) -> Opening | None:
    """«به گفته وی ۲۰ نفر ...»: ``op`` with the mention right after the marker moved from the
    statement to the lead-in (a new opening); None (the opening names no one) when no mention
    starts there."""
    first = _skip_spaces(folded, op.start, op.end)
    mentions = find_mentions(text, first, op.end, folded=folded, known_names=registry.known_names())
    if not mentions or mentions[0].start != first or mentions[0].rule == "bare_name":
        return None
    after = _skip_spaces(folded, mentions[0].end, op.end)
    if after >= op.end:
        return None
    return replace(op, lead_start=first, lead_end=mentions[0].end, start=after)


_DEMONSTRATIVE = re.compile(r"\s*(?:(?:این|یک)\s+)?")  # «این روزنامه», «یک روزنامه»


def _outlet_lead(folded: str, op) -> bool:
    """True when a statement's lead-in opens with a publisher («روزنامه ...», «رویترز»,
    «این روزنامه»), after any «به گزارش ...،»."""
    begin = report_prefix_end(folded, op.lead_start, op.lead_end)
    if _outlet_prefix_end(folded, begin, op.lead_end) != begin:
        return False  # «خبرگزاری فارس- بهرام سبحانی گفت»: the outlet is a dateline
    m = _DEMONSTRATIVE.match(folded, begin, op.lead_end)
    return bool(_outlet_regex().match(folded, m.end() if m else begin, op.lead_end))


def _named_after_outlet(text: str, folded: str, op, registry: _Registry) -> bool:
    """True when a lead-in opening with a publisher names a person after a comma («روابط عمومی
    بنیاد ...، منوچهر خواجه دلوئی ... گفت»): the publisher is where the words were given out,
    the person is who said them."""
    begin = report_prefix_end(folded, op.lead_start, op.lead_end)
    comma = re.compile(r"[،,]").search(folded, begin, op.lead_end)
    if comma is None:
        return False
    after = find_mentions(text, comma.end(), op.lead_end, folded=folded, known_names=registry.known_names())
    return bool(after) and after[0].kind != "pronoun" and _names_speaker(after[0]) \
        and not folded[comma.end():after[0].start].strip()


def _noun_phrase_subject(mention: Mention | None) -> bool:
    """True when a lead-in's subject is words alone of three or more, with no title, office or
    guillemets, that open with no known first name: a noun phrase («حکم جلب فرد متخلف»)
    rather than a person (two words may be a foreign name whose first name is not listed:
    «اندرو کومو»)."""
    return mention is not None and mention.rule == "bare_name" and not mention.office and not mention.quoted \
        and len(mention.name.split()) >= 3 and not looks_like_person_name(mention.name)


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


def _opens_with_not_name(folded: str, op) -> bool:
    """True when a lead-in with no mention opens with a word that begins no person's name
    (``speaker_not_names.txt``: «مسکو», «بیانیه»): its subject is a place, a body or a document,
    not the last speaker."""
    begin = _outlet_prefix_end(folded, report_prefix_end(folded, op.lead_start, op.lead_end), op.lead_end)
    first = _WORD_RE.match(folded, _skip_spaces(folded, begin, op.lead_end), op.lead_end)
    return bool(first) and first.group() in _not_names()


def _only_stopwords(folded: str, op) -> bool:
    """True when the lead-in before an object statement holds only stopwords that name no
    thing («همچنین از», not «این گزارش از»)."""
    begin = report_prefix_end(folded, op.lead_start, op.lead_end)
    return all(_is_stop(w) and w not in _not_names() for w in _WORD_RE.findall(folded[begin:op.lead_end]))


# At most this many words of a title's lead around the one person it names («... پس از دیدار با
# ظریف:»): more, and the title is a sentence of its own.
_HEADLINE_EXTRA_WORDS = 5


def _speaking_person(m: Mention, registry: _Registry):
    """The person of the article who speaks and whom ``m`` names (by name, or by an office
    compatible with theirs); None when there is not exactly one."""
    if m.kind == "pronoun":
        return None
    if m.name:
        found = [p for p in registry.persons if p.speaks and p.name and same_name(p.name, m.name)]
    elif m.office and not m.generic:
        found = [p for p in registry.persons if p.speaks and _offices_compatible(p, m)]
    else:
        found = []
    return found[0] if len(found) == 1 else None


def _headline_quote(text: str, folded: str, spans: list, registry: _Registry):
    """The title «Person: statement», when the part before the colon is one mention."""
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
        # «لودریان پس از دیدار با ظریف: ...», «انتقاد صریح هاشمی از حناچی: ...»: a few words
        # around the one person named, who speaks in the body, are the headline's, not theirs
        person = _speaking_person(m, registry)
        extra = _WORD_RE.findall(folded[op.lead_start:m.start] + " " + rest)
        if person is None or len(extra) > _HEADLINE_EXTRA_WORDS:
            return None
        person.mentions += 1
        person.first_speech = min(person.first_speech, op.start)
        return (op, person, f"headline+{m.rule or m.kind}+extra_words")
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
    # Rows as tuples in the order of the columns after article_id (SPEAKER_COLUMNS[1:],
    # QUOTE_COLUMNS[1:]): no dict per row to take apart again.
    sp_rows = [(ids[id(p)], p.name or p.office, _surname(p.name) if p.name else "", p.honorific, p.office,
                p.organisation, p.province, p.role or "other", max(p.mentions, 1), p.start, p.end, p.rule)
               for p in speakers]
    q_rows = []
    for i, (op, person, how) in enumerate(sorted(rows, key=lambda r: r[0].start), start=1):
        s_start, s_end = sentence_span(op)
        if op.reach_start is not None:
            s_start = max(s_start, min(op.reach_start, op.start))
        q_rows.append((f"{article_id}#q{i}", ids.get(id(person), "") if person is not None else "", op.verb,
                       op.stance, op.kind, text[op.start:op.end], op.start, op.end, op.paragraph,
                       s_start, s_end, f"{op.rule}|{how}"))
    return (columns_of_tuples(article_id, sp_rows, SPEAKER_COLUMNS[1:]),
            columns_of_tuples(article_id, q_rows, QUOTE_COLUMNS[1:]))
