"""Statistics (or any spans) attributed to the speaker whose statement holds them.

A span belongs to the narrowest quote of its article whose sentence (lead-in included) holds
it: :func:`speaker_ids_for_spans` over column lists (the export), :func:`speaker_for_spans`
over DataFrames.
"""

from __future__ import annotations

import pandas as pd

from .columns import Columns


def speaker_for_spans(spans: pd.DataFrame, quotes: pd.DataFrame) -> pd.Series:
    """The speaker_id of the statement whose sentence holds each span ("" when none).

    ``spans`` has article_id, start, end (e.g. statistics). A span belongs to the narrowest
    quote of its article with sentence_start <= start and end <= sentence_end (the statement's
    own span counts too). Returns a Series of speaker ids with the index of ``spans``.
    """
    out = pd.Series("", index=spans.index, dtype=object)
    if quotes is None or quotes.empty or spans.empty:
        return out
    quote_columns = {c: quotes[c].tolist() for c in _REACH_COLUMNS}
    values = speaker_ids_for_spans(spans["article_id"].tolist(), spans["start"].tolist(),
                                   spans["end"].tolist(), quote_columns)
    return pd.Series(values, index=spans.index, dtype=object)


_REACH_COLUMNS = ("article_id", "sentence_start", "start", "sentence_end", "end", "speaker_id")


def speaker_ids_for_spans(article_ids: list, starts: list, ends: list, quotes: Columns) -> list:
    """:func:`speaker_for_spans` over column lists: the speaker id of each span ("" when none),
    ``quotes`` being the columns of the quotes table (:func:`speaker_quote_columns`)."""
    # Plain Python over the columns: this runs once per article, where pandas' per-call
    # overhead dominated. Each quote's reach is (min(sentence_start, start), max(sentence_end, end)).
    by_article: dict = {}
    for aid, s_start, start, s_end, end, speaker in zip(*(quotes[c] for c in _REACH_COLUMNS)):
        if _missing(aid):
            continue
        by_article.setdefault(aid, []).append((_nan_min(s_start, start), _nan_max(s_end, end), speaker))
    values = []
    for aid, start, end in zip(article_ids, starts, ends):
        best = None
        for lo, hi, speaker in by_article.get(aid, ()) if not _missing(aid) else ():
            if lo <= start and end <= hi and (best is None or hi - lo < best[0]):
                best = (hi - lo, speaker)
        values.append("" if best is None else (best[1] or ""))
    return values


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _nan_min(a, b):
    """min() skipping NaN, as pandas' row-wise min does (NaN when both are missing)."""
    return b if _missing(a) else a if _missing(b) else min(a, b)


def _nan_max(a, b):
    return b if _missing(a) else a if _missing(b) else max(a, b)
