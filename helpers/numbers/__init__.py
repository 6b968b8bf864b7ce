"""Numbers in Persian running text: find them, parse their value, tell what kind they are.

``parse_number`` reads one number phrase («۱.۷ میلیون», «یک هزار و 300 میلیارد», «دو و نیم
میلیون», «یک سوم») and returns its value with every scale word applied. ``find_numbers`` finds
every number mention in an article and returns one row each with its kind (statistic, date,
time, ordinal, identifier, period, other), unit, qualifier, change and period.

How it works, in one pass that is linear in the text's length:

1. The text is *folded* (:func:`helpers.text.fold_with_offsets`) into a same-purpose copy
   (Arabic ي/ك → ی/ک, diacritics and tatweel dropped) with a map back to the original
   offsets, so spans always index the text given.
2. The folded text is cut into tokens: digit runs (any script, with «. , ٫ ٬ / :» between
   digits), letter runs (ZWNJ kept inside a word) and the percent signs.
3. Tokens that are numbers (digit runs, number words from ``lexicons/number_words.tsv``,
   possibly with a glued ending such as «هزارنفر», «میلیاردی», «هفتمین») are grouped into
   phrases: juxtaposed scale words («۱.۷ میلیون»), «و» between parts that compose
   («یک هزار و ۳۰۰»), fractions («سه چهارم») and ranges («بین ۱۰ تا ۱۵»).
4. The words around each phrase give its unit, hedge, change, period and kind, all read from
   lexicons in ``helpers/lexicons/`` (units, hedges, change_words, periods,
   number_context_cues, number_hotlines, number_unit_stopwords, number_compound_units).

Modules: :mod:`~helpers.numbers.vocabulary` (the lexicons), :mod:`~helpers.numbers.tokens`
(step 2), :mod:`~helpers.numbers.parse` (atoms, phrases: step 3), :mod:`~helpers.numbers.context`
(step 4) and :mod:`~helpers.numbers.table` (the rows). This package's names are the public API.
"""

from .parse import parse_digits, parse_number
from .table import KINDS, NUMBER_COLUMNS, find_numbers, number_columns, number_frame
from .vocabulary import unit_kind

__all__ = ["KINDS", "NUMBER_COLUMNS", "find_numbers", "number_columns", "number_frame", "parse_digits",
           "parse_number", "unit_kind"]
