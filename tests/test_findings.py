"""Findings paragraphs are written from the tables they are given: change the corpus, the
numbers in the prose change with it; nothing in them is carried over from the seed corpus."""

import pandas as pd
import pytest

from helpers import findings as F

from test_synthesis import TABLES


def with_articles(n: int, *, province: str = "گیلان") -> dict[str, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": [f"x{i}" for i in range(n)], "title": ["خبر"] * n,
                             "province": [province if i % 2 else "" for i in range(n)], "words": [100 + i for i in range(n)],
                             "published": [""] * n, "date_in_text": ["1404-07-01"] * n})
    return {**TABLES, "articles": articles}


def test_the_corpus_line_names_the_corpus_and_counts_its_articles():
    assert F.corpus_line(with_articles(1466), "fars-news").startswith("On **fars-news** (1,466 articles,")
    assert "(1 article," in F.corpus_line(with_articles(1), "one")


@pytest.mark.parametrize("n", [2, 7, 1466])
def test_corpus_findings_follow_the_corpus(n):
    tables = with_articles(n)
    removed = pd.DataFrame({"article_id": ["x0"], "rule": ["news_code"]})
    repairs = pd.DataFrame({"article_id": ["x0", "x1"], "rule": ["suffix_ها", "verb_form"]})
    text = F.corpus_findings(tables, "c", removed=removed, repairs=repairs)
    known = n // 2
    assert f"A province is known for {known:,} article" in text
    assert "«کد خبر»" in text and "news_code" not in text  # rules by their Persian label
    assert "2 words in 2 articles" in text


def test_gallery_findings_count_the_dates_of_each_kind():
    text = F.gallery_findings(with_articles(4), "c", shapes=True)
    assert "0 articles carry a publication date" in text and "4 articles give a date in their own text" in text


def test_statistics_findings_count_tomans_converted():
    values = pd.DataFrame({"measure": ["rial", "rial", "count", "percent", "dollar"],
                           "value": [5.0, 30.0, 12.0, 58.0, 2.0], "comparable": [50.0, 30.0, 12.0, 58.0, 2.0]})
    checks = pd.DataFrame({"verdict": ["consistent", "inconsistent"]})
    text = F.statistics_findings(TABLES, "c", values=values, checks=checks)
    assert "rials or tomans: 2 (1 given in tomans" in text
    assert "other currencies: 1" in text and "2 consistency checks, 1 inconsistent" in text
    assert "hedged" in text and "50 %" in text  # 2 of the 4 statistics carry a hedge


def test_synthesis_findings_do_not_name_a_role_on_an_anecdote():
    hedging = pd.DataFrame({"role": ["governor"], "statistics": [F.MIN_STATISTICS_FOR_A_ROLE - 1], "hedged_share": [100.0]})
    role_themes = pd.DataFrame({"role": ["narrative"], "label": ["امنیت"], "hits": [3], "score": [12.5]})
    text = F.synthesis_findings(TABLES, "c", hedging=hedging, role_themes=role_themes)
    assert "anecdotal" in text and "استاندار" not in text
    assert "1 quote of 5 (20 %) have no known speaker" in text
    assert "امنیت (12.5 per thousand words)" in text
    solid = hedging.assign(statistics=F.MIN_STATISTICS_FOR_A_ROLE)
    assert "استاندار hedges most: 100 %" in F.synthesis_findings(TABLES, "c", hedging=solid, role_themes=role_themes)
