"""Clean an article: drop boilerplate lines, normalize with hazm without touching numbers,
repair zero-width non-joiners, and cut the result into paragraphs and sentences with offsets.

The steps run in one fixed order, each a function of its own:

1. :func:`remove_boilerplate` drops whole lines (comment boxes, share/tag/print lines, date and
   news-code lines, «پایان پیام», titles repeated in the body, blank lines) and reports each.
2. :func:`normalize` applies hazm's Normalizer to the text *between* numbers, so «۱.۷»,
   «1,300», «1404/7/12» and «۵۸%» come out exactly as written; digits are unified to one
   script only when the caller asks.
3. :func:`helpers.zwnj.repair_zwnj` restores the ZWNJ hazm leaves missing.

The cleaned text keeps the title as its first line and one paragraph per line. Cleaning is
idempotent: cleaning a cleaned text changes nothing.

Normalization also keeps one ZWNJ of a doubled one, drops a soft hyphen between letters (the
ZWNJ repair then puts a ZWNJ where the word has one), and unjoins «می» the month (May) after a cue of ``zwnj_month_cues.txt`` or a number.

Lexicons read here (``LEXICONS``): ``boilerplate.tsv``, ``zwnj_month_cues.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .chars import ALL_DIGITS, INVISIBLE_MARKS, NBSP, TATWEEL, ZWNJ, unify_digits
from .hazm_once import compiled_normalizer
from .lexicons import LexiconError, load_list, load_table
from .text import SENTENCE_END  # noqa: F401  (kept public here, where the sentences table is made)
from .text import fold_presentation_forms
from .text import char_replacer, fold_letters, letter_table, paragraph_rows, sentence_rows
# Imported once here, not in the functions that settle every line (an import statement costs
# a lookup on each of their 40,000 calls on the Fars bench); its functions are looked up on the
# module when called, so that a benchmark timing one of them sees every call.
from . import zwnj, zwnj_joins

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("boilerplate", "zwnj_month_cues")

REPORT_COLUMNS = ["line", "text", "rule"]
PARAGRAPH_COLUMNS = ["paragraph", "start", "end", "text"]
SENTENCE_COLUMNS = ["paragraph", "sentence", "start", "end", "text"]

# A number as written: digits of any script with the separators that belong inside it
# («۱.۷», «1,300», «۲٬۵۰۰», «1404/7/12», «۱۰-۱۵», «۱۲:۳۰») and a percent sign right after it.
NUMBER_SPAN = re.compile(
    rf"[{ALL_DIGITS}]+(?:[.,٫٬/:\-][{ALL_DIGITS}]+)*(?:[^\S\n]?[%٪])?"  # a sign on the next line is not the number's
)


# ---------------------------------------------------------------- folding for comparisons

_FOLD_DROP = re.compile(rf"[\s{ZWNJ}{TATWEEL}\u064b-\u065f\u0670\W_]+")


# «ة», «ۀ» as «ه»: boilerplate patterns and titles are compared with these folded too.
_fold_heh = char_replacer(letter_table("ةۀ"))


def fold_for_matching(text: str) -> str:
    """Letters and digits only, Arabic letters as Persian: how lines are compared with patterns."""
    # The regex pays for every match it cuts out, and a space or ZWNJ parts every word:
    # str.replace drops those two first, leaving the regex the few other marks.
    text = fold_letters(text).replace(" ", "").replace(ZWNJ, "")
    return _fold_heh(_FOLD_DROP.sub("", text))


def _fold_head(text: str, length: int) -> str:
    """:func:`fold_for_matching` of ``text`` when that is at most ``length`` long, else a
    prefix of it longer than ``length``: enough to compare with anything of that length.

    Folding goes character by character (each kept, dropped or replaced by one), so the
    folded head of a line is the head of the folded line; most lines are long paragraphs
    compared only with short patterns and a title, and need no more than their head folded.
    """
    head_end = 2 * length + 8  # folding keeps most characters: a head this long almost always suffices
    if len(text) > head_end:
        head = fold_for_matching(text[:head_end])
        if len(head) > length:
            return head
    return fold_for_matching(text)


# How many characters of a line are folded first to see whether it may be the title or match a
# rule's folded pattern: most lines begin otherwise, and then need no more folded.
_FOLD_PROBE = 16


def _probe_or_head(line: str, length: int, may_begin: Callable[[str], bool], probe: str | None = None) -> str:
    """``_fold_head(line, length)``, or, when ``may_begin`` rules out the folded first
    ``_FOLD_PROBE`` characters of a longer ``line`` as the beginning of a line that matches what
    it is compared with, those and a NUL: a marker that matches nothing either, alone or joined
    to another line's fold (no folded text holds a NUL), non-empty where the folded line is.
    ``probe``, when given, is those characters folded already."""
    if len(line) > _FOLD_PROBE:
        if probe is None:
            probe = fold_for_matching(line[:_FOLD_PROBE])
        if probe and not may_begin(probe):
            return probe + "\0"
    return _fold_head(line, length)


def _title_fold(line: str, folded_title: str, probe: str | None = None) -> str:
    """What :func:`boilerplate_lines` compares with ``folded_title``, alone or joined to the line
    before or after it: a line whose folded head is nowhere in the title can be no part of it.
    ``probe`` as for :func:`_probe_or_head`."""
    return _probe_or_head(line, len(folded_title), folded_title.__contains__, probe)


# ---------------------------------------------------------------- 1. boilerplate

# Pages repeat the title right under it (within the first few kept lines); further down, a line equal to the title is the
# article's own words (a poem's refrain, a slogan) and stays.
TITLE_REPEAT_WINDOW = 5


@dataclass(frozen=True)
class BoilerplateRule:
    rule: str
    match: str
    pattern: str
    max_length: int | None
    folded: str = ""
    regex: re.Pattern | None = None
    needs: tuple[str, ...] = ()  # words one of which every match of ``regex`` holds (the lexicon's)

    def may_match(self, line: str) -> bool:
        """Whether ``regex`` may find something in ``line``: ``line`` holds one of ``needs``
        (a substring test, where the regex may open with a lookbehind tried at each character)."""
        return not self.needs or any(map(line.__contains__, self.needs))

    def fires_on(self, line: str, folded_line: str) -> bool:
        """Whether the rule removes ``line`` (``folded_line`` is its :func:`fold_for_matching`)."""
        if self.max_length is not None and len(line.strip()) > self.max_length:
            return False
        if self.match == "line":
            return folded_line == self.folded
        if self.match == "starts":
            return folded_line.startswith(self.folded)
        return self.may_match(line) and bool(self.regex.search(line))


@lru_cache(maxsize=None)
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """The rules of ``lexicons/boilerplate.tsv``, compiled once."""
    rules = []
    for row in load_table("boilerplate"):
        if row["match"] not in ("line", "starts", "regex", "ends"):
            raise LexiconError(f"boilerplate.tsv: unknown match {row['match']!r} in rule {row['rule']!r}")
        max_length = int(row["max_length"]) if row["max_length"] else None
        regex = re.compile(row["pattern"]) if row["match"] in ("regex", "ends") else None
        rules.append(BoilerplateRule(row["rule"], row["match"], row["pattern"], max_length,
                                     fold_for_matching(row["pattern"]), regex, _needs(row)))
    return tuple(rules)


def _needs(row: dict[str, str]) -> tuple[str, ...]:
    """The ``needs`` of a row of ``boilerplate.tsv``, each checked to be written in its pattern
    (a word the pattern does not hold would keep lines the rule should remove)."""
    needs = tuple(row["needs"].split())
    if needs and row["match"] not in ("regex", "ends"):
        raise LexiconError(f"boilerplate.tsv: rule {row['rule']!r}: needs given for a {row['match']!r} rule")
    for need in needs:
        if need not in row["pattern"]:
            raise LexiconError(f"boilerplate.tsv: rule {row['rule']!r}: need {need!r} is not in its pattern")
    return needs


@dataclass(frozen=True)
class _RuleIndex:
    """Where to look for the rules that may fire on a line, instead of trying all hundred.

    Every line of every article is checked, and almost none is boilerplate: a dictionary
    lookup per kind of rule finds the few candidates, which then fire in the lexicon's order.
    """

    whole_lines: dict[str, tuple[int, ...]]  # folded pattern → positions of its "line" rules
    # The first head_length characters of folded "starts" patterns → (pattern, positions of
    # its rules): one lookup per line, where one per pattern length took sixteen.
    prefixes_by_head: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]
    head_length: int  # the shortest folded "starts" pattern
    regex_rules: tuple[tuple[int, int | None], ...]  # (position, max_length) of the "regex" rules
    longest_pattern: int  # the longest folded "line" or "starts" pattern: how much of a line to fold
    pattern_heads: frozenset[str]  # every beginning of a folded "line" or "starts" pattern

    def may_begin(self, folded_head: str) -> bool:
        """Whether a line whose folded text begins with ``folded_head`` may match a "line" or
        "starts" rule: the head begins a pattern, or a "starts" pattern begins it."""
        return folded_head in self.pattern_heads or any(
            folded_head.startswith(prefix) for prefix, _ in self.prefixes_by_head.get(folded_head[:self.head_length], ()))


@lru_cache(maxsize=None)
def _lexicon_rule_index() -> _RuleIndex:
    return _rule_index(boilerplate_rules())


def _rule_index(rules: tuple[BoilerplateRule, ...]) -> _RuleIndex:
    whole_lines: dict[str, list[int]] = {}
    prefixes: dict[str, list[int]] = {}
    regex_rules = []
    for position, rule in enumerate(rules):
        if rule.match == "line":
            whole_lines.setdefault(rule.folded, []).append(position)
        elif rule.match == "starts":
            prefixes.setdefault(rule.folded, []).append(position)
        elif rule.match == "regex":  # an "ends" rule never removes a line: _without_end_mark cuts its tail
            regex_rules.append((position, rule.max_length))
    head_length = min(map(len, prefixes), default=0)
    prefixes_by_head: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    for prefix, positions in prefixes.items():
        prefixes_by_head.setdefault(prefix[:head_length], []).append((prefix, tuple(positions)))
    return _RuleIndex({k: tuple(v) for k, v in whole_lines.items()},
                      {k: tuple(v) for k, v in prefixes_by_head.items()}, head_length, tuple(regex_rules),
                      max(map(len, [*whole_lines, *prefixes]), default=0),
                      frozenset(pattern[:end] for pattern in [*whole_lines, *prefixes] for end in range(len(pattern) + 1)))


def boilerplate_rule_for(line: str, rules: tuple[BoilerplateRule, ...] | None = None) -> str:
    """The name of the first rule that fires on ``line``, or ``""``.

    ``rules`` defaults to :func:`boilerplate_rules`, the lexicon's, in its order.
    """
    if rules is None:
        rules, index = boilerplate_rules(), _lexicon_rule_index()
    else:
        index = _rule_index(rules)
    return _first_rule(line, _fold_head(line, index.longest_pattern), rules, index)


def _first_rule(line: str, folded: str, rules: tuple[BoilerplateRule, ...], index: _RuleIndex) -> str:
    """:func:`boilerplate_rule_for` with ``folded`` = ``_fold_head(line, index.longest_pattern)``
    (whole when a "line" rule could match it), folded once by a caller that needs it too, or
    the marker :func:`_probe_or_head` gives for a line no "line" or "starts" rule matches."""
    if not folded:
        return "blank_line"
    # Most lines are too long for any regex rule's max_length: those rules are not tried.
    length = len(line.strip())
    candidates = [position for position, max_length in index.regex_rules if max_length is None or length <= max_length]
    candidates.extend(index.whole_lines.get(folded, ()))
    for prefix, positions in index.prefixes_by_head.get(folded[:index.head_length], ()):
        if folded.startswith(prefix):
            candidates.extend(positions)
    for position in sorted(candidates):
        if rules[position].fires_on(line, folded):
            return rules[position].rule
    return ""


def remove_boilerplate(raw_text: str, *, title: str = "",
                       settle: Callable[[str], str] | None = None) -> tuple[str, pd.DataFrame]:
    """Return ``(kept_text, report)``.

    ``kept_text`` holds the article's lines that are not boilerplate, joined by newlines, the
    title first. ``report`` has one row per removed line: ``line`` (0-based line number in the
    raw text), ``text`` (the line as written) and ``rule`` (the boilerplate rule, or
    ``repeated_title`` / ``blank_line``). ``title`` defaults to the first non-empty line; a
    title given separately (a table's title field) that the text does not begin with is
    added as the first line, so that the cleaned text always starts with the title.

    ``settle`` maps a line to what later cleaning steps make of it; rules are then decided on
    the settled line, so that a line normalization shortens («۱ً» → «۱», a diacritic gone) is
    judged as it will finally read and a second cleaning pass removes nothing more.
    """
    kept, removed = boilerplate_lines(raw_text, title=title, settle=settle)
    return kept, pd.DataFrame(removed, columns=REPORT_COLUMNS)


def _without_end_mark(number: int, line: str, removed: list[tuple[int, str, str]]) -> str:
    """``line`` without the end-of-story mark that closes it («... پایان پیام/»: the rules of
    ``match`` ``ends``), reported in ``removed`` like the same mark on a line of its own."""
    for rule in _end_mark_rules():
        found = rule.may_match(line) and rule.regex.search(line)
        if found and line[:found.start()].strip():
            removed.append((number, line[found.start():].strip(), rule.rule))
            return line[:found.start()]
    return line


@lru_cache(maxsize=1)
def _end_mark_rules() -> tuple[BoilerplateRule, ...]:
    """The rules of ``match`` ``ends``, in the lexicon's order: tried on every kept line."""
    return tuple(rule for rule in boilerplate_rules() if rule.match == "ends")


def boilerplate_lines(raw_text: str, *, title: str = "",
                      settle: Callable[[str], str] | None = None) -> tuple[str, list[tuple[int, str, str]]]:
    """:func:`remove_boilerplate` with the report as ``(line, text, rule)`` tuples, no DataFrame."""
    removed: list[tuple[int, str, str]] = []
    # (line number, line, folded line, settled line, its folded head for the rules) of non-blank
    # lines; a line is only compared with the title (alone or with the next line), so the head of
    # it one longer than the title will do, or less where it begins otherwise (_title_fold).
    lines: list[tuple[int, str, str, str, str]] = []
    folded_title = fold_for_matching(title) if title else None
    rules, rule_index = boilerplate_rules(), _lexicon_rule_index()
    for number, line in enumerate(raw_text.splitlines()):
        head = line[:_FOLD_PROBE]
        probe = fold_for_matching(head) if len(line) > _FOLD_PROBE else None
        folded = fold_for_matching(line) if folded_title is None else _title_fold(line, folded_title, probe)
        settled = settle(line) if settle and folded else line
        # Settling leaves the first characters of most lines as written: their fold is the line's.
        settled_probe = probe if probe is not None and settled.startswith(head) else None
        settled_head = (_probe_or_head(settled, rule_index.longest_pattern, rule_index.may_begin, settled_probe)
                        if folded else "")
        if not settled_head:
            folded = ""  # a line that cleaning empties («:ۥ» → «:») is blank now, as on a second pass
        if folded:
            lines.append((number, line, folded, settled, settled_head))
            if folded_title is None:  # no title given: the first non-blank line is the title
                folded_title = folded
        elif line:
            removed.append((number, line, "blank_line"))
    if folded_title is None:
        folded_title = ""
    kept: list[str] = []
    seen_title = False
    index = 0
    while index < len(lines):
        number, line, folded, settled, settled_head = lines[index]
        # Counted in kept lines, not raw ones, so that a second cleaning pass decides the same.
        near_top = len(kept) < TITLE_REPEAT_WINDOW
        if folded == folded_title:
            if seen_title and near_top:
                removed.append((number, line, "repeated_title"))
            else:
                kept.append(line)
                seen_title = True
            index += 1
            continue
        # A title repeated over two lines («سردار حسنپور:» then «امنیت بدون ...»).
        if near_top and index + 1 < len(lines) and folded + lines[index + 1][2] == folded_title:
            for n, l, *_ in lines[index:index + 2]:
                removed.append((n, l, "repeated_title"))
            index += 2
            continue
        rule = _first_rule(settled, settled_head, rules, rule_index)
        if rule:
            removed.append((number, line, rule))
        else:
            kept.append(_without_end_mark(number, line, removed))
        index += 1
    if title and not seen_title:
        kept.insert(0, title)
    return "\n".join(line.strip() for line in kept), sorted(removed, key=lambda r: r[0])


# ---------------------------------------------------------------- 2. normalization

def _hazm_normalizer():
    """hazm's Normalizer as cleaning runs it (:func:`helpers.hazm_once.compiled_normalizer`)."""
    return compiled_normalizer()


_INVISIBLE = re.compile("[" + "".join(INVISIBLE_MARKS) + "]")
_SPACE_CHARS = rf" \t{NBSP}\u2000-\u200a\u202f\u205f\u3000"
# A run of spaces that is not already one plain space: the only runs that writing every run
# as one space changes. Plain single spaces (one a word) are then no match to build and join.
_ODD_SPACES = re.compile(rf"[{_SPACE_CHARS.replace(' ', '')}][{_SPACE_CHARS}]*| [{_SPACE_CHARS}]+")
_DOUBLE_SPACES = re.compile(" {2,}")
# What either substitution of _normalize_words acts on, bar two plain spaces running: one scan
# of one class passes over the stretches that hold none (nearly all), where two scans did.
_INVISIBLE_OR_ODD_SPACE = re.compile("[" + "".join(INVISIBLE_MARKS) + _SPACE_CHARS.replace(" ", "") + "]")


@lru_cache(maxsize=8192)  # one stretch in ten repeats: « هزار و », « تا », «، » between numbers
def _normalize_words(segment: str, *, between_numbers: bool = False) -> str:
    """hazm's Normalizer on a stretch of text holding no number, keeping its edge spaces.

    A stretch between two numbers that normalizes to nothing (a lone diacritic, tatweel or
    zero-width joiner) becomes a space, so that two numbers never fuse into one.
    """
    # Searched before substituted: most stretches hold neither, and a substitution that finds
    # nothing still builds the text again.
    cleaned = segment
    if _INVISIBLE_OR_ODD_SPACE.search(segment) or "  " in segment:
        cleaned = _INVISIBLE.sub("", segment) if _INVISIBLE.search(segment) else segment
        if _ODD_SPACES.search(cleaned):
            cleaned = _ODD_SPACES.sub(" ", cleaned)
    if not cleaned.strip():
        return " " if cleaned or (segment and between_numbers) else ""
    # hazm drops a ZWNJ at the start of a stretch but keeps one a removed tatweel left there
    # («ـ‌ء» → «‌ء»): edge ZWNJs go, so that a second pass finds nothing to change.
    core = _hazm_normalizer().normalize(cleaned).strip(ZWNJ)
    if not core:
        return " " if between_numbers else ""
    lead = " " if cleaned[0].isspace() else ""
    trail = " " if cleaned[-1].isspace() else ""
    return lead + core + trail


# A ZWNJ only means something between two word characters; beside a space or a mark hazm
# moves or drops it differently on each pass, so it goes first. Written ZWNJ-first (the
# lookbehind «not a word character, then this ZWNJ» moved after it) so that the regex engine
# jumps from ZWNJ to ZWNJ instead of trying a lookbehind at every character.
_STRAY_ZWNJ = re.compile(rf"{ZWNJ}(?:(?<!\w{ZWNJ})|(?!\w))")


def _without_stray_zwnj(text: str, replacement: str = "") -> str:
    return _STRAY_ZWNJ.sub(replacement, text) if ZWNJ in text else text


def _single_spaced(text: str) -> str:
    """``text`` with its stray ZWNJs dropped, runs of spaces made one and its ends stripped."""
    text = _without_stray_zwnj(text)
    return (_DOUBLE_SPACES.sub(" ", text) if "  " in text else text).strip()


_ZWNJ_RUN = re.compile(f"{ZWNJ}{{2,}}")
# a soft hyphen between two Arabic-script letters: a ZWNJ («می­شود») or a mere hyphenation point
# («میز­ان»): dropped, and the ZWNJ repair puts a ZWNJ back where the word has one
_SOFT_HYPHEN = re.compile("(?<=[\u0621-\u06ff])\u00ad(?=[\u0621-\u06ff])")


@lru_cache(maxsize=1)
def _may_the_month() -> re.Pattern:
    """«می» the month (May) after a cue of ``zwnj_month_cues`` or a number, joined by hazm to
    the next word as if it were the verbal prefix («ماه می‌میلادی»): the ZWNJ to undo."""
    # «می‌» first, then what stands before it: the regex engine jumps from one «می‌» to the next
    # (common: «می‌شود») instead of trying every cue's lookbehind at every character.
    may = f"می{ZWNJ}"
    cues = "|".join(f"(?<={re.escape(cue)} {may})" for cue in load_list("zwnj_month_cues"))
    return re.compile(rf"{may}(?:{cues}|(?<=[{ALL_DIGITS}] {may}))")


def _mended_and_folded(line: str) -> str:
    """``line`` as :func:`normalize_line` reads it: a doubled ZWNJ kept once, a soft hyphen
    between letters dropped, letters folded. Everything else it does is a function of this."""
    if ZWNJ + ZWNJ in line or "\u00ad" in line:  # a doubled ZWNJ keeps one
        line = _SOFT_HYPHEN.sub("", _ZWNJ_RUN.sub(ZWNJ, line))
    return fold_letters(line)


@lru_cache(maxsize=4096)  # the same line is normalized for boilerplate, the cleaned text and the ZWNJ report
def normalize_line(line: str) -> str:
    """Normalize one line (see :func:`normalize`)."""
    folded = _mended_and_folded(line)
    line = _without_stray_zwnj(folded)
    if line != folded and _numbers_of(line) != _numbers_of(folded):
        # Dropping the ZWNJ would join two numbers («0٫‌0» → «0٫0»): it parts them as a space.
        line = _without_stray_zwnj(folded, " ")
    pieces = []
    numbers = []  # _numbers_of(line), read off the pieces instead of a second scan
    position = 0
    for match in NUMBER_SPAN.finditer(line):
        pieces.append(_normalize_words(line[position:match.start()], between_numbers=position > 0))
        number = match.group(0)
        pieces.append(number)
        numbers.append(number.rstrip("%٪ "))
        position = match.end()
    pieces.append(_normalize_words(line[position:]))
    # hazm may leave a ZWNJ stray (a tatweel after it removed: «ء‌ـ» → «ء‌»); a second pass would drop it.
    result = _single_spaced("".join(pieces))
    # A line without a number keeps none: hazm writes no digit (tests/test_clean.py checks it).
    if numbers and _numbers_of(result) != numbers:
        # Normalizing what stood between two numbers left a separator that joins them
        # («0ً٫0» → «0٫0»): set every number apart with spaces instead.
        # A ZWNJ left alone between two numbers is now stray: a second pass would drop it.
        spaced = [f" {piece} " if index % 2 else piece for index, piece in enumerate(pieces)]
        result = _single_spaced("".join(spaced))
    if "می" + ZWNJ in result:
        result = _may_the_month().sub("می ", result)
    return zwnj_joins.join_bound_parts(zwnj_joins.join_preverbs(result))


def _numbers_of(text: str) -> list[str]:
    # findall, not finditer: NUMBER_SPAN has no group, so it gives the numbers as strings.
    return [number.rstrip("%٪ ") for number in NUMBER_SPAN.findall(text)]


def normalize(text: str, *, digits: str | None = None) -> str:
    """Return ``text`` normalized line by line with hazm, numbers untouched.

    hazm folds Arabic letters and presentation forms, removes diacritics and tatweel and
    corrects spacing; it runs only on the words between numbers, so every number keeps its
    digits, separators and percent sign as written. ``digits`` (``"persian"``, ``"latin"``,
    ``"arabic"``) then writes all digits in one script; ``None`` keeps them as written.
    """
    lines = [normalize_line(line) for line in text.split("\n")]
    result = "\n".join(line for line in lines if line)
    return unify_digits(result, digits) if digits else result


@lru_cache(maxsize=4096)  # each kept line is settled twice: to judge it as boilerplate, then to keep it
def settle_line(line: str) -> str:
    """One line as cleaning leaves it: normalized, then its ZWNJs repaired, to a fixed point."""
    settled = zwnj.repair_zwnj(normalize_line(line))
    # hazm is not idempotent on every input ('""1' → '" "1' → '«»1'; a mark dropped inside a word
    # lets the next pass add a ZWNJ): settle to a fixed point, so that cleaning cleaned text
    # changes nothing. A second pass changes nothing on nearly every line (240 of 111,000 bench
    # lines), and costs as much as the first: it runs only where one could change something.
    for _ in range(2):
        if settled == line or _normalized_alike(line, settled) or not _may_change_again(line, settled):
            break
        again = zwnj.repair_zwnj(normalize_line(settled))
        if again == settled:
            break
        line, settled = settled, again
    return settled


def _normalized_alike(line: str, settled: str) -> bool:
    """Whether :func:`normalize_line` reads ``settled`` as it reads ``line`` (both mend and fold
    to the same text), so that a second pass over ``settled``, the first pass's result for
    ``line``, gives ``settled`` again. A quarter of the lines the first pass changes on the Fars
    bench (2,729 of 11,105) differ from it only in letters folding unifies («خبرگزاري»): they
    skip :func:`_may_change_again` (the test before a second pass over those 11,105 lines:
    0.50 -> 0.40 s of CPU, medians of 7). Folding keeps the length: lines of two lengths are told
    apart without folding them, unless mending shortens one (then this only answers False)."""
    return len(settled) == len(line) and _mended_and_folded(settled) == _mended_and_folded(line)


# Characters that make a second pass change a line: «"» (hazm pairs quotes before it mends the
# spacing between them: '""' → '" "' → '«»'), a soft hyphen (dropped only between letters,
# which a first pass may bring together), tatweel and carriage return, and every character
# hazm translates, drops or spells out; a character outside the plain set of Persian text
# (letters, digits, ZWNJ, space, common punctuation) is not looked into.
_PLAIN_PERSIAN = "آ-غف-يپچژکگی" + "ءأؤئۀة" + "a-zA-Z" + ALL_DIGITS + " .,،:؛؟!?«»()\\[\\]{}/%٪\\-'٫٬…*_–"


@lru_cache(maxsize=1)
def _second_pass_characters() -> re.Pattern:
    """A regex that finds a character of a settled line a second pass could change: one
    outside ``_PLAIN_PERSIAN`` or one hazm translates (see :func:`_has_second_pass_sign`)."""
    from hazm.constants import TRANSLATION_SRC

    plain = re.compile(f"[{_PLAIN_PERSIAN}{ZWNJ}]")
    translated = set(TRANSLATION_SRC)
    # One class of the characters left alone, rather than two classes tried at each character.
    left_alone = [char for char in map(chr, range(0x10000)) if plain.fullmatch(char) and char not in translated]
    return re.compile("[^" + "".join(map(re.escape, left_alone)) + "]")


def _has_second_pass_sign(settled: str) -> bool:
    """Whether ``settled`` holds what makes a second pass change a line: a character of
    :func:`_second_pass_characters`, «..» (hazm's «...» → «…» runs before its spacing joins
    «. ..»), a doubled space or ZWNJ, a space at an end, a stray ZWNJ, or a space one of hazm's
    affix or punctuation patterns mends (a stray ZWNJ dropped between a space and «»» leaves
    «پیش »»). Cheap tests first: nearly every settled line has none of them."""
    if _second_pass_characters().search(settled) or ".." in settled or "  " in settled:
        return True
    if settled.startswith(" ") or settled.endswith((" ", " \n")):
        return True
    if ZWNJ in settled and (ZWNJ + ZWNJ in settled or _STRAY_ZWNJ.search(settled)):
        return True
    return _hazm_normalizer().may_mend_spacing(settled)


def _may_change_again(line: str, settled: str) -> bool:
    """Whether a second cleaning pass over ``settled`` (the first pass's result for ``line``)
    could change it; ``False`` only when it certainly changes nothing.

    Besides the signs of :func:`_has_second_pass_sign`, a second pass changes a line where hazm
    now joins two words it did not join before (the first pass's ZWNJ repair wrote «پیش‌بینی»,
    and hazm lists «پیش‌بینی‌شده»; a diacritic it dropped after joining words hid «رئیسه» from
    «هیئت‌رئیسه») or now parts «می» from a verb, and where a bound part or preverb now joins.
    """
    if _has_second_pass_sign(settled) or _hazm_drops_after_spacing().search(line):
        return True
    hazm = _hazm_normalizer()
    if hazm.seperate_mi(settled) != settled:
        return True
    if zwnj_joins.join_bound_parts(zwnj_joins.join_preverbs(settled)) != settled:
        return True
    return _hazm_joins_tokens(hazm, settled)


@lru_cache(maxsize=1)
def _hazm_drops_after_spacing() -> re.Pattern:
    """The characters hazm removes only after it has joined words: diacritics, its special
    characters, and those it spells out («ﷲ» → «الله»; its two patterns written like regexes
    are replaced as plain strings, so never). Where the first pass removed one, the words around
    it may join on the second."""
    from hazm.constants import DIACRITICS_PATTERNS, SPECIAL_CHARS_PATTERNS, UNICODE_REPLACEMENTS

    spelled_out = "".join(re.escape(old) for old, _ in UNICODE_REPLACEMENTS if len(old) == 1)
    return re.compile("|".join([DIACRITICS_PATTERNS[0][0], SPECIAL_CHARS_PATTERNS[0][0], f"[{spelled_out}]"]))


def _hazm_joins_tokens(hazm, text: str) -> bool:
    """Whether hazm's token spacing may join two of ``text``'s tokens (its test, without the
    exception it makes for a verb part: this only needs to be sure when nothing joins)."""
    return hazm.first_joinable_pair(hazm.tokenize(text)) is not None


def normalize_and_repair(kept: str, *, digits: str | None = None) -> str:
    """``repair_zwnj(normalize(kept, digits=digits))``, line by line when it can be.

    A ZWNJ repair never reaches across a line break (it joins words over one space at
    most), so without ``digits`` every line is settled on its own, from the cache that
    boilerplate removal has just filled.
    """
    if digits:
        return zwnj.repair_zwnj(normalize(kept, digits=digits))
    return "\n".join(line for line in map(settle_line, kept.split("\n")) if line)


# ---------------------------------------------------------------- the whole cleaning

@dataclass
class CleanedArticle:
    """What :func:`clean_article` returns: the cleaned text and what cleaning did to it."""

    text: str
    boilerplate: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REPORT_COLUMNS))
    zwnj_repairs: pd.DataFrame | None = None


def clean_article(raw_text: str, *, title: str = "", digits: str | None = None,
                  report_zwnj: bool = False) -> CleanedArticle:
    """Clean one article: boilerplate, normalization, ZWNJ repair (see the module docstring).

    With ``report_zwnj=True`` the result also lists each ZWNJ repair (from
    :func:`helpers.zwnj.zwnj_repairs`, spans into the normalized text before repair).
    """
    kept, text, removed = clean_lines(raw_text, title=title, digits=digits)
    repairs = zwnj.zwnj_repairs(normalize(kept, digits=digits)) if report_zwnj else None
    return CleanedArticle(text, pd.DataFrame(removed, columns=REPORT_COLUMNS), repairs)


def clean_lines(raw_text: str, *, title: str = "",
                digits: str | None = None) -> tuple[str, str, list[tuple[int, str, str]]]:
    """The work of :func:`clean_article` without DataFrames: ``(kept, text, removed)``.

    ``kept`` is the text after boilerplate removal, ``text`` the cleaned text, ``removed``
    the boilerplate report as ``(line, text, rule)`` tuples.
    """
    kept, removed = boilerplate_lines(fold_presentation_forms(raw_text), title=title, settle=settle_line)
    return kept, normalize_and_repair(kept, digits=digits), removed


def clean_text(raw_text: str, *, title: str = "", digits: str | None = None) -> str:
    """Return the cleaned text of one article (see :func:`clean_article`)."""
    return clean_article(raw_text, title=title, digits=digits).text


# ---------------------------------------------------------------- segmentation

def paragraphs(text: str) -> pd.DataFrame:
    """One row per non-empty line of ``text``: ``paragraph`` (0-based), ``start``, ``end``, ``text``."""
    return pd.DataFrame(paragraph_rows(text), columns=PARAGRAPH_COLUMNS)


def sentences(text: str) -> pd.DataFrame:
    """One row per sentence: ``paragraph``, ``sentence`` (0-based in the article), ``start``, ``end``, ``text``.

    Spans index ``text``; leading and trailing spaces are left out of each sentence.
    """
    return pd.DataFrame(sentence_rows(text), columns=SENTENCE_COLUMNS)


# ---------------------------------------------------------------- reports for the notebooks

def cleaning_summary(articles: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """Per article, what cleaning changed.

    Columns: article_id, raw_words, clean_words, lines_removed, rules (the boilerplate rules
    that fired, with counts, e.g. ``comment_box×3 news_code``), zwnj (characters inserted).
    ``articles`` needs article_id, raw_text and text; ``boilerplate`` is the export's table.
    """
    rules = (boilerplate[boilerplate["rule"] != "blank_line"].groupby("article_id")["rule"]
             .agg(lambda r: " ".join(f"{k}×{v}" if v > 1 else k for k, v in r.value_counts().sort_index().items())))
    removed = boilerplate[boilerplate["rule"] != "blank_line"].groupby("article_id").size()
    return pd.DataFrame({
        "article_id": articles["article_id"],
        "raw_words": articles["raw_text"].str.split().str.len(),
        "clean_words": articles["text"].str.split().str.len(),
        "lines_removed": articles["article_id"].map(removed).fillna(0).astype(int),
        "rules": articles["article_id"].map(rules).astype(object).fillna(""),
        "zwnj": articles["text"].str.count(ZWNJ) - articles["raw_text"].str.count(ZWNJ),
    }).reset_index(drop=True)


def zwnj_repair_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Every ZWNJ repair made in the corpus: article_id, start, end, before, after, rule.

    Spans index each article's text after boilerplate removal and normalization, the text
    the repair step is given.
    """
    frames = []
    for row in articles.itertuples():
        kept, _ = remove_boilerplate(row.raw_text, title=getattr(row, "title", "") or "")
        repairs = zwnj.zwnj_repairs(normalize(kept))
        repairs.insert(0, "article_id", row.article_id)
        frames.append(repairs)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["article_id", "start", "end", "before", "after", "rule"])


def hazm_versus_goftar(samples: list[str]) -> pd.DataFrame:
    """hazm's default Normalizer and Goftar's cleaning side by side on ``samples``.

    Columns: text, hazm, goftar, hazm_keeps_numbers, goftar_keeps_numbers (every number of the
    sample still written the same way in the output, percent signs aside).
    """
    from hazm import Normalizer

    default = Normalizer()
    rows = []
    for sample in samples:
        numbers = [m.group(0).rstrip("%٪ ") for m in NUMBER_SPAN.finditer(sample)]
        hazm_output, ours = default.normalize(sample), normalize(sample)
        rows.append({"text": sample, "hazm": hazm_output, "goftar": ours,
                     "hazm_keeps_numbers": all(n in hazm_output for n in numbers),
                     "goftar_keeps_numbers": all(n in ours for n in numbers)})
    return pd.DataFrame(rows)
