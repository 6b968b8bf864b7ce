"""One loader for every lexicon in ``helpers/lexicons/``.

Lexicons are plain UTF-8 files a linguist can open and extend:

* ``NAME.txt``: one entry a line.
* ``NAME.tsv``: a header row naming the columns, then one entry a line, fields separated by tabs.

In both, a line starting with ``#`` is a comment (the file's first lines name its source and
say what it holds) and blank lines are skipped. Entries are taken as written: the loader never
normalizes them, so what the file says is what the code matches (code that needs a normalized
form applies the same normalizer to the entry as to the text).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from .paths import LEXICON_DIR


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the file and the line."""


def _content_lines(name: str, suffix: str) -> list[tuple[int, str]]:
    path = LEXICON_DIR / f"{name}{suffix}"
    if not path.exists():
        raise LexiconError(f"lexicon {path} does not exist")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((number, line.rstrip("\r")))
    return rows


@lru_cache(maxsize=None)
def load_list(name: str) -> tuple[str, ...]:
    """Return the entries of ``lexicons/NAME.txt``, stripped, in file order, without duplicates."""
    seen: dict[str, None] = {}
    for _, line in _content_lines(name, ".txt"):
        seen.setdefault(line.strip(), None)
    return tuple(seen)


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of ``lexicons/NAME.tsv`` as dicts keyed by the header's column names.

    Missing trailing fields are empty strings; a row with more fields than the header is an
    error naming the file and line, since it usually means a stray tab.
    """
    lines = _content_lines(name, ".tsv")
    if not lines:
        raise LexiconError(f"lexicon {LEXICON_DIR / (name + '.tsv')} has no header row")
    header = [h.strip() for h in lines[0][1].split("\t")]
    rows = []
    for number, line in lines[1:]:
        fields = [f.strip() for f in next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))]
        if len(fields) > len(header):
            raise LexiconError(
                f"{LEXICON_DIR / (name + '.tsv')} line {number}: {len(fields)} fields, header has {len(header)}"
            )
        fields += [""] * (len(header) - len(fields))
        rows.append(dict(zip(header, fields)))
    return tuple(rows)


def literal_alternation(entries) -> str:
    """A regex matching any of ``entries`` as written, longest first, as a prefix tree.

    Equivalent to ``"|".join(map(re.escape, sorted(entries, key=len, reverse=True)))``, but
    entries that share a beginning share one branch («آذربایجان شرقی», «آذربایجان غربی»):
    Python's regex engine tries a plain alternation's branches one by one at every position
    of the text, a cost that grows with the lexicon, while a tree decides on each next
    letter. Where a longer entry fails (a lookahead after the group), the engine backs off to
    the shorter ones, as it does through a longest-first alternation.
    """
    return prefix_tree([re.escape(character) for character in entry] for entry in entries)


def prefix_tree(entries) -> str:
    """A regex of the alternation of ``entries``, each a sequence of regex pieces, as a tree:
    entries that begin with the same pieces share one branch.

    At each node the continuations are tried in the order the entries came, and where an entry
    ends the rest is optional and greedy: the longer entries are tried first.
    """
    tree: dict = {}
    for pieces in entries:
        node = tree
        for piece in pieces:
            node = node.setdefault(piece, {})
        node[""] = {}  # an entry ends here
    return _branch_pattern(tree)


def _branch_pattern(node: dict) -> str:
    # Not a closure: a recursive inner function is a reference cycle (pipeline pauses the collector).
    continuations = [piece + _branch_pattern(child) for piece, child in node.items() if piece]
    if not continuations:
        return ""
    body = continuations[0] if len(continuations) == 1 else "(?:" + "|".join(continuations) + ")"
    return f"(?:{body})?" if "" in node else body
