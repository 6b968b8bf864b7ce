"""A corpus cut into shards that a worker reads on its own: for exports on a Dask cluster.

A shard is a small dict naming what to read, never the text itself, so that the process that
cuts the corpus (the Dask client) holds no article text:

* a folder of ``.txt`` articles: runs of file names (``{"files": [...]}``);
* a JSON-lines file: byte ranges of whole lines (``{"path", "start", "end", "first_position",
  "first_line"}``), found by one pass over the file; the row positions make the ids those
  :func:`helpers.load.load_corpus` gives;
* a Parquet file: runs of row groups (``{"path", "row_groups", "first_position"}``);
* a folder of JSON-lines or Parquet shards, or a glob (``news/*.jsonl``): each file as above,
  in name order. Ids of rows without an id column are ``<file stem>_<row>`` per file.

:func:`read_shard` gives a shard's rows exactly as :func:`helpers.load.load_corpus` would
give them (its columns, its statuses, its errors naming the file and line).
"""

from __future__ import annotations

import glob
from pathlib import Path

import pandas as pd

from .load import (COLUMNS, TABLE_SUFFIXES, TEXT_FILE_SUFFIXES, CorpusError, _article_files, _json_records,
                   _table_rows, _text_file_row, choose_columns, object_keys, records_table)

SHARD_SUFFIXES = (".jsonl", ".parquet", ".pq")


def is_glob(corpus: str | Path) -> bool:
    """Whether ``corpus`` is a glob pattern (``*``, ``?`` or ``[``) rather than a path."""
    return glob.has_magic(str(corpus))


def shard_files(corpus: str | Path) -> list[Path]:
    """The table files of a glob, or of a folder of JSON-lines or Parquet shards, in name order;
    an empty list for a corpus that is one file or a folder of ``.txt`` articles."""
    if is_glob(corpus):
        files = sorted(Path(p) for p in glob.glob(str(corpus)))
        if not files:
            raise CorpusError(f"{corpus}: matches no file")
        wrong = [p.name for p in files if p.suffix.lower() not in (*SHARD_SUFFIXES, *TEXT_FILE_SUFFIXES)]
        if wrong:
            raise CorpusError(f"{corpus}: matches files that are not JSON-lines, Parquet or .txt: {wrong[:3]}")
        return files
    path = Path(corpus)
    if path.is_dir() and not any(path.glob("*.txt")):
        return sorted(p for p in path.iterdir() if p.suffix.lower() in SHARD_SUFFIXES)
    return []


def corpus_shards(corpus: str | Path, *, shard_size: int) -> list[dict]:
    """The shards of ``corpus`` (a folder, a file or a glob), each about ``shard_size`` articles."""
    files = shard_files(corpus)
    if is_glob(corpus) and all(p.suffix.lower() in TEXT_FILE_SUFFIXES for p in files):
        return _runs_of_files(files, shard_size)
    if files:
        return [shard for path in files for shard in file_shards(path, shard_size=shard_size)]
    path = Path(corpus)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_dir():
        return _runs_of_files(_article_files(path), shard_size)
    return file_shards(path, shard_size=shard_size)


def _runs_of_files(files: list[Path], size: int) -> list[dict]:
    return [{"files": [str(p) for p in files[start:start + size]]} for start in range(0, len(files), size)]


def file_shards(path: Path, *, shard_size: int) -> list[dict]:
    """The shards of one corpus file: line ranges of JSON lines, row groups of Parquet, or the
    whole file (CSV, a JSON array, ``.txt``) as one shard."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _json_lines_shards(path, shard_size)
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        metadata = pq.ParquetFile(path).metadata
        shards, groups, rows, position = [], [], 0, 0
        for group in range(metadata.num_row_groups):
            groups.append(group)
            rows += metadata.row_group(group).num_rows
            if rows >= shard_size or group == metadata.num_row_groups - 1:
                shards.append({"path": str(path), "row_groups": groups, "first_position": position})
                position, groups, rows = position + rows, [], 0
        return shards
    if suffix in (*TABLE_SUFFIXES, *TEXT_FILE_SUFFIXES):
        return [{"path": str(path), "whole": True}]
    raise CorpusError(f"{path}: not a folder nor a .txt, .csv, .jsonl or .parquet file")


def _json_lines_shards(path: Path, size: int) -> list[dict]:
    """Byte ranges of ``size`` records each, at line ends; one pass, a line at a time. Each
    shard names the columns chosen from the keys of the whole file (``"columns"``), so that
    every shard reads the columns :func:`helpers.load.load_corpus` reads."""
    shards, start, offset, position, line_number = [], 0, 0, 0, 0
    keys: dict[str, None] = {}
    first = {"first_position": 0, "first_line": 1}
    records = 0
    with path.open("rb") as stream:
        for raw in stream:
            # The lines load_corpus sees: str.splitlines of the decoded text (a BOM dropped).
            pieces = raw.decode("utf-8-sig" if offset == 0 else "utf-8", errors="replace").splitlines()
            line_number += len(pieces)
            records += sum(1 for piece in pieces if piece.strip())
            keys.update(dict.fromkeys(object_keys(pieces)))
            offset += len(raw)
            if records >= size:
                shards.append({"path": str(path), "start": start, "end": offset, **first})
                position += records
                first = {"first_position": position, "first_line": line_number + 1}
                start, records = offset, 0
    if records or not shards:
        shards.append({"path": str(path), "start": start, "end": offset, **first})
    chosen = choose_columns(keys, path) if keys else None  # no object at all: each shard says why
    return [{**shard, "columns": chosen} for shard in shards]


def read_shard(shard: dict, *, on_error: str = "raise") -> pd.DataFrame:
    """The rows of one shard (:func:`corpus_shards`), as :func:`helpers.load.load_corpus` gives them."""
    return pd.DataFrame(read_shard_rows(shard, on_error=on_error), columns=COLUMNS)


def read_shard_rows(shard: dict, *, on_error: str = "raise") -> list[dict]:
    """:func:`read_shard`'s rows as a list, one dict per article (the keys of ``COLUMNS``)."""
    from .load import load_corpus

    if "files" in shard:
        return [_text_file_row(Path(p), on_error=on_error) for p in shard["files"]]
    if shard.get("whole"):
        return load_corpus(shard["path"], on_error=on_error).to_dict("records")
    if "row_groups" in shard:
        import pyarrow.parquet as pq

        path = Path(shard["path"])
        table = pq.ParquetFile(path).read_row_groups(shard["row_groups"]).to_pandas()
        return _table_rows(table, path, choose_columns(table.columns, path), first_position=shard["first_position"])
    return _json_lines_rows(shard, on_error=on_error)


def _json_lines_rows(shard: dict, *, on_error: str) -> list[dict]:
    path = Path(shard["path"])
    with path.open("rb") as stream:
        stream.seek(shard["start"])
        data = stream.read(shard["end"] - shard["start"])
    try:
        text = data.decode("utf-8-sig" if shard["start"] == 0 else "utf-8")
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: not UTF-8 ({error.reason} at byte {shard['start'] + error.start})") from None
    lines = enumerate(text.splitlines(), start=shard["first_line"])
    records = list(_json_records(path, lines, on_error=on_error))
    objects = [record for record, _ in records]
    # every key, in the order first met: the columns a DataFrame of the objects would have
    chosen = shard.get("columns") or choose_columns(dict.fromkeys(key for record in objects for key in record), path)
    table = records_table(objects, chosen)
    rows = _table_rows(table, path, chosen, first_position=shard["first_position"])
    for row, (_, problem) in zip(rows, records):
        if problem:
            row.update(raw_text="", status=f"error: {path} {problem}")
    return rows
