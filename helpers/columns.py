"""One article's table as column lists, the shape every annotator returns to the export.

A table is ``{column name: values}`` (:data:`Columns`), not a DataFrame: the export joins the
lists of every article into one DataFrame per table, where a dozen small DataFrames an
article cost more than every other step of the export together.
"""

from __future__ import annotations

# One article's table, column by column: {column name: values}.
Columns = dict[str, list]


def columns_of_rows(rows: list[dict], columns: list[str]) -> Columns:
    """Rows given as dicts, as column lists in the order of ``columns``."""
    return {name: [row[name] for row in rows] for name in columns}


def columns_of_tuples(article_id: str, rows: list[tuple], columns: list[str]) -> Columns:
    """Rows given as tuples (one value per name of ``columns``), as column lists with an
    ``article_id`` column first."""
    values = list(zip(*rows)) if rows else [()] * len(columns)
    return {"article_id": [article_id] * len(rows), **{name: list(v) for name, v in zip(columns, values)}}


def frame_of(table: Columns, columns: list[str]) -> "pandas.DataFrame":
    """``pd.DataFrame(rows, columns=columns)`` of the rows ``table`` holds, built from its
    column lists (much faster per article)."""
    import pandas as pd

    if not table[columns[0]]:
        return pd.DataFrame([], columns=columns)
    return pd.DataFrame(table, columns=columns)
