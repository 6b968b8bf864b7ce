"""The numbers table of one article: every number phrase with its kind, unit, hedge, change,
period and sentence (:func:`number_columns`, :func:`find_numbers`).

Runs :mod:`helpers.numbers.parse` over the folded text, reads each phrase's context
(:mod:`helpers.numbers.context`), gives a list's items their last item's unit, and builds the rows.

Lexicons read here (``LEXICONS``): ``hedges.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import compress, count
from operator import itemgetter

from ..text import folded_and_origin, sentence_spans
from .context import _compound_after, _kind, _read_context
from .parse import _atoms, _Phrase, _split_glued, _unit_key, read_phrase
from .tokens import _match_back, _open_gap, _tokens
from .vocabulary import _grammar, _phrase_table, _units

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("hedges",)

NUMBER_COLUMNS = [
    "article_id", "number_id", "surface", "start", "end", "value", "low", "high", "kind", "unit",
    "qualifier", "change", "period", "sentence", "sentence_start", "sentence_end", "rule",
]
KINDS = ("statistic", "date", "time", "ordinal", "identifier", "period", "other")
_ROW_COLUMNS = [name for name in NUMBER_COLUMNS if name != "number_id"]  # the columns a row holds
_ROW_VALUES = itemgetter(*_ROW_COLUMNS)  # a row's values in that order, as one tuple


# ---------------------------------------------------------------------------------------------
# The table.


def _skip_alone(phrase: _Phrase, tokens) -> bool:
    """A lone «یک» (the indefinite article), «نه» (no) or «نیم», with no number word joined to
    it, is no number (``number_grammar.tsv``, role lone_skip); nor is a bare scale word made an
    adjective or a plural («میلیونی», «میلیون ها»). The lone word is kept when a measure unit
    follows it («یک درصد», «یک میلیارد تومان» is no lone word anyway) or a hedge precedes it
    («کمتر از یک ساعت»)."""
    if len(phrase.atoms) != 1:
        return False
    atom = phrase.atoms[0]
    after = phrase.last + 1
    if atom.kind == "scale":  # «میلیونی», «میلیون ها»: a vague size, not a figure
        plural = after < len(tokens.keys) and tokens.keys[after] in _grammar("plural") and _open_gap(tokens.gaps[after])
        return atom.ending == "adjective" or plural
    if atom.ending or tokens.keys[phrase.first] not in _grammar("lone_skip"):
        return False
    if after < len(tokens.keys) and _open_gap(tokens.gaps[after]) and _units().get(_unit_key(tokens.keys[after])) in _MEASURE_KINDS:
        partitive = after + 1 < len(tokens.keys) and tokens.keys[after + 1] in _grammar("partitive")  # «یک تن از ...»: one of
        return partitive
    return not _match_back(tokens, phrase.first, _phrase_table("hedges", "qualifier"))[0]


# unit kinds that make a lone «یک» a figure: «یک درصد», «یک تن» (not «یک نفر», «یک روز»)
_MEASURE_KINDS = frozenset({"percent", "multiple", "mass", "area", "length", "volume", "money"})


_LIST_GAP = re.compile(r"[\s\u200c]*(?:[\u060c,][\s\u200c]*)?(?:\u0648[\s\u200c]+)?")
_UNIT_RULES = ("unit:lexicon", "unit:glued", "unit:sign", "unit:classifier", "unit:list")


def _with_list_units(rows: list[dict], text: str) -> list[dict]:
    """``rows`` (new dicts; the given ones are left as they are) with the first items of a list
    given the last item's unit: in «کاهش ۱۲، ۳۰ و ۴۵ درصدی» every number is a percent, in
    «روزهای ۲۱، ۲۳ و ۲۵ فروردین» every number a day. Only numbers with no unit that are
    statistics or labels, joined to the next one by «،» or «و» alone; the first item's change
    word («کاهش») is carried to the items after it."""
    rows = list(rows)  # a row is copied before it changes (few do): the given dicts stay as they are
    linked = []
    for i in range(len(rows) - 2, -1, -1):
        row, nxt = rows[i], rows[i + 1]
        if row["unit"] or not _LIST_GAP.fullmatch(text, row["end"], nxt["start"]):
            continue
        parts = row["rule"].split(";")
        if parts[1] not in ("kind:statistic", "kind:label"):
            continue
        next_rule = nxt["rule"].split(";")
        if nxt["kind"] == "statistic" and nxt["unit"] and any(r in _UNIT_RULES for r in next_rule):
            row = rows[i] = dict(row)
            row["kind"], row["unit"] = "statistic", nxt["unit"]
            parts[1] = "kind:list_item"
            row["rule"] = ";".join(parts + ["unit:list"])
            linked.append(i)
        elif nxt["kind"] == "date" and next_rule[1].startswith(("kind:date_after", "kind:list_date")):
            row = rows[i] = dict(row)
            row["kind"] = "date"
            parts[1] = "kind:list_date"
            row["rule"] = ";".join(parts)
    for i in reversed(linked):  # text order: a change travels down the list
        if rows[i]["change"] != "none" and rows[i + 1]["change"] == "none":
            rows[i + 1] = dict(rows[i + 1], change=rows[i]["change"])
    return rows


class _LineSentences:
    """The sentences of a text as :func:`helpers.text.sentence_spans` cuts them, each line's
    found the first time a number of that line asks: a sentence never crosses a line break, and
    a line cut alone gives the spans the whole text gives in it (a line's end cuts as its «\\n»
    does). Lines without a number, about half of the text, are never cut, and a number asks
    once, where :func:`helpers.text.sentence_spans` cut every line and each number bisected it
    twice: 0.081 -> 0.069 s of CPU for the sentences of the Fars numbers (medians of 5,
    alternated in one process)."""

    __slots__ = ("text", "line_spans")

    def __init__(self, text: str):
        self.text = text
        self.line_spans: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}  # line start -> starts, spans

    def holding(self, position: int) -> tuple[int, int]:
        """(start, end) of the sentence holding the character at ``position``, which is neither
        a space nor a sentence cut (a token's first character is a letter, a digit or a sign)."""
        line_start = self.text.rfind("\n", 0, position) + 1
        found = self.line_spans.get(line_start)
        if found is None:
            found = self.line_spans[line_start] = self._cut_line(line_start)
        starts, spans = found
        return spans[bisect_right(starts, position) - 1]

    def _cut_line(self, line_start: int) -> tuple[list[int], list[tuple[int, int]]]:
        """The sentence starts and spans of the line beginning at ``line_start``, in the text's offsets."""
        line_end = self.text.find("\n", line_start)
        if line_end < 0:
            line_end = len(self.text)
        spans = [(start + line_start, end + line_start) for start, end in sentence_spans(self.text[line_start:line_end])]
        return [start for start, _ in spans], spans


def find_numbers(text: str, *, article_id: str = "") -> "pandas.DataFrame":
    """Return every number mention in ``text``, one row each, in text order.

    Columns: article_id; number_id (1.. in text order); surface (``text[start:end]``: the
    number phrase, a range's two ends and any ending glued to its last word); start, end;
    value (every scale word applied; a range's midpoint; NaN for a written date); low, high
    (a range's ends, else both equal value); kind (statistic | date | time | ordinal |
    identifier | period | other: «این دو», a lone small number written in words before an
    abstract noun); unit (the counted noun after the number, never the scale word: «درصد»,
    «نفر», «دستگاه خودرو»; "" when none); qualifier (more_than | less_than | approximately |
    exact, from ``hedges.tsv``); change (increase | decrease | none, from
    ``change_words.tsv``); period (a label from ``periods.tsv`` or ""); sentence,
    sentence_start, sentence_end (the sentence holding it, and its span); rule (the rules
    that fired, «;»-separated: how it was read, its kind, its unit, its hedge).
    """
    return number_frame(number_columns(text, article_id=article_id))


def number_frame(columns: dict[str, list]) -> "pandas.DataFrame":
    """The DataFrame of :func:`find_numbers` from :func:`number_columns`."""
    import pandas as pd

    if not columns["number_id"]:
        frame = pd.DataFrame([], columns=[c for c in NUMBER_COLUMNS if c != "number_id"])
        frame.insert(1, "number_id", range(1, len(frame) + 1))
        return frame[NUMBER_COLUMNS]
    return pd.DataFrame(columns, columns=NUMBER_COLUMNS)


def number_columns(text: str, *, article_id: str = "") -> dict[str, list]:
    """The rows of :func:`find_numbers` as one list per column (``NUMBER_COLUMNS``), no DataFrame."""
    folded, origin = folded_and_origin(text)
    tokens = _tokens(folded)
    tokens, atoms = _split_glued(tokens, _atoms(tokens))
    sentences = _LineSentences(text)

    text_start = origin.__getitem__  # of a token's start; ascending along the tokens: they can be bisected
    rows = []
    resume = 0  # the first token not yet inside a phrase
    # only tokens read as numbers can start a phrase: compress keeps their indices, in C (an
    # atom is always true), so the thousands of other tokens cost no Python step
    for i in compress(count(), atoms):
        if i < resume:
            continue
        phrase = read_phrase(tokens, atoms, i)  # the range before the skip: «یک یا دو نفر» is a range
        resume = phrase.last + 1
        if _skip_alone(phrase, tokens):
            continue
        sentence = sentences.holding(text_start(tokens.starts[i]))
        first = bisect_left(tokens.starts, sentence[0], key=text_start)  # the sentence's first token
        ctx = _read_context(tokens, atoms, phrase, folded, first)
        phrase, ctx = _compound_after(tokens, atoms, phrase, ctx)
        resume = phrase.last + 1  # «۳۵۸ تن و ۲۷۰ کیلوگرم»: the second part is taken too
        partial = [note for note in phrase.notes if note.startswith("partial:")]
        # the contract: a number read only in part is flagged and gets no value, never a truncated one
        kind, kind_rule = ("other", "kind:" + partial[0]) if partial else _kind(tokens, atoms, phrase, ctx, first)
        unit = ctx.unit
        if kind == "statistic" and not unit and kind_rule.startswith("kind:rank:"):
            unit = kind_rule.split(":", 2)[2]
        start = origin[tokens.starts[phrase.first - phrase.lead]]  # «منفی ۸»: the sign word is part of it
        end = origin[tokens.ends[phrase.last] - 1] + 1
        s_start, s_end = sentences.holding(start) if phrase.lead else sentence  # «منفی» may end the line before
        rule = [f"parse:{phrase.shape}", kind_rule]
        rule += [note for note in (phrase.notes[1:] if phrase.notes[:1] == ["range"] else phrase.notes) if note not in partial]
        if ctx.unit_rule:
            rule.append(ctx.unit_rule)
        if ctx.hedge:
            rule.append(f"hedge:{ctx.hedge}")
        value = phrase.value
        rows.append({
            "article_id": article_id, "surface": text[start:end], "start": start, "end": end,
            "value": value, "low": phrase.low, "high": phrase.high, "kind": kind, "unit": unit,
            "qualifier": ctx.qualifier, "change": ctx.change, "period": ctx.period,
            "sentence": text[s_start:s_end], "sentence_start": s_start, "sentence_end": s_end,
            "rule": ";".join(rule),
        })
    rows = _with_list_units(rows, text)
    # Column lists, not per-row dicts: the export gathers them into one DataFrame per table. The
    # rows are read into columns in C: each row as a tuple of its values, the tuples transposed.
    if not rows:
        return {name: [] for name in NUMBER_COLUMNS}
    columns = dict(zip(_ROW_COLUMNS, map(list, zip(*map(_ROW_VALUES, rows)))))
    columns["number_id"] = list(range(1, len(rows) + 1))
    return {name: columns[name] for name in NUMBER_COLUMNS}
