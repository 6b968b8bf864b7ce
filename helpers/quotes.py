"""Where reported statements are in an article: reporting verbs, indirect markers, statements.

This module finds *openings*: the places where a statement starts («... گفت: », «به گفته وی،»,
«... تصریح کرد که ...», a headline «Name: ...»), the lead-in before each (where the speaker is
named) and the statement's span. Who the speaker is, is decided in :mod:`helpers.speakers`.

All matching happens on :func:`helpers.text.fold`, a copy of the text of the same length (so
every offset is an offset into the text given) with Arabic letters as Persian ones, «أ/ئ» as
«ا/ی» and the zero-width non-joiner as a space; lexicon entries are folded the same way and
their spaces may be missing or doubled in the text («اظهارداشت», «خاطر نشان کرد»).

Lexicons read here (``LEXICONS``): ``reporting_verbs.tsv``, ``quote_markers.tsv``,
``speaker_function_words.tsv``, ``speaker_pronouns.txt``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from .chars import ZWNJ
from .lexicons import LexiconError, load_list, load_table
from .text import (
    LETTER,
    LETTER_RE,
    WORD,
    SpanIndex,
    bounded,
    ending_a_word,
    entry_regex,
    entry_tree,
    fold,
    matches_at,
    occurrences,
    paragraph_spans,
    phrase_alternation,
    sentence_end_after,
    sentence_start_before,
    starts_between,
    word_starts,
)

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("reporting_verbs", "quote_markers", "speaker_function_words", "speaker_pronouns")

_COLON = r"\s*[:：]"


@dataclass(frozen=True)
class Verb:
    verb: str
    stance: str
    object: str = ""  # the word opening the statement when the verb ends the sentence («از»)


@lru_cache(maxsize=None)
def reporting_verbs() -> tuple[Verb, ...]:
    """The reporting verbs of ``lexicons/reporting_verbs.tsv``, longest first."""
    rows = [Verb(r["verb"], r["stance"], r.get("object", "") or "") for r in _verb_rows() if "…" not in r["verb"]]
    return tuple(sorted(rows, key=lambda v: -len(v.verb)))


@lru_cache(maxsize=None)
def _verb_rows() -> tuple[dict, ...]:
    return tuple(load_table("reporting_verbs"))


@lru_cache(maxsize=None)
def split_verbs() -> tuple[Verb, ...]:
    """Verbs written around their statement («خواستار … شد»: «X خواستار توجه به ... شد.»),
    the ``reporting_verbs.tsv`` rows with «…»; not part of :func:`verb_source`."""
    return tuple(Verb(r["verb"], r["stance"], r.get("object", "") or "") for r in _verb_rows() if "…" in r["verb"])


@lru_cache(maxsize=None)
def _split_verb_regexes() -> tuple[tuple[re.Pattern, Verb, str], ...]:
    out = []
    for v in split_verbs():
        head, tail = (entry_regex(part) for part in v.verb.split("…"))
        # The head word, up to 40 words of statement in the sentence, the tail closing it.
        out.append((re.compile(rf"(?<!{LETTER})(?P<head>{head})\s+(?P<body>(?:[^\s.!?؟:؛]+\s+){{1,40}}?)"
                               rf"(?P<tail>{tail})\s*(?:[.!?؟]|$)"), v, fold(v.verb.split("…")[0]).split()[0]))
    return tuple(out)


@lru_cache(maxsize=None)
def _verb_lookup() -> dict[str, Verb]:
    return {re.sub(r"\s+", "", fold(v.verb)): v for v in reporting_verbs()}


@lru_cache(maxsize=1024)  # a few dozen verbs, as written, recur in every article
def verb_for(surface: str) -> Verb:
    """The lexicon verb a matched surface stands for (stance ``unknown`` when not listed)."""
    return _verb_lookup().get(re.sub(r"\s+", "", fold(surface)), Verb(surface, "unknown"))


@lru_cache(maxsize=None)
def verb_source() -> str:
    """Regex source of any reporting verb, as a whole word."""
    return bounded("|".join(entry_regex(v.verb) for v in reporting_verbs()))


@lru_cache(maxsize=None)
def generic_verb_regex() -> re.Pattern:
    """A compound verb the lexicon does not list: «... ابراز خرسندی کرد:», a word and a light
    verb (``speaker_function_words.tsv``, use light_verb) ending the lead-in. Used only when the
    lead-in names a speaker, see helpers.speakers."""
    light_verbs = "|".join(map(re.escape, function_words("light_verb")))
    return re.compile(rf"(?<!{LETTER}){WORD}\s*(?:{light_verbs})\s*$")


# What follows the reporting verb in each scanner's regex (the verb is verb_source()): the
# regexes below, and alone, tried where a verb ends (_verbs_followed_by).
# The verb right before a colon, or before an opening guillemet («وی گفت «...»»).
_COLON_TAIL = rf"(?:{_COLON}|\s*(?=«))"
_THAT_TAIL = rf"\s*،?\s*که(?!{LETTER})"
_FINAL_TAIL = r"\s*(?:[.!?؟]|$)"
# No colon, «که», «و» or sentence end after the verb; «گفت» of «گفت‌وگو» is no verb.
_BARE_TAIL = rf"(?!\s*و\s*گو)(?:[ \t]*[،,][ \t]*|[ \t]+)(?=\w)(?!(?:که|و|را)(?!{LETTER}))"


@lru_cache(maxsize=None)
def _colon_verb_regex() -> re.Pattern:
    return re.compile(rf"(?P<verb>{verb_source()}){_COLON_TAIL}")


@lru_cache(maxsize=None)
def _glued_colon_verb_regex() -> re.Pattern:
    # «... اشاره کرد وگفت:»: «و» written joined to the verb. The lookbehind comes after the
    # «و» («no letter before the و»), so that the regex opens with a letter: the regex engine
    # then jumps from «و» to «و» instead of trying every position (a quarter of the time).
    verbs = "|".join(entry_regex(v.verb) for v in reporting_verbs())
    return re.compile(rf"و(?<!{LETTER}و)(?P<verb>{verbs})(?!{LETTER}){_COLON}")


@lru_cache(maxsize=None)
def _that_verb_regex() -> re.Pattern:
    return re.compile(rf"(?P<verb>{verb_source()}){_THAT_TAIL}")


@lru_cache(maxsize=None)
def _final_verb_regex() -> re.Pattern:
    return re.compile(rf"(?P<verb>{verb_source()}){_FINAL_TAIL}")


@lru_cache(maxsize=None)
def quote_markers() -> tuple[tuple[str, str], ...]:
    """(marker, where) pairs from ``lexicons/quote_markers.tsv``, longest first."""
    rows = [(r["marker"], r["where"]) for r in load_table("quote_markers")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=None)
def _marker_regex(where: str) -> re.Pattern:
    entries = [m for m, w in quote_markers() if w == where]
    # «اینکه» is written «اینکه», «این که» and «این‌که»: the joiner makes all three match.
    return re.compile(bounded("|".join(entry_regex(m) for m in entries)))


@lru_cache(maxsize=None)
def _marker_last_words(where: str) -> tuple[str, ...]:
    """The last words of the markers of :func:`_marker_regex`, folded: every match holds one
    as written. A few ``str.find`` calls spare most paragraphs the regex scan, which a
    leading lookbehind makes try every position («به» and «از» open words everywhere)."""
    return tuple(dict.fromkeys(fold(m).replace("…", " ").split()[-1] for m, w in quote_markers() if w == where))


@lru_cache(maxsize=None)
def _op_ed_regex() -> re.Pattern:
    # A guest note's heading opening a sentence: «یادداشت میهمان ـ », «- یادداشت: ».
    entries = sorted((m for m, w in quote_markers() if w == "op_ed"), key=len, reverse=True)
    return re.compile(r"\s*(?:[-–ـ]\s*)?(?P<marker>" + bounded("|".join(entry_regex(m) for m in entries))
                      + r")\s*[-–ـ:]?\s*")


@dataclass
class Opening:
    """One reported statement, before its speaker is known.

    ``lead_start``..``lead_end`` is the lead-in where the speaker is named; the statement is
    ``start``..``end``; the whole sentence (lead-in and statement) is
    ``sentence_start``..``end``.
    """

    kind: str  # direct | indirect | headline
    verb: str
    stance: str
    lead_start: int
    lead_end: int
    start: int
    end: int
    paragraph: int
    rule: str
    generic: bool = False
    # True for a statement with no colon, «که» or marker («وی اعلام کرد ۲۰ نفر ...»): the caller
    # keeps it only when the lead-in names a speaker by title, office, pronoun or a known name.
    strict: bool = False
    # True for «به گفته X statement» with no comma: the statement is ``start``..``end`` with the
    # speaker's mention at its start; the caller moves ``start`` past the mention.
    split: bool = False
    # The whole sentence when it reaches beyond the lead-in and statement (None: it does not).
    sentence_start: int | None = None
    sentence_end: int | None = None
    # Where the words the speaker owns begin, when the lead-in holds others' words first
    # (set by helpers.speakers; None: the whole sentence is the speaker's).
    reach_start: int | None = None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces, commas and a pair of guillemets around it."""
    while start < end and (text[start].isspace() or text[start] in "،,؛" or text[start] == ZWNJ):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ZWNJ):
        end -= 1
    if end - start >= 2 and text[start] == "«" and text[end - 1] == "»" and "«" not in text[start + 1:end - 1]:
        start, end = start + 1, end - 1
    elif end - start >= 2 and text[start] == "«" and text[end - 2:end] in ("».", "»؛"):
        start, end = start + 1, end - 2
    return start, end


_COLON_MARK = re.compile(r"[:：]")
_ASCII_COLON = re.compile(":")  # a literal: the regex engine jumps to it, a class is tested at every character


def colon_openings(text: str, folded: str, paragraph: int, p_start: int, p_end: int, *,
                   verbs: list[int] | None = None, glued: list[int] | None = None,
                   verb_colons: list[tuple[int, int, int]] | None = None) -> list[Opening]:
    """Direct statements of one paragraph: a lead-in ending with a reporting verb, then «:».

    A colon whose lead-in ends with a compound verb the lexicon lacks (:func:`generic_verb_regex`)
    is kept with ``generic=True``: the caller keeps it only when the lead-in names a speaker.

    ``verbs``: where reporting verbs start in the paragraph (:func:`verb_starts`), found here
    when not given. ``glued``: where a «و» joined to a reporting verb stands in the paragraph
    (:func:`_verb_positions`), the glued verbs looked for in the whole paragraph when not given.
    ``verb_colons``: the matches of the colon verb regex in the paragraph, as (verb start, verb
    end, end) (:func:`_verbs_followed_by`), found here (at ``verbs``) when not given.
    """
    found: dict[int, Opening] = {}
    if verb_colons is None:
        verb_colons = _verb_and_ends(_verb_matches(_colon_verb_regex(), folded, p_start, p_end, verbs))
    statements = list(verb_colons)
    has_colon = _holds_colon(folded, p_start, p_end)
    if has_colon:
        glued_regex = _glued_colon_verb_regex()
        statements += _verb_and_ends(glued_regex.finditer(folded, p_start, p_end) if glued is None
                                     else matches_at(glued_regex, folded, glued, p_end))
    for verb_start, verb_end, end in statements:
        lead_start = sentence_start_before(folded, verb_start, p_start)
        verb = verb_for(text[verb_start:verb_end])
        found[end] = Opening("direct", text[verb_start:verb_end], verb.stance, lead_start, verb_start,
                             end, p_end, paragraph, f"verb:{verb.verb}")
    if not has_colon:
        return list(found.values())  # verb statements before «», no colon to read
    # Where the verb statements start, as a set: a colon right before one is its own colon.
    verb_starts_at = {o.start for o in found.values()}
    colon_marks = _COLON_MARK if folded.find("：", p_start, p_end) >= 0 else _ASCII_COLON  # «：» is rare
    for m in colon_marks.finditer(folded, p_start, p_end):
        colon = m.start()
        if colon + 1 in found or colon + 1 in verb_starts_at:
            continue
        if 0 < colon and colon + 1 < len(folded) and folded[colon - 1].isdigit() and folded[colon + 1].isdigit():
            continue  # a time of day «۱۰:۳۰»
        lead_start = sentence_start_before(folded, colon, p_start)
        note = _op_ed_regex().match(folded, lead_start, colon)
        if note and 0 < colon - note.end() <= 60 and re.search(WORD, folded[note.end():colon]):
            # «یادداشت میهمان X، استاد دانشگاه: ...»: the note's author, then their own text;
            # strict, as «یادداشت روز:» names no author.
            found[colon + 1] = Opening("headline", text[note.start("marker"):note.end("marker")], "neutral",
                                       note.end(), colon, colon + 1, p_end, paragraph, "op_ed", strict=True)
            continue
        g = generic_verb_regex().search(folded[lead_start:colon])
        if g:
            verb_text = text[lead_start + g.start():lead_start + g.end()].strip()
            found[colon + 1] = Opening("direct", verb_text, "unknown", lead_start, lead_start + g.start(),
                                       colon + 1, p_end, paragraph, "verb:generic", generic=True)
    return list(found.values())


def _verb_and_ends(matches) -> list[tuple[int, int, int]]:
    """(verb start, verb end, end) of each match of a regex with a ``verb`` group."""
    return [(m.start("verb"), m.end("verb"), m.end()) for m in matches]


def marker_openings(text: str, folded: str, paragraph: int, p_start: int, p_end: int, *,
                    words: tuple[str, ...] | None = None) -> list[Opening]:
    """«به گفته وی، ...»: a marker naming the speaker, then the statement up to the sentence end.

    With no comma within 80 characters the opening is marked ``split`` (see :class:`Opening`).

    ``words``: the markers' last words (:func:`_marker_last_words`) the article holds at all
    (:func:`find_openings` looks once per article), all of them when not given.
    """
    out = []
    words = _marker_last_words("after_person") if words is None else words
    if not any(folded.find(word, p_start, p_end) >= 0 for word in words):
        return out
    for m in _marker_regex("after_person").finditer(folded, p_start, p_end):
        comma = re.compile(r"[،,]").search(folded, m.end(), min(p_end, m.end() + 80))
        if not comma:
            # «به گفته وی ۲۰ نفر ...»: no comma; the caller splits the speaker off the statement.
            end = sentence_end_after(folded, m.end(), p_end)
            op = Opening("indirect", text[m.start():m.end()], "neutral", m.end(), m.end(), m.end(), end,
                         paragraph, f"marker:{fold(text[m.start():m.end()])}", split=True)
            op.sentence_start = sentence_start_before(folded, m.start(), p_start)
            out.append(op)
            continue
        end = sentence_end_after(folded, comma.end(), p_end)
        out.append(Opening("indirect", text[m.start():m.end()], "neutral", m.end(), comma.start(),
                           comma.end(), end, paragraph, f"marker:{fold(text[m.start():m.end()])}"))
        out[-1].lead_start = m.end()
        out[-1].sentence_start = sentence_start_before(folded, m.start(), p_start)
    return out


def that_openings(text: str, folded: str, paragraph: int, p_start: int, p_end: int, *,
                  verbs: list[int] | None = None) -> list[Opening]:
    """«وی گفت که ...»: a reporting verb followed by «که», the statement to the sentence end.

    ``verbs``: where reporting verbs start in the paragraph (:func:`verb_starts`), found here
    when not given.
    """
    out = []
    for m in _verb_matches(_that_verb_regex(), folded, p_start, p_end, verbs):
        lead_start = sentence_start_before(folded, m.start("verb"), p_start)
        end = sentence_end_after(folded, m.end(), p_end)
        verb = verb_for(text[m.start("verb"):m.end("verb")])
        out.append(Opening("indirect", text[m.start("verb"):m.end("verb")], verb.stance, lead_start,
                           m.start("verb"), m.end(), end, paragraph, f"that:{verb.verb}"))
    return out


def clause_openings(text: str, folded: str, paragraph: int, p_start: int, p_end: int, *,
                    verbs: list[int] | None = None) -> list[Opening]:
    """«وی با بیان اینکه ...، افزود.»: the clause of a sentence that ends with a reporting verb.

    Only for sentences whose reporting verb closes the sentence; when a colon follows the verb
    the clause is part of a direct statement's lead-in instead.

    ``verbs``: where reporting verbs start in the paragraph (:func:`verb_starts`), found here
    when not given.
    """
    out = []
    for m in _verb_matches(_final_verb_regex(), folded, p_start, p_end, verbs):
        lead_start = sentence_start_before(folded, m.start("verb"), p_start)
        marker = _marker_regex("clause").search(folded, lead_start, m.start("verb"))
        if not marker:
            continue
        commas = [c.start() for c in re.finditer(r"[،,]", folded[marker.end():m.start("verb")])]
        end = marker.end() + commas[-1] if commas else m.start("verb")
        verb = verb_for(text[m.start("verb"):m.end("verb")])
        op = Opening("indirect", text[marker.start():marker.end()], verb.stance, lead_start,
                     marker.start(), marker.end(), end, paragraph, f"clause:{fold(text[marker.start():marker.end()])}")
        op.sentence_end = sentence_end_after(folded, m.start("verb"), p_end)
        out.append(op)
    return out


@lru_cache(maxsize=None)
def function_words(use: str) -> tuple[str, ...]:
    """The words of ``lexicons/speaker_function_words.tsv`` doing ``use`` (object_marker,
    place, noun_phrase, compound_head, compound_tail, narrator_modal), in file order."""
    words = tuple(row["word"] for row in load_table("speaker_function_words") if row["use"] == use)
    if not words:
        raise LexiconError(f"speaker_function_words.tsv has no word for the use {use!r}")
    return words


# Function words with a job in the rules (``lexicons/speaker_function_words.tsv``): words
# before «از»/«بر» and after «بر» that make a compound preposition («پس از», «بر اساس»), and
# words before a verb that make it the narrator's («می‌توان گفت»).
_COMPOUND_HEADS = frozenset(function_words("compound_head"))
_COMPOUND_TAILS = frozenset(function_words("compound_tail"))
_NOT_BEFORE_BARE_VERB = frozenset(function_words("narrator_modal"))
_REPORT_PREFIX = re.compile(rf"\s*(?:{phrase_alternation(function_words('report_prefix'))})")
_DATELINE_WORDS = tuple(function_words("dateline_word"))


def report_prefix_end(folded: str, start: int, end: int) -> int:
    """Where a lead-in starts after «به گزارش ...،» / «به نقل از ...،» (``start`` when it has none);
    after both when one follows the other («به گزارش ایسنا، به نقل از اسپوتنیک، ...»)."""
    m = _REPORT_PREFIX.match(folded, start, end)
    if not m:
        return start
    comma = re.compile(r"[،,]").search(folded, m.end(), end)
    if comma:
        return report_prefix_end(folded, comma.end(), end)
    # «به گزارش فارس وی ... گفت»: with no comma, the prefix ends before a pronoun.
    pronoun = _pronoun_word_regex().search(folded, m.end(), end)
    return pronoun.start() if pronoun else end


@lru_cache(maxsize=None)
def _pronoun_word_regex() -> re.Pattern:
    return re.compile(bounded("|".join(entry_regex(p) for p in pronouns())))


def _object_word(folded: str, word: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the first «word» (از, بر...) in ``folded[start:end]`` that opens an object phrase.

    Skipped: the word inside a compound preposition («پس از», «یکی از», «بر اساس») and right
    after «خبرنگار ...» («خبرنگار فارس از ارومیه», a dateline).
    """
    for m in re.finditer(bounded(re.escape(word)), folded[start:end]):
        pos = start + m.start()
        before = re.findall(WORD, folded[max(start, pos - 40):pos])
        after = re.match(rf"\s*({WORD})", folded[start + m.end():end])
        if before and before[-1] in _COMPOUND_HEADS:
            continue
        if after and after.group(1) in _COMPOUND_TAILS:
            continue
        if any(w.startswith(_DATELINE_WORDS) for w in before[-3:]):
            continue  # «در گفت‌وگو با خبرنگار فارس از ارومیه»: a dateline
        return pos, start + m.end()
    return None


def object_openings(text: str, folded: str, paragraph: int, p_start: int, p_end: int, *,
                    verbs: list[int] | None = None) -> list[Opening]:
    """«فرمانده انتظامی استان از کشف ۲ تن مواد مخدر خبر داد.»: a sentence closed by a verb
    whose statement is its object; the statement runs from the verb's object word (the
    ``object`` column of reporting_verbs.tsv: «از», «بر») to the verb.

    The speaker's lead-in is the sentence before the object word (after «به گزارش ...،»).

    ``verbs``: where reporting verbs start in the paragraph (:func:`verb_starts`), found here
    when not given.
    """
    out = []
    for m in _verb_matches(_final_verb_regex(), folded, p_start, p_end, verbs):
        verb = verb_for(text[m.start("verb"):m.end("verb")])
        if not verb.object:
            continue
        lead_start = sentence_start_before(folded, m.start("verb"), p_start)
        begin = report_prefix_end(folded, lead_start, m.start("verb"))
        obj = _object_word(folded, fold(verb.object), begin, m.start("verb"))
        if obj is None or not re.search(WORD, folded[begin:obj[0]]):
            continue
        op = Opening("indirect", text[m.start("verb"):m.end("verb")], verb.stance, lead_start,
                     obj[0], obj[1], m.start("verb"), paragraph, f"object:{verb.verb}")
        op.sentence_end = sentence_end_after(folded, m.start("verb"), p_end)
        out.append(op)
    return out


def split_openings(text: str, folded: str, paragraph: int, p_start: int, p_end: int, *,
                   regexes: tuple | None = None) -> list[Opening]:
    """«نماینده مردم ... خواستار توجه بیشتر به ... شد.»: a verb written around its statement
    (:func:`split_verbs`); the statement is what stands between the verb's two parts.

    ``regexes``: the entries of :func:`_split_verb_regexes` whose head word the article holds
    at all (:func:`find_openings` looks once per article), all of them when not given."""
    out = []
    for regex, verb, head_word in _split_verb_regexes() if regexes is None else regexes:
        if folded.find(head_word, p_start, p_end) < 0:
            continue
        for m in regex.finditer(folded, p_start, p_end):
            lead_start = sentence_start_before(folded, m.start("head"), p_start)
            begin = report_prefix_end(folded, lead_start, m.start("head"))
            if not re.search(WORD, folded[begin:m.start("head")]):
                continue
            surface = f"{text[m.start('head'):m.end('head')]} … {text[m.start('tail'):m.end('tail')]}"
            op = Opening("indirect", surface, verb.stance, lead_start, m.start("head"), m.start("body"),
                         m.start("tail"), paragraph, f"object:{verb.verb}")
            op.sentence_end = sentence_end_after(folded, m.start("tail"), p_end)
            out.append(op)
    return out


@lru_cache(maxsize=None)
def _bare_verb_regex() -> re.Pattern:
    # A reporting verb followed straight by its statement (or a comma and the statement).
    return re.compile(rf"(?P<verb>{verb_source()}){_BARE_TAIL}")


def bare_openings(text: str, folded: str, paragraph: int, p_start: int, p_end: int, *,
                  verbs: list[int] | None = None) -> list[Opening]:
    """«وی اعلام کرد ۲ تن مواد مخدر کشف شد.»: a reporting verb followed straight by the
    statement, which runs to the sentence end. Marked ``strict``: kept only when the lead-in
    names a speaker (see :mod:`helpers.speakers`).

    ``verbs``: where reporting verbs start in the paragraph (:func:`verb_starts`), found here
    when not given.
    """
    out = []
    for m in _verb_matches(_bare_verb_regex(), folded, p_start, p_end, verbs):
        if text[m.end("verb"):m.end("verb") + 1] == ZWNJ:
            continue  # «هشدار داد‌ه‌اند»: the verb goes on past a zero-width non-joiner
        before = re.findall(WORD, folded[max(p_start, m.start() - 20):m.start()])
        if before and before[-1] in _NOT_BEFORE_BARE_VERB:
            continue
        lead_start = sentence_start_before(folded, m.start("verb"), p_start)
        if not re.search(WORD, folded[lead_start:m.start("verb")]):
            continue
        end = sentence_end_after(folded, m.end(), p_end)
        verb = verb_for(text[m.start("verb"):m.end("verb")])
        out.append(Opening("indirect", text[m.start("verb"):m.end("verb")], verb.stance, lead_start,
                           m.start("verb"), m.end(), end, paragraph, f"bare:{verb.verb}", strict=True))
    return out


@lru_cache(maxsize=None)
def _semicolon_verb_regex() -> re.Pattern:
    return re.compile(rf"(?P<verb>{verb_source()})\s*؛")


def headline_opening(text: str, folded: str, p_start: int, p_end: int) -> Opening | None:
    """The title «Name: statement» or «Name خبر داد؛ statement»: the part before the first
    colon (or before a reporting verb and «؛»), when short, is a lead-in."""
    m = re.compile(r"[:：]").search(folded, p_start, p_end)
    # Only in a title holding «؛» near its start: the regex, an alternation of every verb, is
    # tried at each of its positions, and most titles hold none.
    window_end = min(p_end, p_start + 100)
    semi = _semicolon_verb_regex().search(folded, p_start, window_end) \
        if folded.find("؛", p_start, window_end) >= 0 else None
    if semi and (not m or semi.start() < m.start()) and semi.start() > p_start and p_end - semi.end() >= 3:
        verb = verb_for(text[semi.start("verb"):semi.end("verb")])
        return Opening("headline", text[semi.start("verb"):semi.end("verb")], verb.stance, p_start,
                       semi.start("verb"), semi.end(), p_end, 0, f"headline:{verb.verb}")
    if not m or m.start() - p_start > 60 or m.start() == p_start:
        return None
    if p_end - m.end() < 3:
        return None
    return Opening("headline", ":", "neutral", p_start, m.start(), m.end(), p_end, 0, "headline")


def find_openings(text: str, *, folded: str | None = None,
                  spans: list[tuple[int, int, int]] | None = None) -> list[Opening]:
    """Every statement opening in ``text`` except a headline, in text order, with ends set.

    The first line (the title) is read like any paragraph: a title may be a lead paragraph
    with its own reporting verb; :func:`headline_opening` reads the «Name: ...» form.

    A statement runs to the end of its paragraph or to the start of the next opening's
    sentence in the same paragraph, whichever comes first. Indirect statements («که», clause,
    object and bare-verb ones) are kept only before the paragraph's first direct statement;
    an object statement only in a sentence with no clause marker, a bare-verb one only outside
    every other statement.

    ``folded`` and ``spans``: :func:`helpers.text.fold` of ``text`` and its
    :func:`helpers.text.paragraph_spans`, when the caller has them already.
    """
    folded = fold(text) if folded is None else folded
    spans = paragraph_spans(text) if spans is None else spans
    # Looked for once in the whole article, then read paragraph by paragraph: where reporting
    # verbs start (a position a scan of the whole text adds, a verb written across a line
    # break, is only a place each scanner tries and finds nothing at), and which marker words
    # and split verbs the article holds at all (most hold none: their paragraphs are spared).
    verbs_at, glued_at = _verb_positions(folded, 0, len(folded))
    marker_words = tuple(word for word in _marker_last_words("after_person") if word in folded)
    split_regexes = tuple(entry for entry in _split_verb_regexes() if entry[2] in folded)
    # Where those words stand, so that a paragraph is asked by a bisection whether it holds one.
    marker_at, split_at = occurrences(folded, marker_words), occurrences(folded, {e[2] for e in split_regexes})
    out: list[Opening] = []
    for index, p_start, p_end in spans:
        if p_end - p_start < 3:
            continue
        verbs = verbs_at[bisect_left(verbs_at, p_start):bisect_left(verbs_at, p_end)]
        glued = glued_at[bisect_left(glued_at, p_start):bisect_left(glued_at, p_end)]
        # A paragraph holding none of the words is given none (its scanners then return at once).
        markers = marker_words if starts_between(marker_at, p_start, p_end) else ()
        splits = split_regexes if starts_between(split_at, p_start, p_end) else ()
        # Without a verb, only a colon (a lead-in with a verb the lexicon lacks, a guest note),
        # a marker word or a split verb's head can open a statement: most paragraphs hold none.
        if not verbs and not (markers or splits or _holds_colon(folded, p_start, p_end)):
            continue
        out += _paragraph_openings(text, folded, index, p_start, p_end, verbs=verbs, glued=glued,
                                   marker_words=markers, split_regexes=splits)
    return out


def _holds_colon(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` holds a colon, ASCII or full-width."""
    return folded.find(":", start, end) >= 0 or folded.find("：", start, end) >= 0


def _paragraph_openings(text: str, folded: str, index: int, p_start: int, p_end: int, *,
                        verbs: list[int], glued: list[int], marker_words: tuple[str, ...],
                        split_regexes: tuple) -> list[Opening]:
    """The openings of one paragraph, ends set (see :func:`find_openings`); ``verbs``: where
    reporting verbs start in it, ``glued``: where a «و» joined to one stands
    (:func:`_verb_positions`)."""
    # The four verb scanners' regexes open with a reporting verb (:func:`verb_source`, whole
    # word): each scanner is called only when its regex matches at one of the paragraph's
    # verbs, and given only those (clause and object statements share the final-verb ones).
    verb_colons, that_verbs, final_verbs, bare_verbs = _verbs_followed_by(folded, verbs, p_end)
    direct = colon_openings(text, folded, index, p_start, p_end, glued=glued, verb_colons=verb_colons)
    # Most paragraphs hold no marker word and no split verb's head (find_openings gives them
    # none): their scanners are not called at all, where each was called to find nothing.
    markers = marker_openings(text, folded, index, p_start, p_end, words=marker_words) if marker_words else []
    splits = split_openings(text, folded, index, p_start, p_end, regexes=split_regexes) if split_regexes else []
    first_colon = min([d.start for d in direct], default=p_end)  # a list: no generator made per paragraph
    that, clauses, objects, bare = [], [], [], []
    if that_verbs:
        # «که» after a verb, and clause markers, count only before the paragraph's first direct
        # statement: after it they are words of that statement.
        direct_leads = SpanIndex((d.lead_start, d.start) for d in direct)
        that = [o for o in that_openings(text, folded, index, p_start, p_end, verbs=that_verbs)
                if o.lead_end < first_colon and not direct_leads.holds(o.lead_end, end_inclusive=True)]
    if final_verbs:
        direct_starts = {o.lead_start for o in direct}
        clauses = [o for o in clause_openings(text, folded, index, p_start, p_end, verbs=final_verbs)
                   if o.lead_start not in direct_starts and o.lead_end < first_colon]
        objects = object_openings(text, folded, index, p_start, p_end, verbs=final_verbs)
    clause_starts = {o.lead_start for o in clauses}
    objects = [o for o in objects + splits if o.lead_end < first_colon and o.lead_start not in clause_starts]
    found = direct + markers + that + clauses + objects
    if bare_verbs:
        found_spans = SpanIndex((f.lead_start, f.end) for f in found)
        bare = [o for o in bare_openings(text, folded, index, p_start, p_end, verbs=bare_verbs)
                if o.lead_end < first_colon and not found_spans.holds(o.lead_end)]
    if not found and not bare:
        return []
    ops = sorted(found + bare, key=attrgetter("start"))  # read in C: a lambda was a Python call per opening
    # An opening inside a previous opening's lead-in belongs to it (a verb before «که»
    # inside a lead-in that ends with a colon): keep the earliest lead-in.
    return _ended_openings(text, ops, p_end)


def _ended_openings(text: str, ops: list[Opening], p_end: int) -> list[Opening]:
    """Set the ends of one paragraph's openings (sorted by start), spaces and guillemets
    stripped; the openings left empty are dropped.

    An opening ends where the sentence of a later opening starts (the first such start at or
    after its own start), or at the paragraph's end. One backward pass keeps the later
    openings' sentence starts in a sorted list: each limit is a bisection, not a loop over
    every later opening (quadratic in a single-line article).
    """
    later_starts: list[int] = []
    limits = [0] * len(ops)
    for i in range(len(ops) - 1, -1, -1):
        k = bisect_left(later_starts, ops[i].start)
        limits[i] = later_starts[k] if k < len(later_starts) else p_end
        insort(later_starts, _sentence_start(ops[i]))
    out = []
    for op, limit in zip(ops, limits):
        op.end = min(op.end, limit) if op.kind == "indirect" else limit
        op.start, op.end = _strip_span(text, op.start, op.end)
        if op.end > op.start:
            out.append(op)
    return out


@lru_cache(maxsize=None)
def _verb_tree() -> str:
    # The verbs as a prefix tree (same positions as verb_source, which verb does not matter
    # here): half the time of the 92-branch alternation.
    return entry_tree(v.verb for v in reporting_verbs())


@lru_cache(maxsize=None)
def _verb_search_regex() -> re.Pattern:
    # Zero-width, whether a reporting verb starts at a position (verb_at).
    return re.compile(rf"(?={bounded(_verb_tree())})")


@lru_cache(maxsize=None)
def _verb_ending_regex() -> re.Pattern:
    # Where reporting verbs start, verbs overlapping one another included (verb_starts).
    return re.compile(ending_a_word(_verb_tree()))


def verb_starts(folded: str, p_start: int, p_end: int) -> list[int]:
    """Every position in ``folded[p_start:p_end]`` where a reporting verb
    (:func:`verb_source`, whole word) starts, in text order."""
    return word_starts(_verb_ending_regex(), folded, p_start, p_end)



def _verb_positions(folded: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """(:func:`verb_starts`, the positions of a «و» written joined to a reporting verb, with
    no letter before it: «... اشاره کرد وگفت:») in ``folded[start:end]``.

    The second are the only places :func:`_glued_colon_verb_regex` can match (its verbs are
    the scan's, after such a «و»): the regex, run over every paragraph with a colon, tried
    every «و» of it, for a handful of matches in a corpus. Found by their own scan
    (:func:`_glued_verb_regex`: each «و» of the text, a verb right after it), the
    verbs by :func:`helpers.text.word_starts`, which stops only between words."""
    starts = verb_starts(folded, start, end)
    glued = []
    glued_regex = _glued_verb_regex()
    m = glued_regex.search(folded, max(start - 1, 0), end)
    while m:
        pos = m.start()
        if pos == 0 or not LETTER_RE.match(folded, pos - 1):
            glued.append(pos)
        m = glued_regex.search(folded, pos + 1, end)
    return starts, glued


@lru_cache(maxsize=None)
def _glued_verb_regex() -> re.Pattern:
    # A «و» and a reporting verb right after it (_verb_positions), the verb looked ahead for.
    return re.compile(f"و(?={_verb_ending_regex().pattern})")


def verb_at(folded: str, pos: int, end: int) -> bool:
    """Whether a reporting verb (:func:`verb_source`, whole word) starts at ``pos`` and ends
    by ``end``: the prefix tree of :func:`verb_starts` tried at one position, several times
    faster than the alternation of every verb."""
    return _verb_search_regex().match(folded, pos, end) is not None


def _verb_matches(regex: re.Pattern, folded: str, p_start: int, p_end: int, verbs: list[int] | None):
    """``regex.finditer(folded, p_start, p_end)`` for a regex that opens with a reporting verb
    (:func:`verb_source`), tried only where ``verbs`` (:func:`verb_starts`) says one starts:
    one scan of a paragraph for verbs serves every scanner (see :func:`matches_at`).
    """
    if verbs is None:
        verbs = verb_starts(folded, p_start, p_end)
    return matches_at(regex, folded, verbs, p_end)


def _verbs_matching(regex: re.Pattern, folded: str, verbs: list[int], p_end: int) -> list[int]:
    """The positions of ``verbs`` where ``regex`` (a scanner's, opening with a reporting verb)
    matches: most paragraphs have none for most scanners, which are then not called at all.
    Given these alone, a scanner finds what it finds given every verb: :func:`matches_at` skips
    a position only inside a match found before it, at a position kept here too."""
    match = regex.match
    return [pos for pos in verbs if match(folded, pos, p_end)]


@lru_cache(maxsize=None)
def _tail_regexes() -> tuple[re.Pattern, ...]:
    """The tails of the colon, «که», final and bare verb regexes, alone, in that order."""
    return tuple(re.compile(tail) for tail in (_COLON_TAIL, _THAT_TAIL, _FINAL_TAIL, _BARE_TAIL))


@lru_cache(maxsize=None)
def _verb_ends_once() -> bool:
    """Whether a reporting verb starting at a position can end at one place only: no verb is
    another one cut where a word, or a run of letters, of it ends («X» and «X Y», «X» and
    «X‌Y»). Then a scanner's regex matches at a verb exactly when its tail matches where the
    verb ends. Compared letters only, spaces left out: more pairs than can really meet (safe)."""
    entries = [fold(v.verb) for v in reporting_verbs()]
    letters = {entry: "".join(entry.split()) for entry in entries}
    for entry in entries:
        ends, count = set(), 0  # where a shorter verb would end: before a space or a non-letter
        for ch in entry:
            if ch.isspace() or not LETTER_RE.match(ch):
                ends.add(count)
            count += not ch.isspace()
        cuts = {letters[entry][:end] for end in ends if 0 < end < len(letters[entry])}
        if any(letters[other] in cuts for other in entries):
            return False
    return True


def _verbs_followed_by(folded: str, verbs: list[int], p_end: int) -> tuple[list, list[int], list[int], list[int]]:
    """What the verb scanners' regexes find at ``verbs`` (a paragraph's, ending at ``p_end``):
    the colon verb regex's matches as (verb start, verb end, end), in the order
    :func:`matches_at` yields them, then the positions where the «که», final and bare verb
    regexes match (:func:`_verbs_matching` of each); most paragraphs hold none of most.

    Each verb read once: where it ends (the verbs' prefix tree), then each tail tried there,
    instead of each regex trying the alternation of every verb again. Only when every verb ends
    at one place (:func:`_verb_ends_once`); else each regex is tried at each verb."""
    if not _verb_ends_once():
        return (_verb_and_ends(matches_at(_colon_verb_regex(), folded, verbs, p_end)),
                *(_verbs_matching(regex, folded, verbs, p_end)
                  for regex in (_that_verb_regex(), _final_verb_regex(), _bare_verb_regex())))
    colons, that, final, bare = [], [], [], []
    colon_tail, that_tail, final_tail, bare_tail = _tail_regexes()
    verb = _verb_ending_regex().match
    cursor = 0  # the colon regex's matches do not overlap (matches_at)
    for pos in verbs:
        m = verb(folded, pos, p_end)
        if m is None:
            continue  # the verb runs past the paragraph's end (its words on two lines)
        end = m.end()
        colon = colon_tail.match(folded, end, p_end) if pos >= cursor else None
        if colon:
            colons.append((pos, end, colon.end()))
            cursor = colon.end()
        for found, tail in ((that, that_tail), (final, final_tail), (bare, bare_tail)):
            if tail.match(folded, end, p_end):
                found.append(pos)
    return colons, that, final, bare


def _sentence_start(op: Opening) -> int:
    return op.lead_start if op.sentence_start is None else op.sentence_start


def sentence_span(op: Opening) -> tuple[int, int]:
    """(start, end) of the whole sentence of an opening: lead-in and statement."""
    start = min(_sentence_start(op), op.lead_start)
    end = op.end if op.sentence_end is None else max(op.end, op.sentence_end)
    return start, end


@lru_cache(maxsize=None)
def pronouns() -> tuple[str, ...]:
    """Anaphoric words for a speaker, longest first (``lexicons/speaker_pronouns.txt``)."""
    return tuple(sorted(load_list("speaker_pronouns"), key=len, reverse=True))
