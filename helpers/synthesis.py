"""Cross-tables of the exported tables: who talks about what, with which numbers.

Every function here is small and pure: it takes the tables of :func:`helpers.pipeline.annotate_corpus`
(``articles``, ``speakers``, ``quotes``, ``statistics``, ``themes``) and returns a tidy
DataFrame with documented columns, the same columns when an input is empty. Notebooks call
these and chart the result; :func:`matrix` turns a tidy table into the wide grid a heatmap needs.

Two pseudo-roles complete the speaker roles of ``offices.tsv``:

* ``narrative``: the reporter's own words, outside every quote (themes and statistics whose
  ``speaker_id`` is empty);
* ``unattributed``: a quote whose speaker the tool could not tell.

Persian labels for every code (roles, stances, qualifiers, unit kinds...) are data, in
``lexicons/chart_labels.tsv``; :func:`label_for` reads them.

Lexicons read here (``LEXICONS``): ``chart_currencies.tsv``, ``chart_labels.tsv``,
``number_words.tsv``, ``units.tsv``.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .lexicons import load_table

# The lexicons (helpers/lexicons/) this module reads; the docstring names the same files.
LEXICONS = ("chart_currencies", "chart_labels", "number_words", "units")

ELLIPSIS = "\u2026"
HEDGES = ("more_than", "less_than", "approximately")


# ---------------------------------------------------------------- labels


@lru_cache(maxsize=1)
def _label_table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in load_table("chart_labels"):
        table.setdefault(row["group"], {})[row["code"]] = row["label"]
    return table


def labels(group: str) -> dict[str, str]:
    """Code → Persian label for one code family (``role``, ``stance``, ``kind``, ``qualifier``,
    ``unit_kind``, ``verdict``, ``place``), as listed in ``lexicons/chart_labels.tsv``."""
    return dict(_label_table().get(group, {}))


def label_for(code, *, group: str) -> str:
    """The Persian label of ``code`` in ``group``; an empty code reads as ``unknown``.

    A code the group does not list is labelled by its pattern («suffix_*» labels «suffix_های»),
    and a code joining rules with «+» part by part; a code with neither is returned as written
    (so a new role still shows, in English).
    """
    text = "" if code is None or (isinstance(code, float) and code != code) else str(code)
    table = _label_table().get(group, {})
    text = text or "unknown"
    if text in table:
        return table[text]
    if "+" in text:
        return " + ".join(label_for(part, group=group) for part in text.split("+"))
    for pattern, label in _patterns(group):
        if text.startswith(pattern) and len(text) > len(pattern):
            return label.replace("*", text[len(pattern):])
    return text


@lru_cache(maxsize=None)
def _patterns(group: str) -> tuple[tuple[str, str], ...]:
    """The group's pattern codes («suffix_*») without their «*», longest first, with their labels."""
    found = [(code[:-1], label) for code, label in _label_table().get(group, {}).items() if code.endswith("*")]
    return tuple(sorted(found, key=lambda pair: -len(pair[0])))


def shorten(text, *, width: int = 40) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters, «…» added
    when something was cut (the «…» counts in ``width``). A first word longer than ``width`` is
    cut inside the word."""
    words = " ".join(str("" if text is None else text).split())
    if len(words) <= width:
        return words
    cut = words[: max(0, width - 1)]
    if " " in cut and words[len(cut)] != " ":
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ،,:؛") + ELLIPSIS


# ---------------------------------------------------------------- roles


def _str(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("").astype(str)


def with_roles(frame: pd.DataFrame, speakers: pd.DataFrame, *, missing: str = "unattributed") -> pd.DataFrame:
    """``frame`` (any table with ``speaker_id``) with the speaker's ``role`` and ``name`` added.

    Rows without a speaker get role ``missing`` (``"narrative"`` for themes and statistics,
    which are the reporter's when no quote holds them) and name ""; a speaker without a role
    gets ``other``. Returns ``frame``'s columns plus ``role`` and ``name`` (replacing any).
    """
    out = frame.drop(columns=[c for c in ("role", "name") if c in frame.columns]).copy()
    ids = _str(out["speaker_id"]) if "speaker_id" in out.columns else pd.Series("", index=out.index)
    if len(speakers):
        known = speakers.drop_duplicates("speaker_id").set_index(_str(speakers.drop_duplicates("speaker_id")["speaker_id"]))
        role = ids.map(_str(known["role"]).replace("", "other"))
        name = ids.map(_str(known["name"]))
    else:
        role = pd.Series(pd.NA, index=out.index, dtype="object")
        name = role
    out["role"] = role.where(ids != "", missing).fillna("other").astype(str)
    out["name"] = name.where(ids != "", "").fillna("").astype(str)
    return out


def word_count(texts: pd.Series) -> pd.Series:
    """Words (whitespace-separated) in each text of ``texts``; missing text counts 0."""
    return _str(texts).str.split().str.len().fillna(0).astype("int64")


def speaker_summary(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker: how much each says.

    Returns columns ``article_id``, ``speaker_id``, ``name``, ``office``, ``role``,
    ``province``, ``quotes`` (statements), ``words`` (words in them), sorted by words (most
    first), then speaker_id.
    """
    columns = ["article_id", "speaker_id", "name", "office", "role", "province", "quotes", "words"]
    if speakers.empty:
        return pd.DataFrame(columns=columns)
    said = quotes.assign(words=word_count(quotes["text"])).groupby("speaker_id")["words"].agg(["size", "sum"])
    out = speakers[columns[:6]].copy()
    out["role"] = _str(out["role"]).replace("", "other")
    out["quotes"] = out["speaker_id"].map(said["size"]).fillna(0).astype("int64")
    out["words"] = out["speaker_id"].map(said["sum"]).fillna(0).astype("int64")
    return out.sort_values(["words", "speaker_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def role_summary(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """How much each role says.

    Returns columns ``role``, ``speakers``, ``quotes``, ``words`` (words quoted), ``words_per_quote``,
    ``share_of_words`` (percent of all quoted words), sorted by words, then role. Quotes
    without a speaker form the role ``unattributed``.
    """
    columns = ["role", "speakers", "quotes", "words", "words_per_quote", "share_of_words"]
    quoted = with_roles(quotes, speakers).assign(words=word_count(quotes["text"]) if len(quotes) else 0)
    said = quoted.groupby("role")["words"].agg(["size", "sum"])
    people = _str(speakers["role"]).replace("", "other").value_counts() if len(speakers) else pd.Series(dtype="int64")
    roles = sorted(set(said.index) | set(people.index))
    if not roles:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame({"role": roles})
    out["speakers"] = out["role"].map(people).fillna(0).astype("int64")
    out["quotes"] = out["role"].map(said["size"]).fillna(0).astype("int64")
    out["words"] = out["role"].map(said["sum"]).fillna(0).astype("int64")
    out["words_per_quote"] = (out["words"] / out["quotes"].where(out["quotes"] > 0)).fillna(0.0)
    total = out["words"].sum()
    out["share_of_words"] = 100 * out["words"] / total if total else 0.0
    return out.sort_values(["words", "role"], ascending=[False, True], kind="stable").reset_index(drop=True)[columns]


def speaker_provinces(speakers: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """Each speaker's province: the one named with the office, else the article's ("" when
    neither is known). Indexed like ``speakers``."""
    own = _str(speakers["province"]) if "province" in speakers.columns else pd.Series("", index=speakers.index)
    article_province = _str(articles["province"]).set_axis(_str(articles["article_id"])) if len(articles) else pd.Series(dtype=str)
    fallback = _str(speakers["article_id"]).map(article_province).fillna("")
    return own.where(own != "", fallback).astype(str)


def role_by_province(speakers: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Speakers counted by role and province (see :func:`speaker_provinces`).

    Returns columns ``role``, ``province`` ("" when unknown), ``speakers``, sorted by role, province.
    """
    columns = ["role", "province", "speakers"]
    if speakers.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"role": _str(speakers["role"]).replace("", "other"),
                          "province": speaker_provinces(speakers, articles)})
    out = frame.groupby(["role", "province"]).size().rename("speakers").reset_index()
    return out.sort_values(["role", "province"], kind="stable").reset_index(drop=True)[columns]


def verb_profile(quotes: pd.DataFrame, speakers: pd.DataFrame, *, column: str = "stance",
                 top: int | None = None) -> pd.DataFrame:
    """How each role introduces its statements: quotes by role and ``column`` (``stance``,
    ``verb`` or ``kind``).

    Returns columns ``role``, ``column``, ``quotes``, ``share`` (percent of the role's quotes),
    sorted by role, then quotes (most first); ``top`` keeps each role's commonest values.
    """
    columns = ["role", column, "quotes", "share"]
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    frame = with_roles(quotes, speakers)
    frame[column] = _str(frame[column])
    out = frame.groupby(["role", column]).size().rename("quotes").reset_index()
    out["share"] = 100 * out["quotes"] / out.groupby("role")["quotes"].transform("sum")
    out = out.sort_values(["role", "quotes", column], ascending=[True, False, True], kind="stable")
    if top is not None:
        out = out.groupby("role", sort=False).head(top)
    return out.reset_index(drop=True)[columns]


# ---------------------------------------------------------------- themes


def role_theme_scores(themes: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Theme scores per role: the units a role's quotes fill, the rest as ``narrative``.

    Returns columns ``role``, ``theme``, ``label``, ``hits``, ``words``, ``score`` (hits per
    thousand content words of that role), one row per role and lexicon theme.
    """
    from .themes import theme_scores

    return theme_scores(with_roles(themes, speakers, missing="narrative"), by=["role"])


def article_theme_scores(themes: pd.DataFrame, articles: pd.DataFrame, *, width: int = 40) -> pd.DataFrame:
    """Theme scores per article, with the article's title shortened to ``width`` characters.

    Returns columns ``article_id``, ``title``, ``theme``, ``label``, ``hits``, ``words``, ``score``.
    """
    from .themes import theme_scores

    scores = theme_scores(themes, by=["article_id"])
    # Each title shortened once, not once per theme row: there is a row per article and theme
    # (675,000 at 48,000 articles), and a string built per row raised the peak by a fifth.
    titles = (_str(articles["title"]).map(lambda t: shorten(t, width=width)).set_axis(_str(articles["article_id"]))
              if len(articles) else pd.Series(dtype=str))
    scores.insert(1, "title", _str(scores["article_id"]).map(titles).fillna(""))
    return scores


def province_theme_scores(themes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Theme scores per article province ("" when unknown).

    Returns columns ``province``, ``theme``, ``label``, ``hits``, ``words``, ``score``.
    """
    from .themes import theme_scores

    provinces = _str(articles["province"]).set_axis(_str(articles["article_id"])) if len(articles) else pd.Series(dtype=str)
    frame = themes.assign(province=_str(themes["article_id"]).map(provinces).fillna("") if len(themes) else "")
    return theme_scores(frame, by=["province"])


# ---------------------------------------------------------------- numbers


def with_unit_kinds(statistics: pd.DataFrame) -> pd.DataFrame:
    """``statistics`` with ``unit_kind`` added: the kind ``units.tsv`` gives the unit (percent,
    count, money...), ``none`` when the figure has no unit, ``other`` for a unit not listed."""
    from .numbers import unit_kind

    out = statistics.copy()
    units = _str(out["unit"]) if "unit" in out.columns else pd.Series("", index=out.index)
    out["unit_kind"] = [("none" if not u.strip() else unit_kind(u) or "other") for u in units]
    return out


def role_by_number_kind(statistics: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Which kinds of numbers each role quotes.

    Returns columns ``role`` (``narrative`` for figures outside quotes), ``unit_kind``,
    ``statistics``, ``share`` (percent of the role's statistics), sorted by role, then count.
    """
    columns = ["role", "unit_kind", "statistics", "share"]
    if statistics.empty:
        return pd.DataFrame(columns=columns)
    frame = with_unit_kinds(with_roles(statistics, speakers, missing="narrative"))
    out = frame.groupby(["role", "unit_kind"]).size().rename("statistics").reset_index()
    out["share"] = 100 * out["statistics"] / out.groupby("role")["statistics"].transform("sum")
    return out.sort_values(["role", "statistics", "unit_kind"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)[columns]


def hedging_summary(statistics: pd.DataFrame) -> pd.DataFrame:
    """Statistics by qualifier. Returns columns ``qualifier``, ``statistics``, ``share`` (percent),
    every qualifier (exact, more_than, less_than, approximately) listed even when zero."""
    qualifiers = ["exact", *HEDGES]
    counts = _str(statistics["qualifier"]).value_counts() if len(statistics) else pd.Series(dtype="int64")
    extra = sorted(set(counts.index) - set(qualifiers))
    out = pd.DataFrame({"qualifier": qualifiers + extra})
    out["statistics"] = out["qualifier"].map(counts).fillna(0).astype("int64")
    total = out["statistics"].sum()
    out["share"] = 100 * out["statistics"] / total if total else 0.0
    return out


def hedging_by_role(statistics: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """How often each role hedges the figures it quotes («بیش از», «حدود», «کمتر از»).

    Returns columns ``role``, ``statistics``, ``hedged``, ``hedged_share`` (percent),
    ``exact``, ``more_than``, ``less_than``, ``approximately``, sorted by statistics, then role.
    """
    columns = ["role", "statistics", "hedged", "hedged_share", "exact", *HEDGES]
    if statistics.empty:
        return pd.DataFrame(columns=columns)
    frame = with_roles(statistics, speakers, missing="narrative")
    frame["qualifier"] = _str(frame["qualifier"])
    grid = pd.crosstab(frame["role"], frame["qualifier"]).reindex(columns=["exact", *HEDGES], fill_value=0)
    out = grid.reset_index()
    out.columns.name = None
    out["statistics"] = frame.groupby("role").size().reindex(out["role"]).to_numpy()
    out["hedged"] = out[list(HEDGES)].sum(axis=1)
    out["hedged_share"] = 100 * out["hedged"] / out["statistics"]
    return out.sort_values(["statistics", "role"], ascending=[False, True], kind="stable").reset_index(drop=True)[columns]


def statistics_per_thousand_words(statistics: pd.DataFrame, articles: pd.DataFrame, *, width: int = 40) -> pd.DataFrame:
    """Quoted statistics per thousand words of each article.

    Returns columns ``article_id``, ``title`` (shortened to ``width``), ``words``,
    ``statistics``, ``per_thousand``, every article listed, sorted by per_thousand (highest
    first), then article_id.
    """
    columns = ["article_id", "title", "words", "statistics", "per_thousand"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    counts = _str(statistics["article_id"]).value_counts() if len(statistics) else pd.Series(dtype="int64")
    out = pd.DataFrame({"article_id": _str(articles["article_id"]),
                        "title": _str(articles["title"]).map(lambda t: shorten(t, width=width)),
                        "words": articles["words"].astype("int64").to_numpy()})
    out["statistics"] = out["article_id"].map(counts).fillna(0).astype("int64")
    out["per_thousand"] = (1000 * out["statistics"] / out["words"].where(out["words"] > 0)).fillna(0.0)
    return out.sort_values(["per_thousand", "article_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def statistics_per_thousand_words_by_role(statistics: pd.DataFrame, quotes: pd.DataFrame,
                                          speakers: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Quoted statistics per thousand words each role says.

    A role's words are the words of its quotes; ``narrative`` has the articles' words outside
    every quote, and the figures outside quotes. Returns columns ``role``, ``statistics``,
    ``words``, ``per_thousand``, sorted by per_thousand (highest first), then role.
    """
    columns = ["role", "statistics", "words", "per_thousand"]
    said = with_roles(quotes, speakers).assign(words=word_count(quotes["text"]) if len(quotes) else 0)
    words = said.groupby("role")["words"].sum()
    total = int(articles["words"].sum()) if len(articles) else 0
    narrative_words = max(0, total - int(words.sum()))
    if narrative_words:
        words = pd.concat([words, pd.Series({"narrative": narrative_words})])
    figures = with_roles(statistics, speakers, missing="narrative")["role"].value_counts() if len(statistics) else pd.Series(dtype="int64")
    roles = sorted(set(words.index) | set(figures.index))
    if not roles:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame({"role": roles})
    out["statistics"] = out["role"].map(figures).fillna(0).astype("int64")
    out["words"] = out["role"].map(words).fillna(0).astype("int64")
    out["per_thousand"] = (1000 * out["statistics"] / out["words"].where(out["words"] > 0)).fillna(0.0)
    return out.sort_values(["per_thousand", "role"], ascending=[False, True], kind="stable").reset_index(drop=True)


def quoted_values(statistics: pd.DataFrame, speakers: pd.DataFrame, *, width: int = 40) -> pd.DataFrame:
    """The figures as a log dot plot shows them, one row per statistic.

    Returns columns ``article_id``, ``stat_id``, ``value``, ``unit``, ``unit_kind``, ``role``,
    ``qualifier``, ``label`` (the number as written and its unit, shortened to ``width``),
    ``sentence``, sorted by value (largest first), then article_id and stat_id.
    """
    columns = ["article_id", "stat_id", "value", "unit", "unit_kind", "role", "qualifier", "label", "sentence"]
    if statistics.empty:
        return pd.DataFrame(columns=columns)
    frame = with_unit_kinds(with_roles(statistics, speakers, missing="narrative"))
    frame["label"] = [shorten(f"{s} {u}".strip(), width=width) for s, u in zip(_str(frame["surface"]), _str(frame["unit"]))]
    return frame.sort_values(["value", "article_id", "stat_id"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)[columns]


# ---------------------------------------------------------------- provinces


def province_comparison(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The provinces side by side (the article's province; "" when unknown).

    ``tables`` holds ``articles``, ``speakers``, ``quotes``, ``statistics``, ``themes``.
    Returns columns ``province``, ``articles``, ``words``, ``speakers``, ``quotes``,
    ``statistics``, ``statistics_per_thousand``, ``hedged_share`` (percent of statistics),
    ``top_theme`` (highest-scoring theme id, "" when no theme term), sorted by articles, then province.
    """
    columns = ["province", "articles", "words", "speakers", "quotes", "statistics",
               "statistics_per_thousand", "hedged_share", "top_theme"]
    articles = tables["articles"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    province_of = _str(articles["province"]).set_axis(_str(articles["article_id"]))

    def counted(name: str) -> pd.Series:
        frame = tables[name]
        return _str(frame["article_id"]).map(province_of).value_counts() if len(frame) else pd.Series(dtype="int64")

    out = _str(articles["province"]).to_frame("province").assign(words=articles["words"].to_numpy())
    out = out.groupby("province").agg(articles=("words", "size"), words=("words", "sum")).reset_index()
    for name in ("speakers", "quotes", "statistics"):
        out[name] = out["province"].map(counted(name)).fillna(0).astype("int64")
    out["statistics_per_thousand"] = (1000 * out["statistics"] / out["words"].where(out["words"] > 0)).fillna(0.0)
    stats = tables["statistics"]
    hedged = (_str(stats["article_id"])[_str(stats["qualifier"]).isin(HEDGES)].map(province_of).value_counts()
              if len(stats) else pd.Series(dtype="int64"))
    out["hedged_share"] = (100 * out["province"].map(hedged).fillna(0) / out["statistics"].where(out["statistics"] > 0)).fillna(0.0)
    scores = province_theme_scores(tables["themes"], articles)
    scores = scores[scores["hits"] > 0].sort_values(["province", "score", "theme"], ascending=[True, False, True], kind="stable")
    out["top_theme"] = out["province"].map(scores.drop_duplicates("province").set_index("province")["theme"]).fillna("")
    return out.sort_values(["articles", "province"], ascending=[False, True], kind="stable").reset_index(drop=True)[columns]


# ---------------------------------------------------------------- shaping for charts and files


def matrix(frame: pd.DataFrame, *, index: str, columns: str, values: str, top: int | None = None,
           drop_empty: bool = True) -> pd.DataFrame:
    """The wide grid of a tidy table (for :func:`helpers.charts.heatmap`).

    Rows are ``index`` values, columns ``columns`` values, cells ``values`` (summed; 0 where
    absent). Rows are ordered by their total (largest first, then name), ``top`` keeps the
    largest; columns likewise by total. ``drop_empty`` drops columns whose total is 0.
    """
    if frame.empty:
        return pd.DataFrame(dtype=float)
    grid = frame.pivot_table(index=index, columns=columns, values=values, aggfunc="sum", fill_value=0, observed=True)
    grid = grid.astype(float)
    row_order = sorted(grid.index, key=lambda r: (-grid.loc[r].sum(), str(r)))
    grid = grid.loc[row_order[:top] if top is not None else row_order]
    column_order = sorted(grid.columns, key=lambda c: (-grid[c].sum(), str(c)))
    grid = grid[column_order]
    if drop_empty:
        grid = grid.loc[:, grid.sum(axis=0) > 0]
    grid.index.name, grid.columns.name = index, columns
    return grid


def relabel(grid, *, rows: str | None = None, columns: str | None = None, row_counts=None):
    """``grid`` (a DataFrame or Series) with its row and/or column codes replaced by their Persian
    labels from the ``rows`` and ``columns`` label groups (see :func:`label_for`).

    ``row_counts`` (a mapping from row code to a count, e.g. how many statistics a role
    quotes) adds the count to each row label, «استاندار (۳)», so a share is read with its base; a
    mapping to text (see :func:`evidence_label`) adds the text, «تهران (۱۲ خبر)».
    """
    from .charts import format_number

    out = grid.copy()
    if rows:
        labels = [label_for(code, group=rows) for code in out.index]
        if row_counts is not None:
            notes = [row_counts[code] for code in out.index]
            labels = [f"{label} ({note if isinstance(note, str) else format_number(note)})"
                      for label, note in zip(labels, notes)]
        out.index = labels
    if columns and isinstance(out, pd.DataFrame):
        out.columns = [label_for(code, group=columns) for code in out.columns]
    return out


def save_table(study, frame: pd.DataFrame, name: str) -> "object":
    """Write ``frame`` as ``NN_name__corpus.csv`` beside the study's figures and return the path.

    Same table, same bytes: UTF-8, ``\\n`` line ends, floats written with 6 significant digits.
    """
    prefix = study.notebook[:2] + "_" if study.notebook[:2].isdigit() else ""
    path = study.figures_dir / f"{prefix}{name}__{study.label}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frame.to_csv(index=False, float_format="%.6g", lineterminator="\n"), encoding="utf-8")
    return path


# ---------------------------------------------------------------- evidence behind a bar


def evidence_label(*, group: str = "evidence", **counts) -> str:
    """The words that say how much stands behind a bar, from ``chart_labels.tsv`` (group
    ``evidence``): ``evidence_label(statistics=312, articles=90)`` gives «۳۱۲ آمار، ۹۰ خبر».
    The row is chosen by the names given, joined by «_» in the order given."""
    from .charts import format_number

    template = label_for("_".join(counts), group=group)
    return template.format(**{name: format_number(int(value)) for name, value in counts.items()})


def role_evidence(frame: pd.DataFrame, speakers: pd.DataFrame, *, missing: str = "narrative",
                  unit: str | None = "statistics") -> pd.DataFrame:
    """How many rows of ``frame`` (statistics, quotes...) and articles stand behind each role.

    Returns columns ``role``, ``rows`` (rows of ``frame``), ``articles`` (articles holding at
    least one), ``label`` (the role's Persian label with the counts in brackets: with ``unit``
    «statistics», «استاندار (۳۱۲ آمار، ۹۰ خبر)»; with ``unit`` None only the articles,
    «استاندار (۹۰ خبر)»), sorted by role. Rows without a speaker count for ``missing``.
    """
    columns = ["role", "rows", "articles", "label"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    roles = with_roles(frame, speakers, missing=missing)
    out = roles.groupby("role").agg(rows=("article_id", "size"), articles=("article_id", "nunique")).reset_index()
    out["label"] = [f"{label_for(role, group='role')} ("
                    f"{evidence_label(**({unit: n} if unit else {}), articles=a)})"
                    for role, n, a in zip(out["role"], out["rows"], out["articles"])]
    return out[columns]


# ---------------------------------------------------------------- money in one currency


@lru_cache(maxsize=1)
def _currencies() -> dict[str, tuple[str, float | None]]:
    """Currency unit (as units.tsv writes it) → (currency code, rials per unit or None)."""
    return {row["unit"]: (row["currency"], float(row["in_rials"]) if row.get("in_rials") else None)
            for row in load_table("chart_currencies")}


def currency_of(unit) -> tuple[str, float | None]:
    """The currency a money unit names and how many rials one unit is worth («تومان»: toman,
    10; «دلار»: dollar, None). The unit may carry words after the currency («ریال اعتبار»);
    ("", None) when no listed currency opens it."""
    words = str("" if unit is None else unit).split()
    for length in range(len(words), 0, -1):
        found = _currencies().get(" ".join(words[:length]))
        if found:
            return found
    return "", None


def comparable_values(values: pd.DataFrame) -> pd.DataFrame:
    """``values`` (with ``value``, ``unit`` and ``unit_kind``, as :func:`quoted_values` gives)
    with ``measure`` and ``comparable`` added, so that only like figures share an axis.

    ``measure`` is ``rial`` for rials and tomans (``comparable`` in rials: 1 toman = 10 rials),
    the currency's code for a currency without a fixed rate (dollar...), ``count`` for counts
    and counted measure words, ``percent``, and the unit kind for the rest. ``comparable`` is
    the value in the measure's unit.
    """
    out = values.copy()
    measures, comparable = [], []
    for value, unit, kind in zip(out["value"], _str(out["unit"]), _str(out["unit_kind"])):
        currency, rials = currency_of(unit)
        if kind == "money" and rials is not None:
            measures.append("rial")
            comparable.append(float(value) * rials)
        else:
            measures.append(currency if kind == "money" and currency else
                            "count" if kind in ("count", "classifier") else kind)
            comparable.append(float(value))
    out["measure"] = pd.Series(measures, index=out.index, dtype="object")
    out["comparable"] = pd.Series(comparable, index=out.index, dtype="float64")
    return out


# ---------------------------------------------------------------- words a word cloud should not show


@lru_cache(maxsize=1)
def scale_and_unit_words() -> frozenset[str]:
    """Number words («هزار», «میلیون», «دو») and one-word units («درصد», «واحد», «ریال»), as
    written in ``number_words.tsv`` and ``units.tsv`` and as lemmas: frequent in figures, they
    say nothing about what a text is about, so word lists and clouds leave them out."""
    from .terms import content_lemmas

    written = {row["word"] for row in load_table("number_words")}
    written |= {row["unit"] for row in load_table("units") if " " not in row["unit"].strip()}
    lemmas = {lemma for word in written for lemma in content_lemmas(word)}
    return frozenset(written | lemmas)


def readable_term(term) -> str:
    """A lemma as a reader knows it: hazm writes a verb's lemma as «past#present» stems
    («توانست#توان»); the past stem is the word shown («توانست»). Other lemmas unchanged."""
    text = str("" if term is None else term)
    past, _, present = text.partition("#")
    return (past or present) if "#" in text else text


def without_scale_words(terms: pd.DataFrame, *, column: str = "term") -> pd.DataFrame:
    """``terms`` without the rows whose ``column`` is a scale word or a unit (see
    :func:`scale_and_unit_words`), the rest written as :func:`readable_term`, index reset."""
    if terms.empty:
        return terms.reset_index(drop=True)
    keep = terms[~_str(terms[column]).isin(scale_and_unit_words())].reset_index(drop=True)
    keep[column] = keep[column].map(readable_term)
    return keep


def frequent_words(texts, *, top: int = 80) -> pd.DataFrame:
    """The ``top`` commonest content lemmas of ``texts`` (a ``text`` column, or an export's
    texts read a batch at a time: ``study.texts``), scale words and units left out. Columns as
    :func:`helpers.terms.term_frequencies`."""
    from .terms import term_frequencies

    return without_scale_words(term_frequencies(texts)).head(top)


def distinctive_words(texts: pd.DataFrame, *, group_col: str, top: int = 10) -> pd.DataFrame:
    """The ``top`` most distinctive lemmas (TF-IDF) of each group, scale words and units left
    out and ranks counted again. Columns as :func:`helpers.terms.distinctive_terms`."""
    from .terms import distinctive_terms

    found = distinctive_terms(texts, group_col=group_col, top=top + len(scale_and_unit_words()))
    kept = without_scale_words(found)
    if kept.empty:
        return kept
    kept = kept.groupby(group_col, sort=False).head(top).reset_index(drop=True)
    kept["rank"] = kept.groupby(group_col, sort=False).cumcount() + 1
    return kept


# Topics (NMF) need words that recur across many articles: with 8 topics and terms kept only
# when in at least 3 articles, fewer than about a hundred articles leave each topic a handful
# of articles, and its words reflect single articles, not subjects. Below this, no topics.
MIN_ARTICLES_FOR_TOPICS = 100


def corpus_topics(articles, *, n_topics: int = 8, top_terms: int = 8,
                  min_articles: int = MIN_ARTICLES_FOR_TOPICS) -> pd.DataFrame:
    """Topics (NMF, :func:`helpers.terms.nmf_topics`) of the corpus's own articles, scale words
    and units left out of each topic's terms; empty (same columns) when the corpus holds fewer
    than ``min_articles`` articles. ``articles``: a frame with a ``text`` column, or an
    export's texts read a batch at a time (``study.texts``)."""
    from .terms import nmf_topics

    columns = ["topic", "rank", "term", "weight", "label"]
    if len(articles) < min_articles:
        return pd.DataFrame(columns=columns)
    found = nmf_topics(articles, n_topics=n_topics, top_terms=top_terms + len(scale_and_unit_words()))
    kept = without_scale_words(found).groupby("topic", sort=True).head(top_terms).reset_index(drop=True)
    kept["rank"] = kept.groupby("topic").cumcount() + 1
    kept["label"] = kept["topic"].map(kept.groupby("topic")["term"].apply(lambda terms: " / ".join(terms.head(3))))
    return kept[columns]


# ---------------------------------------------------------------- dates


def timeline_views(articles: pd.DataFrame) -> list[dict]:
    """The timelines a corpus supports, each a dict with ``name`` (figure name), ``column``,
    ``title`` (Persian), ``caption`` (English) and ``dated`` (articles with a date there).

    The publication date (``published``: given by the corpus itself) comes first when any
    article has one; the date an article's text gives for itself (``date_in_text``, read from
    «تاریخ انتشار: ...») is a different thing, with its own title, listed when any article has one.
    Titles come from ``chart_labels.tsv`` (group ``timeline``).
    """
    views = []
    for name, column, caption in (
        ("publication_timeline", "published",
         "Articles per day (per month over more than 120 days) of publication, as the corpus gives it."),
        ("dates_in_text", "date_in_text",
         "Articles per date written in the article's own text (per month over more than 120 days), not its publication date."),
    ):
        dated = int((_str(articles[column]) != "").sum()) if column in articles.columns else 0
        if dated:
            views.append({"name": name, "column": column, "title": label_for(column, group="timeline"),
                          "caption": caption, "dated": dated})
    return views
