"""Actors in a news text: who is mentioned, by which labels, and in which role.

Five functions, each a tidy frame with character offsets as evidence:

* :func:`mentions`: one row per mention of an actor of an :class:`ActorTable` (default
  :data:`DEFAULT_ACTORS`), found by alias, or by simple coreference for the common news patterns;
  with ``discover=True`` also the proper names the table does not know (:func:`proper_names`);
  :func:`document_mentions` runs it over a corpus, each document with its date;
* :func:`proper_names`: capitalised name sequences with a type (a small model trained on UD GUM's
  entities, or rules), so that a text gets its cast without a table;
* :func:`labels`: the epithets attached to each mention: pre-nominal titles ("North Korean leader
  Kim Jong Un"), descriptions used to refer ("the North Korean leader"), appositions
  ("Sergei Lavrov, Russia's foreign minister,") and possessives ("his sanctioned regime");
* :func:`roles`: agent, patient or other, and the verb, from part-of-speech patterns.

Method. Surface forms are matched on word boundaries, case-sensitively, longest first. Each
actor has

* ``aliases``: names that refer to it ("Vladimir Putin", "Putin", "DPRK"). A multi-word alias
  belongs to one actor; a one-word alias ("Kim") may be shared by several persons (a surname),
  and is resolved in the text (below);
* ``titles``: descriptions ("North Korean leader"), each valid for a period (:class:`Title`,
  ``since``/``until`` ISO dates, open when None), so one title can belong to successive holders
  (Kim Il Sung to 1994, Kim Jong Il 1994-2011, Kim Jong Un from December 2011). Directly before
  a person's name, a title is an epithet of that one mention ("North Korean leader Kim Jong Un"
  is one mention of Kim, not of North Korea). After "the" (optionally with up to two lower-case
  modifiers: "the respected General Secretary") or "Comrade", and with no name after it, it
  refers ("coreference: title"), unless "of" follows ("the leader of Chechnya"). Titles are
  matched as written and title-cased;
* ``metonyms``: places standing for a state ("Moscow", "Pyongyang"), read as the place, not
  the actor, after a locative preposition ("in Pyongyang", "through Moscow's Red Square");
* ``gender``, for pronouns.

Resolution, a few rules in the spirit of salience-based resolvers (Lappin & Leass 1994,
*Computational Linguistics* 20(4); centering: Grosz, Joshi & Weinstein 1995, *Computational
Linguistics* 21(2)), not a trained resolver:

* a person's name followed by capitalised words ending in an organisation or place noun
  ("Kim Il Sung Square", "Kim Chaek University of Technology", "Kim Hyong Gwon County":
  :data:`NAMED_AFTER_HEADS`) is an organisation named after the person, never the person; a
  one-word alias next to another capitalised name part ("Kim Tok Hun", "Marina Kim") is part of
  a name the table does not know, never the actor (titles and honorifics before it, "Mr Kim",
  "Chairman Kim", do not count). In a title-case line (a headline) the first rule is off.
  Names the table does not know (:func:`proper_names`) take part in resolution even when they
  are not reported (``discover=False``): a person's name is an antecedent of pronouns and of
  its own surname ("Kim Tok Hun ... Kim said he" is neither Kim Jong Un nor his);
* a one-word alias ("Kim", "Putin") refers to the owner most recently mentioned by a longer
  alias ("coreference: surname"); without one, an alias only one person owns ("Putin") is that
  person ("alias"); a surname several persons share ("Kim") goes to the owner holding a title on
  the document's ``date`` only after an honorific ("Mr Kim", "Chairman Kim"; table order breaks
  ties), and is otherwise left unresolved: news that says "Kim and Kanye" or "Come on Kim" has
  not named Kim Jong Un;
* a referring title goes to its holder on ``date``; without a date, or if several hold it, to
  the candidate mentioned most recently, else the one whose period is still open, else the
  first in table order. The previous mention of the chosen actor is its ``antecedent``;
* "he/his/himself" ("she/her/hers/herself") refers to the referent of an earlier pronoun of
  the same gender in the same sentence (a pronoun chain keeps its topic), else to the most
  recently mentioned compatible person in the same or the previous sentence; a person without
  a gender is compatible with both. "him" skips the chain and its referents ("He thanked
  him", a crude stand-in for binding Principle B). Unresolved pronouns are not mentions.
  "it", "they" and "we" are not resolved. The search keeps the latest mention per person of
  the current and previous sentence, so it is linear in the length of the text.

Labels and roles read the part-of-speech tags of :mod:`analysis.tagger` (Penn Treebank tags,
held-out accuracy stored with the model) around each mention; the patterns are in
:func:`labels` and :func:`roles`. There is no parser: long-distance subjects, relative clauses,
control and coordination beyond "X and Y <verb>" are not followed, and a tagging error (a verb
tagged as a noun) loses the role. Caveats for coreference: cataphora, generic "he", quoted
speakers' "I", and two same-gender persons in one sentence are the usual failures; a title's
holder is decided by the calendar, so a posthumous title ("the Chairman" for Kim Jong Il in
2024) is not followed. Measured accuracy: ``python -m analysis.evaluate actors``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field, replace

import pandas as pd

from analysis.tagger import get_tagger
from analysis.tokenize import sentence_spans, token_spans

ACTOR_TYPES = ("person", "state", "institution", "media", "other")
GENDERS = (None, "male", "female")
PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), "male"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "female"),
}
#: Words after which a metonym ("Moscow") names the place, not the state.
LOCATIVES = frozenset(
    "in at from to through into near across around outside inside over via toward towards".split()
)
#: Capitalised nouns that make "<person's name> <...> <noun>" an organisation or place named
#: after the person ("Kim Il Sung Square"), and make a discovered name an institution or place.
ORGANISATION_HEADS = frozenset(
    "university universities college school academy institute institution committee commission "
    "council party union league association federation foundation fund company corporation corp "
    "inc ltd group bank agency ministry department bureau office service court army navy force "
    "forces guards assembly parliament congress senate government administration cabinet church "
    "hospital club team works factory complex plant mine museum library theatre theater hall "
    "palace mausoleum memorial prize award order medal society centre center troupe ensemble "
    "station project organisation organization network board".split()
)
PLACE_HEADS = frozenset(
    "square street avenue road bridge park stadium county province city town village district "
    "region river mountain mountains mount island islands sea ocean lake peninsula airport port "
    "harbour harbor state republic kingdom federation territory valley bay hill hills".split()
)
MEDIA_HEADS = frozenset(
    "times post news agency press journal herald telegraph guardian tribune tv radio broadcasting "
    "gazette daily magazine review channel".split()
)
NAMED_AFTER_HEADS = ORGANISATION_HEADS | PLACE_HEADS | MEDIA_HEADS
#: Words before a name that mark it as a person's (lower case, no final period).
HONORIFICS = frozenset(
    "mr mrs ms miss dr prof professor sir lady lord dame comrade chairman chairwoman chairperson "
    "president premier minister secretary general marshal leader commander director ambassador "
    "senator governor mayor judge justice king queen prince princess pope sheikh emir chancellor "
    "gen col capt maj lt sgt adm sen rep gov amb rev hon vice deputy spokesman spokeswoman "
    "respected dear great supreme mrs. saint st".split()
)

# lower case or capitalised only: all-caps "HE" is His Excellency in KCNA's style
_PRONOUN = re.compile(
    r"(?<!\w)(?:" + "|".join(f"{w}|{w.capitalize()}" for w in PRONOUN_GENDER) + r")(?!\w)"
)
_GAP = re.compile(r"\s+")
_OF_AFTER = re.compile(r"\s+of(?!\w)")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_CAP = r"[A-Z][\w'’.]*(?:-[A-Za-z][\w'’.]*)*"
_CAP_WORD = re.compile(_CAP)
#: The capitalised run after a name: "Square", "University of Technology", "Iron and Steel Complex".
_RUN_AFTER = re.compile(rf"[ -]({_CAP}(?:(?:\s+(?:of|and|for|the|on))*\s+{_CAP}){{0,5}})")
_NAME_PART_AFTER = re.compile(rf"[ -]{_CAP}")
_CAP_BEFORE = re.compile(r"([A-Z][\w'’]*)(\.?)[ ]$")
_DEFINITE_BEFORE = re.compile(r"(?:(?<!\w)[Tt]he(?:\s+[a-z]+){0,2}|(?<!\w)Comrade)\s+$")
_NOT_NAME_PARTS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday i".split()
)


def _date(value) -> pd.Timestamp | None:
    """A document date as a Timestamp, or None when missing or unreadable."""
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.tz_localize(None) if stamp.tzinfo else stamp


@dataclass(frozen=True)
class Title:
    """A description valid for a period: ``Title("North Korean leader", since="2011-12-17")``.

    ``since`` and ``until`` are ISO dates (inclusive; None: open). A plain string title is a
    title without a period.
    """

    text: str
    since: str | None = None
    until: str | None = None

    def __post_init__(self):
        for bound in (self.since, self.until):
            if bound is not None and _date(bound) is None:
                raise ValueError(f"title {self.text!r}: {bound!r} is not a date")

    def holds(self, date: pd.Timestamp | None) -> bool:
        """Is the title valid on ``date``? Without a date: always."""
        if date is None:
            return True
        return (self.since is None or _date(self.since) <= date) and (
            self.until is None or date <= _date(self.until)
        )

    def overlaps(self, other: Title) -> bool:
        lo = max(_date(self.since or "1677-09-22"), _date(other.since or "1677-09-22"))
        hi = min(_date(self.until or "2262-04-11"), _date(other.until or "2262-04-11"))
        return lo <= hi


@dataclass(frozen=True)
class Actor:
    """One actor: canonical ``name``, ``type`` (:data:`ACTOR_TYPES`) and the ways it is named.

    ``titles`` are strings or :class:`Title` records (stored as :class:`Title`)."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple = ()
    metonyms: tuple[str, ...] = ()
    _: KW_ONLY
    gender: str | None = None

    def __post_init__(self):
        if self.type not in ACTOR_TYPES:
            raise ValueError(f"{self.name!r}: type must be one of {ACTOR_TYPES}, not {self.type!r}")
        if self.gender not in GENDERS:
            raise ValueError(f"{self.name!r}: gender must be one of {GENDERS}, not {self.gender!r}")
        for names in (self.aliases, self.titles, self.metonyms):
            if isinstance(names, str):
                raise TypeError(f"names of {self.name!r} must be a list, not one string")
        object.__setattr__(self, "aliases", tuple(dict.fromkeys((self.name, *self.aliases))))
        titles = tuple(t if isinstance(t, Title) else Title(t) for t in self.titles)
        object.__setattr__(self, "titles", tuple(dict.fromkeys(titles)))


def _title_variants(title: str) -> set[str]:
    """A title ("North Korean leader") as written and title-cased, bare or after "the"/"The"."""
    cased = " ".join(w[:1].upper() + w[1:] for w in title.split())
    return {f"{the}{t}" for t in (title, cased) for the in ("", "the ", "The ")}


def _apostrophes(surface: str) -> set[str]:
    return {surface, surface.replace("'", "’")}


@dataclass(frozen=True)
class _Owner:
    actor: str
    kind: str  # alias, title, metonym
    title: Title | None = None


class ActorTable:
    """An extendable table of actors.

    ``ActorTable(DEFAULT_ACTORS).add("Ri Son Gwon", ["Ri"], type="person")`` copies the defaults
    and adds one person.

    Built from another table, from :class:`Actor` records, or from the package's common alias
    dict ``{canonical: [alias, ...]}`` (type "other"). :meth:`add` returns the table, so calls
    chain; it never changes the table it was copied from. Sharing rules (a clash raises
    ``ValueError``): a one-word alias may be shared by persons (a surname: "Kim" of Kim Jong Un
    and Kim Jong Il); a title may be shared when the periods of its :class:`Title` records do
    not overlap; every other surface form (multi-word aliases, metonyms; straight and curly
    apostrophes) belongs to one actor, as one kind. :meth:`aliases` gives the alias dict back
    for other instruments (e.g. actor-level sentiment).
    """

    def __init__(self, actors: ActorTable | Iterable[Actor] | Mapping[str, Iterable[str]] = ()):
        self._actors: dict[str, Actor] = {}
        self._surfaces: dict[str, list[_Owner]] = {}
        self._pattern: re.Pattern | None = None
        if isinstance(actors, Mapping):
            actors = [Actor(name, "other", tuple(aliases)) for name, aliases in actors.items()]
        for actor in actors:
            self._put(actor)

    def add(
        self,
        name: str,
        aliases: Iterable[str] = (),
        *,
        type: str,
        titles: Iterable[str | Title] = (),
        metonyms: Iterable[str] = (),
        gender: str | None = None,
    ) -> ActorTable:
        """Add an actor (or more names for a known one, same ``type``); returns the table."""
        if isinstance(aliases, str):
            raise TypeError(f"aliases of {name!r} must be a list of strings, not one string")
        known = self._actors.get(name)
        if known is not None and known.type != type:
            raise ValueError(f"{name!r} is already a {known.type}, not a {type}")
        actor = Actor(name, type, tuple(aliases), tuple(titles), tuple(metonyms), gender=gender)
        if known is not None:
            actor = replace(
                known,
                aliases=known.aliases + actor.aliases,
                titles=known.titles + actor.titles,
                metonyms=known.metonyms + actor.metonyms,
                gender=gender or known.gender,
            )
            self._remove(name)
        self._put(actor)
        return self

    def _remove(self, name: str) -> None:
        for surface in list(self._surfaces):
            kept = [o for o in self._surfaces[surface] if o.actor != name]
            if kept:
                self._surfaces[surface] = kept
            else:
                del self._surfaces[surface]
        del self._actors[name]

    def _forms(self, actor: Actor) -> list[tuple[str, _Owner]]:
        forms = [(s, _Owner(actor.name, "alias")) for a in actor.aliases for s in _apostrophes(a)]
        for title in actor.titles:
            forms += [(s, _Owner(actor.name, "title", title))
                      for v in _title_variants(title.text) for s in _apostrophes(v)]
        forms += [(s, _Owner(actor.name, "metonym")) for m in actor.metonyms for s in _apostrophes(m)]
        return forms

    def _clash(self, surface: str, new: _Owner, owner: _Owner, actor: Actor) -> str | None:
        if owner.actor == new.actor:
            if owner.kind == new.kind:
                return None
            return f"{surface!r} is both {owner.kind} and {new.kind} of {new.actor!r}"
        other = self._actors[owner.actor]
        if new.kind == owner.kind == "alias" and " " not in surface and actor.type == other.type == "person":
            return None  # a shared surname
        if new.kind == owner.kind == "title" and not new.title.overlaps(owner.title):
            return None  # successive holders
        return f"{surface!r} already belongs to {owner.actor!r} (as {owner.kind})"

    def _put(self, actor: Actor) -> None:
        forms = self._forms(actor)
        for surface, new in forms:
            for owner in self._surfaces.get(surface, []):
                if (problem := self._clash(surface, new, owner, actor)) is not None:
                    raise ValueError(problem)
        for surface, new in forms:
            owners = self._surfaces.setdefault(surface, [])
            if new not in owners:
                owners.append(new)
        self._actors[actor.name] = actor
        self._pattern = None

    def __iter__(self):
        return iter(list(self._actors.values()))

    def __len__(self) -> int:
        return len(self._actors)

    def __getitem__(self, name: str) -> Actor:
        return self._actors[name]

    def __contains__(self, name: object) -> bool:
        return name in self._actors

    def __repr__(self) -> str:
        return f"ActorTable({len(self)} actors: {', '.join(self._actors)})"

    def aliases(self) -> dict[str, list[str]]:
        """``{canonical: [alias, ...]}``: names only (no titles or metonyms)."""
        return {a.name: list(a.aliases) for a in self._actors.values()}

    def owners(self, surface: str) -> list:
        """The owners of a surface form: ``(actor name, kind, Title or None)`` records."""
        return [(o.actor, o.kind, o.title) for o in self._surfaces.get(surface, [])]

    def matches(self, text: str):
        """``(match, [owners])`` per surface form in ``text``, longest first, left to right."""
        if not self._surfaces:
            return
        if self._pattern is None:
            by_length = sorted(self._surfaces, key=len, reverse=True)
            self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, by_length)) + r")(?!\w)")
        for match in self._pattern.finditer(text):
            yield match, self._surfaces[match.group()]


def _leader(since: str | None, until: str | None) -> list[Title]:
    """The descriptions of North Korea's leader, held from ``since`` to ``until``."""
    return [Title(t, since, until) for t in (
        "North Korean leader", "DPRK leader", "leader of North Korea", "leader of the DPRK",
        "leader of the Democratic People's Republic of Korea", "Supreme Leader",
    )]


DEFAULT_ACTORS = ActorTable(
    [
        Actor("Vladimir Putin", "person", ("Putin", "Vladimir Vladimirovich Putin"),
              (Title("Russian president", "1999-12-31", "2008-05-06"),
               Title("Russian president", "2012-05-07"), "Kremlin leader"), gender="male"),
        Actor("Kim Jong Un", "person", ("Kim Jong-un", "Kim Jong-Un", "Kim"),
              (*_leader("2011-12-17", None), Title("General Secretary", "2021-01-10")),
              gender="male"),
        Actor("Kim Jong Il", "person", ("Kim Jong-il", "Kim Jong-Il", "Kim"),
              (*_leader("1994-07-08", "2011-12-16"),
               Title("General Secretary", "1997-10-08", "2011-12-16")), gender="male"),
        Actor("Kim Il Sung", "person", ("Kim Il-sung", "Kim Il-Sung", "Kim"),
              _leader("1948-09-09", "1994-07-07"), gender="male"),
        Actor("Kim Yo Jong", "person", ("Kim Yo-jong", "Kim Yo-Jong", "Kim"), gender="female"),
        Actor("Kim Dae-jung", "person", ("Kim Dae Jung", "Kim Dae-Jung", "Kim"),
              (Title("South Korean president", "1998-02-25", "2003-02-24"),), gender="male"),
        Actor("Donald Trump", "person", ("Trump", "Donald J. Trump"),
              tuple(Title(t, s, u) for t in ("U.S. president", "US president", "American president")
                    for s, u in (("2017-01-20", "2021-01-19"), ("2025-01-20", None))), gender="male"),
        Actor("Xi Jinping", "person", ("Xi",),
              (Title("Chinese president", "2013-03-14"), Title("Chinese leader", "2012-11-15")), gender="male"),
        Actor("Moon Jae-in", "person", ("Moon Jae-In", "Moon Jae In"),
              (Title("South Korean president", "2017-05-10", "2022-05-09"),), gender="male"),
        Actor("Shinzo Abe", "person", ("Abe",),
              (Title("Japanese prime minister", "2006-09-26", "2007-09-25"),
               Title("Japanese prime minister", "2012-12-26", "2020-09-15")), gender="male"),
        Actor("Sergei Lavrov", "person", ("Sergey Lavrov", "Lavrov"),
              (Title("Russian foreign minister", "2004-03-09"),), gender="male"),
        Actor("Russia", "state", ("Russian Federation",), metonyms=("Moscow",)),
        Actor("North Korea", "state", ("DPRK", "Democratic People's Republic of Korea"),
              metonyms=("Pyongyang",)),
        Actor("United States", "state", ("United States of America", "U.S.", "US", "USA",
              "America"), metonyms=("Washington",)),
        Actor("South Korea", "state", ("Republic of Korea", "ROK"), metonyms=("Seoul",)),
        Actor("China", "state", ("People's Republic of China", "PRC"), metonyms=("Beijing",)),
        Actor("Japan", "state", metonyms=("Tokyo",)),
        Actor("Soviet Union", "state", ("USSR", "U.S.S.R.")),
        Actor("Kremlin", "institution"),
        Actor("United Russia", "institution"),
        Actor("Workers' Party of Korea", "institution", ("WPK",)),
        Actor("United Nations", "institution", ("UN", "U.N.")),
        Actor("TASS", "media", ("Tass",)),
        Actor("KCNA", "media", ("Korean Central News Agency",)),
        Actor("Yonhap", "media"),
    ]
)
"""Actors of Russia–DPRK relations and their neighbours, with dated titles (leaders of North
Korea: Kim Il Sung 1948-1994, Kim Jong Il 1994-2011, Kim Jong Un from 17 December 2011; "Kim"
shared by the Kims). Not the actors of any one article: extend with :meth:`ActorTable.add`."""


# --- mentions --------------------------------------------------------------------------------

Actors = ActorTable | Mapping[str, Iterable[str]]
MENTION_COLUMNS = [
    "mention_id", "sentence", "start", "end", "surface", "actor", "actor_type", "found",
    "antecedent",
]


def _as_table(actors: Actors | Iterable[Actor] | None) -> ActorTable:
    if actors is None:
        return ActorTable()
    return actors if isinstance(actors, ActorTable) else ActorTable(actors)


class _Lines:
    """Is the line around an offset a headline: three or more words of four letters or more,
    at least 80 % of them capitalised, and no final punctuation? Computed once per line."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.memo: dict[int, bool] = {}

    def title_case(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset) - 1
        if k not in self.memo:
            end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
            line = self.text[self.starts[k]:end].strip()
            words = re.findall(r"[A-Za-z]{4,}", line)
            self.memo[k] = (len(words) >= 3 and not line.endswith((".", "!", "?", ":", '"', "”"))
                            and sum(w[0].isupper() for w in words) >= 0.8 * len(words))
        return self.memo[k]


def _named_after(text: str, end: int, lines: _Lines, start: int) -> int | None:
    """End of an organisation or place named after the person whose name ends at ``end``
    ("Kim Il Sung| Square"), or None."""
    run = _RUN_AFTER.match(text, end)
    if run is None or lines.title_case(start):
        return None
    words = _CAP_WORD.findall(run[1])
    heads = [k for k, w in enumerate(words) if w.lower().rstrip(".") in NAMED_AFTER_HEADS]
    if not heads:
        return None
    last = heads[-1]
    cut = run.start(1) + [m.end() for m in _CAP_WORD.finditer(run[1])][last]
    return cut


def _inside_unknown_name(text: str, start: int, end: int) -> bool:
    """Is the one-word alias at ``[start, end)`` part of a longer name ("Kim Tok Hun",
    "Marina Kim")? A capitalised name part right after it, or right before it unless that word is
    an honorific or title ("Mr Kim", "Chairman Kim"), a function word ("But Kim") or a
    possessive."""
    after = _NAME_PART_AFTER.match(text, end)
    if after and after.group().strip(" -").lower() not in _NOT_NAME_PARTS:
        return True
    before = _CAP_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before[1].lower()
    if before[2] and len(word) > 1:
        return False  # "Marina Kim. Kim said": the sentence before ends there
    return not (word in HONORIFICS or word in _NOT_NAME_PARTS or word in _FUNCTION_WORDS
                or word.endswith(("'s", "’s")))


def _date_holders(owners: list[_Owner], date: pd.Timestamp | None, table: ActorTable) -> list[str]:
    """Owners (in table order) holding a title on ``date``; without a date, those whose title
    is still open (current)."""
    held = []
    for owner in owners:
        titles = table[owner.actor].titles
        if date is None:
            ok = any(t.until is None and t.since is not None for t in titles)
        else:
            ok = any(t.holds(date) for t in titles if t.since or t.until)
        if ok and owner.actor not in held:
            held.append(owner.actor)
    return held


class _Recent:
    """The latest named mention of each person in the current and the previous sentence, and
    the pronoun chains of the current sentence: constant work per mention."""

    def __init__(self):
        self.sentence, self.current, self.previous = -1, {}, {}
        self.chain: dict[str, dict] = {}
        self.chain_actors: dict[str, set] = {"male": set(), "female": set()}

    def move_to(self, sentence: int) -> None:
        if sentence != self.sentence:
            self.previous = self.current if sentence == self.sentence + 1 else {}
            self.current, self.sentence = {}, sentence
            self.chain, self.chain_actors = {}, {"male": set(), "female": set()}

    def named(self, row: dict) -> None:
        self.current.pop(row["actor"], None)
        self.current[row["actor"]] = row

    def antecedent(self, pronoun: str, kinds: dict) -> dict | None:
        gender = PRONOUN_GENDER[pronoun.lower()]
        if gender in self.chain and pronoun.lower() != "him":
            return self.chain[gender]
        excluded = self.chain_actors[gender]  # "He thanked him": "him" is someone else
        for recent in (self.current, self.previous):
            for actor, row in reversed(recent.items()):
                if actor not in excluded and kinds[actor][1] in (None, gender):
                    return row
        return None

    def pronoun(self, row: dict) -> None:
        gender = PRONOUN_GENDER[row["surface"].lower()]
        self.chain[gender] = row
        self.chain_actors[gender].add(row["actor"])


def _skipped_person_names(text: str, matches: list, table: ActorTable) -> dict[int, int | None]:
    """Table matches of a person's alias that are not that person: ``{start: end of the
    organisation named after the person}`` ("Kim Il Sung Square") or ``{start: None}`` (a
    one-word alias inside an unknown name: "Kim Tok Hun", "Marina Kim")."""
    lines, skipped = _Lines(text), {}
    for match, owners in matches:
        aliases = [o for o in owners if o.kind == "alias"]
        if not aliases or table[aliases[0].actor].type != "person":
            continue
        cut = _named_after(text, match.end(), lines, match.start())
        if cut is not None:
            skipped[match.start()] = cut
        elif " " not in match.group() and _inside_unknown_name(text, match.start(), match.end()):
            skipped[match.start()] = None
    return skipped


def _events(text: str, table: ActorTable):
    """``(start, end, owners, kind)`` for every table match ("table"), pronoun ("pronoun") and
    proper name the table does not cover ("discovered"; owners is its ``(name, type)``), in
    text order. Table matches that are not their person (:func:`_skipped_person_names`) are
    left out, so the name around them is discovered."""
    matches = list(table.matches(text))
    skipped = _skipped_person_names(text, matches, table)
    found = [(m.start(), m.end(), owners, "table") for m, owners in matches if m.start() not in skipped]
    found += [(m.start(), m.end(), None, "pronoun") for m in _PRONOUN.finditer(text)]
    blocked = sorted((m.start(), m.end()) for m, _ in matches if m.start() not in skipped)
    block_starts = [s for s, _ in blocked]
    for start, end, _, name, type_, *_ in _proper_name_rows(text, NAME_MODEL)[0]:
        k = bisect_right(block_starts, end - 1) - 1  # the last blocked span starting before the end
        if (k >= 0 and blocked[k][1] > start) or (k >= 1 and blocked[k - 1][1] > start):
            continue
        found.append((start, end, (name, type_), "discovered"))
    return sorted(found, key=lambda event: event[0])


_SPEAKER_AFTER = re.compile(r"[ \t]*:")


def _speaker_label(text: str, start: int, end: int) -> bool:
    """Is the name at ``[start, end)`` a transcript's speaker label ("Vladimir Putin: ...")?"""
    return bool(_SPEAKER_AFTER.match(text, end)) and text[max(0, start - 1):start] in ("", "\n")


def mention_records(text: str, table: ActorTable = DEFAULT_ACTORS, date=None,
                  discover: bool = False) -> list[dict]:
    """``mention_records(text, table=DEFAULT_ACTORS, date=None, discover=False)``: the rows of
    :func:`mentions` as a list of dicts (same keys, same order), without building a frame: for
    callers that gather the mentions of many texts (:func:`analysis.pipeline.featurize`). The
    method, defaults and caveats are those of :func:`mentions`."""
    date = _date(date)
    sentence_starts = [s for s, _ in sentence_spans(text)]
    events = _events(text, table)
    kinds_of: dict[str, tuple[str, str | None]] = {a.name: (a.type, a.gender) for a in table}
    rows: list[dict] = []
    latest: dict[str, dict] = {}  # actor -> its latest mention
    by_word: dict[str, dict] = {}  # word of a person's full name -> that name's latest mention
    recent = _Recent()
    for k, (start, end, owners, kind) in enumerate(events):
        sentence = max(bisect_right(sentence_starts, start) - 1, 0)
        recent.move_to(sentence)
        surface, antecedent = text[start:end], None
        if kind == "pronoun":
            antecedent = recent.antecedent(surface, kinds_of)
            if antecedent is None:
                continue
            actor, found = antecedent["actor"], "coreference: pronoun"
        elif kind == "discovered":
            actor, type_ = owners
            if type_ != "person" and not discover:
                continue
            kinds_of.setdefault(actor, (type_, None))
            found, antecedent = "discovered", latest.get(actor)
            full = by_word.get(surface) if " " not in surface else None
            if full is not None and " " in full["actor"] and actor == surface:
                actor, found, antecedent = full["actor"], "coreference: surname", full
        else:
            kinds = {o.kind for o in owners}
            if kinds == {"title"}:
                after = events[k + 1] if k + 1 < len(events) else None
                before_name = (
                    after is not None and after[3] in ("table", "discovered")
                    and (after[3] == "discovered" and after[2][1] == "person"
                         or after[3] == "table" and any(
                             o.kind == "alias" and table[o.actor].type == "person" for o in after[2]))
                    and _GAP.fullmatch(text[end:after[0]])
                )
                definite = surface.lower().startswith("the ") or _DEFINITE_BEFORE.search(
                    text, max(0, start - 40), start)
                if before_name or not definite or _OF_AFTER.match(text, end):
                    continue  # an epithet of the next mention, or not a definite description
                candidates = [o for o in owners if o.title.holds(date)]
                if not candidates:
                    continue
                names = list(dict.fromkeys(o.actor for o in candidates))
                actor = max(names, key=lambda a: latest[a]["position"] if a in latest else -1)
                if actor not in latest:
                    open_ = [a for a in names if any(o.title.until is None for o in candidates if o.actor == a)]
                    actor = (open_ or names)[0]
                found, antecedent = "coreference: title", latest.get(actor)
            elif kinds == {"metonym"}:
                word = _WORD_BEFORE.search(text, max(0, start - 30), start)
                if word and word[1].lower() in LOCATIVES:
                    continue  # the place itself
                actor, found = owners[0].actor, "metonym"
            else:
                owners = [o for o in owners if o.kind == "alias"] or owners
                actor, found = owners[0].actor, "alias"
                if " " not in surface and table[actor].type == "person":
                    full = by_word.get(surface)  # the nearest full name holding this word
                    if full is not None:
                        actor, found, antecedent = full["actor"], "coreference: surname", full
                    elif len(owners) > 1:
                        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
                        if not (before and before[1].lower().rstrip(".") in HONORIFICS):
                            continue  # a bare shared surname, no full name before it ("Kim and Kanye")
                        actor = (_date_holders(owners, date, table) or [o.actor for o in owners])[0]
        type_ = kinds_of[actor][0]
        row = dict(
            mention_id=None, sentence=sentence, start=start, end=end, surface=surface,
            actor=actor, actor_type=type_, found=found,
            antecedent=None if antecedent is None else antecedent["mention_id"], position=k,
        )
        if discover or actor in table:  # a person the table does not know still takes pronouns
            row["mention_id"] = len(rows)
            rows.append(row)
        latest[actor] = row
        if type_ == "person" and " " in surface and found in ("alias", "discovered"):
            for word in re.split(r"[\s-]+", surface):
                by_word[word] = row
        if found == "coreference: pronoun":
            recent.pronoun(row)
            recent.named(row)  # a pronominalised person stays salient (centering)
        elif type_ == "person" and not _speaker_label(text, start, end):
            recent.named(row)
    for row in rows:
        del row["position"]
    return rows


def mentions(text: str, actors: Actors | None = DEFAULT_ACTORS, *, date=None,
             discover: bool = False) -> pd.DataFrame:
    """Every mention of an actor in ``text``, one row each, in text order.

    ``mentions(text, actors=DEFAULT_ACTORS, *, date=None, discover=False)``. Columns:
    ``mention_id`` (0, 1, ...), ``sentence`` (index of :func:`analysis.tokenize.sentence_spans`),
    ``start``, ``end`` (``text[start:end]`` is ``surface``), ``actor``, ``actor_type``, ``found``
    ("alias", "metonym", "coreference: title", "coreference: surname", "coreference: pronoun",
    "discovered") and ``antecedent`` (the ``mention_id`` a coreferent mention was resolved to;
    for titles and discovered names the actor's previous mention, if any).

    ``actors``: an :class:`ActorTable` (default :data:`DEFAULT_ACTORS`), a plain
    ``{canonical: [alias, ...]}`` dict, or None (no table: use with ``discover=True``).
    ``date``: the document's date (anything ``pandas.Timestamp`` reads; None or unreadable: no
    date), which decides who holds a title and whom a shared surname means without a full name
    before it. ``discover``: add the proper names the table does not cover
    (:func:`proper_names`; ``actor`` is the name, ``actor_type`` the guessed type), which can
    then be the antecedents of pronouns. Method and caveats: module docstring. Not a trained
    coreference resolver. Anything but a string gives an empty frame.
    """
    table = _as_table(actors)
    rows = mention_records(text, table, date, discover) if isinstance(text, str) else []
    if rows:  # built column by column: a frame-wide astype costs more than finding the mentions
        columns = {c: [r[c] for r in rows] for c in MENTION_COLUMNS}
        columns["antecedent"] = pd.array(columns["antecedent"], dtype="Int64")
        frame = pd.DataFrame(columns)
    else:
        frame = pd.DataFrame(columns=MENTION_COLUMNS, dtype=object).astype({"antecedent": "Int64"})
    frame.attrs["actors"] = {"instrument": "analysis.framing.actors.mentions", "actors": len(table),
                             "date": None if _date(date) is None else str(_date(date).date()),
                             "discover": discover}
    return frame


def document_mentions(docs, actors: Actors | None = DEFAULT_ACTORS, *, text_column: str = "text",
                      id_column: str = "doc_id", date_column: str | None = "date",
                      discover: bool = False) -> pd.DataFrame:
    """:func:`mentions` of every document of a corpus, each with its own date, as one frame.

    ``document_mentions(docs, actors=DEFAULT_ACTORS, *, text_column="text", id_column="doc_id",
    date_column="date", discover=False)``. ``docs``: a DataFrame (its ``id_column`` if present,
    else the row number; its ``date_column`` if present, else no date) or a list of texts.
    Returns the columns of :func:`mentions` after ``doc_id``; the actor table is built once.
    A document that is not text, or names no actor, adds no row; ``df.attrs["documents"]``
    counts the documents read and ``df.attrs["not_text"]`` those that were not text.
    """
    frame = docs if isinstance(docs, pd.DataFrame) else pd.DataFrame({text_column: list(docs)})
    ids = frame[id_column] if id_column in frame else pd.Series(range(len(frame)), index=frame.index)
    dates = frame[date_column] if date_column and date_column in frame else pd.Series(None, index=frame.index)
    table = _as_table(actors)
    parts, not_text = [], 0
    for doc_id, text, date in zip(ids, frame[text_column], dates):
        not_text += not isinstance(text, str)
        found = mentions(text, table, date=date, discover=discover)
        if len(found):
            parts.append(found.assign(doc_id=doc_id))
    columns = ["doc_id", *MENTION_COLUMNS]
    out = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
    out.attrs["actors"] = {"instrument": "analysis.framing.actors.document_mentions", "actors": len(table),
                           "discover": discover}
    out.attrs["documents"], out.attrs["not_text"] = len(frame), not_text
    return out


# --- proper names not in the table -----------------------------------------------------------

#: Capitalised words that are not names when they open a sequence (lower case).
_FUNCTION_WORDS = frozenset(
    "the a an and or but if in on at of for to from by with as after before since while when "
    "where what who why how this that these those there here it its he she his her they their "
    "we our i you your my mr mrs ms dr yes no not all some many most every each both one two "
    "three then thus so also however although though because during under over into about "
    "according meanwhile today yesterday tomorrow later earlier now still even only just "
    "instead indeed perhaps".split()
)
_CONNECTORS = "of|for|de|da|van|von|bin|al|del|du|la|le|y"
_CONNECTOR_WORDS = frozenset(_CONNECTORS.split("|"))
_NAME_RUN = re.compile(rf"(?<![\w'’.-]){_CAP}(?:(?:[ \t]+(?:{_CONNECTORS}))*[ \t]+{_CAP})*")
_TOKEN = re.compile(r"\S+")
_DEMONYM = re.compile(r"(?:ean|ian|an|ese|ish|i)$")
_REPORTING_AFTER = re.compile(r"\s+(?:said|says|told|added|asked|wrote|replied|noted|stated)\b")
_LOCATIVE_BEFORE = re.compile(r"(?<!\w)(?:in|at|from|to|into|across|near|outside|inside)\s+$", re.I)
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}s?")
#: A capitalised word whose final period is part of it: an initial ("J."), "U.S.", "Jr.", "Mr.".
_ABBREVIATED = re.compile(
    r"[A-Z]\.|(?:[A-Za-z]\.){2,}|(?:Jr|Sr|Mr|Mrs|Ms|Dr|St|Gen|Col|Gov|Sen|Rep|Prof|Inc|Corp|Co|Ltd)\."
)
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;\"“”‘’'(\[\n—–-])\s*$")
PROPER_NAME_COLUMNS = ["start", "end", "surface", "name", "type", "rule"]


def _name_runs(text: str):
    """``(start, end, person cue)`` of capitalised runs, trimmed of function words, honorifics
    and a possessive or sentence-final period."""
    lower_words = set(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", text))
    for run in _NAME_RUN.finditer(text):
        group: list[list[int]] = []
        for m in _TOKEN.finditer(run.group()):
            group.append([m.start() + run.start(), m.end() + run.start()])
            word = m.group()
            if word.endswith(".") and not _ABBREVIATED.fullmatch(word):
                yield from _trimmed(text, group, lower_words)  # "Technology. Kim": two runs
                group = []
        if group:
            yield from _trimmed(text, group, lower_words)


def _trimmed(text: str, tokens: list[list[int]], lower_words: set[str]):
    """One run of :func:`_name_runs`, trimmed (see there)."""
    last = tokens[-1]
    word = text[last[0]:last[1]]
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            last[1] -= len(suffix)
            word = word[: -len(suffix)]
            break
    if word.endswith(".") and not _ABBREVIATED.fullmatch(word):
        last[1] -= 1  # a sentence-final period, not "U.S." or "Jr."
    cue = False
    while tokens:
        first = text[tokens[0][0]:tokens[0][1]]
        bare = first.lower().rstrip(".")
        opens = _SENTENCE_OPEN.search(text, max(0, tokens[0][0] - 3), tokens[0][0]) is not None
        if bare in _FUNCTION_WORDS or first in _CONNECTOR_WORDS:
            tokens.pop(0)
        elif bare in HONORIFICS and len(tokens) > 1:
            cue = True
            tokens.pop(0)
        elif opens and bare in lower_words:
            tokens.pop(0)  # "Yesterday Obama said": a common word that opens the sentence
        else:
            break
    while tokens and text[tokens[-1][0]:tokens[-1][1]] in _CONNECTOR_WORDS:
        tokens.pop()
    if all(text[a:b].lower().rstrip(".") in HONORIFICS for a, b in tokens):
        return  # titles alone ("Mr President", "Comrade General Secretary") name no one
    if all(text[a:b].lower().rstrip(".,") in _NOT_NAME_PARTS for a, b in tokens):
        return  # a month or a weekday ("May", "Tuesday") is a date, not an actor
    if tokens[-1][1] > tokens[0][0]:
        yield tokens[0][0], tokens[-1][1], cue


def _name_type(text: str, start: int, end: int, cue: bool) -> tuple[str, str] | None:
    """``(type, rule)`` of a name run, or None when it is not a name (a demonym adjective)."""
    words = text[start:end].split()
    head = words[-1].lower().rstrip(".")
    if head in MEDIA_HEADS and len(words) > 1:
        return "media", "media head noun"
    if any(w.lower().rstrip(".") in ORGANISATION_HEADS for w in words):
        return "institution", "organisation head noun"
    if len(words) == 1 and _ACRONYM.fullmatch(words[0]):
        return "institution", "acronym"
    if head in PLACE_HEADS or words[0].lower() in {"republic", "kingdom"}:
        return "state", "place head noun"
    if cue:
        return "person", "honorific before"
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words):
        return "person", "two to four capitalised words"
    if len(words) == 1:
        if _REPORTING_AFTER.match(text, end):
            return "person", "subject of a reporting verb"
        if _LOCATIVE_BEFORE.search(text, max(0, start - 12), start):
            return "state", "after a locative preposition"
        if _DEMONYM.search(words[0]) and re.match(r"\s+[a-z]", text[end:end + 3]):
            return None
    return "other", "capitalised word(s)"


def proper_names(text: str, model: str | None = "gum-name-types") -> pd.DataFrame:
    """Proper-name mentions of ``text`` with a type guess: the cast without an actor table.

    Method: maximal runs of capitalised words (with "of", "de", "van", "bin", ... between
    them: "Bank of America"), trimmed of opening function words ("The", "In", "But"), of
    honorifics and titles (:data:`HONORIFICS`: "Mr", "President", "Comrade"), of a possessive
    "'s" and a sentence-final period; a capitalised word that opens a sentence and occurs in
    lower case elsewhere in the text is dropped ("Yesterday"); honorifics alone ("Mr President")
    are no name. Type (PERSON/ORG/GPE-like, as :data:`ACTOR_TYPES`: "person", "institution",
    "state" for a place or polity, "media", "other"):

    * ``model="gum-name-types"`` (default): :class:`NameTypeClassifier`, trained on the named
      entities of UD GUM dev (:func:`gum_name_examples`; the committed artefact
      ``models/gum-name-types``), with the rule type below as one of its features. If the
      artefact can be neither read nor built, the rules type the names (``df.attrs["types"]``
      says which did). Cross-validated on GUM dev (5 folds by document): recall of named
      persons 0.51 [0.42, 0.61], precision 0.70 [0.58, 0.78] (rules: 0.42 / 0.54);
    * ``model=None``: the first rule that fires (``rule`` column):

    1. last word a media noun (:data:`MEDIA_HEADS`, two words or more): "media";
    2. a word an organisation noun (:data:`ORGANISATION_HEADS`) or a one-word acronym
       ("DNC", "U.N."): "institution";
    3. last word a place noun (:data:`PLACE_HEADS`), or "Republic/Kingdom ...": "state" (a
       place or polity);
    4. an honorific before it ("Mr Peskov", "President Obama"): "person";
    5. two to four capitalised, not all-capital words ("Hillary Clinton"): "person";
    6. one word: "person" before a reporting verb ("Peskov said"), "state" after a locative
       preposition ("in Vladivostok"); a one-word demonym before a lower-case word ("Russian
       officials") is not a name; else "other";

    Then a one-word "other" or "person" name equal to the first or last word of a person's name
    found elsewhere in the text becomes that person ("Barack Obama ... Obama", "rule": "part of
    a person's name"). ``name`` is the canonical name (the longer name for such words).

    Columns: ``start``, ``end``, ``surface`` (``text[start:end]``), ``name``, ``type``, ``rule``.
    Caveats: capitalisation rules find the names and a model trained on 1,293 names types them,
    not a full recogniser (for those see Tjong Kim Sang & De Meulder 2003, CoNLL); the usual
    errors are sentence-initial names that are also common words, lower-case or all-capital
    text, names of things (works, events) typed as persons, and names GUM rarely has (Korean
    names and places: "Pyongyang" comes out "other", "Ri Jae Ryong" too). Recall and precision
    on GUM dev's named persons: ``python -m analysis.evaluate actors``.
    """
    if not isinstance(text, str):
        return pd.DataFrame(columns=PROPER_NAME_COLUMNS)
    found, typed_by = _proper_name_rows(text, model)
    frame = pd.DataFrame([row[:6] for row in found], columns=PROPER_NAME_COLUMNS)
    frame.attrs["types"] = typed_by
    return frame


def _proper_name_rows(text: str, model: str | None) -> tuple[list[list], str]:
    """The rows of :func:`proper_names` as lists, and what typed them ("rules" or the model)."""
    found, classifier = name_runs(text), None
    if model is not None:
        classifier = name_type_model() if model == NAME_MODEL else None
        if classifier is not None and found:
            types = classifier.predict([name_features(text, *row) for row in found])
            found = [[*row[:4], type_, "type model", row[6]] for row, type_ in zip(found, types)]
    return link_name_parts(found), "rules" if classifier is None else model


def name_runs(text: str) -> list[list]:
    """``[start, end, surface, name, type, rule, honorific before]`` of each name run of
    :func:`proper_names`, typed by its rules, before name parts are linked."""
    found = []
    for start, end, cue in _name_runs(text):
        typed = _name_type(text, start, end, cue)
        if typed is not None:
            found.append([start, end, text[start:end], text[start:end], *typed, cue])
    return found


def link_name_parts(found: list[list]) -> list[list]:
    """A one-word "other" or "person" name equal to the first or last word of a longer person's
    name in the same text becomes that person (``found`` rows of :func:`name_runs`)."""
    parts: dict[str, str] = {}
    for row in found:
        words = row[3].split()
        if row[4] == "person" and len(words) > 1:
            for word in (words[0], words[-1]):
                parts.setdefault(word, row[3])
    for row in found:
        if " " not in row[3] and row[4] in {"other", "person"} and row[3] in parts:
            row[3], row[4], row[5] = parts[row[3]], "person", "part of a person's name"
    return found


# --- a type model for proper names, trained on GUM's entities --------------------------------

NAME_MODEL = "gum-name-types"
NAME_MODEL_VERSION = 1
#: GUM entity types -> actor types; every other GUM type (and no entity) is "other".
GUM_TYPES = {"person": "person", "place": "state", "organization": "institution"}
_WORD = re.compile(r"[\w'’.-]+")


def name_features(text: str, start: int, end: int, surface=None, name=None, rule_type=None,
                  rule=None, cue: bool = False) -> list[str]:
    """Binary features of the name ``text[start:end]`` for :class:`NameTypeClassifier`: its
    words, first and last word, last word's 2- and 3-letter suffixes, length, shape (acronym,
    digits), the two words before and the word after it (lower case), the head noun lists it
    hits, the honorific cue and the rule-based type of :func:`proper_names`."""
    words = text[start:end].split()
    lower = [w.lower() for w in words]
    before = _WORD.findall(text[max(0, start - 40):start])[-2:]
    after = _WORD.findall(text[end:end + 30])[:1]
    feats = [f"w={w}" for w in lower] + [
        f"first={lower[0]}", f"last={lower[-1]}", f"suf2={lower[-1][-2:]}", f"suf3={lower[-1][-3:]}",
        f"n={min(len(words), 4)}", f"rule={rule_type}",
    ]
    feats += [f"prev={w.lower()}" for w in before[-1:]] + [f"prev2={w.lower()}" for w in before[:-1]]
    feats += [f"next={w.lower()}" for w in after] or ["next=<none>"]
    if text[end:end + 2] in ("'s", "’s"):
        feats.append("possessive")
    if _ACRONYM.fullmatch(words[0]) and len(words) == 1:
        feats.append("acronym")
    if any(c.isdigit() for c in text[start:end]):
        feats.append("digit")
    for label, heads in (("org", ORGANISATION_HEADS), ("place", PLACE_HEADS), ("media", MEDIA_HEADS)):
        if any(w.rstrip(".") in heads for w in lower):
            feats.append(f"head={label}")
    if cue:
        feats.append("honorific")
    return feats


class NameTypeClassifier:
    """Type of a proper name (person, state: a place or polity, institution, other) from
    :func:`name_features`: multinomial logistic regression on binary features.

    scikit-learn's estimator contract: parameters in ``__init__`` (``C`` 1.0, ``min_df`` 2:
    features seen in fewer training names are dropped), :meth:`fit` sets ``vocabulary_``,
    ``classes_``, ``coef_``, ``intercept_`` and returns the estimator; :meth:`predict` changes
    nothing. Fixed defaults, not tuned (GUM dev is small: 30 documents). Reference: the
    feature-based name typing of Collins & Singer 1999 (EMNLP) and Tjong Kim Sang & De Meulder
    2003 (CoNLL), reduced to the name and its neighbours.
    """

    def __init__(self, C: float = 1.0, min_df: int = 2):
        self.C = C
        self.min_df = min_df

    def get_params(self, deep: bool = True) -> dict:
        return {"C": self.C, "min_df": self.min_df}

    def set_params(self, **params) -> NameTypeClassifier:
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def fit(self, features: list[list[str]], y) -> NameTypeClassifier:
        from collections import Counter

        from sklearn.linear_model import LogisticRegression

        counts = Counter(f for row in features for f in set(row))
        vocabulary = sorted(f for f, c in counts.items() if c >= self.min_df)
        self.vocabulary_ = {f: k for k, f in enumerate(vocabulary)}
        model = LogisticRegression(C=self.C, max_iter=5000).fit(self._matrix(features), list(y))
        self.classes_ = model.classes_
        self.coef_, self.intercept_ = model.coef_, model.intercept_
        return self

    def _matrix(self, features: list[list[str]]):
        import numpy as np
        from scipy.sparse import csr_matrix

        indices, indptr = [], [0]
        for row in features:
            indices += sorted({self.vocabulary_[f] for f in row if f in self.vocabulary_})
            indptr.append(len(indices))
        data = np.ones(len(indices))
        return csr_matrix((data, indices, indptr), shape=(len(features), len(self.vocabulary_)))

    def predict_proba(self, features: list[list[str]]):
        import numpy as np

        # the sparse product, row by row: the summed weights of a name's features (a scipy matrix
        # per text cost more than the arithmetic)
        weights, vocabulary = self.coef_.T, self.vocabulary_
        scores = np.zeros((len(features), weights.shape[1]))
        for i, row in enumerate(features):
            scores[i] = weights[sorted({vocabulary[f] for f in row if f in vocabulary})].sum(axis=0)
        scores += self.intercept_
        if scores.shape[1] == 1:  # two classes: one column of log-odds
            scores = np.hstack([-scores, scores]) / 2
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, features: list[list[str]]):
        import numpy as np

        if not len(features):
            return np.array([], dtype=object)
        return self.classes_[np.argmax(self.predict_proba(features), axis=1)]

    def card(self) -> tuple[dict, dict]:
        """``(card, arrays)`` for :mod:`analysis.artefacts`."""
        vocabulary = sorted(self.vocabulary_, key=self.vocabulary_.get)
        card = {"class": "NameTypeClassifier", "params": self.get_params(), "vocabulary": vocabulary,
                "classes": [str(c) for c in self.classes_]}
        return card, {"coef": self.coef_, "intercept": self.intercept_}

    @classmethod
    def from_card(cls, card: dict, arrays: dict) -> NameTypeClassifier:
        import numpy as np

        model = cls(**card["params"])
        model.vocabulary_ = {f: k for k, f in enumerate(card["vocabulary"])}
        model.classes_ = np.array(card["classes"], dtype=object)
        model.coef_, model.intercept_ = arrays["coef"], arrays["intercept"]
        return model


_ENTITY = re.compile(r"\((\d+)-([a-z]+)[^()]*(\)?)|(\d+)\)")


def gum_entities(conllu: str) -> pd.DataFrame:
    """Entity mentions of a GUM CoNLL-U string: ``doc_id``, ``first``, ``last`` (surface-token
    positions within the document, as :func:`analysis.data.sources.ud.parse_conllu` counts
    them), ``type`` (person, place, organization, ...) and ``proper`` (every token of the span
    that is not a determiner or punctuation is a ``PROPN``: a named mention).

    Reads the bracket notation of MISC ``Entity=`` (GUM 9 / CorefUD; Zeldes 2017, *Language
    Resources and Evaluation* 51(3)): ``(id-type-...`` opens a mention, ``id)`` closes it,
    ``(id-type-...)`` is a one-token mention. Syntactic words inside a multiword token count as
    that token."""
    rows: list[tuple] = []
    open_: dict[str, list] = {}
    doc_id, doc_no, position, skip_to, upos = "doc-0", 0, -1, 0, []
    for line in conllu.splitlines():
        if line.startswith("#"):
            match = re.match(r"#\s*newdoc\b(?:\s+id\s*=\s*(.*\S))?", line)
            if match:
                doc_no += 1
                doc_id, position, open_, upos = match[1] or f"doc-{doc_no}", -1, {}, []
            continue
        fields = line.split("\t")
        if len(fields) != 10 or "." in fields[0]:
            continue
        if "-" in fields[0]:
            skip_to = int(fields[0].split("-")[1])
            position += 1
            upos.append("X")
            continue
        if int(fields[0]) > skip_to:
            position += 1
            upos.append(fields[3])
            skip_to = 0
        elif upos[-1] == "X":
            upos[-1] = fields[3]
        entity = next((m[len("Entity="):] for m in fields[9].split("|") if m.startswith("Entity=")), "")
        for opened, kind, closed, closer in _ENTITY.findall(entity):
            if opened:
                open_.setdefault(opened, []).append((position, kind))
                if closed:
                    closer = opened
            if closer and open_.get(closer):
                first, kind = open_[closer].pop()
                tags = [t for t in upos[first:position + 1] if t not in {"DET", "PUNCT"}]
                rows.append((doc_id, first, position, kind, bool(tags) and all(t == "PROPN" for t in tags)))
    return pd.DataFrame(rows, columns=["doc_id", "first", "last", "type", "proper"])


def gum_documents() -> tuple[pd.DataFrame, pd.DataFrame]:
    """UD GUM dev (``ud-gum-dev``): the documents (``doc_id``, ``text``, rebuilt as
    :func:`analysis.data.sources.ud.document_texts` does) and their entity mentions
    (:func:`gum_entities` plus character offsets ``start``, ``end`` into those texts)."""
    from analysis.data.fetch import fetch_dataset
    from analysis.data.sources import ud

    (path,) = fetch_dataset("ud-gum-dev").values()
    conllu = path.read_text(encoding="utf-8")
    tokens = ud.parse_conllu(conllu)
    texts = ud.document_texts(tokens)
    tokens["position"] = tokens.groupby("doc_id").cumcount()
    entities = gum_entities(conllu)
    index = tokens.set_index(["doc_id", "position"])
    entities["start"] = index.loc[list(zip(entities["doc_id"], entities["first"])), "start"].to_numpy()
    entities["end"] = index.loc[list(zip(entities["doc_id"], entities["last"])), "end"].to_numpy()
    return texts, entities


def gum_name_examples(texts: pd.DataFrame | None = None, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Training examples for :class:`NameTypeClassifier`: every name run of :func:`name_runs`
    in GUM dev, with ``doc_id``, ``start``, ``end``, ``features`` (:func:`name_features`),
    ``rule_type`` and ``label``: the type (:data:`GUM_TYPES`, else "other") of the smallest
    gold entity mention that holds the run's last word, "other" if none does."""
    if texts is None or entities is None:
        texts, entities = gum_documents()
    by_doc = dict(tuple(entities.groupby("doc_id")))
    rows = []
    for doc_id, text in zip(texts["doc_id"], texts["text"]):
        gold = by_doc.get(doc_id, entities.iloc[:0])
        starts, ends, types = gold["start"].to_numpy(), gold["end"].to_numpy(), gold["type"].to_numpy()
        for row in name_runs(text):
            start, end = row[0], row[1]
            head = text.rfind(" ", start, end) + 1 or start
            holding = (starts <= max(head, start)) & (ends >= end)
            label = "other"
            if holding.any():
                k = min(holding.nonzero()[0], key=lambda i: ends[i] - starts[i])
                label = GUM_TYPES.get(types[k], "other")
            rows.append((doc_id, start, end, name_features(text, *row), row[4], label))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "features", "rule_type", "label"])


def _gum_sha256() -> dict[str, str]:
    from analysis.data.manifest import source

    return {e.url: e.sha256 for e in source("ud-gum-dev").files}


def build_name_model() -> tuple[dict, dict]:
    """Train :class:`NameTypeClassifier` on every name of GUM dev; returns ``(card, arrays)``."""
    examples = gum_name_examples()
    model = NameTypeClassifier().fit(examples["features"].tolist(), examples["label"])
    card, arrays = model.card()
    card["training"] = {"dataset": "ud-gum-dev", "names": len(examples),
                        "labels": examples["label"].value_counts().sort_index().to_dict()}
    return card, arrays


def packaged_name_model() -> tuple[dict, dict]:
    """The committed artefact with its version and training data (for ``models/``)."""
    card, arrays = build_name_model()
    return {**card, "version": NAME_MODEL_VERSION, "data_sha256": _gum_sha256(), "datasets": ["ud-gum-dev"]}, arrays


_NAME_MODEL_CACHE: list = []


def name_type_model() -> NameTypeClassifier | None:
    """The GUM-trained :class:`NameTypeClassifier` (artefact :data:`NAME_MODEL`, committed in
    ``models/``; rebuilt from ``ud-gum-dev`` when missing or stale and the data is local), or
    None when it can be neither read nor built (then :func:`proper_names` types by its rules)."""
    if not _NAME_MODEL_CACHE:
        from analysis import artefacts
        from analysis.data.fetch import is_available

        try:
            card, arrays = artefacts.load_or_build(
                NAME_MODEL, build_name_model, version=NAME_MODEL_VERSION, data_sha256=_gum_sha256(),
                what="proper-name type model", data_available=lambda: is_available("ud-gum-dev"))
            _NAME_MODEL_CACHE.append(NameTypeClassifier.from_card(card, arrays))
        except artefacts.ArtefactError:
            _NAME_MODEL_CACHE.append(None)
    return _NAME_MODEL_CACHE[0]


# --- tagged context: labels and roles --------------------------------------------------------

NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
HYPHENS = frozenset({"-", "–"})
NOMINAL = NOUNS | {"JJ", "JJR", "JJS"}
VERBS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
BE = frozenset("be is are was were been being am 's 're 'm ’s ’re ’m".split())
#: Tags and words after which a noun phrase starts a clause (so may be its subject).
CLAUSE_OPENERS = frozenset({",", ":", "``", "''", "WRB", "WDT", "WP", "-LRB-"})
_NOT_IN_APPOSITION = frozenset({"WDT", "WP", "WRB", "CC", "PRP", "``", "''"})
SUBORDINATORS = frozenset(
    "that while because although though after before since if as when whereas once unless until "
    "whether".split()
)


@dataclass
class _Sentence:
    starts: list[int]
    ends: list[int]
    words: list[str]
    tags: list[str]
    taken: set[int] = field(default_factory=set)  # tokens inside some mention

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """Token range ``[i, j)`` covering the characters ``[start, end)``."""
        return bisect_right(self.ends, start), bisect_right(self.starts, end - 1)


def _tagged(text: str, found: pd.DataFrame) -> dict[int, _Sentence]:
    """The tagged sentences that hold a mention, by sentence index, with mention tokens marked."""
    tagger, wanted, sentences = get_tagger(), set(found["sentence"]), {}
    for index, (start, end) in enumerate(sentence_spans(text)):
        if index in wanted:
            spans = token_spans(text, style="ptb", start=start, end=end)
            words = [text[s:e] for s, e in spans]
            starts, ends = [s for s, _ in spans], [e for _, e in spans]
            sentences[index] = _Sentence(starts, ends, words, tagger.tag(words))
    for sentence, start, end in zip(found["sentence"], found["start"], found["end"]):
        sent = sentences[sentence]
        sent.taken.update(range(*sent.tokens(start, end)))
    return sentences


def _in_compound(sent: _Sentence, i: int, j: int, row) -> bool:
    """Is the mention ``[i, j)`` part of a hyphenated modifier ("DPRK-Russia summit",
    "U.S.-Japan-ROK bloc")? Then it has no labels and no role of its own."""
    if sent.starts[i] != row.start or sent.ends[j - 1] != row.end:
        return True
    before = sent.words[i - 1] if i > 0 else ""
    after = sent.words[j] if j < len(sent.words) else ""
    return before in HYPHENS or after in HYPHENS


def _premodifiers(sent: _Sentence, i: int) -> int:
    """Start of the run of adjectives and nouns right before token ``i`` ("Russian President");
    capitalised participles count ("Respected Comrade"); the run stops at another mention."""
    k = i
    while k > 0 and k - 1 not in sent.taken:
        tag, word = sent.tags[k - 1], sent.words[k - 1]
        if not (tag in NOMINAL or tag == "HYPH" or (tag in {"VBN", "VBG"} and word[:1].isupper())):
            break
        k -= 1
    return k


def _possessed(sent: _Sentence, i: int, j: int) -> int | None:
    """End (exclusive) of the noun phrase possessed by the mention ``[i, j)`` ("Russia's Embassy",
    "his sanctioned regime"): the run of adjectives, nouns, numbers and participles after ``'s``
    or a possessive pronoun, cut after its last noun; a modifier after a noun starts another
    phrase ("body | last month"). None if the mention is not a possessor."""
    if sent.tags[i] == "PRP$":
        k = j
    elif j < len(sent.tags) and sent.tags[j] == "POS":
        k = j + 1
    else:
        return None
    head = None
    while k < len(sent.tags) and sent.tags[k] in NOMINAL | {"CD", "HYPH", "VBN", "VBG"}:
        if sent.tags[k] in NOUNS:
            head = k + 1
        elif head is not None:
            break
        k += 1
    return head


def _apposition(sent: _Sentence, j: int) -> tuple[int, int] | None:
    """Tokens ``[a, b)`` of an apposition after the mention ending at token ``j``: a comma, then a
    noun phrase (with a common noun, no finite verb, no relative pronoun, no conjunction) up to
    the next comma or the sentence's final punctuation."""
    tags = sent.tags
    if j >= len(tags) or tags[j] != ",":
        return None
    b = j + 1
    while b < len(tags) and tags[b] not in {",", "."}:
        b += 1
    inside = tags[j + 1 : b]
    if not inside or inside[0] not in NOMINAL | {"DT", "PRP$", "CD"}:
        return None
    if not {"NN", "NNS"} & set(inside) or set(inside) & (FINITE | _NOT_IN_APPOSITION):
        return None
    return j + 1, b


def _phrase(sent: _Sentence, row) -> tuple[int, int, int | None]:
    """``(left, right, head)``: the noun phrase whose role the mention gets, and the possessed
    head noun when the mention is a possessor."""
    i, j = sent.tokens(row.start, row.end)
    left = i if row.found == "coreference: pronoun" else _premodifiers(sent, i)
    if left > 0 and sent.tags[left - 1] in {"DT", "PDT"} and left - 1 not in sent.taken:
        left -= 1
    possessed = _possessed(sent, i, j)
    return left, possessed or j, None if possessed is None else possessed - 1


def _provenance(function: str) -> dict:
    """``DataFrame.attrs`` entry: the instrument and the tagger's held-out accuracy."""
    accuracy = get_tagger().meta["held_out_accuracy"]["all"]
    return {"instrument": f"analysis.framing.actors.{function}", "tagger_accuracy": accuracy}


def _label_spans(sent: _Sentence, row) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of each label of one mention (see :func:`labels`)."""
    i, j = sent.tokens(row.start, row.end)
    if _in_compound(sent, i, j, row):
        return []
    if row.found == "coreference: pronoun":
        end = _possessed(sent, i, j)
        return [] if end is None else [("possessive", row.start, sent.ends[end - 1])]
    spans = []
    if row.found == "coreference: title":
        the = len("the ") if row.surface.lower().startswith("the ") else 0
        spans.append(("description", row.start + the, row.end))
    elif (k := _premodifiers(sent, i)) < i:
        spans.append(("title", sent.starts[k], sent.ends[i - 1]))
    left = _phrase(sent, row)[0]
    if not (left > 0 and sent.tags[left - 1] in {"IN", "TO"}) and (appos := _apposition(sent, j)):
        spans.append(("apposition", sent.starts[appos[0]], sent.ends[appos[1] - 1]))
    if (end := _possessed(sent, i, j)) is not None:
        spans.append(("possessive", row.start, sent.ends[end - 1]))
    return spans


LABEL_COLUMNS = [
    "mention_id", "sentence", "surface", "actor", "kind", "label", "label_start", "label_end"
]


def labels(text: str, actors: Actors | None = DEFAULT_ACTORS, *, date=None,
           discover: bool = False) -> pd.DataFrame:
    """Epithets and labels attached to each mention of :func:`mentions`, one row per label.

    Columns: ``mention_id``, ``sentence``, ``surface``, ``actor``, ``kind``, ``label``,
    ``label_start``, ``label_end`` (``text[label_start:label_end] == label``). Kinds, read from
    Penn Treebank tags (:func:`analysis.tagger.tag`):

    * "title": adjectives and nouns right before the name ("Russian President" Vladimir Putin,
      "North Korean leader" Kim Jong Un, "Respected Comrade" Kim Jong Un; a capitalised
      participle counts; a determiner or another mention ends the run);
    * "description": the title a mention referred by ("The North Korean leader"), without "the";
    * "apposition": a noun phrase between commas right after the name ("Sergei Lavrov,
      Russia's foreign minister,"): it must hold a common noun and no finite verb, relative
      pronoun or conjunction, which keeps out lists ("Russia, China and Japan") and clauses;
      a name after a preposition gets none ("the leader of Russia, the chairman of ..."
      describes the leader);
    * "possessive": the phrase the actor possesses, with the possessor ("his sanctioned regime",
      "Russia's Embassy"), up to its last noun.

    Caveats: no parser, so a label is what the tag pattern spans; tagging errors lengthen or
    cut it (a verb tagged as a plural noun joins a possessive phrase), and post-nominal
    modifiers ("Embassy in Pyongyang") are not included. Method of the mentions: module docstring.
    """
    found = mentions(text, actors, date=date, discover=discover)
    sentences = _tagged(text, found)
    rows = [
        (row.mention_id, row.sentence, row.surface, row.actor, kind, text[start:end], start, end)
        for row in found.itertuples(index=False)
        for kind, start, end in _label_spans(sentences[row.sentence], row)
    ]
    frame = pd.DataFrame(rows, columns=LABEL_COLUMNS)
    frame.attrs["actors"] = _provenance("labels")
    return frame


def _verbs_after(sent: _Sentence, q: int) -> tuple[int, int] | None:
    """A verb group ``[a, b)`` from token ``q`` on (adverbs skipped), its first verb finite."""
    while q < len(sent.tags) and sent.tags[q] == "RB":
        q += 1
    if q >= len(sent.tags) or sent.tags[q] not in FINITE:
        return None
    b = q + 1
    while b < len(sent.tags) and (sent.tags[b] in VERBS or sent.tags[b] == "RB"):
        b += 1
    while sent.tags[b - 1] == "RB":
        b -= 1
    return q, b


def _verbs_before(sent: _Sentence, p: int) -> tuple[int, int]:
    """The verb group ending at verb token ``p``: ``[a, p + 1)``."""
    a = p
    while a > 0 and (sent.tags[a - 1] in VERBS or sent.tags[a - 1] == "RB"):
        a -= 1
    while sent.tags[a] == "RB":
        a += 1
    return a, p + 1


def _passive(sent: _Sentence, a: int, b: int) -> bool:
    return sent.tags[b - 1] == "VBN" and any(w.lower() in BE for w in sent.words[a : b - 1])


def _opens_clause(sent: _Sentence, p: int) -> bool:
    """May a noun phrase after token ``p`` be a subject? After a sentence start, a comma, a quote,
    "where", "who", a subordinator ("while", "that") or a verb ("said Moscow was wrong"); after
    "and"/"or" only when the conjunct before it may be one too ("Ivanov and Ri held", not
    "between Russia and North Korea opens")."""
    if p < 0 or sent.tags[p] in CLAUSE_OPENERS | VERBS or sent.words[p].lower() in SUBORDINATORS:
        return True
    if sent.tags[p] != "CC":
        return False
    k = p
    while k > 0 and sent.tags[k - 1] in NOMINAL | {"DT", "PRP", "PRP$", "POS", "HYPH"}:
        k -= 1
    return k < p and _opens_clause(sent, k - 1)


def _skip_to_verb(sent: _Sentence, q: int) -> int:
    """Skip what may stand between a subject and its verb: an apposition, a prepositional phrase
    with a name ("Embassy in Pyongyang"), or "and" plus a second noun phrase."""
    tags, words, n = sent.tags, sent.words, len(sent.tags)
    appos = _apposition(sent, q)
    if appos and appos[1] < n and tags[appos[1]] == ",":
        q = appos[1] + 1
    if q < n and words[q].lower() in {"in", "of", "at", "from"}:
        r = q + 1 + (q + 1 < n and tags[q + 1] == "DT")
        if r < n and tags[r] in {"NNP", "NNPS"}:
            while r < n and tags[r] in {"NNP", "NNPS"}:
                r += 1
            q = r
    if q < n and words[q].lower() in {"and", "or"}:
        r = q + 1
        while r < n and (tags[r] in NOMINAL or tags[r] in {"DT", "PRP$", "POS", "HYPH"}):
            r += 1
        if r > q + 1 and _verbs_after(sent, r):
            q = r
    return q


ROLE_COLUMNS = [
    "mention_id", "sentence", "surface", "actor", "role", "verb", "verb_phrase", "via", "pattern"
]


def _role(sent: _Sentence, row) -> tuple:
    """``(role, verb, verb phrase, via, pattern)`` of one mention (see :func:`roles`)."""
    if _in_compound(sent, *sent.tokens(row.start, row.end), row):
        return "other", None, None, None, "part of a hyphenated modifier"
    left, right, head = _phrase(sent, row)
    via = None if head is None else sent.words[head]
    tags, words, p = sent.tags, sent.words, left - 1

    def phrase(a: int, b: int) -> str:
        return " ".join(words[a:b])

    if _opens_clause(sent, p) and (group := _verbs_after(sent, _skip_to_verb(sent, right))):
        a, b = group
        if words[b - 1].lower() in BE:
            return "other", words[b - 1], phrase(a, b), via, "subject of a copula"
        if _passive(sent, a, b):
            return "patient", words[b - 1], phrase(a, b), via, "subject of a passive verb"
        return "agent", words[b - 1], phrase(a, b), via, "subject of an active verb"
    if p >= 0 and tags[p] in VERBS - {"MD"}:
        a, b = _verbs_before(sent, p)
        if not _passive(sent, a, b):
            return "patient", words[p], phrase(a, b), via, "object of an active verb"
    if p > 0 and words[p].lower() == "by":
        verb = max((k for k in range(p) if tags[k] in VERBS), default=None)
        if verb is not None and _passive(sent, *_verbs_before(sent, verb)):
            a, b = _verbs_before(sent, verb)
            return "agent", words[verb], phrase(a, b), via, "by-phrase of a passive verb"
    return "other", None, None, via, "none"


def roles(text: str, actors: Actors | None = DEFAULT_ACTORS, *, date=None,
          discover: bool = False) -> pd.DataFrame:
    """The semantic role of each mention of :func:`mentions`: "agent", "patient" or "other".

    Columns: ``mention_id``, ``sentence``, ``surface``, ``actor``, ``role``, ``verb`` (the main
    verb), ``verb_phrase`` (with its auxiliaries: "has given", "was awarded"), ``via`` (the head
    noun when the actor acts through what it possesses: "Russia's ambassador handed" gives
    Russia agent via "ambassador"), ``pattern`` (which rule fired). Every mention has a row.

    The mention's noun phrase runs from its titles (and a determiner) to the possessed head
    noun if any. Rules, on Penn Treebank tags (:func:`analysis.tagger.tag`), first match wins:

    1. the phrase may open a clause (after a sentence start, comma, quote, "where", "who",
       "while", "that", ..., a verb: "said Moscow was wrong", or "and" after another such
       phrase: "Ivanov and Ri held") and a finite verb group
       follows, after an optional apposition, "in/of/at/from" + name, or "and" + noun phrase:
       subject, so "agent" of an active verb, "patient" of a passive one ("Kim was awarded"),
       "other" of a copula ("Kim was ill");
    2. a verb right before the phrase, in an active group: "patient" (direct or indirect object:
       "has given North Korean leader Kim Jong Un a medal");
    3. "by" after a passive verb group earlier in the sentence: "agent" ("was awarded a medal
       by Putin");
    4. otherwise "other" (objects of prepositions, possessors of non-arguments, ...).

    Caveats: a heuristic without a parser (Jurafsky & Martin, *Speech and Language Processing*,
    3rd ed. draft, ch. 21 for what semantic role labelling does properly): subjects separated
    from their verb by clauses, relative clauses, subjects of infinitives and objects of
    prepositional verbs ("met with Putin") come out as "other"; a verb mis-tagged as a noun
    ("agency reports/NNS") loses its subject.
    """
    found = mentions(text, actors, date=date, discover=discover)
    sentences = _tagged(text, found)
    rows = [
        (row.mention_id, row.sentence, row.surface, row.actor, *_role(sentences[row.sentence], row))
        for row in found.itertuples(index=False)
    ]
    frame = pd.DataFrame(rows, columns=ROLE_COLUMNS)
    frame.attrs["actors"] = _provenance("roles")
    return frame
