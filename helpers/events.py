"""The event at which an article's officials spoke, and the audience: :func:`article_event`.

Read from the article's narrative (statements' words left out): the first event the text names
(``events.tsv``), preferring one introduced by «در», and the groups addressed
(``audiences.txt``) right after it or after «در جمع» / «خطاب به».

Lexicons read here (``LEXICONS``): ``events.tsv``, ``audiences.txt``, ``audience_cues.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import load_list, load_table
from .quotes import find_openings
from .text import bounded, entry_regex, first_word, fold, phrase_alternation

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("events", "audiences", "audience_cues")


@lru_cache(maxsize=None)
def _event_rows() -> tuple[dict[str, str], ...]:
    """The rows of events.tsv, longest pattern first."""
    return tuple(sorted(load_table("events"), key=lambda r: -len(r["pattern"])))


@lru_cache(maxsize=None)
def _event_patterns() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(regex, event label, the word every match opens with, as written) per events.tsv row,
    longest first."""
    return tuple((re.compile(bounded(entry_regex(r["pattern"]))), r["event"], first_word(r["pattern"]))
                 for r in _event_rows())


@lru_cache(maxsize=None)
def _event_gate_words() -> tuple[str, ...]:
    """The longest word of each events.tsv pattern, folded, in :func:`_event_patterns` order.
    :func:`entry_regex` matches each word of a pattern literally, so a pattern can match only
    a text that holds it; the longest word is the one fewest texts hold."""
    words = [[word for part in fold(r["pattern"]).split("…") for word in part.split()] for r in _event_rows()]
    return tuple(max(pattern_words, key=len, default="") for pattern_words in words)


@lru_cache(maxsize=None)
def _gated_patterns() -> tuple[tuple[str, tuple[re.Pattern, str, str]], ...]:
    """(gate word, pattern) per events.tsv row, in :func:`_event_patterns` order
    (:func:`_event_gate_words`; "" for a pattern with no word, which is always tried)."""
    return tuple(zip(_event_gate_words(), _event_patterns()))


@lru_cache(maxsize=None)
def _distinct_gate_words() -> tuple[str, ...]:
    """The gate words of :func:`_gated_patterns`, each once: several patterns share one."""
    return tuple(dict.fromkeys(gate for gate, _ in _gated_patterns() if gate))


@lru_cache(maxsize=None)
def _audience_regex() -> re.Pattern:
    entries = sorted(load_list("audiences"), key=len, reverse=True)
    return re.compile(bounded("|".join(entry_regex(e) for e in entries)))


@lru_cache(maxsize=None)
def _audience_cue_regex() -> re.Pattern:
    """«در جمع», «خطاب به» (``audience_cues.txt``) and the spaces after them."""
    return re.compile(rf"(?:{phrase_alternation(load_list('audience_cues'))})\s*")


@lru_cache(maxsize=None)
def _audience_cue_words() -> tuple[str, ...]:
    """The longest word of each cue of ``audience_cues.txt``, as written: :func:`phrase_alternation`
    matches each word literally, so a text holding none of these holds no cue. A cheap test
    before the cue regex, which is tried at every «در» of the text («در جمع»)."""
    return tuple(max(cue.split(), key=len) for cue in load_list("audience_cues") if cue.split())


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


def article_event(text: str, *, statements: list[tuple[int, int]] | None = None,
                  folded: str | None = None) -> dict:
    """The event at which the article's officials spoke and the audience, where stated.

    Returns ``{"event": label from events.tsv, "audience": the groups addressed, joined by
    «، »}``; each "" when the text does not say. The event is the first one the text names
    outside a statement's words, preferring one introduced by «در»; the audience is the groups
    named within a few words after the event, or after «در جمع» / «خطاب به».

    ``statements``: the (start, end) of the article's statements when the caller has them
    (:func:`helpers.speakers.read_speakers` finds them); found here when not given.
    ``folded``: :func:`helpers.text.fold` of ``text`` when the caller has it (the export folds
    an article once for the speakers and the event).
    """
    text = text if isinstance(text, str) else ""
    folded = fold(text) if folded is None else folded
    if statements is None:
        statements = [(op.start, op.end) for op in find_openings(text, folded=folded)]

    def outside(pos: int) -> bool:
        return not any(a <= pos < b for a, b in statements)

    best = None
    # Only the patterns whose longest word is written in the text, each gate word looked up
    # once: several patterns share one («آیین ...»), and most are absent from most texts. Not
    # the first word: «در جمع خبرنگاران» would be tried at every «در» of nearly every text.
    written = {"", *(gate for gate in _distinct_gate_words() if gate in folded)}
    for regex, label, literal in [pattern for gate, pattern in _gated_patterns() if gate in written]:
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
    cue_words = _audience_cue_words()
    if not audience and (not cue_words or any(word in folded for word in cue_words)):
        m = _audience_cue_regex().search(folded)
        if m:
            a = _audience_regex().match(folded, m.end())
            if a:
                audience = text[a.start():a.end()].strip()
    return {"event": event, "audience": audience}
