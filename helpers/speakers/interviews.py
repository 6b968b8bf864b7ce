"""Question-and-answer interviews: :func:`interview_answers` gives each answer to the person
interviewed (or to the person its label names).

:mod:`helpers.speakers.article` calls it once the article's statements and speakers are found,
and shares :func:`_strip_span_text` (a span without the spaces around it).
"""

from __future__ import annotations

import re

from ..chars import ZWNJ
from ..quotes import Opening
from .mentions import find_mentions
from .persons import _Registry, same_name

# A line that opens with a short label and a colon: «فارس: ...», «واحدی: ...».
_LABEL = re.compile(r"\s*[*•\-–]?\s*(?P<label>[^:：\n.!?؟،,«»]{2,30}?)\s*[:：]")
_SUBHEADING = re.compile(r"\s*[*•■]")
# How a question opens in an interview: a bullet («*سؤال؟», «- سؤال؟») or a label («فارس: ...؟»).
_QUESTION_MARK = re.compile(r"\s*[*•■\-–]")
_SENTENCE_FINAL = re.compile(r"[.!?؟…»]\s*$")


def _ends_with_question(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` (a paragraph: no line break) ends with a question mark,
    then perhaps spaces and a closing guillemet or quote, then perhaps spaces: read back from
    its end, as it is asked for every paragraph (a regex ending with «$» scanned the whole
    paragraph for question marks)."""
    while end > start and folded[end - 1].isspace():
        end -= 1
    if end > start and folded[end - 1] in '»"':
        end -= 1
        while end > start and folded[end - 1].isspace():
            end -= 1
    return end > start and folded[end - 1] in "؟?"


def interview_answers(text: str, folded: str, spans: list, registry: _Registry, rows: list) -> list:
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

    ``spans``: the article's paragraph spans (:func:`helpers.text.paragraph_spans`); ``rows``:
    (opening, person, rule) of the statements found so far, returned with the answers added.
    """
    quoted_paragraphs = {op.paragraph for op, _, _ in rows}
    questions = []
    for index, p_start, p_end in spans[1:]:
        if index not in quoted_paragraphs and _ends_with_question(folded, p_start, p_end) and p_end - p_start < 600 \
                and (_QUESTION_MARK.match(folded, p_start, p_end) or _LABEL.match(folded, p_start, p_end)):
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
    """(start, end) of ``text[start:end]`` without the spaces and zero-width non-joiners around it.

    ``str.strip`` drops what ``str.isspace`` calls a space, in C: asked for every paragraph."""
    segment = text[start:end]
    kept = segment.lstrip()
    while kept[:1] == ZWNJ:
        kept = kept.lstrip(ZWNJ).lstrip()
    start += len(segment) - len(kept)
    kept = kept.rstrip()
    while kept[-1:] == ZWNJ:
        kept = kept.rstrip(ZWNJ).rstrip()
    return start, start + len(kept)
