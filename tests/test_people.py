"""Persons across the corpus (helpers.people, helpers.people_names): keys, linking rules, the
people table, and the hand-checked evaluation on the ir-news bench."""

import pandas as pd
import pytest
from hypothesis import example, given, settings, strategies as st

from helpers.chars import ZWNJ
from helpers.people import (LINK_COLUMNS, OFFICE_COLUMNS, PEOPLE_COLUMNS, add_people, link_speakers,
                            people_table, person_offices, same_person_scores)
from helpers.people_names import (ends_with_name, name_key, name_words, office_key, offices_related,
                                  person_key_id, same_office)
from helpers.paths import PROJECT_ROOT, SHARED_DIR

GOLD = PROJECT_ROOT / "tests" / "data" / "people_gold.tsv"
BENCH = SHARED_DIR / "bench" / "ir-news.jsonl"


def speakers_of(rows):
    """A speakers table from (article_id, name, surname, honorific, office) tuples."""
    frame = pd.DataFrame(rows, columns=["article_id", "name", "surname", "honorific", "office"])
    frame["speaker_id"] = [f"{a}#s{i}" for i, a in enumerate(frame["article_id"])]
    frame["province"] = ""
    frame["role"] = "other"
    return frame


def articles_of(dates, texts=None):
    frame = pd.DataFrame({"article_id": list(dates), "published": list(dates.values())})
    if texts is not None:
        frame["text"] = [texts.get(a, "") for a in dates]
    return frame


# ---------------------------------------------------------------- keys

@pytest.mark.parametrize("written, words", [
    ("حجت‌الاسلام والمسلمین سیدابراهیم رئیسی", ("ابراهیم", "رییسی")),  # honorific, glued «سید»; ئ folded to ی
    ("سردار شهید حاج قاسم سلیمانی", ("قاسم", "سلیمانی")),  # honorifics and «شهید» in a row
    ("علي رضا حسن‌پور", ("علی", "رضا", "حسن", "پور")),  # Arabic ي, ZWNJ read as a space
    ("سیدی", ("سیدی",)),  # a name that begins like an honorific stays whole
])
def test_name_words_drop_honorifics_and_fold_letters(written, words):
    assert name_words(written) == words


def test_spelling_variants_share_a_key():
    variants = ["حسن‌پور", "حسن پور", "حسنپور", "دکتر حسن" + ZWNJ + "پور"]
    assert len({name_key(name_words(v)) for v in variants}) == 1


def test_a_surname_ends_a_full_name_only_at_a_word_boundary():
    full = name_words("محمد رضا حسین زاده")
    assert ends_with_name(full, name_words("حسین‌زاده")) and ends_with_name(full, name_words("حسین زاده"))
    assert not ends_with_name(full, name_words("اده")) and not ends_with_name(full, name_words("رضا"))


def test_office_spellings_share_a_key():
    assert office_key("رییس‌جمهوری") == office_key("رئیس جمهور") == office_key("رئيس‌جمهور")
    assert office_key("سخنگوی وزارت خارجه") == office_key("سخنگوی وزارت امور خارجه")


def test_offices_compared_by_distinctive_words():
    assert offices_related(office_key("سخنگوی وزارت بهداشت"), office_key("رئیس مرکز روابط عمومی وزارت بهداشت"))
    assert not offices_related(office_key("سخنگوی وزارت امور خارجه"), office_key("رئیس دانشگاه علوم پزشکی مازندران"))
    assert not same_office(office_key("معاون اول رئیس‌جمهور"), office_key("رئیس‌جمهور"))
    assert not same_office(office_key("رئیس سازمان برنامه و بودجه"), office_key("رئیس سازمان بهزیستی"))


@given(st.text(alphabet="ابپتسجدرزکگلمنویهیك‌ ", max_size=30))
def test_name_key_ignores_spaces_and_zwnj(name):
    spaced = name.replace(ZWNJ, " ")
    assert name_key(name_words(name)) == name_key(name_words(spaced))
    assert " " not in name_key(name_words(name)) and ZWNJ not in name_key(name_words(name))


@given(st.text(max_size=20), st.text(max_size=20))
def test_person_key_id_is_short_and_deterministic(name, office):
    first = person_key_id(name, office)
    assert first == person_key_id(name, office) and len(first) == 11 and first.startswith("p")


# ---------------------------------------------------------------- linking

DATES = {"a1": "1398-10-01", "a2": "1398-11-01", "a3": "1398-12-01", "a4": "1399-01-15", "a5": "1399-03-10"}


def test_variants_merge_and_a_shared_surname_with_another_office_does_not():
    speakers = speakers_of([
        ("a1", "سید عباس موسوی", "موسوی", "", "سخنگوی وزارت امور خارجه"),
        ("a2", "سیدعباس موسوی", "موسوی", "", "سخنگوی وزارت خارجه"),
        ("a3", "موسوی", "موسوی", "آقای", "سخنگوی وزارت امور خارجه"),
        ("a3", "علی موسوی", "موسوی", "", "معاون سرمایه‌گذاری منطقه آزاد اروند"),
        ("a4", "عباس موسوي", "موسوی", "", ""),
    ])
    links = link_speakers(speakers, articles_of(DATES))
    assert list(links.columns) == LINK_COLUMNS
    ids = links["person_id"].tolist()
    assert ids[0] == ids[1] == ids[2] == ids[4] != ids[3]
    assert links["link_rule"].tolist()[2] == "surname+office"


def test_same_full_name_in_another_province_is_kept_apart():
    speakers = speakers_of([("a1", "عباس موسوی", "موسوی", "", "سخنگوی وزارت امور خارجه")] * 3
                           + [("a2", "عباس موسوی", "موسوی", "", "رئیس دانشگاه علوم پزشکی مازندران")])
    ids = link_speakers(speakers, articles_of(DATES))["person_id"].tolist()
    assert ids[0] == ids[1] == ids[2] != ids[3]


def test_surname_alone_fitting_two_persons_is_left_unlinked():
    speakers = speakers_of([
        ("a1", "ابراهیم رئیسی", "رئیسی", "", "رئیس قوه قضاییه"),
        ("a2", "علیرضا رئیسی", "رئیسی", "", "معاون وزیر بهداشت"),
        ("a3", "رئیسی", "رئیسی", "آقای", ""),
        ("a4", "رئیسی", "رئیسی", "", "رئیس دستگاه قضا"),
    ])
    links = link_speakers(speakers, articles_of(DATES))
    assert links.loc[2, "person_id"] == "" and links.loc[2, "link_rule"] == "surname_conflict"
    assert links.loc[3, "person_id"] == links.loc[0, "person_id"]  # «دستگاه قضا» is «قوه قضاییه»


def test_surname_alone_prefers_a_full_name_that_opens_with_a_first_name():
    speakers = speakers_of([
        ("a1", "محمدباقر قالیباف", "قالیباف", "", "رئیس مجلس"),
        ("a2", "خروج قالیباف", "قالیباف", "", ""),  # a word caught before the surname
        ("a3", "قالیباف", "قالیباف", "آقای", ""),
    ])
    links = link_speakers(speakers, articles_of(DATES))
    assert links.loc[2, "person_id"] == links.loc[0, "person_id"] and links.loc[2, "link_rule"] == "surname_unique"


def test_office_alone_goes_to_the_holder_at_the_publication_date():
    speakers = speakers_of([
        ("a1", "علی لاریجانی", "لاریجانی", "", "رئیس مجلس"),
        ("a3", "علی لاریجانی", "لاریجانی", "", "رئیس مجلس"),
        ("a4", "محمدباقر قالیباف", "قالیباف", "", "رئیس مجلس"),
        ("a5", "محمدباقر قالیباف", "قالیباف", "", "رئیس مجلس"),
        ("a2", "رئیس مجلس", "", "", "رئیس مجلس"),  # within Larijani's tenure
        ("x9", "رئیس مجلس", "", "", "رئیس مجلس"),  # no publication date
        ("a2", "فرماندار", "", "", "فرماندار"),  # names no particular post
    ])
    dates = {**DATES, "x9": ""}
    texts = {"a2": "لاریجانی در جلسه ... رئیس مجلس گفت"}
    links = link_speakers(speakers, articles_of(dates, texts))
    assert links.loc[4, "person_id"] == links.loc[0, "person_id"] != links.loc[2, "person_id"]
    assert links["link_rule"].tolist()[4:] == ["office_named", "office_undated", "office_generic"]


HEALTH_MINISTER = [("a1", "سعید نمکی", "نمکی", "", "وزیر بهداشت"), ("a3", "سعید نمکی", "نمکی", "", "وزیر بهداشت")]


@pytest.mark.parametrize("text, rule", [
    ("وزیر بهداشت گفت: ...", "office_at_date"),  # Iranian news of the day: the holder of the day
    ("حضور ناشناس وزیر بهداشت کویت\nوزیر بهداشت گفت: ...", "office_abroad"),  # another country's minister
    ("23 بهمن 1391، وزیر بهداشت گفت: ...", "office_other_year"),  # a «this day in history» item
    ("مرضیه وحید دستجردی وزیر بهداشت گفت: ...", "office_names_another"),  # someone else, named
    ("نمکی در جلسه حاضر بود. وزیر بهداشت گفت: ...", "office_named"),  # the holder named in the text
])
def test_office_alone_is_checked_against_the_article(text, rule):
    speakers = speakers_of([*HEALTH_MINISTER, ("a2", "وزیر بهداشت", "", "", "وزیر بهداشت")])
    speakers["start"] = [0, 0, text.rindex("وزیر بهداشت")]
    links = link_speakers(speakers, articles_of(DATES, {"a2": text}))
    assert links.loc[2, "link_rule"] == rule
    assert (links.loc[2, "person_id"] == links.loc[0, "person_id"]) == (rule in ("office_at_date", "office_named"))


def test_links_do_not_depend_on_row_order():
    speakers = speakers_of([("a1", "سعید نمکی", "نمکی", "", "وزیر بهداشت"), ("a2", "نمکی", "نمکی", "", "وزیر بهداشت"),
                            ("a3", "علی ربیعی", "ربیعی", "", "سخنگوی دولت"), ("a4", "ربیعی", "ربیعی", "", "")])
    articles = articles_of(DATES)
    forward = link_speakers(speakers, articles).set_index("speaker_id")
    backward = link_speakers(speakers.iloc[::-1], articles).set_index("speaker_id")
    pd.testing.assert_frame_equal(forward.sort_index(), backward.sort_index())


def test_people_table_counts_and_offices_with_dates():
    speakers = speakers_of([("a1", "سعید نمکی", "نمکی", "دکتر", "وزیر بهداشت"), ("a3", "نمکی", "نمکی", "آقای", "وزیر بهداشت"),
                            ("a4", "سعید نمکی", "نمکی", "", "رئیس ستاد ملی مقابله با کرونا وزارت بهداشت")])
    quotes = pd.DataFrame({"speaker_id": ["a1#s0", "a1#s0", "a3#s1"]})
    statistics = pd.DataFrame({"speaker_id": ["a4#s2"]})
    people = people_table(speakers, articles_of(DATES), quotes, statistics)
    assert list(people.columns) == PEOPLE_COLUMNS and len(people) == 1
    row = people.iloc[0]
    assert (row["name"], row["articles"], row["quotes"], row["statistics"]) == ("سعید نمکی", 3, 3, 1)
    assert row["first_published"] == "1398-10-01" and row["last_published"] == "1399-01-15"
    assert "وزیر بهداشت (1398-10-01 – 1398-12-01)" in row["offices"] and "دکتر" in row["honorifics"]
    offices = person_offices(speakers, articles_of(DATES))
    assert list(offices.columns) == OFFICE_COLUMNS and offices["articles"].sum() == 3


def test_main_office_counts_related_offices_together():
    from helpers.people import main_office

    keys = [office_key(o) for o in ["فرمانده نیروی قدس", "فرمانده نیروی قدس سپاه پاسداران", "فرمانده سپاه قدس",
                                    "رئیس‌جمهور", "رئیس‌جمهوری"]]
    assert main_office(keys) == office_key("فرمانده نیروی قدس") and main_office(["", ""]) == ""


def test_articles_without_dates_give_persons_without_dates():
    speakers = speakers_of([("s1", "سعید نمکی", "نمکی", "", "وزیر بهداشت")])
    people = people_table(speakers, articles_of({"s1": ""}), pd.DataFrame(columns=["speaker_id"]),
                          pd.DataFrame(columns=["speaker_id"]))
    assert people.loc[0, "first_published"] == "" and "(" not in people.loc[0, "offices"]


def test_empty_speakers_give_empty_tables_with_columns():
    empty = speakers_of([])
    tables = add_people({"speakers": empty, "articles": articles_of({}), "quotes": pd.DataFrame(columns=["speaker_id"]),
                         "statistics": pd.DataFrame(columns=["speaker_id"])})
    assert list(tables["people"].columns) == PEOPLE_COLUMNS and {"person_id", "link_rule"} <= set(tables["speakers"].columns)


def test_a_speakers_table_without_its_columns_is_named_in_the_error():
    with pytest.raises(ValueError, match="speakers table lacks column"):
        link_speakers(pd.DataFrame({"article_id": ["a1"]}), articles_of(DATES))


# ---------------------------------------------------------------- evaluation on the bench

def test_gold_is_hand_checked_data_of_enough_persons_and_articles():
    gold = pd.read_csv(GOLD, sep="\t", comment="#", dtype=str)
    assert gold["person"].nunique() >= 30 and gold["article_id"].nunique() >= 150
    assert {"shared_surname", "successor_in_office", "office_only"} <= set(gold["case"])


@pytest.fixture(scope="module")
def bench_tables():
    if not BENCH.exists():
        pytest.skip("the ir-news bench is not beside the project")
    from helpers.load import load_corpus
    from helpers.pipeline import annotate_corpus

    return annotate_corpus(load_corpus(BENCH), jobs=0, progress=False)


def test_linking_on_the_hand_checked_bench_speakers(bench_tables):
    gold = pd.read_csv(GOLD, sep="\t", comment="#", dtype=str)
    scores = same_person_scores(gold, bench_tables["speakers"], bench_tables["speakers"][["person_id"]])
    assert scores["matched"] >= 0.95 * scores["rows"]
    # The bars: a wrong merge misleads a study more than a missed link.
    assert scores["precision"] >= 0.98, scores
    assert scores["recall"] >= 0.90, scores


# ---------------------------------------------------------------- notebook views

def page_tables():
    """Tables as the pipeline gives them, for two ministers and a spokesman over three months."""
    speakers = speakers_of([
        ("a1", "سعید نمکی", "نمکی", "دکتر", "وزیر بهداشت"), ("a1", "علی ربیعی", "ربیعی", "", "سخنگوی دولت"),
        ("a2", "نمکی", "نمکی", "", "وزیر بهداشت"), ("a3", "سعید نمکی", "نمکی", "", "وزیر بهداشت"),
        ("a3", "علی ربیعی", "ربیعی", "", "سخنگوی دولت"),
    ])
    articles = articles_of(DATES).assign(published_month=lambda f: f["published"].str[:7])
    quotes = pd.DataFrame({"article_id": ["a1", "a1", "a2", "a3", "a3"],
                           "speaker_id": ["a1#s0", "a1#s0", "a2#s2", "a3#s3", "a3#s4"]})
    statistics = pd.DataFrame({"article_id": ["a2"], "speaker_id": ["a2#s2"], "surface": ["۲۰ درصد"], "unit": ["درصد"],
                               "qualifier": [""], "sentence": ["نمکی گفت ۲۰ درصد کمتر شد."]})
    themes = pd.DataFrame({"article_id": ["a1", "a1"], "paragraph": [0, 1], "speaker_id": ["a1#s0", "a1#s1"],
                           "theme": ["economy", ""], "hits": [2, 0], "words": [10, 8]})
    return add_people({"speakers": speakers, "articles": articles, "quotes": quotes, "statistics": statistics,
                       "themes": themes})


def test_top_officials_rank_by_quotes_with_a_label():
    from helpers.people_pages import TOP_COLUMNS, top_officials

    top = top_officials(page_tables()["people"], top=5)
    assert list(top.columns) == TOP_COLUMNS
    assert top["name"].tolist() == ["سعید نمکی", "علی ربیعی"] and top["quotes"].tolist() == [4, 1]
    assert top["label"].iloc[0] == "سعید نمکی (وزیر بهداشت)"


def test_person_page_holds_offices_months_themes_and_statistics():
    from helpers.people_pages import person_page

    tables = page_tables()
    namaki = tables["people"].loc[tables["people"]["name"] == "سعید نمکی", "person_id"].iloc[0]
    page = person_page(namaki, tables)
    assert page["offices"][["first_published", "last_published", "articles"]].values.tolist() == [
        ["1398-10-01", "1398-12-01", 3]]
    assert page["months"][["month", "quotes"]].values.tolist() == [["1398-10", 2], ["1398-11", 1], ["1398-12", 1]]
    assert page["themes"]["theme"].tolist() == ["economy"] and page["themes"]["score"].iloc[0] == 200.0
    assert page["statistics"]["surface"].tolist() == ["۲۰ درصد"]


def test_office_holders_and_appearing_together():
    from helpers.people_pages import appear_together, office_holders, together_grid

    tables = page_tables()
    offices = person_offices(tables["speakers"], tables["articles"], links=tables["speakers"])
    assert office_holders(offices, "وزير بهداشت")["name"].tolist() == ["سعید نمکی"]  # any spelling of the office
    assert office_holders(offices, "سخنگوی دولت", min_articles=3).empty  # named with it in two articles only
    together = appear_together(tables["speakers"], tables["people"])
    assert together[["name_a", "name_b", "articles"]].values.tolist() == [["سعید نمکی", "علی ربیعی", 2]]
    grid = together_grid(tables["speakers"], tables["people"])
    assert grid.loc["سعید نمکی", "علی ربیعی"] == 2 and pd.isna(grid.loc["سعید نمکی", "سعید نمکی"])


def test_person_explorer_shows_the_first_persons_page_headless():
    from helpers.people_pages import person_explorer

    box = person_explorer(page_tables())
    assert set(box.result) == {"summary", "offices", "months", "themes", "statistics"}
    assert "وزیر بهداشت" in box.children[1].value


def test_shared_offices_put_successions_first():
    from helpers.people_pages import shared_offices

    offices = pd.DataFrame({
        "person_id": ["p1", "p2", "p3", "p4", "p5"], "office_key": ["رییس مجلس", "رییس مجلس", "رییس جمهور", "رییس جمهور", "وزیر"],
        "office": ["رئیس مجلس", "رئیس مجلس", "رئیس‌جمهور", "رئیس‌جمهور", "وزیر"],
        "first_published": ["1398-08-01", "1399-03-08", "1398-08-01", "1398-09-01", "1398-08-01"],
        "last_published": ["1399-03-01", "1399-04-01", "1399-04-01", "1399-03-01", "1399-01-01"],
        "articles": [10, 8, 40, 20, 5]})
    shared = shared_offices(offices)
    assert shared[["office_key", "persons", "succession"]].values.tolist() == [["رییس مجلس", 2, True], ["رییس جمهور", 2, False]]


def test_tenure_bars_draw_one_bar_per_dated_row():
    from helpers.charts import tenure_bars

    frame = pd.DataFrame({"name": ["لاریجانی", "قالیباف", "بی‌تاریخ"], "first": ["1398-08-01", "1399-03-08", ""],
                          "last": ["1399-03-01", "1399-04-01", ""]})
    fig = tenure_bars(frame, label_col="name", first_col="first", last_col="last", caption="بدون تاریخ: {missing}")
    ax = fig.axes[0]
    assert len(ax.get_yticks()) == 2 and ax.xaxis_inverted() and fig.get_supxlabel().endswith("۱")


PLACE_PIECES = ["استاندار", "قزوین", "تهران", "آذربایجان", "شرقی", "غربی", "خراسان", "رضوی", "رئیس", "دادگستری",
                "استان", "شهرستان", "رییس‌جمهوری", "رییس جمهور", "معاون", "اول", "کویت", " ", "  ", ZWNJ, "ی"]


@given(st.lists(st.sampled_from(PLACE_PIECES), max_size=12))
@example(["استاندار", " ", "آذربایجان", " ", "شرقی"])
def test_office_keys_and_provinces_are_what_the_plain_loops_give(pieces):
    # each spelling rewritten only where its variant is written, the provinces looked for among
    # the places opening with one of the key's words: what every rewrite and place gave
    import re

    from helpers import people_names

    text = "".join(pieces)
    plain = " ".join(people_names.folded_words(text))
    for pattern, canonical, _ in people_names._office_forms():
        plain = pattern.sub(canonical, plain)
    assert people_names.office_spelling(text) == plain
    provinces = frozenset(province for place, province in people_names._places() if f" {place} " in f" {plain} ")
    assert people_names.office_provinces(plain) == provinces
    assert re.sub(" +", " ", plain).strip() == plain


NAME_PIECES = ["حجت", "الاسلام", "والمسلمین", "و", "المسلمین", "سردار", "سرتیپ", "دوم", "امیر", "دریادار",
               "دکتر", "حاج", "شهید", "سید", "سیدعلی", "علی", "رضا", "میرحسین", "رئیسی", "سیدی", "آیت", "الله"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=7))
def test_name_words_drop_the_prefixes_every_prefix_would_drop(words):
    # prefixes looked up by the name's first word: the words left by trying every prefix of
    # the lexicons, longest first, until none opens the name
    from helpers.people_names import _name_prefixes, folded_words

    expected = folded_words(" ".join(words))
    stripped = True
    while stripped and expected:
        stripped = False
        for prefix in _name_prefixes():
            if len(expected) > len(prefix) and tuple(expected[:len(prefix)]) == prefix:
                expected, stripped = expected[len(prefix):], True
                break
    found = name_words(" ".join(words))
    # the first word may lose a glued «سید» after that (the table of cases above checks it)
    assert len(found) == len(expected) and found[1:] == tuple(expected[1:])
    assert not found or expected[0].endswith(found[0])
