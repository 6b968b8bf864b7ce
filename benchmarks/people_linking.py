"""Linking speakers to persons across a corpus: accuracy on the hand-checked ir-news speakers,
and speed and memory on a synthetic corpus of 100,000 articles.

Run from the project root: ``python benchmarks/people_linking.py [TABLES]``. TABLES is a folder
with the ir-news bench's exported tables (``python -m helpers export ir-news.jsonl TABLES``);
without it the bench is exported first (cached per article). Prints:

* pairwise precision and recall of 'same person' on ``tests/data/people_gold.tsv``;
* the time and peak memory of :func:`helpers.people.link_speakers` and
  :func:`helpers.people.people_table` on 100,000 articles' speakers, built from the real
  ones: the bench's articles repeated with shifted ids and publication years, so names,
  offices and their mix are the bench's own (target: linking under a minute).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from helpers.paths import SHARED_DIR, TESTS_DATA_DIR  # noqa: E402
from helpers.people import link_speakers, people_table, same_person_scores  # noqa: E402

IR_NEWS = SHARED_DIR / "bench" / "ir-news.jsonl"
SYNTHETIC_ARTICLES = 100_000


def bench_tables(folder: str | None) -> dict[str, pd.DataFrame]:
    """The ir-news tables: read from ``folder``, else exported now."""
    if folder:
        return {name: pd.read_parquet(Path(folder) / f"{name}.parquet")
                for name in ("articles", "speakers", "quotes", "statistics")}
    from helpers.load import load_corpus
    from helpers.pipeline import annotate_corpus

    return annotate_corpus(load_corpus(IR_NEWS), jobs=0, progress=False)


def synthetic(tables: dict[str, pd.DataFrame], articles: int) -> dict[str, pd.DataFrame]:
    """``articles`` articles' tables made of the bench's, copy k with ids suffixed and years shifted by k."""
    source = tables["articles"][["article_id", "published", "text"]]
    copies = -(-articles // len(source))
    frames = {"articles": [], "speakers": [], "quotes": [], "statistics": []}
    speakers = tables["speakers"].drop(columns=["person_id", "link_rule"], errors="ignore")
    for k in range(copies):
        suffix = f"~{k}"
        shifted = source.assign(article_id=source["article_id"] + suffix,
                                published=source["published"].map(lambda d: f"{int(d[:4]) + k:04d}{d[4:]}" if d else ""))
        frames["articles"].append(shifted)
        frames["speakers"].append(speakers.assign(article_id=speakers["article_id"] + suffix,
                                                  speaker_id=speakers["speaker_id"] + suffix))
        for name in ("quotes", "statistics"):
            part = tables[name][["speaker_id"]]
            frames[name].append(part.assign(speaker_id=part["speaker_id"] + suffix))
    out = {name: pd.concat(parts, ignore_index=True) for name, parts in frames.items()}
    keep = set(out["articles"]["article_id"].head(articles))
    out["articles"] = out["articles"].head(articles)
    out["speakers"] = out["speakers"][out["speakers"]["article_id"].isin(keep)].reset_index(drop=True)
    return out


def main() -> None:
    tables = bench_tables(sys.argv[1] if len(sys.argv) > 1 else None)
    speakers = tables["speakers"].drop(columns=["person_id", "link_rule"], errors="ignore")
    links = link_speakers(speakers, tables["articles"])
    gold = pd.read_csv(TESTS_DATA_DIR / "people_gold.tsv", sep="\t", comment="#", dtype=str)
    scores = same_person_scores(gold, speakers, links)
    print(f"hand-checked speakers: {scores['matched']}/{scores['rows']} found, {gold['person'].nunique()} persons, "
          f"{gold['article_id'].nunique()} articles")
    print(f"same person, pairwise: precision {scores['precision']:.3f} ({scores['true_pairs']}/{scores['linked_pairs']}), "
          f"recall {scores['recall']:.3f} ({scores['true_pairs']}/{scores['gold_pairs']})  (bars 0.98 / 0.90)")
    print("links by rule on the bench:", links["link_rule"].value_counts().to_dict())

    big = synthetic(tables, SYNTHETIC_ARTICLES)
    print(f"synthetic corpus: {len(big['articles']):,} articles, {len(big['speakers']):,} speakers")
    # Timed without tracemalloc (it slows Python down several times), then measured with it.
    started = time.perf_counter()
    big_links = link_speakers(big["speakers"], big["articles"])
    linked = time.perf_counter() - started
    started = time.perf_counter()
    people = people_table(big["speakers"], big["articles"], big["quotes"], big["statistics"], links=big_links)
    tabled = time.perf_counter() - started
    tracemalloc.start()
    link_speakers(big["speakers"], big["articles"])
    _, peak_link = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    people_table(big["speakers"], big["articles"], big["quotes"], big["statistics"], links=big_links)
    _, peak_table = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"link_speakers: {linked:.1f} s ({len(big['speakers']) / linked:,.0f} speakers/s), "
          f"peak {peak_link / 2**20:.0f} MB allocated beyond the tables (target: under 60 s)")
    print(f"people_table: {tabled:.1f} s, {len(people):,} persons, peak {peak_table / 2**20:.0f} MB allocated")

if __name__ == "__main__":
    main()
