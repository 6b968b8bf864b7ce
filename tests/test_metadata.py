"""Metadata read from an article's own words: outlet, dateline, province, date, news id."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.chars import digits_to_latin
from helpers.metadata import (article_metadata, extract_date, extract_news_id, extract_outlet,
                              extract_title, infer_province, province_of)


@pytest.mark.parametrize("text, outlet, city", [
    # attribution with a dateline city and a second source
    ("به گزارش خبرگزاری ایرنا از تبریز و به نقل از روابط عمومی استانداری، ...", "خبرگزاری ایرنا", "تبریز"),
    # the name runs to the semicolon, spaces before it dropped
    ("به گزارش پایگاه خبری نسیم جنوب ؛ فرماندار گفت ...", "پایگاه خبری نسیم جنوب", ""),
    # the reporter is not the publisher
    ("به گزارش خبرنگار ایسنا، رئیس پلیس گفت ...", "ایسنا", ""),
    ("به گزارش خبرنگار ما، رئیس پلیس گفت ...", "", ""),
    # Arabic letters of older archives are folded first
    ("به گزارش خبرگزاري فارس از كرمان، ...", "خبرگزاری فارس", "کرمان"),
    # an outlet opening the lead; an office opening a lead is not an outlet
    ("خبرگزاری مهر: دادستان کل کشور گفت ...", "خبرگزاری مهر", ""),
    ("استاندار خوزستان: امنیت پایدار است", "", ""),
    # scraped text gluing the cue to the outlet and the outlet to «به نقل از»
    ("به گزارشخبرگزاری مهربه نقل از یک روزنامه، باران آمد.", "خبرگزاری مهر", ""),
    ("به گزارشمهرداد رفت.", "", ""),
])
def test_outlet_and_dateline(text, outlet, city):
    found, dateline, _ = extract_outlet(text)
    assert (found, dateline) == (outlet, city)


@pytest.mark.parametrize("text, province, rule", [
    ("به گزارش ایرنا از اهواز، ...", "خوزستان", "dateline"),
    ("فرمانده انتظامی گیلان گفت: در رشت و لاهیجان ...", "گیلان", "most_mentioned"),
    # «فارس» is the news agency unless «استان» precedes it
    ("به گزارش خبرگزاری فارس، استاندار کرمان در کرمان گفت", "کرمان", "most_mentioned"),
    ("مدیرکل استان فارس گفت", "فارس", "most_mentioned"),
    # «مرکزی» alone means central, not Markazi province
    ("رئیس بانک مرکزی گفت", "", ""),
    ("no place at all", "", ""),
])
def test_province(text, province, rule):
    _, city, _ = extract_outlet(text)
    assert infer_province(text, dateline_city=city) == (province, rule)


def test_province_of_city_with_and_without_zwnj():
    assert province_of("خرم\u200cآباد") == province_of("خرم آباد") == province_of("خرمآباد") == "لرستان"
    assert province_of("ناکجاآباد") == ""


@pytest.mark.parametrize("text, date, month_day", [
    ("تاریخ انتشار: 1404/7/12", "1404-07-12", "07-12"),
    ("تاریخ انتشار: ۱۴۰۴/۰۷/۱۲ - ۱۰:۳۰", "1404-07-12", "07-12"),
    ("امروز ۱۲ مهر ۱۴۰۴ در جلسه", "1404-07-12", "07-12"),
    # no year: month and day kept, the date left empty
    ("امروز سه شنبه ۱۱ مرداد در همایش", "", "05-11"),
    # day/month/year order, Arabic-Indic digits
    ("تاریخ: ١٢/٧/١٤٠٤", "1404-07-12", "07-12"),
    # impossible dates are not dates
    ("تاریخ انتشار: 1404/13/40", "", ""),
    ("بیش از ۳۰۰ نفر", "", ""),
])
def test_dates(text, date, month_day):
    found = extract_date(text)
    assert (found["date"], found["date_month_day"]) == (date, month_day)


@pytest.mark.parametrize("text, news_id", [
    ("کد خبر 389593", "389593"),
    ("شماره خبر: ۱۷۲۳۱", "17231"),
    ("کدخبر:۴۵۶۷۸", "45678"),
    ("خبر ۱۲", ""),
])
def test_news_id(text, news_id):
    assert extract_news_id(text) == news_id


def test_title_is_given_title_or_first_line():
    assert extract_title("\n\n  عنوان خبر \nمتن") == "عنوان خبر"
    assert extract_title("متن", given_title="عنوان") == "عنوان"


def test_seed_metadata_matches_what_the_articles_say(seed_corpus):
    by_id = {row.article_id: article_metadata(row.raw_text) for row in seed_corpus.itertuples()}
    gilan = by_id["001_2411e2d4d2d718dd"]
    assert (gilan["outlet"], gilan["province"], gilan["date"], gilan["news_id"]) == ("رویداد شمال", "گیلان", "1404-07-12", "17231")
    khuzestan = by_id["000_3ea94640b77811ba"]
    assert (khuzestan["outlet"], khuzestan["dateline_city"], khuzestan["province"]) == ("خبرگزاری شبستان", "اهواز", "خوزستان")


# ---------------------------------------------------------------- a corpus's own outlet and date

from helpers.metadata import article_metadata, publication_date  # noqa: E402


def test_publication_date_reads_gregorian_and_jalali_in_any_digits():
    assert publication_date("2020-01-07 15:32:00") == {
        "published": "1398-10-17", "published_gregorian": "2020-01-07", "published_month": "1398-10"}
    assert publication_date("۱۳۹۸/۱۰/۱۷") == publication_date("2020-01-07")
    assert publication_date("1399/1/1")["published_gregorian"] == "2020-03-20"


@pytest.mark.parametrize("value", ["", "yesterday", "2020-02-30", "1398/13/01", "20200107", None])
def test_publication_date_is_empty_when_not_a_real_date(value):
    assert publication_date(value) == {"published": "", "published_gregorian": "", "published_month": ""}


def test_the_corpus_outlet_and_date_win_and_the_text_guess_is_kept():
    text = "عنوان\nبه گزارش ایرنا، مهلت ثبت نام تا تاریخ 1404/7/12 است.\n"
    own = article_metadata(text, given_outlet="asriran", given_date="2020-01-07 15:32:00")
    assert own["outlet"] == "asriran" and own["outlet_in_text"] == "ایرنا"
    assert own["date"] == own["published"] == "1398-10-17" and own["date_in_text"] == "1404-07-12"
    assert "outlet:corpus" in own["metadata_rules"] and "date:corpus" in own["metadata_rules"]
    guessed = article_metadata(text)
    assert guessed["outlet"] == "ایرنا" and guessed["date"] == "1404-07-12" and guessed["published"] == ""


@pytest.mark.parametrize("text, outlet, rule", [
    ("عنوان\nرئیس اداره آب در گفت‌وگو با ایسنا، افزود: آب کم است.", "ایسنا", "interviewer"),
    ("عنوان\nوی در گفت و گو با خبرنگار خبرگزاری تسنیم در شیراز گفت: آب کم است.", "خبرگزاری تسنیم", "interviewer"),
    # an attribution names the publisher: the interviewer is then someone it quotes
    ("عنوان\nبه گزارش ایرنا، وی در گفت‌وگو با ایسنا گفت: آب کم است.", "ایرنا", "attribution"),
    # a person, not an outlet word, after the cue
    ("عنوان\nوزیر در گفت‌وگو با همتای خود گفت: آب کم است.", "", ""),
])
def test_outlet_named_only_as_the_interviewer(text, outlet, rule):
    found, _, how = extract_outlet(text)
    assert (found, how) == (outlet, rule)


def test_outlet_name_in_guillemets_after_its_head_word():
    # «به گزارش خبرگزاری «نمونه»»: the name in guillemets completes the head word
    outlet, _, rule = extract_outlet("عنوان\nبه گزارش خبرگزاری «نمونه نیوز» وزیر گفت: آماده‌ایم.")
    assert (outlet, rule) == ("خبرگزاری نمونه نیوز", "attribution")


_PIECES = ["تاریخ انتشار", "تاریخ", "منتشر شده در", "کد خبر", "شماره  خبر", "کد‌خبر", ":", " ", "\n", "/", "۱۴۰۲", "1402",
           "۵", "12", "۰۵", "مرداد", "۳۸۹۵۹۳", "خبرگزاری", "کدخبر"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_dates_and_news_ids_are_looked_for_only_where_they_can_be(pieces):
    # extract_date scans for a labelled or bare date only in a text holding «/», extract_news_id
    # only in one holding a label's first word: every match of those regexes holds them
    from helpers.metadata import NEWS_ID_FIRST_WORDS, NEWS_ID_REGEX, _date_regexes
    from helpers.text import fold_letters

    text = fold_letters("".join(pieces))
    for rule in ("labelled", "bare"):
        assert all("/" in match.group(0) for match in _date_regexes()[rule].finditer(text))
    assert all(any(word in match.group(0) for word in NEWS_ID_FIRST_WORDS) for match in NEWS_ID_REGEX.finditer(text))
    news_id = NEWS_ID_REGEX.search(text)
    assert extract_news_id(text) == (digits_to_latin(news_id.group("id")) if news_id else "")


def test_every_place_ends_with_a_letter():
    # _place_mentions matches the character before a mention instead of looking behind at it,
    # which finds the same mentions only because no mention can start where the one before ends
    from helpers.metadata import _gazetteer

    assert all(re.match(r"[\w\u200c]", place[-1]) for place in _gazetteer())


_PLACE_PIECES = ["تهران", "استان", "شهر", "فارس", "خرم آباد", "اصفهان", "کرج", " ", " ", "،", "\u200c", "ی", "\n",
                 "«", "۱", "\U00010400"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=30).map("".join))
def test_place_mentions_are_those_a_lookbehind_finds(text):
    from helpers.lexicons import literal_alternation
    from helpers.metadata import _place_mentions, _places_longest_first

    names = literal_alternation(_places_longest_first())
    as_before = re.compile(rf"(?<![\w\u200c])(?P<context>(?:استان|شهرستان|شهر)\s*)?(?P<place>{names})(?![\w\u200c])")
    # no context word reads "" in _place_mentions (an empty alternative), None in the «?» group
    found = [(m.start(), m.group("context") or None, m.group("place")) for m in _place_mentions(text)]
    assert found == [(m.start(), m.group("context"), m.group("place")) for m in as_before.finditer(text)]


_CUE_PIECES = ["به گزارش", "به‌گزارش", "خبرگزاری", "ایسنا", "فارس", "در گفت‌وگو با", "خبرنگار", "به نقل از", "از",
               "تهران", " ", " ", "\n", "(", "«", "»", "،", ":", ".", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=16).map("".join))
def test_cue_regexes_read_in_the_spaced_text_find_what_a_line_start_finds(text):
    # extract_outlet reads its attribution and interviewer regexes, which open with the class of
    # characters a cue follows, in " " + text: the matches are those of the same regexes opening
    # with «(?:^|class)» (re.M) in the text, one character further
    from helpers.metadata import _CUE_BEFORE, _attribution_regex, _interviewer_regex

    for regex in (_attribution_regex(), _interviewer_regex()):
        as_before = re.compile(regex.pattern.replace(_CUE_BEFORE, rf"(?:^|{_CUE_BEFORE})", 1), re.M)
        found = [(m.end() - 1, m.groupdict()) for m in regex.finditer(" " + text)]
        assert found == [(m.end(), m.groupdict()) for m in as_before.finditer(text)]


def test_publication_date_of_a_day_read_once_is_given_as_a_fresh_dict():
    # each day's calendars are cached (many articles share a day): a caller changing the dict
    # it gets must not change what the next article of that day gets
    first = publication_date("2020-01-07 15:32:00")
    first["published"] = "changed"
    assert publication_date("2020-01-07 09:00:00") == {
        "published": "1398-10-17", "published_gregorian": "2020-01-07", "published_month": "1398-10"}
    assert publication_date("1398/10/17") == {
        "published": "1398-10-17", "published_gregorian": "2020-01-07", "published_month": "1398-10"}


_ARTICLE_PIECES = ["به گزارش", "خبرگزاري", "فارس", "از", "كرمان", "استان", "تهران", "کد خبر", ":", "۳۸۹۵۹۳",
                   "۱۲ مرداد ۱۴۰۲", "1402/5/12", " ", "\n", "،"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ARTICLE_PIECES), max_size=16).map("".join))
def test_article_metadata_reads_what_the_public_readers_read(text):
    # article_metadata folds the text's letters once for its readers, each public reader folds
    # its own: the same fields («خبرگزاري», «كرمان» are read only once folded)
    found = article_metadata(text)
    outlet, city, _ = extract_outlet(text)
    date = extract_date(text)
    assert (found["outlet_in_text"], found["dateline_city"]) == (outlet, city)
    assert found["province"] == infer_province(text, dateline_city=city)[0]
    assert (found["date_in_text"], found["date_text"]) == (date["date"], date["date_text"])
    assert found["news_id"] == extract_news_id(text)
