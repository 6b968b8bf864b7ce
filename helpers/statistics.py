"""Quoted statistics: the numbers of kind ``statistic``, and arithmetic checks among them.

``find_statistics`` keeps the statistics of a ``helpers.numbers.find_numbers`` table in the
export's format. ``consistency_checks`` looks, within each article, for figures that should
agree with one another and reports whether they do:

* ``parts_sum``: two or three figures that add up (within 10 %) to a larger figure stated
  before them in the same sentence («نزدیک به ۶۸۰ هزار
  وسیله نقلیه ... ۶۳۰ هزار خودرو ... ۵۰ هزار موتورسیکلت»). Reported when the parts' sum is
  within 10 % of the total; the verdict then says whether it is within the tolerance below.
* ``rate``: a figure given per day and another per hour later in the same sentence:
  the daily figure divided by 24 is compared with the hourly one («روزانه ۳ هزار تماس ... هر
  ساعت ۱۲۶ مورد»). Likewise per year against per month (/ 12) and per week against per day (/ 7), as
  listed in ``lexicons/stat_rate_pairs.tsv``.
* ``share``: a percentage stated in the same sentence as two counts of the same unit, the
  smaller a part of the larger: the part's share of the whole (part / whole × 100) is compared with the percentage.

A check is ``consistent`` when the stated value lies within the qualifier's tolerance of the
expected one (5 % for exact figures, 15 % when either figure is hedged), ``inconsistent``
otherwise. Hedges («بیش از», «نزدیک به») widen the tolerance, since the official only bounds
the figure. Every check names the stat_ids it used, so a reader can go back to the sentences.

Lexicons read here (``LEXICONS``): ``stat_rate_pairs.tsv``.
"""

from __future__ import annotations

import math
from itertools import combinations

from .attribution import speaker_ids_for_spans
from .columns import Columns

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("stat_rate_pairs",)

STATISTIC_COLUMNS = [
    "article_id", "stat_id", "surface", "start", "end", "value", "low", "high", "unit", "qualifier",
    "change", "period", "speaker_id", "sentence", "sentence_start", "sentence_end", "rule",
]
CHECK_COLUMNS = ["article_id", "check", "stat_ids", "expected", "stated", "difference_ratio", "verdict", "explanation"]

_EXACT_TOLERANCE = 0.05
_HEDGED_TOLERANCE = 0.15
_PARTS_TOLERANCE = 0.10


def _rate_pairs() -> dict[tuple[str, str], float]:
    """(longer period, shorter period) → how many shorter ones make the longer (stat_rate_pairs.tsv)."""
    from .lexicons import load_table

    return {(r["longer"], r["shorter"]): float(r["factor"]) for r in load_table("stat_rate_pairs")}


def _is_percent(row) -> bool:
    from .numbers import unit_kind

    return unit_kind(row["unit"]) == "percent"


def find_statistics(numbers: "pandas.DataFrame") -> "pandas.DataFrame":
    """Return the rows of a ``find_numbers`` table whose kind is ``statistic``.

    Columns: article_id, stat_id (1.. within each article, in text order), surface, start, end,
    value, low, high, unit, qualifier, change, period, speaker_id ("" here: :func:`statistic_columns`
    fills it from the quotes that hold the statistic's span), sentence, sentence_start, sentence_end, rule.
    """
    import numpy as np
    import pandas as pd

    if numbers.empty:
        return pd.DataFrame(columns=STATISTIC_COLUMNS)
    order = _statistic_order(numbers)
    if order is None:  # ids or offsets Python cannot order plainly (missing values): let pandas do it
        stats = numbers[numbers["kind"] == "statistic"].copy()
        stats = stats.sort_values(["article_id", "start"], kind="stable")
        stats["stat_id"] = stats.groupby("article_id").cumcount() + 1
        stats["speaker_id"] = ""
        return stats[STATISTIC_COLUMNS].reset_index(drop=True)
    # One positional take instead of a filter, sort, group and copy: same values and dtypes.
    positions, stat_ids = order
    kept = [column for column in STATISTIC_COLUMNS if column not in ("stat_id", "speaker_id")]
    stats = numbers.iloc[positions, [numbers.columns.get_loc(column) for column in kept]]
    stats.index = pd.RangeIndex(len(positions))
    stats.insert(STATISTIC_COLUMNS.index("stat_id"), "stat_id", np.array(stat_ids, dtype=np.int64))
    stats.insert(STATISTIC_COLUMNS.index("speaker_id"), "speaker_id", "")
    return stats


def statistic_columns(numbers: Columns, *, quotes: Columns | None = None) -> Columns:
    """The statistics table of one article as column lists (``STATISTIC_COLUMNS``), from its
    numbers' column lists (``helpers.numbers.number_columns``): the export's per-article path,
    no DataFrame. Rows as :func:`find_statistics` gives them; with ``quotes`` (the quotes
    table's columns, ``helpers.speakers.speaker_quote_columns``), ``speaker_id`` is the
    speaker of the statement whose sentence holds the statistic (:mod:`helpers.attribution`).
    """
    order = _order_of(numbers["article_id"], numbers["start"], numbers["kind"])
    if order is None:  # ids or offsets Python cannot order plainly: pandas sorts
        from .numbers import number_frame

        frame = find_statistics(number_frame(numbers))
        columns = {column: frame[column].tolist() for column in STATISTIC_COLUMNS}
    else:
        positions, stat_ids = order
        columns = {}
        for column in STATISTIC_COLUMNS:
            if column == "stat_id":
                columns[column] = stat_ids
            elif column == "speaker_id":
                columns[column] = [""] * len(positions)
            else:
                values = numbers[column]
                columns[column] = [values[i] for i in positions]
    if quotes is not None and columns["stat_id"]:
        columns["speaker_id"] = speaker_ids_for_spans(columns["article_id"], columns["start"], columns["end"], quotes)
    return columns


def statistic_frame(columns: Columns, numbers: "pandas.DataFrame") -> "pandas.DataFrame":
    """One article's statistics (:func:`statistic_columns`) as a DataFrame; with no row, the
    empty table typed as :func:`find_statistics` types it from the article's ``numbers`` table."""
    import pandas as pd

    if columns["stat_id"]:
        return pd.DataFrame(columns, columns=list(columns))
    return find_statistics(numbers)


def _statistic_order(numbers) -> tuple[list[int], list[int]] | None:
    """Row positions of the statistics sorted by (article_id, start), and their stat_ids.

    None when an article id is not a string or a start not an integer (pandas then sorts).
    """
    return _order_of(numbers["article_id"].tolist(), numbers["start"].tolist(), numbers["kind"].tolist())


def _order_of(aids: list, starts: list, kinds: list) -> tuple[list[int], list[int]] | None:
    chosen = [i for i, kind in enumerate(kinds) if kind == "statistic"]
    if not all(isinstance(aids[i], str) and type(starts[i]) is int for i in chosen):
        return None
    chosen.sort(key=lambda i: (aids[i], starts[i]))
    counts: dict[str, int] = {}
    stat_ids = []
    for i in chosen:
        counts[aids[i]] = counts.get(aids[i], 0) + 1
        stat_ids.append(counts[aids[i]])
    return chosen, stat_ids


def _tolerance(*rows) -> float:
    return _HEDGED_TOLERANCE if any(r["qualifier"] != "exact" for r in rows) else _EXACT_TOLERANCE


def _ratio(expected: float, stated: float) -> float:
    return abs(stated - expected) / max(abs(expected), abs(stated)) if (expected or stated) else 0.0


def _check_row(article_id, check, rows, expected, stated, tolerance, explanation):
    difference = _ratio(expected, stated)
    return {
        "article_id": article_id, "check": check,
        "stat_ids": ",".join(str(int(r["stat_id"])) for r in rows),
        "expected": expected, "stated": stated, "difference_ratio": difference,
        "verdict": "consistent" if difference <= tolerance else "inconsistent",
        "explanation": explanation,
    }


def _parts_checks(article_id, rows) -> list[dict]:
    """Totals stated beside their parts, in one sentence or the one before."""
    out = []
    counts = [r for r in rows if not _is_percent(r) and not math.isnan(r["value"]) and r["value"] > 0]
    for total in counts:
        near = [r for r in counts if r is not total and r["value"] < total["value"]
                and r["sentence_start"] == total["sentence_start"] and r["start"] > total["start"]]
        best = None
        for size in (2, 3):
            for parts in combinations(near, size):
                stated = sum(p["value"] for p in parts)
                if _ratio(total["value"], stated) <= _PARTS_TOLERANCE and (best is None or _ratio(total["value"], stated) < best[0]):
                    best = (_ratio(total["value"], stated), parts)
        if best:
            parts = best[1]
            stated = sum(p["value"] for p in parts)
            tolerance = max(_PARTS_TOLERANCE if total["qualifier"] != "exact" else _EXACT_TOLERANCE, _tolerance(total, *parts))
            names = " + ".join(f"{p['value']:g} {p['unit']}".strip() for p in parts)
            out.append(_check_row(
                article_id, "parts_sum", [total, *parts], total["value"], stated, tolerance,
                f"parts {names} = {stated:g} against the stated total {total['value']:g} {total['unit']}".strip(),
            ))
    return out


def _same_unit(a, b) -> bool:
    """True when both figures count the same thing (one unit contains the other)."""
    return bool(a["unit"]) and bool(b["unit"]) and (a["unit"] in b["unit"] or b["unit"] in a["unit"])


def _rate_checks(article_id, rows) -> list[dict]:
    out = []
    for (long_period, short_period), factor in _rate_pairs().items():
        longs = [r for r in rows if r["period"] == long_period]
        shorts = [r for r in rows if r["period"] == short_period]
        for big in longs:
            for small in shorts:
                if small["start"] <= big["start"] or small["sentence_start"] != big["sentence_start"]:
                    continue
                expected = big["value"] / factor
                out.append(_check_row(
                    article_id, "rate", [big, small], expected, small["value"], _tolerance(big, small),
                    f"{big['value']:g} {long_period} / {factor:g} = {expected:g} against {small['value']:g} {short_period}",
                ))
    return out


def _share_checks(article_id, rows) -> list[dict]:
    out = []
    by_sentence: dict[int, list] = {}
    for r in rows:
        by_sentence.setdefault(r["sentence_start"], []).append(r)
    for group in by_sentence.values():
        percents = [r for r in group if _is_percent(r)]
        counts = [r for r in group if not _is_percent(r) and r["value"] > 0]
        for pct in percents:
            for whole, part in combinations(sorted(counts, key=lambda r: -r["value"]), 2):
                if part["value"] >= whole["value"] or not _same_unit(whole, part):
                    continue
                expected = 100 * part["value"] / whole["value"]
                out.append(_check_row(
                    article_id, "share", [whole, part, pct], expected, pct["value"], _tolerance(whole, part, pct),
                    f"{part['value']:g} of {whole['value']:g} is {expected:.1f} % against the stated {pct['value']:g} %",
                ))
    return out


def consistency_checks(statistics: "pandas.DataFrame") -> "pandas.DataFrame":
    """Return the arithmetic checks among related figures of each article.

    Columns: article_id; check (parts_sum | rate | share); stat_ids (the stat_ids used,
    comma-separated, the total or larger figure first); expected (what the other figures imply);
    stated (what the article states); difference_ratio (|stated − expected| / the larger);
    verdict (consistent | inconsistent); explanation (English, with the numbers). See the module
    docstring for which figures are compared and the tolerances.
    """
    import pandas as pd

    out: list[dict] = []
    if not statistics.empty:
        for article_id, group in statistics.sort_values(["article_id", "start"]).groupby("article_id", sort=False):
            rows = group.to_dict("records")
            out += _parts_checks(article_id, rows)
            out += _rate_checks(article_id, rows)
            out += _share_checks(article_id, rows)
    return pd.DataFrame(out, columns=CHECK_COLUMNS)
