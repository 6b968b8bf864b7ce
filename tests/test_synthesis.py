"""Cross-tables of helpers.synthesis on small hand-made tables: every count can be checked by eye."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import synthesis as S
from helpers.chars import ZWNJ

# Two articles; article a has a governor (a#s1) and a police commander (a#s2), article b a
# director (b#s1) whose office names no province.
ARTICLES = pd.DataFrame({
    "article_id": ["a", "b"],
    "title": ["استاندار: امنیت پایدار است", "مدیرکل: اشتغال"],
    "province": ["گیلان", ""],
    "words": [1000, 500],
})
SPEAKERS = pd.DataFrame({
    "article_id": ["a", "a", "b"],
    "speaker_id": ["a#s1", "a#s2", "b#s1"],
    "name": ["علی رضایی", "حسین احمدی", "مریم کریمی"],
    "office": ["استاندار گیلان", "فرمانده انتظامی", "مدیرکل"],
    "role": ["governor", "police_commander", ""],
    "province": ["گیلان", "", ""],
})
QUOTES = pd.DataFrame({
    "article_id": ["a", "a", "a", "b", "b"],
    "speaker_id": ["a#s1", "a#s1", "a#s2", "b#s1", ""],
    "verb": ["گفت", "تأکید کرد", "گفت", "افزود", "گفت"],
    "stance": ["neutral", "emphatic", "neutral", "continuing", "neutral"],
    "text": ["یک دو سه", "یک دو", "یک دو سه چهار", "یک", "یک دو"],
})
STATISTICS = pd.DataFrame({
    "article_id": ["a", "a", "a", "b"],
    "stat_id": [1, 2, 3, 1],
    "surface": ["۵۸", "۹ میلیون", "۳۰۰", "۱۲"],
    "value": [58.0, 9e6, 300.0, 12.0],
    "unit": ["درصد", "دستگاه خودرو", "نفر", ""],
    "qualifier": ["exact", "more_than", "approximately", "exact"],
    "speaker_id": ["a#s2", "a#s2", "a#s1", ""],
    "sentence": ["جمله یک", "جمله دو", "جمله سه", "جمله چهار"],
})
THEMES = pd.DataFrame({
    "article_id": ["a", "a", "a", "b"],
    "paragraph": [1, 1, 2, 1],
    "speaker_id": ["a#s1", "a#s1", "", "b#s1"],
    "theme": ["security", "trust", "security", ""],
    "hits": [2, 1, 1, 0],
    "words": [100, 100, 50, 40],
    "score": [20.0, 10.0, 20.0, 0.0],
})
TABLES = {"articles": ARTICLES, "speakers": SPEAKERS, "quotes": QUOTES, "statistics": STATISTICS, "themes": THEMES}
EMPTY = {name: frame.iloc[0:0] for name, frame in TABLES.items()}


@pytest.mark.parametrize("text, width, expected", [
    ("کوتاه", 40, "کوتاه"),                                  # short text unchanged
    ("  دو   فاصله\nو سطر  ", 40, "دو فاصله و سطر"),        # whitespace and line breaks folded
    ("یک دو سه چهار", 9, "یک دو سه…"),                      # cut at the last whole word
    ("یکدوسهچهارپنج", 5, "یکدو…"),                           # one long word: cut inside it
    ("", 10, ""),                                           # empty stays empty
    (None, 10, ""),                                         # missing reads as empty
    ("استاندار، فرماندار و بخشدار", 12, "استاندار…"),       # a trailing comma is not kept before «…»
])
def test_shorten(text, width, expected):
    assert S.shorten(text, width=width) == expected


@pytest.mark.parametrize("code, group, expected", [
    ("governor", "role", "استاندار"),          # a role from offices.tsv
    ("narrative", "role", "متن خبر"),          # the pseudo-role of the reporter's words
    ("more_than", "qualifier", "بیش از"),      # a hedge
    ("", "place", "نامشخص"),                   # an empty code reads as unknown
    (None, "place", "نامشخص"),                 # so does a missing one
    ("astronaut", "role", "astronaut"),        # a code without a label shows as written
])
def test_label_for(code, group, expected):
    assert S.label_for(code, group=group) == expected


def test_every_role_and_stance_of_the_lexicons_has_a_label():
    from helpers.lexicons import load_table
    from helpers.speakers import ROLES

    assert set(ROLES) <= set(S.labels("role"))
    stances = {row["stance"] for row in load_table("reporting_verbs")}
    assert stances <= set(S.labels("stance"))


def test_with_roles_fills_missing_and_empty_roles():
    out = S.with_roles(QUOTES, SPEAKERS)
    # a#s1 governor, a#s2 police, b#s1 has no role → other, the last quote has no speaker
    assert out["role"].tolist() == ["governor", "governor", "police_commander", "other", "unattributed"]
    assert out["name"].tolist()[-1] == ""
    assert S.with_roles(THEMES, SPEAKERS, missing="narrative")["role"].tolist()[2] == "narrative"


def test_role_summary_counts_speakers_quotes_and_words():
    out = S.role_summary(SPEAKERS, QUOTES).set_index("role")
    assert out.loc["governor", ["speakers", "quotes", "words"]].tolist() == [1, 2, 5]
    assert out.loc["police_commander", "words"] == 4
    assert out.loc["unattributed", ["speakers", "quotes", "words"]].tolist() == [0, 1, 2]
    assert out["share_of_words"].sum() == pytest.approx(100)
    assert out.index[0] == "governor"  # most words first


def test_speaker_summary_one_row_per_speaker():
    out = S.speaker_summary(SPEAKERS, QUOTES)
    assert out["speaker_id"].tolist() == ["a#s1", "a#s2", "b#s1"]
    assert out["quotes"].tolist() == [2, 1, 1] and out["role"].tolist()[-1] == "other"


def test_role_by_province_falls_back_to_the_article():
    out = S.role_by_province(SPEAKERS, ARTICLES)
    # a#s2 has no province of its own: it takes its article's (گیلان); b#s1 stays unknown
    assert out.values.tolist() == [["governor", "گیلان", 1], ["other", "", 1], ["police_commander", "گیلان", 1]]


def test_verb_profile_shares_within_each_role():
    out = S.verb_profile(QUOTES, SPEAKERS, column="stance")
    governor = out[out["role"] == "governor"]
    assert governor["quotes"].tolist() == [1, 1] and governor["share"].tolist() == [50.0, 50.0]
    assert S.verb_profile(QUOTES, SPEAKERS, column="verb", top=1).groupby("role").size().max() == 1


def test_role_theme_scores_pool_words_per_role():
    out = S.role_theme_scores(THEMES, SPEAKERS).set_index(["role", "theme"])
    # the governor's unit (100 words) has 2 security and 1 trust hits
    assert out.loc[("governor", "security"), "score"] == pytest.approx(20.0)
    assert out.loc[("governor", "trust"), "score"] == pytest.approx(10.0)
    assert out.loc[("narrative", "security"), "score"] == pytest.approx(20.0)
    assert out.loc[("other", "security"), "hits"] == 0


def test_province_theme_scores_and_article_titles():
    out = S.province_theme_scores(THEMES, ARTICLES).set_index(["province", "theme"])
    assert out.loc[("گیلان", "security"), "hits"] == 3 and out.loc[("گیلان", "security"), "words"] == 150
    titles = S.article_theme_scores(THEMES, ARTICLES, width=14)
    assert set(titles["title"]) == {"استاندار…", "مدیرکل: اشتغال"}


def test_unit_kinds():
    kinds = S.with_unit_kinds(STATISTICS)["unit_kind"].tolist()
    assert kinds == ["percent", "classifier", "count", "none"]


def test_role_by_number_kind():
    out = S.role_by_number_kind(STATISTICS, SPEAKERS)
    police = out[out["role"] == "police_commander"]
    assert sorted(police["unit_kind"]) == ["classifier", "percent"] and police["share"].sum() == pytest.approx(100)
    assert out[out["role"] == "narrative"]["unit_kind"].tolist() == ["none"]


def test_hedging():
    summary = S.hedging_summary(STATISTICS).set_index("qualifier")["statistics"]
    assert summary.to_dict() == {"exact": 2, "more_than": 1, "less_than": 0, "approximately": 1}
    by_role = S.hedging_by_role(STATISTICS, SPEAKERS).set_index("role")
    assert by_role.loc["police_commander", ["statistics", "hedged", "hedged_share"]].tolist() == [2, 1, 50.0]
    assert by_role.loc["governor", "approximately"] == 1 and by_role.loc["narrative", "hedged"] == 0


def test_statistics_per_thousand_words():
    out = S.statistics_per_thousand_words(STATISTICS, ARTICLES).set_index("article_id")
    assert out.loc["a", "per_thousand"] == pytest.approx(3.0) and out.loc["b", "per_thousand"] == pytest.approx(2.0)
    by_role = S.statistics_per_thousand_words_by_role(STATISTICS, QUOTES, SPEAKERS, ARTICLES).set_index("role")
    # police said 4 words and 2 figures; narrative = 1500 − 12 quoted words, with 1 figure
    assert by_role.loc["police_commander", "per_thousand"] == pytest.approx(500.0)
    assert by_role.loc["narrative", "words"] == 1500 - 12


def test_quoted_values_sorted_and_labelled():
    out = S.quoted_values(STATISTICS, SPEAKERS)
    assert out["value"].tolist() == [9e6, 300.0, 58.0, 12.0]
    assert out["label"].tolist()[0] == "۹ میلیون دستگاه خودرو"


def test_province_comparison():
    out = S.province_comparison(TABLES).set_index("province")
    assert out.loc["گیلان", ["articles", "words", "speakers", "quotes", "statistics"]].tolist() == [1, 1000, 2, 3, 3]
    assert out.loc["گیلان", "hedged_share"] == pytest.approx(200 / 3)
    assert out.loc["گیلان", "top_theme"] == "security" and out.loc["", "top_theme"] == ""


def test_matrix_orders_rows_and_columns_by_total():
    tidy = pd.DataFrame({"r": ["x", "x", "y", "z"], "c": ["p", "q", "p", "q"], "v": [1, 5, 2, 0]})
    grid = S.matrix(tidy, index="r", columns="c", values="v", top=2)
    assert grid.index.tolist() == ["x", "y"] and grid.columns.tolist() == ["q", "p"]
    assert grid.loc["y", "q"] == 0
    relabelled = S.relabel(S.matrix(S.role_theme_scores(THEMES, SPEAKERS), index="role", columns="theme", values="score"),
                           rows="role")
    assert "استاندار" in relabelled.index


def test_relabel_adds_each_rows_base_count_in_persian_digits():
    shares = pd.Series({"governor": 50.0, "police_commander": 20.0})
    out = S.relabel(shares, rows="role", row_counts=pd.Series({"governor": 4, "police_commander": 32}))
    assert out.index.tolist() == ["استاندار (۴)", "فرمانده انتظامی (۳۲)"]
    assert out.tolist() == [50.0, 20.0]


EVERY_FUNCTION = [
    lambda t: S.role_summary(t["speakers"], t["quotes"]),
    lambda t: S.speaker_summary(t["speakers"], t["quotes"]),
    lambda t: S.role_by_province(t["speakers"], t["articles"]),
    lambda t: S.verb_profile(t["quotes"], t["speakers"]),
    lambda t: S.role_theme_scores(t["themes"], t["speakers"]),
    lambda t: S.article_theme_scores(t["themes"], t["articles"]),
    lambda t: S.province_theme_scores(t["themes"], t["articles"]),
    lambda t: S.role_by_number_kind(t["statistics"], t["speakers"]),
    lambda t: S.hedging_summary(t["statistics"]),
    lambda t: S.hedging_by_role(t["statistics"], t["speakers"]),
    lambda t: S.statistics_per_thousand_words(t["statistics"], t["articles"]),
    lambda t: S.statistics_per_thousand_words_by_role(t["statistics"], t["quotes"], t["speakers"], t["articles"]),
    lambda t: S.quoted_values(t["statistics"], t["speakers"]),
    S.province_comparison,
]


@pytest.mark.parametrize("function", EVERY_FUNCTION)
def test_empty_tables_give_empty_frames_with_the_same_columns(function):
    full, empty = function(TABLES), function(EMPTY)
    assert list(empty.columns) == list(full.columns)
    assert S.matrix(empty, index=empty.columns[0], columns=empty.columns[1], values=empty.columns[-1]).empty or len(empty)


def test_save_table_is_byte_for_byte_reproducible(tmp_path):
    class FakeStudy:
        notebook, label, figures_dir = "05_synthesis", "seeds", tmp_path

    first = S.save_table(FakeStudy, S.role_summary(SPEAKERS, QUOTES), "roles").read_bytes()
    second = S.save_table(FakeStudy, S.role_summary(SPEAKERS, QUOTES), "roles")
    assert second.name == "05_roles__seeds.csv" and second.read_bytes() == first


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابپ تث،\n") + [ZWNJ, "x", "۱"]), max_size=200), st.integers(1, 60))
def test_shorten_never_exceeds_its_width(text, width):
    out = S.shorten(text, width=width)
    assert len(out) <= width
    assert out == " ".join(text.split()) or out.endswith("…")


# ---------------------------------------------------------------- labels a reader can read


def test_every_cleaning_rule_has_a_persian_label():
    from helpers.charts import UNREADABLE_LABEL
    from helpers.lexicons import load_table

    rules = {row["rule"] for row in load_table("boilerplate")} | {"blank_line", "repeated_title"}
    for rule in rules:
        label = S.label_for(rule, group="boilerplate_rule")
        assert label != rule and not UNREADABLE_LABEL.search(label), rule


@pytest.mark.parametrize("rule, expected", [
    ("suffix_های", "پسوند «های»"),                                 # a pattern fills in the suffix
    ("compound_دهنده", "ترکیب با «دهنده»"),
    ("space_to_zwnj_compound_رسانی", "فاصله به نیم‌فاصله، ترکیب با «رسانی»"),  # longest pattern wins
    ("compound_دهنده+suffix_ها", "ترکیب با «دهنده» + پسوند «ها»"),  # joined rules, part by part
    ("lexicon_compound", "واژه مرکب فرهنگ"),                        # an exact code before patterns
])
def test_zwnj_rules_are_labelled_by_pattern(rule, expected):
    assert S.label_for(rule, group="zwnj_rule") == expected


def test_evaluation_measures_have_persian_labels():
    from helpers.charts import UNREADABLE_LABEL

    grid = pd.DataFrame({"precision": [0.5], "recall": [0.4], "f1": [0.44]}, index=["امنیت"])
    labels = list(S.relabel(grid, columns="measure").columns)
    assert len(set(labels)) == 3 and not any(UNREADABLE_LABEL.search(label) for label in labels), labels


def test_evidence_labels_say_what_stands_behind_a_bar():
    assert S.evidence_label(statistics=1312, articles=90) == "۱٬۳۱۲ آمار، ۹۰ خبر"
    assert S.evidence_label(articles=3) == "۳ خبر"
    evidence = S.role_evidence(STATISTICS, SPEAKERS).set_index("role")
    # a#s2 (police) quotes two statistics in article a; the one without a speaker is the narrative's
    assert evidence.loc["police_commander", ["rows", "articles"]].tolist() == [2, 1]
    assert evidence.loc["police_commander", "label"] == "فرمانده انتظامی (۲ آمار، ۱ خبر)"
    assert evidence.loc["narrative", "label"] == "متن خبر (۱ آمار، ۱ خبر)"
    assert S.role_evidence(THEMES, SPEAKERS, unit=None).set_index("role").loc["governor", "label"] == "استاندار (۱ خبر)"


# ---------------------------------------------------------------- money in one currency


def test_tomans_become_rials_and_floating_currencies_stay_apart():
    values = pd.DataFrame({
        "value": [5e9, 3e10, 200.0, 58.0, 12.0, 7.0],
        "unit": ["تومان", "ریال", "دلار", "درصد", "نفر", "میلیارد تومانی"],
        "unit_kind": ["money", "money", "money", "percent", "count", "money"],
    })
    out = S.comparable_values(values)
    # a money unit that names no listed currency stays «money»: never on the rial axis
    assert out["measure"].tolist() == ["rial", "rial", "dollar", "percent", "count", "money"]
    assert out["comparable"].tolist()[:5] == [5e10, 3e10, 200.0, 58.0, 12.0]  # 1 toman = 10 rials
    assert (out["value"] == values["value"]).all()  # the quoted value itself is never rewritten


@pytest.mark.parametrize("unit, expected", [
    ("تومان", ("toman", 10.0)), ("ریال", ("rial", 1.0)), ("ریال اعتبار", ("rial", 1.0)),
    ("دلار", ("dollar", None)), ("نفر", ("", None)), ("", ("", None)), (None, ("", None)),
])
def test_currency_of(unit, expected):
    assert S.currency_of(unit) == expected


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1e12), st.sampled_from(["تومان", "ریال", "نفر", "درصد", "دلار"])), min_size=1, max_size=8))
def test_only_like_figures_share_a_measure(rows):
    kinds = {"تومان": "money", "ریال": "money", "نفر": "count", "درصد": "percent", "دلار": "money"}
    values = pd.DataFrame({"value": [v for v, _ in rows], "unit": [u for _, u in rows],
                           "unit_kind": [kinds[u] for _, u in rows]})
    out = S.comparable_values(values)
    for measure, units in out.groupby("measure")["unit"]:
        assert {kinds[u] for u in units} == {{"rial": "money", "dollar": "money"}.get(measure, measure)}
    tomans = out[out["unit"] == "تومان"]
    assert (tomans["comparable"] == 10 * tomans["value"]).all()


# ---------------------------------------------------------------- words, topics, dates


def test_scale_words_and_units_come_from_the_number_lexicons():
    words = S.scale_and_unit_words()
    assert {"هزار", "میلیون", "درصد", "واحد", "ریال", "تومان"} <= words
    assert "امنیت" not in words and "استاندار" not in words


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["هزار", "میلیون", "درصد", "واحد", "امنیت", "اعتماد", "بازار", "۲۰", "نفر"]),
                min_size=1, max_size=30))
def test_frequent_and_distinctive_words_never_hold_scale_words_or_units(words):
    texts = pd.DataFrame({"text": [" ".join(words), " ".join(reversed(words)) + " کشاورزی"], "group": ["a", "b"]})
    found = set(S.frequent_words(texts)["term"]) | set(S.distinctive_words(texts, group_col="group")["term"])
    assert not found & S.scale_and_unit_words()


def test_distinctive_words_are_ranked_again_after_leaving_words_out():
    texts = pd.DataFrame({"text": ["هزار هزار درصد امنیت امنیت نظم", "بازار اشتغال"], "group": ["a", "b"]})
    out = S.distinctive_words(texts, group_col="group", top=2)
    assert out.groupby("group")["rank"].apply(list).to_dict() == {"a": [1, 2], "b": [1, 2]}


def test_topics_need_enough_articles():
    articles = pd.DataFrame({"text": ["امنیت نظم آرامش"] * 5})
    assert S.corpus_topics(articles).empty
    assert list(S.corpus_topics(articles).columns) == ["topic", "rank", "term", "weight", "label"]
    many = pd.DataFrame({"text": [f"امنیت نظم آرامش پلیس {'بازار اشتغال تورم' if i % 2 else 'مدرسه دانش آموز معلم'} هزار درصد"
                                  for i in range(12)]})
    topics = S.corpus_topics(many, n_topics=2, top_terms=3, min_articles=10)
    assert len(topics) and not set(topics["term"]) & S.scale_and_unit_words()


def test_publication_dates_and_dates_in_the_text_are_different_timelines():
    articles = pd.DataFrame({"published": ["1404-07-12", ""], "date_in_text": ["", "1404-07-01"]})
    views = S.timeline_views(articles)
    assert [v["column"] for v in views] == ["published", "date_in_text"]
    assert views[0]["title"] != views[1]["title"] and views[0]["name"] != views[1]["name"]
    assert [v["dated"] for v in views] == [1, 1]
    assert [v["column"] for v in S.timeline_views(articles.assign(published=""))] == ["date_in_text"]
    assert S.timeline_views(articles.assign(published="", date_in_text="")) == []
