"""Interactive explorers for JupyterLab: a word in context, quotes by role or speaker,
statistics with their sentences.

Each explorer is two layers:

* a pure filter function (:func:`search_kwic`, :func:`filter_quotes`, :func:`filter_statistics`)
  returning a DataFrame with documented columns, tested like any other helper;
* a widget builder (:func:`kwic_explorer`, :func:`quote_explorer`, :func:`statistics_explorer`)
  that wires controls to the filter and shows the result as a right-to-left HTML table.

The widgets hold their result in an ``HTML`` widget, not in an output area, so building one
needs no live front end: executed headless (papermill, pytest) the widget is made, filled with
its first result and stored in the notebook; in JupyterLab its controls re-run the filter. The
current result is also kept on the widget as ``widget.result`` (a DataFrame).

:func:`explorer_corpus` picks the corpus of ``notebooks/explore.ipynb``, the page without code
that ``make explore`` serves with Voilà; :func:`for_readers` shows an explorer's result there
in plain columns (:func:`reader_table`), without ids or offsets.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .synthesis import label_for, labels, shorten, with_roles

ALL = "(all)"
QUOTE_COLUMNS = ["article_id", "quote_id", "name", "role", "verb", "stance", "text", "start", "end"]
STATISTIC_COLUMNS = ["article_id", "stat_id", "surface", "value", "unit", "qualifier", "role", "name",
                     "sentence", "start", "end"]


def _str(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("").astype(str)


# ---------------------------------------------------------------- filters


def search_kwic(articles: pd.DataFrame, keyword: str, *, window: int = 40, by_lemma: bool = True,
                width: int = 40) -> pd.DataFrame:
    """Every use of ``keyword`` in the articles' cleaned text, with its context.

    ``articles``: a frame with ``article_id``, ``title`` and ``text``, or an export's texts read
    a batch at a time (``study.texts``, :class:`helpers.exported_tables.ArticleTexts`).
    Returns the columns of :func:`helpers.terms.kwic` (``article_id``, ``start``, ``end``,
    ``left``, ``keyword``, ``right``: ``text[start:end]`` is the use, ``right`` the text before
    it on a Persian page) and ``title`` (shortened to ``width``). An empty keyword finds nothing.
    """
    from .terms import kwic, text_frames

    columns = ["article_id", "title", "start", "end", "right", "keyword", "left"]
    keyword = (keyword or "").strip()
    if not keyword or not len(articles):
        return pd.DataFrame(columns=columns)
    parts = []
    for frame in text_frames(articles):
        found = kwic(frame[["article_id", "text"]], keyword, window=window, by_lemma=by_lemma)
        titles = _str(frame["title"]).set_axis(_str(frame["article_id"]))
        found["title"] = _str(found["article_id"]).map(titles).fillna("").map(lambda t: shorten(t, width=width))
        parts.append(found[columns])
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)


def filter_quotes(quotes: pd.DataFrame, speakers: pd.DataFrame, *, role: str | None = None,
                  speaker: str | None = None, contains: str | None = None) -> pd.DataFrame:
    """The quotes of one role and/or one speaker (by name), optionally holding a word.

    ``None`` or "" for a filter keeps everything. Returns columns ``article_id``, ``quote_id``,
    ``name``, ``role`` (``unattributed`` when no speaker), ``verb``, ``stance``, ``text``,
    ``start``, ``end``, in the order of the quotes table.
    """
    if quotes.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    out = with_roles(quotes, speakers)
    keep = pd.Series(True, index=out.index)
    if role:
        keep &= out["role"] == role
    if speaker:
        keep &= out["name"] == speaker
    if contains and contains.strip():
        keep &= _str(out["text"]).str.contains(contains.strip(), regex=False)
    return out.loc[keep, QUOTE_COLUMNS].reset_index(drop=True)


def filter_statistics(statistics: pd.DataFrame, speakers: pd.DataFrame, *, role: str | None = None,
                      unit: str | None = None, qualifier: str | None = None) -> pd.DataFrame:
    """Quoted statistics with the sentence each stands in, filtered by role, unit and qualifier.

    ``None`` or "" for a filter keeps everything. Returns columns ``article_id``, ``stat_id``,
    ``surface``, ``value``, ``unit``, ``qualifier``, ``role`` (``narrative`` outside quotes),
    ``name``, ``sentence``, ``start``, ``end``, in the order of the statistics table.
    """
    if statistics.empty:
        return pd.DataFrame(columns=STATISTIC_COLUMNS)
    out = with_roles(statistics, speakers, missing="narrative")
    keep = pd.Series(True, index=out.index)
    for column, wanted in (("role", role), ("unit", unit), ("qualifier", qualifier)):
        if wanted:
            keep &= _str(out[column]) == wanted
    return out.loc[keep, STATISTIC_COLUMNS].reset_index(drop=True)


def role_options(roles) -> list[tuple[str, str]]:
    """Dropdown options for a list of role codes: ``(label, code)`` pairs, «(all)» first, then
    the roles present in the order of ``lexicons/chart_labels.tsv``."""
    present = set(roles)
    ordered = [code for code in labels("role") if code in present] + sorted(present - set(labels("role")))
    return [(ALL, "")] + [(label_for(code, group="role"), code) for code in ordered]


def html_table(frame: pd.DataFrame, *, rows: int = 20) -> str:
    """The first ``rows`` rows of ``frame`` as a right-to-left HTML table, with a line saying how
    many rows matched."""
    from .display import rtl_table

    note = f"<p>{len(frame)} rows{' (first ' + str(rows) + ' shown)' if len(frame) > rows else ''}</p>"
    return note + rtl_table(frame.head(rows)).hide(axis="index").set_uuid("goftar").to_html()


# ---------------------------------------------------------------- widgets


def _explorer(controls: list, update) -> "object":
    """A VBox of ``controls`` and an HTML result, refreshed by ``update(box)`` on every change."""
    import ipywidgets as widgets

    result = widgets.HTML()
    box = widgets.VBox([widgets.HBox(controls), result])
    box.result = pd.DataFrame()

    def refresh(_change=None):
        box.result = update()
        result.value = html_table(box.result, rows=box.rows)

    box.rows = 20
    box.refresh = refresh
    for control in controls:
        control.observe(refresh, names="value")
    refresh()
    return box


def kwic_explorer(articles, *, keyword: str = "", window: int = 40, rows: int = 20):
    """A widget to search a word in context: a text box, a window slider, a by-lemma switch.
    ``articles`` as :func:`search_kwic` takes them (``study.texts``: read anew on each search).

    Returns an ``ipywidgets.VBox``; ``.result`` holds the current :func:`search_kwic` table.
    """
    import ipywidgets as widgets

    word = widgets.Text(value=keyword, description="Keyword")
    span = widgets.IntSlider(value=window, min=10, max=120, step=10, description="Window")
    lemma = widgets.Checkbox(value=True, description="by lemma")
    box = _explorer([word, span, lemma], lambda: search_kwic(articles, word.value, window=span.value, by_lemma=lemma.value))
    box.rows = rows
    box.refresh()
    return box


def quote_explorer(quotes: pd.DataFrame, speakers: pd.DataFrame, *, rows: int = 20):
    """A widget to browse quotes by role, by speaker and by a word they contain.

    Returns an ``ipywidgets.VBox``; ``.result`` holds the current :func:`filter_quotes` table.
    """
    import ipywidgets as widgets

    present = with_roles(quotes, speakers)["role"] if len(quotes) else []
    role = widgets.Dropdown(options=role_options(present), value="", description="Role")
    names = sorted(set(_str(speakers["name"])) - {""}) if len(speakers) else []
    speaker = widgets.Dropdown(options=[(ALL, "")] + [(n, n) for n in names], value="", description="Speaker")
    word = widgets.Text(value="", description="Contains")
    box = _explorer([role, speaker, word],
                    lambda: filter_quotes(quotes, speakers, role=role.value, speaker=speaker.value, contains=word.value))
    box.rows = rows
    box.refresh()
    return box


def statistics_explorer(statistics: pd.DataFrame, speakers: pd.DataFrame, *, rows: int = 20):
    """A widget to browse quoted statistics with their sentences, by role, unit and qualifier.

    Returns an ``ipywidgets.VBox``; ``.result`` holds the current :func:`filter_statistics` table.
    """
    import ipywidgets as widgets

    present = with_roles(statistics, speakers, missing="narrative")["role"] if len(statistics) else []
    role = widgets.Dropdown(options=role_options(present), value="", description="Role")
    units = _str(statistics["unit"]).value_counts().index.tolist() if len(statistics) else []
    unit = widgets.Dropdown(options=[(ALL, "")] + [(u, u) for u in units if u], value="", description="Unit")
    qualifier = widgets.Dropdown(options=[(ALL, "")] + [(label_for(q, group="qualifier"), q) for q in labels("qualifier")],
                                 value="", description="Qualifier")
    box = _explorer([role, unit, qualifier],
                    lambda: filter_statistics(statistics, speakers, role=role.value, unit=unit.value,
                                              qualifier=qualifier.value))
    box.rows = rows
    box.refresh()
    return box


# ---------------------------------------------------------------- the explorer page (make explore)

# `make explore CORPUS=...` names the corpus of notebooks/explore.ipynb through this variable:
# Voilà starts the page's kernel with the server's environment, and takes no papermill parameters.
CORPUS_VARIABLE = "GOFTAR_CORPUS"


def explorer_corpus(corpus: str | Path | None = None) -> str | Path | None:
    """The corpus the explorer page studies: ``corpus`` when given, else the folder or file named
    by the ``GOFTAR_CORPUS`` environment variable, else ``None`` (the seed corpus).

    A corpus that does not exist raises ``FileNotFoundError`` naming it and where it came from,
    before anything is loaded.
    """
    source = "the corpus parameter" if corpus else f"the {CORPUS_VARIABLE} environment variable"
    chosen = corpus or os.environ.get(CORPUS_VARIABLE, "").strip() or None
    if chosen is not None and not Path(chosen).exists():
        raise FileNotFoundError(f"corpus not found: {chosen} (named by {source})")
    return chosen


# What a reader of the explorer page sees of each explorer's result: plain column names, Persian
# labels for codes, no ids or character offsets. Source column -> header, in display order.
READER_VIEWS = {
    "quotes": {"name": "speaker", "role": "role", "verb": "verb", "stance": "stance", "text": "statement"},
    "statistics": {"surface": "number", "unit": "unit", "qualifier": "hedge", "role": "role", "name": "speaker",
                   "sentence": "sentence"},
    "kwic": {"title": "article", "right": "before", "keyword": "word", "left": "after"},
}
# Columns holding codes, and the label group (lexicons/chart_labels.tsv) that names them.
READER_LABELS = {"role": "role", "stance": "stance", "qualifier": "qualifier"}


def reader_table(result: pd.DataFrame, view: str) -> pd.DataFrame:
    """An explorer's result as a reader sees it: the columns of ``READER_VIEWS[view]`` under
    their plain names, codes (role, stance, qualifier) replaced by their Persian labels."""
    if view not in READER_VIEWS:
        raise ValueError(f"unknown explorer view {view!r}: one of {', '.join(READER_VIEWS)}")
    columns = READER_VIEWS[view]
    out = pd.DataFrame({header: (result[column] if column in result else pd.Series(dtype=object))
                        for column, header in columns.items()}, index=result.index)
    for column, group in READER_LABELS.items():
        if column in columns and len(out):
            out[columns[column]] = out[columns[column]].map(lambda code: label_for(code, group=group))
    return out.reset_index(drop=True)


def for_readers(box, view: str):
    """Show an explorer's result (``box`` from one of the builders above) as :func:`reader_table`
    does, now and after every change of its controls; ``box.result`` keeps every column."""
    controls, shown = box.children[0].children, box.children[1]

    def show(_change=None):
        shown.value = html_table(reader_table(box.result, view), rows=box.rows)

    for control in controls:
        # Observers run in the order they were added: the explorer's own refresh has already
        # updated box.result when this one runs.
        control.observe(show, names="value")
    show()
    return box
