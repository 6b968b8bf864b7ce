"""Words restored in real articles stripped of every ZWNJ (issue 17, third figure).

    python benchmarks/zwnj_restoration.py [--corpus ir-news|fars-news] [--articles N]
                                          [--examples N] [--methods all|goftar]

Reads a bench corpus (``../shared/bench/ir-news.jsonl`` by default, or ``fars-news.jsonl``:
articles that carry their zero-width non-joiners), and at run time, paragraph by paragraph:
removes every ZWNJ, gives the stripped paragraph to each method, and compares the output with
the original word by word.
Nothing of the corpus is stored in the project; the words printed are computed on each run.

Methods: the stripped text as is (the floor), hazm's Normalizer alone, and Goftar's cleaning of
a line (``helpers.clean.normalize_and_repair``: hazm between numbers, then the ZWNJ repair).

Words are aligned on their letters and digits (ZWNJ, spaces, punctuation and diacritics left
out, Arabic ي/ك read as Persian), so a normalizer that changes spacing or punctuation is judged
on the words alone. A ZWNJ that changes nothing on screen (after a non-joining letter such as
«ر» or «و», or the second of two) counts on neither side. Printed for each method:

* ZWNJ words restored: of the words the original writes with a ZWNJ between two letters, the
  share that come back exactly (same letters, ZWNJ in the same places);
* whole words split: of the Persian words the original writes without a ZWNJ, the share that
  come out with a ZWNJ inside; and the share joined to a neighbour (a space turned into a ZWNJ
  or removed), which is sometimes a correction of the original;
* the misses grouped by shape (``miss_shape``: «می»/«نمی» + verb, a suffix, a compound, each
  with the ending or second part most often missed), the whole words split grouped the same
  way, and the most frequent of each, to guide the next fixes.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from case_tables import show  # noqa: E402
from zwnj_accuracy import hazm_normalizer  # noqa: E402

from helpers.chars import ZWNJ  # noqa: E402
from helpers.lexicons import load_list, load_table  # noqa: E402
from helpers.paths import SHARED_DIR  # noqa: E402

CORPORA = {name: SHARED_DIR / "bench" / f"{name}.jsonl" for name in ("ir-news", "fars-news")}
MI_PREFIXES = frozenset(load_list("verb_prefixes"))
SUFFIXES = frozenset(row["suffix"] for row in load_table("zwnj_suffixes"))
# Arabic-script diacritics (harakat, superscript alef, Quranic marks) and the tatweel.
MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# After a letter that never joins the next one, a ZWNJ has no effect (and the Academy's spelling
# writes none); the bench writes some («کشور‌ها», even inside «در»).
INERT_ZWNJ = re.compile(f"(?<=[اآأإٱدذرزژوؤءة]){ZWNJ}+")
ZWNJ_RUN = re.compile(f"{ZWNJ}{{2,}}")
LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
WORD = re.compile(rf"[\w{ZWNJ}]+")
LETTER = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"  # Arabic and Persian letters (a class body)
PERSIAN_LETTER = re.compile(f"[{LETTER}]")
ZWNJ_INSIDE = re.compile(f"(?<=[{LETTER}]){ZWNJ}+(?=[{LETTER}])")


def fold(text: str) -> str:
    """What two spellings are compared on: letters as Persian, diacritics and tatweel dropped,
    and the ZWNJs that change nothing on screen left out (one after a non-joining letter, the
    second of two in a row)."""
    text = MARKS.sub("", text.translate(LETTERS))
    return ZWNJ_RUN.sub(ZWNJ, INERT_ZWNJ.sub("", text))


def words(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """(skeleton, words) of folded ``text``: the skeleton is its word characters without ZWNJ;
    each word is (start, end) in the skeleton and its spelling (edge ZWNJs trimmed)."""
    skeleton_parts, found, offset = [], [], 0
    for match in WORD.finditer(text):
        word = match.group().strip(ZWNJ)
        letters = word.replace(ZWNJ, "")
        if not letters:
            continue
        found.append((offset, offset + len(letters), word))
        skeleton_parts.append(letters)
        offset += len(letters)
    return "".join(skeleton_parts), found


def position_map(original: str, output: str) -> list[int] | None:
    """For each skeleton character of ``original``, its index in ``output`` (-1 when unmatched);
    None when the skeletons are equal (the identity)."""
    if original == output:
        return None
    mapping = [-1] * len(original)
    matcher = difflib.SequenceMatcher(None, original, output, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping


def compare(original: str, output: str, tally: Counter, misses: Counter, splits: Counter) -> None:
    """Add one paragraph's word outcomes to ``tally`` and its misses to the counters."""
    skeleton, before = words(fold(original))
    out_skeleton, after = words(fold(output))
    by_span = {(start, end): word for start, end, word in after}
    mapping = position_map(skeleton, out_skeleton)
    for start, end, word in before:
        if not PERSIAN_LETTER.search(word):
            continue
        if mapping is None:
            span = (start, end)
        else:
            ends = (mapping[start], mapping[end - 1])
            span = (ends[0], ends[1] + 1) if -1 not in ends and ends[1] - ends[0] == end - 1 - start else None
        got = by_span.get(span)
        if ZWNJ in word and not ZWNJ_INSIDE.search(word):
            continue  # a ZWNJ beside a digit or a Latin letter: neither kind of word
        if ZWNJ_INSIDE.search(word):
            tally["zwnj_words"] += 1
            if got == word:
                tally["restored"] += 1
            else:
                misses[(word, got or "(not a word of its own)")] += 1
        else:
            tally["whole_words"] += 1
            if got is None:
                tally["joined"] += 1
            elif got != word:
                tally["split"] += 1
                splits[(word, got)] += 1


def miss_shape(word: str) -> tuple[str, str]:
    """(shape, key) of a word written with a ZWNJ: «می»/«نمی» + verb (key the prefix), plural or
    suffix (a suffix of ``zwnj_suffixes`` last, key the suffix) or compound (key the last part)."""
    pieces = word.split(ZWNJ)
    if pieces[0] in MI_PREFIXES:
        return "prefix «می/نمی» + verb", pieces[0]
    if pieces[-1] in SUFFIXES:
        return "plural or suffix", pieces[-1]
    return "compound", pieces[-1]


def print_shapes(title: str, counter: Counter, shape_of, examples: int) -> None:
    """Print ``counter``'s {(word, got): count} grouped by ``shape_of(word, got)``: the count per
    shape, its most frequent keys and its most frequent pairs."""
    by_shape: dict[str, Counter] = {}
    keys: dict[str, Counter] = {}
    for pair, count in counter.items():
        shape, key = shape_of(*pair)
        by_shape.setdefault(shape, Counter())[pair] += count
        keys.setdefault(shape, Counter())[key] += count
    total = sum(counter.values())
    print(f"  {title}: {total} occurrences, {len(counter)} distinct")
    for shape, pairs in sorted(by_shape.items(), key=lambda item: -sum(item[1].values())):
        count = sum(pairs.values())
        top_keys = ", ".join(f"{show(k)} ×{n}" for k, n in keys[shape].most_common(8))
        print(f"    {shape}: {count} ({count / total:.0%}), {len(pairs)} distinct; by ending or part: {top_keys}")
        for (word, got), n in pairs.most_common(examples):
            print(f"      {show(word)} → {show(got)}  ×{n}")


def miss_key(word: str, got: str) -> tuple[str, str]:
    """The shape of a missed ZWNJ word, and whether the output left it joined, put its ZWNJs
    elsewhere or merged or cut it (no longer a word of its own)."""
    shape, key = miss_shape(word)
    if got == word.replace(ZWNJ, ""):
        how = "left joined"
    elif got.startswith("("):
        how = "not a word of its own"
    else:
        how = "ZWNJ elsewhere"
    return f"{shape}, {how}", key


def split_key(word: str, got: str) -> tuple[str, str]:
    """The shape of a whole word split: the shape its wrong ZWNJ spelling would have."""
    return miss_shape(got)


def read_paragraphs(corpus: Path, limit: int | None) -> list[str]:
    """Title and paragraphs of the first ``limit`` articles (all when None) that hold a ZWNJ."""
    paragraphs: list[str] = []
    with open(corpus, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            article = json.loads(line)
            parts = [article.get("title") or ""] + list(article.get("paragraphs") or [])
            paragraphs.extend(p for p in parts if ZWNJ in p)
    return paragraphs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=None, help="only the first N articles (default: all)")
    ap.add_argument("--examples", type=int, default=6, help="most frequent misses printed per shape")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="ir-news", help="bench corpus (default: ir-news)")
    ap.add_argument("--methods", choices=("all", "goftar"), default="all", help="goftar: Goftar's cleaning only")
    args = ap.parse_args(argv)
    corpus = CORPORA[args.corpus]
    if not corpus.exists():
        print(f"{corpus.name} absent (the shared bench corpus): nothing measured")
        return 0
    from helpers.clean import normalize_and_repair

    paragraphs = read_paragraphs(corpus, args.articles)
    methods = {"Goftar cleaning (normalize_and_repair)": normalize_and_repair}
    if args.methods == "all":
        methods = {"stripped text as is": lambda text: text, "hazm Normalizer alone": hazm_normalizer(), **methods}
    print(f"{len(paragraphs)} paragraphs holding a ZWNJ, from {corpus.name}" + (f" (first {args.articles} articles)" if args.articles else ""))
    for name, method in methods.items():
        tally, misses, splits = Counter(), Counter(), Counter()
        started = time.perf_counter()
        for paragraph in paragraphs:
            compare(paragraph, method(paragraph.replace(ZWNJ, "")), tally, misses, splits)
        seconds = time.perf_counter() - started
        zwnj_words, whole = tally["zwnj_words"], tally["whole_words"]
        print(
            f"{name}: ZWNJ words restored {tally['restored']}/{zwnj_words} = {tally['restored'] / zwnj_words:.3f}; "
            f"whole words split {tally['split']}/{whole} = {tally['split'] / whole:.4f}, "
            f"joined to a neighbour {tally['joined']}/{whole} = {tally['joined'] / whole:.4f} ({seconds:.0f} s)"
        )
        if name == "stripped text as is":
            continue
        print_shapes("misses by shape (original → output)", misses, miss_key, args.examples)
        if splits:
            print_shapes("whole words split, by the shape of the split", splits, split_key, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
