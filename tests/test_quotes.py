"""Statement openings: reporting verbs, colons, indirect markers, statement boundaries.

Sentences are written for these tests (not taken from any corpus).
"""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.chars import ZWNJ
from helpers import text as text_layer
from helpers.quotes import find_openings, sentence_span
from helpers.text import fold

TITLE = "عنوان خبر\n"


def openings(body: str):
    text = TITLE + body
    return text, find_openings(text)


# (paragraph, expected verb as written, kind, a piece the statement must contain, what it checks)
CASES = [
    ("وی گفت: بودجه امسال کافی است.", "گفت", "direct", "بودجه امسال کافی", "plain verb + colon"),
    ("وی اظهارداشت: جاده‌ها امن است.", "اظهارداشت", "direct", "جاده‌ها امن", "compound verb written without a space"),
    (f"وی اظهار{ZWNJ}داشت: جاده‌ها امن است.", f"اظهار{ZWNJ}داشت", "direct", "جاده‌ها امن", "compound verb with ZWNJ"),
    ("وی خاطر نشان کرد: کار ادامه دارد.", "خاطر نشان کرد", "direct", "کار ادامه دارد", "split spelling of خاطرنشان"),
    ("وی تاکید کرد: باید دقت کنیم.", "تاکید کرد", "direct", "باید دقت کنیم", "تاکید without hamza"),
    ("وی تأکید کرد : باید دقت کنیم.", "تأکید کرد", "direct", "باید دقت کنیم", "space before the colon"),
    ("وی ابراز امیدواری کرد: سال خوبی داشته باشیم.", "ابراز امیدواری کرد", "direct", "سال خوبی", "hopeful verb"),
    ("وی گفت «همه با هم کار می‌کنیم».", "گفت", "direct", "همه با هم کار", "statement in guillemets without colon"),
    ("به گفته وی، صد نفر در این طرح کار می‌کنند.", "به گفته", "indirect", "صد نفر در این طرح", "به گفته marker"),
    ("وی گفت که طرح تا پایان سال تمام می‌شود.", "گفت", "indirect", "طرح تا پایان سال", "reporting verb + که"),
    ("وی با بیان اینکه آب کافی نیست، افزود.", "با بیان اینکه", "indirect", "آب کافی نیست", "clause marker in a sentence ending with the verb"),
]


@pytest.mark.parametrize("body, verb, kind, piece, _what", CASES)
def test_opening_table(body, verb, kind, piece, _what):
    text, ops = openings(body)
    assert len(ops) == 1
    op = ops[0]
    assert (op.verb, op.kind) == (verb, kind)
    assert piece in text[op.start:op.end]


def test_no_opening_without_reporting_verb():
    # a colon after a time of day, and a colon after a phrase with no verb, open nothing
    _, ops = openings("جلسه ساعت ۱۰:۳۰ آغاز شد. موارد زیر: آب، برق و گاز.")
    assert ops == []


def test_outlet_prefix_is_its_own_sentence():
    # «خبرگزاری ...:» ends a sentence; the lead-in of the quote starts after it
    text, ops = openings("خبرگزاری نمونه: فرماندار بم، اظهار داشت: کار ادامه دارد.")
    assert len(ops) == 1
    assert text[ops[0].lead_start:ops[0].lead_end].strip(" ،") == "فرماندار بم"


def test_statement_stops_at_next_opening_in_paragraph():
    # the first statement ends where «به گفته وی» starts a new one
    text, ops = openings("وی گفت: باران زیاد بود. به گفته وی، سد پر شده است.")
    assert [o.kind for o in ops] == ["direct", "indirect"]
    assert "سد" not in text[ops[0].start:ops[0].end]
    assert text[ops[1].start:ops[1].end].startswith("سد پر شده")


def test_clause_in_lead_in_of_direct_quote_is_not_separate():
    # «با بیان اینکه ...، افزود: ...» gives one statement (after the colon), the clause is lead-in
    text, ops = openings("وی با بیان اینکه بارش کم بود، افزود: باید آب را مدیریت کنیم.")
    assert len(ops) == 1 and ops[0].kind == "direct"
    start, end = sentence_span(ops[0])
    assert "بارش کم بود" in text[start:end]


def test_verb_inside_statement_is_not_an_opening():
    # «گفت که» after the paragraph's colon belongs to the statement
    text, ops = openings("وی گفت: مردم گفتند که راه خراب است.")
    assert len(ops) == 1
    assert "راه خراب" in text[ops[0].start:ops[0].end]


def test_fold_keeps_length():
    s = f"تأکید كرد{ZWNJ}ي رئيس"
    assert len(fold(s)) == len(s)
    assert fold(s) == "تاکید کرد ی رییس"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=f"كيىۀةئأآاﻻيرس ۱1{ZWNJ}\n", max_size=250))
def test_fold_of_short_and_long_texts_is_the_translation(text):
    # short texts are looked up once folded, long ones folded each time: the same fold
    expected = text.translate(text_layer._MATCHING_FOLD)
    assert fold(text) == expected
    assert fold(text) == expected  # asked again: the looked-up fold


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_openings_never_crash_and_spans_are_valid(text):
    for op in find_openings(text):
        assert 0 <= op.lead_start <= op.lead_end <= op.start < op.end <= len(text)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=5000))
def test_long_digit_runs_do_not_hang(n):
    text = TITLE + "وی گفت: " + "۱" * n + ":" + "9" * n
    assert len(find_openings(text)) == 1


# Sentences closed by a verb whose statement is its object, and verbs followed straight by
# the statement (written for these tests).
OBJECT_CASES = [
    ("فرمانده انتظامی استان از کشف ۲ تن مواد مخدر خبر داد.", "خبر داد", "کشف ۲ تن مواد مخدر", "فرمانده انتظامی استان"),
    ("به گزارش خبرنگار ما، مدیرکل بهزیستی از افتتاح ۳ مرکز جدید خبر داد.", "خبر داد", "افتتاح ۳ مرکز جدید", "مدیرکل بهزیستی"),
    ("وی پس از بازدید از کارخانه از تولید ۵۰ دستگاه خبر داد.", "خبر داد", "تولید ۵۰ دستگاه", "وی"),
    ("بنا بر اعلام روابط عمومی، شهردار بر اساس مصوبه شورا بر اجرای ۴ طرح تأکید کرد.", "تأکید کرد", "اجرای ۴ طرح", "شهردار"),
    ("استاندار بر لزوم تکمیل ۱۲ طرح نیمه‌تمام تأکید کرد.", "تأکید کرد", "لزوم تکمیل ۱۲ طرح", "استاندار"),
    ("وی در گفت‌وگو با خبرنگار فارس از ارومیه از رشد ۱۰ درصدی صادرات خبر داد.", "خبر داد", "رشد ۱۰ درصدی", "وی"),
]


@pytest.mark.parametrize("body, verb, piece, lead", OBJECT_CASES)
def test_object_statement(body, verb, piece, lead):
    text, ops = openings(body)
    assert len(ops) == 1
    op = ops[0]
    assert (op.verb, op.kind) == (verb, "indirect") and op.rule.startswith("object:")
    assert piece in text[op.start:op.end]
    assert lead in text[op.lead_start:op.lead_end]
    assert sentence_span(op)[1] == len(text)  # the final full stop is in the sentence


def test_object_verb_followed_by_colon_is_direct():
    # «از ... خبر داد و افزود: ...»: one direct statement, the object sentence is its lead-in
    _, ops = openings("وی از کشف ۲ تن مواد مخدر خبر داد و افزود: کار ادامه دارد.")
    assert [o.kind for o in ops] == ["direct"]


def test_object_inside_direct_statement_is_not_an_opening():
    _, ops = openings("وی گفت: پلیس از کشف ۲ تن مواد مخدر خبر داد.")
    assert len(ops) == 1 and ops[0].kind == "direct"


@pytest.mark.parametrize("body, verb, piece", [
    ("سخنگوی وزارت کشور اعلام کرد ۲۰ نفر بازداشت شدند.", "اعلام کرد", "۲۰ نفر بازداشت"),
    ("وی ابراز امیدواری کرد با همکاری مردم طرح تمام شود.", "ابراز امیدواری کرد", "با همکاری مردم"),
    ("مشاور وزیر تأکید کرد، این کشور ۵ میلیارد دلار هزینه کرد.", "تأکید کرد", "۵ میلیارد دلار"),
])
def test_bare_verb_statement_is_strict(body, verb, piece):
    text, ops = openings(body)
    assert len(ops) == 1
    op = ops[0]
    assert op.verb == verb and op.kind == "indirect" and op.strict
    assert piece in text[op.start:op.end]


def test_no_bare_statement_for_narrator_verbs():
    # «می‌توان گفت», «گفت‌وگو» and «گفت و افزود» open nothing by themselves
    _, ops = openings(f"می{ZWNJ}توان گفت این طرح موفق بود. وی در گفت{ZWNJ}وگو با خبرنگار ما حاضر شد.")
    assert ops == []


def test_headline_verb_and_semicolon():
    from helpers.quotes import headline_opening

    text = "فرمانده انتظامی استان خبر داد؛ کشف ۲ تن مواد مخدر\nمتن"
    op = headline_opening(text, fold(text), 0, text.index("\n"))
    assert op is not None and op.verb == "خبر داد" and op.kind == "headline"
    assert text[op.lead_start:op.lead_end].strip() == "فرمانده انتظامی استان"
    assert "کشف ۲ تن" in text[op.start:op.end]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["خبر داد", "گفت", "؛", ":", " ", "فرمانده", "کشف", "۲", "آب" * 20]), max_size=12))
def test_headline_semicolon_verb_looked_for_only_before_a_semicolon(pieces):
    # the verb-and-«؛» regex is run only where a «؛» stands in the title's first 100
    # characters: the same verb as the regex run over every title
    import re

    from helpers import quotes

    title = "".join(pieces)
    folded = fold(title)
    op = quotes.headline_opening(title, folded, 0, len(title))
    semi = quotes._semicolon_verb_regex().search(folded, 0, min(len(title), 100))
    colon = re.compile(r"[:：]").search(folded)
    if semi and (not colon or semi.start() < colon.start()) and semi.start() > 0 and len(title) - semi.end() >= 3:
        assert op is not None and (op.lead_end, op.start) == (semi.start("verb"), semi.end())
    else:
        assert op is None or op.verb == ":"


def test_verbs_written_around_their_statement_and_forecasts():
    from helpers.speakers import find_speakers_and_quotes

    sp, q = find_speakers_and_quotes(
        "عنوان\nنماینده مردم شیراز در مجلس خواستار توجه بیشتر دولت به ۲۰ طرح نیمه‌تمام استان شد.", article_id="t")
    assert list(q.text) == ["توجه بیشتر دولت به ۲۰ طرح نیمه‌تمام استان"] and list(q.speaker_id) == ["t#s1"]
    assert q.rule.iloc[0].startswith("object:خواستار … شد")
    sp, q = find_speakers_and_quotes(
        "عنوان\nمدیرعامل شرکت آب منطقه‌ای پیش‌بینی کرد مصرف آب ۵ درصد کم شود.", article_id="t")
    assert list(q.speaker_id) == ["t#s1"] and q.text.iloc[0].startswith("مصرف آب")
    # a thing that «خواستار ... شد» without a person before it is no quote of anyone
    _, q = find_speakers_and_quotes("عنوان\nاین گزارش خواستار توجه به ۲۰ طرح شد.", article_id="t")
    assert (q.speaker_id == "").all()


def test_verb_with_a_joined_and():
    from helpers.speakers import find_speakers_and_quotes

    text = ("عنوان\nمعاون شهرداری ارومیه گفت: ۷ پارک ساخته می‌شود.\n"
            "صفری در ادامه به فاز دوم پارک اشاره کرد وگفت: فاز اول با ۳۸ میلیارد ریال ساخته شد.")
    _, q = find_speakers_and_quotes(text, article_id="t")
    assert len(q) == 2 and (q.speaker_id == "t#s1").all() and q.verb.iloc[1] == "گفت"


@pytest.mark.parametrize("text", [
    "عنوان\nوی به این موضوع اشاره کرد وگفت: کار تمام شد.",  # «و» glued to the verb
    "عنوان\nنماینده مردم تهران خواستار توجه بیشتر به آب شد.",  # a verb written around its statement
    "عنوان\nبه گفته وی، ۲۰ نفر آمدند.\nاو ابراز خرسندی کرد: خوب است.",
    "عنوان\nوزیر با بیان اینکه کار ادامه دارد، افزود.\nاستاندار از کشف ۲ تن خبر داد.",
    "عنوان\nوی اعلام کرد ۲۰ نفر آمدند.\nرئیس گفت که کار تمام شد.",
])
def test_paragraphs_without_a_verb_skip_only_verb_scanners(text, monkeypatch):
    # the per-paragraph verb search only spares scanners that need a verb: same openings
    import re

    from helpers import quotes

    gated = [vars(o) for o in find_openings(text)]
    monkeypatch.setattr(quotes, "_verb_search_regex", lambda: re.compile(""))
    monkeypatch.setattr(quotes, "verb_starts", lambda folded, start, end: list(range(start, end)))
    assert gated == [vars(o) for o in find_openings(text)]
    assert gated


def test_guest_note_heading_opens_a_statement():
    from helpers.quotes import find_openings

    text = "عنوان\nیادداشت مهمان، سارا نیک‌نام: آب کم است.\nیادداشت روز: کوتاه"
    ops = [o for o in find_openings(text) if o.rule == "op_ed"]
    assert [text[o.lead_start:o.lead_end].strip(" ،") for o in ops] == ["سارا نیک‌نام", "روز"]
    assert text[ops[0].start:ops[0].end] == "آب کم است."


@pytest.mark.parametrize("body", [
    "وی گفت: کار تمام شد و افزود: خوب است.",
    "وی خاطر نشان کرد که کار ادامه دارد. او گفت آب کم است.",
    "وزیر با بیان اینکه کار ادامه دارد، افزود. استاندار از کشف ۲ تن خبر داد.",
    "گفت‌وگو با وی: گفتگو گفت گفت: اعلام کرد اعلام کرد که",  # verbs next to one another
])
def test_verb_scanners_match_where_a_full_scan_does(body):
    # each scanner's regex tried only where verb_starts finds a verb: the same matches as
    # finditer over the whole paragraph
    from helpers import quotes

    folded = fold(TITLE + body)
    start, end = len(TITLE), len(folded)
    verbs = quotes.verb_starts(folded, start, end)
    assert verbs
    for regex in (quotes._colon_verb_regex(), quotes._that_verb_regex(), quotes._final_verb_regex(),
                  quotes._bare_verb_regex()):
        full = [m.span() for m in regex.finditer(folded, start, end)]
        assert [m.span() for m in quotes._verb_matches(regex, folded, start, end, verbs)] == full
        assert [m.span() for m in quotes._verb_matches(regex, folded, start, end, None)] == full


VERB_PIECES = ["گفت", "اظهار", "داشت", "خاطر", "نشان", "کرد", "اعلام", " ", "  ", ZWNJ, "و", ":", "که", "،", "آب"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VERB_PIECES), max_size=25))
def test_verb_starts_are_where_the_verb_alternation_matches(pieces):
    # verb_starts scans with a prefix tree of the verbs: the same positions as the
    # longest-first alternation of verb_source
    import re

    from helpers import quotes

    folded = fold("".join(pieces))
    full = [m.start() for m in re.finditer(rf"(?=(?:{quotes.verb_source()}))", folded)]
    assert quotes.verb_starts(folded, 0, len(folded)) == full


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VERB_PIECES), max_size=25), st.integers(0, 30), st.integers(0, 30))
def test_word_starts_are_where_the_bounded_regex_matches(pieces, start, end):
    # word_starts checks the word start in Python instead of the regex's lookbehind: the same
    # positions as the zero-width bounded regex, overlapping verbs and a span's edges included
    # (the lookbehind sees the letter before ``start``; a match may not run past ``end``)
    import re

    from helpers.text import bounded, ending_a_word, entry_tree, word_starts

    folded = fold("".join(pieces))
    start, end = min(start, len(folded)), min(end, len(folded))
    tree = entry_tree(["گفت", "اظهار داشت", "خاطر نشان کرد", "داشت", "اعلام کرد", "آب"])
    full = [m.start() for m in re.finditer(rf"(?={bounded(tree)})", folded[:end])]
    full = [pos for pos in full if pos >= start]
    assert word_starts(re.compile(ending_a_word(tree)), folded, start, end) == full


# Characters around words that the word start test must read as the regex does: letters beyond
# the BMP («𝐀»), a symbol beyond it («😀»), a superscript digit (a \w that is no \d: a LETTER),
# Persian and ASCII digits, «_», guillemets, a line break, ZWNJ.
EDGE_PIECES = ["𝐀", "😀", "²", "۲", "7", "_", "«", "\n", ZWNJ, "وگفت", "و"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VERB_PIECES + EDGE_PIECES), max_size=25), st.integers(0, 30), st.integers(0, 30))
@example(["𝐀", "گفت", " ", "گفت"], 0, 30)  # a letter beyond the BMP: no word start after it
@example(["😀", "گفت", "²", "گفت", "۲", "گفت"], 0, 30)  # a symbol beyond the BMP is none; «²» is a LETTER
@example(["«", "گفت", "\n", "گفت"], 1, 30)  # the character before ``start`` read as well
def test_word_starts_after_any_character_are_the_bounded_regexs(pieces, start, end):
    # word_starts stops after one character of a class of the BMP's non-letters (and every
    # character beyond the BMP, checked in Python): the positions of the bounded regex
    import re

    from helpers.text import bounded, ending_a_word, entry_tree, word_starts

    folded = fold("".join(pieces))
    start, end = min(start, len(folded)), min(end, len(folded))
    tree = entry_tree(["گفت", "اظهار داشت", "خاطر نشان کرد", "داشت", "اعلام کرد", "آب"])
    full = [m.start() for m in re.finditer(rf"(?={bounded(tree)})", folded[:end])]
    assert word_starts(re.compile(ending_a_word(tree)), folded, start, end) == [pos for pos in full if pos >= start]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VERB_PIECES + EDGE_PIECES), max_size=25))
@example(["وگفت", " ", "𝐀", "وگفت", "۲", "وگفت", "و", "وگفت"])
def test_verb_positions_are_the_scan_of_every_verb(pieces):
    # the verbs at word starts, and the «و» glued to a verb with no letter before it, as one
    # scan of every position where a verb matches sorts them
    from helpers import quotes
    from helpers.text import LETTER_RE

    folded = fold("".join(pieces))
    starts, glued = [], []
    for pos in range(len(folded)):
        if not quotes._verb_ending_regex().match(folded, pos, len(folded)):
            continue
        if pos == 0 or not LETTER_RE.match(folded, pos - 1):
            starts.append(pos)
        elif folded[pos - 1] == "و" and (pos == 1 or not LETTER_RE.match(folded, pos - 2)):
            glued.append(pos - 1)
    assert quotes._verb_positions(folded, 0, len(folded)) == (starts, glued)


def test_the_non_letter_class_holds_every_bmp_character_that_is_no_letter():
    import re

    from helpers.text import LETTER_RE, _non_letter_class

    non_letter = re.compile(_non_letter_class())
    assert all(bool(non_letter.match(chr(code))) != bool(LETTER_RE.match(chr(code))) for code in range(0x10000))


def test_entry_regex_is_its_tokens_joined():

    for entry in ["گفت", "اظهار داشت", "خواستار … شد", "به گفته", f"این{ZWNJ}که"]:
        assert "".join(text_layer._entry_tokens(entry)) == text_layer.entry_regex(entry)


@pytest.mark.parametrize("body", ["به گفته وی، آب کم است.", "از نگاه او ۲۰ نفر آمدند.", "باران آمد.",
                                  "به‌گفته وی، آب کم است."])
def test_marker_openings_skip_only_paragraphs_without_a_marker_word(body):
    from helpers import quotes

    folded = fold(TITLE + body)
    start, end = len(TITLE), len(folded)
    found = quotes.marker_openings(folded, folded, 1, start, end)
    full = list(quotes._marker_regex("after_person").finditer(folded, start, end))
    assert [(o.lead_start, o.verb) for o in found] == [(m.end(), m.group()) for m in full]


@pytest.mark.parametrize("body", ["وی اشاره کرد وگفت: آب کم است.", "وگفت: آب", "او وگفت: و وافزود: ب",
                                  "ووگفت: آب", "۲وگفت: آب"])
def test_glued_verb_regex_finds_a_whole_word_و(body):
    # the lookbehind after the «و» is the same test as one before it
    import re

    from helpers import quotes

    folded = fold(body)
    verbs = "|".join(quotes.entry_regex(v.verb) for v in quotes.reporting_verbs())
    before = re.compile(rf"(?<!{quotes.LETTER})و(?P<verb>{verbs})(?!{quotes.LETTER}){quotes._COLON}")
    for start in range(len(folded)):
        assert [m.span() for m in quotes._glued_colon_verb_regex().finditer(folded, start)] == \
            [m.span() for m in before.finditer(folded, start)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?؟:：؛…۱2 ابم.", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_sentence_start_before_reads_marks_as_the_plain_pattern_did(text, a, b):
    import re


    floor, pos = sorted((min(a, len(text)), min(b, len(text))))
    start = floor
    for m in re.finditer(r"[.!?؟:：؛](?!\d)\s*|…\s*", text[floor:pos]):
        if text[floor + m.start()] == "." and text_layer.is_abbreviation_dot(text, floor + m.start()):
            continue
        start = floor + m.end()
    assert text_layer.sentence_start_before(text, pos, floor) == start


# ---------------------------------------------------------------- fast paths (long articles)
# Each fast path that keeps annotation linear in a single-line article's length is checked
# against the plain loop it replaced, written out here as the reference.

LONG_PIECES = ["ا" * 90, "ب" * 200, " ", "  ", ".", "م.", "۱", "؟", "…", ":", "؛", "وی گفت: ", "وی گفت که ",
               "به گفته وی، ", "وی افزود ", "آب کم است. "]


def plain_sentence_start_before(folded, pos, floor):
    start = floor
    for m in text_layer.STATEMENT_BREAK.finditer(folded, floor, pos):
        if folded[m.start()] == "." and text_layer.is_abbreviation_dot(folded, m.start()):
            continue
        start = m.end()
    return start


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LONG_PIECES), max_size=60), st.integers(0, 10_000), st.integers(0, 10_000))
def test_sentence_start_before_searching_backwards_finds_the_forward_scans_start(pieces, a, b):
    # windows of 256 characters, widened four times: marks far before pos, and none at all
    folded = fold("".join(pieces))
    floor, pos = sorted((min(a, len(folded)), min(b, len(folded))))
    assert text_layer.sentence_start_before(folded, pos, floor) == plain_sentence_start_before(folded, pos, floor)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12), st.integers(-2, 95),
       st.booleans(), st.booleans())
def test_span_index_holds_what_a_loop_over_the_spans_finds(spans, x, start_inclusive, end_inclusive):
    spans = [(start, start + length) for start, length in spans]
    index = text_layer.SpanIndex(spans)
    plain = any((a <= x if start_inclusive else a < x) and (x <= b if end_inclusive else x < b) for a, b in spans)
    assert index.holds(x, start_inclusive=start_inclusive, end_inclusive=end_inclusive) == plain


class PlainSpanIndex:
    """SpanIndex as the loop it replaced."""

    def __init__(self, spans):
        self.spans = list(spans)

    def holds(self, x, *, start_inclusive=True, end_inclusive=False):
        return any((a <= x if start_inclusive else a < x) and (x <= b if end_inclusive else x < b)
                   for a, b in self.spans)

    def covers(self, start, end):
        return False  # no shortcut: every paragraph cut into sentences and each one looked up


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12), st.integers(-2, 95),
       st.integers(0, 40))
def test_span_index_covers_a_range_when_it_holds_every_position(spans, start, length):
    # covers(start, end): one span over the whole range, so holds() is true all along it
    spans = [(a, a + n) for a, n in spans]
    index = text_layer.SpanIndex(spans)
    end = start + length
    assert index.covers(start, end) == any(a <= start and end <= b for a, b in spans)
    if index.covers(start, end):
        assert all(index.holds(x) for x in range(start, end))


def plain_ended_openings(text, ops, p_end):
    from helpers import quotes

    out = []
    for i, op in enumerate(ops):
        starts = [quotes._sentence_start(o) for o in ops[i + 1:] if quotes._sentence_start(o) >= op.start]
        limit = min(starts) if starts else p_end
        op.end = min(op.end, limit) if op.kind == "indirect" else limit
        op.start, op.end = quotes._strip_span(text, op.start, op.end)
        if op.end > op.start:
            out.append(op)
    return out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(LONG_PIECES + VERB_PIECES), max_size=60))
def test_find_openings_fast_paths_give_the_plain_loops_openings(pieces):
    # interval lookups (statements' lead-ins, earlier openings) and the backward pass that ends
    # each opening at the next one's sentence: the same openings as the loops over every pair
    from helpers import quotes

    text = TITLE + "".join(pieces)
    fast = [repr(o) for o in find_openings(text)]
    saved = quotes.SpanIndex, quotes._ended_openings
    quotes.SpanIndex, quotes._ended_openings = PlainSpanIndex, plain_ended_openings
    try:
        plain = [repr(o) for o in find_openings(text)]
    finally:
        quotes.SpanIndex, quotes._ended_openings = saved
    assert fast == plain


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(LONG_PIECES + VERB_PIECES), max_size=60))
def test_narrative_spans_fast_path_gives_the_plain_loops_sentences(pieces):
    from helpers.speakers import article

    text = TITLE + "".join(pieces)
    taken = [sentence_span(op) for op in find_openings(text)]
    fast = article._narrative_spans(text, taken)
    saved = article.SpanIndex
    article.SpanIndex = PlainSpanIndex
    try:
        plain = article._narrative_spans(text, taken)
    finally:
        article.SpanIndex = saved
    assert fast == plain


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["وی گفت", "وی گفت:", ":", " ", "آب", "۱۰:۳۰", "وگفت:", "نوشت :"]), max_size=30))
def test_colon_openings_take_each_colon_once(pieces):
    # a colon right after a verb statement's colon is that statement's, not a second opening:
    # the set of verb starts gives what the loop over every opening gave
    from helpers import quotes

    text = TITLE + "".join(pieces)
    folded = fold(text)
    found = quotes.colon_openings(text, folded, 1, len(TITLE), len(text))
    starts = [o.start for o in found]
    assert len(starts) == len(set(starts))
    verb_colons = {m.end() for m in quotes._colon_verb_regex().finditer(folded, len(TITLE), len(text))}
    assert verb_colons <= set(starts)


def test_a_verb_going_on_past_a_zwnj_opens_no_bare_statement():
    # «هشدار داد‌ه‌اند»: «داد» is not the verb's end, «ه‌اند» no statement
    from helpers.chars import ZWNJ
    from helpers.quotes import find_openings

    text = f"عنوان\nوزیر درباره نتایج نشست هشدار داد{ZWNJ}ه{ZWNJ}اند."
    assert not [op for op in find_openings(text) if op.rule.startswith("bare:")]
    assert [op.rule for op in find_openings("عنوان\nوزیر هشدار داد ۲۰ نفر آسیب دیدند.")] == ["bare:هشدار داد"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["وی گفت", "وگفت", "و گفت", "اعلام کرد", "واعلام کرد", "آبوگفت", "۲وگفت",
                                 ":", " ", "  ", "\n", "آب", ZWNJ, "و", "«"]), max_size=30))
def test_glued_verbs_are_found_where_the_verb_scan_says(pieces):
    # colon_openings looks for «وگفت:» only at the «و»s the article's verb scan found before a
    # verb (_verb_positions): the same openings as the glued regex run over every paragraph
    from helpers import quotes

    text = TITLE + "".join(pieces)
    folded = fold(text)
    verbs, glued = quotes._verb_positions(folded, 0, len(folded))
    assert verbs == quotes.verb_starts(folded, 0, len(folded))
    for index, p_start, p_end in text_layer.paragraph_spans(text):
        in_paragraph = [pos for pos in glued if p_start <= pos < p_end]
        given_glued = quotes.colon_openings(text, folded, index, p_start, p_end, glued=in_paragraph)
        looked_for = quotes.colon_openings(text, folded, index, p_start, p_end)
        assert repr(given_glued) == repr(looked_for)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VERB_PIECES + ["«", ".", "\n", "گو", "را", "۲"]), max_size=30))
def test_each_verb_read_once_finds_where_each_scanner_regex_matches(pieces):
    # _verbs_followed_by reads where each verb ends once and tries the scanners' tails there:
    # the colon regex's matches over the whole paragraph, and the same positions as each other
    # scanner's whole regex tried at every verb
    from helpers import quotes

    text = TITLE + "".join(pieces)
    folded = fold(text)
    for _, p_start, p_end in text_layer.paragraph_spans(text):
        verbs = quotes.verb_starts(folded, p_start, p_end)
        colons = [(m.start("verb"), m.end("verb"), m.end())
                  for m in quotes._colon_verb_regex().finditer(folded, p_start, p_end)]
        expected = (colons, *(quotes._verbs_matching(regex, folded, verbs, p_end) for regex in
                              (quotes._that_verb_regex(), quotes._final_verb_regex(), quotes._bare_verb_regex())))
        assert quotes._verbs_followed_by(folded, verbs, p_end) == expected


@pytest.mark.parametrize("verbs, once", [
    (["گفت", "اعلام کرد"], True),
    (["اعلام", "اعلام کرد"], False),  # «اعلام» ends where «اعلام کرد» goes on after a space
    (["می", f"می{ZWNJ}گوید"], False),  # «می» ends before the ZWNJ of «می‌گوید»
    (["گفت", "گفته"], True),  # «گفت» of «گفته» is followed by a letter: no verb ends there
    (["اظهار داشت", "اظهارداشت"], True),  # the same letters: one end
])
def test_verbs_end_once_unless_one_is_another_cut_at_a_word_end(monkeypatch, verbs, once):
    from helpers import quotes

    monkeypatch.setattr(quotes, "reporting_verbs", lambda: tuple(quotes.Verb(v, "neutral") for v in verbs))
    assert quotes._verb_ends_once.__wrapped__() is once


@pytest.mark.parametrize("colon", [":", "："])
def test_a_colon_of_either_width_opens_a_statement(colon):
    # colon_openings looks for «:» alone in a paragraph holding no «：»: either opens a statement
    from helpers import quotes

    text = f"وزیر زلزلگی کرد{colon} آب کم است."  # a compound verb the lexicon lacks
    ops = quotes.colon_openings(text, fold(text), 0, 0, len(text))
    assert [(op.rule, op.start) for op in ops] == [("verb:generic", text.index(colon) + 1)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["گفته", "باور", "باورها", "خواستار", "مدعی", "به", " ", "\n", "،", "گفتهگفته"]),
                max_size=30))
def test_a_paragraph_holds_a_word_where_one_of_its_occurrences_starts(pieces):
    # the article's occurrences read once, each paragraph asked by a bisection: the answer of
    # looking for each word in the paragraph
    from helpers.text import occurrences, paragraph_spans, starts_between

    text = "".join(pieces)
    words = ("گفته", "باور", "خواستار")
    positions = occurrences(text, words)
    assert positions == sorted(i for w in words for i in range(len(text)) if text.startswith(w, i))
    for _, start, end in paragraph_spans(text):
        assert starts_between(positions, start, end) == any(text.find(w, start, end) >= 0 for w in words)
