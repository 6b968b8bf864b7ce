"""helpers.statistics: the statistics table, the consistency checks, the seeds scored."""

import csv
import json
import subprocess
import sys

import pandas as pd
import pytest

from helpers.numbers import find_numbers
from helpers.statistics import CHECK_COLUMNS, STATISTIC_COLUMNS, consistency_checks, find_statistics

TEXT = (
    "عنوان خبر\n"
    "وی در سال ۱۴۰۲ گفت: در حوزه ترافیک نزدیک به ۶۸۰ هزار وسیله نقلیه داریم که ۶۳۰ هزار خودرو "
    "و حدود ۵۰ هزار موتورسیکلت است.\n"
    "روزانه بیش از ۳ هزار تماس با ۱۱۰ انجام می‌شود که هر ساعت ۱۲۶ مورد است.\n"
    "از ۲۰۰ پرونده، ۵۰ پرونده یعنی ۲۵ درصد به سازش رسید.\n"
    "روزانه ۲۴۰۰ تماس و هر ساعت ۵۰ تماس ثبت شد."
)


def _stats():
    return find_statistics(find_numbers(TEXT, article_id="a"))


def test_only_statistics_with_gold_columns():
    stats = _stats()
    assert list(stats.columns) == STATISTIC_COLUMNS
    # the year and the phone line are numbers but not statistics
    assert 1402 not in set(stats["value"]) and 110 not in set(stats["value"])
    assert list(stats["stat_id"]) == list(range(1, len(stats) + 1))
    assert (stats["speaker_id"] == "").all()


def test_empty_numbers_give_empty_table():
    assert list(find_statistics(find_numbers("")).columns) == STATISTIC_COLUMNS
    assert list(consistency_checks(find_statistics(find_numbers(""))).columns) == CHECK_COLUMNS


def _check(checks, kind, expected):
    rows = checks[(checks["check"] == kind) & (checks["expected"].round(3) == round(expected, 3))]
    assert len(rows) == 1, checks
    return rows.iloc[0]


def test_parts_against_total():
    # 630 000 + 50 000 = 680 000 (the total stated first)
    row = _check(consistency_checks(_stats()), "parts_sum", 680_000)
    assert row["stated"] == 680_000 and row["verdict"] == "consistent"


def test_daily_against_hourly_rate():
    checks = consistency_checks(_stats())
    # 3 000 a day / 24 = 125 against 126 an hour: consistent
    assert _check(checks, "rate", 125)["verdict"] == "consistent"
    # 2 400 a day / 24 = 100 against 50 an hour: inconsistent
    row = _check(checks, "rate", 100)
    assert row["stated"] == 50 and row["verdict"] == "inconsistent"


def test_share_of_a_whole():
    # 50 of 200 cases is 25 %, as stated
    row = _check(consistency_checks(_stats()), "share", 25)
    assert row["stated"] == 25 and row["verdict"] == "consistent"
    assert row["stat_ids"].count(",") == 2


def test_checks_stay_within_an_article():
    one = find_statistics(find_numbers("روزانه ۳ هزار تماس ثبت شد.", article_id="x"))
    two = find_statistics(find_numbers("هر ساعت ۵۰ تماس ثبت شد.", article_id="y"))
    assert consistency_checks(pd.concat([one, two])).empty


def test_seed_export_meets_targets(gold_paths, tmp_path):
    """Write statistics.csv and articles.csv for the seeds and score them with the shared scorer."""
    gold_file, scorer = gold_paths
    from helpers.paths import CORPUS_DIR

    articles, frames = [], []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        try:
            from helpers.clean import clean_text

            text = clean_text(text)
        except ImportError:
            pass
        articles.append({"article_id": path.stem, "text": text})
        frames.append(find_statistics(find_numbers(text, article_id=path.stem)))
    pd.DataFrame(articles).to_csv(tmp_path / "articles.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    pd.concat(frames).to_csv(tmp_path / "statistics.csv", index=False)
    result = subprocess.run([sys.executable, str(scorer), str(gold_file), str(tmp_path), "--json", "--quiet"],
                            capture_output=True, text=True, check=False)
    figures = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    assert figures["statistics_f1"] >= 0.95
    assert figures["statistics_unit"] >= 0.9
    assert figures["statistics_qualifier"] >= 0.95


# Sentences written for the tests in the shapes the bench audit found misread: each pair is the
# sentence and the (value, unit) the statistics table must hold for it; None: no statistic.
AUDIT_SENTENCES = [
    ("وی گفت: هشت کتابخانه عمومی در استان فعال است.", [(8, "کتابخانه")]),  # small word count
    ("بیش از دو\u200cمیلیون و 300 هزار نفر بیمه شدند.", [(2_300_000, "نفر")]),  # glued scale word
    ("این حادثه 18 سال پیش رخ داد.", None),  # a point in time
    ("انتخابات هر 4 سال یک\u200cبار برگزار می‌شود.", None),  # a frequency
    ("با سامانه 137 تماس بگیرید؛ در اردوگاه اشرف 2، غذا توزیع شد.", None),  # hotline, label
    ("حدود 1.5 - 2 میلیون تن گندم خرید.", [(1_750_000, "تن")]),  # dash range with a scale word
    ("کاهش 10، 20 و 30 درصدی ثبت شد.", [(10, "درصد"), (20, "درصد"), (30, "درصد")]),  # list sharing a unit
]


@pytest.mark.parametrize("text,expected", AUDIT_SENTENCES)
def test_audit_sentences(text, expected):
    stats = find_statistics(find_numbers(text, article_id="a"))
    got = [(round(v, 3), u) for v, u in zip(stats["value"], stats["unit"])]
    assert got == ([(round(v, 3), u) for v, u in expected] if expected else []), stats[["surface", "rule"]]
