"""What an article says about itself: title, outlet, dateline city, province, date, news id.

Everything is read from the raw text (before boilerplate removal, since date and news-code
lines are boilerplate whose values belong here) after folding Arabic letters to Persian ones.

Lexicons read here (``LEXICONS``): ``outlet_cues.tsv``, ``outlet_skip_words.txt``,
``provinces.tsv``, ``jalali_months.txt``, ``date_cues.txt``, ``news_id_cues.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from .chars import ALL_DIGITS, ZWNJ, digits_to_latin
from .lexicons import literal_alternation, load_list, load_table
from .speedups import plane_regex
from .text import fold_letters, phrase_alternation

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("outlet_cues", "outlet_skip_words", "provinces", "jalali_months", "date_cues", "news_id_cues")

D = f"[{ALL_DIGITS}]"
METADATA_COLUMNS = ["title", "outlet", "outlet_in_text", "dateline_city", "province", "date", "date_month_day",
                    "date_text", "date_in_text", "published", "published_gregorian", "published_month",
                    "news_id", "metadata_rules"]


def extract_title(raw_text: str, *, given_title: str = "") -> str:
    """Return the article's title: the given one (a table's title field), else its first non-empty line."""
    if given_title.strip():
        return given_title.strip()
    for line in raw_text.splitlines():
        if line.strip():
            return line.strip()
    return ""


# ---------------------------------------------------------------- outlet and dateline

@lru_cache(maxsize=None)
def _outlet_cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = load_table("outlet_cues")
    attributions = tuple(r["cue"] for r in rows if r["kind"] == "attribution")
    outlet_words = tuple(r["cue"] for r in rows if r["kind"] == "outlet_word")
    return attributions, outlet_words


def _outlet_words_pattern() -> str:
    _, outlet_words = _outlet_cues()
    return "|".join(_space_pattern(w) for w in sorted(outlet_words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _outlet_skip_words() -> frozenset[str]:
    return frozenset(load_list("outlet_skip_words"))


@lru_cache(maxsize=None)
def _outlet_heads() -> tuple[str, ...]:
    return tuple(r["cue"] for r in load_table("outlet_cues") if r["kind"] == "outlet_head")


# Between the words of a phrase: spaces, ZWNJ or nothing.
_SPACES_OR_ZWNJ = rf"[\s{ZWNJ}]*"


def _space_pattern(phrase: str) -> str:
    """Regex for a phrase whose words may be split by spaces, ZWNJ or nothing."""
    return phrase_alternation([phrase], join=_SPACES_OR_ZWNJ)


# The attribution and interviewer regexes are read in a text with a space put before it
# (:func:`extract_outlet`): a cue then always follows a character of «[\s(«]», which the regex
# opens with, so the engine jumps from one such character to the next in C instead of trying
# «^» and the class at every position. In the text as it is, a cue at a line start follows the
# «\n» before it (a space too), and the first line's, the space put before the text.
_CUE_BEFORE = r"[\s(«]"


@lru_cache(maxsize=None)
def _attribution_regex() -> re.Pattern:
    attributions, _ = _outlet_cues()
    cues = "|".join(_space_pattern(c) for c in attributions)
    # The name runs to punctuation, a dash, a dateline «از CITY» / «در CITY», or «به نقل از».
    # Scraped text may glue the cue to an outlet word and the name to «به نقل از»
    # («به گزارشخبرگزاری مهربه نقل از ...»): no space is needed there.
    return re.compile(rf"{_CUE_BEFORE}(?P<cue>{cues})(?:\s+|(?=(?:{_outlet_words_pattern()})(?:\W|به\s*نقل|$)))"
                      rf"(?P<name>[^،,:;؛\n.]{{2,80}}?)"
                      rf"(?=\s*(?:[،,:;؛\n.«]|\s[-_–]\s|\s+(?:از|در|مستقر|پس)\s|\s*به\s+نقل\s+از|$))", re.M)


@lru_cache(maxsize=None)
def _interviewer_regex() -> re.Pattern:
    cues = "|".join(_space_pattern(r["cue"]) for r in load_table("outlet_cues") if r["kind"] == "interviewer")
    heads = "|".join(_space_pattern(h) for h in _outlet_heads())
    # «در گفت‌وگو با (خبرنگار) ایسنا»: an outlet word, and the name after a head («خبرگزاری تسنیم»).
    return re.compile(rf"{_CUE_BEFORE}(?:{cues})\s+(?:خبرنگار(?:ان)?\s+)?"
                      rf"(?P<name>(?:{heads})\s+[^\s،,:;؛.«»]+|(?:{_outlet_words_pattern()}))(?![^\W\d_])", re.M)


@lru_cache(maxsize=None)
def _prefix_regex() -> re.Pattern:
    return re.compile(rf"^\s*(?P<name>(?:{_outlet_words_pattern()})[^:\n،]{{0,60}}?)\s*:", re.M)


def extract_outlet(raw_text: str) -> tuple[str, str, str]:
    """Return ``(outlet, dateline_city, rule)`` read from the article's attribution.

    «به گزارش خبرگزاری شبستان از اهواز» gives ``("خبرگزاری شبستان", "اهواز", "attribution")``;
    a lead opening «خبرگزاری شبستان: ...» gives the outlet by rule ``prefix``; with neither, an
    outlet named only as the interviewer («در گفت‌وگو با ایسنا», «در گفت‌وگو با خبرنگار خبرگزاری
    تسنیم») by rule ``interviewer``. Empty strings when the article names no publisher.
    """
    return _outlet_in(fold_letters(raw_text))


def _outlet_in(text: str) -> tuple[str, str, str]:
    """:func:`extract_outlet` of a text whose letters are folded (:func:`fold_letters`) already."""
    spaced = " " + text  # read by the cue regexes (see _CUE_BEFORE); what follows a match is read in it too
    skip = _outlet_skip_words()
    for match in _attribution_regex().finditer(spaced):
        words = match.group("name").split()
        while words and words[0] in skip:
            words.pop(0)
        if not words:
            continue
        while words and words[-1] == "و":  # «به گزارش خبرگزاری فارس و ...»
            words.pop()
        outlet = _from_outlet_word(" ".join(words))
        if not outlet:
            continue
        quoted = _QUOTED_NAME.match(spaced, match.end())
        if outlet in _outlet_heads() and quoted:
            outlet = f"{outlet} {quoted.group('name').strip()}"  # «به گزارش خبرگزاری «رویترز»»
        city = _dateline_after(spaced, match.end())
        return outlet, city, "attribution"
    match = _prefix_regex().search(text)
    if match:
        return " ".join(match.group("name").split()), "", "prefix"
    match = _interviewer_regex().search(spaced)
    if match:
        return " ".join(match.group("name").split()), "", "interviewer"
    return "", "", ""


# An outlet's name in guillemets after its head word: «خبرگزاری «رویترز»».
_QUOTED_NAME = re.compile(r"\s*«(?P<name>[^«»\n،,:]{2,40})»")


def _from_outlet_word(name: str) -> str:
    """Drop a desk or section name before the outlet («بین‌الملل خبرگزاری فارس» → «خبرگزاری فارس»)."""
    for word in _outlet_heads():
        position = name.find(" " + word)
        if position > 0:
            return name[position + 1:]
    return name


_DATELINE = re.compile(r"\s+از\s+(?P<rest>[^،,:;؛\n]{2,40})")


def _dateline_after(text: str, position: int) -> str:
    """The place in «... از CITY» right after an attribution, if the gazetteer knows it."""
    match = _DATELINE.match(text, position)  # from position: no copy of the text's rest
    if not match:
        return ""
    rest = match.group("rest")
    # The longest known place the words begin with: one lookup per place length, not a
    # startswith per place (only one place of each length can begin them).
    places = _gazetteer()
    for length in _place_lengths_longest_first():
        if length <= len(rest) and rest[:length] in places and (len(rest) == length or not rest[length].isalpha()):
            return rest[:length]
    return ""


# ---------------------------------------------------------------- province

@lru_cache(maxsize=None)
def _gazetteer() -> dict[str, dict[str, str]]:
    places = {}
    for row in load_table("provinces"):
        places.setdefault(row["place"], row)
        # Writers drop the ZWNJ or put a space in compound names (خرم‌آباد، خرم آباد، خرماباد).
        for variant in (row["place"].replace(ZWNJ, " "), row["place"].replace(ZWNJ, "")):
            places.setdefault(variant, row)
    return places


@lru_cache(maxsize=None)
def _places_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_gazetteer(), key=len, reverse=True))


@lru_cache(maxsize=None)
def _place_lengths_longest_first() -> tuple[int, ...]:
    return tuple(sorted({len(place) for place in _gazetteer()}, reverse=True))


@lru_cache(maxsize=None)
def _place_regex() -> Callable[[str], re.Pattern]:
    """The regex of a place mention (helpers.speedups.plane_regex: the one for a given text),
    read in a text with a space put before it (:func:`_place_mentions`)."""
    names = literal_alternation(_places_longest_first())  # a prefix tree: five times faster than 491 branches

    # The character before the mention is matched, not looked behind at: with one character
    # class first, the engine jumps from one such character to the next in C (narrowed to the
    # BMP, one table lookup each) instead of trying every position of the text.
    # The context word is optional as an alternation with an empty branch, tried in the same
    # order as «(...)?» (the word first), but without the engine's repeat machinery at each of
    # the text's spaces: no context reads "" rather than None.
    def pattern(char_class: Callable[[str], str]) -> str:
        return (rf"{char_class(r'[^\w\u200c]')}(?P<context>(?:استان|شهرستان|شهر)\s*|)(?P<place>{names})"
                rf"(?!{char_class(r'[\w\u200c]')})")

    return plane_regex(pattern)


def _place_mentions(text: str) -> Iterator[re.Match]:
    """Every place mention of ``text``, with or without its context word («استان»), at the start
    of a word: matches in ``" " + text``, so that a match starts (the character before the
    mention, in that text) where the mention does in ``text``. As a lookbehind would find
    them: a place ends with a letter, so a mention never starts where the one before ends."""
    spaced = " " + text
    return _place_regex()(spaced).finditer(spaced)


def province_of(place: str) -> str:
    """The province a gazetteer place belongs to, or ``""`` when the gazetteer does not know it."""
    row = _gazetteer().get(fold_letters(place).strip())
    return row["province"] if row else ""


def infer_province(raw_text: str, *, dateline_city: str = "") -> tuple[str, str]:
    """Return ``(province, rule)``: the dateline's province, else the most mentioned one.

    Province names count double city names; names that are also common words or another
    entity (``needs_context`` in the gazetteer: فارس, مرکزی, نور...) count only after
    «استان»/«شهر»/«شهرستان». Ties go to the earliest mention. ``("", "")`` when none is found.
    """
    return _province_in(fold_letters(raw_text), dateline_city=dateline_city)


def _province_in(text: str, *, dateline_city: str) -> tuple[str, str]:
    """:func:`infer_province` of a text whose letters are folded (:func:`fold_letters`) already."""
    if dateline_city and province_of(dateline_city):
        return province_of(dateline_city), "dateline"
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for match in _place_mentions(text):
        row = _gazetteer()[match.group("place")]
        if row["needs_context"] == "yes" and not match.group("context"):
            continue
        weight = 2.0 if row["kind"] == "province" else 1.0
        scores[row["province"]] = scores.get(row["province"], 0.0) + weight
        first.setdefault(row["province"], match.start())
    if not scores:
        return "", ""
    best = max(scores, key=lambda p: (scores[p], -first[p]))
    return best, "most_mentioned"


# ---------------------------------------------------------------- date and news id

@lru_cache(maxsize=None)
def _months() -> dict[str, int]:
    return {name: number for number, name in enumerate(load_list("jalali_months"), start=1)}


@lru_cache(maxsize=None)
def _date_regexes() -> dict[str, re.Pattern]:
    months = "|".join(_months())
    # A day or year must not continue a longer number. Checked by a lookbehind *after* the
    # first digit (the digit before it, then it) rather than before it: a regex that begins
    # with a character class lets the engine skip to the next digit instead of trying every
    # position of the text, five times faster over an article.
    day = rf"(?P<day>{D}(?<!{D}{D}){D}?)"  # (?<!D)D{1,2}
    year_start = rf"[1۱١][34۳۴٣٤](?<=1[34]|[۱١][۳۴٣٤])(?<![{ALL_DIGITS}/]..)"  # (?<![D/])(?:1[34]|[۱١][۳۴٣٤])
    return {
        "labelled": re.compile(rf"(?:{phrase_alternation(load_list('date_cues'))})\s*[:：]?\s*"
                               rf"(?P<date>{D}{{2,4}}\s*/\s*{D}{{1,2}}\s*/\s*{D}{{1,4}})"),
        "day_month_year": re.compile(rf"{day}\s+(?P<month>{months})(?:\s*ماه)?\s+"
                                     rf"(?:سال\s+)?(?P<year>1[34]{D}{{2}}|[۱١][۳۴٣٤]{D}{{2}})(?!{D})"),
        "bare": re.compile(rf"(?P<date>{year_start}{D}{{2}}/{D}{{1,2}}/{D}{{1,2}})(?![{ALL_DIGITS}/])"),
        "day_month": re.compile(rf"{day}\s+(?P<month>{months})(?![\w\u200c])"),
    }


def _iso(year: int, month: int, day: int) -> str:
    if year < 100:  # «۰۴/۷/۱۲» style two-digit years are not read: the century is a guess
        return ""
    if not (1 <= month <= 12 and 1 <= day <= 31) or (month > 6 and day > 30):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _slash_date(written: str) -> str:
    parts = [int(p) for p in digits_to_latin(re.sub(r"\s", "", written)).split("/")]
    if len(parts) != 3:
        return ""
    if parts[0] >= 1000:
        return _iso(*parts)
    if parts[2] >= 1000:  # day/month/year
        return _iso(parts[2], parts[1], parts[0])
    return ""


def extract_date(raw_text: str) -> dict[str, str]:
    """Return the publication date as written and as ISO Jalali.

    Keys: ``date`` (``YYYY-MM-DD`` Jalali, or ``""`` when the year is not stated),
    ``date_month_day`` (``MM-DD`` when only month and day are given, as in «سه شنبه ۱۱ مرداد»),
    ``date_text`` (the words read), ``date_rule``. A labelled date («تاریخ انتشار: 1404/7/12»)
    wins over a date in running text.
    """
    return _date_in(fold_letters(raw_text))


def _date_in(text: str) -> dict[str, str]:
    """:func:`extract_date` of a text whose letters are folded (:func:`fold_letters`) already."""
    regexes = _date_regexes()
    empty = {"date": "", "date_month_day": "", "date_text": "", "date_rule": ""}
    # a labelled or bare date is written with «/»: most texts hold none, and are not scanned for one
    slashed = "/" in text
    for rule in ("labelled", "bare"):
        for match in regexes[rule].finditer(text) if slashed else ():
            iso = _slash_date(match.group("date"))
            if iso:
                return {"date": iso, "date_month_day": iso[5:], "date_text": match.group(0).strip(), "date_rule": rule}
        if rule == "labelled":
            match = regexes["day_month_year"].search(text)
            if match:
                iso = _iso(int(digits_to_latin(match.group("year"))), _months()[match.group("month")],
                           int(digits_to_latin(match.group("day"))))
                if iso:
                    return {"date": iso, "date_month_day": iso[5:], "date_text": match.group(0),
                            "date_rule": "day_month_year"}
    match = regexes["day_month"].search(text)
    if match:
        day = int(digits_to_latin(match.group("day")))
        month = _months()[match.group("month")]
        if 1 <= day <= 31:
            return {**empty, "date_month_day": f"{month:02d}-{day:02d}", "date_text": match.group(0),
                    "date_rule": "day_month"}
    return empty


# «کد خبر: ۱۲۳۴۵۶» (the labels: news_id_cues.txt).
NEWS_ID_REGEX = re.compile(rf"(?:{phrase_alternation(load_list('news_id_cues'), join=_SPACES_OR_ZWNJ)})"
                           rf"\s*[:：]?\s*(?P<id>{D}{{3,12}})")
# The first word of each label, written in every match: a text holding none is not scanned.
NEWS_ID_FIRST_WORDS = tuple(dict.fromkeys(cue.split()[0] for cue in load_list("news_id_cues")))


def extract_news_id(raw_text: str) -> str:
    """Return the outlet's news code («کد خبر 389593», «شماره خبر: 17231») in Latin digits, or ``""``."""
    return _news_id_in(fold_letters(raw_text))


def _news_id_in(text: str) -> str:
    """:func:`extract_news_id` of a text whose letters are folded (:func:`fold_letters`) already."""
    if not any(word in text for word in NEWS_ID_FIRST_WORDS):
        return ""
    match = NEWS_ID_REGEX.search(text)
    return digits_to_latin(match.group("id")) if match else ""


# ---------------------------------------------------------------- the corpus's own publication date

PUBLICATION_DATE = re.compile(rf"^\s*(?P<year>{D}{{4}})\s*[-/.]\s*(?P<month>{D}{{1,2}})\s*[-/.]\s*(?P<day>{D}{{1,2}})"
                              rf"(?![{ALL_DIGITS}])")
# Years below this are Jalali (1300-1499 covers every Jalali date of the news era); above, Gregorian.
FIRST_GREGORIAN_YEAR = 1700
NO_PUBLICATION_DATE = {"published": "", "published_gregorian": "", "published_month": ""}


def publication_date(value: str) -> dict[str, str]:
    """Return a corpus's publication date (``2020-01-07 15:32:00``, ``1398/10/17``) in both calendars.

    Keys: ``published`` (Jalali ``YYYY-MM-DD``), ``published_gregorian`` (``YYYY-MM-DD``) and
    ``published_month`` (Jalali ``YYYY-MM``, for grouping); all ``""`` when ``value`` is empty or
    not a real date in either calendar. The year tells the calendar: below 1700 it is Jalali.
    """
    match = PUBLICATION_DATE.match(digits_to_latin(str(value or "")))
    if not match:
        return dict(NO_PUBLICATION_DATE)
    # a copy: the cached dict is shared by every article of that day
    return dict(_calendar_dates(*(int(match.group(key)) for key in ("year", "month", "day"))))


# A corpus's articles fall on a few days (ir-news: 4,819 articles, 148 days): each day's two
# calendars are read once (jdatetime's conversion costs some fifteen microseconds).
@lru_cache(maxsize=4096)
def _calendar_dates(year: int, month: int, day: int) -> dict[str, str]:
    """:func:`publication_date`'s fields of a date read as ``year``, ``month``, ``day``."""
    import datetime

    import jdatetime

    try:
        if year < FIRST_GREGORIAN_YEAR:
            jalali = jdatetime.date(year, month, day)
            gregorian = jalali.togregorian()
        else:
            gregorian = datetime.date(year, month, day)
            jalali = jdatetime.date.fromgregorian(date=gregorian)
    except ValueError:
        return dict(NO_PUBLICATION_DATE)
    return {"published": f"{jalali.year:04d}-{jalali.month:02d}-{jalali.day:02d}",
            "published_gregorian": gregorian.isoformat(),
            "published_month": f"{jalali.year:04d}-{jalali.month:02d}"}


def article_metadata(raw_text: str, *, given_title: str = "", given_outlet: str = "",
                     given_date: str = "") -> dict[str, str]:
    """Return every metadata field of one article (keys: :data:`METADATA_COLUMNS`).

    A corpus's own outlet and publication date (``given_outlet``, ``given_date``: columns of a
    CSV/JSONL/Parquet corpus) win over what the text suggests; the text's guesses stay in
    ``outlet_in_text`` and ``date_in_text``. ``published*`` hold only the corpus's own date:
    a date the text mentions (a deadline, an anniversary) is never taken for it.
    """
    text = fold_letters(raw_text)  # once for the four readers below (each public one folds its own)
    outlet_in_text, dateline_city, outlet_rule = _outlet_in(text)
    province, province_rule = _province_in(text, dateline_city=dateline_city)
    date = _date_in(text)
    published = publication_date(given_date)
    outlet = given_outlet.strip() or outlet_in_text
    if given_outlet.strip():
        outlet_rule = "corpus"
    date_rule = "corpus" if published["published"] else date["date_rule"]
    rules = [f"outlet:{outlet_rule}" if outlet_rule else "", f"province:{province_rule}" if province_rule else "",
             f"date:{date_rule}" if date_rule else ""]
    return {
        "title": extract_title(raw_text, given_title=given_title),
        "outlet": outlet,
        "outlet_in_text": outlet_in_text,
        "dateline_city": dateline_city,
        "province": province,
        "date": published["published"] or date["date"],
        "date_month_day": published["published"][5:] or date["date_month_day"],
        "date_text": date["date_text"],
        "date_in_text": date["date"],
        **published,
        "news_id": _news_id_in(text),
        "metadata_rules": " ".join(r for r in rules if r),
    }
