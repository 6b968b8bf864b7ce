"""Read the hand-made case tables of ``tests/data`` and print accuracy per shape.

The accuracy benchmarks of issue 17 (``number_phrases.py``, ``zwnj_cases.py``) share this: a
table is tab-separated UTF-8, ``#`` lines are comments, the first other line names the columns,
and invisible characters are written as ``\\uXXXX`` escapes so that a reviewer can see them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# Shown instead of the invisible characters in printed failures.
VISIBLE = {"\u200c": "|", "\u00ad": "~", "\u200d": "<zwj>"}


def unescape(text: str) -> str:
    """Return ``text`` with every ``\\uXXXX`` escape replaced by its character."""
    return ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def show(text: object) -> str:
    """``text`` for printing: ZWNJ as «|», a soft hyphen as «~»."""
    text = str(text)
    for char, visible in VISIBLE.items():
        text = text.replace(char, visible)
    return text


def read_cases(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Return the rows of the table at ``path`` as dicts, escapes decoded.

    Raises ValueError naming the file and line when the header is not ``columns`` or a row has
    another number of fields.
    """
    rows: list[dict[str, str]] = []
    header = None
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = tuple(fields)
                if header != columns:
                    raise ValueError(f"{path}: line {number}: header is {header}, expected {columns}")
                continue
            if len(fields) != len(columns):
                raise ValueError(
                    f"{path}: line {number}: {len(fields)} tab-separated fields, expected {len(columns)} ({', '.join(columns)})"
                )
            row = {name: unescape(value) for name, value in zip(columns, fields)}
            row["line"] = str(number)
            rows.append(row)
    if header is None:
        raise ValueError(f"{path}: no header line")
    return rows


def print_by_shape(rows: list[dict[str, str]], hits: list[bool], failures: list[str], *, limit: int) -> None:
    """Print exact-match accuracy overall and per shape, then the failures grouped by shape.

    ``failures[i]`` describes row i when ``hits[i]`` is false; ``limit`` failures are printed per
    shape (0: all).
    """
    total = sum(hits)
    print(f"exact match: {total}/{len(rows)} = {total / max(len(rows), 1):.3f}")
    by_shape: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_shape[row["shape"]].append(index)
    print(f"  {'shape':28s} {'rows':>5s} {'exact':>6s} {'accuracy':>9s}")
    for shape, indices in by_shape.items():
        right = sum(hits[i] for i in indices)
        print(f"  {shape:28s} {len(indices):5d} {right:6d} {right / len(indices):9.3f}")
    print("failures by shape:")
    for shape, indices in by_shape.items():
        missed = [failures[i] for i in indices if not hits[i]]
        if not missed:
            continue
        print(f"  {shape} ({len(missed)} of {len(indices)})")
        for failure in missed if limit == 0 else missed[:limit]:
            print(f"    {failure}")
        if limit and len(missed) > limit:
            print(f"    ... {len(missed) - limit} more (--failures 0 lists all)")
