"""hazm's word list, read from disk once per process instead of once per hazm object.

hazm 0.12 reads its 3 MB word list (``words.dat``) in every ``WordTokenizer`` it builds, and
Goftar builds four: the Normalizer's, the Normalizer's Lemmatizer's, our Lemmatizer's and the
one that lends us its verb-part sets. Each read costs about 0.6 s, paid again by every worker
process. :func:`share_word_list` makes later reads return the list the first one read; hazm
only iterates it, so sharing it changes nothing it builds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, count, islice

from .chars import ZWNJ


@lru_cache(maxsize=1)
def share_word_list() -> None:
    """Make hazm's ``WordTokenizer`` (and this module's callers) read each word file only once.

    Call before building any hazm object; calling it again does nothing.
    """
    import hazm.word_tokenizer

    hazm.word_tokenizer.words_list = lru_cache(maxsize=4)(hazm.word_tokenizer.words_list)


def word_list() -> list[tuple[str, int, tuple[str, ...]]]:
    """hazm's default word list, (word, count, part-of-speech tags) per line, read at most once."""
    share_word_list()
    import hazm.word_tokenizer

    return hazm.word_tokenizer.words_list(hazm.word_tokenizer.default_words)


# ---------------------------------------------------------------- hazm's Normalizer, compiled once

# For each pattern of hazm 0.12.1's pattern lists, in order: what the text must hold for the
# pattern to change it, a string or a regex (None: always tried). A pattern tried on a text
# without it would find nothing, or only empty matches it replaces with nothing; skipping it
# changes no output. A regex needle is a character class, or an edge a match needs.
_DIGIT = re.compile(r"\d")
_NEEDLES = {
    # «([\d+])\.([\d+])» found from its full stop (a literal the regex engine jumps to), not
    # from every character: «.» alone, in nearly every text, sent it to the pattern.
    "PERSIAN_STYLE_PATTERNS": ['"', re.compile(r"\.(?<=[\d+]\.)[\d+]"), "..."],
    # The last two patterns drop a ZWNJ only where a non-word character or an edge is beside it.
    "EXTRA_SPACE_PATTERNS": [" ", "  ", "\n\n\n", "\u200c\u200c", "\u200c ", " \u200c",
                             re.compile(r"\u200c(?!\w)"), re.compile(r"\u200c(?<!\w\u200c)"), None],
    # «می »: a prefix standing alone, found from «می » («ن» and an edge or a space looked for
    # behind it) rather than at every character; the suffixes and «ه ا...» with what must
    # follow them (hazm's lookbehinds left out): «که این», «گروه» alone no longer pass.
    "AFFIX_SPACING_PATTERNS": ["ه ی ", re.compile("می (?:(?<=^می )|(?<= می )|(?<=^نمی )|(?<= نمی ))"),
                               re.compile(r" (?:تر(?:ین?)?|گری?|های?)(?=[ \n.:!،؛؟»\])}«\[({]|$)"),
                               re.compile(r"ه ا(?:م|یم|ش|ند|ی|ید|ت)(?=[ \n.:!،؛؟»\])}]|$)"), "هها"],
    "PUNCTUATION_SPACING_PATTERNS": ['"', None, re.compile(r"[«\[({] "), re.compile("[.:]"),
                                     re.compile(r"[!،؛؟»\])}]"), re.compile(r"[«\[({]"),
                                     _DIGIT, _DIGIT],
    "DIACRITICS_PATTERNS": [None],
    "SPECIAL_CHARS_PATTERNS": [None],
}


def _compiled_patterns(name: str) -> tuple[tuple[re.Pattern, str, str | re.Pattern | None], ...]:
    """hazm's pattern list ``name`` (``hazm.constants``), compiled, each with its needle."""
    import hazm.constants

    patterns, needles = getattr(hazm.constants, name), _NEEDLES[name]
    if len(patterns) != len(needles):  # another hazm version: the needles no longer fit its patterns
        raise RuntimeError(f"hazm.constants.{name} has {len(patterns)} patterns, Goftar knows {len(needles)}: "
                           "install the hazm version of requirements.txt")
    return tuple((re.compile(pattern), replacement, needle)
                 for (pattern, replacement), needle in zip(patterns, needles))


def _may_match(needle: str | re.Pattern | None, text: str) -> bool:
    """Whether ``text`` holds a pattern's ``needle``: without it, the pattern cannot change it."""
    return needle is None or (needle in text if type(needle) is str else needle.search(text) is not None)


def _replace_all(patterns, text: str) -> str:
    """hazm's ``regex_replace`` with compiled patterns, skipping those whose needle is absent
    and those that match nowhere: a substitution that finds nothing still builds the text
    again, at five times the cost of a search (most patterns change nothing on most texts)."""
    for pattern, replacement, needle in patterns:
        # _may_match, inlined: this loop runs some 27 times a stretch, 600,000 times on the Fars bench.
        if needle is None or (needle in text if type(needle) is str else needle.search(text) is not None):
            if pattern.search(text):
                text = pattern.sub(replacement, text)
    return text


def _replace_gated(gate: re.Pattern, patterns, text: str) -> str:
    """:func:`_replace_all` where ``gate`` finds something in ``text``: what every one of
    ``patterns`` needs to change a text. One search for the run of patterns, where most texts
    pass none of them."""
    return _replace_all(patterns, text) if gate.search(text) else text


# What one of the punctuation patterns after the second needs to change a text, their own
# matches written to begin with the mark (the last, «([^ «\[\(\{])([«\[\(\{])», as the bracket and
# what stands behind it), so that the engine jumps from mark to mark: one search where their
# four needles, one of them a mark of nearly every text, cost four. One class of every mark
# comes first and lookbehinds tell which mark it is: an alternation of three classes made the
# engine try each at every character (three times the cost).
_OPENING, _CLOSING = r"«\[({", r"!،؛؟»\])}"
# The fourth to sixth patterns' matches after the mark: a mark and what is not a space after a
# full stop, a colon or a closing mark; what is neither a space nor an opening mark before one.
_MARKS_MEETING = (rf"(?<=[{_OPENING}])(?<=[^ {_OPENING}].)|(?<=[.:])[^ .:{_CLOSING}\d۰۱۲۳۴۵۶۷۸۹]"
                  rf"|(?<=[{_CLOSING}])[^ .:{_CLOSING}]")
# ... and the third's, a space after an opening mark.
_MARK_SPACING = rf"(?<=[{_OPENING}]) |{_MARKS_MEETING}"
# What one of the punctuation patterns after the third needs. The third, a space after an
# opening mark, goes with the spaces before closing marks (see _spaces_inside_marks): without
# it, hardly any text the patterns are still searched in holds a match (one Fars stretch in
# 22,415, where one in eight held a space after an opening mark).
_MARKS_GATE = re.compile(rf"[{_OPENING}.:{_CLOSING}](?:{_MARKS_MEETING})")
# What a punctuation pattern after the first needs: a space before a closing mark, a colon or a
# full stop (the second, which has no needle of its own), a mark _MARK_SPACING finds after, or
# a digit (the last two). One search where three were made: few texts hold any of them.
_SPACING_GATE = re.compile(rf"[{_OPENING}.:{_CLOSING}\d](?:(?<= [.:{_CLOSING}])|(?<=\d)|{_MARK_SPACING})")
# What one of the affix patterns needs (the alternation of their needles), written letter-first:
# «ه ی », «هها», «ه ا...» and « ها...» from their «ه», « تر...» and « گر...» from their letter and
# the space looked for behind it. A search then stops at three letters, not at every space too.
_FOLLOWS_SUFFIX = r"(?=[ \n.:!،؛؟»\])}«\[({]|$)"
_AFFIX_GATE = re.compile(rf"ه(?: ی |ها| ا(?:م|یم|ش|ند|ی|ید|ت)(?=[ \n.:!،؛؟»\])}}]|$)|(?<= ه)ای?{_FOLLOWS_SUFFIX})"
                         r"|می (?:(?<=^می )|(?<= می )|(?<=^نمی )|(?<= نمی ))"
                         rf"|ت(?<= ت)ر(?:ین?)?{_FOLLOWS_SUFFIX}|گ(?<= گ)ری?{_FOLLOWS_SUFFIX}")
# The tokens one of the affix patterns but the last needs, standing alone in a spaced line (a
# token, between spaces, a mark or a line's ends): «ی», «می», «نمی», « تر...», « گر...», « ها...»
# and «ام», «اش», «اند»... The last, «هها», is found inside a word. Told from the tokens, which
# token spacing has in hand, where _AFFIX_GATE searched the line again.
_AFFIX_TOKENS = frozenset({"ی", "می", "نمی", "تر", "تری", "ترین", "گر", "گری", "ها", "های",
                           "ام", "ایم", "اش", "اند", "ای", "اید", "ات"})
# What a punctuation pattern after the first needs, but a digit: what may_mend_spacing asks about.
_MARK_MENDING_GATE = re.compile(rf"[{_OPENING}.:{_CLOSING}](?:(?<= [.:{_CLOSING}])|{_MARK_SPACING})")
# A ZWNJ some extra-space pattern drops: beside a non-word character (another ZWNJ, a space) or
# an edge; written ZWNJ-first, a literal the regex engine jumps to.
_UNJOINING_ZWNJ = re.compile(rf"{ZWNJ}(?:(?!\w)|(?<!\w{ZWNJ}))")


def _may_fix_extra_space(text: str) -> bool:
    """Whether one of hazm's extra-space patterns after the first, its tatweel-and-CR pattern
    last, may change ``text``: their needles checked as substrings, a regex only where a ZWNJ
    is (plain substring tests cost a third of one search of all of them)."""
    return ("  " in text or "ـ" in text or "\r" in text or "\n\n\n" in text
            or (ZWNJ in text and _UNJOINING_ZWNJ.search(text) is not None))


def finds_any(patterns, text: str) -> bool:
    """Whether one of ``patterns`` (a compiled pattern list of the Normalizer) matches in ``text``."""
    return any(_may_match(needle, text) and pattern.search(text) for pattern, _, needle in patterns)


# hazm's WordTokenizer, as the Normalizer builds it (verb parts not joined, its other options
# off), writes a space on both sides of each match of its pattern, turns line breaks and tabs
# into spaces and splits on spaces: its tokens are the pattern's matches and the runs of other
# characters between spaces. One findall finds them, without the substitution and the split.
_HAZM_TOKEN_PATTERN = r'([؟!?]+|[\d.:]+|[:.،؛»\])}"«\[({/\\])'
# The run of word characters first: it is most tokens, and the four kinds of token start with
# different characters, so the order changes no match. Runs taken whole (possessive «++»): the
# engine keeps no backtracking points for them. The spaces before a token are taken by the same
# match, the token alone kept (the one group): the engine no longer tries the four kinds of
# token at each space, and fails at one (findall over the ir-news stretches and settled lines:
# 2.15 -> 1.99 CPU s, medians of 7).
_TOKEN = re.compile(r'[ \n\t]*+([^ \n\t؟!?\d.:،؛»\])}"«\[({/\\]++|[؟!?]++|[\d.:]++|[:.،؛»\])}"«\[({/\\])')
# The same tokens in a text without digits, found without «\d» in the classes (a Unicode
# category looked up at each character): findall over the 22,415 Fars stretches 0.136 -> 0.125
# CPU s (medians of 11).
_TOKEN_WITHOUT_DIGITS = re.compile(_TOKEN.pattern.replace(r"\d", ""))


def _check_tokenizer(tokenizer) -> None:
    """Raise unless ``tokenizer`` is the WordTokenizer whose tokens ``_TOKEN`` finds."""
    options = ("_join_verb_parts", "_join_abbreviation", "separate_emoji", "replace_emails", "replace_links",
               "replace_ids", "replace_hashtags", "replace_numbers")
    if tokenizer.pattern.pattern != _HAZM_TOKEN_PATTERN or any(getattr(tokenizer, option) for option in options):
        raise RuntimeError("hazm's Normalizer tokenizes otherwise than Goftar knows: "
                           "install the hazm version of requirements.txt")


def _rare_characters() -> re.Pattern:
    """A class of the characters four of hazm's steps act on: its character table's, the
    diacritics and special characters it removes, and one character of each string it spells
    out. No step writes one of them (checked here), so a text without any needs none of the four."""
    from hazm.constants import (DIACRITICS_PATTERNS, NUMBERS_DST, SPECIAL_CHARS_PATTERNS, TRANSLATION_DST,
                                TRANSLATION_SRC, UNICODE_REPLACEMENTS)

    removed = re.compile("|".join(pattern for pattern, _ in DIACRITICS_PATTERNS + SPECIAL_CHARS_PATTERNS))
    rare = set(TRANSLATION_SRC) | {char for char in map(chr, range(0x10000)) if removed.fullmatch(char)}
    rare |= {next((char for char in old if not char.isascii()), old[0]) for old, _ in UNICODE_REPLACEMENTS}
    # what the steps write: the table's letters, the spelled-out words, digits, quotes, «…», «٫», spaces
    written = set(TRANSLATION_DST + NUMBERS_DST + "".join(new for _, new in UNICODE_REPLACEMENTS) + f"«»٫… {ZWNJ}")
    if rare & written:
        raise RuntimeError("a step of hazm's Normalizer writes a character another removes: "
                           "install the hazm version of requirements.txt")
    return re.compile("[" + re.escape("".join(sorted(rare))) + "]")


def _rare_character_or_digit(rare_characters: re.Pattern) -> re.Pattern:
    """``rare_characters``' class with every character «\\d» matches: the BMP's digits listed, and
    any character beyond the BMP (hardly ever in a text, and digits of some scripts are): a
    class with «\\d» or all of its 680 characters in it costs twice or 70 times as much to search."""
    bmp_digits = "".join(char for char in map(chr, range(0x10000)) if _DIGIT.match(char))
    return re.compile(rare_characters.pattern[:-1] + re.escape(bmp_digits) + "\U00010000-\U0010ffff]")


def _parts_at_each_zwnj(words):
    """What stands before and after each ZWNJ of each word of ``words`` («پیش» and «بینی‌شده»,
    «پیش‌بینی» and «شده» of «پیش‌بینی‌شده»)."""
    for word in words:
        at = word.find(ZWNJ)
        while at != -1:
            yield word[:at], word[at + 1:]
            at = word.find(ZWNJ, at + 1)


@lru_cache(maxsize=1)
def compiled_normalizer():
    """hazm's Normalizer (``persian_numbers=False``: digits are the caller's choice, never
    hazm's) giving hazm 0.12.1's output with its tables and patterns built once.

    Cleaning calls it on every stretch between two numbers, some twenty an article: hazm's own
    ``normalize`` rebuilds its character table on each call (40 % of its cost on short texts),
    and hands each of its thirty patterns to ``re.sub`` as a string, looked up again each time.
    Each step also skips work that cannot change the text: the four steps of rare characters
    where there is none, token spacing before the first two tokens that may join and at tokens
    that cannot join, the affix patterns where no token is an affix they need, a pattern where
    the characters it needs are not or where a search finds no match, the search for letters
    written three times where no letter is, «می» parted only where a verb follows it. Tokens
    are found by one ``findall`` (hazm's tokenizer substitutes and splits). The steps below are
    hazm's, in its order; tests check that both give the same text, tokens and token spacing.
    """
    from hazm import Normalizer
    from hazm.constants import SUFFIXES, TRANSLATION_DST, TRANSLATION_SRC, UNICODE_REPLACEMENTS
    from hazm.utils import maketrans

    share_word_list()
    letters = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"

    edge_spaces, *extra_space = _compiled_patterns("EXTRA_SPACE_PATTERNS")
    if edge_spaces[0].pattern != "^ +| +$":
        raise RuntimeError(f"hazm's first extra-space pattern is {edge_spaces[0].pattern!r}, Goftar knows '^ +| +$': "
                           "install the hazm version of requirements.txt")

    class CompiledNormalizer(Normalizer):
        _table = maketrans(TRANSLATION_SRC, TRANSLATION_DST)
        # The character table, diacritics, special and spelled-out characters: four steps that
        # hardly any text needs (str.translate alone looks every character up in a dictionary).
        _rare_characters = _rare_characters()
        _rare_character_or_digit = _rare_character_or_digit(_rare_characters)
        _persian_style_patterns = _compiled_patterns("PERSIAN_STYLE_PATTERNS")
        _edge_spaces = (edge_spaces,)
        # Runs of patterns gated by one test each (see _replace_gated): the extra-space
        # patterns after the first (_may_fix_extra_space), the affix patterns, the punctuation
        # patterns after the first (_SPACING_GATE), after the third (_MARKS_GATE), and the last
        # two (a digit).
        _extra_space = tuple(extra_space)
        _affix_spacing = _compiled_patterns("AFFIX_SPACING_PATTERNS")
        _affix_spacing_gate = _AFFIX_GATE
        _suffix_or_affix_tokens = SUFFIXES | _AFFIX_TOKENS
        _punctuation_spacing = _compiled_patterns("PUNCTUATION_SPACING_PATTERNS")
        _quote_spacing, _space_before_mark, _space_after_opening, _marks_meeting, _digit_spacing = (
            _punctuation_spacing[:1], _punctuation_spacing[1:2], _punctuation_spacing[2:3], _punctuation_spacing[3:-2],
            _punctuation_spacing[-2:])
        _mark_spacing = _punctuation_spacing[1:-2]  # the four between: what may_mend_spacing asks about
        _diacritics = _compiled_patterns("DIACRITICS_PATTERNS")
        _special_chars = _compiled_patterns("SPECIAL_CHARS_PATTERNS")
        # hazm replaces these with str.replace, two of them written like regexes and so never
        # found: kept as they are; the first characters of all say whether any can be there.
        _replaced_starts = re.compile("[" + re.escape("".join({old[0] for old, _ in UNICODE_REPLACEMENTS})) + "]")
        # hazm's «\bن?می[letters]+», its first letter written first: the regex engine then jumps
        # from «ن» or «م» to the next instead of trying the word boundary at every character.
        # Both letters are word characters, so «\b» before one is «no word character before it».
        _mi_word = re.compile(rf"(?:ن(?<!\wن)می|م(?<!\wم)ی)[{letters}]+")
        _mi_prefix = re.compile(r"^(ن?می)")
        # The words of _mi_word without their «ن», found from «می», a literal the regex engine
        # jumps to (a class of two letters made it try every «ن» and «م»): a third of the cost
        # of telling whether seperate_mi changes a text.
        _mi_word_from_mi = re.compile(rf"می(?:(?<!\wمی)|(?<=(?<!\w)نمی))[{letters}]+")

        def __init__(self, **options) -> None:
            super().__init__(**options)
            # The joined words token_spacing writes: hazm's words with a ZWNJ and a frequency
            # above zero, and its verb forms with a ZWNJ (see first_joinable_pair).
            words, verbs = self._words or {}, self._verbs or ()
            self._joined_words = frozenset(word for word, (frequency, _) in words.items()
                                           if frequency > 0 and ZWNJ in word).union(verb for verb in verbs if ZWNJ in verb)
            # What stands before a ZWNJ in a joined word: a token that may be the left of a pair
            # that joins. One token in five is; the others are passed over by a set lookup, and
            # only the pairs those five start are written and looked up (a table of every
            # left's rights would find them without writing the pair, for 50 MB more).
            parts = list(_parts_at_each_zwnj(self._joined_words))
            self._joined_lefts = frozenset(left for left, _ in parts)
            # What stands after a ZWNJ in a joined word: the pair a left starts is written and
            # looked up only where the next token is one (a third of them; the set takes 6 MB).
            self._joined_rights = frozenset(right for _, right in parts)
            # The words seperate_mi parts: a verb of hazm's in «می‌»/«نمی‌» written without its
            # ZWNJ («میرود»). Most words it finds («میزان», «میلیون») are none of them.
            self._mi_joined = frozenset(verb.replace(ZWNJ, "", 1) for verb in verbs
                                        if verb.startswith((f"می{ZWNJ}", f"نمی{ZWNJ}")))
            self._mi_joined_from_mi = frozenset(word.removeprefix("ن") for word in self._mi_joined)
            _check_tokenizer(self._tokenizer)
            # hazm's « ([marks])» replaced by «\1» as « (?=[marks])» removed: the same spaces go,
            # without a group to copy into each replacement (0.030 -> 0.021 CPU s over the 17,279
            # Fars stretches that hold such a space). The next pattern, «([openings]) » replaced
            # by «\1», goes in the same substitution: a space is removed where a closing mark
            # follows it or an opening mark stands before it. Removing the first kind leaves the
            # character before every other space as it was, so one pass removes what the two do.
            (space_before_mark, replacement, _), (space_after_opening, replacement_after, _) = (
                self._space_before_mark + self._space_after_opening)
            if not (space_before_mark.pattern.startswith(" ([") and space_before_mark.pattern.endswith("])")
                    and space_after_opening.pattern.startswith("([") and space_after_opening.pattern.endswith("]) ")
                    and replacement == replacement_after == r"\1"):
                raise RuntimeError(f"hazm's patterns of spaces inside marks are {space_before_mark.pattern!r} and "
                                   f"{space_after_opening.pattern!r}: install the hazm version of requirements.txt")
            self._spaces_inside_marks = re.compile(
                f" (?:(?={space_before_mark.pattern[2:-1]})|(?<={space_after_opening.pattern[1:-2]} ))")
            # hazm's «([letters])\1{2,}» as «(.)\1(?<=[letters]{2})\1»: the same texts hold a
            # match (the lookbehind tells the character written twice is a letter), found in two
            # thirds of the time «([letters])\1\1» takes (the class tried only where a character
            # is doubled, not at every letter).
            repeated = self.more_than_two_repeat_pattern.pattern
            if not (repeated.startswith("([") and repeated.endswith(r"])\1{2,}")):
                raise RuntimeError(f"hazm's repeated-letter pattern is {repeated!r}: "
                                   "install the hazm version of requirements.txt")
            self._tripled_letter = re.compile(rf"(.)\1(?<={repeated[1:-len(r')\1{2,}')]}{{2}})\1")
            # The steps the options enable, in hazm's order, each with whether only a text
            # holding a rare character needs it and whether it is told if a digit may be there.
            self._steps = tuple((step, rare_only, told_digits) for enabled, rare_only, told_digits, step in (
                (self._persian_style, False, False, self.persian_style),
                (self._persian_number, False, False, self.persian_number),
                (self._remove_diacritics, True, False, self.remove_diacritics),
                (self._correct_spacing, False, True, self._corrected_spacing),
                (self._unicodes_replacement, True, False, self.unicodes_replacement),
                (self._remove_specials_chars, True, False, self.remove_specials_chars),
                (self._decrease_repeated_chars, False, False, self.decrease_repeated_chars),
                (self._seperate_mi, False, False, self.seperate_mi)) if enabled)

        def tokenize(self, line: str) -> list[str]:
            """The tokens of ``line`` as hazm's tokenizer (``self._tokenizer``) gives them."""
            return _TOKEN.findall(line)

        def normalize(self, text: str) -> str:
            # One search for a rare character or a digit: nearly every stretch cleaning gives
            # holds neither (numbers are cut out of them), and then the four steps of rare
            # characters and correct_spacing's digit patterns find nothing to change.
            rare = digits = self._rare_character_or_digit.search(text) is not None
            if rare:
                rare = self._rare_characters.search(text) is not None
                text = text.translate(self._table) if rare else text
            for step, rare_only, told_digits in self._steps:
                if told_digits:
                    text = step(text, digits)
                elif rare or not rare_only:
                    text = step(text)
            return text

        def persian_style(self, text: str) -> str:
            return _replace_all(self._persian_style_patterns, text)

        def remove_diacritics(self, text: str) -> str:
            return _replace_all(self._diacritics, text)

        def remove_specials_chars(self, text: str) -> str:
            return _replace_all(self._special_chars, text)

        def correct_spacing(self, text: str) -> str:
            return self._corrected_spacing(text, may_hold_digit=True)

        def _corrected_spacing(self, text: str, may_hold_digit: bool) -> str:
            """hazm's ``correct_spacing``; without ``may_hold_digit`` (``text`` holds no digit,
            and none of its steps writes one), its two digit patterns are not tried."""
            # hazm's first pattern, «^ +| +$», strips spaces at both ends (and before a final
            # line break): str.strip does it on one line, without trying the regex at every space.
            text = _replace_all(self._edge_spaces, text) if "\n" in text else text.strip(" ")
            if _may_fix_extra_space(text):
                text = _replace_all(self._extra_space, text)
            # (a stretch cleaning gives is one line: no split and join)
            if "\n" in text:
                lines = [self._spaced_line(line, may_hold_digit) for line in text.split("\n")]
                text, affixed = "\n".join(line for line, _ in lines), any(affixed for _, affixed in lines)
            else:
                text, affixed = self._spaced_line(text, may_hold_digit)
            if affixed or "هها" in text:  # what the affix patterns need (nine stretches in ten have neither)
                text = _replace_gated(self._affix_spacing_gate, self._affix_spacing, text)
            if '"' in text:
                text = _replace_all(self._quote_spacing, text)
            if not (_SPACING_GATE if may_hold_digit else _MARK_MENDING_GATE).search(text):
                return text
            # (nearly every text that passes has a space before a mark: tokens are written apart)
            text = _replace_gated(_MARKS_GATE, self._marks_meeting, self._spaces_inside_marks.sub("", text))
            return _replace_gated(_DIGIT, self._digit_spacing, text) if may_hold_digit else text

        def may_mend_spacing(self, text: str) -> bool:
            """Whether one of the affix or punctuation patterns of ``correct_spacing`` matches in
            ``text`` (not those between a digit and a letter: cleaning leaves numbers as written).
            Each gated run is searched only where its gate finds something: most texts pass
            none, and the gates cost two searches where the patterns' own needles cost twelve."""
            return ((self._affix_spacing_gate.search(text) is not None and finds_any(self._affix_spacing, text))
                    or finds_any(self._quote_spacing, text)
                    or (_MARK_MENDING_GATE.search(text) is not None
                        and finds_any(self._mark_spacing, text)))

        def _spaced_line(self, line: str, may_hold_digit: bool) -> tuple[str, bool]:
            """A line as hazm's ``correct_spacing`` writes it out of its tokens: the pairs
            ``token_spacing`` joins joined, single spaces between (most lines join none); and
            whether one of its tokens is a suffix or one of _AFFIX_TOKENS. One set test tells
            both: where none is, token spacing joins no suffix, and only the affix pattern of
            «هها» may change the line. Without ``may_hold_digit``, ``line`` holds no digit."""
            if not line or line.isspace():  # hazm's «not line.strip()», without a copy of the line
                return line, False
            tokens = (_TOKEN if may_hold_digit else _TOKEN_WITHOUT_DIGITS).findall(line)
            affixed = not self._suffix_or_affix_tokens.isdisjoint(tokens)
            first = self.first_joinable_pair(tokens, may_hold_suffix=affixed)
            return " ".join(tokens if first is None else self._joined_from(tokens, first)), affixed

        def token_spacing(self, tokens: list[str]) -> list[str]:
            first = self.first_joinable_pair(tokens)
            return list(tokens) if first is None else self._joined_from(tokens, first)

        def _joined_from(self, tokens: list[str], first: int) -> list[str]:
            """hazm's ``token_spacing`` of ``tokens`` whose first pair that may join is at
            ``first``: its loop, run from there, testing a pair only where it may join (a pair
            in hazm's words or verbs starts with one of _joined_lefts and ends in one of
            _joined_rights, or ends in a suffix)."""
            words, verbs, lefts, rights = self._words, self._verbs, self._joined_lefts, self._joined_rights
            result = tokens[:first]
            for t in range(first, len(tokens)):
                token = tokens[t]
                if not result or not ((token in rights and result[-1] in lefts) or token in SUFFIXES):
                    result.append(token)
                    continue
                # from here on, hazm's own test
                joined = False
                token_pair = result[-1] + ZWNJ + token
                if (verbs and token_pair in verbs) or (token_pair in words and words[token_pair][0] > 0):
                    joined = True
                    if t < len(tokens) - 1 and verbs and token + "_" + tokens[t + 1] in verbs:
                        joined = False
                elif token in SUFFIXES and result[-1] in words:
                    joined = True
                if joined:
                    result[-1] = token_pair
                else:
                    result.append(token)
            return result

        def first_joinable_pair(self, tokens: list[str], may_hold_suffix: bool = True) -> int | None:
            """The position of the first token that hazm's ``token_spacing`` may join to the next
            (its test without the exception it makes for a verb part), None when it joins none;
            without ``may_hold_suffix`` (no token is a suffix), suffixes are not looked for."""
            joined_words, rights, words = self._joined_words, self._joined_rights, self._words or {}
            last = len(tokens) - 1
            first = None
            # The tokens that may start a joined word, found by a C-level scan (map, compress).
            for position in compress(count(), map(self._joined_lefts.__contains__, tokens)):
                if (position < last and tokens[position + 1] in rights
                        and f"{tokens[position]}{ZWNJ}{tokens[position + 1]}" in joined_words):
                    first = position
                    break
            if not may_hold_suffix or SUFFIXES.isdisjoint(tokens):  # nearly every line: no suffix written apart
                return first
            # A suffix after a word hazm knows, before that.
            for position in compress(count(), map(SUFFIXES.__contains__, islice(tokens, 1, None))):
                if first is not None and position >= first:
                    break
                if tokens[position] in words:
                    return position
            return first

        def decrease_repeated_chars(self, text: str) -> str:
            # hazm's pattern takes a whole run of letters at each letter before it looks for one
            # written three times: without such a letter, it finds nothing.
            if not self._tripled_letter.search(text):
                return text
            return super().decrease_repeated_chars(text)

        def unicodes_replacement(self, text: str) -> str:
            if not self._replaced_starts.search(text):
                return text
            for old, new in UNICODE_REPLACEMENTS:
                text = text.replace(old, new)
            return text

        def seperate_mi(self, text: str) -> str:
            # A word _mi_word finds, «ن» dropped, is one _mi_word_from_mi finds: where none is
            # one of _mi_joined, also without its «ن», seperate_mi changes nothing.
            if self._mi_joined_from_mi.isdisjoint(self._mi_word_from_mi.findall(text)):
                return text
            verbs = self._verbs

            def replace_match(match: re.Match) -> str:
                word = match.group(0)
                parted = self._mi_prefix.sub("\\1\u200c", word)
                return parted if verbs and parted in verbs else word

            return self._mi_word.sub(replace_match, text)

    return CompiledNormalizer(persian_numbers=False)
