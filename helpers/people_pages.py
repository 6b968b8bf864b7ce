"""Views of the persons of a corpus for notebooks: the most quoted officials, one person's page,
who held an office when, and who appears with whom.

Every function takes the tables of :func:`helpers.pipeline.annotate_corpus` (``people``, and
``speakers`` with ``person_id``) and returns a DataFrame with documented columns, empty (with
its columns) when there is nothing to show. :func:`person_explorer` wires :func:`person_page`
to a dropdown, as the explorers of :mod:`helpers.explore` do.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pandas as pd

from .people import person_offices
from .people_names import office_key
from .synthesis import shorten

TOP_COLUMNS = ["person_id", "label", "name", "office", "articles", "quotes", "statistics"]
MONTH_COLUMNS = ["month", "first_day", "quotes", "articles"]
STATISTIC_COLUMNS = ["published", "article_id", "surface", "unit", "qualifier", "sentence"]
HOLDER_COLUMNS = ["office", "name", "first_published", "last_published", "articles", "person_id"]
TOGETHER_COLUMNS = ["name_a", "name_b", "articles", "person_a", "person_b"]


def _str(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("").astype(str)


def person_label(name: str, office: str, *, width: int = 28) -> str:
    """«name (office)», the office shortened to ``width`` characters: a chart's row label."""
    return f"{name} ({shorten(office, width=width)})" if office else name


def top_officials(people: pd.DataFrame, *, by: str = "quotes", top: int = 15) -> pd.DataFrame:
    """The ``top`` persons with most ``by`` (``quotes``, ``articles`` or ``statistics``).

    Ties are broken by articles, then person id, so the order is the same in every run.
    Columns ``TOP_COLUMNS``; ``label`` is :func:`person_label`.
    """
    if people.empty:
        return pd.DataFrame(columns=TOP_COLUMNS)
    ranked = people.sort_values([by, "articles", "person_id"], ascending=[False, False, True], kind="stable").head(top)
    labels = [person_label(n, o) for n, o in zip(_str(ranked["name"]), _str(ranked["office"]))]
    return ranked.assign(label=labels)[TOP_COLUMNS].reset_index(drop=True)


def _speaker_ids(person_id: str, speakers: pd.DataFrame) -> set[str]:
    return set(_str(speakers.loc[_str(speakers["person_id"]) == person_id, "speaker_id"]))


def person_quotes_by_month(person_id: str, speakers: pd.DataFrame, quotes: pd.DataFrame,
                           articles: pd.DataFrame) -> pd.DataFrame:
    """A person's quotes and articles per month of publication (Jalali ``YYYY-MM``).

    Columns ``MONTH_COLUMNS`` (``first_day``: the month's first day, to place it on a
    timeline), months in order; quotes of undated articles are left out.
    """
    ids = _speaker_ids(person_id, speakers)
    mine = quotes[_str(quotes["speaker_id"]).isin(ids)] if len(quotes) else quotes
    if mine.empty or "published_month" not in articles.columns:
        return pd.DataFrame(columns=MONTH_COLUMNS)
    months = dict(zip(_str(articles["article_id"]), _str(articles["published_month"])))
    frame = pd.DataFrame({"month": _str(mine["article_id"]).map(months), "article_id": _str(mine["article_id"])})
    frame = frame[frame["month"] != ""]
    if frame.empty:
        return pd.DataFrame(columns=MONTH_COLUMNS)
    table = frame.groupby("month").agg(quotes=("article_id", "size"), articles=("article_id", "nunique")).reset_index()
    table["first_day"] = table["month"] + "-01"
    return table.sort_values("month").reset_index(drop=True)[MONTH_COLUMNS]


def person_themes(person_id: str, speakers: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Theme scores of what a person says (their statements' paragraphs), highest first.

    Columns of :func:`helpers.themes.theme_scores` (``theme``, ``label``, ``hits``, ``words``,
    ``score`` per thousand words), themes without a hit left out.
    """
    from .themes import theme_scores

    ids = _speaker_ids(person_id, speakers)
    mine = themes[_str(themes["speaker_id"]).isin(ids)] if len(themes) else themes
    if mine.empty:
        return pd.DataFrame(columns=["theme", "label", "hits", "words", "score"])
    scores = theme_scores(mine.assign(person=person_id), by=["person"]).drop(columns=["person"])
    return scores[scores["hits"] > 0].sort_values(["score", "theme"], ascending=[False, True]).reset_index(drop=True)


def person_statistics(person_id: str, speakers: pd.DataFrame, statistics: pd.DataFrame,
                      articles: pd.DataFrame, *, width: int = 160) -> pd.DataFrame:
    """The statistics a person quotes, with their sentences (shortened to ``width``), by date.

    Columns ``STATISTIC_COLUMNS``.
    """
    ids = _speaker_ids(person_id, speakers)
    mine = statistics[_str(statistics["speaker_id"]).isin(ids)] if len(statistics) else statistics
    if mine.empty:
        return pd.DataFrame(columns=STATISTIC_COLUMNS)
    dates = dict(zip(_str(articles["article_id"]), _str(articles.get("published", pd.Series(dtype=str)))))
    table = pd.DataFrame({
        "published": _str(mine["article_id"]).map(dates).fillna(""), "article_id": _str(mine["article_id"]),
        "surface": _str(mine["surface"]), "unit": _str(mine["unit"]), "qualifier": _str(mine["qualifier"]),
        "sentence": _str(mine["sentence"]).map(lambda s: shorten(s, width=width)),
    })
    return table.sort_values(["published", "article_id"], kind="stable").reset_index(drop=True)


def office_holders(offices: pd.DataFrame, office: str, *, min_articles: int = 1) -> pd.DataFrame:
    """Who held ``office`` when (any spelling: compared by :func:`helpers.people_names.office_key`),
    holders named with it in at least ``min_articles`` articles.

    ``offices``: :func:`helpers.people.person_offices`. Columns ``HOLDER_COLUMNS``, by first date.
    """
    key = office_key(office)
    held = offices[(offices["office_key"] == key) & (offices["articles"] >= min_articles)] if len(offices) else offices
    if held.empty:
        return pd.DataFrame(columns=HOLDER_COLUMNS)
    return held.sort_values(["first_published", "articles"], ascending=[True, False])[HOLDER_COLUMNS].reset_index(drop=True)


def shared_offices(offices: pd.DataFrame, *, min_articles: int = 2, top: int = 10) -> pd.DataFrame:
    """Offices held by two persons or more (each named with it in ``min_articles`` articles at
    least: a stray office of one article is more often an extraction slip than a tenure).

    Columns ``office_key``, ``office`` (as written most often), ``persons``, ``articles`` and
    ``succession``: True when the holders' dated tenures do not overlap, one after another
    (an office whose holders overlap is usually one title in several countries or bodies).
    Successions first, then most persons.
    """
    columns = ["office_key", "office", "persons", "articles", "succession"]
    held = offices[offices["articles"] >= min_articles] if len(offices) else offices
    rows = []
    for key, group in held.groupby("office_key", sort=True):
        if group["person_id"].nunique() < 2:
            continue
        spans = sorted(zip(group["first_published"], group["last_published"]))
        dated = all(first for first, _ in spans)
        disjoint = dated and all(previous[1] < current[0] for previous, current in zip(spans, spans[1:]))
        written = group.sort_values("articles", ascending=False, kind="stable")["office"].iloc[0]
        rows.append({"office_key": key, "office": written, "persons": group["person_id"].nunique(),
                     "articles": int(group["articles"].sum()), "succession": disjoint})
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table
    return table.sort_values(["succession", "persons", "articles", "office_key"], ascending=[False, False, False, True]) \
        .head(top).reset_index(drop=True)


def appear_together(speakers: pd.DataFrame, people: pd.DataFrame, *, top: int = 20) -> pd.DataFrame:
    """Pairs of persons quoted in the same articles, most shared articles first.

    Columns ``TOGETHER_COLUMNS`` (``name_a`` the more quoted of the two).
    """
    linked = speakers[_str(speakers["person_id"]) != ""] if len(speakers) else speakers
    if linked.empty:
        return pd.DataFrame(columns=TOGETHER_COLUMNS)
    rank = {p: i for i, p in enumerate(_str(people["person_id"]))}
    names = dict(zip(_str(people["person_id"]), _str(people["name"])))
    pairs: Counter = Counter()
    for _, persons in linked.groupby("article_id")["person_id"]:
        ordered = sorted(set(persons), key=lambda p: (rank.get(p, len(rank)), p))
        pairs.update(combinations(ordered, 2))
    rows = [{"name_a": names.get(a, ""), "name_b": names.get(b, ""), "articles": n, "person_a": a, "person_b": b}
            for (a, b), n in pairs.items()]
    table = pd.DataFrame(rows, columns=TOGETHER_COLUMNS)
    return table.sort_values(["articles", "person_a", "person_b"], ascending=[False, True, True]).head(top) \
        .reset_index(drop=True)


def together_grid(speakers: pd.DataFrame, people: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """Shared articles between each two of the ``top`` most quoted persons (names as index and
    columns; the diagonal left empty), for a heatmap."""
    chosen = top_officials(people, top=top)
    if chosen.empty:
        return pd.DataFrame()
    ids = chosen["person_id"].tolist()
    linked = speakers[_str(speakers["person_id"]).isin(ids)]
    sets = {p: set(_str(linked.loc[_str(linked["person_id"]) == p, "article_id"])) for p in ids}
    grid = pd.DataFrame([[float("nan") if a == b else float(len(sets[a] & sets[b])) for b in ids] for a in ids],
                        index=chosen["name"], columns=chosen["name"])
    return grid


def person_page(person_id: str, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Everything the notebook shows of one person: ``summary`` (their people row, transposed),
    ``offices`` (:func:`helpers.people.person_offices`), ``months``, ``themes``,
    ``statistics`` (see the functions above)."""
    speakers, articles = tables["speakers"], tables["articles"]
    row = tables["people"][_str(tables["people"]["person_id"]) == person_id]
    summary = row.T.reset_index().set_axis(["field", "value"], axis=1) if len(row) else pd.DataFrame(columns=["field", "value"])
    offices = person_offices(speakers, articles, links=speakers.reset_index(drop=True))
    return {
        "summary": summary,
        "offices": offices[offices["person_id"] == person_id].reset_index(drop=True),
        "months": person_quotes_by_month(person_id, speakers, tables["quotes"], articles),
        "themes": person_themes(person_id, speakers, tables["themes"]),
        "statistics": person_statistics(person_id, speakers, tables["statistics"], articles),
    }


def person_explorer(tables: dict[str, pd.DataFrame], *, top: int = 50, rows: int = 10):
    """A widget to read one person's page: a dropdown of the ``top`` most quoted persons.

    Returns an ``ipywidgets.VBox``; ``.result`` holds the current :func:`person_page`. Built
    headless (papermill), it shows the first person's page.
    """
    import ipywidgets as widgets

    from .explore import html_table

    chosen = top_officials(tables["people"], top=top)
    picker = widgets.Dropdown(options=list(zip(chosen["label"], chosen["person_id"])), description="Person")
    page = widgets.HTML()
    box = widgets.VBox([picker, page])

    def refresh(_change=None):
        box.result = person_page(picker.value, tables) if picker.value else {}
        page.value = "".join(f"<h4>{name}</h4>{html_table(frame, rows=rows)}" for name, frame in box.result.items())

    picker.observe(refresh, names="value")
    refresh()
    return box

