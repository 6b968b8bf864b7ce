"""Person resolution: mentions of one article resolved to persons in text order.

The same name (compared by ending, so a surname finds the full name), the same office (by role
and place), a pronoun or an omitted subject for the last person the text spoke of; a name
given alone right after an office-only speaker names that speaker. :class:`_Registry` holds the
persons of one article while it is read: the one object of an article's reading that changes as
the text goes on, created afresh for each article by :func:`helpers.speakers.read_speakers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..quotes import (
    function_words,
)
from ..text import (
    fold,
)
from .mentions import Mention
from .vocabulary import (
    _ONE_PER_PLACE,
    _PLACE_WORD_SET,
    _WORD_RE,
    _key,
    _places,
    _stopwords,
    looks_like_person_name,
    offices,
)

# ---------------------------------------------------------------- persons


def same_name(a: str, b: str) -> bool:
    """True when one name ends with the other (folded, spaces dropped), at least 3 letters."""
    a, b = _key(a), _key(b)
    # The shorter first, ``a`` on a tie (as sorted by length): asked for every person at each
    # mention with a name, where sorted() with a key cost more than the comparison.
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 3 and long_.endswith(short)


@dataclass
class Person:
    name: str = ""
    honorific: str = ""
    office: str = ""
    role: str = ""
    organisation: str = ""
    place: str = ""
    province: str = ""
    start: int = 0
    end: int = 0
    rule: str = ""
    mentions: int = 0
    speaks: bool = False
    order: int = 0
    first_speech: int = 0
    # Other titles the article gives the person: (office, role, place).
    aliases: list = field(default_factory=list)

    def absorb(self, m: Mention) -> None:
        if m.name and len(_key(m.name)) > len(_key(self.name)):
            self.name = m.name
        if m.honorific and not self.honorific:
            self.honorific = m.honorific
        if m.office and not self.office:
            self.office, self.role, self.organisation = m.office, m.role, m.organisation
            self.place, self.province = m.place, m.province
        elif m.office and m.place and not self.place:
            self.place, self.province = m.place, m.province
        if m.office and _key(m.office) != _key(self.office) and not m.generic \
                and all(_key(m.office) != _key(a[0]) for a in self.aliases):
            self.aliases.append((m.office, m.role, m.place))
        self.mentions += 1


# The office's word functions below are asked again and again for the same few offices of an
# article while persons are resolved: memoised, bounded.
@lru_cache(maxsize=4096)
def _office_words(office: str) -> frozenset[str]:
    words = set(_WORD_RE.findall(fold(office)))
    return frozenset(w for w in words if w not in _stopwords() and w not in _PLACE_WORD_SET)


def _offices_compatible(p: Person, m: Mention) -> bool:
    """True when ``m``'s office is the office of ``p`` or one of the other titles ``p`` was
    given in the article (``Person.aliases``); see :func:`_office_compatible`."""
    if _office_compatible(p.office, p.role, p.place, m):
        return True
    return any(_office_compatible(office, role, place, m) for office, role, place in p.aliases)


def stops_follow_on(p: Person, m: Mention, *, opens_sentence: bool) -> bool:
    """Whether mention ``m``, in a paragraph after ``p``'s statement, shows the narrator's
    words rather than ``p``'s going on: a mention opening its sentence (its subject), anyone
    named, or one of ``p``'s own offices (the narrator speaking of the speaker). An office
    alone further into a sentence («کسی به عنوان مدیرکل جدید ... معرفی می‌شود») is a role
    spoken of, which the speaker may speak of too."""
    return opens_sentence or m.kind != "office" or bool(m.name) or _offices_compatible(p, m)


def _office_compatible(p_office: str, p_role: str, p_place: str, m: Mention) -> bool:
    """Same role, no conflicting places, and (for roles many people hold) the same office.

    Offices are compared by their distinctive words: place names and the generic words of
    offices («مدیرکل», «رئیس», «سازمان», «اداره») left out. «مدیر جهاد کشاورزی قائم‌شهر» and
    «مدیر جهاد کشاورزی شهرستان قائم‌شهر» are one office, and so are «دادستان کرمانشاه» and
    «دادستان عمومی و انقلاب مرکز استان کرمانشاه» (the shorter one's words all stand in the
    longer one); «مدیرکل بهزیستی» and «مدیرکل آموزش و پرورش» are two.
    """
    if not p_role or p_role != m.role:
        return False
    if p_place and m.place and _key(p_place) != _key(m.place):
        return False
    if p_role in _ONE_PER_PLACE:
        return True
    place_words = set(_WORD_RE.findall(fold(f"{p_place} {m.place}")))
    all_a, all_b = _office_words(p_office) - place_words, _office_words(m.office) - place_words
    a, b = all_a - _generic_office_words(), all_b - _generic_office_words()
    if _subordinate_words(p_office) != _subordinate_words(m.office):
        return False  # «مشاور مدیرکل منابع طبیعی» is not «مدیرکل منابع طبیعی»
    lead_a, lead_b = _generic_lead(p_office), _generic_lead(m.office)
    if not a or not b:
        return bool(a or b or p_office) and (lead_a.startswith(lead_b) or lead_b.startswith(lead_a))
    a = _spelt_alike(a, b)
    short, long_ = sorted((a, b), key=len)
    if short <= long_ or len(a & b) / len(short) >= 0.6:
        return True
    # «رئیس پلیس راهور» and «رئیس پلیس راهنمایی و رانندگی»: mostly the same words, one of
    # them distinctive.
    return bool(a & b) and len(all_a & all_b) / min(len(all_a), len(all_b)) >= 0.6


def _spelt_alike(words: set[str], others: set[str]) -> set[str]:
    """``words`` with each word that is a one-letter misspelling of a word of ``others`` written
    as that word: news misspells an office the second time («سازمان استاندار» for «سازمان
    استاندارد», «امینت» for «امنیت»), and the two spellings are one office. Words of five
    letters or more only (a letter more or less, one changed, two swapped)."""
    out = set()
    for word in words:
        near = next((o for o in others if o != word and o not in words and _one_letter_apart(word, o)), None)
        out.add(near or word)
    return out


def _one_letter_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` (five letters or more) differ by one letter added, dropped or
    changed, or by two neighbouring letters swapped."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = sorted((a, b), key=len)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


def _distinctive_words(office: str, *places: str) -> set[str]:
    """An office's words that are no generic office word, place word, stopword or word of
    ``places`` («مجلس»)."""
    place_words = set(_WORD_RE.findall(fold(" ".join(places))))
    return _office_words(office) - _generic_office_words() - place_words - _place_name_words()


@lru_cache(maxsize=None)
def _place_name_words() -> frozenset[str]:
    """Every word of the gazetteer's place names, folded."""
    return frozenset(w for p in _places() for w in p[0].split())


@lru_cache(maxsize=4096)
def _generic_lead(office: str) -> str:
    """The generic words an office opens with, joined («مدیرکل» for «مدیر کل آموزش و پرورش»)."""
    lead = []
    for word in _WORD_RE.findall(fold(office)):
        if word not in _generic_office_words():
            break
        lead.append(word)
    return "".join(lead)


# Words that make an office a second to another one («معاون مدیرکل», «مشاور استاندار»,
# «سخنگوی شورا»): two offices are one person's only when they hold the same of these
# (``speaker_function_words.tsv``, use subordinate).
_SUBORDINATE = frozenset(fold(w) for w in function_words("subordinate"))


@lru_cache(maxsize=4096)
def _subordinate_words(office: str) -> frozenset[str]:
    """The words of :data:`_SUBORDINATE` in an office's generic opening words."""
    words = []
    for word in _WORD_RE.findall(fold(office)):
        if word not in _generic_office_words() and word != "و":
            break
        words.append(word)
    return frozenset(words) & _SUBORDINATE


@lru_cache(maxsize=None)
def _generic_office_words() -> frozenset[str]:
    """Words of the offices that name no organisation of their own (``offices.tsv`` rows with
    an empty organisation: «مدیرکل», «رئیس», «سازمان», «اداره», «معاون»...)."""
    return frozenset(w for o in offices() if not o.organisation for w in _WORD_RE.findall(fold(o.office)))


# «ولی» and «اما» open a clause more often than a name («ولی متأسفانه ...»).
_CONJUNCTIONS = frozenset(fold(w) for w in function_words("clause_conjunction"))


def _full_name(name: str) -> bool:
    """Whether words said alone are a person's full name: they open with a known first name
    that is not also a conjunction."""
    words = _WORD_RE.findall(fold(name))
    return looks_like_person_name(name) and bool(words) and words[0] not in _CONJUNCTIONS


class _Registry:
    """Persons of one article, and the last one the text spoke of."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self.last: Person | None = None
        self.note = ""
        self.isolated = False  # inside a headline digest item: see find_speakers_and_quotes
        self._names_key: tuple[str, ...] = ()  # the persons' names known_names() was built for
        self._names: tuple[str, ...] = ()

    def resolve(self, m: Mention, *, continuing: bool = False) -> Person | None:
        """The person ``m`` refers to, a new one when none fits. ``continuing``: the statement
        goes on from the last speaker's (a continuing verb in the same paragraph, «در ادامه»).
        ``self.note`` says which of the looser links below was used ("" for none)."""
        self.note = ""
        if m.kind == "pronoun":
            if self.last is not None:
                self.last.mentions += 1
            return self.last
        person = None
        if self.isolated:
            if m.name:
                person = next((p for p in self.persons if p.name and same_name(p.name, m.name)), None)
            if person is None and not (m.office and m.generic):
                person = Person(start=m.start, end=m.end, rule=m.rule, order=len(self.persons))
                self.persons.append(person)
            if person is not None:
                person.absorb(m)
            self.last = person
            return person
        if m.name:
            person = next((p for p in self.persons if p.name and same_name(p.name, m.name)), None)
            if person is None and m.office:
                person = next((p for p in reversed(self.persons) if not p.name and _offices_compatible(p, m)), None)
            # «نماینده مجلس گفت: ...» then «مهدی عیسی زاده عضو کمیسیون اجتماعی مجلس ...»: the
            # first name given after an office-only speaker of the same kind, in the same body
            # («مجلس»), names that speaker.
            if person is None and m.office and self.last is not None and not self.last.name \
                    and self.last.role == m.role and m.role != "other" \
                    and _distinctive_words(self.last.office, m.place) & _distinctive_words(m.office, self.last.place) \
                    and not (self.last.place and m.place and _key(self.last.place) != _key(m.place)):
                person, self.note = self.last, "+names_office_speaker"
            if person is None and not m.office and self.last is not None:
                if not self.last.name:
                    person = self.last
                elif m.rule == "bare_name" and not m.quoted and not _full_name(m.name):
                    # Words said alone, never met before, while someone is speaking: news
                    # varies how it refers to the speaker («سرمربی تیم ...», «این مقام»), and a
                    # new speaker is introduced with an office, a title or a full name (one
                    # opening with a known first name, or in guillemets). Keep the speaker.
                    self.last.mentions += 1
                    return self.last
        elif m.office and m.generic:
            # «معاون گفت»: a generic office word alone names a person already met, or no one.
            person = next((p for p in reversed(self.persons) if p.role == m.role and p.name
                           and _WORD_RE.findall(fold(p.office))[:1] == _WORD_RE.findall(fold(m.office))[:1]), None)
            if person is None:
                return None
        elif m.office:
            person = next((p for p in reversed(self.persons) if _offices_compatible(p, m)), None)
            # «سردار میرفیضی ... گفت» then «فرمانده انتظامی استان قم گفت»: an office given
            # alone right after a person named without office is that person's office.
            if person is None and self.last is not None and self.last.name and not self.last.office:
                person = self.last
            # «محمد اسماعیلی، عضو کمیسیون ... مجلس» then «نماینده مردم زنجان»: a second office
            # of the same kind, given alone, is the last named person's other title.
            # So is one given right after an office-only speaker's («نماینده مجلس گفت» then
            # «عضو کمیسیون امنیت ملی ادامه داد»): news names one official by two titles (an
            # office the narrative only spoke of is not taken for the same person).
            elif person is None and self.last is not None and (self.last.name or (self.last.office and self.last.speaks)) \
                    and self.last.role == m.role and m.role not in ("director", "other") \
                    and not (self.last.place and m.place and _key(self.last.place) != _key(m.place)):
                person, self.note = self.last, "+other_title"
            # «وی ادامه داد: ... معاون وزیر راه و شهرسازی افزود: ...»: an office never met,
            # given alone with a continuing verb right after the named speaker's statements, is
            # that speaker's other title.
            elif person is None and continuing and self.last is not None and self.last.name:
                person, self.note = self.last, "+continuing"
        if person is None:
            person = Person(start=m.start, end=m.end, rule=m.rule, order=len(self.persons))
            self.persons.append(person)
        person.absorb(m)
        self.last = person
        return person

    def known_names(self) -> tuple[str, ...]:
        """Names of the persons met so far (folded, full and surname), longest first. Asked
        for every sentence: rebuilt only when a person was added or their name changed."""
        key = tuple([p.name for p in self.persons])  # a list first: a generator costs more here
        if key != self._names_key:
            self._names_key, self._names = key, self._build_known_names()
        return self._names

    def _build_known_names(self) -> tuple[str, ...]:
        names = set()
        for p in self.persons:
            if p.name:
                words = _WORD_RE.findall(fold(p.name))
                names.add(" ".join(words))
                if words and len(words[-1]) >= 3:
                    names.add(words[-1])
        return tuple(sorted(names, key=len, reverse=True))
