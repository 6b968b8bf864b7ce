"""Each notebook's findings paragraph, written from the tables of the corpus it ran on.

Every function takes the study's tables (and what the notebook computed) and returns Markdown:
numbers of this run in plain English prose, never a claim carried over from the seed corpus.
A notebook shows it with ``display(Markdown(...))``. Roles, themes and provinces are named by
their Persian labels (``chart_labels.tsv``, ``themes.tsv``), as the charts name them.
"""

from __future__ import annotations

import pandas as pd

from .synthesis import HEDGES, _str, label_for, role_summary

# A role with fewer statistics than this is an anecdote, not a pattern: the findings do not
# name it as the role that hedges most (one hedged figure out of two is 50 %).
MIN_STATISTICS_FOR_A_ROLE = 20


def _share(part: float, whole: float) -> str:
    """«37 %» (no decimals), or «no» share when ``whole`` is 0."""
    return f"{100 * part / whole:.0f} %" if whole else "0 %"


def _count(n, noun: str) -> str:
    """«1,466 articles», «1 article»."""
    n = int(n)
    return f"{n:,} {noun if n == 1 else noun + 's'}"


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"* {line}" for line in lines if line)


def corpus_line(tables: dict[str, pd.DataFrame], label: str) -> str:
    """One sentence naming the corpus and its size."""
    articles = tables["articles"]
    return (f"On **{label}** ({_count(len(articles), 'article')}, {int(articles['words'].sum()):,} words "
            f"after cleaning):")


def gallery_findings(tables: dict[str, pd.DataFrame], label: str, *, shapes: bool) -> str:
    """Findings of notebook 00: what the gallery drew on this corpus."""
    articles = tables["articles"]
    published = int((_str(articles["published"]) != "").sum()) if "published" in articles else 0
    in_text = int((_str(articles["date_in_text"]) != "").sum()) if "date_in_text" in articles else 0
    return corpus_line(tables, label) + "\n\n" + _bullets([
        "matplotlib shapes Persian by itself here, so labels are passed through unchanged."
        if shapes else "matplotlib does not shape Persian here, so every label is reshaped before drawing.",
        f"The corpus holds {_count(len(tables['speakers']), 'speaker')} and "
        f"{_count(len(tables['statistics']), 'quoted statistic')}; the charts show the largest, and set "
        "catch-all categories (unknown, other, the reporter's narrative) apart, greyed, below each ranking.",
        f"{_count(published, 'article')} carry a publication date from the corpus itself; "
        f"{_count(in_text, 'article')} give a date in their own text. The two are charted apart.",
    ])


def corpus_findings(tables: dict[str, pd.DataFrame], label: str, *, removed: pd.DataFrame,
                    repairs: pd.DataFrame) -> str:
    """Findings of notebook 01: what the corpus holds and what cleaning changed."""
    articles = tables["articles"]
    provinces = _str(articles["province"])
    known = provinces[provinces != ""]
    top = known.value_counts()
    rules = removed["rule"].value_counts() if len(removed) else pd.Series(dtype="int64")
    return corpus_line(tables, label) + "\n\n" + _bullets([
        f"A province is known for {_count(len(known), 'article')} ({_share(len(known), len(articles))}); "
        + (f"the commonest is {top.index[0]} with {_count(top.iloc[0], 'article')}." if len(top) else "none is known."),
        f"Articles run from {int(articles['words'].min()):,} to {int(articles['words'].max()):,} words "
        f"(median {int(articles['words'].median()):,})." if len(articles) else "",
        f"Cleaning removed {_count(len(removed), 'boilerplate line')}"
        + (f", most by the rule «{label_for(rules.index[0], group='boilerplate_rule')}» ({rules.iloc[0]:,})." if len(rules) else "."),
        f"ZWNJ repair changed {_count(len(repairs), 'word')} in "
        f"{_count(repairs['article_id'].nunique() if len(repairs) else 0, 'article')}.",
    ])


def theme_findings(tables: dict[str, pd.DataFrame], label: str, *, by_article: pd.DataFrame,
                   topics: pd.DataFrame, min_articles: int, evaluation: pd.DataFrame) -> str:
    """Findings of notebook 02: which themes dominate, who stresses what, topics, tag quality."""
    hits = by_article.groupby("label")["hits"].sum().sort_values(ascending=False) if len(by_article) else pd.Series(dtype="int64")
    total = int(hits.sum())
    overall = evaluation.set_index("theme").loc["ALL"] if "ALL" in set(evaluation["theme"]) else None
    n_articles = len(tables["articles"])
    return corpus_line(tables, label) + "\n\n" + _bullets([
        f"The theme lexicon matched {total:,} times; the commonest theme is {hits.index[0]} "
        f"({_share(hits.iloc[0], total)} of all hits)." if total else "No theme term occurs in this corpus.",
        f"Topics without a lexicon: {topics['topic'].nunique()} topics over {_count(n_articles, 'article')}."
        if len(topics) else
        f"Topics without a lexicon are not computed: {_count(n_articles, 'article')} is below the "
        f"{min_articles:,} that topics need to mean anything.",
        (f"The theme tags agree with hand-labelled paragraphs with precision {overall['precision']:.2f} and recall "
         f"{overall['recall']:.2f}; those paragraphs are a fixed sample, the same for every corpus.")
        if overall is not None else "",
    ])


def speaker_findings(tables: dict[str, pd.DataFrame], label: str) -> str:
    """Findings of notebook 03: who speaks and how much."""
    speakers, quotes = tables["speakers"], tables["quotes"]
    summary = role_summary(speakers, quotes)
    attributed = int((_str(quotes["speaker_id"]) != "").sum()) if len(quotes) else 0
    people = _str(speakers["role"]).replace("", "other").value_counts() if len(speakers) else pd.Series(dtype="int64")
    named = people.drop(index=[r for r in ("other",) if r in people.index])
    loudest = summary[~summary["role"].isin(["unattributed", "other"])]
    return corpus_line(tables, label) + "\n\n" + _bullets([
        f"{_count(len(speakers), 'speaker')} and {_count(len(quotes), 'quote')}; "
        f"{_share(attributed, len(quotes))} of the quotes have a known speaker.",
        f"The role with most speakers is {label_for(named.index[0], group='role')} ({_count(named.iloc[0], 'speaker')}); "
        f"{_count(people.get('other', 0), 'speaker')} hold an office outside the listed roles." if len(named) else "",
        f"The role quoted at most length is {label_for(loudest.iloc[0]['role'], group='role')}: "
        f"{int(loudest.iloc[0]['words']):,} words, {loudest.iloc[0]['share_of_words']:.0f} % of everything quoted."
        if len(loudest) else "",
    ])


def statistics_findings(tables: dict[str, pd.DataFrame], label: str, *, values: pd.DataFrame,
                        checks: pd.DataFrame) -> str:
    """Findings of notebook 04: how many figures, hedged how often, in which measures."""
    statistics, articles = tables["statistics"], tables["articles"]
    hedged = int(_str(statistics["qualifier"]).isin(HEDGES).sum()) if len(statistics) else 0
    measures = values["measure"].value_counts() if len(values) else pd.Series(dtype="int64")
    money = values[values["measure"] == "rial"] if len(values) else values
    tomans = int((money["comparable"] != money["value"]).sum()) if len(money) else 0
    inconsistent = int((checks["verdict"] == "inconsistent").sum()) if len(checks) else 0
    return corpus_line(tables, label) + "\n\n" + _bullets([
        f"{_count(len(statistics), 'quoted statistic')} in "
        f"{_count(statistics['article_id'].nunique() if len(statistics) else 0, 'article')}; "
        f"{_share(hedged, len(statistics))} are hedged (more than, less than, about).",
        f"Counts: {measures.get('count', 0):,}; percentages: {measures.get('percent', 0):,}; sums of money in "
        f"rials or tomans: {measures.get('rial', 0):,} ({tomans:,} given in tomans, converted at 10 rials each); "
        f"other currencies: {int(measures[[m for m in ('dollar', 'euro', 'dirham', 'yuan') if m in measures.index]].sum()):,}.",
        f"{_count(len(checks), 'consistency check')}, {inconsistent:,} inconsistent." if len(checks) else
        "No related figures to check against each other.",
    ])


def synthesis_findings(tables: dict[str, pd.DataFrame], label: str, *, hedging: pd.DataFrame,
                       role_themes: pd.DataFrame) -> str:
    """Findings of notebook 05: what limits the comparison, who hedges, who stresses which theme."""
    articles, quotes = tables["articles"], tables["quotes"]
    unattributed = int((_str(quotes["speaker_id"]) == "").sum()) if len(quotes) else 0
    unknown = int((_str(articles["province"]) == "").sum())
    solid = hedging[(hedging["statistics"] >= MIN_STATISTICS_FOR_A_ROLE) & (hedging["role"] != "narrative")]
    most = solid.sort_values(["hedged_share", "statistics"], ascending=False).head(1)
    scored = role_themes[role_themes["hits"] > 0].sort_values(["score", "role"], ascending=[False, True])
    top_theme = scored.drop_duplicates("role").set_index("role") if len(scored) else pd.DataFrame()
    lines = [
        f"{_count(unattributed, 'quote')} of {len(quotes):,} ({_share(unattributed, len(quotes))}) have no known "
        f"speaker, and {_count(unknown, 'article')} of {len(articles):,} ({_share(unknown, len(articles))}) no province: "
        "the comparisons above set them apart.",
        (f"Of the roles with at least {MIN_STATISTICS_FOR_A_ROLE} statistics, {label_for(most.iloc[0]['role'], group='role')} "
         f"hedges most: {most.iloc[0]['hedged_share']:.0f} % of {int(most.iloc[0]['statistics']):,}.")
        if len(most) else f"No role quotes {MIN_STATISTICS_FOR_A_ROLE} statistics or more: hedging by role is anecdotal here.",
    ]
    if "narrative" in top_theme.index:
        row = top_theme.loc["narrative"]
        lines.append(f"The reporter's own text scores highest on {row['label']} ({row['score']:.1f} per thousand words).")
    return corpus_line(tables, label) + "\n\n" + _bullets(lines)

