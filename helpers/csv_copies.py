"""The CSV copy of each exported table, written from Arrow tables byte for byte as pandas writes it.

The export writes each table as a Parquet dataset and, for readers that want one file (the
scorer reads CSV), a CSV copy: the bytes ``pandas`` writes for the table
(``to_csv(index=False)``, ``"\\n"`` line ends, UTF-8), which earlier exports made by reading
each Parquet part back into a DataFrame. Here they are made from the Arrow tables themselves:
each column's values formatted as pandas formats them (integers as digits, floats by their
``repr``, a missing value as nothing) and quoted as Python's csv module, which pandas writes
with, quotes them, with Arrow's compute functions a whole column at a time. Whatever this
does not handle (another column type, a one-column table, a csv module that quotes in another
way) goes through pandas or the csv module themselves.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

# Rows per record batch: a CSV copy is written this many rows at a time, as pandas read them
# from a Parquet part (which decides how an integer column with a gap is written, below).
CSV_BATCH_ROWS = 2000


class CsvCopies:
    """The CSV copies of some tables (``names``) in ``folder``, each opened at its first rows
    and added to as each partition comes; a context manager that closes them."""

    def __init__(self, folder: str | Path, names: tuple[str, ...]):
        self.folder, self.names, self.streams = Path(folder), names, {}

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def append(self, name: str, table) -> None:
        """Add ``table``'s rows to the CSV copy of ``name`` (its header first, at the first call)."""
        stream = self.streams.get(name)
        if stream is None:
            stream = self.streams[name] = open(self.folder / f"{name}.csv", "wb")
            write_csv_header(stream, table.schema.names)
        write_csv_rows(stream, table)

    def __enter__(self) -> CsvCopies:
        return self

    def __exit__(self, *exception) -> None:
        for stream in self.streams.values():
            stream.close()


def write_csv_header(stream, names: list[str]) -> None:
    """A CSV copy's header line, as pandas writes it, into a binary ``stream`` (UTF-8)."""
    text = io.StringIO()
    if names:
        csv.writer(text, lineterminator="\n").writerow(names)
    else:
        pd.DataFrame(columns=[]).to_csv(text, index=False, lineterminator="\n")
    stream.write(text.getvalue().encode("utf-8"))


def write_csv_rows(stream, table) -> None:
    """Add the rows of ``table`` (an Arrow table or record batch) to a binary ``stream``: the
    UTF-8 bytes pandas writes for them (``to_pandas().to_csv(index=False, header=False)``).

    Each column's values are formatted as pandas formats them (integers as digits, floats by
    their ``repr``, a missing value as nothing) and quoted as Python's csv module, which pandas
    writes with, quotes them (:func:`_csv_lines`), without building a DataFrame; a column of
    any other type goes through pandas. A ``CSV_BATCH_ROWS`` batch at a time, as pandas read
    them from Parquet: an integer column with a gap in a batch is written as floats there, as
    pandas reads it.
    """
    for start in range(0, table.num_rows, CSV_BATCH_ROWS):
        batch = table.slice(start, CSV_BATCH_ROWS)
        lines = _csv_lines(batch)
        if lines is None:
            text = io.StringIO()
            batch.to_pandas().to_csv(text, index=False, header=False, lineterminator="\n")
            lines = text.getvalue().encode("utf-8")
        stream.write(lines)


def _csv_lines(batch):
    """The CSV lines of ``batch`` as UTF-8 bytes, or None where they are not made here.

    Made with Arrow's compute functions a whole column at a time: a field is quoted (inner
    quotes doubled) when it holds a character for which the csv module quotes one
    (:func:`_csv_quoting`, asked of the csv module itself). None when a column's type is not
    handled (:func:`_csv_cells`), for a table of one column (the csv module quotes its empty
    fields), or where the csv module does not quote as this expects.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    quoting = _csv_quoting()
    cells = [_csv_cells(batch.column(i)) for i in range(batch.num_columns)]
    if quoting is None or len(cells) < 2 or any(column is None for column in cells):
        return None

    def text(value):
        return pa.scalar(value, pa.large_string())

    for number, column in enumerate(cells):
        if pa.types.is_integer(batch.schema.field(number).type):
            continue  # digits and a minus sign: never quoted
        # Most columns hold none of the characters that matter: one search of the column's
        # bytes for each (memchr) spares a regular expression run on every value (CSV copies
        # of the Fars bench 0.10 -> 0.08 s of CPU).
        held = _characters_held(column, quoting.special + quoting.refused + '"')
        if not held:
            continue
        if not held.isdisjoint(quoting.refused):  # a value the csv module refuses to write
            return None
        needs_quotes = pc.match_substring_regex(column, quoting.special_pattern)
        inner = pc.replace_substring(column, '"', '""') if '"' in held else column
        quoted = pc.binary_join_element_wise(text('"'), inner, text('"'), text(""))
        cells[number] = pc.if_else(needs_quotes, quoted, column)
    cells[-1] = pc.binary_join_element_wise(cells[-1], text("\n"), text(""))  # the line's end
    lines = pc.binary_join_element_wise(*cells, text(","))
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    return _string_array_bytes(lines)


def _characters_held(column, characters: str) -> set[str]:
    """Which of ``characters`` some value of a string ``column`` (an Arrow array or chunked
    array) holds: each searched for in the column's bytes at once (UTF-8 is self-synchronising,
    so a character's bytes are found only where the character is)."""
    import pyarrow as pa

    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    written = [_string_array_bytes(chunk) for chunk in chunks]
    return {character for character in characters
            if any(character.encode("utf-8") in chunk for chunk in written)}


def _string_array_bytes(array) -> bytes:
    """The UTF-8 bytes of every value of an Arrow (large) string array, back to back."""
    import pyarrow as pa

    if len(array) == 0:
        return b""
    width = 8 if pa.types.is_large_string(array.type) else 4
    offsets = array.buffers()[1]
    first = int.from_bytes(offsets[array.offset * width:(array.offset + 1) * width], "little")
    last = int.from_bytes(offsets[(array.offset + len(array)) * width:(array.offset + len(array) + 1) * width], "little")
    return array.buffers()[2][first:last].to_pybytes()


def _csv_cells(column):
    """An Arrow column's values as pandas writes them in a CSV, as an Arrow large-string array
    without gaps, or None for a type not handled here."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = column.type
    if pa.types.is_integer(kind) and column.null_count == 0:
        return pc.cast(column, pa.large_string())
    if pa.types.is_integer(kind) or pa.types.is_float64(kind):  # with gaps, pandas reads integers as floats
        values = ["" if value is None or value != value else repr(float(value)) for value in column.to_pylist()]
        return pa.array(values, pa.large_string())
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return pc.fill_null(pc.cast(column, pa.large_string()), "")
    return None


# Fields that show how the csv module quotes: an empty one, spaces, digits, a quote inside.
_CSV_PROBES = ["", " a ", "12", "-1.5", 'a"b', "a,b", "ab\n", "\ra"]


class CsvQuoting(NamedTuple):
    """How the csv module quotes a field: the characters that make it quote one, those it
    refuses to write, and a regular expression (RE2) of the first."""

    special: str
    refused: str
    special_pattern: str


@lru_cache(maxsize=1)
def _csv_quoting() -> CsvQuoting | None:
    """How Python's csv module quotes a field (``QUOTE_MINIMAL``, "," and "\\n", as pandas uses it):
    the characters that make it quote a field (in quotes, inner quotes doubled, nothing else
    changed), and those it refuses to write (:class:`CsvQuoting`); asked of the module
    itself, character by character (ASCII and the Unicode line separators), so that this
    follows the running Python. None when it quotes in some other way.
    """
    def written(fields):
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerow(fields)
        return text.getvalue()

    special, refused = [], []
    for character in [chr(code) for code in range(128)] + ["\x85", "\u2028", "\u2029"]:
        field = f"a{character}b"
        try:
            line = written([field, "x"])
        except csv.Error:
            refused.append(character)
            continue
        if line == f'"{field.replace(chr(34), chr(34) * 2)}",x\n':
            special.append(character)
        elif line != f"{field},x\n":
            return None
    for field in _CSV_PROBES:
        quoted = any(c in special for c in field)
        expected = f'"{field.replace(chr(34), chr(34) * 2)}"' if quoted else field
        if written([field, field]) != f"{expected},{expected}\n":
            return None

    pattern = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in special) + "]" if special else ""
    return CsvQuoting("".join(special), "".join(refused), pattern)


def write_csv_from_dataset(dataset: str | Path, target: str | Path) -> int:
    """Write the Parquet dataset ``dataset`` (its parts, in order) as one UTF-8 CSV; return its rows.

    Read a record batch at a time, so the table is never whole in memory; the bytes are those
    pandas writes for the whole table at once (same columns, same number formats).
    """
    import pyarrow.parquet as pq

    parts = sorted(Path(dataset).glob("part-*.parquet"))
    rows = 0
    with open(target, "wb") as stream:
        write_csv_header(stream, pq.read_schema(parts[0]).names)
        for part in parts:
            for batch in pq.ParquetFile(part).iter_batches(batch_size=CSV_BATCH_ROWS):
                write_csv_rows(stream, batch)
                rows += batch.num_rows
    return rows
