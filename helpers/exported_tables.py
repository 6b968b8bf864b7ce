"""An export's tables as notebooks read them: each table on first use, without the articles' texts.

:class:`ExportedTables` is a read-only mapping over an export folder (:mod:`helpers.export`):
``tables["speakers"]`` reads that table's Parquet dataset the first time it is asked for, and
``tables["articles"]`` leaves out the whole cleaned text of every article, the one column that
grows with the corpus's length rather than with what was found in it. The texts are read a batch
at a time instead (:class:`ArticleTexts`): text functions (:func:`helpers.terms.kwic`,
:func:`helpers.terms.term_frequencies`, topics, the cleaning reports) walk the batches, so a
notebook holds one batch of texts at once, not the corpus's. The raw texts are not exported
(the corpus keeps them): :meth:`ArticleTexts.with_raw_text` reads them from the corpus, beside
the cleaned ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

# Columns holding an article's whole text: read a batch at a time, never whole.
TEXT_COLUMNS = {"articles": ("text", "raw_text")}
# Articles per batch of texts: about 5 MB of Persian text on the bench corpora.
TEXT_BATCH_ROWS = 1000


class ExportedTables(Mapping):
    """The tables of the export in ``folder``, each read from its Parquet dataset on first use.

    ``articles`` comes without its text columns (:data:`TEXT_COLUMNS`); :attr:`texts` reads
    them in batches. Every other table is read whole, with every column.
    """

    def __init__(self, folder: str | Path, *, corpus: str | Path | None = None):
        self.folder = Path(folder)
        self.corpus = Path(corpus) if corpus is not None else None
        self.names = tuple(sorted(p.name for p in self.folder.iterdir() if p.is_dir() and any(p.glob("part-*.parquet"))))
        if "articles" not in self.names:
            raise FileNotFoundError(f"{self.folder}: not an export (no articles/part-*.parquet in it)")
        self._loaded: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.names:
            raise KeyError(f"{name!r}: no such table in {self.folder} (tables: {', '.join(self.names)})")
        if name not in self._loaded:
            self._loaded[name] = read_table(self.folder, name)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"ExportedTables({str(self.folder)!r}, loaded: {sorted(self._loaded)})"

    def rows(self, name: str) -> int:
        """The rows of table ``name``, from its files' metadata (the table is not read)."""
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(part).metadata.num_rows for part in sorted((self.folder / name).glob("part-*.parquet")))

    def row_counts(self) -> dict[str, int]:
        """Every table's rows, none of them read."""
        return {name: self.rows(name) for name in self.names}

    @property
    def texts(self) -> "ArticleTexts":
        """The articles' ids, titles and cleaned texts, a batch at a time."""
        return ArticleTexts(self.folder, corpus=self.corpus)


def read_table(folder: str | Path, name: str, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Table ``name`` of the export in ``folder``: ``columns`` (default: all but its text
    columns, :data:`TEXT_COLUMNS`), one row per row of its partitions, in order."""
    import pyarrow.dataset as ds

    dataset = ds.dataset(Path(folder) / name, format="parquet")
    if columns is None:
        columns = [c for c in dataset.schema.names if c not in TEXT_COLUMNS.get(name, ())]
    return dataset.to_table(columns=list(columns)).to_pandas()


def article_texts(tables: Mapping) -> "pd.DataFrame | ArticleTexts":
    """The texts of ``tables``: an export's :attr:`ExportedTables.texts`, or the ``articles``
    table itself when the tables are in memory (:func:`helpers.pipeline.annotate_corpus`)."""
    return tables.texts if isinstance(tables, ExportedTables) else tables["articles"]


class ArticleTexts:
    """The articles of an export with their cleaned ``text``, as frames of at most
    ``batch_size`` rows (columns ``article_id``, ``title``, ``text``), in article order.

    Iterable again and again (each pass reads the dataset anew), with ``len()`` the number of
    articles: what the text functions of :mod:`helpers.terms` accept in place of one DataFrame.
    """

    def __init__(self, folder: str | Path, *, corpus: str | Path | None = None, batch_size: int = TEXT_BATCH_ROWS,
                 columns: tuple[str, ...] = ("article_id", "title", "text"), raw: bool = False):
        self.folder = Path(folder)
        self.corpus = Path(corpus) if corpus is not None else None
        self.batch_size = batch_size
        self.columns = columns
        self.raw = raw

    def __len__(self) -> int:
        return ExportedTables(self.folder).rows("articles")

    def __repr__(self) -> str:
        return f"ArticleTexts({str(self.folder)!r}, {len(self)} articles{', with raw text' if self.raw else ''})"

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return self._with_raw() if self.raw else self._exported()

    def _exported(self) -> Iterator[pd.DataFrame]:
        import pyarrow.dataset as ds

        dataset = ds.dataset(self.folder / "articles", format="parquet")
        for batch in dataset.to_batches(columns=list(self.columns), batch_size=self.batch_size):
            if batch.num_rows:
                yield batch.to_pandas()

    def with_raw_text(self) -> "ArticleTexts":
        """These texts with each article's ``raw_text`` beside, read from the corpus (the export
        leaves it out) a batch at a time."""
        if self.corpus is None:
            raise ValueError(f"{self.folder}: raw texts need the corpus the export was made from; none was given")
        return ArticleTexts(self.folder, corpus=self.corpus, batch_size=self.batch_size, columns=self.columns, raw=True)

    def of(self, article_ids) -> pd.DataFrame:
        """The rows of the articles ``article_ids`` only (in article order): read with a filter,
        so only their texts are held."""
        wanted = set(article_ids)
        parts = [frame[frame["article_id"].isin(wanted)] for frame in self]
        found = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(self.columns))
        return found.reset_index(drop=True)

    def _with_raw(self) -> Iterator[pd.DataFrame]:
        """The export's batches joined row by row with the corpus's, read side by side: the export
        keeps the corpus's order, so the n-th article of one is the n-th of the other."""
        from .export import corpus_batches

        exported = self._exported()
        pending = pd.DataFrame(columns=list(self.columns))
        for batch in corpus_batches(self.corpus, batch_size=self.batch_size, on_error="flag"):
            while len(pending) < len(batch):
                more = next(exported, None)
                if more is None:
                    break
                pending = more if pending.empty else pd.concat([pending, more], ignore_index=True)
            head, pending = pending.iloc[:len(batch)].reset_index(drop=True), pending.iloc[len(batch):].reset_index(drop=True)
            if head["article_id"].tolist() != batch["article_id"].tolist():
                raise ValueError(f"{self.folder}: is not the export of {self.corpus} (its articles differ from the "
                                 "corpus's); export the corpus again")
            yield head.assign(raw_text=batch["raw_text"].to_numpy())
        if not pending.empty or next(exported, None) is not None:
            raise ValueError(f"{self.folder}: holds more articles than {self.corpus}; export the corpus again")


def in_batches(function, texts, *args, by_article: pd.DataFrame | None = None, **kwargs) -> pd.DataFrame:
    """``function(batch, *args, **kwargs)`` on each batch of ``texts`` (a DataFrame or
    :class:`ArticleTexts`), the results joined in order: for per-article functions
    (:func:`helpers.clean.cleaning_summary`, :func:`helpers.clean.zwnj_repair_table`) whose
    results are small beside the texts.

    ``by_article``: a table given to each call as its first argument after the batch, cut to
    the batch's articles (the boilerplate of those articles, say).
    """
    results = []
    batches = [texts] if isinstance(texts, pd.DataFrame) else texts
    for batch in batches:
        given = args
        if by_article is not None:
            given = (by_article[by_article["article_id"].isin(set(batch["article_id"]))], *args)
        results.append(function(batch, *given, **kwargs))
    if not results:  # no article: the function's own empty result
        empty = pd.DataFrame(columns=["article_id", "title", "text", "raw_text"])
        given = args if by_article is None else (by_article.iloc[:0], *args)
        return function(empty, *given, **kwargs)
    return pd.concat(results, ignore_index=True)
