"""The hand-checked ir-news sets (tests/data/ir_news_gold.json, and the held-out
tests/data/ir_news_heldout.json) stay sound: the shape the shared
scorer reads, roles from the gold README's list, speakers that exist, and (with the bench file)
every cue found in its own article. No score bars here: the speaker rules are being worked on;
``make score-ir`` prints the figures."""

import importlib.util
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.paths import PROJECT_ROOT, SCORER, SHARED_DIR


def _load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


score_ir_news = _load_module("score_ir_news", PROJECT_ROOT / "benchmarks" / "score_ir_news.py")
GOLD = score_ir_news.read_gold()
ARTICLES = GOLD["articles"]
HELDOUT = score_ir_news.read_gold(score_ir_news.IR_NEWS_HELDOUT)
# both files, for the checks every gold file must pass
GOLD_FILES = pytest.mark.parametrize("gold", [GOLD, HELDOUT], ids=["gold", "heldout"])
QUALIFIERS = {"", "exact", "more_than", "less_than", "approximately"}
OUTLETS = {"asriran", "tabnak", "roozno", "sobhane", "mashregh"}


@pytest.fixture(scope="module")
def scorer():
    """The shared scorer as a module: its ``norm`` folding and ``same_person`` are the ones scores use."""
    if not SCORER.exists():
        pytest.skip(f"shared scorer not found at {SCORER}")
    return _load_module("shared_score", SCORER)


@pytest.fixture(scope="module")
def gold_roles():
    """The roles listed in the shared gold README (the backticked words of its «role» entry)."""
    readme = SHARED_DIR / "gold" / "README.md"
    if not readme.exists():
        pytest.skip(f"gold README not found at {readme}")
    entry = re.search(r"\*\*role\*\*(.*?)\n- \*\*", readme.read_text(encoding="utf-8"), flags=re.S)
    assert entry, f"{readme}: no «role» entry"
    return set(re.findall(r"`([a-z_]+)`", entry.group(1)))


@pytest.fixture(scope="module")
def bench_rows():
    if not score_ir_news.IR_NEWS_BENCH.exists():
        pytest.skip(f"ir-news bench not found at {score_ir_news.IR_NEWS_BENCH}")
    return score_ir_news.read_bench_rows([*ARTICLES, *HELDOUT["articles"]])


def test_gold_sets_are_large_enough_and_apart():
    assert len(ARTICLES) >= 40 and len(HELDOUT["articles"]) >= 12
    assert not set(ARTICLES) & set(HELDOUT["articles"]), "a held-out article is also in the tuning set"


@GOLD_FILES
def test_gold_has_the_scorers_shape(gold):
    assert set(gold) == {"about", "articles"} and len(gold["about"]) > 200
    for article_id, article in gold["articles"].items():
        score_ir_news.row_number(article_id)  # raises on a malformed id
        assert {"outlet", "province", "date", "speakers", "quotes", "statistics"} <= set(article), article_id
        assert isinstance(article.get("extra_speakers", 0), int), article_id
        assert article["date"] == "" or re.fullmatch(r"1[34]\d\d-\d\d-\d\d", article["date"]), article_id
        for speaker in article["speakers"]:
            assert set(speaker) == {"name", "role", "office"} and speaker["name"].strip(), article_id
        for quote in article["quotes"]:
            assert set(quote) == {"speaker", "cue", "optional"} and isinstance(quote["optional"], bool), article_id
            assert 2 <= len(quote["cue"].split()) <= 12, f"{article_id}: keep cues short: {quote['cue']}"
        for stat in article["statistics"]:
            assert set(stat) == {"value", "unit", "cue", "speaker", "qualifier", "optional"}, article_id
            assert isinstance(stat["value"], (int, float)) and stat["qualifier"] in QUALIFIERS, article_id
            assert len(stat["cue"].split()) <= 12, f"{article_id}: keep cues short: {stat['cue']}"


def test_gold_covers_articles_with_and_without_speakers():
    with_speakers = [a for a in ARTICLES.values() if a["speakers"]]
    assert len(with_speakers) >= 40 and len(ARTICLES) - len(with_speakers) >= 4


@GOLD_FILES
def test_roles_come_from_the_gold_readme(gold_roles, gold):
    assert len(gold_roles) == 15, gold_roles
    for article_id, article in gold["articles"].items():
        for speaker in article["speakers"]:
            roles = speaker["role"] if isinstance(speaker["role"], list) else [speaker["role"]]
            assert roles and set(roles) <= gold_roles, f"{article_id}: role {speaker['role']!r} of {speaker['name']}"


@GOLD_FILES
def test_every_quote_and_statistic_names_a_speaker_of_its_article(scorer, gold):
    for article_id, article in gold["articles"].items():
        names = [s["name"] for s in article["speakers"]]
        assert len({scorer.norm(n) for n in names}) == len(names), f"{article_id}: a speaker listed twice"
        for item in article["quotes"] + article["statistics"]:
            if item["speaker"]:
                assert any(scorer.same_person(n, item["speaker"]) for n in names), f"{article_id}: {item['speaker']}"
            else:
                # the scorer cannot credit an empty speaker: the reporter's own figures are optional
                assert item["optional"] and item in article["statistics"], f"{article_id}: {item['cue']}"


@pytest.mark.bench
@GOLD_FILES
def test_every_cue_occurs_in_its_article(bench_rows, scorer, gold):
    for article_id, article in gold["articles"].items():
        text = scorer.norm(score_ir_news.article_text(bench_rows[article_id]))
        for item in article["quotes"] + article["statistics"]:
            assert scorer.norm(item["cue"]) in text, f"{article_id}: cue not in the article: {item['cue']}"
        for speaker in article["speakers"]:
            # a speaker's surname (its last word) is written in the article
            assert scorer.norm(speaker["name"].split()[-1]) in text, f"{article_id}: {speaker['name']}"


@pytest.mark.bench
def test_articles_span_every_outlet(bench_rows):
    outlets = [row["outlet"] for row in bench_rows.values()]
    assert set(outlets) == OUTLETS
    assert all(outlets.count(o) >= 2 for o in OUTLETS)


@given(st.integers(min_value=0, max_value=99_999))
def test_row_number_reads_the_loaders_ids(row):
    assert score_ir_news.row_number(f"ir-news_{row:05d}") == row


@given(st.text(max_size=20))
def test_row_number_rejects_other_ids(text):
    if re.fullmatch(r"ir-news_\d{5}", text, flags=re.ASCII):
        return
    with pytest.raises(ValueError, match="ir_news_gold.json"):
        score_ir_news.row_number(text)


def test_subset_corpus_gives_the_loader_its_ids(tmp_path):
    """The temp corpus's explicit ids become article_id, and each text is its title and paragraphs."""
    from helpers.load import load_corpus

    records = {"ir-news_00042": {"title": "عنوان", "paragraphs": ["استاندار گفت: ۲۰ درصد.", "وی افزود: بله."]},
               "ir-news_00007": {"title": "دیگری", "paragraphs": ["متن"], "outlet": "tabnak"}}
    path = score_ir_news.write_subset_corpus(records, tmp_path / "subset.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["ir-news_00007", "ir-news_00042"]
    assert all(set(r) == {"id", "title", "paragraphs"} for r in rows)  # the bench's own metadata left out
    frame = load_corpus(path).set_index("article_id")
    assert list(frame.index) == ["ir-news_00007", "ir-news_00042"]
    assert frame.loc["ir-news_00042", "raw_text"] == score_ir_news.article_text(records["ir-news_00042"])
