"""Exact-match accuracy of the number parser on tests/data/number_phrases.tsv (issue 17).

    python benchmarks/number_phrases.py [--failures N] [--check-data]

The table holds phrases written for issue 17, outside the parser's in-sample table. For each
row, ``helpers.numbers.parse_number`` must return the row's value (a range's midpoint; a
fraction or a clock time to the 4 decimals written), or None for a phrase marked ``none``; a
range must also come out of ``helpers.numbers.find_numbers`` with both ends (``low``,
``high``). Exact means equal to the last decimal written, never "within 0.5 %". Printed:
accuracy overall and per shape, how many must-refuse phrases the export would still write a
value for, how often ``find_numbers`` gives the row's kind, and the failures grouped by shape.

``--check-data`` instead reads every regular row (source ``grammar`` or ``news-pattern``)
with the small reference converter below, written from scratch for this table and sharing no
code with the project's parser, and lists the rows where it disagrees with the table: the table's
values are checked twice.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from case_tables import print_by_shape, read_cases, show  # noqa: E402

from helpers.chars import ZWNJ  # noqa: E402
from helpers.paths import TESTS_DATA_DIR  # noqa: E402

TABLE = TESTS_DATA_DIR / "number_phrases.tsv"
COLUMNS = ("phrase", "value", "low", "high", "kind", "shape", "source")
KINDS = ("statistic", "time", "ordinal", "date", "none")
SHAPES = (
    "words", "hundreds_two_words", "no_va", "negative", "decimal_words", "ordinal", "range", "clock_time",
    "colloquial", "mixed_digits", "digit_scripts", "fraction",
    "refuse_vague", "refuse_not_number", "refuse_date", "refuse_malformed",
)
SOURCES = ("grammar", "news-pattern", "colloquial", "variant", "trap")
REFUSED = "none"
REGULAR_SOURCES = ("grammar", "news-pattern")
# Values are written to at most 4 decimals: equal means equal to that last decimal.
TOLERANCE = 5e-5


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    """The table's rows (phrase, value, low, high, kind, shape, source, line)."""
    return read_cases(path, COLUMNS)


def expected_value(row: dict[str, str]) -> float | None:
    """The row's value as a float, None for a must-refuse row."""
    return None if row["value"] == REFUSED else float(row["value"])


def same_number(got: object, expected: float) -> bool:
    """True when ``got`` is a number equal to ``expected`` to the 4th decimal (or to 1e-9 relative)."""
    if isinstance(got, bool) or not isinstance(got, (int, float)) or math.isnan(got):
        return False
    return abs(got - expected) <= max(TOLERANCE, 1e-9 * abs(expected))


# --- the reference converter (second pass over the table's values) -------------------------

ONES = {"صفر": 0, "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9}
TEENS = {
    "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14,
    "پانزده": 15, "شانزده": 16, "هفده": 17, "هجده": 18, "نوزده": 19,
}
TENS = {"بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90}
HUNDREDS = {
    "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400,
    "پانصد": 500, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}
SCALES = {"هزار": 1e3, "میلیون": 1e6, "میلیارد": 1e9, "تریلیون": 1e12}
FIRST = {"اول", "اولین", "نخستین", "نخست"}
DIGIT_MAP = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
NUMBER_RUN = re.compile(r"^([-\u2212]?)(\d[\d,٬.٫:]*)([%٪]?)$")
DIGIT_ORDINAL = re.compile(r"^(\d+)ا?م(?:ین)?$")


def _digits(run: str) -> float | None:
    """A Latin digit run with separators: «,» «٬» and repeated «.» group thousands; one «.» or «٫» is the decimal point."""
    run = run.replace("٬", ",")
    if "," in run:
        whole, _, fraction = run.partition(".")
        groups = whole.split(",")
        if any(len(g) != 3 for g in groups[1:]):
            return None
        return float("".join(groups) + ("." + fraction if fraction else ""))
    if run.count(".") > 1:
        groups = run.split(".")
        return float("".join(groups)) if all(len(g) == 3 for g in groups[1:]) else None
    return float(run.replace("٫", "."))


def _word(token: str) -> tuple:
    """Classify one token: (kind, value[, place]) or ("other",)."""
    if token in ONES:
        return ("int", ONES[token], 0)
    if token in TEENS:
        return ("int", TEENS[token], 1, "teen")
    if token in TENS:
        return ("int", TENS[token], 1)
    if token in HUNDREDS:
        return ("int", HUNDREDS[token], 2)
    if token in SCALES:
        return ("scale", SCALES[token])
    if token.endswith("ی") and token[:-1] in SCALES:  # «میلیاردی»
        return ("scale", SCALES[token[:-1]])
    if token == "و":
        return ("and",)
    if token in ("تا", "الی"):
        return ("to",)
    if token in ("نیم", "نصف"):
        return ("half",)
    if token == "ممیز":
        return ("point",)
    if token in FIRST:
        return ("ord", 1)
    latin = token.translate(DIGIT_MAP)
    if m := DIGIT_ORDINAL.match(latin):
        return ("ord", float(m.group(1)))
    if m := NUMBER_RUN.match(latin):
        return ("digits", m.group(2), m.group(1) != "")
    for suffix in ("امین", "مین", "ام", "م"):
        base = token[: -len(suffix)]
        if token.endswith(suffix) and base:
            base = {"سو": "سه"}.get(base, base)
            inner = _word(base)
            if inner[0] in ("int", "scale"):
                return ("ord" if suffix.endswith("ین") else "m", inner[1])
    return ("other",)


def _integer(tokens: list[tuple]) -> float | None:
    """A whole number from classified tokens, or None when they do not form one in order."""
    total, current, biggest = 0.0, 0.0, 1.0
    room = 99  # the highest place still free in the current group of three digits
    previous = None
    for token in tokens:
        kind = token[0]
        if kind == "and":
            if previous is None or previous[0] == "and":
                return None
        elif kind == "int":
            value, place = token[1], token[2]
            if value == 100 and previous is not None and previous[0] == "int" and previous[2] == 0 and room == 0:
                current = current - previous[1] + previous[1] * 100  # «هفت صد»
                room = 2
            elif place >= room:
                return None
            else:
                current += value
                room = 0 if len(token) > 3 else place  # nothing smaller follows a teen («سیزده»)
        elif kind == "digits":
            value = _digits(token[1])
            if value is None or (current and value >= 10 ** room):
                return None
            current += value
            room = 0 if value != int(value) else len(str(int(value))) - len(str(int(value)).rstrip("0"))
        elif kind == "scale":
            scale = token[1]
            if current == 0 and total == 0:
                current = 1
            if scale > biggest:
                total = (total + current) * scale
                biggest = scale
            elif current:
                total += current * scale
            else:
                return None
            current, room = 0.0, 99
        else:
            return None
        previous = token
    if previous is None or previous[0] == "and":
        return None
    return total + current


def _scales(tokens: list[tuple]) -> float | None:
    """The product of a run of scale words (1 for none), or None when another token is there."""
    product = 1.0
    for token in tokens:
        if token[0] != "scale":
            return None
        product *= token[1]
    return product


def _fraction_part(tokens: list[tuple], denominator: float) -> tuple[float, float] | None:
    """(whole, numerator/denominator) for «whole و numerator den»: the leftmost split that reads."""
    splits = [0] + [i + 1 for i, t in enumerate(tokens) if t[0] == "and"]
    for start in splits:
        numerator = _integer(tokens[start:])
        whole = _integer(tokens[: start - 1]) if start else 0.0
        if numerator is not None and whole is not None and numerator < denominator:
            return whole, numerator / denominator
    return None


def _decimal_part(tokens: list[tuple]) -> float | None:
    """The part after «ممیز»: digit by digit («صفر پنج» .05) or as one number («چهارده» .14)."""
    if tokens and tokens[-1][0] == "m":
        read = _fraction_part(tokens[:-1], tokens[-1][1])
        return None if read is None or read[0] else read[1]
    if len(tokens) > 1 and all(t[0] == "int" and t[2] == 0 for t in tokens):
        return float("0." + "".join(str(t[1]) for t in tokens))
    value = _integer(tokens)
    return None if value is None else value / 10 ** len(str(int(value)))


def _single(tokens: list[tuple]) -> float | None:
    """One value (no range) from classified tokens."""
    kinds = [t[0] for t in tokens]
    if "point" in kinds:
        at = kinds.index("point")
        after = [i for i in range(at + 1, len(tokens)) if all(k == "scale" for k in kinds[i:])]
        end = after[0] if after else len(tokens)
        whole, decimal, scale = _integer(tokens[:at]), _decimal_part(tokens[at + 1 : end]), _scales(tokens[end:])
        return None if None in (whole, decimal, scale) else (whole + decimal) * scale
    if "half" in kinds:
        at = kinds.index("half")
        scale = _scales(tokens[at + 1 :])
        if at == 0:
            return None if scale is None else 0.5 * scale
        whole = _integer(tokens[: at - 1]) if kinds[at - 1] == "and" else None
        return None if whole is None or scale is None else (whole + 0.5) * scale
    if "m" in kinds:
        at = kinds.index("m")
        if at == 0 or kinds[at - 1] == "and":  # «دوازدهم», «سی و یکم»: an ordinal
            return _ordinal(tokens[:at], tokens[at][1]) if at + 1 == len(tokens) else None
        read = _fraction_part(tokens[:at], tokens[at][1])
        scale = _scales(tokens[at + 1 :])
        return None if read is None or scale is None else (read[0] + read[1]) * scale
    if kinds and kinds[-1] == "ord":
        return _ordinal(tokens[:-1], tokens[-1][1])
    return _integer(tokens)


def _ordinal(before: list[tuple], base: float) -> float | None:
    """The value of an ordinal whose last word is the number ``base`` («دو هزارمین»: [دو], 1000)."""
    if not before:
        return base
    place = 2 if base >= 100 else 1 if base >= 10 else 0
    return _integer(before + [("scale", base) if base >= 1000 else ("int", base, place)])


def _clock(tokens: list[str]) -> float | None:
    """Hours of «H», «H:MM», «H و M دقیقه», «H و نیم», «H و ربع» (hours and minutes only)."""
    first = tokens[0].translate(DIGIT_MAP)
    if ":" in first:
        hours, _, minutes = first.partition(":")
        return int(hours) + int(minutes) / 60
    hours = _single([_word(tokens[0])])
    if hours is None:
        return None
    if len(tokens) > 2 and tokens[1] == "و":
        if tokens[2] == "نیم":
            return hours + 0.5
        if tokens[2] == "ربع":
            return hours + 0.25
        minutes_end = tokens.index("دقیقه") if "دقیقه" in tokens else None
        if minutes_end is None:
            return None
        minutes = _single([_word(t) for t in tokens[2:minutes_end]])
        return None if minutes is None else hours + minutes / 60
    return hours


def reference_value(phrase: str) -> tuple[float, float, float] | None:
    """(value, low, high) of a regular phrase, read without the project's code; None when unread."""
    text = phrase.replace(ZWNJ, " ").replace("ي", "ی").replace("ك", "ک")
    words = text.split()
    for index in range(len(words) - 1, 0, -1):  # «سی امین» written with a ZWNJ
        if words[index] in ("امین", "ام"):
            words[index - 1 : index + 1] = [words[index - 1] + words[index]]
    classified = [_word(w) for w in words]
    starts = [i for i, t in enumerate(classified) if t[0] not in ("other", "and", "to")]
    if not starts:
        return None
    start = starts[0]
    context = words[:start]
    end = start
    while end < len(words) and classified[end][0] != "other":
        end += 1
    if "ساعت" in context:
        value = _clock(words[start:])
        return None if value is None else (value, value, value)
    span = classified[start:end]
    negative = "منفی" in context or (span[0][0] == "digits" and span[0][2])
    sign = -1 if negative else 1
    kinds = [t[0] for t in span]
    # A range: «X تا Y», «X الی Y», «بین X و Y» (digits); a scale word after Y applies to X too.
    left = right = None
    if "to" in kinds:
        at = kinds.index("to")
        left, right = span[:at], span[at + 1 :]
        if not right:  # «دو تا خودرو»: «تا» counts things
            left = right = None
            span = span[:at]
    elif "بین" in context and kinds.count("and") == 1 and kinds[0] == "digits":
        at = kinds.index("and")
        left, right = span[:at], span[at + 1 :]
    if left is not None:
        high = _single(right)
        trailing = 1.0
        for token in reversed(right):
            if token[0] != "scale":
                break
            trailing *= token[1]
        has_scale = any(t[0] == "scale" for t in left)
        low = _single(left)
        if low is None or high is None:
            return None
        low = low if has_scale else low * trailing
        return ((low + high) / 2 * sign, low * sign, high * sign)
    value = _single(span)
    return None if value is None else (value * sign, value * sign, value * sign)


def check_data(rows: list[dict[str, str]]) -> int:
    """Print the regular rows the reference converter reads differently; return their number."""
    regular = [r for r in rows if r["source"] in REGULAR_SOURCES and r["value"] != REFUSED]
    unread, disagree = [], []
    for row in regular:
        read = reference_value(row["phrase"])
        if read is None:
            unread.append(row)
            continue
        value, low, high = read
        expected = expected_value(row)
        ends_ok = not row["low"] or (same_number(low, float(row["low"])) and same_number(high, float(row["high"])))
        if not same_number(value, expected) or not ends_ok:
            disagree.append((row, read))
    print(f"reference converter: read {len(regular) - len(unread)} of {len(regular)} regular rows; {len(disagree)} disagree")
    for row, (value, low, high) in disagree:
        print(f"  line {row['line']}: {show(row['phrase'])}: table {row['value']} [{row['low']}, {row['high']}], reference {value:g} [{low:g}, {high:g}]")
    for row in unread:
        print(f"  not read by the reference: line {row['line']}: {show(row['phrase'])}")
    return len(disagree)


# --- the benchmark --------------------------------------------------------------------------


def first_number(phrase: str) -> dict | None:
    """The first row find_numbers gives for ``phrase`` (value, low, high, kind), or None."""
    from helpers.numbers import number_columns

    columns = number_columns(phrase)
    if not columns["value"]:
        return None
    return {name: columns[name][0] for name in ("value", "low", "high", "kind")}


def score_row(row: dict[str, str], parse) -> tuple[bool, str]:
    """(exact, what was got) for one row."""
    try:
        got = parse(row["phrase"])
    except Exception as error:  # a parser that raises on a phrase scores a miss
        return False, f"{show(row['phrase'])} → error {type(error).__name__}: {error} (expected {row['value']})"
    expected = expected_value(row)
    if expected is None:
        return got is None, f"{show(row['phrase'])} → {got!r} (must be refused: None)"
    exact = same_number(got, expected)
    detail = f"{show(row['phrase'])} → {got!r} (expected {row['value']})"
    if row["low"]:
        found = first_number(row["phrase"])
        ends = (found["low"], found["high"]) if found else None
        exact = exact and ends is not None and same_number(ends[0], float(row["low"])) and same_number(ends[1], float(row["high"]))
        detail += f"; find_numbers ends {ends} (expected {row['low']}–{row['high']})"
    return exact, detail


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", type=int, default=6, help="failures printed per shape (0: all)")
    ap.add_argument("--check-data", action="store_true", help="check the table's values with the reference converter")
    args = ap.parse_args(argv)
    rows = read_table()
    if args.check_data:
        return 1 if check_data(rows) else 0
    from helpers.numbers import parse_number

    print(f"{len(rows)} phrases from {TABLE.name}, parse_number (exact match)")
    scored = [score_row(row, parse_number) for row in rows]
    refuse = [r for r in rows if r["value"] == REFUSED]
    written = []
    for row in refuse:
        found = first_number(row["phrase"])
        if found is not None and not math.isnan(found["value"]):
            written.append(f"{show(row['phrase'])} → {found['value']:g}")
    print(f"must refuse: {sum(ok for (ok, _), r in zip(scored, rows) if r['value'] == REFUSED)}/{len(refuse)} refused by parse_number; "
          f"find_numbers writes a value for {len(written)}: {'; '.join(written[:8])}")
    kinds_right, kinds_total, kind_misses = 0, 0, []
    for row in rows:
        if row["kind"] == "none":
            continue
        found = first_number(row["phrase"])
        got = found["kind"] if found else None
        kinds_total += 1
        kinds_right += got == row["kind"]
        if got != row["kind"]:
            kind_misses.append(f"{show(row['phrase'])}: {got} (expected {row['kind']})")
    print(f"kind given by find_numbers: {kinds_right}/{kinds_total} = {kinds_right / kinds_total:.3f}; e.g. {'; '.join(kind_misses[:6])}")
    print_by_shape(rows, [ok for ok, _ in scored], [detail for _, detail in scored], limit=args.failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
