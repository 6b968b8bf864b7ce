"""Named characters and digit maps. Invisible characters never appear unnamed in a literal."""

ZWNJ = "\u200c"  # zero-width non-joiner: keeps «می» and «ها» visually apart but in one word
ZWJ = "\u200d"
BOM = "\ufeff"
NBSP = "\u00a0"
TATWEEL = "\u0640"
RLM = "\u200f"
LRM = "\u200e"
# Marks that carry no letters and that editors paste into Persian text.
INVISIBLE_MARKS = (ZWJ, RLM, LRM, BOM, "\u202a", "\u202b", "\u202c", "\u202d", "\u202e")

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
ALL_DIGITS = PERSIAN_DIGITS + ARABIC_INDIC_DIGITS + LATIN_DIGITS

ARABIC_DECIMAL_SEPARATOR = "\u066b"  # «٫»
ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # «٬»

DIGIT_SCRIPTS = {"persian": PERSIAN_DIGITS, "arabic": ARABIC_INDIC_DIGITS, "latin": LATIN_DIGITS}

_TO_LATIN = {ord(d): str(i % 10) for i, d in enumerate(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS)}


def digits_to_latin(text: str) -> str:
    """Return ``text`` with Persian and Arabic-Indic digits written as Latin ones."""
    return text.translate(_TO_LATIN)


def unify_digits(text: str, script: str = "persian") -> str:
    """Return ``text`` with every digit, of any script, written in ``script``.

    ``script`` is one of ``"persian"``, ``"arabic"``, ``"latin"``. Only digits change;
    separators, which carry the number's meaning, are left as written.
    """
    if script not in DIGIT_SCRIPTS:
        raise ValueError(f"unknown digit script {script!r}; choose one of {sorted(DIGIT_SCRIPTS)}")
    target = DIGIT_SCRIPTS[script]
    table = {ord(d): target[i % 10] for i, d in enumerate(ALL_DIGITS)}
    return text.translate(table)


def is_digit(char: str) -> bool:
    """True for a decimal digit of any of the three scripts Persian news uses."""
    return char in ALL_DIGITS
