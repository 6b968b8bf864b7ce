"""Speakers, roles and who said what.

Unit sentences are written for these tests; the seed export is scored with the shared scorer
when the shared material is present; the bench corpus is only read, never copied.
"""

import csv
import json
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.paths import BENCH_CORPUS, CORPUS_DIR, GOLD_FILE, SCORER
from helpers.speakers import (
    QUOTE_COLUMNS,
    SPEAKER_COLUMNS,
    article_event,
    find_speakers_and_quotes,
    read_speakers,
    speaker_for_spans,
    speaker_ids_for_spans,
    speaker_quote_columns,
)


def run(text):
    return find_speakers_and_quotes(text, article_id="t")


def speaker_of(quotes, speakers, piece):
    row = quotes[quotes.text.str.contains(piece, regex=False)].iloc[0]
    return speakers.set_index("speaker_id").loc[row.speaker_id, "name"]


def test_office_first_then_name_is_one_person():
    # the office alone opens the article; the name comes later with the same office
    text = ("عنوان\nخبرگزاری نمونه: استاندار فارس، اظهار داشت: آب باید مدیریت شود.\n"
            "دکتر علی رضایی، استاندار فارس، در نشست با فرمانداران گفت: برنامه آماده است.")
    sp, q = run(text)
    assert list(sp.name) == ["علی رضایی"]
    assert sp.role.iloc[0] == "governor" and sp.honorific.iloc[0] == "دکتر"
    assert set(q.speaker_id) == {"t#s1"} and len(q) == 2


def test_pronoun_and_surname_refer_to_the_speaker():
    text = ("عنوان\nسرهنگ مهدی کاظمی، رئیس پلیس راه استان یزد گفت: تصادفات کم شد.\n"
            "وی افزود: جاده‌ها ایمن‌تر شده است.\nکاظمی ادامه داد: طرح ادامه دارد.")
    sp, q = run(text)
    assert len(sp) == 1 and sp.role.iloc[0] == "police_officer"
    assert sp.province.iloc[0] == "یزد"
    assert (q.speaker_id == "t#s1").all() and len(q) == 3


def test_headline_speaker_is_the_body_speaker():
    # «سردار X: ...» in the title; the body gives the full name and office
    text = ("سردار کریمی: مرزها امن است\n"
            "سردار محمد کریمی، فرمانده انتظامی استان کرمان گفت: مرزها امن است و گشت‌ها ادامه دارد.")
    sp, q = run(text)
    assert list(sp.name) == ["محمد کریمی"]
    assert sp.role.iloc[0] == "police_commander"
    assert list(q.kind) == ["headline", "direct"]
    assert (q.speaker_id == "t#s1").all()


def test_outlet_title_is_not_a_headline_speaker():
    text = "خبرگزاری نمونه: طرح تازه آغاز شد\nوزیر نیرو گفت: طرح تازه آغاز شد."
    sp, q = run(text)
    assert list(sp.role) == ["minister"]
    assert "headline" not in set(q.kind)


def test_person_inside_statement_is_not_the_speaker():
    # «رئیس جمهور» inside the statement is not who speaks
    text = ("عنوان\nحسن احمدی، شهردار تبریز گفت: همان‌گونه که رئیس جمهور تاکید کرد، کار ادامه دارد.\n"
            "وی تصریح کرد: همانگونه که مقام معظم رهبری فرمودند، باید خدمت کنیم.")
    sp, q = run(text)
    assert list(sp.name) == ["حسن احمدی"] and sp.role.iloc[0] == "mayor"
    assert (q.speaker_id == "t#s1").all()


def test_office_only_then_bare_name_is_one_person():
    text = ("عنوان\nمعاون سیاسی، امنیتی و اجتماعی استانداری کرمان، در همایش بخشداران گفت: انتخابات سالم است.\n"
            "رضا نوری افزود: مشارکت بالا خواهد بود.\nمعاون استاندار کرمان تأکید کرد: قانون اجرا می‌شود.")
    sp, q = run(text)
    assert list(sp.name) == ["رضا نوری"] and sp.role.iloc[0] == "deputy_governor"
    assert (q.speaker_id == "t#s1").all() and len(q) == 3


def test_name_without_office_then_office_alone():
    # the office given later, alone, belongs to the person named without one
    text = ("عنوان\nسردار حمید صالحی در جلسه شورا اظهار کرد: امنیت پایدار است.\n"
            "فرمانده انتظامی استان زنجان گفت: سرقت کاهش یافت.")
    sp, q = run(text)
    assert list(sp.name) == ["حمید صالحی"] and sp.role.iloc[0] == "police_commander"


def test_two_speakers_in_order_of_first_mention():
    text = ("عنوان\nفرماندار شهرستان میبد گفت: پروژه تمام شد.\n"
            "همچنین در این مراسم حجت‌الاسلام جواد امینی، امام جمعه میبد، گفت: مردم صبور بودند.\n"
            "فرماندار میبد افزود: بودجه تأمین شد.")
    sp, q = run(text)
    assert list(sp.role) == ["county_governor", "cleric"]
    assert speaker_of(q, sp, "بودجه تأمین") == "فرماندار شهرستان میبد"
    assert speaker_of(q, sp, "مردم صبور") == "جواد امینی"


def test_object_of_preposition_is_not_the_speaker():
    text = "عنوان\nدر دیدار با استاندار گیلان، وزیر کشور گفت: همکاری ادامه دارد."
    sp, _ = run(text)
    assert list(sp.role) == ["minister"]


# (office as the lead-in's subject, expected role, what it checks)
ROLES = [
    ("فرماندار شهرستان دزفول", "county_governor", "فرماندار + شهرستان + place"),
    ("بخشدار مرکزی شهرستان کاشان", "district_governor", "بخشدار"),
    ("رئیس پلیس فتا استان البرز", "police_officer", "specialised police head"),
    ("رییس پلیس مبارزه با مواد مخدر استان قزوین", "police_officer", "رییس spelling, long police office"),
    ("فرمانده انتظامی شهرستان نیشابور", "police_commander", "county police commander"),
    ("دادستان عمومی و انقلاب مرکز استان گلستان", "judiciary", "prosecutor"),
    ("رئیس کل دادگستری استان هرمزگان", "judiciary", "head of the judiciary of a province"),
    ("نماینده مردم شیراز در مجلس شورای اسلامی", "legislator", "member of parliament"),
    ("امام جمعه کرمان", "cleric", "Friday prayer leader"),
    ("نماینده ولی فقیه در استان کردستان", "cleric", "representative of the Leader"),
    ("مدیرکل آموزش و پرورش استان سمنان", "director", "director general"),
    ("مدیرعامل شرکت آب منطقه‌ای خراسان", "director", "managing director"),
    ("رئیس دانشگاه علوم پزشکی ایلام", "director", "university head"),
    ("شهردار تبریز", "mayor", "mayor"),
    ("رئیس شورای اسلامی شهر رشت", "council_member", "council head"),
    ("معاون سیاسی امنیتی استاندار کرمان", "deputy_governor", "deputy governor, short form"),
    ("فرمانده سپاه ناحیه کاشان", "military_commander", "IRGC"),
    ("وزیر کشور", "minister", "minister"),
    ("معاون وزیر جهاد کشاورزی", "minister", "deputy minister"),
]


@pytest.mark.parametrize("office, role, _what", ROLES)
def test_role_table(office, role, _what):
    sp, q = run(f"عنوان\n{office} گفت: کار ادامه دارد.")
    assert list(sp.role) == [role]
    assert len(q) == 1 and q.speaker_id.iloc[0] == "t#s1"


def test_speaker_rows_keep_provenance():
    text = "عنوان\nمهندس سارا محمدی، مدیرکل بهزیستی استان قم گفت: خدمات گسترش یافت."
    sp, q = run(text)
    row = sp.iloc[0]
    assert text[row.start:row.end].startswith("مهندس سارا محمدی")
    assert row.rule.startswith("honorific")
    qrow = q.iloc[0]
    assert text[qrow.start:qrow.end] == qrow.text
    assert qrow.paragraph == 1 and qrow.stance == "neutral"


def test_empty_tables_keep_columns():
    sp, q = run("")
    assert list(sp.columns) == SPEAKER_COLUMNS and list(q.columns) == QUOTE_COLUMNS


def test_article_event_and_audience():
    text = "عنوان\nاستاندار یزد در نشست با بخشداران استان گفت: کار ادامه دارد."
    assert article_event(text) == {"event": "نشست", "audience": "بخشداران"}
    text = "عنوان\nشهردار کرج در گفت‌وگو با خبرنگار ما گفت: پل تمام شد."
    assert article_event(text)["event"] == "گفتگو با خبرنگار"
    assert article_event("عنوان\nباران آمد.") == {"event": "", "audience": ""}


def test_article_event_leaves_out_the_statements_it_is_given():
    # a statement's words hold no event; the export passes the statements the speakers' reading found
    quoted = "عنوان\nوزیر گفت: «در نشست با مدیران کار تمام شد.»\nدر همایش ملی سخن گفت."
    statements = read_speakers(quoted).statements
    assert statements and all(0 <= start < end <= len(quoted) for start, end in statements)
    assert article_event(quoted) == article_event(quoted, statements=statements) == {"event": "همایش", "audience": ""}
    unquoted = "عنوان\nوزیر گفت: در نشست با مدیران کار تمام شد.\nدر همایش ملی سخن گفت."
    assert article_event(unquoted)["event"] == "همایش"
    assert article_event(unquoted, statements=[])["event"] == "نشست"  # no statement given: its event counts
    assert article_event("عنوان\nوزیر در نشست با مدیران سخن گفت.")["event"] == "نشست"


def test_event_matches_are_looked_for_where_their_first_word_stands():
    # every events.tsv regex tried only where its first word is written: the same matches as
    # finditer over the whole text
    from helpers.text import fold
    from helpers.events import _event_patterns, _matches_from_word

    folded = fold("عنوان\nدر نشست نشست‌های خبری و نشستی در آیین آیین افتتاح مراسم گفتگو با خبرنگار ما گفت.")
    for regex, _, word in _event_patterns():
        assert word
        assert [m.span() for m in _matches_from_word(regex, word, folded)] == \
            [m.span() for m in regex.finditer(folded)]


def test_offices_are_tried_where_their_first_word_stands():
    # match_office tries only the offices whose first word is written at the position: the
    # same answer as trying every office of offices.tsv there
    from helpers.text import fold
    from helpers.speakers import match_office, offices
    from helpers.speakers.mentions import _is_stop
    from helpers.speakers.vocabulary import _WORD_RE

    def every_office(folded, pos, end):
        best = None
        for office in offices():
            m = office.regex.match(folded, pos, end)
            if not m or (office.gap and any(_is_stop(w) and w != "و" for w in _WORD_RE.findall(m.group()))):
                continue
            if best is None or (office.letters, m.end()) > best[0]:
                best = ((office.letters, m.end()), office, m.end())
        return (best[1], best[2]) if best else None

    folded = fold("رئیس سازمان آب و رئیس کل دادگستری استان، معاون وزیر و فرمانده انتظامی و مدیرکل و استاندار")
    for pos in range(len(folded)):
        for end in (len(folded), min(len(folded), pos + 12)):
            assert match_office(folded, pos, end) == every_office(folded, pos, end)


@pytest.mark.parametrize("key", ["رضایی", "علی رضایی", "علی رضا رضایی", "رضا", ""])
def test_known_names_are_found_where_their_regex_finds_them(key):
    # str.find for the name's words: the same spans as the name's regex in every window
    from helpers.text import fold
    from helpers.speakers.mentions import _known_name_regex, _known_name_spans

    folded = fold("علی رضایی گفت علیرضایی و علی  رضاییان، رضایی‌ها و آقای رضایی، علی رضا رضایی: رضایی")
    for begin in range(0, len(folded), 3):
        for end in (len(folded), min(len(folded), begin + 9)):
            regex_spans = [(begin + m.start(), begin + m.end())
                           for m in _known_name_regex(key).finditer(folded[begin:end])]
            assert list(_known_name_spans(key, folded, begin, end)) == regex_spans


def test_known_names_follow_the_persons():
    from helpers.speakers import Person
    from helpers.speakers.persons import _Registry

    registry = _Registry()
    assert registry.known_names() == ()
    registry.persons.append(Person(name="علی رضایی"))
    assert registry.known_names() == ("علی رضایی", "رضایی")
    registry.persons[0].name = "علی اکبر رضایی"  # a longer name given later
    assert registry.known_names() == ("علی اکبر رضایی", "رضایی")

def test_speaker_for_spans_uses_the_whole_sentence():
    # a number in the lead-in («با بیان اینکه ۲۰ نفر ...») belongs to the speaker; narrative does not
    text = ("عنوان\nوزیر نیرو با بیان اینکه ۲۰ سد ساخته شد، افزود: ۳۰ سد دیگر در راه است.\n"
            "در این مراسم ۵۰ نفر حضور داشتند.")
    sp, q = run(text)
    spans = pd.DataFrame({"article_id": ["t", "t", "t"],
                          "start": [text.index("۲۰"), text.index("۳۰"), text.index("۵۰")]})
    spans["end"] = spans.start + 2
    assert list(speaker_for_spans(spans, q)) == ["t#s1", "t#s1", ""]



def test_columns_are_the_tables_as_lists():
    # the export's column lists hold what the DataFrames hold, value for value
    text = ("عنوان\nوزیر نیرو با بیان اینکه ۲۰ سد ساخته شد، افزود: ۳۰ سد دیگر در راه است.\n"
            "دکتر علی رضایی، استاندار فارس، گفت: برنامه آماده است.")
    sp, q = run(text)
    sp_cols, q_cols = speaker_quote_columns(text, article_id="t")
    assert list(sp_cols) == SPEAKER_COLUMNS and list(q_cols) == QUOTE_COLUMNS
    assert sp_cols == {c: sp[c].tolist() for c in SPEAKER_COLUMNS}
    assert q_cols == {c: q[c].tolist() for c in QUOTE_COLUMNS}
    starts = [text.index("۲۰"), text.index("۳۰")]
    assert speaker_ids_for_spans(["t", "t"], starts, [s + 2 for s in starts], q_cols) == ["t#s1", "t#s1"]
    empty_sp, empty_q = run("عنوان\nباران آمد.")
    assert list(empty_sp.columns) == SPEAKER_COLUMNS and empty_sp.empty and empty_q.empty

@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_no_input_crashes_the_extractor(text):
    sp, q = find_speakers_and_quotes(text, article_id="h")
    assert set(q.speaker_id) - {""} <= set(sp.speaker_id)
    for row in q.itertuples():
        assert text[row.start:row.end] == row.text
        assert 0 <= row.sentence_start <= row.start < row.end <= row.sentence_end <= len(text)


PIECES = ["وی گفت: ", "استاندار یزد ", "سردار علی رضایی، ", "به گفته وی، ", ": ", "\n", "افزود: ",
          "کار ادامه دارد. ", "۱۲۳", "«", "»", "با بیان اینکه ", "، ", "دکتر "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_news_like_fragments_never_crash(pieces):
    text = "".join(pieces)
    sp, q = find_speakers_and_quotes(text, article_id="h")
    assert sp.role.isin(["governor", "deputy_governor", "county_governor", "district_governor",
                         "police_commander", "police_officer", "military_commander", "judiciary",
                         "legislator", "minister", "council_member", "mayor", "cleric", "director",
                         "other"]).all()
    assert (q.end <= len(text)).all()


@pytest.mark.skipif(not (GOLD_FILE.exists() and SCORER.exists()), reason="shared gold material absent")
def test_seed_export_scores(tmp_path):
    from helpers.clean import clean_text

    articles, speakers, quotes = [], [], []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"))
        articles.append({"article_id": path.stem, "text": text})
        sp, q = find_speakers_and_quotes(text, article_id=path.stem)
        speakers.append(sp)
        quotes.append(q)
    pd.DataFrame(articles).to_csv(tmp_path / "articles.csv", index=False, quoting=csv.QUOTE_ALL)
    pd.concat(speakers).to_csv(tmp_path / "speakers.csv", index=False)
    pd.concat(quotes).to_csv(tmp_path / "quotes.csv", index=False)
    out = subprocess.run([sys.executable, str(SCORER), str(GOLD_FILE), str(tmp_path), "--json", "--quiet"],
                         capture_output=True, text=True)
    figures = json.loads(out.stdout[:out.stdout.rindex("}") + 1])
    assert figures["speakers_f1"] >= 0.95
    assert figures["speakers_role"] >= 0.95
    assert figures["quotes_attributed"] >= 0.95
    assert figures["quotes_precision"] >= 0.9


@pytest.mark.skipif(not BENCH_CORPUS.exists(), reason="bench corpus absent")
def test_bench_smoke():
    # read-only smoke run: every quote span is the statement, every role from the taxonomy
    tr = str.maketrans({"ي": "ی", "ك": "ک"})
    with BENCH_CORPUS.open(encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(60), f)]
    n_quotes = 0
    for i, r in enumerate(rows):
        text = "\n".join([r["title"], r.get("abstract", "")] + r["paragraphs"]).translate(tr)
        sp, q = find_speakers_and_quotes(text, article_id=str(i))
        n_quotes += len(q)
        for row in q.itertuples():
            assert text[row.start:row.end] == row.text
    assert n_quotes > 60


# (how the surname is written later, what it checks)
SPELLINGS = [("حسن‌پور", "with ZWNJ"), ("حسنپور", "joined"), ("حسن پور", "split by a space")]


@pytest.mark.parametrize("later, _what", SPELLINGS)
def test_surname_spelling_variants_are_one_person(later, _what):
    text = (f"عنوان\nسردار حسین حسن‌پور، فرمانده انتظامی استان ایلام گفت: امنیت برقرار است.\n"
            f"{later} افزود: همکاری مردم مهم است.")
    sp, q = run(text)
    assert len(sp) == 1 and (q.speaker_id == "t#s1").all()


def test_office_only_headline_is_the_named_person_with_a_longer_office():
    # the title names the office and city; the body the name with the office in full
    text = ("دادستان کرمانشاه: قاچاقچیان مجازات می‌شوند\n"
            "دادستان کرمانشاه از دستگیری ۱۰ نفر خبر داد.\n"
            "علی‌اکبر محمدی، دادستان عمومی و انقلاب مرکز استان کرمانشاه امروز گفت: قاچاقچیان مجازات می‌شوند.")
    sp, q = run(text)
    assert list(sp.name) == ["علی‌اکبر محمدی"] and sp.role.iloc[0] == "judiciary"
    assert sp.province.iloc[0] == "کرمانشاه"
    assert len(q) == 3 and (q.speaker_id == "t#s1").all()


def test_same_head_in_same_place_but_other_organisation_is_another_person():
    text = ("عنوان\nمدیرکل بهزیستی استان فارس گفت: خدمات گسترش یافت.\n"
            "علی رضایی، مدیرکل آموزش و پرورش استان فارس گفت: مدارس آماده است.")
    sp, _ = run(text)
    assert len(sp) == 2


def test_object_statement_in_lead_is_attributed():
    text = ("کشف مواد مخدر\nفرمانده انتظامی استان ایلام از کشف ۲ تن مواد مخدر خبر داد.\n"
            "سردار علی رضایی افزود: محموله در مرز کشف شد.")
    sp, q = run(text)
    assert list(sp.role) == ["police_commander"] and list(sp.name) == ["علی رضایی"]
    row = q.iloc[0]
    assert (row.kind, row.verb, row.stance) == ("indirect", "خبر داد", "announcing")
    assert row.text == "کشف ۲ تن مواد مخدر" and row.speaker_id == "t#s1"
    assert row.rule.startswith("object:خبر داد|office")


def test_headline_with_verb_and_semicolon():
    text = ("فرمانده انتظامی استان یزد خبر داد؛ کشف ۲ تن مواد مخدر\n"
            "سردار علی رضایی، فرمانده انتظامی استان یزد گفت: محموله در مرز کشف شد.")
    sp, q = run(text)
    assert list(sp.name) == ["علی رضایی"]
    assert list(q.kind) == ["headline", "direct"] and q.verb.iloc[0] == "خبر داد"
    assert (q.speaker_id == "t#s1").all()


def test_bare_verb_statement_needs_a_named_speaker():
    # «اعلام کرد» with no colon: kept after an office or a first name, not after any noun
    sp, q = run("عنوان\nسخنگوی وزارت کشور اعلام کرد ۲۰ نفر بازداشت شدند.")
    assert len(q) == 1 and q.speaker_id.iloc[0] == "t#s1"
    sp, q = run("عنوان\nپرویز مشرف که رئیس جمهور است اعلام کرد قصد ندارد کناره بگیرد.")
    assert list(sp.name) == ["پرویز مشرف"] and len(q) == 1
    sp, q = run("عنوان\nکمیته انضباطی اعلام کرد تیم‌ها جریمه می‌شوند.")
    assert sp.empty and q.empty


def test_object_statement_about_a_thing_is_not_the_last_speaker():
    text = ("عنوان\nاستاندار یزد گفت: کار ادامه دارد.\n"
            "این گزارش از افزایش ۲۰ درصدی صادرات خبر داد.")
    sp, q = run(text)
    assert len(q) == 1


@pytest.mark.parametrize("lead", [
    "روزنامه نیویورک‌تایمز نوشت:", "رویترز اعلام کرد:", "الحیات با ارائه تحلیلی نوشت:",
    "به گزارش فارس، شینهوا گزارش داد:", "این روزنامه افزود:",
])
def test_outlets_are_sources_not_speakers(lead):
    text = f"عنوان\nوزیر نیرو گفت: سد تمام شد.\n{lead} قیمت نفت بالا رفت."
    sp, q = run(text)
    assert list(sp.role) == ["minister"]
    assert len(q) == 1 and "سد" in q.text.iloc[0]


@pytest.mark.parametrize("lead", [
    "اگر این طرح اجرا شود، وزیر گفت که",  # a conjunction is no name
    "علت سقوط این هواپیما معلوم نیست ولی پلیس اعلام کرد که",  # a noun phrase is no name
])
def test_function_words_and_noun_phrases_are_not_names(lead):
    sp, _ = run(f"عنوان\n{lead} بررسی ادامه دارد.")
    assert not any(n in ("اگر", "علت سقوط") for n in sp.name)


def test_generic_office_word_alone_is_no_speaker():
    # «معاون» with no organisation and no name is no one; joined to an office it is one
    sp, q = run("عنوان\nمعاون گفت: کار ادامه دارد.")
    assert sp.empty and list(q.speaker_id) == [""]
    sp, _ = run("عنوان\nعضو و رئیس کمیسیون عمران شورای اسلامی شهر ایلام گفت: کار ادامه دارد.")
    assert list(sp.role) == ["council_member"] and sp.office.iloc[0].startswith("عضو و رئیس")
    sp, _ = run("عنوان\nمعاون سخنگوی دولت تایلند گفت: کار ادامه دارد.")
    assert sp.office.iloc[0].startswith("معاون سخنگوی دولت")


def test_name_in_guillemets_before_the_office():
    sp, q = run("عنوان\n«مهران خراسانی» سرکنسول ایران در جلال‌آباد گفت: کمک‌ها رسید.")
    assert list(sp.name) == ["مهران خراسانی"] and len(q) == 1


def test_first_name_shapes():
    from helpers.speakers import looks_like_person_name

    assert looks_like_person_name("محمدرضا عارف") and looks_like_person_name("سیدمحمود میرفیضی")
    assert looks_like_person_name("حبیب‌الله دهمرده") and looks_like_person_name("علی اکبر محمدی")
    assert not looks_like_person_name("کمیته انضباطی") and not looks_like_person_name("علت سقوط")


@pytest.mark.parametrize("body, office", [
    ("رئیس مرکز هشدار الکترونیک پلیس آذربایجان‌غربی گفت: ۳۱۰ مشترک داریم.", "رئیس مرکز هشدار الکترونیک پلیس آذربایجان‌غربی"),
    ("مدیرکل آموزش و پرورش استان فارس از ساخت ۳۱۰ مدرسه خبر داد.", "مدیرکل آموزش و پرورش استان فارس"),
])
def test_organisation_holding_a_verb_word(body, office):
    # «هشدار» of «هشدار داد» inside an organisation's name, «فارس» before «از»
    sp, q = run(f"عنوان\n{body}")
    assert list(sp.office) == [office] and len(q) == 1 and q.speaker_id.iloc[0] == "t#s1"


@pytest.mark.parametrize("sentence, said", [
    ("به گفته وی ۲۰ نفر در این طرح کار می‌کنند.", "۲۰ نفر در این طرح"),
    ("به گفته فرماندار میبد ۳۰ روستا آبرسانی شد.", "۳۰ روستا آبرسانی"),
])
def test_according_to_without_comma(sentence, said):
    text = f"عنوان\nفرماندار میبد گفت: کار ادامه دارد.\n{sentence}"
    sp, q = run(text)
    assert len(sp) == 1 and len(q) == 2
    row = q.iloc[1]
    assert row.text.startswith(said) and row.speaker_id == "t#s1" and row.verb == "به گفته"
    assert text[row.start:row.end] == row.text


def test_according_to_people_unnamed_is_no_quote():
    sp, q = run("عنوان\nبه گفته مسئولان ۲۰ نفر در این طرح کار می‌کنند.")
    assert sp.empty and q.empty


def test_adviser_of_an_office_is_not_its_holder():
    text = ("عنوان\nعلی رضایی، مدیرکل منابع طبیعی استان ایلام گفت: جنگل‌ها حفاظت می‌شوند.\n"
            "مشاور مدیرکل منابع طبیعی استان ایلام گفت: آموزش مهم است.\n"
            "حسن کریمی افزود: مردم همکاری کنند.")
    sp, q = run(text)
    assert len(sp) == 2 and sp.name.iloc[0] == "علی رضایی"
    assert q.speaker_id.iloc[1] == "t#s2"


def test_police_office_written_two_ways_is_one_person():
    text = ("عنوان\nرئیس پلیس راهور پایتخت گفت: خبرنگاران امین هستند.\n"
            "سردار محمدحسین حمیدی رئیس پلیس راهنمایی و رانندگی تهران بزرگ امروز تبریک گفت.")
    sp, _ = run(text)
    assert list(sp.name) == ["محمدحسین حمیدی"]


def test_outlet_and_dash_open_a_lead():
    sp, q = run("عنوان\nخبرگزاری فارس- بهرام سبحانی گفت: ساخت واحد امسال آغاز می‌شود.")
    assert list(sp.name) == ["بهرام سبحانی"] and q.speaker_id.iloc[0] == "t#s1"


def test_name_right_before_its_office_is_one_person():
    # no comma between the name and the office: still the office's holder
    text = ("عنوان\nرئیس سازمان مدارس غیردولتی از رشد ۳ درصدی ثبت‌نام خبر داد.\n"
            "حمید کاظمی‌نژاد رئیس سازمان مدارس غیردولتی در گفت‌وگو با خبرنگار اظهار کرد: ثبت‌نام ۳ درصد بیشتر شد.")
    sp, q = run(text)
    assert list(sp.name) == ["حمید کاظمی‌نژاد"] and (q.speaker_id == "t#s1").all()


def test_office_only_lead_then_named_member_of_the_same_body():
    # «نماینده مجلس» in the lead, «name عضو کمیسیون ... مجلس» in the body: one legislator
    text = ("عنوان\nنماینده مجلس گفت: قوانین باید اجرا شود.\n"
            "به گزارش خبرگزاری نمونه، رضا امینی‌فر عضو کمیسیون عمران مجلس یادآور شد: ۴۰ درصد طرح‌ها نیمه‌کاره است.\n"
            "عضو کمیسیون عمران مجلس در ادامه افزود: بودجه کافی نیست.")
    sp, q = run(text)
    assert list(sp.name) == ["رضا امینی‌فر"] and (q.speaker_id == "t#s1").all()


def test_other_title_with_a_continuing_verb_is_the_same_speaker():
    text = ("عنوان\nبه گزارش خبرگزاری نمونه، حسن یاوری، مدیرعامل شرکت آب منطقه‌ای در جمع خبرنگاران گفت: ۳ قرارداد امضا شد. "
            "وی افزود: کارها ادامه دارد. معاون وزیر نیرو افزود: ۲ طرح دیگر آماده است.\n"
            "معاون وزیر نیرو تأکید کرد: اعتبار تأمین شد.")
    sp, q = run(text)
    assert list(sp.name) == ["حسن یاوری"] and (q.speaker_id == "t#s1").all()
    assert any("+continuing" in r for r in q.rule)


def test_a_new_official_in_a_new_paragraph_is_another_person():
    text = ("عنوان\nحسن یاوری، مدیرکل راه و شهرسازی استان گفت: ۳ پروژه آماده است.\n"
            "فرماندار شهرستان نیز گفت: کارها ادامه دارد.")
    sp, _ = run(text)
    assert len(sp) == 2


def test_interview_answers_go_to_the_interviewee():
    text = ("عنوان\nسرمربی تیم ملی والیبال گفت: تیم آماده است.\n"
            "به گزارش خبرگزاری نمونه، رضا توکلی در گفت‌وگو با ما گفت: بازیکنان جوان هستند.\n"
            "*برنامه شما برای بازی‌های آسیایی چیست؟\n"
            "ما ۱۲ بازیکن را دعوت کرده‌ایم و اردو ادامه دارد.\n"
            "*وضعیت مصدومان چگونه است؟\n"
            "دو بازیکن مصدوم هستند.\n"
            "* از تمرین‌ها\n"
            "اردوی بعدی در ۵ شهر برگزار می‌شود.")
    sp, q = run(text)
    assert list(sp.name) == ["رضا توکلی"]
    answers = q[q.rule.str.startswith("interview")]
    assert [t[:2] for t in answers.text] == ["ما", "دو"] and (answers.speaker_id == "t#s1").all()
    assert not q.text.str.contains("برنامه شما").any()  # questions are nobody's statements


def test_labelled_interview_answers_name_the_office_only_speaker():
    text = ("عنوان\nرئیس اداره ورزش شهرستان نمونه گفت: برنامه‌ها آماده است.\n"
            "نمونه: مهم‌ترین برنامه شما چیست؟\n"
            "کریمی: ۳ رشته را احیا می‌کنیم.\n"
            "نمونه: با رسانه‌ها چه می‌کنید؟\n"
            "کریمی: درب اداره باز است.\n"
            "بنده ۱۵ سال خبرنگار بودم.")
    sp, q = run(text)
    assert list(sp.name) == ["کریمی"] and sp.role.iloc[0] == "director"
    assert len(q) == 4 and (q.speaker_id == "t#s1").all()


def test_a_rhetorical_question_is_no_interview():
    text = ("عنوان\nاستاندار فارس گفت: آب کم است.\nچرا باید آب را هدر داد؟\n"
            "کشاورزان ۲۰ درصد آب را مصرف می‌کنند.")
    _, q = run(text)
    assert len(q) == 1


@pytest.mark.parametrize("text, name", [
    ("عنوان\nدکتر م. ع. احمدی، رئیس دانشگاه علوم پزشکی گفت: ۹۰ درصد واکسینه شدند.", "م. ع. احمدی"),
    ("عنوان\nمدیر پروژه واکسن آر. ان. ای در انستیتو گفت: ۳ فاز انجام شد.", "مدیر پروژه واکسن آر. ان. ای"),
    ("عنوان\nبه گزارش سی. ان. ان، وزیر خارجه آمریکا گفت: ۲ نشست برگزار شد.", "وزیر خارجه آمریکا"),
])
def test_abbreviation_dots_do_not_split_a_lead_in(text, name):
    sp, q = run(text)
    assert list(sp.name) == [name] and list(q.speaker_id) == ["t#s1"]


def test_sentence_end_is_still_a_sentence_end():
    from helpers.text import fold, is_abbreviation_dot

    folded = fold("این کار انجام شد. او گفت در سال 95. وی رفت")
    assert not any(is_abbreviation_dot(folded, i) for i, c in enumerate(folded) if c == ".")


def test_headline_digest_items_stand_alone():
    # a press review: «* outlet» headings and «- headline» items from many days and papers
    text = ("عناوین روزنامه‌ها\nروزنامه‌های امروز این عناوین را دارند.\n* روزنامه نمونه\n"
            "- معاون وزیر اقتصاد اعلام کرد: ۲ بانک واگذار می‌شود\n- تقدیر از نیروی انتظامی\n"
            "- معاون وزیر بازرگانی اعلام کرد: نان ۱۵ درصد گران می‌شود\n* روزنامه دیگر\n"
            "- هیئت بررسی صندوق‌ها پاسخ داد: جنگ رسانه‌ای ادامه دارد\n- شاخص بورس ۹۷ واحد کم شد\n"
            "- معاون وزیر اقتصاد خبر داد: بورس آرام است")
    sp, q = run(text)
    by_text = dict(zip(q.text, q.speaker_id))
    assert by_text["جنگ رسانه‌ای ادامه دارد"] == ""  # no one carried over from the item before
    assert by_text["نان ۱۵ درصد گران می‌شود"] != by_text["۲ بانک واگذار می‌شود"]
    assert len(sp) == 3


def test_unnamed_source_is_nobody_and_takes_the_pronoun():
    text = ("عنوان\nدبیرکل سازمان ملل اعلام کرد که ۷ کشور حق رأی ندارند.\n"
            "یک منبع در سازمان ملل گفت که این کشورها بدهی دارند.\n"
            "او همچنین گفت که ۲ کشور بدهی را پرداخته‌اند.")
    sp, q = run(text)
    assert len(sp) == 1 and list(q.speaker_id) == ["t#s1", "", ""]
    assert "unnamed_source" in q.rule.iloc[1]


@pytest.mark.parametrize("body, owned", [
    ("تیم در ۹ بازی قبلی تنها سه بار گل خورده است، اما مربی تیم می‌گوید: ما ۲ بازی سخت داریم.", "اما مربی"),
    ("مربی تیم در پاسخ به سوالی مبنی بر اینکه ۷ بازیکن اعزام می‌شوند اظهار داشت: ۶ ماه دیر است.", "اظهار داشت"),
])
def test_lead_in_words_that_are_not_the_speakers(body, owned):
    text = f"عنوان\n{body}"
    _, q = run(text)
    assert text[q.sentence_start.iloc[0]:].startswith(owned)
    # a figure in the speaker's own «با اشاره به ...» clause stays his
    text = "عنوان\nمربی تیم با اشاره به ۹ بازی قبلی گفت: تیم آماده است."
    _, q = run(text)
    assert q.sentence_start.iloc[0] == text.index("مربی")


def test_wali_in_a_name_and_one_word_before_an_office():
    # «، ولی‌الله ...» is a name, not «but»; one word before «قاضی ...» does not make a person
    sp, _ = run("عنوان\nبه گزارش خبرگزاری نمونه، ولی‌الله حیاتی، فرماندار خرمشهر گفت: ۲ مرز باز است.")
    assert list(sp.name) == ["ولی‌الله حیاتی"]
    sp, _ = run("عنوان\nسعید قاضی مغربی گفت: ۲ کلاس برگزار شد.")
    assert "سعید" not in list(sp.name)


def test_guest_and_title_joined_to_a_name_are_not_the_speaker():
    # «با حضور X» is a guest; «امیر‌آبادی» (joined) is a surname, not the title «امیر»
    text = ("عنوان\nاز داوطلبان با حضور امیر‌آبادی نماینده قم تجلیل شد.\n"
            "مدیرعامل جمعیت هلال‌احمر استان قم گفت: ۴۰ پایگاه داریم.\nمحمد گلفام افزود: ۲۶۰ مدرسه آموزش دیدند.")
    sp, q = run(text)
    assert list(sp.name) == ["محمد گلفام"] and (q.speaker_id == "t#s1").all()


def test_name_before_comma_and_office_in_mid_lead():
    text = ("عنوان\nبه گزارش خبرگزاری نمونه در مراسم افتتاحیه این کتابخانه علیرضا رهنما، رئیس دانشگاه صنعتی گفت: ۶ هزار جلد کتاب داریم.\n"
            "در ادامه این مراسم رضا حاجی‌کریمی، مسئول گروه معارف دانشگاه صنعتی بیان داشت: کتابخانه تخصصی است.")
    sp, q = run(text)
    assert list(sp.name) == ["علیرضا رهنما", "رضا حاجی‌کریمی"] and list(q.speaker_id) == ["t#s1", "t#s2"]


def test_digest_items_opening_with_a_name_or_a_headline():
    # a press review: a name right after the item's dash speaks; «Person: ...» items are
    # headlines; a headline's opening words («هیئت ...») or a noun phrase name no one
    text = ("مرور مطبوعات\nروزنامه‌های امروز این عناوین را دارند.\n* روزنامه نمونه\n"
            "- کریمیان خبر داد: ۲ بانک واگذار می‌شود\n- تقدیر از نیروی انتظامی\n"
            "- سردار کاظمی: نان ۱۵ درصد گران می‌شود\n* روزنامه دیگر\n"
            "- شاخص بورس ۹۷ واحد کم شد\n- رکورد سناتورهای روسی: بررسی ۷۶ ماده\n"
            "- وزیر نیرو در جمع خبرنگاران: بورس آرام است\n- کریمیان: ۳ بانک فروخته شد\n"
            "- هیئت بررسی صندوق‌ها پاسخ داد: جنگ رسانه‌ای ادامه دارد")
    sp, q = run(text)
    assert list(sp.name) == ["کریمیان", "کاظمی", "وزیر نیرو"]
    by_text = dict(zip(q.text, q.speaker_id))
    assert by_text["۲ بانک واگذار می‌شود"] == by_text["۳ بانک فروخته شد"] == "t#s1"
    assert by_text["نان ۱۵ درصد گران می‌شود"] == "t#s2" and by_text["بورس آرام است"] == "t#s3"
    assert by_text["جنگ رسانه‌ای ادامه دارد"] == "" and "بررسی ۷۶ ماده" not in by_text
    assert set(q[q.kind == "headline"].rule.str.split("|").str[0]) == {"digest_headline"}


def test_guest_note_author_speaks_their_note():
    # «یادداشت میهمان X، office: text»: the outlet publishes the author's own words
    text = ("عنوان\nخبرگزاری نمونه؛ یادداشت میهمان ـ رضا کاظمی حقوقدان دانشگاه: مشارکت در دوره اول ۵۲ درصد بود.\n"
            "یادداشت: این بخش بدون نویسنده است.\nیادداشت روز: بازار آرام است.")
    sp, q = run(text)
    assert list(sp.name) == ["رضا کاظمی"] and sp.office.iloc[0] == "حقوقدان دانشگاه"
    assert len(q) == 1 and q.rule.iloc[0].startswith("op_ed") and q.kind.iloc[0] == "headline"


MENTION_PIECES = ["وی", "او", "این مقام", "مسئول", "دکتر", "سردار", "سرتیپ", "دوم", "پاسدار", "استاندار",
                  "معاون", "رئیس", "فرمانده", "علی", " ", "  ", "\u200c", "،", "را", "با"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(MENTION_PIECES), max_size=25))
def test_mention_scans_match_where_a_full_scan_does(pieces):
    # find_mentions scans a lead-in once for where a pronoun, honorific or office head may
    # start, then tries each regex there: the same matches as finditer over the whole span
    from helpers.speakers import vocabulary
    from helpers.text import fold, matches_at, word_starts

    folded = fold("".join(pieces))
    starts = word_starts(vocabulary._mention_start_regex(), folded, 0, len(folded))
    for regex in (vocabulary._pronoun_regex(), vocabulary._honorific_regex(), vocabulary._office_start_regex()):
        full = [m.span() for m in regex.finditer(folded, 0, len(folded))]
        assert [m.span() for m in matches_at(regex, folded, starts, len(folded))] == full


@pytest.mark.parametrize("before", ["علیرضا رهنما، ", "علیرضا رهنما ،  ", "علیرضا رهنما,", "علیرضا رهنما", "، علیرضا"])
def test_name_before_comma_is_found_as_the_full_window_search_finds_it(before):
    # _with_preceding_name skips the regex when no comma closes the window: the same
    # result as the search over the whole window
    from helpers.speakers import mentions
    from helpers.text import fold

    text = "در مراسم " + before + "رئیس دانشگاه گفت"
    folded = fold(text)
    start = folded.index(fold("رئیس"))
    mention = mentions.Mention(start, start + 4, "office", office="رئیس")
    # (the office neither closes the lead-in nor follows a name opening it: a comma is needed)
    mention = mentions._with_preceding_name(text, folded, mention, 0, len(folded), 0)
    found = mentions._NAME_BEFORE_COMMA.search(folded, max(0, start - 60), start)
    assert (mention.name == "علیرضا رهنما") == bool(found and before.startswith("علیرضا"))


def follow_on_texts(body: str) -> list[tuple[str, str]]:
    """(quote text start, speaker name) of the follow-on statements of an article."""
    speakers, quotes = find_speakers_and_quotes("عنوان خبر\n" + body, article_id="a")
    names = dict(zip(speakers["speaker_id"], speakers["name"]))
    rows = quotes[quotes["rule"].str.startswith("follow_on")]
    return [(" ".join(text.split()[:3]), names.get(sid, "")) for text, sid in zip(rows["text"], rows["speaker_id"])]


# Paragraphs with no reporting verb after a statement that ran to its paragraph's end.
FOLLOW_ON_CASES = [
    # the speaker's own voice (first person): theirs
    ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nما امسال سه چاه تازه حفر کرده‌ایم.",
     [("ما امسال سه", "رضا کاظمی")]),
    # a present verb «می...م» in the first person
    ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nبرای تابستان برنامه‌ریزی می‌کنیم.",
     [("برای تابستان برنامه‌ریزی", "رضا کاظمی")]),
    # between two statements of the same speaker: theirs, with no first person
    ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nمصرف آب در شهر کاهش یافته است.\n"
     "کاظمی افزود: باران هم آمد.", [("مصرف آب در", "رضا کاظمی")]),
    # after the last statement, no first person: the narrator's background
    ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nاین سد در ۲۰ کیلومتری شهر واقع است.", []),
    # the narrator's opening words, a pronoun for the speaker, a reporting verb: not theirs
    ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nگفتنی است ما امسال سه چاه داریم.", []),
    ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nوی پیش‌تر هم ما را دیده بود.", []),
    ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nما را هم کاظمی مسئول این کار دانست.", []),
    # a question paragraph (an interview's) is not the speaker's
    ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nآیا ما باز هم سد می‌سازیم؟", []),
    # an indirect statement («گفت که»): the narrator's words, nothing goes on from it
    ("مهندس رضا کاظمی مدیر آب شهر گفت که سد پر است.\nما امسال سه چاه داریم.", []),
]


@pytest.mark.parametrize("body, expected", FOLLOW_ON_CASES)
def test_follow_on_paragraphs_are_the_speakers_statements(body, expected):
    assert follow_on_texts(body) == expected


def test_follow_on_paragraphs_chain():
    body = ("مهندس رضا کاظمی مدیر آب شهر گفت: سد پر است.\nما امسال سه چاه داریم.\n"
            "برای تابستان برنامه‌ریزی می‌کنیم.")
    assert [who for _, who in follow_on_texts(body)] == ["رضا کاظمی", "رضا کاظمی"]


@pytest.mark.parametrize("body, names", [
    # the lead names the office only; the name comes later with another title of the same ministry
    ("معاون وزیر نیرو گفت: برق کافی است.\nبه گزارش ایسنا، علی کرمانی مدیرکل دفتر وزارت نیرو افزود: آب هم هست.",
     ["علی کرمانی"]),
    # two titles of one family of police roles
    ("فرمانده انتظامی استان گیلان گفت: راه‌ها امن است.\nسردار احمد نادری رئیس پلیس گیلان افزود: گشت‌ها بیشتر شد.",
     ["احمد نادری"]),
    # offices with nothing in common: two people
    ("مدیرکل بهزیستی استان فارس گفت: مراکز باز است.\nعلی کرمانی شهردار شیراز افزود: آب هست.",
     ["مدیرکل بهزیستی استان فارس", "علی کرمانی"]),
])
def test_office_only_speaker_joins_the_one_named_speaker_of_a_related_office(body, names):
    speakers, quotes = find_speakers_and_quotes("عنوان خبر\n" + body, article_id="a")
    assert list(speakers["name"]) == names
    assert quotes["speaker_id"].eq("").sum() == 0


@pytest.mark.parametrize("lead, name, office", [
    # a name, then a description that is an office of role «other»: the name is the speaker's
    ("علی کرمانی پژوهشگر تاریخ معاصر نوشت:", "علی کرمانی", "پژوهشگر تاریخ معاصر"),
    ("به گزارش ایسنا، رضا نادری تحلیلگر مسائل اقتصادی در یادداشتی نوشت:", "رضا نادری", "تحلیلگر مسائل اقتصادی"),
])
def test_name_before_a_description_office(lead, name, office):
    speakers, _ = find_speakers_and_quotes(f"عنوان خبر\n{lead} بازار آرام است.", article_id="a")
    assert (speakers["name"].tolist(), speakers["role"].tolist()) == ([name], ["other"])
    assert speakers["office"].iloc[0].startswith(office.split()[0])


def test_ministry_spokesman_is_no_minister():
    speakers, _ = find_speakers_and_quotes("عنوان خبر\nسخنگوی وزارت نیرو گفت: برق کافی است.", article_id="a")
    assert speakers["role"].tolist() == ["director"]


@pytest.mark.parametrize("lead, name", [
    # a surname alone before an office at the lead's start is the office holder's name
    ("کرمانی دادستان عمومی و انقلاب شیراز بیان داشت:", "کرمانی"),
    # a sentence adverb before the office is no name
    ("سرانجام دادستان عمومی و انقلاب شیراز بیان داشت:", "دادستان عمومی و انقلاب شیراز"),
])
def test_surname_alone_before_an_office(lead, name):
    speakers, _ = find_speakers_and_quotes(f"عنوان خبر\n{lead} پرونده کامل است.", article_id="a")
    assert speakers["name"].tolist() == [name] and speakers["role"].tolist() == ["judiciary"]


def test_name_after_two_report_prefixes():
    # «به گزارش X، به نقل از Y،»: both prefixes are the narrator's; the name after them speaks
    lead = "به گزارش ایسنا، به نقل از خبرگزاری آناتولی، مراد کایا، معاون وزارت خارجه ترکیه گفت:"
    speakers, _ = find_speakers_and_quotes(f"عنوان خبر\n{lead} گفت‌وگو ادامه دارد.", article_id="a")
    assert speakers["name"].tolist() == ["مراد کایا"]


@pytest.mark.parametrize("lead, names", [
    # the lead-in opens with a clause about the event; the name opens the clause after the comma
    ("در پی گزارش‌های مردمی درباره صدای انفجار در پالایشگاه، علی کرمانی در گفت‌وگو با ایسنا توضیح داد:",
     ["علی کرمانی"]),
    # words after the comma that are no person's name: no speaker
    ("در پی گزارش‌های مردمی درباره صدای انفجار در پالایشگاه، بررسی‌ها نشان داد:", []),
])
def test_name_opening_the_last_clause_of_a_lead(lead, names):
    speakers, _ = find_speakers_and_quotes(f"عنوان خبر\n{lead} همه چیز عادی است.", article_id="a")
    assert speakers["name"].tolist() == names


def test_office_alone_after_the_last_comma_names_no_speaker():
    # the office's holder stands before the comma: the office alone is not taken from there
    lead = "در پی این رویداد رئیس‌جمهور آمریکا چیزی نگفت و ظریف، وزیر امور خارجه ایران هم گفت:"
    speakers, _ = find_speakers_and_quotes(f"عنوان خبر\n{lead} «آماده‌ایم».", article_id="a")
    assert "وزیر امور خارجه ایران" not in speakers["name"].tolist()


# Words of offices, honorifics, pronouns and names, each followed by what may stand between two
# words: text where offices start, run on, or stop one letter short.
OFFICE_WORDS = ["رئیس", "رییس", "جمهور", "کل", "دادگستری", "پلیس", "سازمان", "معاون", "وزیر", "فرمانده",
                "انتظامی", "استان", "استاندار", "خوزستان", "عضو", "کمیسیون", "مجلس", "نماینده", "مردم",
                "وی", "سردار", "دکتر", "علی", "رضایی", "گفت", "در", "و", "با", "را", "ج"]
OFFICE_GAPS = [" ", "", "  ", "\u200c", "، ", ": ", ". "]
OFFICE_PIECES = st.lists(st.tuples(st.sampled_from(OFFICE_WORDS), st.sampled_from(OFFICE_GAPS)), max_size=8) \
    .map(lambda pairs: "".join(word + gap for word, gap in pairs))


@settings(max_examples=100, deadline=None)
@given(OFFICE_PIECES, st.integers(0, 60))
@example("رئیس جمهور گفت", 5)
def test_match_office_tries_the_offices_every_office_would_find(text, cut):
    # candidates narrowed by the first word and the letter after it: the answer of trying every
    # office of offices.tsv, at every position of the text, to its end or to a cut before it
    from helpers.speakers import match_office, offices
    from helpers.speakers.mentions import _is_stop
    from helpers.speakers.vocabulary import _WORD_RE
    from helpers.text import fold

    def every_office(folded, pos, end):
        best = None
        for office in offices():
            m = office.regex.match(folded, pos, end)
            if not m:
                continue
            own = set(_WORD_RE.findall(fold(office.office)))
            if office.gap and any(_is_stop(w) and w != "و" for w in _WORD_RE.findall(m.group()) if w not in own):
                continue
            if best is None or (office.letters, m.end()) > best[0]:
                best = ((office.letters, m.end()), office, m.end())
        return (best[1], best[2]) if best else None

    folded = fold(text)
    for pos in range(len(folded)):
        for end in {len(folded), min(len(folded), pos + cut)}:
            assert match_office(folded, pos, end) == every_office(folded, pos, end)


@settings(max_examples=100, deadline=None)
@given(OFFICE_PIECES, st.sampled_from([(), ("رضایی",), ("علی رضایی", "رضایی")]), st.booleans())
@example("علی رضایی گفت", (), True)
def test_find_mentions_returns_early_only_where_the_full_reading_finds_nothing(text, names, bare):
    # a span with no mention start and no known name's first word returns before its prefixes
    # are read: the same mentions, from every start of the text, as when every position is a
    # start (no early return)
    from helpers.speakers import find_mentions
    from helpers.speakers import mentions as module

    found = [find_mentions(text, start, len(text), known_names=names, bare=bare) for start in range(len(text))]
    saved = module.word_starts
    module.word_starts = lambda regex, folded, start, end: list(range(start, end))
    try:
        assert [find_mentions(text, start, len(text), known_names=names, bare=bare)
                for start in range(len(text))] == found
    finally:
        module.word_starts = saved


@given(st.text(alphabet=[" ", "\n", "\t", "\u200c", "\u00a0", "\u2003", "آ", "ب", "«"], max_size=12),
       st.integers(0, 14), st.integers(0, 14))
def test_span_stripping_drops_what_the_character_loop_dropped(text, a, b):
    # str.strip for spaces, then ZWNJ, in turn: the span a loop over isspace() and ZWNJ leaves
    from helpers.speakers.interviews import _strip_span_text

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    plain_start, plain_end = start, end
    while plain_start < plain_end and (text[plain_start].isspace() or text[plain_start] == "\u200c"):
        plain_start += 1
    while plain_end > plain_start and (text[plain_end - 1].isspace() or text[plain_end - 1] == "\u200c"):
        plain_end -= 1
    assert _strip_span_text(text, start, end) == (plain_start, plain_end)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=[" ", "\t", "\u00a0", "؟", "?", "»", '"', "«", "آ", ".", "\u200c"], max_size=12))
def test_a_question_paragraph_end_is_read_back_from_its_end(paragraph):
    # interview questions: read back from the paragraph's end, the paragraphs the regex
    # «question mark, spaces, a closing guillemet or quote, spaces, end» finds
    import re

    from helpers.speakers.interviews import _ends_with_question

    expected = bool(re.search(r"[؟?]\s*[»\"]?\s*$", paragraph))
    assert _ends_with_question("x" + paragraph + "\ny", 1, 1 + len(paragraph)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ما", "من", "هستیم", "ماه", "گفت", "«ما»", "ما،", "(من)", "می", "نمی", "کنیم",
                                 "دانم", "البته", " ", "\n", "\t", "\u00a0", "\u200c", "\u2003", ".", "؟"]),
                max_size=14),
       st.integers(0, 40), st.integers(0, 40))
@example(["نمی", " ", "دانم"], 0, 40)
@example(["ما", "می", "کنیم"], 2, 40)  # a verb at the span's start, after a letter: not the speaker's
@example(["ما", " ", "می", "\u200c", "کنیم"], 3, 40)
def test_first_person_words_found_as_the_word_runs_found_them(pieces, a, b):
    # _first_person splits on spaces (str.split) where it ran a «\S+» regex, and looks for a
    # first-person verb after a space (or at the text's start) where a look-behind opened the
    # regex: the same answers as the regexes
    import re

    from helpers.speakers.article import _first_person, _first_person_words
    from helpers.speakers.vocabulary import opens_arguing

    text = "".join(pieces)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    verb = re.compile(r"(?<!\S)ن?می\s?\S+م(?!\S)")
    expected = bool(verb.search(text, start, end) or opens_arguing(text, start, end)) \
        or any(m.group().strip("،,.!؟?:؛«»\"()") in _first_person_words()
               for m in re.finditer(r"\S+", text[start:end]))
    assert _first_person(text, start, end) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=[" ", "\n", "\t", "\u00a0", "\u2003", ".", "!", "…", "»", '"', "«", "آ", "؟"], max_size=12),
       st.integers(0, 14), st.integers(0, 14))
def test_a_final_mark_is_read_back_from_the_span_end(text, a, b):
    # a follow-on paragraph ends with a mark, spaces aside: what «[.!…»"]\s*$» found
    import re

    from helpers.speakers.article import _ends_with_final_mark

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    expected = re.compile(r"[.!…»\"]\s*$").search(text, start, end) is not None
    assert _ends_with_final_mark(text, start, end) == expected


@settings(max_examples=150, deadline=None)
@given(OFFICE_PIECES.map(lambda text: text.replace("ج", "«").replace("با", "» ")), st.integers(0, 60))
@example("رئیس « سازمان» دکتر علی", 30)
def test_an_organisation_s_next_word_and_its_end_read_as_step_by_step(text, cut):
    # an organisation's and a name's words read by one regex (spaces, a guillemet, spaces, the
    # word) and one verb-or-title regex: the word the steps found, and the same stop, at every
    # position, to the text's end or to a cut before it
    from helpers.quotes import verb_at
    from helpers.speakers import mentions
    from helpers.speakers.vocabulary import _honorific_regex
    from helpers.text import fold

    folded = fold(text)
    for pos in range(len(folded) + 1):
        for end in {len(folded), min(len(folded), pos + cut)}:
            s = mentions._skip_spaces(folded, pos, end)
            if s < end and folded[s] in "«»":
                s = mentions._skip_spaces(folded, s + 1, end)
            word = mentions._word_at(folded, s, end)
            read = mentions._NEXT_WORD.match(folded, pos, end)
            assert (read.span(1) if read else None) == (word.span() if word else None)
            plain = mentions._word_at(folded, mentions._skip_spaces(folded, pos, end), end)
            spaced = mentions._SPACED_WORD.match(folded, pos, end)
            assert (spaced.span(1) if spaced else None) == (plain.span() if plain else None)
            stops = verb_at(folded, pos, end) or bool(_honorific_regex().match(folded, pos, end))
            assert bool(mentions._verb_or_title_regex().match(folded, pos, end)) == stops


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["را", "راه", "ر", "ا", " ", "  ", "\n", "\u200c", "،", "کتاب", "۱۲", "«"]), max_size=12),
       st.integers(0, 30))
@example(["کتاب", " ", "را", " "], 30)
def test_an_object_marker_is_read_as_the_next_word(pieces, cut):
    # «را» after a mention, read by one regex: the same answer as skipping the spaces and reading
    # the word after them, at every position, to the text's end or to a cut before it
    from helpers.speakers import mentions
    from helpers.text import fold

    folded = fold("".join(pieces))
    for pos in range(len(folded) + 1):
        for end in {len(folded), min(len(folded), pos + cut)}:
            word = mentions._word_at(folded, mentions._skip_spaces(folded, pos, end), end)
            assert mentions._followed_by_object_marker(folded, pos, end) == (bool(word) and word.group() == "را")


@pytest.mark.parametrize("a, b, same", [
    ("علی احمدی", "احمدی", True), ("احمدی", "علی احمدی", True), ("احمدی", "احمدی", True),
    ("محمدی", "احمدی", False), ("احمدی", "محمدی", False), ("اب", "اب", False), ("", "احمدی", False),
])
def test_same_name_compares_the_shorter_name_with_the_end_of_the_longer(a, b, same):
    from helpers.speakers.persons import same_name

    assert same_name(a, b) is same
    assert same_name(b, a) is same
