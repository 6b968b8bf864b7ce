"""Speaker rules for article shapes met beyond one outlet's house style (issue 16).

One test per rule, each on an invented sentence (never one copied from the bench), with a
comment on the shape it checks.
"""

import pytest

from helpers.speakers import find_speakers_and_quotes
from helpers.speakers.mentions import find_mentions
from helpers.speakers.persons import _one_letter_apart


def run(text):
    return find_speakers_and_quotes(text, article_id="t")


def speakers_of(quotes, speakers):
    names = speakers.set_index("speaker_id").name.to_dict()
    return [names.get(s, "") for s in quotes.speaker_id]


def test_office_with_a_place_before_its_written_in_is_an_office():
    # «نماینده … در مجلس»: the entry's own «در» is no word of the «…» gap
    text = "نماینده کاشان در مجلس گفت: بودجه کم است"
    mentions = find_mentions(text, 0, text.index("گفت"))
    assert mentions[0].kind == "office" and mentions[0].role == "legislator"


def test_two_titles_of_one_office_only_speaker_then_the_surname():
    # «نماینده مجلس», then «عضو کمیسیون ...», then «نماینده کاشان در مجلس», then the surname:
    # one legislator, named at last
    text = ("عنوان\nنماینده مجلس درباره بودجه گفت: بودجه عمرانی کم است.\n"
            "عضو کمیسیون برنامه در گفت‌وگو با خبرنگار ادامه داد: طرح‌ها نیمه‌کاره مانده است.\n"
            "نماینده کاشان در مجلس یادآور شد: دولت باید پاسخ دهد.\n"
            "کاشانی‌پور درباره مالیات گفت: درآمدها کافی نیست.")
    sp, q = run(text)
    assert list(sp.name) == ["کاشانی‌پور"] and sp.role.iloc[0] == "legislator"
    assert set(speakers_of(q, sp)) == {"کاشانی‌پور"} and len(q) == 4


def test_two_office_only_speakers_of_one_role_in_two_places_stay_two():
    text = ("عنوان\nفرماندار کاشان گفت: آب کم است.\n"
            "فرماندار آران و بیدگل گفت: برق کم است.")
    sp, _ = run(text)
    assert len(sp) == 2


def test_an_office_misspelt_the_second_time_is_the_same_office():
    # «سازمان ملی استاندار» for «سازمان ملی استاندارد» in a later sentence: one person
    text = ("عنوان\nمریم رحیمی رئیس سازمان ملی استاندارد گفت: کالاها بررسی شد.\n"
            "به گفته رئیس سازمان ملی استاندار این طرح ادامه دارد.")
    sp, q = run(text)
    assert list(sp.name) == ["مریم رحیمی"] and set(speakers_of(q, sp)) == {"مریم رحیمی"}


@pytest.mark.parametrize("a, b, near", [
    ("استاندارد", "استاندار", True),   # a letter dropped
    ("امنیت", "امینت", True),          # two letters swapped
    ("کشاورزی", "کشاوری", True),       # a letter dropped inside
    ("بهداشت", "بهزیست", False),       # two letters changed
    ("ورزش", "وزش", False),            # too short to tell a misspelling from another word
])
def test_one_letter_apart(a, b, near):
    assert _one_letter_apart(a, b) is near and _one_letter_apart(b, a) is near


@pytest.mark.parametrize("body, name", [
    # the office closes the lead-in: the name right before it is its holder's, comma or not
    ("در همین نشست امروز دوشنبه امانوئل ماکرون رئیس‌جمهور فرانسه، نیز گفت: اروپا متحد است.", "امانوئل ماکرون"),
    # the name opens the sentence, the office runs on into the rest of it
    ("به گزارش خبرگزاری نمونه، حمید عباسی سخنگوی وزارت نیرو درباره قطعی برق در تهران گفت: برق پایدار است.",
     "حمید عباسی"),
])
def test_name_written_before_its_office_without_a_comma(body, name):
    sp, q = run("عنوان\n" + body)
    assert list(sp.name) == [name] and len(q) == 1


def test_name_and_office_inside_a_longer_phrase_are_not_the_speaker():
    # «دولت جورج بوش رئیس‌جمهور پیشین ...»: the name belongs to a phrase, the speaker is another
    text = ("عنوان\nیک وکیل دولت آمریکا در دادگاه گفت که قانون دولت جورج بوش رئیس‌جمهور پیشین آمریکا "
            "باطل شده است و باید لغو شود.")
    sp, _ = run(text)
    assert "جورج بوش" not in list(sp.name)


def test_one_surname_joined_by_a_zwnj_is_no_first_name_and_surname():
    # «ملک‌شاهکویی» opens with a known first name («ملک») but is one word: no name without a comma
    text = "عنوان\nمراسم برگزار شد و سردارملک‌شاهکویی فرمانده سپاه استان گفت: آماده‌ایم."
    sp, _ = run(text)
    assert "ملک‌شاهکویی" not in list(sp.name)


def test_foreign_name_in_guillemets_before_a_comma_is_a_speaker():
    # «جان اسمیت»، then a description that is no office of the lexicon, a verb with no colon
    text = "عنوان\n«جان اسمیت»، فرستاده ویژه آمریکا در امور یمن گفت آمریکا از وضع یمن بسیار نگران است."
    sp, q = run(text)
    assert list(sp.name) == ["جان اسمیت"] and len(q) == 1


def test_a_noun_in_guillemets_is_no_speaker():
    text = "عنوان\n«طرح ملی» اعلام کرد ۲۰ مدرسه ساخته شد."
    sp, _ = run(text)
    assert sp.empty


def test_written_words_run_to_the_articles_end():
    # «... در یادداشتی نوشت: », then paragraphs of the note: others named inside them, «او» for
    # the one the writer speaks of; all are the writer's words up to the end of the article
    text = ("عنوان\nبه گزارش خبرگزاری نمونه، رضا کاظمی تحلیلگر مسائل اقتصادی در یادداشتی نوشت: بازار آرام نیست.\n"
            "قیمت‌ها هر روز بالا می‌رود؛ اما نه از سر کمبود.\n"
            "این را وزیر اقتصاد هم به خوبی می‌داند.\n"
            "او تا وقتی در این سمت است، باید پاسخ دهد.")
    sp, q = run(text)
    assert list(sp.name) == ["رضا کاظمی"] and len(q) == 4
    assert set(speakers_of(q, sp)) == {"رضا کاظمی"}


def test_spoken_words_do_not_run_over_the_narrators_last_paragraphs():
    # the same shape with «گفت»: the last paragraphs are the narrator's (no own voice)
    text = ("عنوان\nبه گزارش خبرگزاری نمونه، رضا کاظمی تحلیلگر مسائل اقتصادی در نشستی گفت: بازار آرام نیست.\n"
            "قیمت‌ها هر روز بالا می‌رود؛ اما نه از سر کمبود.\n"
            "او تا وقتی در این سمت است، باید پاسخ دهد.")
    sp, q = run(text)
    assert len(q) == 1


def test_an_office_the_narrative_only_spoke_of_is_not_the_next_speaker():
    # «بازپرس ویژه» is only spoken of; the judge who then speaks is another judiciary official
    text = ("عنوان\nپرونده با تحقیقات بازپرس ویژه تکمیل شد.\n"
            "قاضی علی نادری، رئیس شعبه ۱۲ دادگاه کیفری در همین رابطه گفت: جلسه فردا برگزار می‌شود.")
    sp, _ = run(text)
    assert list(sp.name) == ["قاضی علی نادری"]


def test_a_person_after_between_is_no_subject():
    # «بین رئیس‌جمهور و شهردار»: the narrative speaks of two people; neither is the next speaker
    text = ("عنوان\nرئیس شورای شهر یزد گفت: شهر آماده است.\n"
            "اختلاف‌هایی که بین رئیس‌جمهور و شهردار دیده می‌شد، امروز نیست.\n"
            "وی در پاسخ به سؤالی گفت: بودجه کافی است.")
    sp, q = run(text)
    assert len(sp) == 1 and sp.role.iloc[0] == "council_member" and (q.speaker_id == "t#s1").all()


def test_name_in_guillemets_right_before_an_office_mid_lead():
    # «این در حالی است که «X Y» وزیر ... گفت که»: the name in guillemets is the office holder's
    text = ("عنوان\nاین در حالی است که «پیتر هانسن» وزیر امور خارجه دانمارک هفته گذشته در نشستی گفت که "
            "گفت‌وگوها ادامه دارد.")
    sp, _ = run(text)
    assert list(sp.name) == ["پیتر هانسن"] and sp.office.iloc[0].startswith("وزیر امور خارجه")


def test_written_words_in_guillemets_end_with_them():
    # «... نوشت: «...»»: the guillemets close the words quoted; the narrator's background follows
    text = ("عنوان\nبه گزارش خبرگزاری نمونه، رضا کاظمی تحلیلگر مسائل اقتصادی در یادداشتی نوشت: «بازار آرام نیست.»\n"
            "قیمت‌ها در ماه گذشته بالا رفت و دولت طرحی تازه را آغاز کرد.")
    _, q = run(text)
    assert len(q) == 1


def test_press_office_then_a_comma_and_a_name_is_the_persons_statement():
    # «روابط عمومی ...، Name ... گفت:»: the press office gives out the words; the person says them
    text = ("عنوان\nبه گزارش خبرگزاری نمونه، روابط عمومی شرکت آب، حسین مرادی درباره طرح گفت: ۲۰ چاه حفر شد.")
    sp, q = run(text)
    assert list(sp.name) == ["حسین مرادی"] and len(q) == 1


def test_a_newspaper_that_writes_is_no_speaker():
    text = "عنوان\nروزنامه نمونه در شماره امروز خود نوشت: دولت باید پاسخ دهد."
    sp, _ = run(text)
    assert sp.empty


@pytest.mark.parametrize("title", [
    "استاندار یزد درباره کم‌آبی: مصرف باید کم شود",          # an office and «درباره ...»
    "انتقاد تند حسین مرادی از شهرداری: مصرف باید کم شود",   # words before and after the name
    "مرادی پس از دیدار با وزیر: مصرف باید کم شود",      # a name and «پس از دیدار با ...»
])
def test_headline_quote_with_a_few_words_around_the_speaker(title):
    text = title + "\nحسین مرادی استاندار یزد گفت: آب کم است.\nوی افزود: مصرف باید کم شود."
    sp, q = run(text)
    head = q[q.kind == "headline"]
    assert len(sp) == 1 and len(head) == 1 and head.speaker_id.iloc[0] == "t#s1"


def test_headline_about_someone_who_does_not_speak_is_no_quote():
    text = ("انتقاد تند مردم از وزیر نیرو: آب نیست\nحسین مرادی استاندار یزد گفت: آب کم است.")
    _, q = run(text)
    assert (q.kind != "headline").all()


def test_a_name_alone_after_someone_the_narrative_only_spoke_of_is_a_new_speaker():
    # «پیتر هانسن» is only spoken of in the narrative; «علی ملک‌زاده» who then speaks is another
    # person (a name opening with a known first name)
    text = ("عنوان\nدر این دیدار «پیتر هانسن» وزیر امور خارجه دانمارک نیز حضور داشت.\n"
            "علی ملک‌زاده در این نشست گفت: همکاری ادامه دارد.")
    sp, _ = run(text)
    assert list(sp.name) == ["علی ملک‌زاده"]


def test_a_name_in_guillemets_after_a_speaker_is_a_new_speaker():
    text = ("عنوان\nحسین مرادی استاندار یزد گفت: آب کم است.\n"
            "«توماس برگ» یکی از کارشناسان آب در این باره گفت: مصرف باید کم شود.")
    sp, q = run(text)
    assert list(sp.name) == ["حسین مرادی", "توماس برگ"] and list(q.speaker_id) == ["t#s1", "t#s2"]


def test_an_outlet_in_guillemets_before_an_office_is_no_name():
    text = "عنوان\nبه نوشته «نیویورک تایمز» نخست‌وزیر ژاپن گفت: بازار آرام است."
    sp, _ = run(text)
    assert "نیویورک تایمز" not in " ".join(sp.name)


@pytest.mark.parametrize("office, role", [
    ("رئیس اجرایی دولت افغانستان", "other"),   # a foreign government's head: no Iranian role
    ("وزیر بهداشت ترکیه", "other"),
    ("وزیر بهداشت", "minister"),               # Iran's minister keeps the role
    ("رئیس پلیس راه استان فارس", "police_officer"),
    ("مدیرکل ثبت احوال آذربایجان غربی", "director"),  # a province of Iran, not the country
])
def test_a_foreign_official_has_the_role_other(office, role):
    sp, _ = run(f"عنوان\n{office} گفت: کارها ادامه دارد.")
    assert sp.role.iloc[0] == role


@pytest.mark.parametrize("text", [
    "عنوان\nغول فناوری کره، سامسونگ، روز دوشنبه اعلام کرد که تولید را از سر گرفته است.",
    "حکم بازداشت فرد متخلف مدعی درمان از سوی دادگستری صادر شد\nمتن خبر.",
])
def test_a_noun_phrase_subject_of_an_indirect_statement_is_no_speaker(text):
    sp, _ = run(text)
    assert sp.empty


@pytest.mark.parametrize("name", ["علی کاظمی", "هاروی اسمیت"])  # a known first name, or two words
def test_a_full_name_still_speaks_indirectly(name):
    sp, _ = run(f"عنوان\n{name} روز دوشنبه اعلام کرد که تولید را از سر گرفته است.")
    assert list(sp.name) == [name]


@pytest.mark.parametrize("lead", [
    "مسکو نیز به نوبه خود گفته است که",      # a capital for its government: no person
    "خبرنگار این شبکه دقایقی بعد گزارش داد که",  # the outlet's unnamed reporter
])
def test_a_subject_that_is_no_person_does_not_fall_back_on_the_last_speaker(lead):
    text = f"عنوان\nحسین مرادی استاندار یزد گفت: آب کم است.\n{lead} نشست ادامه دارد."
    sp, q = run(text)
    assert list(sp.name) == ["حسین مرادی"] and q.speaker_id.iloc[-1] == ""


def test_a_full_name_said_alone_is_a_new_speaker_a_surname_alone_is_not():
    # «مهرداد کاظمی ... یادآور شد» after another's statement: a new person; «کاظمی» alone, not met
    # before, keeps the speaker (news varies how it names the one speaking)
    text = ("عنوان\nحسین مرادی استاندار یزد گفت: آب کم است.\n"
            "مهرداد کاظمی که در این نشست حضور داشت یادآور شد: مصرف باید کم شود.")
    sp, q = run(text)
    assert list(sp.name) == ["حسین مرادی", "مهرداد کاظمی"] and list(q.speaker_id) == ["t#s1", "t#s2"]
    sp, q = run(text.replace("مهرداد کاظمی که در این نشست حضور داشت", "کاظمی در ادامه"))
    assert len(sp) == 1 and len(q) == 2


def test_words_opening_with_a_conjunction_are_no_full_name():
    # «ولی» is a first name and a conjunction: «ولی متأسفانه ...» keeps the speaker
    text = ("عنوان\nحسین مرادی استاندار یزد گفت: آب کم است.\n"
            "ولی متأسفانه در ادامه گفت: مصرف زیاد است.")
    sp, _ = run(text)
    assert list(sp.name) == ["حسین مرادی"]


def test_and_before_a_name_and_its_office_opens_a_clause():
    # «... اعلام کردند و مریم رحیمی، رئیس مجلس ... اعلام کرد که»: «و» opens her clause
    text = ("عنوان\nنمایندگان موافقت خود را اعلام کردند و مریم رحیمی، رئیس مجلس نمایندگان اعلام کرد که "
            "بودجه تصویب می‌شود.")
    sp, _ = run(text)
    assert list(sp.name) == ["مریم رحیمی"]


def test_a_name_after_with_is_still_no_speaker():
    text = "عنوان\nوزیر نیرو در دیدار با علی رضایی، رئیس سازمان آب گفت: کار ادامه دارد."
    sp, _ = run(text)
    assert "علی رضایی" not in list(sp.name)


def test_a_closing_paragraph_that_argues_on_is_the_speakers():
    # the article's last paragraph opens with «البته» (no first-person word): it argues on from
    # the speaker's statement, so it is theirs; a plain narrator's paragraph is not
    lead = "عنوان\nبه گزارش خبرگزاری نمونه، رضا کاظمی مدیر بندر در نشستی گفت: بارها دیر تخلیه می‌شود.\n"
    for opening in ("البته", "البته،"):  # a comma may follow the word
        sp, q = run(lead + opening + " صف کشتی‌ها از ماه آینده کوتاه‌تر خواهد شد.")
        assert len(q) == 2 and set(speakers_of(q, sp)) == {"رضا کاظمی"}
    _, q = run(lead + "صف کشتی‌ها از ماه آینده کوتاه‌تر خواهد شد.")
    assert len(q) == 1


def test_an_office_named_mid_sentence_does_not_stop_the_speakers_words():
    # «... کسی به عنوان مدیرکل جدید ...»: an office further into a sentence is not its subject,
    # so the paragraph goes on with the speaker's words (kept once the speaker's own voice follows)
    lead = "عنوان\nبه گزارش خبرگزاری نمونه، رضا کاظمی مدیر بندر در نشستی گفت: بارها دیر تخلیه می‌شود.\n"
    body = "هفته آینده کسی به عنوان مدیرکل جدید گمرک معرفی خواهد شد.\nما از او حمایت می‌کنیم."
    sp, q = run(lead + body)
    assert len(q) == 3 and set(speakers_of(q, sp)) == {"رضا کاظمی"}
    # the same office opening its sentence is the narrator speaking of someone: the words stop
    _, q = run(lead + "مدیرکل جدید گمرک هفته آینده معرفی خواهد شد.\nما از او حمایت می‌کنیم.")
    assert len(q) == 1


@pytest.mark.parametrize("opening, kept", [("بنابراین", True), ("بنابراین گزارش،", False), ("به گزارش نمونه،", False)])
def test_a_narrators_opening_followed_by_a_comma_stops_the_speakers_words(opening, kept):
    # «بنابراین گزارش، ...» (a comma right after the phrase) is the narrator's, even between
    # two statements of the same speaker; «بنابراین ...» alone argues on
    lead = "عنوان\nبه گزارش خبرگزاری نمونه، رضا کاظمی مدیر بندر در نشستی گفت: بارها دیر تخلیه می‌شود.\n"
    _, q = run(lead + opening + " صف کشتی‌ها از ماه آینده کوتاه‌تر خواهد شد.\nکاظمی افزود: بندر تازه آماده است.")
    assert (len(q) == 3) == kept and len(q) >= 2
