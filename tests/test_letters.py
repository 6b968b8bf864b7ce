"""Letters and cleaning, issue 17: presentation forms read as their letters (an article in
presentation forms gives the tables of the same article in plain letters), and cleaning that is
idempotent and never changes a digit, on any input."""

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers.chars import ALL_DIGITS
from helpers.clean import clean_text
from helpers.load import load_corpus
from helpers.paths import CORPUS_DIR
from helpers.pipeline import annotate_article
from helpers.text import fold_presentation_forms

_POSITION = re.compile(r"<(isolated|initial|medial|final)> (.*)")


def _shapes() -> tuple[dict, dict]:
    """From the Unicode data: letter → {position: presentation form}, and the lam-alef ligatures."""
    forms, ligatures = {}, {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        found = _POSITION.fullmatch(unicodedata.decomposition(chr(code)))
        if not found:
            continue
        letters = "".join(chr(int(c, 16)) for c in found[2].split())
        if len(letters) == 1 and "\u0621" <= letters <= "\u06ff":
            forms.setdefault(letters, {}).setdefault(found[1], chr(code))
        elif len(letters) == 2 and letters[0] == "\u0644":
            ligatures.setdefault(letters, {}).setdefault(found[1], chr(code))
    return forms, ligatures


_FORMS, _LIGATURES = _shapes()


def to_presentation_forms(text: str) -> str:
    """``text`` as an old PDF writes it: each letter in the form of its position in the word,
    «لا» as one ligature. The test's own shaper, from the Unicode data, sharing no code with
    the fold."""
    def joins_forward(ch: str) -> bool:
        return ch in _FORMS and ("initial" in _FORMS[ch] or "medial" in _FORMS[ch])

    out, i = [], 0
    while i < len(text):
        ch = text[i]
        after_joining = i > 0 and joins_forward(text[i - 1])
        pair = text[i:i + 2]
        if pair in _LIGATURES:
            out.append(_LIGATURES[pair].get("final" if after_joining else "isolated", pair))
            i += 2
            continue
        if ch not in _FORMS:
            out.append(ch)
            i += 1
            continue
        before_joining = i + 1 < len(text) and text[i + 1] in _FORMS and joins_forward(ch)
        position = {(True, True): "medial", (True, False): "final", (False, True): "initial"}.get(
            (after_joining, before_joining), "isolated")
        out.append(_FORMS[ch].get(position) or _FORMS[ch].get("isolated") or ch)
        i += 1
    return "".join(out)


# presentation forms → letters; each line says what it checks
FOLD_CASES = [
    ("\ufee3\ufeb4\ufe8c\ufeee\ufefc\ufee5", "مسئولان"),  # yeh with hamza kept; lam-alef final → two letters
    ("\ufe81\ufead\ufe8e\ufee3\ufeb6", "آرامش"),  # alef with madda kept
    ("\ufbfe\ufbff", "یی"),  # Farsi yeh initial and medial (U+FBFE, U+FBFF)
    ("\ufefb", "لا"),  # lam-alef isolated
    ("\ufef5", "لآ"),  # lam-alef with madda
    ("\ufb8f\ufb91\ufeae", "ککر"),  # keheh forms
    ("abc ۱۲۳ متن", "abc ۱۲۳ متن"),  # nothing to fold: the same text
]


@pytest.mark.parametrize("forms,letters", FOLD_CASES)
def test_fold_presentation_forms(forms, letters):
    assert fold_presentation_forms(forms) == letters


def test_the_shaper_writes_presentation_forms():
    shaped = to_presentation_forms("مسئولان گفتند")
    assert shaped != "مسئولان گفتند" and all(ord(ch) >= 0xFB50 or ch == " " for ch in shaped)
    assert fold_presentation_forms(shaped) == "مسئولان گفتند"


@pytest.mark.parametrize("stem", ["000_3ea94640b77811ba", "002_f275e1026bd37cb4"])
def test_an_article_in_presentation_forms_gives_the_same_tables(stem):
    article = next(row for row in load_corpus(CORPUS_DIR).to_dict("records") if row["article_id"] == stem)
    shaped = {**article, "raw_text": to_presentation_forms(article["raw_text"])}
    assert shaped["raw_text"] != article["raw_text"]
    plain, formed = annotate_article(article), annotate_article(shaped)
    for name, table in plain.items():
        other = formed[name].drop(columns=["raw_text"], errors="ignore")
        assert other.equals(table.drop(columns=["raw_text"], errors="ignore")), name


_DIGITS = set(ALL_DIGITS)
_PERSIAN_AND_FORMS = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.characters(
    min_codepoint=0xFB50, max_codepoint=0xFEFF) | st.sampled_from(' \n"«».:-\u200c\u00ad')
_TEXTS = st.text(_PERSIAN_AND_FORMS, max_size=60) | st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
@example('""1')  # quotes around nothing: «» on the second pass (issue 17)
@example("هه\u06dfاستاندار")  # a mark between two words: a ZWNJ on the second pass (issue 17)
def test_cleaning_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_cleaning_changes_no_digit(text):
    # a removed line takes its digits with it; a kept digit is never changed, added or moved
    remaining = iter(ch for ch in text if ch in _DIGITS)
    assert all(ch in remaining for ch in clean_text(text) if ch in _DIGITS)


# raw line → cleaned text (normalize_and_repair); each line says which issue 17 rule it checks
ZWNJ_CASES = [
    ("نمی\u200c\u200cتوان", "نمی\u200cتوان"),  # a doubled ZWNJ keeps one
    ("برنامه\u00adها", "برنامه\u200cها"),  # a soft hyphen dropped, the ZWNJ the word needs put back
    ("میز\u00adان", "میزان"),  # a soft hyphen as a hyphenation point: the word stays whole
    ("بر می گردیم", "برمی\u200cگردیم"),  # preverb + «می» + verb
    ("برمیگردد", "برمی\u200cگردد"),  # the same, written joined
    ("در را باز می کند", "در را باز می\u200cکند"),  # «باز» before «می‌کند» is «open», no preverb
    ("در میان جمع", "در میان جمع"),  # «میان» is no verb: nothing joins
    ("در ماه می برگزار شد", "در ماه می برگزار شد"),  # «می» the month after «ماه»
    ("۱۰ می سال جاری", "۱۰ می سال جاری"),  # «می» the month after a number
    ("کار گزار", "کارگزار"),  # a bound part after a non-joining letter
    ("تولید کننده", "تولیدکننده"),
    ("او کار کرد", "او کار کرد"),  # «کرد» is no bound part: the space stays
    ("رو در رو", "رو در رو"),  # «رو» is no bound part
    ("سردار حاجیزاده گفت", "سردار حاجیزاده گفت"),  # a surname in «زاده» stays whole
]


@pytest.mark.parametrize("raw,cleaned", ZWNJ_CASES)
def test_zwnj_rules_of_cleaning(raw, cleaned):
    assert clean_text(f"عنوان\n{raw}").split("\n")[1] == cleaned


# raw article → cleaned text; each line says which line rule it checks
LINE_CASES = [
    ("عنوان\n3\nمتن", "عنوان\n3\nمتن"),  # a line holding only a number is content
    ("عنوان\n۱۴۰۲/۰۵/۱۲ - ۱۲:۳۰\nمتن", "عنوان\nمتن"),  # a date and time line goes
    ("عنوان\nمتن خبر اینجاست. پایان پیام/", "عنوان\nمتن خبر اینجاست."),  # the end mark closing a paragraph
    ("عنوان\nمتن خبر (انتهای پیام)", "عنوان\nمتن خبر"),
    ("عنوان\nمتن خبر\nپایان پیام", "عنوان\nمتن خبر"),  # the same mark on its own line
    ("عنوان\nاز آغاز تا پایان خبر را خواندم.", "عنوان\nاز آغاز تا پایان خبر را خواندم."),  # words, no mark
]


@pytest.mark.parametrize("raw,cleaned", LINE_CASES)
def test_line_rules_of_cleaning(raw, cleaned):
    assert clean_text(raw) == cleaned
