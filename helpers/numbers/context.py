"""What the words around a number phrase say: its unit, hedge, change and period
(:func:`_read_context`), and its kind (statistic, date, time, ordinal, identifier, period,
other: :func:`_kind`), from the lexicons :mod:`helpers.numbers.vocabulary` loads.

Lexicons read here (``LEXICONS``): ``hedges.tsv``, ``change_words.tsv``, ``periods.tsv``,
``verb_prefixes.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..chars import ZWNJ
from ..lexicons import load_list
from .parse import _Phrase, _phrase_at, _unit_key
from .tokens import _match_back, _match_forward, _open_gap, _Tokens
from .vocabulary import (
    _compact,
    _compound_units,
    _cues,
    _grammar,
    _grammar_word,
    _hotlines,
    _label_openers,
    _phrase_table,
    _stopwords,
    _unit_surfaces,
    _unit_beginnings,
    _units,
    _vague_nouns,
)

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("hedges", "change_words", "periods", "verb_prefixes")


def _after_noun(tokens, atoms, index: int, sentence_first: int) -> bool:
    """True when the token just before ``index`` is a content word (a noun such as «اردوگاه»,
    «کالیبر»), in the same sentence with only spaces between: a bare number there is a label."""
    k = index - 1
    if k < sentence_first or tokens.kinds[k] != "word" or atoms[k] is not None or not _open_gap(tokens.gaps[index]):
        return False
    return tokens.keys[k] not in _label_openers()


# ---------------------------------------------------------------------------------------------
# Context: the words around a phrase.


@dataclass(slots=True)
class _Context:
    unit: str = ""
    unit_kind: str = ""
    unit_rule: str = ""
    unit_last: int = -1  # last token index of the unit
    qualifier: str = "exact"
    hedge: str = ""
    hedge_first: int = -1
    change: str = "none"
    period: str = ""


def _unit_after(tokens: _Tokens, atoms, phrase: _Phrase, folded: str) -> tuple[str, str, str, int]:
    """(unit, unit kind, rule, last token index) of the counted noun after the phrase."""
    units = _units()
    surfaces = _unit_surfaces()
    k = phrase.last + 1
    if phrase.unit_key:
        return surfaces[phrase.unit_key], units[phrase.unit_key], "unit:glued", phrase.last
    if k >= len(tokens.keys) or not _open_gap(tokens.gaps[k]):
        return "", "", "", phrase.last
    if tokens.kinds[k] == "sym":
        return _grammar_word("percent"), "percent", "unit:sign", k
    if tokens.kinds[k] != "word" or atoms[k] is not None:
        return "", "", "", phrase.last
    best = ("", k)
    key = ""
    for m in range(k, min(len(tokens.keys), k + 2)):
        if tokens.kinds[m] != "word" or (m > k and not _open_gap(tokens.gaps[m])):
            break
        key += tokens.keys[m]
        found = _unit_key(key)
        if found:
            best = (found, m)
        if key not in _unit_beginnings():  # no unit begins with these words: none with one more either
            break
    if best[0]:
        found, last = best
        kind = units[found]
        unit = surfaces[found]
        if kind == "classifier" and last + 1 < len(tokens.keys):
            noun = last + 1
            if tokens.kinds[noun] == "word" and _open_gap(tokens.gaps[noun]) and tokens.keys[noun] not in _stopwords() \
                    and atoms[noun] is None:
                return f"{unit} {tokens.texts[noun]}", kind, "unit:classifier", noun
        return unit, kind, "unit:lexicon", last
    word_key, word_text = tokens.keys[k], tokens.texts[k]
    if word_key in _stopwords() or word_key in _phrase_table("change_words", "change") or word_key in _cues("after"):
        return "", "", "", phrase.last
    if word_text.startswith(_VERB_PREFIXES):  # «نمره ۲۰ می‌دهم»: a verb is no unit
        return "", "", "", phrase.last
    return word_text, "", "unit:next_word", k


# the prefixes of a present or past-continuous verb (verb_prefixes.txt), written with ZWNJ («می‌دهم», «نمی‌شود»)
_VERB_PREFIXES = tuple(prefix + ZWNJ for prefix in load_list("verb_prefixes"))


def _compound_after(tokens, atoms, phrase: _Phrase, ctx: _Context) -> tuple[_Phrase, _Context]:
    """Fold «۳۵۸ تن و ۲۷۰ کیلوگرم» into one phrase worth 358.27 (in the first unit); returns the
    phrase and its context, both new when the second part is taken (the unit then ends later)."""
    k = ctx.unit_last + 1
    if not ctx.unit or k + 2 >= len(tokens.keys) or tokens.keys[k] != _grammar_word("and") or not _open_gap(tokens.gaps[k]):
        return phrase, ctx
    second = _phrase_at(tokens, atoms, k + 1)
    if second is None or second.ordinal or not _open_gap(tokens.gaps[k + 1]):
        return phrase, ctx
    sub_key = second.unit_key
    last = second.last
    if not sub_key and last + 1 < len(tokens.keys) and _open_gap(tokens.gaps[last + 1]):
        key = ""
        for m in range(last + 1, min(len(tokens.keys), last + 3)):
            key += tokens.keys[m]
            found = _unit_key(key)
            if found:
                sub_key, last = found, m
    factor = _compound_units().get((_compact(ctx.unit), sub_key))
    if not factor:
        return phrase, ctx
    value = phrase.value + second.value / factor
    return (_Phrase(phrase.first, second.last, phrase.atoms + second.atoms, value, value, value, phrase.shape,
                    notes=phrase.notes + ["compound_unit"]), replace(ctx, unit_last=last))


def _read_context(tokens, atoms, phrase: _Phrase, folded: str, sentence_first: int) -> _Context:
    ctx = _Context()
    ctx.unit, ctx.unit_kind, ctx.unit_rule, ctx.unit_last = _unit_after(tokens, atoms, phrase, folded)
    start = phrase.first
    if phrase.shape == "range" and start > 0 and tokens.keys[start - 1] == _grammar_word("between") and _open_gap(tokens.gaps[start]):
        start -= 1
    hedges = _phrase_table("hedges", "qualifier")
    hedge_key, qualifier, hedge_first = "", "", start
    if start > 0 and tokens.keys[start - 1] in hedges.endings:  # else _match_back's first step finds none
        hedge_key, qualifier, hedge_first = _match_back(tokens, start, hedges)
    if hedge_key and hedge_first >= sentence_first:
        ctx.qualifier, ctx.hedge, ctx.hedge_first = qualifier, hedge_key, hedge_first
        start = hedge_first
    elif _up_to(tokens, atoms, start, sentence_first):  # «تا سه درصد»: at most
        ctx.qualifier, ctx.hedge, ctx.hedge_first = "less_than", tokens.keys[start - 1], start - 1
        start -= 1
    changes = _phrase_table("change_words", "change")
    # the two tokens before it are read only when one of them is a change word (few are)
    if not changes.keys().isdisjoint(tokens.keys[max(sentence_first, start - 2):start]):
        for k in (start - 1, start - 2):
            if k >= sentence_first and tokens.keys[k] in changes and _open_gap(tokens.gaps[k + 1]):
                if not _after_earlier_figure(tokens, atoms, k, sentence_first):
                    ctx.change = changes[tokens.keys[k]]
                break
            if k < sentence_first or not _open_gap(tokens.gaps[k + 1]):
                break
    if ctx.change == "none":
        after = max(ctx.unit_last, phrase.last) + 1
        if after < len(tokens.keys) and tokens.keys[after] in changes and _open_gap(tokens.gaps[after]):
            ctx.change = changes[tokens.keys[after]]
    ctx.period = _period_near(tokens, start, max(ctx.unit_last, phrase.last) + 1, sentence_first)
    return ctx


def _up_to(tokens, atoms, start: int, sentence_first: int) -> bool:
    """True when «تا» stands just before the number and no number stands in the three tokens
    before it (then it would be a range or «از ... تا»): «تا سه درصد» = at most three percent."""
    k = start - 1
    if k < sentence_first or tokens.keys[k] not in _grammar("up_to") or not _open_gap(tokens.gaps[start]):
        return False
    return not any(atoms[m] is not None for m in range(max(sentence_first, k - 3), k))


def _after_earlier_figure(tokens, atoms, k: int, sentence_first: int) -> bool:
    """True when the change word at ``k`` follows an earlier number and its unit («با ۳۰ سنت
    افزایش ۶۱ دلار»): it tells that number's change, not the next one's. Not after a time unit:
    in «در ۶ ماه افزایش ۱۵ درصدی» the change is the next figure's."""
    if k - 2 < sentence_first or atoms[k - 2] is None or atoms[k - 1] is not None or tokens.kinds[k - 1] != "word":
        return False
    earlier = atoms[k - 2]
    if earlier.ending == "ordinal" or earlier.kind == "fraction":  # «برنامه چهارم توسعه افزایش ۱۰۰ درصدی»
        return False
    if not (_open_gap(tokens.gaps[k - 1]) and _open_gap(tokens.gaps[k])) or tokens.keys[k - 1] in _stopwords():
        return False
    return _units().get(_unit_key(tokens.keys[k - 1])) not in ("time", "span")


def _points_in_time(tokens, index: int) -> bool:
    """True when the token at ``index`` turns a period phrase into a point in time
    («in the year» + a number, a month name, «last»): then it is no rate."""
    if index >= len(tokens.keys) or not _open_gap(tokens.gaps[index]):
        return False
    return tokens.kinds[index] == "num" or tokens.keys[index] in _cues("after")


def _period_near(tokens, before: int, after: int, sentence_first: int) -> str:
    periods = _phrase_table("periods", "period")
    keys = tokens.keys
    if after < len(keys) and keys[after] in periods.beginnings:  # as _match_forward's first step would find
        found = _match_forward(tokens, after, periods)
        if found[0] and not _points_in_time(tokens, found[2] + 1):
            return found[1]
    lowest = max(sentence_first, before - 6)
    if periods.endings.isdisjoint(keys[lowest:before]):  # no token below ends an entry: none is found
        return ""
    for end in range(before, lowest, -1):
        # a period phrase ending before ``end`` ends with token end - 1: looked for only when
        # that token ends some entry (most do not), as _match_back's first step would find
        if end > 0 and tokens.keys[end - 1] in periods.endings:
            key, label, first = _match_back(tokens, end, periods, width=4)
            if key and first >= sentence_first and not (end != before and _points_in_time(tokens, end)):
                return label
        if end - 1 >= 0 and tokens.kinds[end - 1] == "num":
            break
    return ""


# ---------------------------------------------------------------------------------------------
# Kind.


def _mark_kind(tokens, atoms, phrase: _Phrase, sentence_first: int) -> tuple[str, str] | None:
    """Numbers that are marks, not figures: a list item «2-» or «(3)» opening a line, a
    reference «[3]», a match result «۳ بر ۱»."""
    after = phrase.last + 1
    # the gaps are read only for a lone digit run, the one phrase that may be a mark: 0.0151 ->
    # 0.0142 s of CPU over the Fars phrases (minima of 21, three runs alternated)
    if phrase.shape == "digits" and len(phrase.atoms) == 1:
        gap_before = tokens.gaps[phrase.first].replace(ZWNJ, "").strip()
        gap_after = tokens.gaps[after].replace(ZWNJ, "").strip() if after < len(tokens.keys) else ""
        if gap_before.endswith(("(", "[")) and gap_after.startswith((")", "]")):
            return "identifier", "kind:reference_mark"
        if phrase.first == sentence_first and (gap_after[:1] in ("-", ")", "\u2013", ".") or gap_before[-1:] == "-"):
            return "identifier", "kind:list_marker"
        if gap_after[:1] in ("-", "\u2013") and after < len(tokens.keys) and tokens.kinds[after] == "word" and atoms[after] is None:
            return "identifier", "kind:list_marker"  # «... 2- کرج 3- قم»: an item inside a line
    score = _grammar("score")
    if after + 1 < len(tokens.keys) and tokens.keys[after] in score and atoms[after + 1] is not None and _open_gap(tokens.gaps[after]):
        return "other", "kind:score"
    first = phrase.first
    if first >= 2 and tokens.keys[first - 1] in score and atoms[first - 2] is not None and _open_gap(tokens.gaps[first]):
        return "other", "kind:score"
    return None


def _kind(tokens, atoms, phrase: _Phrase, ctx: _Context, sentence_first: int) -> tuple[str, str]:
    """(kind, rule) of a phrase in its context."""
    first_atom = phrase.atoms[0]
    single_digits = phrase.shape == "digits" and len(phrase.atoms) == 1
    if single_digits and first_atom.form in ("date", "time"):
        return first_atom.form, f"kind:digit_{first_atom.form}"
    if phrase.ordinal:
        return "ordinal", "kind:ordinal_ending"
    if "year_pair" in phrase.notes:
        return "date", "kind:school_year"  # the note «year_pair» follows in the rule
    mark = _mark_kind(tokens, atoms, phrase, sentence_first)
    if mark:
        return mark
    # the cues are looked for only where the token next to the phrase begins (ends) some cue, as
    # the first step of _match_forward (_match_back) would find: most numbers have no cue
    after, cues_after = phrase.last + 1, _cues("after")
    after_key, after_kind = "", ""
    if after < len(tokens.keys) and tokens.keys[after] in cues_after.beginnings:
        after_key, after_kind, _ = _match_forward(tokens, after, cues_after)
    if after_kind == "date" and not ctx.unit_kind:
        return "date", f"kind:date_after:{after_key}"
    cue_end, cues_before = ctx.hedge_first if ctx.hedge_first >= 0 else phrase.first, _cues("before")
    before_key, before_kind, before_first = "", "", cue_end
    if cue_end > 0 and tokens.keys[cue_end - 1] in cues_before.endings:
        before_key, before_kind, before_first = _match_back(tokens, cue_end, cues_before, allow=":")
    if before_first < sentence_first:
        before_key, before_kind = "", ""
    has_lexicon_unit = ctx.unit_rule in ("unit:lexicon", "unit:glued", "unit:sign", "unit:classifier")
    # a year or day is written in digits: «در سال سه بار» is a count per year, not a date
    if before_kind == "date" and not has_lexicon_unit and not (phrase.shape == "words" and ctx.unit):
        return "date", f"kind:date_before:{before_key}"
    if before_kind == "time" and not has_lexicon_unit:
        every = phrase.first >= 2 and _match_back(tokens, phrase.first - 1, _phrase_table("periods", "period"))[0]
        if not every:
            return "time", f"kind:time_before:{before_key}"
    if after_kind == "time" and not has_lexicon_unit:
        return "time", f"kind:time_after:{after_key}"
    if (
        phrase.shape == "words" and len(phrase.atoms) == 1 and before_kind == "identifier"
        and ctx.qualifier == "exact" and not has_lexicon_unit
    ):
        return "identifier", f"kind:identifier_cue:{before_key}"  # «منطقه دو», «فاز سه»: as with digits
    if single_digits and first_atom.form == "int":
        digits = first_atom.digits
        if len(digits) == 4 and digits[:2] in ("13", "14", "19", "20") and not has_lexicon_unit and ctx.qualifier == "exact":
            return "date", "kind:year"
        if before_kind == "identifier" and ctx.qualifier == "exact" and not has_lexicon_unit:
            return "identifier", f"kind:identifier_cue:{before_key}"
        if first_atom.value in _hotlines() and ctx.qualifier == "exact" and (
            not ctx.unit or before_kind == "identifier"  # «سامانه ۱۳۷ تماس بگیرید»
            or (ctx.unit_rule == "unit:next_word" and _after_noun(tokens, atoms, phrase.first, sentence_first))  # «دایره ۱۱۲ دایره ...»
            or _light_verb_at(tokens, ctx.unit_last + 1)  # «۱۱۰ بازدید کردند»: the noun is part of the verb
        ):
            return "identifier", "kind:hotline"
        if (digits.startswith("0") and len(digits) >= 3) or (len(digits) >= 7 and ctx.unit_kind != "money"):
            return "identifier", "kind:long_code"
    if ctx.unit_kind == "span":
        return "period", f"kind:period:{ctx.unit}"
    if before_kind == "age":
        return "other", f"kind:age:{before_key}"
    if ctx.unit_kind == "time":
        after_unit_key, after_unit_kind, _ = _match_forward(tokens, ctx.unit_last + 1, _cues("after"))
        # «۳۲ سال قبل» (a point in time), «هر ۴ سال», «این ۵ سال» (a span): no count
        if after_unit_kind == "period" or before_kind in ("period", "other"):
            return "period", f"kind:period:{after_unit_key or before_key or ctx.unit}"
        if after_unit_kind == "age":  # «۵۲ سال داشت»
            return "other", f"kind:age:{after_unit_key}"
    if before_kind == "other" and phrase.shape == "words":
        return "other", f"kind:determiner:{before_key}"
    if (
        before_kind == "pair" and phrase.shape == "words" and len(phrase.atoms) == 1 and first_atom.kind == "unit"
        and first_atom.value == 2 and not first_atom.ending and ctx.qualifier == "exact"
    ):
        return "other", f"kind:pair:{before_key}"  # «روابط دو کشور»: the two known parties, no count
    if (
        phrase.shape == "words" and len(phrase.atoms) == 1 and first_atom.kind == "unit"
        and ctx.qualifier == "exact" and ctx.change == "none"
        and (not ctx.unit or ctx.unit_kind == "time" or _vague(ctx.unit))
    ):
        return "other", "kind:small_word_count"
    if before_kind == "rank":
        return "statistic", f"kind:rank:{before_key}"
    if (
        single_digits and not ctx.unit and ctx.qualifier == "exact" and ctx.change == "none"
        and _after_noun(tokens, atoms, phrase.first, sentence_first)
    ):
        return "identifier", "kind:label"  # «اردوگاه موصل 3», «کالیبر 12»: a name, not a count
    return "statistic", "kind:statistic"


def _light_verb_at(tokens, k: int) -> bool:
    """True when token ``k`` is a light verb (``number_grammar.tsv``, role light_verb) right after
    the previous token: the noun before it belongs to a compound verb («بازدید کردند»)."""
    return 0 < k < len(tokens.keys) and tokens.keys[k] in _grammar("light_verb") and _open_gap(tokens.gaps[k])


def _vague(unit: str) -> bool:
    """True when ``unit`` is an abstract noun of ``number_vague_nouns.txt`` («حوزه», «محور»)."""
    key = _compact(unit.split(" ")[0])
    nouns = _vague_nouns()
    return key in nouns or (key.endswith(_grammar_word("adjective")) and key[:-1] in nouns)
