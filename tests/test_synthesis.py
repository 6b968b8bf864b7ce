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
