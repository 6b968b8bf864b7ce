"""The event and audience reader (helpers.events): what its shortcuts must not change.

The behaviour of ``article_event`` itself is tested with the speakers (tests/test_speakers.py).
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.events import _event_gate_words, _event_patterns, _event_rows, article_event
from helpers.text import fold


def _pattern_written(pattern: str, *, spaces: str) -> str:
    """A sentence holding an events.tsv pattern, its words joined by ``spaces``."""
    return f"عنوان\nوزیر امروز در {spaces.join(pattern.split())} سخن گفت."


def test_every_match_of_an_event_pattern_holds_its_gate_word():
    # article_event skips a pattern when the text lacks its gate word: that is right only if
    # every match of the pattern holds the word, whatever the spaces between its words
    for row, (regex, _, _), gate in zip(_event_rows(), _event_patterns(), _event_gate_words()):
        assert gate, row["pattern"]
        for spaces in (" ", "  ", "", "\u200c"):
            folded = fold(_pattern_written(row["pattern"], spaces=spaces))
            matches = [m.group() for m in regex.finditer(folded)]
            assert all(gate in match for match in matches), (row["pattern"], spaces, matches)
        assert regex.search(fold(_pattern_written(row["pattern"], spaces=" "))), row["pattern"]


def test_the_gate_word_is_the_longest_word_of_the_pattern():
    # «در جمع خبرنگاران» is gated by «خبرنگاران», not «در», which nearly every text holds
    gates = dict(zip((row["pattern"] for row in _event_rows()), _event_gate_words()))
    assert gates["در جمع خبرنگاران"] == fold("خبرنگاران")
    assert gates["نشست"] == fold("نشست")


def _every_pattern_event(text: str) -> str:
    """The event article_event would read with no gate: every pattern tried (no statements)."""
    folded = fold(text)
    best = None
    for regex, label, _ in _event_patterns():
        m = regex.search(folded)
        if m:
            after_dar = bool(re.search(r"(?<!\S)در\s*$", folded[max(0, m.start() - 6):m.start()]))
            key = (not after_dar, m.start())
            if best is None or key < best[0]:
                best = (key, label)
    return best[1] if best else ""


_WORDS = ["وزیر", "در", "جمع", "خبرنگاران", "نشست", "خبری", "آیین", "افتتاح", "گفت", "و", "گو", "با",
          "خبرنگار", "مراسم", "همایش", "سفر", "به", "استان"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
def test_the_gate_never_hides_an_event(words):
    # the events found with the gate are the events found trying every pattern
    text = "عنوان\n" + " ".join(words) + "."
    assert article_event(text, statements=[])["event"] == _every_pattern_event(text)


_CUE_WORDS = ["در", "جمع", "خطاب", "به", "مدیران", "فرمانداران", "بخشداران", "وزیر", "گفت", " ", "  ", "\u200c"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS), min_size=1, max_size=10))
def test_the_audience_cue_gate_never_hides_a_cue(words):
    # article_event reads the cue regex only in texts holding a cue's longest word: every
    # match of the cue regex holds one, whatever the spaces between and around the words
    from helpers.events import _audience_cue_regex, _audience_cue_words

    folded = fold("".join(words))
    for m in _audience_cue_regex().finditer(folded):
        assert any(word in m.group() for word in _audience_cue_words()), m.group()
