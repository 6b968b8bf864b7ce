"""Who speaks in an article, in which office, and what each of them says.

:func:`find_speakers_and_quotes` reads an article's cleaned text and returns two tables:

* **speakers**, one row per person whose words the article reports (however the article names
  them: full name, surname, office only, «وی», a headline «سردار حسن‌پور: ...»);
* **quotes**, one row per reported statement, linked to its speaker by ``speaker_id``.

How it works, in order:

1. :func:`helpers.quotes.find_openings` finds statements («... گفت: ...», «به گفته وی، ...»,
   «... گفت که ...») and the lead-in of each, where the speaker is named.
2. :func:`find_mentions` (:mod:`helpers.speakers.mentions`) reads a lead-in (or a sentence
   of narrative) for mentions of people: an honorific and a name («دکتر عبدالحسن مقتدایی»),
   an office («استاندار خوزستان», with the name beside it when given), a pronoun («وی»), a
   bare name at the start («پورعلی»).
3. Mentions are resolved to persons in text order (:mod:`helpers.speakers.persons`): the
   same name (compared by ending, so a surname finds the full name), the same office (by role
   and place), a pronoun or an omitted subject for the last person the text spoke of; a name
   given alone right after an office-only speaker names that speaker.
4. :mod:`helpers.speakers.article` walks the article (headline digests, interviews
   (:mod:`helpers.speakers.interviews`), a title «Name: statement» included) and builds both
   tables; :mod:`helpers.speakers.vocabulary` loads the lexicons.

The event and audience of an article (:func:`article_event`, :mod:`helpers.events`) and the
speaker of each statistic (:func:`speaker_ids_for_spans`, :mod:`helpers.attribution`) live in
their own modules and are re-exported here, where the export has always imported them.

Lexicons: each module names the ones it reads in its ``LEXICONS`` and its docstring
(:mod:`helpers.speakers.vocabulary`, :mod:`helpers.speakers.article`, and :mod:`helpers.quotes`
for reporting verbs, quote markers, pronouns and function words).
"""

from ..attribution import speaker_for_spans, speaker_ids_for_spans
from ..events import article_event
from .article import (
    QUOTE_COLUMNS,
    SPEAKER_COLUMNS,
    SpeakerReading,
    find_speakers_and_quotes,
    read_speakers,
    speaker_quote_columns,
)
from .mentions import Mention, find_mentions, match_office
from .persons import Person, same_name
from .vocabulary import ROLES, Office, looks_like_person_name, offices, province_of

__all__ = [
    "QUOTE_COLUMNS", "ROLES", "SPEAKER_COLUMNS", "Mention", "Office", "Person", "SpeakerReading",
    "article_event", "find_mentions", "find_speakers_and_quotes", "looks_like_person_name",
    "match_office", "offices", "province_of", "read_speakers", "same_name", "speaker_for_spans",
    "speaker_ids_for_spans", "speaker_quote_columns",
]
